//! Content: finding the lesson files of a project.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Diagnostic, SourceFile};

/// A lesson file found under `content/`.
#[derive(Debug, Clone)]
pub struct ContentFile {
    pub source: SourceFile,
    /// The file name without `.md`: the lesson's default slug.
    pub stem: String,
}

/// Every `*.md` file under `dir`, in a deterministic (sorted) order. Paths are shown relative
/// to `root`.
pub fn find(root: &Path, dir: &Path) -> Result<Vec<ContentFile>, Vec<Diagnostic>> {
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
        if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "md") {
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
        Ok(files)
    } else {
        Err(problems)
    }
}

/// A path as shown in messages: relative to `root` when inside it.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path
        .strip_prefix(root)
        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf);
    rel.display().to_string()
}
