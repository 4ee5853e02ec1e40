//! The reader's controls: which of the network's parameters a reader can move on the page, over
//! which range and in which steps. Written in the network block:
//!
//! ```toml
//! [controls]
//! w3 = { from = -60, to = 0, step = 0.1 }
//! b3 = {}                        # the default range and step
//! ```
//!
//! Without a `[controls]` table every weight and bias gets a control with the default range
//! (the value ± twice its size, at least ± 2) and step (a 1-2-5 hundredth of the range); an
//! empty table gives none.

use serde::de::Deserializer;
use serde::Deserialize;
use toml::Spanned;

use crate::error::{Diagnostic, SourceFile};
use crate::markdown::Fence;
use crate::network::{Network, Param};
use crate::text::{did_you_mean, shortest};

use super::problems::Problems;
use super::toml::{entries_in_written_order, Table, TableKind};

/// One control: a parameter the reader can move from `from` to `to` in steps of `step`.
#[derive(Debug, Clone, PartialEq)]
pub struct Control {
    pub param: String,
    pub from: f64,
    pub to: f64,
    pub step: f64,
}

/// `{ from = -60, to = 0, step = 0.1 }`, each optional.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawControl {
    from: Option<Spanned<f64>>,
    to: Option<Spanned<f64>>,
    step: Option<Spanned<f64>>,
}

impl TableKind for RawControl {
    const EXPECTED: &'static str =
        "a control as a table, like `{ from = -60, to = 0, step = 0.1 }`";
}

/// The `[controls]` table, in the order written.
pub(super) struct ControlList(Vec<(Spanned<String>, Spanned<Table<RawControl>>)>);

impl<'de> Deserialize<'de> for ControlList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        entries_in_written_order(
            d,
            "a table of parameters, like { w3 = { from = -60, to = 0 } }",
        )
        .map(ControlList)
    }
}

/// At most this many controls (a panel of sliders a reader can still use).
pub const MAX_CONTROLS: usize = 64;

/// The controls of a network block: those of its `[controls]` table, checked, or by default one
/// per parameter. Each control is checked on its own: every wrong one is reported.
pub(super) fn parse(
    source: &SourceFile,
    fence: &Fence,
    network: &Network,
    list: Option<&Spanned<ControlList>>,
    unknown: &[String],
) -> Result<Vec<Control>, Vec<Diagnostic>> {
    let Some(list) = list else {
        return Ok(network
            .params()
            .take(MAX_CONTROLS)
            .map(default_control)
            .collect());
    };
    let entries = &list.get_ref().0;
    super::limits::at_most(
        source,
        entries.len(),
        MAX_CONTROLS,
        || fence.source_span(entries[MAX_CONTROLS].0.span()),
        ("controls", "controls"),
    )
    .map_err(|d| vec![d])?;
    let mut controls: Vec<Control> = Vec::new();
    let mut problems = Problems::default();
    for (name, raw) in entries {
        let span = fence.source_span(name.span());
        let Some(param) = network.param(name.get_ref()) else {
            let d = source
                .error(
                    span,
                    format!(
                        "`{}` is not a weight or bias of the network",
                        name.get_ref()
                    ),
                )
                .expected("a parameter named in the network block, like w1 or b3");
            let names = network.params().map(|p| p.name.as_str());
            problems.note(match did_you_mean(name.get_ref(), names) {
                Some(hint) => d.hint(hint),
                None => d.hint("list the parameters the reader may move, each once"),
            });
            continue;
        };
        // (No parameter has two controls: TOML refuses a key written twice, even spelt another
        // way, `"\u0077\u0033"` for w3, with "duplicate key". A parameter whose value is
        // `unknown`, written wrong, has its control checked for its name alone.)
        if !unknown.contains(&param.name) {
            controls.extend(problems.keep(checked(source, fence, param, raw)));
        }
    }
    problems.finish().map(|()| controls)
}

