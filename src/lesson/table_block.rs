//! The ```table block (signals at chosen inputs) and the ```parameters block.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Diagnostic, SourceFile};
use crate::markdown::Fence;
use crate::network::{Network, Signal};
use crate::text::closest;
use crate::text::{format_number, shortest};

use super::limits::{
    at_most, check_precision_in, outside_input_range, MAX_PRECISION, MAX_TABLE_ROWS,
    MAX_TABLE_SIGNALS,
};
use super::problems::Problems;
use super::signal::{non_finite, resolve_signal, NON_FINITE_HINT};
use super::toml::{from_block, list_items, missing_field, ListOrName};

/// What a table block asks for.
#[derive(Debug, Clone)]
pub struct TableSpec {
    pub signals: Vec<Signal>,
    pub at: Vec<f64>,
    /// Whether the rows are the network's kinks (`at = "kinks"`): they move with the parameters.
    pub at_kinks: bool,
    pub arithmetic: bool,
    pub headers: Option<Vec<String>>,
    pub precision: usize,
    pub input_precision: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTable {
    /// (`signals` and `at` are required: optional to serde, so that a table without one has
    /// the other checked.)
    signals: Option<Spanned<Vec<Spanned<String>>>>,
    at: Option<Spanned<ListOrName<f64>>>,
    #[serde(default)]
    arithmetic: bool,
    headers: Option<Spanned<Vec<String>>>,
    precision: Option<Spanned<i64>>,
    input_precision: Option<Spanned<i64>>,
}

/// The parameters block takes no fields (yet): its body must be empty.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawParameters {}

/// A table block; a warning goes to `warnings` (a `"kinks"` table of a network without kinks).
/// Its signals, its inputs, its precisions and its headers are checked each on its own; the rows'
/// values, once both signals and inputs passed.
pub fn parse_table(
    source: &SourceFile,
    fence: &Fence,
    net: &Network,
    lesson_precision: usize,
    warnings: &mut Vec<Diagnostic>,
) -> Result<TableSpec, Vec<Diagnostic>> {
    let (raw, mut problems): (RawTable, _) = from_block(source, fence, "table block")?;
    let signals = signals_of(source, fence, net, &raw.signals, &mut problems);
    let at_span = fence.source_span(raw.at.as_ref().map_or(0..0, |at| at.span()));
    let at =
        match &raw.at {
            Some(written) => problems.keep(parse_at(source, fence, net, written)),
            None => {
                let missing = missing_field(source, ("table block", "at"), fence.source_span(0..0));
                problems.note(missing.hint(
                    "add the inputs of its rows: `at = [0.0, 0.5, 1.0]`, or `at = \"kinks\"`",
                ));
                None
            }
        };
    if let (Some(at), Some(written)) = (&at, &raw.at) {
        if at.is_empty() && !problems.stood_in() {
            if let Some(warning) =
                problems.keep(no_rows(source, at_span.clone(), written.get_ref()))
            {
                warnings.push(warning);
            }
        }
        problems.keep_all(in_range(source, fence, written.span(), net, at));
        problems.keep(at_most(
            source,
            at.len(),
            MAX_TABLE_ROWS,
            || at_span.clone(),
            ("rows", "inputs per table"),
        ));
    }
    let precision = raw
        .precision
        .as_ref()
        .map(|p| problems.keep(check_precision_in(source, fence, p)));
    let input_precision = raw
        .input_precision
        .as_ref()
        .map(|p| problems.keep(check_precision_in(source, fence, p)));
    // (Without signals, the headers' count is not known.)
    let columns = (raw.signals.as_ref()).map(|s| s.get_ref().len() + 1);
    let headers = headers_of(source, fence, raw.headers, columns, &mut problems);
    // (Not over a list of inputs too long to be a table: that is its problem.)
    if let (Some(signals), Some(at)) = (&signals, &at) {
        if at.len() <= MAX_TABLE_ROWS {
            problems.keep(finite_rows(source, at_span.clone(), net, signals, at));
        }
    }
    problems.finish()?;
    let precision = precision.flatten().unwrap_or(lesson_precision);
    let input_precision = input_precision.flatten().unwrap_or(precision);
    let at = at.unwrap_or_default();
    warnings.extend(inputs_repeated(source, at_span.clone(), &at));
    warnings.extend(inputs_alike(source, at_span, &at, input_precision));
    Ok(TableSpec {
        signals: signals.unwrap_or_default(),
        at,
        at_kinks: (raw.at.as_ref()).is_some_and(|at| matches!(at.get_ref(), ListOrName::Name(_))),
        arithmetic: raw.arithmetic,
        headers,
        precision,
        input_precision,
    })
}

/// A warning for each input a table lists more than once (`at = [0.5, 0.5]`): its row would
/// be there twice.
fn inputs_repeated(source: &SourceFile, span: Range<usize>, at: &[f64]) -> Vec<Diagnostic> {
    let mut sorted = at.to_vec();
    sorted.sort_by(f64::total_cmp);
    (sorted.chunk_by(|a, b| a == b))
        .filter(|same| same.len() > 1)
        .map(|same| {
            let times = match same.len() {
                2 => "twice".to_string(),
                n => format!("{n} times"),
            };
            let input = shortest(same[0] + 0.0);
            (source.error(
                span.clone(),
                format!("the input {input} is listed {times} in this table"),
            ))
            .warning()
            .hint("each input is a row: list it once")
        })
        .collect()
}

/// A warning for each reading that different inputs of a table share at its `decimals` (0.5
/// and 0.5002 are both "0.50" at two): their rows would look like one input twice. Each names
/// every input that reads so.
fn inputs_alike(
    source: &SourceFile,
    span: Range<usize>,
    at: &[f64],
    decimals: usize,
) -> Vec<Diagnostic> {
    let mut shown: Vec<(String, f64)> = at
        .iter()
        .map(|&x| (format_number(x, decimals), x))
        .collect();
    shown.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    shown.dedup_by(|a, b| a.1 == b.1);
    let alike: Vec<&[(String, f64)]> = shown
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|alike| alike.len() > 1)
        .collect();
    if alike.is_empty() {
        return Vec::new();
    }
    // The fewest decimals at which every input reads apart, if there are any.
    let apart = (decimals + 1..=MAX_PRECISION).find(|&d| {
        let mut read: Vec<String> = shown.iter().map(|(_, x)| format_number(*x, d)).collect();
        read.sort();
        read.windows(2).all(|w| w[0] != w[1])
    });
    let hint = match apart {
        Some(d) => format!("give the table `input_precision = {d}` (decimals of its inputs, {decimals} now) to tell them apart"),
        None => format!("give the table `input_precision` (decimals of its inputs, {decimals} now) high enough to tell them apart"),
    };
    alike
        .into_iter()
        .map(|alike| {
            let inputs: Vec<String> = alike.iter().map(|(_, x)| shortest(*x + 0.0)).collect();
            let (last, rest) = inputs.split_last().expect("two or more");
            let (listed, verb) = match rest.len() {
                1 => (format!("{} and {last}", rest[0]), "both read"),
                _ => (format!("{} and {last}", rest.join(", ")), "all read"),
            };
            source
                .error(
                    span.clone(),
                    format!("the inputs {listed} {verb} {} in this table", alike[0].0),
                )
                .warning()
                .hint(hint.clone())
        })
        .collect()
}

