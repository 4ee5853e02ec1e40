//! Markup of the tools a lesson's author may come from, which nnbook shows as written: Quarto's
//! and MyST's fenced divs (`::: {.callout-note}`), cross-references (`@fig-kinks`, `{numref}`)
//! and image attributes (`{width=50%}`), Jupyter Book's directives (```` ```{code-cell} python
//! ````), and MathJax's math delimiters (`\(x^2\)`). Each is a warning at the markup, saying
//! what nnbook writes instead.

use pulldown_cmark::{Event, Parser, Tag, TagEnd, TextMergeWithOffset};

use crate::error::{Diagnostic, SourceFile};
use crate::markdown::{options, Fence};
use crate::text::starts_line;

/// The warnings about other tools' markup in a lesson's `fences` and its body (from
/// `body_start` of `source`).
pub fn warnings(source: &SourceFile, body_start: usize, fences: &[Fence]) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = fences.iter().filter_map(|f| directive(source, f)).collect();
    let body = &source.text[body_start..];
    // (Only a body that holds such markup is read again; the rest of the lessons pay nothing.)
    let marks = [
        ":::", "@fig-", "@tbl-", "@sec-", "@eq-", "}`", "){", "\\(", "\\[",
    ];
    if !marks
        .iter()
        .any(|m| memchr::memmem::find(body.as_bytes(), m.as_bytes()).is_some())
    {
        return out;
    }
    let (mut code, mut after_image) = (0usize, false);
    // (A `\(` whose `\)` is not in its text: emphasis within the math splits it, `\(a*b*c\)`.)
    let mut open_math = None;
    let events = Parser::new_ext(body, options()).into_offset_iter();
    for (event, range) in TextMergeWithOffset::new(events) {
        let at = body_start + range.start;
        let image_ended = matches!(event, Event::End(TagEnd::Image));
        match event {
            Event::Start(Tag::CodeBlock(_)) => code += 1,
            Event::End(TagEnd::CodeBlock) => code = code.saturating_sub(1),
            Event::Text(text) if code == 0 => {
                out.extend(
                    after_image
                        .then(|| image_attributes(source, &text, at))
                        .flatten(),
                );
                out.extend(in_text(source, &text, at));
                let end = body_start + range.end;
                out.extend(mathjax(source, end, at, &mut open_math));
            }
            Event::End(end) if !is_inline(end) => open_math = None,
            _ => {}
        }
        after_image = image_ended;
    }
    out
}

/// Whether a tag's end is within a line of text (emphasis, a link), not a block's end.
fn is_inline(end: TagEnd) -> bool {
    use TagEnd::*;
    matches!(
        end,
        Emphasis | Strong | Strikethrough | Link | Image | Superscript | Subscript
    )
}

/// Quarto's attributes after an image (`![The caption](pic.png){#fig-pic width=50%}`), in the
/// `text` that follows it at `at`.
fn image_attributes(source: &SourceFile, text: &str, at: usize) -> Option<Diagnostic> {
    let written = &text[..text.find('}')? + 1];
    let written = written.strip_prefix('{')?;
    let message = format!("`{{{written}` after an image is Quarto's: nnbook shows it as text");
    let hint = "the image's text is its caption and description, `![The caption](pic.png)`; to size it write HTML, `<img src=\"pic.png\" alt=\"The caption\" width=\"300\">`; a chart of the network is a ```figure block";
    Some((source.error(at..at + written.len() + 1, message).warning()).hint(hint))
}

/// MathJax's delimiters, `\(x^2\)` and `\[ … \]`, in the source of a text from `at` to `end`:
/// CommonMark reads `\(` as an escaped `(`, so the page shows `(x^2)`. `open` is a `\(` of an
/// earlier text of the block still without its `\)`, and one of this text's.
fn mathjax(
    source: &SourceFile,
    end: usize,
    at: usize,
    open: &mut Option<usize>,
) -> Vec<Diagnostic> {
    // (A text's range leaves out a backslash that escapes its first character.)
    let start = match at > 0 && source.text.as_bytes()[at - 1] == b'\\' {
        true => at - 1,
        false => at,
    };
    let written = &source.text[start..end];
    let mut out = Vec::new();
    // (Each `\(` to the first `\)` after it; none after it, none after the next either.)
    let mut from = 0;
    if let Some(opened) = *open {
        let Some(j) = written.find("\\)") else {
            return out;
        };
        out.push(inline_math(source, opened..start + j + 2));
        (from, *open) = (j + 2, None);
    }
    while let Some(i) = written[from..].find("\\(").map(|i| from + i) {
        let Some(j) = written[i..].find("\\)") else {
            *open = Some(start + i);
            break;
        };
        from = i + j + 2;
        out.push(inline_math(source, start + i..start + i + j + 2));
    }
    // (Only a `\[` that starts its line, alone or with its `\]` at the end: `\[1\]` within a
    // sentence is an escaped bracket.)
    let alone = |i: usize| {
        let at = start + i;
        let rest = &source.text[at..];
        let line = || rest[..rest.find('\n').unwrap_or(rest.len())].trim_end();
        starts_line(&source.text, at) && (line() == "\\[" || line().ends_with("\\]"))
    };
    for (i, _) in written.match_indices("\\[").filter(|(i, _)| alone(*i)) {
        let message = "`\\[` opens MathJax's display math: nnbook shows the formula as text";
        let at = start + i;
        let hint = "write the formula between `$$` lines";
        out.push((source.error(at..at + 2, message).warning()).hint(hint));
    }
    out
}

/// The warning for MathJax's inline math written at `span` (`\(` to `\)`).
fn inline_math(source: &SourceFile, span: std::ops::Range<usize>) -> Diagnostic {
    inline_math_written(source, span.clone(), &source.text[span])
}

/// The warning for MathJax's inline math `what` (`\(` to `\)`, as the author wrote it), at
/// `span`: in the text it is what the source spells there; in a caption, the caption's text.
pub(super) fn inline_math_written(
    source: &SourceFile,
    span: std::ops::Range<usize>,
    what: &str,
) -> Diagnostic {
    let inside = &what[2..what.len() - 2];
    let message =
        format!("`{what}` is MathJax's inline math: nnbook shows it as text, `({inside})`");
    let hint = format!("write it between dollar signs: `${inside}$`");
    (source.error(span, message).warning()).hint(hint)
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
        let (mut trimmed, mut here) = (line.trim_end(), at + offset);
        offset += line.len();
        // (After a paragraph, pulldown-cmark reads `::: {…}` as a definition: `:`, then the
        // text `:: {…}`.)
        if trimmed.starts_with("::") && source.text[..here].ends_with(':') {
            (here, trimmed) = (here - 1, &source.text[here - 1..here + trimmed.len()]);
        }
        // (A fenced div's line starts the line, after a quote's or a list's marks.)
        let before = source.text[..here].trim_end_matches([' ', '\t', '>', '-', '*', '+']);
        let first = before.is_empty() || before.ends_with('\n');
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
                let hint = format!("link what it names by its id: `[]({target})` says its title (or give the words, `[the figure]({target})`); a figure's id is `#figure-` and its `id`, a heading's its words or the `{{#id}}` after it");
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
                let hint = "link what it names by its id, as MyST's `[](#label)`: `[](#figure-kinks)` says the figure's title, `[](#training)` the heading's; another lesson by its file, `[ReLU](relu.md)`";
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
