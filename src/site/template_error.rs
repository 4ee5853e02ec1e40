//! Tera's errors as diagnostics: the template file, line and column of the mistake.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::error::{Diagnostic, SourceFile};
use crate::text::did_you_mean;

use super::page_names::SOMETIMES;
use super::template_macros::macro_missing;
use super::template_text::{
    find_in_tags, find_operator, find_template_name, find_unguarded, unclosed_tag,
};

/// What every page's templates can read, for the hint at an unknown variable.
pub(super) const EVERY_PAGE_GETS: &str = "every page gets site_title, root, home, search, feed, extra, lang, t, page_title, description; the lesson page also lesson.{title,summary,slug,source,date,updated,extra}, content, toc, notebook, translations, prev, next, series, page_url, edit_url; the index lessons, series, others and languages (see the README)";

/// A Tera error as a diagnostic: the template file, line and column where Tera says (parse
/// errors), or where the missing name first appears (render errors). `context`, the render's,
/// gives an unknown variable a "did you mean" among the names it holds.
pub fn template_error(
    sources: &BTreeMap<String, SourceFile>,
    e: &tera::Error,
    context: Option<&tera::Context>,
) -> Diagnostic {
    let mut chain = vec![e.to_string()];
    let mut cur: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(c) = cur {
        chain.push(c.to_string());
        cur = c.source();
    }
    let full = chain.join("\n");
    let file = sources
        .iter()
        .find(|(name, _)| full.contains(&format!("'{name}'")))
        .map(|(_, s)| s);
    // The detail: the last message of the chain, without pest's own drawing.
    let detail = chain
        .iter()
        .rev()
        .find(|m| !m.trim().is_empty())
        .map(|m| {
            m.lines()
                .filter(|l| l.trim_start().starts_with("= "))
                .map(|l| l.trim_start().trim_start_matches("= ").to_string())
                .next()
                .unwrap_or_else(|| m.lines().next().unwrap_or("").to_string())
        })
        .unwrap_or_default();
    if let Some(d) = missing(sources, &detail).or_else(|| macro_missing(sources, &detail)) {
        return d;
    }
    let message = format!("template error: {detail}");
    if let Some(d) = misused(sources, file, &detail) {
        return d;
    }
    let Some(file) = file else {
        return Diagnostic::new(message).hint(full);
    };
    // Parse errors carry " --> line:col".
    if let Some(d) = parse_error(file, &full, &detail, &message) {
        return d;
    }
    // Render errors name a variable (`name`) or filter ('name'): point at its first use inside
    // a tag, in the template rendered or any it extends, includes or imports. The innermost
    // message first: a filter unknown inside a macro is named after the macro's call, and the
    // mistake is in the macro.
    let names = chain
        .iter()
        .rev()
        .flat_map(|m| {
            let ticked = m.split('`').skip(1).step_by(2);
            ticked.chain(m.split('\'').skip(1).step_by(2))
        })
        .filter(|n| !n.is_empty() && !n.ends_with(".html") && !n.contains(' '));
    // (A variable at its first read that nothing guards: a page that lacks it failed there.)
    // (In any template: a partial may read it where nothing guards it, below a guarded read in
    // the page's own template.)
    let unguarded = |quoted: &str| match detail.starts_with("Variable") {
        true => std::iter::once(file)
            .chain(sources.values())
            .find_map(|f| find_unguarded(&f.text, quoted).map(|at| (f, at))),
        false => None,
    };
    for quoted in names {
        let found = unguarded(quoted).or_else(|| {
            std::iter::once(file)
                .chain(sources.values())
                .find_map(|f| find_in_tags(&f.text, quoted).map(|at| (f, at)))
        });
        if let Some((file, at)) = found {
            let names = context.map(readable_names).unwrap_or_default();
            return at_name(file, at, (quoted, &detail, message), sources, &names);
        }
    }
    Diagnostic::in_file(file.path.clone(), message)
}

/// The hint of a division by zero in a template.
const BY_ZERO: &str = "a number divided by 0, or its remainder, is not a number";

