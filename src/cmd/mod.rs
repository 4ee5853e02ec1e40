//! One file per command: each turns the parsed arguments into a call to the library and prints
//! what the user needs to see.

/// `println!` that never panics: a closed standard output (`nnbook check | head -0`) loses the
/// line, and the command goes on (what it did is done; its exit code says how it went).
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}
pub(crate) use say;

pub mod build;
pub mod check;
pub mod clean;
pub mod init;
pub mod new;
pub mod serve;
pub mod words;

use std::io::{self, BufWriter, Write};
use std::path::Path;

use nnbook::message_format::MessageFormat;
use nnbook::{Diagnostic, Error};

/// Print the warnings of the project at `root`, each once, in `format` (to standard error, or
/// standard output for a format other programs read: [`MessageFormat::to_stdout`]).
pub fn report(warnings: &[Diagnostic], (format, root): (MessageFormat, &Path)) {
    to_stream(format, |out| {
        (warnings.iter()).try_for_each(|w| format.write(w, root, out))
    });
}

/// Print every problem of a failed command, each rendered once, in `format`.
pub fn report_error(error: &Error, (format, root): (MessageFormat, &Path)) {
    to_stream(format, |out| format.write_error(error, root, out));
}

/// A note, before a build or `clean` of the site at `out` waits for the lock another nnbook
/// holds ([`nnbook::site::output_busy`]).
pub fn note_if_busy(out: &Path) {
    if nnbook::site::output_busy(out) {
        eprintln!(
            "note: another nnbook is writing {}: waiting for it to finish",
            out.display()
        );
    }
}

/// A path a command wrote or removed, as the user reads it: `content/relu.md`, not
/// `./content/relu.md` (the project `.` joined to it).
pub fn shown(path: &Path) -> std::path::Display<'_> {
    path.strip_prefix(".").unwrap_or(path).display()
}

/// Print a command's summary line: on standard output, or on standard error where the
/// problems have standard output.
pub fn summary(line: &str, format: MessageFormat) {
    match format.to_stdout() {
        true => drop(writeln!(io::stderr(), "{line}")),
        false => say!("{line}"),
    }
}

/// What `write` writes, to the stream `format` writes problems to, through a buffer:
/// unbuffered, each piece of a message is a system call of its own (60% of the time of 125,000
/// problems). A closed stream is no reason to fail.
fn to_stream(format: MessageFormat, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) {
    let mut out: BufWriter<Box<dyn Write>> = BufWriter::new(match format.to_stdout() {
        true => Box::new(io::stdout().lock()),
        false => Box::new(io::stderr().lock()),
    });
    let _ = write(&mut out).and_then(|()| out.flush());
}
