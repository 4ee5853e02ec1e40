//! Invalid input: every kind of mistake in a lesson or a template must fail the build with a
//! diagnostic that points at the exact file, line and column, says what is wrong (and what was
//! expected, with a hint where one helps), and must leave the previous site untouched.
//!
//! Each fixture under `tests/fixtures/invalid/` is `tests/fixtures/valid.md` with exactly one
//! mistake. Line and column numbers below were counted by hand from the fixtures (1-based,
//! columns in characters).

use std::collections::BTreeMap;
use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use nnbook::{BuildOptions, Diagnostic, Error};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
const MARKER: &str = "previous-build.txt";
const MARKER_TEXT: &str = "left by a previous, successful build\n";

/// Build the project at `root` into `root/site`.
fn options(root: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        out: root.join("site"),
        base_url: None,
    }
}

fn fixture(rel: &str) -> Vec<u8> {
    let path = Path::new(FIXTURES).join(rel);
    fs::read(&path).unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", path.display()))
}

/// Every file and folder under `dir`: relative path -> contents (`None` for a folder).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Option<Vec<u8>>>) {
        for entry in fs::read_dir(dir).expect("read_dir") {
            let path = entry.expect("dir entry").path();
            let rel = path.strip_prefix(base).expect("under base").to_path_buf();
            if path.is_dir() {
                out.insert(rel, None);
                walk(base, &path, out);
            } else {
                out.insert(rel, Some(fs::read(&path).expect("read file")));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// A temporary project holding `files` (relative path -> bytes) and a `site/` left by a
/// "previous build".
fn project(files: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    for (rel, bytes) in files {
        let path = tmp.path().join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(&path, bytes).expect("write");
    }
    let site = tmp.path().join("site");
    fs::create_dir_all(site.join("old-lesson")).expect("mkdir site");
    fs::write(site.join(MARKER), MARKER_TEXT).expect("write marker");
    fs::write(site.join("old-lesson/index.html"), "<p>old</p>\n").expect("write old page");
    tmp
}

/// Build a project made of `files`; the build must fail and leave everything (the previous
/// site above all) exactly as it was.
fn failing_build(files: &[(&str, Vec<u8>)]) -> Error {
    let tmp = project(files);
    let before = snapshot(tmp.path());
    let result = nnbook::build(&options(tmp.path()));
    let error = match result {
        Ok(summary) => panic!("the build succeeded but should have failed: {summary}"),
        Err(e) => e,
    };
    assert_eq!(
        fs::read_to_string(tmp.path().join("site").join(MARKER)).expect("marker still there"),
        MARKER_TEXT
    );
    let after = snapshot(tmp.path());
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "a failed build added or removed files"
    );
    assert!(before == after, "a failed build changed a file");
    error
}

/// What a case's one diagnostic must say.
struct Expect {
    line: usize,
    column: usize,
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

/// Check one diagnostic against the source it points into.
fn check_diagnostic(error: &Error, d: &Diagnostic, file: &str, source: &[u8], e: &Expect) {
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
        (loc.line, loc.column),
        (e.line, e.column),
        "wrong line:column for {file}:\n{error}"
    );
    assert!(loc.width >= 1, "nothing underlined:\n{error}");
    let text = String::from_utf8_lossy(source);
    let line_text = text.lines().nth(e.line - 1).unwrap_or("");
    // The snippet is the offending line (for a file that is not UTF-8, the part before the bad
    // byte).
    assert!(
        line_text.starts_with(&loc.source_line),
        "the snippet {:?} is not line {} {line_text:?}:\n{error}",
        loc.source_line,
        e.line
    );
    assert_contains("message", Some(&d.message), e.message, error);
    assert_contains("expected text", d.expected.as_deref(), e.expected, error);
    assert_contains("hint", d.hint.as_deref(), e.hint, error);
    let rendered = error.to_string();
    let position = format!("{}:{}:{}", loc.file, e.line, e.column);
    assert!(
        rendered.contains(&position),
        "the rendered error lacks {position:?}:\n{rendered}"
    );
}

/// Build `tests/fixtures/invalid/<name>.md` as the only lesson of a project and check its one
/// diagnostic.
fn check(name: &str, e: Expect) {
    let file = format!("{name}.md");
    let source = fixture(&format!("invalid/{file}"));
    let error = failing_build(&[(&format!("content/{file}"), source.clone())]);
    assert_eq!(
        error.diagnostics.len(),
        1,
        "one mistake should give one diagnostic:\n{error}"
    );
    check_diagnostic(&error, &error.diagnostics[0], &file, &source, &e);
}

#[test]
fn the_valid_fixture_builds() {
    // Every invalid fixture is this lesson with one mistake: it must build on its own.
    let tmp = project(&[("content/valid.md", fixture("valid.md"))]);
    let summary = nnbook::build(&options(tmp.path()))
        .unwrap_or_else(|e| panic!("the valid fixture does not build:\n{e}"));
    assert_eq!((summary.lessons, summary.figures), (1, 1));
    let site = tmp.path().join("site");
    assert!(site.join("valid/index.html").is_file());
    assert!(site.join("valid/step-1.svg").is_file());
    assert!(
        !site.join(MARKER).exists(),
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
            line: 1,
            column: 1,
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
            line: 1,
            column: 1,
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
            line: 4,
            column: 9,
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
            line: 5,
            column: 1,
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
            line: 5,
            column: 13,
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
            line: 13,
            column: 14,
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
            line: 13,
            column: 14,
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
            line: 21,
            column: 11,
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
            line: 15,
            column: 36,
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
            line: 15,
            column: 58,
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
            line: 10,
            column: 53,
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
            line: 10,
            column: 53,
            message: &["input range", "reversed"],
            expected: &["`from` smaller than `to`"],
            hint: &[],
        },
    );
}

