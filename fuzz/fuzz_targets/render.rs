//! A whole lesson rendered, as `site::render_lesson` does: parse, draw each figure and
//! diagram (`site::draw_figures`), render the page, write the notebook.
//! Errors are fine; a panic, hang or out-of-memory is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nnbook::error::SourceFile;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(lesson) = nnbook::lesson::parse(SourceFile::new("fuzz.md", text), "fuzz") else {
        return;
    };
    // The site stops at the first figure that cannot be drawn.
    let Ok(figures) = nnbook::site::draw_figures(&lesson, "en") else {
        return;
    };
    let _ = nnbook::page::render(&lesson, &figures, "en");
    let _ = nnbook::notebook::notebook(&lesson, "en");
});
