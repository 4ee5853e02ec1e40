//! Every bound on what a lesson may ask for, and the checks that enforce them.

use std::ops::Range;

use toml::Spanned;

use crate::error::{Diagnostic, SourceFile};
use crate::markdown::Fence;
use crate::network::Network;

pub const MAX_SAMPLES: usize = 100_000;
pub const MAX_PRECISION: usize = 12;
pub const DEFAULT_PRECISION: usize = 2;
pub const MAX_SLUG: usize = 100;
/// The most earlier addresses (`aliases`) one lesson redirects.
pub const MAX_ALIASES: usize = 100;
pub const MAX_LAYERS: usize = 32;
/// The input range must lie within ±this and be at least `MIN_INPUT_SPAN` wide, so that the
/// figures' axes can be drawn.
pub const MAX_INPUT_MAGNITUDE: f64 = 1e9;
pub const MIN_INPUT_SPAN: f64 = 1e-9;
pub const MAX_PARAMETERS: usize = 10_000;
pub const MAX_NODES: usize = 256;
pub const MAX_SERIES: usize = 16;
pub const MAX_POINTS: usize = 10_000;
/// The values all figures of a lesson may draw: (samples + kinks) × series, summed.
pub const MAX_LESSON_VALUES: usize = 2_000_000;
pub const MAX_TABLE_ROWS: usize = 1_000;
pub const MAX_TABLE_SIGNALS: usize = 16;

/// A limit: `count` may be at most `max`; over it, the error "`{count} {what} is too many`" at
/// `span()`, expecting "at most `{max} {unit}`".
pub fn at_most(
    source: &SourceFile,
    count: usize,
    max: usize,
    span: impl FnOnce() -> Range<usize>,
    (what, unit): (&str, &str),
) -> Result<(), Diagnostic> {
    if count <= max {
        return Ok(());
    }
    Err(source
        .error(span(), format!("{count} {what} is too many"))
        .expected(format!("at most {max} {unit}"))
        .hint("nnbook bounds each block so that a lesson builds in a moment: split it over several blocks or lessons"))
}

/// Figures and diagrams share one file namespace per lesson: an id may be used once.
pub fn claim_id(
    source: &SourceFile,
    ids: &mut Vec<(String, Range<usize>)>,
    id: &str,
    span: Range<usize>,
) -> Result<(), Diagnostic> {
    if let Some((_, first)) = ids.iter().find(|(taken, _)| taken == id) {
        let line = source.locate(first.clone()).line;
        return Err(source
            .error(span, format!("figure id `{id}` is used twice"))
            .expected("a different id for each figure and diagram of a lesson")
            .hint(format!("the first figure with this id is at line {line}")));
    }
    ids.push((id.to_string(), span));
    Ok(())
}

/// Names Windows reserves for devices: a folder named so cannot be published everywhere.
pub(super) const RESERVED_NAMES: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A slug names a folder of the output: lowercase ASCII letters, digits, `-` and `_` only, so
/// no `..`, separators, control characters or reserved names.
pub fn check_slug(slug: &str) -> Result<(), String> {
    check_file_name(slug, "slug")
}

/// A figure or diagram id names files of the output, by the same rule as a slug.
pub fn check_id(id: &str) -> Result<(), String> {
    check_file_name(id, "id")
}

/// A name that becomes part of an output path; `what` names it in the message.
fn check_file_name(slug: &str, what: &str) -> Result<(), String> {
    if slug.is_empty() {
        return Err(format!("the {what} is empty"));
    }
    if slug.len() > MAX_SLUG {
        return Err(format!(
            "the {what} is {} characters long (at most {MAX_SLUG})",
            slug.len()
        ));
    }
    if RESERVED_NAMES.contains(&slug) {
        return Err(format!("`{slug}` is a reserved device name on Windows"));
    }
    if let Some(c) = slug
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-' || *c == '_'))
    {
        return Err(format!("the {what} `{slug}` has the character {c:?}"));
    }
    Ok(())
}

pub fn check_precision(
    source: &SourceFile,
    span: Range<usize>,
    v: i64,
) -> Result<usize, Diagnostic> {
    if (0..=MAX_PRECISION as i64).contains(&v) {
        Ok(v as usize)
    } else {
        Err(source
            .error(span, format!("precision {v} is out of range"))
            .expected(format!("a number of decimals from 0 to {MAX_PRECISION}"))
            .hint("`precision = 2` shows 1.01: the decimals of computed numbers"))
    }
}

pub fn check_precision_in(
    source: &SourceFile,
    fence: &Fence,
    p: &Spanned<i64>,
) -> Result<usize, Diagnostic> {
    check_precision(source, fence.source_span(p.span()), *p.get_ref())
}

/// Steps of one training (`steps`, `max_steps`), and the default `max_steps`.
pub const MAX_STEPS: usize = 10_000;
pub const DEFAULT_MAX_STEPS: usize = 1_000;
/// Numbers one training records: steps × (3 × trained parameters + 2 × data points + 1).
pub const MAX_TRAINING_VALUES: usize = 1_000_000;
/// What a lesson's trainings may cost together: steps × data points × the network's
/// parameters, summed (about a second of work at most).
pub const MAX_TRAINING_WORK: usize = 100_000_000;
/// Data points whose terms a training table writes out (`arithmetic = true`).
pub const MAX_ARITHMETIC_TERMS: usize = 10;
/// Curves one training figure draws (`at_steps`).
pub const MAX_STEP_CURVES: usize = 16;

/// The error for an input outside `net`'s input range, at `span` of `source`: `what` names it
/// ("the input 2", "data point 3's input 2"), `hint` says what to do. nnbook does not
/// extrapolate: figures, tables and trainings stay within the range.
pub fn outside_input_range(
    source: &SourceFile,
    span: Range<usize>,
    net: &Network,
    what: String,
    hint: &str,
) -> Diagnostic {
    source
        .error(span, format!("{what} is outside the input range"))
        .expected(format!(
            "inputs from {} to {} (the network block's `from` and `to`)",
            net.input.from_literal, net.input.to_literal
        ))
        .hint(hint)
}
