//! The numbers: computed values checked against independent ones (the article's table,
//! hand-derived values, StatQuest's published numbers).

use nnbook::error::SourceFile;
use nnbook::lesson::{self, Lesson};
use nnbook::network::train::{train, Loss, TrainingSpec};
use nnbook::network::Network;

use crate::support::{format_number, REPO};

fn lesson(text: &str) -> Lesson {
    lesson::parse(SourceFile::new("test.md", text), "test").unwrap_or_else(|d| panic!("{d:?}"))
}

fn network(block: &str) -> Network {
    let text = format!("+++\ntitle = \"t\"\n+++\n\n```network\n{block}\n```\n");
    lesson(&text).network.expect("a network")
}

/// The shipped ReLU lesson's network, read from the lesson itself.
fn relu() -> Network {
    let text = std::fs::read_to_string(format!("{REPO}/content/relu.md")).unwrap();
    lesson(&text)
        .network
        .expect("the ReLU lesson has a network")
}

fn at(net: &Network, signal: &str, x: f64) -> f64 {
    let s = net
        .signal(signal)
        .unwrap_or_else(|| panic!("no signal {signal}"));
    net.value(&net.trace(x), &s)
}

#[test]
fn the_shipped_network_has_the_articles_parameters() {
    let net = relu();
    let values: Vec<(String, f64)> = net.params().map(|p| (p.name.clone(), p.value)).collect();
    let expected = [
        ("w1", 1.70),
        ("b1", -0.85),
        ("w2", 12.6),
        ("b2", 0.0),
        ("w3", -40.8),
        ("w4", 2.70),
        ("b3", -16.0),
    ];
    assert_eq!(values.len(), expected.len());
    for ((name, value), (en, ev)) in values.iter().zip(expected) {
        assert_eq!((name.as_str(), *value), (en, ev));
    }
}

#[test]
fn step_one_table_matches_the_article() {
    // The article's table: dosage, linear term w1·x + b1, ReLU output.
    let net = relu();
    let article = [
        (0.0, "−0.85", "0.00"),
        (0.2, "−0.51", "0.00"),
        (0.6, "0.17", "0.17"),
        (1.0, "0.85", "0.85"),
    ];
    for (x, linear, relu_out) in article {
        assert_eq!(
            format_number(at(&net, "top.linear", x), 2),
            linear,
            "linear term at {x}"
        );
        assert_eq!(
            format_number(at(&net, "top.activation", x), 2),
            relu_out,
            "ReLU at {x}"
        );
    }
}

#[test]
fn final_output_peaks_at_exactly_1_01_at_half_dosage() {
    let net = relu();
    // By hand: 2.70 · 12.6 · 0.5 − 40.8 · max(0, 1.70 · 0.5 − 0.85) − 16 = 17.01 − 0 − 16 = 1.01.
    assert!((net.evaluate(0.5) - 1.01).abs() < 1e-12);
    assert_eq!(net.evaluate(0.0), 0.0);
    assert_eq!(net.evaluate(1.0), 0.0);
    // The peak of the sampled curve is the true peak, not the 0.838 of a 100-point grid.
    let out = net.signal("output.activation").unwrap();
    let samples = net.sample(&[out], 0.0);
    let peak = samples.column(0).fold(f64::NEG_INFINITY, f64::max);
    assert!((peak - 1.01).abs() < 1e-12, "sampled peak {peak}");
    // The article's own grid misses 0.5 and peaks lower.
    let grid_peak = (0..100)
        .map(|i| net.evaluate(i as f64 / 99.0))
        .fold(f64::NEG_INFINITY, f64::max);
    assert!(
        (grid_peak - 0.838).abs() < 0.001,
        "100-point grid peak {grid_peak}"
    );
}

/// `max`, `argmax`, `min`, `argmin` against hand-derived extremes of the ReLU network.
#[test]
fn extremes_are_the_hand_derived_peaks_and_troughs() {
    let net = relu();
    let extreme = |signal: &str, largest: bool| {
        net.extreme(&net.signal(signal).unwrap(), largest)
            .unwrap_or_else(|at| panic!("not finite at {at:?}"))
    };
    // The output peaks at 1.01 at 0.5 (above) and is 0 from 0 to 0.4703: the first input
    // where the smallest value is reached is the range's start.
    let (x, v) = extreme("output.activation", true);
    assert_eq!(x, 0.5);
    assert!((v - 1.01).abs() < 1e-12, "{v}");
    assert_eq!(extreme("output.activation", false), (0.0, 0.0));
    // The weighted sum −40.8 · max(0, 1.7x − 0.85) + 2.7 · 12.6x rises with slope 34.02 to
    // 17.01 at 0.5, then falls with slope 34.02 − 69.36 = −35.34 to 17.01 − 17.67 = −0.66 at 1.
    let (x, v) = extreme("output.sum", true);
    assert_eq!(x, 0.5);
    assert!((v - 17.01).abs() < 1e-12, "{v}");
    let (x, v) = extreme("output.sum", false);
    assert_eq!(x, 1.0);
    assert!((v + 0.66).abs() < 1e-12, "{v}");
}

