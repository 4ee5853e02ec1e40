//! `nnbook clean`, as mdBook's: remove the site a build made and what it keeps beside it (the
//! manifest, the replaced site set aside, a killed build's staging folder), so that the next
//! build starts from nothing. What the output folder rule protects, it protects here too: the
//! project, a folder nnbook did not build, a link, and a file put into the site by hand.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error};

use super::manifest;
use super::publish::{self, Beside};

/// Remove the site at `out` (of the project at `root`) and the files a build keeps beside it;
/// the paths removed. Refused, with nothing removed, where a build would refuse to replace the
/// folder (not without `--force`) or the site holds files nnbook did not write.
pub fn clean(root: &Path, out: &Path) -> Result<Vec<PathBuf>, Error> {
    publish::check_output_folder(root, out, publish::Purpose::Clean)?;
    let site = publish::output_path(out);
    let fail = |what: &Path, e: std::io::Error| {
        Diagnostic::new(format!("cannot remove {}: {e}", what.display())).hint(
            "nnbook removes only what a build wrote: check that you may write it and the folder that holds it",
        )
    };
    // (Nothing there: nothing to lock, nor a folder to make for the lock, a mistyped `--out`'s.)
    let beside = publish::beside(&site);
    let any = [
        &site,
        &beside.staging,
        &beside.old,
        &beside.trash,
        &manifest::path(&site),
    ];
    if !any.iter().any(|p| p.exists()) {
        return Ok(Vec::new());
    }
    let lock = publish::lock_output(&site).map_err(|e| fail(&site, e))?;
    publish::recover(&site).map_err(|e| fail(&site, e))?;
    let foreign = publish::previous_site(&site).foreign();
    if !foreign.is_empty() {
        return Err(publish::foreign_files(out, &foreign, publish::Purpose::Clean).into());
    }
    let mut removed = Vec::new();
    // (An empty folder may be the user's: it is left.)
    let filled = fs::read_dir(&site).is_ok_and(|mut entries| entries.next().is_some());
    let Beside {
        staging,
        old,
        trash,
    } = publish::beside(&site);
    let site_folder = filled.then_some(site.clone());
    for folder in [site_folder, Some(staging), Some(old), Some(trash)]
        .into_iter()
        .flatten()
    {
        if folder.exists() {
            publish::remove_tree(&folder).map_err(|e| fail(&folder, e))?;
            removed.push(folder);
        }
    }
    let record = manifest::path(&site);
    if record.is_file() {
        fs::remove_file(&record).map_err(|e| fail(&record, e))?;
        removed.push(record);
    }
    drop(lock);
    Ok(removed)
}
