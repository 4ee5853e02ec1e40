//! The network block: its TOML, activations, weights and biases, input range and samples, node
//! labels, the source address, and the reader's controls.

use crate::support::{fixture_text, Project};

use super::{assert_problems, check, failing_build, marked_fixture, Expect};

#[test]
fn block_is_not_valid_toml() {
    check(
        "block_bad_toml",
        Expect {
            message: &["invalid network block"],
            expected: &[],
            hint: &[],
        },
    );
}

/// An inline table without its `}`: TOML 1.1 lets it run over lines, so the parser met the
/// next line (`[[layer]]`) and said "missing key for inline table element" there; the error is
/// at the `{` left open. And one closed by a list's `]` on its line.
#[test]
fn an_inline_table_left_open() {
    for name in ["input_unclosed", "series_unclosed"] {
        check(
            name,
            Expect {
                message: &["block: this `{` is not closed"],
                expected: &["`}` after the inline table's last value"],
                hint: &["an inline table is written on one line"],
            },
        );
    }
}

/// A value where a table belongs is named in the lesson's words, not Rust's ("expected struct
/// RawInput" before).
#[test]
fn an_input_that_is_not_a_table() {
    check(
        "input_not_a_table",
        Expect {
            message: &["expected the input as a table, like `{ name = \"dosage\""],
            expected: &[],
            hint: &["a table is written `{ key = value, ... }`"],
        },
    );
}

/// A list where a table belongs: serde read it field by field and said "expected a string"
/// (the type of the input's first field).
#[test]
fn an_input_that_is_a_list() {
    check(
        "input_a_list",
        Expect {
            message: &["invalid type: list, expected the input as a table"],
            expected: &[],
            hint: &["a table is written `{ key = value, ... }`"],
        },
    );
}

/// A bias written as a bare number got the hint every wrong type gets ("numbers are unquoted").
#[test]
fn a_bias_without_its_name() {
    check(
        "bias_unnamed",
        Expect {
            message: &["floating point `-0.85`, expected a table of named numbers"],
            expected: &[],
            hint: &["name each number, like `weights = { w1 = 1.70 }` or `bias = { b1 = -0.85 }`"],
        },
    );
}

#[test]
fn unknown_activation() {
    check(
        "unknown_activation",
        Expect {
            message: &["unknown activation", "relux"],
            expected: &["relu", "softplus", "sigmoid", "tanh"],
            hint: &["did you mean `relu`?"],
        },
    );
}

/// `activation = "linear"` got no hint.
#[test]
fn a_linear_activation_suggests_identity() {
    check(
        "activation_linear",
        Expect {
            message: &["unknown activation `linear`"],
            expected: &["identity"],
            hint: &["`identity`"],
        },
    );
}

#[test]
fn weight_count_does_not_match_the_layer() {
    check(
        "weight_count",
        Expect {
            message: &["output", "1 value", "2 are expected"],
            expected: &["2"],
            hint: &["one weight per node"],
        },
    );
}

#[test]
fn infinite_weight() {
    check(
        "non_finite_inf",
        Expect {
            message: &["w1", "not a finite number"],
            expected: &["finite"],
            hint: &["inf"],
        },
    );
}

#[test]
fn nan_bias() {
    check(
        "non_finite_nan",
        Expect {
            message: &["b1", "not a finite number"],
            expected: &["finite"],
            hint: &["nan"],
        },
    );
}

#[test]
fn empty_input_range() {
    check(
        "range_empty",
        Expect {
            message: &["input range", "empty"],
            expected: &["`from` smaller than `to`"],
            hint: &[],
        },
    );
}

#[test]
fn reversed_input_range() {
    check(
        "range_reversed",
        Expect {
            message: &["input range", "reversed"],
            expected: &["`from` smaller than `to`"],
            // The swap, spelled out.
            hint: &["from = 0.0, to = 1.0"],
        },
    );
}

