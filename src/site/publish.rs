//! Publishing the output folder: which folders may be written, the staging folder beside the
//! output, and the swap that replaces the previous site only once the new one is complete.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::error::{Diagnostic, Error};
use crate::project::{beside_output, CONTENT_DIR, SITE_DIR, TEMPLATES_DIR};

use super::reuse::Previous;

/// A built site, in memory: output paths (relative, with `/`) and their bytes, sorted.
pub type SiteFiles = BTreeMap<String, Arc<Vec<u8>>>;

/// The file every site nnbook builds carries at its top. A folder that holds it was built by
/// nnbook, which may replace it.
pub const SITE_MARKER: &str = ".nnbook-site";
const SITE_MARKER_TEXT: &str =
    "This folder was built by nnbook (`nnbook build`); every build replaces all of it.\n";

/// The files at the top of every site an earlier nnbook (without [`SITE_MARKER`]) built: such a
/// folder, as a project's default `site/`, is replaced too.
const EARLIER_SITE: [&str; 5] = [
    "index.html",
    "404.html",
    "style.css",
    "copy.js",
    "favicon.svg",
];

/// A path made absolute with every link, `.` and `..` resolved as far as the path exists (the
/// rest as written).
fn resolve(p: &Path) -> PathBuf {
    let p = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                out.push(name);
                if let Ok(real) = out.canonicalize() {
                    out = real;
                }
            }
            Component::RootDir | Component::Prefix(_) => out.push(c),
        }
    }
    out
}

/// Where the site goes: the output folder with its parent resolved. A link named as the output
/// is the output (replaced, never followed); `.` or `..` at the end are resolved.
pub fn output_path(out: &Path) -> PathBuf {
    match out.components().next_back() {
        Some(Component::Normal(name)) => {
            let parent = out.parent().unwrap_or(Path::new(""));
            resolve(parent).join(name)
        }
        _ => resolve(out),
    }
}

/// What is done to the output folder: a build replaces it (unless `force`, only a folder nnbook
/// built), `nnbook clean` removes it (only one nnbook built). The rule is one; the words differ.
#[derive(Clone, Copy, PartialEq)]
pub enum Purpose {
    Build { force: bool },
    Clean,
}

impl Purpose {
    /// What is done to a folder that is there: it is replaced, or removed.
    fn verb(self) -> &'static str {
        match self {
            Purpose::Build { .. } => "replace",
            Purpose::Clean => "remove",
        }
    }
}

/// Refuse an output folder that would overwrite the project itself, a file, or a folder nnbook
/// did not build (unless a build's `force`).
pub fn check_output_folder(root: &Path, out: &Path, purpose: Purpose) -> Result<(), Error> {
    if let Some(problem) = crate::project::not_a_project(root) {
        return Err(problem.into());
    }
    let out_abs = resolve(out);
    let root_abs = resolve(root);
    let protected = [
        root_abs.clone(),
        root_abs.join(CONTENT_DIR),
        root_abs.join(TEMPLATES_DIR),
    ];
    let clean = purpose == Purpose::Clean;
    let shown = out.display();
    if out_abs.parent().is_none()
        || protected
            .iter()
            .any(|p| p.starts_with(&out_abs) || out_abs.starts_with(p) && *p != root_abs)
    {
        let (message, hint) = match clean {
            false => (
                format!("refusing to write the site into {shown}"),
                "leave `--out` out for the project's `site/`, or name a folder of the site's own, like `--out public`",
            ),
            true => (
                format!("refusing to remove {shown}"),
                "`nnbook clean` removes a site: name its folder with `--out DIR` (default `site/`)",
            ),
        };
        return Err(Diagnostic::new(message)
            .expected("an output folder that is not the project, its content or templates, nor inside or above them")
            .hint(hint)
            .into());
    }
    if out_abs.exists() && !out_abs.is_dir() {
        let hint = match clean {
            false => "remove it or choose another `--out`",
            true => "`nnbook clean` removes a site's folder, never a file",
        };
        return Err(
            Diagnostic::new(format!("the output {shown} exists and is not a folder"))
                .hint(hint)
                .into(),
        );
    }
    if purpose == (Purpose::Build { force: true }) {
        return Ok(());
    }
    let path = output_path(out);
    if path.is_symlink() {
        let verb = purpose.verb();
        let hint = match clean {
            false => format!("pass `--out {}` to build into the folder itself, or `--force` to replace the link by the site", out_abs.display()),
            true => format!("remove the link yourself, or pass `--out {}` to clean the folder it leads to", out_abs.display()),
        };
        return Err(Diagnostic::new(format!(
            "refusing to {verb} {shown}: it is a link to {}",
            out_abs.display()
        ))
        .expected("an output folder that is not a link")
        .hint(hint)
        .into());
    }
    let default_site = out_abs == root_abs.join(SITE_DIR);
    if out_abs.is_dir() && !replaceable(&out_abs, default_site) {
        let verb = purpose.verb();
        let hint = match clean {
            false => "choose another `--out`, or pass `--force` to replace the folder and everything in it",
            true => "`nnbook clean` removes only a site nnbook built; delete the folder yourself if you no longer need it",
        };
        return Err(Diagnostic::new(format!(
            "refusing to {verb} {shown}: it holds files nnbook did not write"
        ))
        .expected(format!(
            "a new or empty folder, or a site nnbook built (it holds `{SITE_MARKER}`)"
        ))
        .hint(hint)
        .into());
    }
    Ok(())
}

