//! Placeholders and math in the prose, code and captions.

use super::{assert_problems, check, Expect};

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

const NETWORK: &str = "```network\ninput = { name = \"x\", from = 0.0, to = 1.0, samples = 10 }\n\n[[layer]]\nactivation = \"relu\"\nnodes = [ { name = \"h\", weights = { w1 = 1.0 }, bias = { b1 = 0.0 } } ]\n\n[output]\nweights = { w2 = 1.0 }\nbias = { b2 = 0.0 }\n```\n";

/// A lesson whose network block is broken still has its prose checked for what does not need
/// the network: a LaTeX error is reported with the network's problem (it used to wait for the
/// network to be fixed), while the placeholders, which need the network, the blocks and the
/// code that names a figure are not reported again.
#[test]
fn a_broken_network_does_not_hide_a_latex_error() {
    let lesson = format!(
        "+++\ntitle = \"a\"\n+++\n\nPeak {{{{ max output.activation }}}}, $w_1 = {{{{ w1 }}}}$ and $x^{{2$.\n\n```python figure=f\nprint({{{{ w1 }}}})\n```\n\n{}\n```figure\nid = \"f\"\nseries = [ {{ signal = \"h.activation\" }} ]\n```\n",
        NETWORK.replace("from = 0.0, to = 1.0", "from = 1.0, to = 0.0")
    );
    assert_problems(
        &lesson,
        &[
            ("Peak", "the formula's braces do not match"),
            ("input =", "the input range 1.0 to 0.0 is reversed"),
        ],
    );
}

/// A figure block that fails is reported once: code that says it draws it, and a training on
/// its points, are not reported again for naming a figure the lesson "has not" (they were).
#[test]
fn a_failed_figure_is_not_reported_again_by_what_names_it() {
    let lesson = format!(
        "+++\ntitle = \"a\"\n+++\n\n```python figure=f\nprint(1)\n```\n\n{NETWORK}\n```figure\nid = \"f\"\nseries = [ {{ signal = \"h.activaton\" }} ]\npoints = [[0.0, 0.0], [1.0, 1.0]]\n```\n\n```training\nid = \"fit\"\ndata = \"f\"\ntrain = [\"b2\"]\nlearning_rate = 0.1\nsteps = 3\n```\n\n```training-figure\nshow = \"loss\"\n```\n"
    );
    assert_problems(
        &lesson,
        &[("series =", "signal `h.activaton` does not exist")],
    );
}

/// A placeholder where nnbook does not fill one was published as written, without a word (a
/// link with one in its address was not even a link): in the title and the summary, a link's
/// or an image's address, an address in `<...>`, raw HTML and a table's headers. Each is an
/// error at the placeholder (a figure's title already was); every one of a line, where a space
/// in the address makes it no link (the first one only was told).
#[test]
fn a_placeholder_where_none_is_filled_is_an_error() {
    let source = crate::support::SMALL
        .replace("title = \"Small lesson\"", "title = \"Small lesson, w1 = {{ w1 }}\"")
        .replace("summary = \"A small", "summary = \"{{ w1 }}: a small")
        .replace(
            "The top node has",
            "See [a](https://e.org/?w={{ w1 }}), ![b](b-{{w1}}.png), <https://e.org/{{ w1 }}>.\n\n<p title=\"{{ w1 }}\">HTML</p>\n\n[c]({{ w1 }}.html), ![d](d{{ b1 }}.png) and [e]({{ b1 }}).\n\nThe top node has",
        )
        .replace(
            "at = [0.0, 0.5, 1.0]",
            "at = [0.0, 0.5, 1.0]\nheaders = [\"x\", \"{{ w1 }} x\", \"ReLU\"]",
        );
    let title = "a placeholder in the title or summary is not filled";
    let address = "a placeholder in a link's address is not filled";
    assert_problems(
        &source,
        &[
            ("title =", title),
            ("summary =", title),
            ("See [a]", address),
            // (The lesson's folder has no image: the link is broken, whatever fills it.)
            (
                "See [a]",
                "broken link `b-{{w1}}.png`: the site has no `a/b-{{w1}}.png`",
            ),
            ("See [a]", address),
            ("See [a]", address),
            ("<p title", "a placeholder in raw HTML is not filled"),
            // (Not links, with spaces in their addresses: each is told, not the first only.)
            ("[c]", address),
            ("[c]", address),
            ("[c]", address),
            (
                "headers =",
                "a placeholder in a table's headers is not filled",
            ),
        ],
    );
}

/// Two braces meant as written (Python's `f"{{x}}"`, LaTeX's `x^{{2}}`) read as a placeholder:
/// the hint says how to write them, for code (`verbatim`) and for prose and math (a space). A
/// name in prose is a misspelt placeholder: the hint names the one meant, or says how
/// placeholders are spelt (`{{ input.form }}` got the LaTeX hint).
#[test]
fn two_braces_meant_as_written_get_a_hint() {
    let source = crate::support::SMALL.replace(
        "The top node has",
        "```python\nprint(f\"{{literal}}\")\n```\n\n$x^{{k}}$ and {{}}, {{ input.form }} and {{ nope }}.\n\nThe top node has",
    );
    let project = crate::support::Project::new()
        .lesson("small.md", &source)
        .previous_site();
    let error = super::failing_build(&project);
    let hints: Vec<&str> = error
        .diagnostics
        .iter()
        .map(|d| d.hint.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(hints.len(), 5, "{error}");
    assert!(
        hints[0].contains("mark the code block `verbatim`"),
        "{error}"
    );
    assert_eq!(hints[3], "did you mean `input.from`?", "{error}");
    assert_eq!(
        hints[4], "a placeholder names one of the above, spelt as in the network block",
        "{error}"
    );
    for hint in &hints[1..3] {
        assert!(
            hint.contains("put a space between the braces: `{ {`"),
            "{error}"
        );
    }
}
