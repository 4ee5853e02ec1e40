//! The index pages (one per language, the default language's at the root), the 404 pages and
//! the search pages (`search`).

use std::borrow::Cow;

use serde::Serialize;

use crate::error::Diagnostic;
use crate::i18n::{self, Lang};
use crate::text::percent_encoded;

use super::cache::Cache;
use super::feed::FEED_FILE;
use super::lesson_page::DateContext;
use super::place::{language_folder, languages, root_of, Placed};
use super::publish::SiteFiles;
use super::search::search_pages;
use super::tags::{self, tag_pages, TagPage, TagRef};
use super::theme::Theme;

/// A lesson on the index, as templates see it.
#[derive(Serialize)]
struct IndexEntry<'a> {
    title: &'a str,
    summary: &'a str,
    href: String,
    /// The lesson's preview (a thumbnail of its last chart), relative to the site root.
    preview: Option<String>,
    /// The series the lesson is a part of, and the part's number.
    series: Option<&'a str>,
    part: Option<u32>,
    /// "Part 2", in the page's language.
    part_label: Option<String>,
    /// Its tags, each with its page (relative to the site root), and when it was published and
    /// last changed (on a later day): for a theme to show.
    tags: Vec<TagRef<'a>>,
    date: Option<DateContext>,
    updated: Option<DateContext>,
    /// The author's own fields (front matter `[extra]`).
    extra: &'a serde_json::Map<String, serde_json::Value>,
}

/// A series on the index: its name, its parts in order, and how many ("3 parts", in the
/// page's language).
#[derive(Serialize)]
struct SeriesEntry<'a> {
    name: &'a str,
    lessons: Vec<&'a IndexEntry<'a>>,
    count_label: String,
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

/// The index, 404 and search pages of the lessons of `placed` that rendered (in the cache; in a
/// build that failed, a copy of those), into `out`: the problems of each (the index's do not
/// hide the 404 page's).
pub fn language_pages(
    (theme, cache, default_lang, base): (&Theme, &Cache, &str, Option<&str>),
    placed: &[Placed],
    out: &mut SiteFiles,
) -> Vec<Diagnostic> {
    let rendered = |p: &&Placed| cache.find(&p.dir).is_some();
    let placed: Cow<[Placed]> = match placed.iter().all(|p| rendered(&p)) {
        true => Cow::Borrowed(placed),
        false => Cow::Owned(placed.iter().filter(rendered).cloned().collect()),
    };
    let index = index_pages(theme, &placed, cache, (default_lang, base), out);
    let not_found = not_found_pages(theme, &placed, default_lang, base, out);
    let search = match theme.config.search {
        true => {
            let texts: Vec<_> = placed.iter().map(|p| &cache.get(&p.dir).search).collect();
            search_pages(theme, (&placed, &texts), (default_lang, base), out)
        }
        false => Ok(()),
    };
    [index.err(), not_found.err(), search.err()]
        .into_iter()
        .flatten()
        .collect()
}

/// The names of the index, 404, search and tag pages (and search indexes and feeds) the site
/// has (for a build that fails before making them: its lessons' links to them are not broken).
pub fn page_names(
    placed: &[Placed],
    default_lang: &str,
    (search, feed): (bool, bool),
) -> Vec<String> {
    let languages = languages(placed, default_lang);
    let prefixes = languages
        .iter()
        .map(|lang| language_folder(lang, default_lang));
    let searching = ["search.html", "search-index.js"];
    let names = ["index.html", "404.html"].into_iter();
    let names = names.chain(searching.into_iter().filter(|_| search));
    let names: Vec<&str> = names.chain(feed.then_some(FEED_FILE)).collect();
    let pages = prefixes.flat_map(|p| names.iter().map(move |name| format!("{p}{name}")));
    // (Each tag's page, and its feed beside it.)
    let tagged: Vec<&str> = ["index.html"]
        .into_iter()
        .chain(feed.then_some(FEED_FILE))
        .collect();
    let tag_folders = tags::folders(placed, default_lang);
    let tag_pages =
        (tag_folders.iter()).flat_map(|f| tagged.iter().map(move |n| format!("{f}{n}")));
    // (And the overview of each language's tags.)
    let overviews = (tags::tagged_languages(placed).into_iter())
        .map(|lang| tags::overview_file(&language_folder(lang, default_lang)));
    pages.chain(tag_pages).chain(overviews).collect()
}

/// A tag on the index and on the tags' pages, as templates see it: its name, its page
/// (relative to the site root), how many lessons have it, and whether it is the page's own.
#[derive(Serialize)]
struct TagLink<'a> {
    name: &'a str,
    href: String,
    count: usize,
    current: bool,
}

/// What a language's index and its tags' pages share: the language, its folder (`zh-CN/`), its
/// tags, the language switcher and the site's address.
struct Listing<'a> {
    lang: Lang<'a>,
    prefix: &'a str,
    tags: &'a [TagPage<'a>],
    switcher: &'a [LanguageLink],
    base_url: Option<&'a str>,
}

