//! Figures: a figure block's signals sampled over the input range, drawn as an accessible SVG
//! with plotters, and the same data as CSV.

use std::sync::Once;

mod csv;
mod describe;
mod sampled;
mod svg;
mod ticks;

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::FontStyle;

use crate::error::Diagnostic;
use crate::i18n;
use crate::lesson::{non_finite, FigureSpec, Rgb, NON_FINITE_HINT};
use crate::network::{Network, Signal};
use crate::text::{clean, escape};

use svg::SvgWriter;

pub use describe::{template as description_template, DescriptionTemplate};
pub use sampled::{Data, Sampled};

/// Figure size in CSS pixels (the SVG scales down on narrow screens).
pub const WIDTH: u32 = 480;
pub const HEIGHT: u32 = 320;
/// The largest value a figure draws (beyond it, plotters' pixel arithmetic would overflow).
pub const MAX_VALUE: f64 = 1e12;
/// Approximate height of the plotting area, used to bound the sampling error to half a pixel.
pub const PLOT_HEIGHT: f64 = 220.0;

static FONT: &[u8] = include_bytes!("../font/DejaVuSans.ttf");
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
    /// Where a chart's values land on its drawing (`None` for a diagram): what the page's script
    /// needs to draw it again for other parameters, exactly as here.
    pub chart: Option<ChartGeometry>,
}

/// A chart's mapping from values to pixels, as plotters lays it out.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ChartGeometry {
    /// The pixel limits values are mapped to: x from left to right, y from bottom to top.
    pub x_pixels: (i32, i32),
    pub y_pixels: (i32, i32),
    /// The plotting area's size in pixels (the legend is placed in it).
    pub area: (u32, u32),
    /// The legend's corner, if there is a legend.
    pub legend: Option<&'static str>,
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

/// Draw a figure from its data; its description is in language `lang`.
pub fn draw_sampled(
    spec: &FigureSpec,
    network: &Network,
    data: &Data,
    lang: &str,
) -> Result<Figure, Diagnostic> {
    register_font();
    for (series, column) in spec.series.iter().zip(&data.columns) {
        if let Some(i) = column.iter().position(|v| !v.is_finite()) {
            let (x, v) = (data.inputs[i], column[i]);
            return Err(Diagnostic::new(format!(
                "figure `{}`: {}",
                spec.id,
                non_finite(&series.signal, &network.input.name, x, v)
            ))
            .expected("finite values over the whole input range")
            .hint(NON_FINITE_HINT));
        }
    }
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
    let (x0, x1) = (network.input.from, network.input.to);
    let xpad = 0.02 * (x1 - x0);
    let mut svg = String::new();
    let chart = plot(
        &mut svg,
        spec,
        data,
        (x0 - xpad, x1 + xpad),
        (lo - pad, hi + pad),
    )
    .map_err(|e| Diagnostic::new(format!("figure `{}` could not be drawn: {e}", spec.id)))?;
    let description = describe::describe(spec, network, data, lang);
    let title = if spec.title.is_empty() {
        i18n::text(lang, "figure")
    } else {
        spec.title.as_str()
    };
    Ok(Figure {
        id: spec.id.clone(),
        svg: accessible(&svg, &spec.id, title, &description),
        csv: csv::csv(spec, network, data),
        description,
        width: WIDTH,
        height: HEIGHT,
        chart: Some(chart),
    })
}

/// A chart of the input against values, as plotters draws it.
type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Draw the chart into `svg` over the input range `xs` and the value range `ys`: axes, one
/// line per series, the data points, and a legend if anything is labelled. Returns where values
/// land on the drawing.
fn plot(
    svg: &mut String,
    spec: &FigureSpec,
    data: &Data,
    xs: (f64, f64),
    ys: (f64, f64),
) -> Result<ChartGeometry, String> {
    let root = SvgWriter::new(svg, (WIDTH, HEIGHT)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let mut builder = ChartBuilder::on(&root);
    builder
        .margin(12)
        .x_label_area_size(46)
        .y_label_area_size(62);
    if !spec.title.is_empty() {
        builder.caption(clean(&spec.title), ("sans-serif", 24));
    }
    let mut chart = builder
        .build_cartesian_2d(xs.0..xs.1, ys.0..ys.1)
        .map_err(|e| e.to_string())?;
    // plotters maps values to the area's first to last pixel, y upwards.
    let (px, py) = chart.plotting_area().get_pixel_range();
    let mut geometry = ChartGeometry {
        x_pixels: (px.start, px.end - 1),
        y_pixels: (py.end - 1, py.start),
        area: chart.plotting_area().dim_in_pixel(),
        legend: None,
    };
    let tick = |v: &f64| ticks::tick_label(*v);
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
        .map_err(|e| e.to_string())?;
    let lines_labelled = lines(&mut chart, spec, data, ys.1 - ys.0)?;
    let points_labelled = points(&mut chart, spec, xs)?;
    if lines_labelled || points_labelled {
        let (corner, name) = legend_corner(data, &spec.points, xs, ys);
        geometry.legend = Some(name);
        chart
            .configure_series_labels()
            .position(corner)
            .background_style(WHITE.mix(0.85))
            .border_style(RGBColor(0xbb, 0xbb, 0xbb))
            .label_font(("sans-serif", 17))
            .draw()
            .map_err(|e| e.to_string())?;
    }
    root.present().map_err(|e| e.to_string())?;
    Ok(geometry)
}

/// One line per series, in its colour; returns whether any has a label for the legend.
fn lines<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    spec: &FigureSpec,
    data: &Data,
    y_span: f64,
) -> Result<bool, String> {
    let mut labelled = false;
    for (s, series) in spec.series.iter().enumerate() {
        let color = rgb(series.color);
        let points: Vec<(f64, f64)> = data
            .inputs
            .iter()
            .copied()
            .zip(data.columns[s].iter().copied())
            .collect();
        let line = LineSeries::new(straighten(&points, y_span), color.stroke_width(3));
        let drawn = chart.draw_series(line).map_err(|e| e.to_string())?;
        if let Some(label) = &series.label {
            labelled = true;
            drawn.label(measured(label)).legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 22, y)], color.stroke_width(3))
            });
        }
    }
    Ok(labelled)
}

