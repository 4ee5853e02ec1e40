//! Reading a block's TOML past the fields its type does not know (see
//! [`super::toml::read_toml`]): where each is, at any depth, and a copy of the text that reads
//! without it.

use std::ops::Range;

use serde::Deserialize;

use super::toml_hint::A_STEP;

/// A block's text being read past its unknown fields: a copy of the same length, in which each
/// is read as the field it likely means or blanked out, so that every span still points into
/// the lesson file.
pub struct Recovery<'a> {
    text: &'a str,
    rest: Vec<u8>,
    /// Whether `rest` differs from `text`.
    pub changed: bool,
    /// Where the unknown fields seen so far start.
    seen: Vec<usize>,
    /// The fields they likely mean.
    meant: Vec<String>,
    /// The fields they are read as, each with the table it is in (its entries' address).
    renamed: Vec<(usize, String)>,
    /// The values read as a stand-in or blanked because they were wrong ([`Recovery::wrong`]).
    pub invented: Vec<Range<usize>>,
}

impl<'a> Recovery<'a> {
    pub fn new(text: &'a str) -> Self {
        Recovery {
            text,
            rest: text.as_bytes().to_vec(),
            changed: false,
            seen: Vec::new(),
            meant: Vec::new(),
            renamed: Vec::new(),
            invented: Vec::new(),
        }
    }

    /// A number at `span` too large to read (`1e400`), read as 0: the text's other mistakes are
    /// then found too, and the block's value is not used ([`Recovery::invented`]). Whether it
    /// could (a span of the text, not one seen already).
    pub fn overflowed(&mut self, span: &Range<usize>) -> bool {
        let fits = !span.is_empty() && self.text.get(span.clone()).is_some();
        if !fits || self.invented.contains(span) {
            return false;
        }
        self.changed = true;
        self.invented.push(span.clone());
        let width = span.len();
        self.rest[span.clone()].copy_from_slice(format!("{:width$}", "0").as_bytes());
        true
    }

    /// The text as it reads now.
    pub fn rest(&self) -> String {
        String::from_utf8(self.rest.clone()).unwrap_or_default()
    }

    /// Whether the unknown field whose key spans `key` was seen already.
    pub fn seen(&self, key: &Range<usize>) -> bool {
        self.seen.contains(&key.start)
    }

    /// Whether serde's `message` says a field is missing that an unknown one likely means
    /// (so it repeats that field's problem).
    pub fn meant(&self, message: &str) -> bool {
        (self.meant.iter()).any(|k| message.contains(&format!("missing field `{k}`")))
    }

