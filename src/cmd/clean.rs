//! `nnbook clean`: remove the site a build made and what it keeps beside it.

use std::path::Path;

use nnbook::Error;

pub fn run(root: &Path, out: &Path) -> Result<(), Error> {
    super::note_if_busy(out);
    let removed = nnbook::site::clean(root, out)?;
    if removed.is_empty() {
        super::say!("nothing to remove: no site at {}", out.display());
    }
    // (Named from where the user is, as they named the output.)
    let here = std::env::current_dir().unwrap_or_default();
    for path in &removed {
        let shown = path.strip_prefix(&here).unwrap_or(path);
        super::say!("removed {}", shown.display());
    }
    Ok(())
}