#[test]
fn reversed_input_range_hint_shows_the_swap() {
    let source = fixture("invalid/range_reversed.md");
    let error = failing_build(&[("content/range_reversed.md", source)]);
    let hint = error.diagnostics[0].hint.as_deref().unwrap_or("");
    assert!(hint.contains("from = 0.0, to = 1.0"), "{error}");
}

#[test]
fn empty_input_range_hint_does_not_say_swap() {
    let source = fixture("invalid/range_empty.md");
    let error = failing_build(&[("content/range_empty.md", source)]);
    let hint = error.diagnostics[0].hint.as_deref().unwrap_or("");
    assert!(!hint.contains("swap"), "{error}");
}

#[test]
fn one_sample() {
    check(
        "samples_one",
        Expect {
            line: 10,
            column: 78,
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
            line: 10,
            column: 78,
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
            line: 25,
            column: 1,
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
            line: 9,
            column: 1,
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
            line: 30,
            column: 14,
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
            line: 30,
            column: 56,
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
            line: 35,
            column: 6,
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
            line: 36,
            column: 6,
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
            line: 37,
            column: 13,
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
            line: 37,
            column: 11,
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
            line: 7,
            column: 23,
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
            line: 7,
            column: 37,
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
            line: 7,
            column: 42,
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
            line: 10,
            column: 20,
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
            line: 28,
            column: 33,
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
            line: 7,
            column: 41,
            message: &["not closed"],
            expected: &["}}"],
            hint: &[],
        },
    );
}

// ---------------------------------------------------------------------------------------------
// Files

#[test]
fn lesson_that_is_not_utf8() {
    // Line 7 has the byte 0xFF after "b1 = " (40 characters).
    check(
        "not_utf8",
        Expect {
            line: 7,
            column: 41,
            message: &["not valid UTF-8"],
            expected: &["UTF-8"],
            hint: &[],
        },
    );
}

#[test]
fn two_lessons_with_the_same_slug() {
    let error = failing_build(&[
        ("content/first.md", fixture("duplicate_slug/first.md")),
        ("content/second.md", fixture("duplicate_slug/second.md")),
    ]);
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
}

