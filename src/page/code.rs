//! A code block of the lesson's prose being rendered: its placeholders filled (or kept, in a
//! `verbatim` block), and where its live values are for the explorable page's script.

use std::ops::Range;

use pulldown_cmark::CodeBlockKind;

use super::placeholder::{self, Context};

/// A code block being rendered: how to fill its placeholders, its language and its text so far,
/// and where its live values are in that text.
pub(super) struct Code {
    pub(super) context: Context,
    pub(super) lang: String,
    pub(super) text: String,
    pub(super) values: Vec<(Range<usize>, String)>,
}

impl Code {
    /// A code block opened (`kind`): its language, and whether it is `verbatim`.
    pub(super) fn opened(kind: &CodeBlockKind) -> Code {
        let info = match kind {
            CodeBlockKind::Fenced(info) => info.to_string(),
            CodeBlockKind::Indented => String::new(),
        };
        let verbatim = info.split_whitespace().any(|w| w == "verbatim");
        Code {
            context: if verbatim {
                Context::Verbatim
            } else {
                Context::Code
            },
            lang: info.split_whitespace().next().unwrap_or("").to_string(),
            text: String::new(),
            values: Vec::new(),
        }
    }
}

impl Code {
    /// Add text with placeholders, remembering where each live value lands.
    pub(super) fn push(&mut self, pieces: Vec<placeholder::Piece>) {
        for piece in pieces {
            match piece {
                placeholder::Piece::Text(t) => self.text.push_str(t),
                placeholder::Piece::Value { expr, value, live } => {
                    let start = self.text.len();
                    self.text.push_str(&value);
                    if live {
                        self.values.push((start..self.text.len(), expr.to_string()));
                    }
                }
            }
        }
    }
}
