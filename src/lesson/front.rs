//! The front matter: TOML between `+++` lines at the top of a lesson.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Diagnostic, SourceFile};

use super::date::LessonDate;
use super::limits::{check_precision, check_slug, DEFAULT_PRECISION, MAX_ALIASES};
use super::problems::Problems;
use super::tags::{tags, Tag};
use super::toml::{fields_of, missing_field, read_toml, Table, TableKind};
use super::toml_hint::written_below_table;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFront {
    /// (Required: optional to serde, so that a lesson without it is placed by its slug and
    /// its other fields are checked.)
    title: Option<Spanned<String>>,
    summary: Option<Spanned<String>>,
    #[serde(default)]
    order: i64,
    precision: Option<Spanned<i64>>,
    slug: Option<Spanned<String>>,
    source: Option<Table<RawReference>>,
    series: Option<Spanned<String>>,
    part: Option<Spanned<i64>>,
    #[serde(default)]
    draft: bool,
    date: Option<Spanned<toml::value::Datetime>>,
    updated: Option<Spanned<toml::value::Datetime>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    extra: Option<Spanned<toml::Table>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReference {
    title: Spanned<String>,
    #[serde(default)]
    author: String,
    url: Spanned<String>,
}

impl TableKind for RawReference {
    const EXPECTED: &'static str =
        "the source as a table, like `{ title = \"…\", author = \"…\", url = \"https://…\" }`";
}

/// The work a lesson follows (front matter `source`), shown as a linked line under its title.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reference {
    pub title: String,
    /// Empty when not given.
    pub author: String,
    /// An `http://` or `https://` address.
    pub url: String,
}

/// A lesson's place in a series: the series' name and the part's number (1, 2, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesPart {
    pub name: String,
    pub part: u32,
    /// Where the front matter sets `part`, for a part used twice.
    pub span: Range<usize>,
}

/// The validated front matter.
pub struct Front {
    pub slug: String,
    pub slug_span: Option<Range<usize>>,
    pub title: String,
    pub summary: String,
    pub order: i64,
    pub precision: usize,
    pub reference: Option<Reference>,
    pub series: Option<SeriesPart>,
    pub body_start: usize,
    /// Whether the lesson is a draft: built and checked only when asked (`--drafts`).
    pub draft: bool,
    /// When the lesson was published, and last changed, if the front matter says.
    pub date: Option<LessonDate>,
    pub updated: Option<LessonDate>,
    /// The lesson's earlier addresses (`aliases`), each redirected to its page.
    pub aliases: Vec<Alias>,
    /// The topics it is about (`tags`), each with a page listing its lessons.
    pub tags: Vec<Tag>,
    /// The author's own fields for the templates (`[extra]`, as Zola's), as JSON.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// An earlier address of a lesson (front matter `aliases`): a folder of its language's part of
/// the site (`relu-intro`, `basics/relu`), where a page now sends the reader on to the lesson.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    pub path: String,
    /// Where the front matter gives it.
    pub span: Range<usize>,
}

impl Front {
    /// What stands in for a front matter that did not read (the lesson's body starting at
    /// `body_start`): the default slug, no title. Such a lesson is checked, never published.
    pub fn stand_in(file_stem: &str, body_start: usize) -> Front {
        Front {
            slug: file_stem.to_string(),
            slug_span: None,
            title: String::new(),
            summary: String::new(),
            order: 0,
            precision: DEFAULT_PRECISION,
            reference: None,
            series: None,
            body_start,
            draft: false,
            date: None,
            updated: None,
            aliases: Vec::new(),
            tags: Vec::new(),
            extra: serde_json::Map::new(),
        }
    }
}

/// The hint of a file name that names a translation's language as a locale does
/// (`relu.zh_CN.md`, `relu.zh-cn.md`): with the tag a file name takes (`relu.zh-CN.md`).
fn translation_hint(file_stem: &str) -> Option<String> {
    let (stem, locale) = file_stem.rsplit_once('.')?;
    let (language, region) = locale.split_once(['_', '-'])?;
    let tag = format!(
        "{}-{}",
        language.to_ascii_lowercase(),
        region.to_ascii_uppercase()
    );
    crate::i18n::is_language_tag(&tag).then(|| format!("a translation's file name ends in its language's tag, with a hyphen: `{stem}.{tag}.md` (a slug of its own would make it a lesson of its own)"))
}

