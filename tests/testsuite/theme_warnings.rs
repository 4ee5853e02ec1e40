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
