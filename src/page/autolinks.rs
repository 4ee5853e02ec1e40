//! Bare addresses in prose (`https://example.org/a`, `www.example.org`) made links, as GitHub
//! renders them (its "autolink literal" extension, which pulldown-cmark lacks). Jupyter does the
//! same, so the notebook keeps them as written.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use crate::text::is_wide;

/// The page's `events` with each bare address in a text outside a link or an image's text made
/// a link.
pub fn linked(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let has_address = |t: &str| t.contains("://") || t.contains("www.");
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
        let dest = match shown.starts_with("www.") {
            true => format!("http://{shown}"),
            false => shown.to_string(),
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

/// The bare addresses of one text, found from left to right. Where each of the three prefixes
/// next stands is kept, so that every part of the text is searched once per prefix, however
/// many false starts it holds (`www.-www.-…`).
struct Addresses<'t> {
    text: &'t str,
    /// For `https://`, `http://` and `www.`: where it next stands at or after the last `from`
    /// (`None` once there is none).
    next: [Option<usize>; 3],
}

impl<'t> Addresses<'t> {
    const PREFIXES: [&'static str; 3] = ["https://", "http://", "www."];

    fn new(text: &'t str) -> Addresses<'t> {
        let find = |p: &str| memchr::memmem::find(text.as_bytes(), p.as_bytes());
        Addresses {
            text,
            next: Self::PREFIXES.map(find),
        }
    }

    /// The next bare address in the text from byte `from`: `http://` or `https://` followed by a
    /// host, or `www.`; at the start of the text or after white space, `(`, `*`, `_`, `~` or a
    /// Chinese letter or punctuation (written without a space); up to
    /// white space or `<`, without the punctuation that ends a sentence (`.`, `,`, `:`, `;`, `!`,
    /// `?`, quotes) or a `)` that closes nothing in it (GitHub's rules). Chinese text has no space
    /// after an address: it ends at full-width punctuation too (`。`, `，`, `（`), which no address
    /// holds unencoded, though it may hold Chinese letters.
    fn next_from(&mut self, mut from: usize) -> Option<(usize, usize)> {
        let text = self.text;
        loop {
            self.advance(from);
            let (k, start) = (self.next.iter().enumerate())
                .filter_map(|(k, at)| Some((k, (*at)?)))
                .min_by_key(|(_, at)| *at)?;
            let prefix = Self::PREFIXES[k];
            if let Some(end) = address_end(text, start, prefix) {
                return Some((start, end));
            }
            from = start + prefix.len();
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
/// [`Addresses::next_from`]). The parentheses are counted once, then taken off as the end moves back.
fn address_end(text: &str, start: usize, prefix: &str) -> Option<usize> {
    let before = text[..start].chars().next_back();
    let after = &text[start + prefix.len()..];
    let host = after.chars().next().is_some_and(|c| c.is_alphanumeric());
    if !(before.is_none_or(|c| c.is_whitespace() || "(*_~".contains(c) || is_wide(c)) && host) {
        return None;
    }
    let ends = |c: char| c.is_whitespace() || c == '<' || full_width_punctuation(c);
    let len = after.find(ends).unwrap_or(after.len());
    let mut end = start + prefix.len() + len;
    let shown = &text[start..end];
    let (mut open, mut close) = (shown.matches('(').count(), shown.matches(')').count());
    while end > start + prefix.len() {
        let last = text[..end].chars().next_back()?;
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