/// The hint of a file name that is no slug (`Intro Lesson.md`): the name it could take, as
/// `nnbook new` names a lesson's file (lower case, runs of other characters one `-`).
fn renamed_hint(file_stem: &str) -> String {
    // (A name with letters beyond ASCII is `nnbook new`'s to transliterate: not guessed here.)
    let slug = crate::markdown::hyphenate(file_stem, |c| c.is_ascii_alphanumeric());
    match file_stem.is_ascii() && !slug.is_empty() && check_slug(&slug).is_ok() {
        true => {
            format!("rename the file `{slug}.md`, or set `slug = \"{slug}\"` in the front matter")
        }
        false => "rename the file, or set `slug = \"...\"` in the front matter".to_string(),
    }
}

/// The front matter, and the problems of its fields. Markers or TOML that cannot be read stop
/// the lesson (`Err`); an unknown field (every one is reported) or a field that is read but
/// wrong is a problem of its own, and a wrong field stands in as its default (a stand-in slug,
/// 2 decimals, no series or source), so that the rest of the lesson is still checked (it is
/// never published).
pub fn parse(
    source: &SourceFile,
    file_stem: &str,
) -> Result<(Front, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (front_text, front_start, body_start) = split_front_matter(source).map_err(|d| vec![d])?;
    let at = |span: Range<usize>| front_start + span.start..front_start + span.end;
    let (read, unknown) = read_toml::<RawFront>(source, front_text, at, "front matter");
    let Some((front, invented)) = read else {
        return Err(unknown);
    };
    let stood_in = invented.into_iter().map(|v| source.locate(at(v)));
    let mut problems = Problems::read(unknown, stood_in.collect());
    let slug = match &front.slug {
        Some(s) => problems
            .keep(check_slug(s.get_ref()).map_err(|m| {
                source
                    .error(at(s.span()), m)
                    .hint("a slug is lowercase letters, digits, '-' and '_', like `relu-basics`")
            }))
            .map(|()| s.get_ref().clone()),
        None => problems
            .keep(check_slug(file_stem).map_err(|m| {
                Diagnostic::in_file(
                    source.path.clone(),
                    format!("the file name gives a bad slug: {m}"),
                )
                .hint(translation_hint(file_stem).unwrap_or_else(|| renamed_hint(file_stem)))
            }))
            .map(|()| file_stem.to_string()),
    };
    let precision = match &front.precision {
        Some(p) => problems.keep(check_precision(source, at(p.span()), *p.get_ref())),
        None => Some(DEFAULT_PRECISION),
    };
    for problem in texts(source, (front_text, &front), &at) {
        problems.note(problem);
    }
    let series = problems.keep(series(source, &front, at)).flatten();
    let (date, updated) = dates(source, &front, &at, &mut problems);
    let aliases = aliases(source, &front, &at, &mut problems);
    let tags = tags(source, &front.tags, &at, &mut problems);
    let extra = extra(source, &front, &at, &mut problems);
    let reference = front
        .source
        .and_then(|raw| problems.keep_all(reference(raw.0, &at, source)));
    // (The slug as the author wrote it, or the file's: not a stand-in for a wrong value.)
    let slug_read = slug.is_some()
        && (front.slug.as_ref())
            .is_none_or(|s| !problems.stood_in_at(&source.locate(at(s.span()))));
    let front = Front {
        reference,
        series,
        slug_span: front.slug.as_ref().map(|s| at(s.span())),
        // (A stand-in for a lesson that is never published: it only names the lesson.)
        slug: slug.unwrap_or_else(|| "lesson".to_string()),
        title: front.title.map(Spanned::into_inner).unwrap_or_default(),
        summary: front.summary.map(Spanned::into_inner).unwrap_or_default(),
        order: front.order,
        precision: precision.unwrap_or(DEFAULT_PRECISION),
        body_start,
        draft: front.draft,
        date,
        updated,
        aliases,
        tags,
        extra,
    };
    // (A value of the wrong type was stood in for, `order = 1.5` or `title = 3`: the other
    // fields were still checked, and are reported, and the lesson fails with them. Where its
    // slug was read, the lesson is placed by it (its links are checked from its folder, and it
    // claims it); else, a slug of the wrong type or one that is no slug, it stands in as a
    // whole, claiming no folder.)
    match !slug_read {
        false => Ok((front, problems.into_vec())),
        true => Err(problems.into_vec()),
    }
}

