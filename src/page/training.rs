//! A training's steps as a table in a page, with the chain rule written out.

use crate::i18n;
use crate::lesson::MAX_PRECISION;
use crate::lesson::{TrainingBlock, TrainingTableSpec};
use crate::network::train::{output_gradient, Loss};
use crate::text::{format_number, shortest};

/// A training table's header and rows as text: the step, the parameter before it, the loss,
/// the derivative (with the chain rule's terms when the table asks for the arithmetic), the
/// step size and the parameter after it.
pub fn table_cells(
    t: &TrainingBlock,
    spec: &TrainingTableSpec,
    lang: &str,
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
    let num = |v: f64| format_number(v, spec.precision);
    let rows = spec
        .rows
        .iter()
        .filter_map(|&k| {
            let n = k - 1;
            let before = t.values_at(n)?[spec.param];
            let after = t.values_at(k)?[spec.param];
            let derivative = t.derivatives_at(n)?[spec.param];
            let step = derivative * t.spec.learning_rate;
            let mut row = vec![k.to_string(), num(before), num(t.loss_at(n)?)];
            if spec.arithmetic {
                let step = Step {
                    before,
                    derivative,
                    step,
                    after,
                };
                row.extend(arithmetic_cells(t, spec, n, &step)?);
            } else {
                row.extend([num(derivative), num(step), num(after)]);
            }
            Some(row)
        })
        .collect();
    (headers, rows)
}

/// One step of a training: the parameter before it, its derivative, the step size (the
/// derivative times the learning rate) and the parameter after it.
struct Step {
    before: f64,
    derivative: f64,
    step: f64,
    after: f64,
}

/// How many decimals more than the table's `precision` a row's arithmetic may take.
const MORE_DECIMALS: usize = 4;

/// A number at `decimals`, in parentheses when it is negative (after a `·` or a `−`).
fn operand(v: f64, decimals: usize) -> String {
    let s = format_number(v, decimals);
    if s.starts_with('\u{2212}') {
        format!("({s})")
    } else {
        s
    }
}

/// The number `format_number(v, decimals)` writes.
fn as_written(v: f64, decimals: usize) -> f64 {
    format_number(v, decimals)
        .replace('\u{2212}', "-")
        .parse()
        .unwrap_or(v)
}

/// The chain rule, the step size and the new value of one step (from state `n`), written out at
/// the fewest decimals from the table's `precision` (up to [`MORE_DECIMALS`] more) at which no
/// number that is not zero is written as one, and the step size and new value each give, from
/// the numbers as written, the result written (the chain rule's sum, within a unit of its last
/// decimal a term). At the table's two decimals a step near the end read "2.60 − 0.00 = 2.61":
/// the step, −0.0026, was rounded away; the row now reads "2.6049 − (−0.0026) = 2.6075".
fn arithmetic_cells(
    t: &TrainingBlock,
    spec: &TrainingTableSpec,
    n: usize,
    s: &Step,
) -> Option<[String; 3]> {
    let terms = chain_rule_terms(t, spec, n)?;
    let rate = t.spec.learning_rate;
    let last = (spec.precision + MORE_DECIMALS).min(MAX_PRECISION);
    let holds = |d: usize| {
        let same = |a: f64, b: f64| format_number(a, d) == format_number(b, d);
        let sum: f64 = terms
            .iter()
            .map(|&(o, p, f)| -2.0 * (as_written(o, d) - as_written(p, d)) * as_written(f, d))
            .sum();
        let derivative = match t.spec.loss {
            Loss::SumOfSquares => sum,
            Loss::MeanSquared => sum / terms.len() as f64,
        };
        let unit = 10f64.powi(-(d as i32));
        let mut numbers = terms.iter().flat_map(|&(o, p, f)| [o, p, f]);
        numbers.all(|v| v == 0.0 || as_written(v, d) != 0.0)
            && [s.before, s.derivative, s.step, s.after]
                .iter()
                .all(|&v| v == 0.0 || as_written(v, d) != 0.0)
            && (derivative - s.derivative).abs() <= terms.len() as f64 * unit
            && same(as_written(s.derivative, d) * rate, s.step)
            && same(as_written(s.before, d) - as_written(s.step, d), s.after)
    };
    let d = (spec.precision..=last)
        .find(|&d| holds(d))
        .unwrap_or(spec.precision);
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
    // −2 · (…) · … − 2 · (…) · …: each term's −2 written as a subtraction after the first.
    let sum = format!("−{}", written.join(" − "));
    let chain = match t.spec.loss {
        Loss::SumOfSquares => sum,
        Loss::MeanSquared => format!("({sum}) / {}", terms.len()),
    };
    let num = |v: f64| format_number(v, d);
    Some([
        format!("{chain} = {}", num(s.derivative)),
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
    ])
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
