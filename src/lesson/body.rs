//! A lesson's body: its fences, its network block and its other blocks, each parsed against
//! the network in effect where it stands; every problem noted, a broken block skipped.

use std::ops::Range;
use std::sync::Arc;

use crate::error::{Diagnostic, SourceFile};
use crate::markdown::{self, Fence, Footnotes};
use crate::network::Network;
use crate::text::closest;

use super::caption::{self, Caption};
use super::controls::Control;
use super::figure_block::{self, DiagramSpec, FigureSpec, Ids};
use super::table_block::{self, TableSpec};
use super::training_block::{self, Above, TrainingBlock};
use super::training_view::{self, TrainingFigureSpec, TrainingTableSpec};
use super::{habits, network_block, shape};

/// One nnbook block of a lesson: what it asks for, and the fence it was written in.
#[derive(Debug, Clone)]
pub struct Block {
    /// The block's fence: an index into [`super::Lesson::fences`].
    pub fence: usize,
    pub kind: BlockKind,
}

impl Block {
    /// The block's caption and where it is, for a figure, diagram or training figure.
    fn caption(&self) -> Option<(&String, &Range<usize>)> {
        match &self.kind {
            BlockKind::Figure(f) => Some((&f.caption, &f.caption_span)),
            BlockKind::Diagram(d) => Some((&d.caption, &d.caption_span)),
            BlockKind::TrainingFigure(t) => Some((&t.caption, &t.caption_span)),
            _ => None,
        }
    }
}

/// What an nnbook block asks for.
#[derive(Debug, Clone)]
pub enum BlockKind {
    /// The network block: renders nothing (the `parameters` block shows its values).
    Network,
    Figure(FigureSpec),
    Table(TableSpec),
    Parameters,
    Diagram(DiagramSpec),
    /// A training, run; the blocks after it use its trained network.
    Training(Arc<TrainingBlock>),
    TrainingFigure(TrainingFigureSpec),
    TrainingTable(TrainingTableSpec),
}

impl BlockKind {
    /// A drawing's id and title: a figure's, a diagram's or a training figure's.
    pub fn drawing(&self) -> Option<(&str, &str)> {
        match self {
            BlockKind::Figure(f) => Some((&f.id, &f.title)),
            BlockKind::Diagram(d) => Some((&d.id, &d.title)),
            BlockKind::TrainingFigure(t) => Some((&t.id, &t.title)),
            _ => None,
        }
    }
}

/// A lesson's body, read: its fences, its network block, the blocks that parsed (and what is
/// known of those that did not), and its warnings.
pub(super) struct Body {
    pub(super) fences: Vec<Fence>,
    pub(super) network: NetworkBlock,
    pub(super) blocks: Vec<Block>,
    pub(super) failed: Failed,
    pub(super) warnings: Vec<Diagnostic>,
    pub(super) footnotes: Footnotes,
}

/// What is known of the blocks that failed (their problems are reported): the trainings and
/// figures by id, and the captions of the figures, diagrams and training figures, checked all
/// the same.
#[derive(Default)]
pub(super) struct Failed {
    pub(super) trainings: Vec<(String, Option<Vec<String>>)>,
    pub(super) figures: Vec<String>,
    pub(super) captions: Vec<Caption>,
}

/// Read the body of a lesson from `body_start`, its tables at `precision`; its problems go to
/// `problems`.
pub(super) fn read_body(
    source: &SourceFile,
    body_start: usize,
    precision: usize,
    problems: &mut Vec<Diagnostic>,
) -> Body {
    let fences = markdown::fences(&source.text[body_start..], body_start);
    let mut warnings = Vec::new();
    unclosed_fences(source, &fences, problems, &mut warnings);
    warnings.extend(unclosed_explorable_only(source, &fences, body_start));
    warnings.extend(fences.iter().filter_map(|f| misspelt_block(source, f)));
    warnings.extend(fences.iter().filter_map(|f| unknown_words(source, f)));
    let network = parse_network(source, &fences, problems);
    let (blocks, failed) = parse_blocks(
        source,
        &fences,
        &network,
        precision,
        problems,
        &mut warnings,
    );
    warnings.extend(controls_unused(source, &network, &fences));
    let captions = (blocks.iter().filter_map(Block::caption))
        .chain(failed.captions.iter().map(|c| (&c.text, &c.span)));
    warnings.extend(caption::check(source, captions, problems));
    let footnotes = Footnotes::of(&source.text[body_start..], body_start);
    warnings.extend(footnote_warnings(source, &footnotes));
    warnings.extend(habits::warnings(source, body_start, &fences));
    warnings.extend(heading_attribute_warnings(source, body_start));
    Body {
        fences,
        network,
        blocks,
        failed,
        warnings,
        footnotes,
    }
}

