//! The lesson as a Jupyter notebook (nbformat 4): its prose as Markdown cells, its Python code
//! as code cells, in order, after a first cell that sets the network's parameters. Every figure
//! and diagram is saved as a code cell's output (its SVG, as on the page), so that GitHub and
//! nbviewer show it before anyone runs the notebook; a figure the lesson's own code does not
//! draw (a Python block marked `figure=<id>` draws figure `<id>`) gets a code cell nnbook
//! writes, which draws it again from the parameters with numpy and matplotlib. Run top to
//! bottom, the notebook reproduces every figure.

mod alerts;
mod blocks;
mod cell;
mod definitions;
mod footnotes;
mod headings;
mod named;
mod plots;
mod python;
mod references;

use crate::error::Diagnostic;
use crate::figure::Figure;
use crate::i18n::{self, Lang};
use crate::lesson::{BlockKind, Lesson};
use crate::markdown::Fence;
use crate::page::{fill_markdown, Page, Table};
use crate::text::escape_markdown;

use cell::{Cell, Picture};
use references::Definitions;

/// The info-string word by which a Python block says it draws a figure: `figure=step-1`.
pub const DRAWS: &str = "figure=";

/// The notebook's JSON text, with `figures` (the lesson's drawn figures and diagrams, found by
/// id; none when only checking) saved as outputs, and from the lesson's `page` (none where it
/// did not render) its tables' cells as Markdown tables and the titles its links without words
/// say.
pub fn notebook(
    lesson: &Lesson,
    lang: Lang,
    figures: &[Figure],
    page: Option<&Page>,
) -> Result<String, Diagnostic> {
    let drawn_by_code = author_figures(lesson)?;
    let mut nb = Book {
        cells: Vec::new(),
        lesson,
        lang,
        figures,
        tables: page.map_or(&[], |p| &p.tables),
        names: page.map_or(&[], |p| &p.names),
        generated: false,
        explorable: ExplorableOnly::default(),
        definitions: Definitions::of(&lesson.source.text[lesson.body_start..]),
    };
    // Front matter and block values are text, never markup: escaped for Markdown.
    let mut intro = format!("# {}\n", escape_markdown(&lesson.title));
    if !lesson.summary.is_empty() {
        intro.push_str(&format!("\n{}\n", escape_markdown(&lesson.summary)));
    }
    nb.markdown(&intro);
    if let Some(net) = &lesson.network {
        nb.cells.push(Cell::code(&parameters(net)));
        // The helpers, once, if some figure is drawn by code nnbook writes.
        if needs_helpers(lesson, &drawn_by_code) {
            let training = lesson.trainings().next().is_some();
            nb.cells.push(Cell::code(&python::helpers(net, training)));
            nb.generated = true;
        }
    }
    // The prose between fences, then each fence: an nnbook block's result, or code.
    let mut at = lesson.body_start;
    for (i, fence) in lesson.fences.iter().enumerate() {
        let prose = &lesson.source.text[at..fence.span.start];
        let prose = fill_markdown(lesson, prose, &(at..fence.span.start), lang.rtl)?;
        let prose = nb.explorable.shown(&prose);
        nb.prose(&prose);
        at = fence.span.end;
        if nb.explorable.inside {
            // (A block inside text for the sliders is left out with it.)
        } else if fence.is_nnbook() {
            if let Some(block) = lesson.block_of(i) {
                let claimed = drawn_by_code.iter().any(|(_, ids)| {
                    block_id(&block.kind).is_some_and(|id| ids.iter().any(|d| d == id))
                });
                nb.block(&block.kind, fence, claimed)?;
            }
        } else {
            let ids = drawn_by_code
                .iter()
                .find(|(f, _)| *f == i)
                .map_or(&[][..], |(_, ids)| &ids[..]);
            nb.code(fence, ids)?;
        }
    }
    let rest = &lesson.source.text[at..];
    let rest = fill_markdown(lesson, rest, &(at..lesson.source.text.len()), lang.rtl)?;
    let rest = nb.explorable.shown(&rest);
    nb.prose(&rest);
    Ok(cell::json(nb.cells))
}

/// The first code cell: the network's parameters as Python variables.
fn parameters(net: &crate::network::Network) -> String {
    let mut code = String::from("# The network's parameters, from the lesson's network block.\n");
    for p in net.params() {
        if python::is_identifier(&p.name) {
            code.push_str(&format!("{} = {}\n", p.name, p.literal));
        } else {
            // Not a Python name: the helpers use its value directly.
            code.push_str(&format!("# {} = {}\n", python::comment(&p.name), p.literal));
        }
    }
    code.trim_end().to_string()
}

/// The id of a figure, training figure or diagram block.
fn block_id(kind: &BlockKind) -> Option<&str> {
    kind.drawing().map(|(id, _)| id)
}

/// The Python blocks that say which figures they draw (`python figure=step-1`): each fence's
/// index with the ids. An id that is no figure of the lesson is an error.
fn author_figures(lesson: &Lesson) -> Result<Vec<(usize, Vec<String>)>, Diagnostic> {
    let mut out = Vec::new();
    for (i, fence) in lesson.fences.iter().enumerate() {
        if !is_python(fence) {
            continue;
        }
        let mut ids = Vec::new();
        for id in fence
            .info
            .split_whitespace()
            .filter_map(|w| w.strip_prefix(DRAWS))
        {
            let known = lesson.blocks.iter().any(|b| {
                matches!(b.kind, BlockKind::Figure(_) | BlockKind::TrainingFigure(_))
                    && block_id(&b.kind) == Some(id)
            });
            if !known && !lesson.failed_figures.iter().any(|f| f == id) {
                return Err(lesson
                    .source
                    .error(
                        fence.opening(),
                        format!("`{DRAWS}{id}`: the lesson has no figure `{id}`"),
                    )
                    .expected("the id of a figure or training figure of this lesson")
                    .hint("the notebook shows that figure as this code's output"));
            }
            ids.push(id.to_string());
        }
        if !ids.is_empty() {
            out.push((i, ids));
        }
    }
    Ok(out)
}

