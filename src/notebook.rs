//! The lesson as a Jupyter notebook (nbformat 4): its prose as Markdown cells, its Python code
//! as code cells, in order, after a first cell that sets the network's parameters. Run top to
//! bottom, it reproduces the lesson's figures.

use serde::Serialize;

use crate::error::Diagnostic;
use crate::i18n;
use crate::lesson::{BlockKind, Lesson};
use crate::markdown::Fence;
use crate::page::{fill_markdown, fill_placeholders, table_cells, training_table_cells};
use crate::text::{escape, format_number, shortest};

/// The notebook's JSON text.
pub fn notebook(lesson: &Lesson, lang: &str) -> Result<String, Diagnostic> {
    let mut cells = Cells::default();
    // Front matter and block values are text, never markup: escape them for Jupyter.
    let mut intro = format!("# {}\n", escape(&lesson.title));
    if !lesson.summary.is_empty() {
        intro.push_str(&format!("\n{}\n", escape(&lesson.summary)));
    }
    cells.markdown(&intro);
    if let Some(net) = &lesson.network {
        let mut code =
            String::from("# The network's parameters, from the lesson's network block.\n");
        for p in net.params() {
            code.push_str(&format!("{} = {}\n", p.name, p.literal));
        }
        cells.0.push(Cell::code(code.trim_end()));
    }
    // The prose between fences, then each fence: an nnbook block's result, or code.
    let mut at = lesson.body_start;
    for (i, fence) in lesson.fences.iter().enumerate() {
        let prose = &lesson.source.text[at..fence.span.start];
        cells.markdown(&fill_markdown(lesson, prose, &(at..fence.span.start))?);
        at = fence.span.end;
        if fence.is_nnbook() {
            if let Some(block) = lesson.block_of(i) {
                block_cell(&mut cells, lesson, &block.kind, lang)?;
            }
        } else {
            code_cell(&mut cells, lesson, fence)?;
        }
    }
    let rest = &lesson.source.text[at..];
    cells.markdown(&fill_markdown(
        lesson,
        rest,
        &(at..lesson.source.text.len()),
    )?);
    Ok(json(cells.0))
}

/// The cells so far; empty Markdown is left out.
#[derive(Default)]
struct Cells(Vec<Cell>);

impl Cells {
    fn markdown(&mut self, text: &str) {
        let text = text.trim();
        if !text.is_empty() {
            self.0.push(Cell::markdown(text));
        }
    }
}

/// What an nnbook block shows in the notebook: a figure's caption, a table, the parameters.
fn block_cell(
    cells: &mut Cells,
    lesson: &Lesson,
    block: &BlockKind,
    lang: &str,
) -> Result<(), Diagnostic> {
    match (block, &lesson.network) {
        (BlockKind::Figure(spec), _) => {
            let caption = fill_placeholders(lesson, &spec.caption, &spec.caption_span, false)?;
            let title = if spec.title.is_empty() {
                "Figure"
            } else {
                spec.title.as_str()
            };
            cells.markdown(&format!("*{}.* {}", escape(title), escape(&caption)));
        }
        (BlockKind::Table(spec), Some(net)) => {
            let (headers, rows) = table_cells(net, spec, lang);
            cells.markdown(&markdown_table(&headers, &rows));
        }
        (BlockKind::TrainingFigure(spec), _) => {
            let caption = fill_placeholders(lesson, &spec.caption, &spec.caption_span, false)?;
            let title = if spec.title.is_empty() {
                "Figure"
            } else {
                spec.title.as_str()
            };
            cells.markdown(&format!("*{}.* {}", escape(title), escape(&caption)));
        }
        (BlockKind::Training(t), _) => {
            // What nnbook computed, for the reader to compare with the notebook's own run.
            let n = t.steps();
            let values: Vec<String> = t
                .spec
                .params
                .iter()
                .zip(&t.training.final_values)
                .map(|(p, v)| format!("{p} = {}", format_number(*v, lesson.precision)))
                .collect();
            let number = |v: Option<f64>| format_number(v.unwrap_or(f64::NAN), lesson.precision);
            let summary = i18n::sentence(
                lang,
                "training_summary",
                &[
                    ("id", &format!("`{}`", t.id)),
                    ("params", &t.spec.params.join(", ")),
                    ("rate", &shortest(t.spec.learning_rate)),
                    ("steps", &n.to_string()),
                    ("from", &number(t.loss_at(0))),
                    ("to", &number(t.loss_at(n))),
                    ("values", &values.join(", ")),
                ],
            );
            cells.markdown(&escape(&summary));
        }
        (BlockKind::TrainingTable(spec), _) => {
            if let Some(t) = lesson.training(&spec.training) {
                let (headers, rows) = training_table_cells(t, spec, lang);
                cells.markdown(&markdown_table(&headers, &rows));
            }
        }
        (BlockKind::Parameters, Some(net)) => {
            let list: Vec<String> = net
                .params()
                .map(|p| format!("{} = {}", p.name, p.literal))
                .collect();
            let label = i18n::text(lang, "parameters");
            cells.markdown(&format!("{label}: {}", list.join(", ")));
        }
        _ => {}
    }
    Ok(())
}

