//! Links: warnings about a lesson's links to pages or files the site does not have (and about
//! a network nothing uses), and `sitemap.xml`.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

use crate::error::Diagnostic;
use crate::lesson::{BlockKind, Lesson};
use crate::project::TEMPLATES_DIR;
use crate::render;
use crate::text::{closest, percent_decoded};

use super::cache::Cache;
use super::index;
use super::place::{joined, relative_path, site_files, source_named, ContentFiles, Placed};
use super::publish::SiteFiles;
use super::sitemap;
use super::theme::Theme;
use super::{aliases, feed};

/// A warning for a lesson whose network no figure, table or diagram uses.
pub fn unused_network(lesson: &Lesson) -> Option<Diagnostic> {
    let used = lesson.blocks.iter().any(|b| {
        matches!(
            b.kind,
            BlockKind::Figure(_)
                | BlockKind::Table(_)
                | BlockKind::Diagram(_)
                | BlockKind::Training(_)
        )
    });
    let fence = lesson.network_fence().filter(|_| !used)?;
    Some(
        lesson
            .source
            .error(fence.opening(), "no figure or table uses this network")
            .warning()
            .hint("add a ```figure or ```table block, or remove the network block"),
    )
}

/// Warnings about the `pages`' links (each lesson's, with the links of its page) to pages or
/// files the site does not have (`exists`), or to an id a lesson's page does not have (`anchors`,
/// by the page's file: `relu/index.html`); one to a draft left out (of `content`) is told so.
pub fn broken_links<'a, L: std::ops::Deref<Target = render::Links>>(
    pages: &[(&'a Placed, L)],
    exists: &dyn Fn(&str) -> bool,
    anchors: &HashMap<String, &[String]>,
    content: &ContentFiles,
) -> Vec<Diagnostic> {
    // (Each file of `content/` a link may name, for links to one: only where there may be.)
    let by_file = |(_, links): &(&Placed, L)| links.iter().any(|(d, _)| d.contains(".md"));
    let files = match !content.others.is_empty() || pages.iter().any(by_file) {
        true => site_files(pages.iter().map(|(p, _)| *p), &content.others),
        false => BTreeMap::new(),
    };
    let site = Site {
        exists,
        anchors,
        files: &files,
        drafts: &content.drafts,
    };
    (pages.iter())
        .flat_map(|(p, links)| broken_in(p, links, &site))
        .collect()
}

/// What a link is checked against: the site's files, the ids of its lessons' pages, and the
/// files of `content/` a link may name ([`site_files`]) with the drafts left out.
struct Site<'s> {
    exists: &'s dyn Fn(&str) -> bool,
    anchors: &'s HashMap<String, &'s [String]>,
    files: &'s BTreeMap<String, String>,
    drafts: &'s BTreeMap<String, String>,
}

