//! A link's fragment (`#the-spike`, `relu.md#kinks`) names an id of the page it links to, as
//! Zola checks an internal link's anchor: one naming no id of a lesson's page is a broken link,
//! told the closest id, in every build (also one that reuses the pages it linked).

use crate::support::{small, told, Project};

/// The small lesson with `prose` after its front matter.
fn with(prose: &str) -> String {
    small("").replacen("+++\n\n", &format!("+++\n\n{prose}\n\n"), 1)
}

/// Each broken-link warning of a build: its message, its place (`line:column`) and its hint.
fn broken(p: &Project) -> Vec<(String, String, String)> {
    let built = p.build().unwrap_or_else(|e| panic!("{e}"));
    let warnings = built.warnings.iter();
    let links = warnings.filter(|w| w.message.starts_with("broken link"));
    links
        .map(|w| {
            let at = w.location.as_ref().expect("a place");
            let place = format!("{}:{}:{}", at.file, at.line, at.column);
            (w.message.clone(), place, w.hint.clone().unwrap_or_default())
        })
        .collect()
}

#[test]
fn a_fragment_naming_an_id_of_its_page_is_a_link() {
    let links = "[up](#the-spike), [figure](#figure-step-1), [there](b.md#steps), \
                 [page](../b/index.html#steps), [中](b.md#第二步), [encoded](b.md#%E7%AC%AC%E4%BA%8C%E6%AD%A5), \
                 [note](#fn-1), [main](#main), [query](b.md?x=1#steps)";
    let a = with(&format!(
        "## The spike\n\n{links}\n\n<p id=\"fn-1\">A note.</p>"
    ));
    let p = Project::with_lessons(&[("a.md", a), ("b.md", with("## Steps\n\n## 第二步"))]);
    assert_eq!(broken(&p), Vec::<(String, String, String)>::new());
}

#[test]
fn a_fragment_naming_no_id_is_a_broken_link_told_the_closest() {
    let a = with("## The spike\n\nSee [up](#the-spikes), [there](b.md#stepz) and\n[far](../b/index.html#nothing-like-it).");
    let p = Project::with_lessons(&[("a.md", a), ("b.md", with("## Steps"))]);
    let expected = [
        (
            "broken link `#the-spikes`: this page has no id `the-spikes`",
            "content/a.md:8:10",
            "did you mean `#the-spike`?",
        ),
        (
            "broken link `b.md#stepz`: `b/index.html` has no id `stepz`",
            "content/a.md:8:32",
            "did you mean `#steps`?",
        ),
        (
            "broken link `../b/index.html#nothing-like-it`: `b/index.html` has no id `nothing-like-it`",
            "content/a.md:9:7",
            "a heading's id is its words in lowercase, joined by `-` (`## The spike` is `#the-spike`), or the one written after it (`{#spike}`); a figure's is `#figure-<id>`",
        ),
    ];
    let expected: Vec<(String, String, String)> = (expected.iter())
        .map(|(m, at, h)| (m.to_string(), at.to_string(), h.to_string()))
        .collect();
    assert_eq!(broken(&p), expected);
    // The next build reuses both pages from the published site: their ids come from its record.
    assert_eq!(broken(&p), expected);
    // The heading linked to is added: the link is whole, though its page is not rendered again.
    let b = p.root.join("content/b.md");
    std::fs::write(&b, with("## Steps\n\n## Stepz")).expect("write");
    assert_eq!(broken(&p).len(), 2);
}

/// A heading's id written after it (`## The spike {#spike}`), as Zola, mdBook, Hugo and Quarto
/// read it, is its id (with its classes), the contents' too, and what a fragment names; the
/// notebook leaves the block out (Jupyter showed it as text). The same id twice is an error; other
/// attributes (`{a, b}`, whose text the heading loses) a warning.
#[test]
fn a_headings_written_id_is_its_id() {
    let prose =
        "## The spike {#spike .intro}\n\nSee [it](#spike), [not](#spik).\n\n## Two\n\n### Three";
    let p = Project::with_lessons(&[("a.md", with(prose))]);
    assert_eq!(
        broken(&p),
        [(
            "broken link `#spik`: this page has no id `spik`".to_string(),
            "content/a.md:8:25".to_string(),
            "did you mean `#spike`?".to_string()
        )]
    );
    let page = p.read("a/index.html");
    assert!(page.contains(
        "<h2 id=\"spike\" class=\"intro\">The spike\u{a0}<a class=\"anchor\" href=\"#spike\""
    ));
    assert!(
        page.contains("href=\"#spike\">The spike</a>"),
        "the contents' entry"
    );
    let notebook = p.read("a/a.ipynb");
    assert!(notebook.contains("\"## The spike\\n\""), "{notebook}");
    assert!(!notebook.contains("{#spike"));
}

