//! Captions of figures, diagrams and training figures: where each is in the source, the
//! captions of the blocks that failed, checked all the same, and what a caption cannot hold.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Diagnostic, SourceFile};
use crate::markdown::Fence;

use super::habits::inline_math_written;

/// A caption as written in a block that failed: its text, where it is, and where its block's
/// fence starts.
#[derive(Debug, Clone)]
pub struct Caption {
    pub text: String,
    pub span: Range<usize>,
    pub fence_start: usize,
}

/// A figure's or diagram's caption and where it is in the source (the whole block without one).
pub(super) fn caption(fence: &Fence, raw: Option<Spanned<String>>) -> (String, Range<usize>) {
    match raw {
        Some(c) => {
            let span = fence.source_span(c.span());
            (c.into_inner(), span)
        }
        None => (String::new(), fence.span.clone()),
    }
}

/// The caption of a figure, diagram or training figure block that failed, if its TOML reads
/// and gives one as text.
pub(super) fn as_written(fence: &Fence) -> Option<Caption> {
    #[derive(Deserialize)]
    struct Captioned {
        caption: Option<Spanned<String>>,
    }
    if !matches!(
        fence.kind.as_str(),
        "figure" | "diagram" | "training-figure"
    ) {
        return None;
    }
    let raw = ::toml::from_str::<Captioned>(&fence.text).ok()?.caption?;
    let (text, span) = caption(fence, Some(raw));
    let fence_start = fence.span.start;
    Some(Caption {
        text,
        span,
        fence_start,
    })
}

/// What the `captions` (each text and where it is) cannot hold: the warnings, returned
/// ([`warnings`]), and the errors, added to `problems` ([`escapes`]).
pub(super) fn check<'a>(
    source: &SourceFile,
    captions: impl Iterator<Item = (&'a String, &'a Range<usize>)>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let captions: Vec<_> = captions.collect();
    problems.extend(escapes(source, captions.iter().copied()));
    warnings(source, captions.into_iter())
}

/// What a caption cannot hold, each a warning at it, for `captions` (each text and where it
/// is): a footnote reference (`[^note]`), shown as written: a caption is read on its own
/// (under the figure, in its description, in the notebook), and the lesson's notes are numbered
/// in its text; and MathJax's inline math (`\(x^2\)`), shown as text, as in the lesson's text.
fn warnings<'a>(
    source: &SourceFile,
    captions: impl Iterator<Item = (&'a String, &'a Range<usize>)>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (caption, span) in captions {
        let at = |written: &str| {
            let at = source.find_in(span.clone(), written);
            at..at + written.len()
        };
        // (Within a code span, `\(` and `[^` are code.)
        let in_code = |i: usize| caption[..i].matches('`').count() % 2 == 1;
        for (i, _) in caption.match_indices("[^").filter(|(i, _)| !in_code(*i)) {
            let rest = &caption[i + 2..];
            let Some(end) = rest.find(']') else { break };
            let label = &rest[..end];
            if label.is_empty() || label.contains(char::is_whitespace) {
                continue;
            }
            let written = format!("[^{label}]");
            let message = format!("footnote `{written}` in a caption is shown as written");
            let hint = format!("a caption is read on its own, under the figure and in the notebook: refer to the note in the text beside the figure, `as the figure shows{written}`");
            out.push((source.error(at(&written), message).warning()).hint(hint));
        }
        let mut from = 0;
        while let Some(i) = caption[from..].find("\\(").map(|i| from + i) {
            let Some(j) = caption[i..].find("\\)") else {
                break;
            };
            from = i + j + 2;
            if in_code(i) {
                continue;
            }
            let written = &caption[i..from];
            out.push(inline_math_written(source, at(written), written));
        }
    }
    out
}

