//! The output folder: stale output disappears, nothing outside the output folder is ever
//! deleted, a failed build leaves the previous site, and output folders that would overwrite
//! the project are refused.

use std::collections::BTreeSet;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use crate::support::tree::{assert_same, files, names, snapshot, write};
use crate::support::{build_at, build_command, run, small, Project};

#[test]
fn stale_output_disappears_and_nothing_outside_the_output_is_deleted() {
    let p = Project::with_lessons(&[
        ("a.md", &small("slug = \"a\"\n")),
        ("b.md", &small("slug = \"b\"\n")),
    ]);
    let out_parent = p.root.join("public");
    let out = out_parent.join("site");
    let sentinels = [
        (p.base.join("outside.txt"), "outside the project\n"),
        (p.root.join("keep.txt"), "in the project root\n"),
        (out_parent.join("keep.txt"), "next to the site\n"),
        (p.root.join("content/notes.txt"), "not a lesson\n"),
    ];
    for (path, text) in &sentinels {
        write(path, text);
    }
    build_at(&p.root, &out).succeeded();
    for f in ["index.html", "a/index.html", "b/index.html", "b/step-1.svg"] {
        assert!(out.join(f).is_file(), "{f} missing after the first build");
    }
    // A lesson deleted, a figure renamed, a stray file in the output.
    fs::remove_file(p.root.join("content/b.md")).expect("rm b.md");
    write(
        &p.root.join("content/a.md"),
        small("slug = \"a\"\n").replace("id = \"step-1\"", "id = \"renamed\""),
    );
    write(&out.join("stray.txt"), "left in the output by hand\n");
    build_at(&p.root, &out).succeeded();
    let now: BTreeSet<String> = files(&out).into_keys().collect();
    // The theme adds its own files at the top; the lessons are the folders.
    let folders: BTreeSet<&str> = now
        .iter()
        .filter_map(|f| f.split_once('/'))
        .map(|(d, _)| d)
        .collect();
    assert_eq!(folders, BTreeSet::from(["a"]), "lesson folders: {now:?}");
    assert!(
        !out.join("b").exists(),
        "the deleted lesson's folder is still there"
    );
    for f in [
        "index.html",
        "a/index.html",
        "a/renamed.svg",
        "a/renamed.csv",
    ] {
        assert!(now.contains(f), "{f} missing after the second build");
    }
    for f in ["stray.txt", "a/step-1.svg", "a/step-1.csv"] {
        assert!(!now.contains(f), "the stale {f} is still there");
    }
    for (path, text) in &sentinels {
        assert_eq!(
            fs::read_to_string(path).ok().as_deref(),
            Some(*text),
            "{} was touched",
            path.display()
        );
    }
    let beside = names(&out_parent);
    assert_eq!(
        beside,
        ["keep.txt", "site"].iter().map(|s| s.to_string()).collect(),
        "leftovers beside the site"
    );
}

/// `build` writes each lesson's files into the staging folder as soon as the lesson is
/// rendered. A lesson that fails only when it is drawn (after others were written) must still
/// leave the previous site as it was and no staging folder behind.
#[test]
fn a_build_failing_while_drawing_leaves_the_previous_site_and_no_staging() {
    let lessons: Vec<(String, String)> = (0..40)
        .map(|i| {
            (
                format!("l{i:02}.md"),
                small(&format!("slug = \"l{i:02}\"\n")),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = lessons
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let p = Project::with_lessons(&refs);
    p.run_build().succeeded();
    let before = snapshot(&p.site());
    // Parses, but its figure reaches 1.7e13: an error only when the figure is drawn. The file
    // sorts last, so the other lessons are rendered (and written) first.
    write(
        &p.root.join("content/z.md"),
        small("slug = \"z\"\n").replace("w1 = 1.70", "w1 = 1.7e13"),
    );
    // Change every other lesson, so that a partly written new site would differ.
    for (path, text) in &lessons {
        write(
            &p.root.join("content").join(path),
            text.replace("Small lesson", "Changed lesson"),
        );
    }
    p.run_build()
        .failed()
        .says(&["content/z.md:", "too large to draw"]);
    assert_same(
        &before,
        &snapshot(&p.site()),
        "the site after a failed build",
    );
    let beside = names(&p.root);
    assert_eq!(
        beside,
        BTreeSet::from(["content".to_string(), "site".to_string()]),
        "leftovers beside the site"
    );
}

/// An output folder that is a link to a folder elsewhere: the build replaces the link, and the
/// folder it pointed to (which nnbook does not own) keeps its files.
#[test]
fn an_output_link_to_a_folder_elsewhere_does_not_delete_that_folder() {
    let p = Project::with_lessons(&[("a.md", &small(""))]);
    let elsewhere = p.base.join("elsewhere");
    write(&elsewhere.join("precious.txt"), "precious\n");
    symlink(&elsewhere, p.site()).expect("symlink");
    p.run_build().succeeded();
    assert!(p.site().join("a/index.html").is_file());
    assert_eq!(
        fs::read_to_string(elsewhere.join("precious.txt"))
            .ok()
            .as_deref(),
        Some("precious\n")
    );
}

// ---------------------------------------------------------------------------------------------
// 3. Output folders that would overwrite the project.

#[test]
fn output_folders_that_would_overwrite_the_project_are_refused() {
    let p = Project::with_lessons(&[("a.md", &small(""))]);
    write(&p.base.join("outside.txt"), "outside\n");
    write(&p.root.join("keep.txt"), "root\n");
    write(&p.root.join("templates/extra.css"), "p { color: red; }\n");
    write(&p.root.join("content/sub/b.md"), small("slug = \"b\"\n"));
    symlink(&p.root, p.base.join("link-to-project")).expect("symlink");
    symlink(p.root.join("content"), p.base.join("link-to-content")).expect("symlink");
    let before = snapshot(&p.base);
    let refused: Vec<(Option<&Path>, PathBuf, PathBuf)> = vec![
        (None, p.root.clone(), p.root.clone()),
        (None, p.root.clone(), p.root.join("content")),
        (None, p.root.clone(), p.root.join("content/sub")),
        (None, p.root.clone(), p.root.join("templates")),
        (None, p.root.clone(), p.root.join("..")),
        (None, p.root.clone(), p.base.clone()),
        (None, p.root.clone(), PathBuf::from("/")),
        (None, p.root.clone(), p.base.join("link-to-project")),
        (None, p.root.clone(), p.base.join("link-to-content")),
        (Some(&p.root), PathBuf::from("."), PathBuf::from("..")),
        (Some(&p.root), PathBuf::from("."), PathBuf::from(".")),
        (Some(&p.root), PathBuf::from("."), PathBuf::from("content")),
    ];
    for (cwd, root, out) in &refused {
        let mut cmd = build_command(root, out);
        if let Some(cwd) = cwd {
            cmd.current_dir(cwd);
        }
        let r = run(&mut cmd);
        r.failed().says(&["refusing"]);
        assert_same(
            &before,
            &snapshot(&p.base),
            &format!("--root {} --out {}", root.display(), out.display()),
        );
    }
    // An output that is a file is an error too, and the file stays.
    build_at(&p.root, &p.root.join("keep.txt"))
        .failed()
        .says(&["not a folder"]);
    assert_same(&before, &snapshot(&p.base), "--out a file");
}