/// "tried to divide by zero", "tried to do a modulo by zero" (`what`, in Tera's words).
fn by_zero_message(what: &str) -> String {
    format!("template error: tried to {what} by zero")
}

/// A division (`what`, in Tera's words: "divide") or a modulo ("do a modulo") by 0 in a tag of
/// `file`, at its operator: by a literal 0 the same whether a page reached it or `template_check`
/// found it; by a name, the first such operator.
pub(super) fn by_zero(file: &SourceFile, what: &str) -> Option<Diagnostic> {
    let (op, written) = match what {
        "divide" => ('/', ["/ 0", "/0"]),
        _ => ('%', ["% 0", "%0"]),
    };
    let at = (written.iter().find_map(|w| find_in_tags(&file.text, w)))
        .or_else(|| find_operator(&file.text, &[op]))?;
    Some(file.error(at..at + 1, by_zero_message(what)).hint(BY_ZERO))
}

/// Tera's errors that name no name to find: `super()` in a template that extends none, a
/// division by zero (its message a dump of Tera's syntax tree), a block given twice in one
/// template (reported at the first). Each where it is, in nnbook's words.
fn misused(
    sources: &BTreeMap<String, SourceFile>,
    file: Option<&SourceFile>,
    detail: &str,
) -> Option<Diagnostic> {
    // (The first of the templates, the one Tera names first, where `pattern` is in a tag.)
    let first_in = |pattern: &str| {
        file.into_iter()
            .chain(sources.values())
            .find_map(|f| find_in_tags(&f.text, pattern).map(|at| (f, at)))
    };
    if detail.starts_with("Tried to use super() in the top level block") {
        let (f, at) = first_in("super()")?;
        return Some(
            f.error(at..at + "super()".len(), "template error: `super()` in a template that extends no other")
                .hint("`{{ super() }}` shows the parent template's block of the same name: only a block of a template that `{% extends %}` another has one"),
        );
    }
    if let Some(by) = detail
        .strip_prefix("Tried to ")
        .and_then(|d| d.split_once(" by zero"))
    {
        let found = (file.into_iter().chain(sources.values())).find_map(|f| by_zero(f, by.0));
        return Some(match (found, file) {
            (Some(d), _) => d,
            (None, Some(f)) => {
                Diagnostic::in_file(f.path.clone(), by_zero_message(by.0)).hint(BY_ZERO)
            }
            (None, None) => Diagnostic::new(by_zero_message(by.0)).hint(BY_ZERO),
        });
    }
    let block = detail
        .strip_prefix("Block `")?
        .strip_suffix("` is duplicated")?;
    let file = file?;
    let tag = |at: usize| {
        file.text[..at]
            .rfind("{%")
            .is_some_and(|o| file.text[o..at].trim_start_matches(['{', '%', '-', ' ']) == "block ")
    };
    let mut uses = file
        .text
        .match_indices(block)
        .map(|(at, _)| at)
        .filter(|&at| tag(at));
    let second = uses.nth(1)?;
    Some(
        file.error(
            second..second + block.len(),
            format!("template error: the block `{block}` is given twice"),
        )
        .hint("a template gives each block once: rename one, or take it out"),
    )
}

