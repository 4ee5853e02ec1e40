//! Markdown as nnbook reads it: the parser's options, heading ids, and the fenced code blocks
//! of a lesson's body with their positions in the source.

use std::ops::Range;

use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// The fenced block kinds nnbook evaluates; every other fenced block is code.
pub const NNBOOK_BLOCKS: [&str; 8] = [
    "network",
    "figure",
    "table",
    "parameters",
    "diagram",
    "training",
    "training-figure",
    "training-table",
];

/// The line that opens an author's text for the page's sliders (to a line `</div>`): shown on
/// the page only beside the controls (the style sheet), left out of the notebook.
pub const EXPLORABLE_ONLY: &str = r#"<div class="nn-explorable-only">"#;

/// The lines of `prose` (at `offset` in its file) that open or close text for the sliders:
/// `(offset of the line, true for an opening)`.
pub fn explorable_only_marks(
    prose: &str,
    offset: usize,
) -> impl Iterator<Item = (usize, bool)> + '_ {
    prose
        .split_inclusive('\n')
        .scan(offset, |at, line| {
            let start = *at;
            *at += line.len();
            Some((start, line.trim()))
        })
        .filter_map(|(at, line)| match line {
            EXPLORABLE_ONLY => Some((at, true)),
            "</div>" => Some((at, false)),
            _ => None,
        })
}

/// The addresses raw HTML in a lesson links to: each `src="…"` and `href="…"` (or in single
/// quotes), as an author writes `<img src="sketch.png" width="300">` to size an image.
pub fn html_links(html: &str) -> Vec<String> {
    let mut out = attribute_values(html, "src=");
    out.extend(attribute_values(html, "href="));
    out
}

/// The ids of a page's HTML (each `id="…"`): what a link's fragment may name. Sorted, each once.
pub fn html_ids(html: &str) -> Vec<String> {
    let mut ids = attribute_values(html, "id=");
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The value of each `attribute` (`src=`) in `html`, quoted in `"` or `'`, after white space.
/// (Searched with `memchr`'s SIMD search: every lesson page is read for its ids.)
fn attribute_values(html: &str, attribute: &str) -> Vec<String> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    for at in memchr::memmem::find_iter(bytes, attribute.as_bytes()) {
        let value = at + attribute.len();
        let before = html[..at].chars().next_back();
        let quote = bytes.get(value).filter(|q| **q == b'"' || **q == b'\'');
        let (Some(quote), true) = (quote, at >= from) else {
            continue;
        };
        let Some(end) = memchr::memchr(*quote, &bytes[value + 1..]) else {
            break;
        };
        if before.is_some_and(char::is_whitespace) {
            out.push(html[value + 1..value + 1 + end].to_string());
        }
        from = value + 1 + end;
    }
    out
}

/// Whether `text` may link to a fragment: a `#` right after `(`, `<`, a quote, `/`, `.md`,
/// `.html` or a reference definition's `]: ` (`[x](#the-spike)`, `relu.md#kinks`, `href="#a"`).
/// A quick test over each `#` (`memchr`), that may say yes where no link is, never no where one
/// is written in these ways.
pub fn may_link_to_fragment(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'#', bytes).any(|at| {
        let before = &bytes[..at];
        matches!(before.last(), Some(b'(' | b'<' | b'"' | b'\'' | b'/'))
            || [&b".md"[..], b".html", b".htm", b"]: "]
                .iter()
                .any(|end| before.ends_with(end))
    })
}

/// Whether some line of `text` ends in `}` as a heading's attributes would (`## The spike
/// {#spike}`): an ATX heading's line, or a setext heading's text, the line before its
/// underline. (A quick test before a Markdown parse: it finds each `}` with `memchr`.)
pub fn may_have_heading_attributes(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'}', bytes).any(|at| {
        // (Read no further than the first other character: a line of `}}}…` stays linear.)
        let rest = text[at + 1..].trim_start_matches([' ', '\t', '\r']);
        if !(rest.is_empty() || rest.starts_with('\n')) {
            return false;
        }
        let start = text[..at].rfind('\n').map_or(0, |n| n + 1);
        let next = rest.get(1..).unwrap_or("");
        let next = next[..next.find('\n').unwrap_or(next.len())].trim();
        let underline = !next.is_empty()
            && (next.bytes().all(|b| b == b'=') || next.bytes().all(|b| b == b'-'));
        text[start..at].trim_start().starts_with('#') || underline
    })
}

/// The Markdown extensions nnbook enables (`ENABLE_GFM`: GitHub's alerts, `> [!NOTE]`; task
/// lists, `- [x] Done`, as GitHub's; a heading's id written after it, `## The spike {#spike}`,
/// as Zola, mdBook, Hugo and Quarto read it; definition lists, a term and `: its definition` on
/// the next line, as mdBook and Pandoc read them).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
}

