//! The hints of a block's or the front matter's TOML and serde errors, read from serde's words
//! and from what is written where the error points.

use crate::error::Diagnostic;
use crate::text::closest;

/// What serde's message says a training's step is (`training_steps::StepName`): the hint of a
/// step written otherwise, and its stand-in while the rest of the block is read, key on it.
pub(super) const A_STEP: &str = "a whole number or \"last\"";

/// A hint for a TOML or serde error `message` on `d` (of `what`: a block, the front matter,
/// the configuration), about what is `written` where it points.
pub(super) fn toml_hint(d: Diagnostic, (what, message): (&str, &str), written: &str) -> Diagnostic {
    if message.contains("unknown field") {
        d.hint(unknown_field_hint(message))
    } else if message.contains("missing field") {
        d.hint("add the missing field")
    } else if message.contains("is given twice") {
        d.hint("keep one of them: a key is given once in its table")
    } else if message.starts_with("a number is too large") {
        d.hint("write a smaller number")
    } else if message.ends_with("is too large") {
        d.hint("a whole number in TOML is at most 9223372036854775807; write a smaller one (the README lists each field's limits), or a decimal like `1e20`")
    } else if message.contains("invalid length") {
        d.hint("check how many items the list holds")
    } else if message.contains("invalid type") && message.contains("a table of named numbers") {
        d.hint("name each number, like `weights = { w1 = 1.70 }` or `bias = { b1 = -0.85 }`: placeholders, controls and trainings use the names")
    } else if message.contains("invalid type") && message.contains("expected a control as a table")
    {
        d.hint("a control is a table: `{}` for the default range and step, or `{ from = -60, to = 0, step = 0.1 }`")
    } else if let Some(signal) = series_as_text(message) {
        d.hint(format!("a series is a table: `{{ signal = \"{signal}\" }}`, with an optional `label` and `color`"))
    } else if let Some(hint) = table_for_text(message, written) {
        d.hint(hint)
    } else if let Some(text) = list_for_text(message, written) {
        d.hint(format!(
            "write the text alone, without brackets: `\"{text}\"`"
        ))
    } else if message.contains("invalid type") && message.contains("as a table") {
        d.hint("a table is written `{ key = value, ... }`, or as a `[section]` of its own")
    } else if message.starts_with("invalid type: string") && message.ends_with("expected a list") {
        // (Hugo's `tags: relu`, or one alias, written alone.)
        d.hint(format!(
            "a list is written in brackets, even of one item: `[{}]`",
            written.trim()
        ))
    } else if message.contains("invalid type") && message.ends_with("expected a list") {
        d.hint("a list is written in brackets, its items separated by commas: `[0.5, 1.0]` or `[\"a\", \"b\"]`")
    } else if let Some(whole) = whole_as_decimal(message) {
        d.hint(format!(
            "a whole number is written without a decimal point or exponent: `{whole}`"
        ))
    } else if message.ends_with(A_STEP) {
        d.hint("name a step by its number, like `10`, or write `\"last\"` for the training's last step")
    } else if message.contains("invalid type") && message.ends_with("expected a boolean") {
        d.hint("write `true` or `false`, without quotes")
    } else if message.contains("invalid type") && message.ends_with("expected a TOML datetime") {
        d.hint("a date is written without quotes, like `date = 2026-12-06`")
    } else if message.contains("invalid type: date `") {
        d.hint(format!("text is in \"quotes\": `\"{}\"`", written.trim()))
    } else if message.contains("invalid type") {
        d.hint("check the value's type: numbers are unquoted, text is in \"quotes\"")
    } else if message.contains("escaped value") {
        // (LaTeX's `\alpha` in a caption between double quotes.)
        d.hint("a backslash between double quotes starts an escape (`\\n`, `\\\"`, `\\\\`): write text such as LaTeX's `\\alpha` between single quotes ('…', or ''' … ''' over lines), where a backslash is itself, or double the backslash")
    } else {
        let whole = match what {
            "front matter" => "the front matter, between the `+++` lines,",
            "configuration" => "nnbook.toml",
            _ => "the block's body",
        };
        d.hint(format!("{whole} is TOML: `key = value`, one per line"))
    }
}

