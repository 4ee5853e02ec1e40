//! A block's or the front matter's TOML, deserialised with spans: errors point at the line and
//! column of the lesson file, with a hint.

use serde::Deserialize;

use crate::error::{toml_message, Diagnostic, SourceFile};
use crate::markdown::Fence;

/// Turn a TOML error into a diagnostic pointing into the lesson.
pub fn toml_error(
    source: &SourceFile,
    offset: usize,
    e: &toml::de::Error,
    what: &str,
) -> Diagnostic {
    let message = toml_message(e);
    let span = e.span().unwrap_or(0..0);
    let d = source.error(
        offset + span.start..offset + span.end,
        format!("invalid {what}: {message}"),
    );
    toml_hint(d, &message)
}

fn toml_hint(d: Diagnostic, message: &str) -> Diagnostic {
    if message.contains("unknown field") && message.contains("there are no fields") {
        d.hint("this block takes no fields: leave its body empty")
    } else if message.contains("unknown field") {
        d.hint("check the spelling of the field name (the README lists every field)")
    } else if message.contains("missing field") {
        d.hint("add the missing field")
    } else if message.contains("invalid length") {
        d.hint("check how many items the list holds")
    } else if message.contains("invalid type") && message.contains("as a table") {
        d.hint("a table is written `{ key = value, ... }`, or as a `[section]` of its own")
    } else if message.contains("invalid type") {
        d.hint("check the value's type: numbers are unquoted, text is in \"quotes\"")
    } else {
        d.hint("the block's body is TOML: `key = value`, one per line")
    }
}

pub fn from_block<T: for<'de> Deserialize<'de>>(
    source: &SourceFile,
    fence: &Fence,
    what: &str,
) -> Result<T, Diagnostic> {
    toml::from_str(&fence.text).map_err(|e| {
        let message = toml_message(&e);
        let span = fence.source_span(e.span().unwrap_or(0..0));
        toml_hint(
            source.error(span, format!("invalid {what}: {message}")),
            &message,
        )
    })
}

/// A field that holds either a list or one name in quotes: a table's `at` (inputs, or
/// `"kinks"`), a training's `data` (points, or a figure's id) and `train` (names, or `"all"`).
/// Read by hand rather than as an untagged enum, whose error ("data did not match any variant
/// of untagged enum") says neither what was found nor what was expected.
pub enum ListOrName<T> {
    List(Vec<T>),
    Name(String),
}

/// What a [`ListOrName`] of these items expects, for its error.
pub trait ListItem {
    const EXPECTED: &'static str;
}

impl ListItem for f64 {
    const EXPECTED: &'static str = "a list of inputs, like `[0.0, 0.5, 1.0]`, or \"kinks\"";
}

impl ListItem for [f64; 2] {
    const EXPECTED: &'static str =
        "a list of `[input, target]` points, or the id of a figure above in quotes";
}

impl ListItem for toml::Spanned<String> {
    const EXPECTED: &'static str = "a list of weight and bias names, or \"all\"";
}

impl<'de, T: ListItem + Deserialize<'de>> Deserialize<'de> for ListOrName<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: ListItem + Deserialize<'de>> serde::de::Visitor<'de> for Visitor<T> {
            type Value = ListOrName<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(T::EXPECTED)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(ListOrName::Name(v.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(ListOrName::List(items))
            }
        }
        d.deserialize_any(Visitor(std::marker::PhantomData))
    }
}

/// A table nested in a block (`input`, a layer, a node, `[output]`, a series, `source`): only a
/// table, never a list. serde reads a struct from a list too, field by field, so `input = [1]`
/// said "expected a string" (its first field's type); this says what the table is.
pub struct Table<T>(pub T);

/// What a [`Table`] of this kind is, for its error.
pub trait TableKind {
    const EXPECTED: &'static str;
}

impl<T> std::ops::Deref for Table<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<'de, T: TableKind + Deserialize<'de>> Deserialize<'de> for Table<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: TableKind + Deserialize<'de>> serde::de::Visitor<'de> for Visitor<T> {
            type Value = Table<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(T::EXPECTED)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Table<T>, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Table)
            }
        }
        d.deserialize_map(Visitor(std::marker::PhantomData))
    }
}

/// A TOML table's entries, each key with its span, in the order they are written (a node's
/// weights, one for each node before it; the controls, in the drawer's order). The toml crate
/// hands a table's keys over sorted by name (it keeps them in a `BTreeMap` without its
/// `preserve_order` feature), so they are put back in the order of their positions in the block.
/// `expecting` says what the table is, for its error.
pub fn entries_in_written_order<'de, D, V>(
    d: D,
    expecting: &'static str,
) -> Result<Vec<(toml::Spanned<String>, V)>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct Entries<V>(&'static str, std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Entries<V> {
        type Value = Vec<(toml::Spanned<String>, V)>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str(self.0)
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out: Self::Value = Vec::new();
            while let Some(entry) = map.next_entry()? {
                out.push(entry);
            }
            out.sort_by_key(|(key, _)| key.span().start);
            Ok(out)
        }
    }
    d.deserialize_map(Entries(expecting, std::marker::PhantomData))
}