/// `[extra]` as JSON for the templates: its numbers finite, and none of the lesson's own fields
/// in it ([`swallowed`]). A wrong one is left out (and reported).
fn extra(
    source: &SourceFile,
    front: &RawFront,
    at: &impl Fn(Range<usize>) -> Range<usize>,
    problems: &mut Problems,
) -> serde_json::Map<String, serde_json::Value> {
    for problem in swallowed(source, front, at) {
        problems.note(problem);
    }
    let Some(extra) = &front.extra else {
        return serde_json::Map::new();
    };
    let json = crate::project::extra_json(source, extra, at);
    problems.keep_all(json).unwrap_or_default()
}

/// The front matter's own fields that TOML put into `[extra]` ([`crate::project::swallowed`]).
fn swallowed(
    source: &SourceFile,
    front: &RawFront,
    at: &impl Fn(Range<usize>) -> Range<usize>,
) -> Vec<Diagnostic> {
    let Some(extra) = &front.extra else {
        return Vec::new();
    };
    let fields = fields_of::<RawFront>().unwrap_or_default();
    let whose = ("the lesson's", "the front matter");
    crate::project::swallowed(source, at(extra.span()), extra.get_ref(), fields, whose)
}

/// The title and summary's problems: an empty title, a placeholder (they are shown where the
/// lesson's values are not).
fn texts(
    source: &SourceFile,
    (text, front): (&str, &RawFront),
    at: &impl Fn(Range<usize>) -> Range<usize>,
) -> Vec<Diagnostic> {
    let mut problems = Problems::default();
    let hint = "the title is the page's heading, and the lesson's name on the index";
    // (A title TOML put into `[extra]` is told as such: `swallowed`.)
    let in_extra = (front.extra.as_ref()).is_some_and(|e| e.get_ref().contains_key("title"));
    match &front.title {
        None if in_extra => {}
        // (A title below `[source]` is the source's: the lesson's is missing, told at it.)
        None => problems.note(match written_below_table(text, "title") {
            Some((key, table)) => {
                let line = source.locate(at(table.clone())).line;
                (missing_field(source, ("front matter", "title"), at(key)))
                    .expected("the lesson's `title` above the first `[table]` line")
                    .hint(format!(
                        "this `title` is below the `{}` line (line {line}), so it is that table's: every key after a `[table]` line is the table's",
                        &text[table]
                    ))
            }
            None => missing_field(source, ("front matter", "title"), at(0..0)).hint(format!(
                "add it, like `title = \"Understanding ReLU\"`: {hint}"
            )),
        }),
        Some(title) if title.get_ref().trim().is_empty() => problems.note(
            source
                .error(at(title.span()), "the title is empty")
                .expected("a title, like `title = \"Understanding ReLU\"`")
                .hint(hint),
        ),
        Some(_) => {}
    }
    // (The title and the summary are shown where the lesson's values are not: on the index,
    // in the browser's tab, in a search result.)
    for text in front.title.iter().chain(&front.summary) {
        if text.get_ref().contains("{{") {
            problems.note(
                source
                    .error(
                        at(text.span()),
                        "a placeholder in the title or summary is not filled",
                    )
                    .expected("plain text in `title` and `summary`")
                    .hint("write the value out, or put the placeholder in the lesson's text"),
            );
        }
    }
    problems.into_vec()
}

