//! Network diagrams: the lesson's network drawn as an SVG (input, hidden nodes with their
//! activation drawn inside, output; weights on the edges, biases by the nodes), with the part a
//! step talks about highlighted in the colour the lesson's figures draw its path in. Colours
//! come from the SVG's own stylesheet, which follows the reader's light or dark scheme.
//!
//! The drawing is compact, so that its text stays at least 11 CSS px when a phone's column
//! shrinks it (about 273 px wide at 320 px): a weight's label is its name over its value, beside
//! its edge near the hidden node, and the SVG is cropped to what is drawn.

mod colour;
mod describe;

use std::fmt::Write as _;
use std::sync::LazyLock;

use crate::figure::{svg_open, text_width, Figure, MIN_TEXT_PX, PHONE_COLUMN};
use crate::i18n::{self, Lang};
use crate::lesson::{DiagramSpec, Rgb};
use crate::network::{Activation, Network, Node};
use crate::text::{escape, is_wide, Fixed};

const RADIUS: f64 = 20.0;
/// The distance between the centres of two columns, and of two rows.
const COLUMN: f64 = 130.0;
const ROW: f64 = 140.0;
/// The font size of every text, in px.
const FONT: f64 = 15.0;
/// A weight label's box: `CHAR` px a character of its longer line, plus `PAD` (the page's script
/// sizes the box the same way when a value changes: templates/explore.js).
const CHAR: f64 = 8.6;
const PAD: f64 = 10.0;
/// The stylesheet all diagrams share ([`Figure::shared_style`]).
static SHARED_STYLE: LazyLock<String> = LazyLock::new(|| colour::shared_style(FONT));
const LABEL_HEIGHT: f64 = 38.0;
/// How far along its edge from the end in the column of more circles a weight's label is.
const LABEL_AT: f64 = 0.4;
/// The places a weight's label may take, in order of preference: moved along its edge by this
/// fraction of it, and whether on the other side of it.
const PLACES: [(f64, bool); 10] = [
    (0.0, false),
    (-0.1, false),
    (0.1, false),
    (-0.2, false),
    (0.2, false),
    (0.0, true),
    (-0.1, true),
    (0.1, true),
    (-0.2, true),
    (0.2, true),
];
/// The empty border around what is drawn.
const MARGIN: f64 = 4.0;

/// Draw the network of a lesson; `paths` are the colours of each node's path (per layer and
/// node, [`Rgb::paths`]); its description is in language `lang`.
pub fn draw(
    spec: &DiagramSpec,
    network: &Network,
    paths: &[Vec<Rgb>],
    (lang, decimals): (Lang, usize),
) -> Figure {
    let layout = Layout::new(network, decimals);
    let mut emphasis = Emphasis {
        highlight: &spec.highlight,
        paths,
        used: Vec::new(),
    };
    let mut body = String::new();
    let mut labels = String::new();
    let edges = layout.edges(network, &mut emphasis, lang, &mut body, &mut labels);
    layout.nodes(&mut emphasis, &mut body);
    let description = describe::describe(network, &edges, &spec.highlight, (lang, decimals));
    let title = if spec.title.is_empty() {
        i18n::text(lang, "diagram")
    } else {
        spec.title.as_str()
    };
    let (width, height) = (layout.width, layout.height);
    let size = (width as u32, height as u32);
    let mut svg = svg_open("nn-diagram", &spec.id, size, title, &description);
    svg.push_str(&colour::path_style(&emphasis.used));
    let _ = writeln!(
        svg,
        "<rect class=\"bg\" width=\"{width}\" height=\"{height}\"/>"
    );
    svg.push_str(&body);
    svg.push_str(&labels);
    svg.push_str("</svg>\n");
    Figure {
        id: spec.id.clone(),
        svg,
        csv: String::new(),
        description,
        description_template: None,
        chart: None,
        phone: None,
        shared_style: SHARED_STYLE.as_str(),
        least_width: least_width(width),
    }
}