/// Text in braces at a heading's end other than `{#id}` and `{.class}` (`## Sets {a, b}`) is
/// read as the heading's attributes, and the page shows none of it: a warning each.
fn heading_attribute_warnings(
    source: &SourceFile,
    body_start: usize,
) -> impl Iterator<Item = Diagnostic> + '_ {
    let body = &source.text[body_start..];
    let ignored = markdown::ignored_heading_attributes(body, body_start).into_iter();
    ignored.map(|(written, at)| {
        let message =
            format!("`{written}` after a heading is read as its attributes, and is not shown");
        let escaped = format!("{}\\}}", &written[..written.len() - 1]);
        (source.error(at, message).warning())
            .expected("`{#id}` or `{.class}`: the heading's id, or a class for a theme")
            .hint(format!(
                "to show the braces, escape the closing one: `{escaped}`"
            ))
    })
}

/// A footnote referred to and never defined is shown as written (`[^note]`), and one defined
/// and never referred to is not shown (as on GitHub): each is a warning.
fn footnote_warnings<'a>(
    source: &'a SourceFile,
    notes: &'a Footnotes,
) -> impl Iterator<Item = Diagnostic> + 'a {
    let undefined = notes.undefined.iter().map(|(label, at)| {
        let message = format!("footnote `[^{label}]` has no definition: it is shown as written");
        source.error(at.clone(), message).warning().hint(format!(
            "define it on a line of its own, anywhere in the lesson: `[^{label}]: The note.`; the page lists the notes at its end"
        ))
    });
    let unused = (notes.defined.iter())
        .filter(|(label, _)| notes.number(label).is_none())
        .map(|(label, at)| {
            // (The definition's marker, `[^label]:`, not its whole note.)
            let text = &source.text[at.clone()];
            let marker = text.find("]:").map_or(text.len(), |i| i + 2);
            let message = match notes.referred.contains(label) {
                true => format!("footnote `[^{label}]` is referred to only from notes not shown: it is not shown either"),
                false => format!("footnote `[^{label}]` is never referred to: it is not shown"),
            };
            source
                .error(at.start..at.start + marker, message)
                .warning()
                .hint(format!(
                    "refer to it where the note belongs, `like this[^{label}]`, or remove it"
                ))
        });
    undefined.chain(unused)
}

/// A `[controls]` table in a lesson that trains: the page has no sliders (its script does not
/// train, so what the training shows would not follow them), and the table was ignored
/// without a word.
fn controls_unused(
    source: &SourceFile,
    network: &NetworkBlock,
    fences: &[Fence],
) -> Option<Diagnostic> {
    let at = network.controls_written.clone()?;
    let training = fences.iter().find(|f| f.kind == "training")?;
    let line = source.locate(training.span.clone()).line;
    Some(
        source
            .error(at, "a lesson that trains a network has no sliders: these controls are not shown")
            .expected("no `[controls]` table in a lesson with a `training` block")
            .warning()
            .hint(format!(
                "the training at line {line} would not follow the reader's values; remove the `[controls]` table, or show the network moved by the reader in a lesson of its own"
            )),
    )
}

/// A fence that is never closed swallows the rest of the lesson: for an nnbook block an error
/// (its TOML would fail somewhere later, confusingly), for code a warning.
fn unclosed_fences(
    source: &SourceFile,
    fences: &[Fence],
    problems: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) {
    for fence in fences.iter().filter(|f| !f.closed) {
        let line = source.locate(fence.span.clone()).line;
        let d = source
            .error(
                fence.opening(),
                format!("the block opened at line {line} is never closed"),
            )
            .expected("a line of ``` closing the block")
            .hint(
                "everything after the opening fence, to the end of the lesson, is inside the block",
            );
        if fence.is_nnbook() {
            problems.push(d);
        } else {
            warnings.push(d.warning());
        }
    }
}

