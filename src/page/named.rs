//! Links without words (`[](#figure-step-7)`): one to a heading or a drawing of its page takes
//! the target's title as its words, as MyST's and Jupyter Book's do (`[](#label)`); any other
//! would show readers nothing to follow, and a screen reader an unnamed link: an error at it.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag};

use crate::error::Diagnostic;
use crate::lesson::Lesson;

/// The titles of a page's headings and drawings, by their ids (`the-spike`, `figure-step-7`):
/// what a link without words to one of them says.
pub type LinkNames = Vec<(String, String)>;

/// The titles of the lesson's drawings (figures, diagrams, training figures) that have one, by
/// their ids on the page.
pub fn drawing_names(lesson: &Lesson) -> LinkNames {
    (lesson.blocks.iter())
        .filter_map(|b| b.kind.drawing())
        .map(|(id, title)| (format!("figure-{id}"), title.trim().to_string()))
        .filter(|(_, title)| !title.is_empty())
        .collect()
}

/// Whether `events` end with a link's opening: a link closed next has no words. Its address.
pub fn opened_link<'e>(events: &'e [Event]) -> Option<&'e CowStr<'e>> {
    match events.last() {
        Some(Event::Start(Tag::Link { dest_url, .. })) => Some(dest_url),
        _ => None,
    }
}

/// What a link without words to `dest` says: the title of the heading or drawing it leads to
/// on its page, among `names`.
pub fn name_of<'n>(dest: &str, names: &'n [(String, String)]) -> Option<&'n str> {
    let id = dest.strip_prefix('#')?;
    (names.iter())
        .find(|(named, name)| named == id && !name.is_empty())
        .map(|(_, name)| name.as_str())
}

/// The problem of a link without words to `dest`, at `range` of the lesson source, that has no
/// title to take: none to a heading or drawing of its page (`in_caption`: to a drawing). None
/// for a link to a drawing where a block did not parse: that block's error is the problem.
pub fn unnamed(
    lesson: &Lesson,
    dest: &str,
    range: &Range<usize>,
    in_caption: bool,
) -> Option<Diagnostic> {
    let failed = |(i, fence): (usize, &crate::markdown::Fence)| {
        fence.is_nnbook() && lesson.block_of(i).is_none()
    };
    if dest.starts_with("#figure-") && lesson.fences.iter().enumerate().any(failed) {
        return None;
    }
    let targets = match in_caption {
        true => "a drawing",
        false => "a heading or a drawing",
    };
    let why = match (dest.strip_prefix('#'), in_caption) {
        (Some(id), false) => format!("no heading or drawing with a title has the id `{id}` here"),
        (Some(id), true) => format!("a caption's link takes a drawing's title, and no drawing with a title has the id `{id}` here"),
        (None, _) => format!("only a link to {targets} of its own page takes its title"),
    };
    // (A caption's range is its whole text: its link's brackets, where they are found.)
    let written = lesson.source.text.get(range.clone()).unwrap_or("");
    let link = format!("[]({dest}");
    let at = lesson.source.find_in(
        range.clone(),
        if written.contains(&link) { &link } else { "[]" },
    );
    let span = at..(at + 2).min(range.end);
    let message = format!("this link has no words: readers would see nothing to follow ({why})");
    let problem = (lesson.source.error(span, message))
        .expected("the link's words between its brackets: `[the ReLU lesson](../relu/index.html)`")
        .hint(format!(
            "a link without words to {targets} of its page, `[](#figure-step-7)`, says its title"
        ));
    Some(problem)
}
