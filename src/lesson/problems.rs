//! A block's problems, gathered: each field of a block is checked on its own, so that one run
//! reports every mistake in it (a misspelt signal does not hide an unknown colour, nor a wrong
//! control the next one). A check that needs another field's value runs only when that value
//! passed its own check.

use crate::error::Diagnostic;

/// The problems found in one block so far.
#[derive(Default)]
pub(super) struct Problems(Vec<Diagnostic>);

impl Problems {
    /// The value of a check that passed; `None`, the problem noted, for one that did not.
    pub fn keep<T>(&mut self, check: Result<T, Diagnostic>) -> Option<T> {
        check.map_err(|d| self.0.push(d)).ok()
    }

    /// As [`keep`](Self::keep), for a part with problems of its own.
    pub fn keep_all<T>(&mut self, check: Result<T, Vec<Diagnostic>>) -> Option<T> {
        check.map_err(|ds| self.0.extend(ds)).ok()
    }

    pub fn note(&mut self, problem: Diagnostic) {
        self.0.push(problem);
    }

    /// Every problem noted, for a block a value of which is missing: because its check failed
    /// and was noted, or because it comes from a block whose problems are reported (then there
    /// may be none here).
    pub fn failed<T>(self) -> Result<T, Vec<Diagnostic>> {
        Err(self.0)
    }

    /// A collector that starts with `problems` (the unknown fields of a block or of the front
    /// matter, found as its TOML was read: [`super::toml::read_toml`]).
    pub fn from_vec(problems: Vec<Diagnostic>) -> Problems {
        Problems(problems)
    }

    /// Every problem noted, for a part that stands in with defaults where a check failed.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }

    /// Every problem noted, if there is one.
    pub fn finish(self) -> Result<(), Vec<Diagnostic>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}
