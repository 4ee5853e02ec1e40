//! The ```training block: gradient descent on some of the network's weights and biases, run
//! at parse time (so that `check` finds a training that diverges), every step recorded for the
//! training figures, tables and placeholders; the blocks after it use the trained network.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Diagnostic, SourceFile};
use crate::markdown::Fence;
use crate::network::train::{self, Loss, TrainError, Training, TrainingSpec};
use crate::network::Network;
use crate::text::{count, format_number, shortest};

use super::limits::{
    at_most, DEFAULT_MAX_STEPS, MAX_STEPS, MAX_TRAINING_VALUES, MAX_TRAINING_WORK,
};
use super::network_toml::ParamList;
use super::toml::{from_block, ListOrName, Point};
use super::training_fields::{
    learning_rate, loss, starting_values, trained_params, training_data, training_id,
};

/// A training block, run: what it asked for and every step.
#[derive(Debug, Clone)]
pub struct TrainingBlock {
    pub id: String,
    /// The block's opening line, for problems found while drawing its figures.
    pub span: Range<usize>,
    pub spec: TrainingSpec,
    /// The network the training started from (the one in effect where the block is, before the
    /// starting values are set).
    pub before: Network,
    pub training: Training,
    /// ∂loss/∂p of each trained parameter at the final values.
    pub final_derivatives: Vec<f64>,
}

impl TrainingBlock {
    /// The number of steps taken.
    pub fn steps(&self) -> usize {
        self.training.steps.len()
    }

    /// The trained parameters' values after `n` steps (0: the starting values).
    pub fn values_at(&self, n: usize) -> Option<&[f64]> {
        match self.training.steps.get(n) {
            Some(step) => Some(&step.values),
            None if n == self.steps() => Some(&self.training.final_values),
            None => None,
        }
    }

    /// The network after `n` steps as figures draw it (its kinks found again, unlike
    /// [`network_at`](Self::network_at)'s); `None` past the last step.
    pub fn drawn_network_at(&self, n: usize) -> Option<Result<Network, TrainError>> {
        let values = self.values_at(n)?;
        let named: Vec<(&str, f64)> = self
            .spec
            .start
            .iter()
            .map(|(n, v)| (n.as_str(), *v))
            .chain(
                self.spec
                    .params
                    .iter()
                    .map(String::as_str)
                    .zip(values.iter().copied()),
            )
            .collect();
        Some(self.before.with_values(&named))
    }

    /// The loss after `n` steps.
    pub fn loss_at(&self, n: usize) -> Option<f64> {
        match self.training.steps.get(n) {
            Some(step) => Some(step.loss),
            None if n == self.steps() => Some(self.training.final_loss),
            None => None,
        }
    }

    /// The derivatives of the loss after `n` steps.
    pub fn derivatives_at(&self, n: usize) -> Option<&[f64]> {
        match self.training.steps.get(n) {
            Some(step) => Some(&step.derivatives),
            None if n == self.steps() => Some(&self.final_derivatives),
            None => None,
        }
    }

    /// The predictions at the data's inputs after `n` steps.
    pub fn predictions_at(&self, n: usize) -> Option<&[f64]> {
        match self.training.steps.get(n) {
            Some(step) => Some(&step.predictions),
            None if n == self.steps() => Some(&self.training.final_predictions),
            None => None,
        }
    }

    /// The position of a trained parameter in the spec.
    pub fn param(&self, name: &str) -> Option<usize> {
        self.spec.params.iter().position(|p| p == name)
    }

    /// The network after `n` steps, for evaluation (literals and kinks not updated).
    pub fn network_at(&self, n: usize) -> Option<Network> {
        let values = self.values_at(n)?;
        Some(train::network_at_state(&self.before, &self.spec, values))
    }

    /// The loss's short name, as headers and axes write it.
    pub fn loss_name(&self) -> &'static str {
        match self.spec.loss {
            Loss::SumOfSquares => "SSR",
            Loss::MeanSquared => "MSE",
        }
    }
}

