//! The ```network block: the lesson's network, its parameters as typed, checked and
//! evaluated into a [`Network`].

use std::ops::Range;

use toml::Spanned;

use crate::error::{Diagnostic, SourceFile};
use crate::markdown::Fence;
use crate::network::{Activation, Input, Layer, Network, Node, Param};
use crate::text::{did_you_mean, plural, typographic_minus};

use super::controls::{self, Control, ControlList};
use super::limits::{
    at_most, MAX_INPUT_MAGNITUDE, MAX_LAYERS, MAX_NODES, MAX_PARAMETERS, MAX_SAMPLES,
    MIN_INPUT_SPAN,
};
use super::network_toml::{ParamList, RawInput, RawLayer, RawNetwork, RawOutput};
use super::problems::Problems;
use super::stand_in::{self, StandIn};
use super::toml::{from_block, missing_field, Table};

fn parse_activation(
    source: &SourceFile,
    fence: &Fence,
    name: &Spanned<String>,
) -> Result<Activation, Diagnostic> {
    Activation::from_name(name.get_ref()).ok_or_else(|| {
        let known: Vec<&str> = Activation::ALL.iter().map(|a| a.name()).collect();
        let d = source
            .error(
                fence.source_span(name.span()),
                format!("unknown activation `{}`", name.get_ref()),
            )
            .expected(format!("one of {}", known.join(", ")));
        let synonym = match name.get_ref().to_ascii_lowercase().as_str() {
            "linear" | "none" | "id" => Some("identity"),
            "leaky" | "leakyrelu" | "leaky-relu" => Some("leaky_relu"),
            "logistic" => Some("sigmoid"),
            _ => None,
        };
        match synonym
            .map(|k| format!("nnbook calls it `{k}`"))
            .or_else(|| did_you_mean(name.get_ref(), known.iter().copied()))
        {
            Some(hint) => d.hint(hint),
            None => {
                d.hint("the activation is the function each node of the layer applies to its sum")
            }
        }
    })
}

fn finite(
    source: &SourceFile,
    fence: &Fence,
    v: &Spanned<f64>,
    what: &str,
) -> Result<f64, Diagnostic> {
    if v.get_ref().is_finite() {
        Ok(*v.get_ref())
    } else {
        Err(source
            .error(
                fence.source_span(v.span()),
                format!("{what} is not a finite number"),
            )
            .expected("a finite number such as 1.70 or -0.85")
            .hint("TOML's inf and nan are not allowed here"))
    }
}

/// The named numbers of `list`, `expected` of them: the count, then each value (every value
/// that is not finite is a problem of its own).
fn parse_params(
    source: &SourceFile,
    fence: &Fence,
    list: &Spanned<ParamList>,
    expected: usize,
    what: &str,
) -> Result<Vec<Param>, Vec<Diagnostic>> {
    let entries = &list.get_ref().0;
    if entries.len() != expected {
        let d = source.error(
            fence.source_span(list.span()),
            format!(
                "{what}: {} {} given, but {expected} {} expected",
                entries.len(),
                plural(entries.len(), "value"),
                if expected == 1 { "is" } else { "are" }
            ),
        );
        return Err(vec![d
            .expected(format!("{expected} named {}", plural(expected, "number")))
            .hint("a node has one weight per node of the previous layer (the input counts as one), in order, and one bias")]);
    }
    let mut problems = Problems::default();
    let params: Vec<Option<Param>> = entries
        .iter()
        .map(|(name, value)| {
            let v = problems.keep(finite(
                source,
                fence,
                value,
                &format!("`{}`", name.get_ref()),
            ))?;
            Some(Param {
                name: name.get_ref().clone(),
                value: v,
                literal: fence.text[value.span()].trim().to_string(),
                typed: true,
            })
        })
        .collect();
    problems.finish()?;
    Ok(params.into_iter().flatten().collect())
}

/// The controls of a network block, or every problem they have.
pub type Controls = Result<Vec<Control>, Vec<Diagnostic>>;