#[test]
fn duplicate_slug_points_at_the_slug_line() {
    let error = failing_build(&[
        ("content/first.md", fixture("duplicate_slug/first.md")),
        ("content/second.md", fixture("duplicate_slug/second.md")),
    ]);
    let loc = error.diagnostics[0].location.as_ref().expect("a location");
    assert!(loc.file.ends_with("second.md"), "{error}");
    // `slug = "shared"` is line 5; the value starts at column 8.
    assert_eq!((loc.line, loc.column), (5, 8), "{error}");
}

// ---------------------------------------------------------------------------------------------
// Templates

/// Build the valid lesson with `templates/lesson.html` replaced by a fixture; return the one
/// diagnostic's error.
fn template_error(template: &str) -> Error {
    let error = failing_build(&[
        ("content/valid.md", fixture("valid.md")),
        (
            "templates/lesson.html",
            fixture(&format!("templates/{template}")),
        ),
    ]);
    assert_eq!(error.diagnostics.len(), 1, "{error}");
    error
}

fn template_location(error: &Error) -> (&str, usize, usize) {
    let loc = error.diagnostics[0]
        .location
        .as_ref()
        .unwrap_or_else(|| panic!("the template error has no location:\n{error}"));
    (loc.file.as_str(), loc.line, loc.column)
}

#[test]
fn broken_template_tag() {
    let error = template_error("broken_if.html");
    let (file, line, column) = template_location(&error);
    assert!(file.ends_with("templates/lesson.html"), "{error}");
    // `{% if %}` is line 4, columns 1 to 8.
    assert_eq!(line, 4, "{error}");
    assert!((1..=8).contains(&column), "{error}");
    assert!(
        error.to_string().contains("templates/lesson.html:4:"),
        "{error}"
    );
}

#[test]
fn unknown_template_variable() {
    let error = template_error("unknown_variable.html");
    let (file, line, column) = template_location(&error);
    assert!(file.ends_with("templates/lesson.html"), "{error}");
    // `<p>{{ lesson.titel }}</p>`: the tag starts at column 4, the name at column 7.
    assert_eq!(line, 5, "{error}");
    assert!([4, 7].contains(&column), "{error}");
    assert!(
        error.diagnostics[0].message.contains("lesson.titel"),
        "{error}"
    );
}

#[test]
fn unknown_template_variable_whose_name_appears_earlier() {
    let error = template_error("unknown_variable_reused_word.html");
    let (file, line, _) = template_location(&error);
    assert!(file.ends_with("templates/lesson.html"), "{error}");
    // `<h1 class="title">{{ lesson.title }}</h1>` is line 3; `<p>{{ title }}</p>` is line 4.
    assert_eq!(line, 4, "{error}");
}

// ---------------------------------------------------------------------------------------------
// The command line

#[test]
fn the_binary_reports_the_location_and_exits_with_1() {
    let source = fixture("invalid/unknown_activation.md");
    let tmp = project(&[("content/unknown_activation.md", source)]);
    let before = snapshot(tmp.path());
    let output = Command::new(env!("CARGO_BIN_EXE_nnbook"))
        .arg("build")
        .arg("--root")
        .arg(tmp.path())
        .arg("--out")
        .arg(tmp.path().join("site"))
        .output()
        .expect("run nnbook");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "stderr:\n{stderr}");
    assert!(
        stderr.contains("content/unknown_activation.md:13:14"),
        "stderr:\n{stderr}"
    );
    assert!(stderr.contains("did you mean `relu`?"), "stderr:\n{stderr}");
    assert!(output.stdout.is_empty(), "nothing on stdout on failure");
    assert!(
        before == snapshot(tmp.path()),
        "the failed build changed files"
    );
}

// ---------------------------------------------------------------------------------------------
// No input panics

/// How long one build of a mangled lesson may take before it counts as hanging.
const HANG: Duration = Duration::from_secs(60);

