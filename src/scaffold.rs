//! Scaffolding: a new lesson (`nnbook new`) and a new project (`nnbook init`).

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::Diagnostic;
use crate::markdown::hyphenate;
use crate::project::{CONFIG_FILE, CONTENT_DIR, SITE_DIR, TEMPLATES_DIR};
use crate::site::DEFAULT_TEMPLATES;

/// The starter lesson: front matter, a small network, a figure and a table, with comments.
const STARTER: &str = include_str!("starter.md");

const CONFIG: &str = "\
# nnbook project settings (all optional)
title = \"My lessons\"         # shown in every page's header
description = \"Visual, step-by-step neural-network tutorials.\"
language = \"en\"              # the pages' lang attribute
";

/// A slug from a title: lowercase ASCII letters and digits, other runs become one `-`.
pub fn slugify(title: &str) -> String {
    let slug = hyphenate(title, |c| c.is_ascii_alphanumeric());
    if slug.is_empty() {
        "lesson".to_string()
    } else {
        slug
    }
}

/// The starter lesson with a title.
pub fn starter_lesson(title: &str) -> String {
    let mut quoted = String::new();
    for c in title.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04X}", c as u32)),
            c => quoted.push(c),
        }
    }
    STARTER.replacen("{{TITLE}}", &quoted, 1)
}

/// Write `content/<slug>.md` for a new lesson; refuses to overwrite.
pub fn new_lesson(root: &Path, title: &str) -> Result<PathBuf, Diagnostic> {
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        return Err(
            Diagnostic::new(format!("no content folder at {}", content.display()))
                .hint("run `nnbook init` first, or pass `--root DIR`"),
        );
    }
    let path = content.join(format!("{}.md", slugify(title)));
    write_new(&path, &starter_lesson(title))?;
    Ok(path)
}

/// Create a project that builds at once: a starter lesson, the default templates, a config.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    for existing in [CONTENT_DIR, TEMPLATES_DIR, CONFIG_FILE] {
        if dir.join(existing).exists() {
            return Err(
                Diagnostic::new(format!("{} already has `{existing}`", dir.display()))
                    .expected("an empty or new folder")
                    .hint("choose another folder: `nnbook init my-lessons`"),
            );
        }
    }
    let mut written = Vec::new();
    let mut file = |rel: &str, text: &str| -> Result<(), Diagnostic> {
        let path = dir.join(rel);
        write_new(&path, text)?;
        written.push(path);
        Ok(())
    };
    file(CONFIG_FILE, CONFIG)?;
    file(
        &format!("{CONTENT_DIR}/getting-started.md"),
        &starter_lesson("Getting started"),
    )?;
    for (name, text) in DEFAULT_TEMPLATES {
        file(&format!("{TEMPLATES_DIR}/{name}"), text)?;
    }
    file(".gitignore", &format!("/{SITE_DIR}\n"))?;
    Ok(written)
}

fn write_new(path: &Path, text: &str) -> Result<(), Diagnostic> {
    if path.exists() {
        return Err(
            Diagnostic::new(format!("{} already exists", path.display()))
                .hint("nnbook never overwrites a file: choose another title or remove the file"),
        );
    }
    let fail = |e: std::io::Error| Diagnostic::new(format!("cannot write {}: {e}", path.display()));
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(fail)?;
    }
    // create_new: never overwrite, even if the file appeared since the check above.
    use std::io::Write;
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(fail)?;
    f.write_all(text.as_bytes()).map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_joined_by_dashes() {
        assert_eq!(
            slugify("Understanding ReLU, step by step!"),
            "understanding-relu-step-by-step"
        );
        assert_eq!(slugify("  "), "lesson");
        assert_eq!(slugify("Über σ"), "ber");
    }

    #[test]
    fn titles_are_quoted_for_toml() {
        assert!(
            starter_lesson("A \"quoted\" \\ title").contains(r#"title = "A \"quoted\" \\ title""#)
        );
    }
}
