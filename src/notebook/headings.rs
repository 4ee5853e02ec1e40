//! Headings in a notebook: Jupyter shows the attributes written after a heading (`## The spike
//! {#spike}`) as text, so they are left out, as the page leaves them out of the heading's text.

use pulldown_cmark::{Event, Parser, Tag};

use crate::markdown::{may_have_heading_attributes, options};

/// A Markdown cell's `text` with the attributes after each heading left out.
pub fn without_attributes(text: &str) -> String {
    if !may_have_heading_attributes(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        let Event::Start(Tag::Heading {
            id, classes, attrs, ..
        }) = event
        else {
            continue;
        };
        if id.is_none() && classes.is_empty() && attrs.is_empty() {
            continue;
        }
        // (The block is the end of the heading's first line: an ATX heading's only line, a
        // setext heading's text.)
        let line = &text[range.start..];
        let line = &line[..line.find(['\r', '\n']).unwrap_or(line.len())];
        if let Some(open) = line.rfind('{').filter(|_| range.start >= at) {
            let cut = line[..open].trim_end().len();
            out.push_str(&text[at..range.start + cut]);
            at = range.start + line.len();
        }
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::without_attributes;

    #[test]
    fn a_headings_attributes_are_left_out() {
        let text = "## The spike {#spike .intro}\n\nText {#kept}.\n\nSetext {#s}\n---\n\n### Step {{ w1 }}\r\n";
        assert_eq!(
            without_attributes(text),
            "## The spike\n\nText {#kept}.\n\nSetext\n---\n\n### Step {{ w1 }}\r\n"
        );
    }
}
