//! Figure, table, diagram and parameters blocks, and values that are not finite in what they
//! draw.

use crate::support::Project;

use super::{assert_problems, check, failing_build, line_of, problems_of, Expect};

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
/// A data point outside the input range was not drawn, yet it stretched the value axis to
/// hold it, without a word.
#[test]
fn a_data_point_outside_the_range() {
    check(
        "points_outside",
        Expect {
            message: &["the data point's input 5 is outside the input range"],
            expected: &["from 0.0 to 1.0"],
            hint: &["widen the range or remove the point"],
        },
    );
}

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

/// Each field of a figure, table or diagram block is checked on its own: a block with several
/// mistakes reports every one, each at its own place, in one run (it used to stop at the
/// first: one diagnostic per block here, three in all, instead of twelve). The table's values
/// are checked only once its signals and inputs are right.
#[test]
fn every_mistake_of_a_figure_table_and_diagram_is_reported_at_once() {
    let network = "```network\ninput = { name = \"x\", from = 0.0, to = 1.0, samples = 10 }\n\n[[layer]]\nactivation = \"relu\"\nnodes = [ { name = \"h\", weights = { w1 = 1.0 }, bias = { b1 = 0.0 } } ]\n\n[output]\nweights = { w2 = 1.0 }\nbias = { b2 = 0.0 }\n```\n";
    let blocks = [
        "```figure",
        "title = \"Peak {{ w1 }}\"",
        "series = [",
        "  { signal = \"h.activaton\" },",
        "  { signal = \"output.activation\", color = \"teal\", label = \"{{ w2 }}\" },",
        "]",
        "points = [[nan, 1.0], [0.5, 0.5]]",
        "```",
        "",
        "```table",
        "signals = [\"h.linear\", \"output.sum\", \"hh.linear\"]",
        "at = [0.5, 2.0]",
        "precision = 20",
        "headers = [\"x\", \"a\"]",
        "```",
        "",
        "```diagram",
        "title = \"{{ w1 }}\"",
        "highlight = [\"h\", \"w9\", \"q\"]",
        "```",
    ]
    .join("\n");
    let source = format!("+++\ntitle = \"Many\"\n+++\n\n{network}\n{blocks}\n");
    let error = failing_build(
        &Project::new()
            .lesson("many.md", source.as_str())
            .previous_site(),
    );
    let at = |text: &str, column_of: &str| {
        let line = source
            .lines()
            .position(|l| l.starts_with(text))
            .expect(text);
        let column = source
            .lines()
            .nth(line)
            .unwrap()
            .find(column_of)
            .expect(column_of);
        (line + 1, column + 1)
    };
    let found: Vec<((usize, usize), &str)> = error
        .diagnostics
        .iter()
        .map(|d| {
            let loc = d.location.as_ref().expect("a location");
            ((loc.line, loc.column), d.message.as_str())
        })
        .collect();
    let unfilled = "a placeholder in a figure's title or labels is not filled";
    assert_eq!(
        found,
        [
            (at("title = \"Peak", "\"Peak"), unfilled),
            (
                at("  { signal = \"h.", "\"h."),
                "signal `h.activaton` does not exist"
            ),
            (
                at("  { signal = \"output", "\"teal"),
                "unknown colour `teal`"
            ),
            (at("  { signal = \"output", "\"{{"), unfilled),
            (at("points =", "[nan"), "a data point is not finite"),
            (at("signals =", "\"hh"), "signal `hh.linear` does not exist"),
            (at("at =", "2.0"), "the input 2 is outside the input range"),
            (at("precision =", "20"), "precision 20 is out of range"),
            (at("headers =", "["), "2 headers for 4 columns"),
            (at("title = \"{{", "\"{{"), unfilled),
            (
                at("highlight =", "\"w9"),
                "`w9` is not a node, weight or bias of the network"
            ),
            (
                at("highlight =", "\"q"),
                "`q` is not a node, weight or bias of the network"
            ),
        ],
        "{error}"
    );
}

/// Every field a block or the front matter does not know is reported, not only the first
/// (serde stops there), each with the closest field as a hint; the block's other fields are
/// still checked, and a required field a misspelling was meant to be is not reported again.
/// Six mistakes, six diagnostics (the code before: one, as a `titel` stopped the lesson).
#[test]
fn every_unknown_field_is_reported_with_the_rest_of_its_block() {
    let source = crate::support::SMALL
        .replace(
            "title = \"Small lesson\"",
            "titel = \"Small lesson\"\nordre = 2",
        )
        .replace(
            "title = \"Top node\"\n",
            "tilte = \"Top node\"\ncolour = \"red\"\n",
        )
        .replace("color = \"blue\"", "color = \"bleu\"")
        .replace(
            "signals = [\"top.linear\", \"top.activation\"]",
            "signals = [\"top.linaer\"]",
        );
    assert_problems(
        &source,
        &[
            ("titel =", "invalid front matter: unknown field `titel`, expected one of `title`, `summary`, `order`, `precision`, `slug`, `source`, `series`, `part`, `draft`, `date`, `updated`, `aliases`, `tags`, `extra`"),
            ("ordre =", "invalid front matter: unknown field `ordre`, expected one of `title`, `summary`, `order`, `precision`, `slug`, `source`, `series`, `part`, `draft`, `date`, `updated`, `aliases`, `tags`, `extra`"),
            ("tilte =", "invalid figure block: unknown field `tilte`, expected one of `id`, `title`, `x_label`, `y_label`, `caption`, `series`, `points`, `points_label`"),
            ("colour =", "invalid figure block: unknown field `colour`, expected one of `id`, `title`, `x_label`, `y_label`, `caption`, `series`, `points`, `points_label`"),
            ("  { signal = \"top.activation\"", "unknown colour `bleu`"),
            ("signals =", "signal `top.linaer` does not exist"),
        ],
    );
}