/// Captions written between double quotes whose TOML escapes made LaTeX something else, each an
/// error at the escape: TOML reads `"$\frac{1}{2}$"` as a form feed and `rac{1}{2}`,
/// `\tanh` as a tab and `anh`, `\beta` as a backspace and `eta`, `\nabla` as a line break. In
/// math (between `$` signs) any such escape is one; outside it, a control character no page may
/// hold (`\b`, `\f`, `\e`, `\u0001`), as a tab, line break or return is Markdown's white space.
/// For `captions`, each text and where it is (its quotes included).
fn escapes<'a>(
    source: &SourceFile,
    captions: impl Iterator<Item = (&'a String, &'a Range<usize>)>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (_, span) in captions {
        let Some(raw) = source.text.get(span.clone()) else {
            continue;
        };
        for (escape, read, in_math) in escaped_controls(raw) {
            if !in_math && matches!(read, '\t' | '\n' | '\r') {
                continue;
            }
            let name = match read {
                '\u{8}' => "a backspace",
                '\t' => "a tab",
                '\n' => "a line break",
                '\u{c}' => "a form feed",
                '\r' => "a carriage return",
                '\u{1b}' => "an escape character",
                _ => "a control character",
            };
            let tail = escape.end - escape.start;
            let end = escape.start
                + tail
                + raw[escape.start + tail..]
                    .find(|c: char| !c.is_ascii_alphabetic())
                    .unwrap_or(raw.len() - escape.start - tail);
            let written = &raw[escape.start..end];
            let rest = &raw[escape.start + tail..end];
            let message = if rest.is_empty() {
                format!("`{written}` in a caption between double quotes is read as {name}")
            } else {
                format!("`{written}` in a caption between double quotes is read as {name} and `{rest}`, not as LaTeX's `{written}`")
            };
            let hint = format!("TOML reads a backslash between double quotes as an escape: write the caption between single quotes ('…', or ''' … ''' over lines), where a backslash is itself, or double it: `\\{written}`");
            let at = span.start + escape.start..span.start + end;
            out.push(source.error(at, message).hint(hint));
        }
    }
    out
}

/// Where a TOML string as written (`raw`, its quotes included) has an escape that reads as a
/// control character (`\b`, `\t`, `\n`, `\f`, `\r`, `\e`, or `\x`, `\u` or `\U` below U+0020), each with
/// the character read and whether it is between `$` or `$$` signs (math, outside a code span);
/// none in a literal string (`'…'`), whose backslashes are themselves.
fn escaped_controls(raw: &str) -> Vec<(Range<usize>, char, bool)> {
    let quotes = if raw.starts_with("\"\"\"") {
        3
    } else if raw.starts_with('"') {
        1
    } else {
        return Vec::new();
    };
    let bytes = raw.as_bytes();
    let end = raw.len().saturating_sub(quotes);
    let (mut i, mut found) = (quotes, Vec::new());
    // (A `$` after a backslash read (`\\$`) is Markdown's dollar sign, not math.)
    let (mut code, mut math, mut after_backslash) = (false, false, false);
    while i < end {
        let (step, backslash) = match (bytes[i], bytes.get(i + 1)) {
            (b'\\', Some(b'\\')) => (2, true),
            (b'\\', Some(&e @ (b'b' | b't' | b'n' | b'f' | b'r' | b'e'))) => {
                let read = match e {
                    b'b' => '\u{8}',
                    b't' => '\t',
                    b'n' => '\n',
                    b'f' => '\u{c}',
                    b'r' => '\r',
                    _ => '\u{1b}',
                };
                found.push((i..i + 2, read, math));
                (2, false)
            }
            (b'\\', Some(&u @ (b'x' | b'u' | b'U'))) => {
                let digits = match u {
                    b'x' => 2,
                    b'u' => 4,
                    _ => 8,
                };
                let hex = raw.get(i + 2..i + 2 + digits).unwrap_or("");
                if let Some(read) = u32::from_str_radix(hex, 16).ok().filter(|&c| c < 0x20) {
                    found.push((i..i + 2 + digits, char::from(read as u8), math));
                }
                (2 + digits, false)
            }
            (b'\\', Some(_)) => (2, false),
            (b'`', _) if !math => {
                code = !code;
                (1, false)
            }
            (b'$', next) if !code && !after_backslash => {
                math = !math;
                (if next == Some(&b'$') { 2 } else { 1 }, false)
            }
            _ => (1, false),
        };
        after_backslash = backslash;
        i += step;
    }
    found
}
