//! The ```figure and ```diagram blocks: what to draw, with ids, captions and colours checked.

use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Diagnostic, SourceFile};
use crate::markdown::Fence;
use crate::network::{Network, Quantity, Signal};
use crate::text::{did_you_mean, shortest};

use super::caption::caption;
use super::limits::{at_most, check_id, claim_id, outside_input_range, MAX_POINTS, MAX_SERIES};
use super::problems::Problems;
use super::signal::resolve_signal;
use super::toml::{from_block, missing_field, Point, Table, TableKind};

/// What a diagram block asks for: the network drawn, with some nodes and weights highlighted.
#[derive(Debug, Clone)]
pub struct DiagramSpec {
    pub id: String,
    pub title: String,
    pub caption: String,
    pub caption_span: Range<usize>,
    /// Names of nodes, weights and biases to emphasise.
    pub highlight: Vec<String>,
}

/// A colour, as `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// WCAG 2's contrast ratio of two colours (1 to 21).
    pub fn contrast(self, other: Rgb) -> f64 {
        let (x, y) = (self.luminance(), other.luminance());
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    /// WCAG 2's relative luminance.
    fn luminance(self) -> f64 {
        let channel = |v: u8| {
            let s = f64::from(v) / 255.0;
            if s <= 0.04045 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// The article's (matplotlib's) palette, by name.
    pub const NAMED: [(&'static str, Rgb); 11] = [
        ("blue", Rgb(0x1f, 0x77, 0xb4)),
        ("orange", Rgb(0xff, 0x7f, 0x0e)),
        ("green", Rgb(0x2c, 0xa0, 0x2c)),
        ("red", Rgb(0xd6, 0x27, 0x28)),
        ("purple", Rgb(0x94, 0x67, 0xbd)),
        ("brown", Rgb(0x8c, 0x56, 0x4b)),
        ("gray", Rgb(0x7f, 0x7f, 0x7f)),
        ("black", Rgb(0x00, 0x00, 0x00)),
        ("pink", Rgb(0xe3, 0x77, 0xc2)),
        ("olive", Rgb(0xbc, 0xbd, 0x22)),
        ("cyan", Rgb(0x17, 0xbe, 0xcf)),
    ];

    /// The colours series take by default when their own is taken in the figure, in order: the
    /// named palette but green (the output's), then green, then matplotlib's light tones (16 in
    /// all, as many as a figure's series).
    pub const DEFAULTS: [Rgb; 16] = [
        Rgb(0x1f, 0x77, 0xb4),
        Rgb(0xff, 0x7f, 0x0e),
        Rgb(0xd6, 0x27, 0x28),
        Rgb(0x94, 0x67, 0xbd),
        Rgb(0x8c, 0x56, 0x4b),
        Rgb(0x7f, 0x7f, 0x7f),
        Rgb(0x00, 0x00, 0x00),
        Rgb(0xe3, 0x77, 0xc2),
        Rgb(0xbc, 0xbd, 0x22),
        Rgb(0x17, 0xbe, 0xcf),
        Rgb(0x2c, 0xa0, 0x2c),
        Rgb(0xae, 0xc7, 0xe8),
        Rgb(0xff, 0xbb, 0x78),
        Rgb(0x98, 0xdf, 0x8a),
        Rgb(0xff, 0x98, 0x96),
        Rgb(0xc5, 0xb0, 0xd5),
    ];

    pub fn parse(s: &str) -> Option<Rgb> {
        if let Some((_, c)) = Rgb::NAMED.iter().find(|(n, _)| *n == s) {
            return Some(*c);
        }
        let hex = s.strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    /// The default colour of a signal: its node's (see [`Rgb::default_at`]).
    pub fn default_for(network: &Network, signal: &Signal) -> Rgb {
        Rgb::default_at(network, signal.layer, signal.node)
    }

    /// The default colour of node `node` of layer `layer`: hidden node k of its layer takes the
    /// k-th colour of the palette other than green (blue, orange, red, ...); the output is green.
    pub fn default_at(network: &Network, layer: usize, node: usize) -> Rgb {
        if layer + 1 == network.layers.len() {
            return Rgb::NAMED[2].1;
        }
        let path = [0, 1, 3, 4, 5, 6, 7];
        Rgb::NAMED[path[node % path.len()]].1
    }

    /// The colour of each node's path, per layer and node, as the lesson's figures give it: the
    /// colour given to the first series (in lesson order) showing one of the node's signals, or
    /// else the node's default colour, the one its series take when nothing else is drawn with
    /// them. Diagrams highlight a node's path in it.
    pub fn paths<'a>(
        network: &Network,
        figures: impl Iterator<Item = &'a FigureSpec>,
    ) -> Vec<Vec<Rgb>> {
        let mut colours: Vec<Vec<Option<Rgb>>> = network
            .layers
            .iter()
            .map(|l| vec![None; l.nodes.len()])
            .collect();
        for s in figures.flat_map(|f| &f.series).filter(|s| s.given) {
            if s.signal.quantity == Quantity::Input {
                continue;
            }
            let slot = colours
                .get_mut(s.signal.layer)
                .and_then(|l| l.get_mut(s.signal.node));
            if let Some(slot @ None) = slot {
                *slot = Some(s.color);
            }
        }
        colours
            .iter()
            .enumerate()
            .map(|(l, nodes)| {
                let own = |(k, c): (usize, &Option<Rgb>)| {
                    c.unwrap_or_else(|| Rgb::default_at(network, l, k))
                };
                nodes.iter().enumerate().map(own).collect()
            })
            .collect()
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// One plotted line.
#[derive(Debug, Clone)]
pub struct SeriesSpec {
    pub signal: Signal,
    pub label: Option<String>,
    pub color: Rgb,
    /// Whether the lesson gave the colour (otherwise it is a default).
    pub given: bool,
}

/// What a figure block asks for.
#[derive(Debug, Clone)]
pub struct FigureSpec {
    /// Where the block starts (its opening line), for problems found while drawing.
    pub span: Range<usize>,
    pub id: String,
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub caption: String,
    /// Where the caption is in the lesson source (for placeholder errors).
    pub caption_span: Range<usize>,
    pub series: Vec<SeriesSpec>,
    pub points: Vec<(f64, f64)>,
    pub points_label: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFigure {
    id: Option<Spanned<String>>,
    title: Option<Spanned<String>>,
    x_label: Option<Spanned<String>>,
    y_label: Option<Spanned<String>>,
    caption: Option<Spanned<String>>,
    /// (Required: optional to serde, so that a figure without it has its other fields checked.)
    series: Option<Spanned<Vec<Spanned<Table<RawSeries>>>>>,
    #[serde(default)]
    points: Vec<Spanned<Point>>,
    points_label: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSeries {
    signal: Spanned<String>,
    label: Option<Spanned<String>>,
    color: Option<Spanned<String>>,
}

impl TableKind for RawSeries {
    const EXPECTED: &'static str =
        "a series as a table, like `{ signal = \"top.activation\", label = \"Top\" }`";
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDiagram {
    id: Option<Spanned<String>>,
    title: Option<Spanned<String>>,
    caption: Option<Spanned<String>>,
    #[serde(default)]
    highlight: Vec<Spanned<String>>,
}

/// A figure block: its id claimed among the lesson's figure ids (a duplicate id is reported
/// with the block's other problem, if any). A warning goes to `warnings` (a `points_label`
/// without `points`).
pub fn parse_figure(
    source: &SourceFile,
    fence: &Fence,
    net: &Network,
    ids: &mut Ids,
    warnings: &mut Vec<Diagnostic>,
) -> Result<FigureSpec, Vec<Diagnostic>> {
    let (raw, problems): (RawFigure, _) = from_block(source, fence, "figure block")?;
    // (Not when the points were stood in for wrong ones: then they are the problem.)
    let none = raw.points.is_empty() && !problems.stood_in();
    if let (Some(label), true) = (&raw.points_label, none) {
        warnings.push(
            source
                .error(fence.source_span(label.span()), "`points_label` names data points this figure does not have")
                .warning()
                .expected("`points = [[x, y], ...]` beside it")
                .hint("add the points the label names, or delete `points_label` (a legend lists the points only when there are some)"),
        );
    }
    let id = raw.id.clone();
    with_id(source, fence, ids, (id.as_ref(), problems), |id| {
        figure_spec(source, fence, net, raw, id)
    })
}

/// The figure ids of a lesson so far, with where each was given.
pub type Ids = Vec<(String, Range<usize>)>;

/// A figure's or diagram's id (given, or `figure-N`) claimed among the lesson's ids, then the
/// rest of the block made by `rest`: a duplicate id is reported with the rest's problems, if
/// any, and with those already in `problems` (the block's unknown fields).
pub(super) fn with_id<T>(
    source: &SourceFile,
    fence: &Fence,
    ids: &mut Ids,
    (id, mut problems): (Option<&Spanned<String>>, Problems),
    rest: impl FnOnce(String) -> Result<T, Vec<Diagnostic>>,
) -> Result<T, Vec<Diagnostic>> {
    // (A bad id is noted, and the rest checked under the id the block would have by default.)
    let claimed = match problems.keep(figure_id(source, fence, id, ids.len() + 1)) {
        Some((id, span)) => problems.keep(claim_id(source, ids, &id, span)).map(|()| id),
        None => None,
    };
    let id = claimed
        .clone()
        .unwrap_or_else(|| format!("figure-{}", ids.len() + 1));
    let spec = problems.keep_all(rest(id));
    let (Some(_), Some(spec)) = (claimed, spec) else {
        return problems.failed();
    };
    // (An unknown field read as the field it likely means fails the block too.)
    problems.finish()?;
    Ok(spec)
}

/// The rest of a figure block, once its id is known. Every field is checked on its own.
fn figure_spec(
    source: &SourceFile,
    fence: &Fence,
    net: &Network,
    raw: RawFigure,
    id: String,
) -> Result<FigureSpec, Vec<Diagnostic>> {
    let mut problems = Problems::default();
    let (caption, caption_span) = caption(fence, raw.caption);
    let (mut series, explicit) = series_of(source, fence, net, &raw.series, &mut problems);
    let points = points_of(source, fence, net, &raw.points, &mut problems);
    // (A text that fails its check is noted; one that passes is there or was not given.)
    let [title, x_label, y_label, points_label] =
        [raw.title, raw.x_label, raw.y_label, raw.points_label]
            .map(|text| problems.keep(plain(source, fence, text)).flatten());
    problems.finish()?;
    distinct_defaults(net, &mut series, &explicit);
    let y_label = y_label.unwrap_or_else(|| {
        let last = net.layers.len() - 1;
        if series
            .iter()
            .all(|s| s.signal.layer == last && s.signal.quantity != Quantity::Input)
        {
            net.output_label.clone()
        } else {
            String::new()
        }
    });
    Ok(FigureSpec {
        span: fence.opening(),
        id,
        title: title.unwrap_or_default(),
        x_label: x_label.unwrap_or_else(|| net.input.label.clone()),
        y_label,
        caption,
        caption_span,
        series,
        points,
        points_label,
    })
}

/// A figure's series, each checked (at most [`MAX_SERIES`] of them), and whether each was given
/// its colour; their problems go to `problems`.
fn series_of(
    source: &SourceFile,
    fence: &Fence,
    net: &Network,
    raw: &Option<Spanned<Vec<Spanned<Table<RawSeries>>>>>,
    problems: &mut Problems,
) -> (Vec<SeriesSpec>, Vec<bool>) {
    let Some(raw) = raw else {
        let missing = missing_field(source, ("figure block", "series"), fence.source_span(0..0));
        problems.note(missing.hint(
            "add what it draws: `series = [{ signal = \"top.activation\" }]`, a line per signal",
        ));
        return (Vec::new(), Vec::new());
    };
    if raw.get_ref().is_empty() {
        problems.note(
            source
                .error(fence.source_span(raw.span()), "a figure without series")
                .expected("at least one series, like `{ signal = \"top.activation\" }`")
                .hint("a series is a signal drawn over the input range; `points` alone are drawn with one"),
        );
    }
    problems.keep(
        at_most(
            source,
            raw.get_ref().len(),
            MAX_SERIES,
            || fence.source_span(raw.span()),
            ("series in one figure", "series per figure"),
        )
        .map_err(|d| d.hint("split the figure in two")),
    );
    raw.get_ref()
        .iter()
        .take(MAX_SERIES)
        .filter_map(|rs| problems.keep_all(parse_series(source, fence, net, rs.get_ref())))
        .unzip()
}

/// A figure's data points (at most [`MAX_POINTS`]), each finite; their problems go to
/// `problems`.
fn points_of(
    source: &SourceFile,
    fence: &Fence,
    net: &Network,
    raw: &[Spanned<Point>],
    problems: &mut Problems,
) -> Vec<(f64, f64)> {
    problems.keep(at_most(
        source,
        raw.len(),
        MAX_POINTS,
        || fence.source_span(raw[MAX_POINTS].span()),
        ("data points", "data points per figure"),
    ));
    let mut points = Vec::new();
    for p in raw.iter().take(MAX_POINTS) {
        let Point([x, y]) = *p.get_ref();
        if !(x.is_finite() && y.is_finite()) {
            problems.note(
                source
                    .error(fence.source_span(p.span()), "a data point is not finite")
                    .expected("two finite numbers, like [0.5, 1.0]")
                    .hint("each point is [input, value], drawn as a ring on the chart"),
            );
        } else if !net.input.contains(x) {
            // (The chart shows the input range only: such a point was not drawn, yet it
            // stretched the value axis to hold it.)
            problems.note(outside_input_range(
                source,
                fence.source_span(p.span()),
                net,
                format!("the data point's input {}", shortest(x)),
                "a figure shows the network over its input range only: widen the range or remove the point",
            ));
        } else {
            points.push((x, y));
        }
    }
    points
}

/// One series of a figure: its signal and its colour (by default, the signal's own), and
/// whether the colour was given. The signal, the colour and the label are checked each on its
/// own.
fn parse_series(
    source: &SourceFile,
    fence: &Fence,
    net: &Network,
    rs: &RawSeries,
) -> Result<(SeriesSpec, bool), Vec<Diagnostic>> {
    let mut problems = Problems::default();
    let signal = problems.keep(resolve_signal(source, fence, net, &rs.signal));
    let given = problems.keep(
        rs.color
            .as_ref()
            .map(|c| parse_colour(source, fence, c))
            .transpose(),
    );
    let label = problems.keep(plain(source, fence, rs.label.clone()));
    let (Some(signal), Some(given), Some(label)) = (signal, given, label) else {
        return problems.failed();
    };
    let spec = SeriesSpec {
        color: given.unwrap_or_else(|| Rgb::default_for(net, &signal)),
        signal,
        label,
        given: rs.color.is_some(),
    };
    Ok((spec, rs.color.is_some()))
}

/// Default colours are distinct within a figure: a series whose default colour is taken (by a
/// colour given or an earlier default) takes the first of [`Rgb::DEFAULTS`] still free.
fn distinct_defaults(net: &Network, series: &mut [SeriesSpec], explicit: &[bool]) {
    let mut used: Vec<Rgb> = series
        .iter()
        .zip(explicit)
        .filter(|(_, given)| **given)
        .map(|(s, _)| s.color)
        .collect();
    for (s, _) in series
        .iter_mut()
        .zip(explicit)
        .filter(|(_, given)| !**given)
    {
        let own = Rgb::default_for(net, &s.signal);
        s.color = if used.contains(&own) {
            Rgb::DEFAULTS
                .into_iter()
                .find(|c| !used.contains(c))
                .unwrap_or(own)
        } else {
            own
        };
        used.push(s.color);
    }
}

/// A text drawn inside a figure (its title, axis labels, legend): shown as written, so a
/// placeholder there is an error (the caption fills them).
pub(super) fn plain(
    source: &SourceFile,
    fence: &Fence,
    text: Option<Spanned<String>>,
) -> Result<Option<String>, Diagnostic> {
    match text {
        Some(t) if t.get_ref().contains("{{") => Err(source
            .error(
                fence.source_span(t.span()),
                "a placeholder in a figure's title or labels is not filled",
            )
            .expected("plain text in `title`, `x_label`, `y_label`, `label` and `points_label`")
            .hint("put computed values in the `caption`, which fills `{{ ... }}` placeholders")),
        t => Ok(t.map(Spanned::into_inner)),
    }
}

/// A colour by name or as `#rrggbb`.
fn parse_colour(
    source: &SourceFile,
    fence: &Fence,
    c: &Spanned<String>,
) -> Result<Rgb, Diagnostic> {
    Rgb::parse(c.get_ref()).ok_or_else(|| {
        let names: Vec<&str> = Rgb::NAMED.iter().map(|(n, _)| *n).collect();
        source
            .error(
                fence.source_span(c.span()),
                format!("unknown colour `{}`", c.get_ref()),
            )
            .expected(format!("one of {} or \"#rrggbb\"", names.join(", ")))
            .hint(
                did_you_mean(c.get_ref(), names.iter().copied())
                    .unwrap_or_else(|| "a hex colour is six digits, like \"#1f77b4\"".to_string()),
            )
    })
}

/// A figure or diagram id: checked like a slug, or `figure-N` by default.
fn figure_id(
    source: &SourceFile,
    fence: &Fence,
    id: Option<&Spanned<String>>,
    n: usize,
) -> Result<(String, Range<usize>), Diagnostic> {
    match id {
        Some(id) => {
            let span = fence.source_span(id.span());
            check_id(id.get_ref()).map_err(|m| {
                source
                    .error(span.clone(), format!("bad figure id: {m}"))
                    .hint("an id is lowercase letters, digits, '-' and '_', like `step-1`")
            })?;
            Ok((id.get_ref().clone(), span))
        }
        None => Ok((format!("figure-{n}"), fence.opening())),
    }
}

/// A diagram block: its id claimed among the lesson's figure ids, like a figure's.
pub fn parse_diagram(
    source: &SourceFile,
    fence: &Fence,
    net: &Network,
    ids: &mut Ids,
) -> Result<DiagramSpec, Vec<Diagnostic>> {
    let (raw, problems): (RawDiagram, _) = from_block(source, fence, "diagram block")?;
    let id = raw.id.clone();
    with_id(source, fence, ids, (id.as_ref(), problems), |id| {
        diagram_spec(source, fence, net, raw, id)
    })
}

/// The rest of a diagram block, once its id is known: every name it highlights and its title,
/// each checked on its own.
fn diagram_spec(
    source: &SourceFile,
    fence: &Fence,
    net: &Network,
    raw: RawDiagram,
    id: String,
) -> Result<DiagramSpec, Vec<Diagnostic>> {
    let mut problems = Problems::default();
    let (caption, caption_span) = caption(fence, raw.caption);
    let mut known: Vec<&str> = net.nodes().map(|n| n.name.as_str()).collect();
    known.extend(net.params().map(|p| p.name.as_str()));
    for h in &raw.highlight {
        if !known.contains(&h.get_ref().as_str()) {
            let d = source
                .error(
                    fence.source_span(h.span()),
                    format!(
                        "`{}` is not a node, weight or bias of the network",
                        h.get_ref()
                    ),
                )
                .expected(format!("one of {}", known.join(", ")));
            problems.note(match did_you_mean(h.get_ref(), known.iter().copied()) {
                Some(hint) => d.hint(hint),
                None => d.hint(
                    "a diagram highlights the network's own names: its nodes, weights and biases",
                ),
            });
        }
    }
    let title = problems.keep(plain(source, fence, raw.title)).flatten();
    problems.finish()?;
    Ok(DiagramSpec {
        id,
        title: title.unwrap_or_default(),
        caption,
        caption_span,
        highlight: raw.highlight.into_iter().map(Spanned::into_inner).collect(),
    })
}
