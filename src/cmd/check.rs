//! `nnbook check`: report every problem and warning of a project; write nothing.

use std::path::Path;

use nnbook::text::count;
use nnbook::Error;

pub fn run(root: &Path) -> Result<(), Error> {
    let site = nnbook::check(root)?;
    super::report(&site.warnings);
    println!(
        "checked {}, {}: no errors, {}",
        count(site.lessons, "lesson"),
        count(site.figures, "figure"),
        count(site.warnings.len(), "warning"),
    );
    Ok(())
}
