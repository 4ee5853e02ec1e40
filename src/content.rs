//! Content: finding the lesson files of a project.

use std::path::Path;

use walkdir::WalkDir;

use crate::error::{Diagnostic, SourceFile};
use crate::project::display_path;

/// The largest lesson file read.
pub const MAX_LESSON_BYTES: u64 = 5 * 1024 * 1024;

/// A lesson file found under `content/`.
#[derive(Debug, Clone)]
pub struct ContentFile {
    pub source: SourceFile,
    /// The file name without `.md`: the lesson's default slug.
    pub stem: String,
}

/// The lesson files of a project, and warnings about what was passed over.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub files: Vec<ContentFile>,
    pub warnings: Vec<Diagnostic>,
}

/// Every `*.md` file under `dir`, in a deterministic (sorted) order. Paths are shown relative
/// to `root`. Symbolic links are followed only to files inside the project; links are never
/// followed into folders, so a link loop cannot hang the walk.
pub fn find(root: &Path, dir: &Path) -> Result<Found, Vec<Diagnostic>> {
    if !dir.is_dir() {
        return Err(vec![Diagnostic::new(format!(
            "no content folder at {}",
            dir.display()
        ))
        .expected("a `content/` folder with lessons (`*.md` files)")
        .hint("run nnbook in the project folder, or pass `--root DIR`")]);
    }
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let project = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems.push(Diagnostic::new(format!(
                    "cannot read the content folder: {e}"
                )));
                continue;
            }
        };
        let path = entry.path();
        if entry.path_is_symlink() {
            let shown = display_path(root, path);
            match path.canonicalize() {
                Ok(target) if target.is_dir() => {
                    warnings.push(
                        Diagnostic::in_file(shown, "a link to a folder is not followed")
                            .warning()
                            .hint("move or copy the lessons into content/"),
                    );
                    continue;
                }
                Ok(target) if target.starts_with(&project) => {}
                _ => {
                    warnings.push(
                        Diagnostic::in_file(
                            shown,
                            "a link that points outside the project (or nowhere) is not followed",
                        )
                        .warning()
                        .hint("copy the file into content/"),
                    );
                    continue;
                }
            }
        }
        if !path.is_file() || path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let shown = display_path(root, path);
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            problems.push(Diagnostic::in_file(
                shown,
                "the file name is not valid UTF-8",
            ));
            continue;
        };
        if entry.metadata().is_ok_and(|m| m.len() > MAX_LESSON_BYTES) {
            problems.push(
                Diagnostic::in_file(shown, "the file is larger than 5 MiB")
                    .expected("a lesson of at most 5 MiB")
                    .hint("split the lesson into several files"),
            );
            continue;
        }
        match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => files.push(ContentFile {
                    source: SourceFile::new(shown, text),
                    stem: stem.to_string(),
                }),
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    let text = String::from_utf8_lossy(&e.into_bytes()[..at]).into_owned();
                    problems.push(
                        SourceFile::new(shown, text.clone())
                            .error(at..at, "the file is not valid UTF-8")
                            .expected("a UTF-8 text file")
                            .hint("save the lesson as UTF-8"),
                    );
                }
            },
            Err(e) => problems.push(Diagnostic::in_file(
                shown,
                format!("cannot read the file: {e}"),
            )),
        }
    }
    if problems.is_empty() {
        Ok(Found { files, warnings })
    } else {
        Err(problems)
    }
}

//END
