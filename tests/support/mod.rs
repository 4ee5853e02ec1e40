//! The one test harness of `tests/testsuite`: projects made from files ([`project`]), the
//! `nnbook` binary run with a deadline ([`run`]), trees walked and compared ([`tree`]), error
//! positions marked in lesson text ([`position`]), the figures inlined in a page
//! ([`figures`]), and the XML and HTML checks ([`markup`]).
//!
//! `serve.rs` is also included on its own by `benches/reload.rs`
//! (`#[path = "../tests/support/serve.rs"] mod serve;`), so it depends on no other file here.

pub mod figures;
pub mod markup;
pub mod position;
pub mod project;
pub mod run;
pub mod tree;

// Shared with `benches/reload.rs`, which uses parts of it the tests do not (and the other way
// round), so some of its items are unused in each.
#[allow(dead_code)]
pub mod serve;

pub use nnbook::text::{escape, format_number};

pub use figures::{page_figures, site_figures};
pub use position::{marked, Position};
pub use project::{build_at, build_command, shipped, Project};
pub use run::{nnbook, run, Run};

/// Each of `diagnostics` as a test reads it back: its message, its place (`line:column`) and its
/// hint ("" for none).
pub fn told(diagnostics: &[nnbook::Diagnostic]) -> Vec<(String, String, String)> {
    (diagnostics.iter())
        .map(|d| {
            let place = (d.location.as_ref())
                .map_or(String::new(), |at| format!("{}:{}", at.line, at.column));
            (d.message.clone(), place, d.hint.clone().unwrap_or_default())
        })
        .collect()
}

/// Each of `diagnostics` with its place, as a test reads it back: its file, line, column and
/// message (a diagnostic of no place has the file "" and line and column 0).
pub fn placed(diagnostics: &[nnbook::Diagnostic]) -> Vec<(String, usize, usize, String)> {
    (diagnostics.iter())
        .map(|d| match &d.location {
            Some(at) => (at.file.clone(), at.line, at.column, d.message.clone()),
            None => (String::new(), 0, 0, d.message.clone()),
        })
        .collect()
}

/// The repository's root (its `content/` is the shipped project).
pub const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// `tests/fixtures/<rel>`.
pub fn fixture(rel: &str) -> Vec<u8> {
    let path = std::path::Path::new(REPO).join("tests/fixtures").join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", path.display()))
}

/// `tests/fixtures/<rel>`, which must be UTF-8.
pub fn fixture_text(rel: &str) -> String {
    String::from_utf8(fixture(rel)).unwrap_or_else(|_| panic!("fixture {rel} is not UTF-8"))
}

/// `s` cut to at most `max` bytes (at a character boundary), saying how long it was.
pub fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}... ({} bytes in all)", &s[..end], s.len())
}

/// A small valid lesson (`tests/fixtures/robust/small.md`): a network, a figure and a table.
pub const SMALL: &str = include_str!("../fixtures/robust/small.md");

/// The small lesson with `extra` lines added at the top of its front matter (line 2 on).
pub fn small(extra: &str) -> String {
    SMALL.replacen("+++\n", &format!("+++\n{extra}"), 1)
}

/// Fail if a rendered diagnostic mentions the project's temporary folder (snapshots must be
/// stable, and users see paths relative to the project).
pub fn assert_no_temp_path(root: &std::path::Path, text: &str) {
    let root = root.display().to_string();
    assert!(
        !text.contains(&root),
        "a diagnostic shows the temporary path {root}:\n{text}"
    );
    let tmp = std::env::temp_dir().display().to_string();
    assert!(
        !text.contains(&tmp),
        "a diagnostic shows the temporary folder {tmp}:\n{text}"
    );
}

/// Assert that a rendered report (`check`'s errors) holds each `(what, at)`: a diagnostic
/// whose first line has `what` and whose place is `at` (`items.md:18:30`), each one, and
/// `count` errors in all.
pub fn assert_errors_at(report: &str, expected: &[(&str, &str)], count: usize) {
    let lines: Vec<&str> = report.lines().collect();
    for (what, at) in expected {
        let found = lines.windows(2).any(|pair| {
            let (head, place) = (pair[0], pair[1].trim_start());
            (head.starts_with("error") || head.starts_with("warning"))
                && head.contains(what)
                && place.starts_with("--> ")
                && place.ends_with(at)
        });
        assert!(found, "no `{what}` at {at}:\n{report}");
    }
    let errors = if count == 1 { "error" } else { "errors" };
    assert!(
        report.ends_with(&format!("\n{count} {errors}\n")),
        "{count} {errors} expected:\n{report}"
    );
}
