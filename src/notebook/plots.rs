//! The code cells the notebook writes for figures the lesson has no code for: each computes
//! the figure's series with the helpers (`forward`, `train`, ...) and plots them with
//! matplotlib, in the figure's colours, labels and title, with its data points.

use std::fmt::Write as _;

use crate::i18n::{self, Lang};
use crate::lesson::{FigureSpec, Rgb, Show, TrainingBlock, TrainingFigureSpec};
use crate::network::Network;

use super::python::{comment, label, list, number, output_signal, string};

/// The colour of the data points (the figures' dark grey).
const POINTS: Rgb = Rgb(0x22, 0x22, 0x22);

/// The code of a figure block, drawn with `net`, the network in effect where it is, its
/// legend's names in language `lang`.
pub fn figure(spec: &FigureSpec, net: &Network, csv: Option<&str>, lang: Lang) -> String {
    let mut code = heading(&spec.id, &spec.title);
    let xs = match csv {
        // Drawn without refinement: the drawn inputs are the network's sample inputs (the grid
        // and the kinks), as the CSV lists them; no need to read them back from it.
        Some(_) if net.is_piecewise_linear() => {
            let grid = net.grid();
            let kinks = net
                .kinks()
                .into_iter()
                .filter(|x| grid.binary_search_by(|g| g.total_cmp(x)).is_err());
            sample_inputs(kinks.collect(), true)
        }
        _ => inputs(net, csv, 1),
    };
    let _ = writeln!(code, "xs = {xs}");
    code.push_str("signals = forward(xs, net_params)\nfig, ax = plt.subplots()\n");
    let names = crate::figure::legend_names(spec, net, lang);
    for (s, name) in spec.series.iter().zip(&names) {
        let _ = write!(
            code,
            "ax.plot(xs, signals[{}], color=\"{}\", linewidth=2",
            string(&s.signal.name),
            s.color
        );
        if let Some(l) = name {
            let _ = write!(code, ", label={}", label(l));
        }
        code.push_str(")\n");
    }
    points(&mut code, &spec.points, spec.points_label.as_deref());
    let labelled = names.iter().any(Option::is_some) || spec.points_label.is_some();
    finish(
        &mut code,
        (&spec.x_label, &spec.y_label),
        &spec.title,
        labelled,
    );
    code
}

/// The inputs nnbook drew a line at, as Python: `sample_inputs(...)` with the points it added
/// to the lesson's grid, the kinks (where a ReLU's input is zero) and, for a smooth network, the
/// points where it refined a curve to half a pixel. They are read from the figure's CSV (the x
/// of each row with a value in `column`), so the code draws exactly the drawn points; without
/// the CSV (a lesson only checked), the grid alone.
fn inputs(net: &Network, csv: Option<&str>, column: usize) -> String {
    // (Sorted: looked up by bisection.)
    let grid = net.grid();
    let extra: Vec<f64> = csv
        .unwrap_or_default()
        .lines()
        .skip(1)
        .filter_map(|row| {
            let mut fields = row.split(',');
            let x = fields.next()?.parse::<f64>().ok()?;
            let value = fields.nth(column.checked_sub(1)?)?;
            (!value.is_empty()).then_some(x)
        })
        .filter(|x| x.is_finite() && grid.binary_search_by(|g| g.total_cmp(x)).is_err())
        .collect();
    sample_inputs(extra, net.is_piecewise_linear())
}

/// `sample_inputs(...)` with the `extra` points, for a piecewise-linear network (`kinks`) or a
/// smooth one.
fn sample_inputs(extra: Vec<f64>, kinks: bool) -> String {
    match (extra.is_empty(), kinks) {
        (true, _) => "sample_inputs()".to_string(),
        (false, true) => format!("sample_inputs({})  # the kinks", list(extra)),
        (false, false) => format!(
            "sample_inputs({})  # where the curves bend most, as nnbook samples them",
            list(extra)
        ),
    }
}

/// The comment that opens a figure's code.
fn heading(id: &str, title: &str) -> String {
    let title = if title.is_empty() {
        String::new()
    } else {
        format!(": {}", comment(title))
    };
    format!("# Figure `{id}`{title} (code written by nnbook; the saved output is its drawing).\n")
}