/// A control as written, with the defaults filled in, checked: a finite range around the
/// author's value, a positive step that fits in it.
fn checked(
    source: &SourceFile,
    fence: &Fence,
    param: &Param,
    raw: &Spanned<Table<RawControl>>,
) -> Result<Control, Diagnostic> {
    let default = default_control(param);
    let value = |v: &Option<Spanned<f64>>, what: &str, fallback: f64| match v {
        None => Ok(fallback),
        Some(v) if v.get_ref().is_finite() => Ok(*v.get_ref()),
        Some(v) => Err(source
            .error(
                fence.source_span(v.span()),
                format!("{what} is not a finite number"),
            )
            .expected("a finite number")
            .hint("TOML's inf and nan are not allowed here")),
    };
    let from = value(&raw.get_ref().from, "`from`", default.from)?;
    let to = value(&raw.get_ref().to, "`to`", default.to)?;
    let span = fence.source_span(raw.span());
    let at = |v: &Option<Spanned<f64>>| {
        v.as_ref()
            .map_or(span.clone(), |v| fence.source_span(v.span()))
    };
    let name = &param.name;
    if !(from <= param.value && param.value <= to) {
        return Err(range_error(source, fence, param, raw, (from, to)));
    }
    // (`{}` is the default control; a range of the author's, a round step the value and `from`
    // lie on, as the default's value and zero do.)
    let written = raw.get_ref();
    let fallback = match (&written.from, &written.to) {
        (None, None) => default.step,
        _ => step_through(&[param.value - from, from], to - from),
    };
    let step = value(&written.step, "`step`", fallback)?;
    if !(step > 0.0 && step <= to - from) {
        return Err(source
            .error(
                at(&raw.get_ref().step),
                format!("a step of {} for {name}", shortest(step)),
            )
            .expected(format!(
                "a step above 0 and at most the range's width, {}",
                shortest(to - from)
            ))
            .hint("leave `step` out for a hundredth of the range"));
    }
    let steps = (param.value - from) / step;
    if (steps - steps.round()).abs() > 1e-6 * steps.abs().max(1.0) {
        return Err(source
            .error(
                span,
                format!("{name} = {} is not on the control's steps", param.literal),
            )
            .expected(format!(
                "`from` a whole number of steps ({}) below {}",
                shortest(step),
                param.literal
            ))
            .hint("a slider moves in steps from `from`: change `from` or `step`"));
    }
    Ok(Control {
        param: name.clone(),
        from,
        to,
        step,
    })
}

/// The error of a range that does not hold the author's value: written backwards, or beside it.
fn range_error(
    source: &SourceFile,
    fence: &Fence,
    param: &Param,
    raw: &Spanned<Table<RawControl>>,
    (from, to): (f64, f64),
) -> Diagnostic {
    let (raw_from, raw_to) = (&raw.get_ref().from, &raw.get_ref().to);
    let range = format!("the range {} to {}", shortest(from), shortest(to));
    if let (true, Some(_), Some(_)) = (from > to, raw_from, raw_to) {
        return source
            .error(
                fence.source_span(raw.span()),
                format!("{range} of {} is reversed", param.name),
            )
            .expected("`from` below `to`")
            .hint("swap `from` and `to`");
    }
    let wrong = if from > param.value { raw_from } else { raw_to };
    let span = wrong.as_ref().map_or(raw.span(), |v| v.span());
    source
        .error(
            fence.source_span(span),
            format!("{range} does not hold {} = {}", param.name, param.literal),
        )
        .expected(format!("`from` ≤ {} ≤ `to`", param.literal))
        .hint("the page opens at the author's value, so the range must contain it")
}

/// The default control of a parameter: its value ± about twice its size (at least ± 2), in
/// round steps of about a hundredth of that range that its value and zero both lie on
/// ([`step_through`]).
fn default_control(param: &Param) -> Control {
    let half = 2.0 * param.value.abs().max(1.0);
    let step = step_through(&[param.value], 2.0 * half);
    // A whole number of steps either side, so that the author's value is on the slider's grid;
    // the ends rounded to the decimals of the value and the step (no 1.7000000000000004).
    let steps = (half / step).round();
    let decimals = decimals(step).max(decimals(param.value));
    let round = |x: f64| {
        format!("{x:.decimals$}")
            .parse::<f64>()
            .map_or(x, |r| r + 0.0)
    };
    Control {
        param: param.name.clone(),
        from: round(param.value - steps * step),
        to: round(param.value + steps * step),
        step,
    }
}

