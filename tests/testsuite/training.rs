//! Training (issue 14): the loss, its exact gradient and gradient descent, against independent
//! numbers: StatQuest's "Backpropagation Main Ideas" (published values and a direct formula
//! written here), central finite differences on random networks, and hand-derived stop points.

use nnbook::error::SourceFile;
use nnbook::lesson;
use nnbook::network::train::{
    loss_and_slope_at, loss_at, loss_gradient, slope_at, train, validate, Loss, TrainError,
    TrainingSpec,
};
use nnbook::network::{Activation, Network, Param};

fn network(block: &str) -> Network {
    let text = format!("+++\ntitle = \"t\"\n+++\n\n```network\n{block}\n```\n");
    lesson::parse(SourceFile::new("test.md", &text), "test")
        .unwrap_or_else(|d| panic!("{d:?}"))
        .network
        .expect("a network")
}

/// StatQuest's network of "Backpropagation Main Ideas", with b3 = 0 (the value it starts from).
fn statquest() -> Network {
    network(
        r#"input = { name = "dosage", from = 0, to = 1, samples = 100 }
[[layer]]
activation = "softplus"
nodes = [
  { name = "top", weights = { w1 = 3.34 }, bias = { b1 = -1.43 } },
  { name = "bottom", weights = { w2 = -3.53 }, bias = { b2 = 0.57 } },
]
[output]
weights = { w3 = -1.22, w4 = -2.30 }
bias = { b3 = 0.0 }"#,
    )
}

const DATA: [(f64, f64); 3] = [(0.0, 0.0), (0.5, 1.0), (1.0, 0.0)];

/// Training b3 from 0 with learning rate 0.1 (the video's setting), stopping at step size 0.001.
fn b3_spec() -> TrainingSpec {
    TrainingSpec {
        data: DATA.to_vec(),
        params: vec!["b3".to_string()],
        loss: Loss::SumOfSquares,
        learning_rate: 0.1,
        start: vec![("b3".to_string(), 0.0)],
        steps: None,
        tolerance: Some(0.001),
        max_steps: 1000,
    }
}

/// The network's output without b3, by hand: softplus(x) = ln(1 + eˣ).
fn without_b3(x: f64) -> f64 {
    let softplus = |z: f64| (1.0 + z.exp()).ln();
    -1.22 * softplus(3.34 * x - 1.43) - 2.30 * softplus(-3.53 * x + 0.57)
}

/// The optimum of b3: the SSR Σ (yᵢ − cᵢ − b3)² is smallest at the mean of yᵢ − cᵢ.
fn best_b3() -> f64 {
    DATA.iter().map(|&(x, y)| y - without_b3(x)).sum::<f64>() / DATA.len() as f64
}

fn close(got: f64, want: f64, tolerance: f64, what: &str) {
    assert!(
        (got - want).abs() <= tolerance,
        "{what}: got {got}, want {want} ± {tolerance}"
    );
}

#[test]
fn statquest_first_step_matches_the_video() {
    let t = train(&statquest(), &b3_spec()).unwrap();
    let first = &t.steps[0];
    assert_eq!(first.values, vec![0.0]);
    for (got, want) in first.predictions.iter().zip([-2.60, -1.61, -2.61]) {
        close(*got, want, 0.005, "prediction at b3 = 0");
    }
    close(first.loss, 20.424, 5e-4, "SSR at b3 = 0");
    close(first.derivatives[0], -15.655, 5e-4, "dSSR/db3 at b3 = 0");
    close(first.step_sizes[0], -1.57, 0.005, "step size");
    let b3: Vec<f64> = t.steps.iter().skip(1).map(|s| s.values[0]).collect();
    for (k, (got, want)) in b3.iter().zip([1.57, 2.19, 2.44, 2.54, 2.58]).enumerate() {
        close(*got, want, 0.005, &format!("b3 after step {}", k + 1));
    }
}