/// The warnings about one lesson's links.
fn broken_in(
    placed: &Placed,
    page_links: &[(String, Range<usize>)],
    site: &Site,
) -> Vec<Diagnostic> {
    let lesson: &Lesson = &placed.lesson;
    let mut warnings = Vec::new();
    for (dest, span) in page_links {
        let at = lesson.source.text[span.clone()]
            .find(dest.as_str())
            .map_or(span.start, |i| span.start + i);
        let warn = |message: String, hint: String| {
            let at = at..at + dest.len();
            lesson.source.error(at, message).warning().hint(hint)
        };
        // (A link to a file of `content/`, a lesson's Markdown file or another, is published as
        // the link to the site's file for it.)
        let file = source_named(placed, dest).and_then(|f| site.files.get(&f));
        // (A link from the host's root to a file of the site works only where the site is the
        // host's root: told, with the link that works everywhere.)
        if let Some((_, relative)) = from_root(&placed.dir, dest).filter(|t| (site.exists)(&t.0)) {
            warnings.push(warn(
                format!("link `{dest}` starts at the host's root: it breaks where the site is published under a path (a GitHub Pages project site) or opened from disk"),
                format!("link it relative to this page, `{relative}`, or a lesson by its Markdown file (`relu.md`), as nnbook publishes it"),
            ));
            continue;
        }
        let target = match (dest.starts_with('#'), file) {
            (true, _) => Some(format!("{}/index.html", placed.dir)),
            (false, Some(file)) => Some(file.clone()),
            (false, None) => internal_target(&placed.dir, dest),
        };
        let Some(target) = target else { continue };
        if !(site.exists)(&target) {
            let draft = draft_of(placed, dest, &target, site.drafts);
            let hint = match draft {
                Some(file) => format!("`{file}` is a draft (`draft = true`), left out of this build: `--drafts` builds it"),
                None if is_other_file(dest) => format!("put the file in `content/`, where `{dest}` names it from the lesson's own file: a file a lesson links to is published with the site"),
                None => "link another lesson by its Markdown file, like `relu.md` (relative to this lesson's), or by its page, `../<slug>/index.html`; a figure of this lesson is `#figure-<id>`".to_string(),
            };
            // (A link to a lesson's Markdown file names a file of the project, from the
            // lesson's own file: that file is what is missing.)
            let markdown = relative_path(dest).is_some_and(|(path, _)| path.ends_with(".md"));
            let missing = match (
                markdown.then(|| source_named(placed, dest)).flatten(),
                &draft,
            ) {
                (Some(file), Some(_)) => format!("`{file}` is not in this build"),
                (Some(file), None) => format!("there is no lesson `{file}`"),
                (None, _) => format!("the site has no `{target}`"),
            };
            warnings.push(warn(format!("broken link `{dest}`: {missing}"), hint));
        } else if let Some((id, ids)) = missing_id(dest, site.anchors.get(&target)) {
            let hint = match closest(&id, ids.iter().map(String::as_str)) {
                Some(meant) => format!("did you mean `#{meant}`?"),
                None => "a heading's id is its words in lowercase, joined by `-` (`## The spike` is `#the-spike`), or the one written after it (`{#spike}`); a figure's is `#figure-<id>`".to_string(),
            };
            let page = match dest.starts_with('#') {
                true => "this page".to_string(),
                false => format!("`{target}`"),
            };
            warnings.push(warn(
                format!("broken link `{dest}`: {page} has no id `{id}`"),
                hint,
            ));
        }
    }
    warnings
}

/// The id a link's fragment names (`relu.md#kinks` names `kinks`), read as a browser reads it,
/// with its page's `ids`, if they are known and hold no such id.
fn missing_id<'i>(dest: &str, ids: Option<&&'i [String]>) -> Option<(String, &'i [String])> {
    let (_, fragment) = dest.split_once('#')?;
    let (id, ids) = (percent_decoded(fragment), *ids?);
    let known = ids.iter().any(|i| *i == id);
    (!known && !fragment.is_empty()).then(|| (id.into_owned(), ids))
}

/// Whether a link names a file other than a page: its path ends in a name with an extension
/// other than `.md` and `.html` (`sketch.png`, `data.csv`).
fn is_other_file(dest: &str) -> bool {
    let name = relative_path(dest).map_or("", |(path, _)| path.rsplit('/').next().unwrap_or(""));
    name.rsplit_once('.')
        .is_some_and(|(stem, ext)| !stem.is_empty() && !matches!(ext, "md" | "html" | "htm"))
}

/// The file of the draft a link (`dest`, to the site's file `target`) names, if it names one of
/// `drafts` (each one's page by its file): by its Markdown file, or by its folder.
fn draft_of<'d>(
    placed: &Placed,
    dest: &str,
    target: &str,
    drafts: &'d BTreeMap<String, String>,
) -> Option<&'d str> {
    let named = source_named(placed, dest);
    let in_folder = |page: &str| target.starts_with(page.trim_end_matches("index.html"));
    (drafts.iter())
        .find(|(file, page)| named.as_deref() == Some(file.as_str()) || in_folder(page))
        .map(|(file, _)| file.as_str())
}

