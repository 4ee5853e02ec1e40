//! The lesson parser on arbitrary UTF-8: front matter, fenced blocks, every block kind.
//! It must return `Ok` or diagnostics, never panic, hang or run out of memory; nor may writing
//! those diagnostics, in any `--message-format`.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use nnbook::error::SourceFile;
use nnbook::message_format::MessageFormat::{Github, Human, Json, Short};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The fence scanner on its own, at offset 0 and at an arbitrary offset.
    let _ = nnbook::markdown::fences(text, 0);
    let _ = nnbook::markdown::fences(text, 7);
    // The whole parse, as `nnbook build` does it for `fuzz.md`, and its problems written in
    // every `--message-format`.
    if let Err(problems) = nnbook::lesson::parse(SourceFile::new("fuzz.md", text), "fuzz") {
        let error = nnbook::Error::from(problems);
        for format in [Human, Short, Json, Github] {
            let _ = format.write_error(&error, Path::new("docs"), &mut std::io::sink());
        }
    }
});
