//! A training figure: the loss or a parameter per step, the loss curve of one parameter with
//! the point and tangent line at chosen steps, or the network's output at chosen steps against
//! the data. Drawn like the other figures (same size, fonts, dark style), with its data as CSV
//! (`series,x,y`, one row per drawn point).

use plotters::prelude::*;

use crate::error::Diagnostic;
use crate::i18n::{self, Lang};
use crate::lesson::{Rgb, Show, TrainingBlock, TrainingFigureSpec};
use crate::network::train;
use crate::text::push_number;

use super::chart::{
    axes, measured, point_style, register_font, rgb, straighten, y_range, Canvas, Chart2d,
    ChartGeometry, Figure, MAX_VALUE, PLOT_HEIGHT, POINT_RADIUS,
};
use super::describe::line_name;
use super::legend::{self, Legend, Marks, Sample};
use super::svg::SvgWriter;
use super::ticks::tick_label;

/// A point of the chart: (x, y).
type Point = (f64, f64);

/// One drawn line: its name (in the legend if `legend`), colour and points.
struct Curve {
    name: String,
    /// Its column in the CSV: a name without commas or quotes (`loss`, `b3`, `step_2`).
    column: String,
    legend: bool,
    color: Rgb,
    points: Vec<(f64, f64)>,
}

/// What a training figure draws, worked out from the training.
struct Chart {
    /// The CSV's first column: `step`, the parameter's or the input's name.
    x_column: String,
    x_label: String,
    y_label: String,
    x_range: (f64, f64),
    curves: Vec<Curve>,
    /// Short line pieces drawn over the curves (tangents), with the point they touch.
    tangents: Vec<(Point, Point, Point)>,
    /// Data points, drawn as dots, and their legend label.
    points: Vec<(f64, f64)>,
    points_label: Option<String>,
    /// One sentence more for the description.
    note: String,
}

/// Draw a training figure in language `lang`.
pub fn draw_training(
    spec: &TrainingFigureSpec,
    t: &TrainingBlock,
    lang: Lang,
) -> Result<Figure, Diagnostic> {
    register_font();
    let chart = chart(spec, t, lang)?;
    let values = chart
        .curves
        .iter()
        .flat_map(|c| c.points.iter().map(|p| p.1))
        .chain(chart.points.iter().map(|p| p.1));
    // Every number drawn or written to the CSV, tangents' ends included, is finite and drawable.
    let tangent_ends = chart
        .tangents
        .iter()
        .flat_map(|&(a, b, at)| [a.0, a.1, b.0, b.1, at.0, at.1]);
    if let Some(v) = values
        .clone()
        .chain(tangent_ends)
        .find(|v| !v.is_finite() || v.abs() > MAX_VALUE)
    {
        return Err(Diagnostic::new(format!(
            "figure `{}` reaches {v:e}, which cannot be drawn",
            spec.id
        ))
        .expected(format!(
            "finite values between −{MAX_VALUE:e} and {MAX_VALUE:e}"
        ))
        .hint("choose a narrower `from` and `to`, or other steps"));
    }
    // The tangents' ends are inside the drawn range too (plotters does not clip lines).
    let ys: Vec<f64> = values
        .chain(chart.tangents.iter().flat_map(|&(a, b, _)| [a.1, b.1]))
        .collect();
    let (lo, hi) = y_range([ys.as_slice()], &[]);
    let pad = 0.05 * (hi - lo);
    let (x0, x1) = chart.x_range;
    let xpad = 0.02 * (x1 - x0);
    let xs = (x0 - xpad, x1 + xpad);
    let yr = (lo - pad, hi + pad);
    let description = describe(&chart, lang);
    let title = if spec.title.is_empty() {
        i18n::text(lang, "figure")
    } else {
        spec.title.as_str()
    };
    let names = (spec.id.as_str(), title, description.as_str());
    let (column, phone) = legend::on_both_canvases(names, yr, hi, |svg, canvas, ys, force| {
        plot(svg, spec, &chart, (xs, ys), canvas, force)
    })?;
    Ok(Figure {
        id: spec.id.clone(),
        svg: column.svg,
        csv: csv(&chart),
        description,
        // Training figures are static: the page's script does not train again.
        description_template: None,
        chart: None,
        phone: Some(phone),
        shared_style: "",
        least_width: None,
    })
}