/// The error for a site nnbook built that now holds files it did not write (`foreign`, as
/// [`super::manifest::Manifest::foreign`] lists them): a build (or `clean`) would delete them.
pub fn foreign_files(out: &Path, foreign: &[String], purpose: Purpose) -> Diagnostic {
    const SHOWN: usize = 5;
    let mut named: Vec<String> = foreign
        .iter()
        .take(SHOWN)
        .map(|f| format!("`{f}`"))
        .collect();
    if foreign.len() > SHOWN {
        named.push(format!("and {} more", foreign.len() - SHOWN));
    }
    let out = out.display();
    let hint = match purpose {
        Purpose::Build { .. } => format!(
            "move them out of {out}; a file the site should carry goes into `{TEMPLATES_DIR}/` \
             (copied into every build at the same path); or pass `--force` to replace the folder \
             and everything in it"
        ),
        Purpose::Clean => format!(
            "move them out of {out} (a file the site should carry goes into `{TEMPLATES_DIR}/`, \
             copied into every build), then clean again"
        ),
    };
    Diagnostic::new(format!(
        "refusing to {} {out}: it holds files nnbook did not write: {}",
        purpose.verb(),
        named.join(", ")
    ))
    .expected("only the files the last build wrote (every build replaces the whole folder)")
    .hint(hint)
}

/// Whether the folder at `out` is a site nnbook built: a real folder with the marker.
fn built_by_nnbook(out: &Path) -> bool {
    !out.is_symlink() && out.join(SITE_MARKER).is_file()
}

/// The published site whose unchanged files the next one links: only a site nnbook built.
pub fn previous_site(out: &Path) -> Previous {
    if built_by_nnbook(out) {
        Previous::at(out)
    } else {
        Previous::default()
    }
}

/// Whether nnbook may replace this existing folder: it is empty, or nnbook built it (it holds
/// the marker; or, as a project's default `site/`, the files every earlier build wrote).
fn replaceable(dir: &Path, default_site: bool) -> bool {
    let Ok(mut entries) = fs::read_dir(dir) else {
        return false;
    };
    entries.next().is_none()
        || built_by_nnbook(dir)
        || default_site && EARLIER_SITE.iter().all(|f| dir.join(f).is_file())
}

/// The folders nnbook keeps beside an output folder `site`: `.site.nnbook-staging` (the new site
/// while it is written), `.site.nnbook-old` (the previous site between two renames, where the
/// system cannot exchange folders) and `.site.nnbook-trash` (the previous site after a build, until
/// the next build removes it while it renders: see [`stage`]).
pub(super) struct Beside {
    pub staging: PathBuf,
    pub old: PathBuf,
    pub trash: PathBuf,
}

pub(super) fn beside(out: &Path) -> Beside {
    Beside {
        staging: beside_output(out, "staging"),
        old: beside_output(out, "old"),
        trash: beside_output(out, "trash"),
    }
}