/// Whether `written` is a TOML date or time (`2026-12-06`, `07:30:00`), which serde reads as a
/// table of one private key.
pub(super) fn is_datetime(written: &str) -> bool {
    written.trim().parse::<toml::value::Datetime>().is_ok()
}

/// The signal a figure's series names as text (`series = ["top.activation"]`), where serde's
/// `message` says a table was expected: a table's `signals` are written so.
fn series_as_text(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("invalid type: string \"")?;
    let (signal, expected) = rest.split_once("\", expected ")?;
    expected
        .starts_with("a series as a table")
        .then_some(signal)
}

/// The hint for a table `written` where serde's `message` says text was expected, if it is a
/// table's signal written as a figure's series is (`signals = [{ signal = "top.linear" }]`) or
/// a lesson's series written with its part (`series = { name = "Basics", part = 2 }`).
fn table_for_text(message: &str, written: &str) -> Option<String> {
    if message != "invalid type: map, expected a string" {
        return None;
    }
    let v = value_written(written)?;
    let text = |key: &str| v.get(key)?.as_str();
    if let Some(signal) = text("signal") {
        return Some(format!("a table's signals are text: `\"{signal}\"` (a figure's series are tables, a table's columns are signals' names)"));
    }
    let name = text("name")?;
    let part = v.get("part").and_then(toml::Value::as_integer).unwrap_or(1);
    Some(format!(
        "a series is named by text, its part beside it: `series = \"{name}\"` and `part = {part}`"
    ))
}

/// The TOML value `written` where an error points, read on its own.
fn value_written(written: &str) -> Option<toml::Value> {
    let mut table: toml::Table = toml::from_str(&format!("v = {written}")).ok()?;
    table.remove("v")
}

/// The one text of a list `written` where serde's `message` says text was expected (Hugo's
/// `series = ["Basics"]`, a taxonomy's list, for nnbook's `series = "Basics"`).
fn list_for_text(message: &str, written: &str) -> Option<String> {
    if message != "invalid type: list, expected a string" {
        return None;
    }
    match value_written(written)?.as_array()?.as_slice() {
        [one] => Some(one.as_str()?.to_string()),
        _ => None,
    }
}

/// The whole number a decimal is, where serde's `message` says a whole one was expected:
/// "invalid type: floating point `1000`, expected a whole number" for `samples = 1e3` (or a
/// step, "… expected a whole number or \"last\"").
fn whole_as_decimal(message: &str) -> Option<String> {
    let rest = message.strip_prefix("invalid type: floating point `")?;
    let (number, expected) = rest.split_once('`')?;
    let x: f64 = number.parse().ok()?;
    let expected = expected
        .trim_end_matches(A_STEP)
        .trim_end_matches("a whole number");
    let whole = expected.ends_with("expected ") && x.fract() == 0.0 && x.abs() < 1e15;
    whole.then(|| format!("{}", x as i64))
}

/// The hint for an "unknown field" error's `message`.
fn unknown_field_hint(message: &str) -> String {
    if message.contains("there are no fields") {
        return "this block takes no fields: leave its body empty".to_string();
    }
    let Some((name, fields)) = unknown_field(message) else {
        return "check the spelling of the field name (the README lists every field)".to_string();
    };
    // (Only the front matter has a `summary`.)
    if matches!(name, "language" | "lang") && fields.contains(&"summary") {
        return "a lesson's language is in its file name: `relu.zh-CN.md` is the lesson `relu` in Chinese (nnbook.toml's `language` is the default's)".to_string();
    }
    if name == "taxonomies" && fields.contains(&"tags") {
        return "Zola's `[taxonomies]` table is nnbook's `tags = [\"…\"]`, a field of the front matter itself (before any table)".to_string();
    }
    if let Some(ours) = alias(name, &fields) {
        return format!("what other site generators call `{name}`, nnbook calls `{ours}`");
    }
    // (Fields of Zola's, Hugo's and Quarto's front matter that a lesson has no use for.)
    const ELSEWHERE: [&str; 5] = ["authors", "author", "keywords", "template", "layout"];
    if ELSEWHERE.contains(&name) && fields.contains(&"summary") {
        let source = match name.starts_with("author") {
            true => "; the work a lesson follows, with its author, is its `source`",
            false => "",
        };
        return format!("other site generators' `{name}` has no place in a lesson's front matter: leave it out (the README lists every field{source})");
    }
    match closest(name, fields) {
        Some(k) => format!("did you mean `{k}`?"),
        None => "check the spelling of the field name (the README lists every field)".to_string(),
    }
}

