//! The model of an explorable lesson: what the page's script (`explore.js`) needs to evaluate
//! the network again for the reader's parameters and draw every chart exactly as the build does:
//! the network's structure and values, the controls, and per chart its signals, points and the
//! mapping from values to pixels. It goes into the page as JSON
//! (`<script type="application/json" id="nn-model-v2">`, [`MODEL_ID`]); without the script the
//! page is static.

use serde::Serialize;

use crate::figure::{hex, x_name, ChartGeometry, DescriptionTemplate, Figure, PLOT_HEIGHT};
use crate::i18n::{self, Lang};
use crate::lesson::{BlockKind, Control, Extreme, Lesson};
use crate::network::{Network, Quantity, Signal};

/// The id of the model's script element, which names the model's format. Bump its number
/// whenever an `explore.js` of an earlier nnbook would misread the model: such a script (a
/// project's own copy from `templates/`) then finds no model and leaves the page static, which
/// is exact, and the build warns about it ([`crate::site::Theme`]). `nn-model`, without a
/// number, was the first format.
pub const MODEL_ID: &str = "nn-model-v2";

#[derive(Serialize)]
struct Model<'a> {
    input: InputModel<'a>,
    layers: Vec<LayerModel<'a>>,
    /// Every parameter in order: name, value, the literal as typed.
    params: Vec<(&'a str, f64, &'a str)>,
    /// Per control: the parameter, from, to, step.
    controls: Vec<(&'a str, f64, f64, f64)>,
    charts: Vec<ChartModel<'a>>,
    /// The charts' mappings from values to pixels, each once (a lesson's charts mostly share
    /// theirs): `geometry` and `phone` of a chart are indexes into it.
    geometries: Vec<&'a ChartGeometry>,
    /// The lesson's tables, in page order (the page's `table.nn-table` elements).
    tables: Vec<TableModel<'a>>,
    /// The live placeholders of the page (`data-nn` expressions): a signal at an input, as
    /// layer, node, quantity, next node and input (parameters are found by name).
    values: Live<Value>,
    /// The live `max <signal>` placeholders and their kin: the signal as above, then whether
    /// its largest value (`max`, `argmax`) and whether where it is reached (`argmax`, `argmin`).
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    extremes: Live<ExtremeModel>,
    /// Decimals of numbers in prose and tables.
    precision: usize,
    /// The plot height the sampling tolerance of smooth curves is measured against.
    plot_height: f64,
    /// The panel's words in the page's language: its title, the reset and show buttons, the
    /// hint, what the live region says when figures are redrawn or cannot be, and a table's
    /// row when it has no kinks. The buttons', the hint's and the row's are written into markup
    /// (`innerHTML`), so they are HTML (a project's words may hold `<` or `&`); the others
    /// are text (an attribute, `textContent`).
    words: [String; 7],
}

#[derive(Serialize)]
struct InputModel<'a> {
    name: &'a str,
    from: f64,
    to: f64,
    samples: usize,
}

#[derive(Serialize)]
struct LayerModel<'a> {
    activation: &'static str,
    /// Per node: its name, the indexes of its weights and of its bias in `params`.
    nodes: Vec<(&'a str, Vec<usize>, usize)>,
}

#[derive(Serialize)]
struct TableModel<'a> {
    signals: Vec<(usize, usize, &'static str, usize)>,
    at: &'a [f64],
    /// Rows at the network's kinks, which move with the parameters.
    at_kinks: bool,
    arithmetic: bool,
    precision: usize,
    input_precision: usize,
}

#[derive(Serialize)]
struct ChartModel<'a> {
    id: &'a str,
    /// Per series: layer, node, quantity and (for a weighted signal) the next layer's node.
    signals: Vec<(usize, usize, &'static str, usize)>,
    /// Per series: its colour as the drawing writes it (`#2CA02C`), and its name for the
    /// readout (its legend label, else the signal's name).
    colors: Vec<String>,
    labels: Vec<&'a str>,
    /// The input's name for the readout: the x axis's title.
    x: &'a str,
    points: &'a [(f64, f64)],
    /// Its mapping from values to pixels (in `geometries`).
    geometry: usize,
    /// The same on the phone canvas.
    phone: usize,
    /// Its description, each series' numbers as slots for the script to fill.
    description: &'a DescriptionTemplate,
}

