//! Network diagrams: the lesson's network drawn as an SVG (input, hidden nodes with their
//! activation drawn inside, output; weights on the edges, biases under the nodes), with the
//! part a step talks about highlighted. Colours come from the SVG's own stylesheet, which
//! follows the reader's light or dark scheme.

use std::fmt::Write as _;

use crate::figure::{svg_open, Figure};
use crate::i18n;
use crate::lesson::DiagramSpec;
use crate::network::{Activation, Network, Node};
use crate::text::escape;

const RADIUS: f64 = 24.0;
const ROW: f64 = 110.0;
const COLUMN: f64 = 190.0;
const MARGIN_X: f64 = 70.0;
const MARGIN_Y: f64 = 40.0;

/// The diagram's style, light and dark. Every rule is scoped to `.nn-diagram`: diagrams are
/// inlined into the page, where an unscoped rule would reach every SVG of it.
const STYLE: &str = "<style>\
.nn-diagram .bg { fill: #ffffff; } .nn-diagram .edge { stroke: #8c959f; stroke-width: 1.5; } \
.nn-diagram .node { fill: #f6f8fa; stroke: #57606a; stroke-width: 1.5; } \
.nn-diagram .glyph { fill: none; stroke: #1f2328; stroke-width: 2; } \
.nn-diagram text { fill: #1f2328; font-family: sans-serif; font-size: 13px; } \
.nn-diagram .name { font-weight: bold; } .nn-diagram .label-bg { fill: #ffffff; opacity: 0.9; } \
.nn-diagram .hl .edge, .nn-diagram .edge.hl { stroke: #d1242f; stroke-width: 3.5; } \
.nn-diagram .hl .node, .nn-diagram .node.hl { stroke: #d1242f; stroke-width: 3.5; fill: #fff1f0; } \
.nn-diagram .hl text, .nn-diagram text.hl { fill: #a40e26; font-weight: bold; } \
.nn-diagram .dim { opacity: 0.45; } \
@media (prefers-color-scheme: dark) { .nn-diagram .bg { fill: #0d1117; } \
.nn-diagram .edge { stroke: #6e7681; } .nn-diagram .node { fill: #161b22; stroke: #8b949e; } \
.nn-diagram .glyph { stroke: #e6edf3; } .nn-diagram text { fill: #e6edf3; } \
.nn-diagram .label-bg { fill: #0d1117; } \
.nn-diagram .hl .edge, .nn-diagram .edge.hl, .nn-diagram .hl .node, .nn-diagram .node.hl { stroke: #ff7b72; } \
.nn-diagram .hl .node, .nn-diagram .node.hl { fill: #2d1517; } \
.nn-diagram .hl text, .nn-diagram text.hl { fill: #ffa198; } }\
</style>\n";

/// Draw the network of a lesson; its description is in language `lang`.
pub fn draw(spec: &DiagramSpec, network: &Network, lang: &str) -> Figure {
    let layout = Layout::new(network);
    let emphasis = Emphasis {
        highlight: &spec.highlight,
    };
    let mut body = String::new();
    let mut labels = String::new();
    let edges = layout.edges(network, &emphasis, lang, &mut body, &mut labels);
    layout.nodes(&emphasis, &mut body);
    let description = describe(network, &edges, &spec.highlight, lang);
    let title = if spec.title.is_empty() {
        i18n::text(lang, "diagram")
    } else {
        spec.title.as_str()
    };
    let (width, height) = (layout.width.round(), layout.height.round());
    let size = (width as u32, height as u32);
    let mut svg = svg_open("nn-diagram", &spec.id, size, title, &description);
    let _ = writeln!(
        svg,
        "{STYLE}<rect class=\"bg\" width=\"{width}\" height=\"{height}\"/>"
    );
    svg.push_str(&body);
    svg.push_str(&labels);
    svg.push_str("</svg>\n");
    Figure {
        phone: None,
        id: spec.id.clone(),
        svg,
        csv: String::new(),
        description,
        width: width as u32,
        height: height as u32,
        chart: None,
    }
}

/// A circle of the diagram: the input (no node) or a node of the network.
struct NodeView<'a> {
    name: &'a str,
    node: Option<&'a Node>,
    activation: Option<Activation>,
}

/// What a diagram emphasises: the highlighted names are drawn strong, everything else dim;
/// with nothing highlighted, everything is plain.
struct Emphasis<'a> {
    highlight: &'a [String],
}