/// A lesson's footnotes (`text[^label]` and `[^label]: The note.`), read once for the page, the
/// notebook and the warnings. Labels match as GitHub matches them, in any case.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Footnotes {
    /// The labels referenced and defined, in the order of their first reference: note 1 first.
    pub numbered: Vec<String>,
    /// Each definition: its label and its range in the text.
    pub defined: Vec<(String, Range<usize>)>,
    /// Each reference to a label with no definition (`[^label]`, shown as written), with its range.
    pub undefined: Vec<(String, Range<usize>)>,
    /// The labels referred to anywhere, shown or not.
    pub referred: Vec<String>,
    /// Each label of `numbered` and its number (a lesson may have thousands of notes).
    index: std::collections::HashMap<String, usize>,
}

impl Footnotes {
    /// The footnotes of a lesson's `body` (at `offset` in its file: the ranges are the file's).
    pub fn of(body: &str, offset: usize) -> Footnotes {
        let mut notes = Footnotes::default();
        // (A footnote is a `[^`; the rest of the lessons pay nothing.)
        if memchr::memmem::find(body.as_bytes(), b"[^").is_none() {
            return notes;
        }
        // (Each reference, with the note it is written in, if any.)
        let mut referenced: Vec<(String, Option<String>)> = Vec::new();
        let mut within: Option<String> = None;
        let events: Vec<_> = Parser::new_ext(body, options())
            .into_offset_iter()
            .collect();
        for (i, (event, range)) in events.iter().enumerate() {
            let at = range.start + offset..range.end + offset;
            match event {
                Event::FootnoteReference(label) => {
                    referenced.push((label.to_lowercase(), within.clone()));
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    within = Some(label.to_lowercase());
                    notes.defined.push((label.to_lowercase(), at));
                }
                Event::End(TagEnd::FootnoteDefinition) => within = None,
                // (One with no definition is text: `[`, `^label`, `]`; an escaped one, `\[^x]`,
                // is `[^x`, `]`.)
                Event::Text(text) if text.starts_with('^') && text.len() > 1 => {
                    let around = |j: usize, s: &str| matches!(events.get(j), Some((Event::Text(t), _)) if t.as_ref() == s);
                    if i > 0 && around(i - 1, "[") && around(i + 1, "]") {
                        notes
                            .undefined
                            .push((text[1..].to_string(), at.start - 1..at.end + 1));
                    }
                }
                _ => {}
            }
        }
        notes.numbered = shown(&referenced, &notes.defined);
        let numbers = (notes.numbered.iter().enumerate()).map(|(i, label)| (label.clone(), i + 1));
        notes.index = numbers.collect();
        notes.referred = referenced.into_iter().map(|(label, _)| label).collect();
        notes
    }

    /// The number of the note `label` (from 1), if a text shown refers to it and it is defined.
    pub fn number(&self, label: &str) -> Option<usize> {
        self.index.get(&label.to_lowercase()).copied()
    }
}

/// The notes shown, in the order of their first reference shown: a reference in the text is
/// shown, and so is one in a note shown (a note referred to only from a note never referred to
/// is not: GitHub's rule).
fn shown(
    referenced: &[(String, Option<String>)],
    defined: &[(String, Range<usize>)],
) -> Vec<String> {
    use std::collections::{HashMap, HashSet};
    let defined: HashSet<&str> = defined.iter().map(|(l, _)| l.as_str()).collect();
    // (From the text, and from each note to the notes it refers to: a walk over both, once.)
    let mut from_note: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut todo: Vec<&str> = Vec::new();
    for (label, within) in referenced {
        match within {
            Some(note) => from_note.entry(note).or_default().push(label),
            None => todo.push(label),
        }
    }
    let mut live: HashSet<&str> = HashSet::new();
    while let Some(label) = todo.pop() {
        if defined.contains(label) && live.insert(label) {
            todo.extend(from_note.get(label).into_iter().flatten());
        }
    }
    // (Numbered by document order of their first reference shown.)
    let mut numbered = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for (label, within) in referenced {
        let shown_here = within.as_deref().is_none_or(|w| live.contains(w));
        if shown_here && live.contains(label.as_str()) && seen.insert(label) {
            numbered.push(label.clone());
        }
    }
    numbered
}

