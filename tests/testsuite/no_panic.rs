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

/// Build each lesson text as `content/relu.md` (each on its own thread, so that a hang is
/// reported rather than hanging the tests); return those that panicked or hung.
fn panicking(variants: &[(String, Vec<u8>)]) -> Vec<String> {
    let mut problems = Vec::new();
    for (what, text) in variants {
        let p = Project::new().lesson("relu.md", text);
        let (send, receive) = mpsc::channel();
        thread::spawn(move || {
            // Ok or Err are both fine; only a panic (no message sent) is not.
            let returned = catch_unwind(AssertUnwindSafe(|| p.build())).is_ok();
            let _ = send.send(returned);
        });
        match receive.recv_timeout(HANG) {
            Ok(true) => {}
            Ok(false) | Err(RecvTimeoutError::Disconnected) => {
                problems.push(format!("{what}: panicked"));
            }
            Err(RecvTimeoutError::Timeout) => {
                problems.push(format!("{what}: still running after {HANG:?}"));
                // The thread keeps the project (and deletes it if it ever finishes).
            }
        }
    }
    problems
}

fn relu_lesson() -> String {
    fs::read_to_string(format!("{REPO}/content/relu.md")).expect("content/relu.md")
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
    let text = fixture_text("valid.md");
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
