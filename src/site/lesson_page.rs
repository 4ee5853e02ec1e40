//! A lesson's page: the lesson rendered without a theme ([`crate::render`]), put into the
//! theme's `lesson.html` with its neighbours and translations, and its files written out or
//! kept.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use crate::error::Diagnostic;
use crate::i18n::{self, Lang};
use crate::lesson::{Lesson, LessonDate, Reference};
use crate::project::edit_link;
use crate::render::{self, notebook_name, Rendered};
use crate::text;

use super::cache::{LessonKey, RenderedLesson};
use super::manifest::LessonRecord;
use super::place::{link_of_file, root_of, Placed, Target};
use super::reuse::Previous;
use super::tags::TagRef;
use super::theme::Theme;

/// A link from a lesson page to another lesson, as templates see it.
#[derive(Serialize)]
struct Link {
    title: String,
    href: String,
    lang: String,
    /// The language's name, for translation links.
    name: String,
}

/// The lesson, as templates see it (`lesson.title`, ...).
#[derive(Serialize)]
struct LessonContext<'a> {
    title: &'a str,
    summary: &'a str,
    slug: &'a str,
    /// The work the lesson follows: `title`, `author` (may be empty), `url`.
    source: Option<&'a Reference>,
    /// When it was published, and last changed (on another day), if the front matter says.
    date: Option<DateContext>,
    updated: Option<DateContext>,
    /// Its tags, each with its page.
    tags: Vec<TagRef<'a>>,
    /// The author's own fields (front matter `[extra]`).
    extra: &'a serde_json::Map<String, serde_json::Value>,
}

impl LessonContext<'_> {
    /// The context of `lesson`, in language `lang`, on its page.
    fn of<'a>(lesson: &'a Lesson, lang: Lang) -> LessonContext<'a> {
        LessonContext {
            // (A lesson's folder is its slug in its language's: `../` leads to that.)
            tags: TagRef::all(lesson, "../"),
            title: &lesson.title,
            summary: &lesson.summary,
            slug: &lesson.slug,
            source: lesson.reference.as_ref(),
            extra: &lesson.extra,
            date: DateContext::published(lesson, lang),
            updated: DateContext::updated(lesson, lang),
        }
    }
}

/// A day, as templates see it: `day` for a `<time datetime>` (`2026-12-06`), `shown` for the
/// reader ("6 December 2026").
#[derive(Serialize)]
pub(super) struct DateContext {
    day: String,
    shown: String,
}

impl DateContext {
    /// When `lesson` was published, if its front matter says, in language `lang`.
    pub(super) fn published(lesson: &Lesson, lang: Lang) -> Option<DateContext> {
        lesson.date.map(|d| DateContext::of(&d, lang))
    }

    /// When `lesson` last changed, if on a later day than it was published (changed on that
    /// day, only that day is shown).
    pub(super) fn updated(lesson: &Lesson, lang: Lang) -> Option<DateContext> {
        (lesson.updated)
            .filter(|u| lesson.date.is_none_or(|d| d.day_text() != u.day_text()))
            .map(|u| DateContext::of(&u, lang))
    }

    fn of(date: &LessonDate, lang: Lang) -> DateContext {
        DateContext {
            day: date.day_text(),
            shown: i18n::date(lang, (date.year, date.month, date.day)),
        }
    }
}

/// The lesson's place in its series, as templates see it (`series.label`: "Part 2 of 3").
#[derive(Serialize)]
struct SeriesContext<'a> {
    name: &'a str,
    part: u32,
    count: usize,
    label: String,
}

/// What `lesson.html` gets as `series`: the name, the part, the count and "Part 2 of 3".
fn series_context<'a>(s: &'a super::place::SeriesPlace, lang: Lang) -> SeriesContext<'a> {
    let (part, count) = (s.part.to_string(), s.count.to_string());
    SeriesContext {
        name: &s.name,
        part: s.part,
        count: s.count,
        label: i18n::sentence(lang, "part_of", &[("part", &part), ("count", &count)]),
    }
}

/// A template's mistake on the page of the lesson `file`: a name one lesson's page lacks
/// (`lesson.extra.level`, `prev`) names the page (Tera's words for it); every other mistake is
/// the template's, whatever the page.
fn on_page(mut d: Diagnostic, file: &str) -> Vec<Diagnostic> {
    if d.message.contains("not found in context") {
        d.message = format!("{}, on the page of {file}", d.message);
    }
    vec![d]
}