/// Render one index per language into `out`, and a page for each tag of its lessons that
/// lists those ([`super::tags`]), made from the same template.
pub fn index_pages(
    theme: &Theme,
    placed: &[Placed],
    cache: &Cache,
    (default_lang, base_url): (&str, Option<&str>),
    out: &mut SiteFiles,
) -> Result<(), Diagnostic> {
    let languages = languages(placed, default_lang);
    for lang in &languages {
        let prefix = language_folder(lang, default_lang);
        let lessons: Vec<&Placed> = placed.iter().filter(|p| p.lang == *lang).collect();
        let index: Vec<IndexEntry> = lessons
            .iter()
            .map(|p| entry(p, cache, (theme.lang(lang), &prefix)))
            .collect();
        let tags = tag_pages(&lessons);
        let switcher = switcher(theme, &languages, (lang, default_lang));
        let listing = Listing {
            lang: theme.lang(lang),
            prefix: &prefix,
            tags: &tags,
            switcher: &switcher,
            base_url,
        };
        let all: Vec<&IndexEntry> = index.iter().collect();
        let page = listing.render(theme, &all, None)?;
        out.insert(format!("{prefix}index.html"), page.into_bytes().into());
        for (i, tag) in tags.iter().enumerate() {
            let entries: Vec<&IndexEntry> = tag.lessons.iter().map(|&j| &index[j]).collect();
            let page = listing.render(theme, &entries, Some(i))?;
            out.insert(tag.file(&prefix), page.into_bytes().into());
        }
        if !tags.is_empty() {
            let page = listing.overview(theme)?;
            out.insert(tags::overview_file(&prefix), page.into_bytes().into());
        }
    }
    Ok(())
}

/// A lesson `p` of language `lang`, whose folder is `prefix`, on the index.
fn entry<'a>(p: &'a Placed, cache: &Cache, (lang, prefix): (Lang, &str)) -> IndexEntry<'a> {
    let series = p.lesson.series.as_ref();
    IndexEntry {
        title: &p.lesson.title,
        summary: &p.lesson.summary,
        href: format!("{}/index.html", p.dir),
        preview: cache.get(&p.dir).preview.clone(),
        series: series.map(|s| s.name.as_str()),
        part: series.map(|s| s.part),
        part_label: series
            .map(|s| i18n::sentence(lang, "part_n", &[("part", &s.part.to_string())])),
        tags: TagRef::all(&p.lesson, prefix),
        date: DateContext::published(&p.lesson, lang),
        updated: DateContext::updated(&p.lesson, lang),
        extra: &p.lesson.extra,
    }
}

impl Listing<'_> {
    /// The index of the language (`tag` none), or the page of its tag `tag`: `entries` by
    /// series, then the others, and every tag of the language.
    fn render(
        &self,
        theme: &Theme,
        entries: &[&IndexEntry],
        tag: Option<usize>,
    ) -> Result<String, Diagnostic> {
        let (lang, prefix) = (self.lang, self.prefix);
        let own = tag.map(|i| &self.tags[i]);
        let root = root_of(&own.map_or(prefix.to_string(), |t| t.folder(prefix)));
        let mut ctx = match own {
            None => theme.context(
                (&root, "index.html", self.base_url),
                lang.tag,
                i18n::text(lang, "lessons"),
                theme.config.description_for(lang.tag),
            ),
            Some(t) => {
                let title = t.title(lang);
                let home = format!("{root}{prefix}index.html");
                let mut ctx =
                    theme.context((&root, &home, self.base_url), lang.tag, &title, &title);
                // (The page names the feed of its tag, beside it: `feed::feeds`.)
                if let Some(base) = self.base_url.filter(|_| theme.config.feed) {
                    let feed = percent_encoded(&format!("{}/{FEED_FILE}", t.folder(prefix)));
                    ctx.insert("feed", &format!("{base}{feed}"));
                }
                ctx
            }
        };
        let series = group_series(entries, lang);
        let others: Vec<&IndexEntry> = entries
            .iter()
            .copied()
            .filter(|e| e.series.is_none())
            .collect();
        // Where a reader starts: the first series' first part, or else the first lesson (on the
        // index; a tag's page lists its lessons only).
        let start = series.first().map_or(others.first(), |s| s.lessons.first());
        ctx.insert("start", &start.filter(|_| own.is_none()));
        ctx.insert("series", &series);
        ctx.insert("others", &others);
        ctx.insert("lessons", entries);
        // (A tag is one language's: its page has no other language's.)
        let switcher = match own {
            None => self.switcher,
            Some(_) => &[],
        };
        ctx.insert("languages", switcher);
        ctx.insert("tags", &self.tag_links(tag));
        ctx.insert("tag", &own.map(|t| t.name));
        theme.render("index.html", &ctx)
    }

    /// The overview of the language's tags (`tags/index.html`, from `tags.html`), as Zola's
    /// and Hugo's taxonomies have one: a reader who shortens a tag page's address finds it.
    fn overview(&self, theme: &Theme) -> Result<String, Diagnostic> {
        let (lang, prefix) = (self.lang, self.prefix);
        let root = root_of(&format!("{prefix}{}", tags::TAGS_FOLDER));
        let home = format!("{root}{prefix}index.html");
        let title = i18n::text(lang, "tags");
        let mut ctx = theme.context((&root, &home, self.base_url), lang.tag, title, title);
        ctx.insert("tags", &self.tag_links(None));
        theme.render("tags.html", &ctx)
    }

    /// The language's tags as templates see them, `tag` (an index into them) the page's own.
    fn tag_links(&self, tag: Option<usize>) -> Vec<TagLink<'_>> {
        (self.tags.iter().enumerate())
            .map(|(i, t)| TagLink {
                name: t.name,
                href: t.href(self.prefix),
                count: t.lessons.len(),
                current: tag == Some(i),
            })
            .collect()
    }
}

