//! The static template check on valid customisations a reviewer wrote (none may be an error),
//! and on templates Tera would recurse through without end (an error, not a crash).

use crate::support::{fixture, Project};

const LESSON: &str = include_str!("../../templates/lesson.html");
const BASE: &str = include_str!("../../templates/base.html");
const END: &str = "{% endblock content %}";

/// A project of the valid lesson with `lesson.html` holding `extra` before its content's end,
/// and `files` among its templates.
fn with(extra: &str, files: &[(&str, &str)]) -> Project {
    let lesson = LESSON.replacen(END, &format!("{extra}\n{END}"), 1);
    let p = Project::new().lesson("valid.md", fixture("valid.md"));
    let p = files
        .iter()
        .fold(p, |p, (name, text)| p.template(name, *text));
    p.template("lesson.html", lesson).previous_site()
}

/// Square-bracket access, macros a base template imports or defines, a comment holding a tag:
/// Tera renders each, and the check let them through only after a reviewer found them
/// rejected (`the lesson page gets no \`t[]\``, `no macros imported as \`m\``).
#[test]
fn valid_customisations_are_not_errors() {
    let macros = "{% macro badge(text) %}<b>{{ text }}</b>{% endmacro badge %}";
    let base = BASE.replacen(
        "<!DOCTYPE html>",
        "{% import \"macros.html\" as m %}{% macro bself() %}b{% endmacro bself %}<!DOCTYPE html>",
        1,
    );
    assert_ne!(base, BASE, "base.html starts with its doctype");
    let extra = "{{ t[\"next\"] }}{{ lesson[\"title\"] }}{% set k = \"title\" %}{{ lesson[k] }}\
        {{ m::badge(text=lesson.title) }}{{ self::bself() }}{# {{ nope.x }} #}";
    let p = with(extra, &[("macros.html", macros), ("base.html", &base)]);
    let built = p.build();
    assert!(
        built.is_ok(),
        "{}",
        built.err().map(|e| e.to_string()).unwrap_or_default()
    );
}

/// A lesson page's extra text, the templates beside it, and the circle they make.
type Circle<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str);

/// A template that includes itself through another, a macro that calls itself on every call,
/// a macro file that imports itself: Tera recursed until the stack overflowed, and nnbook
/// aborted (exit 134, `serve` with it). Each is an error naming the circle; the previous site
/// stays.
#[test]
fn circles_are_errors_not_crashes() {
    let cases: [Circle; 3] = [
        (
            "{% include \"a.html\" %}",
            vec![
                ("a.html", "{% include \"b.html\" %}"),
                ("b.html", "{% include \"a.html\" %}"),
            ],
            "a.html → b.html → a.html",
        ),
        (
            "{{ self::r(n=1) }}{% if false %}{% endif %}",
            vec![],
            "lesson.html::r → lesson.html::r",
        ),
        (
            "{{ m::c() }}",
            vec![(
                "macros.html",
                "{% import \"macros.html\" as m %}{% macro c() %}x{% endmacro c %}",
            )],
            "macros.html → macros.html",
        ),
    ];
    for (extra, files, circle) in cases {
        let mut p = with(extra, &files);
        if circle.starts_with("lesson.html::r") {
            let lesson = LESSON
                .replacen(
                    "{% extends \"base.html\" %}",
                    "{% extends \"base.html\" %}{% macro r(n) %}{{ self::r(n=n) }}{% endmacro r %}",
                    1,
                )
                .replacen(END, &format!("{extra}\n{END}"), 1);
            p = p.template("lesson.html", lesson);
        } else if circle.starts_with("macros") {
            let lesson = LESSON
                .replacen(
                    "{% extends \"base.html\" %}",
                    "{% extends \"base.html\" %}{% import \"macros.html\" as m %}",
                    1,
                )
                .replacen(END, &format!("{extra}\n{END}"), 1);
            p = p.template("lesson.html", lesson);
        }
        let text = crate::invalid::failing_build(&p).to_string();
        assert!(
            text.contains(&format!("a circle that never ends: {circle}")),
            "{circle}: {text}"
        );
    }
}