/// What the blocks above a training block, or a block showing one, offer it: the trainings so
/// far by id and the last of them, and the figures' data points by id. Kept up to date block
/// by block (`lesson::parse`), so that looking one up never walks the lesson again.
#[derive(Default)]
pub struct Above {
    pub trainings: BTreeMap<String, Arc<TrainingBlock>>,
    pub last: Option<Arc<TrainingBlock>>,
    pub figures: BTreeMap<String, Vec<(f64, f64)>>,
    /// The ids of the figures above whose blocks failed (their problems are reported): a
    /// training of their data is not checked.
    pub failed_figures: Vec<String>,
    /// The trainings above whose blocks failed (their problems are reported), each with the
    /// parameters its `train` names where they can be read: a block showing one is checked on
    /// its own, and another training with its id is reported.
    pub failed_trainings: Vec<(String, Option<Vec<String>>)>,
    /// Whether the network block is broken, and the blocks are checked against a stand-in
    /// ([`super::stand_in`]): a training is checked, not run.
    pub network_stood_in: bool,
}

impl Above {
    /// The id of every training above, failed or not (a failed one is reported on its own, but
    /// its id is taken, and is the one a misspelt name may mean).
    pub fn training_ids(&self) -> impl Iterator<Item = &str> {
        let failed = self.failed_trainings.iter().map(|(id, _)| id);
        (self.trainings.keys().chain(failed)).map(String::as_str)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTraining {
    id: Option<Spanned<String>>,
    /// `[[0.0, 0.0], [0.5, 1.0]]`, or a figure's id.
    data: Spanned<ListOrName<Point>>,
    /// `["b3", "w3"]`, or `"all"`.
    train: Spanned<ListOrName<Spanned<String>>>,
    start: Option<ParamList>,
    learning_rate: Spanned<f64>,
    loss: Option<Spanned<String>>,
    steps: Option<Spanned<i64>>,
    tolerance: Option<Spanned<f64>>,
    max_steps: Option<Spanned<i64>>,
}

/// A training block, checked against the network in effect where it is (`net`) and the blocks
/// above it, then run. `work` is what the lesson's trainings have cost so far (it is bounded
/// by [`MAX_TRAINING_WORK`]); a warning goes to `warnings` (no convergence).
pub fn parse_training(
    source: &SourceFile,
    fence: &Fence,
    net: &Network,
    above: &Above,
    work: &mut usize,
    warnings: &mut Vec<Diagnostic>,
) -> Result<TrainingBlock, Vec<Diagnostic>> {
    let (mut raw, mut problems): (RawTraining, _) = from_block(source, fence, "training block")?;
    // Each field on its own, every problem noted (the unknown ones already are); the training
    // once all are read.
    let taken = |id: &str| above.training_ids().any(|t| t == id);
    let id = problems.keep(training_id(source, fence, net, taken, raw.id.as_ref()));
    let data = match raw.data.get_ref() {
        // (Its figure's problems are reported: its data are not known.)
        ListOrName::Name(id) if above.failed_figures.contains(id) => None,
        _ => problems.keep(training_data(source, fence, net, &above.figures, &raw.data)),
    };
    let params = problems.keep(trained_params(source, fence, net, &raw.train));
    let start = (raw.start.take(), params.as_deref());
    let start = problems.keep(starting_values(source, fence, net, start));
    let rate = problems.keep(learning_rate(source, fence, &raw.learning_rate));
    let loss = problems.keep(loss(source, fence, raw.loss.as_ref()));
    let stop = problems.keep(stop_rule(source, fence, &raw));
    let (Some(id), Some(data), Some(params), Some(start), Some(rate), Some(loss), Some(stop)) =
        (id, data, params, start, rate, loss, stop)
    else {
        return problems.failed();
    };
    let (steps, tolerance, max_steps) = stop;
    let spec = TrainingSpec {
        data,
        params,
        loss,
        learning_rate: rate,
        start,
        steps,
        tolerance,
        max_steps,
    };
    // (Not run with a value stood in for a wrong one, here or in the network: the block fails,
    // and what the run would say may be about the stand-in.)
    let read = (!problems.stood_in() && !above.network_stood_in).then_some(());
    let ran = read
        .and_then(|()| problems.keep(budget(source, fence, net, &spec, work)))
        .and_then(|()| {
            let rate = (id.as_str(), &raw.learning_rate);
            problems.keep_all(run(source, fence, net, &spec, rate, warnings))
        });
    let training = match (ran, problems.finish()) {
        (Some(training), Ok(())) => training,
        (_, finished) => return Err(finished.err().unwrap_or_default()),
    };
    let last = train::network_at_state(net, &spec, &training.final_values);
    let gradient = train::loss_gradient(&last, &spec.data, spec.loss).gradient;
    let final_derivatives = spec
        .params
        .iter()
        .filter_map(|p| last.params().position(|q| q.name == *p))
        .map(|i| gradient[i])
        .collect();
    Ok(TrainingBlock {
        id,
        span: fence.opening(),
        spec,
        before: net.clone(),
        training,
        final_derivatives,
    })
}

/// The training of a checked spec (`id`'s, its learning rate given at `rate`): a divergence is
/// an error at the learning rate; a tolerance not reached, a warning.
fn run(
    source: &SourceFile,
    fence: &Fence,
    net: &Network,
    spec: &TrainingSpec,
    (id, rate): (&str, &Spanned<f64>),
    warnings: &mut Vec<Diagnostic>,
) -> Result<Training, Vec<Diagnostic>> {
    // "training diverged at step 3: ..." becomes "training `fit` diverged at step 3: ...".
    let message = |e: &TrainError| {
        let text = e.to_string();
        match text.strip_prefix("training ") {
            Some(rest) => format!("training `{id}` {rest}"),
            None => format!("training `{id}`: {text}"),
        }
    };
    let training = train::train(net, spec)
        .map_err(|e| match e {
            // (Not the steps': the starting values with the data.)
            TrainError::Diverged { step: 0, .. } => (source.error(fence.opening(), message(&e)))
                .expected("a finite loss at the starting values")
                .hint("the network's weights and biases (and `start`) with the data make the loss overflow: check their sizes"),
            // Divergence comes from steps too large: point at the learning rate.
            TrainError::Diverged { .. } => source
                .error(fence.source_span(rate.span()), message(&e))
                .expected("a finite loss at every step")
                .hint("a smaller `learning_rate`, or other starting values, keeps the steps small"),
            _ => source.error(fence.opening(), message(&e)),
        })
        .map_err(|d| vec![d])?;
    // (Gradient descent lowers the loss while its steps are small enough: one that ends above
    // its start, and still rising at its last step, overshoots further at every step, while
    // the numbers stay finite. Not a loss that settles higher (a ReLU node that stopped
    // firing), nor one a rounding's width above (a training started at its minimum).)
    let start = training.steps.first().map_or(f64::NAN, |s| s.loss);
    let before_last = training.steps.last().map_or(f64::NAN, |s| s.loss);
    let above = |was: f64| training.final_loss > was + was.abs() * 1e-9;
    if above(start) && above(before_last) {
        let steps = count(training.steps.len(), "step");
        let [start, end] = [start, training.final_loss].map(|v| format_number(v, 2));
        return Err(vec![(source.error(
            fence.source_span(rate.span()),
            format!("training `{id}` diverges: its loss grows from {start} at the start to {end} after {steps}, and is still growing"),
        ))
        .expected("a loss that falls as the training steps")
        .hint("a smaller `learning_rate`: with this one each step overshoots the minimum, and the loss grows instead of falling")]);
    }
    if spec.tolerance.is_some() && spec.steps.is_none() && !training.converged {
        let max_steps = spec.max_steps;
        warnings.push(
            source
                .error(
                    fence.opening(),
                    format!(
                        "training `{id}` stopped after {} without every step size falling below the tolerance", count(max_steps, "step")
                    ),
                )
                .warning()
                .hint("raise `max_steps`, raise the `learning_rate` or loosen the `tolerance`"),
        );
    }
    Ok(training)
}

/// When to stop: `steps`, and/or `tolerance` with `max_steps` (default
/// [`DEFAULT_MAX_STEPS`]); at least one of `steps` and `tolerance`.
fn stop_rule(
    source: &SourceFile,
    fence: &Fence,
    raw: &RawTraining,
) -> Result<(Option<usize>, Option<f64>, usize), Diagnostic> {
    let count = |n: &Spanned<i64>, what: &str| -> Result<usize, Diagnostic> {
        let span = fence.source_span(n.span());
        let v = *n.get_ref();
        if v < 1 {
            return Err(source
                .error(
                    span,
                    format!("{what} = {v} is not a positive number of steps"),
                )
                .expected(format!("a number of steps from 1 to {MAX_STEPS}"))
                .hint("`steps` takes exactly that many steps; `max_steps` bounds a training that stops at its `tolerance`"));
        }
        let v = usize::try_from(v).unwrap_or(usize::MAX);
        at_most(
            source,
            v,
            MAX_STEPS,
            || span,
            ("steps", "steps per training"),
        )
        .map_err(|d| d.hint("set a `tolerance` to stop when the steps become small"))?;
        Ok(v)
    };
    let steps = raw.steps.as_ref().map(|n| count(n, "steps")).transpose()?;
    if let Some(n) = raw.max_steps.as_ref().filter(|_| steps.is_some()) {
        return Err((source.error(
            fence.source_span(n.span()),
            "`max_steps` is not used beside `steps`",
        ))
        .expected("`steps = N` (exactly N steps; with a `tolerance`, at most N), or `tolerance` with `max_steps`")
        .hint("leave `max_steps` out: `steps` already bounds the training"));
    }
    let max_steps = match &raw.max_steps {
        Some(n) => count(n, "max_steps")?,
        None => DEFAULT_MAX_STEPS,
    };
    let tolerance =
        match &raw.tolerance {
            Some(t) if !(t.get_ref().is_finite() && *t.get_ref() > 0.0) => return Err(source
                .error(
                    fence.source_span(t.span()),
                    format!("the tolerance {} is not positive", shortest(*t.get_ref())),
                )
                .expected("a positive step size, like `tolerance = 0.001`")
                .hint(
                    "the training stops once every parameter's step is smaller than the tolerance",
                )),
            t => t.as_ref().map(|t| *t.get_ref()),
        };
    if steps.is_none() && tolerance.is_none() {
        return Err(source
            .error(fence.opening(), "the training has no stop rule")
            .expected("`steps = N`, or `tolerance = 0.001` (with `max_steps`, default 1000)")
            .hint("StatQuest stops when every step size is below a tolerance, like 0.001"));
    }
    Ok((steps, tolerance, max_steps))
}

/// A training costs steps × data points × parameters of the network; the lesson's trainings
/// together may cost at most [`MAX_TRAINING_WORK`], and each records at most
/// [`MAX_TRAINING_VALUES`] numbers.
fn budget(
    source: &SourceFile,
    fence: &Fence,
    net: &Network,
    spec: &TrainingSpec,
    work: &mut usize,
) -> Result<(), Diagnostic> {
    let steps = spec.steps.unwrap_or(spec.max_steps);
    let recorded = steps.saturating_mul(3 * spec.params.len() + 2 * spec.data.len() + 1);
    at_most(
        source,
        recorded,
        MAX_TRAINING_VALUES,
        || fence.opening(),
        (
            "recorded values",
            "values recorded per training (steps × (3 × parameters + 2 × data points))",
        ),
    )
    .map_err(|d| d.hint("train fewer steps or on fewer data points"))?;
    let cost = steps
        .saturating_mul(spec.data.len())
        .saturating_mul(net.params().count());
    *work = work.saturating_add(cost);
    at_most(
        source,
        *work,
        MAX_TRAINING_WORK,
        || fence.opening(),
        (
            "units of training work",
            "units per lesson (steps × data points × parameters, over all trainings)",
        ),
    )
    .map_err(|d| d.hint("train fewer steps, on fewer data points, or a smaller network"))
}