/// The attributes after the headings of a lesson's `body` (at `offset` in its file) that a page
/// does not show: all but `#id` and `.class`. Each is the block as written (`{a, b}`, whose text
/// is lost from the heading) with its range in the file.
pub fn ignored_heading_attributes(body: &str, offset: usize) -> Vec<(String, Range<usize>)> {
    let ours = |t: &str| t.starts_with('#') || t.starts_with('.');
    (heading_attributes(body).into_iter())
        .map(|block| (&body[block.clone()], block))
        .filter(|(written, _)| !written[1..written.len() - 1].split_whitespace().all(ours))
        .map(|(written, block)| {
            (
                written.to_string(),
                offset + block.start..offset + block.end,
            )
        })
        .collect()
}

/// Where in `text` the attributes after its headings are (`{#spike .intro}`): each block
/// pulldown-cmark took as a heading's attributes, that no text of the heading reaches.
pub fn heading_attributes(text: &str) -> Vec<Range<usize>> {
    // (Only a heading line that ends in `}` may have them; the rest of the texts pay nothing.)
    if !may_have_heading_attributes(text) {
        return Vec::new();
    }
    let mut out = Vec::new();
    // (The heading's range, and where its text shown ends so far.)
    let mut heading: Option<(Range<usize>, usize)> = None;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some((range.clone(), range.start)),
            Event::End(TagEnd::Heading(_)) => {
                let Some((at, shown)) = heading.take() else {
                    continue;
                };
                if let Some(block) = heading_attribute_block(&text[at.clone()]) {
                    let block = at.start + block.start..at.start + block.end;
                    out.extend((block.start >= shown).then_some(block));
                }
            }
            _ => {
                if let Some((_, shown)) = heading.as_mut() {
                    *shown = (*shown).max(range.end);
                }
            }
        }
    }
    out
}

/// Where in a heading's source (`## The spike {#spike}`, or a setext heading's lines and its
/// underline) the `{…}` of its attributes is: the last `{` before the last `}`.
pub fn heading_attribute_block(heading: &str) -> Option<Range<usize>> {
    let close = heading.rfind('}')?;
    let open = heading[..close].rfind('{')?;
    Some(open..close + 1)
}

/// The key of an alert's title among the page's words ([`crate::i18n::text`]): `alert_note`.
pub fn alert_key(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "alert_note",
        BlockQuoteKind::Tip => "alert_tip",
        BlockQuoteKind::Important => "alert_important",
        BlockQuoteKind::Warning => "alert_warning",
        BlockQuoteKind::Caution => "alert_caution",
    }
}

/// A heading's id: lowercase words joined by `-` (any script, a letter with the combining
/// accents written after it), `section` if nothing is left.
pub fn heading_id(text: &str) -> String {
    let id = hyphenate(text, |c| c.is_alphanumeric() || is_combining_accent(c));
    if id.is_empty() {
        "section".to_string()
    } else {
        id
    }
}