/// The decimals `x` needs (up to 12): 2 for 0.05, 0 for 40.
fn decimals(x: f64) -> usize {
    (0..12)
        .find(|&d| {
            let scaled = x * 10f64.powi(d as i32);
            (scaled.round() - scaled).abs() <= 1e-9 * scaled.abs().max(1.0)
        })
        .unwrap_or(12)
}

/// A round step near a hundredth of `span` that divides each of `values` (the first, at
/// least), so that a slider through a value also stops at zero, where a weight switches its path
/// off: the round step nearest a hundredth, or the next ones below it down to a tenth of it
/// (12.6 moves in steps of 0.2, not 0.5, which went from 0.1 to −0.4); a value none of them
/// divides keeps the nearest.
fn step_through(values: &[f64], span: f64) -> f64 {
    let nearest = nice_step(span);
    let divides = |step: f64, value: f64| {
        let k = (value / step).round();
        (k * step - value).abs() <= 1e-9 * value.abs().max(step)
    };
    let (mut step, mut first) = (nearest, None);
    for _ in 0..4 {
        if values.iter().all(|&v| divides(step, v)) {
            return step;
        }
        if values.first().is_some_and(|&v| divides(step, v)) {
            first.get_or_insert(step);
        }
        // (Down the round steps: 5, 2, 1, 0.5, …)
        let power = 10f64.powf(step.log10().floor());
        let mantissa = (step / power).round();
        step = if mantissa == 1.0 {
            power / 2.0
        } else {
            (mantissa / 2.0).floor().max(1.0) * power
        };
    }
    first.unwrap_or(nearest)
}

/// A round step (1, 2 or 5 times a power of ten) near a hundredth of `span`.
fn nice_step(span: f64) -> f64 {
    let raw = span / 100.0;
    let power = 10f64.powf(raw.log10().floor());
    let mantissa = raw / power;
    let m = if mantissa < 1.5 {
        1.0
    } else if mantissa < 3.5 {
        2.0
    } else if mantissa < 7.5 {
        5.0
    } else {
        10.0
    };
    m * power
}

#[cfg(test)]
mod tests {
    use super::nice_step;

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(100.0), 1.0);
        assert_eq!(nice_step(8.0), 0.1);
        assert_eq!(nice_step(3.4 * 2.0), 0.05);
        assert_eq!(nice_step(163.2), 2.0);
    }

    /// The ReLU lesson's w2 = 12.6 and w3 = −40.8 move in steps of 0.2 (0.5 and 2 skipped
    /// zero); values the nearest step divides keep it; one no round step near divides keeps the
    /// nearest.
    #[test]
    fn steps_stop_at_the_value_and_at_zero() {
        use super::step_through;
        assert_eq!(step_through(&[12.6], 50.4), 0.2);
        assert_eq!(step_through(&[-40.8], 163.2), 0.2);
        assert_eq!(step_through(&[3.34], 13.36), 0.02);
        assert_eq!(step_through(&[1.7], 6.8), 0.05);
        assert_eq!(step_through(&[-16.0], 64.0), 0.5);
        assert_eq!(step_through(&[0.0], 4.0), 0.05);
        assert_eq!(step_through(&[1.2345678], 4.9), 0.05);
        // (With a `from` of the author's: the step its value and `from` lie on; else the one
        // the value lies on.)
        assert_eq!(step_through(&[72.6, -60.0], 97.8), 0.2);
        assert_eq!(step_through(&[0.7, 0.3], 10.0), 0.1);
        assert_eq!(step_through(&[0.7, 0.33], 10.0), 0.01);
        assert_eq!(step_through(&[0.7, 0.333], 10.0), 0.1);
    }
}
