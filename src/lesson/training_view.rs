//! The ```training-figure and ```training-table blocks: a training's steps drawn (the loss or
//! a parameter per step, the loss curve with its tangents, the network's output at chosen
//! steps) and tabulated (with the chain rule written out).

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Diagnostic, SourceFile};
use crate::markdown::Fence;
use crate::text::{did_you_mean, shortest};

use super::caption::caption;
use super::figure_block::{plain, with_id, Ids};
use super::limits::{
    at_most, check_precision_in, MAX_ARITHMETIC_TERMS, MAX_INPUT_MAGNITUDE, MAX_STEP_CURVES,
    MAX_TABLE_ROWS,
};
use super::problems::Problems;
use super::toml::from_block;
use super::training_block::{Above, TrainingBlock};
use super::training_steps::{step_list, StepName};

/// What a training figure shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Show {
    /// The loss after each step (step 0: at the start).
    Loss,
    /// A trained parameter (its index among the training's) after each step.
    Parameter(usize),
    /// The loss as a function of one trained parameter over `from..to`, the others at their
    /// starting values, with the point and the tangent line at each of `at_steps`.
    LossCurve { param: usize, from: f64, to: f64 },
    /// The network's output over the input range after each of `at_steps`, with the data.
    Output,
}

/// What a training figure block asks for.
#[derive(Debug, Clone)]
pub struct TrainingFigureSpec {
    /// Where the block starts, for problems found while drawing.
    pub span: Range<usize>,
    pub id: String,
    /// The id of the training it shows.
    pub training: String,
    pub show: Show,
    /// The states drawn (0: the start, n: after n steps), for `loss_curve` and `output`.
    pub at_steps: Vec<usize>,
    pub title: String,
    /// The axis labels given; by default the page's words are used.
    pub x_label: Option<String>,
    pub y_label: Option<String>,
    pub caption: String,
    pub caption_span: Range<usize>,
}

/// What a training table block asks for: one row per step, for one trained parameter.
#[derive(Debug, Clone)]
pub struct TrainingTableSpec {
    pub training: String,
    /// The parameter's index among the training's.
    pub param: usize,
    /// Step numbers (1: the first step).
    pub rows: Vec<usize>,
    pub arithmetic: bool,
    pub precision: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFigure {
    id: Option<Spanned<String>>,
    training: Option<Spanned<String>>,
    show: Spanned<String>,
    param: Option<Spanned<String>>,
    from: Option<Spanned<f64>>,
    to: Option<Spanned<f64>>,
    at_steps: Option<Spanned<Vec<StepName>>>,
    title: Option<Spanned<String>>,
    x_label: Option<Spanned<String>>,
    y_label: Option<Spanned<String>>,
    caption: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTable {
    training: Option<Spanned<String>>,
    param: Option<Spanned<String>>,
    steps: Option<Spanned<Vec<StepName>>>,
    #[serde(default)]
    arithmetic: bool,
    precision: Option<Spanned<i64>>,
}

const SHOWS: [&str; 4] = ["loss", "parameter", "loss_curve", "output"];

/// The training a block shows: the one named by `training`, or else the last one above.
fn find_training<'a>(
    source: &SourceFile,
    fence: &Fence,
    above: &'a Above,
    name: Option<&Spanned<String>>,
) -> Result<&'a TrainingBlock, Diagnostic> {
    let Some(name) = name else {
        return above.last.as_deref().ok_or_else(|| {
            source
                .error(
                    fence.opening(),
                    format!("a {} block needs a training above it", fence.kind),
                )
                .expected("a ```training block earlier in the lesson")
                .hint("the block shows the steps of a training: add one above it")
        });
    };
    above
        .trainings
        .get(name.get_ref())
        .map(|t| t.as_ref())
        .ok_or_else(|| {
            let mut ids: Vec<&str> = above.training_ids().collect();
            ids.sort_unstable();
            ids.dedup();
            let d = source
                .error(
                    fence.source_span(name.span()),
                    format!("no training `{}` above this block", name.get_ref()),
                )
                .expected(if ids.is_empty() {
                    "a ```training block earlier in the lesson".to_string()
                } else {
                    format!("the id of a training above: {}", ids.join(", "))
                });
            match did_you_mean(name.get_ref(), ids.iter().copied()) {
                Some(h) => d.hint(h),
                None => d.hint("a block can show only a training written above it"),
            }
        })
}

