//! Where a name is in a template's text: Tera's syntax tree and errors carry no positions, so
//! a mistake is found by its name inside the template's tags.

use std::ops::Range;

/// Where `name` is first used as a whole expression inside a tag (`{{ }}` or `{% %}`) of
/// `text`, as a byte offset.
pub fn find_in_tags(text: &str, name: &str) -> Option<usize> {
    uses_in_tags(text, name, false).next()
}

/// Where the first of `operators` stands in a tag of `text` (`{{ }}` or `{% %}`), outside
/// quotes and comments: an arithmetic operator (`/`, `%`, `*`), not a tag's own `{%`.
pub fn find_operator(text: &str, operators: &[char]) -> Option<usize> {
    tags_at(text).find_map(|(open, tag)| {
        let mut quote = None;
        // (Not whitespace control's `-` at either end: `{%- if x -%}`.)
        let inner = &tag[2..];
        let last = inner.len().saturating_sub(1);
        for (i, c) in inner
            .char_indices()
            .filter(|&(i, c)| c != '-' || (i != 0 && i != last))
        {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if matches!(c, '"' | '\'' | '`') => quote = Some(c),
                None if operators.contains(&c) => return Some(open + 2 + i),
                None => {}
            }
        }
        None
    })
}

/// Where `needle` is first written inside a tag of `text` (`range(`, `macro down`), as a byte
/// offset.
pub fn find_in_tag_text(text: &str, needle: &str) -> Option<usize> {
    tags_at(text).find_map(|(open, tag)| Some(open + tag.find(needle)?))
}

/// The last block tag (`if`, `for`, `block`, ...) of a template that is never closed: its
/// offset and name.
pub fn unclosed_tag(text: &str) -> Option<(usize, String)> {
    let mut open: Vec<(usize, String)> = Vec::new();
    let mut at = 0;
    while let Some(i) = text[at..].find("{%").map(|i| at + i) {
        // (After the opening: in `{%}` the `%` is the opening's.)
        let end = text[i + 2..].find("%}").map_or(text.len(), |e| i + 2 + e);
        let word = text[i + 2..end]
            .trim_start_matches('-')
            .split_whitespace()
            .next()
            .unwrap_or("");
        match word {
            "if" | "for" | "block" | "macro" | "filter" | "raw" => open.push((i, word.to_string())),
            w if w.starts_with("end") => {
                open.pop();
            }
            _ => {}
        }
        at = end.max(i + 2);
    }
    open.pop()
}

/// The first `{% endblock x %}` or `{% endmacro x %}` of `text` whose name is not the one of
/// the block or macro it closes (Tera reads the name and lets it be): the name's offset, what
/// is written, and the name it closes.
pub fn misnamed_end(text: &str) -> Option<(usize, &str, &str)> {
    // (What is open: the kind and name of a block or macro, or another tag's kind alone. What
    // `{% raw %}` holds is text, passed over to its `endraw`.)
    let mut open: Vec<(&str, &str)> = Vec::new();
    let mut raw = false;
    for (at, tag) in tags_at(text).filter(|(_, tag)| tag.starts_with("{%")) {
        let inner = tag[2..].trim_start_matches('-');
        let mut words = inner.split_whitespace();
        let word = words.next().unwrap_or("");
        if raw {
            raw = word != "endraw";
            continue;
        }
        match word {
            "block" | "macro" => open.push((word, words.next().unwrap_or("").split('(').next()?)),
            "raw" => raw = true,
            "if" | "for" | "filter" => open.push((word, "")),
            w if w.starts_with("end") => {
                let (kind, opened) = open.pop().unwrap_or(("", ""));
                let written = words.next().unwrap_or("").trim_end_matches('-');
                let named = ["endblock", "endmacro"].contains(&w) && w[3..] == *kind;
                if named && !opened.is_empty() && !written.is_empty() && written != opened {
                    return Some((at + tag.find(written)?, written, opened));
                }
            }
            _ => {}
        }
    }
    None
}

/// Each tag of `text` (`{{ }}` or `{% %}`) with its byte offset, from its opening up to its
/// closing (not included). A comment's text is passed over, to the end where one is left open.
fn tags_at(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(open) = text[at..].find('{').map(|i| at + i) {
            let rest = &text[open..];
            if rest.starts_with("{#") {
                at = rest.find("#}").map_or(text.len(), |end| open + end + 2);
                continue;
            }
            let close = match rest.get(..2) {
                Some("{{") => rest.find("}}"),
                Some("{%") => rest.find("%}"),
                _ => None,
            };
            let Some(end) = close else {
                at = open + 1;
                continue;
            };
            at = open + end;
            return Some((open, &rest[..end]));
        }
        None
    })
}

/// Where template `name` is named in a tag of `text`, in quotes: the name's place, or the
/// quotes' for an empty name (which has no place of its own).
pub fn find_template_name(text: &str, name: &str) -> Option<Range<usize>> {
    let quoted = ['"', '\'', '`'].map(|q| format!("{q}{name}{q}"));
    let at = quoted.iter().find_map(|q| find_in_tags(text, q))?;
    Some(match name.is_empty() {
        true => at..at + 2,
        false => at + 1..at + 1 + name.len(),
    })
}

/// Where `name` is first read where it is not guarded: not inside an `{% if %}` whose condition
/// reads its root (`{% if prev %}…{{ prev.href }}`), nor a `{% for %}` or macro that binds it.
/// A page that does not get it fails there, not at a guarded read above (the first read of
/// `prev.href` was named, inside `{% if prev %}`, for one after it that is not). The first use,
/// where every use is guarded.
pub fn find_read(text: &str, name: &str) -> Option<usize> {
    find_unguarded(text, name).or_else(|| uses_in_tags(text, name, true).next())
}

