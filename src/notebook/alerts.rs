//! GitHub's alerts (`> [!NOTE]`) in a notebook: Jupyter shows the marker as written, so it is
//! written as the page titles the alert, in bold and a paragraph of its own: `> **Note**`, `>`.

use pulldown_cmark::{Event, Parser, Tag};

use crate::i18n::{self, Lang};
use crate::markdown::{alert_key, options};
use crate::text::escape_markdown;

/// A Markdown cell's `text` with each alert's marker made its title in `lang`.
pub fn titled(text: &str, lang: Lang) -> String {
    if !text.contains("[!") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        let Event::Start(Tag::BlockQuote(Some(kind))) = event else {
            continue;
        };
        // (The marker is the quote's first `[!…]`: only `>` and spaces come before it.)
        let Some(open) = text[range.clone()].find("[!").map(|i| range.start + i) else {
            continue;
        };
        let Some(close) = text[open..].find(']').map(|i| open + i + 1) else {
            continue;
        };
        if open >= at {
            // (The quote's markers and indent before it, to close the title's paragraph.)
            let line = text[..open].rfind('\n').map_or(0, |i| i + 1);
            let prefix = text[line..open].trim_end();
            let title = escape_markdown(i18n::text(lang, alert_key(kind)));
            let eol = match text[open..].contains("\r\n") {
                true => "\r\n",
                false => "\n",
            };
            out.push_str(&text[at..open]);
            out.push_str(&format!("**{title}**{eol}{prefix}"));
            at = close;
        }
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::{titled, Lang};

    #[test]
    fn an_alerts_marker_becomes_its_title() {
        let text = "Before.\n\n> [!WARNING]\n> Mind the [!kink].\n\n- item\n\n  > [!tip]\n  > Nested.\n\n> A quote, [!NOTE] in it.\n";
        assert_eq!(
            titled(text, Lang::built_in("en")),
            "Before.\n\n> **Warning**\n>\n> Mind the [!kink].\n\n- item\n\n  > **Tip**\n  >\n  > Nested.\n\n> A quote, [!NOTE] in it.\n"
        );
        assert_eq!(
            titled("> [!NOTE]\n> 文字", Lang::built_in("zh-CN")),
            "> **注意**\n>\n> 文字"
        );
        assert_eq!(titled("No alert.", Lang::built_in("en")), "No alert.");
    }
}
