//! `nnbook init` and `nnbook new` give projects that build; `new` never overwrites.

use std::fs;

use nnbook::scaffold::starter_lesson;

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
    for file in ["nnbook.toml", "content/getting-started.md"] {
        assert!(project.join(file).is_file(), "init wrote {file}");
    }
    // No copy of the theme (it would go stale with the next nnbook): the built-in one serves,
    // and `init` says how to copy it.
    assert!(!project.join("templates").exists());
    out.prints(&["`nnbook init --theme` copies it into templates/"]);
    // Git ignores the site and the folders kept beside it.
    assert_eq!(
        fs::read_to_string(project.join(".gitignore")).unwrap(),
        "/site\n/.site.nnbook-*\n"
    );
    let out = nnbook(&["build", "--root", root, "--quiet"]);
    out.succeeded();
    assert!(project.join("site/getting-started/index.html").is_file());
    assert!(project.join("site/getting-started/preview.svg").is_file());
    let script = fs::read_to_string(project.join("site/explore.js")).unwrap();
    assert!(script.contains(nnbook::explore::MODEL_ID));

    let out = nnbook(&["new", "Sigmoid, up close", "--root", root]);
    out.succeeded();
    let lesson = project.join("content/sigmoid-up-close.md");
    assert!(fs::read_to_string(&lesson)
        .unwrap()
        .contains("title = \"Sigmoid, up close\""));
    let out = nnbook(&["check", "--root", root]);
    out.succeeded();
    out.prints(&["checked 2 lessons"]);

    // A second `new` with the same title never overwrites: it takes the next free name.
    fs::write(&lesson, "my edits").unwrap();
    let out = nnbook(&["new", "Sigmoid, up close", "--root", root]);
    out.succeeded().prints(&[
        "sigmoid-up-close-2.md",
        "sigmoid-up-close.md exists, so this lesson took the next free name",
    ]);
    assert_eq!(fs::read_to_string(&lesson).unwrap(), "my edits");
    fs::write(&lesson, starter_lesson("Sigmoid, up close", 20)).unwrap();
    let out = nnbook(&["check", "--root", root]);
    out.succeeded();
    out.prints(&["checked 3 lessons"]);

    // `init` refuses a folder that already holds a project, and names `--theme`.
    let out = nnbook(&["init", root]);
    out.failed().says(&["already has", "nnbook init --theme"]);
    // And a file, told as one (it was "cannot write …/nnbook.toml: File exists").
    let file = project.join("nnbook.toml");
    let out = nnbook(&["init", file.to_str().unwrap()]);
    out.failed()
        .says(&["nnbook.toml is a file", "nnbook init my-lessons"]);
}