#[test]
fn empty_input_range_hint_does_not_say_swap() {
    let (source, _) = marked_fixture("invalid/range_empty.md");
    let error = failing_build(
        &Project::new()
            .lesson("range_empty.md", source)
            .previous_site(),
    );
    let hint = error.diagnostics[0].hint.as_deref().unwrap_or("");
    assert!(!hint.contains("swap"), "{error}");
}

#[test]
fn one_sample() {
    check(
        "samples_one",
        Expect {
            message: &["sample", "out of range"],
            expected: &["2 to 100000"],
            hint: &[],
        },
    );
}

#[test]
fn too_many_samples() {
    check(
        "samples_too_many",
        Expect {
            message: &["sample", "100001", "out of range"],
            expected: &["2 to 100000"],
            hint: &[],
        },
    );
}

#[test]
fn two_network_blocks() {
    check(
        "two_network_blocks",
        Expect {
            message: &["second network block"],
            expected: &["one network block"],
            hint: &["line 9"],
        },
    );
}

#[test]
fn node_label_empty() {
    check(
        "label_empty",
        Expect {
            message: &["the label is empty"],
            expected: &["label = \"Top node\""],
            hint: &["leave `label` out"],
        },
    );
}

#[test]
fn source_address_without_scheme() {
    check(
        "source_not_an_address",
        Expect {
            message: &["`dev.to/an-article` is not a web address"],
            expected: &["https://"],
            hint: &["full address"],
        },
    );
}

#[test]
fn a_control_for_a_parameter_that_does_not_exist() {
    check(
        "controls_unknown",
        Expect {
            message: &["`b33` is not a weight or bias of the network"],
            expected: &["a parameter named in the network block"],
            hint: &["b3"],
        },
    );
}

#[test]
fn a_control_range_that_does_not_hold_the_value() {
    check(
        "controls_range",
        Expect {
            message: &["the range -30 to 0 does not hold w3 = -40.8"],
            expected: &["`from` ≤ -40.8 ≤ `to`"],
            hint: &["opens at the author's value"],
        },
    );
}

/// A range written backwards names the mistake (it read as a range that does not hold the value).
#[test]
fn a_control_range_written_backwards() {
    check(
        "controls_reversed",
        Expect {
            message: &["the range 0 to -60 of w3 is reversed"],
            expected: &["`from` below `to`"],
            hint: &["swap `from` and `to`"],
        },
    );
}

#[test]
fn a_control_step_that_is_not_positive() {
    check(
        "controls_step",
        Expect {
            message: &["a step of 0 for w3"],
            expected: &["a step above 0"],
            hint: &["leave `step` out"],
        },
    );
}

/// A control written as a list: serde took `[-60, 0, 0.1]` for from, to and step, in order.
/// Its hint was any table's ("a table is written `{ key = value, ... }`"); it shows a control's.
#[test]
fn a_control_that_is_a_list() {
    check(
        "controls_a_list",
        Expect {
            message: &["invalid type: list, expected a control as a table"],
            expected: &[],
            hint: &["a control is a table: `{}` for the default range and step, or `{ from = -60, to = 0, step = 0.1 }`"],
        },
    );
}

#[test]
fn a_value_off_the_control_s_steps() {
    check(
        "controls_off_grid",
        Expect {
            message: &["w3 = -40.8 is not on the control's steps"],
            expected: &["a whole number of steps (0.7) below -40.8"],
            hint: &["change `from` or `step`"],
        },
    );
}