/// A code block whose language is an nnbook block's name misspelt (`figures`, `netwrok`,
/// `training_figure`, `Table`) is shown as code, and nothing else says so: a warning at its
/// opening, with the name it likely means.
fn misspelt_block(source: &SourceFile, fence: &Fence) -> Option<Diagnostic> {
    let kind = fence.kind.to_ascii_lowercase().replace('_', "-");
    if fence.is_nnbook() || kind.is_empty() {
        return None;
    }
    // (Only names of its first letter and about its length: a lesson's Python, text and TOML
    // blocks cost no edit distance.)
    let near = markdown::NNBOOK_BLOCKS.into_iter().filter(|name| {
        name.as_bytes()[0] == kind.as_bytes()[0]
            && name.len().abs_diff(kind.len()) <= name.len() / 3
    });
    let meant = closest(&kind, near)?;
    Some(
        source
            .error(
                fence.opening(),
                format!("this code block's language `{}` is not an nnbook block", fence.kind),
            )
            .expected(format!("```{meant} for the `{meant}` block (the names are in lower case)"))
            .hint("it is shown as code; if code is meant, name its language another way, like ```text")
            .warning(),
    )
}

/// A word after an nnbook block's name that is not `source` (```figure sourse, ```figure
/// verbatim): a warning, as the block renders without the source it likely asked for.
fn unknown_words(source: &SourceFile, fence: &Fence) -> Option<Diagnostic> {
    if !fence.is_nnbook() {
        return None;
    }
    let word = fence
        .info
        .split_whitespace()
        .skip(1)
        .find(|w| *w != "source")?;
    let hint = if word == "verbatim" {
        "`verbatim` is for code blocks, whose placeholders it keeps as written; an nnbook block is read as it is".to_string()
    } else if closest(word, ["source"]).is_some() {
        "did you mean `source`?".to_string()
    } else {
        format!("`{word}` is left out")
    };
    Some(
        source
            .error(
                fence.opening(),
                format!("unknown word `{word}` after ```{}", fence.kind),
            )
            .expected("nothing, or `source` (the block shown as written above what it draws)")
            .hint(hint)
            .warning(),
    )
}

/// Text for the sliders (`<div class="nn-explorable-only">`) never closed by a line `</div>`
/// runs to the end of the page: the rest of the lesson would be hidden from readers without the
/// script, and left out of the notebook. A warning at its opening.
fn unclosed_explorable_only(
    source: &SourceFile,
    fences: &[Fence],
    body_start: usize,
) -> Option<Diagnostic> {
    let text = &source.text;
    let mut open = None;
    let mut at = body_start;
    let prose_ends = fences.iter().map(|f| (f.span.start, f.span.end));
    for (start, end) in prose_ends.chain(std::iter::once((text.len(), text.len()))) {
        for (mark, opens) in markdown::explorable_only_marks(&text[at..start.max(at)], at) {
            match (open, opens) {
                (None, true) => open = Some(mark),
                (Some(_), false) => open = None,
                _ => {}
            }
        }
        at = at.max(end);
    }
    let mark = open?;
    let indent = text[mark..].len() - text[mark..].trim_start().len();
    let span = mark + indent..mark + indent + markdown::EXPLORABLE_ONLY.len();
    Some(
        source
            .error(span, "this text for the sliders is never closed")
            .expected("a line `</div>` where the text for the sliders ends")
            .hint("without it, the rest of the lesson is hidden from readers without JavaScript, and left out of the notebook")
            .warning(),
    )
}

/// The lesson's network block: the network if it parsed, and whether there is a block at all.
pub(super) struct NetworkBlock {
    pub(super) parsed: Option<Network>,
    /// For a block that is broken, a network its names read as, with stand-ins for the values
    /// that are wrong ([`super::stand_in`]): the other blocks are checked against it.
    pub(super) stand_in: Option<Network>,
    pub(super) controls: Vec<Control>,
    /// Where its `[controls]` table is written, if it is.
    controls_written: Option<Range<usize>>,
    pub(super) written: bool,
}

/// Parse the lesson's one network block; a second one is a problem.
fn parse_network(
    source: &SourceFile,
    fences: &[Fence],
    problems: &mut Vec<Diagnostic>,
) -> NetworkBlock {
    let mut parsed = None;
    let mut stand_in = None;
    let mut controls = Vec::new();
    let mut controls_written = None;
    let mut first: Option<&Fence> = None;
    for fence in fences.iter().filter(|f| f.kind == "network" && f.closed) {
        if let Some(first) = first {
            let line = source.locate(first.span.clone()).line;
            problems.push(
                source
                    .error(fence.opening(), "a second network block")
                    .expected("one network block per lesson")
                    .hint(format!("the first network block is at line {line}")),
            );
            continue;
        }
        first = Some(fence);
        match network_block::parse(source, fence) {
            Ok(block) => {
                parsed = Some(block.network);
                controls_written = block.controls_at;
                match block.controls {
                    Ok(c) => controls = c,
                    Err(d) => problems.extend(d),
                }
            }
            Err((ds, s)) => {
                problems.extend(ds);
                stand_in = s.map(|s| s.network);
            }
        }
    }
    NetworkBlock {
        parsed,
        stand_in,
        controls,
        controls_written,
        written: fences.iter().any(|f| f.kind == "network"),
    }
}