    /// Note that a field missing from the block is `field`, written where it is not read
    /// (below a `[table]` line): its "missing field" error repeats that problem. No field for
    /// [`Recovery::unknown`] to read the key as.
    pub fn mean(&mut self, field: &str) -> Option<&'static str> {
        self.meant.push(field.to_string());
        None
    }

    /// Read past the unknown field whose key spans `key` in the document `root`: as `close`,
    /// the field it likely means, when its table does not give that field and the name fits
    /// before the `=` (so that, say, the title of a `titel` is still checked, and no "missing
    /// field `title`" follows), or else blanked, with the comma after it in an inline table.
    /// Whether it could: only a `key = value` entry can be; a `[section]` or a dotted key is
    /// left, and reading the rest fails on it again, which is not reported twice.
    pub fn unknown(&mut self, root: &[Entry], key: Range<usize>, close: Option<&str>) -> bool {
        self.seen.push(key.start);
        self.meant.extend(close.map(str::to_string));
        let Some((entry, table)) = find_entry(root, key.start) else {
            return false;
        };
        let Some(span) = self.entry_span(entry) else {
            return false;
        };
        let text = self.text;
        self.changed = true;
        let address = table.as_ptr() as usize;
        let given = |k: &str| {
            table.iter().any(|(e, _)| e.get_ref() == k)
                || (self.renamed.iter()).any(|(t, r)| *t == address && r == k)
        };
        let room = text[span.clone()].find('=').unwrap_or(0);
        if let Some(k) = close.filter(|k| !given(k) && k.len() <= room) {
            let name = span.start..span.start + room;
            self.rest[name].copy_from_slice(format!("{k:room$}").as_bytes());
            self.renamed.push((address, k.to_string()));
            return true;
        }
        self.blank(span);
        true
    }

    /// Read past the field whose value serde could not read, `message` at `error` in the
    /// document `root`, so that the block's next mistake is found too. The value of the
    /// innermost `key = value` entry that holds it is read as a stand-in of the type expected
    /// (`""`, `0`, `[]`, `false`) where the message names one, the value is the one wrong and
    /// the stand-in fits; or else the entry is blanked, and a "missing field" error for its key
    /// is not reported again ([`Recovery::meant`]). Either way the block's value is not used
    /// ([`Recovery::invented`]). Whether it could (not a `[section]`, not one seen already).
    pub fn wrong(&mut self, root: &[Entry], error: &Range<usize>, message: &str) -> bool {
        let Some(entry @ (key, value)) = innermost(root, error) else {
            return false;
        };
        if value.span() != *error && self.item(error, message) {
            return true;
        }
        let Some(span) = self.entry_span(entry).filter(|_| !self.seen(&key.span())) else {
            return false;
        };
        self.seen.push(key.span().start);
        self.changed = true;
        self.invented.push(value.span());
        // (Only a value that is itself wrong, not a list or table with a wrong item.)
        let whole = value.span() == *error;
        // (The stand-in's span must cut the text as written where a character ends: what reads
        // the block may slice the text by it.)
        let fits = |at: &Range<usize>, s: &str| {
            s.len() <= at.len() && self.text.is_char_boundary(at.start + s.len())
        };
        // (Too long for the value, `""` for `title = 3`, it is written with its key closed up
        // to it, `title=""`, and the whole entry is the stand-in's.)
        let closed = |s: &str| format!("{}={s}", &self.text[key.span()]);
        match stand_in(message).filter(|_| whole) {
            Some(s) if fits(error, s) => {
                let width = value.span().len();
                self.rest[value.span()].copy_from_slice(format!("{s:width$}").as_bytes());
            }
            Some(s) if fits(&span, &closed(s)) => {
                let (width, written) = (span.len(), closed(s));
                self.rest[span.clone()].copy_from_slice(format!("{written:width$}").as_bytes());
                self.invented.pop();
                self.invented.push(span);
            }
            _ => {
                self.meant.push(key.get_ref().clone());
                self.blank(span);
            }
        }
        true
    }

    /// An item of a list that is of the wrong type (`at = [0.5, "x"]`, `signals = [3, "a"]`),
    /// read past where it is, so that a block with the list as a required field is still read
    /// and its other fields checked (blanking the list's entry failed the block): a stand-in
    /// of the type expected, in the item's place and, where it is longer, the spaces and comma
    /// after it or the spaces before it; or, for a type with no stand-in (a table), the item
    /// taken out with a comma beside it. Whether it could.
    fn item(&mut self, error: &Range<usize>, message: &str) -> bool {
        let now = String::from_utf8_lossy(&self.rest).into_owned();
        let space = [' ', '\t'];
        let before = now[..error.start].trim_end_matches(space);
        let after = now[error.end..].trim_start_matches(space);
        let in_list = code_before(&now[..error.start]).ends_with([',', '[']);
        if !in_list || self.seen(error) {
            return false;
        }
        // (What the item can take: up to the end of the spaces after a comma that follows
        // it, else from the spaces before it.)
        let comma_end =
            (after.strip_prefix(',')).map(|a| now.len() - a.trim_start_matches(space).len());
        let (room, with_comma) = match comma_end {
            Some(end) => (error.start..end, true),
            None => (before.len()..error.end, false),
        };
        let written = stand_in(message)
            .map(|s| {
                if with_comma {
                    format!("{s},")
                } else {
                    s.to_string()
                }
            })
            .filter(|s| s.len() <= room.len());
        let (room, written) = match written {
            Some(w) => (room, w),
            // (Out, with the comma after it, or else the one before it.)
            None if with_comma => (room, String::new()),
            None if before.ends_with(',') => (before.len() - 1..error.end, String::new()),
            None => (error.clone(), String::new()),
        };
        self.seen.push(error.start);
        self.changed = true;
        self.invented.push(room.clone());
        let width = room.len();
        self.rest[room].copy_from_slice(format!("{written:width$}").as_bytes());
        true
    }

    /// Whether a value was made up for a wrong one ([`Recovery::wrong`]), and the error at
    /// `error` is about that: the made-up value's problem, which is not the author's.
    pub fn about_invented(&self, error: &Range<usize>) -> bool {
        (self.invented.iter()).any(|v| v.start <= error.start && error.end <= v.end)
    }

    /// Where `entry` is written, from its key to the end of its value, if it is a `key = value`
    /// entry (not a `[section]` or a dotted key): what [`Recovery::unknown`] and
    /// [`Recovery::wrong`] can rename or blank.
    fn entry_span(&self, (key, value): &Entry) -> Option<Range<usize>> {
        let span = key.span().start..value.span().end;
        let after_key = self.text.get(key.span().end..);
        let simple = after_key.is_some_and(|a| a.trim_start().starts_with('='));
        (simple && self.text.get(span.clone()).is_some()).then_some(span)
    }

    /// `span` blanked out, with the comma after it in an inline table; lines stay where they are.
    fn blank(&mut self, span: Range<usize>) {
        let text = self.text;
        let after = text[span.end..].trim_start();
        let comma = after.starts_with(',').then(|| text.len() - after.len() + 1);
        for b in &mut self.rest[span.start..comma.unwrap_or(span.end)] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
}