/// The field an "unknown field `colour`, expected one of `signal`, `label`, `color`" error
/// likely means: what Zola, Hugo or Quarto call it, or else the closest (serde's message names
/// the fields of a table nested in a block, which `read_toml` does not know otherwise). The
/// hint names the same field.
pub(super) fn meant_field(message: &str) -> Option<&str> {
    let (name, fields) = unknown_field(message)?;
    alias(name, &fields).or_else(|| closest(name, fields))
}

/// Our name for the field `name` of other site generators, if it is one of `fields`: Zola's,
/// Hugo's and Quarto's `description` is a lesson's `summary`, their `weight` its `order`;
/// Zola's `translations` of a language are its `words` in `nnbook.toml`.
fn alias<'m>(name: &str, fields: &[&'m str]) -> Option<&'m str> {
    const ALIASES: [(&str, &str); 11] = [
        ("description", "summary"),
        ("abstract", "summary"),
        ("weight", "order"),
        ("lastmod", "updated"),
        ("publishDate", "date"),
        ("redirect_from", "aliases"),
        ("categories", "tags"),
        ("taxonomies", "tags"),
        ("translations", "words"),
        ("text-direction", "direction"),
        ("languageDirection", "direction"),
    ];
    let (_, ours) = ALIASES.iter().find(|(other, _)| *other == name)?;
    fields.iter().copied().find(|f| f == ours)
}

/// The name and the known fields of an "unknown field" error's `message`.
fn unknown_field(message: &str) -> Option<(&str, Vec<&str>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (name, expected) = rest.split_once("`, expected ")?;
    // ("expected `a`", "expected `a` or `b`", "expected one of `a`, `b`, `c`".)
    let fields = expected.split([',', ' ']);
    Some((
        name,
        fields
            .filter_map(|f| f.strip_prefix('`')?.strip_suffix('`'))
            .collect(),
    ))
}

/// Where the key given twice at `at` of TOML `text` (`key`, as written there) is first given in
/// its table: earlier in the inline table it is in, or on an earlier line of its section, up to
/// the section's `[header]`. None where it is not found so (a dotted key, a key in quotes
/// written otherwise).
pub(super) fn first_given(text: &str, at: usize, key: &str) -> Option<usize> {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..at];
    // (The inline table it is in: the last `{` before it not closed before it.)
    let mut depth = 0;
    for (i, c) in before.char_indices().rev() {
        match c {
            '}' => depth += 1,
            '{' if depth == 0 => {
                let inside = &before[i + 1..];
                return key_at(inside, key).map(|k| line_start + i + 1 + k);
            }
            '{' => depth -= 1,
            _ => {}
        }
    }
    let mut end = line_start;
    while end > 0 {
        let start = text[..end - 1].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[start..end - 1];
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            return None;
        }
        if key_at(trimmed, key) == Some(0) {
            return Some(start + line.len() - trimmed.len());
        }
        end = start;
    }
    None
}

/// Where `key = ` starts in `entries` (an inline table's, `a = 1, key = 2`, or a line's), at
/// the start or after a comma.
fn key_at(entries: &str, key: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = entries[from..].find(key).map(|i| from + i) {
        let after = entries[i + key.len()..].trim_start();
        let lead = entries[..i].trim_end();
        if after.starts_with('=') && (lead.is_empty() || lead.ends_with(',')) {
            return Some(i);
        }
        from = i + key.len();
    }
    None
}

