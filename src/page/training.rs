//! A training's steps as a table in a page, with the chain rule written out.

use crate::i18n;
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
    let paren = |s: String| {
        if s.starts_with('\u{2212}') {
            format!("({s})")
        } else {
            s
        }
    };
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
                let terms = chain_rule_terms(t, spec, n)?;
                row.push(format!("{terms} = {}", num(derivative)));
                row.push(format!(
                    "{} · {} = {}",
                    paren(num(derivative)),
                    shortest(t.spec.learning_rate),
                    num(step)
                ));
                row.push(format!(
                    "{} − {} = {}",
                    num(before),
                    paren(num(step)),
                    num(after)
                ));
            } else {
                row.extend([num(derivative), num(step), num(after)]);
            }
            Some(row)
        })
        .collect();
    (headers, rows)
}

/// Σ −2 · (observed − predicted) · ∂predicted/∂p, one term per data point, at state `n`
/// (over n for the mean squared error).
fn chain_rule_terms(t: &TrainingBlock, spec: &TrainingTableSpec, n: usize) -> Option<String> {
    let net = t.network_at(n)?;
    let index = net
        .params()
        .position(|p| p.name == t.spec.params[spec.param])?;
    let predictions = t.predictions_at(n)?;
    let num = |v: f64| {
        let s = format_number(v, spec.precision);
        if s.starts_with('\u{2212}') {
            format!("({s})")
        } else {
            s
        }
    };
    let terms: Vec<String> = t
        .spec
        .data
        .iter()
        .zip(predictions)
        .map(|(&(x, observed), &predicted)| {
            let factor = output_gradient(&net, x)[index];
            format!(
                "2 · ({} − {}) · {}",
                num(observed),
                num(predicted),
                num(factor)
            )
        })
        .collect();
    // −2 · (…) · … − 2 · (…) · …: each term's −2 written as a subtraction after the first.
    let sum = format!("−{}", terms.join(" − "));
    Some(match t.spec.loss {
        Loss::SumOfSquares => sum,
        Loss::MeanSquared => format!("({sum}) / {}", t.spec.data.len()),
    })
}
