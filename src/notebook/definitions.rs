//! Definition lists in a notebook (`ReLU` then `: max(0, x)` on the next line, as mdBook and
//! Pandoc read them): Jupyter has none and would run term and definition into one line, so each
//! term is written in bold, followed by its first definition (`**ReLU**: max(0, x)`); a term's
//! other definitions are paragraphs of their own.

use pulldown_cmark::{Event, Parser, Tag};

use crate::markdown::options;
use crate::text::{outdented, starts_line};

/// A Markdown cell's `text` with its definition lists written as Jupyter shows them.
pub fn written_out(text: &str) -> String {
    // (A definition starts a line with `:`; the rest of the cells pay nothing.)
    if !memchr::memchr_iter(b':', text.as_bytes()).any(|at| starts_line(text, at)) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    // (Whether the definition next is a term's first.)
    let mut first = false;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        if range.start < at {
            continue;
        }
        match event {
            Event::Start(Tag::DefinitionListTitle) => {
                let term = text[range.clone()].trim_end();
                out.push_str(&text[at..range.start]);
                out.push_str(&format!("**{}**", term.trim_start()));
                at = range.start + term.len();
                first = true;
            }
            Event::Start(Tag::DefinitionListDefinition) => {
                out.push_str(if first { "" } else { &text[at..range.start] });
                out.push_str(&definition(&text[range.clone()], first));
                at = range.end;
                first = false;
            }
            _ => {}
        }
    }
    out.push_str(&text[at..]);
    out
}

/// A definition (`: max(0, x)` and its indented lines) after its term (`first`: on the term's
/// line, `: max(0, x)`) or as a paragraph of its own; its other lines out of the indent that made
/// them part of it (four spaces would make a paragraph code).
fn definition(written: &str, first: bool) -> String {
    let body = written.trim_start().strip_prefix(':').unwrap_or(written);
    let body = body.trim_start_matches([' ', '\t']);
    let lead = match first {
        true => ": ",
        false => "\n",
    };
    format!("{lead}{}", outdented(body))
}

#[cfg(test)]
mod tests {
    use super::written_out;

    #[test]
    fn a_term_is_bold_before_its_definitions() {
        let text = "Before.\n\nReLU\n: max(0, x), the activation.\n\n    Its second paragraph.\n\nSoftplus\n: log(1 + e^x).\n: A smooth ReLU.\n\nAfter: done.\n";
        assert_eq!(
            written_out(text),
            "Before.\n\n**ReLU**: max(0, x), the activation.\n\nIts second paragraph.\n\n**Softplus**: log(1 + e^x).\n\nA smooth ReLU.\n\nAfter: done.\n"
        );
        assert_eq!(written_out("No list: here."), "No list: here.");
    }
}