/// A trained parameter of `training` by name (by default its first).
fn trained_param(
    source: &SourceFile,
    fence: &Fence,
    training: &TrainingBlock,
    name: Option<&Spanned<String>>,
) -> Result<usize, Diagnostic> {
    let Some(name) = name else { return Ok(0) };
    training.param(name.get_ref()).ok_or_else(|| {
        let names: Vec<&str> = training.spec.params.iter().map(String::as_str).collect();
        not_trained(source, fence, (&training.id, &names), name)
    })
}

/// The error of a block's `param`, `name`, that training `id` does not train (it trains
/// `names`).
fn not_trained(
    source: &SourceFile,
    fence: &Fence,
    (id, names): (&str, &[&str]),
    name: &Spanned<String>,
) -> Diagnostic {
    let d = source
        .error(
            fence.source_span(name.span()),
            format!("training `{id}` does not train `{}`", name.get_ref()),
        )
        .expected(format!(
            "one of the trained parameters: {}",
            names.join(", ")
        ));
    match did_you_mean(name.get_ref(), names.iter().copied()) {
        Some(h) => d.hint(h),
        None => d.hint("add it to the training's `train` list"),
    }
}

/// A training figure block; its id is claimed among the lesson's figure ids.
pub fn parse_figure(
    source: &SourceFile,
    fence: &Fence,
    above: &Above,
    ids: &mut Ids,
) -> Result<TrainingFigureSpec, Vec<Diagnostic>> {
    let (raw, problems): (RawFigure, _) = from_block(source, fence, "training-figure block")?;
    let id = raw.id.clone();
    with_id(source, fence, ids, (id.as_ref(), problems), |id| {
        figure_spec(source, fence, above, raw, id)
    })
}

/// A training figure's fields, each checked on its own: the training it shows, then what of
/// it (a parameter, the steps drawn) once that training is found.
fn figure_spec(
    source: &SourceFile,
    fence: &Fence,
    above: &Above,
    raw: RawFigure,
    id: String,
) -> Result<TrainingFigureSpec, Vec<Diagnostic>> {
    let mut problems = Problems::default();
    let training = problems.keep(find_training(source, fence, above, raw.training.as_ref()));
    let param =
        training.and_then(|t| problems.keep(trained_param(source, fence, t, raw.param.as_ref())));
    if training.is_some() && param.is_none() {
        // (The range is not checked against the parameter's values: what can be is checked.)
        problems.keep(given_range(source, fence, &raw));
    }
    let kind = problems.keep(show_kind(source, fence, &raw.show));
    let show = match (training, param, kind) {
        (Some(t), Some(param), Some(kind)) => {
            problems.keep(show(source, fence, (t, param), kind, &raw))
        }
        _ => None,
    };
    let at_steps = training.and_then(|t| problems.keep(steps_drawn(source, fence, t, &raw)));
    let title = problems.keep(plain(source, fence, raw.title));
    let x_label = problems.keep(plain(source, fence, raw.x_label));
    let y_label = problems.keep(plain(source, fence, raw.y_label));
    let (caption, caption_span) = caption(fence, raw.caption);
    let (Some(t), Some(show), Some(at_steps), Some(title), Some(x_label), Some(y_label)) =
        (training, show, at_steps, title, x_label, y_label)
    else {
        return problems.failed();
    };
    Ok(TrainingFigureSpec {
        span: fence.opening(),
        id,
        training: t.id.clone(),
        show,
        at_steps,
        title: title.unwrap_or_default(),
        x_label,
        y_label,
        caption,
        caption_span,
    })
}

/// A training that failed, as a block showing it knows it: its id, and the parameters its
/// `train` names, where they can be read.
pub type Failed<'a> = (&'a str, Option<&'a [String]>);

