//! `sitemap.xml`, with the site's address: every page a search engine should index, a dated
//! lesson's with when it last changed (`lastmod`), and a page that is in several languages
//! with each language's address (`xhtml:link rel="alternate" hreflang`, as Google reads a
//! multilingual site's sitemap): no page carries those links, so they cost the pages nothing.

use std::collections::BTreeMap;

use crate::text::{escape, percent_encoded};

use super::aliases;
use super::place::{language_folder, languages, translations, Placed};

/// What the sitemap says of a page beyond its address: when it last changed, and its
/// languages' pages (each language's tag and path), by the page's file.
#[derive(Default)]
struct Facts {
    lastmod: BTreeMap<String, String>,
    languages: BTreeMap<String, Vec<(String, String)>>,
}

/// The sitemap of the pages `names` under the site's address `base`: every HTML page but the
/// 404 and search pages (nothing of their own to find) and the aliases' pages (they send the
/// reader on), with what the lessons `placed` say of theirs.
pub fn sitemap<'a>(
    base: &str,
    names: impl Iterator<Item = &'a str>,
    (placed, default_lang): (&[Placed], &str),
) -> String {
    let facts = facts(placed, default_lang);
    let moved = aliases::files(placed, default_lang);
    let xhtml = match facts.languages.is_empty() {
        true => "",
        false => " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"",
    };
    let mut xml = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"{xhtml}>\n");
    let page = |n: &&str| {
        let file = n.rsplit('/').next().unwrap_or(n);
        n.ends_with(".html") && file != "404.html" && file != "search.html" && !moved.contains(*n)
    };
    // (A tag's page may be named in any script: its address is percent-encoded.)
    let address = |path: &str| {
        let path = percent_encoded(path.strip_suffix("index.html").unwrap_or(path));
        escape(&format!("{base}{path}"))
    };
    for name in names.filter(page) {
        xml.push_str(&format!("<url><loc>{}</loc>", address(name)));
        if let Some(day) = facts.lastmod.get(name) {
            xml.push_str(&format!("<lastmod>{day}</lastmod>"));
        }
        for (lang, path) in facts.languages.get(name).into_iter().flatten() {
            xml.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                escape(lang),
                address(path)
            ));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The lessons' dates, and the pages in several languages: each lesson with translations (the
/// languages' pages of one lesson, [`translations`]), and each language's index.
fn facts(placed: &[Placed], default_lang: &str) -> Facts {
    let mut facts = Facts::default();
    let page = |p: &Placed| (p.lang.clone(), format!("{}/index.html", p.dir));
    for p in placed {
        if let Some(d) = p.lesson.updated.or(p.lesson.date) {
            facts.lastmod.insert(page(p).1, d.rfc3339());
        }
    }
    // (A lesson and its translations, as its page links them.)
    let translated = (translations(placed).into_iter().enumerate()).filter(|(_, t)| !t.is_empty());
    let mut groups: Vec<Vec<(String, String)>> = translated
        .map(|(i, t)| {
            (std::iter::once(i).chain(t))
                .map(|j| page(&placed[j]))
                .collect()
        })
        .collect();
    let indexes = languages(placed, default_lang);
    let index = |lang: &&str| {
        (
            lang.to_string(),
            format!("{}index.html", language_folder(lang, default_lang)),
        )
    };
    groups.extend((indexes.len() > 1).then(|| indexes.iter().map(index).collect()));
    for mut group in groups {
        group.sort();
        for (_, file) in &group {
            facts.languages.insert(file.clone(), group.clone());
        }
    }
    facts
}
