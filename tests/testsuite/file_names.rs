//! Symbolic links cannot pull files from outside the project and loops cannot hang the walk;
//! file names that are not UTF-8 are errors, not panics.

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::time::Duration;

use crate::support::tree::{assert_same, files, snapshot, write};
use crate::support::{small, Project};

#[test]
fn links_out_of_the_project_are_not_followed_and_loops_do_not_hang() {
    let p = Project::with_lessons(&[("a.md", &small("slug = \"a\"\n"))]);
    let secret_lesson = small("slug = \"secret\"\n").replace("Small lesson", "SECRET-OUTSIDE");
    write(&p.base.join("outside/secret.md"), &secret_lesson);
    write(&p.base.join("outside/secret.css"), "/* SECRET-CSS */\n");
    write(
        &p.root.join("lessons/inner.md"),
        small("").replace("Small lesson", "INNER-LESSON"),
    );
    let content = p.root.join("content");
    symlink(p.base.join("outside/secret.md"), content.join("outside.md")).expect("symlink");
    symlink(p.base.join("outside"), content.join("outside-dir")).expect("symlink");
    symlink("..", content.join("loop")).expect("symlink");
    symlink(".", content.join("self")).expect("symlink");
    symlink("nowhere.md", content.join("dangling.md")).expect("symlink");
    symlink("../lessons/inner.md", content.join("inner.md")).expect("symlink");
    fs::create_dir_all(p.root.join("templates")).expect("mkdir templates");
    symlink(
        p.base.join("outside/secret.css"),
        p.root.join("templates/secret.css"),
    )
    .expect("symlink");
    symlink("..", p.root.join("templates/loop")).expect("symlink");
    // A theme's link to a file inside the project is followed, as a lesson's (it was passed
    // over in silence: the built-in style published instead of the project's).
    write(&p.root.join("shared/style.css"), "/* SHARED-STYLE */\n");
    symlink("../shared/style.css", p.root.join("templates/style.css")).expect("symlink");
    let r = p.run_build_within(Duration::from_secs(20));
    r.succeeded().says(&[
        "content/outside.md",
        "outside the project",
        "content/outside-dir",
        "content/loop",
        "content/self",
        "a link to a folder is not followed",
        "content/dangling.md",
        "templates/secret.css",
        "copy the file into templates/",
        "templates/loop",
    ]);
    assert!(p.read("style.css").contains("SHARED-STYLE"));
    assert!(r.elapsed < Duration::from_secs(10), "took {:?}", r.elapsed);
    let site = files(&p.site());
    for (name, bytes) in &site {
        let text = String::from_utf8_lossy(bytes);
        for secret in ["SECRET-OUTSIDE", "SECRET-CSS"] {
            assert!(!text.contains(secret), "{name} holds {secret}");
        }
    }
    assert!(!site.keys().any(|f| f.starts_with("secret/")));
    // The link to a lesson inside the project is followed.
    let inner = String::from_utf8_lossy(site.get("inner/index.html").expect("inner lesson"));
    assert!(inner.contains("INNER-LESSON"));
    assert!(site.contains_key("a/index.html"));
}

#[test]
fn a_file_name_that_is_not_utf8_is_an_error_not_a_panic() {
    let p = Project::with_lessons(&[("ok.md", &small(""))]);
    let content = p.root.join("content");
    fs::write(
        content.join(OsStr::from_bytes(b"bad\xff.md")),
        small("slug = \"bad\"\n"),
    )
    .expect("write");
    let before = snapshot(&p.base);
    p.run_build()
        .failed()
        .says(&["content/bad", "not valid UTF-8"]);
    assert_same(&before, &snapshot(&p.base), "a non-UTF-8 lesson name");

    // The same in templates/.
    let p = Project::with_lessons(&[("ok.md", &small(""))]);
    write(
        &p.root
            .join("templates")
            .join(OsStr::from_bytes(b"bad\xfe.css")),
        "p {}\n",
    );
    p.run_build()
        .failed()
        .says(&["templates/bad", "not valid UTF-8"]);

    // A folder name that is not UTF-8 holding a lesson with a good name: no panic. The folder
    // is not part of the slug, so the lesson builds (unlike a file name, which is an error).
    let p = Project::with_lessons(&[("ok.md", &small(""))]);
    write(
        &p.root
            .join("content")
            .join(OsStr::from_bytes(b"dir\xff"))
            .join("inner.md"),
        small(""),
    );
    p.run_build().succeeded();
    for page in ["ok/index.html", "inner/index.html"] {
        assert!(p.site().join(page).is_file(), "{page} missing");
    }
}