#[test]
fn output_is_non_zero_exactly_between_the_two_zero_crossings() {
    let net = relu();
    // By hand: left of 0.5, 34.02·x − 16 > 0 for x > 16/34.02; right of 0.5,
    // 34.02·x − 40.8·(1.7·x − 0.85) − 16 = 18.68 − 35.34·x > 0 for x < 18.68/35.34.
    let (lo, hi): (f64, f64) = (16.0 / 34.02, 18.68 / 35.34);
    assert!((lo - 0.47031).abs() < 1e-5 && (hi - 0.52858).abs() < 1e-5);
    let kinks = net.kinks();
    assert_eq!(kinks.len(), 3, "kinks {kinks:?}");
    assert!((kinks[0] - lo).abs() < 1e-12);
    assert!((kinks[1] - 0.5).abs() < 1e-12);
    assert!((kinks[2] - hi).abs() < 1e-12);
    let out = net.signal("output.activation").unwrap();
    let samples = net.sample(&[out], 0.0);
    for k in &kinks {
        assert!(samples.inputs.contains(k), "kink {k} sampled");
    }
    for (x, y) in samples.inputs.iter().zip(samples.column(0)) {
        assert_eq!(
            y > 0.0,
            *x > lo + 1e-12 && *x < hi - 1e-12,
            "output {y} at {x}"
        );
    }
    // Between samples the figure is exact: the chord midpoint equals the function.
    for w in samples.inputs.windows(2) {
        let m = 0.5 * (w[0] + w[1]);
        let chord = 0.5 * (net.evaluate(w[0]) + net.evaluate(w[1]));
        assert!((net.evaluate(m) - chord).abs() < 1e-9, "segment {w:?}");
    }
}

#[test]
fn statquest_softplus_network_gives_its_published_value() {
    // StatQuest's Softplus network (Neural Networks Pt. 2): 1.0348 at dosage 0.5.
    let net = network(
        r#"input = { name = "dosage", from = 0, to = 1, samples = 100 }
[[layer]]
activation = "softplus"
nodes = [
  { name = "top", weights = { w1 = -34.4 }, bias = { b1 = 2.14 } },
  { name = "bottom", weights = { w2 = -2.52 }, bias = { b2 = 1.29 } },
]
[output]
weights = { w3 = -1.30, w4 = 2.28 }
bias = { b3 = -0.58 }"#,
    );
    assert_eq!(format_number(net.evaluate(0.5), 4), "1.0348");
    // Softplus has no kinks, and its curves are refined until chords are within tolerance.
    assert!(net.kinks().is_empty());
    let out = net.signal("output.activation").unwrap();
    let tolerance = 1e-4;
    let samples = net.sample(&[out], tolerance);
    for w in samples.inputs.windows(2) {
        let m = 0.5 * (w[0] + w[1]);
        let chord = 0.5 * (net.evaluate(w[0]) + net.evaluate(w[1]));
        assert!(
            (net.evaluate(m) - chord).abs() <= tolerance * 1.01,
            "segment {w:?}"
        );
    }
}

