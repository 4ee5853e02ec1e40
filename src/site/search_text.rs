//! A lesson's searchable text, by section, taken from its rendered body when it renders and kept
//! with it (in the cache and the manifest) for the search index (`search`).

use memchr::memmem::Finder;
use serde::{Deserialize, Serialize};

/// A lesson's text by section: (heading, its id, the section's text). The first section is the
/// text before the first heading (heading and id empty).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchText(pub Vec<[String; 3]>);

/// Elements whose text is not searched: drawings, code blocks, tables of numbers. (A formula's
/// is: `w1x+b1`, its letters and numbers in a row.)
const SKIPPED: [&str; 6] = ["svg", "pre", "table", "script", "style", "button"];

/// The searchable text of a lesson's rendered body (`html`, as the Markdown renderer wrote it):
/// its words by section (`<h2>` and `<h3>` with an id start one), without the drawings, code
/// blocks and tables, a heading's `#` link or a figure's data link.
pub fn text_of(html: &str) -> SearchText {
    let mut sections = vec![[String::new(), String::new(), String::new()]];
    let mut heading = false;
    let mut at = 0;
    while let Some(lt) = memchr::memchr(b'<', &html.as_bytes()[at..]).map(|i| at + i) {
        let section = sections.last_mut().expect("one section at least");
        push_text(&mut section[if heading { 0 } else { 2 }], &html[at..lt]);
        let Some(gt) = memchr::memchr(b'>', &html.as_bytes()[lt..]).map(|i| lt + i) else {
            return finished(sections);
        };
        let tag = &html[lt + 1..gt];
        let name = tag
            .split([' ', '\n', '/'])
            .find(|n| !n.is_empty())
            .unwrap_or("");
        at = gt + 1;
        if tag.starts_with('/') {
            heading &= !matches!(name, "h2" | "h3");
        } else if SKIPPED.contains(&name) {
            at = closing(html, at, name);
        } else if name == "a" && (tag.contains("class=\"anchor\"") || tag.contains("nn-data")) {
            at = closing(html, at, "a");
        } else if matches!(name, "h2" | "h3") {
            if let Some(id) = attribute(tag, "id") {
                sections.push([String::new(), id.to_string(), String::new()]);
                heading = true;
            }
        }
        if !heading && is_block(name) {
            push_spaced(&mut sections.last_mut().expect("a section")[2], " ");
        }
    }
    let section = sections.last_mut().expect("one section at least");
    push_text(&mut section[if heading { 0 } else { 2 }], &html[at..]);
    finished(sections)
}

/// Elements whose text is apart from the text around it.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "li" | "div" | "br" | "dd" | "dt" | "figcaption" | "blockquote" | "section" | "h4"
    )
}

/// The sections without the space their texts end with; an empty first one left out.
fn finished(mut sections: Vec<[String; 3]>) -> SearchText {
    for s in &mut sections {
        for part in s.iter_mut() {
            part.truncate(part.trim_end().len());
        }
    }
    if sections.first().is_some_and(|s| s[2].is_empty()) {
        sections.remove(0);
    }
    SearchText(sections)
}

/// The searchers for each skipped element's opening and closing tags (`<svg`, `</svg>`, ...),
/// made once: making one costs more than most searches with it.
static TAGS: std::sync::LazyLock<Vec<(Finder<'static>, Finder<'static>)>> =
    std::sync::LazyLock::new(|| {
        let finder = |tag: String| Finder::new(tag.as_bytes()).into_owned();
        (SKIPPED.iter().chain(["a"].iter()))
            .map(|name| (finder(format!("<{name}")), finder(format!("</{name}>"))))
            .collect()
    });

/// Where the element `name` (one of [`SKIPPED`], or `a`) opened before `from` closes (after
/// its `</name>`), counting the same elements opened within it.
fn closing(html: &str, from: usize, name: &str) -> usize {
    let at_name = SKIPPED
        .iter()
        .position(|n| *n == name)
        .unwrap_or(SKIPPED.len());
    let (open, close) = &TAGS[at_name];
    let bytes = html.as_bytes();
    let (mut at, mut depth) = (from, 1usize);
    while depth > 0 {
        let Some(end) = close.find(&bytes[at..]).map(|i| at + i) else {
            return html.len();
        };
        // (Elements of the same name opened before this end are within it.)
        let mut inner = at;
        while let Some(i) = open.find(&bytes[inner..end]).map(|i| inner + i) {
            let next = bytes.get(i + name.len() + 1);
            if next.is_some_and(|b| matches!(b, b' ' | b'>' | b'\n' | b'/')) {
                depth += 1;
            }
            inner = i + 1;
        }
        depth -= 1;
        at = end + name.len() + 3;
    }
    at
}

/// The value of attribute `name` in a tag's text (`h2 id="x"`), as written between quotes.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[at..].find('"')?;
    Some(&tag[at..at + len])
}

/// `text` of the page (entities as the renderer writes them) added to `out`, decoded, its white
/// space made single spaces (none at the start of `out`).
fn push_text(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        push_spaced(out, &rest[..amp]);
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
        push_spaced(out, c.encode_utf8(&mut [0; 4]));
        rest = &rest[len..];
    }
    push_spaced(out, rest);
}

/// `text` added to `out` with each run of white space one space (none at the start of `out`).
/// (Read by bytes: the page's white space is ASCII, and a byte search is several times faster
/// than a walk by characters.)
fn push_spaced(out: &mut String, text: &str) {
    let space = |b: &u8| matches!(b, b' ' | b'\n' | b'\t' | b'\r');
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let word_end = bytes[at..]
            .iter()
            .position(space)
            .map_or(bytes.len(), |i| at + i);
        out.push_str(&text[at..word_end]);
        let next = bytes[word_end..].iter().position(|b| !space(b));
        let next = next.map_or(bytes.len(), |i| word_end + i);
        if next > word_end && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        at = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bodys_text_is_read_by_section_without_drawings_or_code() {
        let html = "<p>Intro &amp; more.</p>\n<figure class=\"nn-figure\" id=\"figure-a\"><svg><svg><text>9</text></svg><text>7</text></svg><figcaption>The &lt;curve&gt; <a class=\"nn-data\" href=\"data:x\">data</a></figcaption></figure>\n\
            <h2 id=\"what-is-relu\">What is ReLU? <a class=\"anchor\" href=\"#what-is-relu\" aria-label=\"Link\">#</a></h2>\n\
            <p>It is <code>max</code> <math><mi>x</mi></math>, <em>bent</em>.</p><pre><code>print(1)</code></pre><ul><li>one</li><li>two</li></ul>\
            <h3 id=\"b\">B&#39;s</h3><table><tr><td>0.5</td></tr></table><p>Last 第二步</p>";
        let text = text_of(html);
        let expected = [
            ["", "", "Intro & more. The <curve>"],
            [
                "What is ReLU?",
                "what-is-relu",
                "It is max x, bent. one two",
            ],
            ["B's", "b", "Last 第二步"],
        ];
        assert_eq!(text.0, expected.map(|s| s.map(str::to_string)));
    }
}
