//! The links a project's templates write themselves, checked as a lesson's are: one after
//! `{{ root }}` to a file the site does not have (`{{ root }}custm.css`), and one from the
//! host's root (`/custom.css`), which breaks where the site is published under a path. (Links
//! made of the page's data, `{{ prev.href }}`, are the site's own.)

use crate::error::{Diagnostic, SourceFile};

/// The warnings about the links of `templates` (the project's own), against the site's files
/// (`exists`).
pub fn broken<'a>(
    templates: impl Iterator<Item = &'a SourceFile>,
    exists: &dyn Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for source in templates {
        for (at, link) in links(&source.text) {
            let rooted = ["{{ root }}", "{{root}}"]
                .iter()
                .find_map(|r| link.strip_prefix(r));
            let file = |path: &str| path.split(['#', '?']).next().unwrap_or("").to_string();
            let problem = match rooted {
                Some(rest) if rest.contains("{{") || rest.contains("{%") => None,
                Some(rest) => {
                    let path = file(rest);
                    let there = path.is_empty()
                        || exists(&path)
                        || exists(&format!("{}/index.html", path.trim_end_matches('/')));
                    (!there).then(|| {
                        let message = format!("broken link `{link}`: the site has no `{path}`");
                        (message, "check the file's name: the site's files are the theme's, the lessons' folders and what `content/` links to".to_string())
                    })
                }
                None if link.starts_with('/') && !link.starts_with("//") => {
                    let path = file(&link[1..]);
                    Some((
                        format!("link `{link}` starts at the host's root: it breaks where the site is published under a path (a GitHub Pages project site) or opened from disk"),
                        format!("write `{{{{ root }}}}{path}`: `root` leads from each page to the site's top"),
                    ))
                }
                None => None,
            };
            if let Some((message, hint)) = problem {
                warnings.push(
                    source
                        .error(at..at + link.len(), message)
                        .warning()
                        .hint(hint),
                );
            }
        }
    }
    warnings
}

/// Each `href` and `src` attribute's value written in `text`, quoted, with its offset.
fn links(text: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    for attribute in ["href=", "src="] {
        let mut from = 0;
        while let Some(i) = text[from..].find(attribute).map(|i| from + i) {
            from = i + attribute.len();
            let preceded = text[..i].ends_with(|c: char| c.is_whitespace());
            let Some(quote) = text[from..]
                .chars()
                .next()
                .filter(|c| matches!(c, '"' | '\''))
            else {
                continue;
            };
            let start = from + 1;
            if let (true, Some(len)) = (preceded, text[start..].find(quote)) {
                found.push((start, &text[start..start + len]));
            }
        }
    }
    found.sort_unstable();
    found
}
