//! `nnbook init` and `nnbook new` give projects that build; `new` never overwrites.

use std::fs;

use crate::support::{run, Project, Run};

/// `nnbook ARGS...`, to the end.
fn nnbook(args: &[&str]) -> Run {
    run(crate::support::nnbook().args(args))
}

#[test]
fn init_then_new_build_and_new_refuses_to_overwrite() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("lessons");
    let root = project.to_str().unwrap();

    let out = nnbook(&["init", root]);
    out.succeeded();
    for file in [
        "nnbook.toml",
        "content/getting-started.md",
        "templates/lesson.html",
        "templates/style.css",
    ] {
        assert!(project.join(file).is_file(), "init wrote {file}");
    }
    let out = nnbook(&["build", "--root", root, "--quiet"]);
    out.succeeded();
    assert!(project.join("site/getting-started/index.html").is_file());
    assert!(project.join("site/getting-started/signals.svg").is_file());

    let out = nnbook(&["new", "Sigmoid, up close", "--root", root]);
    out.succeeded();
    let lesson = project.join("content/sigmoid-up-close.md");
    assert!(fs::read_to_string(&lesson)
        .unwrap()
        .contains("title = \"Sigmoid, up close\""));
    let out = nnbook(&["check", "--root", root]);
    out.succeeded();
    out.prints(&["checked 2 lessons"]);

    // A second `new` with the same title refuses and leaves the file alone.
    fs::write(&lesson, "my edits").unwrap();
    let out = nnbook(&["new", "Sigmoid, up close", "--root", root]);
    out.failed().says(&["already exists"]);
    assert_eq!(fs::read_to_string(&lesson).unwrap(), "my edits");

    // `init` refuses a folder that already holds a project.
    let out = nnbook(&["init", root]);
    out.failed().says(&["already has"]);
}

#[test]
fn a_project_without_templates_uses_the_embedded_theme_and_overrides_win() {
    let p = Project::new().lesson("a.md", nnbook::scaffold::starter_lesson("Embedded theme"));
    let root = p.root.as_path();
    let r = root.to_str().unwrap();
    let out = nnbook(&["build", "--root", r, "--quiet"]);
    out.succeeded();
    let css = fs::read_to_string(root.join("site/style.css")).unwrap();
    assert!(css.contains(".nn-figure"), "the embedded stylesheet");

    fs::create_dir(root.join("templates")).unwrap();
    fs::write(
        root.join("templates/style.css"),
        "body { color: rebeccapurple }\n",
    )
    .unwrap();
    let out = nnbook(&["build", "--root", r, "--quiet"]);
    out.succeeded();
    assert_eq!(
        fs::read_to_string(root.join("site/style.css")).unwrap(),
        "body { color: rebeccapurple }\n"
    );
    // The embedded HTML templates still render the pages.
    assert!(fs::read_to_string(root.join("site/a/index.html"))
        .unwrap()
        .contains("Embedded theme"));
}