/// A table's signals, each resolved (at most [`MAX_TABLE_SIGNALS`] of them), if all are; their
/// problems go to `problems`.
fn signals_of(
    source: &SourceFile,
    fence: &Fence,
    net: &Network,
    raw: &Option<Spanned<Vec<Spanned<String>>>>,
    problems: &mut Problems,
) -> Option<Vec<Signal>> {
    let Some(raw) = raw else {
        let missing = missing_field(source, ("table block", "signals"), fence.source_span(0..0));
        problems.note(missing.hint(
            "add the columns: `signals = [\"top.linear\", \"top.activation\"]`, a column per signal",
        ));
        return None;
    };
    let span = fence.source_span(raw.span());
    if raw.get_ref().is_empty() {
        problems.note(
            source
                .error(span.clone(), "a table without signals")
                .expected("at least one signal, like `signals = [\"top.linear\"]`")
                .hint("a table has a column per signal, a row per input"),
        );
        return None;
    }
    problems.keep(at_most(
        source,
        raw.get_ref().len(),
        MAX_TABLE_SIGNALS,
        || span.clone(),
        ("signals in one table", "signals per table"),
    ))?;
    let resolved: Vec<Option<Signal>> = raw
        .get_ref()
        .iter()
        .map(|s| problems.keep(resolve_signal(source, fence, net, s)))
        .collect();
    resolved.into_iter().collect()
}

/// A table without rows: an error for `at = []`, a warning for `"kinks"` when the network has
/// none.
fn no_rows(
    source: &SourceFile,
    span: Range<usize>,
    at: &ListOrName<f64>,
) -> Result<Diagnostic, Diagnostic> {
    match at {
        ListOrName::Name(_) => Ok(source
            .error(span, "the network has no kinks inside its input range: the table is empty")
            .warning()
            .hint("a kink at an end of the range or beyond it is not listed; list the inputs instead, like `at = [0.0, 0.5, 1.0]`")),
        ListOrName::List(_) => Err(source
            .error(span, "a table without inputs")
            .expected("at least one input, like `at = [0.0, 0.5, 1.0]`")
            .hint("`at = \"kinks\"` gives a row at each kink of a ReLU network")),
    }
}

