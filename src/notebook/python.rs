//! The Python the notebook writes itself: the helpers (the network's forward pass, its
//! gradient, gradient descent) that the generated figure cells call, and Python literals.

use std::fmt::Write as _;

use crate::network::{Activation, Network};
use crate::text::shortest;

/// A number as a Python literal that reads back as the same float (finite numbers only; a
/// non-finite one, which nnbook never draws, is written `float("nan")`).
pub fn number(v: f64) -> String {
    if v.is_finite() {
        shortest(v + 0.0)
    } else {
        "float(\"nan\")".to_string()
    }
}

/// Numbers as a Python list.
pub fn list(values: impl IntoIterator<Item = f64>) -> String {
    let items: Vec<String> = values.into_iter().map(number).collect();
    format!("[{}]", items.join(", "))
}

/// Text as a Python string literal (double quotes; backslashes, quotes and control characters
/// escaped).
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text drawn by matplotlib (a title, a label) as a Python string literal: a `$` is escaped so
/// that matplotlib does not read it as the start of math.
pub fn label(s: &str) -> String {
    string(&s.replace('$', "\\$"))
}

/// Text in a Python comment: one line, without control characters.
pub fn comment(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Whether a parameter's name can be a Python variable (ASCII, not a keyword).
pub fn is_identifier(name: &str) -> bool {
    const KEYWORDS: [&str; 35] = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
        "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
        "try", "while", "with", "yield",
    ];
    name.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !KEYWORDS.contains(&name)
}

/// The name of the output node's activation signal (`output.activation`).
pub fn output_signal(net: &Network) -> String {
    let last = net
        .layers
        .last()
        .map_or("output", |l| l.nodes[0].name.as_str());
    format!("{last}.activation")
}

/// The helper cell: imports, the activation functions the network uses, `forward` (every
/// signal by name), `sample_inputs` (the lesson's grid plus given kinks) and `net_params` (the
/// parameters cell's values as a dict); with `training`, also `gradient`, `loss_and_gradient`,
/// `train` and `loss_and_slope`.
pub fn helpers(net: &Network, training: bool) -> String {
    let mut code = String::from(
        "# nnbook's helpers for the figures it draws without code of the lesson's: the network's\n\
         # forward pass, every signal by name, computed with numpy from the parameters above.\n\
         import numpy as np\nimport matplotlib.pyplot as plt\n",
    );
    let mut used: Vec<Activation> = Vec::new();
    for layer in &net.layers {
        if !used.contains(&layer.activation) {
            used.push(layer.activation);
        }
    }
    for a in &used {
        code.push_str(activation_def(*a));
        if training {
            code.push_str(slope_def(*a));
        }
    }
    forward(&mut code, net);
    let input = &net.input;
    let _ = write!(
        code,
        "\n\ndef sample_inputs(extra=()):\n    \
         \"\"\"The inputs a figure is drawn at: {samples} evenly spaced from {from} to {to}, and the\n    \
         extra ones nnbook samples: the kinks (where a ReLU's input is zero), so that no corner\n    \
         is cut off, and more points where a smooth curve bends.\"\"\"\n    \
         return np.union1d(np.linspace({from}, {to}, {samples}), extra)\n",
        from = number(input.from),
        to = number(input.to),
        samples = input.samples,
    );
    if training {
        gradient(&mut code, net);
        code.push_str(&TRAINING_HELPERS.replace("OUTPUT", &string(&output_signal(net))));
    }
    code.push_str(
        "\n\n# The parameters by name (the figures after a training use the trained ones).\n",
    );
    let items: Vec<String> = net
        .params()
        .map(|p| {
            let value = if is_identifier(&p.name) {
                p.name.clone()
            } else {
                number(p.value)
            };
            format!("{}: {value}", string(&p.name))
        })
        .collect();
    let _ = write!(code, "net_params = {{{}}}", items.join(", "));
    code
}

/// The Python name of an activation's function.
fn function(a: Activation) -> &'static str {
    match a {
        Activation::Relu => "relu",
        Activation::Softplus => "softplus",
        Activation::Sigmoid => "sigmoid",
        Activation::Tanh => "np.tanh",
        Activation::LeakyRelu => "leaky_relu",
        Activation::Identity => "",
    }
}

