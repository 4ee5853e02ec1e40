//! Loading a project's lessons: find the files, parse them in parallel, reuse the parsed
//! lessons whose text is unchanged.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::content;
use crate::error::{Diagnostic, Error};
use crate::lesson::{self, Lesson};
use crate::project::CONTENT_DIR;

/// Parse every lesson of a project (all problems of all lessons are reported), with the
/// warnings of the walk.
pub fn load_lessons(root: &Path) -> Result<(Vec<Arc<Lesson>>, Vec<Diagnostic>), Error> {
    let loaded = load_lessons_cached(root, &mut HashMap::new(), false)?;
    if !loaded.problems.is_empty() {
        return Err(Error::report(loaded.problems, loaded.warnings));
    }
    Ok((loaded.lessons, loaded.warnings))
}

/// A project's lessons: those that parsed, the problems of the others, and the walk's warnings.
pub struct Loaded {
    pub lessons: Vec<Arc<Lesson>>,
    /// Lessons with problems that still parsed as far as their prose (see
    /// [`lesson::parse_partly`]): checked, never published.
    pub broken: Vec<Arc<Lesson>>,
    pub problems: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    /// The drafts left out (`draft = true`, without `--drafts`), for the links to them.
    pub drafts: Vec<Arc<Lesson>>,
    /// The files of `content/` that are not lessons, as shown (`content/pic.png`).
    pub others: Vec<String>,
}

/// Find and parse every lesson, reusing the lessons of `parsed` whose file and text are
/// unchanged (and keeping there the lessons parsed now). Only a missing content folder is an
/// error here; a lesson that does not parse is one of the [`Loaded::problems`]. A draft whose
/// front matter reads is left out, with its problems, unless `drafts`.
pub fn load_lessons_cached(
    root: &Path,
    parsed: &mut HashMap<String, Arc<Lesson>>,
    drafts: bool,
) -> Result<Loaded, Error> {
    let found = content::find(root, &root.join(CONTENT_DIR))?;
    let mut lessons = Vec::new();
    let mut problems = found.problems;
    let mut kept = HashMap::with_capacity(found.files.len());
    let jobs: Vec<_> = found
        .files
        .into_iter()
        .map(|file| {
            let cached = parsed
                .remove(&file.source.path)
                .filter(|l| l.source.text == file.source.text);
            (file, cached)
        })
        .collect();
    let results: Vec<_> = jobs
        .into_par_iter()
        .map(|(file, cached)| {
            let path = file.source.path.clone();
            let lesson = match cached {
                Some(l) => (Some(l), Vec::new()),
                None => {
                    let (lesson, problems) = lesson::parse_partly(file.source, &file.stem);
                    (lesson.map(Arc::new), problems)
                }
            };
            (path, lesson)
        })
        .collect();
    let mut broken = Vec::new();
    let mut left_out = Vec::new();
    for (path, lesson) in results {
        if let (Some(l), problems) = &lesson {
            if l.draft && !drafts {
                if problems.is_empty() {
                    kept.insert(path, l.clone());
                }
                left_out.push(l.clone());
                continue;
            }
        }
        match lesson {
            (Some(l), d) if d.is_empty() => {
                kept.insert(path, l.clone());
                lessons.push(l);
            }
            (l, d) => {
                problems.extend(d);
                broken.extend(l);
            }
        }
    }
    *parsed = kept;
    Ok(Loaded {
        lessons,
        broken,
        problems,
        warnings: found.warnings,
        drafts: left_out,
        others: found.others,
    })
}
