//! The site's feeds: with `feed = true` in `nnbook.toml` and the site's address known (a feed's
//! addresses are absolute), one Atom feed per language (`atom.xml`, `zh-CN/atom.xml`) of its
//! lessons that have a `date`, the newest first, as Zola's and Hugo's sites have one. Every page
//! of the language links it in its head (`feed`, `Theme::context`), so that a feed reader given
//! any page's address finds it. The feed changes only with the lessons: its `updated` is the
//! newest lesson's, never the time of the build.

use crate::error::Diagnostic;
use crate::i18n::Lang;
use crate::lesson::LessonDate;
use crate::project::{Config, CONFIG_FILE};
use crate::text::{escape, percent_encoded};

use super::place::{language_folder, languages, Placed};
use super::tags::tag_pages;

/// A language's feed, in its folder.
pub const FEED_FILE: &str = "atom.xml";

/// The feeds of the lessons `placed`, under the site's address `base`: (file name, XML). Each
/// language's, and one for each tag of its lessons beside the tag's page
/// (`tags/relu/atom.xml`), as Hugo's and Zola's taxonomies have them.
pub fn feeds(
    config: &Config,
    placed: &[Placed],
    default_lang: &str,
    base: &str,
) -> Vec<(String, String)> {
    let mut feeds = Vec::new();
    for lang in languages(placed, default_lang) {
        let folder = language_folder(lang, default_lang);
        let lessons: Vec<&Placed> = placed.iter().filter(|p| p.lang == lang).collect();
        let title = config.title_for(lang);
        let about = Feed {
            lang,
            folder: folder.clone(),
            title: title.to_string(),
            subtitle: config.description_for(lang),
        };
        feeds.push(about.xml(config, &lessons, base));
        for tag in tag_pages(&lessons) {
            let about = Feed {
                lang,
                folder: format!("{}/", tag.folder(&folder)),
                title: format!(
                    "{title}: {}",
                    tag.title(Lang::new(lang, config.words(lang)))
                ),
                subtitle: "",
            };
            let of_tag: Vec<&Placed> = tag.lessons.iter().map(|&i| lessons[i]).collect();
            feeds.push(about.xml(config, &of_tag, base));
        }
    }
    feeds
}

/// What a feed is of: its language, the folder of the page it follows (and its own file), its
/// title and subtitle.
struct Feed<'a> {
    lang: &'a str,
    folder: String,
    title: String,
    subtitle: &'a str,
}

impl Feed<'_> {
    /// The feed of the dated ones of `lessons`, the newest first: (file name, XML).
    fn xml(&self, config: &Config, lessons: &[&Placed], base: &str) -> (String, String) {
        let (lang, folder) = (self.lang, &self.folder);
        let mut dated: Vec<(&Placed, LessonDate)> = (lessons.iter())
            .filter_map(|p| Some((*p, p.lesson.updated.or(p.lesson.date)?)))
            .collect();
        // (The newest first; lessons changed at the same moment in the index's order.)
        dated.sort_by_key(|(_, updated)| std::cmp::Reverse(updated.instant()));
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        let author = Some(config.author.as_str()).filter(|a| !a.trim().is_empty());
        // (A tag's folder may be in any script: its addresses are percent-encoded.)
        let [feed, page] = [format!("{folder}{FEED_FILE}"), folder.clone()]
            .map(|path| format!("{base}{}", percent_encoded(&path)));
        xml.push_str(&format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{}</title>\n",
            escape(lang),
            escape(&self.title)
        ));
        if !self.subtitle.trim().is_empty() {
            xml.push_str(&format!("<subtitle>{}</subtitle>\n", escape(self.subtitle)));
        }
        xml.push_str(&format!(
            "<link rel=\"self\" type=\"application/atom+xml\" href=\"{0}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{1}\"/>\n<id>{0}</id>\n",
            escape(&feed),
            escape(&page)
        ));
        // (A feed of no dated lesson is as old as time can say: the lessons are warned about.)
        let newest = dated.first().map(|(_, u)| u.rfc3339());
        let newest = newest.unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
        xml.push_str(&format!(
            "<updated>{newest}</updated>\n<author><name>{}</name></author>\n<generator>nnbook</generator>\n",
            escape(author.unwrap_or(config.title_for(lang)))
        ));
        let limit = (config.feed_limit.as_ref()).map_or(usize::MAX, |n| *n.get_ref() as usize);
        for (p, updated) in dated.iter().take(limit) {
            xml.push_str(&entry(p, updated, base));
        }
        xml.push_str("</feed>\n");
        (format!("{folder}{FEED_FILE}"), xml)
    }
}

/// A lesson's entry: its title, page, dates, summary, series and tags.
fn entry(p: &Placed, updated: &LessonDate, base: &str) -> String {
    let lesson = &p.lesson;
    let page = escape(&format!("{base}{}/", p.dir));
    let mut xml = format!(
        "<entry>\n<title>{}</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"{page}\"/>\n<id>{page}</id>\n",
        escape(&lesson.title)
    );
    if let Some(date) = &lesson.date {
        xml.push_str(&format!("<published>{}</published>\n", date.rfc3339()));
    }
    xml.push_str(&format!("<updated>{}</updated>\n", updated.rfc3339()));
    if !lesson.summary.trim().is_empty() {
        xml.push_str(&format!("<summary>{}</summary>\n", escape(&lesson.summary)));
    }
    // (Its series, then its tags: the topics a reader's feed program files it under.)
    let series = lesson.series.iter().map(|s| &s.name);
    for term in series.chain(lesson.tags.iter().map(|t| &t.name)) {
        xml.push_str(&format!("<category term=\"{}\"/>\n", escape(term)));
    }
    xml.push_str("</entry>\n");
    xml
}

/// What the feeds leave out, told when `feed = true`: each lesson without a `date`; and, for a
/// build that publishes (`publishing`), every feed when the site's address is not known.
pub fn warnings(
    config: &Config,
    placed: &[Placed],
    (base_url, publishing): (Option<&str>, bool),
) -> Vec<Diagnostic> {
    if !config.feed {
        return Vec::new();
    }
    let mut warnings = Vec::new();
    if publishing && base_url.is_none() {
        warnings.push(
            Diagnostic::in_file(
                CONFIG_FILE,
                "`feed = true`, but the site has no address: no feed is written",
            )
            .warning()
            .hint("a feed's links are absolute: set `base_url` in nnbook.toml, or build with `--base-url https://…/`"),
        );
    }
    for p in placed.iter().filter(|p| p.lesson.date.is_none()) {
        let source = &p.lesson.source;
        let at = source.text.find("+++").map_or(0..0, |i| i..i + 3);
        warnings.push(
            (source.error(
                at,
                "the lesson has no `date`: the site's feed leaves it out",
            ))
            .warning()
            .hint("add the day it is published to its front matter, like `date = 2026-12-06`"),
        );
    }
    warnings
}