/// A macro that calls itself inside an `if` that ends it is valid, and not a circle.
#[test]
fn a_macro_that_ends_its_recursion_is_not_a_circle() {
    let lesson = LESSON
        .replacen(
            "{% extends \"base.html\" %}",
            "{% extends \"base.html\" %}{% macro down(n) %}{{ n }}{% if n > 0 %}{{ self::down(n=n - 1) }}{% endif %}{% endmacro down %}",
            1,
        )
        .replacen(END, &format!("{{{{ self::down(n=3) }}}}\n{END}"), 1);
    let p = Project::new()
        .lesson("valid.md", fixture("valid.md"))
        .template("lesson.html", lesson);
    p.build().expect("builds");
    assert!(p.read("valid/index.html").contains("3210"));
}

/// What Tera has no bound for, each an error at the template, never a crash: a sum beyond the
/// largest number (Tera panicked, exit 101, and `serve` stopped rebuilding), a macro that
/// calls itself under a condition that never ends it (a stack overflow aborted nnbook), a
/// `range` of four billion numbers (an allocation of 100 GB aborted it), a `step_by` of 0,
/// loops inside loops that would run for hours. The same pages a few levels and turns short
/// of the bounds render.
#[test]
fn what_tera_has_no_bound_for_is_an_error_at_the_template() {
    let countdown = "{% macro down(n) %}{% if n > 0 %}{{ n }} {{ self::down(n=n - 1) }}{% endif %}{% endmacro down %}";
    let endless =
        "{% macro up(n) %}{% if n > -1 %}{{ self::up(n=n + 1) }}{% endif %}{% endmacro up %}";
    let cases: [(&str, &str, &[&str]); 6] = [
        (
            "<p>{{ extra.big + extra.big }}</p>",
            "",
            &["lesson.html:", "this arithmetic gives a number Tera cannot hold", "±1.8e308"],
        ),
        (
            "<p>{{ 9223372036854775807 + 1 }}</p>",
            "",
            &["lesson.html:", "^", "±9223372036854775807"],
        ),
        (
            "{{ m::up(n=0) }}",
            endless,
            &["macros.html:1:4", "macros called each other more than 64 deep"],
        ),
        (
            "{% for i in range(end=4000000000) %}{% endfor %}",
            "",
            &["`range` would make more than 1000000 numbers"],
        ),
        (
            "{% for i in range(end=5, step_by=0) %}{% endfor %}",
            "",
            &["`range` was called with `step_by=0`"],
        ),
        (
            "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}",
            "",
            &["more than 5000000 loop turns and macro calls in one page"],
        ),
    ];
    for (extra, macros, says) in cases {
        let lesson = LESSON.replacen(
            "{% extends \"base.html\" %}",
            "{% extends \"base.html\" %}{% import \"macros.html\" as m %}",
            1,
        );
        let p = Project::new()
            .lesson("valid.md", fixture("valid.md"))
            .config("[extra]\nbig = 1e308\n")
            .template("macros.html", format!("{macros}{countdown}"))
            .template(
                "lesson.html",
                lesson.replacen(END, &format!("{extra}\n{END}"), 1),
            )
            .previous_site();
        let before = crate::support::tree::snapshot(&p.base);
        p.run_build().failed().says(says);
        crate::support::tree::assert_same(&before, &crate::support::tree::snapshot(&p.base), extra);
    }
    // Within the bounds: a macro 60 deep, 4,000,000 turns.
    let within = "{{ m::down(n=60) }}{% for i in range(end=2000) %}{% for j in range(end=2000) %}{% endfor %}{% endfor %}";
    let lesson = LESSON.replacen(
        "{% extends \"base.html\" %}",
        "{% extends \"base.html\" %}{% import \"macros.html\" as m %}",
        1,
    );
    let p = Project::new()
        .lesson("valid.md", fixture("valid.md"))
        .template("macros.html", countdown)
        .template(
            "lesson.html",
            lesson.replacen(END, &format!("{within}\n{END}"), 1),
        );
    p.run_build().succeeded();
    assert!(p.read("valid/index.html").contains("60 59 58"));
}