/// The site's file a link from the host's root names (`/relu/` names `relu/index.html`), and the
/// same link written relative to a page in folder `dir` (`../relu/index.html`).
fn from_root(dir: &str, dest: &str) -> Option<(String, String)> {
    let rest = dest.strip_prefix('/').filter(|r| !r.starts_with('/'))?;
    let (path, after) = rest.split_at(rest.find(['#', '?']).unwrap_or(rest.len()));
    let mut target = percent_decoded(path).into_owned();
    if target.is_empty() || target.ends_with('/') {
        target.push_str("index.html");
    }
    let up = "../".repeat(dir.split('/').filter(|p| !p.is_empty()).count());
    Some((
        target.clone(),
        format!(
            "{up}{path}{}{after}",
            if path.is_empty() || path.ends_with('/') {
                "index.html"
            } else {
                ""
            }
        ),
    ))
}

/// The site file a relative link from lesson folder `dir` points to; `None` for external
/// links, absolute paths and fragments.
fn internal_target(dir: &str, dest: &str) -> Option<String> {
    let (path, _) = relative_path(dest)?;
    let path = percent_decoded(path);
    // (Zola's `@/relu.md` names a file from `content/`, the site's root.)
    let (dir, path) = match path.strip_prefix("@/") {
        Some(path) => ("", path),
        None => (dir, &*path),
    };
    let mut parts = joined(dir, path)?;
    if path.ends_with('/') || parts.is_empty() {
        parts.push("index.html");
    }
    Some(parts.join("/"))
}

/// The files a build that succeeds makes of the lessons `placed` as a whole, added to `out`:
/// the pages at their aliases, the feeds (`feed = true`) and the sitemap (with a base URL: of
/// `out`'s pages and the lessons' `written` ones, [`sitemap::sitemap`]) with the `robots.txt`
/// that names it; and the theme's static files: one of the project's in the place of a file the
/// site makes (a `sitemap.xml` or a lesson's `preview.svg` in a theme copied from a built site,
/// which kept the search, the feed and the sitemap stale for good) is a problem at it, but for
/// `robots.txt`, which a project may give.
pub(super) fn add_site_files(
    theme: &Theme,
    (base_url, placed): (Option<&str>, &[Placed]),
    out: &mut SiteFiles,
    written: &BTreeSet<String>,
) -> Vec<Diagnostic> {
    let default_lang = theme.config.language.get_ref();
    let moved = aliases::pages(theme, placed, base_url);
    let feeds = match (theme.config.feed, base_url) {
        (true, Some(base)) => feed::feeds(&theme.config, placed, default_lang, base),
        _ => Vec::new(),
    };
    out.extend((moved.into_iter().chain(feeds)).map(|(n, text)| (n, text.into_bytes().into())));
    if let Some(base) = base_url {
        let pages = merged(out, written);
        let sitemap = sitemap::sitemap(base, pages, (placed, default_lang));
        out.insert("sitemap.xml".into(), sitemap.into_bytes().into());
        // (As Zola's and Hugo's: crawlers find the sitemap by it. A project's own
        // `templates/robots.txt`, one of the theme's files below, takes its place.)
        let robots = format!("User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n");
        out.insert("robots.txt".into(), robots.into_bytes().into());
    }
    let mut problems = Vec::new();
    for (name, bytes) in &theme.assets {
        if (out.contains_key(name) || written.contains(name)) && name != "robots.txt" {
            let file = format!("{TEMPLATES_DIR}/{name}");
            problems.push(
                Diagnostic::in_file(file, format!("the site makes its own `{name}`, which this file would replace"))
                    .hint("nnbook writes it from the lessons on every build: remove this copy (a theme copied from a built site holds such files)"),
            );
            continue;
        }
        out.insert(name.clone(), bytes.clone());
    }
    problems
}

