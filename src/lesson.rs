//! A lesson: TOML front matter and the fenced blocks (`network`, `figure`, `table`,
//! `parameters`) of a Markdown file, parsed and validated against the lesson's network.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

use crate::error::{closest, Diagnostic, SourceFile};
use crate::network::{typographic_minus, Activation, Input, Layer, Network, Node, Param, Signal};

/// Bounds on what a lesson may ask for.
pub const MAX_SAMPLES: usize = 100_000;
pub const MAX_PRECISION: usize = 12;
pub const DEFAULT_PRECISION: usize = 2;
pub const MAX_SLUG: usize = 100;
pub const MAX_LAYERS: usize = 32;
/// The input range must lie within ±this and be at least `MIN_INPUT_SPAN` wide, so that the
/// figures' axes can be drawn.
pub const MAX_INPUT_MAGNITUDE: f64 = 1e9;
pub const MIN_INPUT_SPAN: f64 = 1e-9;
pub const MAX_PARAMETERS: usize = 10_000;
pub const MAX_NODES: usize = 256;
pub const MAX_SERIES: usize = 16;
pub const MAX_POINTS: usize = 10_000;
/// The values all figures of a lesson may draw: (samples + kinks) × series, summed.
pub const MAX_LESSON_VALUES: usize = 2_000_000;
pub const MAX_TABLE_ROWS: usize = 1_000;
pub const MAX_TABLE_SIGNALS: usize = 16;

/// The block kinds nnbook evaluates; every other fenced block is code.
pub const BLOCK_KINDS: [&str; 5] = ["network", "figure", "table", "parameters", "diagram"];

/// A parsed and validated lesson.
#[derive(Debug, Clone)]
pub struct Lesson {
    pub source: SourceFile,
    pub slug: String,
    /// The language named by the file name (`relu.zh-CN.md`), if any.
    pub lang: Option<String>,
    /// Where the front matter sets the slug, if it does.
    pub slug_span: Option<Range<usize>>,
    pub title: String,
    pub summary: String,
    pub order: i64,
    pub precision: usize,
    /// Byte offset of the Markdown body (after the front matter) in the source.
    pub body_start: usize,
    pub network: Option<Network>,
    /// The nnbook blocks, in document order.
    pub blocks: Vec<Block>,
    /// Every fenced code block of the body, nnbook blocks included, in document order.
    pub fences: Vec<Fence>,
}

impl Lesson {
    pub fn body(&self) -> &str {
        &self.source.text[self.body_start..]
    }
}