#[test]
fn statquest_b3_converges_to_the_mean_residual() {
    let best = best_b3();
    close(best, 2.6092, 5e-5, "the mean residual");
    let t = train(&statquest(), &b3_spec()).unwrap();
    assert!(t.converged);
    close(t.final_values[0], best, 1e-3, "trained b3");
    close(t.final_values[0], 2.61, 0.005, "trained b3 as published");
    // The SSR is 3 (b3 − best)² + constant: each step multiplies b3 − best by 1 − 0.1·6 = 0.4,
    // and the step size is 0.6 (b3 − best). Stop at the first step size below 0.001.
    let (mut error, mut expected_steps) = (best, 0);
    loop {
        expected_steps += 1;
        if 0.6 * error < 0.001 {
            break;
        }
        error *= 0.4;
    }
    assert_eq!(t.steps.len(), expected_steps);
    let (last, before) = t.steps.split_last().unwrap();
    assert!(last.step_sizes[0].abs() < 0.001);
    assert!(before.iter().all(|s| s.step_sizes[0].abs() >= 0.001));
    // The final state: the trained network, its predictions and loss.
    let ssr: f64 = DATA
        .iter()
        .map(|&(x, y)| (y - without_b3(x) - t.final_values[0]).powi(2))
        .sum();
    close(t.final_loss, ssr, 1e-12, "final SSR");
    assert_eq!(t.network.param("b3").unwrap().value, t.final_values[0]);
    for (&(x, _), p) in DATA.iter().zip(&t.final_predictions) {
        close(
            *p,
            without_b3(x) + t.final_values[0],
            1e-12,
            "final prediction",
        );
        assert_eq!(t.network.evaluate(x), *p);
    }
}

#[test]
fn the_stop_rule_counts_steps_as_specified() {
    let net = statquest();
    // A fixed number of steps, no tolerance: exactly that many.
    let fixed = TrainingSpec {
        steps: Some(5),
        tolerance: None,
        ..b3_spec()
    };
    let t = train(&net, &fixed).unwrap();
    assert_eq!(t.steps.len(), 5);
    assert!(!t.converged);
    close(t.final_values[0], 2.58, 0.005, "b3 after 5 steps");
    // A fixed number with a tolerance reached earlier: stops at the same step as without one.
    let both = TrainingSpec {
        steps: Some(500),
        ..b3_spec()
    };
    let by_tolerance = train(&net, &b3_spec()).unwrap();
    let t = train(&net, &both).unwrap();
    assert!(t.converged);
    assert_eq!(t.steps.len(), by_tolerance.steps.len());
    // Only a tolerance, not reached within max_steps.
    let capped = TrainingSpec {
        max_steps: 3,
        ..b3_spec()
    };
    let t = train(&net, &capped).unwrap();
    assert_eq!((t.steps.len(), t.converged), (3, false));
    // No step at all: the final state is the start.
    let none = TrainingSpec {
        steps: Some(0),
        ..b3_spec()
    };
    let t = train(&net, &none).unwrap();
    assert!(t.steps.is_empty());
    assert_eq!(t.final_values, vec![0.0]);
    close(t.final_loss, 20.424, 5e-4, "SSR at the start");
}

#[test]
fn loss_at_and_slope_at_trace_the_ssr_curve() {
    let (net, spec) = (statquest(), b3_spec());
    for b3 in [-1.0, 0.0, 1.5, 2.6, 4.0] {
        // SSR(b3) = Σ (y − c − b3)²; its derivative −2 Σ (y − c − b3).
        let residuals: Vec<f64> = DATA.iter().map(|&(x, y)| y - without_b3(x) - b3).collect();
        let ssr: f64 = residuals.iter().map(|r| r * r).sum();
        let slope: f64 = residuals.iter().map(|r| -2.0 * r).sum();
        close(loss_at(&net, &spec, "b3", b3), ssr, 1e-12, "loss_at");
        close(slope_at(&net, &spec, "b3", b3), slope, 1e-12, "slope_at");
    }
    // Another parameter than the trained one, at the spec's starting values.
    let (loss, slope) = loss_and_slope_at(&net, &spec, "w3", -1.22);
    close(loss, 20.424, 5e-4, "loss_at w3");
    assert!(slope.is_finite());
    assert!(loss_at(&net, &spec, "b33", 0.0).is_nan());
    assert!(slope_at(&net, &spec, "b3", f64::NAN).is_nan());
}

/// xorshift64*: a small deterministic generator.
struct Rng(u64);

