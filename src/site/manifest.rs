//! What a build records about the lessons it wrote, so that the next build (a new process) need
//! not render a lesson whose inputs did not change: its files in the published site are linked
//! into the new one as they are.
//!
//! The record (`.site.nnbook-manifest` beside the output folder, outside the published tree so
//! that the site stays byte-identical) holds, per lesson folder, a [`key`] of everything the
//! lesson's files depend on (the nnbook binary, the configuration and the lesson templates, the
//! base URL, the lesson's text, its place, neighbours and translations) and, per file, the
//! identity the file had when it was written (size and modification time, as make and git's
//! index use). A lesson is reused only when its key is the same and every file in the published site
//! still has that identity: a file edited by hand is noticed, and the lesson is rendered again.
//! A record that is missing, unreadable or stale costs a render, never a wrong file.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::page::SearchText;
use crate::project::beside_output;

use super::cache::{LessonKey, RenderedLesson};
use super::place::Placed;
use super::theme::ThemeFiles;

/// The format's version: a record of another version is ignored.
const VERSION: u32 = 4;

/// The manifest's path for the output folder `out`.
pub(super) fn path(out: &Path) -> PathBuf {
    beside_output(out, "manifest")
}

/// A file as it was written: enough to notice that it changed since.
#[derive(Serialize, Deserialize, PartialEq, Eq, Clone, Debug)]
struct Stamp {
    name: String,
    size: u64,
    modified_ns: u128,
}

impl Stamp {
    fn of(name: &str, file: &Path) -> Option<Stamp> {
        let m = fs::symlink_metadata(file).ok().filter(|m| m.is_file())?;
        Some(Stamp {
            name: name.to_string(),
            size: m.len(),
            modified_ns: nanos(m.modified().ok()?)?,
        })
    }
}

/// One lesson folder's record.
#[derive(Serialize, Deserialize, Clone, Debug)]
struct Entry {
    key: String,
    files: Vec<Stamp>,
    figures: usize,
    preview: Option<String>,
    links: Vec<(String, Range<usize>)>,
    anchors: Option<Vec<String>>,
    search: SearchText,
}

/// The records of the published site, by lesson folder.
#[derive(Serialize, Deserialize, Default, Debug)]
pub struct Manifest {
    version: u32,
    lessons: HashMap<String, Entry>,
    /// Every file of the published site (paths with `/`), sorted, and each of its folders
    /// (`""` the site's own) with its modification time: what the next build may replace
    /// ([`Manifest::foreign`]).
    site: Vec<String>,
    folders: Vec<(String, u128)>,
}