impl Emphasis<'_> {
    fn lit(&self, name: &str) -> bool {
        self.highlight.iter().any(|h| h == name)
    }

    /// The class of a part that is (`on`) or is not highlighted: `hl`, `dim` or none.
    fn class(&self, on: bool) -> &'static str {
        if on {
            "hl"
        } else if self.highlight.is_empty() {
            ""
        } else {
            "dim"
        }
    }
}

/// Where the circles go: one column per layer (the input first), each column centred.
struct Layout<'a> {
    columns: Vec<Vec<NodeView<'a>>>,
    rows: f64,
    width: f64,
    height: f64,
}

impl<'a> Layout<'a> {
    fn new(network: &'a Network) -> Layout<'a> {
        // Columns: the input, each hidden layer, the output.
        let mut columns: Vec<Vec<NodeView>> = vec![vec![NodeView {
            name: &network.input.label,
            node: None,
            activation: None,
        }]];
        for layer in &network.layers {
            columns.push(
                layer
                    .nodes
                    .iter()
                    .map(|n| NodeView {
                        name: &n.label,
                        node: Some(n),
                        activation: Some(layer.activation),
                    })
                    .collect(),
            );
        }
        let rows = columns.iter().map(Vec::len).max().unwrap_or(1) as f64;
        Layout {
            width: 2.0 * MARGIN_X + COLUMN * (columns.len() - 1) as f64,
            height: 2.0 * MARGIN_Y + ROW * rows + 10.0,
            columns,
            rows,
        }
    }

    /// The centre of circle `r` of column `c`.
    fn position(&self, c: usize, r: usize) -> (f64, f64) {
        let count = self.columns[c].len() as f64;
        let x = MARGIN_X + COLUMN * c as f64;
        let y = MARGIN_Y + ROW * (r as f64 + 0.5 + (self.rows - count) / 2.0) - 12.0;
        (x, y)
    }

    /// The edges into `body` and their weight labels into `labels`; returns each edge described.
    fn edges(
        &self,
        network: &Network,
        emphasis: &Emphasis,
        lang: &str,
        body: &mut String,
        labels: &mut String,
    ) -> Vec<String> {
        let mut described = Vec::new();
        for (l, layer) in network.layers.iter().enumerate() {
            for (n, node) in layer.nodes.iter().enumerate() {
                for (k, w) in node.weights.iter().enumerate() {
                    let (x1, y1) = self.position(l, k);
                    let (x2, y2) = self.position(l + 1, n);
                    let (dx, dy) = (x2 - x1, y2 - y1);
                    let len = (dx * dx + dy * dy).sqrt().max(1.0);
                    let (ux, uy) = (dx / len, dy / len);
                    let on = emphasis.lit(&w.name);
                    let class = match emphasis.class(on) {
                        "" => "edge".to_string(),
                        c => format!("edge {c}"),
                    };
                    let _ = writeln!(
                        body,
                        "<line class=\"{class}\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/>",
                        x1 + ux * RADIUS,
                        y1 + uy * RADIUS,
                        x2 - ux * RADIUS,
                        y2 - uy * RADIUS
                    );
                    let text = w.shown();
                    // Labels sit at 40% of the edge from its end, to keep fan-in labels apart.
                    let (lx, ly) = (x1 + dx * 0.6, y1 + dy * 0.6);
                    label(
                        labels,
                        (lx, ly - 4.0),
                        (&w.name, &text),
                        on,
                        emphasis.class(on),
                    );
                    described.push(i18n::sentence(
                        lang,
                        "diagram_edge",
                        &[
                            ("from", self.columns[l][k].name),
                            ("to", self.columns[l + 1][n].name),
                            ("weight", &text),
                        ],
                    ));
                }
            }
        }
        described
    }

    /// The circles, each with its activation glyph (or `x` for the input), name and bias.
    fn nodes(&self, emphasis: &Emphasis, body: &mut String) {
        for (c, column) in self.columns.iter().enumerate() {
            for (r, node) in column.iter().enumerate() {
                let (x, y) = self.position(c, r);
                let on = node
                    .node
                    .is_some_and(|n| emphasis.lit(&n.name) || emphasis.lit(&n.bias.name));
                let _ = writeln!(body, "<g class=\"{}\">", emphasis.class(on));
                let _ = writeln!(
                    body,
                    "<circle class=\"node\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{RADIUS}\"/>"
                );
                match node.activation {
                    Some(a) => {
                        let _ = writeln!(body, "<path class=\"glyph\" d=\"{}\"/>", glyph(a, x, y));
                    }
                    None => {
                        let _ = writeln!(
                            body,
                            "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">x</text>",
                            y + 5.0
                        );
                    }
                }
                let _ = writeln!(
                    body,
                    "<text class=\"name\" x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                    y + RADIUS + 17.0,
                    escape(node.name)
                );
                if let Some(n) = node.node {
                    let _ = writeln!(
                        body,
                        "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" data-nn=\"{}\">{}</text>",
                        y + RADIUS + 33.0,
                        escape(&n.bias.name),
                        escape(&n.bias.shown())
                    );
                }
                body.push_str("</g>\n");
            }
        }
    }
}

/// A weight's label: a backing box and the text, in the edge's class (`hl`, `dim` or none);
/// the text itself is emphasised only when highlighted.
/// The text carries the weight's name (`data-nn`), for the page's script to update its value.
fn label(out: &mut String, (x, y): (f64, f64), (param, text): (&str, &str), on: bool, class: &str) {
    let w = 7.4 * text.chars().count() as f64 + 8.0;
    let group = if class.is_empty() {
        String::new()
    } else {
        format!(" class=\"{class}\"")
    };
    let _ = writeln!(
        out,
        "<g{group}><rect class=\"label-bg\" x=\"{:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"18\" rx=\"3\"/><text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"middle\" data-nn=\"{}\"{}>{}</text></g>",
        x - w / 2.0,
        y - 13.0,
        escape(param),
        if on { " class=\"hl\"" } else { "" },
        escape(text)
    );
}

/// A small drawing of the activation function, centred on the node.
fn glyph(a: Activation, x: f64, y: f64) -> String {
    let s = 13.0;
    let pts: Vec<(f64, f64)> = (0..=16)
        .map(|i| {
            let t = -1.0 + 2.0 * i as f64 / 16.0;
            let v = match a {
                Activation::Relu => t.max(0.0) * 2.0 - 1.0,
                Activation::LeakyRelu => (if t > 0.0 { t } else { 0.15 * t }) * 1.6 - 0.5,
                Activation::Softplus => (1.0 + (3.0 * t).exp()).ln() / 1.6 - 1.0,
                Activation::Sigmoid => 2.0 / (1.0 + (-5.0 * t).exp()) - 1.0,
                Activation::Tanh => (2.5 * t).tanh(),
                Activation::Identity => t,
            };
            (x + t * s, y - v.clamp(-1.0, 1.0) * s * 0.8)
        })
        .collect();
    let mut d = String::new();
    for (i, (px, py)) in pts.iter().enumerate() {
        let _ = write!(d, "{}{px:.1} {py:.1}", if i == 0 { "M" } else { " L" });
    }
    d
}

fn describe(network: &Network, edges: &[String], highlight: &[String], lang: &str) -> String {
    let last = network.layers.len() - 1;
    let layers: Vec<String> = network
        .layers
        .iter()
        .enumerate()
        .map(|(l, layer)| {
            let names: Vec<String> = layer
                .nodes
                .iter()
                .map(|n| {
                    i18n::sentence(
                        lang,
                        "diagram_node",
                        &[("name", &n.label), ("bias", &n.bias.shown())],
                    )
                })
                .collect();
            let kind = if l == last {
                "diagram_output"
            } else {
                "diagram_hidden"
            };
            i18n::sentence(
                lang,
                kind,
                &[
                    ("activation", layer.activation.display_name()),
                    ("nodes", &names.join(i18n::text(lang, "list"))),
                ],
            )
        })
        .collect();
    let mut d = i18n::sentence(
        lang,
        "diagram_desc",
        &[
            ("input", &network.input.label),
            ("layers", &layers.join(i18n::text(lang, "diagram_then"))),
            ("weights", &edges.join(i18n::text(lang, "diagram_edges"))),
        ],
    );
    if !highlight.is_empty() {
        // A highlighted node is named by its label; weights and biases by their names.
        let names: Vec<&str> = highlight
            .iter()
            .map(|h| {
                let node = network
                    .layers
                    .iter()
                    .flat_map(|l| &l.nodes)
                    .find(|n| n.name == *h);
                node.map_or(h.as_str(), |n| n.label.as_str())
            })
            .collect();
        d.push_str(&i18n::sentence(
            lang,
            "diagram_highlight",
            &[("names", &names.join(i18n::text(lang, "list")))],
        ));
    }
    d
}