/// The colours of successive curves: the palette's defaults, in order.
fn colour(i: usize) -> Rgb {
    Rgb::DEFAULTS[i % Rgb::DEFAULTS.len()]
}

/// A state's name in a legend: "at the start", "after step 3".
fn state_name(n: usize, lang: Lang) -> String {
    if n == 0 {
        i18n::text(lang, "at_start").to_string()
    } else {
        i18n::sentence(lang, "after_step", &[("n", &n.to_string())])
    }
}

/// The curves, points and labels a training figure shows.
fn chart(spec: &TrainingFigureSpec, t: &TrainingBlock, lang: Lang) -> Result<Chart, Diagnostic> {
    let n = t.steps();
    let per_step = |f: &dyn Fn(usize) -> Option<f64>| -> Vec<(f64, f64)> {
        (0..=n)
            .filter_map(|k| f(k).map(|v| (k as f64, v)))
            .collect()
    };
    let steps_range = if n == 0 { (0.0, 1.0) } else { (0.0, n as f64) };
    let label = |given: &Option<String>, default: String| given.clone().unwrap_or(default);
    let mut chart = Chart {
        x_column: "step".to_string(),
        x_label: String::new(),
        y_label: String::new(),
        x_range: steps_range,
        curves: Vec::new(),
        tangents: Vec::new(),
        points: Vec::new(),
        points_label: None,
        note: String::new(),
    };
    match &spec.show {
        Show::Loss => {
            chart.x_label = label(&spec.x_label, i18n::text(lang, "step").to_string());
            chart.y_label = label(&spec.y_label, t.loss_name().to_string());
            chart.curves.push(Curve {
                name: t.loss_name().to_string(),
                column: "loss".to_string(),
                legend: false,
                color: colour(0),
                points: per_step(&|k| t.loss_at(k)),
            });
        }
        Show::Parameter(p) => {
            let name = &t.spec.params[*p];
            chart.x_label = label(&spec.x_label, i18n::text(lang, "step").to_string());
            chart.y_label = label(&spec.y_label, name.clone());
            chart.curves.push(Curve {
                name: name.clone(),
                column: name.clone(),
                legend: false,
                color: colour(0),
                points: per_step(&|k| t.values_at(k).map(|v| v[*p])),
            });
        }
        Show::LossCurve { param, from, to } => {
            loss_curve(&mut chart, spec, t, (*param, *from, *to), lang)
        }
        Show::Output => output(&mut chart, spec, t, lang)?,
    }
    Ok(chart)
}

/// The loss against one parameter (201 evenly spaced values, exact at each), with the point
/// and the tangent line at each chosen step.
fn loss_curve(
    chart: &mut Chart,
    spec: &TrainingFigureSpec,
    t: &TrainingBlock,
    (param, from, to): (usize, f64, f64),
    lang: Lang,
) {
    let name = &t.spec.params[param];
    chart.x_label = spec.x_label.clone().unwrap_or_else(|| name.clone());
    chart.y_label = spec
        .y_label
        .clone()
        .unwrap_or_else(|| t.loss_name().to_string());
    chart.x_range = (from, to);
    chart.x_column = name.clone();
    let at = |v: f64| train::loss_and_slope_at(&t.before, &t.spec, name, v);
    let curve: Vec<(f64, f64)> = (0..=200)
        .map(|i| from + (to - from) * i as f64 / 200.0)
        .map(|v| (v, at(v).0))
        .collect();
    let (lo, hi) = y_range(
        [curve.iter().map(|p| p.1).collect::<Vec<_>>().as_slice()],
        &[],
    );
    let mut touched = Vec::new();
    for &k in &spec.at_steps {
        let Some(v) = t.values_at(k).map(|v| v[param]) else {
            continue;
        };
        let (loss, slope) = at(v);
        // A piece a third of the range wide, or less where the tangent is steep, so that it
        // rises or falls at most 0.35 of the curve's height on each side.
        let mut h = (to - from) / 6.0;
        if slope.abs() * h > 0.35 * (hi - lo) {
            h = 0.35 * (hi - lo) / slope.abs();
        }
        chart.tangents.push((
            (v - h, loss - slope * h),
            (v + h, loss + slope * h),
            (v, loss),
        ));
        touched.push(format!("{name} = {}", tick_label(v)));
    }
    chart.curves.push(Curve {
        name: t.loss_name().to_string(),
        column: "loss".to_string(),
        legend: false,
        color: colour(0),
        points: curve,
    });
    if !touched.is_empty() {
        let list = touched.join(i18n::text(lang, "list"));
        chart.note = i18n::sentence(lang, "tangents", &[("points", &list)]);
    }
}

