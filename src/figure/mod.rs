//! Figures: a figure block's signals sampled over the input range, drawn as an accessible SVG
//! with plotters, and the same data as CSV.

mod chart;
mod csv;
mod describe;
mod sampled;
mod svg;
mod thumbnail;
mod ticks;
mod training;

use plotters::prelude::*;

use crate::error::Diagnostic;
use crate::i18n;
use crate::lesson::{non_finite, FigureSpec, NON_FINITE_HINT};
use crate::network::{Network, Signal};

use svg::SvgWriter;

pub use chart::{page_ids, svg_open, ChartGeometry, Figure, HEIGHT, MAX_VALUE, PLOT_HEIGHT, WIDTH};
pub use describe::{template as description_template, DescriptionTemplate};
pub use sampled::{Data, Sampled};
pub use thumbnail::{thumbnail, THUMB_HEIGHT, THUMB_WIDTH};

use chart::{accessible, axes, legend_corner, measured, register_font, rgb, straighten, y_range};
pub use training::draw_training;

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
type Chart<'a, DB> = chart::Chart2d<'a, DB>;

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
    let labels = (spec.x_label.as_str(), spec.y_label.as_str());
    let mut chart = axes(&root, &spec.title, labels, xs, ys)?;
    // plotters maps values to the area's first to last pixel, y upwards.
    let (px, py) = chart.plotting_area().get_pixel_range();
    let mut geometry = ChartGeometry {
        x_pixels: (px.start, px.end - 1),
        y_pixels: (py.end - 1, py.start),
        area: chart.plotting_area().dim_in_pixel(),
        legend: None,
    };
    let lines_labelled = lines(&mut chart, spec, data, ys.1 - ys.0)?;
    let points_labelled = points(&mut chart, spec, xs)?;
    if lines_labelled || points_labelled {
        let (corner, name) =
            legend_corner(data.points().chain(spec.points.iter().copied()), xs, ys);
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
