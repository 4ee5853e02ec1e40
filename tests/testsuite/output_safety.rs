//! The output folder: stale output disappears, nothing outside the output folder is ever
//! deleted, a failed build leaves the previous site, and output folders that would overwrite
//! the project are refused.

use std::collections::BTreeSet;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use crate::support::tree::{assert_same, files, names, snapshot, write};
use crate::support::{build_at, build_command, run, small, Project, REPO};

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
    for f in [
        "index.html",
        "a/index.html",
        "b/index.html",
        "b/preview.svg",
    ] {
        assert!(out.join(f).is_file(), "{f} missing after the first build");
    }
    // A lesson deleted, a lesson's chart removed (so is its preview).
    fs::remove_file(p.root.join("content/b.md")).expect("rm b.md");
    let a = small("slug = \"a\"\n");
    let (figure, table) = (a.find("```figure").unwrap(), a.find("```table").unwrap());
    write(
        &p.root.join("content/a.md"),
        format!("{}{}", &a[..figure], &a[table..]),
    );
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
    for f in ["index.html", "a/index.html", "a/a.ipynb"] {
        assert!(now.contains(f), "{f} missing after the second build");
    }
    assert!(
        !now.contains("a/preview.svg"),
        "the stale preview is still there"
    );
    for (path, text) in &sentinels {
        assert_eq!(
            fs::read_to_string(path).ok().as_deref(),
            Some(*text),
            "{} was touched",
            path.display()
        );
    }
    previous_site_waits_beside_until_the_next_build(&p.root, &out);
}

