//! Training: the loss of a network over data points, its exact gradient by backpropagation
//! (the chain rule, layer by layer), and plain gradient descent on chosen weights and biases,
//! every step recorded for lessons to tabulate and plot (StatQuest's "Backpropagation Main
//! Ideas"). Every failure is a [`TrainError`] value; no input makes it panic.

use std::fmt;

use crate::network::{Activation, Network, Param, Trace};
use crate::text::{closest, shortest};

impl Activation {
    /// The exact derivative of the function at `z`.
    ///
    /// ReLU and leaky ReLU have no derivative at their kink (z = 0); both take the slope of the
    /// negative side there (0 for ReLU, [`Activation::LEAKY_SLOPE`] for leaky ReLU), the usual
    /// choice of training libraries. Softplus' derivative is the sigmoid, computed without
    /// overflow; the sigmoid's is s(1 − s), computed as s(z)·s(−z) so that it stays accurate in
    /// both tails.
    pub fn derivative(self, z: f64) -> f64 {
        match self {
            Activation::Relu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::LeakyRelu => {
                if z > 0.0 {
                    1.0
                } else {
                    Activation::LEAKY_SLOPE
                }
            }
            Activation::Softplus => sigmoid(z),
            Activation::Sigmoid => sigmoid(z) * sigmoid(-z),
            Activation::Tanh => {
                let t = z.tanh();
                1.0 - t * t
            }
            Activation::Identity => 1.0,
        }
    }
}

/// 1 / (1 + e^−z), without overflow for either sign of `z`.
fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// How the network's predictions are scored against the observed values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loss {
    /// The sum of the squared residuals, SSR = Σ (observed − predicted)².
    SumOfSquares,
    /// SSR / n, for n data points.
    MeanSquared,
}

impl Loss {
    pub const ALL: [Loss; 2] = [Loss::SumOfSquares, Loss::MeanSquared];

    pub fn name(self) -> &'static str {
        match self {
            Loss::SumOfSquares => "sum_of_squares",
            Loss::MeanSquared => "mean_squared",
        }
    }

    pub fn from_name(name: &str) -> Option<Loss> {
        Loss::ALL.into_iter().find(|l| l.name() == name)
    }

    /// The factor applied to the SSR of `n` points (NaN for the mean of no points).
    fn scale(self, n: usize) -> f64 {
        match self {
            Loss::SumOfSquares => 1.0,
            Loss::MeanSquared if n == 0 => f64::NAN,
            Loss::MeanSquared => 1.0 / n as f64,
        }
    }
}

impl fmt::Display for Loss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The loss over some data, its derivative with respect to every parameter, and the
/// predictions.
#[derive(Debug, Clone, PartialEq)]
pub struct LossGradient {
    pub loss: f64,
    /// ∂loss/∂p for every parameter p, in the order of [`Network::params`].
    pub gradient: Vec<f64>,
    /// The network's output at each data point's input.
    pub predictions: Vec<f64>,
}

/// The loss of `network` over `data` (pairs of input and observed output) and its exact
/// gradient with respect to every weight and bias, by backpropagation. With no data the sum of
/// squares is 0 and the mean is NaN.
pub fn loss_gradient(network: &Network, data: &[(f64, f64)], loss: Loss) -> LossGradient {
    let scale = loss.scale(data.len());
    let mut gradient = vec![0.0; network.params().count()];
    let mut predictions = Vec::with_capacity(data.len());
    let mut deltas: Vec<Vec<f64>> = network
        .layers
        .iter()
        .map(|l| vec![0.0; l.nodes.len()])
        .collect();
    let mut trace = network.trace(0.0);
    let mut ssr = 0.0;
    for &(x, observed) in data {
        network.trace_into(x, &mut trace);
        let predicted = output(&trace);
        predictions.push(predicted);
        let residual = observed - predicted;
        ssr += residual * residual;
        // ∂loss/∂predicted for this point.
        let d_output = -2.0 * residual * scale;
        backpropagate(network, &trace, d_output, &mut deltas, &mut gradient);
    }
    LossGradient {
        loss: ssr * scale,
        gradient,
        predictions,
    }
}

/// The network's output in a trace (NaN for a network without layers).
fn output(trace: &Trace) -> f64 {
    trace
        .nodes
        .last()
        .and_then(|l| l.first())
        .map_or(f64::NAN, |v| v.2)
}

