//! Error messages do not pass control characters to the terminal.

use crate::support::{small, Project};

/// Error messages quote what the author wrote (a slug, an activation's name, the offending
/// line). A control character there (ESC starts terminal escape sequences that can clear the
/// screen, retitle the window or fake output) must not reach the terminal raw.
#[test]
fn diagnostics_do_not_write_control_characters_to_the_terminal() {
    let cases = [
        ("slug", small("slug = \"a\\u001B[2Jb\"\n")),
        (
            "activation",
            small("").replace(
                "activation = \"relu\"",
                "activation = \"relu\\u001B]0;x\\u0007\"",
            ),
        ),
        (
            "raw",
            small("").replace("activation = \"relu\"", "activation = \"\u{1b}[31mrelu\""),
        ),
    ];
    let mut leaks = Vec::new();
    for (name, text) in cases {
        let file = format!("{name}.md");
        let p = Project::with_lessons(&[(&file, &text)]);
        let r = p.run_build();
        r.failed().says(&[&format!("content/{file}:")]);
        let bad: Vec<char> = r
            .stderr
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\n' | '\t'))
            .collect();
        if !bad.is_empty() {
            leaks.push(format!("{name}: {bad:?} in {:?}", r.stderr));
        }
    }
    assert!(
        leaks.is_empty(),
        "control characters on the terminal:\n{}",
        leaks.join("\n")
    );
}

/// A closed standard output or error (`nnbook check | head -0`) loses what nnbook writes there,
/// and nothing else: no panic ("failed printing to stdout" was one, exit 101), the command does
/// its work and exits as it would (0 for a project that checks, 1 for one that fails).
#[test]
fn a_closed_standard_output_or_error_is_no_panic() {
    use std::process::{Command, Stdio};

    let good = Project::new().lesson("a.md", small(""));
    let bad = Project::new().lesson("a.md", small("").replacen("relu", "relux", 1));
    let closed = || {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        Stdio::from(writer)
    };
    let run = |p: &Project, args: &[&str], out: Stdio, err: Stdio| {
        let status = Command::new(crate::support::run::BIN)
            .args(args)
            .arg("--root")
            .arg(&p.root)
            .stdout(out)
            .stderr(err)
            .status()
            .expect("run nnbook");
        status.code()
    };
    for format in ["human", "json"] {
        let check = ["check", "--message-format", format];
        assert_eq!(run(&good, &check, closed(), closed()), Some(0), "{format}");
        assert_eq!(run(&bad, &check, closed(), closed()), Some(1), "{format}");
    }
    assert_eq!(run(&good, &["build"], closed(), Stdio::null()), Some(0));
    assert!(
        good.root.join("site/a/index.html").is_file(),
        "the build did its work"
    );
    let tmp = tempfile::tempdir().unwrap();
    let status = Command::new(crate::support::run::BIN)
        .args(["init", "--theme"])
        .arg(tmp.path())
        .stdout(closed())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    assert!(tmp.path().join("templates/base.html").is_file());
}