/// The previous site waits beside the new one, hidden, until the next build removes it
/// while it renders (the user never waits for a tree to be deleted); the manifest records
/// what each lesson was built from, so that the next build renders only what changed.
/// `out` was built twice from `root`, and a lesson `b` was deleted in between.
fn previous_site_waits_beside_until_the_next_build(root: &Path, out: &Path) {
    let out_parent = out.parent().expect("the site's folder");
    let beside = names(out_parent);
    assert_eq!(
        beside,
        [
            ".site.nnbook-manifest",
            ".site.nnbook-trash",
            "keep.txt",
            "site"
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        "leftovers beside the site"
    );
    let trash = out_parent.join(".site.nnbook-trash");
    assert!(
        trash.join("b/index.html").is_file(),
        "the trash is the previous site"
    );
    build_at(root, out).succeeded();
    assert!(
        !trash.join("b").exists(),
        "the next build removed the old trash"
    );
    assert!(
        trash.join(".nnbook-site").is_file(),
        "and set the second site aside"
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
    let p = Project::with_lessons(&lessons);
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
        BTreeSet::from([
            ".site.nnbook-manifest".to_string(),
            "content".to_string(),
            "site".to_string()
        ]),
        "leftovers beside the site"
    );
}

/// An output folder that is a link to a folder elsewhere is refused (the link is the user's),
/// and both stay; with `--force` the link is replaced by the site and the folder it pointed to
/// (which nnbook does not own) keeps its files.
#[test]
fn an_output_link_is_refused_and_force_replaces_the_link_not_its_folder() {
    let p = Project::with_lessons(&[("a.md", &small(""))]);
    let elsewhere = p.base.join("elsewhere");
    write(&elsewhere.join("precious.txt"), "precious\n");
    symlink(&elsewhere, p.site()).expect("symlink");
    let before = snapshot(&p.base);
    p.run_build()
        .failed()
        .says(&["refusing to replace", "it is a link to", "--force"]);
    assert_same(&before, &snapshot(&p.base), "after a refused build");
    run(build_command(&p.root, &p.site()).arg("--force")).succeeded();
    assert!(!p.site().is_symlink() && p.site().join("a/index.html").is_file());
    assert_eq!(
        fs::read_to_string(elsewhere.join("precious.txt"))
            .ok()
            .as_deref(),
        Some("precious\n")
    );
}

/// `--out` at a folder nnbook did not build (the issue's `--out ~`): refused with exit 1, the
/// folder named with the way out, nothing touched; `--force` replaces it.
#[test]
fn a_folder_nnbook_did_not_build_is_refused_unless_forced() {
    let p = Project::with_lessons(&[("a.md", &small(""))]);
    let home = p.base.join("home");
    write(&home.join("Documents/thesis.txt"), "thesis\n");
    let before = snapshot(&p.base);
    run(&mut build_command(&p.root, &home)).failed().says(&[
        &format!("refusing to replace {}", home.display()),
        "nnbook did not write",
        "--force",
    ]);
    assert_same(&before, &snapshot(&p.base), "after a refused build");
    run(build_command(&p.root, &home).arg("--force")).succeeded();
    assert!(home.join("a/index.html").is_file());
    assert!(!home.join("Documents").exists());
    // Built by nnbook now (it carries the marker): the next build replaces it without asking.
    assert!(home.join(".nnbook-site").is_file());
    run(&mut build_command(&p.root, &home)).succeeded();
}

/// Files put into a site nnbook built, which it did not write, are never deleted: the build
/// stops, names them and leaves the site as it was, until they are moved (a file the site
/// should carry into `templates/`, which every build copies) or `--force` says to replace
/// everything. A file nnbook wrote and the user edited is nnbook's: rewritten.
#[test]
fn files_put_into_a_built_site_stop_the_build_until_moved_or_forced() {
    let p = Project::with_lessons(&[("a.md", &small(""))]);
    let out = p.root.join("site");
    build_at(&p.root, &out).succeeded();
    write(&out.join("CNAME"), "example.org\n");
    write(&out.join("extra/deep/notes.txt"), "mine\n");
    write(&out.join("a/slides.pdf"), "mine too\n");
    write(&out.join("a/index.html"), "edited by hand\n");
    let before = snapshot(&p.base);
    build_at(&p.root, &out).failed().says(&[
        "refusing to replace",
        "it holds files nnbook did not write: `CNAME`, `a/slides.pdf`, `extra/`",
        "`templates/`",
        "--force",
    ]);
    assert_same(&before, &snapshot(&p.base), "after a refused build");
    write(&p.root.join("templates/CNAME"), "example.org\n");
    fs::remove_file(out.join("CNAME")).unwrap();
    fs::remove_dir_all(out.join("extra")).unwrap();
    build_at(&p.root, &out)
        .failed()
        .says(&["nnbook did not write: `a/slides.pdf`\n"]);
    run(build_command(&p.root, &out).arg("--force")).succeeded();
    assert!(!out.join("a/slides.pdf").exists());
    assert_eq!(
        fs::read_to_string(out.join("CNAME")).unwrap(),
        "example.org\n"
    );
    assert!(fs::read_to_string(out.join("a/index.html"))
        .unwrap()
        .starts_with("<!DOCTYPE html>"));
    build_at(&p.root, &out).succeeded();
}

/// What nnbook may replace without `--force`: a new folder, an empty one, one it built, and
/// a project's default `site/` built by an earlier version (without the marker). The same
/// earlier-looking files anywhere else are refused.
#[test]
fn new_empty_and_nnbook_built_folders_are_replaced() {
    let p = Project::with_lessons(&[("a.md", &small(""))]);
    let new = p.base.join("new/site");
    run(&mut build_command(&p.root, &new)).succeeded();
    let empty = p.base.join("empty");
    fs::create_dir(&empty).expect("mkdir");
    run(&mut build_command(&p.root, &empty)).succeeded();
    for out in [&new, &empty] {
        assert!(out.join("a/index.html").is_file() && out.join(".nnbook-site").is_file());
    }
    // An earlier version's site: its files, no marker.
    let earlier = [
        "index.html",
        "404.html",
        "style.css",
        "copy.js",
        "favicon.svg",
    ];
    for f in earlier {
        write(&p.site().join(f), "from an earlier nnbook\n");
    }
    p.run_build().succeeded();
    assert!(p.site().join(".nnbook-site").is_file());
    let elsewhere = p.base.join("elsewhere");
    for f in earlier {
        write(&elsewhere.join(f), "not nnbook's\n");
    }
    run(&mut build_command(&p.root, &elsewhere))
        .failed()
        .says(&["refusing to replace"]);
    assert_eq!(
        fs::read_to_string(elsewhere.join("copy.js"))
            .ok()
            .as_deref(),
        Some("not nnbook's\n")
    );
}

/// `--out site/..` is the project: refused before anything is written (it used to pass the
/// check, fail with EBUSY and leave the staging folder behind).
#[test]
fn an_output_path_is_resolved_before_it_is_checked() {
    let p = Project::with_lessons(&[("a.md", &small(""))]);
    p.run_build().succeeded();
    let before = snapshot(&p.base);
    for out in ["site/..", "site/../.", "content/../site/.."] {
        run(build_command(Path::new("."), Path::new(out)).current_dir(&p.root))
            .failed()
            .says(&["refusing to write the site into"]);
        assert_same(&before, &snapshot(&p.base), out);
    }
    // A path through `..` that is not the project is fine, and lands where it says.
    run(build_command(Path::new("."), Path::new("content/../public")).current_dir(&p.root))
        .succeeded();
    assert!(p.root.join("public/a/index.html").is_file());
    // A root that is a file is told so (it was "cannot write the site to a.md/site").
    let before = snapshot(&p.base);
    let file = p.root.join("content/a.md");
    run(&mut build_command(&file, &file.join("site")))
        .failed()
        .says(&[
            "the project",
            "a.md is not a folder",
            "`--root` names the project's folder",
        ]);
    assert_same(&before, &snapshot(&p.base), "a root that is a file");
    // So do `check` and `serve` (which said "no content folder at a.md/content", and `serve`
    // went on serving it).
    for command in ["check", "serve"] {
        run(crate::support::nnbook()
            .args([command, "--root"])
            .arg(&file))
        .failed()
        .says(&["a.md is not a folder"]);
    }
    // A mistyped root is told, and nothing is made for it (a build left an empty folder
    // `lesons/`, where it had taken its lock).
    let before = snapshot(&p.base);
    for command in ["build", "check", "clean", "serve"] {
        run(crate::support::nnbook()
            .args([command, "--root", "lesons"])
            .current_dir(&p.root))
        .failed()
        .says(&["no project folder at lesons"]);
    }
    assert_same(&before, &snapshot(&p.base), "a root that is not there");
}

/// A lesson whose slug is a language code of the site (`fr.md` beside `*.fr.md` lessons) would
/// be replaced by that language's index: an error naming the file.
#[test]
fn a_slug_that_is_a_language_code_is_an_error() {
    let p = Project::with_lessons(&[("fr.md", &small("")), ("a.fr.md", &small("slug = \"a\"\n"))]);
    p.run_build().failed().says(&[
        "content/fr.md",
        "the slug `fr` is the code of a language",
        "fr/index.html",
    ]);
    // Without lessons in French, `fr` is an ordinary slug.
    fs::remove_file(p.root.join("content/a.fr.md")).expect("rm");
    p.run_build().succeeded();
    assert!(p.site().join("fr/index.html").is_file());
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

/// A rebuild links the files the published site holds unchanged (same inode: nothing created)
/// and writes the others; a file edited in the output by hand is compared by its bytes and
/// written anew, so the site is always exactly what the project builds.
#[test]
fn a_rebuild_links_unchanged_files_and_rewrites_the_others() {
    use std::os::unix::fs::MetadataExt;
    let p = Project::with_lessons(&[
        ("a.md", &small("slug = \"a\"\n")),
        ("b.md", &small("slug = \"b\"\n")),
    ]);
    p.run_build().succeeded();
    let site = p.site();
    let inode = |rel: &str| fs::metadata(site.join(rel)).expect(rel).ino();
    let before: Vec<u64> = [
        "a/index.html",
        "a/preview.svg",
        "b/preview.svg",
        "style.css",
    ]
    .iter()
    .map(|f| inode(f))
    .collect();
    // Lesson a's prose changes (its page, not its preview); b/preview.svg is edited by hand.
    write(
        &p.root.join("content/a.md"),
        small("slug = \"a\"\n").replace("The top node has", "The upper node has"),
    );
    let svg = site.join("b/preview.svg");
    let mut bytes = fs::read(&svg).expect("read svg");
    bytes[200] ^= 1;
    fs::write(&svg, &bytes).expect("tamper");
    let tampered = inode("b/preview.svg");
    p.run_build().succeeded();
    assert_ne!(
        inode("a/index.html"),
        before[0],
        "the changed page was not written"
    );
    assert_eq!(
        inode("a/preview.svg"),
        before[1],
        "an unchanged preview was written again"
    );
    assert_eq!(
        inode("style.css"),
        before[3],
        "an unchanged asset was written again"
    );
    assert_ne!(
        inode("b/preview.svg"),
        tampered,
        "the edited file was linked"
    );
    // Every file is what a fresh build of the project writes.
    let fresh = p.base.join("fresh");
    run(&mut build_command(&p.root, &fresh)).succeeded();
    assert_eq!(files(&site), files(&fresh));
}

/// A rebuild renders only the lessons whose inputs changed: the others are linked from the
/// published site as the manifest beside it recorded them, unless a file of theirs was edited
/// since. Whatever is reused, the site is exactly what a fresh build writes.
#[test]
fn a_rebuild_renders_only_what_changed() {
    let lessons: Vec<(String, String)> = (0..6)
        .map(|i| {
            (
                format!("l{i}.md"),
                small(&format!("slug = \"l{i}\"\norder = {i}\n")),
            )
        })
        .collect();
    let p = Project::with_lessons(&lessons);
    let rendered = |p: &Project| p.build().expect("build").rendered;
    assert_eq!(rendered(&p), 6, "the first build renders everything");
    assert_eq!(rendered(&p), 0, "nothing changed");
    // Prose of one lesson: that lesson only (its title, shown by its neighbours, is the same).
    write(
        &p.root.join("content/l2.md"),
        lessons[2]
            .1
            .replace("The top node has", "The upper node has"),
    );
    assert_eq!(rendered(&p), 1, "one lesson's prose changed");
    // A title: the lesson and its two neighbours (their previous/next links show it).
    write(
        &p.root.join("content/l4.md"),
        lessons[4].1.replace("Small lesson", "Renamed lesson"),
    );
    assert_eq!(rendered(&p), 3, "a title changed");
    // A file of the site edited by hand: its lesson is rendered and the file written anew.
    let page = p.site().join("l0/index.html");
    let mut text = fs::read_to_string(&page).expect("page");
    text.push_str("<!-- edited -->");
    write(&page, &text);
    assert_eq!(rendered(&p), 1, "an edited output file");
    // The lesson template: every lesson.
    let template = fs::read_to_string(Path::new(REPO).join("templates/lesson.html"))
        .expect("the default lesson template");
    write(
        &p.root.join("templates/lesson.html"),
        template.replace("</article>", "</article>\n"),
    );
    assert_eq!(rendered(&p), 6, "the lesson template changed");
    // No manifest (or an unreadable one): everything, and still the same site.
    let manifest = p.site().with_file_name(".site.nnbook-manifest");
    write(&manifest, "{ not json");
    assert_eq!(rendered(&p), 6, "an unreadable manifest");
    let fresh = p.base.join("fresh");
    run(&mut build_command(&p.root, &fresh)).succeeded();
    assert_eq!(files(&p.site()), files(&fresh));
}