/// What a training figure or table block gets wrong on its own, whatever the training it
/// shows: checked where that training failed (its error is reported, and the block is not
/// drawn). A figure's `show`, titles and a range given whole; a table's precision; either's
/// `param`, where the parameters the training names can be read. (The shape of its TOML is
/// `shape::toml_problems`'s.)
pub fn own_problems(source: &SourceFile, fence: &Fence, shown: Failed) -> Vec<Diagnostic> {
    let param = |problems: &mut Problems, param: Option<&Spanned<String>>| {
        if let (Some(name), (id, Some(trained))) = (param, shown) {
            let names: Vec<&str> = trained.iter().map(String::as_str).collect();
            if !names.contains(&name.get_ref().as_str()) {
                problems.note(not_trained(source, fence, (id, &names), name));
            }
        }
    };
    // (Its TOML's problems are reported with its shape: only what is checked here is kept, not
    // what is about a value stood in for a wrong one.)
    if fence.kind == "training-table" {
        let Ok((raw, problems)) = from_block::<RawTable>(source, fence, "training-table block")
        else {
            return Vec::new();
        };
        let mut problems = problems.checked_only();
        if let Some(p) = &raw.precision {
            problems.keep(check_precision_in(source, fence, p));
        }
        param(&mut problems, raw.param.as_ref());
        return problems.into_vec();
    }
    let Ok((raw, problems)) = from_block::<RawFigure>(source, fence, "training-figure block")
    else {
        return Vec::new();
    };
    let mut problems = problems.checked_only();
    param(&mut problems, raw.param.as_ref());
    problems.keep(show_kind(source, fence, &raw.show));
    problems.keep(given_range(source, fence, &raw));
    for label in [raw.title, raw.x_label, raw.y_label] {
        problems.keep(plain(source, fence, label));
    }
    problems.into_vec()
}

/// A loss curve's `from` and `to`, when both are given, make a range: what can be checked of
/// them without the training.
fn given_range(source: &SourceFile, fence: &Fence, raw: &RawFigure) -> Result<(), Diagnostic> {
    match (&raw.from, &raw.to) {
        (Some(from), Some(to)) if from.get_ref() >= to.get_ref() => Err(empty_range(
            source,
            fence.source_span(from.span()),
            (*from.get_ref(), *to.get_ref()),
        )),
        _ => Ok(()),
    }
}

/// The error for a loss curve's range from `from` to `to` that is empty or reversed.
fn empty_range(source: &SourceFile, span: Range<usize>, (from, to): (f64, f64)) -> Diagnostic {
    let (shown, hint) = match from == to {
        true => (
            "empty",
            "the curve is drawn from `from`, on the left, to `to`".to_string(),
        ),
        false => (
            "reversed",
            format!(
                "swap them: `from = {}, to = {}`",
                shortest(to),
                shortest(from)
            ),
        ),
    };
    let range = format!(
        "the range {} to {} is {shown}",
        shortest(from),
        shortest(to)
    );
    source
        .error(span, range)
        .expected("`from` smaller than `to`")
        .hint(hint)
}

/// The kind a training figure's `show` names, one of [`SHOWS`].
fn show_kind(
    source: &SourceFile,
    fence: &Fence,
    show: &Spanned<String>,
) -> Result<&'static str, Diagnostic> {
    let name = show.get_ref().as_str();
    SHOWS.iter().find(|&&s| s == name).copied().ok_or_else(|| {
        let d = source
            .error(
                fence.source_span(show.span()),
                format!("unknown training figure `{name}`"),
            )
            .expected(format!("one of {}", SHOWS.join(", ")));
        match did_you_mean(name, SHOWS) {
            Some(h) => d.hint(h),
            None => d.hint("`loss` and `parameter` per step, `loss_curve` against a parameter, `output` at chosen steps"),
        }
    })
}

/// What a training figure of `kind` shows of `training` (`param`: its parameter).
fn show(
    source: &SourceFile,
    fence: &Fence,
    (training, param): (&TrainingBlock, usize),
    kind: &str,
    raw: &RawFigure,
) -> Result<Show, Diagnostic> {
    Ok(match kind {
        "loss" => Show::Loss,
        "parameter" => Show::Parameter(param),
        "loss_curve" if training.spec.params.len() > 1 => {
            return Err(source
                .error(
                    fence.source_span(raw.show.span()),
                    format!(
                        "training `{}` trains {} parameters: its loss is not a curve of one",
                        training.id,
                        training.spec.params.len()
                    ),
                )
                .expected("a training of one parameter for `show = \"loss_curve\"`")
                .hint("show `loss` or `parameter` per step instead, or train one parameter"));
        }
        "loss_curve" => {
            let (from, to) = curve_range(source, fence, training, param, raw)?;
            Show::LossCurve { param, from, to }
        }
        _ => Show::Output,
    })
}

/// The states a training figure draws: `at_steps`, by default the start and the end.
fn steps_drawn(
    source: &SourceFile,
    fence: &Fence,
    training: &TrainingBlock,
    raw: &RawFigure,
) -> Result<Vec<usize>, Diagnostic> {
    let at_steps = match &raw.at_steps {
        Some(list) => step_list(source, fence, training, list, 0)?,
        None if training.steps() == 0 => vec![0],
        None => vec![0, training.steps()],
    };
    at_most(
        source,
        at_steps.len(),
        MAX_STEP_CURVES,
        || fence.source_span(raw.at_steps.as_ref().map_or(0..0, |s| s.span())),
        ("steps drawn", "steps per training figure"),
    )?;
    Ok(at_steps)
}

