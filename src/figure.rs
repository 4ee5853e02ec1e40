//! Figures: a figure block's signals sampled over the input range, drawn as an accessible SVG
//! with plotters, and the same data as CSV.

use std::fmt::Write as _;
use std::sync::Once;

use plotters::prelude::*;
use plotters::style::FontStyle;

use crate::error::Diagnostic;
use crate::lesson::{FigureSpec, Rgb};
use crate::network::{format_number, Network, Samples, Signal};

/// Figure size in CSS pixels (the SVG scales down on narrow screens).
pub const WIDTH: u32 = 560;
pub const HEIGHT: u32 = 360;
/// Approximate height of the plotting area, used to bound the sampling error to half a pixel.
const PLOT_HEIGHT: f64 = 260.0;

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

/// Sample, draw and describe one figure.
pub fn draw(spec: &FigureSpec, network: &Network) -> Result<Figure, Diagnostic> {
    register_font();
    let signals: Vec<Signal> = spec.series.iter().map(|s| s.signal.clone()).collect();
    // A first pass on the grid and kinks fixes the y range; then smooth curves are refined to
    // half a pixel of it.
    let coarse = network.sample(&signals, 0.0);
    let (lo, hi) = y_range(&coarse, &spec.points);
    let samples = network.sample(&signals, 0.5 * (hi - lo) / PLOT_HEIGHT);
    let (lo, hi) = y_range(&samples, &spec.points);
    let pad = 0.05 * (hi - lo);
    let (y0, y1) = (lo - pad, hi + pad);
    let (x0, x1) = (network.input.from, network.input.to);
    let xpad = 0.02 * (x1 - x0);

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        let fail =
            |e: String| Diagnostic::new(format!("figure `{}` could not be drawn: {e}", spec.id));
        root.fill(&WHITE).map_err(|e| fail(e.to_string()))?;
        let mut builder = ChartBuilder::on(&root);
        builder
            .margin(12)
            .x_label_area_size(44)
            .y_label_area_size(60);
        if !spec.title.is_empty() {
            builder.caption(&spec.title, ("sans-serif", 22));
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
            .label_style(("sans-serif", 16))
            .axis_desc_style(("sans-serif", 17))
            .x_desc(spec.x_label.as_str())
            .y_desc(spec.y_label.as_str())
            .draw()
            .map_err(|e| fail(e.to_string()))?;
        let mut legend = false;
        for (s, series) in spec.series.iter().enumerate() {
            let color = rgb(series.color);
            let line = LineSeries::new(
                samples.inputs.iter().copied().zip(samples.column(s)),
                color.stroke_width(3),
            );
            let drawn = chart.draw_series(line).map_err(|e| fail(e.to_string()))?;
            if let Some(label) = &series.label {
                legend = true;
                drawn.label(label.as_str()).legend(move |(x, y)| {
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
                        .map(|&(x, y)| Circle::new((x, y), 5, color.filled())),
                )
                .map_err(|e| fail(e.to_string()))?;
            if let Some(label) = &spec.points_label {
                legend = true;
                drawn
                    .label(label.as_str())
                    .legend(move |(x, y)| Circle::new((x + 11, y), 5, color.filled()));
            }
        }
        if legend {
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperRight)
                .background_style(WHITE.mix(0.85))
                .border_style(RGBColor(0xbb, 0xbb, 0xbb))
                .label_font(("sans-serif", 15))
                .draw()
                .map_err(|e| fail(e.to_string()))?;
        }
        root.present().map_err(|e| fail(e.to_string()))?;
    }
    let description = describe(spec, network, &samples);
    Ok(Figure {
        id: spec.id.clone(),
        svg: accessible(&svg, &spec.title, &description),
        csv: csv(spec, network, &samples),
        description,
        width: WIDTH,
        height: HEIGHT,
    })
}

fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// The smallest and largest value drawn; a flat figure gets a unit range around its value.
fn y_range(samples: &Samples, points: &[(f64, f64)]) -> (f64, f64) {
    let values = samples
        .values
        .iter()
        .flatten()
        .copied()
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
    let s = format_number(v, 3);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "\u{2212}" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// One sentence per series: what is drawn, its range, and where it peaks.
fn describe(spec: &FigureSpec, network: &Network, samples: &Samples) -> String {
    let input = &network.input;
    let mut d = format!(
        "Line chart over {} from {} to {}.",
        spec.x_label,
        tick_label(input.from),
        tick_label(input.to)
    );
    for (s, series) in spec.series.iter().enumerate() {
        let name = series.label.as_deref().unwrap_or(&series.signal.name);
        let (mut lo, mut hi) = ((0.0, f64::INFINITY), (0.0, f64::NEG_INFINITY));
        for (x, v) in samples.inputs.iter().zip(samples.column(s)) {
            if v < lo.1 {
                lo = (*x, v);
            }
            if v > hi.1 {
                hi = (*x, v);
            }
        }
        let _ = write!(
            d,
            " {name} ({}) goes from {} to {}; lowest {} at {} {}, highest {} at {} {}.",
            series.color,
            tick_label(samples.column(s).next().unwrap_or(0.0)),
            tick_label(samples.column(s).last().unwrap_or(0.0)),
            tick_label(lo.1),
            spec.x_label,
            tick_label(lo.0),
            tick_label(hi.1),
            spec.x_label,
            tick_label(hi.0),
        );
    }
    if !spec.points.is_empty() {
        let pts: Vec<String> = spec
            .points
            .iter()
            .map(|(x, y)| format!("({}, {})", tick_label(*x), tick_label(*y)))
            .collect();
        let label = spec.points_label.as_deref().unwrap_or("Data points");
        let _ = write!(d, " {label}: {}.", pts.join(", "));
    }
    d
}

/// Escape text for XML (SVG) and HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Give the SVG `role="img"`, a `<title>` and a `<desc>`.
fn accessible(svg: &str, title: &str, description: &str) -> String {
    let Some(open) = svg.find("<svg") else {
        return svg.to_string();
    };
    let Some(close) = svg[open..].find('>').map(|i| open + i) else {
        return svg.to_string();
    };
    let title = if title.is_empty() { "Figure" } else { title };
    format!(
        "{}<svg role=\"img\" aria-labelledby=\"title desc\"{}>\n<title id=\"title\">{}</title>\n<desc id=\"desc\">{}</desc>{}",
        &svg[..open],
        &svg[open + 4..close],
        escape(title),
        escape(description),
        &svg[close + 1..]
    )
}

/// The drawn data as CSV: the input, one column per series, and the data points if any.
fn csv(spec: &FigureSpec, network: &Network, samples: &Samples) -> String {
    let mut header = vec![csv_field(&network.input.name)];
    header.extend(spec.series.iter().map(|s| csv_field(&s.signal.name)));
    if !spec.points.is_empty() {
        header.push("observed".to_string());
    }
    let mut out = header.join(",");
    out.push('\n');
    let mut points: Vec<(f64, f64)> = spec.points.clone();
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut p = 0;
    let write_point = |out: &mut String, y: Option<f64>| {
        if !spec.points.is_empty() {
            out.push(',');
            if let Some(y) = y {
                let _ = write!(out, "{y}");
            }
        }
    };
    for (i, x) in samples.inputs.iter().enumerate() {
        while p < points.len() && points[p].0 < *x {
            let _ = write!(out, "{}", points[p].0);
            out.push_str(&",".repeat(spec.series.len()));
            write_point(&mut out, Some(points[p].1));
            out.push('\n');
            p += 1;
        }
        let _ = write!(out, "{x}");
        for v in &samples.values[i] {
            let _ = write!(out, ",{v}");
        }
        let mut observed = None;
        if p < points.len() && points[p].0 == *x {
            observed = Some(points[p].1);
            p += 1;
        }
        write_point(&mut out, observed);
        out.push('\n');
        while p < points.len() && points[p].0 == *x {
            let _ = write!(out, "{x}");
            out.push_str(&",".repeat(spec.series.len()));
            write_point(&mut out, Some(points[p].1));
            out.push('\n');
            p += 1;
        }
    }
    for &(x, y) in &points[p..] {
        let _ = write!(out, "{x}");
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
