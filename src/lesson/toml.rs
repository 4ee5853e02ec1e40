//! A block's or the front matter's TOML, deserialised with spans: errors point at the line and
//! column of the lesson file, with a hint.

use std::ops::Range;

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::error::{toml_message, Diagnostic, SourceFile};
use crate::markdown::Fence;

use super::problems::Problems;
use super::recovery::{Entry, Recovery, Tree};
use super::toml_hint::{
    first_given, is_datetime, meant_field, table_line_above, toml_chars, toml_hint, unclosed_brace,
    written_below_table,
};

/// A block's TOML read as `T` (see [`read_toml`]), and the collector its parser gathers
/// its problems in, holding those of the fields it does not know and of values of the wrong
/// type: the block fails with them, and with its other fields' problems too. A wrong value is
/// read as a stand-in, so that the rest is checked; the collector then fails the block
/// ([`Problems::finish`]), and leaves out what is found about the stand-in.
pub fn from_block<T: DeserializeOwned>(
    source: &SourceFile,
    fence: &Fence,
    what: &str,
) -> Result<(T, Problems), Vec<Diagnostic>> {
    let at = |span: Range<usize>| fence.source_span(span);
    match read_toml(source, &fence.text, at, what) {
        (Some((value, invented)), problems) => {
            let stood_in = invented.into_iter().map(|v| source.locate(at(v)));
            Ok((value, Problems::read(problems, stood_in.collect())))
        }
        (None, problems) => Err(problems),
    }
}

/// The error of a field a block or the front matter (`what`) must have and lacks, in serde's
/// words where serde would have said it (`span`, of the lesson). A block whose field is
/// optional to serde for this reads on without it, and its other fields are checked too.
pub fn missing_field(
    source: &SourceFile,
    (what, field): (&str, &str),
    span: Range<usize>,
) -> Diagnostic {
    let message = format!("missing field `{field}`");
    invalid(source, span, what, &message)
}

/// The error of a block's or the front matter's TOML (`what`) at `span` of the lesson, in
/// `message`'s words, with its hint.
fn invalid(source: &SourceFile, span: Range<usize>, what: &str, message: &str) -> Diagnostic {
    let written = source.text.get(span.clone()).unwrap_or_default();
    toml_hint(
        source.error(span, format!("invalid {what}: {message}")),
        (what, message),
        written,
    )
}

/// Where each item of the TOML list written at `list` of `text` (its brackets included) is,
/// without the spaces and comments around it: commas at the list's own depth part it; strings,
/// nested lists and tables are passed over. (serde gives the list's place, not its items'.)
/// None unless it has `count` items, as many as serde read: else what is written there is no
/// such list (`at = "kinks"`), and no item's place is known.
pub fn list_items(text: &str, list: Range<usize>, count: usize) -> Option<Vec<Range<usize>>> {
    let (mut items, mut depth) = (Vec::new(), 0);
    let (mut start, mut end) = (None, 0);
    let inner_start = list.start + 1;
    let inner = text
        .get(inner_start..list.end.saturating_sub(1))
        .unwrap_or("");
    for (i, c, quoted) in toml_chars(inner) {
        let i = inner_start + i;
        match (quoted, c) {
            (false, ',') if depth == 0 => items.extend(start.take().map(|s| s..end)),
            (false, c) if c.is_whitespace() => continue,
            (false, '[' | '{') => depth += 1,
            (false, ']' | '}') => depth -= 1,
            _ => {}
        }
        if quoted || c != ',' {
            start.get_or_insert(i);
            end = i + c.len_utf8();
        }
    }
    items.extend(start.map(|s| s..end));
    (items.len() == count).then_some(items)
}

/// A value read with the spans of the values stood in for wrong ones ([`read_toml`]).
pub type StoodIn<T> = (T, Vec<Range<usize>>);