/// A misspelt field is an error even when it is the block's only mistake and is read as the
/// field it likely means, in every kind of block and at any depth (the code before built
/// figures, diagrams and training figures with a `titel`, and stopped a block at its first
/// misspelt field in a nested table: the input's, a node's, a series').
#[test]
fn a_misspelt_field_alone_fails_its_block() {
    let small = format!(
        "{}\n```diagram\ntitle = \"D\"\n```\n",
        crate::support::SMALL
    );
    let training = crate::support::fixture_text("training/valid.md");
    let cases = [
        (
            &small,
            "id = \"step-1\"\ntitle",
            "id = \"step-1\"\ntitel",
            "titel =",
            "figure",
            "`title`, ",
        ),
        (
            &small,
            "title = \"D\"",
            "titel = \"D\"",
            "titel =",
            "diagram",
            "`id`, ",
        ),
        (&small, "at = [", "att = [", "att =", "table", "`signals`, "),
        (
            &training,
            "id = \"curve\"\ntraining",
            "id = \"curve\"\ntrainig",
            "trainig =",
            "training-figure",
            "`id`, ",
        ),
        (
            &training,
            "train = [",
            "trian = [",
            "trian =",
            "training",
            "`id`, ",
        ),
        (
            &training,
            "steps = [1",
            "setps = [1",
            "setps =",
            "training-table",
            "`training`, ",
        ),
    ];
    for (text, from, to, line, block, expected) in cases {
        let source = text.replacen(from, to, 1);
        let field = &line[..line.len() - 2];
        let problems = problems_of(&source);
        assert_eq!(problems.len(), 1, "{block}: {problems:?}");
        assert_eq!(problems[0].0, line_of(&source, line), "{block}");
        let message = format!("invalid {block} block: unknown field `{field}`, expected ");
        assert!(
            problems[0].1.starts_with(&message),
            "{block}: {}",
            problems[0].1
        );
        assert!(
            problems[0].1.contains(expected),
            "{block}: {}",
            problems[0].1
        );
    }
}

/// A misspelt field in a table inside a block is reported with the rest of its block, each
/// with its hint, as a block's own are: five mistakes in a network block, five diagnostics (the
/// code before: one); two in a series, two.
#[test]
fn every_misspelt_field_in_a_nested_table_is_reported() {
    let network = crate::support::SMALL
        .replace("label = \"Dosage\", from", "labl = \"Dosage\", form")
        .replace("{ name = \"top\", weights", "{ name = \"top\", wieghts")
        .replace("{ w2 = 12.6 }, bias", "{ w2 = 12.6 }, bais")
        .replace("[output]\nactivation", "[output]\nactivaton");
    let series =
        crate::support::SMALL.replace("label = \"ReLU\", color", "lable = \"ReLU\", colour");
    let input = "unknown field `{}`, expected one of `name`, `label`, `from`, `to`, `samples`";
    let node = "unknown field `{}`, expected one of `name`, `label`, `weights`, `bias`";
    let output = node.replace("`label`, ", "`label`, `activation`, ");
    let in_network = |f: &str, m: &str| format!("invalid network block: {}", m.replace("{}", f));
    let expected = [
        ("input =", in_network("labl", input)),
        ("input =", in_network("form", input)),
        ("  { name = \"top\"", in_network("wieghts", node)),
        ("  { name = \"bottom\"", in_network("bais", node)),
        ("activaton =", in_network("activaton", &output)),
    ];
    let in_series = |f: &str| {
        let m = "unknown field `{}`, expected one of `signal`, `label`, `color`";
        format!("invalid figure block: {}", m.replace("{}", f))
    };
    let series_expected = [
        ("  { signal = \"top.activation\"", in_series("lable")),
        ("  { signal = \"top.activation\"", in_series("colour")),
    ];
    let meant = [
        (
            network,
            &expected[..],
            &["label", "from", "weights", "bias", "activation"][..],
        ),
        (series, &series_expected[..], &["label", "color"][..]),
    ];
    for (source, expected, meant) in meant {
        let pairs: Vec<(&str, &str)> = expected.iter().map(|(l, m)| (*l, m.as_str())).collect();
        assert_problems(&source, &pairs);
        let error = failing_build(&Project::new().lesson("a.md", &source).previous_site());
        let hints: Vec<String> = error
            .diagnostics
            .into_iter()
            .filter_map(|d| d.hint)
            .collect();
        let meant: Vec<String> = meant
            .iter()
            .map(|k| format!("did you mean `{k}`?"))
            .collect();
        assert_eq!(hints, meant);
    }
}

/// A bad figure id does not hide the rest of its block: the figure is checked under the id it
/// would have by default (before, the id's problem was the block's only one).
#[test]
fn a_bad_figure_id_does_not_hide_the_rest_of_its_block() {
    let source = crate::support::SMALL
        .replace("id = \"step-1\"", "id = \"Step 1\"")
        .replace("color = \"blue\"", "color = \"bleu\"");
    assert_problems(
        &source,
        &[
            (
                "id = \"Step 1\"",
                "bad figure id: the id `Step 1` has the character 'S'",
            ),
            ("  { signal = \"top.activation\"", "unknown colour `bleu`"),
        ],
    );
}