/// Whether a fence is Python code that runs in the notebook.
fn is_python(fence: &Fence) -> bool {
    matches!(fence.kind.as_str(), "python" | "py")
        && !fence.info.split_whitespace().any(|w| w == "verbatim")
}

/// Whether some figure or training figure is drawn by no code of the lesson's.
fn needs_helpers(lesson: &Lesson, drawn_by_code: &[(usize, Vec<String>)]) -> bool {
    lesson.blocks.iter().any(|b| {
        matches!(b.kind, BlockKind::Figure(_) | BlockKind::TrainingFigure(_))
            && !drawn_by_code
                .iter()
                .any(|(_, ids)| ids.iter().any(|id| Some(id.as_str()) == block_id(&b.kind)))
    })
}

/// The notebook being written.
struct Book<'a> {
    cells: Vec<Cell<'a>>,
    lesson: &'a Lesson,
    lang: Lang<'a>,
    figures: &'a [Figure],
    /// The tables' cells, as the page computed them.
    tables: &'a [Table],
    /// The page's headings' and drawings' titles by id, which links without words say.
    names: &'a [(String, String)],
    /// Whether the helper cell is there (so nnbook's figure and training code can run).
    generated: bool,
    /// Where the text for the page's sliders is, to leave out.
    explorable: ExplorableOnly,
    /// The lesson's link reference definitions, for the cells that use them.
    definitions: Definitions,
}

/// The lesson's text for the page's sliders (`<div class="nn-explorable-only">` to its `</div>`,
/// each on a line of its own) is about controls a notebook does not have: it is left out, with
/// any block inside it.
#[derive(Default)]
struct ExplorableOnly {
    /// Whether the text so far ends inside such a `div`.
    inside: bool,
}

impl ExplorableOnly {
    /// Markdown without its parts for the sliders.
    fn shown(&mut self, markdown: &str) -> String {
        let line_end = |at: usize| {
            markdown[at..]
                .find('\n')
                .map_or(markdown.len(), |n| at + n + 1)
        };
        let mut out = String::with_capacity(markdown.len());
        // (`at`: where the text not yet copied or dropped starts.)
        let mut at = 0;
        for (mark, opens) in crate::markdown::explorable_only_marks(markdown, 0) {
            match (self.inside, opens) {
                (false, true) => {
                    out.push_str(&markdown[at..mark]);
                    (self.inside, at) = (true, line_end(mark));
                }
                (true, false) => (self.inside, at) = (false, line_end(mark)),
                // Another `</div>` outside, or a second opening inside: text like any other.
                _ => {}
            }
        }
        if !self.inside {
            out.push_str(&markdown[at..]);
        }
        out
    }
}

impl<'a> Book<'a> {
    /// A Markdown cell (empty Markdown is left out); in a language written right to left, in a
    /// `<div dir="rtl">` (Jupyter and GitHub show a cell left to right else), its Markdown
    /// still read: blank lines around it.
    fn markdown(&mut self, text: &str) {
        let text = text.trim();
        match (text.is_empty(), self.lang.rtl) {
            (true, _) => {}
            (false, true) => {
                let text = format!("<div dir=\"rtl\">\n\n{text}\n\n</div>");
                self.cells.push(Cell::markdown(&text));
            }
            (false, false) => self.cells.push(Cell::markdown(text)),
        }
    }

    /// A Markdown cell of the lesson's prose: its footnotes numbered, with the link reference
    /// definitions it uses, its headings' attributes left out, its definition lists written out
    /// and its alerts titled.
    fn prose(&mut self, text: &str) {
        let text = footnotes::numbered(text, &self.lesson.footnotes);
        let text = references::carried(&text, &self.definitions);
        let text = headings::without_attributes(&text);
        let text = definitions::written_out(&text);
        let text = named::said(&text, self.names);
        self.markdown(&alerts::titled(&text, self.lang));
    }

    /// A code cell, with the drawings of these ids as its outputs.
    fn code_with(&mut self, code: &str, ids: &[&str]) {
        let mut cell = Cell::code(code);
        for id in ids {
            if let Some(f) = self.figures.iter().find(|f| f.id == *id) {
                cell.show(&Picture {
                    svg: f.standalone_parts(),
                    description: &f.description,
                });
            }
        }
        self.cells.push(cell);
    }

    /// The CSV of the drawn figure `id`, if it was drawn.
    fn csv(&self, id: &str) -> Option<&'a str> {
        self.figures
            .iter()
            .find(|f| f.id == id)
            .map(|f| f.csv.as_str())
    }

    /// A figure's or diagram's title and caption: `*Title.* caption`.
    fn caption(
        &mut self,
        title: &str,
        caption: &str,
        span: &std::ops::Range<usize>,
    ) -> Result<(), Diagnostic> {
        let caption = fill_markdown(self.lesson, caption, span, self.lang.rtl)?;
        let caption = named::said(&caption, self.names);
        let title = if title.is_empty() {
            i18n::text(self.lang, "figure")
        } else {
            title
        };
        self.markdown(&format!("*{}.* {}", escape_markdown(title), caption.trim()));
        Ok(())
    }
}