/// A table as Markdown, its cells escaped.
fn markdown_table(headers: &[String], rows: &[Vec<String>]) -> String {
    let line = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|c| escape(c)).collect();
        format!("| {} |\n", cells.join(" | "))
    };
    let mut table = line(headers);
    table.push_str(&line(&vec!["---".to_string(); headers.len()]));
    for row in rows {
        table.push_str(&line(row));
    }
    table
}

/// A fenced code block: Python runs as a code cell; a `verbatim` listing shows placeholder
/// syntax and stays text, like any other language.
fn code_cell(cells: &mut Cells, lesson: &Lesson, fence: &Fence) -> Result<(), Diagnostic> {
    let verbatim = fence.info.split_whitespace().any(|w| w == "verbatim");
    let text = if verbatim {
        fence.text.clone()
    } else {
        fill_placeholders(lesson, &fence.text, &fence.span, true)?
    };
    if matches!(fence.kind.as_str(), "python" | "py") && !verbatim {
        cells.0.push(Cell::code(text.trim_end()));
    } else {
        cells.markdown(&format!("```{}\n{}```", fence.kind, text));
    }
    Ok(())
}

/// The notebook around its cells, as pretty-printed JSON.
fn json(mut cells: Vec<Cell>) -> String {
    for (i, c) in cells.iter_mut().enumerate() {
        c.id = format!("cell-{}", i + 1);
    }
    let nb = Notebook {
        cells,
        metadata: Metadata {
            kernelspec: KernelSpec {
                display_name: "Python 3",
                language: "python",
                name: "python3",
            },
            language_info: LanguageInfo { name: "python" },
        },
        nbformat: 4,
        nbformat_minor: 5,
    };
    let mut text = serde_json::to_string_pretty(&nb).unwrap_or_default();
    text.push('\n');
    text
}

// The notebook's JSON, field by field in alphabetical order (the order `json!` maps have).

#[derive(Serialize)]
struct Notebook {
    cells: Vec<Cell>,
    metadata: Metadata,
    nbformat: u32,
    nbformat_minor: u32,
}

#[derive(Serialize)]
struct Metadata {
    kernelspec: KernelSpec,
    language_info: LanguageInfo,
}

#[derive(Serialize)]
struct KernelSpec {
    display_name: &'static str,
    language: &'static str,
    name: &'static str,
}

#[derive(Serialize)]
struct LanguageInfo {
    name: &'static str,
}

/// A cell; `source` is a list of lines, each but the last ending in a newline.
#[derive(Serialize)]
struct Cell {
    cell_type: &'static str,
    /// Code cells only: `null` (never run).
    #[serde(skip_serializing_if = "Option::is_none")]
    execution_count: Option<Unrun>,
    id: String,
    metadata: Empty,
    /// Code cells only: none yet.
    #[serde(skip_serializing_if = "Option::is_none")]
    outputs: Option<[(); 0]>,
    source: Vec<String>,
}

/// Serialises as `null`.
#[derive(Serialize)]
struct Unrun;

/// Serialises as `{}`.
#[derive(Serialize)]
struct Empty {}

impl Cell {
    fn markdown(text: &str) -> Cell {
        Cell {
            cell_type: "markdown",
            execution_count: None,
            id: String::new(),
            metadata: Empty {},
            outputs: None,
            source: text.split_inclusive('\n').map(str::to_string).collect(),
        }
    }

    fn code(text: &str) -> Cell {
        Cell {
            cell_type: "code",
            execution_count: Some(Unrun),
            outputs: Some([]),
            ..Cell::markdown(text)
        }
    }
}
