//! The author's own fields for the templates, as Zola's `extra`: a lesson's `[extra]` (the
//! lesson page's `lesson.extra`, each index entry's `extra`) and nnbook.toml's (every page's
//! `extra`); the template check lets a template read any name under them; a number that is not
//! finite, and the lesson's own fields that TOML put into `[extra]`, are errors.

use crate::support::{small, Project};

/// A lesson page that shows its `[extra]` and the site's, and loads the sliders' script.
const LESSON: &str = "{% extends \"base.html\" %}{% block content %}<p id=\"extra\">{% if lesson.extra.level %}{{ lesson.extra.level }}, {{ lesson.extra.minutes }} min, {{ lesson.extra.when }}, {{ lesson.extra.marks.x[0] }}{% endif %} / {{ extra.course }}</p>\n{{ content | safe }}{% if explorable %}<script src=\"{{ root }}explore.js\" defer></script>{% endif %}{% endblock content %}";
/// An index that shows each lesson's level, where it has one.
const INDEX: &str = "{% extends \"base.html\" %}{% block content %}{% for entry in lessons %}<p class=\"entry\">{{ entry.title }}: {% if entry.extra.level %}{{ entry.extra.level }}{% else %}-{% endif %}</p>{% endfor %}{% endblock content %}";

/// The small lesson titled `title`, with `[extra]` lines `extra` at the end of its front matter.
fn lesson(title: &str, extra: &str) -> String {
    small("")
        .replacen(
            "title = \"Small lesson\"",
            &format!("title = \"{title}\""),
            1,
        )
        .replacen("\n+++\n", &format!("\n{extra}+++\n"), 1)
}

/// The one line of `html` that holds `needle`.
fn line_with<'h>(html: &'h str, needle: &str) -> Vec<&'h str> {
    html.lines().filter(|l| l.contains(needle)).collect()
}

#[test]
fn extra_fields_reach_the_templates() {
    let extra = "\n[extra]\nlevel = \"beginner\"\nminutes = 20\nwhen = 2026-12-06\n\n[extra.marks]\nx = [1.5, 2]\n";
    let p = Project::new()
        .config("[extra]\ncourse = \"CS 101 & <more>\"\n")
        .template("lesson.html", LESSON)
        .template("index.html", INDEX)
        .lesson("a.md", lesson("Alpha", extra))
        .lesson("b.md", lesson("Beta", ""));
    p.build().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        line_with(&p.read("a/index.html"), "id=\"extra\""),
        ["<p id=\"extra\">beginner, 20 min, 2026-12-06, 1.5 / CS 101 &amp; &lt;more&gt;</p>"]
    );
    assert_eq!(
        line_with(&p.read("b/index.html"), "id=\"extra\""),
        ["<p id=\"extra\"> / CS 101 &amp; &lt;more&gt;</p>"]
    );
    let index = p.read("index.html");
    assert_eq!(
        line_with(&index, "class=\"entry\""),
        ["<p class=\"entry\">Alpha: beginner</p><p class=\"entry\">Beta: -</p>"]
    );
}

#[test]
fn a_missing_extra_field_is_told_where_the_template_reads_it() {
    let template = LESSON
        .replace("{% if lesson.extra.level %}", "")
        .replace("{% endif %} /", " /");
    let p = Project::new()
        .template("lesson.html", template)
        .lesson(
            "a.md",
            lesson(
                "Alpha",
                "\n[extra]\nlevel = \"x\"\nminutes = 1\nwhen = 1\nmarks = { x = [1] }\n",
            ),
        )
        .lesson("b.md", lesson("Beta", ""));
    let error = p.build().expect_err("b has no level");
    let d = error.first();
    assert!(
        d.message.contains("`lesson.extra.level` not found"),
        "{error}"
    );
    assert!(
        d.message.ends_with(", on the page of content/b.md"),
        "{error}"
    );
    assert_eq!(d.location.as_ref().unwrap().file, "templates/lesson.html");
    assert_eq!(
        d.hint.as_deref(),
        Some("only the pages whose `[extra]` gives `lesson.extra.level` have it (a lesson's front matter, or nnbook.toml for every page): read it inside `{% if lesson.extra.level %}`")
    );
}