/// A render error about `quoted` (Tera's `detail`, nnbook's `message`), at its use at byte `at`
/// of `file`; an unknown variable with the closest of the page's `names`.
fn at_name(
    file: &SourceFile,
    at: usize,
    (quoted, detail, message): (&str, &str, String),
    sources: &BTreeMap<String, SourceFile>,
    names: &[String],
) -> Diagnostic {
    // (Only a name that is not found: "Filter call 'replace' failed" is Tera's word for a call
    // whose arguments are wrong, and the detail says which.)
    let unknown = |kind: &str| detail == format!("{kind} '{quoted}' not found");
    let call = CALLS.iter().find(|(kind, _, _)| detail.starts_with(kind));
    if let Some((kind, what, known)) = call {
        if unknown(kind) {
            return unknown_call(file, at, (kind, what, known), quoted);
        }
        return file.error(at..at + quoted.len(), message).hint(format!(
            "check what `{quoted}` is given: Tera's documentation lists each {what}'s arguments and the values it takes"
        ));
    }
    let mut known: Vec<String> = (names.iter())
        .filter(|n| !n.contains("[]"))
        .cloned()
        .collect();
    known.extend(loop_names(sources, names));
    if super::page_names::is_open(quoted) {
        // (A name beside it that this page has is likely the one meant: `extra.brand`.)
        let parent = |n: &str| n.rsplit_once('.').map(|(p, _)| p.to_string());
        let siblings = (known.iter()).filter(|n| parent(n) == parent(quoted));
        let only = format!("nly the pages whose `[extra]` gives `{quoted}` have it (a lesson's front matter, or nnbook.toml for every page): read it inside `{{% if {quoted} %}}`");
        let hint = match did_you_mean(quoted, siblings.map(String::as_str)) {
            Some(mean) => format!("{mean} O{only}"),
            None => format!("o{only}"),
        };
        return file.error(at..at + quoted.len(), message).hint(hint);
    }
    let under = |name: &str| quoted == name || quoted.starts_with(&format!("{name}."));
    if let Some((name, why)) = SOMETIMES.iter().find(|(name, _)| under(name)) {
        return file.error(at..at + quoted.len(), message).hint(format!(
            "not every page gets `{name}` ({why}): read it inside `{{% if {name} %}}`"
        ));
    }
    let hint = match did_you_mean(quoted, known.iter().map(String::as_str)) {
        Some(mean) => format!("{mean} E{}", &EVERY_PAGE_GETS[1..]),
        None => EVERY_PAGE_GETS.to_string(),
    };
    file.error(at..at + quoted.len(), message).hint(hint)
}

/// What Tera calls a filter, test and function in its errors, what nnbook calls them, and
/// those it has.
pub(super) const CALLS: [(&str, &str, &[&str]); 3] = [
    ("Filter", "filter", &FILTERS),
    ("Test", "test", &TESTS),
    ("Function", "function", &FUNCTIONS),
];

/// The error of a filter, test or function (`call`: one of [`CALLS`]) that does not exist,
/// named `name` at byte `at` of `file`: the same whether a page reached it or
/// `template_check` found it (so that it is reported once).
pub(super) fn unknown_call(
    file: &SourceFile,
    at: usize,
    (kind, what, known): (&str, &str, &[&str]),
    name: &str,
) -> Diagnostic {
    let hint = match did_you_mean(name, known.iter().copied()) {
        // (Tera knows `super()` only inside a block that overrides its parent's.)
        _ if name == "super" && kind == "Function" => "`{{ super() }}` shows the parent template's block of the same name: call it inside a `{% block %}` of a template that `{% extends %}` another".to_string(),
        _ if LEFT_OUT.contains(&name) => format!(
            "`{name}` is one of Tera's optional built-ins, which nnbook's Tera leaves out; its {what}s: {}",
            known.join(", ")
        ),
        Some(mean) => format!("{mean} (a {what} of Tera's)"),
        None => format!("Tera's {what}s: {}", known.join(", ")),
    };
    file.error(
        at..at + name.len(),
        format!("template error: {kind} '{name}' not found"),
    )
    .hint(hint)
}

/// The error of a template that `file` includes, extends or imports at byte `at` (`name`), not
/// among `templates`: the same whether a page reached it or `template_check` found it.
pub(super) fn missing_template(
    file: &SourceFile,
    at: Range<usize>,
    name: &str,
    templates: &[&str],
) -> Diagnostic {
    let empty = ["", " (its name is empty)"][usize::from(name.is_empty())];
    let all = templates.join(", ");
    let d = file
        .error(at, format!("template error: no template `{name}`{empty}"))
        .expected(format!("one of the theme's templates: {all}"));
    match did_you_mean(name, templates.iter().copied()) {
        Some(hint) => d.hint(hint),
        None => {
            d.hint("a template is a file of the project's templates/ folder, or a built-in one")
        }
    }
}