/// A network block as parsed: the network, its controls, and where its `[controls]` table is
/// written, if it is.
pub struct Parsed {
    pub network: Network,
    pub controls: Controls,
    pub controls_at: Option<Range<usize>>,
}

/// Parse and check a network block, and find its kinks; with the reader's controls. Each part
/// of the network is checked on its own (the input, each layer's activation, each node's name,
/// label, weights and bias), so that one run reports every mistake; a count that later parts
/// are read against (too many layers or nodes, an empty layer) stops the block there. The
/// controls are checked each on its own, and come with the network even when some are wrong,
/// so that the lesson's other blocks are still checked against it.
pub fn parse(source: &SourceFile, fence: &Fence) -> Result<Parsed, Broken> {
    let (network, raw_controls) = parse_network(source, fence)?;
    let controls = controls::parse(source, fence, &network, raw_controls.as_ref(), &[]);
    let controls_at = raw_controls.map(|c| fence.source_span(c.span()));
    Ok(Parsed {
        network,
        controls,
        controls_at,
    })
}

/// A broken network block: its problems, and a network to check the lesson's other blocks
/// against, if its shape can be read ([`stand_in::network`]).
pub type Broken = (Vec<Diagnostic>, Option<Box<StandIn>>);

/// The network of a block, checked, with its kinks; and its `[controls]` table as written.
fn parse_network(
    source: &SourceFile,
    fence: &Fence,
) -> Result<(Network, Option<Spanned<ControlList>>), Broken> {
    let (raw, problems): (RawNetwork, _) =
        from_block(source, fence, "network block").map_err(|ds| (ds, None))?;
    let mut reader = Reader {
        source,
        fence,
        names: vec![("input".to_string(), 0..0)],
        names_hold: true,
        problems,
    };
    let input = reader.input(raw.input.get_ref(), raw.input.span());
    let Some((layers, previous)) = reader.layers(&raw.layer) else {
        // (Too many layers or nodes, or an empty layer: no shape to stand in.)
        return Err((reader.problems.into_vec(), None));
    };
    let output = reader.output(raw.output.get_ref(), previous);
    let (Some(input), Some(mut layers), Some(output), false) =
        (input, layers, output, reader.problems.any())
    else {
        let problems = &reader.problems;
        let wrong = |span| problems.stood_in_at(&source.locate(fence.source_span(span)));
        // (Not with a name that is unusable or given twice: the others would be checked
        // against a name the author did not mean.)
        let stand_in = (reader.names_hold)
            .then(|| stand_in::network(&raw, fence, wrong).map(Box::new))
            .flatten();
        // (The controls are checked against it too, each but for its name where the value it
        // is read against is not the author's.)
        if let (Some(s), Some(c)) = (&stand_in, &raw.controls) {
            let checked = controls::parse(source, fence, &s.network, Some(c), &s.unknown);
            reader.problems.keep_all(checked);
        }
        return Err((reader.problems.into_vec(), stand_in));
    };
    let output_label = output.nodes[0].label.clone();
    layers.push(output);
    let mut network = Network {
        input,
        layers,
        output_label,
        kinks: Vec::new(),
    };
    network.kinks = network.find_kinks();
    Ok((network, raw.controls))
}

/// Reads the parts of one network block, keeping the names given so far (every node, weight
/// and bias name is unique) and the problems found.
struct Reader<'a> {
    source: &'a SourceFile,
    fence: &'a Fence,
    /// Names and where they were given (`input` is reserved: an empty span).
    names: Vec<(String, Range<usize>)>,
    /// Whether every name so far is usable and given once.
    names_hold: bool,
    problems: Problems,
}

