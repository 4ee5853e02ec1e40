//! Invalid input: every kind of mistake in a lesson or a template must fail the build with a
//! diagnostic that points at the exact file, line and column, says what is wrong (and what was
//! expected, with a hint where one helps), and must leave the previous site untouched.
//!
//! Each fixture under `tests/fixtures/invalid/` is `tests/fixtures/valid.md` with exactly one
//! mistake, and one `‸` (U+2038) exactly where the diagnostic's caret must point; the test
//! removes the marker before writing the lesson. (`not_utf8.md` cannot hold a marker: its caret
//! must point at its first byte that is not UTF-8.) The rendered diagnostic of each fixture is
//! an insta snapshot (`snapshots/testsuite__invalid__<fixture>.snap`).

use std::fs;

use nnbook::{Diagnostic, Error};

use crate::support::position::position_after;
use crate::support::project::{PREVIOUS_MARKER, PREVIOUS_TEXT};
use crate::support::tree::snapshot;
use crate::support::{assert_no_temp_path, fixture, fixture_text, marked, run, Position, Project};

/// `tests/fixtures/<rel>` without its `‸`, and where the marker was.
fn marked_fixture(rel: &str) -> (String, Position) {
    marked(&fixture_text(rel))
}

/// Build `project` (which must have a previous site) through the library; the build must fail
/// and leave everything (the previous site above all) exactly as it was.
fn failing_build(project: &Project) -> Error {
    let before = snapshot(&project.base);
    let error = match project.build() {
        Ok(summary) => panic!("the build succeeded but should have failed: {summary}"),
        Err(e) => e,
    };
    assert_eq!(
        fs::read_to_string(project.site().join(PREVIOUS_MARKER)).expect("marker still there"),
        PREVIOUS_TEXT
    );
    let after = snapshot(&project.base);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "a failed build added or removed files"
    );
    assert!(before == after, "a failed build changed a file");
    error
}

/// What a case's one diagnostic must say (its position is the fixture's marker).
struct Expect {
    /// Words the message must contain.
    message: &'static [&'static str],
    /// Words the `expected` text must contain (if any are given).
    expected: &'static [&'static str],
    /// Words the hint must contain (if any are given).
    hint: &'static [&'static str],
}

fn assert_contains(what: &str, text: Option<&str>, words: &[&str], error: &Error) {
    if words.is_empty() {
        return;
    }
    let Some(text) = text else {
        panic!("the diagnostic has no {what}, expected one containing {words:?}:\n{error}");
    };
    for w in words {
        assert!(
            text.contains(w),
            "the {what} {text:?} does not contain {w:?}:\n{error}"
        );
    }
}

/// Check one diagnostic against the source it points into and the position it must point at.
fn check_diagnostic(
    error: &Error,
    d: &Diagnostic,
    file: &str,
    source: &[u8],
    at: Position,
    e: &Expect,
) {
    let loc = d
        .location
        .as_ref()
        .unwrap_or_else(|| panic!("the diagnostic has no location:\n{error}"));
    assert!(
        loc.file.ends_with(file),
        "the diagnostic names {:?}, expected a path ending with {file:?}:\n{error}",
        loc.file
    );
    assert_eq!(
        Position {
            line: loc.line,
            column: loc.column
        },
        at,
        "wrong line:column for {file} (expected the marker's):\n{error}"
    );
    assert!(loc.width >= 1, "nothing underlined:\n{error}");
    let text = String::from_utf8_lossy(source);
    let line_text = text.lines().nth(at.line - 1).unwrap_or("");
    // The snippet is the offending line (for a file that is not UTF-8, the part before the bad
    // byte).
    assert!(
        line_text.starts_with(&loc.source_line),
        "the snippet {:?} is not line {} {line_text:?}:\n{error}",
        loc.source_line,
        at.line
    );
    assert_contains("message", Some(&d.message), e.message, error);
    assert_contains("expected text", d.expected.as_deref(), e.expected, error);
    assert_contains("hint", d.hint.as_deref(), e.hint, error);
    let rendered = error.to_string();
    let position = format!("{}:{at}", loc.file);
    assert!(
        rendered.contains(&position),
        "the rendered error lacks {position:?}:\n{rendered}"
    );
}

