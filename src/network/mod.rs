//! The network: a feed-forward net with one input and one output, evaluated in f64, and the
//! signals a lesson can plot or tabulate. Sampling includes every kink of piecewise-linear
//! activations, so figures of ReLU networks are exact.

use std::fmt;

use crate::text::{format_number, typographic_minus};

pub mod train;
mod zero;
use zero::{exact_zero, find_zero};

/// An activation function of a layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activation {
    Relu,
    Softplus,
    Sigmoid,
    Tanh,
    LeakyRelu,
    Identity,
}

impl Activation {
    pub const ALL: [Activation; 6] = [
        Activation::Relu,
        Activation::Softplus,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::LeakyRelu,
        Activation::Identity,
    ];

    /// The slope of leaky ReLU for negative inputs.
    pub const LEAKY_SLOPE: f64 = 0.01;

    pub fn name(self) -> &'static str {
        match self {
            Activation::Relu => "relu",
            Activation::Softplus => "softplus",
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::LeakyRelu => "leaky_relu",
            Activation::Identity => "identity",
        }
    }

    /// How the function is written in a heading or a table ("ReLU").
    pub fn display_name(self) -> &'static str {
        match self {
            Activation::Relu => "ReLU",
            Activation::Softplus => "Softplus",
            Activation::Sigmoid => "Sigmoid",
            Activation::Tanh => "tanh",
            Activation::LeakyRelu => "Leaky ReLU",
            Activation::Identity => "identity",
        }
    }

    pub fn from_name(name: &str) -> Option<Activation> {
        Activation::ALL.into_iter().find(|a| a.name() == name)
    }

    pub fn apply(self, z: f64) -> f64 {
        match self {
            Activation::Relu => z.max(0.0),
            // ln(1 + e^z), computed without overflow for large z.
            Activation::Softplus => z.max(0.0) + (-z.abs()).exp().ln_1p(),
            Activation::Sigmoid => 1.0 / (1.0 + (-z).exp()),
            Activation::Tanh => z.tanh(),
            Activation::LeakyRelu => {
                if z >= 0.0 {
                    z
                } else {
                    Activation::LEAKY_SLOPE * z
                }
            }
            Activation::Identity => z,
        }
    }

    /// Whether the function is piecewise linear, with a kink at zero.
    pub fn has_kink(self) -> bool {
        matches!(self, Activation::Relu | Activation::LeakyRelu)
    }

    pub fn is_piecewise_linear(self) -> bool {
        matches!(
            self,
            Activation::Relu | Activation::LeakyRelu | Activation::Identity
        )
    }
}

impl fmt::Display for Activation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A named parameter (weight or bias) with its value and the literal the author typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub name: String,
    pub value: f64,
    /// The value's text for code: as the author typed it, or, once a training has set the
    /// value, the shortest text that reads back as it (`2.608911137247537`).
    pub literal: String,
    /// Whether `literal` is as the author typed it (not set by a training).
    pub typed: bool,
}

impl Param {
    /// `w3 = −40.8`: the name and the value as readers see it ([`Self::value_shown`]).
    pub fn shown(&self, decimals: usize) -> String {
        format!("{} = {}", self.name, self.value_shown(decimals))
    }

    /// `−40.8`: the literal as typed, with a true minus sign. A value a training set was never
    /// typed: it is shown as computed numbers are, with `decimals` decimals (`2.61`), not in its
    /// full seventeen digits, which would crowd a diagram and a table.
    pub fn value_shown(&self, decimals: usize) -> String {
        if self.typed {
            typographic_minus(&self.literal)
        } else {
            format_number(self.value, decimals)
        }
    }
}

/// A node: one weight per node of the previous layer, and a bias.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub name: String,
    /// What a reader sees: the lesson's `label` for the node (its name when none is given; the
    /// output's label for the output node).
    pub label: String,
    pub weights: Vec<Param>,
    pub bias: Param,
}