/// Add one data point's contribution to `gradient`, given ∂loss/∂output (`d_output`).
/// `deltas[l][n]` receives ∂loss/∂(pre-activation) of node n of layer l.
fn backpropagate(
    network: &Network,
    trace: &Trace,
    d_output: f64,
    deltas: &mut [Vec<f64>],
    gradient: &mut [f64],
) {
    let layers = &network.layers;
    for l in (0..layers.len()).rev() {
        let (this, after) = deltas.split_at_mut(l + 1);
        for (n, delta) in this[l].iter_mut().enumerate() {
            // ∂loss/∂(activation of this node): through every edge to the next layer.
            let upstream = match (after.first(), layers.get(l + 1)) {
                (Some(next_deltas), Some(next)) => next
                    .nodes
                    .iter()
                    .zip(next_deltas)
                    .map(|(node, d)| d * node.weights.get(n).map_or(0.0, |w| w.value))
                    .sum(),
                _ => d_output,
            };
            let z = trace.nodes[l][n].1;
            *delta = upstream * layers[l].activation.derivative(z);
        }
    }
    // ∂loss/∂w = delta × the weight's input; ∂loss/∂b = delta; in the order of params().
    let mut slots = gradient.iter_mut();
    for (l, layer) in layers.iter().enumerate() {
        for (node, delta) in layer.nodes.iter().zip(&deltas[l]) {
            for k in 0..node.weights.len() {
                let input = match l {
                    0 => trace.input,
                    _ => trace.nodes[l - 1].get(k).map_or(0.0, |v| v.2),
                };
                if let Some(g) = slots.next() {
                    *g += delta * input;
                }
            }
            if let Some(g) = slots.next() {
                *g += delta;
            }
        }
    }
}

/// What to train and how: gradient descent on `params`, starting from the network's values
/// overridden by `start`.
///
/// Stop rule: with `steps`, exactly that many steps, or fewer if `tolerance` is also given and
/// every step size of a step is below it in absolute value; with only `tolerance`, until every
/// step size is below it or after `max_steps` steps (StatQuest's rule); with neither,
/// `max_steps` steps.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainingSpec {
    /// (input, observed output) pairs.
    pub data: Vec<(f64, f64)>,
    /// The names of the weights and biases to train.
    pub params: Vec<String>,
    pub loss: Loss,
    pub learning_rate: f64,
    /// Starting values that replace the network's (any parameter, trained or not).
    pub start: Vec<(String, f64)>,
    pub steps: Option<usize>,
    pub tolerance: Option<f64>,
    pub max_steps: usize,
}

/// One step of gradient descent; every vector over parameters follows [`TrainingSpec::params`].
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The trained parameters' values before the step.
    pub values: Vec<f64>,
    /// The loss before the step.
    pub loss: f64,
    /// ∂loss/∂p before the step.
    pub derivatives: Vec<f64>,
    /// derivative × learning rate: the step subtracts these from `values`.
    pub step_sizes: Vec<f64>,
    /// The predictions at each data point before the step.
    pub predictions: Vec<f64>,
}

/// The record of a training run.
#[derive(Debug, Clone, PartialEq)]
pub struct Training {
    pub steps: Vec<Step>,
    /// The trained parameters' values after the last step (in the order of the spec's params).
    pub final_values: Vec<f64>,
    pub final_loss: f64,
    pub final_predictions: Vec<f64>,
    /// Whether training stopped because every step size fell below the tolerance.
    pub converged: bool,
    /// The trained network: the starting values and the final values set, literals rewritten
    /// to match, kinks found again.
    pub network: Network,
}

/// Why training could not run or finish.
#[derive(Debug, Clone, PartialEq)]
pub enum TrainError {
    /// No weight or bias has this name; `suggestion` is the closest one, if one is close.
    UnknownParam {
        name: String,
        suggestion: Option<String>,
    },
    /// A parameter listed twice among those to train.
    DuplicateParam(String),
    /// No parameter to train.
    NoParams,
    /// No data point.
    NoData,
    /// The learning rate is zero, negative or not finite.
    LearningRate(f64),
    /// An input that is not a finite number: `what` says which ("data point 2's input").
    NotFinite { what: String },
    /// The loss, a derivative or a parameter stopped being finite at this step (0: at the
    /// starting values); `what` says which.
    Diverged { step: usize, what: String },
}

impl fmt::Display for TrainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrainError::UnknownParam { name, suggestion } => {
                write!(f, "the network has no weight or bias named `{name}`")?;
                match suggestion {
                    Some(s) => write!(f, "; did you mean `{s}`?"),
                    None => Ok(()),
                }
            }
            TrainError::DuplicateParam(name) => {
                write!(f, "the parameter `{name}` is listed twice")
            }
            TrainError::NoParams => f.write_str("no parameter to train"),
            TrainError::NoData => f.write_str("no data points to train on"),
            TrainError::LearningRate(r) => write!(
                f,
                "the learning rate {} is not a positive finite number",
                shortest(*r)
            ),
            TrainError::NotFinite { what } => write!(f, "{what} is not a finite number"),
            TrainError::Diverged { step: 0, what } => write!(
                f,
                "training cannot start: the {what} is not finite at the starting values"
            ),
            TrainError::Diverged { step, what } => write!(
                f,
                "training diverged at step {step}: the {what} is no longer finite \
                 (try a smaller learning rate)"
            ),
        }
    }
}