/// A missing name read in a partial where nothing guards it is reported there, not at a
/// guarded read of it in the page's own template above (`{% if prev %}…{{ prev.title }}`).
#[test]
fn a_missing_name_in_a_partial_is_reported_in_the_partial() {
    let p = with(
        "{% include \"nav.html\" %}",
        &[("nav.html", "<nav>\n<a>{{ prev.title }}</a></nav>")],
    );
    let text = crate::invalid::failing_build(&p).to_string();
    assert!(text.contains("templates/nav.html:2:7"), "{text}");
}

/// A mistake in the lesson template whose message holds each page's value (`round` on the
/// title: "got `"A"`") is one error for the first page, saying how many other pages reach it
/// (before, one error per lesson: a hundred for a hundred lessons).
#[test]
fn a_mistake_every_page_reaches_is_said_once() {
    let lesson = LESSON.replacen("{{ lesson.title }}", "{{ lesson.title | round }}", 1);
    assert_ne!(lesson, LESSON, "lesson.html shows the title");
    let valid = crate::support::fixture_text("valid.md");
    // (Two titles alike: their pages' errors are the same words, and are two pages still.)
    let p = [("one", "One"), ("two", "Two"), ("three", "Two")]
        .iter()
        .fold(Project::new(), |p, (slug, title)| {
            let text = valid
                .replacen("+++\n", &format!("+++\nslug = \"{slug}\"\n"), 1)
                .replacen("A valid lesson", title, 1);
            p.lesson(&format!("{slug}.md"), text)
        })
        .template("lesson.html", lesson)
        .previous_site();
    let error = crate::invalid::failing_build(&p);
    assert_eq!(error.diagnostics.len(), 1, "{error}");
    let message = &error.diagnostics[0].message;
    assert!(
        message.starts_with("template error: Filter `round` was called on an incorrect value")
            && message.ends_with("(and on 2 other pages)"),
        "{error}"
    );
}

/// A template saved with a byte-order mark (Windows' Notepad) reads as one without, as a lesson
/// does (it was "unexpected tag" at 1:2); one that is not UTF-8 is an error at its first byte
/// that is not (it was at the file as a whole).
#[test]
fn a_templates_byte_order_mark_is_no_text_and_a_bad_byte_is_found() {
    let page =
        "{% extends \"base.html\" %}\r\n{% block content %}<h1>Lost</h1>{% endblock content %}\r\n";
    let p = Project::new()
        .lesson("valid.md", fixture("valid.md"))
        .template("404.html", format!("\u{feff}{page}"));
    p.build().expect("builds");
    assert!(p.read("404.html").contains("<h1>Lost</h1>"));
    assert!(!p.read("404.html").contains('\u{feff}'));
    let bad =
        "{% extends \"base.html\" %}\n{% block content %}<p>Caf\u{e9}</p>{% endblock content %}\n"
            .replace('\u{e9}', "\u{1}")
            .into_bytes()
            .into_iter()
            .map(|b| if b == 1 { 0xe9 } else { b })
            .collect::<Vec<u8>>();
    let p = Project::new()
        .lesson("valid.md", fixture("valid.md"))
        .template("404.html", bad)
        .previous_site();
    let text = crate::invalid::failing_build(&p).to_string();
    assert!(text.contains("templates/404.html:2:26"), "{text}");
    assert!(text.contains("save the template as UTF-8"), "{text}");
}

