//! The ```network block's TOML as read: its tables and fields, with their spans, before they
//! are checked ([`super::network_block`]) or stood in for ([`super::stand_in`]).

use serde::de::Deserializer;
use serde::Deserialize;
use toml::Spanned;

use super::controls::ControlList;
use super::toml::{entries_in_written_order, Table, TableKind};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNetwork {
    pub(super) input: Spanned<Table<RawInput>>,
    #[serde(default)]
    pub(super) layer: Vec<Spanned<Table<RawLayer>>>,
    pub(super) output: Spanned<Table<RawOutput>>,
    pub(super) controls: Option<Spanned<ControlList>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawInput {
    /// (`name`, `from`, `to` and `samples` are required: optional to serde, so that a network
    /// without one is checked all the same, and the lesson's other blocks against it.)
    pub(super) name: Option<Spanned<String>>,
    pub(super) label: Option<Spanned<String>>,
    pub(super) from: Option<Spanned<f64>>,
    pub(super) to: Option<Spanned<f64>>,
    pub(super) samples: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLayer {
    pub(super) activation: Spanned<String>,
    pub(super) nodes: Spanned<Vec<Spanned<Table<RawNode>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNode {
    pub(super) name: Spanned<String>,
    pub(super) label: Option<Spanned<String>>,
    pub(super) weights: Spanned<ParamList>,
    pub(super) bias: Spanned<ParamList>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOutput {
    pub(super) name: Option<Spanned<String>>,
    pub(super) label: Option<Spanned<String>>,
    pub(super) activation: Option<Spanned<String>>,
    pub(super) weights: Spanned<ParamList>,
    pub(super) bias: Spanned<ParamList>,
}

impl TableKind for RawInput {
    const EXPECTED: &'static str =
        "the input as a table, like `{ name = \"dosage\", from = 0.0, to = 1.0, samples = 101 }`";
}

impl TableKind for RawLayer {
    const EXPECTED: &'static str = "a `[[layer]]` table with `activation` and `nodes`";
}

impl TableKind for RawNode {
    const EXPECTED: &'static str =
        "a node as a table, like `{ name = \"top\", weights = { w1 = 1.7 }, bias = { b1 = -0.85 } }`";
}

impl TableKind for RawOutput {
    const EXPECTED: &'static str = "the `[output]` table with `weights` and `bias`";
}

/// `{ w1 = 1.70, w2 = 12.6 }`, in the order written (a node's weights belong to the previous
/// layer's nodes in that order).
pub(super) struct ParamList(pub(super) Vec<(Spanned<String>, Spanned<f64>)>);

impl<'de> Deserialize<'de> for ParamList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        entries_in_written_order(d, "a table of named numbers, like { w1 = 1.70 }").map(ParamList)
    }
}
