//! The steps a training figure or table names: by number, or `"last"` for the training's last
//! step, whatever number a training stopped by its tolerance takes to reach it.

use crate::support::{fixture_text, Project};

/// The StatQuest training lesson, changed, built on its own; its page.
fn page(change: (&str, &str)) -> String {
    let text = fixture_text("training/valid.md");
    assert!(text.contains(change.0), "the fixture lacks {:?}", change.0);
    let p = Project::new().lesson("fit.md", text.replace(change.0, change.1));
    p.build()
        .unwrap_or_else(|e| panic!("the lesson does not build:\n{e}"));
    p.read("fit/index.html")
}

/// `"last"` names the training's last step, whose number a training stopped by its tolerance
/// reaches only at the build: the table's row of it ends at StatQuest's final b3, 2.61; a
/// figure drawn at `[0, "last"]` is the default one, and a `"last"` that is also listed by its
/// number is drawn once.
#[test]
fn last_names_the_last_step_whatever_its_number() {
    let html = page(("steps = [1, 2]\narithmetic = true", "steps = [\"last\"]"));
    let body = (html.rsplit_once("<tbody>"))
        .and_then(|(_, rest)| rest.split_once("</tbody>"))
        .map_or("", |(body, _)| body);
    assert_eq!(body.matches("<tr>").count(), 1, "{body}");
    // (The row takes decimals enough for its numbers to add up, 2.6085 − (−0.0004): its new b3
    // is the same descent's in numpy, 2.608911 after 10 steps, and StatQuest's 2.61 rounded.)
    let new_b3 = (body.rsplit("<td class=\"num\">").next())
        .and_then(|cell| cell.split("</td>").next())
        .unwrap_or_else(|| panic!("no new b3 in {body}"));
    assert_eq!(new_b3, "2.6089", "{body}");
    let taken: usize = page(("After training:", "{{ fit.steps }} After training:"))
        .split_once(" After training:")
        .and_then(|(before, _)| before.rsplit(['>', ' ', '\n']).next()?.parse().ok())
        .expect("the number of steps on the page");
    assert_eq!(taken, 10, "numpy's descent stops after 10 steps");
    let at_steps = "at_steps = [0, 1]\n";
    let output = |steps: &str| page((at_steps, &format!("at_steps = {steps}\n")));
    assert_eq!(output("[0, \"last\"]"), page((at_steps, "")));
    assert_eq!(
        output("[0, 1, \"last\"]"),
        output(&format!("[0, 1, {taken}]"))
    );
    assert_eq!(
        output(&format!("[0, 1, {taken}, \"last\"]")),
        output(&format!("[0, 1, {taken}]"))
    );
    assert_ne!(output("[0, 1, \"last\"]"), output("[0, 1]"));
}
