//! A whole lesson rendered, as `site::render_lesson` does: parse, draw each figure and
//! diagram (as `site::draw_figures`, in block order), render the page, write the notebook.
//! Errors are fine; a panic, hang or out-of-memory is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nnbook::error::SourceFile;
use nnbook::figure::{self, Figure};
use nnbook::lesson::{Block, Lesson};
use nnbook::network::{Samples, Signal};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(lesson) = nnbook::lesson::parse(SourceFile::new("fuzz.md", text), "fuzz") else {
        return;
    };
    // The site stops at the first figure that cannot be drawn.
    let Some(figures) = draw_figures(&lesson) else {
        return;
    };
    let _ = nnbook::page::render(&lesson, &figures, "en");
    let _ = nnbook::notebook::notebook(&lesson, "en");
});

/// `site::draw_figures` (private there), without rayon: a piecewise-linear network is sampled
/// once for the whole lesson and each figure takes its columns; a smooth network is sampled
/// per figure by `figure::draw`.
fn draw_figures(lesson: &Lesson) -> Option<Vec<Figure>> {
    let Some(network) = lesson.network.as_ref() else {
        return Some(Vec::new());
    };
    let shared = network.is_piecewise_linear().then(|| {
        let mut signals: Vec<Signal> = Vec::new();
        for b in &lesson.blocks {
            if let Block::Figure(spec) = b {
                for s in &spec.series {
                    if !signals.contains(&s.signal) {
                        signals.push(s.signal.clone());
                    }
                }
            }
        }
        let samples = network.sample(&signals, 0.0);
        (signals, samples)
    });
    let mut figures = Vec::new();
    for block in &lesson.blocks {
        let drawn = match block {
            Block::Diagram(spec) => Ok(nnbook::diagram::draw(spec, network)),
            Block::Figure(spec) => match &shared {
                Some((signals, all)) => {
                    let columns: Vec<usize> = spec
                        .series
                        .iter()
                        .filter_map(|s| signals.iter().position(|t| *t == s.signal))
                        .collect();
                    let mine = Samples {
                        inputs: all.inputs.clone(),
                        values: all
                            .values
                            .iter()
                            .map(|row| columns.iter().map(|&c| row[c]).collect())
                            .collect(),
                    };
                    figure::draw_sampled(spec, network, &mine)
                }
                None => figure::draw(spec, network),
            },
            _ => continue,
        };
        figures.push(drawn.ok()?);
    }
    Some(figures)
}
