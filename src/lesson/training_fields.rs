//! A training block's fields, each checked on its own (`training_block`): its id, data,
//! parameters, starting values, learning rate, loss and stop rule.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;

use crate::error::{Diagnostic, SourceFile};
use crate::markdown::Fence;
use crate::network::train::Loss;
use crate::network::Network;
use crate::text::{closest, did_you_mean, shortest};

use super::limits::{at_most, check_id, outside_input_range, MAX_POINTS};
use super::network_toml::ParamList;
use super::signal::is_node;
use super::toml::{ListOrName, Point};

/// `start = { b3 = 0.0 }`: values that replace the network's before training. (Each name is
/// checked against the network first: a misspelt one is reported before one not trained.)
pub(super) fn starting_values(
    source: &SourceFile,
    fence: &Fence,
    net: &Network,
    (start, trained): (Option<ParamList>, Option<&[String]>),
) -> Result<Vec<(String, f64)>, Diagnostic> {
    let start = start.map(|s| s.0).unwrap_or_default();
    for (name, value) in &start {
        known_param(source, fence.source_span(name.span()), net, name.get_ref())?;
        if !value.get_ref().is_finite() {
            return Err(source
                .error(
                    fence.source_span(value.span()),
                    "a starting value is not finite",
                )
                .expected("a finite number, like `b3 = 0.0`")
                .hint(
                    "leave a parameter out of `start` to start from its value in the network block",
                ));
        }
    }
    // (A parameter the training does not change would start elsewhere and stay there: the
    // network changed without a word.)
    // (Where `train` did not read, what it trains is not known.)
    let untrained = |(n, _): &&(Spanned<String>, Spanned<f64>)| {
        trained.is_some_and(|t| !t.contains(n.get_ref()))
    };
    if let Some((name, _)) = start.iter().find(untrained) {
        let trained = trained.unwrap_or_default();
        let n = name.get_ref();
        return Err((source.error(
            fence.source_span(name.span()),
            format!("`{n}` is not trained, so it has no starting value"),
        ))
        .expected(format!(
            "a starting value of a trained parameter ({})",
            trained.join(", ")
        ))
        .hint(format!(
            "add `{n}` to `train`, or give its value in the network block"
        )));
    }
    Ok((start.into_iter())
        .map(|(name, value)| (name.into_inner(), value.into_inner()))
        .collect())
}

/// The learning rate: a positive finite number.
pub(super) fn learning_rate(
    source: &SourceFile,
    fence: &Fence,
    rate: &Spanned<f64>,
) -> Result<f64, Diagnostic> {
    let r = *rate.get_ref();
    if r.is_finite() && r > 0.0 {
        return Ok(r);
    }
    Err(source
        .error(
            fence.source_span(rate.span()),
            format!("the learning rate {} is not positive", shortest(r)),
        )
        .expected("a positive number, like `learning_rate = 0.1`")
        .hint("gradient descent subtracts learning rate × derivative from each parameter"))
}

/// The loss by name (default the sum of squared residuals).
pub(super) fn loss(
    source: &SourceFile,
    fence: &Fence,
    name: Option<&Spanned<String>>,
) -> Result<Loss, Diagnostic> {
    let Some(l) = name else {
        return Ok(Loss::SumOfSquares);
    };
    Loss::from_name(l.get_ref()).ok_or_else(|| {
        let names = Loss::ALL.map(Loss::name);
        let d = source
            .error(fence.source_span(l.span()), format!("unknown loss `{}`", l.get_ref()))
            .expected(format!("one of {}", names.join(", ")));
        match did_you_mean(l.get_ref(), names) {
            Some(h) => d.hint(h),
            None => d.hint("`sum_of_squares` is StatQuest's SSR; `mean_squared` divides it by the number of points"),
        }
    })
}

/// The training's id (default `training`): a valid id, not the name of a node or parameter
/// (placeholders `{{ <id>.loss }}` and `{{ <node>.linear @ x }}` would be ambiguous), and not
/// the id of another training above (`taken`).
pub(super) fn training_id(
    source: &SourceFile,
    fence: &Fence,
    net: &Network,
    taken: impl Fn(&str) -> bool,
    id: Option<&Spanned<String>>,
) -> Result<String, Diagnostic> {
    let (name, span) = match id {
        Some(id) => (id.get_ref().clone(), fence.source_span(id.span())),
        None => ("training".to_string(), fence.opening()),
    };
    check_id(&name).map_err(|m| {
        source
            .error(span.clone(), format!("bad training id: {m}"))
            .hint("an id is lowercase letters, digits, '-' and '_', like `fit-b3`")
    })?;
    let taken_by_network = net.param(&name).is_some() || is_node(net, &name) || name == "input";
    if taken_by_network {
        return Err(source
            .error(
                span,
                format!("the training id `{name}` is a name in the network"),
            )
            .expected("an id that no node, weight or bias has")
            .hint("placeholders like `{{ <id>.loss }}` must not look like a node's signals"));
    }
    if taken(&name) {
        return Err(source
            .error(span, format!("two trainings have the id `{name}`"))
            .expected("a different `id` for each training block of a lesson")
            .hint("give each training block its own `id = \"...\"`"));
    }
    Ok(name)
}

