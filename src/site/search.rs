//! Search, as mdBook, Zola, Quarto and Jupyter Book sites have it: each language has a search
//! page (`search.html`, `zh-CN/search.html`) and an index of its lessons' text
//! (`search-index.js`, loaded by a `<script>` so that it works opened from disk too), which the
//! theme's `search.js` searches as the reader types. A lesson's text is taken from its rendered
//! body once, when it renders, and kept with it ([`SearchText`]): a build that reuses a lesson
//! does not read its page again.

use serde::Serialize;

use crate::error::Diagnostic;
use crate::i18n;

use super::place::{root_of, Placed};
use super::publish::SiteFiles;
use super::search_text::SearchText;
use super::theme::Theme;

/// A lesson in a language's search index: its title, summary, page (relative to the search
/// page) and text.
#[derive(Serialize)]
struct IndexedLesson<'a> {
    title: &'a str,
    summary: &'a str,
    href: String,
    sections: &'a [[String; 3]],
}

/// The search pages, one per language with lessons (and the default language's, which the
/// header of every page of it links), with their indexes of the lessons `placed` and their
/// `texts`, into `out`: `search.html` and `search-index.js` at the root, `zh-CN/search.html` and
/// `zh-CN/search-index.js`.
pub fn search_pages(
    theme: &Theme,
    (placed, texts): (&[Placed], &[&SearchText]),
    default_lang: &str,
    out: &mut SiteFiles,
) -> Result<(), Diagnostic> {
    let mut languages: Vec<&str> = vec![default_lang];
    languages.extend(placed.iter().map(|p| p.lang.as_str()));
    languages.dedup();
    for lang in languages {
        let prefix = match lang == default_lang {
            true => String::new(),
            false => format!("{lang}/"),
        };
        let root = root_of(&prefix);
        let lessons: Vec<IndexedLesson> = (placed.iter().zip(texts))
            .filter(|(p, _)| p.lang == lang)
            .map(|(p, text)| IndexedLesson {
                title: &p.lesson.title,
                summary: &p.lesson.summary,
                href: format!("{root}{}/index.html", p.dir),
                sections: &text.0,
            })
            .collect();
        let json = serde_json::to_string(&lessons).map_err(|e| Diagnostic::new(e.to_string()))?;
        // (`</script>` cannot end the file's script: it is no HTML. `<` is escaped all the same,
        // as a page's inline JSON would have it.)
        let script = format!("window.nnSearchIndex={};\n", json.replace('<', "\\u003c"));
        out.insert(
            format!("{prefix}search-index.js"),
            script.into_bytes().into(),
        );
        let title = i18n::text(lang, "search");
        let description = theme.config.description_for(lang);
        let ctx = theme.context(&root, "index.html", lang, title, description);
        out.insert(
            format!("{prefix}search.html"),
            theme.render("search.html", &ctx)?.into_bytes().into(),
        );
    }
    Ok(())
}