/// Parse every nnbook block but the network's against the parsed network. Against a broken
/// network block's stand-in, if it has one, the blocks are checked only (they are kept for
/// their captions' placeholders to be checked; the lesson has no network to compute them
/// with); else the blocks that need the network are skipped (its error is already reported).
fn parse_blocks(
    source: &SourceFile,
    fences: &[Fence],
    network: &NetworkBlock,
    precision: usize,
    problems: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> (Vec<Block>, Failed) {
    let mut blocks = Vec::new();
    // (Against a stand-in network, the blocks are checked only: what they would warn of may be
    // about a stand-in value, and what they give is dropped below.)
    let stood_in = network.parsed.is_none() && network.stand_in.is_some();
    let mut unsaid = Vec::new();
    let mut ctx = Context {
        source,
        precision,
        figure_ids: Ids::new(),
        work: 0,
        warnings: if stood_in { &mut unsaid } else { warnings },
        captions: Vec::new(),
        last_training: None,
        above: Above {
            network_stood_in: stood_in,
            ..Above::default()
        },
    };
    // The network in effect: the network block's, then each training's result.
    let mut current = network.parsed.clone().or_else(|| network.stand_in.clone());
    for (i, fence) in fences
        .iter()
        .enumerate()
        .filter(|(_, f)| f.is_nnbook() && f.closed)
    {
        let kind = match (fence.kind.as_str(), &current) {
            ("network", _) => Ok(BlockKind::Network),
            (_, None) if network.written => {
                ctx.above.failed_figures.extend(figure_named(fence));
                ctx.captions.extend(caption::as_written(fence));
                problems.extend(shape::toml_problems(source, fence));
                continue;
            }
            (kind, None) => Err(vec![source
                .error(
                    fence.opening(),
                    format!("a {kind} block needs the lesson's network"),
                )
                .expected("a ```network block in the same lesson")
                .hint("add a network block (see the README's lesson format)")]),
            (_, Some(_)) if ctx.shows_broken(fence).is_some() => {
                problems.extend(shape::toml_problems(source, fence));
                ctx.captions.extend(caption::as_written(fence));
                if let Some((id, trained)) = ctx.shows_broken(fence) {
                    let shown = (id.as_str(), trained.as_deref());
                    problems.extend(training_view::own_problems(source, fence, shown));
                }
                continue;
            }
            (kind, Some(net)) => parse_block(&mut ctx, fence, net, kind),
        };
        match kind {
            Ok(kind) => {
                if let Some(trained) = ctx.remember(&kind) {
                    current = Some(trained);
                }
                blocks.push(Block { fence: i, kind });
            }
            Err(d) => {
                ctx.failed(fence, current.as_ref());
                problems.extend(d)
            }
        }
    }
    let failed = Failed {
        trainings: ctx.above.failed_trainings,
        figures: ctx.above.failed_figures,
        captions: ctx.captions,
    };
    (blocks, failed)
}

/// The parameters a training block's `train` names, if its TOML reads and each is one of the
/// network in effect (`net`): its list, or with `"all"` every parameter. (A misspelt one in
/// the list is its problem: what shows the training is not checked against it.)
fn trained(fence: &Fence, net: Option<&Network>) -> Option<Vec<String>> {
    let table: ::toml::Table = ::toml::from_str(&fence.text).ok()?;
    let params: Vec<String> = net?.params().map(|p| p.name.clone()).collect();
    let names: Vec<String> = match table.get("train")? {
        ::toml::Value::String(all) if all == "all" => return Some(params),
        ::toml::Value::Array(names) => {
            let names = names.iter().map(|n| n.as_str().map(str::to_string));
            names.collect::<Option<_>>()?
        }
        _ => return None,
    };
    names.iter().all(|n| params.contains(n)).then_some(names)
}

/// The id a figure or training figure block gives itself, if it is one and gives one.
fn figure_named(fence: &Fence) -> Option<String> {
    matches!(fence.kind.as_str(), "figure" | "training-figure")
        .then(|| field(fence, "id"))
        .flatten()
}

/// A string field of a block's TOML, if it has it: read from a line `name = "..."` of its own
/// where the TOML does not read (a key given twice), so that what names a broken figure is
/// still not reported again.
fn field(fence: &Fence, name: &str) -> Option<String> {
    let Ok(table) = ::toml::from_str::<::toml::Table>(&fence.text) else {
        return fence.text.lines().find_map(|line| {
            let value = line
                .trim()
                .strip_prefix(name)?
                .trim_start()
                .strip_prefix('=')?;
            let value = value.trim().strip_prefix('"')?;
            Some(value[..value.find('"')?].to_string())
        });
    };
    table.get(name)?.as_str().map(str::to_string)
}

impl Context<'_> {
    /// What a block that parsed gives the blocks after it: a training's network (returned: the
    /// network in effect from here), its id, a figure's data points.
    fn remember(&mut self, kind: &BlockKind) -> Option<Network> {
        match kind {
            BlockKind::Training(t) => {
                self.last_training = Some(t.id.clone());
                self.above.trainings.insert(t.id.clone(), t.clone());
                self.above.last = Some(t.clone());
                return Some(t.training.network.clone());
            }
            BlockKind::Figure(f) => {
                self.above.figures.insert(f.id.clone(), f.points.clone());
            }
            _ => {}
        }
        None
    }

    /// What a block that failed leaves the blocks after it: a training's id, as failed, and
    /// what it trains; a figure's id, as failed. And its caption, to be checked.
    fn failed(&mut self, fence: &Fence, net: Option<&Network>) {
        // (Not where the lesson has no network: its placeholders would say so again.)
        if net.is_some() {
            self.captions.extend(caption::as_written(fence));
        }
        if fence.kind == "training" {
            let id = field(fence, "id").unwrap_or_else(|| "training".to_string());
            (self.above.failed_trainings).push((id.clone(), trained(fence, net)));
            self.last_training = Some(id);
        }
        self.above.failed_figures.extend(figure_named(fence));
    }

    /// The training that failed that a block shows (named by its `training` field, or else
    /// the last training above), if it shows one: its error is reported already, so the block
    /// is checked on its own.
    fn shows_broken(&self, fence: &Fence) -> Option<&(String, Option<Vec<String>>)> {
        if self.above.failed_trainings.is_empty()
            || !matches!(fence.kind.as_str(), "training-figure" | "training-table")
        {
            return None;
        }
        let shown = field(fence, "training").or_else(|| self.last_training.clone())?;
        (self.above.failed_trainings.iter()).find(|(id, _)| *id == shown)
    }
}