/// A TOML or serde `message` about what `text` holds at `span`, in the words of what is
/// written there, and where a key given twice is first given.
fn in_our_words(text: &str, span: &Range<usize>, message: &str) -> (String, Option<usize>) {
    // (TOML's "duplicate key" names no key: it is the one at the span.)
    let written = (text.get(span.clone()))
        .map(|k| k.trim())
        .filter(|k| !k.is_empty());
    match (message, written) {
        ("duplicate key", Some(key)) => (
            format!("the key `{key}` is given twice"),
            first_given(text, span.start, key),
        ),
        // (A date or time is a table of one private key to serde.)
        (m, Some(date)) if m.starts_with("invalid type: map,") && is_datetime(date) => {
            (m.replacen("map", &format!("date `{date}`"), 1), None)
        }
        _ => (message.to_string(), None),
    }
}

/// Read `T` from TOML `text`, whose spans `at` maps into the lesson file: the value, if it
/// reads, and the problems. serde stops at the first field `T` does not read, and at a table's
/// first; here every such field is reported at its name (an author's misspellings, all of them,
/// each with the closest field as a hint), read as that field or blanked out ([`Recovery`]), and
/// `T` read again from the rest, until it reads or fails otherwise; that error is reported too
/// unless it repeats them (a required field one of them likely means). The top level's unknown
/// fields are found first, all at once, so that a type error elsewhere does not hide them. Valid
/// TOML reads once, as before.
///
/// A value of the wrong type is read as a stand-in of the type expected ([`Recovery::wrong`]),
/// so that the rest is checked too; the value is then returned with where the stand-ins are
/// (spans in `text`), to be checked, never used.
pub fn read_toml<T: DeserializeOwned>(
    source: &SourceFile,
    text: &str,
    at: impl Fn(Range<usize>) -> Range<usize>,
    what: &str,
) -> (Option<StoodIn<T>>, Vec<Diagnostic>) {
    let mut error = match toml::from_str::<T>(text) {
        Ok(value) => return (Some((value, Vec::new())), Vec::new()),
        Err(e) => e,
    };
    let problem = |span: Range<usize>, message: &str| {
        if let Some(open) = unclosed_brace(text, &span, message) {
            return unclosed(source, at(open..open + 1), what);
        }
        if let Some(d) = missing_below_table::<T>(source, (text, &at), what, message) {
            return d;
        }
        let (message, first) = in_our_words(text, &span, message);
        let d = invalid(source, at(span), what, &message);
        match first {
            Some(f) => {
                let first = source.locate(at(f..f));
                d.hint(format!(
                    "keep one of them: it is first given at line {}, column {}",
                    first.line, first.column
                ))
            }
            None => d,
        }
    };
    let mut fix = Recovery::new(text);
    let mut problems = Vec::new();
    let Some(root) = tree_past_overflows(&mut fix, &mut problems, &problem, &error) else {
        return (None, problems);
    };

    if let Some(fields) = fields_of::<T>() {
        let unknown = |(key, _): &&Entry| !fields.contains(&key.get_ref().as_str());
        for (key, _) in root.iter().filter(unknown) {
            let message = format!(
                "unknown field `{}`, {}",
                key.get_ref(),
                expected_fields(fields)
            );
            problems.push(problem(key.span(), &message));
            fix.unknown(&root, key.span(), meant_field(&message));
        }
    }
    loop {
        if fix.changed {
            match toml::from_str::<T>(&fix.rest()) {
                Ok(value) => return (Some((value, fix.invented)), problems),
                Err(e) => error = e,
            }
        }
        let message = toml_message(&error);
        let span = error.span().unwrap_or(0..0);
        let unknown = message.starts_with("unknown field");
        if unknown && !fix.seen(&span) {
            let d = problem(span.clone(), &message);
            // (Blanked, as the field it is: no "missing field" error for it follows.)
            let (d, close) = match own_field_below_table::<T>(source, text, &span, &at, what) {
                Some((hint, field)) => (d.hint(hint), fix.mean(field)),
                None => (d, meant_field(&message)),
            };
            problems.push(d);
            if fix.unknown(&root, span, close) {
                continue;
            }
        } else if !(unknown || fix.meant(&message) || fix.about_invented(&span)) {
            problems.push(problem(span.clone(), &message));
            if !message.starts_with("missing field") && fix.wrong(&root, &span, &message) {
                continue;
            }
        }
        return (None, problems);
    }
}

