//! The theme's templates: a broken tag, an unknown variable, a tag left open.

use super::template_error;

#[test]
fn broken_template_tag() {
    template_error("broken_if.html", "{% if %}");
}

#[test]
fn unknown_template_variable() {
    let error = template_error("unknown_variable.html", "{{ lesson.titel }}");
    assert!(
        error.diagnostics[0].message.contains("lesson.titel"),
        "{error}"
    );
    // The name the page's data holds that is closest to it.
    assert!(
        error.to_string().contains("did you mean `lesson.title`?"),
        "{error}"
    );
}

/// `{{ lesson.title }}` on the line before must not be taken for `{{ title }}`.
#[test]
fn unknown_template_variable_whose_name_appears_earlier() {
    template_error("unknown_variable_reused_word.html", "{{ title }}");
}

/// A template tag left open was reported on the next line (26:6 for a mistake on line 25).
#[test]
fn a_template_tag_left_open_is_reported_where_it_opens() {
    let error = template_error("tag_left_open.html", "{% if prev or next");
    assert!(
        error.diagnostics[0].message.contains("is not closed"),
        "{error}"
    );
}

/// An `{% if %}` or `{% for %}` left open is reported where it opens, naming the line of the
/// tag Tera met instead of its end: it was "unexpected tag; expected an `elif` tag…" at that
/// tag, with a hint on tag syntax, never saying which tag was open.
#[test]
fn an_if_or_for_left_open_is_reported_where_it_opens() {
    use crate::support::{fixture, Project};
    for (open, end) in [("{% if root %}", "endif"), ("{% for l in toc %}", "endfor")] {
        let page = format!("{{% extends \"base.html\" %}}\n{{% block content %}}\n<h1>x</h1>\n{open}\n<p>y</p>\n{{% endblock content %}}\n");
        let p = Project::new()
            .lesson("valid.md", fixture("valid.md"))
            .template("404.html", page)
            .previous_site();
        let error = super::failing_build(&p);
        let (message, at, _) = &crate::support::told(&error.diagnostics)[0];
        let tag = &open[3..open[3..].find(' ').unwrap() + 3];
        assert_eq!(
            (message.as_str(), at.as_str()),
            (
                format!("template error: `{{% {tag} %}}` is not closed before line 6").as_str(),
                "4:1"
            ),
            "{error}"
        );
        assert!(
            error.to_string().contains(&format!("{{% {end} %}}")),
            "{error}"
        );
    }
}

/// A name after `endblock` or `endmacro` that is not what it closes is an error at the name
/// (Tera let `{% endblock contnet %}` close `content` in silence; Jinja refuses it).
#[test]
fn an_end_tag_naming_another_block_is_an_error_at_the_name() {
    use crate::support::{fixture, Project};
    let page = "{% extends \"base.html\" %}\n{% block content %}x{% endblock contnet %}\n";
    let macros = "{% macro card(x) %}{{ x }}{% endmacro crad %}";
    let p = Project::new()
        .lesson("valid.md", fixture("valid.md"))
        .template("404.html", page)
        .template("macros.html", macros)
        .previous_site();
    let error = super::failing_build(&p);
    let told: Vec<(String, String)> = (crate::support::told(&error.diagnostics).into_iter())
        .map(|(message, at, _)| (message, at))
        .collect();
    assert_eq!(
        told,
        [
            (
                "template error: this closes `content`, not `contnet`".to_string(),
                "2:33".to_string()
            ),
            (
                "template error: this closes `card`, not `crad`".to_string(),
                "1:39".to_string()
            ),
        ],
        "{error}"
    );
}

/// A mistake inside a macro is reported in the macro's file, at the mistake: it was reported at
/// the macro's call in the template that imports it (`m::card`), for a filter and for a
/// variable alike.
#[test]
fn a_mistake_inside_a_macro_is_reported_in_the_macro() {
    use crate::support::{fixture, Project};
    let lesson = include_str!("../../../templates/lesson.html")
        .replacen(
            "{% extends \"base.html\" %}",
            "{% extends \"base.html\" %}\n{% import \"macros.html\" as m %}",
            1,
        )
        .replacen(
            "{% block content %}",
            "{% block content %}\n{{ m::card(title=\"x\") }}",
            1,
        );
    for (mistake, name) in [
        ("{{ title | upper | nosuchfilter }}", "nosuchfilter"),
        ("{{ titel }}", "titel"),
    ] {
        let macros = format!(
            "{{% macro card(title) %}}\n<div>\n  <p>{mistake}</p>\n</div>\n{{% endmacro card %}}\n"
        );
        let p = Project::new()
            .lesson("valid.md", fixture("valid.md"))
            .template("lesson.html", &lesson)
            .template("macros.html", &macros)
            .previous_site();
        let error = super::failing_build(&p);
        let loc = error.diagnostics[0].location.as_ref().expect("a location");
        assert!(loc.file.ends_with("templates/macros.html"), "{error}");
        assert_eq!(loc.line, 3, "{error}");
        assert_eq!(loc.column, 6 + mistake.find(name).unwrap(), "{error}");
    }
}

