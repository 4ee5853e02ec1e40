//! Invalid input: every kind of mistake in a lesson or a template must fail the build with a
//! diagnostic that points at the exact file, line and column, says what is wrong (and what was
//! expected, with a hint where one helps), and must leave the previous site untouched.
//!
//! Each fixture under `tests/fixtures/invalid/` is `tests/fixtures/valid.md` with exactly one
//! mistake, and one `‸` (U+2038) exactly where the diagnostic's caret must point; the test
//! removes the marker before writing the lesson. (`not_utf8.md` cannot hold a marker: its caret
//! must point at its first byte that is not UTF-8.) The rendered diagnostic of each fixture is
//! an insta snapshot (`tests/testsuite/snapshots/testsuite__invalid__<fixture>.snap`).
//!
//! This file holds the checks, the valid fixture's own build and the binary's exit code; the
//! cases are in one file for each part of a project they break: the lesson file, the network
//! block, the other blocks, the trainings, the prose, the templates.

use std::fs;

use nnbook::{Diagnostic, Error};

use crate::support::project::{PREVIOUS_MARKER, PREVIOUS_TEXT};
use crate::support::tree::snapshot;
use crate::support::{assert_no_temp_path, fixture, fixture_text, marked, run, Position, Project};

mod blocks;
mod files;
mod network;
mod prose;
mod templates;
mod training;

/// `tests/fixtures/<rel>` without its `‸`, and where the marker was.
fn marked_fixture(rel: &str) -> (String, Position) {
    marked(&fixture_text(rel))
}

/// Build `project` (which must have a previous site) through the library; the build must fail
/// and leave everything (the previous site above all) exactly as it was.
pub(crate) fn failing_build(project: &Project) -> Error {
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

/// The problems of a project holding `lesson` alone, each as its line and message, in the order
/// reported (by line): for a lesson with several mistakes. Its build must fail as
/// [`failing_build`] says.
fn problems_of(lesson: &str) -> Vec<(usize, String)> {
    let error = failing_build(&Project::new().lesson("a.md", lesson).previous_site());
    error
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.location.as_ref().expect("a location").line,
                d.message.clone(),
            )
        })
        .collect()
}

/// Check the problems of a project holding `lesson` alone ([`problems_of`]): each `(start,
/// message)` of `expected`, in order, a problem with that message on the line that starts with
/// `start` ([`line_of`]).
fn assert_problems(lesson: &str, expected: &[(&str, &str)]) {
    let expected: Vec<(usize, String)> = expected
        .iter()
        .map(|&(start, message)| (line_of(lesson, start), message.to_string()))
        .collect();
    assert_eq!(problems_of(lesson), expected);
}

/// The line of `source` that starts with `text`, from 1.
fn line_of(source: &str, text: &str) -> usize {
    source
        .lines()
        .position(|l| l.starts_with(text))
        .expect(text)
        + 1
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
/// Every error has a hint: a way out, beyond what was expected.
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
    assert!(d.hint.is_some(), "the diagnostic has no hint:\n{error}");
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
    // With the testsuite's other snapshots (insta would look beside this file).
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!(name.to_string(), rendered);
    });
}

/// Check `tests/fixtures/invalid/<name>.md` (see [`check_source`]).
fn check(name: &str, e: Expect) {
    let (source, at) = marked_fixture(&format!("invalid/{name}.md"));
    check_source(name, source.as_bytes(), at, e);
}

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
