//! The `{{ <training>.<quantity> @ <step> }}` placeholders: a training's recorded values.

use std::ops::Range;

use crate::error::Diagnostic;
use crate::lesson::{is_node, Lesson};
use crate::text::{closest, did_you_mean, format_number, shortest};

/// The text of `{{ <training>.<quantity> }}` or `{{ <training>.<quantity> @ <n> }}`, if
/// `name` starts with a training's id (`Ok(None)` if it does not).
pub fn placeholder(
    lesson: &Lesson,
    name: &str,
    at: Option<&str>,
    span: Range<usize>,
) -> Result<Option<String>, Diagnostic> {
    let Some((id, quantity)) = name.split_once('.') else {
        return Ok(None);
    };
    let Some(t) = lesson.training(id) else {
        return no_training(lesson, (id, quantity), span);
    };
    let source = &lesson.source;
    let last = t.steps();
    let n = match at {
        None => last,
        Some(at) => match at.parse::<usize>() {
            Ok(n) if n <= last => n,
            _ => {
                return Err(source
                    .error(span, format!("training `{id}` has no step `{at}`"))
                    .expected(format!(
                        "a step from 0 (the start) to {last} (after the last step), like `{{{{ {id}.loss @ 0 }}}}`"
                    ))
                    .hint("without `@`, the value after the last step"))
            }
        },
    };
    if at.is_some() && quantity == "steps" {
        return Err(source
            .error(span, format!("`{id}.steps` takes no step"))
            .expected(format!("`{{{{ {id}.steps }}}}`, the number of steps taken"))
            .hint(format!(
                "`@ n` picks a state of a value that changes, like `{{{{ {id}.loss @ 1 }}}}`"
            )));
    }
    match quantity {
        "steps" => return Ok(Some(last.to_string())),
        "learning_rate" => return Ok(Some(shortest(t.spec.learning_rate))),
        _ => {}
    }
    let param = |p: &str| t.param(p);
    let value = match quantity.split_once('.') {
        None if quantity == "loss" => t.loss_at(n),
        None => param(quantity).and_then(|i| t.values_at(n).map(|v| v[i])),
        Some(("derivative", p)) => param(p).and_then(|i| t.derivatives_at(n).map(|d| d[i])),
        Some(("step_size", p)) => {
            param(p).and_then(|i| t.derivatives_at(n).map(|d| d[i] * t.spec.learning_rate))
        }
        Some(("prediction", k)) => k
            .parse::<usize>()
            .ok()
            .and_then(|k| k.checked_sub(1))
            .and_then(|k| t.predictions_at(n).and_then(|p| p.get(k).copied())),
        Some(_) => None,
    };
    match value {
        Some(v) if !v.is_finite() => Err(lesson
            .source
            .error(
                span,
                format!("`{id}.{quantity}` is not a finite number ({v})"),
            )
            .expected("a finite value")
            .hint("the step after the last one would overflow: use a smaller `learning_rate`")),
        Some(v) => Ok(Some(format_number(v, lesson.precision))),
        None => {
            let points = Some(t.spec.data.len());
            Err(unknown_quantity(
                lesson,
                (id, &t.spec.params, points),
                quantity,
                span,
            ))
        }
    }
}

/// What a training of `params` records, by name, but for its predictions
/// (`prediction.N`, one a data point).
fn recorded(params: &[String]) -> Vec<String> {
    let mut known: Vec<String> = ["loss", "steps", "learning_rate"]
        .map(String::from)
        .to_vec();
    for p in params {
        known.push(p.clone());
        known.push(format!("derivative.{p}"));
        known.push(format!("step_size.{p}"));
    }
    known
}

/// Whether a training of `params` records `quantity` (at some step, of some data point).
fn records(params: &[String], quantity: &str) -> bool {
    let prediction = quantity.strip_prefix("prediction.");
    prediction.map_or_else(
        || recorded(params).iter().any(|k| k == quantity),
        |k| k.parse::<usize>().is_ok_and(|k| k >= 1),
    )
}

/// A placeholder naming something training `id` of `params` does not record (of its data
/// points, where they are known).
fn unknown_quantity(
    lesson: &Lesson,
    (id, params, points): (&str, &[String], Option<usize>),
    quantity: &str,
    span: Range<usize>,
) -> Diagnostic {
    let known = recorded(params);
    let d = lesson
        .source
        .error(span, format!("training `{id}` records no `{quantity}`"))
        .expected(format!(
            "`{id}.` followed by one of {}, or prediction.N (data point N)",
            known.join(", ")
        ));
    if quantity.starts_with("prediction.") {
        let to = points.map_or(String::new(), |n| format!(" to {n}"));
        return d.hint(format!(
            "data points are numbered from 1{to}: `{id}.prediction.1` is the first"
        ));
    }
    match did_you_mean(quantity, known.iter().map(String::as_str)) {
        Some(h) => d.hint(h),
        None => d.hint(format!(
            "only trained parameters have steps: training `{id}` trains {}",
            params.join(", ")
        )),
    }
}

/// A placeholder `id.quantity` where no training `id` ran: one that failed (its error is
/// reported, the lesson is not published) is checked against what it trains, where its
/// `train` list reads; else `id` may be a training's misspelt ([`misspelt_training`]).
fn no_training(
    lesson: &Lesson,
    (id, quantity): (&str, &str),
    span: Range<usize>,
) -> Result<Option<String>, Diagnostic> {
    let Some((_, trained)) = lesson.broken_trainings.iter().find(|(b, _)| b == id) else {
        return misspelt_training(lesson, (id, quantity), span);
    };
    // (A training of no parameter is its own error: it names none to check against.)
    let trained = trained.as_deref().filter(|p| !p.is_empty());
    match trained.map(|p| (p, records(p, quantity))) {
        Some((params, false)) => Err(unknown_quantity(lesson, (id, params, None), quantity, span)),
        _ => Ok(Some(String::new())),
    }
}

/// `{{ fitt.b3 }}`: no training is `fitt`, but one is `fit`, and no node of the network is
/// `fitt` (whose signals `fitt.<…>` would be): the error says which it likely means (else the
/// placeholder is read as the network's, `Ok(None)`).
fn misspelt_training(
    lesson: &Lesson,
    (id, quantity): (&str, &str),
    span: Range<usize>,
) -> Result<Option<String>, Diagnostic> {
    let ids = (lesson.trainings().map(|t| t.id.as_str()))
        .chain(lesson.broken_trainings.iter().map(|(id, _)| id.as_str()));
    let Some(meant) = closest(id, ids) else {
        return Ok(None);
    };
    let network = lesson.network.as_ref().or(lesson.stand_in.as_ref());
    if network.is_some_and(|n| is_node(n, id)) {
        return Ok(None);
    }
    Err(lesson
        .source
        .error(
            span,
            format!("unknown placeholder `{id}.{quantity}`: no training is `{id}`"),
        )
        .expected(format!(
            "a training's id before the dot, like `{{{{ {meant}.loss }}}}`"
        ))
        .hint(format!("did you mean `{meant}.{quantity}`?")))
}
