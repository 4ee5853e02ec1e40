//! Footnotes on the page, as GitHub, mdBook and Zola show them: each reference a superscript
//! number linking to its note, the notes gathered in one numbered list at the end of the lesson,
//! each with a link back to where it is referred to. A note no text refers to is not shown.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::i18n::{self, Lang};
use crate::markdown::Footnotes;

/// The page's `events` with each footnote reference made its number and each definition moved
/// into the list of notes at the end (`notes` numbers them).
pub fn gathered<'a>(events: Vec<Event<'a>>, notes: &Footnotes, lang: Lang) -> Vec<Event<'a>> {
    if notes.numbered.is_empty() && notes.defined.is_empty() {
        return events;
    }
    let mut out = Vec::with_capacity(events.len() + 8);
    // (Each note's events, and how many references to it there are so far.)
    let mut bodies: Vec<Vec<Event<'a>>> = vec![Vec::new(); notes.numbered.len()];
    let mut refs = vec![0usize; notes.numbered.len()];
    let mut into: Option<Option<usize>> = None;
    for event in events {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => into = Some(notes.number(&label)),
            Event::End(TagEnd::FootnoteDefinition) => into = None,
            // (A note not shown takes its references with it.)
            _ if into == Some(None) => {}
            event => {
                let event = match event {
                    Event::FootnoteReference(label) => reference(notes, &label, &mut refs, lang),
                    other => other,
                };
                match into {
                    Some(Some(n)) => bodies[n - 1].push(event),
                    _ => out.push(event),
                }
            }
        }
    }
    if bodies.is_empty() {
        return out;
    }
    let label = i18n::html(lang, "footnotes");
    out.push(Event::Html(
        format!("<section class=\"nn-footnotes\" aria-label=\"{label}\">\n<ol>\n").into(),
    ));
    for (i, mut body) in bodies.into_iter().enumerate() {
        let n = i + 1;
        out.push(Event::Html(format!("<li id=\"nn-fn-{n}\">\n").into()));
        let back = backlinks(n, refs[i], lang);
        // (The links back end the note's last paragraph, or follow the note.)
        match body
            .iter()
            .rposition(|e| matches!(e, Event::End(TagEnd::Paragraph)))
        {
            Some(at) if at + 1 == body.len() => body.insert(at, Event::Html(back.into())),
            _ => body.push(Event::Html(format!("<p>{back}</p>\n").into())),
        }
        out.extend(body);
        out.push(Event::Html("</li>\n".into()));
    }
    out.push(Event::Html("</ol>\n</section>\n".into()));
    out
}

/// A reference to note `label`: its number, linking to the note (the reference's own id for the
/// way back); as written for one that is not numbered (never defined).
fn reference<'a>(notes: &Footnotes, label: &str, refs: &mut [usize], lang: Lang) -> Event<'a> {
    let Some(n) = notes.number(label) else {
        return Event::Text(CowStr::from(format!("[^{label}]")));
    };
    refs[n - 1] += 1;
    let id = reference_id(n, refs[n - 1]);
    let word = i18n::html(lang, "footnote");
    Event::Html(CowStr::from(format!(
        "<sup class=\"nn-fn-ref\"><a href=\"#nn-fn-{n}\" id=\"{id}\" aria-label=\"{word} {n}\">{n}</a></sup>"
    )))
}

/// The id of the `k`th reference to note `n`: `nn-fnref-1`, then `nn-fnref-1-2`, ...
fn reference_id(n: usize, k: usize) -> String {
    match k {
        1 => format!("nn-fnref-{n}"),
        k => format!("nn-fnref-{n}-{k}"),
    }
}

/// The links from note `n` back to each of its `count` references.
fn backlinks(n: usize, count: usize, lang: Lang) -> String {
    let word = i18n::html(lang, "footnote_back");
    (1..=count)
        .map(|k| {
            let (mark, which) = match count {
                1 => (String::new(), String::new()),
                _ => (format!("<sup>{k}</sup>"), format!(" ({k})")),
            };
            format!(
                " <a href=\"#{}\" class=\"nn-fn-back\" aria-label=\"{word} {n}{which}\">↩{mark}</a>",
                reference_id(n, k)
            )
        })
        .collect()
}