impl Reader<'_> {
    /// The input: its range, sample count, name and label, each checked on its own.
    /// (`table`: where the input's table is written.)
    fn input(&mut self, input: &RawInput, table: Range<usize>) -> Option<Input> {
        let range = self.input_range(input, &table);
        let range = self.problems.keep(range);
        let samples = self.samples(input, &table);
        let samples = self.problems.keep(samples);
        // The input's name heads the CSV files' first column, like node names theirs.
        let hint = "add it: `name = \"dosage\"` heads the input's column in the figures' data";
        let name = self.required(&input.name, ("name", &table), hint);
        let usable = name.and_then(|n| self.usable(n).map(|()| n));
        let name = self.problems.keep(usable);
        // (A name left out is no name the other blocks could be checked against wrongly.)
        self.names_hold &= name.is_some() || input.name.is_none();
        let label = self.label(&input.label, name.map_or("input", |n| n.get_ref()));
        let label = self.problems.keep(label);
        let ((from, to), samples, name, label) = (range?, samples?, name?, label?);
        Some(Input {
            label,
            name: name.get_ref().clone(),
            from: *from.get_ref(),
            to: *to.get_ref(),
            from_literal: self.fence.text[from.span()].trim().to_string(),
            to_literal: self.fence.text[to.span()].trim().to_string(),
            samples,
        })
    }

    /// A field of the input that it must have (`field`, of the table written at `table`), or
    /// the error of its absence, with `hint`.
    fn required<'r, T>(
        &self,
        written: &'r Option<Spanned<T>>,
        (field, table): (&str, &Range<usize>),
        hint: &str,
    ) -> Result<&'r Spanned<T>, Diagnostic> {
        written.as_ref().ok_or_else(|| {
            let missing = ("network block", field);
            missing_field(self.source, missing, self.fence.source_span(table.clone())).hint(hint)
        })
    }

    /// The input range: finite, not too large or narrow, not reversed.
    /// (The range is given back as written, each end with its span.)
    fn input_range<'r>(
        &self,
        input: &'r RawInput,
        table: &Range<usize>,
    ) -> Result<(&'r Spanned<f64>, &'r Spanned<f64>), Diagnostic> {
        let (source, fence) = (self.source, self.fence);
        let hint = "add the range the figures draw: `from = 0.0, to = 1.0`";
        let written_from = self.required(&input.from, ("from", table), hint)?;
        let written_to = self.required(&input.to, ("to", table), hint)?;
        let from = finite(source, fence, written_from, "`from`")?;
        let to = finite(source, fence, written_to, "`to`")?;
        let from_literal = fence.text[written_from.span()].trim();
        let to_literal = fence.text[written_to.span()].trim();
        let range_span = fence.source_span(written_from.span().start..written_to.span().end);
        if from.abs() > MAX_INPUT_MAGNITUDE || to.abs() > MAX_INPUT_MAGNITUDE {
            return Err(source
                .error(range_span, "the input range is too large to draw")
                .expected(format!(
                    "`from` and `to` between −{MAX_INPUT_MAGNITUDE:e} and {MAX_INPUT_MAGNITUDE:e}"
                ))
                .hint("rescale the input, e.g. thousands of units instead of units"));
        }
        if from < to && to - from < MIN_INPUT_SPAN {
            return Err(source
                .error(range_span, "the input range is too narrow to draw")
                .expected(format!(
                    "`to` at least {MIN_INPUT_SPAN:e} larger than `from`"
                ))
                .hint("rescale the input, e.g. micrograms instead of grams"));
        }
        if from >= to {
            return Err(source
                .error(
                    range_span,
                    format!(
                        "the input range {} to {} is {}",
                        typographic_minus(from_literal),
                        typographic_minus(to_literal),
                        if from == to { "empty" } else { "reversed" }
                    ),
                )
                .expected("`from` smaller than `to`")
                .hint(if from == to {
                    format!(
                        "make `to` larger than {from_literal}, like `to = {}`",
                        from + 1.0
                    )
                } else {
                    format!("swap them: `from = {to_literal}, to = {from_literal}`")
                }));
        }
        Ok((written_from, written_to))
    }

    /// The input's sample count (the input table spans `table`).
    fn samples(&self, input: &RawInput, table: &Range<usize>) -> Result<usize, Diagnostic> {
        let hint = "add it: `samples = 100` draws a smooth figure; kinks are added on top";
        let written = self.required(&input.samples, ("samples", table), hint)?;
        let samples = *written.get_ref();
        if !(2..=MAX_SAMPLES as i64).contains(&samples) {
            return Err(self
                .source
                .error(
                    self.fence.source_span(written.span()),
                    format!("a sample count of {samples} is out of range"),
                )
                .expected(format!("a number of samples from 2 to {MAX_SAMPLES}"))
                .hint("100 samples draw a smooth figure; kinks are added on top"));
        }
        Ok(samples as usize)
    }

    /// A node's or the input's label as readers see it (`default`, its name, when none is
    /// given): shown as written, so neither empty nor holding a placeholder.
    fn label(&self, label: &Option<Spanned<String>>, default: &str) -> Result<String, Diagnostic> {
        let Some(label) = label else {
            return Ok(default.to_string());
        };
        let text = label.get_ref();
        let problem = if text.trim().is_empty() {
            "the label is empty"
        } else if text.contains("{{") {
            "a placeholder in a label is not filled"
        } else {
            return Ok(text.clone());
        };
        Err(self
            .source
            .error(self.fence.source_span(label.span()), problem)
            .expected("the text readers see for this name, like `label = \"Top node\"`")
            .hint("labels are shown as written; leave `label` out to show the name"))
    }

    /// A name that can stand in a signal name and a CSV header: letters, digits, `_` and `-`,
    /// not starting with a digit.
    fn usable(&self, name: &Spanned<String>) -> Result<(), Diagnostic> {
        let n = name.get_ref();
        let ok = !n.is_empty()
            && n.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            && n.chars().next().is_some_and(|c| !c.is_ascii_digit());
        if ok {
            return Ok(());
        }
        Err(self
            .source
            .error(
                self.fence.source_span(name.span()),
                format!("`{n}` is not a usable name"),
            )
            .expected("a name of letters, digits, '_' or '-', not starting with a digit")
            .hint("signals are named `<node>.activation`, so names cannot contain dots"))
    }

    /// A node, weight or bias name: usable in a signal name, and not given before. A problem
    /// is noted; whether there was one is returned.
    fn name(&mut self, name: &Spanned<String>) -> Option<()> {
        let usable = self.usable(name);
        self.names_hold &= usable.is_ok();
        self.problems.keep(usable)?;
        let (source, n) = (self.source, name.get_ref());
        let span = self.fence.source_span(name.span());
        if let Some((_, first)) = self.names.iter().find(|(k, _)| k == n) {
            // (The input's own name, `input`, is held from the start, with no place.)
            let d = match first.is_empty() {
                true => (source.error(span, format!("the name `{n}` is reserved")))
                    .expected("a name other than `input` for every node, weight and bias")
                    .hint("`input` names the input signal (`input` in figures and tables): name it otherwise"),
                false => (source.error(span, format!("the name `{n}` is used twice")))
                    .expected("a unique name for every node, weight and bias")
                    .hint(format!(
                        "it was first used at line {}",
                        source.locate(first.clone()).line
                    )),
            };
            self.names_hold = false;
            self.problems.note(d);
            return None;
        }
        self.names.push((n.clone(), span));
        Some(())
    }

    /// The hidden layers (`None` if one has a problem), and the number of nodes the last one
    /// has, which the output is read against (1, the input, without any). Too many layers or
    /// nodes, or a layer without nodes, stops the reading there (`None`): the layers after it
    /// are read against its count.
    fn layers(&mut self, raw: &[Spanned<Table<RawLayer>>]) -> Option<(Option<Vec<Layer>>, usize)> {
        let (source, fence) = (self.source, self.fence);
        let too_many = at_most(
            source,
            raw.len(),
            MAX_LAYERS,
            || fence.source_span(raw[MAX_LAYERS].span()),
            ("hidden layers", "hidden layers"),
        );
        self.problems.keep(too_many)?;
        let mut layers = Some(Vec::with_capacity(raw.len()));
        let (mut previous, mut parameters) = (1, 0);
        for raw_layer in raw {
            let rl = raw_layer.get_ref();
            let count = rl.nodes.get_ref().len();
            let nodes = at_most(
                source,
                count,
                MAX_NODES,
                || fence.source_span(rl.nodes.span()),
                ("nodes in one layer", "nodes per layer"),
            );
            self.problems.keep(nodes)?;
            if count == 0 {
                self.problems.note(source
                    .error(fence.source_span(rl.nodes.span()), "a layer without nodes")
                    .expected("at least one node, like `{ name = \"top\", weights = { w1 = 1.70 }, bias = { b1 = -0.85 } }`")
                    .hint("remove the empty `[[layer]]`: the output follows the last layer with nodes"));
                return None;
            }
            parameters += count * (previous + 1);
            if parameters > MAX_PARAMETERS {
                self.problems.note(
                    source
                        .error(
                            fence.source_span(raw_layer.span()),
                            format!(
                                "the network has more than {MAX_PARAMETERS} weights and biases"
                            ),
                        )
                        .expected(format!(
                            "at most {MAX_PARAMETERS} weights and biases in all"
                        ))
                        .hint("nnbook draws small networks for teaching; use fewer nodes"),
                );
                return None;
            }
            let layer = self.layer(rl, previous);
            layers = layers.zip(layer).map(|(mut all, layer)| {
                all.push(layer);
                all
            });
            previous = count;
        }
        Some((layers, previous))
    }

    /// A hidden layer whose nodes each take `previous` weights.
    fn layer(&mut self, rl: &RawLayer, previous: usize) -> Option<Layer> {
        let activation = parse_activation(self.source, self.fence, &rl.activation);
        let activation = self.problems.keep(activation);
        let mut nodes = Some(Vec::with_capacity(rl.nodes.get_ref().len()));
        for raw_node in rl.nodes.get_ref() {
            let rn = raw_node.get_ref();
            let node_name = rn.name.get_ref();
            let named = self.name(&rn.name);
            let node = self.node(
                (node_name, &rn.label),
                (&rn.weights, &rn.bias),
                previous,
                (
                    &format!("node `{node_name}`'s weights"),
                    &format!("node `{node_name}`'s bias"),
                ),
            );
            nodes = match (nodes, named, node) {
                (Some(mut all), Some(()), Some(node)) => {
                    all.push(node);
                    Some(all)
                }
                _ => None,
            };
        }
        Some(Layer {
            activation: activation?,
            nodes: nodes?,
        })
    }

    /// A node: its label, its `previous` weights and its bias, and their names; `what` names
    /// the weights and the bias in messages.
    fn node(
        &mut self,
        (name, label): (&str, &Option<Spanned<String>>),
        (weights, bias): (&Spanned<ParamList>, &Spanned<ParamList>),
        previous: usize,
        (what_weights, what_bias): (&str, &str),
    ) -> Option<Node> {
        let (source, fence) = (self.source, self.fence);
        let label = self.label(label, name);
        let label = self.problems.keep(label);
        let parsed_weights =
            self.problems
                .keep_all(parse_params(source, fence, weights, previous, what_weights));
        let parsed_bias = self
            .problems
            .keep_all(parse_params(source, fence, bias, 1, what_bias));
        let mut named = Some(());
        for (param, _) in weights.get_ref().0.iter().chain(&bias.get_ref().0) {
            named = named.and(self.name(param));
        }
        named?;
        Some(Node {
            name: name.to_string(),
            label: label?,
            weights: parsed_weights?,
            bias: parsed_bias?.into_iter().next().expect("one bias"),
        })
    }

    /// The output layer: one node, `output` unless named, identity unless an activation is set.
    fn output(&mut self, ro: &RawOutput, previous: usize) -> Option<Layer> {
        let activation = match &ro.activation {
            Some(a) => {
                let a = parse_activation(self.source, self.fence, a);
                self.problems.keep(a)
            }
            None => Some(Activation::Identity),
        };
        let named = ro.name.as_ref().map_or(Some(()), |n| self.name(n));
        let name = ro.name.as_ref().map_or("output", |n| n.get_ref().as_str());
        let node = self.node(
            (name, &ro.label),
            (&ro.weights, &ro.bias),
            previous,
            ("the output's weights", "the output's bias"),
        );
        named?;
        Some(Layer {
            activation: activation?,
            nodes: vec![node?],
        })
    }
}
