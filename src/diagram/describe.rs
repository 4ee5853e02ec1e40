//! A diagram in words: its `<desc>`, the text a screen reader reads and the alt text of a
//! drawing shown on its own. It names every layer, node, bias and weight as the labels do.

use crate::i18n::{self, Lang};
use crate::network::Network;

pub(super) fn describe(
    network: &Network,
    edges: &[String],
    highlight: &[String],
    (lang, decimals): (Lang, usize),
) -> String {
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
                        &[("name", &n.label), ("bias", &n.bias.shown(decimals))],
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
                let node = network.nodes().find(|n| n.name == *h);
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