/// A layer of nodes sharing one activation. The last layer of a network is its output (one
/// node).
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    pub activation: Activation,
    pub nodes: Vec<Node>,
}

/// The network's input: its variable name, axis label and range.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub name: String,
    pub label: String,
    pub from: f64,
    pub to: f64,
    /// `from` and `to` as typed.
    pub from_literal: String,
    pub to_literal: String,
    pub samples: usize,
}

impl Input {
    /// Whether `x` lies in the input range (ends included).
    pub fn contains(&self, x: f64) -> bool {
        (self.from..=self.to).contains(&x)
    }
}

/// A feed-forward network with one input and one output node.
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    pub input: Input,
    /// Hidden layers followed by the output layer (always exactly one node).
    pub layers: Vec<Layer>,
    /// The output's label: the default y-axis label of figures that show only output signals.
    pub output_label: String,
    /// Every kink in the input range, found once (see [`Network::kinks`]).
    pub(crate) kinks: Vec<f64>,
}

/// What a signal measures at a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    /// The input itself.
    Input,
    /// Weighted sum of the node's inputs, without the bias.
    Sum,
    /// Weighted sum plus bias (pre-activation).
    Linear,
    /// After the activation function.
    Activation,
    /// The node's activation times the weight on one of its outgoing edges (index of the node in
    /// the next layer).
    Weighted(usize),
}

/// A quantity of the network, a function of the input, that a figure or table can show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signal {
    pub name: String,
    pub layer: usize,
    pub node: usize,
    pub quantity: Quantity,
}

/// All intermediate values of one evaluation.
#[derive(Debug, Clone)]
pub struct Trace {
    pub input: f64,
    /// Per layer, per node: (sum, linear, activation).
    pub nodes: Vec<Vec<(f64, f64, f64)>>,
    /// Per layer, per node: a bound on the rounding error of the activation.
    pub errors: Vec<Vec<f64>>,
}