/// A template that another includes, extends or imports and that is not there, from Tera's
/// `detail`: at the name, in the template that names it.
fn missing(sources: &BTreeMap<String, SourceFile>, detail: &str) -> Option<Diagnostic> {
    let between = |text: &str, open: &str, close: &str| -> Option<String> {
        let rest = &text[text.find(open)? + open.len()..];
        Some(rest[..rest.find(close)?].to_string())
    };
    let (template, names) = if let Some(names) = between(detail, "Template '[", "]' not found") {
        // (An include names no template: a page rendering one or the other reached it.)
        (None, names.split(", ").map(str::to_string).collect())
    } else if let Some(name) = between(detail, "inheriting from '", "'") {
        (between(detail, "Template '", "'"), vec![name])
    } else if let Some(name) = between(detail, "loads macros from `", "`") {
        (between(detail, "Template `", "`"), vec![name])
    } else {
        return None;
    };
    let files = (sources.iter()).filter(|(n, _)| template.as_ref().is_none_or(|t| *n == t));
    let templates: Vec<&str> = sources.keys().map(String::as_str).collect();
    for (_, file) in files {
        if let Some((at, name)) = names
            .iter()
            .find_map(|n| Some((find_template_name(&file.text, n)?, n)))
        {
            return Some(missing_template(file, at, name, &templates));
        }
    }
    None
}

/// Tera's filters, tests and functions that nnbook's Tera leaves out (its optional features).
const LEFT_OUT: [&str; 7] = [
    "now",
    "get_random",
    "date",
    "slugify",
    "urlencode",
    "urlencode_strict",
    "filesizeformat",
];

/// Tera's tests (`{% if x is defined %}`).
const TESTS: [&str; 13] = [
    "defined",
    "undefined",
    "odd",
    "even",
    "string",
    "number",
    "divisibleby",
    "iterable",
    "object",
    "starting_with",
    "ending_with",
    "containing",
    "matching",
];

/// Tera's functions without its optional features.
const FUNCTIONS: [&str; 3] = ["range", "throw", "get_env"];

/// The filters Tera has without its optional features (nnbook adds none; `default` and `safe`
/// are the renderer's own).
const FILTERS: [&str; 43] = [
    "upper",
    "lower",
    "trim",
    "trim_start",
    "trim_end",
    "trim_start_matches",
    "trim_end_matches",
    "truncate",
    "wordcount",
    "replace",
    "capitalize",
    "title",
    "linebreaksbr",
    "indent",
    "striptags",
    "spaceless",
    "escape",
    "escape_xml",
    "addslashes",
    "split",
    "int",
    "float",
    "json_encode",
    "as_str",
    "first",
    "last",
    "nth",
    "join",
    "length",
    "reverse",
    "sort",
    "unique",
    "slice",
    "group_by",
    "filter",
    "map",
    "concat",
    "abs",
    "pluralize",
    "round",
    "get",
    "default",
    "safe",
];

/// The names a loop's variable reads: `entry.title` where a template says
/// `{% for entry in toc %}` and `names` has `toc[].title` (the fields of a list's items).
fn loop_names(sources: &BTreeMap<String, SourceFile>, names: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for source in sources.values() {
        for tag in source.text.split("{%").skip(1) {
            let words: Vec<&str> = tag.split_whitespace().take(4).collect();
            let ["for", var, "in", list] = words[..] else {
                continue;
            };
            let items = format!("{list}[].");
            out.extend(
                names
                    .iter()
                    .filter_map(|n| n.strip_prefix(&items).map(|field| format!("{var}.{field}"))),
            );
        }
    }
    out
}

