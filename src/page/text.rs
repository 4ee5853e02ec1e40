//! A page's words by section, for the site's search index: read from the page's events as they
//! become its HTML (the prose's text, its headings, the captions' words and the formulas'
//! letters and numbers), never from the HTML itself, whose drawings are most of its bytes.

use pulldown_cmark::{Event, Tag, TagEnd};
use serde::{Deserialize, Serialize};

/// A lesson's text by section, as the search index writes it: a JSON list of `[heading, id,
/// text]`, the first the text before the first heading (heading and id empty; left out when there
/// is none), `<` written `\u003c` ([`in_index`]). Written as the page renders, on the
/// build's threads, so that the index is the lessons' texts put together.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchText(pub String);

/// The words of a page's `events` by section: a second- or third-level heading with an id
/// starts one. Code blocks, drawings, computed tables and a heading's `#` link are no words.
pub fn of(events: &[Event<'_>]) -> SearchText {
    let mut sections = vec![[String::new(), String::new(), String::new()]];
    let (mut heading, mut code) = (false, 0usize);
    for event in events {
        let section = sections.last_mut().expect("one section at least");
        let into = &mut section[if heading { 0 } else { 2 }];
        match event {
            Event::Start(Tag::CodeBlock(_)) => code += 1,
            Event::End(TagEnd::CodeBlock) => code = code.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if code == 0 => into.push_str(t),
            Event::SoftBreak | Event::HardBreak => space(into),
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::DefinitionListTitle,
            ) => {
                space(into);
                // (A heading holds no paragraph: one the page did not close, as raw HTML may
                // write it, ends here.)
                heading = false;
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                if let Some(id) = heading_id(html) {
                    sections.push([String::new(), id, String::new()]);
                    heading = true;
                } else if heading && (html.ends_with("</h2>\n") || html.ends_with("</h3>\n")) {
                    heading = false;
                } else if let Some(caption) = figure_caption(html) {
                    space(into);
                    push_html_text(into, caption);
                    space(into);
                } else if is_formula(html) {
                    push_html_text(into, html);
                }
            }
            _ => {}
        }
    }
    for s in &mut sections {
        for part in s.iter_mut() {
            *part = spaced(part);
        }
    }
    if sections.first().is_some_and(|s| s[2].is_empty()) {
        sections.remove(0);
    }
    let json = serde_json::to_string(&sections).unwrap_or_else(|_| "[]".to_string());
    SearchText(in_index(json))
}

/// JSON as the search index writes it: `<` as `\u003c` (the index is a script: `</script>`
/// could not end it, but a page's inline JSON would have it so, and so does this).
pub fn in_index(json: String) -> String {
    match json.contains('<') {
        true => json.replace('<', "\\u003c"),
        false => json,
    }
}

/// The id of a heading's opening tag as the page writes it (`<h2 id="what-is-relu">`).
fn heading_id(html: &str) -> Option<String> {
    let rest = (html.strip_prefix("<h2 id=\"")).or_else(|| html.strip_prefix("<h3 id=\""))?;
    let mut id = String::new();
    push_html_text(&mut id, &rest[..rest.find('"')?]);
    Some(id)
}

/// Whether `html` is a formula as the page writes one: `<math>` inline, in a `<span>` region on a
/// line of its own. (Decided by its start: the page's tables and drawings are long.)
fn is_formula(html: &str) -> bool {
    html.starts_with("<math")
        || (html.starts_with("<span") && memchr::memmem::find(html.as_bytes(), b"<math").is_some())
}

/// The caption of a figure, diagram or training figure's HTML (after its drawing), without its
/// data link. (Read back from the figure's end, tag by tag, to its drawing's: the drawing is
/// most of the figure.)
fn figure_caption(html: &str) -> Option<&str> {
    if !html.starts_with("<figure") {
        return None;
    }
    let bytes = html.as_bytes();
    let mut end = bytes.len();
    let mut caption_end = bytes.len();
    loop {
        let lt = memchr::memrchr(b'<', &bytes[..end])?;
        let tag = &bytes[lt..];
        if tag.starts_with(b"<figcaption") {
            let from = memchr::memchr(b'>', tag).map_or(bytes.len(), |i| lt + i + 1);
            return html.get(from.min(caption_end)..caption_end);
        }
        if tag.starts_with(b"</figcaption") || tag.starts_with(b"<a class=\"nn-data\"") {
            caption_end = lt;
        }
        if tag.starts_with(b"</svg") {
            return None;
        }
        end = lt;
    }
}