#[test]
fn two_hidden_layers_evaluate_as_hand_computed() {
    let net = network(
        r#"input = { name = "x", from = -1, to = 1, samples = 5 }
[[layer]]
activation = "relu"
nodes = [
  { name = "a", weights = { wa = 1.0 }, bias = { ba = 0.0 } },
  { name = "b", weights = { wb = -1.0 }, bias = { bb = 1.0 } },
]
[[layer]]
activation = "tanh"
nodes = [ { name = "c", weights = { wca = 2.0, wcb = 3.0 }, bias = { bc = -1.0 } } ]
[output]
activation = "sigmoid"
weights = { wo = 0.5 }
bias = { bo = 0.25 }"#,
    );
    // x = 0.25: a = 0.25, b = 0.75; c = tanh(0.5 + 2.25 − 1) = tanh(1.75);
    // output = sigmoid(0.5 · tanh(1.75) + 0.25).
    let c = 1.75f64.tanh();
    let expected = 1.0 / (1.0 + (-(0.5 * c + 0.25f64)).exp());
    assert!((net.evaluate(0.25) - expected).abs() < 1e-15);
    assert!((at(&net, "c.linear", 0.25) - 1.75).abs() < 1e-15);
    assert!((at(&net, "a.wca", 0.25) - 0.5).abs() < 1e-15);
    assert!((at(&net, "b.wcb", 0.25) - 2.25).abs() < 1e-15);
    // x = −0.5: a = 0, b = 1.5; c = tanh(4.5 − 1).
    let expected = 1.0 / (1.0 + (-(0.5 * 3.5f64.tanh() + 0.25)).exp());
    assert!((net.evaluate(-0.5) - expected).abs() < 1e-15);
    // The first layer's kinks (a at 0, b at 1 = the range end) are found.
    assert_eq!(net.kinks(), vec![0.0]);
}

/// A node's weights belong to the previous layer's nodes in the order they are written, whatever
/// their names: TOML hands a table's keys over sorted, so `{ zz = 1.0, aa = 0.0 }` gave `aa` to the
/// first node. Hand-computed: at x = 1, top = 1 and bottom = 11, so the output is zz · 1 + aa · 11
/// = 1 (11 with the weights swapped). The controls follow the order written too.
#[test]
fn weights_belong_to_the_nodes_in_the_order_written() {
    let text = r#"+++
title = "t"
+++

```network
input = { name = "x", from = 0, to = 1, samples = 3 }
[[layer]]
activation = "identity"
nodes = [
  { name = "top", weights = { w1 = 1.0 }, bias = { b1 = 0.0 } },
  { name = "bottom", weights = { w2 = 1.0 }, bias = { b2 = 10.0 } },
]
[output]
weights = { zz = 1.0, aa = 0.0 }
bias = { b3 = 0.0 }
[controls]
zz = {}
b3 = {}
aa = {}
```
"#;
    let parsed = lesson(text);
    let net = parsed.network.as_ref().expect("a network");
    assert_eq!(net.evaluate(1.0), 1.0);
    assert_eq!(at(net, "top.zz", 1.0), 1.0);
    assert_eq!(at(net, "bottom.aa", 1.0), 0.0);
    let names: Vec<&str> = parsed.controls.iter().map(|c| c.param.as_str()).collect();
    assert_eq!(names, ["zz", "b3", "aa"]);
}

/// StatQuest's network (`training.rs`) with its names out of alphabetical order (a node's
/// weights go to the nodes before it in the order written), every parameter trained for 5 steps
/// at 0.05: the loss and the values against numpy (the same gradient descent written out,
/// float64).
#[test]
fn all_parameters_trained_with_names_out_of_order_match_numpy() {
    let net = network(
        r#"input = { name = "dosage", from = 0, to = 1, samples = 11 }
[[layer]]
activation = "softplus"
nodes = [
  { name = "p", weights = { wz = 3.34 }, bias = { bz = -1.43 } },
  { name = "q", weights = { wa = -3.53 }, bias = { ba = 0.57 } },
]
[output]
weights = { oz = -1.22, oa = -2.30 }
bias = { ob = 0.0 }"#,
    );
    let names = ["wz", "bz", "wa", "ba", "oz", "oa", "ob"];
    let spec = TrainingSpec {
        data: vec![(0.0, 0.0), (0.5, 1.0), (1.0, 0.0)],
        params: names.map(String::from).to_vec(),
        loss: Loss::SumOfSquares,
        learning_rate: 0.05,
        start: vec![],
        steps: Some(5),
        tolerance: None,
        max_steps: 1000,
    };
    let t = train(&net, &spec).unwrap();
    assert!(
        (t.final_loss - 0.3441136298111607).abs() < 1e-12,
        "SSR {}",
        t.final_loss
    );
    let numpy = [
        2.9943052561021233,
        -1.951381420809867,
        -3.651429610701679,
        -0.1733647509733183,
        -0.45697648462902485,
        -1.8222805040531658,
        1.028234053733697,
    ];
    for ((name, got), want) in names.iter().zip(&t.final_values).zip(numpy) {
        assert!((got - want).abs() < 1e-12, "{name}: {got}, numpy {want}");
    }
}

