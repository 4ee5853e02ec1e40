//! Diagnostics whose words the author reviews found unclear or wrong, each as the author now
//! reads it: a number too large for any field, `train = "alll"`, a misspelt training id, an
//! include of no name, `super()` outside a block.

use crate::diagnostics::errors;
use crate::invalid::failing_build;
use crate::support::{assert_errors_at, fixture_text, Project, SMALL};

const LESSON: &str = include_str!("../../templates/lesson.html");
const BASE: &str = include_str!("../../templates/base.html");

/// A whole number too large for any field read "invalid type: integer `…` as i128, expected a
/// whole number", with a hint about quotes, and hid the rest of the lesson; a decimal too large
/// read "floating-point number overflowed", with a hint about TOML's `key = value`.
#[test]
fn a_number_too_large_says_so() {
    let text = SMALL
        .replace("samples = 11", "samples = 100000000000000000000000")
        .replace("w2 = 12.6", "w2 = 99999999999999999999")
        .replacen("The top node has", "{{ w99 }} The top node has", 1);
    let report = errors(&[("content/one.md", &text)]);
    assert!(
        report.contains(
            "error: invalid network block: the number `100000000000000000000000` is too large"
        ) && report.contains(
            "error: invalid network block: the number `99999999999999999999` is too large"
        ) && report.contains("hint: a whole number in TOML is at most 9223372036854775807")
            && report.contains("error: unknown placeholder `w99`")
            && !report.contains("i128"),
        "{report}"
    );
    // (A decimal too large to read failed the whole block's reading: now it stands in as 0,
    // and the block's other mistakes are found too.)
    let text = SMALL
        .replace("w2 = 12.6", "w2 = 1e400")
        .replace("samples = 11", "samples = 1e999")
        .replacen("activation = \"relu\"", "activation = \"relux\"", 1);
    let report = errors(&[("content/one.md", &text)]);
    assert!(
        report
            .matches("error: invalid network block: a number is too large: beyond ±1.8e308")
            .count()
            == 2
            && report.contains("hint: write a smaller number")
            && report.contains("error: unknown activation `relux`"),
        "{report}"
    );
}

/// `train = "alll"` was answered "to train only `alll`, write `train = [\"alll\"]`"; a
/// parameter misspelt the same way gets the parameter it likely means.
#[test]
fn a_misspelt_train_says_what_it_likely_means() {
    let training = fixture_text("training/valid.md");
    let train = training
        .lines()
        .find(|l| l.starts_with("train = "))
        .expect("the fixture's training has a `train` line");
    for (written, hint) in [
        (
            "\"alll\"",
            "hint: did you mean \"all\"? `train = \"all\"` trains every weight and bias",
        ),
        (
            "\"b33\"",
            "hint: to train only `b3`, write `train = [\"b3\"]`",
        ),
    ] {
        let text = training.replacen(train, &format!("train = {written}"), 1);
        let report = errors(&[("content/fit.md", &text)]);
        assert!(report.contains(hint), "{written}: {report}");
    }
}

/// `{{ fitt.b3 }}` in a lesson with a training `fit` was "unknown placeholder" with the
/// network's parameters as the only help.
#[test]
fn a_misspelt_training_id_in_a_placeholder_says_what_it_likely_means() {
    let training = fixture_text("training/valid.md");
    let text = format!("{training}\nThe fitted bias: {{{{ fitt.b3 }}}}.\n");
    let report = errors(&[("content/fit.md", &text)]);
    assert!(
        report.contains("error: unknown placeholder `fitt.b3`: no training is `fitt`")
            && report.contains("hint: did you mean `fit.b3`?"),
        "{report}"
    );
}

/// The error of a failed build of the valid lesson with `lesson.html` and `base.html` as
/// given, and its one diagnostic's rendering.
fn template_mistake(lesson: &str, base: &str) -> String {
    let p = Project::new()
        .lesson("valid.md", crate::support::fixture("valid.md"))
        .template("lesson.html", lesson)
        .template("base.html", base)
        .previous_site();
    let error = failing_build(&p);
    assert_eq!(error.diagnostics.len(), 1, "{error}");
    error.to_string()
}

