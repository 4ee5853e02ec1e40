//! A figure in words: what is drawn, each series' range and peak, and the data points, in
//! the page's language (the SVG's `<desc>` and the image's alt text).

use crate::i18n::{self, Lang};
use crate::lesson::{signal_label, FigureSpec, Rgb};
use crate::network::Network;

use super::sampled::Data;
use super::ticks::{tick_label, TickFormat};

/// One sentence per series: what is drawn, its range, and where it peaks (the `template` made
/// in the page's language, its slots filled from `data`). Inputs are written with the decimals
/// that tell the input range's ends apart, a series' values with those that tell its lowest and
/// highest apart (as an axis's ticks are, [`TickFormat`]): on a narrow axis, "from 0 to 0.000002",
/// not "from 0 to 0".
pub fn describe(template: &DescriptionTemplate, data: &Data) -> String {
    let mut d = template.head.clone();
    let ends: Vec<f64> = (data.inputs.first().into_iter())
        .chain(data.inputs.last())
        .copied()
        .collect();
    let x = TickFormat::labelled(&ends).0;
    for (s, sentence) in template.series.iter().enumerate() {
        let column = data.columns[s];
        let (mut lo, mut hi) = ((0.0, f64::INFINITY), (0.0, f64::NEG_INFINITY));
        for (x, &v) in data.inputs.iter().zip(column) {
            if v < lo.1 {
                lo = (*x, v);
            }
            if v > hi.1 {
                hi = (*x, v);
            }
        }
        let first = column.first().copied().unwrap_or(0.0);
        let last = column.last().copied().unwrap_or(0.0);
        let y = match column.is_empty() {
            true => TickFormat::labelled(&[]).0,
            false => TickFormat::labelled(&[lo.1, hi.1]).0,
        };
        // Each slot filled in one pass over the sentence.
        let mut rest = sentence.as_str();
        while let Some((before, after)) = rest.split_once(SLOT_OPEN) {
            let Some((key, next)) = after.split_once(SLOT_CLOSE) else {
                break;
            };
            d.push_str(before);
            let (value, format) = match key {
                "first" => (first, y),
                "last" => (last, y),
                "lo" => (lo.1, y),
                "lo_x" => (lo.0, x),
                "hi" => (hi.1, y),
                "hi_x" => (hi.0, x),
                _ => {
                    d.push_str(&slot(key));
                    rest = next;
                    continue;
                }
            };
            d.push_str(&format.label(value));
            rest = next;
        }
        d.push_str(rest);
    }
    d.push_str(&template.tail);
    d
}

/// A figure's description with each series' numbers left as slots ([`slot`]): what the
/// page's script fills in for other parameters.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DescriptionTemplate {
    pub head: String,
    pub series: Vec<String>,
    pub tail: String,
}

/// Where a number goes in a [`DescriptionTemplate`]: `first`, `last`, `lo`, `lo_x`, `hi`,
/// `hi_x` between [`SLOT_OPEN`] and [`SLOT_CLOSE`].
pub fn slot(key: &str) -> String {
    format!("{SLOT_OPEN}{key}{SLOT_CLOSE}")
}

/// The marks around a slot: private-use characters (U+E000, U+E001) no label holds.
const SLOT_OPEN: char = '\u{E000}';
const SLOT_CLOSE: char = '\u{E001}';

/// What a chart's input is called in words (its description, the page's readout): the x axis's
/// title. (An axis drawn without a title, `x_label = ""`, is still named: by the input's label.)
pub fn x_name<'a>(spec: &'a FigureSpec, network: &'a Network) -> &'a str {
    let input = &network.input;
    [
        spec.x_label.as_str(),
        input.label.as_str(),
        input.name.as_str(),
    ]
    .into_iter()
    .find(|x| !x.trim().is_empty())
    .unwrap_or_default()
}

/// The description of a figure in language `lang`, its numbers as slots.
pub fn template(spec: &FigureSpec, network: &Network, lang: Lang) -> DescriptionTemplate {
    let input = &network.input;
    let x = x_name(spec, network);
    let range = TickFormat::labelled(&[input.from, input.to]).1;
    let head = i18n::sentence(
        lang,
        "chart",
        &[("x", x), ("from", &range[0]), ("to", &range[1])],
    );
    let slots: Vec<(&str, String)> = ["first", "last", "lo", "lo_x", "hi", "hi_x"]
        .into_iter()
        .map(|k| (k, slot(k)))
        .collect();
    let series = spec
        .series
        .iter()
        .map(|series| {
            let shown;
            let name = match &series.label {
                Some(label) => label.as_str(),
                None => {
                    shown = signal_label(network, &series.signal, lang);
                    shown.as_str()
                }
            };
            let color = line_name(series.color, lang);
            let mut values: Vec<(&str, &str)> = vec![("name", name), ("color", &color), ("x", x)];
            values.extend(slots.iter().map(|(k, v)| (*k, v.as_str())));
            i18n::sentence(lang, "chart_series", &values)
        })
        .collect();
    let mut tail = String::new();
    if !spec.points.is_empty() {
        let pts: Vec<String> = spec
            .points
            .iter()
            .map(|(x, y)| format!("({}, {})", tick_label(*x), tick_label(*y)))
            .collect();
        let label = spec
            .points_label
            .as_deref()
            .unwrap_or(i18n::text(lang, "data_points"));
        tail = i18n::sentence(
            lang,
            "chart_points",
            &[
                ("label", label),
                ("points", &pts.join(i18n::text(lang, "list"))),
            ],
        );
    }
    DescriptionTemplate { head, series, tail }
}

/// How a series' colour is named in a description: "blue line", "蓝线", or `#rrggbb`.
pub(super) fn line_name(color: Rgb, lang: Lang) -> String {
    match Rgb::NAMED.iter().find(|(_, c)| *c == color) {
        Some((name, _)) => i18n::sentence(lang, "line", &[("color", i18n::text(lang, name))]),
        None => color.to_string(),
    }
}