#[test]
fn every_activation_matches_its_definition() {
    use nnbook::network::Activation::*;
    assert_eq!(Relu.apply(-2.0), 0.0);
    assert_eq!(Relu.apply(2.0), 2.0);
    assert!((Softplus.apply(0.0) - 2f64.ln()).abs() < 1e-15);
    assert!((Softplus.apply(800.0) - 800.0).abs() < 1e-12, "no overflow");
    assert!((Sigmoid.apply(0.0) - 0.5).abs() < 1e-15);
    assert!((Tanh.apply(1.0) - 0.761_594_155_955_764_9).abs() < 1e-15);
    assert_eq!(LeakyRelu.apply(-2.0), -0.02);
    assert_eq!(Identity.apply(-3.5), -3.5);
}

#[test]
fn deep_relu_kinks_are_found_inside_earlier_segments() {
    // Layer 2's pre-activation is piecewise linear; its zero lies between layer 1's kinks.
    let net = network(
        r#"input = { name = "x", from = 0, to = 4, samples = 3 }
[[layer]]
activation = "relu"
nodes = [ { name = "a", weights = { w1 = 1.0 }, bias = { b1 = -1.0 } } ]
[[layer]]
activation = "relu"
nodes = [ { name = "c", weights = { w2 = 2.0 }, bias = { b2 = -3.0 } } ]
[output]
weights = { w3 = 1.0 }
bias = { b3 = 0.0 }"#,
    );
    // a kinks at 1; c = relu(2·relu(x − 1) − 3) kinks where x − 1 = 1.5, at x = 2.5.
    assert_eq!(net.kinks(), vec![1.0, 2.5]);
}

#[test]
fn numbers_use_a_true_minus_and_never_show_negative_zero() {
    assert_eq!(format_number(-0.51, 2), "\u{2212}0.51");
    assert_eq!(format_number(-0.001, 2), "0.00");
    assert_eq!(format_number(1.01, 2), "1.01");
}

/// A deterministic stream of numbers in [-1, 1) (xorshift), for random networks.
struct Stream(u64);

impl Stream {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 52) as f64 - 1.0
    }

    /// A weight or bias as a lesson would type it: up to three decimals, within ±`scale`.
    fn param(&mut self, scale: f64) -> String {
        format!("{:.3}", self.next() * scale)
    }
}

