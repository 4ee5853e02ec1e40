//! A lesson: TOML front matter and the fenced blocks (`network`, `figure`, `table`,
//! `parameters`, `diagram`) of a Markdown file, parsed and validated against the lesson's
//! network. Each parsed block knows the fence it came from.

mod body;
mod caption;
mod controls;
mod date;
mod figure_block;
mod front;
mod habits;
mod limits;
mod network_block;
mod network_toml;
mod problems;
mod recovery;
mod shape;
mod signal;
mod stand_in;
mod table_block;
mod tags;
mod toml;
mod toml_hint;
mod training_block;
mod training_fields;
mod training_steps;
mod training_view;

use std::collections::BTreeMap;
use std::ops::Range;

use crate::error::{Diagnostic, SourceFile};
use crate::i18n;
use crate::markdown::Fence;
use crate::network::Network;

use body::read_body;
pub use body::{Block, BlockKind};
pub use caption::Caption;
pub use controls::Control;
pub use date::{today_utc, LessonDate};
pub use figure_block::{DiagramSpec, FigureSpec, Rgb, SeriesSpec};
use front::Front;
pub use front::{Alias, Reference, SeriesPart, MAX_PART};
pub use limits::{
    check_slug, DEFAULT_PRECISION, MAX_INPUT_MAGNITUDE, MAX_LAYERS, MAX_LESSON_VALUES, MAX_NODES,
    MAX_PARAMETERS, MAX_POINTS, MAX_PRECISION, MAX_SAMPLES, MAX_SERIES, MAX_SLUG, MAX_TABLE_ROWS,
    MAX_TABLE_SIGNALS, MIN_INPUT_SPAN,
};
pub use limits::{
    DEFAULT_MAX_STEPS, MAX_ARITHMETIC_TERMS, MAX_STEPS, MAX_STEP_CURVES, MAX_TRAINING_VALUES,
    MAX_TRAINING_WORK,
};
pub use signal::{
    display as signal_label, is_node, non_finite, unknown_signal, Extreme, NON_FINITE_HINT,
};
pub use table_block::TableSpec;
pub use tags::Tag;
pub use toml::{fields_of, read_toml};
pub use training_block::TrainingBlock;
pub use training_view::{Show, TrainingFigureSpec, TrainingTableSpec};

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
    /// The work the lesson follows (front matter `source`).
    pub reference: Option<Reference>,
    /// The series the lesson is a part of, if any.
    pub series: Option<SeriesPart>,
    /// Byte offset of the Markdown body (after the front matter) in the source.
    pub body_start: usize,
    pub network: Option<Network>,
    /// Whether the lesson has a network block that is broken (its problems are reported): the
    /// lesson is checked for its prose's other problems (LaTeX) and never published, and what
    /// needs the network (its blocks, its placeholders) is not checked.
    pub network_broken: bool,
    /// For a broken network block whose names read, the network they name, with stand-ins for
    /// the values that are wrong ([`stand_in`]): the lesson's blocks and placeholders are
    /// checked against its names, and nothing it computes is shown.
    pub stand_in: Option<Network>,
    /// The parameters a reader can move on the page (see [`controls`]).
    pub controls: Vec<Control>,
    /// Every fenced code block of the body, nnbook blocks included, in document order.
    pub fences: Vec<Fence>,
    /// The nnbook blocks, in document order; each knows its fence.
    pub blocks: Vec<Block>,
    /// The ids of the training blocks that failed (their error is reported): their
    /// placeholders and the blocks showing them are not checked again.
    pub broken_trainings: Vec<(String, Option<Vec<String>>)>,
    /// The ids of the figure and training figure blocks that failed or were skipped with a
    /// broken network (their problems are reported): code that says it draws one is not
    /// reported again.
    pub failed_figures: Vec<String>,
    /// The captions of the figure, diagram and training figure blocks that failed: checked
    /// for their placeholder and LaTeX mistakes all the same.
    pub failed_captions: Vec<Caption>,
    /// The training blocks: (where their fence ends in the source, their index in `blocks`), in
    /// document order, and their indices by id; for lookups that do not walk every block.
    training_ends: Vec<(usize, usize)>,
    training_ids: BTreeMap<String, usize>,
    /// What is allowed but probably not meant (reported; the lesson builds).
    pub warnings: Vec<Diagnostic>,
    /// The body's footnotes, numbered for the page and the notebook.
    pub footnotes: crate::markdown::Footnotes,
    /// Whether the front matter did not read and stand-in values took its place
    /// ([`front::Front::stand_in`]): the lesson's problems are reported, its slug and series
    /// part claim nothing.
    pub front_stood_in: bool,
    /// Whether the front matter says `draft = true`: the lesson is built and checked only with
    /// `--drafts`, and otherwise left out as if its file were not there.
    pub draft: bool,
    /// When the lesson was published and last changed (front matter `date`, `updated`).
    pub date: Option<LessonDate>,
    pub updated: Option<LessonDate>,
    /// Its earlier addresses, redirected to its page (front matter `aliases`).
    pub aliases: Vec<Alias>,
    /// The topics it is about (front matter `tags`), each with a page listing its lessons.
    pub tags: Vec<Tag>,
    /// The author's own fields for the templates (front matter `[extra]`), as JSON.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Lesson {
    /// Whether readers can move this lesson's parameters on its page: it has a network and
    /// controls, and no training (the page's script does not train: what a training shows, and
    /// every block after it, would not follow).
    pub fn explorable(&self) -> bool {
        // (Asked for every placeholder: the trainings are already listed, no walk over the
        // blocks.)
        self.network.is_some() && !self.controls.is_empty() && self.training_ends.is_empty()
    }

    /// Whether its figures draw at most [`MAX_LESSON_VALUES`] values: a lesson that does not
    /// render is drawn, to check its figures' values, only then.
    pub fn within_value_budget(&self) -> bool {
        (self.network.as_ref())
            .is_none_or(|n| value_budget(&self.source, n, &self.blocks).is_none())
    }

    pub fn body(&self) -> &str {
        &self.source.text[self.body_start..]
    }

    /// The block of the fence that starts at byte `offset` of the source, if that fence is an
    /// nnbook block.
    pub fn block_at(&self, offset: usize) -> Option<&Block> {
        let fence = self
            .fences
            .binary_search_by_key(&offset, |f| f.span.start)
            .ok()?;
        self.block_of(fence)
    }

    /// The block written in fence `fence` (an index into [`Lesson::fences`]), if any.
    pub fn block_of(&self, fence: usize) -> Option<&Block> {
        let i = self.blocks.binary_search_by_key(&fence, |b| b.fence).ok()?;
        Some(&self.blocks[i])
    }

    /// The figure blocks, in document order.
    pub fn figures(&self) -> impl Iterator<Item = &FigureSpec> {
        self.blocks.iter().filter_map(|b| match &b.kind {
            BlockKind::Figure(spec) => Some(spec),
            _ => None,
        })
    }

    /// The training blocks, in document order.
    pub fn trainings(&self) -> impl Iterator<Item = &TrainingBlock> {
        self.training_ends
            .iter()
            .filter_map(|&(_, i)| self.training_block(i))
    }

    /// The training of block `i`, if it is one.
    fn training_block(&self, i: usize) -> Option<&TrainingBlock> {
        match &self.blocks.get(i)?.kind {
            BlockKind::Training(t) => Some(t),
            _ => None,
        }
    }

    /// The training with id `id`.
    pub fn training(&self, id: &str) -> Option<&TrainingBlock> {
        self.training_block(*self.training_ids.get(id)?)
    }

    /// The network in effect at byte `offset` of the source: the one trained by the last
    /// training block before it, or else the network block's.
    pub fn network_at(&self, offset: usize) -> Option<&Network> {
        let before = self
            .training_ends
            .partition_point(|&(end, _)| end <= offset);
        match before.checked_sub(1).map(|k| self.training_ends[k].1) {
            Some(i) => self.training_block(i).map(|t| &t.training.network),
            None => self.network.as_ref(),
        }
    }

    /// The fence of the network block, if the lesson has one.
    pub fn network_fence(&self) -> Option<&Fence> {
        self.blocks
            .iter()
            .find(|b| matches!(b.kind, BlockKind::Network))
            .map(|b| &self.fences[b.fence])
    }
}

