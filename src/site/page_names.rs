//! What each page's template can read: the names of its data, which `template_check` checks a
//! template's names against. Debug builds note every name a page gets that is not listed here
//! ([`unlisted`]), and the tests expect none: the lists stay true.

use std::collections::BTreeSet;
use std::sync::Mutex;

use crate::i18n;

/// The page a template makes, by its name: the names it can read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Page {
    Lesson,
    Index,
    NotFound,
    Search,
    /// The overview of a language's tags (`tags/index.html`).
    Tags,
    /// A template the others extend, include or import (`base.html`, a partial, macros): it
    /// reads what any page gets.
    Any,
}

impl Page {
    pub fn of(template: &str) -> Page {
        match template {
            "lesson.html" => Page::Lesson,
            "index.html" => Page::Index,
            "404.html" => Page::NotFound,
            "search.html" => Page::Search,
            "tags.html" => Page::Tags,
            _ => Page::Any,
        }
    }

    /// "the lesson page", as a message names it.
    pub fn called(self) -> &'static str {
        match self {
            Page::Lesson => "the lesson page",
            Page::Index => "the index page",
            Page::NotFound => "the 404 page",
            Page::Search => "the search page",
            Page::Tags => "the tags page",
            Page::Any => "any page",
        }
    }

    /// Every name this page's template can read, and each of its parents (`lesson`, `toc[]`):
    /// a list's items as `name[]`, the interface texts as `t.*` ([`i18n::texts`]).
    pub fn names(self) -> BTreeSet<String> {
        let own: &[&str] = match self {
            Page::Lesson => &[LESSON],
            Page::Index => &[INDEX, TAGS],
            Page::NotFound => &[NOT_FOUND],
            Page::Search => &[],
            Page::Tags => &[TAGS],
            Page::Any => &[LESSON, INDEX, NOT_FOUND, TAGS],
        };
        let listed = (std::iter::once(EVERY).chain(own.iter().copied()))
            .flat_map(str::split_whitespace)
            .map(str::to_string);
        let texts = i18n::texts(i18n::Lang::built_in("en"))
            .into_keys()
            .map(|k| format!("t.{k}"));
        let mut names = BTreeSet::new();
        for name in listed.chain(texts) {
            let cuts = name.match_indices(['.', '[']).map(|(i, _)| i);
            names.extend(cuts.map(|i| name[..i].to_string()));
            names.extend(name.strip_suffix("[]").map(str::to_string));
            names.insert(name);
        }
        names
    }
}

/// What every page gets (`Theme::context`).
const EVERY: &str = "site_title root home search feed extra lang dir page_title description";

/// The names whose contents are the author's own (`[extra]`, in the front matter and in
/// nnbook.toml): any name under them may be read, and a page has those its author gave.
const OPEN: [&str; 6] = [
    "extra",
    "lesson.extra",
    "lessons[].extra",
    "others[].extra",
    "start.extra",
    "series[].lessons[].extra",
];

/// Whether `name` (`lesson.extra.level`) is under one of the [`OPEN`] names.
pub fn is_open(name: &str) -> bool {
    OPEN.iter()
        .any(|open| (name.strip_prefix(open)).is_some_and(|rest| rest.starts_with(['.', '['])))
}

/// The lesson page's own (`lesson_page::render_lesson`).
const LESSON: &str = "
    lesson.title lesson.summary lesson.slug
    lesson.source.title lesson.source.author lesson.source.url
    lesson.date.day lesson.date.shown lesson.updated.day lesson.updated.shown lesson.extra
    lesson.tags[].name lesson.tags[].href
    content notebook explorable page_url edit_url
    toc[].id toc[].level toc[].title
    prev.href prev.lang prev.name prev.title next.href next.lang next.name next.title
    series.count series.label series.name series.part
    translations[].href translations[].lang translations[].name translations[].title";

/// An index entry's fields, under `lessons[]`, `others[]`, `start` and `series[].lessons[]`.
macro_rules! entry {
    ($list:literal) => {
        concat!(
            " ",
            $list,
            ".href ",
            $list,
            ".part ",
            $list,
            ".part_label ",
            $list,
            ".preview ",
            $list,
            ".series ",
            $list,
            ".summary ",
            $list,
            ".title ",
            $list,
            ".tags[].name ",
            $list,
            ".tags[].href ",
            $list,
            ".date.day ",
            $list,
            ".date.shown ",
            $list,
            ".updated.day ",
            $list,
            ".updated.shown ",
            $list,
            ".extra"
        )
    };
}

/// The index page's own, and each tag's page's (`index::index_pages`): `tag` is the page's tag,
/// none on the index.
const INDEX: &str = concat!(
    entry!("lessons[]"),
    entry!("others[]"),
    entry!("start"),
    entry!("series[].lessons[]"),
    " series[].name series[].count_label",
    " languages[].code languages[].current languages[].href languages[].name",
    " tag"
);

/// The tags page's own (`index::index_pages`), which the index and each tag's page have too:
/// every tag of the language.
const TAGS: &str = "tags[].name tags[].href tags[].count tags[].current";

/// The 404 page's own: the index's lists, empty, and how it finds the site's root.
const NOT_FOUND: &str = "lessons others series start find_root folders prefix";

/// The names pages got that their lists do not hold, noted as debug builds render.
static UNLISTED: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

/// Note the names of the data of a page made from `template` that its list does not hold
/// (debug builds).
#[cfg(debug_assertions)]
pub fn note_unlisted(template: &str, names: Vec<String>) {
    let known = Page::of(template).names();
    let unlisted = names
        .into_iter()
        .filter(|n| !known.contains(n) && !is_open(n));
    let unlisted = unlisted.map(|n| format!("{template}: {n}"));
    UNLISTED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .extend(unlisted);
}

/// The names a page got in this process that its list does not hold (noted by debug builds
/// only): a test builds sites and expects none.
pub fn unlisted() -> Vec<String> {
    let noted = UNLISTED.lock().unwrap_or_else(|e| e.into_inner());
    noted.iter().cloned().collect()
}

/// What some pages get and others do not, and which do not.
pub(super) const SOMETIMES: [(&str, &str); 9] = [
    ("prev", "the first lesson has none"),
    ("next", "the last lesson has none"),
    ("series", "a lesson in no series has none"),
    ("page_url", "a build without a base URL has none"),
    (
        "edit_url",
        "a project without `edit_url` in nnbook.toml has none",
    ),
    ("lesson.source", "a lesson without a `source` has none"),
    ("lesson.date", "a lesson without a `date` has none"),
    (
        "lesson.updated",
        "a lesson not `updated` on a later day has none",
    ),
    ("start", "an index without lessons has none"),
];
