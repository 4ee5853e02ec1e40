//! Headings in a notebook: Jupyter shows the attributes written after a heading (`## The spike
//! {#spike}`) as text, so they are left out, as the page leaves them out of the heading's text.

use crate::markdown::heading_attributes;
use crate::text::spliced;

/// A Markdown cell's `text` with the attributes after each heading left out.
pub fn without_attributes(text: &str) -> String {
    // (Each block and the spaces before it.)
    let cut = |block: std::ops::Range<usize>| {
        (
            text[..block.start].trim_end_matches([' ', '\t']).len()..block.end,
            "",
        )
    };
    spliced(text, heading_attributes(text).into_iter().map(cut))
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