/// `{% include "" %}` was reported at 1:1 of another template (and did not say the name was
/// empty); `{{ super() }}` where there is
/// no parent block was "Function 'super' not found" with Tera's functions as the hint.
#[test]
fn an_include_of_no_name_and_super_outside_a_block() {
    let lesson = LESSON.replacen(
        "{{ lesson.title }}",
        "{{ lesson.title }}{% include \"\" %}",
        1,
    );
    let report = template_mistake(&lesson, BASE);
    assert!(
        report.contains(
            "error: template error: no template `` (its name is empty)\n --> templates/lesson.html:7:34"
        ),
        "{report}"
    );
    let base = BASE.replacen("</head>", "{{ super() }}</head>", 1);
    let report = template_mistake(LESSON, &base);
    assert!(
        report.contains("error: template error: Function 'super' not found")
            && report.contains(
                "hint: `{{ super() }}` shows the parent template's block of the same name"
            ),
        "{report}"
    );
}

/// A formula in a caption written in double quotes, its backslashes doubled (`"$\\foo$"`), was
/// reported one column to the left for each `\\` before the mistake; and braces that do not
/// match in a caption went unreported (the page showed `$\frac{1}{$`), though in prose they
/// are an error.
#[test]
fn a_captions_formula_is_reported_where_it_is_written() {
    let text = SMALL.replace(
        "caption = \"The top node reaches {{ top.activation @ 1.0 }}.\"",
        "caption = \"$\\\\alpha + \\\\beta + \\\\foo$ and \\\"q\\\" $\\\\frac{1}{$ end\"",
    );
    let line = text
        .lines()
        .position(|l| l.starts_with("caption = \"$"))
        .expect("the caption")
        + 1;
    let report = errors(&[("content/one.md", &text)]);
    for (what, column) in [
        ("error: LaTeX error: Unknown command \"\\foo\".", 32),
        ("error: the formula's braces do not match", 49),
    ] {
        assert!(
            report.contains(&format!("{what}\n  --> content/one.md:{line}:{column}")),
            "{what} at {line}:{column}: {report}"
        );
    }
    // (A formula of one command: `\\bad` as written holds `\bad` one byte in, where it was
    // found.)
    let text = SMALL.replace(
        "caption = \"The top node reaches {{ top.activation @ 1.0 }}.\"",
        "caption = \"ééé $\\\\bad$\"",
    );
    let report = errors(&[("content/one.md", &text)]);
    assert!(
        report.contains(&format!(
            "error: LaTeX error: Unknown command \"\\bad\".\n  --> content/one.md:{line}:17"
        )) && report.contains("^^^^^\n"),
        "{report}"
    );
}

