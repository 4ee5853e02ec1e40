//! Signals named in blocks and placeholders (`top.activation`), resolved against the network.

use toml::Spanned;

use crate::error::{Diagnostic, SourceFile};
use crate::i18n::{self, Lang};
use crate::markdown::Fence;
use crate::network::{Network, Quantity, Signal};
use crate::text::{did_you_mean, shortest};

pub fn resolve_signal(
    source: &SourceFile,
    fence: &Fence,
    net: &Network,
    name: &Spanned<String>,
) -> Result<Signal, Diagnostic> {
    net.signal(name.get_ref()).ok_or_else(|| {
        unknown_signal(
            source.error(fence.source_span(name.span()), ""),
            net,
            name.get_ref(),
        )
    })
}

/// A signal as readers see it, in language `lang`: the node's label and what the signal
/// measures ("Top: linear term", "顶部节点：ReLU 输出"); the output's activation is the output
/// itself, shown as its label ("Efficacy"), and `input` as the input's label.
pub fn display(net: &Network, signal: &Signal, lang: Lang) -> String {
    let layer = &net.layers[signal.layer];
    let node = &layer.nodes[signal.node].label;
    let activation = layer.activation.display_name();
    match signal.quantity {
        Quantity::Input => net.input.label.clone(),
        Quantity::Activation if signal.layer + 1 == net.layers.len() => node.clone(),
        Quantity::Activation => i18n::sentence(
            lang,
            "signal_activation",
            &[("node", node), ("activation", activation)],
        ),
        Quantity::Linear => i18n::sentence(lang, "signal_linear", &[("node", node)]),
        Quantity::Sum => i18n::sentence(lang, "signal_sum", &[("node", node)]),
        Quantity::Weighted(to) => {
            let weight = &net.layers[signal.layer + 1].nodes[to].weights[signal.node].name;
            i18n::sentence(
                lang,
                "signal_weighted",
                &[("node", node), ("weight", weight)],
            )
        }
    }
}

/// Whether `name` is a node's, which names no signal or parameter on its own.
pub fn is_node(net: &Network, name: &str) -> bool {
    net.nodes().any(|n| n.name == name)
}

/// Complete a diagnostic about an unknown signal name with the known ones.
pub fn unknown_signal(d: Diagnostic, net: &Network, name: &str) -> Diagnostic {
    let known = net.signal_names();
    let d = Diagnostic {
        message: format!("signal `{name}` does not exist"),
        ..d
    }
    .expected(format!("one of {}", known.join(", ")));
    // (A parameter is no signal: `{{ w1 }}` shows it, it has no value at an input.)
    if net.param(name).is_some() {
        return d.hint(format!(
            "`{name}` is a weight or bias, the same at every input: `{{{{ {name} }}}}` shows it"
        ));
    }
    // (A node is no signal either: which of its values is meant, its activation most often.)
    if is_node(net, name) {
        return d.hint(format!(
            "`{name}` is a node: name which of its values, like `{name}.activation` or `{name}.linear`"
        ));
    }
    match did_you_mean(name, known.iter().map(String::as_str)) {
        Some(hint) => d.hint(hint),
        None => d.hint("signals are `<node>.linear`, `<node>.activation`, `<node>.<outgoing weight>`, `<output>.sum` and `input`"),
    }
}

/// "`top.activation` is NaN at dosage = 0.5": a signal that is not a finite number, and where.
pub fn non_finite(signal: &Signal, input: &str, x: f64, v: f64) -> String {
    let what = if v.is_nan() {
        "not a number (NaN)"
    } else {
        "infinite"
    };
    format!("`{}` is {what} at {input} = {}", signal.name, shortest(x))
}

/// The hint for a value that is not finite.
pub const NON_FINITE_HINT: &str = "a value overflowed: check the weights (nnbook computes in 64-bit floating point, up to about 1.8e308)";

/// `max <signal>` or `min <signal>` (its largest or smallest value over the input range), or
/// `argmax <signal>` or `argmin <signal>` (the first input where it is reached).
pub struct Extreme<'e> {
    pub largest: bool,
    /// The input where it is reached, rather than the value.
    pub input: bool,
    pub signal: &'e str,
}

impl<'e> Extreme<'e> {
    pub fn parse(expr: &'e str) -> Option<Extreme<'e>> {
        let (word, signal) = expr.split_once(char::is_whitespace)?;
        let (largest, input) = match word {
            "max" => (true, false),
            "min" => (false, false),
            "argmax" => (true, true),
            "argmin" => (false, true),
            _ => return None,
        };
        let signal = signal.trim();
        Some(Extreme {
            largest,
            input,
            signal,
        })
    }
}
