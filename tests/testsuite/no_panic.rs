//! No input panics or hangs the library: truncated and mangled lessons, and extreme numbers,
//! build or fail with a diagnostic.

use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use crate::support::{fixture_text, Project, REPO};

/// How long one build of a mangled lesson may take before it counts as hanging.
const HANG: Duration = Duration::from_secs(60);

/// What building a lesson must give.
#[derive(Debug, Clone, Copy)]
enum Outcome {
    /// A build or an error, whichever: the mangled lessons, cut at arbitrary places, are there
    /// to find panics and hangs, not to pin what each cut gives.
    NoPanic,
    /// A successful build.
    Builds,
    /// An error whose rendered text contains this.
    Fails(&'static str),
}

/// Build each lesson text as `content/relu.md` (each on its own thread, so that a hang is
/// reported rather than hanging the tests); return those that panicked, hung or did not give
/// their outcome.
fn problems(variants: &[(String, Vec<u8>, Outcome)]) -> Vec<String> {
    let mut problems = Vec::new();
    for (what, text, outcome) in variants {
        let p = Project::new().lesson("relu.md", text);
        let (send, receive) = mpsc::channel();
        thread::spawn(move || {
            // No message sent: a panic.
            if let Ok(result) = catch_unwind(AssertUnwindSafe(|| p.build())) {
                let _ = send.send(result.map(|_| ()).map_err(|e| e.to_string()));
            }
        });
        match (receive.recv_timeout(HANG), outcome) {
            (Ok(_), Outcome::NoPanic) | (Ok(Ok(())), Outcome::Builds) => {}
            (Ok(Err(e)), Outcome::Fails(message)) if e.contains(message) => {}
            (Ok(result), outcome) => {
                problems.push(format!("{what}: {result:?}, expected {outcome:?}"));
            }
            (Err(RecvTimeoutError::Disconnected), _) => problems.push(format!("{what}: panicked")),
            (Err(RecvTimeoutError::Timeout), _) => {
                problems.push(format!("{what}: still running after {HANG:?}"));
                // The thread keeps the project (and deletes it if it ever finishes).
            }
        }
    }
    problems
}

/// Attach the outcome `outcome` to a variant.
fn expect((what, text): (String, Vec<u8>), outcome: Outcome) -> (String, Vec<u8>, Outcome) {
    (what, text, outcome)
}

fn relu_lesson() -> String {
    fs::read_to_string(format!("{REPO}/content/relu.md")).expect("content/relu.md")
}

/// The lesson cut short at many places (one inside a character), and with 97-byte windows
/// removed.
fn cut_variants(text: &str) -> Vec<(String, Vec<u8>)> {
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
    variants
}

/// The lesson with small edits that break it (skipped where it no longer has the text they
/// change), an empty file, front matter alone, and CRLF line ends.
fn edited_variants(text: &str) -> Vec<(String, Vec<u8>)> {
    let mut variants: Vec<(String, Vec<u8>)> = Vec::new();
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
    variants.extend(misspelt_variants(text));
    variants
}

/// The lesson with fields nnbook does not know, which are each reported and read past
/// (`lesson/toml.rs`, `recover`): of every shape TOML has.
fn misspelt_variants(text: &str) -> Vec<(String, Vec<u8>)> {
    let title = "title = \"";
    [
        ("a misspelt field", title, "titel = \""),
        ("a misspelt dotted key", title, "titel.x.y = 1\ntitle = \""),
        ("a misspelt quoted key", title, "\"titel\"   = \""),
        ("a misspelt [section]", "+++\n", "+++\n[sumary]\nx = 1\n"),
        (
            "a misspelt inline table",
            title,
            "sumary = { a = [1,\n2] }\ntitle = \"",
        ),
        (
            "a misspelt multi-line text",
            title,
            "titel = \"\"\"a\nb\"\"\"\ntitle = \"",
        ),
        ("a misspelt block field", "signals = [", "signal = ["),
    ]
    .into_iter()
    .map(|(what, from, to)| (what.to_string(), text.replacen(from, to, 1).into_bytes()))
    .chain([(
        "CRLF line ends and a misspelt field".to_string(),
        text.replacen(title, "titel = \"", 1)
            .replace('\n', "\r\n")
            .into_bytes(),
    )])
    .collect()
}

#[test]
fn no_truncated_or_mangled_lesson_panics() {
    let text = relu_lesson();
    let mut variants = cut_variants(&text);
    variants.extend(edited_variants(&text));
    assert!(variants.len() >= 30);
    let variants: Vec<_> = variants
        .into_iter()
        .map(|v| expect(v, Outcome::NoPanic))
        .collect();
    let problems = problems(&variants);
    assert!(
        problems.is_empty(),
        "these inputs panicked or hung: {problems:#?}"
    );
}

/// The valid fixture with one replacement.
fn valid_with(what: &str, from: &str, to: &str) -> (String, Vec<u8>) {
    let text = fixture_text("valid.md");
    assert!(text.contains(from), "valid.md has no {from:?}");
    (
        format!("{what} ({to})"),
        text.replacen(from, to, 1).into_bytes(),
    )
}

const RANGE: &str = "from = 0.0, to = 1.0";

const TOO_LARGE: &str = "too large to draw";
const TOO_NARROW: &str = "the input range is too narrow to draw";

#[test]
fn no_extreme_number_panics() {
    use Outcome::{Builds, Fails};
    let variants = vec![
        expect(
            valid_with("a weight that overflows f64", "w1 = 1.70", "w1 = 1e400"),
            Fails("a number is too large"),
        ),
        expect(
            valid_with("a huge weight", "w1 = 1.70", "w1 = 1e300"),
            Fails(TOO_LARGE),
        ),
        expect(valid_with("a huge bias", "b3 = -16", "b3 = -1e308"), Builds),
        expect(
            valid_with("a subnormal weight", "w1 = 1.70", "w1 = 1e-320"),
            Builds,
        ),
        expect(
            valid_with(
                "a range far from zero",
                RANGE,
                "from = 1e15, to = 1.000001e15",
            ),
            Fails("the input range is too large to draw"),
        ),
        expect(
            valid_with("the most samples", "samples = 11", "samples = 100000"),
            Builds,
        ),
        expect(
            valid_with(
                "the highest table precision",
                "precision = 2",
                "precision = 12",
            ),
            Builds,
        ),
        expect(
            valid_with(
                "huge table inputs",
                "at = [0.0, 0.5, 1.0]",
                "at = [1e308, -1e308]",
            ),
            Fails("the input 1e308 is outside the input range"),
        ),
        expect(
            valid_with(
                "a huge data point",
                "series = [",
                "points = [[0.5, 1e308]]\nseries = [",
            ),
            Fails(TOO_LARGE),
        ),
        expect(
            valid_with("a huge placeholder input", "@ 1.0 }}", "@ 1e308 }}"),
            Fails("the input 1e308 is outside the input range"),
        ),
    ];
    let problems = problems(&variants);
    assert!(
        problems.is_empty(),
        "these inputs went wrong: {problems:#?}"
    );
}

#[test]
fn input_range_wider_than_f64_does_not_hang() {
    let variants = vec![expect(
        valid_with("a huge input range", RANGE, "from = -1e308, to = 1e308"),
        Outcome::Fails("the input range is too large to draw"),
    )];
    let problems = problems(&variants);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn tiny_input_range_does_not_panic() {
    let variants = vec![expect(
        valid_with("a tiny input range", RANGE, "from = 0.0, to = 1e-300"),
        Outcome::Fails(TOO_NARROW),
    )];
    let problems = problems(&variants);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn data_point_far_outside_the_input_range_does_not_panic() {
    let variants = vec![
        expect(
            valid_with(
                "a data point far right of the range",
                "series = [",
                "points = [[1e8, 1.0]]\nseries = [",
            ),
            Outcome::Fails("the data point's input 100000000 is outside the input range"),
        ),
        expect(
            relu_with("a tiny input range", RANGE, "from = 0.0, to = 1e-20"),
            Outcome::Fails(TOO_NARROW),
        ),
    ];
    let problems = problems(&variants);
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