/// Where the inline table is opened (`{`) that a TOML error about an inline table at `span` of
/// `text` met unclosed on a later line (TOML 1.1 lets an inline table run over lines, so a
/// missing `}` is found at the next `[table]` line or key), or at a list's `]`: the last `{`
/// before it not closed.
pub(super) fn unclosed_brace(
    text: &str,
    span: &std::ops::Range<usize>,
    message: &str,
) -> Option<usize> {
    if !message.contains("inline table") {
        return None;
    }
    let before = text.get(..span.start)?;
    let mut open = Vec::new();
    for (i, c, quoted) in toml_chars(before) {
        match (quoted, c) {
            (false, '{') => open.push(i),
            (false, '}') => drop(open.pop()),
            _ => {}
        }
    }
    // (Or a list closed within it: `[ { signal = "y" ]`.)
    let last = *open.last()?;
    let closed_otherwise = text[span.start..].starts_with(']');
    (before[last..].contains('\n') || closed_otherwise).then_some(last)
}

/// The characters of TOML `text` outside its comments, each with its byte index and whether it
/// is part of a string (its quotes included; an escaped character too).
pub(super) fn toml_chars(text: &str) -> impl Iterator<Item = (usize, char, bool)> + '_ {
    let (mut quote, mut comment, mut escaped) = (None, false, false);
    text.char_indices().filter_map(move |(i, c)| {
        if comment {
            comment = c != '\n';
            return None;
        }
        match quote {
            _ if escaped => escaped = false,
            Some(q) if c == q => quote = None,
            Some('"') if c == '\\' => escaped = true,
            Some(_) => {}
            None if c == '#' => {
                comment = true;
                return None;
            }
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                return Some((i, c, true));
            }
            None => return Some((i, c, false)),
        }
        Some((i, c, true))
    })
}

/// The `[table]` line above the key at `key` of TOML `text` whose table the key is in, where
/// the key starts its line in that table (not inside a list or inline table): every key after
/// a `[table]` line is the table's, so a field of the block's own written there is not the
/// block's ([`super::toml::read_toml`] says so). The line's span, without its line break.
pub(super) fn table_line_above(
    text: &str,
    key: &std::ops::Range<usize>,
) -> Option<std::ops::Range<usize>> {
    let before = text.get(..key.start)?;
    if !before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .trim()
        .is_empty()
    {
        return None;
    }
    let (mut depth, mut header, mut in_header, mut line_start) = (0i32, None, false, true);
    for (i, c, quoted) in toml_chars(before) {
        match (quoted, c) {
            (false, '\n') => (line_start, in_header) = (true, false),
            (false, c) if c.is_whitespace() => continue,
            (false, '[') if line_start && depth == 0 => (header, in_header) = (Some(i), true),
            _ if in_header => {}
            (false, '[' | '{') => depth += 1,
            (false, ']' | '}') => depth -= 1,
            _ => {}
        }
        line_start &= c == '\n';
    }
    let start = header.filter(|_| depth == 0)?;
    Some(
        start
            ..start
                + text[start..]
                    .find(['\n', '\r'])
                    .unwrap_or(text.len() - start),
    )
}

/// Where `field = …` starts a line of TOML `text` below a `[table]` line, in that table (not in
/// a list or an inline table): the key's span and the table line's. A field the block lacks
/// is often there, read as the table's.
pub(super) fn written_below_table(
    text: &str,
    field: &str,
) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let rest = line.trim_start();
        let start = at + line.len() - rest.len();
        at += line.len();
        if (rest.strip_prefix(field)).is_some_and(|r| r.trim_start().starts_with('=')) {
            let key = start..start + field.len();
            if let Some(header) = table_line_above(text, &key) {
                return Some((key, header));
            }
        }
    }
    None
}