/// Render a lesson (figures, body, notebook) and put its body through the theme's page.
pub fn render_lesson(
    theme: &Theme,
    placed: &Placed,
    key: LessonKey,
    base_url: Option<&str>,
) -> Result<RenderedLesson, Vec<Diagnostic>> {
    let lesson: &Lesson = &placed.lesson;
    let dir = &placed.dir;
    let root = root_of(dir);
    let lang = theme.lang(&placed.lang);
    let mut rendered = render::render(lesson, lang)?;
    if let Some(sources) = &key.neighbours.sources {
        link_sources(placed, &sources.files, &mut rendered);
    }
    let link = |t: &Target| Link {
        title: t.title.clone(),
        href: format!("{root}{}/index.html", t.dir),
        lang: t.lang.clone(),
        name: theme.language_name(&t.lang),
    };
    let prefix = dir.strip_suffix(lesson.slug.as_str()).unwrap_or("");
    let home = format!("{root}{prefix}index.html");
    let mut ctx = theme.context(
        (&root, &home, base_url),
        &placed.lang,
        &lesson.title,
        &lesson.summary,
    );
    ctx.insert("lesson", &LessonContext::of(lesson, lang));
    ctx.insert("content", &rendered.page.html);
    ctx.insert("toc", &rendered.page.toc);
    ctx.insert("notebook", &notebook_name(&lesson.slug));
    let neighbours = &key.neighbours;
    if let Some(p) = &neighbours.prev {
        ctx.insert("prev", &link(p));
    }
    if let Some(n) = &neighbours.next {
        ctx.insert("next", &link(n));
    }
    ctx.insert("explorable", &lesson.explorable());
    if let Some(s) = &neighbours.series {
        ctx.insert("series", &series_context(s, lang));
    }
    let translations: Vec<Link> = neighbours.translations.iter().map(link).collect();
    ctx.insert("translations", &translations);
    if let Some(base) = base_url {
        ctx.insert("page_url", &format!("{base}{dir}/"));
    }
    if let Some(url) = theme.config.edit_url_for(&placed.lang) {
        ctx.insert("edit_url", &edit_link(url, &lesson.source.path));
    }
    let html = (theme.render("lesson.html", &ctx)).map_err(|d| on_page(d, &lesson.source.path))?;
    let anchors = (key.neighbours.anchored).then(|| crate::markdown::html_ids(&html));
    let figures = rendered.figures.len();
    let links = rendered.page.links.clone();
    // (A site without search keeps no text for it, in the cache or the manifest.)
    let search = (theme.config.search).then(|| std::mem::take(&mut rendered.page.text));
    let search = search.unwrap_or_default();
    let preview = (rendered.thumbnail.as_ref()).map(|_| render::preview_path(dir));
    let mut files = vec![(format!("{dir}/index.html"), Arc::new(html.into_bytes()))];
    files.extend(
        rendered
            .files(dir, &lesson.slug)
            .into_iter()
            .map(|(name, bytes)| (name, Arc::new(bytes))),
    );
    Ok(RenderedLesson {
        key,
        files,
        written: Vec::new(),
        figures,
        preview,
        links,
        anchors,
        search,
        record: None,
    })
}

/// The links of a lesson (`placed`, `rendered`) to a file of `content/` made links to the site's
/// file for it (`files`, [`super::place::site_files`]): another lesson's Markdown file
/// (`[ReLU](relu.md#kinks)`) to its page (`../relu/index.html#kinks`), as mdBook does, an image
/// beside the lesson to where the site has it. In the page each `href` and `src` (as the Markdown
/// renderer writes the address, and as raw HTML wrote it), and in the notebook's Markdown each
/// `](address)` (with a title, or in `<>` too) and each reference definition, which the notebook
/// writes `]: <address>` (`notebook::references`).
fn link_sources(placed: &Placed, files: &BTreeMap<String, String>, rendered: &mut Rendered) {
    // (Each address once, all replaced in one pass over the page: a lesson may link one image
    // a thousand times, or a thousand images.)
    let mut dests: Vec<&String> = rendered.page.links.iter().map(|(dest, _)| dest).collect();
    dests.sort_unstable();
    dests.dedup();
    let (mut in_page, mut in_notebook) = (Vec::new(), Vec::new());
    for dest in dests {
        let Some(to) = link_of_file(placed, dest, files) else {
            continue;
        };
        let (written, into) = (href(dest), href(&to));
        // (Markdown's link as the renderer writes it, raw HTML's as written.)
        let mut forms = vec![written.as_str(), dest.as_str()];
        forms.dedup();
        for attribute in ["href", "src"] {
            for from in &forms {
                in_page.push((
                    format!("{attribute}=\"{from}\""),
                    format!("{attribute}=\"{into}\""),
                ));
            }
        }
        // (In the notebook's Markdown: `](a)`, `](a "title")`, `](<a>)`, a definition and raw
        // HTML's attributes, their quotes escaped in its JSON.)
        let quoted = [("src=\\\"", "\\\""), ("href=\\\"", "\\\"")];
        let marks = [("](", ")"), ("](", " "), ("](<", ">"), ("]: <", ">")];
        for (open, close) in marks.into_iter().chain(quoted) {
            in_notebook.push((format!("{open}{dest}{close}"), format!("{open}{to}{close}")));
        }
    }
    if !in_page.is_empty() {
        rendered.page.html = text::replaced(&rendered.page.html, &in_page);
        rendered.notebook = text::replaced(&rendered.notebook, &in_notebook);
    }
}