/// The table's `headers`, if given and right: one for each of its `columns` (where known: not
/// without signals), and plain text.
fn headers_of(
    source: &SourceFile,
    fence: &Fence,
    headers: Option<Spanned<Vec<String>>>,
    columns: Option<usize>,
    problems: &mut Problems,
) -> Option<Vec<String>> {
    match (headers, columns) {
        (Some(h), Some(columns)) if h.get_ref().len() != columns => {
            problems.note(
                source
                    .error(
                        fence.source_span(h.span()),
                        format!("{} headers for {columns} columns", h.get_ref().len()),
                    )
                    .expected("one header for the input column and one per signal")
                    .hint("leave `headers` out for the default ones: the input's label, then each signal's"),
            );
            None
        }
        (Some(h), _) if h.get_ref().iter().any(|text| text.contains("{{")) => {
            problems.note(
                source
                    .error(
                        fence.source_span(h.span()),
                        "a placeholder in a table's headers is not filled",
                    )
                    .expected("plain text in `headers`")
                    .hint("put computed values in the table's rows or in the text around it"),
            );
            None
        }
        (h, _) => h.map(Spanned::into_inner),
    }
}

/// Every row's input lies in the network's input range: nnbook does not extrapolate. Each input
/// that does not is an error at its item.
fn in_range(
    source: &SourceFile,
    fence: &Fence,
    written: Range<usize>,
    net: &Network,
    at: &[f64],
) -> Result<(), Vec<Diagnostic>> {
    // (Each at its item, where the list's items are the inputs: not a list of kinks.)
    let items = list_items(&fence.text, written.clone(), at.len());
    let outside: Vec<Diagnostic> = (at.iter().enumerate())
        .filter(|(_, x)| !net.input.contains(**x))
        .map(|(i, x)| {
            let item = items.as_ref().and_then(|items| items.get(i));
            outside_input_range(
                source,
                fence.source_span(item.cloned().unwrap_or(written.clone())),
                net,
                format!("the input {}", shortest(*x)),
                "nnbook shows the network only over its input range: widen the range or remove the input",
            )
        })
        .collect();
    if outside.is_empty() {
        Ok(())
    } else {
        Err(outside)
    }
}

/// Every value the table shows is a finite number.
fn finite_rows(
    source: &SourceFile,
    span: Range<usize>,
    net: &Network,
    signals: &[Signal],
    at: &[f64],
) -> Result<(), Diagnostic> {
    for &x in at {
        let trace = net.trace(x);
        for signal in signals {
            let v = net.value(&trace, signal);
            if !v.is_finite() {
                return Err(source
                    .error(span, non_finite(signal, &net.input.name, x, v))
                    .expected("finite values in every cell")
                    .hint(NON_FINITE_HINT));
            }
        }
    }
    Ok(())
}

/// The inputs of a table's rows: a list of numbers, or `"kinks"` for the network's kinks.
fn parse_at(
    source: &SourceFile,
    fence: &Fence,
    net: &Network,
    at: &Spanned<ListOrName<f64>>,
) -> Result<Vec<f64>, Diagnostic> {
    match at.get_ref() {
        ListOrName::List(xs) => {
            if let Some(x) = xs.iter().find(|x| !x.is_finite()) {
                return Err(source
                    .error(
                        fence.source_span(at.span()),
                        format!("input {x} is not a finite number"),
                    )
                    .expected("finite inputs, like [0.0, 0.5, 1.0]")
                    .hint("the inputs must lie in the network's input range"));
            }
            Ok(xs.clone())
        }
        ListOrName::Name(name) if name == "kinks" => Ok(net.kinks()),
        ListOrName::Name(name) => Err(source
            .error(
                fence.source_span(at.span()),
                format!("unknown input set `{name}`"),
            )
            .expected("a list of inputs, like [0.0, 0.5], or \"kinks\"")
            .hint(if closest(name, ["kinks"]).is_some() {
                "did you mean `\"kinks\"`?"
            } else {
                "write the inputs as a list of numbers"
            })),
    }
}

/// The parameters block takes no fields: its body must be empty.
pub fn parse_parameters(source: &SourceFile, fence: &Fence) -> Result<(), Vec<Diagnostic>> {
    let (_, problems) = from_block::<RawParameters>(source, fence, "parameters block")?;
    problems.finish()
}