/// Tera's errors that name nothing to find were at 1:1 of another template, or in Tera's
/// words: `super()` in a template that extends none, a modulo by zero (a dump of Tera's syntax
/// tree), a block given twice (reported at the first); a division by zero was no error at all.
/// Each is where it is written.
#[test]
fn template_mistakes_that_name_nothing_are_where_they_are() {
    let base = BASE.replacen(
        "{% block head %}{% endblock head %}",
        "{% block head %}{{ super() }}{% endblock head %}",
        1,
    );
    assert_ne!(base, BASE, "base.html has an empty head block");
    let report = template_mistake(LESSON, &base);
    assert!(
        report.contains("error: template error: `super()` in a template that extends no other\n --> templates/base.html:6:20"),
        "{report}"
    );
    let lesson = LESSON.replacen("{{ lesson.title }}", "{{ lesson.title }}{{ 10 % 0 }}", 1);
    let report = template_mistake(&lesson, BASE);
    assert!(
        report.contains(
            "error: template error: tried to do a modulo by zero\n --> templates/lesson.html:7:29"
        ) && !report.contains("Expr {"),
        "{report}"
    );
    // (`{{ 1 / 0 }}` published `NaN`: it is an error, also where no page reaches it.)
    let lesson = LESSON.replacen(
        "{{ lesson.title }}",
        "{{ lesson.title }}{% if false %}{{ 1 / 0 }}{% endif %}",
        1,
    );
    let report = template_mistake(&lesson, BASE);
    assert!(
        report.contains(
            "error: template error: tried to divide by zero\n --> templates/lesson.html:7:42"
        ),
        "{report}"
    );
    // (Both on one line: each at its own operator; the modulo was reported at the `/`.)
    let lesson = LESSON.replacen(
        "{{ lesson.title }}",
        "{{ lesson.title }}{{ 10 % 0 }} {{ 1 / 0 }}",
        1,
    );
    let p = Project::new()
        .lesson("valid.md", crate::support::fixture("valid.md"))
        .template("lesson.html", &lesson)
        .previous_site();
    let report = failing_build(&p).to_string();
    assert!(
        report.contains(
            "error: template error: tried to do a modulo by zero\n --> templates/lesson.html:7:29"
        ) && report.contains(
            "error: template error: tried to divide by zero\n --> templates/lesson.html:7:41"
        ),
        "{report}"
    );
    let twice = format!("{LESSON}{{% block content %}}x{{% endblock content %}}\n");
    let line = LESSON.lines().count() + 1;
    let report = template_mistake(&twice, BASE);
    assert!(
        report.contains(&format!(
            "error: template error: the block `content` is given twice\n  --> templates/lesson.html:{line}:10"
        )),
        "{report}"
    );
}

/// `{% set z = 0 %}{{ 1 / z }}` published `NaN` without a word (Tera writes NaN for a result
/// that is not finite), and a modulo by a name that is 0 was at 1:1. Each is an error at its
/// operator. A page whose prose says NaN, in a theme that divides, is no error.
#[test]
fn arithmetic_that_is_not_finite_is_an_error_where_it_is() {
    let divided = LESSON.replacen(
        "{{ lesson.title }}",
        "{{ lesson.title }}{% set z = 0 %}{{ 3 * 2 }}{{ 1 / z }}",
        1,
    );
    let report = template_mistake(&divided, BASE);
    assert!(
        report.contains("error: template error: this arithmetic publishes `NaN`, a number that is not finite\n --> templates/lesson.html:7:54")
            && report.contains("hint: Tera writes NaN where a result is not a finite number"),
        "{report}"
    );
    let modulo = LESSON.replacen(
        "{{ lesson.title }}",
        "{{ lesson.title }}{% set z = 0 %}{{ 10 % z }}",
        1,
    );
    let report = template_mistake(&modulo, BASE);
    assert!(
        report.contains(
            "error: template error: tried to do a modulo by zero\n --> templates/lesson.html:7:44"
        ),
        "{report}"
    );
    let halved = LESSON.replacen("{{ lesson.title }}", "{{ lesson.title }} {{ 1 / 2 }}", 1);
    let text = SMALL.replacen(
        "The top node has",
        "A loss can become NaN. The top node has",
        1,
    );
    let p = Project::new()
        .lesson("one.md", &text)
        .template("lesson.html", &halved);
    p.build().expect("prose that says NaN is no error");
    assert!(
        p.read("one/index.html").contains("0.5") && p.read("one/index.html").contains("become NaN")
    );
}

/// `samples = 1e3` was "expected a whole number" with a hint about quotes; `{{ w1 @ 0.5 }}`
/// was "signal `w1` does not exist" with no word that `{{ w1 }}` shows the weight; an input
/// of `1e400` was "not a number".
#[test]
fn a_decimal_for_a_whole_number_and_a_parameter_at_an_input() {
    let text = SMALL.replace("samples = 11", "samples = 1e3").replacen(
        "The top node has",
        "At 0.5: {{ w1 @ 0.5 }}, {{ top.activation @ 1e400 }}. The top node has",
        1,
    );
    let report = errors(&[("content/one.md", &text)]);
    assert!(
        report.contains("error: the input `1e400` is too large"),
        "{report}"
    );
    assert!(
        report.contains(
            "hint: a whole number is written without a decimal point or exponent: `1000`"
        ) && report.contains("error: signal `w1` does not exist")
            && report.contains(
                "hint: `w1` is a weight or bias, the same at every input: `{{ w1 }}` shows it"
            ),
        "{report}"
    );
}

