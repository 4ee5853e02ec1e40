//! One lesson rendered without a theme: its figures and diagrams drawn, its body as HTML, its
//! notebook. The site puts the body into the theme's page; the fuzz targets and benchmarks call
//! this directly.

use rayon::prelude::*;

use crate::diagram;
use crate::error::Diagnostic;
use crate::figure::{self, Figure, Sampled};
use crate::i18n::{self, Lang};
use crate::lesson::{BlockKind, Lesson, Rgb};
use crate::network::{Network, Signal};
use crate::notebook;
use crate::page::{self, Page};

/// A lesson rendered without a theme.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The figures and diagrams, in block order.
    pub figures: Vec<Figure>,
    /// The body as HTML, with its table of contents and links.
    pub page: Page,
    /// The Jupyter notebook's JSON.
    pub notebook: String,
    /// The preview the index shows, as SVG (see [`thumbnail`]).
    pub thumbnail: Option<String>,
}

impl Rendered {
    /// The lesson's files other than its page, under folder `dir`: the notebook
    /// (`<slug>.ipynb`) and the preview the index shows ([`PREVIEW`]). Every figure is inlined
    /// into the page with its data, so a lesson costs three files however many figures it has.
    pub fn files(self, dir: &str, slug: &str) -> Vec<(String, Vec<u8>)> {
        let mut files = vec![(
            format!("{dir}/{}", notebook_name(slug)),
            self.notebook.into_bytes(),
        )];
        if let Some(thumbnail) = self.thumbnail {
            files.push((preview_path(dir), thumbnail.into_bytes()));
        }
        files
    }
}

/// The file name of a lesson's preview: a thumbnail drawn for the index (see [`thumbnail`]).
pub const PREVIEW: &str = "preview.svg";

/// Where the preview of the lesson in folder `dir` goes.
pub fn preview_path(dir: &str) -> String {
    format!("{dir}/{PREVIEW}")
}

/// The index's preview of a lesson: its last chart (the last `figure` block) drawn again as a
/// textless thumbnail, with the network in effect there, named after the chart (or the lesson)
/// in language `lang`. `None` for a lesson without charts.
pub fn thumbnail(lesson: &Lesson, lang: Lang) -> Option<String> {
    let network = lesson.network.as_ref()?;
    let (block, spec) = lesson.blocks.iter().rev().find_map(|b| match &b.kind {
        BlockKind::Figure(spec) => Some((b, spec)),
        _ => None,
    })?;
    let at = lesson.fences[block.fence].span.start;
    let title = if spec.title.is_empty() {
        &lesson.title
    } else {
        &spec.title
    };
    let name = format!("{}: {title}", i18n::text(lang, "preview"));
    figure::thumbnail(spec, lesson.network_at(at).unwrap_or(network), &name)
}

/// The files a lesson in folder `dir` is published as, known without rendering it: its page,
/// its notebook, and its preview where it may have one (a `figure` block, perhaps broken).
pub fn file_names(lesson: &Lesson, dir: &str) -> [Option<String>; 3] {
    let charted = lesson.fences.iter().any(|f| f.kind == "figure");
    [
        Some(format!("{dir}/index.html")),
        Some(format!("{dir}/{}", notebook_name(&lesson.slug))),
        charted.then(|| preview_path(dir)),
    ]
}

/// The file name of a lesson's notebook.
pub fn notebook_name(slug: &str) -> String {
    format!("{slug}.ipynb")
}

/// Render a lesson in language `lang` (for the words nnbook adds): figures, page, notebook.
/// Every problem is reported: a figure that cannot be drawn does not hide the page's.
pub fn render(lesson: &Lesson, lang: Lang) -> Result<Rendered, Vec<Diagnostic>> {
    let figures = draw_figures(lesson, lang);
    let page = page::render(lesson, figures.as_deref().unwrap_or(&[]), lang);
    let drawn = figures.as_deref().unwrap_or(&[]);
    let notebook = notebook::notebook(lesson, lang, drawn, page.as_ref().ok());
    match (figures, page, notebook) {
        (Ok(figures), Ok(page), Ok(notebook)) => Ok(Rendered {
            figures,
            page,
            notebook,
            thumbnail: thumbnail(lesson, lang),
        }),
        (figures, page, notebook) => Err(figures
            .err()
            .into_iter()
            .flatten()
            .chain(page.err().into_iter().flatten())
            .chain(notebook.err())
            .collect()),
    }
}