/// The network's output over the input range after each chosen step, with the data.
fn output(
    chart: &mut Chart,
    spec: &TrainingFigureSpec,
    t: &TrainingBlock,
    lang: Lang,
) -> Result<(), Diagnostic> {
    let input = &t.before.input;
    chart.x_label = spec.x_label.clone().unwrap_or_else(|| input.label.clone());
    chart.y_label = spec
        .y_label
        .clone()
        .unwrap_or_else(|| t.before.output_label.clone());
    chart.x_range = (input.from, input.to);
    chart.x_column = input.name.clone();
    for (i, &k) in spec.at_steps.iter().enumerate() {
        let Some(net) = t.drawn_network_at(k) else {
            continue;
        };
        let net = net.map_err(|e| Diagnostic::new(format!("figure `{}`: {e}", spec.id)))?;
        let output = net.signal(&format!(
            "{}.activation",
            net.layers
                .last()
                .map_or("output", |l| l.nodes[0].name.as_str())
        ));
        let Some(signal) = output else { continue };
        let coarse = net.sample(std::slice::from_ref(&signal), 0.0);
        let samples = if net.is_piecewise_linear() {
            coarse
        } else {
            let column: Vec<f64> = coarse.column(0).collect();
            let (lo, hi) = y_range([column.as_slice()], &t.spec.data);
            net.sample(&[signal], 0.5 * (hi - lo) / PLOT_HEIGHT)
        };
        chart.curves.push(Curve {
            name: state_name(k, lang),
            column: format!("step_{k}"),
            legend: true,
            color: colour(i),
            points: samples
                .inputs
                .iter()
                .copied()
                .zip(samples.column(0))
                .collect(),
        });
    }
    chart.points = t
        .spec
        .data
        .iter()
        .copied()
        .filter(|(x, _)| input.contains(*x))
        .collect();
    chart.points_label = Some(i18n::text(lang, "data_points").to_string());
    Ok(())
}

/// Draw the chart into `svg` on `canvas` over the ranges `(xs, ys)`, its legend in a free
/// corner (with `force`, in any). Returns where values land on the drawing.
fn plot(
    svg: &mut String,
    spec: &TrainingFigureSpec,
    chart: &Chart,
    (xs, ys): ((f64, f64), (f64, f64)),
    canvas: Canvas,
    force: bool,
) -> Result<(ChartGeometry, Legend), String> {
    let e = |e: &dyn std::fmt::Display| e.to_string();
    let root = SvgWriter::new(svg, (canvas.width, canvas.height)).into_drawing_area();
    let labels = (chart.x_label.as_str(), chart.y_label.as_str());
    let (mut ctx, mut geometry) = axes(&root, &spec.title, labels, xs, ys)?;
    let mut drawn = Marks::default();
    marks(&mut ctx, chart, ys.1 - ys.0, &mut drawn)?;
    let legend = legend::draw(&mut ctx, &mut geometry, &drawn, force)?;
    root.present().map_err(|x| e(&x))?;
    Ok((geometry, legend))
}

