//! A block's problems, gathered: each field of a block is checked on its own, so that one run
//! reports every mistake in it (a misspelt signal does not hide an unknown colour, nor a wrong
//! control the next one). A check that needs another field's value runs only when that value
//! passed its own check.
//!
//! A value of the wrong type (`to = "1.0"`, `steps = "ten"`) is read as a stand-in of the
//! type expected ([`super::toml::read_toml`]), so that the block's other fields are
//! checked too. What is found about a stand-in is not the author's problem and is left out,
//! and a block with one always fails: its values are never used.

use crate::error::{Diagnostic, Location};

/// The problems found in one block so far.
#[derive(Default)]
pub(super) struct Problems {
    found: Vec<Diagnostic>,
    /// Where values were stood in for wrong ones, as the block was read.
    stood_in: Vec<Location>,
    /// How many of `found` were found as the block was read (the wrong values among them).
    read: usize,
}

impl Problems {
    /// The value of a check that passed; `None`, the problem noted, for one that did not.
    pub fn keep<T>(&mut self, check: Result<T, Diagnostic>) -> Option<T> {
        check.map_err(|d| self.found.push(d)).ok()
    }

    /// As [`keep`](Self::keep), for a part with problems of its own.
    pub fn keep_all<T>(&mut self, check: Result<T, Vec<Diagnostic>>) -> Option<T> {
        check.map_err(|ds| self.found.extend(ds)).ok()
    }

    pub fn note(&mut self, problem: Diagnostic) {
        self.found.push(problem);
    }

    /// Every problem noted, for a block a value of which is missing: because its check failed
    /// and was noted, or because it comes from a block whose problems are reported (then there
    /// may be none here).
    pub fn failed<T>(self) -> Result<T, Vec<Diagnostic>> {
        Err(self.into_vec())
    }

    /// A collector that starts with the `problems` found as a block was read, in which values
    /// were stood in for wrong ones at `stood_in`.
    pub fn read(problems: Vec<Diagnostic>, stood_in: Vec<Location>) -> Problems {
        Problems {
            read: problems.len(),
            found: problems,
            stood_in,
        }
    }

    /// The collector without the problems found as the block was read (reported elsewhere),
    /// still leaving out what is about its stand-ins.
    pub fn checked_only(mut self) -> Problems {
        self.found.drain(..self.read);
        self.read = 0;
        self
    }

    /// Whether values were stood in for wrong ones: the block fails, and what it would give
    /// (a training's run, a warning) is not worked out.
    pub fn stood_in(&self) -> bool {
        !self.stood_in.is_empty()
    }

    /// Whether a problem was noted, or a value stood in for a wrong one.
    pub fn any(&self) -> bool {
        !self.found.is_empty() || self.stood_in()
    }

    /// Whether a value was stood in for a wrong one at `location`.
    pub fn stood_in_at(&self, location: &Location) -> bool {
        overlap(&self.stood_in, location)
    }

    /// Every problem noted, but those about a stand-in, for a part that stands in with
    /// defaults where a check failed.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        let Problems {
            mut found,
            stood_in,
            read,
        } = self;
        let checked = found.split_off(read);
        found.extend(checked.into_iter().filter(|d| !about(&stood_in, d)));
        found
    }

    /// Every problem noted, if there is one (a block read with a stand-in has one).
    pub fn finish(self) -> Result<(), Vec<Diagnostic>> {
        if self.found.is_empty() && self.stood_in.is_empty() {
            Ok(())
        } else {
            Err(self.into_vec())
        }
    }
}

/// Whether problem `d` is about a value stood in for a wrong one (at `stood_in`): what is
/// found about the stand-in (a sample count of 0) is not the author's.
fn about(stood_in: &[Location], d: &Diagnostic) -> bool {
    d.location.as_deref().is_some_and(|l| overlap(stood_in, l))
}

/// Whether `l` overlaps one of `stood_in` (on its line).
fn overlap(stood_in: &[Location], l: &Location) -> bool {
    stood_in.iter().any(|v| {
        v.line == l.line
            && l.column < v.column + v.width.max(1)
            && v.column < l.column + l.width.max(1)
    })
}
