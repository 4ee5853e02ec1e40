//! Content: finding the lesson files of a project, and the other files a lesson may link to.

use std::path::Path;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::error::{Diagnostic, SourceFile};
use crate::project::{display_path, is_editor_file, is_hidden};

/// The largest lesson file read.
pub const MAX_LESSON_BYTES: u64 = 5 * 1024 * 1024;

/// A lesson file found under `content/`.
#[derive(Debug, Clone)]
pub struct ContentFile {
    pub source: SourceFile,
    /// The file name without `.md`: the lesson's default slug.
    pub stem: String,
}

/// The lesson files of a project, the files that could not be read, and warnings about what
/// was passed over.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub files: Vec<ContentFile>,
    /// Lesson files that cannot be read (not UTF-8, too large, ...), and folders that cannot be
    /// walked.
    pub problems: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    /// The other files (an image beside its lesson), as shown (`content/pic.png`), sorted:
    /// those a lesson links to are published with it. Editor files are none of them.
    pub others: Vec<String>,
}

/// Every `*.md` file under `dir`, in a deterministic (sorted) order. Paths are shown relative
/// to `root`. Symbolic links are followed only to files inside the project; links are never
/// followed into folders, so a link loop cannot hang the walk. Without a content folder,
/// nothing can be found: that is the error.
pub fn find(root: &Path, dir: &Path) -> Result<Found, Diagnostic> {
    if let Some(problem) = crate::project::not_a_project(root) {
        return Err(problem);
    }
    if !dir.is_dir() {
        return Err(
            Diagnostic::new(format!("no content folder at {}", dir.display()))
                .expected("a `content/` folder with lessons (`*.md` files)")
                .hint("run nnbook in the project folder, or pass `--root DIR`"),
        );
    }
    let mut lessons = Vec::new();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let mut others = Vec::new();
    let project = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    // (Hidden files and folders are passed over, `.git` and a copy `.relu-old.md` alike.)
    let shown = |e: &walkdir::DirEntry| e.depth() == 0 || !is_hidden(e.path());
    for entry in WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(shown)
    {
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
        if is_editor_file(path) {
            continue;
        }
        // `content/` itself may be a link (the project's own choice); links inside it are not
        // followed out of the project.
        if entry.depth() > 0 && entry.path_is_symlink() {
            if let Some(warning) = link_not_followed((root, &project), path, "content/") {
                warnings.push(warning);
                continue;
            }
        }
        if !path.is_file() {
            continue;
        }
        if path.extension().is_none_or(|e| e != "md") {
            if path.to_str().is_some() {
                others.push(display_path(root, path));
            }
            continue;
        }
        warnings.extend(section_page(root, path));
        let too_large = entry.metadata().is_ok_and(|m| m.len() > MAX_LESSON_BYTES);
        lessons.push((entry.into_path(), too_large));
    }
    // The walk is in order; the files are read on every core (read one after another, a
    // thousand lessons took 15 of the walk's 20 ms), their results kept in the walk's order.
    let read: Vec<_> = lessons
        .par_iter()
        .map(|(path, too_large)| read_lesson(display_path(root, path), path, *too_large))
        .collect();
    for lesson in read {
        match lesson {
            Ok(file) => files.push(file),
            Err(d) => problems.push(d),
        }
    }
    Ok(Found {
        files,
        problems,
        warnings,
        others,
    })
}

/// The warning of Zola's section page, `_index.md`: here a lesson like any other, at
/// `_index/`.
fn section_page(root: &Path, path: &Path) -> Option<Diagnostic> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with("_index.").then(|| {
        Diagnostic::in_file(display_path(root, path), "`_index.md` is built as a lesson (its page at `_index/`): nnbook has no section pages")
            .warning()
            .hint("the index is built from the lessons, with nnbook.toml's `title` and `description`; a series (`series = \"…\"` in each lesson) groups them: remove `_index.md`, or name it for the lesson it is")
    })
}

/// A warning for a symbolic link the walk of `folder` (`content/`, `templates/`) does not
/// follow: one to a folder, or one that points outside the project (`root`, and its real path)
/// or nowhere. `None` for a link to a file inside the project.
pub fn link_not_followed(
    (root, project): (&Path, &Path),
    path: &Path,
    folder: &str,
) -> Option<Diagnostic> {
    let shown = display_path(root, path);
    match path.canonicalize() {
        Ok(target) if target.is_dir() => Some(
            Diagnostic::in_file(shown, "a link to a folder is not followed")
                .warning()
                .hint(format!("move or copy the files into {folder}")),
        ),
        Ok(target) if target.starts_with(project) => None,
        _ => Some(
            Diagnostic::in_file(
                shown,
                "a link that points outside the project (or nowhere) is not followed",
            )
            .warning()
            .hint(format!("copy the file into {folder}")),
        ),
    }
}

/// Read one lesson file (shown as `shown`): its name must be UTF-8, its size at most
/// [`MAX_LESSON_BYTES`] (`too_large` says it is over), its text UTF-8.
fn read_lesson(shown: String, path: &Path, too_large: bool) -> Result<ContentFile, Diagnostic> {
    let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
        return Err(Diagnostic::in_file(
            shown,
            "the file name is not valid UTF-8",
        ));
    };
    if too_large {
        return Err(Diagnostic::in_file(shown, "the file is larger than 5 MiB")
            .expected("a lesson of at most 5 MiB")
            .hint("split the lesson into several files"));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::in_file(shown.clone(), format!("cannot read the file: {e}")))?;
    let source = utf8_source(shown, bytes, "the lesson")?;
    Ok(ContentFile {
        source,
        stem: stem.to_string(),
    })
}

/// A file's `bytes` as text, shown as `shown`; where they are not UTF-8, an error at the first
/// byte that is not, with its line, telling to save `what` (`the lesson`) as UTF-8.
pub fn utf8_source(shown: String, bytes: Vec<u8>, what: &str) -> Result<SourceFile, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(shown, text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(&e.into_bytes()[..at]).into_owned();
            Err(SourceFile::new(shown, text)
                .error(at..at, "the file is not valid UTF-8")
                .expected("a UTF-8 text file")
                .hint(format!("save {what} as UTF-8")))
        }
    }
}