/// Build each lesson text as `content/relu.md` (each on its own thread, so that a hang is
/// reported rather than hanging the tests); return those that panicked or hung.
fn panicking(variants: &[(String, Vec<u8>)]) -> Vec<String> {
    let mut problems = Vec::new();
    for (what, text) in variants {
        let tmp = tempfile::tempdir().expect("tempdir");
        fs::create_dir_all(tmp.path().join("content")).expect("mkdir");
        fs::write(tmp.path().join("content/relu.md"), text).expect("write");
        let options = options(tmp.path());
        let (send, receive) = mpsc::channel();
        thread::spawn(move || {
            // Ok or Err are both fine; only a panic (no message sent) is not.
            let returned = catch_unwind(AssertUnwindSafe(|| nnbook::build(&options))).is_ok();
            let _ = send.send(returned);
        });
        match receive.recv_timeout(HANG) {
            Ok(true) => {}
            Ok(false) | Err(RecvTimeoutError::Disconnected) => {
                problems.push(format!("{what}: panicked"));
            }
            Err(RecvTimeoutError::Timeout) => {
                problems.push(format!("{what}: still running after {HANG:?}"));
                // The thread keeps its folder; leak it rather than delete it under the thread.
                let _ = tmp.keep();
            }
        }
    }
    problems
}

fn relu_lesson() -> String {
    fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/content/relu.md"))
        .expect("content/relu.md")
}

#[test]
fn no_truncated_or_mangled_lesson_panics() {
    let text = relu_lesson();
    let mut variants: Vec<(String, Vec<u8>)> = Vec::new();
    // Cut at every 97 * 3rd byte (moved back to a character boundary).
    let mut cut = 0;
    while cut < text.len() {
        let mut at = cut;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        variants.push((format!("cut at byte {at}"), text.as_bytes()[..at].to_vec()));
        cut += 97 * 3;
    }
    // Cut in the middle of a multi-byte character (not valid UTF-8).
    let mid = text.find('–').expect("an en dash in relu.md") + 1;
    variants.push((
        format!("cut at byte {mid}, inside a character"),
        text.as_bytes()[..mid].to_vec(),
    ));
    // A 97-byte window removed at a few places.
    for start in [0, 500, 1900, 2600, 5000, 9000] {
        let start = (start..)
            .find(|&i| text.is_char_boundary(i))
            .expect("boundary");
        let end = (start + 97..)
            .find(|&i| text.is_char_boundary(i))
            .expect("boundary");
        let mangled = format!("{}{}", &text[..start], &text[end.min(text.len())..]);
        variants.push((
            format!("bytes {start}..{end} removed"),
            mangled.into_bytes(),
        ));
    }
    // Small edits (skipped if the lesson no longer has the text they change).
    let replace = |what: &str, from: &str, to: &str| -> Option<(String, Vec<u8>)> {
        text.contains(from)
            .then(|| (what.to_string(), text.replacen(from, to, 1).into_bytes()))
    };
    variants.extend(
        [
            replace("the first fence removed", "```", ""),
            replace("unclosed placeholder", "{{ w1 }}", "{{ w1"),
            replace("empty placeholder", "{{ w1 }}", "{{ }}"),
            replace(
                "placeholder with a bare @",
                "{{ output.activation @ 0.5 }}",
                "{{ @ }}",
            ),
            replace(
                "placeholder at a huge input",
                "{{ output.activation @ 0.5 }}",
                "{{ output.activation @ 1e308 }}",
            ),
            replace(
                "unclosed network fence",
                "bias = { b3 = -16 }\n```",
                "bias = { b3 = -16 }\n",
            ),
            replace("no output table", "[output]", "[outputs]"),
            replace("no layers", "[[layer]]", "[[layers]]"),
            replace("a layer without nodes", "nodes = [", "nodes = [] # ["),
            replace(
                "empty front matter",
                "title = \"Understanding ReLU, step by step\"",
                "",
            ),
            replace(
                "empty series",
                "series = [\n  { signal = \"top.activation\"",
                "series = []\nxseries = [\n  { signal = \"top.activation\"",
            ),
            replace(
                "empty table",
                "signals = [\"top.linear\", \"top.activation\"]",
                "signals = []",
            ),
            replace("empty at", "at = [0.0, 0.2, 0.6, 1.0]", "at = []"),
        ]
        .into_iter()
        .flatten(),
    );
    variants.push(("empty file".to_string(), Vec::new()));
    variants.push(("only +++".to_string(), b"+++".to_vec()));
    variants.push(("only +++\\n+++".to_string(), b"+++\n+++".to_vec()));
    variants.push((
        "CRLF line ends".to_string(),
        text.replace('\n', "\r\n").into_bytes(),
    ));
    assert!(variants.len() >= 30);
    let problems = panicking(&variants);
    assert!(
        problems.is_empty(),
        "these inputs panicked or hung: {problems:#?}"
    );
}

