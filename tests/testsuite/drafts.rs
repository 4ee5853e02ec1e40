//! Drafts (`draft = true` in the front matter), as Zola and Hugo have them: left out of
//! `build`, `check` and `serve` as if the file were not there, its problems too, unless
//! `--drafts`; the summary line says how many were left out.

use std::fs;
use std::path::Path;

use crate::support::run::{nnbook, run, BIN};
use crate::support::serve::Server;
use crate::support::{small, Project};

/// A draft with a mistake in it (a placeholder of no parameter).
fn draft(mistake: &str) -> String {
    small("draft = true\n").replace("+++\n\n", &format!("+++\n\n{mistake}\n\n"))
}

fn command(p: &Project, args: &[&str]) -> crate::support::run::Run {
    run(nnbook().args(args).arg("--root").arg(&p.root))
}

#[test]
fn a_draft_is_left_out_of_build_and_check_unless_asked() {
    let p = Project::with_lessons(&[("a.md", small("")), ("b.md", draft("Broken: {{ w9 }}."))]);
    assert!(draft("x").contains("draft = true\n"), "{}", draft("x"));
    let built = p
        .build()
        .unwrap_or_else(|e| panic!("the draft's mistake stops the build:\n{e}"));
    assert_eq!((built.lessons, built.drafts), (1, 1));
    assert!(
        built
            .to_string()
            .ends_with(" (1 draft left out: --drafts builds it)"),
        "{built}"
    );
    assert!(p.site().join("a/index.html").is_file());
    assert!(!p.site().join("b").exists(), "the draft's folder");
    assert!(
        !p.read("index.html").contains("b/index.html"),
        "the index links the draft"
    );

    let checked = command(&p, &["check"]);
    checked
        .succeeded()
        .prints(&["(1 draft left out: --drafts checks it)"]);
    let checked = command(&p, &["check", "--drafts"]);
    checked.failed().says(&["b.md", "w9"]);
    let out = p.root.join("with-drafts");
    let out = out.to_str().expect("a UTF-8 path");
    command(&p, &["build", "--drafts", "--out", out])
        .failed()
        .says(&["w9"]);
    assert!(!Path::new(out).exists(), "a failed build wrote {out}");

    fs::write(p.root.join("content/b.md"), draft("Fixed.")).expect("write");
    let built = command(&p, &["build", "--drafts", "--out", out]);
    built.succeeded().prints(&["built 2 lessons"]);
    assert!(!built.stdout.contains("left out"), "{}", built.stdout);
    let index = fs::read_to_string(Path::new(out).join("index.html")).expect("the index");
    assert!(
        index.contains("b/index.html"),
        "the index lacks the draft built"
    );
}

/// A lesson made a draft leaves the site its next build publishes (as a deleted lesson does),
/// and comes back when it is no longer one; `draft` written as other than true or false is
/// told so.
#[test]
fn a_lesson_made_a_draft_leaves_the_site_and_comes_back() {
    let p = Project::with_lessons(&[("a.md", small("")), ("b.md", small(""))]);
    p.build().expect("the first build");
    assert!(p.site().join("b/index.html").is_file());
    fs::write(p.root.join("content/b.md"), draft("")).expect("write");
    assert_eq!(p.build().expect("the build with a draft").drafts, 1);
    assert!(
        !p.site().join("b").exists(),
        "the draft's folder is still published"
    );
    fs::write(p.root.join("content/b.md"), small("draft = false\n")).expect("write");
    assert_eq!(p.build().expect("the build without").drafts, 0);
    assert!(p.site().join("b/index.html").is_file());

    fs::write(p.root.join("content/b.md"), small("draft = \"yes\"\n")).expect("write");
    let error = p.build().expect_err("a draft that is no boolean");
    let d = &error.diagnostics[0];
    assert!(d.message.contains("expected a boolean"), "{error}");
    assert_eq!(
        d.hint.as_deref(),
        Some("write `true` or `false`, without quotes")
    );
}

/// `serve` leaves a draft out too (and says so), and serves it with `--drafts`.
#[test]
fn serve_leaves_a_draft_out_unless_asked() {
    let make_draft = |root: &Path| {
        let lesson = root.join("content/getting-started.md");
        let text = fs::read_to_string(&lesson).expect("the starter");
        fs::write(&lesson, text.replacen("+++\n", "+++\ndraft = true\n", 1)).expect("write");
    };
    let page = "/getting-started/index.html";
    let server = Server::launch_with(Path::new(BIN), &[], make_draft);
    assert_eq!(server.get(page).status, 404);
    assert!(!server.get("/").body.contains("getting-started/"));
    let said = "built 0 lessons (0 rendered; 1 draft left out: --drafts serves it) in ";
    assert!(server.printed().contains(said), "{}", server.printed());
    let server = Server::launch_with(Path::new(BIN), &["--drafts"], make_draft);
    let served = server.get(page);
    assert_eq!(served.status, 200, "{}", served.body);
}

/// A link to a draft left out, by its file or by its page, is a broken link that says the
/// lesson is a draft (it read "link another lesson by its Markdown file", which it did).
#[test]
fn a_link_to_a_draft_left_out_says_so() {
    let links = "+++\n\n[By file](b.md#figure-x) and [by page](../b/index.html).\n\n";
    let a = small("").replacen("+++\n\n", links, 1);
    let p = Project::with_lessons(&[("a.md", a), ("b.md", draft(""))]);
    let built = p.build().expect("a build with broken links");
    let hints: Vec<(String, String)> = (built.warnings.iter())
        .map(|w| (w.message.clone(), w.hint.clone().unwrap_or_default()))
        .collect();
    let hint =
        "`content/b.md` is a draft (`draft = true`), left out of this build: `--drafts` builds it";
    assert_eq!(
        hints,
        [
            (
                "broken link `b.md#figure-x`: `content/b.md` is not in this build".to_string(),
                hint.to_string()
            ),
            (
                "broken link `../b/index.html`: the site has no `b/index.html`".to_string(),
                hint.to_string()
            ),
        ]
    );
    let p = Project::with_lessons(&[("a.md", small("").replacen("+++\n\n", links, 1))]);
    let built = p.build().expect("a build with broken links");
    assert!(built
        .warnings
        .iter()
        .all(|w| !w.hint.as_deref().unwrap_or("").contains("draft")));
}

/// `build`'s summary said nothing of the warnings printed above it, where `check`'s counts
/// them: it says how many there are, beside the drafts left out.
#[test]
fn builds_summary_counts_its_warnings() {
    let p = Project::with_lessons(&[
        (
            "a.md",
            small("").replacen("The top node", "See [gone](gone.md). The top node", 1),
        ),
        ("b.md", draft("A draft.")),
    ]);
    let built = command(&p, &["build"]);
    built
        .succeeded()
        .prints(&["(1 warning; 1 draft left out: --drafts builds it)"]);
}