/// The error of a field of `T`'s own missing (serde's `message`) that is written below one of
/// the block's `[table]` lines (`text`, whose spans `at` maps into the lesson), in that table: where it is,
/// not where the block starts (a `[controls]` table takes any key, so nothing else says so).
fn missing_below_table<T: DeserializeOwned>(
    source: &SourceFile,
    (text, at): (&str, &impl Fn(Range<usize>) -> Range<usize>),
    what: &str,
    message: &str,
) -> Option<Diagnostic> {
    let field = message.strip_prefix("missing field `")?.strip_suffix('`')?;
    // (Only the block's own: a series' `signal` missing is missing from its table.)
    fields_of::<T>()?.contains(&field).then_some(())?;
    let (key, header) = written_below_table(text, field)?;
    let table = &text[header];
    Some(
        (source.error(
            at(key),
            format!("invalid {what}: `{field}` is written below the `{table}` line, in that table"),
        ))
        .expected(format!(
            "`{field}` above the first `[table]` line, a field of the {what} itself"
        ))
        .hint(format!(
            "every key after a `[table]` line is the table's: move `{field}` above it"
        )),
    )
}

/// The error of an inline table opened at `open` of the lesson and not closed.
fn unclosed(source: &SourceFile, open: Range<usize>, what: &str) -> Diagnostic {
    (source.error(open, format!("invalid {what}: this `{{` is not closed")))
        .expected("`}` after the inline table's last value")
        .hint("an inline table is written on one line, `{ key = value, … }`: close it with `}`")
}

/// The hint for a field of `T`'s own (the block's, the configuration's) written at `key` of
/// `text` below a `[table]` line, which TOML reads as that table's, and the field: then no
/// "missing field" error for it follows. (Zola and Cargo users meet it too: a key after a
/// table line is the table's.)
fn own_field_below_table<T: DeserializeOwned>(
    source: &SourceFile,
    text: &str,
    key: &Range<usize>,
    at: &impl Fn(Range<usize>) -> Range<usize>,
    what: &str,
) -> Option<(String, &'static str)> {
    let written = text.get(key.clone())?.trim();
    let field = *fields_of::<T>()?.iter().find(|f| **f == written)?;
    let line = table_line_above(text, key)?;
    let place = source.locate(at(line.clone()));
    let what = what
        .strip_suffix(" block")
        .map_or(what.to_string(), |w| format!("`{w}` block"));
    Some((
        format!(
            "`{field}` is a field of the {what} itself, but every key after a `[table]` line is that table's (here `{}`, line {}): move `{field}` above the first `[table]` line",
            &text[line],
            place.line
        ),
        field,
    ))
}

/// The text's tree of keys (`Tree`), read past the numbers too large to read (`1e400`, which
/// fails the reading of the whole text): each is noted in `problems` and stands in as 0
/// ([`Recovery::overflowed`]), so that the text's other mistakes are found too. `None` where
/// the text does not read as TOML otherwise: its problem (`error`, the first) is noted.
fn tree_past_overflows(
    fix: &mut Recovery,
    problems: &mut Vec<Diagnostic>,
    problem: &dyn Fn(Range<usize>, &str) -> Diagnostic,
    error: &toml::de::Error,
) -> Option<Vec<Entry>> {
    loop {
        let too_large = |e: &toml::de::Error| toml_message(e).starts_with("a number is too large");
        match toml::from_str::<Tree>(&fix.rest()) {
            Ok(Tree::Table(root)) => return Some(root),
            Err(e) if too_large(&e) && problems.len() < MAX_OVERFLOWS => {
                let span = e.span().unwrap_or(0..0);
                problems.push(problem(span.clone(), &toml_message(&e)));
                if !fix.overflowed(&span) {
                    return None;
                }
            }
            _ if problems.is_empty() => {
                problems.push(problem(error.span().unwrap_or(0..0), &toml_message(error)));
                return None;
            }
            Ok(_) => return None,
            Err(e) => {
                problems.push(problem(e.span().unwrap_or(0..0), &toml_message(&e)));
                return None;
            }
        }
    }
}