/// Build the lesson `source` as `content/<name>.md`, the only lesson of a project with a
/// previous site; check its one diagnostic (which must point at `at`) and snapshot it as
/// rendered.
fn check_source(name: &str, source: &[u8], at: Position, e: Expect) {
    let file = format!("{name}.md");
    let p = Project::new().lesson(&file, source).previous_site();
    let error = failing_build(&p);
    assert_eq!(
        error.diagnostics.len(),
        1,
        "one mistake should give one diagnostic:\n{error}"
    );
    check_diagnostic(&error, &error.diagnostics[0], &file, source, at, &e);
    let rendered = error.to_string();
    assert_no_temp_path(&p.root, &rendered);
    insta::assert_snapshot!(name.to_string(), rendered);
}

/// Check `tests/fixtures/invalid/<name>.md` (see [`check_source`]).
fn check(name: &str, e: Expect) {
    let (source, at) = marked_fixture(&format!("invalid/{name}.md"));
    check_source(name, source.as_bytes(), at, e);
}

#[test]
fn the_valid_fixture_builds() {
    // Every invalid fixture is this lesson with one mistake: it must build on its own.
    let p = Project::new()
        .lesson("valid.md", fixture("valid.md"))
        .previous_site();
    let summary = p
        .build()
        .unwrap_or_else(|e| panic!("the valid fixture does not build:\n{e}"));
    assert_eq!((summary.lessons, summary.figures), (1, 1));
    let site = p.site();
    assert!(site.join("valid/index.html").is_file());
    assert!(site.join("valid/preview.svg").is_file());
    assert!(
        !site.join(PREVIOUS_MARKER).exists(),
        "a successful build replaces the previous site"
    );
}

// ---------------------------------------------------------------------------------------------
// Front matter

#[test]
fn front_matter_yaml_instead_of_toml() {
    check(
        "front_matter_yaml",
        Expect {
            message: &["does not start with front matter"],
            expected: &["+++"],
            hint: &["+++", "---"],
        },
    );
}

#[test]
fn front_matter_never_closed() {
    check(
        "front_matter_unclosed",
        Expect {
            message: &["never closed"],
            expected: &["+++"],
            hint: &["+++"],
        },
    );
}

#[test]
fn front_matter_invalid_toml() {
    check(
        "front_matter_bad_toml",
        Expect {
            message: &["invalid front matter"],
            expected: &[],
            hint: &[],
        },
    );
}

#[test]
fn front_matter_unknown_field() {
    check(
        "front_matter_unknown_field",
        Expect {
            message: &["unknown field", "author"],
            expected: &[],
            hint: &["spelling"],
        },
    );
}

#[test]
fn front_matter_precision_out_of_range() {
    check(
        "front_matter_precision",
        Expect {
            message: &["precision 99", "out of range"],
            expected: &["0 to 12"],
            hint: &[],
        },
    );
}

// ---------------------------------------------------------------------------------------------
// The network block

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

// ---------------------------------------------------------------------------------------------
// Figure and table blocks

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

// ---------------------------------------------------------------------------------------------
// Placeholders

#[test]
fn unknown_placeholder_in_prose() {
    check(
        "unknown_placeholder",
        Expect {
            message: &["unknown placeholder", "w9"],
            expected: &["w1", "b3", "input.from"],
            hint: &["did you mean"],
        },
    );
}

#[test]
fn unknown_placeholder_columns_count_characters() {
    // `→`, `“` and `”` are three bytes each but one column.
    check(
        "unknown_placeholder_unicode",
        Expect {
            message: &["unknown placeholder", "b9"],
            expected: &[],
            hint: &["did you mean"],
        },
    );
}

#[test]
fn unknown_placeholder_after_an_entity() {
    // `&amp;` is one character of text but five in the source: the second placeholder of the
    // line must still be located exactly.
    check(
        "placeholder_after_entity",
        Expect {
            message: &["unknown placeholder", "b9"],
            expected: &[],
            hint: &[],
        },
    );
}

#[test]
fn unknown_placeholder_in_code() {
    check(
        "placeholder_in_code",
        Expect {
            message: &["unknown placeholder", "b9"],
            expected: &[],
            hint: &[],
        },
    );
}

#[test]
fn unknown_signal_in_a_caption_placeholder() {
    check(
        "placeholder_in_caption",
        Expect {
            message: &["top.activaton", "does not exist"],
            expected: &[],
            hint: &["`top.activation`"],
        },
    );
}

#[test]
fn unclosed_placeholder() {
    check(
        "placeholder_unclosed",
        Expect {
            message: &["not closed"],
            expected: &["}}"],
            hint: &[],
        },
    );
}