/// The parameter range of a loss curve: `from` and `to` as given, by default every value the
/// training took, widened by a quarter on each side.
fn curve_range(
    source: &SourceFile,
    fence: &Fence,
    training: &TrainingBlock,
    param: usize,
    raw: &RawFigure,
) -> Result<(f64, f64), Diagnostic> {
    let taken = (0..=training.steps()).filter_map(|n| training.values_at(n).map(|v| v[param]));
    let (lo, hi) = taken.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let pad = if hi - lo > 1e-9 {
        0.25 * (hi - lo)
    } else {
        1.0
    };
    let from = raw.from.as_ref().map_or(lo - pad, |f| *f.get_ref());
    let to = raw.to.as_ref().map_or(hi + pad, |t| *t.get_ref());
    let span = raw
        .from
        .as_ref()
        .or(raw.to.as_ref())
        .map_or(fence.opening(), |s| fence.source_span(s.span()));
    let finite = from.is_finite() && to.is_finite();
    if !finite || from.abs() > MAX_INPUT_MAGNITUDE || to.abs() > MAX_INPUT_MAGNITUDE {
        return Err(source
            .error(
                span,
                match finite {
                    true => "the parameter range is too large to draw",
                    false => "the parameter range is not a finite range",
                },
            )
            .expected(format!("`from` and `to` within ±{MAX_INPUT_MAGNITUDE:e}"))
            .hint("leave `from` and `to` out to draw around every value the training took"));
    }
    if from >= to {
        return Err(empty_range(source, span, (from, to)));
    }
    Ok((from, to))
}

/// A training table block, with its precision (default: the lesson's). Each field is checked
/// on its own; the parameter, steps and arithmetic once the training is found.
pub fn parse_table(
    source: &SourceFile,
    fence: &Fence,
    above: &Above,
    lesson_precision: usize,
) -> Result<TrainingTableSpec, Vec<Diagnostic>> {
    let (raw, mut problems): (RawTable, _) = from_block(source, fence, "training-table block")?;
    let training = problems.keep(find_training(source, fence, above, raw.training.as_ref()));
    let param =
        training.and_then(|t| problems.keep(trained_param(source, fence, t, raw.param.as_ref())));
    let rows = training.and_then(|t| problems.keep(table_rows(source, fence, t, &raw)));
    if let Some(t) = training {
        if raw.arithmetic && t.spec.data.len() > MAX_ARITHMETIC_TERMS {
            problems.note(
                source
                    .error(
                        fence.opening(),
                        format!(
                            "the arithmetic of {} data points is too long to write out",
                            t.spec.data.len()
                        ),
                    )
                    .expected(format!(
                        "at most {MAX_ARITHMETIC_TERMS} data points with `arithmetic = true`"
                    ))
                    .hint("leave `arithmetic` out to show the derivatives only"),
            );
        }
    }
    let precision = match &raw.precision {
        Some(p) => problems.keep(check_precision_in(source, fence, p)),
        None => Some(lesson_precision),
    };
    match (training, param, rows, precision) {
        (Some(t), Some(param), Some(rows), Some(precision)) => {
            problems.finish()?;
            Ok(TrainingTableSpec {
                training: t.id.clone(),
                param,
                rows,
                arithmetic: raw.arithmetic,
                precision,
            })
        }
        _ => problems.failed(),
    }
}

/// The steps a training table shows: `steps`, by default every step of `training`.
fn table_rows(
    source: &SourceFile,
    fence: &Fence,
    training: &TrainingBlock,
    raw: &RawTable,
) -> Result<Vec<usize>, Diagnostic> {
    let rows = match &raw.steps {
        Some(list) => step_list(source, fence, training, list, 1)?,
        None => (1..=training.steps()).collect(),
    };
    at_most(
        source,
        rows.len(),
        MAX_TABLE_ROWS,
        || {
            raw.steps
                .as_ref()
                .map_or(fence.opening(), |s| fence.source_span(s.span()))
        },
        ("rows", "steps per table"),
    )
    .map_err(|d| d.hint("list the steps to show, like `steps = [1, 2, 3]`"))?;
    Ok(rows)
}