/// An address as the Markdown renderer writes it in an `href` or `src` (percent-encoded where
/// an address must be, `&` as `&amp;`).
fn href(address: &str) -> String {
    let mut out = String::new();
    let _ = pulldown_cmark_escape::escape_href(&mut out, address);
    out
}

/// A lesson the published site holds as this build would render it (see [`Previous::reusable`]):
/// its files are linked into `folder` (the staging folder) without rendering it.
pub fn link_lesson(
    folder: &Path,
    previous: &Previous,
    key: LessonKey,
    reused: LessonRecord,
) -> Result<RenderedLesson, Vec<Diagnostic>> {
    for name in &reused.names {
        let dest = folder.join(name);
        let linked = dest
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| previous.link(name, &dest));
        if let Err(e) = linked {
            return Err(vec![Diagnostic::new(format!(
                "cannot write `{name}` into {}: {e}",
                folder.display()
            ))
            .hint(
                "check that the output folder's parent is writable and has space",
            )]);
        }
    }
    Ok(RenderedLesson {
        key,
        files: Vec::new(),
        written: reused.names,
        figures: reused.figures,
        preview: reused.preview,
        links: reused.links,
        anchors: reused.anchors,
        search: reused.search,
        record: None,
    })
}

/// Whether `d` is a lesson's files that could not be written ([`write_lesson`]).
fn write_failure(d: &Diagnostic) -> bool {
    d.location.is_none() && d.message.starts_with("cannot write lesson")
}

/// The lessons' files that could not be written as one error, the first, "(and 218 other
/// lessons)": a full disk failed every lesson alike, one error each.
pub fn write_failures_once(problems: &mut Vec<Diagnostic>) {
    let failed = problems.iter().filter(|d| write_failure(d)).count();
    if failed < 2 {
        return;
    }
    let mut first = true;
    problems.retain(|d| !write_failure(d) || std::mem::take(&mut first));
    if let Some(d) = problems.iter_mut().find(|d| write_failure(d)) {
        let others = failed - 1;
        let s = if others == 1 { "" } else { "s" };
        d.message
            .push_str(&format!(" (and {others} other lesson{s})"));
    }
}

/// Write a rendered lesson's files under `folder` (or nowhere, for a check), keeping only
/// their names; a file the previous site holds unchanged is linked from it.
pub fn write_lesson(
    folder: Option<(&Path, &Previous)>,
    dir: &str,
    mut rendered: RenderedLesson,
) -> Result<RenderedLesson, Vec<Diagnostic>> {
    if let Some((folder, previous)) = folder {
        let fail = |e: std::io::Error| {
            vec![Diagnostic::new(format!(
                "cannot write lesson `{dir}` into {}: {e}",
                folder.display()
            ))
            .hint("check that the output folder's parent is writable and has space")]
        };
        fs::create_dir_all(folder.join(dir)).map_err(fail)?;
        for (name, bytes) in &rendered.files {
            previous
                .place(name, bytes, &folder.join(name))
                .map_err(fail)?;
        }
    }
    rendered.written = std::mem::take(&mut rendered.files)
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    Ok(rendered)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lessons_that_could_not_be_written_alike_are_one_error() {
        let full = |dir: &str| {
            Diagnostic::new(format!(
                "cannot write lesson `{dir}` into site: No space left on device (os error 28)"
            ))
        };
        let mut problems = vec![full("a"), Diagnostic::new("another"), full("b"), full("c")];
        write_failures_once(&mut problems);
        let messages: Vec<&str> = problems.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "cannot write lesson `a` into site: No space left on device (os error 28) (and 2 other lessons)",
                "another",
            ]
        );
    }
}
