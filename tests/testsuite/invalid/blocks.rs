//! Figure, table, diagram and parameters blocks, and values that are not finite in what they
//! draw.

use crate::support::Project;

use super::{check, failing_build, Expect};

#[test]
fn figure_without_a_network() {
    check(
        "figure_without_network",
        Expect {
            message: &["figure block needs the lesson's network"],
            expected: &["network"],
            hint: &[],
        },
    );
}

#[test]
fn unknown_signal() {
    check(
        "unknown_signal",
        Expect {
            message: &["top.activaton", "does not exist"],
            expected: &["top.activation", "top.linear"],
            hint: &["`top.activation`"],
        },
    );
}

#[test]
fn unknown_colour() {
    check(
        "unknown_colour",
        Expect {
            message: &["unknown colour", "bleu"],
            expected: &["blue", "#rrggbb"],
            hint: &[],
        },
    );
}

#[test]
fn duplicate_figure_id() {
    check(
        "duplicate_figure_id",
        Expect {
            message: &["step-1", "used twice"],
            expected: &["different id"],
            hint: &["line 26"],
        },
    );
}

#[test]
fn unknown_table_at() {
    check(
        "table_at_unknown",
        Expect {
            message: &["unknown input set", "kink"],
            expected: &["\"kinks\""],
            hint: &[],
        },
    );
}

/// An untagged enum read `at` before: "data did not match any variant of untagged enum".
#[test]
fn a_table_input_that_is_text() {
    check(
        "table_at_text",
        Expect {
            message: &["invalid type: string \"x\", expected a number"],
            expected: &[],
            hint: &["numbers are unquoted"],
        },
    );
}

#[test]
fn table_inputs_that_are_not_a_list() {
    check(
        "table_at_number",
        Expect {
            message: &["expected a list of inputs", "or \"kinks\""],
            expected: &[],
            hint: &["check the value's type"],
        },
    );
}

#[test]
fn table_precision_out_of_range() {
    check(
        "precision_table",
        Expect {
            message: &["precision 99", "out of range"],
            expected: &["0 to 12"],
            hint: &[],
        },
    );
}

#[test]
fn table_headers_do_not_match_the_columns() {
    check(
        "table_headers",
        Expect {
            message: &["2 headers for 3 columns"],
            expected: &["one header"],
            hint: &[],
        },
    );
}

/// Inputs outside the range were silently extrapolated.
#[test]
fn a_table_input_outside_the_range() {
    check(
        "table_at_outside",
        Expect {
            message: &["the input 2 is outside the input range"],
            expected: &["from 0.0 to 1.0"],
            hint: &["widen the range"],
        },
    );
}

/// `at = []` rendered an empty table.
#[test]
fn a_table_without_inputs() {
    check(
        "table_at_empty",
        Expect {
            message: &["a table without inputs"],
            expected: &["at least one input"],
            hint: &[],
        },
    );
}

#[test]
fn unknown_diagram_highlight() {
    check(
        "unknown_highlight",
        Expect {
            message: &["`w7`", "not a node, weight or bias"],
            expected: &["top", "w1"],
            hint: &["did you mean `w1`?"],
        },
    );
}

#[test]
fn parameters_block_with_a_field() {
    check(
        "parameters_with_field",
        Expect {
            message: &["invalid parameters block", "unknown field `precision`"],
            expected: &[],
            hint: &["leave its body empty"],
        },
    );
}

/// A non-finite value was published: "Peak: NaN", NaN rows in the CSV, a flat line.
#[test]
fn an_infinite_value_in_a_table() {
    check(
        "non_finite_table",
        Expect {
            message: &["`output.activation` is infinite at dosage = 0.5"],
            expected: &["finite"],
            hint: &["overflowed"],
        },
    );
}

#[test]
fn an_infinite_value_in_a_figure() {
    check(
        "non_finite_figure",
        Expect {
            message: &[
                "figure `step-1`",
                "`output.activation` is infinite at dosage = 0.2",
            ],
            expected: &["finite"],
            hint: &["overflowed"],
        },
    );
}

/// The issue's overflow: softplus with w1 = w2 = 1e308 and output weights 10 and -10 gives
/// inf - inf = NaN, which built with "Peak: NaN" in the prose.
#[test]
fn not_a_number_from_softplus_overflow_is_an_error() {
    let lesson = "+++\ntitle = \"Overflow\"\n+++\n\nPeak: {{ output.activation @ 0.5 }}.\n\n```network\ninput = { name = \"x\", from = 0.0, to = 1.0, samples = 11 }\n\n[[layer]]\nactivation = \"softplus\"\nnodes = [\n  { name = \"a\", weights = { w1 = 1e308 }, bias = { b1 = 0.0 } },\n  { name = \"b\", weights = { w2 = 1e308 }, bias = { b2 = 0.0 } },\n]\n\n[output]\nweights = { w3 = 10.0, w4 = -10.0 }\nbias = { b3 = 0.0 }\n```\n\n```figure\nseries = [{ signal = \"output.activation\" }]\n```\n";
    let p = Project::new().lesson("nan.md", lesson).previous_site();
    let error = failing_build(&p).to_string();
    for needle in [
        "`output.activation` is not a number (NaN) at x = 0.5",
        "figure `figure-1`: `output.activation` is not a number (NaN) at x = 0.2",
        "2 errors",
    ] {
        assert!(error.contains(needle), "{needle:?} not in:\n{error}");
    }
}
