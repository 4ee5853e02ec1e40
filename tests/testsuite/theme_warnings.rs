//! Warnings about a project's own theme files that an older nnbook wrote (`nnbook init` copies
//! the default theme): snapshots of what `check` reports, as in `diagnostics`, and the files
//! that are not warned about.
//!
//! Update the snapshots with `INSTA_UPDATE=always cargo test --test testsuite theme_warnings::`
//! and review every line:column and underline by hand before committing them.

use crate::support::{assert_no_temp_path, Project};

/// The warnings `check` reports for a project that has no error, one after the other.
fn warnings_of(p: &Project) -> String {
    let site = nnbook::check(&p.root).unwrap_or_else(|e| panic!("{e}"));
    assert!(site.warnings.iter().all(|w| !w.is_error()));
    let joined: Vec<String> = site.warnings.iter().map(ToString::to_string).collect();
    joined.join("\n")
}

/// A project's own `explore.js` that does not look for the model under the id this nnbook
/// writes (a copy `nnbook init` made before the script stayed built in) finds no model: the
/// build warns, at the id it looks for. A copy of today's script, customised or not, and an
/// empty file (no sliders, on purpose) are not warned about.
#[test]
fn warning_for_an_explore_script_of_an_older_nnbook() {
    let small = crate::support::small("");
    let old = "(function () {\n  \"use strict\";\n  var el = document.getElementById(\"nn-model\");\n  if (!el) return;\n})();\n";
    let stale = Project::new()
        .lesson("a.md", &small)
        .template("explore.js", old);
    let out = warnings_of(&stale);
    assert_no_temp_path(&stale.root, &out);
    insta::assert_snapshot!(out);
    let built_in = nnbook::site::DEFAULT_TEMPLATES
        .iter()
        .find(|(name, _)| *name == "explore.js")
        .unwrap()
        .1;
    for own in [
        built_in.to_string(),
        format!("// my sliders\n{built_in}"),
        String::new(),
    ] {
        let project = Project::new()
            .lesson("a.md", &small)
            .template("explore.js", own);
        assert_eq!(warnings_of(&project), "");
    }
}

/// The math font was one file, `math.woff`, until the default theme cut it into five by Unicode
/// range. A stylesheet that `nnbook init` wrote before names it, and an override by that name
/// is loaded by no stylesheet now: both are warned about, where they are, and not when the
/// project ships its own `math.woff` for its own stylesheet.
#[test]
fn warnings_for_the_math_fonts_old_file() {
    let old_rules = "body { margin: 0; }\n@font-face {\n  font-family: \"nnbook Math\";\n  src: url(\"math.woff\") format(\"woff\");\n}\n";
    let small = crate::support::small("");
    let named = Project::new()
        .lesson("a.md", &small)
        .template("style.css", old_rules);
    let overridden = Project::new()
        .lesson("a.md", &small)
        .template("math.woff", b"wOFF");
    let out = format!("{}\n{}", warnings_of(&named), warnings_of(&overridden));
    assert_no_temp_path(&named.root, &out);
    insta::assert_snapshot!(out);
    let both = Project::new()
        .lesson("a.md", &small)
        .template("style.css", old_rules)
        .template("math.woff", b"wOFF");
    assert_eq!(warnings_of(&both), "");
    let own = Project::new()
        .lesson("a.md", &small)
        .template("style.css", old_rules.replace("math.woff", "math.woff2"))
        .template("math.woff2", b"wOF2");
    assert_eq!(warnings_of(&own), "");
}

/// A project's own `lesson.html` that loads no `explore.js` (what `nnbook init` wrote before
/// lesson pages had sliders) leaves a lesson with sliders static without a word: the build
/// warns, at the end of its `content` block, where the tag goes. Not when another lesson
/// template loads the script, when the project's `explore.js` is empty (no sliders, on purpose),
/// nor when no lesson has sliders.
#[test]
fn warning_for_a_lesson_template_that_loads_no_sliders_script() {
    let small = crate::support::small("");
    let before = "{% extends \"base.html\" %}\n{% block content %}\n<article>{{ content | safe }}</article>\n{% endblock content %}\n";
    let stale = Project::new()
        .lesson("a.md", &small)
        .template("lesson.html", before);
    let out = warnings_of(&stale);
    assert_no_temp_path(&stale.root, &out);
    insta::assert_snapshot!(out);
    let tag = "{% if explorable %}<script src=\"{{ root }}explore.js\" defer></script>{% endif %}";
    let fixed = before.replace(
        "{% endblock content %}",
        &format!("{tag}\n{{% endblock content %}}"),
    );
    let base = nnbook::site::DEFAULT_TEMPLATES
        .iter()
        .find(|(name, _)| *name == "base.html")
        .unwrap()
        .1;
    let in_base = base.replace("</body>", &format!("{tag}\n</body>"));
    assert_ne!(in_base, base, "the built-in base.html has a </body>");
    let without_sliders = small.replace("b3 = -16 }\n", "b3 = -16 }\n\n[controls]\n");
    assert_ne!(without_sliders, small);
    let quiet = [
        Project::new()
            .lesson("a.md", &small)
            .template("lesson.html", &fixed),
        Project::new()
            .lesson("a.md", &small)
            .template("lesson.html", before)
            .template("base.html", &in_base),
        Project::new()
            .lesson("a.md", &small)
            .template("lesson.html", before)
            .template("explore.js", ""),
        Project::new()
            .lesson("a.md", &without_sliders)
            .template("lesson.html", before),
    ];
    for project in quiet {
        assert_eq!(warnings_of(&project), "");
    }
}

