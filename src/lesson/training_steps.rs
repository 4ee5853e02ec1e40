//! The steps a training figure or table names: numbers, or `"last"` for the training's last
//! step, which a training stopped by its tolerance reaches at a number known only once it ran.

use std::fmt;

use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde::Deserialize;
use toml::Spanned;

use crate::error::{Diagnostic, SourceFile};
use crate::markdown::Fence;

use super::toml::list_items;
use super::toml_hint::A_STEP;
use super::training_block::TrainingBlock;

/// A step as a block names it. (A training takes at least one step, so `"last"` is always one
/// it took, from either `first`.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum StepName {
    /// After this many steps (0: the start).
    Number(i64),
    /// After the training's last step.
    Last,
}

impl StepName {
    /// The step this names in `training`, if it took it, counting from `first`.
    fn taken(self, training: &TrainingBlock, first: usize) -> Option<usize> {
        let last = training.steps();
        let n = match self {
            StepName::Number(n) => usize::try_from(n).ok()?,
            StepName::Last => last,
        };
        (first..=last).contains(&n).then_some(n)
    }
}

impl fmt::Display for StepName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StepName::Number(n) => write!(f, "{n}"),
            StepName::Last => f.write_str("\"last\""),
        }
    }
}

impl<'de> Deserialize<'de> for StepName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Step;
        impl Visitor<'_> for Step {
            type Value = StepName;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(A_STEP)
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<StepName, E> {
                Ok(StepName::Number(n))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<StepName, E> {
                i64::try_from(n)
                    .map(StepName::Number)
                    .map_err(|_| E::invalid_value(Unexpected::Unsigned(n), &self))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<StepName, E> {
                match s {
                    "last" => Ok(StepName::Last),
                    _ => Err(E::invalid_value(Unexpected::Str(s), &self)),
                }
            }
        }
        deserializer.deserialize_any(Step)
    }
}

/// States or steps named in a block: each from `first` to the training's last step, in the
/// order written. A `"last"` that names a step also listed by its number is drawn once.
pub(super) fn step_list(
    source: &SourceFile,
    fence: &Fence,
    training: &TrainingBlock,
    list: &Spanned<Vec<StepName>>,
    first: usize,
) -> Result<Vec<usize>, Diagnostic> {
    let span = fence.source_span(list.span());
    let last = training.steps();
    let names = list.get_ref();
    let items = list_items(&fence.text, list.span(), names.len());
    // (A name of the wrong kind, `"first"`, is its own error, and stands in as a step here: it
    // is no step the training did not take.)
    let stand_in = |i: usize| {
        let written = items
            .as_ref()
            .and_then(|items| fence.text.get(items[i].clone()));
        written.is_some_and(|w| w.parse::<i64>().is_err() && !w.contains("last"))
    };
    let untaken_at = |i: &usize| !stand_in(*i) && names[*i].taken(training, first).is_none();
    let mut untaken: Vec<StepName> = Vec::new();
    for i in (0..names.len()).filter(untaken_at) {
        if !untaken.contains(&names[i]) {
            untaken.push(names[i]);
        }
    }
    if !untaken.is_empty() {
        // (Every step it did not take, in one error at the first of them.)
        let first_untaken = (0..names.len()).find(untaken_at);
        let span = match first_untaken
            .zip(items)
            .and_then(|(i, items)| items.get(i).cloned())
        {
            Some(item) => fence.source_span(item),
            None => span,
        };
        let named: Vec<String> = untaken.iter().map(StepName::to_string).collect();
        let steps = match named.len() {
            1 => format!("step {}", named[0]),
            _ => format!("steps {}", named.join(", ")),
        };
        return Err(source
            .error(span, format!("training `{}` has no {steps}", training.id))
            .expected(format!(
                "step numbers from {first} to {last} (the steps it took), or \"last\""
            ))
            .hint(untaken_hint(training, &untaken, first)));
    }
    let numbered: Vec<usize> = names
        .iter()
        .filter(|s| matches!(s, StepName::Number(_)))
        .filter_map(|s| s.taken(training, first))
        .collect();
    let out: Vec<usize> = names
        .iter()
        .filter(|s| **s != StepName::Last || !numbered.contains(&last))
        .filter_map(|s| s.taken(training, first))
        .collect();
    if out.is_empty() {
        return Err(source
            .error(span, "no steps listed")
            .expected(format!("at least one step, like [{first}]"))
            .hint("leave the field out for the default steps"));
    }
    Ok(out)
}

/// The hint for steps a training did not take (`untaken`), listed from `first`: where one is
/// past a training its tolerance stopped early, that its last step is known only once it ran,
/// and `"last"` names it whatever its number.
fn untaken_hint(training: &TrainingBlock, untaken: &[StepName], first: usize) -> String {
    let last = training.steps();
    let past = untaken
        .iter()
        .any(|s| matches!(s, StepName::Number(n) if *n > last as i64));
    match (past && training.training.converged, first) {
        (true, _) => format!(
            "the training stopped after {last} steps, once every step was below its tolerance: write `\"last\"` for its last step, whatever number that turns out to be"
        ),
        (false, 0) => "0 is the start; n is after n steps; \"last\" is after the last".to_string(),
        (false, _) => "1 is the first step; \"last\" is the last".to_string(),
    }
}