/// `content/` itself a link to a folder outside the project (a shared lesson folder): it is
/// built, and no warning says it is "not followed" (they used to disagree).
#[test]
fn a_content_folder_that_is_a_link_is_built_without_a_warning() {
    let p = Project::new();
    let shared = p.base.join("shared-lessons");
    write(&shared.join("a.md"), small("slug = \"a\"\n"));
    // Inside it, a link out of the project is still not followed.
    symlink(p.base.join("outside.md"), shared.join("out.md")).expect("symlink");
    write(&p.base.join("outside.md"), small("slug = \"outside\"\n"));
    if p.root.join("content").exists() {
        fs::remove_dir_all(p.root.join("content")).expect("rm content");
    }
    fs::create_dir_all(&p.root).expect("mkdir");
    symlink(&shared, p.root.join("content")).expect("symlink content");
    let site = nnbook::check(&p.root).unwrap_or_else(|e| panic!("does not build:\n{e}"));
    assert_eq!(site.lessons, 1);
    let warnings: Vec<String> = site.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("content/out.md") && warnings[0].contains("outside the project"),
        "{warnings:?}"
    );
}

/// Hidden files were lessons to a build (a Mac's `._relu.md`, not UTF-8, failed it; a copy
/// `.relu-old.md` gave the slug twice) but editor files to `serve`'s watcher, and a theme's
/// `.nojekyll` and `.htaccess`, which the refusal of a foreign file tells the user to put into
/// `templates/`, were dropped without a word. `content/` passes over hidden files and folders
/// (as Zola and Hugo do) and Emacs's lock links; `templates/` copies hidden files but editor and
/// system files (`.DS_Store`, a swap file) and version control's (a theme's `.git/config` may
/// hold a token).
#[test]
fn hidden_files_are_passed_over_in_content_and_copied_from_templates() {
    let a = small("slug = \"a\"\n");
    let p = Project::with_lessons(&[("a.md", &a)])
        .lesson("._a.md", b"\x00\x05\x16\x07\xff\xfe")
        .lesson(".a-old.md", &a)
        .lesson(".obsidian/notes.md", "no front matter")
        .file("templates/.nojekyll", "")
        .file("templates/.htaccess", "ErrorDocument 404 /404.html\n")
        .file("templates/.well-known/security.txt", "Contact: x\n")
        .file("templates/.DS_Store", "\x00")
        .file("templates/.style.css.swp", "swap")
        .file(
            "templates/.git/config",
            "url = https://user:token@example.com/theme.git\n",
        )
        .file("templates/.gitignore", "*.tmp\n")
        .file("templates/Thumbs.db", "\x00");
    symlink("user@host.1234", p.root.join("content/.#a.md")).expect("symlink");
    let built = p.build().unwrap_or_else(|e| panic!("{e}"));
    assert!(built.warnings.is_empty(), "{:?}", built.warnings);
    assert_eq!(built.lessons, 1);
    let site = files(&p.site());
    for copied in [".nojekyll", ".htaccess", ".well-known/security.txt"] {
        assert!(site.contains_key(copied), "{copied}");
    }
    for left in [
        ".DS_Store",
        ".style.css.swp",
        "a-old",
        ".git",
        ".gitignore",
        "Thumbs.db",
    ] {
        assert!(!site.keys().any(|k| k.starts_with(left)), "{left}");
    }
}