/// The names a template can read in `context`: each key, and the fields of an object under it
/// (`lesson.title`, `lesson.source.url`), three levels down; a list's items' fields as
/// `toc[].title` (for [`loop_names`]).
pub(super) fn readable_names(context: &tera::Context) -> Vec<String> {
    fn walk(prefix: &str, value: &serde_json::Value, depth: usize, out: &mut Vec<String>) {
        if let serde_json::Value::Array(items) = value {
            if let Some(first) = items.first() {
                walk(&format!("{prefix}[]"), first, depth, out);
            }
            return;
        }
        let serde_json::Value::Object(fields) = value else {
            return;
        };
        for (key, field) in fields {
            let name = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            if depth > 1 {
                walk(&name, field, depth - 1, out);
            }
            out.push(name);
        }
    }
    let mut out = Vec::new();
    walk("", &context.clone().into_json(), 3, &mut out);
    out
}

/// A parse error (Tera's message has ` --> line:col`) as a diagnostic at the mistake: a block
/// tag never closed, a tag left open on an earlier line, or where Tera says.
fn parse_error(file: &SourceFile, full: &str, detail: &str, message: &str) -> Option<Diagnostic> {
    let pos = full.find("--> ")?;
    let nums: Vec<usize> = full[pos + 4..]
        .split(|c: char| !c.is_ascii_digit())
        .take(2)
        .filter_map(|n| n.parse().ok())
        .collect();
    let [line, col] = nums[..] else {
        return None;
    };
    if let Some((at, tag)) = unclosed_tag(&file.text) {
        if line > file.text.lines().count() || detail.contains("expected tag or some content") {
            return Some(file
                .error(at..at + 2 + tag.len() + 1, format!("template error: `{{% {tag} %}}` is never closed"))
                .expected(format!("`{{% end{tag} %}}` after it"))
                .hint("every {% if %}, {% for %} and {% block %} needs its {% endif %}, {% endfor %} or {% endblock %}"));
        }
    }
    let offset = line_col_offset(&file.text, line, col);
    if let Some((at, tag, closer)) = unclosed_on_its_line(&file.text, offset) {
        // Tera stumbles on the next line; the mistake is the tag left open before it.
        return Some(
            file.error(
                at..at + tag.len(),
                format!("template error: `{tag}` is not closed"),
            )
            .expected(format!("`{closer}` at the end of the tag"))
            .hint("close the tag where it ends: {{ variable }}, {% if x %}"),
        );
    }
    // (Tera names the closing tag it expected where another came: the tag open there is the one.)
    if let Some((at, tag)) = file.text.get(..offset).and_then(unclosed_tag) {
        if detail.contains(&format!("end{tag}")) {
            return Some(file
                .error(at..at + 2 + tag.len() + 1, format!("template error: `{{% {tag} %}}` is not closed before line {line}"))
                .expected(format!("`{{% end{tag} %}}` before line {line}'s tag"))
                .hint("every {% if %}, {% for %} and {% block %} needs its {% endif %}, {% endfor %} or {% endblock %}"));
        }
    }
    Some(file
        .error(offset..offset + 1, message.to_string())
        .hint("check the tag's syntax: {{ variable }}, {% if x %}...{% endif %}, {% block b %}...{% endblock %}"))
}

/// The last tag opened (`{{` or `{%`) before `offset` on an earlier line, if its line has no
/// closing `}}` or `%}`: its offset, its text to the end of the line, and the closer it lacks.
fn unclosed_on_its_line(text: &str, offset: usize) -> Option<(usize, &str, &'static str)> {
    let before = text.get(..offset)?;
    let (at, closer) = [("{{", "}}"), ("{%", "%}")]
        .iter()
        .filter_map(|(open, close)| before.rfind(open).map(|i| (i, *close)))
        .max_by_key(|(i, _)| *i)?;
    let line_end = text[at..].find('\n').map_or(text.len(), |e| at + e);
    let tag = text[at..line_end].trim_end();
    (line_end < offset && !tag.contains(closer)).then_some((at, tag, closer))
}

fn line_col_offset(text: &str, line: usize, col: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let line_text = text[start..].lines().next().unwrap_or("");
    start
        + line_text
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i)
}
