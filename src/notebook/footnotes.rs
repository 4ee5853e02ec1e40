//! Footnotes in a notebook. Jupyter shows `[^label]` as written, so each reference is written as
//! the page numbers it (`<sup>1</sup>`), and each definition starts with its number where it
//! stands; a note no text refers to is left out, as on the page.

use pulldown_cmark::{Event, Parser, Tag};

use crate::markdown::{options, Footnotes};
use crate::text::{outdented, spliced};

/// A Markdown cell's `text` with its footnote references and definitions numbered as the
/// lesson's `notes` number them.
pub fn numbered(text: &str, notes: &Footnotes) -> String {
    if notes.defined.is_empty() || !text.contains("[^") {
        return text.to_string();
    }
    // (A reference in this cell to a note defined in another reads as one only with the
    // definitions there: each is added after the cell's text.)
    // (Only the definitions of the labels the cell writes: `[^label]`.)
    let mut parsed = format!("{text}\n\n");
    for at in memchr::memmem::find_iter(text.as_bytes(), b"[^") {
        // (A label is at most 999 characters, as a link's: a text of `[^[^[^…` stays linear.)
        let label = &text[at + 2..];
        let within = &label.as_bytes()[..label.len().min(4 * 999)];
        let label = &label[..memchr::memchr(b']', within).unwrap_or(0)];
        if !label.is_empty() && notes.number(label).is_some() {
            parsed.push_str(&format!("[^{label}]: .\n"));
        }
    }
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for (event, range) in Parser::new_ext(&parsed, options()).into_offset_iter() {
        // (Only the cell's own text: a definition's range may run into the added ones.)
        if range.start >= text.len() {
            continue;
        }
        let range = range.start..range.end.min(text.len());
        match event {
            Event::FootnoteReference(label) => {
                if let Some(n) = notes.number(&label) {
                    edits.push((range, format!("<sup>{n}</sup>")));
                }
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                edits.push(match notes.number(&label) {
                    Some(n) => (range.clone(), definition(&text[range], n)),
                    None => (range, String::new()),
                });
            }
            _ => {}
        }
    }
    // (A reference inside a definition is inside its edit: the definition's text has it.)
    spliced(text, edits)
}

/// A definition (`[^label]: The note.` and its indented lines) as note `n`: `<sup>n</sup> The
/// note.`, its other lines out of the indent that made them part of the note (four spaces
/// would make a paragraph code).
fn definition(written: &str, n: usize) -> String {
    let marker = written.find("]:").map_or(0, |i| i + 2);
    let body = written[marker..].trim_start_matches([' ', '\t']);
    format!("<sup>{n}</sup> {}", outdented(body))
}

#[cfg(test)]
mod tests {
    use super::numbered;
    use crate::markdown::Footnotes;

    #[test]
    fn references_and_definitions_get_the_pages_numbers() {
        let lesson = "A[^b] and B[^a], `[^a]` in code.\n\nMore.\n\n[^a]: First *note*.\n\n    Its second paragraph.\n\n[^b]: Second.\n[^never]: Unused.\n";
        let notes = Footnotes::of(lesson, 0);
        let (first, rest) = lesson.split_at(lesson.find("More.").unwrap());
        assert_eq!(
            numbered(first, &notes),
            "A<sup>1</sup> and B<sup>2</sup>, `[^a]` in code.\n\n"
        );
        assert_eq!(
            numbered(rest, &notes),
            "More.\n\n<sup>2</sup> First *note*.\n\nIts second paragraph.\n\n<sup>1</sup> Second.\n"
        );
        assert_eq!(numbered("No notes.", &notes), "No notes.");
    }
}
