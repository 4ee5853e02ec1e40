//! Deep nesting (Markdown, TOML, math) does not crash the binary: it builds, or fails with a
//! located error.

use std::os::unix::process::ExitStatusExt;
use std::time::{Duration, Instant};

use crate::limits::{limit_lesson, NETWORK};
use crate::support::{marked, truncate, Project, Run};

const DEPTH: usize = 100_000;

/// Build one lesson made of `lesson` through the binary: exit 0 or 1, never a crash signal (a
/// stack overflow aborts with SIGABRT or SIGSEGV), within the deadline.
fn survives(name: &str, lesson: &str) -> (Project, Run) {
    let p = Project::new().lesson(&format!("{name}.md"), lesson);
    let r = p.run_build_within(Duration::from_secs(30));
    assert!(
        r.status.signal().is_none(),
        "{name}: nnbook was killed by signal {:?}: {}",
        r.status.signal(),
        truncate(&r.stderr, 500)
    );
    r.no_crash();
    (p, r)
}

/// The lesson builds, and its page is whole.
fn builds(name: &str, lesson: &str) {
    let (p, r) = survives(name, lesson);
    r.succeeded();
    let page = p.site().join(name).join("index.html");
    let page = std::fs::read_to_string(&page)
        .unwrap_or_else(|e| panic!("{name}: no page {}: {e}", page.display()));
    assert!(
        page.trim_end().ends_with("</html>"),
        "{name}: a truncated page"
    );
}

/// The lesson (with a `‸` where the error points, or at the start of the line it names) fails
/// with `message` there.
fn fails(name: &str, marked_lesson: &str, message: &str, column: bool) {
    let (lesson, at) = marked(marked_lesson);
    let (_p, r) = survives(name, &lesson);
    let position = if column {
        format!("content/{name}.md:{at}")
    } else {
        format!("content/{name}.md:{}:", at.line)
    };
    r.failed().says(&[message, &position]);
}

fn body_lesson(body: &str) -> String {
    format!("+++\ntitle = \"Deep\"\n+++\n\n{body}\n")
}

#[test]
fn deep_nesting_in_the_markdown_body_builds() {
    let quote = format!("{} deep", ">".repeat(DEPTH));
    let list = format!("{}deep", "- ".repeat(DEPTH));
    let start = Instant::now();
    builds("blockquote", &body_lesson(&quote));
    builds("list", &body_lesson(&list));
    builds("emphasis", &body_lesson(&"*a ".repeat(DEPTH)));
    builds(
        "brackets",
        &body_lesson(&format!("{}x{}", "[".repeat(DEPTH), "]".repeat(DEPTH))),
    );
    builds("html", &body_lesson(&"<div>".repeat(DEPTH)));
    eprintln!("deep Markdown: {:?}", start.elapsed());
}

/// TOML nested past the parser's recursion limit: an error on the line of the value (the
/// column is where the parser gave up, somewhere inside it).
#[test]
fn deep_nesting_in_toml_is_an_error_not_a_crash() {
    let arrays = format!("{}{}", "[".repeat(DEPTH), "]".repeat(DEPTH));
    let tables = format!("{}1{}", "{ a = ".repeat(DEPTH), " }".repeat(DEPTH));
    fails(
        "front-arrays",
        &format!("+++\ntitle = \"Deep\"\n‸x = {arrays}\n+++\n"),
        "invalid front matter",
        false,
    );
    fails(
        "front-tables",
        &format!("+++\ntitle = \"Deep\"\n‸x = {tables}\n+++\n"),
        "invalid front matter",
        false,
    );
    fails(
        "block-arrays",
        &limit_lesson(
            "",
            NETWORK,
            &format!("```figure\n‸series = {arrays}\n```\n"),
        ),
        "invalid figure block",
        false,
    );
}

/// `$...$` math nested 100,000 deep: the LaTeX conversion (math-core) recurses once per level
/// and overflowed the stack of the thread rendering the page (`main` with one lesson, a rayon
/// worker with several; 4,000 levels passed, 5,000 aborted). Now it is an error at the formula.
#[test]
fn deep_nesting_in_math_is_an_error_not_a_crash() {
    let message = "this formula is too long or too deeply nested";
    fails(
        "math-braces",
        &body_lesson(&format!("$‸{}x{}$", "{ ".repeat(DEPTH), " }".repeat(DEPTH))),
        message,
        true,
    );
    fails(
        "math-sqrt",
        &body_lesson(&format!(
            "$‸{}x{}$",
            "\\sqrt{ ".repeat(DEPTH),
            " }".repeat(DEPTH)
        )),
        message,
        true,
    );
}
