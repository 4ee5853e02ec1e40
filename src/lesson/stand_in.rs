//! A network to check a lesson's other blocks against when its network block is broken: the
//! names as written, with stand-ins where a value is wrong. A misspelt signal in a figure, an
//! unknown parameter in a training or a control are then reported in the same run as the
//! network's own mistakes. It is never drawn or published: the lesson has problems.

use std::ops::Range;

use toml::Spanned;

use crate::markdown::Fence;
use crate::network::{Activation, Input, Layer, Network, Node, Param};

use super::limits::{MAX_INPUT_MAGNITUDE, MIN_INPUT_SPAN};
use super::network_toml::{ParamList, RawNetwork};

/// A network standing in for a broken block's, and the parameters whose values it does not
/// hold as the author wrote them (they are 0: what reads them, a control's range around a
/// weight, would be about the stand-in).
pub struct StandIn {
    pub network: Network,
    pub unknown: Vec<String>,
}

/// The network `raw` says, if its shape can be read: its layers and nodes, each with one bias
/// and at least as many weights as the layer before has nodes. A weight too many is kept: it
/// is a parameter the author wrote, which the other blocks may name (it weighs nothing). A
/// weight too few leaves no network: every use of the weight the author forgot would be
/// reported as unknown, and the name it lacks is not known. A value that is not finite, or was read for one of the
/// wrong type (`wrong`, a span in the block), is 0; an unknown activation is the identity; an
/// input range that does not hold, or is not written, is every number, so that no input is
/// out of it; an input without a name is `input`.
pub(super) fn network(
    raw: &RawNetwork,
    fence: &Fence,
    wrong: impl Fn(Range<usize>) -> bool,
) -> Option<StandIn> {
    let mut unknown = Vec::new();
    let value = |v: &Spanned<f64>| Some(*v.get_ref()).filter(|x| x.is_finite() && !wrong(v.span()));
    let raw_input = raw.input.get_ref();
    let (raw_from, raw_to) = (raw_input.from.as_ref(), raw_input.to.as_ref());
    let (from, to) = (raw_from.and_then(&value), raw_to.and_then(&value));
    let range = from.zip(to).filter(|&(from, to)| {
        from.abs().max(to.abs()) <= MAX_INPUT_MAGNITUDE && to - from >= MIN_INPUT_SPAN
    });
    let (from, to) = range.unwrap_or((f64::NEG_INFINITY, f64::INFINITY));
    let name =
        (raw_input.name.as_ref()).map_or_else(|| "input".to_string(), |n| n.get_ref().clone());
    let literal = |end: Option<&Spanned<f64>>| end.map_or("", |e| fence.text[e.span()].trim());
    let input = Input {
        label: (raw_input.label.as_ref()).map_or_else(|| name.clone(), |l| l.get_ref().clone()),
        name,
        from,
        to,
        from_literal: literal(raw_from).to_string(),
        to_literal: literal(raw_to).to_string(),
        samples: 2,
    };
    let mut layers = Vec::with_capacity(raw.layer.len() + 1);
    let mut previous = 1;
    for rl in raw.layer.iter().map(Spanned::get_ref) {
        let mut nodes = Vec::new();
        for rn in rl.nodes.get_ref().iter().map(Spanned::get_ref) {
            let parts = (&rn.name, &rn.label, &rn.weights, &rn.bias);
            nodes.push(node(parts, previous, fence, (&value, &mut unknown))?);
        }
        previous = nodes.len();
        layers.push(Layer {
            activation: activation(Some(&rl.activation)),
            nodes,
        });
    }
    let ro = raw.output.get_ref();
    let output = Spanned::new(0..0, "output".to_string());
    let name = ro.name.as_ref().unwrap_or(&output);
    let parts = (name, &ro.label, &ro.weights, &ro.bias);
    let output = node(parts, previous, fence, (&value, &mut unknown))?;
    let output_label = output.label.clone();
    layers.push(Layer {
        activation: activation(ro.activation.as_ref()),
        nodes: vec![output],
    });
    let mut network = Network {
        input,
        layers,
        output_label,
        kinks: Vec::new(),
    };
    if range.is_some() {
        network.kinks = network.find_kinks();
    }
    Some(StandIn { network, unknown })
}

/// The activation named, or the identity.
fn activation(name: Option<&Spanned<String>>) -> Activation {
    name.and_then(|n| Activation::from_name(n.get_ref()))
        .unwrap_or(Activation::Identity)
}

/// A node as written: its name, label, weights and bias.
type NodeWritten<'a> = (
    &'a Spanned<String>,
    &'a Option<Spanned<String>>,
    &'a Spanned<ParamList>,
    &'a Spanned<ParamList>,
);

/// A node as written, with `value` for each value (0, its parameter noted in `unknown`, where
/// there is none); none unless it has one bias and at least `previous` weights.
fn node(
    (name, label, weights, bias): NodeWritten,
    previous: usize,
    fence: &Fence,
    (value, unknown): (&impl Fn(&Spanned<f64>) -> Option<f64>, &mut Vec<String>),
) -> Option<Node> {
    let (weights, bias) = (&weights.get_ref().0, &bias.get_ref().0);
    if weights.len() < previous || bias.len() != 1 {
        return None;
    }
    let mut param = |(name, v): &(Spanned<String>, Spanned<f64>)| Param {
        name: name.get_ref().clone(),
        value: value(v).unwrap_or_else(|| {
            unknown.push(name.get_ref().clone());
            0.0
        }),
        literal: fence.text[v.span()].trim().to_string(),
        typed: true,
    };
    Some(Node {
        name: name.get_ref().clone(),
        label: label
            .as_ref()
            .map_or_else(|| name.get_ref().clone(), |l| l.get_ref().clone()),
        weights: weights.iter().map(&mut param).collect(),
        bias: param(&bias[0]),
    })
}