/// The data points, as dots.
fn points(code: &mut String, points: &[(f64, f64)], name: Option<&str>) {
    if points.is_empty() {
        return;
    }
    let xs = list(points.iter().map(|p| p.0));
    let ys = list(points.iter().map(|p| p.1));
    let _ = write!(code, "ax.scatter({xs}, {ys}, color=\"{POINTS}\", zorder=3");
    if let Some(name) = name {
        let _ = write!(code, ", label={}", label(name));
    }
    code.push_str(")\n");
}

/// Axis labels, title, legend, and `plt.show()`.
fn finish(code: &mut String, (x, y): (&str, &str), title: &str, legend: bool) {
    for (axis, text) in [("x", x), ("y", y)] {
        if !text.is_empty() {
            let _ = writeln!(code, "ax.set_{axis}label({})", label(text));
        }
    }
    if !title.is_empty() {
        let _ = writeln!(code, "ax.set_title({})", label(title));
    }
    if legend {
        code.push_str("ax.legend()\n");
    }
    code.push_str("plt.show()");
}

/// The Python variable holding a training's record: its id, made a Python name.
pub fn training_variable(id: &str) -> String {
    let name: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("training_{name}")
}

/// The code of a training block: gradient descent run again in Python, its record kept in
/// `training_<id>`; the cells after it use the trained parameters, as the lesson's blocks do.
pub fn training(t: &TrainingBlock) -> String {
    let spec = &t.spec;
    let var = training_variable(&t.id);
    let data: Vec<String> = spec
        .data
        .iter()
        .map(|(x, y)| format!("({}, {})", number(*x), number(*y)))
        .collect();
    let names: Vec<String> = spec.params.iter().map(|p| string(p)).collect();
    let start: Vec<String> = spec
        .start
        .iter()
        .map(|(n, v)| format!("{}: {}", string(n), number(*v)))
        .collect();
    let optional = |v: Option<String>| v.unwrap_or_else(|| "None".to_string());
    let mut code = format!(
        "# The training `{id}` run again (code written by nnbook): gradient descent on {params}.\n\
         {var} = train(\n    net_params,\n    data=[{data}],\n    names=[{names}],\n    \
         learning_rate={rate},\n    loss={loss},\n    start={{{start}}},\n    steps={steps},\n    \
         tolerance={tolerance},\n    max_steps={max},\n)\n",
        id = t.id,
        params = comment(&spec.params.join(", ")),
        data = data.join(", "),
        names = names.join(", "),
        rate = number(spec.learning_rate),
        loss = string(spec.loss.name()),
        start = start.join(", "),
        steps = optional(spec.steps.map(|s| s.to_string())),
        tolerance = optional(spec.tolerance.map(number)),
        max = spec.max_steps,
    );
    let _ = write!(
        code,
        "# The blocks after a training use the trained network.\nnet_params = {var}[\"states\"][-1]\n\
         print(len({var}[\"states\"]) - 1, \"steps; loss\", {var}[\"loss\"][-1], \
         {{name: float(net_params[name]) for name in [{names}]}})",
        names = names.join(", ")
    );
    code
}

/// The code of a training figure block, in language `lang` (for the legend's words).
pub fn training_figure(
    spec: &TrainingFigureSpec,
    t: &TrainingBlock,
    lang: Lang,
    csv: Option<&str>,
) -> String {
    let mut code = heading(&spec.id, &spec.title);
    let var = training_variable(&t.id);
    let given =
        |l: &Option<String>, default: &str| l.clone().unwrap_or_else(|| default.to_string());
    let step = i18n::text(lang, "step");
    let (x, y, legend) = match &spec.show {
        Show::Loss => {
            let _ = write!(code, "fig, ax = plt.subplots()\n{}", per_step(&var, "loss"));
            (
                given(&spec.x_label, step),
                given(&spec.y_label, t.loss_name()),
                false,
            )
        }
        Show::Parameter(p) => {
            let name = &t.spec.params[*p];
            let values = format!("[state[{}] for state in {var}[\"states\"]]", string(name));
            let _ = write!(
                code,
                "fig, ax = plt.subplots()\n{}",
                per_step(&var, &values)
            );
            (
                given(&spec.x_label, step),
                given(&spec.y_label, name),
                false,
            )
        }
        Show::LossCurve { param, from, to } => {
            let name = &t.spec.params[*param];
            loss_curve(&mut code, spec, t, (name, *from, *to));
            (
                given(&spec.x_label, name),
                given(&spec.y_label, t.loss_name()),
                false,
            )
        }
        Show::Output => {
            output(&mut code, spec, t, (lang, csv));
            let input = &t.before.input.label;
            (
                given(&spec.x_label, input),
                given(&spec.y_label, &t.before.output_label),
                true,
            )
        }
    };
    finish(&mut code, (&x, &y), &spec.title, legend);
    code
}

