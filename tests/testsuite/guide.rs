//! The authoring guide (`content/guide.md`) quotes real error messages. This test makes each
//! mistake the guide describes in a copy of the guide and checks that nnbook prints exactly the
//! quoted text, so the guide cannot drift from the tool.
//!
//! After changing a message on purpose, refresh the quotes with
//! `NNBOOK_UPDATE_GUIDE=1 cargo test --test testsuite guide::`.

use std::fs;

use crate::support::Project;

const GUIDE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/content/guide.md");
const CONTENT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/content");

/// Each mistake, in the order the guide quotes them: (what the guide has, the mistake). The
/// mistake is made at the last place the guide has the text.
const MISTAKES: [(&str, &str); 7] = [
    (
        "activation = \"relu\"\nnodes",
        "activation = \"Relu\"\nnodes",
    ),
    (
        "weights = { w3 = 1.2, w4 = 0.80 }",
        "weights = { w3 = 1.2 }",
    ),
    (
        "{ signal = \"y.activation\", label = \"output y\" }",
        "{ signal = \"y.activaton\", label = \"output y\" }",
    ),
    ("w3, w4, b3 = {{ w3 }}", "w3, w4, b3 = {{ W3 }}"),
    (
        "title = \"Writing a lesson\"\nsummary",
        "titel = \"Writing a lesson\"\nsummary",
    ),
    (
        "learning_rate = 0.1\ntolerance",
        "learning_rate = 10.0\ntolerance",
    ),
    ("(relu.md)", "(rleu.md)"),
];

/// The `text verbatim` listings of the guide's "When something is wrong" section, with their
/// byte ranges.
fn quoted(guide: &str) -> Vec<(usize, usize)> {
    let section = guide
        .find("## When something is wrong")
        .expect("the section exists");
    let mut out = Vec::new();
    let mut at = section;
    while let Some(open) = guide[at..].find("```text verbatim\n") {
        let start = at + open + "```text verbatim\n".len();
        let end = start + guide[start..].find("```").expect("closed listing");
        out.push((start, end));
        at = end + 3;
    }
    out
}

/// What nnbook prints for a project holding the guide with one mistake (and the series the
/// guide links to: the ReLU lesson, which links the parts before it).
fn printed(guide: &str) -> String {
    let read = |name: &str| fs::read_to_string(format!("{CONTENT}/{name}")).unwrap();
    let p = Project::new()
        .lesson("guide.md", guide)
        .lesson("relu.md", read("relu.md"))
        .lesson("black-box.md", read("black-box.md"))
        .lesson("backpropagation.md", read("backpropagation.md"));
    match nnbook::check(&p.root) {
        Err(e) => e.to_string(),
        Ok(site) => site
            .warnings
            .iter()
            .map(|w| format!("{w}"))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

#[test]
fn the_guide_quotes_what_nnbook_prints() {
    let guide = fs::read_to_string(GUIDE).unwrap();
    let listings = quoted(&guide);
    assert_eq!(listings.len(), MISTAKES.len(), "one listing per mistake");
    let mut updated = guide.clone();
    let mut stale = Vec::new();
    for ((from, to), (start, end)) in MISTAKES.iter().zip(&listings).rev() {
        let at = guide
            .rfind(from)
            .unwrap_or_else(|| panic!("the guide has `{from}`"));
        let mut wrong = guide.clone();
        wrong.replace_range(at..at + from.len(), to);
        let actual = printed(&wrong);
        let quoted = &guide[*start..*end];
        if quoted.trim_end() != actual.trim_end() {
            stale.push(format!(
                "--- the guide quotes:\n{quoted}\n--- nnbook prints:\n{actual}"
            ));
            updated.replace_range(*start..*end, &format!("{}\n", actual.trim_end()));
        }
    }
    if !stale.is_empty() && std::env::var_os("NNBOOK_UPDATE_GUIDE").is_some() {
        fs::write(GUIDE, updated).unwrap();
        return;
    }
    assert!(
        stale.is_empty(),
        "stale quotes in content/guide.md (refresh with NNBOOK_UPDATE_GUIDE=1):\n{}",
        stale.join("\n")
    );
}
