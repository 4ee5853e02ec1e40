//! A diagram in words: its `<desc>`, the text a screen reader reads and the alt text of a
//! drawing shown on its own. It names every layer, node, bias and weight as the labels do.

use crate::i18n::{self, Lang};
use crate::network::Network;
use crate::text::is_wide;

/// Where the input's label goes in a description, until it is known to be no repetition.
const INPUT: &str = "\u{1}";

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
    let sentence = i18n::sentence(
        lang,
        "diagram_desc",
        &[
            ("input", INPUT),
            ("layers", &layers.join(i18n::text(lang, "diagram_then"))),
            ("weights", &edges.join(i18n::text(lang, "diagram_edges"))),
        ],
    );
    let mut d = named_once(&sentence, &network.input.label);
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

/// `sentence` with the input's `label` where [`INPUT`] is, unless the words before it already
/// end with the label (an input labelled "Input" or "输入": "the input feeds", not "the input
/// Input feeds", "输入连到", not "输入 输入 连到").
fn named_once(sentence: &str, label: &str) -> String {
    let Some((before, after)) = sentence.split_once(INPUT) else {
        return sentence.to_string();
    };
    let (said, named) = (
        before.trim_end().to_lowercase(),
        label.trim().to_lowercase(),
    );
    let word_before = said.strip_suffix(&named).map(|rest| {
        rest.chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    });
    if named.is_empty() || word_before != Some(true) {
        return sentence.replacen(INPUT, label, 1).replace(INPUT, "");
    }
    let (before, after) = (before.trim_end(), after.trim_start());
    let wide = before.chars().next_back().is_some_and(is_wide)
        || after.chars().next().is_some_and(is_wide);
    format!("{before}{}{after}", if wide { "" } else { " " })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The input named once: after words that end with its label (in any case, a word whole),
    /// the label is left out; else it is where it goes, as written.
    #[test]
    fn the_input_is_named_once() {
        let cases = [
            ("the input \u{1} feeds", "Input", "the input feeds"),
            ("the input \u{1} feeds", "Dosage", "the input Dosage feeds"),
            ("网络图：输入 \u{1} 连到", "输入", "网络图：输入连到"),
            ("网络图：输入 \u{1} 连到", "剂量", "网络图：输入 剂量 连到"),
            ("网络图：输入 \u{1} 连到", "入", "网络图：输入 入 连到"),
            ("l'entrée \u{1} alimente", "Entrée", "l'entrée alimente"),
            ("the input \u{1} feeds", "put", "the input put feeds"),
        ];
        for (sentence, label, want) in cases {
            assert_eq!(named_once(sentence, label), want, "{label}");
        }
    }
}
