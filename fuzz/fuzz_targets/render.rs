//! A whole lesson rendered, as the site renders it (`nnbook::render::render`): parse, draw each
//! figure and diagram, render the page, write the notebook.
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
    let _ = nnbook::render::render(&lesson, nnbook::i18n::Lang::built_in("en"));
});
