//! Markup of the tools a lesson's author may come from, which nnbook shows as written: Quarto's
//! and MyST's fenced divs (`::: {.callout-note}`) and cross-references (`@fig-kinks`,
//! `{numref}`), and Jupyter Book's directives (```` ```{code-cell} python ````). Each is a
//! warning at the markup, saying what nnbook writes instead.

use pulldown_cmark::{Event, Parser, Tag, TagEnd, TextMergeWithOffset};

use crate::error::{Diagnostic, SourceFile};
use crate::markdown::{options, Fence};

/// The warnings about other tools' markup in a lesson's `fences` and its body (from
/// `body_start` of `source`).
pub fn warnings(source: &SourceFile, body_start: usize, fences: &[Fence]) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = fences.iter().filter_map(|f| directive(source, f)).collect();
    let body = &source.text[body_start..];
    // (Only a body that holds such markup is read again; the rest of the lessons pay nothing.)
    let marks = [":::", "@fig-", "@tbl-", "@sec-", "@eq-", "}`"];
    if !marks.iter().any(|m| body.contains(m)) {
        return out;
    }
    let mut code = 0usize;
    let events = Parser::new_ext(body, options()).into_offset_iter();
    for (event, range) in TextMergeWithOffset::new(events) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => code += 1,
            Event::End(TagEnd::CodeBlock) => code = code.saturating_sub(1),
            Event::Text(text) if code == 0 => {
                let at = body_start + range.start;
                out.extend(in_text(source, &text, at));
            }
            _ => {}
        }
    }
    out
}

/// A fence whose language is a MyST directive (`{code-cell}`, `{figure}`, `{note}`).
fn directive(source: &SourceFile, fence: &Fence) -> Option<Diagnostic> {
    let name = fence.kind.strip_prefix('{')?.strip_suffix('}')?;
    let hint = match name {
        "code-cell" | "code" | "code-block" => "write ```python: the page highlights it and the notebook makes it a code cell (nnbook runs no code; its figures come from the nnbook blocks)",
        "figure" | "image" => "an image is `![A sketch](sketch.png)`, with the file beside the lesson; a chart of the network is a ```figure block",
        "note" | "tip" | "important" | "warning" | "caution" | "admonition" | "attention" | "danger" | "hint" => "a note is GitHub's alert: `> [!NOTE]` on a line, then `> ` before each line of the note",
        "math" => "display math is written between `$$` lines",
        _ => "nnbook has no directives: the README lists what a lesson may hold",
    };
    Some(
        (source.error(fence.opening(), format!("`{{{name}}}` is a MyST directive (Jupyter Book): nnbook shows the block as code")).warning())
            .hint(hint),
    )
}

/// The other tools' markup in a piece of prose `text` at `at` of the source.
fn in_text(source: &SourceFile, text: &str, at: usize) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        let here = at + offset;
        offset += line.len();
        // (A fenced div's line starts the line, after a quote's or a list's marks.)
        let line_start = source.text[..here].rfind('\n').map_or(0, |n| n + 1);
        let first = (source.text[line_start..here].chars()).all(|c| " \t>-*+".contains(c));
        // (The opening line: the closing one, `:::` alone, goes with it.)
        let opening = (trimmed.strip_prefix(":::")).filter(|rest| first && !rest.trim().is_empty());
        if let Some(rest) = opening {
            let message = format!("`{trimmed}` opens a fenced div (Quarto, MyST): nnbook shows it, and the `:::` closing it, as text");
            let hint = match rest.contains("callout") {
                true => "a note is GitHub's alert: `> [!NOTE]` (or `[!TIP]`, `[!WARNING]`, ...) on a line, then `> ` before each line of the note",
                false => "nnbook has no fenced divs: write the text without the `:::` lines",
            };
            out.push(
                source
                    .error(here..here + trimmed.len(), message)
                    .warning()
                    .hint(hint),
            );
        }
        for (i, _) in trimmed.match_indices('@') {
            let word: String = trimmed[i + 1..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            let kind = ["fig-", "tbl-", "sec-", "eq-"]
                .into_iter()
                .find(|k| word.starts_with(k));
            let before = trimmed[..i].chars().next_back();
            if kind.is_some() && !before.is_some_and(char::is_alphanumeric) {
                let id = &word[word.find('-').map_or(0, |d| d + 1)..];
                let target = match kind {
                    Some("fig-") => format!("#figure-{id}"),
                    _ => format!("#{id}"),
                };
                let message =
                    format!("`@{word}` is a Quarto cross-reference: nnbook shows it as text");
                let hint = format!("link what it names by its id: `[the figure]({target})`; a figure's id is `#figure-` and its `id`, a heading's its words or the `{{#id}}` after it");
                let at = here + i;
                out.push(
                    source
                        .error(at..at + word.len() + 1, message)
                        .warning()
                        .hint(hint),
                );
            }
        }
        for role in ["{numref}", "{ref}", "{eq}", "{doc}", "{term}"] {
            // (A role is followed by its target in backticks: the text ends where the code starts.)
            if trimmed.ends_with(role) {
                let at = here + trimmed.len() - role.len();
                let message =
                    format!("`{role}` is a MyST role (Jupyter Book): nnbook shows it as text");
                let hint = "link what it names by its id: `[the figure](#figure-kinks)`, `[the section](#training)`, or another lesson by its file, `[ReLU](relu.md)`";
                out.push(
                    source
                        .error(at..at + role.len(), message)
                        .warning()
                        .hint(hint),
                );
            }
        }
    }
    out
}