/// Every wrong control of a `[controls]` table is reported in one run, each at its own line (the
/// first alone was before): a name that is no parameter, a range without the author's value, a
/// step of 0; the right one between them is no problem. And the lesson's other blocks are still
/// checked against the network: a figure's unknown signal is reported too (it was hidden).
#[test]
fn every_wrong_control_is_reported_at_once() {
    let controls =
        "\n[controls]\nw9 = {}\nw3 = { from = -30, to = 0 }\nb3 = {}\nb2 = { step = 0 }\n";
    let source = fixture_text("valid.md")
        .replace(
            "bias = { b3 = -16 }\n",
            &format!("bias = {{ b3 = -16 }}\n{controls}"),
        )
        .replace("signal = \"top.activation\"", "signal = \"top.activatoin\"");
    assert!(
        source.contains("[controls]") && source.contains("activatoin"),
        "valid.md has no `bias = {{ b3 = -16 }}` line or no top.activation series"
    );
    assert_problems(
        &source,
        &[
            ("w9 =", "`w9` is not a weight or bias of the network"),
            ("w3 =", "the range -30 to 0 does not hold w3 = -40.8"),
            ("b2 =", "a step of 0 for b2"),
            (
                "  { signal = \"top.activatoin\"",
                "signal `top.activatoin` does not exist",
            ),
        ],
    );
}

/// A parameter cannot get two controls: TOML refuses the key written twice, even spelt another
/// way (the controls need no check of their own for it).
#[test]
fn a_second_control_for_a_parameter_is_a_duplicate_key() {
    let source = fixture_text("valid.md").replace(
        "bias = { b3 = -16 }\n",
        "bias = { b3 = -16 }\n\n[controls]\nw3 = {}\n\"\\u0077\\u0033\" = {}\n",
    );
    let error = failing_build(
        &Project::new()
            .lesson("twice.md", source.as_str())
            .previous_site(),
    );
    let second = source
        .lines()
        .position(|l| l.starts_with("\"\\u0077"))
        .expect("the second control")
        + 1;
    assert_eq!(error.diagnostics.len(), 1, "{error}");
    let d = &error.diagnostics[0];
    assert!(d.message.contains("is given twice"), "{error}");
    assert_eq!(d.location.as_ref().map(|l| l.line), Some(second), "{error}");
}

/// A network block's parts are checked each on its own: the input's samples and label, each
/// layer's activation, each node's weights, each name, each value. Six mistakes, six
/// diagnostics (the code before reported the first).
#[test]
fn every_mistake_of_a_network_block_is_reported_at_once() {
    let source = r#"+++
title = "Six mistakes"
+++

```network
input = { name = "dosage", label = "", from = 0.0, to = 1.0, samples = 1 }

[[layer]]
activation = "relux"
nodes = [
  { name = "top", weights = { w1 = 1.70 }, bias = { b1 = -0.85 } },
  { name = "bottom", weights = { w2 = 12.6, w5 = 1.0 }, bias = { b2 = 0.0 } },
]

[output]
weights = { w1 = -40.8, w4 = 2.70 }
bias = { b3 = nan }
```
"#;
    assert_problems(
        source,
        &[
            ("input =", "the label is empty"),
            ("input =", "a sample count of 1 is out of range"),
            ("activation =", "unknown activation `relux`"),
            (
                "  { name = \"bottom\"",
                "node `bottom`'s weights: 2 values given, but 1 is expected",
            ),
            ("weights = { w1", "the name `w1` is used twice"),
            ("bias = { b3", "`b3` is not a finite number"),
        ],
    );
}

/// A node named `input` was told its name "is used twice", where it is used once: `input` is
/// the input signal's name, reserved.
#[test]
fn a_node_named_input_is_told_the_name_is_reserved() {
    let source = r#"+++
title = "Reserved"
+++

```network
input = { name = "dosage", from = 0.0, to = 1.0, samples = 11 }

[[layer]]
activation = "relu"
nodes = [
  { name = "input", weights = { w1 = 1.70 }, bias = { b1 = -0.85 } },
]

[output]
weights = { w2 = 1.0 }
bias = { b2 = 0.0 }
```
"#;
    assert_problems(
        source,
        &[("  { name = \"input\"", "the name `input` is reserved")],
    );
}