impl Rng {
    fn unit(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let bits = self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11;
        bits as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [−r, r).
    fn within(&mut self, r: f64) -> f64 {
        r * (2.0 * self.unit() - 1.0)
    }

    fn below(&mut self, n: usize) -> usize {
        ((self.unit() * n as f64) as usize).min(n - 1)
    }
}

/// A random network block: `hidden` gives each hidden layer's activation and node count.
fn random_block(rng: &mut Rng, hidden: &[(Activation, usize)], output: Activation) -> String {
    let mut block = String::from("input = { name = \"x\", from = -2, to = 2, samples = 10 }\n");
    let mut previous = 1;
    for (l, &(activation, nodes)) in hidden.iter().enumerate() {
        block += &format!(
            "[[layer]]\nactivation = \"{}\"\nnodes = [\n",
            activation.name()
        );
        for n in 0..nodes {
            let weights: Vec<String> = (0..previous)
                .map(|k| format!("w{l}_{n}_{k} = {:?}", rng.within(2.0)))
                .collect();
            block += &format!(
                "  {{ name = \"h{l}_{n}\", weights = {{ {} }}, bias = {{ b{l}_{n} = {:?} }} }},\n",
                weights.join(", "),
                rng.within(2.0)
            );
        }
        block += "]\n";
        previous = nodes;
    }
    let weights: Vec<String> = (0..previous)
        .map(|k| format!("wo_{k} = {:?}", rng.within(2.0)))
        .collect();
    block += &format!(
        "[output]\nactivation = \"{}\"\nweights = {{ {} }}\nbias = {{ bo = {:?} }}\n",
        output.name(),
        weights.join(", "),
        rng.within(2.0)
    );
    block
}

/// Every pre-activation of a kinked layer is at least `margin` from its kink at input `x`.
fn away_from_kinks(net: &Network, x: f64, margin: f64) -> bool {
    let trace = net.trace(x);
    net.layers
        .iter()
        .zip(&trace.nodes)
        .filter(|(layer, _)| layer.activation.has_kink())
        .all(|(_, nodes)| nodes.iter().all(|v| v.1.abs() >= margin))
}

fn param_mut(net: &mut Network, i: usize) -> &mut Param {
    net.layers
        .iter_mut()
        .flat_map(|l| l.nodes.iter_mut())
        .flat_map(|n| n.weights.iter_mut().chain(std::iter::once(&mut n.bias)))
        .nth(i)
        .unwrap()
}

/// The SSR from the network's own evaluation, without the training code.
fn ssr(net: &Network, data: &[(f64, f64)]) -> f64 {
    data.iter()
        .map(|&(x, y)| (y - net.evaluate(x)).powi(2))
        .sum()
}

/// Compare every parameter's derivative with a central difference; return how many were
/// compared.
fn check_against_differences(net: &Network, data: &[(f64, f64)], what: &str) -> usize {
    let lg = loss_gradient(net, data, Loss::SumOfSquares);
    close(lg.loss, ssr(net, data), 1e-12 * lg.loss.max(1.0), what);
    let mut perturbed = net.clone();
    for (i, g) in lg.gradient.iter().enumerate() {
        let v = net.params().nth(i).unwrap().value;
        let h = 1e-5 * v.abs().max(1.0);
        param_mut(&mut perturbed, i).value = v + h;
        let up = ssr(&perturbed, data);
        param_mut(&mut perturbed, i).value = v - h;
        let down = ssr(&perturbed, data);
        param_mut(&mut perturbed, i).value = v;
        let difference = (up - down) / (2.0 * h);
        let name = &net.params().nth(i).unwrap().name;
        close(
            *g,
            difference,
            1e-6 * g.abs().max(1.0),
            &format!("{what}, ∂/∂{name}"),
        );
    }
    lg.gradient.len()
}

#[test]
fn chain_rule_gradient_matches_central_differences() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut compared = 0;
    for hidden_activation in Activation::ALL {
        for output in Activation::ALL {
            for depth in 1..=2 {
                let hidden: Vec<(Activation, usize)> = (0..depth)
                    .map(|l| {
                        let a = match l {
                            0 => hidden_activation,
                            _ => Activation::ALL[rng.below(Activation::ALL.len())],
                        };
                        (a, 1 + rng.below(3))
                    })
                    .collect();
                let block = random_block(&mut rng, &hidden, output);
                let net = network(&block);
                // Data points away from every kink (a difference across one is no derivative).
                let mut data = Vec::new();
                while data.len() < 4 {
                    let x = rng.within(2.0);
                    if away_from_kinks(&net, x, 1e-3) {
                        data.push((x, rng.within(2.0)));
                    }
                }
                let what = format!("{hidden:?} -> {output:?}");
                compared += check_against_differences(&net, &data, &what);
            }
        }
    }
    assert!(compared > 300, "only {compared} derivatives compared");
}

