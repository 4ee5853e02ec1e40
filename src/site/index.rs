//! The index pages (one per language, the default language's at the root) and the 404 page.

use serde::Serialize;

use crate::error::Diagnostic;
use crate::i18n;

use super::cache::Cache;
use super::place::{root_of, Placed};
use super::publish::SiteFiles;
use super::theme::Theme;

/// A lesson on the index, as templates see it.
#[derive(Serialize)]
struct IndexEntry<'a> {
    title: &'a str,
    summary: &'a str,
    href: String,
    /// The lesson's last figure, relative to the site root.
    preview: Option<String>,
}

/// A language in the index's language switcher.
#[derive(Serialize)]
struct LanguageLink {
    code: String,
    name: String,
    /// Relative to the site root.
    href: String,
    current: bool,
}

/// Render one index per language into `out`.
pub fn index_pages(
    theme: &Theme,
    placed: &[Placed],
    cache: &Cache,
    default_lang: &str,
    out: &mut SiteFiles,
) -> Result<(), Diagnostic> {
    let mut languages: Vec<&str> = placed.iter().map(|p| p.lang.as_str()).collect();
    languages.dedup();
    if languages.is_empty() {
        languages.push(default_lang);
    }
    for lang in &languages {
        let prefix = if *lang == default_lang {
            String::new()
        } else {
            format!("{lang}/")
        };
        let root = root_of(&prefix);
        let mut ctx = theme.context(
            &root,
            "index.html",
            lang,
            i18n::text(lang, "lessons"),
            &theme.config.description,
        );
        let index: Vec<IndexEntry> = placed
            .iter()
            .filter(|p| p.lang == *lang)
            .map(|p| IndexEntry {
                title: &p.lesson.title,
                summary: &p.lesson.summary,
                href: format!("{}/index.html", p.dir),
                preview: cache.get(&p.dir).preview.clone(),
            })
            .collect();
        ctx.insert("lessons", &index);
        let switcher: Vec<LanguageLink> = languages
            .iter()
            .map(|other| LanguageLink {
                code: other.to_string(),
                name: i18n::language_name(other),
                href: if *other == default_lang {
                    "index.html".to_string()
                } else {
                    format!("{other}/index.html")
                },
                current: other == lang,
            })
            .collect();
        ctx.insert("languages", &switcher);
        out.insert(
            format!("{prefix}index.html"),
            theme.render("index.html", &ctx)?.into_bytes().into(),
        );
    }
    Ok(())
}

/// The 404 page. It is served at any depth: its links are absolute when the site's address is
/// known, root-relative otherwise.
pub fn not_found_page(
    theme: &Theme,
    default_lang: &str,
    base_url: Option<&str>,
) -> Result<Vec<u8>, Diagnostic> {
    let not_found_root = base_url.unwrap_or("/").to_string();
    let home = format!("{not_found_root}index.html");
    let mut ctx = theme.context(
        &not_found_root,
        &home,
        default_lang,
        i18n::text(default_lang, "not_found"),
        &theme.config.description,
    );
    ctx.insert("lessons", &Vec::<IndexEntry>::new());
    Ok(theme.render("404.html", &ctx)?.into_bytes())
}