impl Network {
    /// Every node, layer by layer.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.layers.iter().flat_map(|l| &l.nodes)
    }

    /// Every weight and bias in order: layer by layer, node by node, weights then bias.
    pub fn params(&self) -> impl Iterator<Item = &Param> {
        (self.nodes()).flat_map(|n| n.weights.iter().chain(std::iter::once(&n.bias)))
    }

    pub fn param(&self, name: &str) -> Option<&Param> {
        self.params().find(|p| p.name == name)
    }

    /// Evaluate every node at input `x`.
    pub fn trace(&self, x: f64) -> Trace {
        let mut trace = Trace {
            input: x,
            nodes: self
                .layers
                .iter()
                .map(|l| vec![(0.0, 0.0, 0.0); l.nodes.len()])
                .collect(),
            errors: self
                .layers
                .iter()
                .map(|l| vec![0.0; l.nodes.len()])
                .collect(),
        };
        self.trace_into(x, &mut trace);
        trace
    }

    /// Evaluate every node at input `x` into a trace of this network (no allocation).
    ///
    /// Each value carries a bound on its rounding error (first order: each product and sum
    /// rounds, and the inputs' errors pass through the weights; no activation is steeper than
    /// 1). A pre-activation within its bound is zero, so that at its kink a node is exactly off:
    /// a ReLU there gives 0, not 3e-16.
    pub fn trace_into(&self, x: f64, trace: &mut Trace) {
        trace.input = x;
        for (l, layer) in self.layers.iter().enumerate() {
            let (before, rest) = trace.nodes.split_at_mut(l);
            let (errors_before, errors_rest) = trace.errors.split_at_mut(l);
            let input = [(0.0, 0.0, x)];
            let previous = before.last().map_or(&input[..], |p| &p[..]);
            let previous_errors = errors_before.last().map_or(&[0.0][..], |e| &e[..]);
            let nodes = layer.nodes.iter().zip(rest[0].iter_mut());
            for ((node, out), error_out) in nodes.zip(errors_rest[0].iter_mut()) {
                // The sum, the sum of the terms' sizes, and the error the inputs bring.
                let (mut sum, mut size, mut carried) = (-0.0, 0.0, 0.0);
                for ((w, a), e) in node.weights.iter().zip(previous).zip(previous_errors) {
                    let t = w.value * a.2;
                    sum += t;
                    size += t.abs();
                    carried += w.value.abs() * e;
                }
                let rounding = (node.weights.len() + 3) as f64 * f64::EPSILON;
                let error = carried + rounding * (size + node.bias.value.abs());
                let mut linear = sum + node.bias.value;
                if linear.is_finite() && linear.abs() <= error {
                    linear = 0.0;
                }
                let activation = layer.activation.apply(linear);
                *out = (sum, linear, activation);
                *error_out = error + f64::EPSILON * activation.abs();
            }
        }
    }

    /// The final output at input `x`.
    pub fn evaluate(&self, x: f64) -> f64 {
        let t = self.trace(x);
        t.nodes[t.nodes.len() - 1][0].2
    }

    /// The value of a signal in a trace. Negative zero is returned as zero.
    pub fn value(&self, trace: &Trace, signal: &Signal) -> f64 {
        let v = match signal.quantity {
            Quantity::Input => trace.input,
            Quantity::Sum => trace.nodes[signal.layer][signal.node].0,
            Quantity::Linear => trace.nodes[signal.layer][signal.node].1,
            Quantity::Activation => trace.nodes[signal.layer][signal.node].2,
            Quantity::Weighted(to) => {
                let w = &self.layers[signal.layer + 1].nodes[to].weights[signal.node];
                trace.nodes[signal.layer][signal.node].2 * w.value
            }
        };
        v + 0.0
    }

    /// Every signal name this network offers, in a readable order.
    pub fn signal_names(&self) -> Vec<String> {
        let mut names = vec!["input".to_string()];
        let last = self.layers.len() - 1;
        for (l, layer) in self.layers.iter().enumerate() {
            for (n, node) in layer.nodes.iter().enumerate() {
                if l == last {
                    names.push(format!("{}.sum", node.name));
                }
                names.push(format!("{}.linear", node.name));
                names.push(format!("{}.activation", node.name));
                if l < last {
                    for next in &self.layers[l + 1].nodes {
                        names.push(format!("{}.{}", node.name, next.weights[n].name));
                    }
                }
            }
        }
        names
    }

    /// Look up a signal by name (`top.activation`, `top.w3`, `output.sum`, `input`).
    pub fn signal(&self, name: &str) -> Option<Signal> {
        if name == "input" {
            return Some(Signal {
                name: name.to_string(),
                layer: 0,
                node: 0,
                quantity: Quantity::Input,
            });
        }
        let (node_name, what) = name.rsplit_once('.')?;
        let last = self.layers.len() - 1;
        for (l, layer) in self.layers.iter().enumerate() {
            for (n, node) in layer.nodes.iter().enumerate() {
                if node.name != node_name {
                    continue;
                }
                let quantity = match what {
                    "linear" => Quantity::Linear,
                    "activation" => Quantity::Activation,
                    "sum" if l == last => Quantity::Sum,
                    weight if l < last => Quantity::Weighted(
                        self.layers[l + 1]
                            .nodes
                            .iter()
                            .position(|next| next.weights[n].name == weight)?,
                    ),
                    _ => return None,
                };
                return Some(Signal {
                    name: name.to_string(),
                    layer: l,
                    node: n,
                    quantity,
                });
            }
        }
        None
    }

    /// Whether every activation is piecewise linear, so that signals are linear between kinks.
    pub fn is_piecewise_linear(&self) -> bool {
        self.layers
            .iter()
            .all(|l| l.activation.is_piecewise_linear())
    }

    /// Every input in the range where some node with a kinked activation (ReLU, leaky ReLU) has a
    /// pre-activation of zero: the points where the network's signals change slope.
    ///
    /// Layer by layer: between two consecutive known kinks, a node's pre-activation is linear
    /// (for piecewise-linear networks), so each sign change on such an interval is one zero,
    /// found exactly by interpolation and refined by regula falsi for smooth networks.
    pub fn kinks(&self) -> Vec<f64> {
        self.kinks.clone()
    }

    /// Find the kinks (see [`Network::kinks`]); done once, when the network is built.
    pub(crate) fn find_kinks(&self) -> Vec<f64> {
        let (from, to) = (self.input.from, self.input.to);
        let mut points = vec![from, to];
        let mut kinks = Vec::new();
        // The work is bounded as well as the result: at most KINK_WORK weight products in all
        // the traces this search evaluates (a network whose kinks multiply layer by layer
        // would otherwise take minutes before the cap on kinks is reached).
        let per_trace = self.params().count().max(1);
        let left = std::cell::Cell::new(KINK_WORK / per_trace);
        let trace = |x: f64| {
            left.set(left.get().saturating_sub(1));
            self.trace(x)
        };
        for (l, layer) in self.layers.iter().enumerate() {
            if !layer.activation.has_kink() {
                continue;
            }
            if left.get() < points.len() || kinks.len() >= MAX_KINKS {
                break;
            }
            // Every node's pre-activation at every known point, from one trace per point.
            let z_at: Vec<Vec<f64>> = points
                .iter()
                .map(|&x| trace(x).nodes[l].iter().map(|v| v.1).collect())
                .collect();
            let mut found = Vec::new();
            'nodes: for (n, _) in layer.nodes.iter().enumerate() {
                let z = |x: f64| trace(x).nodes[l][n].1;
                for i in 0..points.len() - 1 {
                    if left.get() == 0 || kinks.len() + found.len() >= MAX_KINKS {
                        break 'nodes;
                    }
                    let (a, b) = (points[i], points[i + 1]);
                    let (za, zb) = (z_at[i][n], z_at[i + 1][n]);
                    if za == 0.0 && a > from {
                        found.push(a);
                    } else if za * zb < 0.0 {
                        found.push(exact_zero(&z, find_zero(&z, a, b, za, zb)));
                    }
                }
            }
            for x in found {
                if x > from && x < to && kinks.len() < MAX_KINKS {
                    kinks.push(x);
                    points.push(x);
                }
            }
            points.sort_by(f64::total_cmp);
            points.dedup();
        }
        kinks.sort_by(f64::total_cmp);
        kinks.dedup();
        kinks
    }

    /// The `samples` evenly spaced points over the input range, in order, ending exactly at `to`.
    pub fn grid(&self) -> Vec<f64> {
        let Input {
            from, to, samples, ..
        } = self.input;
        (0..samples)
            .map(|i| {
                if i + 1 == samples {
                    to
                } else {
                    from + (to - from) * (i as f64) / ((samples - 1) as f64)
                }
            })
            .collect()
    }

    /// The inputs to sample: the [`Network::grid`], plus every kink.
    pub fn sample_inputs(&self) -> Vec<f64> {
        let mut xs = self.grid();
        xs.extend_from_slice(&self.kinks);
        xs.sort_by(f64::total_cmp);
        xs.dedup();
        xs
    }

    /// The signal's largest (`largest`) or smallest value over [`Network::sample_inputs`], and
    /// the first input where it is reached: exact for a piecewise-linear network, whose signals
    /// reach their extremes at a kink or an end of the range, both sampled. `Err` holds an input
    /// where the value is not finite. (`explore.js` `extreme` computes the same.)
    pub fn extreme(&self, signal: &Signal, largest: bool) -> Result<(f64, f64), (f64, f64)> {
        let mut best = (self.input.from, f64::NAN);
        let mut trace = self.trace(self.input.from);
        for x in self.sample_inputs() {
            self.trace_into(x, &mut trace);
            let v = self.value(&trace, signal);
            if !v.is_finite() {
                return Err((x, v));
            }
            if best.1.is_nan() || (largest && v > best.1) || (!largest && v < best.1) {
                best = (x, v);
            }
        }
        Ok(best)
    }

    /// Sample signals over the input range: every kink included, and for smooth networks
    /// intervals subdivided until no chord is further than `tolerance` (in signal units) from
    /// the curve at its midpoint.
    pub fn sample(&self, signals: &[Signal], tolerance: f64) -> Samples {
        let eval = |x: f64| {
            let t = self.trace(x);
            signals
                .iter()
                .map(|s| self.value(&t, s))
                .collect::<Vec<_>>()
        };
        let mut samples = Samples {
            inputs: Vec::new(),
            values: vec![Vec::new(); signals.len()],
        };
        let xs = self.sample_inputs();
        let smooth = !self.is_piecewise_linear() && tolerance > 0.0;
        if !smooth {
            // Piecewise linear (or no refinement asked): every point once, one reused trace.
            let mut trace = self.trace(self.input.from);
            for x in xs {
                self.trace_into(x, &mut trace);
                samples.inputs.push(x);
                for (column, s) in samples.values.iter_mut().zip(signals) {
                    column.push(self.value(&trace, s));
                }
            }
            return samples;
        }
        let budget = xs.len() + MAX_REFINED_POINTS;
        let mut previous: Option<(f64, Vec<f64>)> = None;
        for x in xs {
            let v = eval(x);
            if let Some((px, pv)) = previous.take() {
                refine(
                    &eval,
                    (px, &pv),
                    (x, &v),
                    tolerance,
                    0,
                    &mut samples,
                    budget,
                );
            }
            samples.push(x, &v);
            previous = Some((x, v));
        }
        samples
    }
}

