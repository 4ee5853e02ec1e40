//! `nnbook check`: report every problem and warning of a project; write nothing.

use std::path::Path;

use nnbook::message_format::MessageFormat;
use nnbook::site::drafts_left_out;
use nnbook::text::count;
use nnbook::{Builder, Error};

/// Check the project at `root`, its drafts too if `drafts`; problems in `format`. With
/// `deny_warnings` (for a publisher's CI: a broken link fails it), each warning is an error.
pub fn run(
    root: &Path,
    (drafts, deny_warnings): (bool, bool),
    format: MessageFormat,
) -> Result<(), Error> {
    let site = Builder::new(root)
        .with_drafts(drafts)
        .discarding()
        .build()?;
    if let Some(denied) = Error::denied(deny_warnings, &site.warnings) {
        return Err(denied);
    }
    super::report(&site.warnings, (format, root));
    let line = format!(
        "checked {}, {}: no errors, {}{}",
        count(site.lessons, "lesson"),
        count(site.figures, "figure"),
        count(site.warnings.len(), "warning"),
        drafts_left_out(site.drafts, "checks").map_or(String::new(), |d| format!(" ({d})")),
    );
    super::summary(&line, format);
    Ok(())
}
