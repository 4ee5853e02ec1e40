//! A figure in words: what is drawn, each series' range and peak, and the data points, in
//! the page's language (the SVG's `<desc>` and the image's alt text).

use crate::i18n;
use crate::lesson::{FigureSpec, Rgb};
use crate::network::Network;

use super::sampled::Data;
use super::ticks::tick_label;

/// One sentence per series: what is drawn, its range, and where it peaks; in language `lang`.
pub fn describe(spec: &FigureSpec, network: &Network, data: &Data, lang: &str) -> String {
    let input = &network.input;
    let x = spec.x_label.as_str();
    let mut d = i18n::sentence(
        lang,
        "chart",
        &[
            ("x", x),
            ("from", &tick_label(input.from)),
            ("to", &tick_label(input.to)),
        ],
    );
    for (s, series) in spec.series.iter().enumerate() {
        let name = series.label.as_deref().unwrap_or(&series.signal.name);
        let (mut lo, mut hi) = ((0.0, f64::INFINITY), (0.0, f64::NEG_INFINITY));
        let column = data.columns[s];
        for (x, &v) in data.inputs.iter().zip(column) {
            if v < lo.1 {
                lo = (*x, v);
            }
            if v > hi.1 {
                hi = (*x, v);
            }
        }
        d.push_str(&i18n::sentence(
            lang,
            "chart_series",
            &[
                ("name", name),
                ("color", &line_name(series.color, lang)),
                ("first", &tick_label(column.first().copied().unwrap_or(0.0))),
                ("last", &tick_label(column.last().copied().unwrap_or(0.0))),
                ("lo", &tick_label(lo.1)),
                ("lo_x", &tick_label(lo.0)),
                ("hi", &tick_label(hi.1)),
                ("hi_x", &tick_label(hi.0)),
                ("x", x),
            ],
        ));
    }
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
        d.push_str(&i18n::sentence(
            lang,
            "chart_points",
            &[
                ("label", label),
                ("points", &pts.join(i18n::text(lang, "list"))),
            ],
        ));
    }
    d
}

/// How a series' colour is named in a description: "blue line", "蓝线", or `#rrggbb`.
pub(super) fn line_name(color: Rgb, lang: &str) -> String {
    match Rgb::NAMED.iter().find(|(_, c)| *c == color) {
        Some((name, _)) => i18n::sentence(lang, "line", &[("color", i18n::text(lang, name))]),
        None => color.to_string(),
    }
}