impl Manifest {
    /// The record beside `out`, or an empty one.
    pub fn read(out: &Path) -> Manifest {
        fs::read(path(out))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok())
            .filter(|m| m.version == VERSION)
            .unwrap_or_default()
    }

    /// The lesson in folder `dir` as the published site at `site` holds it, if its key is
    /// `key` and its files are as they were written: only their names are returned (the build
    /// links them into the new site).
    pub fn reusable(&self, site: &Path, dir: &str, key: &str) -> Option<LessonRecord> {
        let entry = self.lessons.get(dir).filter(|e| e.key == key)?;
        let unchanged = entry
            .files
            .iter()
            .all(|f| Stamp::of(&f.name, &site.join(&f.name)).as_ref() == Some(f));
        unchanged.then(|| LessonRecord {
            names: entry.files.iter().map(|f| f.name.clone()).collect(),
            figures: entry.figures,
            preview: entry.preview.clone(),
            links: entry.links.clone(),
            anchors: entry.anchors.clone(),
            search: entry.search.clone(),
        })
    }

    /// What the published site at `site` holds that the build which published it did not
    /// write: files and folders (a folder once, with a trailing `/`), in path order. Only the
    /// folders whose modification time changed since are read (adding or removing an entry
    /// changes it): a `stat` per folder, in parallel. Without a record of what was written
    /// nothing is known to be foreign.
    pub fn foreign(&self, site: &Path) -> Vec<String> {
        let files: HashSet<&str> = self.site.iter().map(String::as_str).collect();
        let folders: HashSet<&str> = self.folders.iter().map(|(f, _)| f.as_str()).collect();
        let (files, folders) = (&files, &folders);
        let mut foreign: Vec<String> = self
            .folders
            .par_iter()
            .filter(|(folder, modified)| {
                let now = fs::symlink_metadata(site.join(folder)).ok();
                now.and_then(|m| nanos(m.modified().ok()?)) != Some(*modified)
            })
            .flat_map_iter(|(folder, _)| {
                let entries = fs::read_dir(site.join(folder))
                    .into_iter()
                    .flatten()
                    .flatten();
                entries.filter_map(move |entry| {
                    let name = entry
                        .file_name()
                        .into_string()
                        .unwrap_or_else(|n| n.to_string_lossy().into_owned());
                    let rel = match folder.as_str() {
                        "" => name,
                        _ => format!("{folder}/{name}"),
                    };
                    match entry.file_type().is_ok_and(|t| t.is_dir()) {
                        true => (!folders.contains(rel.as_str())).then(|| format!("{rel}/")),
                        false => (!files.contains(rel.as_str())).then_some(rel),
                    }
                })
            })
            .collect();
        foreign.sort_unstable();
        foreign
    }

    /// Record the lessons of a site just published at `out` and every file it holds (`site`),
    /// and write the record beside it. A record that cannot be written only costs the next
    /// build its reuse, and its check for files nnbook did not write.
    pub fn write(out: &Path, lessons: Vec<(String, String, LessonRecord)>, site: Vec<String>) {
        // Stamping takes a `stat` of each published file: on every core.
        let lessons = lessons
            .into_par_iter()
            .filter_map(|(dir, key, lesson)| {
                let files: Option<Vec<Stamp>> = lesson
                    .names
                    .iter()
                    .map(|name| Stamp::of(name, &out.join(name)))
                    .collect();
                let entry = Entry {
                    key,
                    files: files?,
                    figures: lesson.figures,
                    preview: lesson.preview,
                    links: lesson.links,
                    anchors: lesson.anchors,
                    search: lesson.search,
                };
                Some((dir, entry))
            })
            .collect();
        let mut folders: Vec<&str> = site
            .iter()
            .flat_map(|f| f.match_indices('/').map(move |(at, _)| &f[..at]))
            .chain([""])
            .collect();
        folders.sort_unstable();
        folders.dedup();
        let folders = folders
            .into_par_iter()
            .filter_map(|folder| {
                let m = fs::symlink_metadata(out.join(folder)).ok()?;
                Some((folder.to_string(), nanos(m.modified().ok()?)?))
            })
            .collect();
        let manifest = Manifest {
            version: VERSION,
            lessons,
            site,
            folders,
        };
        if let Ok(json) = serde_json::to_vec(&manifest) {
            let _ = fs::write(path(out), json);
        }
    }
}

/// A lesson's files (their names) and what the rest of the site needs to know of them: what a
/// build records of a written lesson, and what a reused one brings.
#[derive(Debug, Clone)]
pub struct LessonRecord {
    pub names: Vec<String>,
    pub figures: usize,
    pub preview: Option<String>,
    pub links: Vec<(String, Range<usize>)>,
    pub anchors: Option<Vec<String>>,
    pub search: SearchText,
}

impl From<&RenderedLesson> for LessonRecord {
    fn from(r: &RenderedLesson) -> LessonRecord {
        LessonRecord {
            names: r.written.clone(),
            figures: r.figures,
            preview: r.preview.clone(),
            links: r.links.clone(),
            anchors: r.anchors.clone(),
            search: r.search.clone(),
        }
    }
}

/// The key of everything a lesson's files depend on, as 128 bits in hex: this nnbook binary
/// (its size and modification time: a rebuilt nnbook renders everything again), the theme's
/// lesson templates and configuration, the base URL, and the lesson's text, place and
/// neighbours. `None` when the binary cannot be identified: then nothing is reused.
pub fn key(
    theme: &ThemeFiles,
    base_url: Option<&str>,
    placed: &Placed,
    lesson: &LessonKey,
) -> Option<String> {
    let binary = binary_identity()?;
    let halves = [0u8, 1].map(|half| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        half.hash(&mut h);
        binary.hash(&mut h);
        theme.hash_for_lessons(&mut h);
        base_url.hash(&mut h);
        (&placed.dir, &placed.lang, &lesson.lesson.source.path).hash(&mut h);
        lesson.lesson.source.text.hash(&mut h);
        lesson.neighbours.hash(&mut h);
        h.finish()
    });
    Some(format!("{:016x}{:016x}", halves[0], halves[1]))
}

/// The running binary's size and modification time (once per process).
fn binary_identity() -> Option<(u64, u128)> {
    static IDENTITY: std::sync::OnceLock<Option<(u64, u128)>> = std::sync::OnceLock::new();
    *IDENTITY.get_or_init(|| {
        let m = std::env::current_exe().and_then(fs::metadata).ok()?;
        Some((m.len(), nanos(m.modified().ok()?)?))
    })
}

/// A time as nanoseconds since 1970.
fn nanos(t: std::time::SystemTime) -> Option<u128> {
    t.duration_since(std::time::UNIX_EPOCH)
        .ok()
        .map(|d| d.as_nanos())
}