/// The width a diagram `width` px wide stops shrinking at, if a phone's column is narrower: the
/// next whole pixel past the width at which its text is drawn at [`MIN_TEXT_PX`] (at that width
/// exactly, the browser's own arithmetic drew 525 px's text at 10.99 px). (A network of two
/// hidden layers or more: each is a column `COLUMN` px wide.)
fn least_width(width: f64) -> Option<u32> {
    let least = (width * MIN_TEXT_PX / FONT).floor() + 1.0;
    (least > PHONE_COLUMN).then_some(least as u32)
}

/// A circle of the diagram: the input (no node) or a node of the network.
struct NodeView<'a> {
    name: &'a str,
    node: Option<&'a Node>,
    activation: Option<Activation>,
}

/// What a diagram emphasises: the highlighted names are drawn strong, in their path's colour,
/// everything else dim; with nothing highlighted, everything is plain.
struct Emphasis<'a> {
    highlight: &'a [String],
    paths: &'a [Vec<Rgb>],
    /// The colours highlighted so far, in order (their rules go into the stylesheet).
    used: Vec<Rgb>,
}

impl Emphasis<'_> {
    fn lit(&self, name: &str) -> bool {
        self.highlight.iter().any(|h| h == name)
    }

    /// The classes of a part that is (`on`) or is not highlighted, its path being node `node`
    /// of layer `layer`: `hl` and the colour's class, `dim`, or none.
    fn class(&mut self, on: bool, (layer, node): (usize, usize)) -> String {
        if on {
            let c = self.paths[layer][node];
            if !self.used.contains(&c) {
                self.used.push(c);
            }
            format!("hl {}", colour::class(c))
        } else if self.highlight.is_empty() {
            String::new()
        } else {
            "dim".to_string()
        }
    }
}

/// A text's box: its left, top, right and bottom around its anchor (the middle of its
/// baseline), at the width the embedded font draws it. A text with East Asian characters is
/// drawn in the reader's CJK font, whose box is taller: Noto Sans CJK's (Android's, most Linux
/// desktops') reaches 1.16 of its size above the baseline and 0.29 below, the most of the
/// common ones (PingFang's and Microsoft YaHei's less).
fn text_box((x, y): (f64, f64), text: &str, bold: bool) -> [f64; 4] {
    let half = text_width(text, FONT, bold) / 2.0;
    let (up, down) = if text.chars().any(is_wide) {
        (1.16, 0.29)
    } else {
        (0.8, 0.25)
    };
    [x - half, y - up * FONT, x + half, y + down * FONT]
}

/// A weight label's box width for its name and value.
fn label_width(name: &str, value: &str) -> f64 {
    CHAR * name.chars().count().max(value.chars().count()) as f64 + PAD
}

/// Where the circles go: one column per layer (the input first), each column centred; the
/// origin puts what is drawn `MARGIN` from the edges.
struct Layout<'a> {
    columns: Vec<Vec<NodeView<'a>>>,
    rows: f64,
    origin: (f64, f64),
    width: f64,
    height: f64,
    /// Decimals of a value a training set ([`crate::network::Param::value_shown`]).
    decimals: usize,
    /// Each weight label's box before `origin` is added, in the order of [`Self::edges`].
    labels: Vec<[f64; 4]>,
}

