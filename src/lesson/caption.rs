//! Captions of figures, diagrams and training figures: where each is in the source, and the
//! captions of the blocks that failed, checked all the same.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::markdown::Fence;

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