/// Inputs that read alike were named with a minus on zero: "the inputs -0 and 0.0004".
#[test]
fn inputs_that_read_alike_name_zero_without_a_minus() {
    let text = SMALL.replace("at = [0.0, 0.5, 1.0]", "at = [-0.0, 0.0004, 1.0]");
    let p = Project::new().lesson("one.md", &text);
    let warnings = match nnbook::check(&p.root) {
        Ok(site) => (site.warnings.iter().map(ToString::to_string)).collect::<Vec<_>>(),
        Err(e) => panic!("only warnings were expected:\n{e}"),
    };
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("warning: the inputs 0 and 0.0004 both read 0.00")),
        "{warnings:?}"
    );
}

/// An input listed twice in a table (`at = [0.5, 0.5]`) made the same row twice without a word
/// (inputs that only read alike were warned of).
#[test]
fn an_input_listed_twice_is_warned_of() {
    let text = SMALL.replace(
        "at = [0.0, 0.5, 1.0]",
        "at = [0.5, 0.0, 0.5, 1.0, 1.0, 1.0]",
    );
    let p = Project::new().lesson("one.md", &text);
    let warnings = match nnbook::check(&p.root) {
        Ok(site) => (site.warnings.iter().map(ToString::to_string)).collect::<Vec<_>>(),
        Err(e) => panic!("only warnings were expected:\n{e}"),
    };
    for expected in [
        "warning: the input 0.5 is listed twice in this table",
        "warning: the input 1 is listed 3 times in this table",
    ] {
        assert!(
            warnings.iter().any(|w| w.starts_with(expected)),
            "{warnings:?}"
        );
    }
    assert_eq!(warnings.len(), 2, "{warnings:?}");
}

/// Only the first step a training did not take was named, and a range whose ends are finite
/// but too large to draw was "not a finite range". Each is said as it is.
#[test]
fn steps_not_taken_and_a_range_too_large() {
    let text = fixture_text("training/valid.md")
        .replacen("at_steps = [0, 1, 2]", "at_steps = [0, 300, 1, 200]", 1)
        .replacen("from = -1.0\nto = 4.0", "from = 1e300\nto = 2e300", 1);
    let report = errors(&[("content/fit.md", &text)]);
    assert_errors_at(
        &report,
        &[
            (
                "error: training `fit` has no steps 300, 200",
                "fit.md:51:16",
            ),
            (
                "error: the parameter range is too large to draw",
                "fit.md:49:8",
            ),
        ],
        2,
    );
}