/// An HTML file in `templates/` that no page reaches: without Tera tags it is a file of the
/// site (a search console's verification file was never published), with tags a warning (Zola's
/// `page.html` and a misspelt override were passed over in silence). An empty page template,
/// an editor's save cut short, is an error: it published empty pages with exit 0.
#[test]
fn html_no_page_reaches_is_published_or_warned_and_an_empty_page_template_is_an_error() {
    let verification = "google-site-verification: google1234abcd.html\n";
    let p = Project::new()
        .lesson("valid.md", fixture("valid.md"))
        .template("google1234abcd.html", verification)
        .template(
            "page.html",
            "{% extends \"base.html\" %}{% block content %}MINE{% endblock content %}",
        )
        .template("nav.html", "<nav>{{ site_title }}</nav>")
        .template(
            "base.html",
            BASE.replacen("<body", "{% include \"nav.html\" %}<body", 1),
        );
    let built = p.build().expect("builds");
    assert_eq!(p.read("google1234abcd.html"), verification);
    let warned: Vec<String> = (built.warnings.iter())
        .map(|d| {
            format!(
                "{}: {}",
                d.location.as_ref().map_or("", |l| l.file.as_str()),
                d.message
            )
        })
        .collect();
    assert_eq!(warned, ["templates/page.html: no page uses this template"]);
    let p = Project::new()
        .lesson("valid.md", fixture("valid.md"))
        .template("base.html", " \n")
        .previous_site();
    let text = crate::invalid::failing_build(&p).to_string();
    assert!(text.contains("templates/base.html"), "{text}");
    assert!(text.contains("the template is empty"), "{text}");
}

/// A project's `404.html` that does not find the site's root (no `find_root`) is warned about
/// where the site has no address: its relative links broke for a missing page below the root,
/// unsaid. With a base URL its links are absolute, and nothing is said.
#[test]
fn a_404_page_that_cannot_find_the_root_is_warned_about_without_a_base_url() {
    let page = "{% extends \"base.html\" %}{% block content %}<h1>Lost</h1>{% endblock content %}";
    let project = |config: &str| {
        Project::new()
            .lesson("valid.md", fixture("valid.md"))
            .config(config)
            .template("404.html", page)
    };
    let warned = |p: &Project| -> Vec<String> {
        let built = p.build().expect("builds");
        (built.warnings.iter())
            .filter(|d| d.message.starts_with("the 404 page's links break"))
            .filter_map(|d| d.location.as_ref().map(|l| l.file.clone()))
            .collect()
    };
    assert_eq!(warned(&project("")), ["templates/404.html"]);
    assert!(warned(&project("base_url = \"https://example.org/\"\n")).is_empty());
    assert!(warned(&Project::new().lesson("valid.md", fixture("valid.md"))).is_empty());
}

/// Macros in a partial: Tera looks an included template's `m::link` up in the template that
/// includes it (and those it extends), never in the partial's own imports. Imported in
/// `base.html`, the check rejected what Tera renders ("no macros imported as `m`"); imported in
/// the partial alone, Tera failed with "did you mean `t`?". Both now as Tera has them.
#[test]
fn a_partials_macros_are_the_including_templates() {
    let macros = "{% macro link(name) %}<a class=\"nav-item\">{{ name }}</a>{% endmacro link %}";
    let nav = "<nav>{{ m::link(name=\"Home\") }}</nav>";
    let base = |import: &str| {
        BASE.replacen("<!DOCTYPE html>", &format!("{import}<!DOCTYPE html>"), 1)
            .replacen("<body", "{% include \"nav.html\" %}<body", 1)
    };
    let import = "{% import \"macros.html\" as m %}";
    let p = Project::new()
        .lesson("valid.md", fixture("valid.md"))
        .template("macros.html", macros)
        .template("nav.html", nav)
        .template("base.html", base(import));
    p.build().expect("imported where Tera looks");
    assert!(p
        .read("valid/index.html")
        .contains("<a class=\"nav-item\">Home</a>"));
    let p = Project::new()
        .lesson("valid.md", fixture("valid.md"))
        .template("macros.html", macros)
        .template("nav.html", format!("{import}{nav}"))
        .template("base.html", base(""))
        .previous_site();
    let error = crate::invalid::failing_build(&p);
    let told = crate::support::told(&error.diagnostics);
    assert_eq!(told.len(), 1, "{error}");
    assert!(
        told[0].0.starts_with(
            "template error: `m::link` is looked up in the template that includes this one"
        ),
        "{error}"
    );
    assert_eq!(told[0].1, "1:40", "{error}");
}