/// The model of a lesson with controls, as a `<script>` element for its page; empty for a
/// lesson without a network or controls.
pub fn model_script(lesson: &Lesson, figures: &[Figure], html: &str, lang: Lang) -> String {
    let Some(network) = lesson.network.as_ref() else {
        return String::new();
    };
    if !lesson.explorable() {
        return String::new();
    }
    let (values, extremes) = live_values(network, html);
    let mut geometries = Vec::new();
    let charts = charts(lesson, figures, &mut geometries);
    let model = Model {
        input: InputModel {
            name: &network.input.name,
            from: network.input.from,
            to: network.input.to,
            samples: network.input.samples,
        },
        layers: layers(network),
        params: network
            .params()
            .map(|p| (p.name.as_str(), p.value, p.literal.as_str()))
            .collect(),
        controls: lesson.controls.iter().map(control).collect(),
        charts,
        geometries,
        tables: lesson
            .blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Table(t) => Some(TableModel {
                    signals: t.signals.iter().map(signal).collect(),
                    at: &t.at,
                    at_kinks: t.at_kinks,
                    arithmetic: t.arithmetic,
                    precision: t.precision,
                    input_precision: t.input_precision,
                }),
                _ => None,
            })
            .collect(),
        values,
        extremes,
        precision: lesson.precision,
        plot_height: PLOT_HEIGHT,
        words: [
            ("parameters", false),
            ("reset", true),
            ("show_controls", true),
            ("controls_hint", true),
            ("figures_updated", false),
            ("figure_stale", false),
            ("no_kinks", true),
        ]
        .map(|(key, markup)| match markup {
            true => i18n::html(lang, key),
            false => i18n::text(lang, key).to_string(),
        }),
    };
    let json = serde_json::to_string(&model).unwrap_or_default();
    // No `<`, `>` or `&` at all inside the script element (`</script>` would end it early, and
    // a label's markup has no business there): JSON writes them as escapes, in one pass.
    let mut script = String::with_capacity(json.len() + 80);
    script.push_str("<script type=\"application/json\" id=\"");
    script.push_str(MODEL_ID);
    script.push_str("\">");
    for c in json.chars() {
        match c {
            '<' => script.push_str("\\u003c"),
            '>' => script.push_str("\\u003e"),
            '&' => script.push_str("\\u0026"),
            _ => script.push(c),
        }
    }
    script.push_str("</script>\n");
    script
}

fn layers(network: &Network) -> Vec<LayerModel<'_>> {
    let mut index = 0;
    network
        .layers
        .iter()
        .map(|layer| LayerModel {
            activation: layer.activation.name(),
            nodes: layer
                .nodes
                .iter()
                .map(|node| {
                    let weights: Vec<usize> = (index..index + node.weights.len()).collect();
                    index += node.weights.len() + 1;
                    (node.name.as_str(), weights, index - 1)
                })
                .collect(),
        })
        .collect()
}

/// The lesson's charts, their mappings from values to pixels each put once into `geometries`.
fn charts<'a>(
    lesson: &'a Lesson,
    figures: &'a [Figure],
    geometries: &mut Vec<&'a ChartGeometry>,
) -> Vec<ChartModel<'a>> {
    let mut index = |g: &'a ChartGeometry| match geometries.iter().position(|h| *h == g) {
        Some(i) => i,
        None => {
            geometries.push(g);
            geometries.len() - 1
        }
    };
    lesson
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Figure(spec) => Some(spec),
            _ => None,
        })
        .filter_map(|spec| {
            let figure = figures.iter().find(|f| f.id == spec.id)?;
            let (column, phone) = (figure.chart.as_ref()?, &figure.phone.as_ref()?.chart);
            Some(ChartModel {
                id: &spec.id,
                signals: spec.series.iter().map(|s| signal(&s.signal)).collect(),
                colors: spec
                    .series
                    .iter()
                    .map(|s| hex((s.color.0, s.color.1, s.color.2)))
                    .collect(),
                labels: spec
                    .series
                    .iter()
                    .map(|s| s.label.as_deref().unwrap_or(&s.signal.name))
                    .collect(),
                x: x_name(spec, lesson.network.as_ref()?),
                points: &spec.points,
                geometry: index(column),
                phone: index(phone),
                description: figure.description_template.as_ref()?,
            })
        })
        .collect()
}

/// A live `signal @ input` placeholder: the signal (layer, node, quantity, next node), input.
type Value = (usize, usize, &'static str, usize, f64);
/// A live `max <signal>` placeholder and its kin: the signal, whether its largest value, and
/// whether the input where it is reached.
type ExtremeModel = (usize, usize, &'static str, usize, bool, bool);
type Live<T> = std::collections::BTreeMap<String, T>;

/// Every signal placeholder the page shows live (`data-nn="…"` in its HTML), found in one pass:
/// those at an input, and the extremes.
fn live_values(network: &Network, html: &str) -> (Live<Value>, Live<ExtremeModel>) {
    let (mut values, mut extremes) = (Live::new(), Live::new());
    // The page is mostly drawings: memchr's vectorised search skips them quickly.
    for at in memchr::memmem::find_iter(html.as_bytes(), " data-nn=\"") {
        let rest = &html[at + 10..];
        let Some(end) = rest.find('"') else { continue };
        let expr = rest[..end].replace("&amp;", "&").replace("&quot;", "\"");
        if let Some(e) = Extreme::parse(&expr) {
            if let Some(s) = network.signal(e.signal) {
                let (l, n, q, to) = signal(&s);
                let model = (l, n, q, to, e.largest, e.input);
                extremes.insert(expr.clone(), model);
            }
        } else if let Some((name, x)) = expr.split_once('@') {
            if let (Some(s), Ok(x)) = (network.signal(name.trim()), x.trim().parse::<f64>()) {
                let (l, n, q, to) = signal(&s);
                values.insert(expr, (l, n, q, to, x));
            }
        }
    }
    (values, extremes)
}

fn control(c: &Control) -> (&str, f64, f64, f64) {
    (&c.param, c.from, c.to, c.step)
}

fn signal(s: &Signal) -> (usize, usize, &'static str, usize) {
    let (quantity, to) = match s.quantity {
        Quantity::Input => ("input", 0),
        Quantity::Sum => ("sum", 0),
        Quantity::Linear => ("linear", 0),
        Quantity::Activation => ("activation", 0),
        Quantity::Weighted(to) => ("weighted", to),
    };
    (s.layer, s.node, quantity, to)
}
