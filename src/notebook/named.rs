//! Links without words in a notebook's cells (`[](#figure-step-7)`) say what they say on the
//! page: the title of the heading or drawing they lead to ([`crate::page::name_of`]). Jupyter
//! would show such a link as nothing at all.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::markdown::options;
use crate::page::name_of;
use crate::text::escape_markdown;

/// A Markdown cell's `text`, each link without words given the title of its target among
/// `names` (the page's headings and drawings, by id).
pub fn said(text: &str, names: &[(String, String)]) -> String {
    // (A link without words is `[]` somewhere; the rest of the cells pay nothing.)
    if names.is_empty() || !text.contains("[](") {
        return text.to_string();
    }
    let mut inserts = Vec::new();
    let mut opened: Option<(usize, String)> = None;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                opened = Some((range.start, dest_url.to_string()));
                continue;
            }
            Event::End(TagEnd::Link) => {
                let words = opened
                    .take()
                    .filter(|(at, _)| text[*at..].starts_with("[]"));
                if let Some((at, dest)) = words {
                    inserts.extend(name_of(&dest, names).map(|n| (at + 1, escape_markdown(n))));
                }
            }
            _ => {}
        }
        opened = None;
    }
    let mut out = text.to_string();
    for (at, name) in inserts.into_iter().rev() {
        out.insert_str(at, &name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::said;

    #[test]
    fn a_link_without_words_says_its_target_s_title() {
        let names = [
            ("figure-spike".to_string(), "The *spike*".to_string()),
            ("the-end".to_string(), "The end".to_string()),
        ];
        assert_eq!(
            said(
                "See [](#figure-spike), [](#the-end) and [words](#the-end).",
                &names
            ),
            "See [The \\*spike\\*](#figure-spike), [The end](#the-end) and [words](#the-end)."
        );
        // (Unknown targets and code are left as written.)
        assert_eq!(
            said("[](#nowhere) `[](#the-end)`", &names),
            "[](#nowhere) `[](#the-end)`"
        );
    }
}