/// A project template's own links are checked as a lesson's: one after `{{ root }}` to a file
/// the site does not have, and one from the host's root (both published in silence; the same
/// links in a lesson were warnings). The default theme's, copied, give none.
#[test]
fn a_templates_own_links_are_checked() {
    let page = "{% extends \"base.html\" %}{% block head %}<link rel=\"stylesheet\" href=\"{{ root }}custm.css\"><link rel=\"stylesheet\" href=\"/custom.css\">{% endblock head %}{% block content %}<a href=\"{{ root }}valid/\">ok</a> <a href=\"{{ root }}custom.css#x\">ok</a>{% endblock content %}";
    let p = Project::new()
        .lesson("valid.md", fixture("valid.md"))
        .file("templates/custom.css", "body {}")
        .template("404.html", page);
    let built = p.build().expect("builds");
    let warned: Vec<String> = (built.warnings.iter())
        .filter(|d| {
            d.location
                .as_ref()
                .is_some_and(|l| l.file == "templates/404.html")
        })
        .map(|d| d.message.clone())
        .filter(|m| m.contains("link `"))
        .collect();
    assert_eq!(
        warned,
        [
            "broken link `{{ root }}custm.css`: the site has no `custm.css`",
            "link `/custom.css` starts at the host's root: it breaks where the site is published under a path (a GitHub Pages project site) or opened from disk",
        ]
    );
}

/// What a review of the day's template checks found them refusing or saying wrongly, each fine
/// before them: an end tag shown inside `{% raw %}`; a macro file with a syntax error, whose
/// macros every call was told missing; `templates/` itself a link to a shared theme, warned
/// as a link not followed (and followed); a 404 page whose root-finding script is a partial.
#[test]
fn the_template_checks_leave_valid_themes_alone() {
    let raw = "{% extends \"base.html\" %}{% block content %}<p>Close it with {% raw %}{% endif %}{% endblock other %}{% endraw %}.</p>{% endblock content %}";
    let p = Project::new()
        .lesson("valid.md", fixture("valid.md"))
        .config("base_url = \"https://example.org/\"\n")
        .template("404.html", raw);
    let built = p.build().expect("builds");
    assert!(built.warnings.is_empty(), "{:?}", built.warnings);
    assert!(p
        .read("404.html")
        .contains("<p>Close it with {% endif %}{% endblock other %}.</p>"));

    let index = include_str!("../../templates/index.html").replacen(
        "{% extends \"base.html\" %}",
        "{% extends \"base.html\" %}{% import \"m.html\" as m %}{{ m::card() }}",
        1,
    );
    let p = Project::new()
        .lesson("valid.md", fixture("valid.md"))
        .template("m.html", "{% macro card() %}\n{{ 1 2 }}{% endmacro card %}")
        .template("index.html", index)
        .previous_site();
    let error = crate::invalid::failing_build(&p);
    assert_eq!(error.diagnostics.len(), 1, "{error}");
    assert!(error.to_string().contains("templates/m.html:2:"), "{error}");

    let p = Project::new().lesson("valid.md", fixture("valid.md"));
    let shared = p.base.join("shared-theme");
    std::fs::create_dir_all(&shared).unwrap();
    std::fs::write(shared.join("footer.html"), "<footer>SHARED</footer>").unwrap();
    std::fs::write(
        shared.join("find-root.html"),
        "{% if find_root %}<script>/* finds it */</script>{% endif %}",
    )
    .unwrap();
    let head = "{% extends \"base.html\" %}{% block head %}{% include \"find-root.html\" %}{% endblock head %}{% block content %}{% include \"footer.html\" %}{% endblock content %}";
    std::fs::write(shared.join("404.html"), head).unwrap();
    std::os::unix::fs::symlink(&shared, p.root.join("templates")).unwrap();
    let built = p.build().expect("builds");
    assert!(built.warnings.is_empty(), "{:?}", built.warnings);
    assert!(p.read("404.html").contains("<footer>SHARED</footer>"));
}