/// `init --theme` copies the default theme into `templates/` (not `explore.js`, which must read
/// the model the same nnbook writes): in a new folder with the project, in a project that exists
/// only the files it lacks, never over one that is there. The site it builds is the one the
/// built-in theme builds, byte for byte.
#[test]
fn init_theme_copies_the_theme_and_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    let plain = tmp.path().join("plain");
    let themed = tmp.path().join("themed");
    nnbook(&["init", plain.to_str().unwrap()]).succeeded();
    let out = nnbook(&["init", "--theme", themed.to_str().unwrap()]);
    out.succeeded()
        .prints(&["templates/base.html", "templates/style.css", "next: cd "]);
    assert!(!out.stdout.contains("copies it into"), "{}", out.stdout);
    let theme: Vec<&str> = nnbook::site::DEFAULT_TEMPLATES
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| *name != "explore.js")
        .collect();
    for name in &theme {
        let expected = nnbook::site::DEFAULT_TEMPLATES
            .iter()
            .find(|(n, _)| n == name);
        let written = fs::read_to_string(themed.join("templates").join(name)).unwrap();
        assert_eq!(written, expected.unwrap().1, "{name}");
    }
    assert!(!themed.join("templates/explore.js").exists());
    for project in [&plain, &themed] {
        let r = project.to_str().unwrap();
        nnbook(&["build", "--root", r, "--quiet"]).succeeded();
        // (No warning: a copy of this nnbook's theme is no older copy.)
        let out = nnbook(&["check", "--root", r]);
        out.succeeded();
        assert!(!out.stderr.contains("warning"), "{}", out.stderr);
    }
    use crate::support::tree::{assert_same, snapshot};
    let (site, themed_site) = (
        snapshot(&plain.join("site")),
        snapshot(&themed.join("site")),
    );
    assert_same(&site, &themed_site, "the site with the theme copied");

    // In the plain project: the files it lacks, not over its own.
    let root = plain.to_str().unwrap();
    fs::create_dir(plain.join("templates")).unwrap();
    fs::write(plain.join("templates/style.css"), "body { color: teal }\n").unwrap();
    // (An earlier nnbook's `lesson.html`, from this repository's history.)
    let earlier = crate::support::fixture_text("earlier-theme/lesson.html");
    fs::write(plain.join("templates/lesson.html"), &earlier).unwrap();
    // (A link to a shared theme that is not checked out: it stopped `init` halfway, "File
    // exists", with six files written.)
    std::os::unix::fs::symlink(
        "../../shared/index.html",
        plain.join("templates/index.html"),
    )
    .unwrap();
    let out = nnbook(&["init", "--theme", root]);
    out.succeeded().prints(&[
        "wrote ",
        "templates/base.html",
        "kept ",
        "templates/style.css (it is there; nnbook never overwrites a file)",
        "templates/index.html (it is there; nnbook never overwrites a file)",
        "templates/lesson.html (an earlier nnbook's copy, unchanged: delete it and run this again)",
        "delete the files you leave as they are",
    ]);
    assert_eq!(
        fs::read_to_string(plain.join("templates/style.css")).unwrap(),
        "body { color: teal }\n"
    );
    assert_eq!(
        fs::read_to_string(plain.join("templates/lesson.html")).unwrap(),
        earlier
    );
    assert_eq!(out.stdout.matches("wrote ").count(), theme.len() - 3);
    let out = nnbook(&["init", "--theme", root]);
    out.succeeded().prints(&[
        "templates/base.html (it is there, as this nnbook has it)",
        "nothing to write: templates/ has every file of the theme",
    ]);
}

