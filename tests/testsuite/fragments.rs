//! A link's fragment (`#the-spike`, `relu.md#kinks`) names an id of the page it links to, as
//! Zola checks an internal link's anchor: one naming no id of a lesson's page is a broken link,
//! told the closest id, in every build (also one that reuses the pages it linked).

use crate::support::{small, Project};

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
            "a heading's id is its words in lowercase, joined by `-` (`## The spike` is `#the-spike`); a figure's is `#figure-<id>`",
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
