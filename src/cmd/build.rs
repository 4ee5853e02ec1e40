//! `nnbook build`: build the site into the output folder.

use std::path::{Path, PathBuf};

use nnbook::project::SITE_DIR;
use nnbook::{BuildOptions, Error};

/// Build the project at `root` into `out` (default: `ROOT/site`).
pub fn run(
    root: PathBuf,
    out: Option<PathBuf>,
    base_url: Option<String>,
    quiet: bool,
    force: bool,
) -> Result<(), Error> {
    let out = out.unwrap_or_else(|| {
        if root == Path::new(".") {
            PathBuf::from(SITE_DIR)
        } else {
            root.join(SITE_DIR)
        }
    });
    let summary = nnbook::build(&BuildOptions {
        root,
        out,
        base_url,
        force,
    })?;
    super::report(&summary.warnings);
    if !quiet {
        println!("{summary}");
    }
    Ok(())
}
