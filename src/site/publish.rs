//! Publishing the output folder: which folders may be written, the staging folder beside the
//! output, and the swap that replaces the previous site only once the new one is complete.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::error::{Diagnostic, Error};
use crate::project::{CONTENT_DIR, SITE_DIR, TEMPLATES_DIR};

/// A built site, in memory: output paths (relative, with `/`) and their bytes, sorted.
pub type SiteFiles = BTreeMap<String, Arc<Vec<u8>>>;

/// Refuse an output folder that would overwrite the project itself.
pub fn check_output_folder(root: &Path, out: &Path) -> Result<(), Error> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        // Canonicalise the longest existing ancestor, keep the rest as written.
        let mut existing = p.clone();
        let mut tail = Vec::new();
        while !existing.exists() {
            match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    tail.push(name.to_os_string());
                    existing = parent.to_path_buf();
                }
                _ => break,
            }
        }
        let mut c = existing.canonicalize().unwrap_or(existing);
        for t in tail.iter().rev() {
            c.push(t);
        }
        c
    };
    let out_abs = abs(out);
    let root_abs = abs(root);
    let protected = [
        root_abs.clone(),
        root_abs.join(CONTENT_DIR),
        root_abs.join(TEMPLATES_DIR),
    ];
    if out_abs.parent().is_none()
        || protected
            .iter()
            .any(|p| p.starts_with(&out_abs) || out_abs.starts_with(p) && *p != root_abs)
    {
        return Err(Diagnostic::new(format!("refusing to write the site into {}", out.display()))
            .expected("an output folder that is not the project, its content or templates, nor a parent of them")
            .hint("use the default `site/` or pass `--out DIR`")
            .into());
    }
    if out_abs.exists() && !out_abs.is_dir() {
        return Err(Diagnostic::new(format!(
            "the output {} exists and is not a folder",
            out.display()
        ))
        .hint("remove it or choose another `--out`")
        .into());
    }
    Ok(())
}

/// The staging and previous-site folders beside an output folder.
fn beside(out: &Path) -> (PathBuf, PathBuf) {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| SITE_DIR.into());
    (
        parent.join(format!(".{name}.nnbook-staging")),
        parent.join(format!(".{name}.nnbook-old")),
    )
}

/// A build killed between publishing's two renames leaves no output folder and the complete
/// previous site beside it: put it back before anything else.
fn recover(out: &Path) -> std::io::Result<()> {
    let (_, old) = beside(out);
    if !out.exists() && old.is_dir() {
        fs::rename(&old, out)?;
    }
    Ok(())
}

/// Prepare an empty staging folder beside `out` (after restoring a previous site a killed
/// build left aside) and return it.
pub fn stage(out: &Path) -> std::io::Result<PathBuf> {
    recover(out)?;
    let (staging, old) = beside(out);
    for leftover in [&staging, &old] {
        if leftover.exists() {
            remove_tree(leftover)?;
        }
    }
    fs::create_dir_all(&staging)?;
    Ok(staging)
}

/// Write the remaining files into the staging folder, then swap it in with renames. At any
/// moment, `out` is the previous complete site or the new one, or (between the two renames)
/// missing with the previous site in the `-old` folder, which [`recover`] restores.
pub fn publish(out: &Path, staging: &Path, files: &SiteFiles) -> std::io::Result<()> {
    let (_, old) = beside(out);
    // Each folder once, then the files in parallel.
    let folders: BTreeSet<PathBuf> = files
        .keys()
        .filter_map(|rel| Path::new(rel).parent().map(|p| staging.join(p)))
        .collect();
    for folder in &folders {
        fs::create_dir_all(folder)?;
    }
    files
        .par_iter()
        .try_for_each(|(rel, bytes)| fs::write(staging.join(rel), &bytes[..]))?;
    if out.exists() {
        fs::rename(out, &old)?;
    }
    fs::rename(staging, out)?;
    if old.exists() {
        remove_tree(&old)?;
    }
    Ok(())
}

/// Remove a folder and everything in it, its subfolders in parallel.
pub fn remove_tree(dir: &Path) -> std::io::Result<()> {
    if dir.is_symlink() {
        // The output was a link: remove the link, never what it points to.
        return fs::remove_file(dir);
    }
    let entries: Vec<PathBuf> = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.par_iter().try_for_each(|path| {
        // A link is removed, never followed.
        if path.is_dir() && !path.is_symlink() {
            fs::remove_dir_all(path)
        } else {
            fs::remove_file(path)
        }
    })?;
    fs::remove_dir(dir)
}