fn activation_def(a: Activation) -> &'static str {
    match a {
        Activation::Relu => "\n\ndef relu(z):\n    return np.maximum(z, 0.0)\n",
        Activation::Softplus => {
            "\n\ndef softplus(z):\n    # ln(1 + e^z), computed without overflow for large z\n    \
             return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))\n"
        }
        Activation::Sigmoid => "\n\ndef sigmoid(z):\n    return 1.0 / (1.0 + np.exp(-z))\n",
        Activation::LeakyRelu => {
            "\n\ndef leaky_relu(z):\n    return np.where(z >= 0.0, z, 0.01 * z)\n"
        }
        Activation::Tanh | Activation::Identity => "",
    }
}

/// The derivative of an activation, for the chain rule (at a kink, the slope of the left side).
fn slope_def(a: Activation) -> &'static str {
    match a {
        Activation::Relu => "\n\ndef relu_slope(z):\n    return np.where(z > 0.0, 1.0, 0.0)\n",
        Activation::Softplus => {
            "\n\ndef softplus_slope(z):\n    # the sigmoid, computed without overflow\n    \
             return np.exp(-softplus(-z))\n"
        }
        Activation::Sigmoid => "\n\ndef sigmoid_slope(z):\n    return sigmoid(z) * sigmoid(-z)\n",
        Activation::Tanh => "\n\ndef tanh_slope(z):\n    return 1.0 - np.tanh(z) ** 2\n",
        Activation::LeakyRelu => {
            "\n\ndef leaky_relu_slope(z):\n    return np.where(z > 0.0, 1.0, 0.01)\n"
        }
        Activation::Identity => "",
    }
}

/// `p["w1"]`: a parameter read from the dict `p`.
fn param(name: &str) -> String {
    format!("p[{}]", string(name))
}

/// `s["top.linear"]`: a signal read from the dict `s`.
fn signal(name: &str) -> String {
    format!("s[{}]", string(name))
}

/// `def forward(x, p)`: one line per signal, node by node, in the order nnbook computes them.
fn forward(code: &mut String, net: &Network) {
    code.push_str(
        "\n\ndef forward(x, p):\n    \
         \"\"\"Every signal of the network at the inputs x, with the parameters p, by name.\"\"\"\n    \
         s = {\"input\": x}\n",
    );
    let last = net.layers.len() - 1;
    for (l, layer) in net.layers.iter().enumerate() {
        for (n, node) in layer.nodes.iter().enumerate() {
            let _ = writeln!(
                code,
                "    # {} ({})",
                comment(&node.label),
                layer.activation.display_name()
            );
            let terms: Vec<String> = match l.checked_sub(1) {
                None => node
                    .weights
                    .iter()
                    .map(|w| format!("{} * x", param(&w.name)))
                    .collect(),
                Some(before) => net.layers[before]
                    .nodes
                    .iter()
                    .zip(&node.weights)
                    .map(|(from, w)| signal(&format!("{}.{}", from.name, w.name)))
                    .collect(),
            };
            let linear = signal(&format!("{}.linear", node.name));
            let bias = param(&node.bias.name);
            if l == last {
                let sum = signal(&format!("{}.sum", node.name));
                let _ = writeln!(code, "    {sum} = {}", terms.join(" + "));
                let _ = writeln!(code, "    {linear} = {sum} + {bias}");
            } else {
                let _ = writeln!(code, "    {linear} = {} + {bias}", terms.join(" + "));
            }
            let activation = signal(&format!("{}.activation", node.name));
            match function(layer.activation) {
                "" => {
                    let _ = writeln!(code, "    {activation} = {linear}");
                }
                f => {
                    let _ = writeln!(code, "    {activation} = {f}({linear})");
                }
            }
            // What travels along each outgoing edge: the activation times the edge's weight.
            for to in net.layers.get(l + 1).map_or(&[][..], |next| &next.nodes) {
                let w = &to.weights[n].name;
                let edge = signal(&format!("{}.{w}", node.name));
                let _ = writeln!(code, "    {edge} = {activation} * {}", param(w));
            }
        }
    }
    code.push_str("    return s\n");
}

