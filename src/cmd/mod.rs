//! One file per command: each turns the parsed arguments into a call to the library and prints
//! what the user needs to see.

pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod serve;

use nnbook::Diagnostic;

/// Print warnings to standard error, each once.
pub fn report(warnings: &[Diagnostic]) {
    for w in warnings {
        eprintln!("{w}");
    }
}
