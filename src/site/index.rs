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
    /// The series the lesson is a part of, and the part's number.
    series: Option<&'a str>,
    part: Option<u32>,
    /// "Part 2", in the page's language.
    part_label: Option<String>,
}

/// A series on the index: its name and its parts, in order.
#[derive(Serialize)]
struct SeriesEntry<'a> {
    name: &'a str,
    lessons: Vec<&'a IndexEntry<'a>>,
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
                series: p.lesson.series.as_ref().map(|s| s.name.as_str()),
                part: p.lesson.series.as_ref().map(|s| s.part),
                part_label: p
                    .lesson
                    .series
                    .as_ref()
                    .map(|s| i18n::sentence(lang, "part_n", &[("part", &s.part.to_string())])),
            })
            .collect();
        // The lessons are placed series by series, each in part order.
        let mut series: Vec<SeriesEntry> = Vec::new();
        for entry in index.iter() {
            let Some(name) = entry.series else { continue };
            match series.last_mut() {
                Some(last) if last.name == name => last.lessons.push(entry),
                _ => series.push(SeriesEntry {
                    name,
                    lessons: vec![entry],
                }),
            }
        }
        let others: Vec<&IndexEntry> = index.iter().filter(|e| e.series.is_none()).collect();
        ctx.insert("series", &series);
        ctx.insert("others", &others);
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
    ctx.insert("series", &Vec::<SeriesEntry>::new());
    ctx.insert("others", &Vec::<IndexEntry>::new());
    Ok(theme.render("404.html", &ctx)?.into_bytes())
}