/// The `source` table checked: a title, and an address a browser opens from any page (each
/// on its own).
fn reference(
    raw: RawReference,
    at: &impl Fn(Range<usize>) -> Range<usize>,
    source: &SourceFile,
) -> Result<Reference, Vec<Diagnostic>> {
    let mut problems = Problems::default();
    if raw.title.get_ref().trim().is_empty() {
        problems.note(source
            .error(at(raw.title.span()), "the source's title is empty")
            .expected(
                "the title of the work the lesson follows, like `title = \"Understanding ReLU\"`",
            )
            .hint("the source is shown under the lesson's title as a link: its title is the link's text"));
    }
    let url = raw.url.get_ref().trim();
    let scheme = url.split_once("://").map(|(s, _)| s.to_ascii_lowercase());
    let host = url.split_once("://").map_or("", |(_, rest)| rest);
    if !matches!(scheme.as_deref(), Some("http" | "https"))
        || host.is_empty()
        || url.contains(char::is_whitespace)
    {
        problems.note(source
            .error(at(raw.url.span()), format!("`{url}` is not a web address"))
            .expected("an address starting with `https://` or `http://`, without spaces")
            .hint("the source is linked from the page: give its full address, like `url = \"https://dev.to/...\"`"));
    }
    problems.finish()?;
    Ok(Reference {
        title: raw.title.into_inner(),
        author: raw.author,
        url: url.to_string(),
    })
}

/// `date` and `updated`: each a day or a moment with its offset, and the lesson not updated
/// before it was published. A wrong one is left out (and reported).
fn dates(
    source: &SourceFile,
    front: &RawFront,
    at: &impl Fn(Range<usize>) -> Range<usize>,
    problems: &mut Problems,
) -> (Option<LessonDate>, Option<LessonDate>) {
    let mut read = |field: &Option<Spanned<toml::value::Datetime>>| {
        let field = field.as_ref()?;
        problems.keep(LessonDate::from_toml(field.get_ref()).map_err(|m| {
            source
                .error(at(field.span()), format!("`{}` is {m}", field.get_ref()))
                .expected("a day, like `date = 2026-12-06`, or a date and time with its offset from UTC, like `2026-12-06T09:30:00+08:00`")
                .hint("the page shows the day; the site's feed orders lessons by it (a day alone is its midnight, UTC)")
        }))
    };
    let (date, updated) = (read(&front.date), read(&front.updated));
    if let (None, Some(field)) = (&front.date, &front.updated) {
        problems.note(
            source
                .error(at(field.span()), "`updated` without `date`")
                .expected("`date = …` too: the day the lesson was first published")
                .hint(
                    "`date` is when the lesson was first published, `updated` when it last changed",
                ),
        );
    }
    if let (Some(d), Some(u), Some(field)) = (date, updated, &front.updated) {
        if u.instant() < d.instant() {
            problems.note(
                source
                    .error(at(field.span()), "the lesson is updated before it is published")
                    .expected(format!("`updated` on or after `date` ({})", d.rfc3339()))
                    .hint("`date` is when the lesson was first published, `updated` when it last changed"),
            );
        }
    }
    (date, updated)
}

/// `aliases`: each a folder path of slugs (`relu-intro`, `basics/relu`) or a page's
/// (`basics/relu.html`), at most [`MAX_ALIASES`]. A wrong one is left out (and reported).
fn aliases(
    source: &SourceFile,
    front: &RawFront,
    at: &impl Fn(Range<usize>) -> Range<usize>,
    problems: &mut Problems,
) -> Vec<Alias> {
    let mut aliases = Vec::new();
    for (n, alias) in front.aliases.iter().enumerate() {
        let span = at(alias.span());
        let path = alias.get_ref().trim_matches('/');
        // (A page of another generator's site, `relu.html`, is a file: its name a slug too.)
        let names = path.strip_suffix(".html").unwrap_or(path).split('/');
        let wrong = match names.map(check_slug).find_map(Result::err) {
            _ if n == MAX_ALIASES => Some(format!("more than {MAX_ALIASES} aliases")),
            _ if path.is_empty() => Some("an alias is empty".to_string()),
            Some(m) => Some(format!(
                "`{}` is no address of a lesson: {m}",
                alias.get_ref()
            )),
            None => None,
        };
        match wrong {
            Some(message) => problems.note(
                source
                    .error(span, message)
                    .expected("a folder of the site, its names made of lowercase letters, digits, `-` and `_`, like `relu-intro` or `basics/relu`, or a page, `relu.html`")
                    .hint("an alias is an address the lesson had before (an earlier slug): its page sends readers on to the lesson"),
            ),
            None => aliases.push(Alias { path: path.to_string(), span }),
        }
        if n == MAX_ALIASES {
            break;
        }
    }
    aliases
}