/// A random network block: one input on [0, 1], `layers` hidden ReLU (or leaky ReLU) layers of
/// 1 to 4 nodes, and a ReLU output.
fn random_network(s: &mut Stream, layers: usize) -> String {
    let mut block = String::from("input = { name = \"x\", from = 0.0, to = 1.0, samples = 21 }\n");
    let (mut previous, mut n) = (1, 0);
    let mut params = |count: usize, s: &mut Stream, prefix: &str| -> String {
        (0..count)
            .map(|_| {
                n += 1;
                format!("{prefix}{n} = {}", s.param(20.0))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    for l in 0..layers {
        let activation = if s.next() < 0.5 { "relu" } else { "leaky_relu" };
        let nodes = 1 + ((s.next() + 1.0) * 2.0) as usize;
        block.push_str(&format!(
            "[[layer]]\nactivation = \"{activation}\"\nnodes = [\n"
        ));
        for k in 0..nodes {
            let weights = params(previous, s, "w");
            let bias = params(1, s, "b");
            block.push_str(&format!(
                "  {{ name = \"n{l}_{k}\", weights = {{ {weights} }}, bias = {{ {bias} }} }},\n"
            ));
        }
        block.push_str("]\n");
        previous = nodes;
    }
    let weights = params(previous, s, "w");
    let bias = params(1, s, "b");
    block.push_str(&format!(
        "[output]\nactivation = \"relu\"\nweights = {{ {weights} }}\nbias = {{ {bias} }}\n"
    ));
    block
}

/// At every kink some node with a kink is exactly off: its pre-activation is 0, so a ReLU
/// there gives 0 (it used to give values like 3.3e-16, and a figure's description then named
/// the wrong lowest point). On 300 random networks of one to three hidden layers.
#[test]
fn at_every_kink_a_node_is_exactly_at_zero_on_random_networks() {
    let mut s = Stream(0x9e37_79b9_7f4a_7c15);
    let mut kinks = 0;
    for case in 0..300 {
        let block = random_network(&mut s, 1 + case % 3);
        let net = network(&block);
        for x in net.kinks() {
            kinks += 1;
            let trace = net.trace(x);
            let at_zero = net
                .layers
                .iter()
                .zip(&trace.nodes)
                .filter(|(layer, _)| layer.activation.has_kink())
                .flat_map(|(_, nodes)| nodes)
                .any(|v| v.1 == 0.0);
            assert!(
                at_zero,
                "no node is exactly at zero at the kink {x:e} of\n{block}"
            );
        }
        // The output's ReLU is 0 wherever its pre-activation is not positive, exactly.
        for x in net.sample_inputs() {
            let t = net.trace(x);
            let (linear, out) = (t.nodes[t.nodes.len() - 1][0].1, net.evaluate(x));
            assert!(out == 0.0 || linear > 0.0, "{out:e} at {x:e} of\n{block}");
        }
    }
    assert!(kinks > 300, "only {kinks} kinks in 300 networks");
}

/// Where the output's pre-activation crosses zero between two samples, the figure's lowest
/// value is exactly 0 at the kink (the shipped network: 16/34.02 and 18.68/35.34).
#[test]
fn the_shipped_networks_output_is_exactly_zero_at_its_kinks() {
    let net = relu();
    let kinks = net.kinks();
    for expected in [16.0 / 34.02, 18.68 / 35.34] {
        let x = kinks
            .iter()
            .copied()
            .find(|k| (k - expected).abs() < 1e-12)
            .unwrap_or_else(|| panic!("no kink at {expected}"));
        assert_eq!(net.evaluate(x), 0.0, "at {x:e}");
    }
}

/// Default colours within one figure are distinct: two output series were both green, and the
/// signals of one node shared its colour. A colour given explicitly keeps it; a default that
/// clashes with it moves on.
#[test]
fn default_colours_within_a_figure_are_distinct() {
    let block = r#"input = { name = "x", from = 0.0, to = 1.0, samples = 5 }
[[layer]]
activation = "relu"
nodes = [
  { name = "top", weights = { w1 = 1.0 }, bias = { b1 = 0.0 } },
  { name = "bottom", weights = { w2 = -1.0 }, bias = { b2 = 1.0 } },
]
[output]
weights = { w3 = 1.0, w4 = 1.0 }
bias = { b3 = 0.0 }"#;
    let signals = [
        "output.sum",
        "output.linear",
        "output.activation",
        "top.linear",
        "top.activation",
        "top.w3",
        "bottom.linear",
        "bottom.activation",
        "bottom.w4",
        "input",
    ];
    let series: Vec<String> = signals
        .iter()
        .map(|s| format!("{{ signal = \"{s}\" }}"))
        .collect();
    let text = format!(
        "+++\ntitle = \"t\"\n+++\n\n```network\n{block}\n```\n\n```figure\nseries = [{}]\n```\n\n```figure\nseries = [{{ signal = \"top.activation\", color = \"blue\" }}, {{ signal = \"bottom.activation\", color = \"#1f77b4\" }}, {{ signal = \"top.linear\" }}]\n```\n",
        series.join(", ")
    );
    let lesson = lesson(&text);
    let figures: Vec<_> = lesson.figures().collect();
    let colours: Vec<String> = figures[0]
        .series
        .iter()
        .map(|s| s.color.to_string())
        .collect();
    let distinct: std::collections::BTreeSet<&String> = colours.iter().collect();
    assert_eq!(distinct.len(), signals.len(), "{colours:?}");
    // The first output series keeps green; the next ones take the first free colours.
    assert_eq!(colours[..3], ["#2ca02c", "#1f77b4", "#ff7f0e"]);
    // Given colours stay, even when equal; the default that would be blue moves on.
    let second: Vec<String> = figures[1]
        .series
        .iter()
        .map(|s| s.color.to_string())
        .collect();
    assert_eq!(second[..2], ["#1f77b4", "#1f77b4"]);
    assert_ne!(second[2], "#1f77b4");
}

/// The number format rule: `precision` decimals in fixed point below 1e9, and scientific form
/// (with `precision` decimals) from there; 1e308 was written with 309 digits. However small, a
/// number is in fixed point: 0.00005 was `5.00e−5` at two decimals while the larger 0.0002 was
/// 0.00 (the backpropagation lesson's loss column read 0.00, 0.00, 0.00, 7.16e−5).
#[test]
fn very_large_numbers_are_written_in_scientific_form_and_small_ones_in_fixed_point() {
    for (value, decimals, text) in [
        (1e308, 2, "1.00e308"),
        (-1.5e12, 1, "\u{2212}1.5e12"),
        (-2.5e-7, 2, "0.00"),
        (2.5e-7, 7, "0.0000002"),
        (0.00009, 3, "0.000"),
        (0.00009, 4, "0.0001"),
        (0.00005, 2, "0.00"),
        (0.0002, 2, "0.00"),
        (-0.0002, 4, "\u{2212}0.0002"),
        (999_999_999.0, 0, "999999999"),
        (1e9, 2, "1.00e9"),
        (0.0001, 4, "0.0001"),
        (0.0001, 2, "0.00"),
        (0.0, 2, "0.00"),
        (-0.0, 2, "0.00"),
        (1.01, 2, "1.01"),
    ] {
        assert_eq!(format_number(value, decimals), text, "{value:e}");
    }
    // In a lesson: prose, tables and code get the same form (code with ASCII minus signs).
    let block = r#"input = { name = "x", from = 0.0, to = 1.0, samples = 5 }
[output]
weights = { w = 1e300 }
bias = { b = 0.0 }"#;
    let text = format!(
        "+++\ntitle = \"t\"\n+++\n\nAt 1: {{{{ output.activation @ 1.0 }}}}.\n\n```network\n{block}\n```\n\n```table\nsignals = [\"output.linear\"]\nat = [0.5]\narithmetic = true\n```\n\n```python\ny = {{{{ output.activation @ 0.001 }}}}\n```\n"
    );
    let lesson = lesson(&text);
    let rendered =
        nnbook::render::render(&lesson, nnbook::i18n::Lang::built_in("en")).expect("renders");
    let html = &rendered.page.html;
    // (The value is marked for the page's script, which updates it when the reader moves a
    // parameter.)
    assert!(
        html.contains("At 1: <span data-nn=\"output.activation @ 1.0\">1.00e300</span>."),
        "{html}"
    );
    // A number in scientific form is one number in the written-out arithmetic.
    assert!(html.contains("<mn>1e300</mn>"), "{html}");
    assert!(html.contains("<mn>5.00e299</mn>"), "{html}");
    assert!(html.contains("1.00e297"), "{html}");
    assert!(!html.contains("000000000000"), "{html}");
}

/// On a page whose readers move the parameters, every value the build writes from them is marked
/// for the page's script: in math (one `<mn>` with a true minus, as the tables write numbers) and
/// in the parameter listing, as in prose. Where a value is not a number of its own in the math
/// (inside `\text{}`), the formula is written as before and is not marked.
#[test]
fn values_in_math_and_the_parameter_listing_follow_the_parameters() {
    let block = r#"input = { name = "x", from = 0.0, to = 1.0, samples = 5 }
[output]
weights = { w = 1.25 }
bias = { b = -0.5 }"#;
    let text = format!(
        "+++\ntitle = \"t\"\n+++\n\n```network\n{block}\n```\n\nHere $y = {{{{ w }}}}\\,x + ({{{{ b }}}})$ and $\\text{{ {{{{ w }}}} }}$ at 1: ${{{{ output.activation @ 1.0 }}}}$.\n\n```parameters\n```\n"
    );
    let rendered = nnbook::render::render(&lesson(&text), nnbook::i18n::Lang::built_in("en"))
        .expect("renders");
    let html = &rendered.page.html;
    for marked in [
        "<mn data-nn=\"w\">1.25</mn>",
        "<mo stretchy=\"false\">(</mo><mn data-nn=\"b\">\u{2212}0.5</mn><mo stretchy=\"false\">)</mo>",
        "<mn data-nn=\"output.activation @ 1.0\">0.75</mn>",
        "w\u{a0}=\u{a0}<span data-nn=\"w\">1.25</span>",
        "b\u{a0}=\u{a0}<span data-nn=\"b\">\u{2212}0.5</span>",
    ] {
        assert!(html.contains(marked), "{marked} in {html}");
    }
    assert!(html.contains("<mtext>\u{a0}1.25\u{a0}</mtext>"), "{html}");
    // A lesson whose readers move nothing (an empty `[controls]`) is a static page: nothing is
    // marked.
    let still = text.replace("bias = { b = -0.5 }", "bias = { b = -0.5 }\n[controls]");
    let html = nnbook::render::render(&lesson(&still), nnbook::i18n::Lang::built_in("en"))
        .expect("renders")
        .page
        .html;
    assert!(
        html.contains("<mn>1.25</mn>") && !html.contains("data-nn"),
        "{html}"
    );
}