// ---------------------------------------------------------------------------------------------
// Files

/// `not_utf8.md` cannot hold a `‸`: the caret must point at its first byte that is not UTF-8.
#[test]
fn lesson_that_is_not_utf8() {
    let source = fixture("invalid/not_utf8.md");
    let valid = std::str::from_utf8(&source).expect_err("the fixture is not UTF-8");
    let before = std::str::from_utf8(&source[..valid.valid_up_to()]).expect("UTF-8 before it");
    check_source(
        "not_utf8",
        &source,
        position_after(before),
        Expect {
            message: &["not valid UTF-8"],
            expected: &["UTF-8"],
            hint: &[],
        },
    );
}

/// Two lessons with the same slug: one error naming both, pointing at the second's slug
/// (marked in `duplicate_slug/second.md`).
#[test]
fn two_lessons_with_the_same_slug() {
    let (second, at) = marked_fixture("duplicate_slug/second.md");
    let p = Project::new()
        .lesson("first.md", fixture("duplicate_slug/first.md"))
        .lesson("second.md", second)
        .previous_site();
    let error = failing_build(&p);
    assert_eq!(error.diagnostics.len(), 1, "{error}");
    let d = &error.diagnostics[0];
    assert!(d.message.contains("`shared`"), "{error}");
    let rendered = error.to_string();
    for file in ["content/first.md", "content/second.md"] {
        assert!(
            rendered.contains(file),
            "the error does not name {file}:\n{rendered}"
        );
    }
    let loc = d.location.as_ref().expect("a location");
    assert!(loc.file.ends_with("second.md"), "{error}");
    assert_eq!((loc.line, loc.column), (at.line, at.column), "{error}");
}

// ---------------------------------------------------------------------------------------------
// Templates

/// Build the valid lesson with `templates/lesson.html` replaced by a fixture, whose `‸` marks
/// the start of the offending tag, `tag` (the caret may point anywhere in it: at the tag or at
/// the name in it); return the one diagnostic's error.
fn template_error(template: &str, tag: &str) -> Error {
    let (text, at) = marked_fixture(&format!("templates/{template}"));
    let p = Project::new()
        .lesson("valid.md", fixture("valid.md"))
        .template("lesson.html", &text)
        .previous_site();
    let error = failing_build(&p);
    assert_eq!(error.diagnostics.len(), 1, "{error}");
    let loc = error.diagnostics[0]
        .location
        .as_ref()
        .unwrap_or_else(|| panic!("the template error has no location:\n{error}"));
    assert!(loc.file.ends_with("templates/lesson.html"), "{error}");
    let line = text.lines().nth(at.line - 1).expect("the marked line");
    let start = line
        .char_indices()
        .nth(at.column - 1)
        .map_or(line.len(), |(i, _)| i);
    assert!(
        line[start..].starts_with(tag),
        "the marker is not at {tag:?}"
    );
    let span = at.column..at.column + tag.chars().count();
    assert_eq!(loc.line, at.line, "{error}");
    assert!(
        span.contains(&loc.column),
        "column {} is not in {tag:?} (columns {span:?}):\n{error}",
        loc.column
    );
    assert!(
        error.to_string().contains(&format!(
            "templates/lesson.html:{}:{}",
            loc.line, loc.column
        )),
        "{error}"
    );
    error
}

#[test]
fn broken_template_tag() {
    template_error("broken_if.html", "{% if %}");
}

#[test]
fn unknown_template_variable() {
    let error = template_error("unknown_variable.html", "{{ lesson.titel }}");
    assert!(
        error.diagnostics[0].message.contains("lesson.titel"),
        "{error}"
    );
}

/// `{{ lesson.title }}` on the line before must not be taken for `{{ title }}`.
#[test]
fn unknown_template_variable_whose_name_appears_earlier() {
    template_error("unknown_variable_reused_word.html", "{{ title }}");
}

// ---------------------------------------------------------------------------------------------
// The command line