/// How many numbers too large to read are stood in for in one text.
const MAX_OVERFLOWS: usize = 64;

/// What serde says a struct with `fields` expects ("expected one of `a`, `b`").
fn expected_fields(fields: &[&str]) -> String {
    match fields {
        [] => "there are no fields".to_string(),
        [one] => format!("expected `{one}`"),
        many => {
            let quoted: Vec<String> = many.iter().map(|f| format!("`{f}`")).collect();
            format!("expected one of {}", quoted.join(", "))
        }
    }
}

/// The fields struct `T` reads, as its derived `Deserialize` names them to serde (`None` for a
/// type that is not read as a struct): a deserializer that takes them and stops.
pub fn fields_of<T: DeserializeOwned>() -> Option<&'static [&'static str]> {
    #[derive(Debug)]
    struct Stop;
    impl std::fmt::Display for Stop {
        fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("stop")
        }
    }
    impl std::error::Error for Stop {}
    impl serde::de::Error for Stop {
        fn custom<M: std::fmt::Display>(_: M) -> Self {
            Stop
        }
    }
    struct Fields<'a>(&'a mut Option<&'static [&'static str]>);
    impl<'de> serde::Deserializer<'de> for Fields<'_> {
        type Error = Stop;
        fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }
        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Stop> {
            *self.0 = Some(fields);
            Err(Stop)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    let mut fields = None;
    let _ = T::deserialize(Fields(&mut fields));
    fields
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

/// A data point, `[input, value]`: two numbers, no more (serde's `[f64; 2]` reads the first
/// two of a longer list and drops the rest without a word).
#[derive(Debug, Clone, Copy)]
pub struct Point(pub [f64; 2]);

impl<'de> Deserialize<'de> for Point {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Point;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a data point `[input, value]`")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Point, A::Error> {
                let mut xy = Vec::with_capacity(2);
                while let Some(v) = seq.next_element::<f64>()? {
                    xy.push(v);
                }
                match xy[..] {
                    [x, y] => Ok(Point([x, y])),
                    _ => Err(serde::de::Error::invalid_length(
                        xy.len(),
                        &"a list of length 2, `[input, value]`",
                    )),
                }
            }
        }
        d.deserialize_seq(Visitor)
    }
}

impl ListItem for Point {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Each item's place, without spaces and comments, past strings holding commas, brackets
    /// or quotes, and nested lists and tables; over several lines.
    #[test]
    fn a_list_is_parted_into_its_items() {
        let text = "at = [0.0, \"x, ]\\\"\" ,2.0, [1, 2], { a = 1, b = 2 }, # a, comment\n  3e1 ,]";
        let list = text.find('[').unwrap()..text.len();
        let items: Vec<&str> = (list_items(text, list.clone(), 6).unwrap().into_iter())
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            items,
            [
                "0.0",
                "\"x, ]\\\"\"",
                "2.0",
                "[1, 2]",
                "{ a = 1, b = 2 }",
                "3e1"
            ]
        );
        assert_eq!(list_items("[]", 0..2, 0), Some(Vec::new()));
        // (Not as many items as serde read: no item's place.)
        assert_eq!(list_items(text, list, 5), None);
    }
}