/// The valid fixture with one replacement.
fn valid_with(what: &str, from: &str, to: &str) -> (String, Vec<u8>) {
    let text = String::from_utf8(fixture("valid.md")).expect("UTF-8");
    assert!(text.contains(from), "valid.md has no {from:?}");
    (
        format!("{what} ({to})"),
        text.replacen(from, to, 1).into_bytes(),
    )
}

const RANGE: &str = "from = 0.0, to = 1.0";

#[test]
fn no_extreme_number_panics() {
    let variants = vec![
        valid_with("a weight that overflows f64", "w1 = 1.70", "w1 = 1e400"),
        valid_with("a huge weight", "w1 = 1.70", "w1 = 1e300"),
        valid_with("a huge bias", "b3 = -16", "b3 = -1e308"),
        valid_with("a subnormal weight", "w1 = 1.70", "w1 = 1e-320"),
        valid_with(
            "a range far from zero",
            RANGE,
            "from = 1e15, to = 1.000001e15",
        ),
        valid_with("the most samples", "samples = 11", "samples = 100000"),
        valid_with(
            "the highest table precision",
            "precision = 2",
            "precision = 12",
        ),
        valid_with(
            "huge table inputs",
            "at = [0.0, 0.5, 1.0]",
            "at = [1e308, -1e308]",
        ),
        valid_with(
            "a huge data point",
            "series = [",
            "points = [[0.5, 1e308]]\nseries = [",
        ),
        valid_with("a huge placeholder input", "@ 1.0 }}", "@ 1e308 }}"),
    ];
    let problems = panicking(&variants);
    assert!(
        problems.is_empty(),
        "these inputs panicked or hung: {problems:#?}"
    );
}

#[test]
fn input_range_wider_than_f64_does_not_hang() {
    let variants = vec![valid_with(
        "a huge input range",
        RANGE,
        "from = -1e308, to = 1e308",
    )];
    let problems = panicking(&variants);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn tiny_input_range_does_not_panic() {
    let variants = vec![valid_with(
        "a tiny input range",
        RANGE,
        "from = 0.0, to = 1e-300",
    )];
    let problems = panicking(&variants);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn data_point_far_outside_the_input_range_does_not_panic() {
    let variants = vec![
        valid_with(
            "a data point far right of the range",
            "series = [",
            "points = [[1e8, 1.0]]\nseries = [",
        ),
        relu_with("a tiny input range", RANGE, "from = 0.0, to = 1e-20"),
    ];
    let problems = panicking(&variants);
    assert!(problems.is_empty(), "{problems:#?}");
}

/// `relu.md` with one replacement.
fn relu_with(what: &str, from: &str, to: &str) -> (String, Vec<u8>) {
    let text = relu_lesson();
    assert!(text.contains(from), "relu.md has no {from:?}");
    (
        format!("{what} ({to})"),
        text.replacen(from, to, 1).into_bytes(),
    )
}

#[test]
fn unknown_diagram_highlight() {
    check(
        "unknown_highlight",
        Expect {
            line: 35,
            // `highlight = ["top", ` is 20 characters.
            column: 21,
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
            line: 7,
            column: 19,
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
            line: 35,
            column: 1,
            message: &["invalid parameters block", "unknown field `precision`"],
            expected: &[],
            hint: &["leave its body empty"],
        },
    );
}
