//! Bare addresses in prose (`https://example.org/a`, `www.example.org`, `me@example.org`) made
//! links, as GitHub renders them (the GFM spec's "autolinks (extension)", which pulldown-cmark
//! lacks). Jupyter does the same, so the notebook keeps them as written.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use crate::text::is_wide;

/// The page's `events` with each bare address in a text outside a link or an image's text made
/// a link.
pub fn linked(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let has_address = |t: &str| t.contains("://") || t.contains("www.") || t.contains('@');
    if !events
        .iter()
        .any(|e| matches!(e, Event::Text(t) if has_address(t)))
    {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut in_link = 0usize;
    for event in events {
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => in_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => in_link = in_link.saturating_sub(1),
            Event::Text(ref text) if in_link == 0 && has_address(text) => {
                split(text, &mut out);
                continue;
            }
            _ => {}
        }
        out.push(event);
    }
    out
}

/// `text` as texts and links, one for each bare address in it.
fn split(text: &str, out: &mut Vec<Event<'_>>) {
    let mut at = 0;
    let mut from = 0;
    let mut addresses = Addresses::new(text);
    while let Some((start, end)) = addresses.next_from(from) {
        if start > at {
            out.push(Event::Text(CowStr::from(text[at..start].to_string())));
        }
        let shown = &text[start..end];
        let dest = if shown.starts_with("www.") {
            format!("http://{shown}")
        } else if !shown.contains("://") {
            format!("mailto:{shown}")
        } else {
            shown.to_string()
        };
        out.push(Event::Start(Tag::Link {
            link_type: LinkType::Autolink,
            dest_url: CowStr::from(dest),
            title: CowStr::from(""),
            id: CowStr::from(""),
        }));
        out.push(Event::Text(CowStr::from(shown.to_string())));
        out.push(Event::End(TagEnd::Link));
        at = end;
        from = end;
    }
    if at < text.len() {
        out.push(Event::Text(CowStr::from(text[at..].to_string())));
    }
}

/// The bare addresses of one text, found from left to right. Where each prefix next stands is
/// kept, so that every part of the text is searched once per prefix, however many false starts
/// it holds (`www.-www.-…`).
struct Addresses<'t> {
    text: &'t str,
    /// For each of [`Self::PREFIXES`]: where it next stands at or after the last `from`
    /// (`None` once there is none).
    next: [Option<usize>; 5],
}

