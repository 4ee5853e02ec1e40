//! Headings on the page: an id (the words of the heading, made unique, or the one written after
//! it, `## The spike {#spike}`, as Zola, mdBook, Hugo and Quarto read it), an anchor link, and an
//! entry in the table of contents for the second and third levels.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

use crate::error::Diagnostic;
use crate::i18n::{self, Lang};
use crate::lesson::Lesson;
use crate::markdown;
use crate::text::escape;

use super::placeholder::ISOLATES;

/// A heading in a lesson's table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    pub level: usize,
    pub id: String,
    pub title: String,
}

/// A heading being rendered: its level, where its opening tag goes, its text so far, and the
/// id and classes written after it (`{#spike .intro}`), with its place in the lesson source.
pub struct Heading {
    level: usize,
    at: usize,
    pub text: String,
    written_id: Option<String>,
    classes: Vec<String>,
    range: Range<usize>,
}

/// A closed heading: its opening and closing tags (with the anchor link), its entry in the
/// contents, and the problem with its written id, if any.
pub struct Closed {
    pub open: Event<'static>,
    pub close: Event<'static>,
    pub toc: Option<TocEntry>,
    /// Its id and words, which a link without words to it says.
    pub name: (String, String),
    pub problem: Option<Diagnostic>,
}

impl Heading {
    /// A heading of `level` at `range`, its opening tag to go at `at` of the page's events, with
    /// the id and classes written after it.
    pub fn new(
        level: usize,
        at: usize,
        (id, classes): (Option<CowStr>, Vec<CowStr>),
        range: Range<usize>,
    ) -> Heading {
        Heading {
            level,
            at,
            text: String::new(),
            written_id: id.map(|id| id.to_string()),
            classes: classes.iter().map(|c| c.to_string()).collect(),
            range,
        }
    }

    /// The heading closed, with where its opening tag goes: its id (added to the page's `ids`),
    /// an anchor link, and its entry in the contents for the second and third levels. A written
    /// id another heading or a drawing of the page has is a problem.
    pub fn closed(self, ids: &mut Vec<String>, lesson: &Lesson, lang: Lang) -> (usize, Closed) {
        let mut problem = None;
        let id = match self.written_id {
            Some(id) => {
                if ids.contains(&id) {
                    let at = lesson.source.find_in(self.range.clone(), &format!("#{id}"));
                    problem = Some((lesson.source)
                        .error(at..at + id.len() + 1, format!("the id `{id}` is on this page already"))
                        .expected("an id no other heading or figure of the lesson has")
                        .hint("write another, or leave the `{#…}` out: a heading without one has its words as its id, made unique"));
                }
                id
            }
            // (The id is of the words alone, as on a page written left to right.)
            None => unique(ids, markdown::heading_id(&self.text.replace(ISOLATES, ""))),
        };
        ids.push(id.clone());
        let class = match self.classes.is_empty() {
            true => String::new(),
            false => format!(" class=\"{}\"", escape(&self.classes.join(" "))),
        };
        let (level, escaped) = (self.level, escape(&id));
        let anchor = i18n::html(lang, "anchor");
        let closed = Closed {
            open: Event::Html(format!("<h{level} id=\"{escaped}\"{class}>").into()),
            close: Event::Html(CowStr::from(format!(
                "\u{a0}<a class=\"anchor\" href=\"#{escaped}\" aria-label=\"{anchor}\">#</a></h{level}>\n",
            ))),
            toc: (level == 2 || level == 3).then(|| TocEntry {
                level,
                id: id.clone(),
                title: self.text.trim().to_string(),
            }),
            name: (id, self.text.trim().to_string()),
            problem,
        };
        (self.at, closed)
    }
}

/// `base`, or `base-1`, `base-2`, ...: the first that none of `ids` is (as GitHub, Zola and
/// mdBook number a heading's repeats).
fn unique(ids: &[String], base: String) -> String {
    let mut id = base.clone();
    let mut n = 0;
    while ids.contains(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}