/// One value per state of a training, against the step (with a dot at each when there are
/// few, as nnbook draws them).
fn per_step(var: &str, values: &str) -> String {
    let values = if values == "loss" {
        format!("{var}[\"loss\"]")
    } else {
        values.to_string()
    };
    format!(
        "values = {values}\nsteps = np.arange(len(values))\n\
         ax.plot(steps, values, color=\"{}\", linewidth=2, marker=\"o\" if len(values) <= 40 else None)\n",
        Rgb::DEFAULTS[0]
    )
}

/// The loss against one parameter (201 values), and at each chosen step its point and tangent.
fn loss_curve(
    code: &mut String,
    spec: &TrainingFigureSpec,
    t: &TrainingBlock,
    (name, from, to): (&str, f64, f64),
) {
    let var = training_variable(&t.id);
    let steps: Vec<String> = spec
        .at_steps
        .iter()
        .filter(|k| t.values_at(**k).is_some())
        .map(|k| k.to_string())
        .collect();
    let _ = write!(
        code,
        "values = np.linspace({from}, {to}, 201)\n\
         curve = [loss_and_slope({var}, {name}, v)[0] for v in values]\n\
         fig, ax = plt.subplots()\n\
         ax.plot(values, curve, color=\"{colour}\", linewidth=2)\n\
         # The tangent at each chosen step: a third of the range wide, or narrower where it is\n\
         # steep, so that it rises or falls at most 0.35 of the curve's height on each side.\n\
         height = max(curve) - min(curve)\n\
         for k in [{steps}]:\n    \
             v = {var}[\"states\"][k][{name}]\n    \
             loss, slope = loss_and_slope({var}, {name}, v)\n    \
             h = ({to} - ({from})) / 6\n    \
             if abs(slope) * h > 0.35 * height:\n        \
                 h = 0.35 * height / abs(slope)\n    \
             ax.plot([v - h, v + h], [loss - slope * h, loss + slope * h], color=\"{red}\", linewidth=2)\n    \
             ax.scatter([v], [loss], color=\"{red}\", zorder=3)\n",
        from = number(from),
        to = number(to),
        name = string(name),
        colour = Rgb::DEFAULTS[0],
        steps = steps.join(", "),
        red = Rgb::NAMED[3].1,
    );
}

/// The network's output after each chosen step, with the training's data.
fn output(
    code: &mut String,
    spec: &TrainingFigureSpec,
    t: &TrainingBlock,
    (lang, csv): (Lang, Option<&str>),
) {
    let var = training_variable(&t.id);
    code.push_str("fig, ax = plt.subplots()\n");
    let mut i = 0;
    for &k in &spec.at_steps {
        let Some(net) = state_network(t, k) else {
            continue;
        };
        let xs = inputs(&net, csv, i + 1);
        let name = if k == 0 {
            i18n::text(lang, "at_start").to_string()
        } else {
            i18n::sentence(lang, "after_step", &[("n", &k.to_string())])
        };
        let _ = write!(
            code,
            "xs = {xs}\nax.plot(xs, forward(xs, {var}[\"states\"][{k}])[{out}], color=\"{colour}\", \
             linewidth=2, label={label})\n",
            out = string(&output_signal(&net)),
            colour = Rgb::DEFAULTS[i % Rgb::DEFAULTS.len()],
            label = label(&name),
        );
        i += 1;
    }
    let data: Vec<(f64, f64)> = t
        .spec
        .data
        .iter()
        .copied()
        .filter(|(x, _)| t.before.input.contains(*x))
        .collect();
    points(code, &data, Some(i18n::text(lang, "data_points")));
}

/// The network after `n` steps of a training, its kinks found (as nnbook draws it).
fn state_network(t: &TrainingBlock, n: usize) -> Option<Network> {
    t.drawn_network_at(n)?.ok()
}