/// A lesson template whose `explore.js` tag is commented out, in Tera's `{# #}` or HTML's
/// `<!-- -->`, loads no script: the build warns as when the tag is missing (before, the name
/// in the comment was taken for the tag).
#[test]
fn warning_for_a_sliders_script_commented_out() {
    let small = crate::support::small("");
    let tag = "{% if explorable %}<script src=\"{{ root }}explore.js\" defer></script>{% endif %}";
    for (open, close) in [("{#", "#}"), ("<!--", "-->")] {
        let lesson = format!(
            "{{% extends \"base.html\" %}}\n{{% block content %}}\n<article>{{{{ content | safe }}}}</article>\n{open} {tag} {close}\n{{% endblock content %}}\n"
        );
        let p = Project::new()
            .lesson("a.md", &small)
            .template("lesson.html", &lesson);
        let out = warnings_of(&p);
        assert!(
            out.contains("warning: the lesson pages do not load `explore.js`")
                && out.contains("hint: the tag that loads it is inside a comment"),
            "{open}: {out}"
        );
    }
}

/// A lesson template that loads `explore.js` from the lesson's own folder (`src="explore.js"`,
/// without `{{ root }}`) loads nothing: the build warns at the name. With `{{ root }}`, no word.
#[test]
fn warning_for_a_sliders_script_named_from_the_lesson_s_folder() {
    let small = crate::support::small("");
    for (src, warned) in [
        ("explore.js", true),
        ("./explore.js", true),
        ("{{ root }}explore.js", false),
    ] {
        let lesson = format!(
            "{{% extends \"base.html\" %}}\n{{% block content %}}\n<article>{{{{ content | safe }}}}</article>\n{{% if explorable %}}<script src=\"{src}\" defer></script>{{% endif %}}\n{{% endblock content %}}\n"
        );
        let p = Project::new()
            .lesson("a.md", &small)
            .template("lesson.html", &lesson);
        let out = warnings_of(&p);
        let expected = "warning: `explore.js` is loaded from each lesson's own folder, where there is none: lessons will have no sliders\n --> templates/lesson.html:4:33";
        assert_eq!(out.contains(expected), warned, "{src}: {out}");
        assert_eq!(
            out.contains("hint: write `src=\"{{ root }}explore.js\"`"),
            warned,
            "{src}: {out}"
        );
    }
}

/// `EARLIER` holds every version of every default theme file in this repository's history (each
/// one an `nnbook init` of its day may have copied into a project), but the current ones: a
/// change to a theme file fails this test until its previous version is listed. It prints the
/// lines to add. (Run where the repository's history is: a checkout without `.git`, or a
/// shallow one, skips it.)
#[test]
fn the_earlier_theme_lists_every_version_in_the_history() {
    use nnbook::site::earlier_theme::{fingerprint, EARLIER};
    use nnbook::site::DEFAULT_TEMPLATES;

    let Some(versions) = theme_history() else {
        eprintln!("not a whole Git checkout: the theme's history is not checked");
        return;
    };
    assert!(
        versions.len() > 100,
        "the history holds the theme's versions"
    );
    let mut missing = Vec::new();
    for (name, bytes) in &versions {
        let current = DEFAULT_TEMPLATES.iter().find(|(n, _)| n == name).unwrap().1;
        let print = fingerprint(bytes);
        if bytes != current.as_bytes() && !EARLIER.contains(&(name.as_str(), print)) {
            missing.push(format!("    (\"{name}\", 0x{print:016x}),"));
        }
    }
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "add to `EARLIER` in src/site/earlier_theme.rs:\n{}",
        missing.join("\n")
    );
    // Nor is a current file listed: it would be told to be an older one.
    for (name, text) in DEFAULT_TEMPLATES {
        let print = fingerprint(text.as_bytes());
        assert!(!EARLIER.contains(&(name, print)), "{name} is current");
    }
}