/// A display formula over several lines whose braces do not match (`$$`, `\frac{1}{2`, `$$`)
/// was shown as text without a word (each line was checked alone); and dollar signs written
/// escaped, as the hint says a literal one is (`\$x{\$`), were taken for a formula whose braces
/// do not match. A formula over lines that is whole is no error; one left open is.
#[test]
fn formulas_over_lines_and_escaped_dollars() {
    let text = SMALL.replacen(
        "The top node has",
        "Display:\n\n$$\n\\frac{1}{2\n$$\n\nPrices \\$x{\\$ and \\$y\\$ here.\n\n$$\n\\frac{1}{2}\n$$\n\nThe top node has",
        1,
    );
    let report = errors(&[("content/one.md", &text)]);
    assert_errors_at(
        &report,
        &[("error: the formula's braces do not match", "one.md:8:1")],
        1,
    );
    // In a tight list's item (its text in no paragraph), and over hard line breaks, too; a
    // whole one in an item before a list nested in it is no error.
    let text = SMALL.replacen(
        "The top node has",
        "- $$\n  \\frac{1}{2\n  $$\n- $$\n  x^{2}\n  $$\n  - nested\n\n$$  \n\\frac{1}{2  \n$$\n\nThe top node has",
        1,
    );
    let report = errors(&[("content/one.md", &text)]);
    assert_errors_at(
        &report,
        &[
            ("error: the formula's braces do not match", "one.md:6:3"),
            ("error: the formula's braces do not match", "one.md:14:1"),
        ],
        2,
    );
    // One that starts on a later line of a blockquote or of an item, whose `>` and indentation
    // its text leaves out, is found where it starts, not at the paragraph's start.
    let text = SMALL.replacen(
        "The top node has",
        "> First\n> $$\n> \\frac{1}{2\n> $$\n\n- an item\n  with $$\n  \\frac{1}{2\n  $$\n\nThe top node has",
        1,
    );
    let report = errors(&[("content/one.md", &text)]);
    assert_errors_at(
        &report,
        &[
            ("error: the formula's braces do not match", "one.md:7:3"),
            ("error: the formula's braces do not match", "one.md:12:8"),
        ],
        2,
    );
    // A `$$` left open (a teacher's SSR formula before a blank line) was published as text
    // without a word; a `$$` written escaped, `\$\$`, is two dollar signs.
    let text = SMALL.replacen(
        "The top node has",
        "The SSR is\n\n$$\n\\mathrm{SSR} = \\sum_i r_i^2\n\nand more, at \\$\\$5.\n\nThe top node has",
        1,
    );
    let report = errors(&[("content/one.md", &text)]);
    assert_errors_at(
        &report,
        &[(
            "error: this `$$` opens a display formula that is not closed",
            "one.md:8:1",
        )],
        1,
    );
}

/// A block that calls `super()` twice made Tera panic (it takes the block off its stack after
/// the first): an error at the second, and no page is rendered. In two branches of an `if`,
/// only one of which is shown, it is no error.
#[test]
fn super_twice_in_a_block_is_an_error_not_a_panic() {
    let twice = LESSON.replacen(
        "{% block content %}",
        "{% block title %}{{ super() }} · {{ super() }}{% endblock title %}\n{% block content %}",
        1,
    );
    let report = template_mistake(&twice, BASE);
    assert!(
        report.contains("error: template error: `super()` twice in the block `title`\n --> templates/lesson.html:3:37")
            && report.contains("hint: Tera shows the parent's block once in a block"),
        "{report}"
    );
    let branches = LESSON.replacen(
        "{% block content %}",
        "{% block title %}{% if lesson.summary %}{{ super() }}{% else %}· {{ super() }}{% endif %}{% endblock title %}\n{% block content %}",
        1,
    );
    let p = Project::new()
        .lesson("valid.md", crate::support::fixture("valid.md"))
        .template("lesson.html", &branches);
    p.build().expect("super() in two branches of an if");
}

/// A node's name where a signal or a value belongs (`{{ top }}`, `signals = ["top"]`) got the
/// hint for any unknown name, which lists every name but says nothing of the node.
#[test]
fn a_node_where_a_value_belongs_is_told_which_values_it_has() {
    let text = SMALL.replace("b1 = {{ b1 }}", "b1 = {{ top }}").replace(
        "\"top.linear\", \"top.activation\"",
        "\"top\", \"top.activation\"",
    );
    let report = errors(&[("content/one.md", &text)]);
    assert_errors_at(
        &report,
        &[
            ("error: unknown placeholder `top`", "one.md:6:41"),
            ("error: signal `top` does not exist", "one.md:34:12"),
        ],
        2,
    );
    assert!(
        report.contains(
            "hint: `top` is a node: show one of its values at an input, like `{{ top.activation @ 0.0 }}`"
        ) && report.contains(
            "hint: `top` is a node: name which of its values, like `top.activation` or `top.linear`"
        ),
        "{report}"
    );
}