/// What parsing a lesson's blocks carries from one block to the next.
struct Context<'a> {
    source: &'a SourceFile,
    precision: usize,
    figure_ids: Ids,
    /// What the lesson's trainings have cost so far.
    work: usize,
    warnings: &'a mut Vec<Diagnostic>,
    /// The captions of the blocks that failed.
    captions: Vec<Caption>,
    /// The id of the last training so far, failed or not.
    last_training: Option<String>,
    /// The trainings and figures so far, for the blocks that refer to them.
    above: Above,
}

/// Parse one block (not the network's) of kind `kind` against the network in effect (`net`)
/// and the blocks above it.
fn parse_block(
    ctx: &mut Context,
    fence: &Fence,
    net: &Network,
    kind: &str,
) -> Result<BlockKind, Vec<Diagnostic>> {
    let source = ctx.source;
    let above = &ctx.above;
    match kind {
        "figure" => {
            figure_block::parse_figure(source, fence, net, &mut ctx.figure_ids, ctx.warnings)
                .map(BlockKind::Figure)
        }
        "diagram" => figure_block::parse_diagram(source, fence, net, &mut ctx.figure_ids)
            .map(BlockKind::Diagram),
        "table" => table_block::parse_table(source, fence, net, ctx.precision, ctx.warnings)
            .map(BlockKind::Table),
        "training" => {
            training_block::parse_training(source, fence, net, above, &mut ctx.work, ctx.warnings)
                .map(|t| BlockKind::Training(Arc::new(t)))
        }
        "training-figure" => training_view::parse_figure(source, fence, above, &mut ctx.figure_ids)
            .map(BlockKind::TrainingFigure),
        "training-table" => training_view::parse_table(source, fence, above, ctx.precision)
            .map(BlockKind::TrainingTable),
        _ => table_block::parse_parameters(source, fence).map(|_| BlockKind::Parameters),
    }
}
