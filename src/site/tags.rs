//! The tags' pages (front matter `tags`, as Zola's and Hugo's taxonomies and Quarto's
//! categories): each tag of a language's lessons gets a page in that language's part of the
//! site, `tags/<slug>/index.html`, that lists its lessons as the index does; the index and
//! each tag's page name every tag of their language, with how many lessons have it.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::error::Diagnostic;
use crate::i18n::{self, Lang};
use crate::lesson::Lesson;
use crate::text::percent_encoded;

use super::place::{at_slug, language_folder, Placed};

/// The folder of a language's tag pages, under its language's folder.
pub const TAGS_FOLDER: &str = "tags";

/// A tag of a language's lessons: its name (as the first lesson with it writes it), its slug,
/// and its lessons (indices into the language's lessons, in their order).
pub struct TagPage<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub lessons: Vec<usize>,
}

impl TagPage<'_> {
    /// The page's folder, relative to the site root (`tags/relu`), for a language whose folder
    /// is `prefix`.
    pub fn folder(&self, prefix: &str) -> String {
        folder(prefix, self.slug)
    }

    /// The page's file, relative to the site root (`tags/relu/index.html`).
    pub fn file(&self, prefix: &str) -> String {
        format!("{}/index.html", self.folder(prefix))
    }

    /// The page's address relative to the site root ([`href`]).
    pub fn href(&self, prefix: &str) -> String {
        href(prefix, self.slug)
    }

    /// What the page and the feed are called in language `lang`: "Lessons tagged “ReLU”".
    pub fn title(&self, lang: Lang) -> String {
        i18n::sentence(lang, "tagged", &[("tag", self.name)])
    }
}

/// A lesson's tag as templates see it: its name and its page's address.
#[derive(Serialize)]
pub struct TagRef<'a> {
    name: &'a str,
    href: String,
}

impl TagRef<'_> {
    /// The tags of `lesson`, their pages' addresses from `base` ([`href`]).
    pub fn all<'a>(lesson: &'a Lesson, base: &str) -> Vec<TagRef<'a>> {
        (lesson.tags.iter())
            .map(|t| TagRef {
                name: &t.name,
                href: href(base, &t.slug),
            })
            .collect()
    }
}

/// The overview of the tags of a language whose folder is `prefix` (`tags/index.html`).
pub fn overview_file(prefix: &str) -> String {
    format!("{prefix}{TAGS_FOLDER}/index.html")
}

/// The folder of the page of the tag `slug`, from `base` (a language's folder, or the way to it
/// from a page).
fn folder(base: &str, slug: &str) -> String {
    format!("{base}{TAGS_FOLDER}/{slug}")
}

/// The address of the page of the tag `slug`, from `base` ([`folder`]), percent-encoded: a tag
/// may be in any script.
pub fn href(base: &str, slug: &str) -> String {
    percent_encoded(&format!("{}/index.html", folder(base, slug)))
}

/// The tags of `lessons` (one language's, in order), by slug: in the order of their slugs, their
/// numbers by value (`topic-2` before `topic-10`).
pub fn tag_pages<'a>(lessons: &[&'a Placed]) -> Vec<TagPage<'a>> {
    let mut pages: BTreeMap<&str, TagPage> = BTreeMap::new();
    for (i, p) in lessons.iter().enumerate() {
        for tag in &p.lesson.tags {
            let page = pages.entry(&tag.slug).or_insert_with(|| TagPage {
                name: &tag.name,
                slug: &tag.slug,
                lessons: Vec::new(),
            });
            page.lessons.push(i);
        }
    }
    let mut pages: Vec<TagPage> = pages.into_values().collect();
    pages.sort_by(|a, b| natural_order(a.slug, b.slug));
    pages
}

/// `a` and `b` compared as people order names with numbers: each run of digits by its value
/// (`2` before `10`, `007` as `7`, then by its zeros), the text between them as written.
fn natural_order(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        let (x, rest_a) = next_run(a);
        let (y, rest_b) = next_run(b);
        let order = match (x, y) {
            ("", "") => return Ordering::Equal,
            (x, y) if is_number(x) && is_number(y) => {
                let (tx, ty) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
                (tx.len().cmp(&ty.len()))
                    .then_with(|| tx.cmp(ty))
                    .then_with(|| x.len().cmp(&y.len()))
            }
            (x, y) => x.cmp(y),
        };
        if order != Ordering::Equal {
            return order;
        }
        (a, b) = (rest_a, rest_b);
    }
}

/// Whether a run of [`next_run`] is a number.
fn is_number(run: &str) -> bool {
    run.starts_with(|c: char| c.is_ascii_digit())
}

