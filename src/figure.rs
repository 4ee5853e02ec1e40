//! Figures: a figure block's signals sampled over the input range, drawn as an accessible SVG
//! with plotters, and the same data as CSV.

use std::sync::Once;

use plotters::prelude::*;
use plotters::style::FontStyle;

use crate::error::Diagnostic;
use crate::i18n;
use crate::lesson::{FigureSpec, Rgb};
use crate::network::{Network, Samples, Signal};
use crate::text::{clean, escape, format_number, push_number};

mod svg;
use svg::SvgWriter;

/// Figure size in CSS pixels (the SVG scales down on narrow screens).
pub const WIDTH: u32 = 480;
pub const HEIGHT: u32 = 320;
/// The largest value a figure draws (beyond it, plotters' pixel arithmetic would overflow).
pub const MAX_VALUE: f64 = 1e12;
/// Approximate height of the plotting area, used to bound the sampling error to half a pixel.
const PLOT_HEIGHT: f64 = 220.0;

static FONT: &[u8] = include_bytes!("font/DejaVuSans.ttf");
static REGISTER_FONT: Once = Once::new();

/// A drawn figure: its SVG, its CSV data and a text description.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub id: String,
    pub svg: String,
    pub csv: String,
    /// What the figure shows, in words (the SVG's `<desc>` and the image's alt text).
    pub description: String,
    pub width: u32,
    pub height: u32,
}

fn register_font() {
    REGISTER_FONT.call_once(|| {
        // The font is embedded and known to be valid; a failure would show as a drawing error.
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, FONT);
    });
}

/// Sample, draw and describe one figure; its description is in language `lang`.
pub fn draw(spec: &FigureSpec, network: &Network, lang: &str) -> Result<Figure, Diagnostic> {
    let signals: Vec<Signal> = spec.series.iter().map(|s| s.signal.clone()).collect();
    // A first pass on the grid and kinks; it is exact for piecewise-linear networks. For smooth
    // ones it fixes the y range, and a second pass refines the curves to half a pixel of it.
    let coarse = network.sample(&signals, 0.0);
    let samples = if network.is_piecewise_linear() {
        coarse
    } else {
        let (lo, hi) = y_range(coarse.values.iter().map(Vec::as_slice), &spec.points);
        network.sample(&signals, 0.5 * (hi - lo) / PLOT_HEIGHT)
    };
    let every: Vec<usize> = (0..signals.len()).collect();
    draw_sampled(spec, network, &Sampled::new(samples).data(&every), lang)
}

/// Signals sampled for one or more figures, each number also written as text once, for every
/// CSV file that lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sampled {
    samples: Samples,
    /// The inputs, then each signal's values.
    written: Vec<Written>,
}

impl Sampled {
    pub fn new(samples: Samples) -> Sampled {
        let written = std::iter::once(&samples.inputs)
            .chain(&samples.values)
            .map(|column| Written::new(column))
            .collect();
        Sampled { samples, written }
    }

    /// What a figure showing signals `columns` (indexes into the samples, in the figure's
    /// order) draws.
    pub fn data(&self, columns: &[usize]) -> Data<'_> {
        Data {
            inputs: &self.samples.inputs,
            columns: columns
                .iter()
                .map(|&c| self.samples.values[c].as_slice())
                .collect(),
            text: std::iter::once(&self.written[0])
                .chain(columns.iter().map(|&c| &self.written[c + 1]))
                .collect(),
        }
    }
}

/// Numbers written out as text.
#[derive(Debug, Clone, PartialEq)]
struct Written {
    text: String,
    ends: Vec<usize>,
}

impl Written {
    fn new(values: &[f64]) -> Written {
        let mut text = String::with_capacity(values.len() * 12);
        let mut ends = Vec::with_capacity(values.len());
        for &v in values {
            push_number(&mut text, v);
            ends.push(text.len());
        }
        Written { text, ends }
    }

    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }
}

/// What one figure draws: the sampled inputs, one column of values per series (in the
/// figure's order), and the same numbers as text (made by [`Sampled::data`]).
#[derive(Debug, Clone)]
pub struct Data<'a> {
    inputs: &'a [f64],
    columns: Vec<&'a [f64]>,
    /// The inputs, then each column.
    text: Vec<&'a Written>,
}

impl Data<'_> {
    fn points(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.columns
            .iter()
            .flat_map(|c| self.inputs.iter().copied().zip(c.iter().copied()))
    }
}