/// A figure's series written as text, as a table's `signals` are (`series = ["top.activation"]`),
/// got the hint for any table ("a table is written `{ key = value, ... }`").
#[test]
fn a_series_written_as_text_is_shown_as_a_table() {
    let text = SMALL.replace(
        "series = [\n  { signal = \"top.activation\", label = \"ReLU\", color = \"blue\" },\n]",
        "series = [\"top.activation\"]",
    );
    let report = errors(&[("content/one.md", &text)]);
    assert_errors_at(
        &report,
        &[("expected a series as a table", "one.md:28:11")],
        1,
    );
    assert!(
        report.contains(
            "hint: a series is a table: `{ signal = \"top.activation\" }`, with an optional `label` and `color`"
        ),
        "{report}"
    );
}

/// A table's signal written as a figure's series is (`signals = [{ signal = "top.linear" }]`)
/// got the hint for any wrong type ("numbers are unquoted, text is in \"quotes\"").
#[test]
fn a_table_signal_written_as_a_series_is_shown_as_text() {
    let text = SMALL.replace(
        "signals = [\"top.linear\", \"top.activation\"]",
        "signals = [{ signal = \"top.linear\", label = \"z\" }, \"top.activation\"]",
    );
    let report = errors(&[("content/one.md", &text)]);
    assert_errors_at(
        &report,
        &[(
            "invalid table block: invalid type: map, expected a string",
            "one.md:34:12",
        )],
        1,
    );
    assert!(
        report.contains("hint: a table's signals are text: `\"top.linear\"` (a figure's series are tables, a table's columns are signals' names)"),
        "{report}"
    );
}

/// A training named wrong, after a training that failed (`fitt` for `fit`): "a block can show
/// only a training written above it", where `fit` is above, reported on its own.
#[test]
fn a_training_misnamed_after_one_that_failed_gets_its_id() {
    let text = fixture_text("training/valid.md")
        .replace("train = [\"b3\"]", "train = [\"b9\"]")
        .replace(
            "training = \"fit\"\nsteps = [1, 2]",
            "training = \"fitt\"\nsteps = [1, 2]",
        );
    let report = errors(&[("content/trained.md", &text)]);
    assert!(
        report.contains("error: no training `fitt` above this block")
            && report.contains("= expected: the id of a training above: fit\n")
            && report.contains("= hint: did you mean `fit`?"),
        "{report}"
    );
    assert!(
        report.contains("the network has no weight or bias named `b9`"),
        "{report}"
    );
}

/// A key given twice is told where it is first given in its table ("keep one of them" alone
/// before): in the front matter, in an inline table on the same line (not in a table nested
/// before it), and in a section (not in the section above, where the same key is no duplicate).
#[test]
fn a_key_given_twice_is_told_where_it_is_first_given() {
    let one = crate::support::small("order = 1\n")
        .replace("summary = \"A small", "order = 2\nsummary = \"A small")
        .replace(
            "{ name = \"top\", weights = { w1 = 1.70 }, bias = { b1 = -0.85 } }",
            "{ name = \"top\", weights = { w1 = 1.70 }, bias = { b1 = -0.85 }, bias = { b9 = 0.0 } }",
        );
    let two = SMALL.replace(
        "[output]\nactivation = \"relu\"\n",
        "[output]\nactivation = \"relu\"\nactivation = \"relu\"\n",
    );
    let report = errors(&[("content/one.md", &one), ("content/two.md", &two)]);
    assert_errors_at(
        &report,
        &[
            ("the key `order` is given twice", "one.md:4:1"),
            ("the key `bias` is given twice", "one.md:16:67"),
            ("the key `activation` is given twice", "two.md:20:1"),
        ],
        3,
    );
    for hint in [
        "hint: keep one of them: it is first given at line 2, column 1",
        "hint: keep one of them: it is first given at line 16, column 44",
        "hint: keep one of them: it is first given at line 19, column 1",
    ] {
        assert!(report.contains(hint), "{hint}\n{report}");
    }
}
