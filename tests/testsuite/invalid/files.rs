//! The lesson file as a whole: its front matter, its encoding, its slug among the others, a
//! fence left open.

use crate::support::position::position_after;
use crate::support::{fixture, Project};

use super::{assert_problems, check, check_source, failing_build, marked_fixture, Expect};

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
            hint: &["has no place in a lesson's front matter", "source"],
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

/// A lesson saved with classic Mac OS's line ends (a carriage return alone) is one line to
/// TOML: told so, and how to save it.
#[test]
fn lesson_with_carriage_returns_alone() {
    let source = "+++\rtitle = \"CR\"\r+++\r\rText.\r";
    check_source(
        "front_matter_cr_line_ends",
        source.as_bytes(),
        position_after(""),
        Expect {
            message: &["does not start with front matter"],
            expected: &["+++"],
            hint: &["carriage return alone (CR)", "LF"],
        },
    );
}

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
    let page = p.read("bom/index.html");
    assert!(page.contains("A valid lesson") && !page.contains('\u{feff}'));
}

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

/// A front matter that reads as TOML has its fields checked each on its own, and the rest of
/// the lesson is checked too (it is never published): five mistakes in the front matter and
/// two in the prose, seven diagnostics (the code before reported the first).
#[test]
fn every_mistake_of_a_front_matter_and_the_lesson_after_it_is_reported() {
    let source = r#"+++
title = ""
precision = 99
series = "Basics"
source = { title = "", url = "ftp://example.com" }
+++

The peak is {{ w9 }}, and $\foo$ is not LaTeX.
"#;
    assert_problems(
        source,
        &[
            ("title =", "the title is empty"),
            ("precision =", "precision 99 is out of range"),
            ("series =", "a series without a part number"),
            ("source =", "the source's title is empty"),
            ("source =", "`ftp://example.com` is not a web address"),
            (
                "The peak",
                "placeholder `{{ w9 }}` needs the lesson's network",
            ),
            ("The peak", "LaTeX error: Unknown command \"\\foo\"."),
        ],
    );
}

/// A value of the wrong type in the front matter (`order = 1.5`, `part = "three"`) no longer
/// hides the other fields' mistakes: they were found only once it was fixed. What would be
/// said of the value stood in for it (a part 0) is not.
#[test]
fn a_wrong_type_in_the_front_matter_hides_no_other_mistake() {
    let source = r#"+++
title = ""
order = 1.5
precision = 13
series = "Basics"
part = "three"
summary = "About {{ w1 }}"
+++

Text.
"#;
    assert_problems(
        source,
        &[
            ("title =", "the title is empty"),
            (
                "order =",
                "invalid front matter: invalid type: floating point `1.5`, expected a whole number",
            ),
            ("precision =", "precision 13 is out of range"),
            (
                "part =",
                "invalid front matter: invalid type: string \"three\", expected a whole number",
            ),
            (
                "summary =",
                "a placeholder in the title or summary is not filled",
            ),
        ],
    );
}