/// Every version in this repository's history of each file the default theme has now, by name
/// (`git log` and one `git cat-file --batch`); `None` outside a Git checkout, in a shallow one,
/// or without Git.
fn theme_history() -> Option<Vec<(String, Vec<u8>)>> {
    use std::io::Write;
    use std::process::{Command, Stdio};

    let repo = env!("CARGO_MANIFEST_DIR");
    if !std::path::Path::new(repo).join(".git").exists() {
        return None;
    }
    let git = |args: &[&str]| {
        let mut command = Command::new("git");
        command.arg("-C").arg(repo).args(args);
        command
    };
    // (A shallow clone holds too little of the history to check; nor can a machine without
    // Git check it.)
    let shallow = git(&["rev-parse", "--is-shallow-repository"])
        .output()
        .ok()?;
    if !shallow.status.success() || shallow.stdout.starts_with(b"true") {
        return None;
    }
    // Each version of each file: `:100644 100644 <old> <new> M\ttemplates/base.html`.
    // (`-m`: a merge that resolved a file into a version of its own shows it too.)
    let log = git(&[
        "log",
        "-m",
        "--format=",
        "--raw",
        "--no-abbrev",
        "--no-renames",
    ])
    .args(["--", "templates/"])
    .output()
    .expect("git log");
    assert!(
        log.status.success(),
        "{}",
        String::from_utf8_lossy(&log.stderr)
    );
    let mut versions: Vec<(String, String)> = String::from_utf8(log.stdout)
        .unwrap()
        .lines()
        .filter_map(|line| {
            let (fields, path) = line.split_once('\t')?;
            let blob = fields.split(' ').nth(3)?;
            let name = path.strip_prefix("templates/")?;
            let current = nnbook::site::DEFAULT_TEMPLATES
                .iter()
                .any(|(n, _)| *n == name);
            (current && !blob.bytes().all(|b| b == b'0')).then(|| (name.into(), blob.into()))
        })
        .collect();
    versions.sort();
    versions.dedup();
    // Their bytes: `<blob> blob <size>\n<bytes>\n` each.
    let mut cat = git(&["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("git cat-file");
    let mut stdin = cat.stdin.take().unwrap();
    let ids: String = versions
        .iter()
        .map(|(_, blob)| format!("{blob}\n"))
        .collect();
    let writer = std::thread::spawn(move || stdin.write_all(ids.as_bytes()));
    let out = cat.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let mut rest = out.stdout.as_slice();
    let mut files = Vec::new();
    for (name, _) in versions {
        let header_end = rest.iter().position(|&b| b == b'\n').unwrap();
        let header = std::str::from_utf8(&rest[..header_end]).unwrap();
        let size: usize = header.rsplit(' ').next().unwrap().parse().unwrap();
        files.push((name, rest[header_end + 1..header_end + 1 + size].to_vec()));
        rest = &rest[header_end + 2 + size..];
    }
    Some(files)
}

/// A project's unchanged copies of the default theme as earlier nnbooks wrote them (files from
/// this repository's history, in `tests/fixtures/earlier-theme/`: a `lesson.html` from before
/// the sliders, a `style.css` that loads `math.woff`, a `404.html`) are told in one warning, at
/// the first, which says to delete them; not again for what each lacks. One that was changed
/// is the author's: only what it lacks is told. A copy saved with CRLF line ends is still known.
#[test]
fn warning_for_unchanged_copies_of_an_earlier_theme() {
    let small = crate::support::small("");
    let fixture = |name: &str| crate::support::fixture_text(&format!("earlier-theme/{name}"));
    let stale = Project::new()
        .lesson("a.md", &small)
        .template("404.html", fixture("404.html").replace('\n', "\r\n"))
        .template("lesson.html", fixture("lesson.html"))
        .template("style.css", fixture("style.css"));
    let out = warnings_of(&stale);
    assert_no_temp_path(&stale.root, &out);
    insta::assert_snapshot!(out);

    // The lesson template changed by its author: no longer a copy, it is told what it lacks.
    let changed = Project::new()
        .lesson("a.md", &small)
        .template(
            "lesson.html",
            fixture("lesson.html").replace("<article", "<article id=\"mine\""),
        )
        .template("style.css", fixture("style.css"));
    let out = warnings_of(&changed);
    assert!(
        out.contains(
            "`templates/style.css` is the default theme's file as an earlier nnbook wrote it"
        ),
        "{out}"
    );
    assert!(!out.contains("`templates/lesson.html`"), "{out}");
    assert!(
        out.contains("the lesson pages do not load `explore.js`"),
        "{out}"
    );
    assert!(!out.contains("math.woff"), "{out}");
}