/// A build's hold on its output folder, from before it stages to after it publishes (or
/// `clean`'s while it removes): the lock of `.site.nnbook-lock` beside the folder, a file that
/// is there only while it is held (it is removed, still locked, when this is dropped; the lock
/// itself goes when the process ends, however). Two builds of one site at once (a watch
/// script, two CI steps) shared the staging and trash folders and could publish empty files;
/// the second now waits, as Cargo's "Blocking waiting for file lock" does.
pub struct OutputLock {
    file: fs::File,
    path: PathBuf,
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// Wait for, and take, the lock of the output folder `out` ([`OutputLock`]). (A lock taken on
/// a file the last holder removed meanwhile is no lock: the file is opened again.)
pub fn lock_output(out: &Path) -> std::io::Result<OutputLock> {
    let path = beside_output(out, "lock");
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    loop {
        let file = (fs::OpenOptions::new().create(true).truncate(false))
            .write(true)
            .open(&path)?;
        file.lock()?;
        if still_at(&file, &path) {
            return Ok(OutputLock { file, path });
        }
    }
}

/// Whether `path` is still the file `file` is open on.
#[cfg(unix)]
fn still_at(file: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let (Ok(open), Ok(named)) = (file.metadata(), fs::metadata(path)) else {
        return false;
    };
    (open.dev(), open.ino()) == (named.dev(), named.ino())
}

#[cfg(not(unix))]
fn still_at(_: &fs::File, path: &Path) -> bool {
    path.exists()
}

/// Whether another build holds the lock of the output folder `out` now (for a note that this
/// one waits: [`lock_output`] waits either way).
pub fn output_busy(out: &Path) -> bool {
    let lock = beside_output(&output_path(out), "lock");
    let file = fs::OpenOptions::new().write(true).open(lock);
    file.is_ok_and(|f| matches!(f.try_lock(), Err(fs::TryLockError::WouldBlock)))
}

/// A build killed between publishing's two renames leaves no output folder and the complete
/// previous site beside it: put it back before anything else.
pub(super) fn recover(out: &Path) -> std::io::Result<()> {
    let old = beside(out).old;
    if !out.exists() && old.is_dir() {
        fs::rename(&old, out)?;
    }
    Ok(())
}

/// The removal of the site an earlier build replaced, running in the background while this build
/// renders: removing a tree of thousands of files is not what the user should wait for.
pub struct Cleanup(Option<std::thread::JoinHandle<()>>);

impl Cleanup {
    /// Wait until the earlier site is removed (it has had the whole rendering time).
    pub fn finish(self) {
        if let Some(handle) = self.0 {
            let _ = handle.join();
        }
    }
}

/// Prepare an empty staging folder beside `out` (after restoring a previous site a killed
/// build left aside) and return it, with the background removal of the site the last build
/// replaced (and of whatever a killed build left).
pub fn stage(out: &Path) -> std::io::Result<(PathBuf, Cleanup)> {
    recover(out)?;
    let Beside {
        staging,
        old,
        trash,
    } = beside(out);
    for leftover in [&staging, &old] {
        if leftover.exists() {
            set_aside(leftover, &trash)?;
        }
    }
    // One thread, removing one file at a time: the rendering keeps the cores.
    let cleanup = Cleanup(
        trash
            .exists()
            .then(|| std::thread::spawn(move || drop(fs::remove_dir_all(&trash)))),
    );
    fs::create_dir_all(&staging)?;
    Ok((staging, cleanup))
}

/// Write the remaining files (and the marker) into the staging folder (linking those the
/// published site holds unchanged, see [`super::reuse`]), then swap it in. Where
/// the system can exchange two folders at once (Linux), `out` is at every moment the complete
/// previous site or the new one. Elsewhere two renames: between them `out` is missing with the
/// previous site in the `-old` folder, which [`recover`] restores. Either way the previous site
/// is then renamed to the `-trash` folder, which the next build removes while it renders.
pub fn publish(
    out: &Path,
    staging: &Path,
    files: &SiteFiles,
    previous: &Previous,
    cleanup: Cleanup,
) -> std::io::Result<()> {
    let Beside { old, trash, .. } = beside(out);
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
        .try_for_each(|(rel, bytes)| previous.place(rel, bytes, &staging.join(rel)))?;
    fs::write(staging.join(SITE_MARKER), SITE_MARKER_TEXT)?;
    cleanup.finish();
    if fs::symlink_metadata(out).is_ok() {
        match exchange(staging, out) {
            // The staging folder now holds the previous site. The new one is published: if the
            // old one cannot be set aside now, the next build does it (see `stage`).
            Ok(()) => {
                let _ = set_aside(staging, &trash);
                return Ok(());
            }
            Err(e) if exchange_unsupported(&e) => {}
            Err(e) => return Err(e),
        }
        fs::rename(out, &old)?;
    }
    fs::rename(staging, out)?;
    if old.exists() {
        set_aside(&old, &trash)?;
    }
    Ok(())
}

/// Move the previous site to the trash folder (removing it at once if a trash is still there).
fn set_aside(previous: &Path, trash: &Path) -> std::io::Result<()> {
    if trash.exists() {
        remove_tree(previous)
    } else {
        fs::rename(previous, trash)
    }
}

/// Swap two paths in one step (`renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Whether the system or the file system cannot exchange folders (then two renames are used).
fn exchange_unsupported(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::Unsupported
        || matches!(e.raw_os_error(), Some(code) if code == 22 || code == 38 || code == 95)
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
