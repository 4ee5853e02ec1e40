//! Reading a block's TOML past the fields its type does not know (see
//! [`super::toml::read_toml`]): where each is, at any depth, and a copy of the text that reads
//! without it.

use std::ops::Range;

use serde::Deserialize;

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
        }
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

    /// Read past the unknown field whose key spans `key` in the document `root`: as `close`,
    /// the field it likely means, when its table does not give that field and the name fits
    /// before the `=` (so that, say, the title of a `titel` is still checked, and no "missing
    /// field `title`" follows), or else blanked, with the comma after it in an inline table.
    /// Whether it could: only a `key = value` entry can be; a `[section]` or a dotted key is
    /// left, and reading the rest fails on it again, which is not reported twice.
    pub fn unknown(&mut self, root: &[Entry], key: Range<usize>, close: Option<&str>) -> bool {
        self.seen.push(key.start);
        self.meant.extend(close.map(str::to_string));
        let Some(((key, value), table)) = find_entry(root, key.start) else {
            return false;
        };
        let text = self.text;
        let span = key.span().start..value.span().end;
        let simple = (text.get(key.span().end..)).is_some_and(|a| a.trim_start().starts_with('='));
        if !simple || span.start > span.end || text.get(span.clone()).is_none() {
            return false;
        }
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
        let after = text[span.end..].trim_start();
        let comma = after.starts_with(',').then(|| text.len() - after.len() + 1);
        for b in &mut self.rest[span.start..comma.unwrap_or(span.end)] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
        true
    }
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
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        entries.sort_by_key(|(key, _)| key.span().start);
        Ok(Tree::Table(entries))
    }
}