#[test]
fn activation_derivatives_match_their_definitions() {
    for a in Activation::ALL {
        for z in [-3.0, -0.7, 0.3, 2.5] {
            let h = 1e-6;
            let difference = (a.apply(z + h) - a.apply(z - h)) / (2.0 * h);
            close(a.derivative(z), difference, 1e-8, &format!("{a} at {z}"));
        }
        // Finite far out, in both tails.
        for z in [-1e308, -800.0, 800.0, 1e308] {
            assert!(a.derivative(z).is_finite(), "{a} at {z}");
        }
    }
    // The choice at the kink: the negative side's slope.
    assert_eq!(Activation::Relu.derivative(0.0), 0.0);
    assert_eq!(
        Activation::LeakyRelu.derivative(0.0),
        Activation::LEAKY_SLOPE
    );
    // Softplus' derivative is the sigmoid, without overflow.
    assert_eq!(Activation::Softplus.derivative(-800.0), 0.0);
    assert_eq!(Activation::Softplus.derivative(800.0), 1.0);
    close(
        Activation::Sigmoid.derivative(0.0),
        0.25,
        1e-15,
        "sigmoid at 0",
    );
}

#[test]
fn mean_squared_is_the_sum_of_squares_over_n() {
    let net = statquest();
    let n = DATA.len() as f64;
    let sum = loss_gradient(&net, &DATA, Loss::SumOfSquares);
    let mean = loss_gradient(&net, &DATA, Loss::MeanSquared);
    close(mean.loss, sum.loss / n, 1e-14, "loss");
    for (m, s) in mean.gradient.iter().zip(&sum.gradient) {
        close(*m, s / n, 1e-14, "derivative");
    }
    // So training on the mean with n times the learning rate takes the same steps.
    let spec = TrainingSpec {
        loss: Loss::MeanSquared,
        learning_rate: 0.1 * n,
        ..b3_spec()
    };
    let by_mean = train(&net, &spec).unwrap();
    let by_sum = train(&net, &b3_spec()).unwrap();
    assert_eq!(by_mean.steps.len(), by_sum.steps.len());
    close(by_mean.final_values[0], by_sum.final_values[0], 1e-12, "b3");
    close(
        by_mean.final_loss,
        by_sum.final_loss / n,
        1e-12,
        "final loss",
    );
}

#[test]
fn with_values_sets_literals_and_finds_the_kinks_again() {
    let net = network(
        r#"input = { name = "x", from = 0, to = 1, samples = 5 }
[[layer]]
activation = "relu"
nodes = [ { name = "a", weights = { w = 1.0 }, bias = { b = -0.5 } } ]
[output]
weights = { v = 1.0 }
bias = { c = 0.0 }"#,
    );
    assert_eq!(net.kinks(), vec![0.5]);
    // The kink of relu(w·x + b) is at −b/w.
    let moved = net.with_values(&[("b", -0.25), ("w", 0.5)]).unwrap();
    assert_eq!(moved.kinks(), vec![0.5]);
    let moved = net.with_values(&[("b", -0.25)]).unwrap();
    assert_eq!(moved.kinks(), vec![0.25]);
    assert_eq!(moved.param("b").unwrap().literal, "-0.25");
    assert_eq!(moved.param("w").unwrap().literal, "1.0", "untouched");
    let err = net.with_values(&[("bb", 1.0)]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the network has no weight or bias named `bb`; did you mean `b`?"
    );
    assert!(net.with_values(&[("b", f64::INFINITY)]).is_err());
}

#[test]
fn unknown_parameters_are_named_with_a_suggestion() {
    let net = statquest();
    let spec = TrainingSpec {
        params: vec!["b33".to_string()],
        ..b3_spec()
    };
    let err = train(&net, &spec).unwrap_err();
    assert_eq!(
        err,
        TrainError::UnknownParam {
            name: "b33".to_string(),
            suggestion: Some("b3".to_string())
        }
    );
    assert!(err.to_string().contains("`b33`"), "{err}");
    assert!(err.to_string().contains("did you mean `b3`?"), "{err}");
    let spec = TrainingSpec {
        params: vec!["zzzzzz".to_string()],
        ..b3_spec()
    };
    let err = train(&net, &spec).unwrap_err();
    assert!(matches!(
        &err,
        TrainError::UnknownParam {
            suggestion: None,
            ..
        }
    ));
    assert!(!err.to_string().contains("did you mean"), "{err}");
    // In the starting values too.
    let spec = TrainingSpec {
        start: vec![("W3".to_string(), 1.0)],
        ..b3_spec()
    };
    let err = validate(&net, &spec).unwrap_err();
    assert!(err.to_string().contains("did you mean `w3`?"), "{err}");
    // Twice, or none.
    let spec = TrainingSpec {
        params: vec!["b3".to_string(), "b3".to_string()],
        ..b3_spec()
    };
    assert_eq!(
        train(&net, &spec).unwrap_err(),
        TrainError::DuplicateParam("b3".to_string())
    );
    let spec = TrainingSpec {
        params: Vec::new(),
        ..b3_spec()
    };
    assert_eq!(train(&net, &spec).unwrap_err(), TrainError::NoParams);
}

