//! nnbook's integration tests: one test binary (it links the library once), one module per
//! topic, and the shared harness in `tests/support/`.
//!
//! Run one topic with `cargo test --test testsuite limits::`, one test by its name.
//! Update the diagnostic snapshots with `INSTA_UPDATE=always cargo test --test testsuite` and
//! review every line:column and underline by hand before committing them.

#[path = "../support/mod.rs"]
mod support;

// The shipped project and the library's numbers.
mod numbers;
mod reader;
mod site;

// Authoring: projects made by the CLI, the guide's quoted messages, diagnostics.
mod diagnostics;
mod guide;
mod invalid;
mod scaffold;

// Never a panic or a hang, whatever the input.
mod fuzz_regressions;
mod no_panic;

// `nnbook serve`, end to end.
mod serve;

// Trustworthy under faults and hostile input (issue 6); these run the binary, so that a crash
// shows as a signal instead of taking the test harness down.
#[cfg(unix)]
mod deep_nesting;
#[cfg(unix)]
mod escaping;
#[cfg(unix)]
mod file_names;
#[cfg(unix)]
mod limits;
#[cfg(unix)]
mod output_safety;
#[cfg(unix)]
mod robust_kill;
#[cfg(unix)]
mod slugs;
#[cfg(unix)]
mod terminal;
