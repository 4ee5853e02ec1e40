//! One file per command: each turns the parsed arguments into a call to the library and prints
//! what the user needs to see.

pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod serve;

use std::io::{BufWriter, Write};

use nnbook::Diagnostic;

/// Print warnings to standard error, each once (buffered, as `main` prints errors).
pub fn report(warnings: &[Diagnostic]) {
    let mut out = BufWriter::new(std::io::stderr().lock());
    let written = (warnings.iter()).try_for_each(|w| writeln!(out, "{w}"));
    let _ = written.and_then(|()| out.flush());
}
