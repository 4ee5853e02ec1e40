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