/// Draw a figure from its data; its description is in language `lang`.
pub fn draw_sampled(
    spec: &FigureSpec,
    network: &Network,
    data: &Data,
    lang: &str,
) -> Result<Figure, Diagnostic> {
    register_font();
    let (lo, hi) = y_range(data.columns.iter().copied(), &spec.points);
    if lo.abs() > MAX_VALUE || hi.abs() > MAX_VALUE {
        return Err(Diagnostic::new(format!(
            "figure `{}` reaches {:e}, too large to draw",
            spec.id,
            if lo.abs() > hi.abs() { lo } else { hi }
        ))
        .expected(format!("values between −{MAX_VALUE:e} and {MAX_VALUE:e}"))
        .hint("check the weights, or plot a signal with smaller values"));
    }
    let pad = 0.05 * (hi - lo);
    let (y0, y1) = (lo - pad, hi + pad);
    let (x0, x1) = (network.input.from, network.input.to);
    let xpad = 0.02 * (x1 - x0);

    let mut svg = String::new();
    {
        let root = SvgWriter::new(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        let fail =
            |e: String| Diagnostic::new(format!("figure `{}` could not be drawn: {e}", spec.id));
        root.fill(&WHITE).map_err(|e| fail(e.to_string()))?;
        let mut builder = ChartBuilder::on(&root);
        builder
            .margin(12)
            .x_label_area_size(46)
            .y_label_area_size(62);
        if !spec.title.is_empty() {
            builder.caption(clean(&spec.title), ("sans-serif", 24));
        }
        let mut chart = builder
            .build_cartesian_2d(x0 - xpad..x1 + xpad, y0..y1)
            .map_err(|e| fail(e.to_string()))?;
        let tick = |v: &f64| tick_label(*v);
        chart
            .configure_mesh()
            .max_light_lines(0)
            .bold_line_style(RGBColor(0xe4, 0xe4, 0xe4))
            .axis_style(RGBColor(0x55, 0x55, 0x55))
            .x_labels(6)
            .y_labels(6)
            .x_label_formatter(&tick)
            .y_label_formatter(&tick)
            .label_style(("sans-serif", 18))
            .axis_desc_style(("sans-serif", 19))
            .x_desc(clean(&spec.x_label))
            .y_desc(clean(&spec.y_label))
            .draw()
            .map_err(|e| fail(e.to_string()))?;
        let mut legend = false;
        for (s, series) in spec.series.iter().enumerate() {
            let color = rgb(series.color);
            let points: Vec<(f64, f64)> = data
                .inputs
                .iter()
                .copied()
                .zip(data.columns[s].iter().copied())
                .collect();
            let line = LineSeries::new(straighten(&points, y1 - y0), color.stroke_width(3));
            let drawn = chart.draw_series(line).map_err(|e| fail(e.to_string()))?;
            if let Some(label) = &series.label {
                legend = true;
                drawn.label(measured(label)).legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 22, y)], color.stroke_width(3))
                });
            }
        }
        if !spec.points.is_empty() {
            let color = RGBColor(0x22, 0x22, 0x22);
            let drawn = chart
                .draw_series(
                    spec.points
                        .iter()
                        .filter(|(x, _)| *x >= x0 - xpad && *x <= x1 + xpad)
                        .map(|&(x, y)| Circle::new((x, y), 5, color.filled())),
                )
                .map_err(|e| fail(e.to_string()))?;
            if let Some(label) = &spec.points_label {
                legend = true;
                drawn
                    .label(measured(label))
                    .legend(move |(x, y)| Circle::new((x + 11, y), 5, color.filled()));
            }
        }
        if legend {
            chart
                .configure_series_labels()
                .position(legend_corner(
                    data,
                    &spec.points,
                    (x0 - xpad, x1 + xpad),
                    (y0, y1),
                ))
                .background_style(WHITE.mix(0.85))
                .border_style(RGBColor(0xbb, 0xbb, 0xbb))
                .label_font(("sans-serif", 17))
                .draw()
                .map_err(|e| fail(e.to_string()))?;
        }
        root.present().map_err(|e| fail(e.to_string()))?;
    }
    let description = describe(spec, network, data, lang);
    let title = if spec.title.is_empty() {
        i18n::text(lang, "figure")
    } else {
        spec.title.as_str()
    };
    Ok(Figure {
        id: spec.id.clone(),
        svg: accessible(&svg, title, &description),
        csv: csv(spec, network, data),
        description,
        width: WIDTH,
        height: HEIGHT,
    })
}