/// Whether `c` is an accent written after its letter (`é` as `e` and U+0301, `İ` in lower case
/// as `i` and U+0307): the blocks of combining diacritical marks, which are not alphabetic as
/// Hebrew points, Arabic vowel marks and Indic vowel signs are.
fn is_combining_accent(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// A character in lower case, where a slug or id is made: `İ` is `i` (as Go lowercases it for
/// Hugo's slugs, and the search page folds it), not `i` with a combining dot above.
pub fn lowercase(c: char) -> std::char::ToLowercase {
    match c {
        'İ' => 'i'.to_lowercase(),
        _ => c.to_lowercase(),
    }
}

/// `text` in lowercase with every run of characters that `keep` refuses turned into one `-`,
/// none at either end (for heading ids and file names).
pub fn hyphenate(text: &str, keep: impl Fn(char) -> bool) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(lowercase) {
        if keep(c) {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    if out.ends_with('-') {
        out.pop();
    }
    out
}

/// A fenced code block found in the Markdown body.
#[derive(Debug, Clone)]
pub struct Fence {
    /// The info string's first word (`network`, `python`, ...).
    pub kind: String,
    /// The whole info string (`figure source`, `python verbatim`, ...).
    pub info: String,
    /// The block's body text.
    pub text: String,
    /// Byte range of the whole block in the source.
    pub span: Range<usize>,
    /// Whether a closing fence ends the block (an unclosed block runs to the end of the lesson,
    /// or of the list or quote it is in).
    pub closed: bool,
    /// For each piece of `text`: (offset in `text`, offset in the source).
    pieces: Vec<(usize, usize)>,
}

impl Fence {
    /// The source byte offset of a byte offset in the block's text.
    pub fn source_offset(&self, offset: usize) -> usize {
        match self.pieces.iter().rev().find(|(t, _)| *t <= offset) {
            Some((t, s)) => s + (offset - t),
            None => self.span.start,
        }
    }

    pub fn source_span(&self, span: Range<usize>) -> Range<usize> {
        self.source_offset(span.start)..self.source_offset(span.end)
    }

    /// The span of the block's opening line, up to its kind (```` ```figure ````).
    pub fn opening(&self) -> Range<usize> {
        self.span.start..self.span.start + 3 + self.kind.len()
    }

    pub fn is_nnbook(&self) -> bool {
        NNBOOK_BLOCKS.contains(&self.kind.as_str())
    }
}

/// Every fenced code block of a Markdown body starting at byte `offset` of the source.
pub fn fences(body: &str, offset: usize) -> Vec<Fence> {
    let mut out = Vec::new();
    let mut current: Option<Fence> = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                current = Some(Fence {
                    kind: info.split_whitespace().next().unwrap_or("").to_string(),
                    info: info.to_string(),
                    text: String::new(),
                    span: range.start + offset..range.end + offset,
                    closed: is_closed(&body[range.clone()]),
                    pieces: Vec::new(),
                });
            }
            Event::Text(text) => {
                if let Some(f) = current.as_mut() {
                    f.pieces.push((f.text.len(), range.start + offset));
                    f.text.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(mut f) = current.take() {
                    if f.pieces.is_empty() {
                        // An empty block: point at the line after the opening fence.
                        let start = body[f.span.start - offset..]
                            .find('\n')
                            .map_or(f.span.start, |i| f.span.start + i + 1);
                        f.pieces.push((0, start));
                    }
                    out.push(f);
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether a fenced block's source (opening fence to end) ends with a closing fence: a line of
/// the opening's fence character, at least as many (after any list indentation or quote
/// markers).
fn is_closed(block: &str) -> bool {
    let mut lines = block.trim_end_matches(['\n', '\r']).lines();
    let strip = |l: &str| {
        l.trim_start_matches([' ', '\t', '>'])
            .trim_end()
            .to_string()
    };
    let first = strip(lines.next().unwrap_or(""));
    let Some(fence) = first.chars().next() else {
        return false;
    };
    let count = first.chars().take_while(|c| *c == fence).count();
    lines.next_back().is_some_and(|last| {
        let last = strip(last);
        last.chars().count() >= count && last.chars().all(|c| c == fence)
    })
}

#[cfg(test)]
mod tests {
    use super::{heading_id, html_links, may_link_to_fragment, Footnotes};

    #[test]
    fn heading_ids_keep_words_whole() {
        assert_eq!(heading_id("The spike, step 3"), "the-spike-step-3");
        assert_eq!(heading_id("激活函数与权重"), "激活函数与权重");
        // A Turkish İ is i (not i and a dot that would cut the word); an accent written after
        // its letter stays with it.
        assert_eq!(heading_id("İçerik ve Işık"), "içerik-ve-işık");
        assert_eq!(heading_id("Re\u{301}seau"), "re\u{301}seau");
        assert_eq!(heading_id("!!!"), "section");
    }

    #[test]
    fn footnotes_are_numbered_by_first_reference_and_the_rest_found() {
        let text = "B[^b], a[^A], b again[^b], none[^gone], `[^code]`, \\[^escaped].\n\n[^a]: A[^d].\n[^b]: B.\n[^c]: Never[^e].\n[^d]: In a.\n[^e]: In c alone.\n";
        let notes = Footnotes::of(text, 10);
        assert_eq!(notes.numbered, ["b", "a", "d"]);
        assert_eq!(
            (notes.number("B"), notes.number("a"), notes.number("c")),
            (Some(1), Some(2), None)
        );
        let defined: Vec<&str> = notes.defined.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(defined, ["a", "b", "c", "d", "e"]);
        let (label, at) = &notes.undefined[0];
        assert_eq!(
            (label.as_str(), &text[at.start - 10..at.end - 10]),
            ("gone", "[^gone]")
        );
        assert_eq!(notes.undefined.len(), 1);
        assert_eq!(
            Footnotes::of("No notes, [a] and ^b.", 0),
            Footnotes::default()
        );
    }

    #[test]
    fn a_fragment_link_is_never_missed_by_the_quick_test() {
        for text in [
            "[a](#x)",
            "[a](relu.md#x)",
            "[a](../r/index.html#x)",
            "[a](r/#x)",
            "<a href=\"#x\">",
            "<#x>",
            "[d]: #x",
        ] {
            assert!(may_link_to_fragment(text), "{text}");
        }
        assert!(!may_link_to_fragment(
            "## A heading\n\nC# and issue #13.\n\n```toml\n# a comment\n```"
        ));
    }

    #[test]
    fn raw_htmls_links_are_its_src_and_href() {
        let html = "<img src=\"a.png\" width=\"3\"><a href='b.csv#x'>b</a> <p data-src=\"no\">";
        assert_eq!(html_links(html), ["a.png", "b.csv#x"]);
        assert!(html_links("<div class=\"nn-explorable-only\">").is_empty());
    }
}