#[test]
fn a_written_id_twice_is_an_error_and_other_attributes_a_warning() {
    let twice = with("## One {#same}\n\n## Two {#same}\n\n## Figure {#figure-step-1}");
    let p = Project::with_lessons(&[("a.md", twice)]);
    let error = p.build().expect_err("an id twice");
    let problems: Vec<(String, String)> = (error.diagnostics.iter())
        .filter(|d| d.is_error())
        .map(|d| {
            let at = d.location.as_ref().expect("a place");
            (d.message.clone(), format!("{}:{}", at.line, at.column))
        })
        .collect();
    let expected = [
        ("the id `same` is on this page already", "8:9"),
        ("the id `figure-step-1` is on this page already", "10:12"),
    ];
    let expected: Vec<(String, String)> = (expected.iter())
        .map(|(m, at)| (m.to_string(), at.to_string()))
        .collect();
    assert_eq!(problems, expected);
    let p = Project::with_lessons(&[(
        "a.md",
        with("## Sets {a, b}\n\n## Kept {a, b\\}\n\nTwo {x} −\nlines {c}\n---"),
    )]);
    let built = p.build().unwrap_or_else(|e| panic!("{e}"));
    let warnings = told(&built.warnings);
    let warnings: Vec<(&str, &str, &str)> = (warnings.iter())
        .map(|(m, at, h)| (m.as_str(), at.as_str(), h.as_str()))
        .collect();
    assert_eq!(
        warnings,
        [
            (
                "`{a, b}` after a heading is read as its attributes, and is not shown",
                "6:9",
                "to show the braces, escape the closing one: `{a, b\\}`"
            ),
            // (A setext heading's attributes end its last line of text.)
            (
                "`{c}` after a heading is read as its attributes, and is not shown",
                "11:7",
                "to show the braces, escape the closing one: `{c\\}`"
            )
        ]
    );
    assert!(p.read("a/index.html").contains(">Kept {a, b}\u{a0}<a"));
}

/// A page keeps its ids only while some lesson links to a fragment; the first such link written
/// renders the pages again, with them, and is checked in that build (the earlier build, which
/// published them without ids, is reused for nothing that needs them).
#[test]
fn the_first_fragment_link_is_checked_against_pages_built_before_it() {
    let p = Project::with_lessons(&[("a.md", with("See [b](b.md).")), ("b.md", with("## Steps"))]);
    assert!(broken(&p).is_empty());
    std::fs::write(p.root.join("content/a.md"), with("See [b](b.md#stepz).")).expect("write");
    let warnings = broken(&p);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(
        warnings[0].0,
        "broken link `b.md#stepz`: `b/index.html` has no id `stepz`"
    );
}

/// A lesson that does not render (a misspelt placeholder) has its fragments checked all the
/// same, against the ids its body gives (its headings', drawings', raw HTML's) and those every
/// rendered page has (`#main`): before, only its links to other pages were, and `#a-headin` was
/// told only once the placeholder was fixed. A link into it from another lesson too.
#[test]
fn the_fragments_of_a_lesson_that_does_not_render_are_checked() {
    let links = "[a](#the-spikes), [b](#the-spike), [c](#figure-step-1), [d](#figure-step-9), \
                 [e](#fn-1), [f](#main), {{ w9 }}";
    let a = with(&format!(
        "## The spike\n\n{links}\n\n<p id=\"fn-1\">A note.</p>"
    ));
    let b = with("[into a](a.md#the-spike) and [not](a.md#the-spik).");
    let p = Project::with_lessons(&[("a.md", a), ("b.md", b)]);
    let error = p.build().expect_err("a misspelt placeholder");
    let broken: Vec<(&str, &str)> = (error.diagnostics.iter())
        .filter(|d| d.message.starts_with("broken link"))
        .map(|d| (d.message.as_str(), d.hint.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        broken,
        [
            (
                "broken link `#the-spikes`: this page has no id `the-spikes`",
                "did you mean `#the-spike`?"
            ),
            (
                "broken link `#figure-step-9`: this page has no id `figure-step-9`",
                "did you mean `#figure-step-1`?"
            ),
            (
                "broken link `a.md#the-spik`: `a/index.html` has no id `the-spik`",
                "did you mean `#the-spike`?"
            ),
        ],
        "{error}"
    );
}

/// A link from the host's root to a page of the site (`/b/`) works only where the site is the
/// host's root: a warning with the link relative to the page, which works under a path (a
/// GitHub Pages project site) and from disk too. One to what the site does not hold (`/about/`,
/// another part of the host) is left alone.
#[test]
fn a_link_from_the_hosts_root_to_the_site_is_told_the_relative_one() {
    let a = with("See [b](/b/), [its figure](/b/index.html#figure-step-1) and [about](/about/).");
    let p = Project::with_lessons(&[("a.md", a), ("b.md", with(""))]);
    let built = p.build().unwrap_or_else(|e| panic!("{e}"));
    let told: Vec<(&str, &str)> = (built.warnings.iter())
        .filter(|w| w.message.contains("starts at the host's root"))
        .map(|w| (w.message.as_str(), w.hint.as_deref().unwrap_or("")))
        .collect();
    let hint = |relative: &str| {
        format!("link it relative to this page, `{relative}`, or a lesson by its Markdown file (`relu.md`), as nnbook publishes it")
    };
    assert_eq!(
        told,
        [
            ("link `/b/` starts at the host's root: it breaks where the site is published under a path (a GitHub Pages project site) or opened from disk", hint("../b/index.html").as_str()),
            ("link `/b/index.html#figure-step-1` starts at the host's root: it breaks where the site is published under a path (a GitHub Pages project site) or opened from disk", hint("../b/index.html#figure-step-1").as_str()),
        ]
    );
}
