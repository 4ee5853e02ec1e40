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

/// What a caption cannot hold, each a warning at it, for `captions` (each text and where it
/// is): a footnote reference (`[^note]`), shown as written: a caption is read on its own
/// (under the figure, in its description, in the notebook), and the lesson's notes are numbered
/// in its text; and MathJax's inline math (`\(x^2\)`), shown as text, as in the lesson's text.
pub(super) fn warnings<'a>(
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
