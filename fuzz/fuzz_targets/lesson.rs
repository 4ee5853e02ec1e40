//! The lesson parser on arbitrary UTF-8: front matter, fenced blocks, every block kind.
//! It must return `Ok` or diagnostics, never panic, hang or run out of memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nnbook::error::SourceFile;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The fence scanner on its own, at offset 0 and at an arbitrary offset.
    let _ = nnbook::markdown::fences(text, 0);
    let _ = nnbook::markdown::fences(text, 7);
    // The whole parse, as `nnbook build` does it for `fuzz.md`.
    let _ = nnbook::lesson::parse(SourceFile::new("fuzz.md", text), "fuzz");
});