/// A mistake in each of `lesson.html`, `index.html` and `404.html`: three problems in one run
/// (a lesson template's mistake hid the index's, and the index's the 404 page's), and the same
/// with a lesson whose figure is broken (its problem, and the index's and 404 page's).
#[test]
fn a_mistake_in_each_page_template_is_reported_in_one_run() {
    use crate::support::{fixture, fixture_text, Project};
    let mistake = |name: &str, at: &str| {
        let text = match name {
            "lesson.html" => include_str!("../../../templates/lesson.html"),
            "index.html" => include_str!("../../../templates/index.html"),
            _ => include_str!("../../../templates/404.html"),
        };
        assert!(text.contains(at), "{name} has {at}");
        text.replacen(at, &format!("{{{{ nope_{} }}}}{at}", &name[..3]), 1)
    };
    let with = |p: Project| {
        p.template("index.html", mistake("index.html", "</h1>"))
            .template("404.html", mistake("404.html", "</h1>"))
            .previous_site()
    };
    let p = with(
        Project::new()
            .lesson("valid.md", fixture("valid.md"))
            .template(
                "lesson.html",
                mistake("lesson.html", "{% endblock content %}"),
            ),
    );
    let error = super::failing_build(&p);
    let text = error.to_string();
    for name in ["nope_les", "nope_ind", "nope_404", "3 errors"] {
        assert!(text.contains(name), "{name}: {text}");
    }
    let broken = fixture_text("valid.md").replacen("signal = \"", "signal = \"x", 1);
    let p = with(Project::new().lesson("broken.md", broken));
    let text = super::failing_build(&p).to_string();
    for name in ["does not exist", "nope_ind", "nope_404", "3 errors"] {
        assert!(text.contains(name), "{name}: {text}");
    }
}

/// A syntax error in two templates, a missing parent and a missing macro file in two more, and
/// a name a page does not get in a fifth: five problems in one run (Tera stops adding templates
/// at the first, and the static check needs them all: it took five runs).
#[test]
fn every_templates_syntax_error_and_the_others_mistakes_in_one_run() {
    use crate::support::{fixture, Project};
    let p = Project::new()
        .lesson("valid.md", fixture("valid.md"))
        .template("404.html", "{% extends \"base.html\" %}\n{% block content %}{% if root %}x\n{% endblock content %}\n")
        .template("lesson.html", "{% extends \"base.html\" %}\n{% block content %}{{ lesson.title \n{% endblock content %}\n")
        .template("search.html", "{% extends \"bsae.html\" %}\n")
        .template("nav.html", "{% import \"macro.html\" as m %}{{ m::a() }}\n")
        .template("tags.html", "{% extends \"base.html\" %}\n{% block content %}{{ site_titel }}{% endblock content %}\n")
        .previous_site();
    let text = super::failing_build(&p).to_string();
    for said in [
        "templates/404.html:",
        "templates/lesson.html:2:20",
        "bsae.html",
        "macro.html",
        "templates/tags.html:2:23",
        "5 errors",
    ] {
        assert!(text.contains(said), "{said}: {text}");
    }
}

/// A misspelt filter gets Tera's closest filter, and a misspelt field of a loop's variable the
/// field its list's items have (`entry.titel` in `{% for entry in toc %}`): both got the list
/// of the page's variables, which names neither.
#[test]
fn misspelt_filters_and_loop_fields_get_a_did_you_mean() {
    use crate::support::{fixture, Project};
    let built_in = include_str!("../../../templates/lesson.html");
    // (Three headings: the table of contents, and its loop, are drawn.)
    let lesson = format!(
        "{}\n## One\n\n## Two\n\n## Three\n",
        String::from_utf8(fixture("valid.md")).unwrap()
    );
    for (from, to, want) in [
        ("toc | length", "toc | lenght", "did you mean `length`?"),
        (
            "{{ entry.title }}",
            "{{ entry.titel }}",
            "did you mean `entry.title`?",
        ),
    ] {
        assert!(built_in.contains(from), "{from}");
        let p = Project::new()
            .lesson("valid.md", &lesson)
            .template("lesson.html", built_in.replacen(from, to, 1))
            .previous_site();
        let error = super::failing_build(&p);
        assert!(error.to_string().contains(want), "{error}");
    }
}