/// The curves (with a dot per step when there are few), the tangents with their points, and
/// the data points, recorded in `drawn` with their legend labels.
fn marks<DB: DrawingBackend>(
    ctx: &mut Chart2d<'_, DB>,
    chart: &Chart,
    y_span: f64,
    drawn: &mut Marks,
) -> Result<(), String> {
    let e = |e: &dyn std::fmt::Display| e.to_string();
    for curve in &chart.curves {
        let color = rgb(curve.color);
        let points = straighten(&curve.points, y_span);
        drawn.line(ctx, &points);
        ctx.draw_series(LineSeries::new(points, color.stroke_width(3)))
            .map_err(|x| e(&x))?;
        if curve.legend {
            drawn.label(&measured(&curve.name), Sample::Line(color));
        }
        // Few steps: a dot at each, so that the steps can be counted.
        if chart.x_range == (0.0, curve.points.len().saturating_sub(1) as f64)
            && curve.points.len() <= 40
        {
            for &p in &curve.points {
                drawn.dot(ctx, p, 3);
            }
            ctx.draw_series(
                curve
                    .points
                    .iter()
                    .map(|&p| Circle::new(p, 3, color.filled())),
            )
            .map_err(|x| e(&x))?;
        }
    }
    let tangent = rgb(Rgb::NAMED[3].1);
    for &(a, b, at) in &chart.tangents {
        drawn.line(ctx, &[a, b]);
        drawn.dot(ctx, at, 5);
        ctx.draw_series(LineSeries::new([a, b], tangent.stroke_width(2)))
            .map_err(|x| e(&x))?;
        ctx.draw_series([Circle::new(at, 5, tangent.filled())])
            .map_err(|x| e(&x))?;
    }
    if !chart.points.is_empty() {
        for &p in &chart.points {
            drawn.dot(ctx, p, POINT_RADIUS);
        }
        ctx.draw_series(
            chart
                .points
                .iter()
                .map(|&p| Circle::new(p, POINT_RADIUS, point_style())),
        )
        .map_err(|x| e(&x))?;
        if let Some(label) = &chart.points_label {
            drawn.label(&measured(label), Sample::Ring);
        }
    }
    Ok(())
}

/// The chart in words: the axes, each curve's range, the data points and the tangents.
fn describe(chart: &Chart, lang: Lang) -> String {
    let (from, to) = (tick_label(chart.x_range.0), tick_label(chart.x_range.1));
    let x = chart.x_label.as_str();
    let mut d = i18n::sentence(lang, "chart", &[("x", x), ("from", &from), ("to", &to)]);
    for c in &chart.curves {
        let first = c.points.first().copied().unwrap_or_default();
        let last = c.points.last().copied().unwrap_or_default();
        let lo = c
            .points
            .iter()
            .copied()
            .fold(first, |a, p| if p.1 < a.1 { p } else { a });
        let hi = c
            .points
            .iter()
            .copied()
            .fold(first, |a, p| if p.1 > a.1 { p } else { a });
        d.push_str(&i18n::sentence(
            lang,
            "chart_series",
            &[
                ("name", &c.name),
                ("color", &line_name(c.color, lang)),
                ("first", &tick_label(first.1)),
                ("last", &tick_label(last.1)),
                ("lo", &tick_label(lo.1)),
                ("lo_x", &tick_label(lo.0)),
                ("hi", &tick_label(hi.1)),
                ("hi_x", &tick_label(hi.0)),
                ("x", x),
            ],
        ));
    }
    if !chart.points.is_empty() {
        let pts: Vec<String> = chart
            .points
            .iter()
            .map(|(x, y)| format!("({}, {})", tick_label(*x), tick_label(*y)))
            .collect();
        let label = chart.points_label.as_deref().unwrap_or("");
        d.push_str(&i18n::sentence(
            lang,
            "chart_points",
            &[
                ("label", label),
                ("points", &pts.join(i18n::text(lang, "list"))),
            ],
        ));
    }
    d.push_str(&chart.note);
    d
}

/// The drawn data: a header (the x column, one column per curve, per tangent, and `observed`
/// for the data), then one row per drawn point, with its x and its value in its own column
/// (the other columns empty); numbers parse back to the same f64.
fn csv(chart: &Chart) -> String {
    let mut header = vec![chart.x_column.clone()];
    header.extend(chart.curves.iter().map(|c| c.column.clone()));
    header.extend((1..=chart.tangents.len()).map(|i| format!("tangent_{i}")));
    if !chart.points.is_empty() {
        header.push("observed".to_string());
    }
    let width = header.len();
    let mut out = header.join(",");
    out.push('\n');
    let mut row = |column: usize, (x, y): (f64, f64)| {
        push_number(&mut out, x);
        for c in 1..width {
            out.push(',');
            if c == column {
                push_number(&mut out, y);
            }
        }
        out.push('\n');
    };
    let mut column = 1;
    for c in &chart.curves {
        for &p in &c.points {
            row(column, p);
        }
        column += 1;
    }
    for &(a, b, _) in &chart.tangents {
        row(column, a);
        row(column, b);
        column += 1;
    }
    for &p in &chart.points {
        row(column, p);
    }
    out
}
