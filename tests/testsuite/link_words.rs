//! Links without words (`[](#figure-step-1)`): one to a heading or a drawing of its page says
//! the target's title, on the page and in the notebook, as MyST's and Jupyter Book's `[](#label)`
//! do; any other (to an id the page lacks, to another page, a caption's to a heading) would show
//! readers nothing to follow and is an error at its brackets.

use crate::support::{placed, small, Project};

/// The small lesson (its figure `step-1` titled "Top node") with `prose` after its front
/// matter, a heading with an id of its own and one with emphasis after it, and `caption` as its
/// figure's caption.
fn lesson(prose: &str, caption: &str) -> String {
    small("")
        .replacen(
            "+++\n\n",
            &format!("+++\n\n{prose}\n\n## The kinks {{#kinks}}\n\n### First *steps* here\n\n"),
            1,
        )
        .replacen(
            "caption = \"The top node",
            &format!("caption = \"{caption}The top node"),
            1,
        )
}

/// The errors `nnbook check` finds in `p`, which has some (`why`), and its report.
fn errors(p: &Project, why: &str) -> (Vec<nnbook::Diagnostic>, String) {
    let error = nnbook::check(&p.root).expect_err(why);
    let errors = error.diagnostics.iter().filter(|d| d.is_error()).cloned();
    (errors.collect(), error.to_string())
}

#[test]
fn a_link_without_words_says_its_target_s_title() {
    let prose = "See [](#figure-step-1), [](#kinks), [](<#first-steps-here>) and [words](#kinks).";
    let p = Project::new().lesson("a.md", lesson(prose, "As [](#figure-step-1) shows: "));
    p.build().unwrap_or_else(|e| panic!("{e}"));
    let html = p.read("a/index.html");
    // (A heading later on the page, and one with emphasis, by its words.)
    let said = "<p>See <a href=\"#figure-step-1\">Top node</a>, <a href=\"#kinks\">The kinks</a>, \
                <a href=\"#first-steps-here\">First steps here</a> and <a href=\"#kinks\">words</a>.</p>";
    assert!(html.contains(said), "{html}");
    assert!(
        html.contains("As <a href=\"#figure-step-1\">Top node</a> shows: The top node"),
        "{html}"
    );
    // The notebook's cells say the same.
    let notebook = p.read("a/a.ipynb");
    for cell in [
        "See [Top node](#figure-step-1), [The kinks](#kinks), [First steps here](<#first-steps-here>) and [words](#kinks).",
        "As [Top node](#figure-step-1) shows: The top node",
    ] {
        assert!(notebook.contains(cell), "{cell}\n{notebook}");
    }
}

#[test]
fn a_link_without_words_and_nothing_to_say_is_an_error_at_it() {
    let prose = "A [](#nowhere), a [](https://example.org/) and a [](b.md#kinks).";
    let p = Project::new()
        .lesson("a.md", lesson(prose, "As in [](#kinks) and [](#nowhere): "))
        .lesson("b.md", lesson("", ""));
    let (errors, report) = errors(&p, "links without words");
    let no_words = "this link has no words: readers would see nothing to follow";
    let other = "only a link to a heading or a drawing of its own page takes its title";
    let expected = [
        (6, 3, format!("{no_words} (no heading or drawing with a title has the id `nowhere` here)")),
        (6, 19, format!("{no_words} ({other})")),
        (6, 50, format!("{no_words} ({other})")),
        (33, 18, format!("{no_words} (a caption's link takes a drawing's title, and no drawing with a title has the id `kinks` here)")),
        (33, 33, format!("{no_words} (a caption's link takes a drawing's title, and no drawing with a title has the id `nowhere` here)")),
    ];
    let expected: Vec<_> = (expected.into_iter())
        .map(|(line, column, message)| ("content/a.md".to_string(), line, column, message))
        .collect();
    assert_eq!(placed(&errors), expected, "{report}");
    let hint = errors[0].hint.as_deref().unwrap_or("");
    assert!(
        hint.contains("`[](#figure-step-7)`, says its title"),
        "{hint}"
    );
}

/// A link without words to a drawing whose block does not parse is no problem of its own: the
/// block's error is the one told.
#[test]
fn a_link_to_a_drawing_that_failed_adds_no_error() {
    let text = lesson("See [](#figure-step-1).", "").replacen(
        "top.activation\", label",
        "top.activaton\", label",
        1,
    );
    let p = Project::new().lesson("a.md", text);
    let (errors, report) = errors(&p, "a misspelt signal");
    let messages: Vec<_> = placed(&errors).into_iter().map(|p| p.3).collect();
    assert_eq!(
        messages,
        ["signal `top.activaton` does not exist"],
        "{report}"
    );
}
