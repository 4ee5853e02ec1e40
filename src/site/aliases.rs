//! A lesson's earlier addresses (front matter `aliases`, as Zola's and Hugo's): for each, a
//! page at that folder of the lesson's language (`relu-intro/index.html`), or at that page of
//! it (`relu.html`, an address of mdBook's or another older site's), that sends the reader
//! on to the lesson at once, keeping the address's fragment (a link to a section, or to the
//! sliders' state), so that links and bookmarks made before a lesson was renamed still work.
//! The pages are left out of the sitemap and marked `noindex`: search engines index the lesson.

use std::collections::{BTreeSet, HashMap};

use crate::error::Diagnostic;
use crate::i18n;
use crate::lesson::Alias;
use crate::text::escape;

use super::place::{language_folder, root_of, Placed};
use super::theme::Theme;

/// The folder of an alias of a lesson placed as `p`: under its language's folder (for a page,
/// `relu.html`, its path).
fn folder(p: &Placed, alias: &Alias, default_lang: &str) -> String {
    format!("{}{}", language_folder(&p.lang, default_lang), alias.path)
}

/// The file of the page at an alias whose folder is `dir`: `dir/index.html`, or `dir` itself
/// for a page (`relu.html`, as mdBook's and older sites' addresses are).
fn file_of(dir: &str) -> String {
    match dir.ends_with(".html") {
        true => dir.to_string(),
        false => format!("{dir}/index.html"),
    }
}

/// The pages each language's part of the site has at its root, which no alias may be.
const OWN_PAGES: [&str; 3] = ["index.html", "404.html", "search.html"];

/// The redirect pages of the lessons `placed`: (file name, HTML). With the site's address
/// (`base`), each names the lesson's address as its canonical one.
pub fn pages(theme: &Theme, placed: &[Placed], base: Option<&str>) -> Vec<(String, String)> {
    let default_lang = theme.config.language.get_ref();
    let mut pages = Vec::new();
    for p in placed {
        for alias in &p.lesson.aliases {
            let dir = folder(p, alias, default_lang);
            let file = file_of(&dir);
            let up = root_of(file.rsplit_once('/').map_or("", |(folder, _)| folder));
            let target = format!("{up}{}/index.html", p.dir);
            let canonical = base.map_or(target.clone(), |b| format!("{b}{}/", p.dir));
            let title = escape(&p.lesson.title);
            let [href, canonical] = [&target, &canonical].map(|s| escape(s));
            // (A JSON string in a script: `<` escaped too, so that no `</script>` ends it.)
            let script = serde_json::to_string(&target)
                .unwrap_or_default()
                .replace('<', "\\u003c");
            let moved = escape(i18n::text(theme.lang(&p.lang), "moved"));
            let html = format!(
                "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{canonical}\">\n<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n<script>location.replace({script} + location.hash)</script>\n</head>\n<body>\n<p>{moved} <a href=\"{href}\">{title}</a></p>\n</body>\n</html>\n",
                lang = escape(&p.lang),
            );
            pages.push((file, html));
        }
    }
    pages
}

/// The files of the redirect pages of `placed`, which the sitemap leaves out.
pub fn files(placed: &[Placed], default_lang: &str) -> BTreeSet<String> {
    let aliases = placed
        .iter()
        .flat_map(|p| p.lesson.aliases.iter().map(move |a| (p, a)));
    aliases
        .map(|(p, a)| file_of(&folder(p, a, default_lang)))
        .collect()
}

/// The aliases that cannot have their page: one at, or inside, the folder of a lesson (its
/// own too) or of a language of the site, or given twice (by one lesson or two).
pub fn conflicts(placed: &[Placed], default_lang: &str) -> Vec<Diagnostic> {
    let lessons: HashMap<&str, &Placed> = placed.iter().map(|p| (p.dir.as_str(), p)).collect();
    let languages: BTreeSet<String> = (placed.iter())
        .filter(|p| p.lang != default_lang)
        .map(|p| p.lang.clone())
        .collect();
    let mut given: HashMap<String, &Placed> = HashMap::new();
    let mut problems = Vec::new();
    for p in placed {
        for alias in &p.lesson.aliases {
            let dir = folder(p, alias, default_lang);
            // (The lesson's folder that holds it: `relu` for `relu` and `relu/old`.)
            let mut parts = dir.split('/');
            let top = match p.lang == default_lang {
                true => parts.next().unwrap_or("").to_string(),
                false => format!(
                    "{}/{}",
                    parts.next().unwrap_or(""),
                    parts.next().unwrap_or("")
                ),
            };
            let error = |message: String| p.lesson.source.error(alias.span.clone(), message);
            let problem = if let Some(lesson) = lessons.get(top.as_str()) {
                let whose = match std::ptr::eq(*lesson, p) {
                    true => "this lesson's own folder".to_string(),
                    false => format!("the folder of {}", lesson.lesson.source.path),
                };
                error(format!("the alias `{}` is in {whose}", alias.path))
                    .hint("a lesson's page is there: leave the alias out")
            } else if OWN_PAGES.contains(&alias.path.as_str()) {
                error(format!("the alias `{}` is a page of the site", alias.path))
                    .hint("the site writes that page itself: leave the alias out")
            } else if p.lang == default_lang && languages.contains(&top) {
                error(format!(
                    "the alias `{}` is in the folder of the site's lessons in `{top}`",
                    alias.path
                ))
                .hint("that language's index is there: leave the alias out")
            } else {
                let Some(first) = given.insert(file_of(&dir), p) else {
                    continue;
                };
                error(format!("the alias `{}` is given twice", alias.path)).hint(format!(
                    "{} gives it too: one address leads to one lesson",
                    first.lesson.source.path
                ))
            };
            problems
                .push(problem.expected("an address no lesson has: an earlier slug of this lesson"));
        }
    }
    problems
}