/// The figure's data points within the drawn input range `xs`; returns whether they have a
/// label for the legend.
fn points<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    spec: &FigureSpec,
    xs: (f64, f64),
) -> Result<bool, String> {
    if spec.points.is_empty() {
        return Ok(false);
    }
    let color = RGBColor(0x22, 0x22, 0x22);
    let drawn = chart
        .draw_series(
            spec.points
                .iter()
                .filter(|(x, _)| *x >= xs.0 && *x <= xs.1)
                .map(|&(x, y)| Circle::new((x, y), 5, color.filled())),
        )
        .map_err(|e| e.to_string())?;
    let Some(label) = &spec.points_label else {
        return Ok(false);
    };
    drawn
        .label(measured(label))
        .legend(move |(x, y)| Circle::new((x + 11, y), 5, color.filled()));
    Ok(true)
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

/// The corner of the plot where the legend hides the fewest drawn points, and its name.
fn legend_corner(
    data: &Data,
    points: &[(f64, f64)],
    (x0, x1): (f64, f64),
    (y0, y1): (f64, f64),
) -> (SeriesLabelPosition, &'static str) {
    let drawn: Vec<(f64, f64)> = data
        .points()
        .chain(points.iter().copied())
        .map(|(x, y)| ((x - x0) / (x1 - x0), (y - y0) / (y1 - y0)))
        .collect();
    // Candidate corners as (left, right, bottom, top) in unit coordinates, in order of preference.
    let corners = [
        (
            SeriesLabelPosition::UpperRight,
            "upper-right",
            (0.55, 1.0, 0.7, 1.0),
        ),
        (
            SeriesLabelPosition::UpperLeft,
            "upper-left",
            (0.0, 0.45, 0.7, 1.0),
        ),
        (
            SeriesLabelPosition::LowerRight,
            "lower-right",
            (0.55, 1.0, 0.0, 0.3),
        ),
        (
            SeriesLabelPosition::LowerLeft,
            "lower-left",
            (0.0, 0.45, 0.0, 0.3),
        ),
    ];
    let hidden = |(l, r, b, t): (f64, f64, f64, f64)| {
        drawn
            .iter()
            .filter(|(x, y)| *x >= l && *x <= r && *y >= b && *y <= t)
            .count()
    };
    corners
        .into_iter()
        .min_by_key(|(_, _, area)| hidden(*area))
        .map_or(
            (SeriesLabelPosition::UpperRight, "upper-right"),
            |(p, n, _)| (p, n),
        )
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

/// The figure's colours in dark mode: the SVG follows the reader's colour scheme by itself, so
/// one drawing serves both themes. Every rule is scoped to `.nn-chart`: figures are inlined into
/// the page, where an unscoped rule would reach every SVG of it.
const DARK_STYLE: &str = "<style>@media (prefers-color-scheme: dark) {\
.nn-chart rect[fill=\"#FFFFFF\"] { fill: #0d1117; } .nn-chart text { fill: #e6edf3; } \
.nn-chart [stroke=\"#E4E4E4\"] { stroke: #30363d; } .nn-chart [stroke=\"#555555\"] { stroke: #8b949e; } \
.nn-chart [stroke=\"#BBBBBB\"] { stroke: #484f58; } .nn-chart [fill=\"#222222\"] { fill: #e6edf3; } \
.nn-chart [stroke=\"#1F77B4\"] { stroke: #4aa3ff; } .nn-chart [stroke=\"#2CA02C\"] { stroke: #3fbf4f; } \
.nn-chart [stroke=\"#000000\"] { stroke: #e6edf3; } }</style>\n";

/// The opening of a figure's or diagram's SVG: its class (`nn-chart` or `nn-diagram`, which
/// scopes its style), `role="img"`, and a `<title>` and `<desc>` whose ids carry the figure's id,
/// so that several drawings inlined into one page never share an id.
pub fn svg_open(class: &str, id: &str, size: (u32, u32), title: &str, description: &str) -> String {
    let (width, height) = size;
    format!(
        "<svg class=\"{class}\" role=\"img\" aria-labelledby=\"figure-{id}-title\" aria-describedby=\"figure-{id}-desc\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"figure-{id}-title\">{}</title>\n<desc id=\"figure-{id}-desc\">{}</desc>\n",
        escape(title),
        escape(description),
    )
}

/// The ids a drawing with id `id` uses in a page (its figure, title and description): headings
/// must not take them.
pub fn page_ids(id: &str) -> [String; 3] {
    [
        format!("figure-{id}"),
        format!("figure-{id}-title"),
        format!("figure-{id}-desc"),
    ]
}

/// Replace the plain `<svg …>` opening plotters wrote with [`svg_open`]'s, and add the dark
/// style.
fn accessible(svg: &str, id: &str, title: &str, description: &str) -> String {
    let Some(close) = svg.find('>') else {
        return svg.to_string();
    };
    format!(
        "{}{DARK_STYLE}{}",
        svg_open("nn-chart", id, (WIDTH, HEIGHT), title, description),
        &svg[close + 1..].trim_start_matches('\n')
    )
}