impl<'t> Addresses<'t> {
    /// The schemes, `www.`, and an email address's `@` (its address starts before it).
    const PREFIXES: [&'static str; 5] = ["https://", "http://", "ftp://", "www.", "@"];

    fn new(text: &'t str) -> Addresses<'t> {
        let find = |p: &str| memchr::memmem::find(text.as_bytes(), p.as_bytes());
        Addresses {
            text,
            next: Self::PREFIXES.map(find),
        }
    }

    /// The next bare address in the text from byte `from`, as the GFM spec finds one:
    /// `http://`, `https://` or `ftp://` and a domain, or `www.` and a domain of at least two
    /// parts, at the start of the text or after white space, `(`, `*`, `_`, `~` or a Chinese
    /// letter or punctuation (written without a space); up to white space or `<`, without the
    /// punctuation that ends a sentence (`.`, `,`, `:`, `!`, `?`, quotes), an entity's `&hl;` or
    /// a `)` that closes nothing in it. Or an email address, `me+x@example.org`. A domain has no
    /// `_` in its last two parts. Chinese text has no space after an address: it ends at
    /// full-width punctuation too (`。`, `，`, `（`), which no address holds unencoded, though it
    /// may hold Chinese letters.
    fn next_from(&mut self, mut from: usize) -> Option<(usize, usize)> {
        let text = self.text;
        loop {
            self.advance(from);
            let (k, at) = (self.next.iter().enumerate())
                .filter_map(|(k, at)| Some((k, (*at)?)))
                .min_by_key(|(_, at)| *at)?;
            let prefix = Self::PREFIXES[k];
            let found = match prefix {
                "@" => email(text, from, at),
                _ => address_end(text, at, prefix).map(|end| (at, end)),
            };
            if found.is_some() {
                return found;
            }
            from = at + prefix.len();
        }
    }

    /// Each prefix's next place moved to at or after `from`.
    fn advance(&mut self, from: usize) {
        for (k, at) in self.next.iter_mut().enumerate() {
            if at.is_some_and(|at| at < from) {
                let p = Self::PREFIXES[k].as_bytes();
                *at = memchr::memmem::find(&self.text.as_bytes()[from..], p).map(|i| from + i);
            }
        }
    }
}

/// Where the address starting at `start` with `prefix` ends, if one starts there (see
/// [`Addresses::next_from`]).
fn address_end(text: &str, start: usize, prefix: &str) -> Option<usize> {
    let before = text[..start].chars().next_back();
    let after = &text[start + prefix.len()..];
    let host = after.chars().next().is_some_and(|c| c.is_alphanumeric());
    if !(before.is_none_or(|c| c.is_whitespace() || "(*_~".contains(c) || is_wide(c)) && host) {
        return None;
    }
    // (`www.` is the domain's first part.)
    let domain_from = match prefix {
        "www." => start,
        _ => start + prefix.len(),
    };
    if !valid_domain(&text[domain_from..]) {
        return None;
    }
    let ends = |c: char| c.is_whitespace() || c == '<' || full_width_punctuation(c);
    let len = after.find(ends).unwrap_or(after.len());
    trimmed(
        text,
        start,
        start + prefix.len() + len,
        start + prefix.len(),
    )
}

/// Whether `rest` starts with a valid domain (the GFM spec's): letters, digits, `-`, `_` and
/// `.`, without `_` in its last two parts.
fn valid_domain(rest: &str) -> bool {
    let (mut last, mut before_last) = (false, false);
    for c in rest.chars() {
        match c {
            '_' => last = true,
            '.' => (before_last, last) = (last, false),
            '-' => {}
            c if c.is_whitespace() || is_punctuation(c) => break,
            _ => {}
        }
    }
    !(last || before_last)
}

/// Punctuation as the GFM spec's domains end at it: ASCII punctuation and Unicode's (here the
/// general and CJK punctuation blocks, and the full-width forms).
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || matches!(c, '\u{2000}'..='\u{206F}') || full_width_punctuation(c)
}

/// The end of an address from `start` to `end` once the punctuation that ends a sentence, an
/// entity (`&hl;`) and the `)` that close nothing in it are taken off, if anything is left after
/// `min`. The parentheses are counted once, then taken off as the end moves back.
fn trimmed(text: &str, start: usize, mut end: usize, min: usize) -> Option<usize> {
    let shown = &text[start..end];
    let (mut open, mut close) = (shown.matches('(').count(), shown.matches(')').count());
    while end > min {
        let last = text[..end].chars().next_back()?;
        if last == ';' {
            // (`&hl;` looks like an entity: it goes, `&` and all.)
            let name = text[start..end - 1].trim_end_matches(|c: char| c.is_ascii_alphabetic());
            if name.len() < end - 1 - start && name.ends_with('&') {
                end = start + name.len() - 1;
                continue;
            }
        }
        let unbalanced = last == ')' && open < close;
        if !(".,:;!?\"'*_~".contains(last) || unbalanced) {
            return Some(end);
        }
        match last {
            '(' => open -= 1,
            ')' => close -= 1,
            _ => {}
        }
        end -= last.len_utf8();
    }
    None
}

/// The email address whose `@` is at `at`, if one is there (not before `from`): letters, digits,
/// `.`, `-`, `_` and `+` before it; letters, digits, `-`, `_` and at least one `.` followed by a
/// letter or digit after it, ending at a letter (a `.` after it is the sentence's).
fn email(text: &str, from: usize, at: usize) -> Option<(usize, usize)> {
    let local = |c: char| c.is_ascii_alphanumeric() || ".-_+".contains(c);
    let start = from + text[from..at].trim_end_matches(local).len();
    let domain = &text[at + 1..];
    let bytes = domain.as_bytes();
    let (mut len, mut dots) = (0, 0);
    while let Some(&b) = bytes.get(len) {
        let next_alnum = bytes.get(len + 1).is_some_and(u8::is_ascii_alphanumeric);
        match b {
            b'.' if next_alnum => dots += 1,
            b'-' | b'_' => {}
            b if b.is_ascii_alphanumeric() => {}
            _ => break,
        }
        len += 1;
    }
    let last = bytes.get(len.checked_sub(1)?)?;
    if start == at || dots == 0 || !(last.is_ascii_alphabetic() || *last == b'.') {
        return None;
    }
    let end = at + 1 + domain[..len].trim_end_matches('.').len();
    Some((start, end))
}

/// CJK symbols and punctuation (`。`, `、`, `「`) and full-width punctuation (`，`, `：`, `（`).
fn full_width_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}')
}

#[cfg(test)]
mod tests {
    use super::Addresses;

    fn addresses(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut from = 0;
        let mut found = Addresses::new(text);
        while let Some((start, end)) = found.next_from(from) {
            out.push(&text[start..end]);
            from = end;
        }
        out
    }

    #[test]
    fn bare_addresses_are_found_as_github_finds_them() {
        assert_eq!(
            addresses("See https://dev.to/a_b-1?x=1#c. Or (www.example.org/x), http://a.b/c_(d)), mailto:x, xhttps://no, https://"),
            ["https://dev.to/a_b-1?x=1#c", "www.example.org/x", "http://a.b/c_(d)"]
        );
        assert_eq!(
            addresses("网址https://例子.中国/路径。脚注，https://zh.wikipedia.org/wiki/线性整流函数（ReLU）"),
            ["https://例子.中国/路径", "https://zh.wikipedia.org/wiki/线性整流函数"]
        );
        assert!(addresses("No address: www. or http:// alone.").is_empty());
    }
}