#[test]
fn the_binary_reports_the_location_and_exits_with_1() {
    let (source, at) = marked_fixture("invalid/unknown_activation.md");
    let p = Project::new()
        .lesson("unknown_activation.md", source)
        .previous_site();
    let before = snapshot(&p.base);
    // Not `--quiet`: nothing goes to stdout on a failure anyway.
    let r = run(crate::support::nnbook()
        .arg("build")
        .arg("--root")
        .arg(&p.root)
        .arg("--out")
        .arg(p.site()));
    r.failed().says(&[
        &format!("content/unknown_activation.md:{at}"),
        "did you mean `relu`?",
    ]);
    assert!(r.stdout.is_empty(), "nothing on stdout on failure");
    assert!(
        before == snapshot(&p.base),
        "the failed build changed files"
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
fn latex_error_in_prose() {
    check(
        "latex_error",
        Expect {
            message: &["LaTeX error", "wrongcommand"],
            expected: &["LaTeX math"],
            hint: &["math-core"],
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

// ---------------------------------------------------------------------------------------------
// Issue 11: never a wrong number, and diagnostics that point at the mistake

/// An unclosed fence swallowed the rest of the lesson and was reported as a TOML error at a
/// later line; now the opening fence is the mistake.
#[test]
fn an_unclosed_fence_is_reported_at_its_opening() {
    check(
        "fence_unclosed",
        Expect {
            message: &["the block opened at line", "is never closed"],
            expected: &["```"],
            hint: &["end of the lesson"],
        },
    );
}

/// Unbalanced braces left the formula as raw text on the page, with exit 0.
#[test]
fn unbalanced_braces_in_inline_math() {
    check(
        "latex_unbalanced",
        Expect {
            message: &["braces do not match"],
            expected: &["`}` for every `{`"],
            hint: &["\\$"],
        },
    );
}

#[test]
fn unbalanced_braces_in_display_math() {
    check(
        "latex_display_unbalanced",
        Expect {
            message: &["braces do not match"],
            expected: &[],
            hint: &[],
        },
    );
}

/// `{{ top.activation @ }}` said "`` is not a number".
#[test]
fn a_placeholder_without_an_input_after_the_at() {
    check(
        "placeholder_empty_input",
        Expect {
            message: &["no input after `@`"],
            expected: &["{{ top.activation @ 0.0 }}"],
            hint: &[],
        },
    );
}

/// `max <signal>` names a signal like `<signal> @ <input>` does.
#[test]
fn an_extreme_of_an_unknown_signal() {
    check(
        "placeholder_extreme_unknown_signal",
        Expect {
            message: &["signal `top.activaton` does not exist"],
            expected: &["top.activation"],
            hint: &["`top.activation`"],
        },
    );
}

/// `{{ top.activation }}` got no hint.
#[test]
fn a_signal_placeholder_without_an_input_suggests_one() {
    check(
        "placeholder_signal_without_input",
        Expect {
            message: &["unknown placeholder `top.activation`"],
            expected: &[],
            hint: &["is a signal", "{{ top.activation @ 0.0 }}"],
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

/// A placeholder in a figure title was left raw in the SVG.
#[test]
fn a_placeholder_in_a_figure_title_is_refused() {
    check(
        "figure_title_placeholder",
        Expect {
            message: &["placeholder in a figure's title or labels"],
            expected: &["title"],
            hint: &["caption"],
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

#[test]
fn a_placeholder_input_outside_the_range() {
    check(
        "placeholder_outside_range",
        Expect {
            message: &["the input 2.5 is outside the input range"],
            expected: &["from 0.0 to 1.0"],
            hint: &[],
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
fn an_infinite_value_in_a_placeholder() {
    check(
        "non_finite_placeholder",
        Expect {
            message: &["`output.activation` is infinite at dosage = 1"],
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

/// A lesson saved with a byte-order mark was rejected with "does not start with front
/// matter" while the quoted line showed `+++`.
#[test]
fn a_byte_order_mark_is_accepted() {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(fixture("valid.md"));
    let p = Project::new().lesson("bom.md", bytes).previous_site();
    let summary = p
        .build()
        .unwrap_or_else(|e| panic!("a lesson with a byte-order mark does not build:\n{e}"));
    assert_eq!(summary.lessons, 1);
    let page = fs::read_to_string(p.site().join("bom/index.html")).expect("the page");
    assert!(page.contains("A valid lesson") && !page.contains('\u{feff}'));
}

/// A template tag left open was reported on the next line (26:6 for a mistake on line 25).
#[test]
fn a_template_tag_left_open_is_reported_where_it_opens() {
    let error = template_error("tag_left_open.html", "{% if prev or next");
    assert!(
        error.diagnostics[0].message.contains("is not closed"),
        "{error}"
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