/// A misspelt filter, test and function where no page reaches them (a branch that is false on
/// every page): Tera reported none of them, and the build passed. They are found without
/// rendering, each once, with Tera's closest name; the build fails, the previous site stays.
/// A filter a page reaches is reported once, not once found and once reached.
#[test]
fn mistakes_where_no_page_reaches_them_are_found() {
    use crate::support::{fixture, Project};
    let built_in = include_str!("../../../templates/lesson.html");
    let end = "{% endblock content %}";
    let never = "{% if explorable and not explorable %}{{ content | lenght }}\
        {% if prev is defind %}{{ rnage(end=2) }}{% endif %}{{ toc | lenght }}{% endif %}";
    let reached = "{{ content | saf }}";
    let lesson = built_in.replacen(end, &format!("{never}{reached}\n{end}"), 1);
    let line = lesson.lines().position(|l| l.contains("lenght")).unwrap() + 1;
    let p = Project::new()
        .lesson("valid.md", fixture("valid.md"))
        .template("lesson.html", lesson)
        .previous_site();
    let text = super::failing_build(&p).to_string();
    for (mistake, hint, column) in [
        (
            "Filter 'lenght' not found",
            "did you mean `length`? (a filter of Tera's)",
            52,
        ),
        (
            "Test 'defind' not found",
            "did you mean `defined`? (a test of Tera's)",
            75,
        ),
        (
            "Function 'rnage' not found",
            "did you mean `range`? (a function of Tera's)",
            87,
        ),
        (
            "Filter 'saf' not found",
            "did you mean `safe`? (a filter of Tera's)",
            155,
        ),
    ] {
        let at = format!("templates/lesson.html:{line}:{column}");
        assert_eq!(text.matches(mistake).count(), 1, "{mistake}: {text}");
        assert!(
            text.contains(hint) && text.contains(&at),
            "{mistake} at {at}: {text}"
        );
    }
    assert!(text.ends_with("\n4 errors\n"), "{text}");
}

/// A name the page does not get, where no page fails on it: `{% if lesson.sumary %}` read as
/// false, a loop's `entry.titel` in a table of contents no lesson has, `loop.indx`, a name only
/// the lesson page gets in the index's template, a template included that is not there. Each is
/// an error with the closest name, as the author wrote it. Names read on purpose (`is defined`,
/// `default`), guarded so anywhere in the template, set by it, or bound by a loop over what is
/// not the page's, are not errors.
#[test]
fn names_the_page_does_not_get_are_found() {
    use crate::support::{fixture, Project};
    let end = "{% endblock content %}";
    let fine = "{% set shown = lesson.title %}{{ shown }}{% if nope is defined %}{{ nope }}\
        {{ nope2 | default(value=1) }}{% endif %}{% for x in range(end=2) %}{{ x }}\
        {{ loop.index }}{% endfor %}{{ analytics | default(value=t.previous) }}";
    let lesson = include_str!("../../../templates/lesson.html")
        .replacen("{% if lesson.summary %}", "{% if lesson.sumary %}", 1)
        .replacen("{{ entry.title }}", "{{ entry.titel }}", 1)
        .replacen(end, &format!("{fine}\n{end}"), 1);
    let never = "{% if lessons and not lessons %}{{ lesson.slug }}\
        {% for l in lessons %}{{ loop.indx }}{% endfor %}{% include \"partal.html\" %}{% endif %}";
    let index =
        include_str!("../../../templates/index.html").replacen(end, &format!("{never}{end}"), 1);
    let p = Project::new()
        .lesson("valid.md", fixture("valid.md"))
        .template("lesson.html", lesson)
        .template("index.html", index)
        .previous_site();
    let text = super::failing_build(&p).to_string();
    for (what, hint) in [
        (
            "the lesson page gets no `lesson.sumary`",
            "did you mean `lesson.summary`?",
        ),
        (
            "the lesson page gets no `entry.titel`",
            "did you mean `entry.title`?",
        ),
        (
            "the index page gets no `lesson`",
            "the lesson page also lesson.",
        ),
        ("a loop's `loop` has no `indx`", "did you mean `index`?"),
        (
            "no template `partal.html`",
            "a template is a file of the project's templates/ folder",
        ),
    ] {
        assert!(
            text.contains(what) && text.contains(hint),
            "{what}, {hint}: {text}"
        );
    }
    assert!(text.ends_with("\n5 errors\n"), "{text}");
}