/// The names of `files` and `written` together, in order.
pub fn merged<'a>(
    files: &'a SiteFiles,
    written: &'a BTreeSet<String>,
) -> impl Iterator<Item = &'a str> {
    let mut all: Vec<&str> = files.keys().chain(written).map(String::as_str).collect();
    all.sort_unstable();
    all.into_iter()
}

/// The broken-link warnings of a build that failed, for every lesson (one that did not
/// render, by a LaTeX error, has its prose's links checked all the same): the site's files
/// are those of the lessons that rendered (in the cache), the index and 404 pages, the
/// theme's static files and the sitemap (`sitemap`). A lesson that did not render, or one of
/// the `broken` ones (their problems are reported), has the files it would be published as
/// ([`render::file_names`]); one whose front matter did not read claims no folder, so a link
/// into the folder it would have counts as whole.
pub(super) fn unfinished(
    (cache, theme, default_lang, sitemap, content): (&Cache, &Theme, &str, bool, &ContentFiles),
    (placed, broken): (&[Placed], &[(Placed, render::Links)]),
) -> Vec<Diagnostic> {
    let mut names: BTreeSet<String> = theme.assets.keys().cloned().collect();
    let feed = theme.config.feed && sitemap;
    names.extend(aliases::files(placed, default_lang));
    names.extend(index::page_names(
        placed,
        default_lang,
        (theme.config.search, feed),
    ));
    names.extend(
        (["sitemap.xml", "robots.txt"].iter())
            .filter(|_| sitemap)
            .map(|n| n.to_string()),
    );
    // (A file of `content/` a lesson links to is published with it.)
    names.extend(site_files([], &content.others).into_values());
    let mut unrendered: Vec<&Placed> = broken.iter().map(|(p, _)| p).collect();
    // (Each lesson's links: as rendered, or read from its prose.)
    let mut pages: Vec<(&Placed, Cow<render::Links>)> = Vec::with_capacity(placed.len());
    for p in placed {
        match cache.find(&p.dir) {
            Some(r) => {
                names.extend(r.files.iter().map(|(name, _)| name.clone()));
                names.extend(r.written.iter().cloned());
                pages.push((p, Cow::Borrowed(&r.links)));
            }
            None => {
                unrendered.push(p);
                pages.push((
                    p,
                    Cow::Owned(crate::page::links(&p.lesson, theme.lang(&p.lang))),
                ));
            }
        }
    }
    pages.extend(broken.iter().map(|(p, links)| (p, Cow::Borrowed(links))));
    let mut unknown = Vec::new();
    for p in unrendered {
        match p.lesson.front_stood_in {
            true => unknown.push(format!("{}/", p.dir)),
            false => names.extend(render::file_names(&p.lesson, &p.dir).into_iter().flatten()),
        }
    }
    let exists = |name: &str| {
        names.contains(name) || unknown.iter().any(|dir| name.starts_with(dir.as_str()))
    };
    // (A page whose blocks read but which did not render, by a misspelt placeholder, has its
    // body's ids, and those the template gives every page that rendered, `main`: its links to
    // its own headings are checked too.)
    let mut anchors = cache.anchors();
    let every = (anchors.values()).fold(None::<Vec<&String>>, |common, ids| {
        Some(match common {
            None => ids.iter().collect(),
            Some(c) => c.into_iter().filter(|i| ids.contains(i)).collect(),
        })
    });
    let every: Vec<String> = every.unwrap_or_default().into_iter().cloned().collect();
    // (Not one whose blocks are broken: a drawing of a block that failed has its id unknown.)
    let unrendered_ids: Vec<(String, Vec<String>)> = (placed.iter())
        .filter(|p| cache.find(&p.dir).is_none() && !p.lesson.front_stood_in)
        .map(|p| {
            let mut ids = crate::page::ids(&p.lesson, theme.lang(&p.lang));
            ids.extend(every.iter().cloned());
            (format!("{}/index.html", p.dir), ids)
        })
        .collect();
    for (page, ids) in &unrendered_ids {
        anchors.insert(page.clone(), ids.as_slice());
    }
    broken_links(&pages, &exists, &anchors, content)
}