/// The index's lessons grouped by series (they are placed series by series, each in part
/// order), each series with its count of parts in language `lang`: its highest part, as a
/// lesson's page counts them ("Part 2 of 3"), also where a translation lacks a part (the
/// Chinese index said "1 part" above the one page that says "part 2 of 2").
fn group_series<'a>(index: &[&'a IndexEntry<'a>], lang: Lang) -> Vec<SeriesEntry<'a>> {
    let mut series: Vec<SeriesEntry> = Vec::new();
    for &entry in index {
        let Some(name) = entry.series else { continue };
        match series.last_mut() {
            Some(last) if last.name == name => last.lessons.push(entry),
            _ => series.push(SeriesEntry {
                name,
                lessons: vec![entry],
                count_label: String::new(),
            }),
        }
    }
    for s in &mut series {
        let count = s.lessons.iter().filter_map(|e| e.part).max().unwrap_or(1) as usize;
        s.count_label = match count.max(s.lessons.len()) {
            1 => i18n::text(lang, "series_one_part").to_string(),
            n => i18n::sentence(lang, "series_parts", &[("count", &n.to_string())]),
        };
    }
    series
}

/// The index's language switcher, on the page of language `lang`.
fn switcher(
    theme: &Theme,
    languages: &[&str],
    (lang, default_lang): (&str, &str),
) -> Vec<LanguageLink> {
    languages
        .iter()
        .map(|other| LanguageLink {
            code: other.to_string(),
            name: theme.language_name(other),
            href: if *other == default_lang {
                "index.html".to_string()
            } else {
                format!("{other}/index.html")
            },
            current: *other == lang,
        })
        .collect()
}

/// The 404 pages: `404.html` in the default language and `<lang>/404.html` for every other.
/// A 404 page is served at any depth. With the site's address known its links are absolute;
/// without it they are relative to the page's own folder (right when it is opened from disk or
/// served for a missing page of its folder), and a small script in the page finds the site's
/// root from the address it is shown at, by the site's top-level folders (`folders`).
pub fn not_found_pages(
    theme: &Theme,
    placed: &[Placed],
    default_lang: &str,
    base_url: Option<&str>,
    out: &mut SiteFiles,
) -> Result<(), Diagnostic> {
    let languages = languages(placed, default_lang);
    let mut folders: Vec<&str> = placed
        .iter()
        .map(|p| p.dir.split('/').next().unwrap_or(""))
        .collect();
    // (The default language's tags' pages are in a top-level folder of their own.)
    let tagged = tags::tagged_languages(placed).contains(default_lang);
    folders.extend(tagged.then_some(tags::TAGS_FOLDER));
    folders.sort_unstable();
    folders.dedup();
    for lang in &languages {
        let prefix = language_folder(lang, default_lang);
        let root = match base_url {
            Some(base) => base.to_string(),
            None => root_of(&prefix),
        };
        let home = match base_url {
            Some(base) => format!("{base}{prefix}index.html"),
            None => "index.html".to_string(),
        };
        let mut ctx = theme.context(
            (&root, &home, base_url),
            lang,
            i18n::text(theme.lang(lang), "not_found"),
            theme.config.description_for(lang),
        );
        ctx.insert("lessons", &Vec::<IndexEntry>::new());
        ctx.insert("series", &Vec::<SeriesEntry>::new());
        ctx.insert("others", &Vec::<IndexEntry>::new());
        ctx.insert("start", &None::<IndexEntry>);
        ctx.insert("find_root", &base_url.is_none());
        ctx.insert("folders", &folders);
        ctx.insert("prefix", &prefix);
        out.insert(
            format!("{prefix}404.html"),
            theme.render("404.html", &ctx)?.into_bytes().into(),
        );
    }
    Ok(())
}