#[test]
fn no_data_and_bad_learning_rates_are_errors() {
    let net = statquest();
    let spec = TrainingSpec {
        data: Vec::new(),
        ..b3_spec()
    };
    assert_eq!(train(&net, &spec).unwrap_err(), TrainError::NoData);
    for rate in [0.0, -0.1, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let spec = TrainingSpec {
            learning_rate: rate,
            ..b3_spec()
        };
        let err = train(&net, &spec).unwrap_err();
        assert!(
            matches!(err, TrainError::LearningRate(_)),
            "{rate}: {err:?}"
        );
        assert!(err.to_string().contains("learning rate"), "{err}");
    }
}

#[test]
fn divergence_names_its_step() {
    // With learning rate 1e6 each step multiplies b3 − best by 1 − 6·10⁶; the loss, about
    // 3 (b3 − best)², overflows at the first step k where 3 best² (6·10⁶ − 1)^2k > f64::MAX.
    let best = best_b3();
    let growth: f64 = 6e6 - 1.0;
    let log_loss = |k: f64| 3f64.ln() + 2.0 * best.ln() + 2.0 * k * growth.ln();
    let expected = (1..100)
        .find(|&k| log_loss(k as f64) > f64::MAX.ln())
        .unwrap();
    let spec = TrainingSpec {
        learning_rate: 1e6,
        ..b3_spec()
    };
    let err = train(&statquest(), &spec).unwrap_err();
    assert!(
        matches!(&err, TrainError::Diverged { step, .. } if *step == expected),
        "expected divergence at step {expected}: {err:?}"
    );
    assert!(
        err.to_string().contains(&format!("step {expected}")),
        "{err}"
    );
}

#[test]
fn non_finite_and_extreme_inputs_are_errors_not_panics() {
    let net = statquest();
    let data_cases = [
        vec![(f64::NAN, 0.0)],
        vec![(0.0, f64::INFINITY)],
        vec![(0.5, 1.0), (f64::NEG_INFINITY, 0.0)],
    ];
    for data in data_cases {
        let spec = TrainingSpec { data, ..b3_spec() };
        let err = train(&net, &spec).unwrap_err();
        assert!(matches!(err, TrainError::NotFinite { .. }), "{err:?}");
    }
    let spec = TrainingSpec {
        start: vec![("b3".to_string(), f64::NAN)],
        ..b3_spec()
    };
    assert!(matches!(
        train(&net, &spec).unwrap_err(),
        TrainError::NotFinite { .. }
    ));
    // Finite but huge: the loss overflows at the start.
    for (start, data) in [
        (("w1", 1e300), DATA.to_vec()),
        (("b3", 0.0), vec![(1e308, 0.0)]),
    ] {
        let spec = TrainingSpec {
            start: vec![(start.0.to_string(), start.1)],
            data,
            ..b3_spec()
        };
        let err = train(&net, &spec).unwrap_err();
        assert!(
            matches!(err, TrainError::Diverged { step: 0, .. }),
            "{err:?}"
        );
        assert!(err.to_string().contains("starting values"), "{err}");
    }
    // A NaN tolerance is never met: the run ends at max_steps.
    let spec = TrainingSpec {
        tolerance: Some(f64::NAN),
        max_steps: 20,
        ..b3_spec()
    };
    let t = train(&net, &spec).unwrap();
    assert_eq!((t.steps.len(), t.converged), (20, false));
    // The smallest positive learning rate is allowed and moves nothing much.
    let spec = TrainingSpec {
        learning_rate: f64::MIN_POSITIVE,
        steps: Some(2),
        ..b3_spec()
    };
    assert!(train(&net, &spec).is_ok());
}
