//! Every limit is a clear error at file:line:col, and a failed build writes nothing.

use crate::support::tree::{assert_same, snapshot};
use crate::support::{marked, small, Project};

/// A one-layer network for the limit cases.
pub(crate) const NETWORK: &str = r#"input = { name = "x", from = 0.0, to = 1.0, samples = 11 }

[[layer]]
activation = "relu"
nodes = [
  { name = "top", weights = { w1 = 1.70 }, bias = { b1 = -0.85 } },
]

[output]
weights = { w3 = 2.0 }
bias = { b3 = 0.5 }
"#;

pub(crate) fn limit_lesson(front: &str, network: &str, blocks: &str) -> String {
    format!("+++\ntitle = \"Limits\"\n{front}+++\n\nSome prose.\n\n```network\n{network}```\n\n{blocks}")
}

/// Build the one lesson `<name>.md` (with a `‸` where the error points): it must fail with
/// `message` at that file:line:col, and write nothing.
fn limit_case(name: &str, marked_text: &str, message: &[&str]) {
    let (text, at) = marked(marked_text);
    let file = format!("{name}.md");
    let p = Project::with_lessons(&[(&file, &text)]);
    let before = snapshot(&p.base);
    p.run_build()
        .failed()
        .says(message)
        .says(&[&format!("--> content/{file}:{at}")]);
    assert_same(&before, &snapshot(&p.base), name);
}

#[test]
fn a_lesson_over_5_mib_is_refused() {
    let mut text = small("");
    let line = format!("{}\n", "x".repeat(1023));
    while text.len() < 6 * 1024 * 1024 {
        text.push_str(&line);
    }
    let p = Project::with_lessons(&[("big.md", &text)]);
    let before = snapshot(&p.base);
    p.run_build()
        .failed()
        .says(&["content/big.md", "larger than 5 MiB"]);
    assert_same(&before, &snapshot(&p.base), "big lesson");
}

#[test]
fn seventeen_series_in_a_figure_are_refused() {
    let series: Vec<&str> = vec!["{ signal = \"top.activation\" }"; 17];
    let block = format!("```figure\nseries = ‸[{}]\n```\n", series.join(", "));
    limit_case(
        "series",
        &limit_lesson("", NETWORK, &block),
        &["17 series", "too many"],
    );
}

#[test]
fn thirty_three_layers_are_refused() {
    let mut network =
        String::from("input = { name = \"x\", from = 0.0, to = 1.0, samples = 11 }\n");
    for k in 0..33 {
        let mark = if k == 32 { "‸" } else { "" };
        network.push_str(&format!(
            "\n{mark}[[layer]]\nactivation = \"relu\"\nnodes = [{{ name = \"n{k}\", weights = {{ w{k} = 1.0 }}, bias = {{ b{k} = 0.0 }} }}]\n"
        ));
    }
    network.push_str("\n[output]\nweights = { wo = 1.0 }\nbias = { bo = 0.0 }\n");
    limit_case(
        "layers",
        &limit_lesson("", &network, ""),
        &["33 hidden layers", "too many"],
    );
}

#[test]
fn three_hundred_nodes_in_a_layer_are_refused() {
    let nodes: Vec<String> = (0..300)
        .map(|k| {
            format!("{{ name = \"n{k}\", weights = {{ w{k} = 1.0 }}, bias = {{ b{k} = 0.0 }} }}")
        })
        .collect();
    let network = format!(
        "input = {{ name = \"x\", from = 0.0, to = 1.0, samples = 11 }}\n\n[[layer]]\nactivation = \"relu\"\nnodes = ‸[\n{}\n]\n\n[output]\nweights = {{ wo = 1.0 }}\nbias = {{ bo = 0.0 }}\n",
        nodes.join(",\n")
    );
    limit_case(
        "nodes",
        &limit_lesson("", &network, ""),
        &["300 nodes", "too many"],
    );
}

#[test]
fn more_than_10000_parameters_are_refused() {
    // 101 nodes of one weight, then 100 nodes of 101 weights: 202 + 10,200 parameters.
    let first: Vec<String> = (0..101)
        .map(|k| {
            format!("{{ name = \"a{k}\", weights = {{ wa{k} = 1.0 }}, bias = {{ ba{k} = 0.0 }} }}")
        })
        .collect();
    let second: Vec<String> = (0..100)
        .map(|k| {
            let weights: Vec<String> = (0..101).map(|j| format!("w{k}_{j} = 1.0")).collect();
            format!(
                "{{ name = \"b{k}\", weights = {{ {} }}, bias = {{ bb{k} = 0.0 }} }}",
                weights.join(", ")
            )
        })
        .collect();
    let network = format!(
        "input = {{ name = \"x\", from = 0.0, to = 1.0, samples = 11 }}\n\n[[layer]]\nactivation = \"relu\"\nnodes = [\n{}\n]\n\n‸[[layer]]\nactivation = \"relu\"\nnodes = [\n{}\n]\n\n[output]\nweights = {{ {} }}\nbias = {{ bo = 0.0 }}\n",
        first.join(",\n"),
        second.join(",\n"),
        (0..100).map(|k| format!("wo{k} = 1.0")).collect::<Vec<_>>().join(", ")
    );
    limit_case(
        "parameters",
        &limit_lesson("", &network, ""),
        &["10000", "weights and biases"],
    );
}

#[test]
fn a_table_of_1001_inputs_is_refused() {
    let at: Vec<String> = (0..1001)
        .map(|k| format!("{}", k as f64 / 1000.0))
        .collect();
    let block = format!(
        "```table\nsignals = [\"top.activation\"]\nat = ‸[{}]\n```\n",
        at.join(", ")
    );
    limit_case(
        "rows",
        &limit_lesson("", NETWORK, &block),
        &["1001", "too many"],
    );
}

#[test]
fn a_table_of_17_signals_is_refused() {
    let signals = vec!["\"top.linear\""; 17].join(", ");
    let block = format!("```table\nsignals = ‸[{signals}]\nat = [0.5]\n```\n");
    limit_case(
        "signals",
        &limit_lesson("", NETWORK, &block),
        &["17 signals", "too many"],
    );
}

#[test]
fn precision_13_is_refused() {
    limit_case(
        "front-precision",
        &limit_lesson("precision = ‸13\n", NETWORK, ""),
        &["precision", "13", "out of range"],
    );
    let block = "```table\nsignals = [\"top.linear\"]\nat = [0.5]\nprecision = ‸13\n```\n";
    limit_case(
        "table-precision",
        &limit_lesson("", NETWORK, block),
        &["precision", "13", "out of range"],
    );
    let block = "```table\nsignals = [\"top.linear\"]\nat = [0.5]\ninput_precision = ‸13\n```\n";
    limit_case(
        "input-precision",
        &limit_lesson("", NETWORK, block),
        &["precision", "13", "out of range"],
    );
}

// The samples limit (2 to 100,000) is checked once, at both ends, by the fixtures
// `invalid/samples_one.md` and `invalid/samples_too_many.md` (`crate::invalid`).

#[test]
fn ten_thousand_and_one_points_are_refused() {
    let mut points: Vec<String> = (0..10_000)
        .map(|k| format!("[{}, 0.0]", k as f64 / 10_000.0))
        .collect();
    points.push("‸[1.0, 0.0]".to_string());
    let block = format!(
        "```figure\nseries = [{{ signal = \"top.activation\" }}]\npoints = [{}]\n```\n",
        points.join(", ")
    );
    limit_case(
        "points",
        &limit_lesson("", NETWORK, &block),
        &["10001", "too many"],
    );
}