/// Drop the points that lie on the straight line through their neighbours (to `1e-9` of the
/// y range), so that straight pieces are drawn as one segment, not as a row of rounded pixels.
fn straighten(points: &[(f64, f64)], y_span: f64) -> Vec<(f64, f64)> {
    let mut kept: Vec<(f64, f64)> = Vec::with_capacity(points.len());
    for (i, &p) in points.iter().enumerate() {
        if let (Some(&a), Some(&b)) = (kept.last(), points.get(i + 1)) {
            let on_line = a.1 + (b.1 - a.1) * (p.0 - a.0) / (b.0 - a.0);
            if (p.1 - on_line).abs() <= 1e-9 * y_span {
                continue;
            }
        }
        kept.push(p);
    }
    kept
}

/// The corner of the plot where the legend hides the fewest drawn points.
fn legend_corner(
    data: &Data,
    points: &[(f64, f64)],
    (x0, x1): (f64, f64),
    (y0, y1): (f64, f64),
) -> SeriesLabelPosition {
    let drawn: Vec<(f64, f64)> = data
        .points()
        .chain(points.iter().copied())
        .map(|(x, y)| ((x - x0) / (x1 - x0), (y - y0) / (y1 - y0)))
        .collect();
    // Candidate corners as (left, right, bottom, top) in unit coordinates, in order of preference.
    let corners = [
        (SeriesLabelPosition::UpperRight, (0.55, 1.0, 0.7, 1.0)),
        (SeriesLabelPosition::UpperLeft, (0.0, 0.45, 0.7, 1.0)),
        (SeriesLabelPosition::LowerRight, (0.55, 1.0, 0.0, 0.3)),
        (SeriesLabelPosition::LowerLeft, (0.0, 0.45, 0.0, 0.3)),
    ];
    let hidden = |(l, r, b, t): (f64, f64, f64, f64)| {
        drawn
            .iter()
            .filter(|(x, y)| *x >= l && *x <= r && *y >= b && *y <= t)
            .count()
    };
    corners
        .into_iter()
        .min_by_key(|(_, area)| hidden(*area))
        .map_or(SeriesLabelPosition::UpperRight, |(p, _)| p)
}

/// A legend label padded for layout: the embedded font has no CJK glyphs, so plotters would
/// measure each wide character at about 0.6 em while browsers draw it 1 em wide. Trailing em
/// spaces (which SVG does not display) make up the difference, so the legend box fits.
fn measured(label: &str) -> String {
    let wide = label.chars().filter(|c| is_wide(*c)).count();
    let mut out = clean(label);
    out.extend(std::iter::repeat_n('\u{2003}', (wide * 9).div_ceil(20)));
    out
}

/// East Asian wide characters (CJK ideographs, kana, hangul, full-width forms).
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// The smallest and largest value drawn; a flat figure gets a unit range around its value.
fn y_range<'a>(columns: impl IntoIterator<Item = &'a [f64]>, points: &[(f64, f64)]) -> (f64, f64) {
    let values = columns
        .into_iter()
        .flat_map(|c| c.iter().copied())
        .chain(points.iter().map(|p| p.1))
        .filter(|v| v.is_finite());
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !(lo.is_finite() && hi.is_finite()) {
        (-1.0, 1.0)
    } else if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
        (lo - 1.0, hi + 1.0)
    } else {
        (lo, hi)
    }
}

/// An axis tick: up to three decimals, trailing zeros dropped, a true minus sign.
fn tick_label(v: f64) -> String {
    // Ticks are round numbers: when the shortest form has at most three decimals it is the
    // answer (below 1e12 a double is within 0.0001 of it, so rounding to three decimals
    // gives the same digits). Otherwise round with `format!`.
    if v.abs() < 1e12 {
        let mut s = String::new();
        push_number(&mut s, v);
        if s.split_once('.')
            .is_none_or(|(_, decimals)| decimals.len() <= 3)
        {
            return match s.strip_prefix('-') {
                Some("0") => "0".to_string(),
                Some(rest) => format!("\u{2212}{rest}"),
                None => s,
            };
        }
    }
    rounded_label(v)
}

