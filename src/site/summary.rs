//! What a one-shot build is asked to do, and what it says it did.

use std::path::PathBuf;
use std::time::Duration;

use crate::error::Diagnostic;
use crate::text::count;

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The project folder (holds `content/` and optionally `templates/` and `nnbook.toml`).
    pub root: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// The site's public address, overriding `base_url` in `nnbook.toml`.
    pub base_url: Option<String>,
    /// Replace the output folder even if nnbook did not build it (`--force`).
    pub force: bool,
    /// Build the lessons whose front matter says `draft = true` too (`--drafts`).
    pub drafts: bool,
    /// Fail, publishing nothing, when there is a warning (`--deny-warnings`).
    pub deny_warnings: bool,
}

/// What a build did.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub lessons: usize,
    /// How many lessons were rendered; the others were linked unchanged from the published site.
    pub rendered: usize,
    pub figures: usize,
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
    pub out: PathBuf,
    pub elapsed: Duration,
    /// How many drafts were left out.
    pub drafts: usize,
}

impl std::fmt::Display for BuildSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "built {}, {} in {} ms -> {}",
            count(self.lessons, "lesson"),
            count(self.figures, "figure"),
            self.elapsed.as_millis(),
            self.out.display()
        )?;
        // (The warnings are printed above it: how many, as `check` says it.)
        let warnings = (!self.warnings.is_empty()).then(|| count(self.warnings.len(), "warning"));
        let notes: Vec<String> = (warnings.into_iter())
            .chain(drafts_left_out(self.drafts, "builds"))
            .collect();
        match notes.is_empty() {
            true => Ok(()),
            false => write!(f, " ({})", notes.join("; ")),
        }
    }
}

/// What a summary line says of `drafts` left out, if any: how many, and that `--drafts` `does`
/// them (`builds`, `checks`, `serves`).
pub fn drafts_left_out(drafts: usize, does: &str) -> Option<String> {
    match drafts {
        0 => None,
        1 => Some(format!("1 draft left out: --drafts {does} it")),
        n => Some(format!("{n} drafts left out: --drafts {does} them")),
    }
}
