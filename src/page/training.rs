//! A training's steps as a table in a page, with the chain rule written out.

use crate::i18n::{self, Lang};
use crate::lesson::{TrainingBlock, TrainingTableSpec, MAX_PRECISION};
use crate::network::train::{output_gradient, Loss};
use crate::text::{format_number, shortest};

use super::blocks::paren;

/// A training table's header and rows as text: the step, the parameter before it, the loss,
/// the derivative (with the chain rule's terms when the table asks for the arithmetic), the
/// step size and the parameter after it.
pub fn table_cells(
    t: &TrainingBlock,
    spec: &TrainingTableSpec,
    lang: Lang,
) -> (Vec<String>, Vec<Vec<String>>) {
    let name = &t.spec.params[spec.param];
    let loss = t.loss_name();
    let headers = vec![
        i18n::text(lang, "step").to_string(),
        name.clone(),
        loss.to_string(),
        format!("d{loss}/d{name}"),
        i18n::text(lang, "step_size").to_string(),
        i18n::sentence(lang, "new_value", &[("name", name)]),
    ];
    let rows = spec
        .rows
        .iter()
        .filter_map(|&k| {
            let n = k - 1;
            let derivative = t.derivatives_at(n)?[spec.param];
            let step = Step {
                before: t.values_at(n)?[spec.param],
                loss: t.loss_at(n)?,
                derivative,
                step: derivative * t.spec.learning_rate,
                after: t.values_at(k)?[spec.param],
            };
            let terms = match spec.arithmetic {
                true => Some(chain_rule_terms(t, spec, n)?),
                false => None,
            };
            let d = row_decimals(
                spec.precision,
                t.spec.learning_rate,
                &step,
                terms.as_deref(),
            );
            let num = |v: f64| format_number(v, d);
            let mut row = vec![k.to_string(), num(step.before), num(step.loss)];
            match terms {
                Some(terms) => row.extend(arithmetic_cells(t, &terms, &step, d)),
                None => row.extend([num(step.derivative), num(step.step), num(step.after)]),
            }
            Some(row)
        })
        .collect();
    (headers, rows)
}

/// One step of a training: the parameter before it, the loss there, its derivative, the step
/// size (the derivative times the learning rate) and the parameter after it.
struct Step {
    before: f64,
    loss: f64,
    derivative: f64,
    step: f64,
    after: f64,
}

/// How many decimals more than the table's `precision` a row may take.
const MORE_DECIMALS: usize = 4;

/// A number at `decimals`, in parentheses when it is negative (after a `·` or a `−`).
fn operand(v: f64, decimals: usize) -> String {
    paren(format_number(v, decimals))
}

/// The number `format_number(v, decimals)` writes.
fn as_written(v: f64, decimals: usize) -> f64 {
    format_number(v, decimals)
        .replace('\u{2212}', "-")
        .parse()
        .unwrap_or(v)
}

/// The decimals of a row: the fewest from the table's `precision` (up to [`MORE_DECIMALS`]
/// more) at which no number of the row that is not zero is written as zero, and the step size
/// (derivative · learning rate) and the new value (old − step) follow from the numbers as
/// written. At the table's two decimals a step near the end read "2.60 − 0.00 = 2.61" (the
/// step, −0.0026, rounded away), and the loss read 0.00 while the training went on.
fn row_decimals(precision: usize, rate: f64, s: &Step, terms: Option<&[(f64, f64, f64)]>) -> usize {
    let last = (precision + MORE_DECIMALS).min(MAX_PRECISION);
    let holds = |d: usize| {
        let same = |a: f64, b: f64| format_number(a, d) == format_number(b, d);
        let shown = |v: f64| v == 0.0 || as_written(v, d) != 0.0;
        let data = terms
            .unwrap_or_default()
            .iter()
            .flat_map(|&(o, p, f)| [o, p, f]);
        [s.before, s.loss, s.derivative, s.step, s.after]
            .into_iter()
            .chain(data)
            .all(shown)
            && same(as_written(s.derivative, d) * rate, s.step)
            && same(as_written(s.before, d) - as_written(s.step, d), s.after)
    };
    (precision..=last).find(|&d| holds(d)).unwrap_or(precision)
}

/// The chain rule, the step size and the new value of one step written out at `d` decimals.
/// The chain rule's terms, each rounded, need not add up to its rounded result: it then reads
/// "≈" ("−2 · (0.00 − (−2.60)) · 1.00 − … ≈ −15.66", whose terms as written give −15.64).
fn arithmetic_cells(
    t: &TrainingBlock,
    terms: &[(f64, f64, f64)],
    s: &Step,
    d: usize,
) -> [String; 3] {
    let rate = t.spec.learning_rate;
    let written: Vec<String> = terms
        .iter()
        .map(|&(o, p, f)| {
            format!(
                "2 · ({} − {}) · {}",
                operand(o, d),
                operand(p, d),
                operand(f, d)
            )
        })
        .collect();
    let sum: f64 = terms
        .iter()
        .map(|&(o, p, f)| -2.0 * (as_written(o, d) - as_written(p, d)) * as_written(f, d))
        .sum();
    // −2 · (…) · … − 2 · (…) · …: each term's −2 written as a subtraction after the first.
    let sum_written = format!("−{}", written.join(" − "));
    let (chain, sum) = match t.spec.loss {
        Loss::SumOfSquares => (sum_written, sum),
        Loss::MeanSquared => (
            format!("({sum_written}) / {}", terms.len()),
            sum / terms.len() as f64,
        ),
    };
    let num = |v: f64| format_number(v, d);
    let equals = if num(sum) == num(s.derivative) {
        "="
    } else {
        "≈"
    };
    [
        format!("{chain} {equals} {}", num(s.derivative)),
        format!(
            "{} · {} = {}",
            operand(s.derivative, d),
            shortest(rate),
            num(s.step)
        ),
        format!(
            "{} − {} = {}",
            num(s.before),
            operand(s.step, d),
            num(s.after)
        ),
    ]
}

/// Each data point's (observed, predicted, ∂predicted/∂p) at state `n`: the terms of
/// Σ −2 · (observed − predicted) · ∂predicted/∂p (over n for the mean squared error).
fn chain_rule_terms(
    t: &TrainingBlock,
    spec: &TrainingTableSpec,
    n: usize,
) -> Option<Vec<(f64, f64, f64)>> {
    let net = t.network_at(n)?;
    let index = net
        .params()
        .position(|p| p.name == t.spec.params[spec.param])?;
    let predictions = t.predictions_at(n)?;
    Some(
        t.spec
            .data
            .iter()
            .zip(predictions)
            .map(|(&(x, observed), &predicted)| {
                (observed, predicted, output_gradient(&net, x)[index])
            })
            .collect(),
    )
}