/// Where `name` is first read where nothing guards it ([`find_read`]), if it is.
pub fn find_unguarded(text: &str, name: &str) -> Option<usize> {
    let root = name.split(['.', '[']).next().unwrap_or(name);
    uses_in_tags(text, name, true).find(|&at| !guarded(text, at, root))
}

/// Every use of `name` as a whole expression inside a tag of `text`, in order; only where it is
/// read, if `reads` (not in the tags that give names: a block's, a macro's, a template's).
fn uses_in_tags<'a>(text: &'a str, name: &'a str, reads: bool) -> impl Iterator<Item = usize> + 'a {
    let own = [
        "block", "endblock", "macro", "endmacro", "extends", "import",
    ];
    let ident = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    tags_at(text).filter_map(move |(open, tag)| {
        let word = tag
            .trim_start_matches(['{', '%', '-', ' '])
            .split_whitespace()
            .next();
        if reads && word.is_some_and(|w| own.contains(&w)) {
            return None;
        }
        // The name as a whole expression, not the end of `lesson.title` (its first in the tag).
        let whole = tag.match_indices(name).find(|(i, _)| {
            !tag[..*i].chars().next_back().is_some_and(ident)
                && !tag[i + name.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
        });
        whole.map(|(i, _)| open + i)
    })
}

/// Whether the byte `at` of `text` is inside a tag pair that guards or binds `root`: an `if`
/// or `elif` whose condition reads it, a `for` or `macro` that names it.
fn guarded(text: &str, at: usize, root: &str) -> bool {
    let reads = |words: &str| {
        let tokens = words.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'));
        tokens
            .map(|t| t.split('.').next().unwrap_or(t))
            .any(|t| t == root)
    };
    let mut open: Vec<bool> = Vec::new();
    for tag in text[..at].split("{%").skip(1) {
        let tag = tag.split("%}").next().unwrap_or_default();
        let tag = tag
            .trim()
            .trim_start_matches('-')
            .trim_end_matches('-')
            .trim();
        let (word, rest) = tag.split_once(char::is_whitespace).unwrap_or((tag, ""));
        match word {
            "if" | "for" | "macro" => open.push(reads(rest)),
            "block" | "filter" => open.push(false),
            "elif" => {
                if let Some(top) = open.last_mut() {
                    *top = reads(rest);
                }
            }
            "else" => {
                if let Some(top) = open.last_mut() {
                    *top = false;
                }
            }
            w if w.starts_with("end") => drop(open.pop()),
            _ => {}
        }
    }
    open.contains(&true)
}

/// The macros `text` defines (`{% macro card(title) %}`), by name.
pub fn macros_in(text: &str) -> Vec<&str> {
    tags(text)
        .filter_map(|tag| tag.strip_prefix("macro")?.trim_start().split('(').next())
        .map(str::trim)
        .collect()
}

/// The macro files `text` imports, as (file, namespace): `{% import "macros.html" as m %}`.
pub fn imports_in(text: &str) -> Vec<(&str, &str)> {
    tags(text)
        .filter_map(|tag| {
            let rest = tag.strip_prefix("import")?.trim_start();
            let quote = rest
                .chars()
                .next()
                .filter(|c| matches!(c, '"' | '\'' | '`'))?;
            let (file, rest) = rest[1..].split_once(quote)?;
            Some((file, rest.trim_start().strip_prefix("as")?.trim()))
        })
        .collect()
}

/// The insides of `text`'s `{% %}` tags, trimmed of whitespace control.
fn tags(text: &str) -> impl Iterator<Item = &str> {
    text.split("{%").skip(1).map(|tag| {
        let tag = tag.split("%}").next().unwrap_or_default();
        tag.trim()
            .trim_start_matches('-')
            .trim_end_matches('-')
            .trim()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An operator in a tag, not in a string, a comment, the text between tags or a tag's own
    /// `{%` and `%}`.
    #[test]
    fn an_operator_is_found_in_a_tag() {
        let text = "a / b {# 1 / 2 #}{% set p = \"x/y\" %}{%- if n % 2 -%}{{ 4/n }}{% endif %}";
        assert_eq!(find_operator(text, &['%']), text.find("% 2"));
        assert_eq!(find_operator(text, &['/']), text.find("/n"));
        assert_eq!(find_operator(text, &['*']), None);
        // (Whitespace control's `-` is no subtraction: an overflow was told at `{%-`.)
        let text = "{%- if a -%}x{{- y -}}{{ a - b }}";
        assert_eq!(find_operator(text, &['+', '-']), text.find("- b"));
    }

    /// The first read of `prev.href` outside `{% if prev %}`, and of `entry.title` outside the
    /// loop that binds `entry`; the first use where every use is guarded.
    #[test]
    fn a_read_is_found_where_nothing_guards_it() {
        let text = "{% if prev %}{{ prev.href }}{% endif %}\n<a>{{ prev.href }}</a>";
        assert_eq!(find_read(text, "prev.href"), text.rfind("prev.href"));
        let text = "{% for entry in toc %}{{ entry.title }}{% endfor %}{{ entry.title }}";
        assert_eq!(find_read(text, "entry.title"), text.rfind("entry.title"));
        let text = "{% if x %}{% else %}{{ x.y }}{% endif %}";
        assert_eq!(find_read(text, "x.y"), text.find("x.y"));
        let text = "{% if a is defined %}{{ a }}{% endif %}";
        assert_eq!(find_read(text, "a"), text.find("a is"));
    }

    #[test]
    fn macros_and_imports_are_read_from_the_text() {
        let text = "{% import \"macros.html\" as m %}{%- macro card(title) -%}{% endmacro card %}";
        assert_eq!(imports_in(text), [("macros.html", "m")]);
        assert_eq!(macros_in(text), ["card"]);
    }
}