impl<'a> Layout<'a> {
    fn new(network: &'a Network, decimals: usize) -> Layout<'a> {
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
        let mut layout = Layout {
            columns,
            rows,
            origin: (0.0, 0.0),
            width: 0.0,
            height: 0.0,
            decimals,
            labels: Vec::new(),
        };
        layout.labels = layout.place_labels(network);
        let [left, top, right, bottom] = layout.extent();
        layout.origin = ((MARGIN - left).ceil(), (MARGIN - top).ceil());
        layout.width = (right + layout.origin.0 + MARGIN).ceil();
        layout.height = (bottom + layout.origin.1 + MARGIN).ceil();
        layout
    }

    /// The box around everything drawn: circles, their texts and the weights' labels.
    fn extent(&self) -> [f64; 4] {
        let mut boxes = self.node_boxes();
        boxes.extend(&self.labels);
        boxes.into_iter().fold(
            [f64::MAX, f64::MAX, f64::MIN, f64::MIN],
            |[a, b, c, d], [e, f, g, h]| [a.min(e), b.min(f), c.max(g), d.max(h)],
        )
    }

    /// The boxes of the circles, their names and their biases.
    fn node_boxes(&self) -> Vec<[f64; 4]> {
        let mut boxes = Vec::new();
        for (c, column) in self.columns.iter().enumerate() {
            for (r, node) in column.iter().enumerate() {
                let (x, y) = self.position(c, r);
                boxes.push([x - RADIUS, y - RADIUS, x + RADIUS, y + RADIUS]);
                let (name_y, bias_y) = self.annotations(c, r);
                boxes.push(text_box((x, name_y), node.name, true));
                if let Some(n) = node.node {
                    boxes.push(text_box((x, bias_y), &n.bias.shown(self.decimals), false));
                }
            }
        }
        boxes
    }

    /// Each weight label's box, in the order of [`Self::edges`]: at the first of its
    /// [`PLACES`] where its box covers no circle, no circle's name or bias and no label placed
    /// before it (in a wide or deep network, the preferred place may hold a bias); the
    /// preferred place when every one does.
    fn place_labels(&self, network: &Network) -> Vec<[f64; 4]> {
        let mut taken = self.node_boxes();
        let mut out = Vec::new();
        let h = LABEL_HEIGHT / 2.0;
        for (l, layer) in network.layers.iter().enumerate() {
            for (n, node) in layer.nodes.iter().enumerate() {
                for (k, w) in node.weights.iter().enumerate() {
                    let half = label_width(&w.name, &w.value_shown(self.decimals)) / 2.0;
                    let boxed = |(x, y): (f64, f64)| [x - half, y - h, x + half, y + h];
                    let free = |&[a, b, c, d]: &[f64; 4]| {
                        !taken
                            .iter()
                            .any(|&[e, f, g, i]| a < g && e < c && b < i && f < d)
                    };
                    let placed = PLACES
                        .iter()
                        .map(|&place| boxed(self.label_at((l, k, n), half, place)))
                        .find(free)
                        .unwrap_or_else(|| boxed(self.label_at((l, k, n), half, PLACES[0])));
                    taken.push(placed);
                    out.push(placed);
                }
            }
        }
        out
    }

    /// The centre of circle `r` of column `c`.
    fn position(&self, c: usize, r: usize) -> (f64, f64) {
        let count = self.columns[c].len() as f64;
        let x = self.origin.0 + COLUMN * c as f64;
        let y = self.origin.1 + ROW * (r as f64 + (self.rows - count) / 2.0);
        (x, y)
    }

    /// The baselines of a circle's name and bias: above it for the first circle of a column of
    /// several (the edges leave room there), below it otherwise.
    fn annotations(&self, c: usize, r: usize) -> (f64, f64) {
        let (_, y) = self.position(c, r);
        if r == 0 && self.columns[c].len() > 1 {
            (y - RADIUS - 24.0, y - RADIUS - 7.0)
        } else {
            (y + RADIUS + 17.0, y + RADIUS + 34.0)
        }
    }

    /// The centre of the label of the edge from circle `k` of column `l` to circle `n` of the
    /// next, whose box is `half_width` px wide on either side: beside the edge, `LABEL_AT` of the
    /// way from the end whose column has more circles (the target's when they have as many),
    /// on the side away from the middle row, clear of the edge; in whole pixels. `place` moves
    /// it along the edge by a fraction of it, and to the other side ([`PLACES`]).
    fn label_at(
        &self,
        (l, k, n): (usize, usize, usize),
        half_width: f64,
        (shift, other_side): (f64, bool),
    ) -> (f64, f64) {
        let (x1, y1) = self.position(l, k);
        let (x2, y2) = self.position(l + 1, n);
        let t = shift
            + if self.columns[l].len() > self.columns[l + 1].len() {
                LABEL_AT
            } else {
                1.0 - LABEL_AT
            };
        let (x, y) = (x1 + (x2 - x1) * t, y1 + (y2 - y1) * t);
        let len = (x2 - x1).hypot(y2 - y1).max(1.0);
        let (mut nx, mut ny) = (-(y2 - y1) / len, (x2 - x1) / len);
        let middle = self.origin.1 + ROW * (self.rows - 1.0) / 2.0;
        if ((y <= middle) == (ny > 0.0)) != other_side {
            (nx, ny) = (-nx, -ny);
        }
        let away = half_width * nx.abs() + LABEL_HEIGHT / 2.0 * ny.abs() + 3.0;
        ((x + nx * away).round(), (y + ny * away).round())
    }

    /// The node whose path the edge from node `k` of layer `l - 1` (the input for `l` = 0) to
    /// node `n` of layer `l` is on: the hidden node it enters, or else the one it leaves.
    fn edge_path(network: &Network, l: usize, k: usize, n: usize) -> (usize, usize) {
        if l + 1 < network.layers.len() || l == 0 {
            (l, n)
        } else {
            (l - 1, k)
        }
    }

    /// The edges into `body` and their weight labels into `labels`; returns each edge described.
    fn edges(
        &self,
        network: &Network,
        emphasis: &mut Emphasis,
        lang: Lang,
        body: &mut String,
        labels: &mut String,
    ) -> Vec<String> {
        let mut described = Vec::new();
        let mut placed = self.labels.iter();
        for (l, layer) in network.layers.iter().enumerate() {
            for (n, node) in layer.nodes.iter().enumerate() {
                for (k, w) in node.weights.iter().enumerate() {
                    let (x1, y1) = self.position(l, k);
                    let (x2, y2) = self.position(l + 1, n);
                    let (dx, dy) = (x2 - x1, y2 - y1);
                    let len = (dx * dx + dy * dy).sqrt().max(1.0);
                    let (ux, uy) = (dx / len, dy / len);
                    let class =
                        emphasis.class(emphasis.lit(&w.name), Self::edge_path(network, l, k, n));
                    let _ = writeln!(
                        body,
                        "<line class=\"{}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
                        format!("edge {class}").trim_end(),
                        Px(x1 + ux * RADIUS),
                        Px(y1 + uy * RADIUS),
                        Px(x2 - ux * RADIUS),
                        Px(y2 - uy * RADIUS)
                    );
                    let value = w.value_shown(self.decimals);
                    // (The box's centre: its sides are the centre ± half its size.)
                    let [a, b, c, d] = placed.next().copied().unwrap_or_default();
                    let at = ((a + c) / 2.0 + self.origin.0, (b + d) / 2.0 + self.origin.1);
                    label(labels, at, (&w.name, &value), &class);
                    described.push(i18n::sentence(
                        lang,
                        "diagram_edge",
                        &[
                            ("from", self.columns[l][k].name),
                            ("to", self.columns[l + 1][n].name),
                            ("weight", &w.shown(self.decimals)),
                        ],
                    ));
                }
            }
        }
        described
    }

    /// The circles, each with its activation glyph (none for the input), name and bias.
    fn nodes(&self, emphasis: &mut Emphasis, body: &mut String) {
        for (c, column) in self.columns.iter().enumerate() {
            for (r, node) in column.iter().enumerate() {
                let (x, y) = self.position(c, r);
                let class = match node.node {
                    Some(n) => {
                        let on = emphasis.lit(&n.name) || emphasis.lit(&n.bias.name);
                        emphasis.class(on, (c - 1, r))
                    }
                    None => emphasis.class(false, (0, 0)),
                };
                let _ = writeln!(body, "<g class=\"{class}\">");
                let _ = writeln!(
                    body,
                    "<circle class=\"node\" cx=\"{}\" cy=\"{}\" r=\"{RADIUS}\"/>",
                    Px(x),
                    Px(y)
                );
                if let Some(a) = node.activation {
                    let _ = writeln!(body, "<path class=\"glyph\" d=\"{}\"/>", glyph(a, x, y));
                }
                let (name_y, bias_y) = self.annotations(c, r);
                let (x, name_y, bias_y) = (Px(x), Px(name_y), Px(bias_y));
                let _ = writeln!(
                    body,
                    "<text class=\"name\" x=\"{x}\" y=\"{name_y}\">{}</text>",
                    escape(node.name)
                );
                if let Some(n) = node.node {
                    let _ = writeln!(
                        body,
                        "<text x=\"{x}\" y=\"{bias_y}\" data-nn=\"{}\">{}</text>",
                        escape(&n.bias.name),
                        escape(&n.bias.shown(self.decimals))
                    );
                }
                body.push_str("</g>\n");
            }
        }
    }
}

/// A weight's label centred on `(x, y)`: a backing box, the weight's name and under it its
/// value, in the edge's classes. The value carries the weight's name (`data-nn`) and the class
/// `value`, for the page's script to update it.
fn label(out: &mut String, (x, y): (f64, f64), (param, value): (&str, &str), class: &str) {
    let w = label_width(param, value);
    let group = if class.is_empty() {
        String::new()
    } else {
        format!(" class=\"{class}\"")
    };
    let _ = writeln!(
        out,
        "<g{group}><rect class=\"label-bg\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{LABEL_HEIGHT}\" rx=\"3\"/><text x=\"{x}\" y=\"{}\">{}</text><text class=\"value\" x=\"{x}\" y=\"{}\" data-nn=\"{}\">{}</text></g>",
        Px(x - w / 2.0),
        Px(y - LABEL_HEIGHT / 2.0),
        Px(w),
        Px(y - 4.0),
        escape(param),
        Px(y + 13.0),
        escape(param),
        escape(value),
        x = Px(x),
    );
}

/// A coordinate to a tenth of a pixel, without a trailing `.0` (`161`, `70.4`).
struct Px(f64);

impl std::fmt::Display for Px {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tenths = Fixed(self.0, 1).to_string();
        match tenths.strip_suffix(".0") {
            Some("-0") => f.write_str("0"),
            Some(whole) => f.write_str(whole),
            None => f.write_str(&tenths),
        }
    }
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
    // A point on the straight line between its neighbours adds nothing to the drawing (a
    // ReLU's glyph is three points): only the corners and the curve are written.
    let mut d = String::new();
    for (i, (px, py)) in pts.iter().enumerate() {
        let bends = match (i.checked_sub(1).map(|p| pts[p]), pts.get(i + 1)) {
            (Some((ax, ay)), Some(&(bx, by))) => {
                let cross = (px - ax) * (by - ay) - (py - ay) * (bx - ax);
                cross.abs() > 1e-9 * (bx - ax).hypot(by - ay).max(1.0)
            }
            _ => true,
        };
        if bends {
            let _ = write!(
                d,
                "{}{} {}",
                if i == 0 { "M" } else { " L" },
                Px(*px),
                Px(*py)
            );
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_are_written_to_a_tenth_without_a_trailing_zero() {
        let shown: Vec<String> = [161.0, 70.44, 72.75, -0.01, -3.0]
            .iter()
            .map(|v| Px(*v).to_string())
            .collect();
        assert_eq!(shown, ["161", "70.4", "72.8", "0", "-3"]);
    }

    #[test]
    fn a_relu_glyph_is_its_two_ends_and_its_corner() {
        assert_eq!(
            glyph(Activation::Relu, 0.0, 0.0),
            "M-13 10.4 L0 10.4 L13 -10.4"
        );
        // A curve keeps its points, but for its centre: the sigmoid is symmetric about it, so
        // the points on either side and it are on one line.
        assert_eq!(
            glyph(Activation::Sigmoid, 0.0, 0.0).matches(" L").count(),
            15
        );
    }
}
