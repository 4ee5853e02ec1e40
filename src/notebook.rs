//! The lesson as a Jupyter notebook (nbformat 4): its prose as Markdown cells, its Python code
//! as code cells, in order, after a first cell that sets the network's parameters. Run top to
//! bottom, it reproduces the lesson's figures.

use serde_json::{json, Value};

use crate::error::Diagnostic;
use crate::figure::escape;
use crate::i18n;
use crate::lesson::{fences, Block, Lesson};
use crate::page::{fill_markdown, fill_placeholders, table_cells};

/// The notebook's JSON text.
pub fn notebook(lesson: &Lesson, lang: &str) -> Result<String, Diagnostic> {
    let mut cells: Vec<Value> = Vec::new();
    let markdown = |cells: &mut Vec<Value>, text: &str| {
        let text = text.trim();
        if !text.is_empty() {
            cells.push(cell("markdown", text));
        }
    };
    // Front matter and block values are text, never markup: escape them for Jupyter.
    let mut intro = format!("# {}\n", escape(&lesson.title));
    if !lesson.summary.is_empty() {
        intro.push_str(&format!("\n{}\n", escape(&lesson.summary)));
    }
    markdown(&mut cells, &intro);
    if let Some(net) = &lesson.network {
        let mut code =
            String::from("# The network's parameters, from the lesson's network block.\n");
        for p in net.params() {
            code.push_str(&format!("{} = {}\n", p.name, p.literal));
        }
        cells.push(cell("code", code.trim_end()));
    }
    let body_start = lesson.body_start;
    let mut blocks = lesson.blocks.iter();
    let mut at = body_start;
    for fence in fences(lesson.body(), body_start) {
        let prose = &lesson.source.text[at..fence.span.start];
        markdown(
            &mut cells,
            &fill_markdown(lesson, prose, &(at..fence.span.start))?,
        );
        at = fence.span.end;
        if fence.is_nnbook() {
            match blocks.next() {
                Some(Block::Figure(spec)) => {
                    let caption =
                        fill_placeholders(lesson, &spec.caption, &spec.caption_span, false)?;
                    let title = if spec.title.is_empty() {
                        "Figure"
                    } else {
                        spec.title.as_str()
                    };
                    markdown(
                        &mut cells,
                        &format!("*{}.* {}", escape(title), escape(&caption)),
                    );
                }
                Some(Block::Table(spec)) => {
                    if let Some(net) = &lesson.network {
                        let (headers, rows) = table_cells(net, spec);
                        let line = |cells: &[String]| {
                            let cells: Vec<String> = cells.iter().map(|c| escape(c)).collect();
                            format!("| {} |\n", cells.join(" | "))
                        };
                        let mut table = line(&headers);
                        table.push_str(&line(&vec!["---".to_string(); headers.len()]));
                        for row in &rows {
                            table.push_str(&line(row));
                        }
                        markdown(&mut cells, &table);
                    }
                }
                Some(Block::Parameters) => {
                    if let Some(net) = &lesson.network {
                        let list: Vec<String> = net
                            .params()
                            .map(|p| format!("{} = {}", p.name, p.literal))
                            .collect();
                        let label = i18n::text(lang, "parameters");
                        markdown(&mut cells, &format!("{label}: {}", list.join(", ")));
                    }
                }
                Some(Block::Network) | Some(Block::Diagram(_)) | None => {}
            }
            continue;
        }
        let verbatim = fence.info.split_whitespace().any(|w| w == "verbatim");
        let text = if verbatim {
            fence.text.clone()
        } else {
            fill_placeholders(lesson, &fence.text, &fence.span, true)?
        };
        // Python runs; a `verbatim` listing shows placeholder syntax and stays text.
        if matches!(fence.kind.as_str(), "python" | "py") && !verbatim {
            cells.push(cell("code", text.trim_end()));
        } else {
            markdown(&mut cells, &format!("```{}\n{}```", fence.kind, text));
        }
    }
    let rest = &lesson.source.text[at..];
    markdown(
        &mut cells,
        &fill_markdown(lesson, rest, &(at..lesson.source.text.len()))?,
    );
    for (i, c) in cells.iter_mut().enumerate() {
        c["id"] = json!(format!("cell-{}", i + 1));
    }
    let nb = json!({
        "cells": cells,
        "metadata": {
            "kernelspec": { "display_name": "Python 3", "language": "python", "name": "python3" },
            "language_info": { "name": "python" }
        },
        "nbformat": 4,
        "nbformat_minor": 5
    });
    let mut text = serde_json::to_string_pretty(&nb).unwrap_or_default();
    text.push('\n');
    Ok(text)
}

/// A cell; `source` is a list of lines, each but the last ending in a newline.
fn cell(kind: &str, text: &str) -> Value {
    let lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    if kind == "code" {
        json!({ "cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": lines })
    } else {
        json!({ "cell_type": "markdown", "metadata": {}, "source": lines })
    }
}