/// `v` rounded to three decimals, trailing zeros dropped, a true minus sign: what a tick
/// label is, by definition.
fn rounded_label(v: f64) -> String {
    let s = format_number(v, 3);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "\u{2212}" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// One sentence per series: what is drawn, its range, and where it peaks; in language `lang`.
fn describe(spec: &FigureSpec, network: &Network, data: &Data, lang: &str) -> String {
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
fn line_name(color: Rgb, lang: &str) -> String {
    match Rgb::NAMED.iter().find(|(_, c)| *c == color) {
        Some((name, _)) => i18n::sentence(lang, "line", &[("color", i18n::text(lang, name))]),
        None => color.to_string(),
    }
}

/// The figure's colours in dark mode: the SVG follows the reader's colour scheme by itself, so
/// one file serves both themes.
const DARK_STYLE: &str = "<style>@media (prefers-color-scheme: dark) {\
rect[fill=\"#FFFFFF\"] { fill: #0d1117; } text { fill: #e6edf3; } \
[stroke=\"#E4E4E4\"] { stroke: #30363d; } [stroke=\"#555555\"] { stroke: #8b949e; } \
[stroke=\"#BBBBBB\"] { stroke: #484f58; } [fill=\"#222222\"] { fill: #e6edf3; } \
[stroke=\"#1F77B4\"] { stroke: #4aa3ff; } [stroke=\"#2CA02C\"] { stroke: #3fbf4f; } \
[stroke=\"#000000\"] { stroke: #e6edf3; } }</style>\n";

/// Give the SVG `role="img"`, a `<title>` and a `<desc>` (and its dark-mode colours).
fn accessible(svg: &str, title: &str, description: &str) -> String {
    let Some(open) = svg.find("<svg") else {
        return svg.to_string();
    };
    let Some(close) = svg[open..].find('>').map(|i| open + i) else {
        return svg.to_string();
    };
    format!(
        "{}<svg role=\"img\" aria-labelledby=\"title desc\"{}>\n<title id=\"title\">{}</title>\n<desc id=\"desc\">{}</desc>\n{DARK_STYLE}{}",
        &svg[..open],
        &svg[open + 4..close],
        escape(title),
        escape(description),
        &svg[close + 1..]
    )
}

/// The drawn data as CSV: the input, one column per series, and the data points if any.
fn csv(spec: &FigureSpec, network: &Network, data: &Data) -> String {
    let mut header = vec![csv_field(&network.input.name)];
    header.extend(spec.series.iter().map(|s| csv_field(&s.signal.name)));
    if !spec.points.is_empty() {
        header.push("observed".to_string());
    }
    let mut out = header.join(",");
    out.push('\n');
    let (x_text, columns) = (data.text[0], &data.text[1..]);
    out.reserve(
        x_text.text.len()
            + columns
                .iter()
                .map(|c| c.text.len() + c.ends.len())
                .sum::<usize>(),
    );
    let mut points: Vec<(f64, f64)> = spec.points.clone();
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut p = 0;
    let write_point = |out: &mut String, y: Option<f64>| {
        if !spec.points.is_empty() {
            out.push(',');
            if let Some(y) = y {
                push_number(out, y);
            }
        }
    };
    for (i, x) in data.inputs.iter().enumerate() {
        while p < points.len() && points[p].0 < *x {
            push_number(&mut out, points[p].0);
            out.push_str(&",".repeat(spec.series.len()));
            write_point(&mut out, Some(points[p].1));
            out.push('\n');
            p += 1;
        }
        out.push_str(x_text.get(i));
        for column in columns {
            out.push(',');
            out.push_str(column.get(i));
        }
        let mut observed = None;
        if p < points.len() && points[p].0 == *x {
            observed = Some(points[p].1);
            p += 1;
        }
        write_point(&mut out, observed);
        out.push('\n');
        while p < points.len() && points[p].0 == *x {
            push_number(&mut out, *x);
            out.push_str(&",".repeat(spec.series.len()));
            write_point(&mut out, Some(points[p].1));
            out.push('\n');
            p += 1;
        }
    }
    for &(x, y) in &points[p..] {
        push_number(&mut out, x);
        out.push_str(&",".repeat(spec.series.len()));
        write_point(&mut out, Some(y));
        out.push('\n');
    }
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
#[cfg(test)]
mod tests {
    use super::{rounded_label, tick_label};

    #[test]
    fn tick_labels_are_numbers_rounded_to_three_decimals() {
        let mut values = vec![
            0.0, -0.0, 1.0, -1.0, 0.5, 0.25, 0.125, 0.0625, -0.0005, 0.0005,
        ];
        for k in -6..14 {
            for m in [1.0, 2.0, 2.5, 5.0, 7.5] {
                let step = m * 10f64.powi(k);
                values.extend((-12..=12).map(|i| f64::from(i) * step));
            }
        }
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let unit = (state >> 11) as f64 / (1u64 << 53) as f64;
            values.push((unit - 0.5) * 10f64.powi((state % 30) as i32 - 8));
        }
        for v in values {
            assert_eq!(tick_label(v), rounded_label(v), "{v:e}");
        }
    }
}
