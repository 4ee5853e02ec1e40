//! `nnbook clean`, as mdBook's: it removes the site a build made and what a build keeps
//! beside it, and nothing else; where the output folder rule protects a folder from a build,
//! it protects it from `clean`, without a `--force`.

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

use crate::support::tree::{assert_same, snapshot, write};
use crate::support::{nnbook, run, small, Project, Run};

/// `nnbook clean --root ROOT [ARGS...]`.
fn clean(root: &Path, args: &[&str]) -> Run {
    run(nnbook().arg("clean").arg("--root").arg(root).args(args))
}

/// `nnbook build --root ROOT --quiet` (the default `site/`).
fn build(root: &Path) {
    run(nnbook().args(["build", "--quiet", "--root"]).arg(root)).succeeded();
}

#[test]
fn clean_removes_the_site_and_what_a_build_keeps_beside_it_and_nothing_else() {
    let p = Project::with_lessons(&[("a.md", &small(""))]);
    write(&p.base.join("notes.txt"), "mine\n");
    let before = snapshot(&p.base);
    // Two builds: the second sets the first site aside (`.site.nnbook-trash`).
    build(&p.root);
    build(&p.root);
    for kept in [
        ".site.nnbook-manifest",
        ".site.nnbook-trash",
        "site/.nnbook-site",
    ] {
        assert!(p.root.join(kept).exists(), "{kept}");
    }
    // A killed build's staging folder goes too.
    write(&p.root.join(".site.nnbook-staging/a/index.html"), "half\n");
    let out = clean(&p.root, &[]);
    out.succeeded().prints(&[
        "removed ",
        "site",
        ".site.nnbook-trash",
        ".site.nnbook-manifest",
    ]);
    assert_same(&before, &snapshot(&p.base), "after clean");
    clean(&p.root, &[])
        .succeeded()
        .prints(&["nothing to remove"]);
    // Nor does a mistyped `--out` make the folders to it (the lock's folder was made).
    let typo = p.root.join("typo/deep/site");
    clean(&p.root, &["--out", typo.to_str().unwrap()])
        .succeeded()
        .prints(&["nothing to remove"]);
    assert_same(
        &before,
        &snapshot(&p.base),
        "after a clean of a mistyped --out",
    );
    // The next build starts from nothing and makes the same site.
    build(&p.root);
    assert!(p.root.join("site/a/index.html").is_file());
}

/// What a build refuses to replace, `clean` refuses to remove, with nothing touched: a file put
/// into the site by hand (named), a folder nnbook did not build, a link, the project and its
/// folders. An empty folder is left as it is.
#[test]
fn clean_never_removes_what_nnbook_did_not_write() {
    let p = Project::with_lessons(&[("a.md", &small(""))]);
    build(&p.root);
    write(&p.root.join("site/CNAME"), "lessons.example.org\n");
    let other = p.base.join("other");
    write(&other.join("thesis.txt"), "thesis\n");
    let elsewhere = p.base.join("elsewhere");
    write(&elsewhere.join(".nnbook-site"), "built\n");
    symlink(&elsewhere, p.base.join("link")).expect("symlink");
    fs::create_dir(p.base.join("empty")).unwrap();
    let before = snapshot(&p.base);
    clean(&p.root, &[]).failed().says(&[
        "refusing to remove",
        "nnbook did not write: `CNAME`",
        "then clean again",
    ]);
    let refused = |out: &Path, says: &[&str]| {
        let out = out.to_str().unwrap();
        clean(&p.root, &["--out", out]).failed().says(says);
    };
    refused(
        &other,
        &[
            "refusing to remove",
            "nnbook did not write",
            "delete the folder yourself",
        ],
    );
    refused(
        &p.base.join("link"),
        &["refusing to remove", "it is a link to"],
    );
    for protected in [p.root.clone(), p.root.join("content"), p.base.clone()] {
        refused(
            &protected,
            &["refusing to remove", "name its folder with `--out DIR`"],
        );
    }
    refused(
        &p.base.join("other/thesis.txt"),
        &["is not a folder", "never a file"],
    );
    let empty = p.base.join("empty");
    clean(&p.root, &["--out", empty.to_str().unwrap()])
        .succeeded()
        .prints(&["nothing to remove"]);
    assert_same(&before, &snapshot(&p.base), "after refused cleans");
}