/// Signal values at sampled inputs: `values[s][i]` is signal `s` at `inputs[i]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Samples {
    pub inputs: Vec<f64>,
    pub values: Vec<Vec<f64>>,
}

impl Samples {
    /// The values of one signal.
    pub fn column(&self, s: usize) -> impl Iterator<Item = f64> + '_ {
        self.values[s].iter().copied()
    }

    /// Add the signals' values at one more input.
    fn push(&mut self, x: f64, row: &[f64]) {
        self.inputs.push(x);
        for (column, v) in self.values.iter_mut().zip(row) {
            column.push(*v);
        }
    }
}

const MAX_REFINE_DEPTH: u32 = 16;
/// At most this many kinks are sampled (a pathological deep network could have more).
pub const MAX_KINKS: usize = 10_000;
/// The most weight products the search for kinks may spend (about a second).
pub const KINK_WORK: usize = 200_000_000;
/// Refinement of smooth curves adds at most this many points to a figure's samples.
pub const MAX_REFINED_POINTS: usize = 20_000;

/// Push the points strictly between `a` and `b` that the chord a-b needs to stay within
/// `tolerance` of every signal.
fn refine(
    eval: &dyn Fn(f64) -> Vec<f64>,
    a: (f64, &[f64]),
    b: (f64, &[f64]),
    tolerance: f64,
    depth: u32,
    out: &mut Samples,
    budget: usize,
) {
    if depth >= MAX_REFINE_DEPTH || out.inputs.len() >= budget {
        return;
    }
    let mx = 0.5 * (a.0 + b.0);
    if mx <= a.0 || mx >= b.0 {
        return;
    }
    let mv = eval(mx);
    let off = mv
        .iter()
        .zip(a.1.iter().zip(b.1))
        .any(|(m, (va, vb))| (m - 0.5 * (va + vb)).abs() > tolerance);
    if off {
        refine(eval, a, (mx, &mv), tolerance, depth + 1, out, budget);
        out.push(mx, &mv);
        refine(eval, (mx, &mv), b, tolerance, depth + 1, out, budget);
    }
}