/// The first run of `text`, all ASCII digits or none, and the rest.
fn next_run(text: &str) -> (&str, &str) {
    let digits = is_number(text);
    let end = text
        .find(|c: char| c.is_ascii_digit() != digits)
        .unwrap_or(text.len());
    text.split_at(end)
}

/// The folders of every tag page of `placed` (`tags/relu/`), for the names of a build that
/// fails before making them: a link to one is not broken.
pub fn folders(placed: &[Placed], default_lang: &str) -> BTreeSet<String> {
    (placed.iter())
        .flat_map(|p| {
            let prefix = language_folder(&p.lang, default_lang);
            (p.lesson.tags.iter()).map(move |t| format!("{}/", folder(&prefix, &t.slug)))
        })
        .collect()
}

/// Warnings about a tag written otherwise than where a lesson before it in its language gives
/// it (`relu` after `ReLU`): one page lists both, under the first one's name.
pub fn warnings(placed: &[Placed]) -> Vec<Diagnostic> {
    let mut first: BTreeMap<(&str, &str), (&str, &Placed)> = BTreeMap::new();
    let mut warnings = Vec::new();
    for p in placed {
        for tag in &p.lesson.tags {
            let (name, by) = *first.entry((&p.lang, &tag.slug)).or_insert((&tag.name, p));
            if name != tag.name {
                let message = format!(
                    "the tag `{}` is written `{name}` in {}",
                    tag.name, by.lesson.source.path
                );
                warnings.push(
                    (p.lesson.source.error(tag.span.clone(), message).warning()).hint(format!(
                        "one page lists both, named `{name}`: write it so here too"
                    )),
                );
            }
        }
    }
    warnings
}

/// The languages whose lessons have tags: each has its tags' pages and their overview in its
/// `tags/` folder.
pub fn tagged_languages(placed: &[Placed]) -> BTreeSet<&str> {
    (placed.iter())
        .filter(|p| !p.lesson.tags.is_empty())
        .map(|p| p.lang.as_str())
        .collect()
}

/// The lessons and aliases that are where a language's tag pages are, in a language whose
/// lessons have tags: a lesson whose slug is `tags`, an alias `tags` or inside it.
pub fn conflicts(placed: &[Placed], default_lang: &str) -> Vec<Diagnostic> {
    let tagged = tagged_languages(placed);
    let in_folder = |path: &str| {
        path == TAGS_FOLDER
            || path
                .strip_prefix(TAGS_FOLDER)
                .is_some_and(|r| r.starts_with('/'))
    };
    // (An alias in a lesson's folder is told so: [`super::aliases::conflicts`].)
    let lessons: BTreeSet<&str> = placed.iter().map(|p| p.dir.as_str()).collect();
    let mut problems = Vec::new();
    for p in placed.iter().filter(|p| tagged.contains(p.lang.as_str())) {
        let own = format!("{}{TAGS_FOLDER}", language_folder(&p.lang, default_lang));
        let lesson = &p.lesson;
        if p.dir == own {
            let message = match lesson.slug_span {
                Some(_) => "the slug `tags` is the folder of the site's tag pages",
                None => "the file name gives the slug `tags`, the folder of the site's tag pages",
            };
            let problem = at_slug(lesson, message.to_string());
            problems.push(problem.expected("a slug that is no folder of the site's own").hint("the lessons of its language have tags, whose pages are in `tags/`: give this lesson another `slug`"));
        }
        let taken = lessons.contains(own.as_str());
        for alias in (lesson.aliases.iter()).filter(|a| in_folder(&a.path) && !taken) {
            problems.push(
                (lesson.source.error(alias.span.clone(), format!("the alias `{}` is in the folder of the site's tag pages", alias.path)))
                    .expected("an address no lesson has: an earlier slug of this lesson")
                    .hint("the lessons of its language have tags, whose pages are in `tags/`: leave the alias out"),
            );
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::natural_order;

    #[test]
    fn numbers_by_value() {
        let mut slugs = vec![
            "topic-10",
            "topic-2",
            "area",
            "topic-02",
            "topic-1b",
            "topic-1",
            "b2",
            "b10a",
            "激活函数",
            "10",
        ];
        slugs.sort_by(|a, b| natural_order(a, b));
        assert_eq!(
            slugs,
            [
                "10",
                "area",
                "b2",
                "b10a",
                "topic-1",
                "topic-1b",
                "topic-2",
                "topic-02",
                "topic-10",
                "激活函数"
            ]
        );
    }
}