/// Parse and validate a lesson file. `file_stem` gives the default slug. Every problem found is
/// reported: a broken front matter stops the parse, a broken block does not stop the others
/// (blocks that need a broken network are skipped).
pub fn parse(source: SourceFile, file_stem: &str) -> Result<Lesson, Vec<Diagnostic>> {
    match parse_partly(source, file_stem) {
        (Some(lesson), problems) if problems.is_empty() => Ok(lesson),
        (_, problems) => Err(problems),
    }
}

/// Parse a lesson as far as it goes: its problems, and the lesson unless its front matter has
/// no end (a front matter that does not read is stood in for). A lesson with other problems comes back without the blocks that failed (and is not
/// to be published), so that its prose can still be checked for placeholder and LaTeX errors
/// (with its network block broken, for LaTeX errors: [`Lesson::network_broken`]).
pub fn parse_partly(mut source: SourceFile, file_stem: &str) -> (Option<Lesson>, Vec<Diagnostic>) {
    // A byte-order mark is not part of the lesson (editors on Windows may write one).
    if source.text.starts_with('\u{feff}') {
        source.text.drain(..'\u{feff}'.len_utf8());
    }
    // `relu.zh-CN` is the lesson `relu` in Chinese.
    let (file_stem, lang) = match file_stem.rsplit_once('.') {
        Some((stem, tag)) if i18n::is_language_tag(tag) => (stem, Some(tag.to_string())),
        _ => (file_stem, None),
    };
    let (front, mut problems, front_stood_in) = match front::parse(&source, file_stem) {
        Ok((front, problems)) => (front, problems, false),
        // (The body is still read, its blocks and prose checked: their problems are reported
        // in the same run. Its precision unknown, the default's is taken.)
        Err(problems) => match front::body_start(&source) {
            Some(at) => (Front::stand_in(file_stem, at), problems, true),
            None => return (None, problems),
        },
    };
    let body_start = front.body_start;
    let body = read_body(&source, body_start, front.precision, &mut problems);
    if let Some(net) = &body.network.parsed {
        problems.extend(value_budget(&source, net, &body.blocks));
    }
    let mut training_ends = Vec::new();
    let mut training_ids = BTreeMap::new();
    for (i, block) in body.blocks.iter().enumerate() {
        if let BlockKind::Training(t) = &block.kind {
            training_ends.push((body.fences[block.fence].span.end, i));
            training_ids.insert(t.id.clone(), i);
        }
    }
    let lesson = Lesson {
        front_stood_in,
        draft: front.draft,
        date: front.date,
        updated: front.updated,
        aliases: front.aliases,
        tags: front.tags,
        extra: front.extra,
        training_ends,
        training_ids,
        lang,
        slug_span: front.slug_span,
        slug: front.slug,
        title: front.title,
        summary: front.summary,
        order: front.order,
        precision: front.precision,
        reference: front.reference,
        series: front.series,
        body_start,
        network_broken: body.network.parsed.is_none() && body.network.written,
        network: body.network.parsed,
        stand_in: body.network.stand_in,
        controls: body.network.controls,
        blocks: body.blocks,
        broken_trainings: body.failed.trainings,
        failed_figures: body.failed.figures,
        failed_captions: body.failed.captions,
        fences: body.fences,
        warnings: body.warnings,
        footnotes: body.footnotes,
        source,
    };
    (Some(lesson), problems)
}

/// The values all figures of a lesson draw may not exceed [`MAX_LESSON_VALUES`]: the first
/// figure over the budget is the problem.
fn value_budget(source: &SourceFile, net: &Network, blocks: &[Block]) -> Option<Diagnostic> {
    let per_series = net.input.samples + net.kinks.len();
    let mut drawn = 0;
    for block in blocks {
        if let BlockKind::Figure(spec) = &block.kind {
            drawn += per_series * spec.series.len();
            if drawn > MAX_LESSON_VALUES {
                return Some(
                    source
                        .error(spec.span.clone(), "the lesson's figures draw too many values")
                        .expected(format!(
                            "at most {MAX_LESSON_VALUES} values (samples × series) in all the figures of a lesson"
                        ))
                        .hint("use fewer samples, fewer series, or fewer figures"),
                );
            }
        }
    }
    None
}

/// A lesson file's `order` and its series and part, as the build reads them (None when its
/// front matter cannot be read): where `nnbook new` puts a lesson.
pub fn placement_of(source: &SourceFile, file_stem: &str) -> Option<(i64, Option<SeriesPart>)> {
    front::parse(source, file_stem)
        .ok()
        .map(|(front, _)| (front.order, front.series))
}