/// A filter given the wrong arguments is reported as that, in Tera's words, not as a filter
/// that does not exist (it was, with its own name as the "did you mean").
#[test]
fn a_filter_given_wrong_arguments_is_not_an_unknown_filter() {
    use crate::support::{fixture, Project};
    let lesson = include_str!("../../../templates/lesson.html").replacen(
        "{{ content | safe }}",
        "{{ content | safe }}{{ lesson.title | replace(from=\"a\") }}",
        1,
    );
    let p = Project::new()
        .lesson("valid.md", fixture("valid.md"))
        .template("lesson.html", lesson)
        .previous_site();
    let text = super::failing_build(&p).to_string();
    assert!(
        text.contains("Filter `replace` expected an arg called `to`"),
        "{text}"
    );
    assert!(
        !text.contains("not found") && !text.contains("did you mean"),
        "{text}"
    );
    assert!(text.contains("check what `replace` is given"), "{text}");
}

/// The shipped theme reads only what its pages get, and names only filters, tests and
/// functions Tera has: the static check finds nothing in it.
#[test]
fn the_built_in_theme_passes_the_static_check() {
    use crate::support::{fixture, Project};
    let p = Project::new().lesson("valid.md", fixture("valid.md"));
    let summary = p.build().expect("builds");
    assert!(summary.warnings.is_empty(), "{:#?}", summary.warnings);
}

/// A page that lacks `prev` (the first lesson) fails at a read of `prev.href` that nothing
/// guards: the error is there, not at the guarded read above it inside `{% if prev %}`, and
/// says how to guard it.
#[test]
fn a_missing_name_is_reported_where_nothing_guards_it() {
    use crate::support::{fixture, Project};
    let end = "{% endblock content %}";
    let lesson = include_str!("../../../templates/lesson.html").replacen(
        end,
        &format!("<a href=\"{{{{ prev.href }}}}\">back</a>\n{end}"),
        1,
    );
    let line = lesson
        .lines()
        .position(|l| l.starts_with("<a href"))
        .unwrap()
        + 1;
    let p = Project::new()
        .lesson("valid.md", fixture("valid.md"))
        .template("lesson.html", lesson)
        .previous_site();
    let text = super::failing_build(&p).to_string();
    assert!(
        text.contains(&format!("templates/lesson.html:{line}:13")),
        "{text}"
    );
    assert!(
        text.contains("not every page gets `prev` (the first lesson has none)"),
        "{text}"
    );
    assert!(text.ends_with("\n1 error\n"), "{text}");
}

/// A call of a macro that is not there, where no page reaches it: a misspelt macro, a
/// namespace nothing is imported as, a `self::` macro the template does not define. Each is
/// found without rendering, with the closest name; reached, it is reported once.
#[test]
fn macros_that_are_not_there_are_found() {
    use crate::support::{fixture, Project};
    let macros = "{% macro card(title) %}<div>{{ title }}</div>{% endmacro card %}\n";
    let end = "{% endblock content %}";
    let lesson = include_str!("../../../templates/lesson.html")
        .replacen(
            "{% extends \"base.html\" %}",
            "{% extends \"base.html\" %}\n{% import \"macros.html\" as m %}",
            1,
        )
        .replacen(
            end,
            &format!(
                "{{% if explorable and not explorable %}}{{{{ mm::card(title=\"b\") }}}}\
                 {{{{ self::nope() }}}}{{% endif %}}{{{{ m::crad(title=\"a\") }}}}\n{end}"
            ),
            1,
        );
    let p = Project::new()
        .lesson("valid.md", fixture("valid.md"))
        .template("lesson.html", lesson)
        .template("macros.html", macros)
        .previous_site();
    let text = super::failing_build(&p).to_string();
    for (what, hint) in [
        ("no macros imported as `mm`", "did you mean `m`?"),
        (
            "no macro `nope` in this template",
            "a macro is defined with",
        ),
        ("no macro `crad` in macros.html", "did you mean `card`?"),
    ] {
        assert_eq!(text.matches(what).count(), 1, "{what}: {text}");
        assert!(text.contains(hint), "{hint}: {text}");
    }
    assert!(text.ends_with("\n3 errors\n"), "{text}");
}

/// `{%}` in a template, an opening whose `%` is also a closing's, panicked the search for the
/// tag left open (found by mutating the built-in templates). It is an error.
#[test]
fn an_opening_that_closes_itself_is_an_error_not_a_panic() {
    use crate::support::{fixture, Project};
    let lesson = include_str!("../../../templates/lesson.html").replacen(
        "{% endblock content %}",
        "{%}\n{% endblock content %}",
        1,
    );
    let p = Project::new()
        .lesson("valid.md", fixture("valid.md"))
        .template("lesson.html", lesson)
        .previous_site();
    let text = super::failing_build(&p).to_string();
    assert!(text.contains("templates/lesson.html:"), "{text}");
}
