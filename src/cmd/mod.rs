//! One file per command: each turns the parsed arguments into a call to the library and prints
//! what the user needs to see.

pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod serve;

use std::io::{self, BufWriter, Write};

use nnbook::{Diagnostic, Error};

/// Print warnings to standard error, each once.
pub fn report(warnings: &[Diagnostic]) {
    to_stderr(|out| (warnings.iter()).try_for_each(|w| writeln!(out, "{w}")));
}

/// Print every problem of a failed command to standard error, each rendered once.
pub fn report_error(error: &Error) {
    to_stderr(|out| write!(out, "{error}"));
}

/// What `write` writes, to standard error through a buffer: unbuffered, each piece of a message
/// is a system call of its own (60% of the time of 125,000 problems). A closed standard error
/// is no reason to fail.
fn to_stderr(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) {
    let mut out = BufWriter::new(io::stderr().lock());
    let _ = write(&mut out).and_then(|()| out.flush());
}