/// The data points: written in the block, or the `points` of a figure above (in `figures`, by
/// id).
pub(super) fn training_data(
    source: &SourceFile,
    fence: &Fence,
    net: &Network,
    figures: &BTreeMap<String, Vec<(f64, f64)>>,
    data: &Spanned<ListOrName<Point>>,
) -> Result<Vec<(f64, f64)>, Diagnostic> {
    let span = fence.source_span(data.span());
    let points: Vec<(f64, f64)> = match data.get_ref() {
        ListOrName::List(points) => points.iter().map(|&Point([x, y])| (x, y)).collect(),
        ListOrName::Name(id) => {
            let Some(figure) = figures.get(id) else {
                let ids: Vec<&str> = figures
                    .iter()
                    .filter(|(_, points)| !points.is_empty())
                    .map(|(id, _)| id.as_str())
                    .collect();
                let d = source
                    .error(span, format!("no figure `{id}` above the training block"))
                    .expected("data points like [[0.0, 0.0], [0.5, 1.0]], or the id of a figure above with `points`");
                return Err(match did_you_mean(id, ids.iter().copied()) {
                    Some(h) => d.hint(h),
                    None => d.hint("the figure must come before the training block"),
                });
            };
            figure.clone()
        }
    };
    if points.is_empty() {
        return Err(source
            .error(span, "no data to train on")
            .expected("at least one data point, like `data = [[0.0, 0.0], [0.5, 1.0]]`")
            .hint("a figure's data come from its `points`"));
    }
    at_most(
        source,
        points.len(),
        MAX_POINTS,
        || span.clone(),
        ("data points", "data points per training"),
    )?;
    if let Some(k) = points
        .iter()
        .position(|(x, y)| !(x.is_finite() && y.is_finite()))
    {
        return Err(source
            .error(span, format!("data point {} is not finite", k + 1))
            .expected("finite numbers, like [0.5, 1.0]")
            .hint("each point is [input, target], the target being what the network should output there"));
    }
    // (A figure's points were checked where the figure is; a prediction outside the range
    // would be published without a chart to show it.)
    if let Some(k) = points.iter().position(|(x, _)| !net.input.contains(*x)) {
        return Err(outside_input_range(
            source,
            span,
            net,
            format!("data point {}'s input {}", k + 1, shortest(points[k].0)),
            "nnbook shows the network only over its input range: widen the range or remove the point",
        ));
    }
    Ok(points)
}

/// The names of the parameters to train: each a weight or bias of the network, once.
pub(super) fn trained_params(
    source: &SourceFile,
    fence: &Fence,
    net: &Network,
    train: &Spanned<ListOrName<Spanned<String>>>,
) -> Result<Vec<String>, Diagnostic> {
    let span = fence.source_span(train.span());
    let list = match train.get_ref() {
        ListOrName::Name(all) if all == "all" => {
            return Ok(net.params().map(|p| p.name.clone()).collect());
        }
        ListOrName::Name(other) => {
            // (What the author likely means: "all" misspelt, or one parameter, perhaps misspelt.)
            let params = || net.params().map(|p| p.name.as_str());
            let one = params()
                .find(|p| p == other)
                .or_else(|| closest(other, params()));
            let hint = match (closest(other, ["all"]), one) {
                (Some(_), _) => {
                    "did you mean \"all\"? `train = \"all\"` trains every weight and bias"
                        .to_string()
                }
                (None, Some(p)) => format!("to train only `{p}`, write `train = [\"{p}\"]`"),
                (None, None) => format!("to train only `{other}`, write `train = [\"{other}\"]`"),
            };
            return Err(source
                .error(span, format!("`train = \"{other}\"` is not a list"))
                .expected("a list of weights and biases, like `train = [\"b3\"]`, or \"all\"")
                .hint(hint));
        }
        ListOrName::List(list) => list,
    };
    if list.is_empty() {
        return Err(source
            .error(span, "no parameter to train")
            .expected("the names of weights or biases, like `train = [\"b3\"]`, or \"all\"")
            .hint("the training changes the parameters listed; the others keep their values from the network block"));
    }
    let mut names: Vec<String> = Vec::new();
    for name in list {
        let span = fence.source_span(name.span());
        known_param(source, span.clone(), net, name.get_ref())?;
        if names.contains(name.get_ref()) {
            return Err(source
                .error(span, format!("`{}` is listed twice", name.get_ref()))
                .expected("each parameter to train once")
                .hint("remove the second one"));
        }
        names.push(name.get_ref().clone());
    }
    Ok(names)
}

/// `name` is a weight or bias of the network.
pub(super) fn known_param(
    source: &SourceFile,
    span: Range<usize>,
    net: &Network,
    name: &str,
) -> Result<(), Diagnostic> {
    if net.param(name).is_some() {
        return Ok(());
    }
    let names: Vec<&str> = net.params().map(|p| p.name.as_str()).collect();
    let d = source
        .error(
            span,
            format!("the network has no weight or bias named `{name}`"),
        )
        .expected(format!("one of {}", names.join(", ")));
    Err(match did_you_mean(name, names.iter().copied()) {
        Some(h) => d.hint(h),
        None => d.hint("the weights and biases are named in the network block"),
    })
}