/// A field of nnbook.toml's `[extra]` misspelt in a template is told the one the page has:
/// `extra.brnd` got no "did you mean", with `brand` in nnbook.toml.
#[test]
fn a_misspelt_extra_field_is_told_the_one_the_page_has() {
    let template = LESSON.replace("{{ extra.course }}", "{{ extra.brnd }}");
    let p = Project::new()
        .config("[extra]\nbrand = \"ACME\"\n")
        .template("lesson.html", template)
        .lesson("a.md", lesson("Alpha", ""));
    let error = p.build().expect_err("no brnd");
    let hint = error.first().hint.clone().unwrap_or_default();
    assert!(
        hint.starts_with("did you mean `extra.brand`? Only the pages"),
        "{error}"
    );
}

/// Every number in `[extra]` that is not finite is an error at its own line (the first one
/// only was reported, at the `[extra]` line), and so is each field of the lesson's written
/// below `[extra]`.
#[test]
fn numbers_that_are_not_finite_and_fields_put_into_extra_are_errors() {
    let p = Project::new()
        .config("title = \"T\"\n\n[extra]\nratio = inf\nfine = 1.5\nrate = -nan\n")
        .lesson(
            "a.md",
            lesson(
                "Alpha",
                "\n[extra]\nlevel = { top = [1.0, nan] }\nlow = inf\n",
            ),
        )
        .lesson(
            "b.md",
            "+++\n[extra]\nlevel = \"x\"\ntitle = \"Beta\"\norder = 2\n+++\n\nText.\n",
        );
    let error = nnbook::check(&p.root).expect_err("four errors");
    let found: Vec<(String, usize, &str)> = (error.diagnostics.iter())
        .map(|d| {
            let at = d.location.as_ref().unwrap();
            (at.file.clone(), at.line, d.message.as_str())
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "content/a.md".to_string(),
                6,
                "`extra.level.top[1]` is not a finite number"
            ),
            (
                "content/a.md".to_string(),
                7,
                "`extra.low` is not a finite number"
            ),
            (
                "content/b.md".to_string(),
                4,
                "`title` is inside `[extra]`, not the lesson's"
            ),
            (
                "content/b.md".to_string(),
                5,
                "`order` is inside `[extra]`, not the lesson's"
            ),
            (
                "nnbook.toml".to_string(),
                4,
                "`extra.ratio` is not a finite number"
            ),
            (
                "nnbook.toml".to_string(),
                6,
                "`extra.rate` is not a finite number"
            ),
        ]
    );
}

/// A field of the configuration's own written below a table line is the table's: below
/// `[languages.<tag>]` it is unknown there, and the hint says why (it said to check the
/// spelling); below `[extra]` it was taken silently for one of the author's (`feed = true`
/// published no feed): an error at its line. A theme's own `extra.author` stays the author's.
#[test]
fn the_configurations_fields_below_a_table_are_told_so() {
    let config = "title = \"T\"\n\n[languages.zh-CN]\ntitle = \"课程\"\nfeed = true\n\n[extra]\nauthor = \"A\"\nsearch = false\n";
    let p = Project::new()
        .config(config)
        .lesson("a.md", lesson("Alpha", ""));
    let error = nnbook::check(&p.root).expect_err("two errors");
    let found: Vec<(usize, &str, &str)> = (error.diagnostics.iter())
        .map(|d| {
            let at = d.location.as_ref().unwrap();
            (at.line, d.message.as_str(), d.hint.as_deref().unwrap_or(""))
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                5,
                "invalid configuration: unknown field `feed`, expected one of `title`, `description`, `name`, `direction`, `edit_url`, `words`",
                "`feed` is a field of the configuration itself, but every key after a `[table]` line is that table's (here `[languages.zh-CN]`, line 3): move `feed` above the first `[table]` line"
            ),
            (
                9,
                "`search` is inside `[extra]`, not the configuration's",
                "move `[extra]` and its fields to the end of nnbook.toml"
            ),
        ],
        "{error}"
    );
}
