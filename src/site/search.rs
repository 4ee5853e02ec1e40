//! Search, as mdBook, Zola, Quarto and Jupyter Book sites have it: each language has a search
//! page (`search.html`, `zh-CN/search.html`) and an index of its lessons' text
//! (`search-index.js`, loaded by a `<script>` so that it works opened from disk too), which the
//! theme's `search.js` searches as the reader types. A lesson's words are read from its page's
//! events as it renders ([`SearchText`]) and kept with it (in the cache and the manifest): a
//! build that reuses a lesson does not read its page again.

use crate::error::Diagnostic;
use crate::i18n;
use crate::page::{in_index, SearchText};

use super::place::{language_folder, languages, root_of, Placed};
use super::publish::SiteFiles;
use super::theme::Theme;

/// The search pages, one per language with lessons (and the default language's, which the
/// header of every page of it links), with their indexes of the lessons `placed` and their
/// `texts`, into `out`: `search.html` and `search-index.js` at the root, `zh-CN/search.html` and
/// `zh-CN/search-index.js`.
pub fn search_pages(
    theme: &Theme,
    (placed, texts): (&[Placed], &[&SearchText]),
    (default_lang, base_url): (&str, Option<&str>),
    out: &mut SiteFiles,
) -> Result<(), Diagnostic> {
    for lang in languages(placed, default_lang) {
        let prefix = language_folder(lang, default_lang);
        let root = root_of(&prefix);
        // (Each lesson's sections are JSON already, made as it rendered.)
        let mut script = String::from("window.nnSearchIndex=[");
        let lessons = (placed.iter().zip(texts)).filter(|(p, _)| p.lang == lang);
        for (n, (p, text)) in lessons.enumerate() {
            let href = format!("{root}{}/index.html", p.dir);
            let [title, summary, href] =
                [&p.lesson.title, &p.lesson.summary, &href].map(|s| json_string(s));
            let comma = if n == 0 { "" } else { "," };
            // (Its tags, which a reader may look for by name: only where it has some.)
            let names: Vec<String> = p.lesson.tags.iter().map(|t| json_string(&t.name)).collect();
            let tags = match names.is_empty() {
                true => String::new(),
                false => format!(",\"tags\":[{}]", names.join(",")),
            };
            script.push_str(&format!(
                "{comma}{{\"title\":{title},\"summary\":{summary},\"href\":{href}{tags},\"sections\":{}}}",
                text.0
            ));
        }
        script.push_str("];\n");
        out.insert(
            format!("{prefix}search-index.js"),
            script.into_bytes().into(),
        );
        let title = i18n::text(theme.lang(lang), "search");
        let description = theme.config.description_for(lang);
        let ctx = theme.context((&root, "index.html", base_url), lang, title, description);
        out.insert(
            format!("{prefix}search.html"),
            theme.render("search.html", &ctx)?.into_bytes().into(),
        );
    }
    Ok(())
}

/// `s` as a JSON string, as the index writes it ([`in_index`]).
fn json_string(s: &str) -> String {
    in_index(serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string()))
}