/// One nnbook block of a lesson.
#[derive(Debug, Clone)]
pub enum Block {
    /// The network block: renders nothing (the `parameters` block shows its values).
    Network,
    Figure(FigureSpec),
    Table(TableSpec),
    Parameters,
    Diagram(DiagramSpec),
}

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
    /// The article's (matplotlib's) palette, by name.
    pub const NAMED: [(&'static str, Rgb); 8] = [
        ("blue", Rgb(0x1f, 0x77, 0xb4)),
        ("orange", Rgb(0xff, 0x7f, 0x0e)),
        ("green", Rgb(0x2c, 0xa0, 0x2c)),
        ("red", Rgb(0xd6, 0x27, 0x28)),
        ("purple", Rgb(0x94, 0x67, 0xbd)),
        ("brown", Rgb(0x8c, 0x56, 0x4b)),
        ("gray", Rgb(0x7f, 0x7f, 0x7f)),
        ("black", Rgb(0x00, 0x00, 0x00)),
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

    /// The default colour of a signal: hidden node k of its layer takes the k-th colour of the
    /// palette other than green (blue, orange, red, ...); the output is green.
    pub fn default_for(network: &Network, signal: &Signal) -> Rgb {
        if signal.layer + 1 == network.layers.len() {
            return Rgb::NAMED[2].1;
        }
        let path = [0, 1, 3, 4, 5, 6, 7];
        Rgb::NAMED[path[signal.node % path.len()]].1
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

/// What a table block asks for.
#[derive(Debug, Clone)]
pub struct TableSpec {
    pub signals: Vec<Signal>,
    pub at: Vec<f64>,
    pub arithmetic: bool,
    pub headers: Option<Vec<String>>,
    pub precision: usize,
    pub input_precision: usize,
}

/// A fenced code block found in the Markdown body.
#[derive(Debug, Clone)]
pub struct Fence {
    /// The info string's first word (`network`, `python`, ...).
    pub kind: String,
    /// The whole info string (`figure source`, `python verbatim`, ...).
    pub info: String,
    /// The block's body text.
    pub text: String,
    /// Byte range of the whole block in the source.
    pub span: Range<usize>,
    /// For each piece of `text`: (offset in `text`, offset in the source).
    pieces: Vec<(usize, usize)>,
}

impl Fence {
    /// The source byte offset of a byte offset in the block's text.
    pub fn source_offset(&self, offset: usize) -> usize {
        match self.pieces.iter().rev().find(|(t, _)| *t <= offset) {
            Some((t, s)) => s + (offset - t),
            None => self.span.start,
        }
    }

    pub fn source_span(&self, span: Range<usize>) -> Range<usize> {
        self.source_offset(span.start)..self.source_offset(span.end)
    }

    pub fn is_nnbook(&self) -> bool {
        BLOCK_KINDS.contains(&self.kind.as_str())
    }
}

/// Every fenced code block of a Markdown body starting at byte `offset` of the source.
pub fn fences(body: &str, offset: usize) -> Vec<Fence> {
    let mut out = Vec::new();
    let mut current: Option<Fence> = None;
    for (event, range) in Parser::new_ext(body, crate::page::markdown_options()).into_offset_iter()
    {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                current = Some(Fence {
                    kind: info.split_whitespace().next().unwrap_or("").to_string(),
                    info: info.to_string(),
                    text: String::new(),
                    span: range.start + offset..range.end + offset,
                    pieces: Vec::new(),
                });
            }
            Event::Text(text) => {
                if let Some(f) = current.as_mut() {
                    f.pieces.push((f.text.len(), range.start + offset));
                    f.text.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(mut f) = current.take() {
                    if f.pieces.is_empty() {
                        // An empty block: point at the line after the opening fence.
                        let start = body[f.span.start - offset..]
                            .find('\n')
                            .map_or(f.span.start, |i| f.span.start + i + 1);
                        f.pieces.push((0, start));
                    }
                    out.push(f);
                }
            }
            _ => {}
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Raw TOML shapes, as the author writes them.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFront {
    title: Spanned<String>,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    order: i64,
    precision: Option<Spanned<i64>>,
    slug: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNetwork {
    input: Spanned<RawInput>,
    #[serde(default)]
    layer: Vec<Spanned<RawLayer>>,
    output: Spanned<RawOutput>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInput {
    name: Spanned<String>,
    label: Option<String>,
    from: Spanned<f64>,
    to: Spanned<f64>,
    samples: Spanned<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLayer {
    activation: Spanned<String>,
    nodes: Spanned<Vec<Spanned<RawNode>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNode {
    name: Spanned<String>,
    weights: Spanned<ParamList>,
    bias: Spanned<ParamList>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutput {
    name: Option<Spanned<String>>,
    label: Option<String>,
    activation: Option<Spanned<String>>,
    weights: Spanned<ParamList>,
    bias: Spanned<ParamList>,
}

/// `{ w1 = 1.70, w2 = 12.6 }`, in the order written.
struct ParamList(Vec<(Spanned<String>, Spanned<f64>)>);

impl<'de> Deserialize<'de> for ParamList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V(PhantomData<ParamList>);
        impl<'de> Visitor<'de> for V {
            type Value = ParamList;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of named numbers, like { w1 = 1.70 }")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ParamList, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    out.push(entry);
                }
                Ok(ParamList(out))
            }
        }
        d.deserialize_map(V(PhantomData))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigure {
    id: Option<Spanned<String>>,
    #[serde(default)]
    title: String,
    x_label: Option<String>,
    y_label: Option<String>,
    caption: Option<Spanned<String>>,
    series: Spanned<Vec<Spanned<RawSeries>>>,
    #[serde(default)]
    points: Vec<Spanned<[f64; 2]>>,
    points_label: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSeries {
    signal: Spanned<String>,
    label: Option<String>,
    color: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    signals: Spanned<Vec<Spanned<String>>>,
    at: Spanned<RawAt>,
    #[serde(default)]
    arithmetic: bool,
    headers: Option<Spanned<Vec<String>>>,
    precision: Option<Spanned<i64>>,
    input_precision: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawAt {
    Inputs(Vec<f64>),
    Named(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDiagram {
    id: Option<Spanned<String>>,
    #[serde(default)]
    title: String,
    caption: Option<Spanned<String>>,
    #[serde(default)]
    highlight: Vec<Spanned<String>>,
}

/// The parameters block takes no fields (yet): its body must be empty.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParameters {}

// ---------------------------------------------------------------------------------------------

/// Parse and validate a lesson file. `file_stem` gives the default slug. Every problem found is
/// reported: a broken front matter stops the parse, a broken block does not stop the others
/// (blocks that need a broken network are skipped).
pub fn parse(source: SourceFile, file_stem: &str) -> Result<Lesson, Vec<Diagnostic>> {
    // `relu.zh-CN` is the lesson `relu` in Chinese.
    let (file_stem, lang) = match file_stem.rsplit_once('.') {
        Some((stem, tag)) if crate::i18n::is_language_tag(tag) => (stem, Some(tag.to_string())),
        _ => (file_stem, None),
    };
    let front = parse_front(&source, file_stem).map_err(|d| vec![d])?;
    let body_start = front.body_start;
    let fences = fences(&source.text[body_start..], body_start);
    let mut problems = Vec::new();

    let mut network = None;
    let mut network_fence: Option<&Fence> = None;
    for fence in fences.iter().filter(|f| f.kind == "network") {
        if let Some(first) = network_fence {
            let line = source.locate(first.span.clone()).line;
            problems.push(
                source
                    .error(fence_opening(fence), "a second network block")
                    .expected("one network block per lesson")
                    .hint(format!("the first network block is at line {line}")),
            );
            continue;
        }
        network_fence = Some(fence);
        match parse_network(&source, fence) {
            Ok(n) => network = Some(n),
            Err(d) => problems.push(d),
        }
    }

    let mut blocks = Vec::new();
    let mut figure_ids: Vec<(String, Range<usize>)> = Vec::new();
    for fence in fences.iter().filter(|f| f.is_nnbook()) {
        let block = match fence.kind.as_str() {
            "network" => Ok(Block::Network),
            kind => {
                match network.as_ref() {
                    // The network's own error is already reported.
                    None if network_fence.is_some() => continue,
                    None => Err(source
                        .error(
                            fence_opening(fence),
                            format!("a {kind} block needs the lesson's network"),
                        )
                        .expected("a ```network block in the same lesson")
                        .hint("add a network block (see the README's lesson format)")),
                    Some(net) => match kind {
                        "figure" => parse_figure(&source, fence, net, figure_ids.len() + 1)
                            .and_then(|(spec, span)| {
                                claim_id(&source, &mut figure_ids, &spec.id, span)?;
                                Ok(Block::Figure(spec))
                            }),
                        "diagram" => parse_diagram(&source, fence, net, figure_ids.len() + 1)
                            .and_then(|(spec, span)| {
                                claim_id(&source, &mut figure_ids, &spec.id, span)?;
                                Ok(Block::Diagram(spec))
                            }),
                        "table" => {
                            parse_table(&source, fence, net, front.precision).map(Block::Table)
                        }
                        _ => from_block::<RawParameters>(&source, fence, "parameters block")
                            .map(|_| Block::Parameters),
                    },
                }
            }
        };
        match block {
            Ok(b) => blocks.push(b),
            Err(d) => problems.push(d),
        }
    }
    if let (Some(net), true) = (&network, problems.is_empty()) {
        let per_series = net.input.samples + net.kinks.len();
        let mut drawn = 0;
        for block in &blocks {
            if let Block::Figure(spec) = block {
                drawn += per_series * spec.series.len();
                if drawn > MAX_LESSON_VALUES {
                    problems.push(
                        source
                            .error(spec.span.clone(), "the lesson's figures draw too many values")
                            .expected(format!(
                                "at most {MAX_LESSON_VALUES} values (samples × series) in all the figures of a lesson"
                            ))
                            .hint("use fewer samples, fewer series, or fewer figures"),
                    );
                    break;
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Lesson {
        lang,
        slug_span: front.slug_span,
        slug: front.slug,
        title: front.title,
        summary: front.summary,
        order: front.order,
        precision: front.precision,
        body_start,
        network,
        blocks,
        fences,
        source,
    })
}

/// A limit: `count` may be at most `max`; over it, the error "`{count} {what} is too many`" at
/// `span()`, expecting "at most `{max} {unit}`".
fn at_most(
    source: &SourceFile,
    count: usize,
    max: usize,
    span: impl FnOnce() -> Range<usize>,
    (what, unit): (&str, &str),
) -> Result<(), Diagnostic> {
    if count <= max {
        return Ok(());
    }
    Err(source
        .error(span(), format!("{count} {what} is too many"))
        .expected(format!("at most {max} {unit}")))
}

/// Figures and diagrams share one file namespace per lesson: an id may be used once.
fn claim_id(
    source: &SourceFile,
    ids: &mut Vec<(String, Range<usize>)>,
    id: &str,
    span: Range<usize>,
) -> Result<(), Diagnostic> {
    if let Some((_, first)) = ids.iter().find(|(taken, _)| taken == id) {
        let line = source.locate(first.clone()).line;
        return Err(source
            .error(span, format!("figure id `{id}` is used twice"))
            .expected("a different id for each figure and diagram of a lesson")
            .hint(format!("the first figure with this id is at line {line}")));
    }
    ids.push((id.to_string(), span));
    Ok(())
}

/// The span of a fenced block's opening line.
fn fence_opening(fence: &Fence) -> Range<usize> {
    fence.span.start..fence.span.start + 3 + fence.kind.len()
}

/// The validated front matter.
struct Front {
    slug: String,
    slug_span: Option<Range<usize>>,
    title: String,
    summary: String,
    order: i64,
    precision: usize,
    body_start: usize,
}

fn parse_front(source: &SourceFile, file_stem: &str) -> Result<Front, Diagnostic> {
    let (front_text, front_start, body_start) = split_front_matter(source)?;
    let front: RawFront = toml::from_str(front_text)
        .map_err(|e| toml_error(source, front_start, &e, "front matter"))?;
    let at = |span: Range<usize>| front_start + span.start..front_start + span.end;
    let slug = match &front.slug {
        Some(s) => {
            check_slug(s.get_ref()).map_err(|m| {
                source
                    .error(at(s.span()), m)
                    .hint("a slug is lowercase letters, digits, '-' and '_', like `relu-basics`")
            })?;
            s.get_ref().clone()
        }
        None => {
            check_slug(file_stem).map_err(|m| {
                Diagnostic::in_file(
                    source.path.clone(),
                    format!("the file name gives a bad slug: {m}"),
                )
                .hint("rename the file, or set `slug = \"...\"` in the front matter")
            })?;
            file_stem.to_string()
        }
    };
    let precision = match &front.precision {
        Some(p) => check_precision(source, at(p.span()), *p.get_ref())?,
        None => DEFAULT_PRECISION,
    };
    if front.title.get_ref().trim().is_empty() {
        return Err(source
            .error(at(front.title.span()), "the title is empty")
            .expected("a title, like `title = \"Understanding ReLU\"`"));
    }
    Ok(Front {
        slug_span: front.slug.as_ref().map(|s| at(s.span())),
        slug,
        title: front.title.into_inner(),
        summary: front.summary,
        order: front.order,
        precision,
        body_start,
    })
}

/// Split `+++` front matter from the body: (front matter text, its offset, body offset).
fn split_front_matter(source: &SourceFile) -> Result<(&str, usize, usize), Diagnostic> {
    let text = source.text.as_str();
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "+++" {
        let hint = if text.starts_with("---") {
            "nnbook front matter is TOML between `+++` lines, not YAML between `---`"
        } else {
            "start the file with `+++`, then `title = \"...\"`, then a closing `+++`"
        };
        return Err(source
            .error(
                0..first_line_end,
                "the lesson does not start with front matter",
            )
            .expected("a `+++` line opening the TOML front matter")
            .hint(hint));
    }
    let front_start = (first_line_end + 1).min(text.len());
    let mut pos = front_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == "+++" {
            return Ok((
                &text[front_start..pos],
                front_start,
                (end + 1).min(text.len()),
            ));
        }
        pos = end + 1;
    }
    Err(source
        .error(0..3, "the front matter is never closed")
        .expected("a `+++` line closing the front matter")
        .hint("add a line with `+++` after the last front matter field"))
}

/// Names Windows reserves for devices: a folder named so cannot be published everywhere.
const RESERVED_NAMES: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A slug (or figure id) names a folder or file of the output: lowercase ASCII letters,
/// digits, `-` and `_` only, so no `..`, separators, control characters or reserved names.
pub fn check_slug(slug: &str) -> Result<(), String> {
    if slug.is_empty() {
        return Err("the slug is empty".into());
    }
    if slug.len() > MAX_SLUG {
        return Err(format!(
            "the slug is {} characters long (at most {MAX_SLUG})",
            slug.len()
        ));
    }
    if RESERVED_NAMES.contains(&slug) {
        return Err(format!("`{slug}` is a reserved device name on Windows"));
    }
    if let Some(c) = slug
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-' || *c == '_'))
    {
        return Err(format!("the slug `{slug}` has the character {c:?}"));
    }
    Ok(())
}

/// Turn a TOML error into a diagnostic pointing into the lesson.
fn toml_error(source: &SourceFile, offset: usize, e: &toml::de::Error, what: &str) -> Diagnostic {
    let message = e.message().trim().trim_end_matches('.').to_string();
    let span = e.span().unwrap_or(0..0);
    let d = source.error(
        offset + span.start..offset + span.end,
        format!("invalid {what}: {message}"),
    );
    toml_hint(d, &message)
}

fn toml_hint(d: Diagnostic, message: &str) -> Diagnostic {
    if message.contains("unknown field") && message.contains("there are no fields") {
        d.hint("this block takes no fields: leave its body empty")
    } else if message.contains("unknown field") {
        d.hint("check the spelling of the field name (the README lists every field)")
    } else if message.contains("missing field") {
        d.hint("add the missing field")
    } else if message.contains("invalid type") {
        d.hint("check the value's type: numbers are unquoted, text is in \"quotes\"")
    } else {
        d.hint("the block's body is TOML: `key = value`, one per line")
    }
}

fn from_block<T: for<'de> Deserialize<'de>>(
    source: &SourceFile,
    fence: &Fence,
    what: &str,
) -> Result<T, Diagnostic> {
    toml::from_str(&fence.text).map_err(|e| {
        let message = e.message().trim().trim_end_matches('.').to_string();
        let span = fence.source_span(e.span().unwrap_or(0..0));
        toml_hint(
            source.error(span, format!("invalid {what}: {message}")),
            &message,
        )
    })
}

fn check_precision(source: &SourceFile, span: Range<usize>, v: i64) -> Result<usize, Diagnostic> {
    if (0..=MAX_PRECISION as i64).contains(&v) {
        Ok(v as usize)
    } else {
        Err(source
            .error(span, format!("precision {v} is out of range"))
            .expected(format!("a number of decimals from 0 to {MAX_PRECISION}")))
    }
}

fn check_precision_in(
    source: &SourceFile,
    fence: &Fence,
    p: &Spanned<i64>,
) -> Result<usize, Diagnostic> {
    check_precision(source, fence.source_span(p.span()), *p.get_ref())
}

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
        match closest(name.get_ref(), known.iter().copied()) {
            Some(k) => d.hint(format!("did you mean `{k}`?")),
            None => d,
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

fn parse_params(
    source: &SourceFile,
    fence: &Fence,
    list: &Spanned<ParamList>,
    expected: usize,
    what: &str,
) -> Result<Vec<Param>, Diagnostic> {
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
        return Err(d.expected(format!("{expected} named {}", plural(expected, "number"))).hint(
            "a node has one weight per node of the previous layer (the input counts as one), in order, and one bias",
        ));
    }
    entries
        .iter()
        .map(|(name, value)| {
            let v = finite(source, fence, value, &format!("`{}`", name.get_ref()))?;
            let literal = fence.text[value.span()].trim().to_string();
            Ok(Param {
                name: name.get_ref().clone(),
                value: v,
                literal,
            })
        })
        .collect()
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

fn parse_network(source: &SourceFile, fence: &Fence) -> Result<Network, Diagnostic> {
    let raw: RawNetwork = from_block(source, fence, "network block")?;
    let input = raw.input.get_ref();
    let from = finite(source, fence, &input.from, "`from`")?;
    let to = finite(source, fence, &input.to, "`to`")?;
    let from_literal = fence.text[input.from.span()].trim().to_string();
    let to_literal = fence.text[input.to.span()].trim().to_string();
    let range_span = fence.source_span(input.from.span().start..input.to.span().end);
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
        let span = range_span;
        return Err(source
            .error(
                span,
                format!(
                    "the input range {} to {} is {}",
                    typographic_minus(&from_literal),
                    typographic_minus(&to_literal),
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
    let samples = *input.samples.get_ref();
    if !(2..=MAX_SAMPLES as i64).contains(&samples) {
        return Err(source
            .error(
                fence.source_span(input.samples.span()),
                format!("a sample count of {samples} is out of range"),
            )
            .expected(format!("a number of samples from 2 to {MAX_SAMPLES}"))
            .hint("100 samples draw a smooth figure; kinks are added on top"));
    }
    let input_name = input.name.get_ref().clone();
    let mut names: Vec<(String, Range<usize>)> = vec![("input".to_string(), 0..0)];
    let mut check_name = |name: &Spanned<String>| -> Result<(), Diagnostic> {
        let n = name.get_ref();
        let ok = !n.is_empty()
            && n.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            && n.chars().next().is_some_and(|c| !c.is_ascii_digit());
        let span = fence.source_span(name.span());
        if !ok {
            return Err(source
                .error(span, format!("`{n}` is not a usable name"))
                .expected("a name of letters, digits, '_' or '-', not starting with a digit")
                .hint("signals are named `<node>.activation`, so names cannot contain dots"));
        }
        if let Some((_, first)) = names.iter().find(|(k, _)| k == n) {
            let d = source
                .error(span, format!("the name `{n}` is used twice"))
                .expected("a unique name for every node, weight and bias");
            return Err(if first.is_empty() {
                d.hint("`input` is reserved for the input signal")
            } else {
                d.hint(format!(
                    "it was first used at line {}",
                    source.locate(first.clone()).line
                ))
            });
        }
        names.push((n.clone(), span));
        Ok(())
    };

    let mut layers = Vec::new();
    let mut previous = 1;
    let mut parameters = 0;
    at_most(
        source,
        raw.layer.len(),
        MAX_LAYERS,
        || fence.source_span(raw.layer[MAX_LAYERS].span()),
        ("hidden layers", "hidden layers"),
    )?;
    for raw_layer in &raw.layer {
        let rl = raw_layer.get_ref();
        at_most(
            source,
            rl.nodes.get_ref().len(),
            MAX_NODES,
            || fence.source_span(rl.nodes.span()),
            ("nodes in one layer", "nodes per layer"),
        )?;
        let activation = parse_activation(source, fence, &rl.activation)?;
        if rl.nodes.get_ref().is_empty() {
            return Err(source
                .error(fence.source_span(rl.nodes.span()), "a layer without nodes")
                .expected("at least one node, like `{ name = \"top\", weights = { w1 = 1.70 }, bias = { b1 = -0.85 } }`"));
        }
        let mut nodes = Vec::new();
        for raw_node in rl.nodes.get_ref() {
            let rn = raw_node.get_ref();
            check_name(&rn.name)?;
            let node_name = rn.name.get_ref();
            let weights = parse_params(
                source,
                fence,
                &rn.weights,
                previous,
                &format!("node `{node_name}`'s weights"),
            )?;
            let bias = parse_params(
                source,
                fence,
                &rn.bias,
                1,
                &format!("node `{node_name}`'s bias"),
            )?;
            for (name, _) in rn.weights.get_ref().0.iter().chain(&rn.bias.get_ref().0) {
                check_name(name)?;
            }
            nodes.push(Node {
                name: node_name.clone(),
                weights,
                bias: bias.into_iter().next().expect("one bias"),
            });
        }
        previous = nodes.len();
        parameters += nodes.iter().map(|n| n.weights.len() + 1).sum::<usize>();
        if parameters > MAX_PARAMETERS {
            return Err(source
                .error(
                    fence.source_span(raw_layer.span()),
                    format!("the network has more than {MAX_PARAMETERS} weights and biases"),
                )
                .expected(format!(
                    "at most {MAX_PARAMETERS} weights and biases in all"
                ))
                .hint("nnbook draws small networks for teaching; use fewer nodes"));
        }
        layers.push(Layer { activation, nodes });
    }
    let ro = raw.output.get_ref();
    let activation = match &ro.activation {
        Some(a) => parse_activation(source, fence, a)?,
        None => Activation::Identity,
    };
    let output_name = match &ro.name {
        Some(n) => {
            check_name(n)?;
            n.get_ref().clone()
        }
        None => "output".to_string(),
    };
    let weights = parse_params(source, fence, &ro.weights, previous, "the output's weights")?;
    let bias = parse_params(source, fence, &ro.bias, 1, "the output's bias")?;
    for (name, _) in ro.weights.get_ref().0.iter().chain(&ro.bias.get_ref().0) {
        check_name(name)?;
    }
    layers.push(Layer {
        activation,
        nodes: vec![Node {
            name: output_name.clone(),
            weights,
            bias: bias.into_iter().next().expect("one bias"),
        }],
    });
    let mut network = Network {
        input: Input {
            label: input.label.clone().unwrap_or_else(|| input_name.clone()),
            name: input_name,
            from,
            to,
            from_literal,
            to_literal,
            samples: samples as usize,
        },
        layers,
        output_label: ro.label.clone().unwrap_or(output_name),
        kinks: Vec::new(),
    };
    network.kinks = network.find_kinks();
    Ok(network)
}

fn resolve_signal(
    source: &SourceFile,
    fence: &Fence,
    net: &Network,
    name: &Spanned<String>,
) -> Result<Signal, Diagnostic> {
    net.signal(name.get_ref()).ok_or_else(|| {
        unknown_signal(
            source.error(fence.source_span(name.span()), ""),
            net,
            name.get_ref(),
        )
    })
}

/// Complete a diagnostic about an unknown signal name with the known ones.
pub fn unknown_signal(d: Diagnostic, net: &Network, name: &str) -> Diagnostic {
    let known = net.signal_names();
    let d = Diagnostic {
        message: format!("signal `{name}` does not exist"),
        ..d
    }
    .expected(format!("one of {}", known.join(", ")));
    match closest(name, known.iter().map(String::as_str)) {
        Some(k) => d.hint(format!("did you mean `{k}`?")),
        None => d.hint("signals are `<node>.linear`, `<node>.activation`, `<node>.<outgoing weight>`, `<output>.sum` and `input`"),
    }
}

fn parse_figure(
    source: &SourceFile,
    fence: &Fence,
    net: &Network,
    n: usize,
) -> Result<(FigureSpec, Range<usize>), Diagnostic> {
    let raw: RawFigure = from_block(source, fence, "figure block")?;
    let (id, id_span) = figure_id(source, fence, raw.id.as_ref(), n)?;
    let (caption, caption_span) = caption(fence, raw.caption);
    if raw.series.get_ref().is_empty() {
        return Err(source
            .error(
                fence.source_span(raw.series.span()),
                "a figure without series",
            )
            .expected("at least one series, like `{ signal = \"top.activation\" }`"));
    }
    at_most(
        source,
        raw.series.get_ref().len(),
        MAX_SERIES,
        || fence.source_span(raw.series.span()),
        ("series in one figure", "series per figure"),
    )
    .map_err(|d| d.hint("split the figure in two"))?;
    at_most(
        source,
        raw.points.len(),
        MAX_POINTS,
        || fence.source_span(raw.points[MAX_POINTS].span()),
        ("data points", "data points per figure"),
    )?;
    let mut series = Vec::new();
    for rs in raw.series.get_ref() {
        let rs = rs.get_ref();
        let signal = resolve_signal(source, fence, net, &rs.signal)?;
        let color = match &rs.color {
            Some(c) => Rgb::parse(c.get_ref()).ok_or_else(|| {
                let names: Vec<&str> = Rgb::NAMED.iter().map(|(n, _)| *n).collect();
                source
                    .error(
                        fence.source_span(c.span()),
                        format!("unknown colour `{}`", c.get_ref()),
                    )
                    .expected(format!("one of {} or \"#rrggbb\"", names.join(", ")))
                    .hint(match closest(c.get_ref(), names.iter().copied()) {
                        Some(k) => format!("did you mean `{k}`?"),
                        None => "a hex colour is six digits, like \"#1f77b4\"".to_string(),
                    })
            })?,
            None => Rgb::default_for(net, &signal),
        };
        series.push(SeriesSpec {
            signal,
            label: rs.label.clone(),
            color,
        });
    }
    let mut points = Vec::new();
    for p in &raw.points {
        let [x, y] = *p.get_ref();
        if !(x.is_finite() && y.is_finite()) {
            return Err(source
                .error(fence.source_span(p.span()), "a data point is not finite")
                .expected("two finite numbers, like [0.5, 1.0]"));
        }
        points.push((x, y));
    }
    Ok((
        FigureSpec {
            span: fence_opening(fence),
            id,
            title: raw.title,
            x_label: raw.x_label.unwrap_or_else(|| net.input.label.clone()),
            y_label: raw.y_label.unwrap_or_else(|| {
                let last = net.layers.len() - 1;
                if series.iter().all(|s| {
                    s.signal.layer == last && s.signal.quantity != crate::network::Quantity::Input
                }) {
                    net.output_label.clone()
                } else {
                    String::new()
                }
            }),
            caption,
            caption_span,
            series,
            points,
            points_label: raw.points_label,
        },
        id_span,
    ))
}

/// A figure's or diagram's caption and where it is in the source (the whole block without one).
fn caption(fence: &Fence, raw: Option<Spanned<String>>) -> (String, Range<usize>) {
    match raw {
        Some(c) => {
            let span = fence.source_span(c.span());
            (c.into_inner(), span)
        }
        None => (String::new(), fence.span.clone()),
    }
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
            check_slug(id.get_ref()).map_err(|m| {
                source
                    .error(span.clone(), format!("bad figure id: {m}"))
                    .hint("an id is lowercase letters, digits, '-' and '_', like `step-1`")
            })?;
            Ok((id.get_ref().clone(), span))
        }
        None => Ok((format!("figure-{n}"), fence_opening(fence))),
    }
}

fn parse_diagram(
    source: &SourceFile,
    fence: &Fence,
    net: &Network,
    n: usize,
) -> Result<(DiagramSpec, Range<usize>), Diagnostic> {
    let raw: RawDiagram = from_block(source, fence, "diagram block")?;
    let (id, id_span) = figure_id(source, fence, raw.id.as_ref(), n)?;
    let (caption, caption_span) = caption(fence, raw.caption);
    let mut known: Vec<&str> = net
        .layers
        .iter()
        .flat_map(|l| &l.nodes)
        .map(|n| n.name.as_str())
        .collect();
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
            return Err(match closest(h.get_ref(), known.iter().copied()) {
                Some(k) => d.hint(format!("did you mean `{k}`?")),
                None => d,
            });
        }
    }
    Ok((
        DiagramSpec {
            id,
            title: raw.title,
            caption,
            caption_span,
            highlight: raw.highlight.into_iter().map(Spanned::into_inner).collect(),
        },
        id_span,
    ))
}

fn parse_table(
    source: &SourceFile,
    fence: &Fence,
    net: &Network,
    lesson_precision: usize,
) -> Result<TableSpec, Diagnostic> {
    let raw: RawTable = from_block(source, fence, "table block")?;
    if raw.signals.get_ref().is_empty() {
        return Err(source
            .error(
                fence.source_span(raw.signals.span()),
                "a table without signals",
            )
            .expected("at least one signal, like `signals = [\"top.linear\"]`"));
    }
    at_most(
        source,
        raw.signals.get_ref().len(),
        MAX_TABLE_SIGNALS,
        || fence.source_span(raw.signals.span()),
        ("signals in one table", "signals per table"),
    )?;
    let signals = raw
        .signals
        .get_ref()
        .iter()
        .map(|s| resolve_signal(source, fence, net, s))
        .collect::<Result<Vec<_>, _>>()?;
    let at = match raw.at.get_ref() {
        RawAt::Inputs(xs) => {
            if let Some(x) = xs.iter().find(|x| !x.is_finite()) {
                return Err(source
                    .error(
                        fence.source_span(raw.at.span()),
                        format!("input {x} is not a finite number"),
                    )
                    .expected("finite inputs, like [0.0, 0.5, 1.0]"));
            }
            xs.clone()
        }
        RawAt::Named(name) if name == "kinks" => net.kinks(),
        RawAt::Named(name) => {
            return Err(source
                .error(
                    fence.source_span(raw.at.span()),
                    format!("unknown input set `{name}`"),
                )
                .expected("a list of inputs, like [0.0, 0.5], or \"kinks\"")
                .hint(if closest(name, ["kinks"]).is_some() {
                    "did you mean `\"kinks\"`?"
                } else {
                    "write the inputs as a list of numbers"
                }))
        }
    };
    at_most(
        source,
        at.len(),
        MAX_TABLE_ROWS,
        || fence.source_span(raw.at.span()),
        ("rows", "inputs per table"),
    )?;
    let precision = match &raw.precision {
        Some(p) => check_precision_in(source, fence, p)?,
        None => lesson_precision,
    };
    let input_precision = match &raw.input_precision {
        Some(p) => check_precision_in(source, fence, p)?,
        None => precision,
    };
    let headers = match raw.headers {
        Some(h) if h.get_ref().len() != signals.len() + 1 => {
            return Err(source
                .error(
                    fence.source_span(h.span()),
                    format!(
                        "{} headers for {} columns",
                        h.get_ref().len(),
                        signals.len() + 1
                    ),
                )
                .expected("one header for the input column and one per signal"));
        }
        h => h.map(Spanned::into_inner),
    };
    Ok(TableSpec {
        signals,
        at,
        arithmetic: raw.arithmetic,
        headers,
        precision,
        input_precision,
    })
}