/// `series` and `part` go together: a name that is not empty and a part from 1.
fn series(
    source: &SourceFile,
    front: &RawFront,
    at: impl Fn(Range<usize>) -> Range<usize>,
) -> Result<Option<SeriesPart>, Diagnostic> {
    match (&front.series, &front.part) {
        (None, None) => Ok(None),
        (Some(name), None) => Err(source
            .error(at(name.span()), "a series without a part number")
            .expected("`part = N` with `series`: the lesson's position in the series, from 1")
            .hint("a lesson outside any series leaves out `series`")),
        (None, Some(part)) => Err(source
            .error(at(part.span()), "a part number without a series")
            .expected("`series = \"...\"` with `part`: the name of the series")
            .hint("a lesson outside any series leaves out `part`")),
        (Some(name), Some(part)) => {
            if name.get_ref().trim().is_empty() {
                return Err(source
                    .error(at(name.span()), "the series name is empty")
                    .expected("a name, like `series = \"Neural networks, step by step\"`")
                    .hint("the index shows the lessons of a series together, under its name"));
            }
            let n = *part.get_ref();
            let Some(number) = u32::try_from(n).ok().filter(|n| (1..=MAX_PART).contains(n)) else {
                return Err(source
                    .error(at(part.span()), format!("part {n} is out of range"))
                    .expected(format!("a part number from 1 to {MAX_PART}"))
                    .hint("parts are numbered from 1, in the order readers take them"));
            };
            Ok(Some(SeriesPart {
                name: name.get_ref().trim().to_string(),
                part: number,
                span: at(part.span()),
            }))
        }
    }
}

/// The highest part number of a series.
pub const MAX_PART: u32 = 10_000;

/// Where the body of a lesson starts, if its front matter is closed.
pub fn body_start(source: &SourceFile) -> Option<usize> {
    split_front_matter(source).ok().map(|(_, _, body)| body)
}

/// Split `+++` front matter from the body: (front matter text, its offset, body offset).
fn split_front_matter(source: &SourceFile) -> Result<(&str, usize, usize), Diagnostic> {
    let text = source.text.as_str();
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "+++" {
        let hint = if text.starts_with("---") {
            "nnbook front matter is TOML between `+++` lines, not YAML between `---`"
        } else if source.path.ends_with("SUMMARY.md") {
            "mdBook's `SUMMARY.md` lists a book's chapters; nnbook places each lesson by its `order` (or its series' `part`): move the file out of `content/`"
        } else if text.starts_with("+++\r") {
            // (Classic Mac OS's line ends: the whole file is one line to TOML.)
            "the file's lines end with a carriage return alone (CR); save it with LF (or CRLF) line ends"
        } else {
            "start the file with `+++`, then `title = \"...\"`, then a closing `+++`"
        };
        return Err(source
            .error(
                0..first_line_end,
                "the lesson does not start with front matter",
            )
            .expected("a `+++` line opening the TOML front matter")
            .hint(hint));
    }
    let front_start = (first_line_end + 1).min(text.len());
    let mut pos = front_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == "+++" {
            return Ok((
                &text[front_start..pos],
                front_start,
                (end + 1).min(text.len()),
            ));
        }
        pos = end + 1;
    }
    Err(source
        .error(0..3, "the front matter is never closed")
        .expected("a `+++` line closing the front matter")
        .hint("add a line with `+++` after the last front matter field"))
}