/// The problems of a lesson's prose (placeholders, LaTeX), for a lesson that will not be
/// published (some block of it is broken): its page and notebook without drawing anything.
/// And the page's links, to check against the site like a published lesson's.
pub fn check_prose(lesson: &Lesson, lang: Lang) -> (Vec<Diagnostic>, Links) {
    let page = page::render(lesson, &[], lang);
    let notebook = notebook::notebook(lesson, lang, &[], page.as_ref().ok()).err();
    let links = page
        .as_ref()
        .map_or_else(|_| page::links(lesson, lang), |p| p.links.clone());
    // (Its figures' values are checked too, those above its first training: the network
    // below a training that failed is not known.)
    let training = (lesson.fences.iter()).find(|f| f.kind == "training");
    let before = training.map_or(usize::MAX, |f| f.span.start);
    let drawn = (lesson.within_value_budget()).then(|| draw_figures_before(lesson, lang, before));
    let drawn = drawn.and_then(Result::err);
    let problems = (page.err().into_iter().flatten())
        .chain(notebook)
        .chain(drawn.into_iter().flatten())
        .collect();
    (problems, links)
}

/// A page's links: each address as written, and where in the lesson it is.
pub type Links = Vec<(String, std::ops::Range<usize>)>;

/// Draw every figure and diagram of a lesson, in block order, described in language `lang`.
pub fn draw_figures(lesson: &Lesson, lang: Lang) -> Result<Vec<Figure>, Vec<Diagnostic>> {
    draw_figures_before(lesson, lang, usize::MAX)
}

/// A piecewise-linear network is sampled once for the whole lesson (the same inputs serve
/// every figure): its figures' signals and their samples. Smooth networks are refined per
/// figure, to each figure's scale (`None`).
fn shared_samples(lesson: &Lesson, network: &Network) -> Option<(Vec<Signal>, Sampled)> {
    network.is_piecewise_linear().then(|| {
        let mut signals: Vec<Signal> = Vec::new();
        for spec in lesson.figures() {
            for s in &spec.series {
                if !signals.contains(&s.signal) {
                    signals.push(s.signal.clone());
                }
            }
        }
        let sampled = Sampled::new(network.sample(&signals, 0.0));
        (signals, sampled)
    })
}

/// [`draw_figures`], of the blocks before byte `before` of the lesson.
fn draw_figures_before(
    lesson: &Lesson,
    lang: Lang,
    before: usize,
) -> Result<Vec<Figure>, Vec<Diagnostic>> {
    let Some(network) = lesson.network.as_ref() else {
        return Ok(Vec::new());
    };
    let shared = shared_samples(lesson, network);
    // Each drawing with the network in effect where it is (after a training, the trained one).
    let drawn: Vec<(&BlockKind, &Network)> = lesson
        .blocks
        .iter()
        .filter(|b| {
            use BlockKind::{Diagram, Figure, TrainingFigure};
            matches!(b.kind, Figure(_) | Diagram(_) | TrainingFigure(_))
                && lesson.fences[b.fence].span.start < before
        })
        .map(|b| {
            let at = lesson.fences[b.fence].span.start;
            (&b.kind, lesson.network_at(at).unwrap_or(network))
        })
        .collect();
    let located = |spec_span: &std::ops::Range<usize>, d: Diagnostic| Diagnostic {
        location: d
            .location
            .or_else(|| Some(Box::new(lesson.source.locate(spec_span.clone())))),
        ..d
    };
    // A diagram highlights a path in the colour the lesson's figures draw it in.
    let paths = Rgb::paths(network, lesson.figures());
    let results: Vec<Result<Figure, Diagnostic>> = drawn
        .into_par_iter()
        .filter_map(|(kind, net)| match kind {
            BlockKind::Diagram(spec) => Some(Ok(diagram::draw(
                spec,
                net,
                &paths,
                (lang, lesson.precision),
            ))),
            BlockKind::Figure(spec) => {
                let drawn = match &shared {
                    Some((signals, sampled)) if std::ptr::eq(net, network) => {
                        let columns: Vec<usize> = spec
                            .series
                            .iter()
                            .filter_map(|s| signals.iter().position(|t| *t == s.signal))
                            .collect();
                        figure::draw_sampled(spec, net, &sampled.data(&columns), lang)
                    }
                    _ => figure::draw(spec, net, lang),
                };
                Some(drawn.map_err(|d| located(&spec.span, d)))
            }
            BlockKind::TrainingFigure(spec) => {
                let t = lesson.training(&spec.training)?;
                Some(figure::draw_training(spec, t, lang).map_err(|d| located(&spec.span, d)))
            }
            _ => None,
        })
        .collect();
    let (figures, problems): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
    if problems.is_empty() {
        Ok(figures.into_iter().filter_map(Result::ok).collect())
    } else {
        Err(problems.into_iter().filter_map(Result::err).collect())
    }
}