impl std::error::Error for TrainError {}

impl Network {
    /// A copy of the network with some parameters set (their literals rewritten to match) and
    /// its kinks found again, as when the network was built.
    pub fn with_values<S: AsRef<str>>(&self, values: &[(S, f64)]) -> Result<Network, TrainError> {
        let mut net = self.clone();
        for (name, value) in values {
            let name = name.as_ref();
            let i = index_of(self, name)?;
            finite(*value, || format!("the value of `{name}`"))?;
            if let Some(p) = params_mut(&mut net).nth(i) {
                p.value = *value;
                p.literal = shortest(*value);
                p.typed = false;
            }
        }
        net.kinks = net.find_kinks();
        Ok(net)
    }
}

/// Every parameter, mutable, in the order of [`Network::params`].
fn params_mut(net: &mut Network) -> impl Iterator<Item = &mut Param> {
    net.layers
        .iter_mut()
        .flat_map(|l| l.nodes.iter_mut())
        .flat_map(|n| n.weights.iter_mut().chain(std::iter::once(&mut n.bias)))
}

/// Set the values of the parameters at `indices` (sorted or not) without touching literals or
/// kinks: the cheap update of one step.
fn set_values(net: &mut Network, indices: &[usize], values: &[f64]) {
    for (i, p) in params_mut(net).enumerate() {
        if let Some(at) = indices.iter().position(|&k| k == i) {
            p.value = values[at];
        }
    }
}

/// The position of a parameter in [`Network::params`], or an error suggesting a close name.
fn index_of(network: &Network, name: &str) -> Result<usize, TrainError> {
    network
        .params()
        .position(|p| p.name == name)
        .ok_or_else(|| TrainError::UnknownParam {
            name: name.to_string(),
            suggestion: closest(name, network.params().map(|p| p.name.as_str())).map(String::from),
        })
}

fn finite(v: f64, what: impl FnOnce() -> String) -> Result<f64, TrainError> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(TrainError::NotFinite { what: what() })
    }
}

/// Check a spec against a network: the parameters exist (once each), there is data, every
/// number is finite and the learning rate is positive.
pub fn validate(network: &Network, spec: &TrainingSpec) -> Result<(), TrainError> {
    prepare(network, spec).map(|_| ())
}

/// The network with the spec's starting values set (literals and kinks not yet updated), and
/// the trained parameters' positions in [`Network::params`].
fn prepare(network: &Network, spec: &TrainingSpec) -> Result<(Network, Vec<usize>), TrainError> {
    if spec.params.is_empty() {
        return Err(TrainError::NoParams);
    }
    let mut indices = Vec::with_capacity(spec.params.len());
    for name in &spec.params {
        let i = index_of(network, name)?;
        if indices.contains(&i) {
            return Err(TrainError::DuplicateParam(name.clone()));
        }
        indices.push(i);
    }
    if spec.data.is_empty() {
        return Err(TrainError::NoData);
    }
    let rate = spec.learning_rate;
    if !(rate.is_finite() && rate > 0.0) {
        return Err(TrainError::LearningRate(rate));
    }
    for (k, &(x, y)) in spec.data.iter().enumerate() {
        finite(x, || format!("data point {}'s input", k + 1))?;
        finite(y, || format!("data point {}'s observed value", k + 1))?;
    }
    let mut net = network.clone();
    for (name, value) in &spec.start {
        let i = index_of(network, name)?;
        finite(*value, || format!("the starting value of `{name}`"))?;
        set_values(&mut net, &[i], &[*value]);
    }
    Ok((net, indices))
}

/// The loss, derivatives (of the trained parameters) and predictions of a network, or the
/// divergence at `step` if one is not finite.
fn measure(
    net: &Network,
    spec: &TrainingSpec,
    indices: &[usize],
    step: usize,
) -> Result<(f64, Vec<f64>, Vec<f64>), TrainError> {
    let lg = loss_gradient(net, &spec.data, spec.loss);
    let derivatives: Vec<f64> = indices.iter().map(|&i| lg.gradient[i]).collect();
    let diverged = |what: String| Err(TrainError::Diverged { step, what });
    if !lg.loss.is_finite() {
        return diverged("loss".to_string());
    }
    if let Some(k) = derivatives.iter().position(|d| !d.is_finite()) {
        return diverged(format!("derivative with respect to `{}`", spec.params[k]));
    }
    Ok((lg.loss, derivatives, lg.predictions))
}