/// `def gradient(x, p)`: backpropagation, written out node by node from the output back.
fn gradient(code: &mut String, net: &Network) {
    code.push_str(
        "\n\ndef gradient(x, p):\n    \
         \"\"\"d output / d parameter for every weight and bias, at the inputs x: the chain rule,\n    \
         from the output back, layer by layer (backpropagation).\"\"\"\n    \
         s = forward(x, p)\n    g = {}\n    d = {}  # d output / d (a node's linear term)\n",
    );
    let last = net.layers.len() - 1;
    for l in (0..=last).rev() {
        let layer = &net.layers[l];
        for (n, node) in layer.nodes.iter().enumerate() {
            let upstream = if l == last {
                "np.ones_like(x)".to_string()
            } else {
                let terms: Vec<String> = net.layers[l + 1]
                    .nodes
                    .iter()
                    .map(|to| format!("d[{}] * {}", string(&to.name), param(&to.weights[n].name)))
                    .collect();
                format!("({})", terms.join(" + "))
            };
            let z = signal(&format!("{}.linear", node.name));
            let slope = match layer.activation {
                Activation::Identity => String::new(),
                a => format!(" * {}_slope({z})", function(a).trim_start_matches("np.")),
            };
            let d = format!("d[{}]", string(&node.name));
            let _ = writeln!(code, "    {d} = {upstream}{slope}");
            for (k, w) in node.weights.iter().enumerate() {
                let input = if l == 0 {
                    "x".to_string()
                } else {
                    signal(&format!("{}.activation", net.layers[l - 1].nodes[k].name))
                };
                let _ = writeln!(code, "    g[{}] = {d} * {input}", string(&w.name));
            }
            let _ = writeln!(code, "    g[{}] = {d}", string(&node.bias.name));
        }
    }
    code.push_str("    return g\n");
}

/// The loss, gradient descent and the loss curve, in terms of `forward` and `gradient`.
const TRAINING_HELPERS: &str = r#"

def loss_and_gradient(p, data, loss="sum_of_squares"):
    """The loss over the data points (input, observed) and its derivative by every parameter:
    d loss / d predicted = -2 (observed - predicted), times d predicted / d parameter."""
    x = np.array([point[0] for point in data], dtype=float)
    observed = np.array([point[1] for point in data], dtype=float)
    residuals = observed - forward(x, p)[OUTPUT]
    scale = 1.0 if loss == "sum_of_squares" else 1.0 / len(data)
    slopes = {name: np.sum(-2.0 * scale * residuals * g) for name, g in gradient(x, p).items()}
    return scale * np.sum(residuals ** 2), slopes


def train(p, data, names, learning_rate, loss="sum_of_squares", start=None,
          steps=None, tolerance=None, max_steps=1000):
    """Gradient descent on the parameters `names`, as nnbook runs it: `steps` steps, or until
    every step size is below `tolerance` (at most `max_steps`). Returns every state (0: the
    start) and the loss at each."""
    p = {**p, **(start or {})}
    states = [p]
    for _ in range(steps if steps is not None else max_steps):
        slopes = loss_and_gradient(p, data, loss)[1]
        sizes = [slopes[name] * learning_rate for name in names]
        p = {**p, **{name: p[name] - size for name, size in zip(names, sizes)}}
        states.append(p)
        if tolerance is not None and all(abs(size) < tolerance for size in sizes):
            break
    losses = [loss_and_gradient(state, data, loss)[0] for state in states]
    return {"states": states, "loss": losses, "data": data, "kind": loss}


def loss_and_slope(training, name, value):
    """The loss with one parameter set to `value` (the others as the training started) and its
    slope there: a point of the loss curve and its tangent."""
    p = {**training["states"][0], name: value}
    loss, slopes = loss_and_gradient(p, training["data"], training["kind"])
    return loss, slopes[name]
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_literals() {
        assert_eq!(
            string("a \"b\" \\ c\nd\u{1}"),
            "\"a \\\"b\\\" \\\\ c\\nd\\u0001\""
        );
        assert_eq!(label("cost in $"), "\"cost in \\\\$\"");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(0.1), "0.1");
        assert_eq!(number(f64::NAN), "float(\"nan\")");
        assert!(is_identifier("w1") && !is_identifier("w-1") && !is_identifier("in"));
    }
}
