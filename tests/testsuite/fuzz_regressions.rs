//! Inputs the fuzzers (`fuzz/`) found: each must give its one known outcome, quickly.
//! `lesson-1.md` and `lesson-2.md` are "sawtooth" networks whose kinks double with every layer;
//! `render-1.md` and `render-2.md` ask for 20 and 70 figures of 16 smooth series at 100,000
//! samples each; `render-3.md` made the warning about a heading's attributes slice inside a
//! character (`{a, b}−`, a setext heading over two lines). See `fuzz/regressions/README.md`.

use std::fs;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use crate::support::{Project, REPO};

/// Each finding and what checking it must give: `None` to pass, `Some(message)` to fail with
/// that message.
const FINDINGS: [(&str, Option<&str>); 5] = [
    ("lesson-1.md", None),
    ("lesson-2.md", None),
    (
        "render-1.md",
        Some("the lesson's figures draw too many values"),
    ),
    (
        "render-2.md",
        Some("the lesson's figures draw too many values"),
    ),
    ("render-3.md", Some("invalid front matter")),
];

#[test]
fn fuzz_findings_give_their_outcome_quickly() {
    let dir = format!("{REPO}/fuzz/regressions");
    let mut found: Vec<String> = fs::read_dir(&dir)
        .expect("fuzz/regressions")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".md") && name != "README.md")
        .collect();
    found.sort();
    let known: Vec<&str> = FINDINGS.iter().map(|(name, _)| *name).collect();
    assert_eq!(found, known, "every finding has its outcome in FINDINGS");
    for (name, outcome) in FINDINGS {
        let p = Project::new().lesson("lesson.md", fs::read(format!("{dir}/{name}")).unwrap());
        let root = p.root.clone();
        let (done, wait) = mpsc::channel();
        thread::spawn(move || {
            let _ = done.send(nnbook::check(&root).map(|_| ()).map_err(|e| e.to_string()));
        });
        let result = match wait.recv_timeout(Duration::from_secs(60)) {
            Ok(result) => result,
            Err(mpsc::RecvTimeoutError::Timeout) => panic!("{name} took over 60 s"),
            Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{name} panicked"),
        };
        match (outcome, result) {
            (None, Ok(())) => {}
            (Some(message), Err(e)) => assert!(
                e.contains(message) && e.contains("content/lesson.md:"),
                "{name}: expected {message:?}, got:\n{e}"
            ),
            (None, Err(e)) => panic!("{name} should pass the check:\n{e}"),
            (Some(message), Ok(())) => panic!("{name} should fail with {message:?}"),
        }
    }
}