/// The text of a piece of HTML (`html`) added to `out`: its tags left out, its entities
/// decoded.
fn push_html_text(out: &mut String, html: &str) {
    let mut rest = html;
    while !rest.is_empty() {
        let (text, after) = match rest.find('<') {
            Some(lt) => (
                &rest[..lt],
                rest[lt..].find('>').map_or("", |gt| &rest[lt + gt + 1..]),
            ),
            None => (rest, ""),
        };
        push_decoded(out, text);
        rest = after;
    }
}

/// `text` (entities as the renderer writes them) added to `out`, decoded.
fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let entity = rest
            .find(';')
            .filter(|&end| end <= 10)
            .map(|end| &rest[..=end]);
        let decoded = entity.and_then(|e| match e {
            "&amp;" => Some('&'),
            "&lt;" => Some('<'),
            "&gt;" => Some('>'),
            "&quot;" => Some('"'),
            "&nbsp;" => Some(' '),
            _ => {
                let number = e.strip_prefix("&#")?.strip_suffix(';')?;
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => number.parse().ok()?,
                };
                char::from_u32(code)
            }
        });
        let (c, len) = match (entity, decoded) {
            (Some(e), Some(c)) => (c, e.len()),
            _ => ('&', 1),
        };
        out.push(c);
        rest = &rest[len..];
    }
    out.push_str(rest);
}

/// A space after `text`, unless it is empty or ends with one.
fn space(text: &mut String) {
    if !text.is_empty() && !text.ends_with(' ') {
        text.push(' ');
    }
}

/// `text` with each run of white space one space, none at its ends. (Once per section, by
/// bytes: the page's white space is ASCII, or a no-break space, which counts as a letter here.
/// Most texts have single spaces only, found with two searches, and are kept as they are.)
fn spaced(text: &str) -> String {
    let bytes = text.as_bytes();
    let single = memchr::memchr3(b'\n', b'\t', b'\r', bytes).is_none()
        && memchr::memmem::find(bytes, b"  ").is_none();
    if single {
        return text.trim_matches(' ').to_string();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_ascii_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::CowStr;

    #[test]
    fn a_pages_words_are_read_by_section_without_drawings_or_code() {
        let html = |h: &str| Event::Html(CowStr::from(h.to_string()));
        let text = |t: &str| Event::Text(CowStr::from(t.to_string()));
        let events = [
            Event::Start(Tag::Paragraph),
            text("Intro &"),
            Event::SoftBreak,
            text("more."),
            Event::End(TagEnd::Paragraph),
            html("<figure class=\"nn-figure\" id=\"figure-a\"><svg><text>9</text></svg><figcaption>The &lt;curve&gt; <a class=\"nn-data\" href=\"data:x\">data</a></figcaption></figure>\n"),
            html("<h2 id=\"what-is-relu\">"),
            text("What is ReLU?"),
            html("\u{a0}<a class=\"anchor\" href=\"#what-is-relu\" aria-label=\"Link\">#</a></h2>\n"),
            Event::Start(Tag::Paragraph),
            text("It is "),
            Event::Code(CowStr::from("max")),
            Event::InlineHtml(CowStr::from("<math><msub><mi>w</mi><mn>1</mn></msub></math>")),
            text(", bent."),
            Event::End(TagEnd::Paragraph),
            Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced("py".into()))),
            text("print(1)"),
            Event::End(TagEnd::CodeBlock),
            html("<div class=\"nn-table-wrap\"><table><tr><td>0.5</td></tr></table></div>"),
            html("<h3 id=\"b&amp;c\">"),
            text("B’s"),
            html("</h3>\n"),
            text("Last 第二步"),
        ];
        let expected = [
            ["", "", "Intro & more. The <curve>"],
            ["What is ReLU?", "what-is-relu", "It is maxw1, bent."],
            ["B’s", "b&c", "Last 第二步"],
        ];
        let json = serde_json::to_string(&expected).unwrap();
        assert_eq!(of(&events).0, json.replace('<', "\\u003c"));
    }
}
