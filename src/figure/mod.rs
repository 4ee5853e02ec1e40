//! Figures: a figure block's signals sampled over the input range, drawn as an accessible SVG
//! with plotters, and the same data as CSV.

mod chart;
mod csv;
mod describe;
mod legend;
mod measure;
mod mesh;
mod sampled;
mod svg;
mod thumbnail;
mod ticks;
mod training;

use plotters::prelude::*;

use crate::error::Diagnostic;
use crate::i18n::{self, Lang};
use crate::lesson::{non_finite, FigureSpec, NON_FINITE_HINT};
use crate::network::{Network, Signal};

use svg::SvgWriter;

pub use chart::{
    dark_series, page_ids, svg_open, text_width, Canvas, ChartGeometry, Drawing, Figure, COLUMN,
    MAX_VALUE, MIN_TEXT_PX, PHONE, PHONE_COLUMN, PLOT_HEIGHT,
};
pub use describe::{x_name, DescriptionTemplate};
pub use sampled::{Data, Sampled};
pub use svg::hex;
pub use thumbnail::{thumbnail, THUMB_HEIGHT, THUMB_WIDTH};

use chart::{axes, measured, point_style, register_font, rgb, straighten, y_range, POINT_RADIUS};
use legend::{Legend, Marks, Sample};
pub use training::draw_training;

/// Sample, draw and describe one figure; its description is in language `lang`.
pub fn draw(spec: &FigureSpec, network: &Network, lang: Lang) -> Result<Figure, Diagnostic> {
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
    lang: Lang,
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
    let (xs, ys) = ((x0 - xpad, x1 + xpad), (lo - pad, hi + pad));
    let template = describe::template(spec, network, lang);
    let description = describe::describe(&template, data);
    let title = if spec.title.is_empty() {
        i18n::text(lang, "figure")
    } else {
        spec.title.as_str()
    };
    let names = (spec.id.as_str(), title, description.as_str());
    let legend = legend_names(spec, network, lang);
    let (column, phone) = legend::on_both_canvases(names, ys, hi, |svg, canvas, ys, force| {
        plot(svg, (spec, &legend), data, (xs, ys), canvas, force)
    })?;
    Ok(Figure {
        id: spec.id.clone(),
        svg: column.svg,
        csv: csv::csv(spec, network, data),
        description,
        description_template: Some(template),
        chart: Some(column.chart),
        phone: Some(phone),
        shared_style: "",
        least_width: None,
    })
}

/// A chart of the input against values, as plotters draws it.
type Chart<'a, DB> = chart::Chart2d<'a, DB>;

/// Draw the chart into `svg` on `canvas` over the input range and value range `(xs, ys)`:
/// axes, one line per series, the data points, and a legend if anything is labelled (in a free
/// corner, or with `force` in any). Returns where values land on the drawing.
fn plot(
    svg: &mut String,
    (spec, legend): (&FigureSpec, &[Option<String>]),
    data: &Data,
    (xs, ys): ((f64, f64), (f64, f64)),
    canvas: Canvas,
    force: bool,
) -> Result<(ChartGeometry, Legend), String> {
    let root = SvgWriter::new(svg, (canvas.width, canvas.height)).into_drawing_area();
    let labels = (spec.x_label.as_str(), spec.y_label.as_str());
    let (mut chart, mut geometry) = axes(&root, &spec.title, labels, xs, ys)?;
    let mut marks = Marks::default();
    lines(&mut chart, (spec, legend), data, ys.1 - ys.0, &mut marks)?;
    points(&mut chart, spec, xs, &mut marks)?;
    let legend = legend::draw(&mut chart, &mut geometry, &marks, force)?;
    root.present().map_err(|e| e.to_string())?;
    Ok((geometry, legend))
}

/// The name of each series in the legend: its label, or where a legend is drawn (another series
/// or the points are labelled) the name readers see for its signal ("Top node: ReLU output"),
/// so that every line drawn is in it; none where no legend is drawn. The notebook's code draws
/// the same legend.
pub fn legend_names(spec: &FigureSpec, network: &Network, lang: Lang) -> Vec<Option<String>> {
    let labelled = spec.series.iter().any(|s| s.label.is_some())
        || (spec.points_label.is_some() && !spec.points.is_empty());
    let name = |s: &crate::lesson::SeriesSpec| match &s.label {
        Some(label) => Some(label.clone()),
        None => labelled.then(|| crate::lesson::signal_label(network, &s.signal, lang)),
    };
    spec.series.iter().map(name).collect()
}

/// One line per series, in its colour, recorded in `marks` with its name in the legend if any.
fn lines<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    (spec, legend): (&FigureSpec, &[Option<String>]),
    data: &Data,
    y_span: f64,
    marks: &mut Marks,
) -> Result<(), String> {
    for (s, series) in spec.series.iter().enumerate() {
        let color = rgb(series.color);
        let points: Vec<(f64, f64)> = data
            .inputs
            .iter()
            .copied()
            .zip(data.columns[s].iter().copied())
            .collect();
        let points = straighten(&points, y_span);
        marks.line(chart, &points);
        let line = LineSeries::new(points, color.stroke_width(3));
        chart.draw_series(line).map_err(|e| e.to_string())?;
        if let Some(label) = &legend[s] {
            marks.label(&measured(label), Sample::Line(color));
        }
    }
    Ok(())
}

/// The figure's data points within the drawn input range `xs`, recorded in `marks` with their
/// legend label if any. They are rings, so that a curve through a point stays visible.
fn points<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    spec: &FigureSpec,
    xs: (f64, f64),
    marks: &mut Marks,
) -> Result<(), String> {
    if spec.points.is_empty() {
        return Ok(());
    }
    let inside: Vec<(f64, f64)> = spec
        .points
        .iter()
        .copied()
        .filter(|(x, _)| *x >= xs.0 && *x <= xs.1)
        .collect();
    for &p in &inside {
        marks.dot(chart, p, POINT_RADIUS);
    }
    chart
        .draw_series(
            inside
                .into_iter()
                .map(|p| Circle::new(p, POINT_RADIUS, point_style())),
        )
        .map_err(|e| e.to_string())?;
    if let Some(label) = &spec.points_label {
        marks.label(&measured(label), Sample::Ring);
    }
    Ok(())
}
