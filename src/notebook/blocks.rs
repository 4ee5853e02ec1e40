//! What each fence becomes in the notebook: an nnbook block's result (a figure with its code
//! and drawing, a diagram, a table, a training), or the lesson's code.

use crate::error::Diagnostic;
use crate::i18n;
use crate::lesson::BlockKind;
use crate::markdown::Fence;
use crate::page::fill_placeholders;
use crate::text::{escape_markdown, format_number, left_to_right, shortest};

use super::{is_python, plots, Book};

impl Book<'_> {
    /// What an nnbook block shows: a figure's caption with its code and drawing (the drawing
    /// alone with the caption if `claimed`: the lesson's code draws it), a diagram, a table,
    /// a training's summary and code, the parameters.
    pub(super) fn block(
        &mut self,
        block: &BlockKind,
        fence: &Fence,
        claimed: bool,
    ) -> Result<(), Diagnostic> {
        let (lesson, lang) = (self.lesson, self.lang);
        let net_here = lesson.network_at(fence.span.start);
        match (block, net_here) {
            (BlockKind::Figure(spec), Some(net)) => {
                self.caption(&spec.title, &spec.caption, &spec.caption_span)?;
                if !claimed && self.generated {
                    let csv = self.csv(&spec.id);
                    self.code_with(&plots::figure(spec, net, csv, lang), &[&spec.id]);
                }
            }
            (BlockKind::TrainingFigure(spec), _) => {
                self.caption(&spec.title, &spec.caption, &spec.caption_span)?;
                if let (false, true, Some(t)) =
                    (claimed, self.generated, lesson.training(&spec.training))
                {
                    let code = plots::training_figure(spec, t, lang, self.csv(&spec.id));
                    self.code_with(&code, &[&spec.id]);
                }
            }
            (BlockKind::Diagram(spec), _) => {
                self.caption(&spec.title, &spec.caption, &spec.caption_span)?;
                // A code cell's saved output, not a Markdown attachment: GitHub and nbviewer
                // show a cell's SVG output, but not every viewer shows attachments.
                let code = format!(
                    "# The diagram `{}`, drawn by nnbook: the saved output below (Python does not redraw it).",
                    spec.id
                );
                self.code_with(&code, &[&spec.id]);
            }
            (BlockKind::Table(_) | BlockKind::TrainingTable(_), _) => {
                // As the page shows it (a table the page could not compute is in neither).
                if let Some(t) = self.tables.iter().find(|t| t.at == fence.span.start) {
                    self.markdown(&markdown_table(&t.headers, &t.rows, self.lang.rtl));
                }
            }
            (BlockKind::Training(t), _) => {
                self.markdown(&training_summary(self, t));
                if self.generated {
                    self.cells.push(super::Cell::code(&plots::training(t)));
                }
            }
            (BlockKind::Parameters, Some(net)) => {
                let list: Vec<String> = net
                    .params()
                    .map(|p| p.shown(self.lesson.precision))
                    .collect();
                let label = i18n::text(lang, "parameters");
                self.markdown(&escape_markdown(&format!("{label}: {}", list.join(", "))));
            }
            _ => {}
        }
        Ok(())
    }

    /// A fenced code block: Python runs as a code cell (with the drawings of the figures it
    /// says it draws, `ids`, as its outputs); a `verbatim` listing shows placeholder syntax and
    /// stays text, like any other language.
    pub(super) fn code(&mut self, fence: &Fence, ids: &[String]) -> Result<(), Diagnostic> {
        let verbatim = fence.info.split_whitespace().any(|w| w == "verbatim");
        let text = if verbatim {
            fence.text.clone()
        } else {
            fill_placeholders(self.lesson, &fence.text, &fence.span, true)?
        };
        if is_python(fence) {
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            self.code_with(text.trim_end(), &ids);
        } else {
            // A fence longer than any run of backticks in the text, so the text cannot end it.
            let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
            let ticks = "`".repeat(longest.max(2) + 1);
            self.markdown(&format!("{ticks}{}\n{text}{ticks}", fence.kind));
        }
        Ok(())
    }
}

/// What nnbook computed for a training, for the reader to compare with the notebook's run.
fn training_summary(book: &Book, t: &crate::lesson::TrainingBlock) -> String {
    let precision = book.lesson.precision;
    let n = t.steps();
    let values: Vec<String> = t
        .spec
        .params
        .iter()
        .zip(&t.training.final_values)
        .map(|(p, v)| format!("{p} = {}", format_number(*v, precision)))
        .collect();
    // (A number alone in a sentence written right to left: a run of its own, its minus first.)
    let number = |v: Option<f64>| {
        left_to_right(
            format_number(v.unwrap_or(f64::NAN), precision),
            book.lang.rtl,
        )
    };
    i18n::sentence_as(
        book.lang,
        "training_summary",
        &[
            ("id", &format!("`{}`", t.id)),
            ("params", &escape_markdown(&t.spec.params.join(", "))),
            ("rate", &shortest(t.spec.learning_rate)),
            ("steps", &n.to_string()),
            ("from", &number(t.loss_at(0))),
            ("to", &number(t.loss_at(n))),
            ("values", &escape_markdown(&values.join(", "))),
        ],
        |words| escape_markdown(words).into(),
    )
}

/// A table as Markdown, its cells escaped; in a language written right to left (`rtl`) each
/// body cell without its letters (numbers, sums, `w1 = −0.85`) a `<bdi dir="ltr">`, as the
/// page's numbers are left to right.
fn markdown_table(headers: &[String], rows: &[Vec<String>], rtl: bool) -> String {
    let line = |cells: &[String], body: bool| {
        let cells: Vec<String> = (cells.iter())
            .map(|c| {
                let letters = c.chars().any(i18n::right_to_left_letter);
                left_to_right(escape_markdown(c), body && rtl && !letters)
            })
            .collect();
        format!("| {} |\n", cells.join(" | "))
    };
    let mut table = line(headers, false);
    table.push_str(&line(&vec!["---".to_string(); headers.len()], false));
    for row in rows {
        table.push_str(&line(row, true));
    }
    table
}

#[cfg(test)]
mod tests {
    use super::markdown_table;

    #[test]
    fn a_table_right_to_left_keeps_its_numbers_left_to_right_and_its_words_as_written() {
        let headers = ["الجرعة".to_string(), "Output".to_string()];
        let rows = [vec!["العقدة العليا".to_string(), "−0.85".to_string()]];
        assert_eq!(
            markdown_table(&headers, &rows, true),
            "| الجرعة | Output |\n| --- | --- |\n| العقدة العليا | <bdi dir=\"ltr\">−0.85</bdi> |\n"
        );
        assert_eq!(
            markdown_table(&headers, &rows, false),
            "| الجرعة | Output |\n| --- | --- |\n| العقدة العليا | −0.85 |\n"
        );
    }
}
