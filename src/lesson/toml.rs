//! A block's or the front matter's TOML, deserialised with spans: errors point at the line and
//! column of the lesson file, with a hint.

use serde::Deserialize;

use crate::error::{Diagnostic, SourceFile};
use crate::markdown::Fence;

/// Turn a TOML error into a diagnostic pointing into the lesson.
pub fn toml_error(
    source: &SourceFile,
    offset: usize,
    e: &toml::de::Error,
    what: &str,
) -> Diagnostic {
    let message = e.message().trim().trim_end_matches('.').to_string();
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
        let message = e.message().trim().trim_end_matches('.').to_string();
        let span = fence.source_span(e.span().unwrap_or(0..0));
        toml_hint(
            source.error(span, format!("invalid {what}: {message}")),
            &message,
        )
    })
}