/// The network at one state of a training: the spec's starting values, then `values` for its
/// trained parameters (in the spec's order). Literals and kinks are not updated: the copy is
/// for evaluating, not for drawing. Unknown names are skipped (see [`validate`]).
pub fn network_at_state(network: &Network, spec: &TrainingSpec, values: &[f64]) -> Network {
    let mut net = network.clone();
    let names = spec.start.iter().map(|(n, v)| (n, *v));
    let trained = spec.params.iter().zip(values.iter().copied());
    for (name, value) in names.chain(trained) {
        if let Ok(i) = index_of(network, name) {
            set_values(&mut net, &[i], &[value]);
        }
    }
    net
}

/// ∂output/∂p at input `x` for every parameter p, in the order of [`Network::params`]: the
/// chain rule's factor of one data point (1 for the output's bias).
pub fn output_gradient(network: &Network, x: f64) -> Vec<f64> {
    let mut gradient = vec![0.0; network.params().count()];
    let mut deltas: Vec<Vec<f64>> = network
        .layers
        .iter()
        .map(|l| vec![0.0; l.nodes.len()])
        .collect();
    let trace = network.trace(x);
    backpropagate(network, &trace, 1.0, &mut deltas, &mut gradient);
    gradient
}

/// Gradient descent as `spec` says (see [`TrainingSpec`] for the stop rule).
pub fn train(network: &Network, spec: &TrainingSpec) -> Result<Training, TrainError> {
    let (mut net, indices) = prepare(network, spec)?;
    let mut values: Vec<f64> = indices
        .iter()
        .map(|&i| net.params().nth(i).map_or(f64::NAN, |p| p.value))
        .collect();
    let limit = spec.steps.unwrap_or(spec.max_steps);
    let (mut loss, mut derivatives, mut predictions) = measure(&net, spec, &indices, 0)?;
    let mut steps = Vec::new();
    let mut converged = false;
    for step in 1..=limit {
        let step_sizes: Vec<f64> = derivatives.iter().map(|d| d * spec.learning_rate).collect();
        let next: Vec<f64> = values.iter().zip(&step_sizes).map(|(v, s)| v - s).collect();
        if let Some(k) = next.iter().position(|v| !v.is_finite()) {
            let what = format!("value of `{}`", spec.params[k]);
            return Err(TrainError::Diverged { step, what });
        }
        set_values(&mut net, &indices, &next);
        let (next_loss, next_derivatives, next_predictions) = measure(&net, spec, &indices, step)?;
        steps.push(Step {
            values: std::mem::replace(&mut values, next),
            loss: std::mem::replace(&mut loss, next_loss),
            derivatives: std::mem::replace(&mut derivatives, next_derivatives),
            predictions: std::mem::replace(&mut predictions, next_predictions),
            step_sizes,
        });
        let small = |t: f64| {
            steps[steps.len() - 1]
                .step_sizes
                .iter()
                .all(|s| s.abs() < t)
        };
        if spec.tolerance.is_some_and(small) {
            converged = true;
            break;
        }
    }
    let mut touched: Vec<(String, f64)> = spec.start.clone();
    touched.extend(spec.params.iter().cloned().zip(values.iter().copied()));
    Ok(Training {
        network: network.with_values(&touched)?,
        steps,
        final_values: values,
        final_loss: loss,
        final_predictions: predictions,
        converged,
    })
}

/// The loss with one parameter set to `value` (after the spec's starting values), for plotting
/// the loss against that parameter. NaN if a name is unknown (see [`validate`]) or `value` is
/// not finite.
pub fn loss_at(network: &Network, spec: &TrainingSpec, param: &str, value: f64) -> f64 {
    loss_and_slope_at(network, spec, param, value).0
}

/// The derivative of the loss with respect to `param` at `value` (the slope of the tangent line
/// to [`loss_at`]'s curve). NaN if a name is unknown or `value` is not finite.
pub fn slope_at(network: &Network, spec: &TrainingSpec, param: &str, value: f64) -> f64 {
    loss_and_slope_at(network, spec, param, value).1
}

/// [`loss_at`] and [`slope_at`] from one pass over the data.
pub fn loss_and_slope_at(
    network: &Network,
    spec: &TrainingSpec,
    param: &str,
    value: f64,
) -> (f64, f64) {
    let nan = (f64::NAN, f64::NAN);
    let Ok(i) = index_of(network, param) else {
        return nan;
    };
    if !value.is_finite() {
        return nan;
    }
    let mut net = network.clone();
    for (name, v) in &spec.start {
        let Ok(k) = index_of(network, name) else {
            return nan;
        };
        set_values(&mut net, &[k], &[*v]);
    }
    set_values(&mut net, &[i], &[value]);
    let lg = loss_gradient(&net, &spec.data, spec.loss);
    (lg.loss, lg.gradient[i])
}