/// Every title gives a lesson that builds (issue: reserved, long, non-Latin, accented and
/// punctuation-only titles made starters that failed `check`); an empty title is refused.
#[test]
fn every_title_gives_a_lesson_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_str().unwrap();
    nnbook(&["init", root]).succeeded();
    let long = "A very long title ".repeat(12);
    for (title, file) in [
        ("CON", "con-lesson.md"),
        ("nul", "nul-lesson.md"),
        ("日本語", "lesson.md"),
        ("!!!", "lesson-2.md"),
        ("Über Äpfel", "ueber-aepfel.md"),
        // Cyrillic as ICAO's Doc 9303 writes it (Russian passports): not `relu.md`.
        ("Что такое ReLU", "chto-takoe-relu.md"),
        (
            "Нейронная сеть: ШАГ за шагом",
            "neironnaia-set-shag-za-shagom.md",
        ),
        (
            long.as_str(),
            "a-very-long-title-a-very-long-title-a-very-long-title-a-very.md",
        ),
    ] {
        let out = nnbook(&["new", title, "--root", root]);
        out.succeeded().prints(&[file]);
        // A file named `lesson` says how to name it.
        let note = "rename it, or set `slug";
        assert_eq!(
            out.stdout.contains(note),
            file.starts_with("lesson"),
            "{title}"
        );
        let name = file.trim_end_matches(".md");
        assert!(name.len() <= 60, "{name}");
    }
    let out = nnbook(&["check", "--root", root]);
    out.succeeded();
    out.prints(&["checked 9 lessons"]);
    let out = nnbook(&["new", "  ", "--root", root]);
    out.failed().says(&["the lesson's title is empty"]);
    // A title that is the word `lesson` names its file so: no note that it names none.
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_str().unwrap();
    nnbook(&["init", root]).succeeded();
    let out = nnbook(&["new", "Lesson!", "--root", root]);
    out.succeeded().prints(&["lesson.md"]);
    assert!(
        !out.stdout.contains("no Latin or Cyrillic letters"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_project_without_templates_uses_the_embedded_theme_and_overrides_win() {
    let p = Project::new().lesson(
        "a.md",
        nnbook::scaffold::starter_lesson("Embedded theme", 10),
    );
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

/// `init` tells the next command to run: with a `cd` into a new folder, none into the folder the
/// user is in (it said `cd . && nnbook build`).
#[test]
fn init_names_the_next_command_without_a_needless_cd() {
    let tmp = tempfile::tempdir().unwrap();
    for (dir, next) in [
        (".", "next: nnbook build (or nnbook serve)"),
        ("lessons", "next: cd lessons && nnbook build"),
    ] {
        let out = run(crate::support::nnbook()
            .args(["init", dir])
            .current_dir(tmp.path()));
        out.succeeded();
        assert!(out.stdout.contains(next), "{}", out.stdout);
    }
}

/// `new` puts the lesson last on the index: its `order` is ten past the project's largest (every
/// new lesson had 10, so the index sorted them among the others by title).
#[test]
fn a_new_lesson_comes_last_on_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_str().unwrap();
    nnbook(&["init", root]).succeeded();
    for title in ["Zeta", "Alpha"] {
        nnbook(&["new", title, "--root", root]).succeeded();
    }
    let order = |file: &str| {
        let text = fs::read_to_string(tmp.path().join("content").join(file)).unwrap();
        text.lines()
            .find_map(|l| l.strip_prefix("order = "))
            .map(|v| v.split_whitespace().next().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(
        [
            order("getting-started.md"),
            order("zeta.md"),
            order("alpha.md")
        ],
        ["10", "20", "30"]
    );
    nnbook(&["build", "--root", root, "--quiet"]).succeeded();
    let index = fs::read_to_string(tmp.path().join("site/index.html")).unwrap();
    let at = |slug: &str| index.find(&format!("href=\"{slug}/index.html\"")).unwrap();
    assert!(at("getting-started") < at("zeta") && at("zeta") < at("alpha"));
}

/// `new --series` makes the lesson the next part of that series (`series` and `part` in its
/// front matter, a part past the largest, last on the index too), and says when no lesson was
/// in the series yet, with the project's series of the nearest name (a likely typo); the
/// site lists the parts in order.
#[test]
fn a_new_lesson_in_a_series_is_its_next_part() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_str().unwrap();
    nnbook(&["init", root]).succeeded();
    let series = "A network, \"step\" by step";
    let out = nnbook(&["new", "One", "--series", series, "--root", root]);
    out.succeeded().prints(&[
        "one.md (part 1 of \"A network, \"step\" by step\")",
        "no lesson was in this series yet, so this is its part 1",
    ]);
    assert!(!out.stdout.contains("did you mean"), "{}", out.stdout);
    let out = nnbook(&["new", "Two", "--series", series, "--root", root]);
    out.succeeded().prints(&["two.md (part 2 of "]);
    assert!(!out.stdout.contains("note:"), "{}", out.stdout);
    let text = fs::read_to_string(tmp.path().join("content/two.md")).unwrap();
    assert!(
        text.contains("series = \"A network, \\\"step\\\" by step\""),
        "{text}"
    );
    assert!(text.contains("\npart = 2 "), "{text}");
    let out = nnbook(&[
        "new",
        "Three",
        "--series",
        "A network, step by step",
        "--root",
        root,
    ]);
    out.succeeded()
        .prints(&["did you mean \"A network, \"step\" by step\"?"]);
    nnbook(&["new", "Empty", "--series", " ", "--root", root])
        .failed()
        .says(&["the series' name is empty"]);
    nnbook(&["build", "--root", root, "--quiet"]).succeeded();
    let two = fs::read_to_string(tmp.path().join("site/two/index.html")).unwrap();
    assert!(two.contains("Part 2 of 2"), "{two}");
    let index = fs::read_to_string(tmp.path().join("site/index.html")).unwrap();
    let at = |slug: &str| index.find(&format!("href=\"{slug}/index.html\"")).unwrap();
    assert!(at("one") < at("two"));
}

/// In a project with a feed (`feed = true`), `nnbook new` dates the lesson today (UTC, as the
/// system's `date -u` says), so that the feed lists it; elsewhere the date is a comment.
#[test]
fn a_new_lesson_is_dated_today_in_a_project_with_a_feed() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_str().unwrap();
    nnbook(&["init", root]);
    nnbook(&["new", "Undated", "--root", root]).succeeded();
    let text = fs::read_to_string(tmp.path().join("content/undated.md")).unwrap();
    assert!(text.contains("\n# date = 2026-12-06   # the day"), "{text}");
    let config = tmp.path().join("nnbook.toml");
    let toml = fs::read_to_string(&config).unwrap();
    fs::write(&config, toml.replacen("# feed = true", "feed = true", 1)).unwrap();
    let today = || {
        let out = std::process::Command::new("date")
            .args(["-u", "+%F"])
            .output();
        String::from_utf8(out.expect("date").stdout)
            .unwrap()
            .trim()
            .to_string()
    };
    let before = today();
    let out = nnbook(&["new", "Dated", "--series", "S", "--root", root]);
    let after = today();
    let text = fs::read_to_string(tmp.path().join("content/dated.md")).unwrap();
    // (Either day, if midnight passed between the two clocks' readings.)
    let dated = [&before, &after].map(|d| format!("\ndate = {d}     # the day it is published"));
    assert!(dated.iter().any(|d| text.contains(d.as_str())), "{text}");
    assert!(!text.contains("# date ="), "{text}");
    let day = text
        .split("\ndate = ")
        .nth(1)
        .map_or("", |rest| &rest[..10]);
    out.succeeded().prints(&[&format!(
        "note: dated today, {day} (UTC), for the site's feed"
    )]);
    // The lesson reads as dated, and builds (the undated one is warned about).
    nnbook(&[
        "build",
        "--root",
        root,
        "--base-url",
        "https://example.org/",
    ])
    .succeeded()
    .says(&["content/undated.md", "the lesson has no `date`"]);
    let feed = fs::read_to_string(tmp.path().join("site/atom.xml")).unwrap();
    assert!(feed.contains("<title>Dated</title>"), "{feed}");
}

/// `init` in a folder with a `.gitignore` of its own (a new GitHub repository's) stopped
/// halfway: the configuration and lesson written, not said, and the site not ignored. It
/// writes the project, leaves the user's file as it is (nnbook never writes into a file it did
/// not create), and names the lines it lacks (none where it has them).
#[test]
fn init_beside_a_gitignore_that_is_there_names_the_lines_it_lacks() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    fs::create_dir(&repo).unwrap();
    fs::write(repo.join(".gitignore"), "secrets.env\n/site\n").unwrap();
    let out = nnbook(&["init", repo.to_str().unwrap()]);
    out.succeeded().prints(&[
        "wrote ",
        "nnbook.toml",
        "is yours, left as it is: add /.site.nnbook-* to it",
    ]);
    assert!(!out.stdout.contains("add /site"), "{}", out.stdout);
    assert_eq!(
        fs::read_to_string(repo.join(".gitignore")).unwrap(),
        "secrets.env\n/site\n"
    );
    nnbook(&["build", "--root", repo.to_str().unwrap(), "--quiet"]).succeeded();
    // (Lines that ignore the same, `site/` and `.site.nnbook-*` unanchored, are none to add.)
    let again = tmp.path().join("again");
    fs::create_dir(&again).unwrap();
    fs::write(
        again.join(".gitignore"),
        "site/
.site.nnbook-*
",
    )
    .unwrap();
    let out = nnbook(&["init", again.to_str().unwrap()]);
    assert!(
        !out.succeeded().stdout.contains(".gitignore"),
        "{}",
        out.stdout
    );
}
