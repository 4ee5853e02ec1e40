//! Headings in a notebook: Jupyter shows the attributes written after a heading (`## The spike
//! {#spike}`) as text, so they are left out, as the page leaves them out of the heading's text.

use crate::markdown::heading_attributes;

/// A Markdown cell's `text` with the attributes after each heading left out.
pub fn without_attributes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for block in heading_attributes(text) {
        // (The block and the spaces before it.)
        let cut = text[..block.start].trim_end_matches([' ', '\t']).len();
        out.push_str(&text[at..cut.max(at)]);
        at = block.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::without_attributes;

    #[test]
    fn a_headings_attributes_are_left_out() {
        let text = "## The spike {#spike .intro}\n\nText {#kept}.\n\nSetext {#s}\n---\n\nTwo {x}\nlines {t}\n===\n\n### Step {{ w1 }}\r\n";
        assert_eq!(
            without_attributes(text),
            "## The spike\n\nText {#kept}.\n\nSetext\n---\n\nTwo {x}\nlines\n===\n\n### Step {{ w1 }}\r\n"
        );
    }
}