/// `text` without the spaces and comments it ends with: what TOML code is before an item
/// written on the line after a comment (`"a", # ok` then `7,`).
fn code_before(text: &str) -> &str {
    let mut code = text.trim_end();
    loop {
        let line_start = code.rfind('\n').map_or(0, |i| i + 1);
        match comment_start(&code[line_start..]) {
            Some(at) => code = code[..line_start + at].trim_end(),
            None => return code,
        }
    }
}

/// Where a line's comment starts: its first `#` outside a string.
fn comment_start(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (Some('"'), '\\') if !escaped => {
                escaped = true;
                continue;
            }
            (Some(q), c) if c == q && !escaped => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => return Some(i),
            _ => {}
        }
        escaped = false;
    }
    None
}

/// A value of the type an "invalid type: …, expected …" `message` expects (in
/// [`crate::error::toml_message`]'s words), if it names a simple one.
fn stand_in(message: &str) -> Option<&'static str> {
    if message.starts_with("the number `") && message.ends_with("` is too large") {
        return Some("0");
    }
    // (A step, wrong by its type or, other text than `"last"`, by its value.)
    if message.starts_with("invalid ") && message.ends_with(&format!("expected {A_STEP}")) {
        return Some("0");
    }
    let (_, expected) = message
        .strip_prefix("invalid type: ")?
        .split_once(", expected ")?;
    let number = [
        "a number",
        "a whole number",
        "u8",
        "u16",
        "u32",
        "u64",
        "usize",
        "i32",
    ];
    Some(match expected {
        e if e.starts_with("a string") => "\"\"",
        e if e.starts_with("a list") => "[]",
        e if number.contains(&e) => "0",
        "a boolean" => "false",
        _ => return None,
    })
}

/// The innermost entry, at any depth of `table`, whose value holds the span `error`. (Every
/// entry's tables are searched, not only those of an entry that holds it: an array of tables'
/// span is not its tables'.)
fn innermost<'t>(table: &'t [Entry], error: &Range<usize>) -> Option<&'t Entry> {
    table.iter().find_map(|entry| {
        let v = entry.1.span();
        let holds = v.start <= error.start && error.end <= v.end;
        (entry.1.get_ref().innermost(error)).or_else(|| holds.then_some(entry))
    })
}

/// The entry whose key starts at byte `key` in `table` or in any table within it, with the
/// entries of the table it is in.
fn find_entry(table: &[Entry], key: usize) -> Option<(&Entry, &[Entry])> {
    table.iter().find_map(|entry| {
        if entry.0.span().start == key {
            Some((entry, table))
        } else {
            entry.1.get_ref().find(key)
        }
    })
}

/// A TOML document as the entries of its tables, at every depth, with their spans: where an
/// unknown field serde names is, and what else its table holds.
pub enum Tree {
    Table(Vec<Entry>),
    List(Vec<toml::Spanned<Tree>>),
    Value,
}

/// A key and its value, with their spans.
pub type Entry = (toml::Spanned<String>, toml::Spanned<Tree>);

impl Tree {
    fn innermost(&self, error: &Range<usize>) -> Option<&Entry> {
        match self {
            Tree::Table(entries) => innermost(entries, error),
            Tree::List(items) => (items.iter()).find_map(|item| item.get_ref().innermost(error)),
            Tree::Value => None,
        }
    }

    fn find(&self, key: usize) -> Option<(&Entry, &[Entry])> {
        match self {
            Tree::Table(entries) => find_entry(entries, key),
            Tree::List(items) => items.iter().find_map(|item| item.get_ref().find(key)),
            Tree::Value => None,
        }
    }
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TreeVisitor)
    }
}

struct TreeVisitor;

impl<'de> serde::de::Visitor<'de> for TreeVisitor {
    type Value = Tree;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a TOML value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Tree, E> {
        Ok(Tree::Value)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Tree, E> {
        Ok(Tree::Value)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Tree, E> {
        Ok(Tree::Value)
    }
    // (A whole number too large for the field is read, and reported where the field is.)
    fn visit_i128<E>(self, _: i128) -> Result<Tree, E> {
        Ok(Tree::Value)
    }
    fn visit_u128<E>(self, _: u128) -> Result<Tree, E> {
        Ok(Tree::Value)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Tree, E> {
        Ok(Tree::Value)
    }
    fn visit_str<E>(self, _: &str) -> Result<Tree, E> {
        Ok(Tree::Value)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Tree::List(items))
    }
    /// A table's entries, in the order written (the toml crate hands them over by name).
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut entries: Vec<Entry> = Vec::new();
        loop {
            match map.next_entry() {
                Ok(Some(entry)) => entries.push(entry),
                Ok(None) => break,
                // (A date or time, `date = 2026-12-06`, reaches here as a table of one private
                // key that has no span: it is a value. Before, the block's other mistakes went
                // unreported beside it.)
                Err(e) if entries.is_empty() && e.to_string().contains("datetime") => {
                    return Ok(Tree::Value)
                }
                Err(e) => return Err(e),
            }
        }
        entries.sort_by_key(|(key, _)| key.span().start);
        Ok(Tree::Table(entries))
    }
}
