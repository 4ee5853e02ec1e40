//! The files of `content/` that are not lessons (an image beside its lesson), published where a
//! lesson links to one: at their path in `content/` (`content/pic.png` is `site/pic.png`), the
//! link made to point there ([`super::lesson_page`]).

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use crate::error::Diagnostic;
use crate::project::CONTENT_DIR;
use crate::render;

use super::place::{site_files, source_named, ContentFiles, Placed};
use super::publish::SiteFiles;

/// The files of `content/` (as shown, `content/pic.png`) that the `pages`' links name (each
/// lesson's page, with its links), whether they are there or not: `serve` watches them.
pub fn named<L: std::ops::Deref<Target = render::Links>>(
    pages: &[(&Placed, L)],
) -> BTreeSet<String> {
    let content = format!("{CONTENT_DIR}/");
    (pages.iter())
        .flat_map(|(p, links)| links.iter().filter_map(|(dest, _)| source_named(p, dest)))
        .filter(|file| file.starts_with(&content))
        .collect()
}

/// The files of `content` that links name (`named`), read from the project at `root`, into
/// `out`. One whose place the site has already (the theme's `style.css`, a lesson's page:
/// `written` holds the lessons' files written out) is a problem at the file, as is one that
/// cannot be read.
pub fn publish(
    root: &Path,
    content: &ContentFiles,
    named: &BTreeSet<String>,
    (out, written): (&mut SiteFiles, &BTreeSet<String>),
) -> Vec<Diagnostic> {
    if content.others.is_empty() {
        return Vec::new();
    }
    let files = site_files([], &content.others);
    let linked = named.iter().filter(|file| files.contains_key(*file));
    let mut problems = Vec::new();
    for file in linked {
        let name = &files[file];
        if out.contains_key(name) || written.contains(name) {
            problems.push(
                Diagnostic::in_file(
                    file.clone(),
                    format!("the site has its own `{name}`, where this file would be published"),
                )
                .hint("rename the file (and the links to it), or move it into a folder of its own"),
            );
            continue;
        }
        match std::fs::read(root.join(file)) {
            Ok(bytes) => drop(out.insert(name.clone(), Arc::new(bytes))),
            Err(e) => problems.push(Diagnostic::in_file(
                file.clone(),
                format!("cannot read the file a lesson links to: {e}"),
            )),
        }
    }
    problems
}
