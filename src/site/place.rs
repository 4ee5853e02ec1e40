//! Placing lessons in the site: each lesson's language and folder, their order, the neighbours
//! a page links to, its translations, and slugs used twice.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use serde::Serialize;

use crate::error::Diagnostic;
use crate::lesson::Lesson;
use crate::markdown;
use crate::project::CONTENT_DIR;
use crate::text::{percent_decoded, percent_encoded};

/// A lesson placed in the site: its language and its folder (`relu`, `zh-CN/relu`).
#[derive(Clone)]
pub struct Placed {
    pub lesson: Arc<Lesson>,
    pub lang: String,
    pub dir: String,
}

/// A link from one page to another lesson: its title, language and folder.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Target {
    pub title: String,
    pub lang: String,
    pub dir: String,
}

/// The other lessons a lesson page links to: the previous and next lesson of its language, and
/// the same lesson in other languages.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Neighbours {
    pub prev: Option<Target>,
    pub next: Option<Target>,
    pub translations: Vec<Target>,
    /// The lesson's place in its series, if it is part of one.
    pub series: Option<SeriesPlace>,
    /// Every file a lesson may link to by its path in `content/` (another lesson's Markdown
    /// file, as in mdBook, `[ReLU](relu.md)`; an image beside it), and where the site has it,
    /// for a lesson whose text may link to one: only such a lesson's page changes with them.
    pub sources: Option<SourcePages>,
    /// Whether some lesson links to a fragment (`#the-spike`, `relu.md#kinks`): then each page
    /// keeps its ids to check them ([`crate::markdown::html_ids`]), and a page rendered without
    /// them is rendered again when the first such link is written.
    pub anchored: bool,
}

/// Each file of `content/` a lesson may link to, as shown (`content/relu.md`), and the file of
/// the site it is published as ([`site_files`]), shared by the lessons that may link to one,
/// with a digest that stands for it in their keys.
#[derive(Clone)]
pub struct SourcePages {
    pub files: Arc<BTreeMap<String, String>>,
    digest: u64,
}

impl PartialEq for SourcePages {
    fn eq(&self, other: &Self) -> bool {
        self.digest == other.digest && self.files == other.files
    }
}

impl Eq for SourcePages {}

impl std::hash::Hash for SourcePages {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.digest.hash(state);
    }
}

/// What of `content/` a build does not publish as a lesson, that a lesson's link may name: the
/// files that are not lessons (published where a lesson links to one), and the drafts left out
/// (each one's file and page, as [`site_files`] gives them).
#[derive(Default)]
pub struct ContentFiles {
    pub others: Vec<String>,
    pub drafts: BTreeMap<String, String>,
}

/// Each file of `content/` a link may name, as shown (`content/relu.md`), and the site's file
/// it is: a lesson's page (`relu/index.html`); any other file (`others`), at its path in
/// `content/` (`content/pic.png` is `pic.png`).
pub fn site_files<'a>(
    placed: impl IntoIterator<Item = &'a Placed>,
    others: &[String],
) -> BTreeMap<String, String> {
    let prefix = format!("{CONTENT_DIR}/");
    let pages = (placed.into_iter()).map(|p| {
        (
            p.lesson.source.path.clone(),
            format!("{}/index.html", p.dir),
        )
    });
    let others =
        (others.iter()).filter_map(|o| Some((o.clone(), o.strip_prefix(&prefix)?.to_string())));
    pages.chain(others).collect()
}

impl SourcePages {
    fn of(placed: &[Placed], others: &[String]) -> SourcePages {
        let files = site_files(placed, others);
        let mut h = std::collections::hash_map::DefaultHasher::new();
        std::hash::Hash::hash(&files, &mut h);
        SourcePages {
            digest: std::hash::Hasher::finish(&h),
            files: Arc::new(files),
        }
    }
}

/// The link from the page of `placed` to the site's file for the file of `content/` that
/// `dest` names ([`source_named`]), if it names one of `files` ([`site_files`]): `relu.md#kinks`
/// is `../relu/index.html#kinks`, `pic.png` beside the lesson `../pic.png`.
pub fn link_of_file(
    placed: &Placed,
    dest: &str,
    files: &BTreeMap<String, String>,
) -> Option<String> {
    let (_, fragment) = relative_path(dest)?;
    let target = files.get(&source_named(placed, dest)?)?;
    let (folders, name) = target.rsplit_once('/').unwrap_or(("", target));
    let from: Vec<&str> = placed.dir.split('/').collect();
    let to: Vec<&str> = folders.split('/').filter(|f| !f.is_empty()).collect();
    let shared = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut link = "../".repeat(from.len() - shared);
    for part in &to[shared..] {
        link.push_str(part);
        link.push('/');
    }
    link.push_str(name);
    Some(format!("{}{fragment}", percent_encoded(&link)))
}

/// The file (as shown, from the project: `content/relu.md`) that a relative link `dest` in
/// `placed` names, relative to `placed`'s own file as an editor or mdBook resolves it, or to
/// `content/` for Zola's `@/relu.md`.
pub fn source_named(placed: &Placed, dest: &str) -> Option<String> {
    let (path, _) = relative_path(dest)?;
    let path = percent_decoded(path);
    let file = &placed.lesson.source.path;
    let (folder, path) = match path.strip_prefix("@/") {
        Some(path) => (CONTENT_DIR, path),
        None => (
            file.rsplit_once('/').map_or("", |(folder, _)| folder),
            &*path,
        ),
    };
    Some(joined(folder, path)?.join("/"))
}

/// A relative link's path and what follows it (`#fragment`, `?query`): `None` for an external
/// link, an absolute path or a fragment alone.
pub fn relative_path(dest: &str) -> Option<(&str, &str)> {
    let (path, rest) = dest.split_at(dest.find(['#', '?']).unwrap_or(dest.len()));
    let relative = !(path.is_empty() || path.starts_with('/') || path.contains(':'));
    relative.then_some((path, rest))
}

/// The parts of relative `path` followed from folder `dir` (both with `/`), `.` and `..`
/// resolved; None where it climbs above the root.
pub fn joined<'a>(dir: &'a str, path: &'a str) -> Option<Vec<&'a str>> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts)
}

/// A lesson's place in its series: the series' name, the part, and how many parts the series
/// has in the lesson's language (its highest part number).
#[derive(Clone, PartialEq, Eq, Serialize, Hash)]
pub struct SeriesPlace {
    pub name: String,
    pub part: u32,
    pub count: usize,
}

/// The relative path from a folder of the site (`zh-CN/relu`) back to the site root.
pub fn root_of(dir: &str) -> String {
    "../".repeat(dir.split('/').filter(|p| !p.is_empty()).count())
}

/// The site's languages: the default, first, whether it has lessons or not (the root is the
/// site's front door, even when every lesson is a translation), then those of its lessons.
pub fn languages<'a>(placed: &'a [Placed], default_lang: &'a str) -> Vec<&'a str> {
    let mut languages: Vec<&str> = vec![default_lang];
    languages.extend(placed.iter().map(|p| p.lang.as_str()));
    languages.dedup();
    languages
}

/// Where a language's pages go: the default language's at the root (`""`), the others' under
/// their tag (`zh-CN/`).
pub fn language_folder(lang: &str, default_lang: &str) -> String {
    if lang == default_lang {
        String::new()
    } else {
        format!("{lang}/")
    }
}

/// Place every lesson: the default language's at the root, the others under their language
/// tag. The default language first, then the others by tag; within a language the series
/// first (ordered by the smallest `order` of their parts, then by name), each by part, then the
/// lessons outside any series by order, then slug.
pub fn place(lessons: &[Arc<Lesson>], default_lang: &str) -> Vec<Placed> {
    let mut placed: Vec<Placed> = lessons
        .iter()
        .map(|l| {
            let lang = l.lang.clone().unwrap_or_else(|| default_lang.to_string());
            let dir = format!("{}{}", language_folder(&lang, default_lang), l.slug);
            Placed {
                lesson: l.clone(),
                lang,
                dir,
            }
        })
        .collect();
    // Each series' rank in its language: the smallest order of its parts.
    let mut rank: HashMap<(String, String), i64> = HashMap::new();
    for p in &placed {
        if let Some(s) = &p.lesson.series {
            let r = rank
                .entry((p.lang.clone(), s.name.clone()))
                .or_insert(i64::MAX);
            *r = (*r).min(p.lesson.order);
        }
    }
    let key = |p: &Placed| {
        let series = p.lesson.series.as_ref().map(|s| {
            let r = rank.get(&(p.lang.clone(), s.name.clone())).copied();
            (r.unwrap_or(i64::MAX), s.name.clone(), s.part)
        });
        (
            p.lang != default_lang,
            p.lang.clone(),
            series.is_none(),
            series,
            p.lesson.order,
            p.lesson.slug.clone(),
        )
    };
    placed.sort_by_cached_key(key);
    placed
}

/// Lessons whose folder is taken: two lessons of one language with the same slug (each one
/// after the first is a problem), and a lesson of the default language whose slug is the code
/// of another language of the site (that language's index is `<code>/index.html`).
pub fn conflicts(placed: &[Placed], default_lang: &str) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let languages: BTreeSet<&str> = placed
        .iter()
        .map(|p| p.lang.as_str())
        .filter(|l| *l != default_lang)
        .collect();
    for p in placed.iter().filter(|p| languages.contains(p.dir.as_str())) {
        let message = format!(
            "the slug `{}` is the code of a language of the site",
            p.lesson.slug
        );
        problems.push(
            at_slug(&p.lesson, message)
                .expected("a slug that is not a language code of the site's lessons")
                .hint(format!(
                    "`{}/index.html` is the index of the lessons in that language; rename the file or set `slug = \"...\"`",
                    p.dir
                )),
        );
    }
    let mut first_in: HashMap<&str, &Placed> = HashMap::with_capacity(placed.len());
    for p in claimants(placed, |p| p.lesson.slug_span.is_some()) {
        let first = *first_in.entry(p.dir.as_str()).or_insert(p);
        if !std::ptr::eq(first, p) {
            let message = format!("two lessons have the slug `{}`", p.lesson.slug);
            problems.push(
                at_slug(&p.lesson, message)
                    .expected("a different slug for every lesson of a language")
                    .hint(format!(
                        "{} has it too; set `slug = \"...\"` in one of them",
                        first.lesson.source.path
                    )),
            );
        }
    }
    problems.extend(duplicate_parts(placed));
    problems
}

/// Two lessons of one language that claim the same part of the same series: each one after
/// the first is a problem.
fn duplicate_parts(placed: &[Placed]) -> Vec<Diagnostic> {
    let mut first: HashMap<(&str, &str, u32), &Placed> = HashMap::new();
    let mut problems = Vec::new();
    for p in claimants(placed, |_| false) {
        let Some(s) = &p.lesson.series else { continue };
        let taken = *first
            .entry((p.lang.as_str(), s.name.as_str(), s.part))
            .or_insert(p);
        if !std::ptr::eq(taken, p) {
            problems.push(
                p.lesson
                    .source
                    .error(
                        s.span.clone(),
                        format!("two lessons are part {} of the series `{}`", s.part, s.name),
                    )
                    .expected("a different part number for each lesson of a series")
                    .hint(format!(
                        "{} is part {} too",
                        taken.lesson.source.path, s.part
                    )),
            );
        }
    }
    problems
}

/// The lessons in the order their claims are weighed: a claim made by hand (`explicit`, a
/// `slug = ` set, where the other lesson's comes from its file name) after one that is not,
/// then by file. The first claimant keeps the slug or part; each later one is the problem, at
/// its own claim. (In the order lessons are placed, by series and title, a part or slug
/// taken by a new lesson was reported at the lesson that had it, or at its file.)
fn claimants(placed: &[Placed], explicit: impl Fn(&Placed) -> bool) -> Vec<&Placed> {
    let mut order: Vec<&Placed> = placed.iter().collect();
    order.sort_by(|a, b| {
        (explicit(a), &a.lesson.source.path).cmp(&(explicit(b), &b.lesson.source.path))
    });
    order
}

/// A problem with a lesson's slug: at the front matter's `slug` if it sets one, else at the
/// file (whose name gives the slug).
pub(super) fn at_slug(lesson: &Lesson, message: String) -> Diagnostic {
    match &lesson.slug_span {
        Some(span) => lesson.source.error(span.clone(), message),
        None => Diagnostic::in_file(lesson.source.path.clone(), message),
    }
}

/// Each placed lesson's neighbours (along its series, or among the lessons outside any
/// series), translations and place in its series, in the order of `placed`.
pub fn neighbours(placed: &[Placed], others: &[String]) -> Vec<Neighbours> {
    let translations = translations(placed);
    let target = |p: &Placed| Target {
        title: p.lesson.title.clone(),
        lang: p.lang.clone(),
        dir: p.dir.clone(),
    };
    let same_series = |a: &Placed, b: &Placed| {
        a.lang == b.lang
            && a.lesson.series.as_ref().map(|s| &s.name)
                == b.lesson.series.as_ref().map(|s| &s.name)
    };
    // (A lesson links to another's Markdown file only if its text holds ".md", to another file
    // of `content/` only if it holds its name, or the text read as addresses are does:
    // `my%20pic.png`.)
    let names: Vec<&str> = (others.iter())
        .map(|o| o.rsplit_once('/').map_or(o.as_str(), |(_, name)| name))
        .collect();
    let encoded = names.iter().any(|n| percent_encoded(n) != *n);
    let linking = |p: &Placed| {
        let text = &p.lesson.source.text;
        let holds = |text: &str| names.iter().any(|n| text.contains(n));
        text.contains(".md")
            || holds(text)
            || (encoded && text.contains('%') && holds(&percent_decoded(text)))
    };
    let sources = (placed.iter().any(linking)).then(|| SourcePages::of(placed, others));
    let anchored = (placed.iter()).any(|p| markdown::may_link_to_fragment(&p.lesson.source.text));
    (0..placed.len())
        .map(|i| {
            // Previous and next follow the series; lessons outside any series follow each other.
            let along = |j: usize| placed.get(j).filter(|o| same_series(o, &placed[i]));
            let series = placed[i].lesson.series.as_ref().map(|s| SeriesPlace {
                name: s.name.clone(),
                part: s.part,
                // The highest part present: a translation missing a part still says "of 3".
                count: placed
                    .iter()
                    .filter(|o| same_series(o, &placed[i]))
                    .filter_map(|o| o.lesson.series.as_ref().map(|s| s.part as usize))
                    .max()
                    .unwrap_or(1),
            });
            Neighbours {
                prev: i.checked_sub(1).and_then(along).map(target),
                next: along(i + 1).map(target),
                translations: translations[i]
                    .iter()
                    .map(|&j| target(&placed[j]))
                    .collect(),
                series,
                sources: sources.clone().filter(|_| linking(&placed[i])),
                anchored,
            }
        })
        .collect()
}

/// Each placed lesson's translations, the same lesson in other languages (indices into
/// `placed`): its file name with their tag (`relu.zh-CN.md`, even with a slug of its own), or
/// its slug; one per language.
pub fn translations(placed: &[Placed]) -> Vec<Vec<usize>> {
    let mut by_slug: HashMap<&str, Vec<usize>> = HashMap::with_capacity(placed.len());
    let mut by_file: HashMap<&str, Vec<usize>> = HashMap::with_capacity(placed.len());
    for (i, p) in placed.iter().enumerate() {
        by_slug.entry(p.lesson.slug.as_str()).or_default().push(i);
        by_file.entry(file_of(p)).or_default().push(i);
    }
    let translations = |i: usize| {
        let mut langs: Vec<&str> = vec![placed[i].lang.as_str()];
        let same =
            (by_file[file_of(&placed[i])].iter()).chain(&by_slug[placed[i].lesson.slug.as_str()]);
        let mut found: Vec<usize> = same.copied().collect();
        found.sort_unstable();
        found.retain(|&j| {
            let new = !langs.contains(&placed[j].lang.as_str());
            langs.push(placed[j].lang.as_str());
            new
        });
        found
    };
    (0..placed.len()).map(translations).collect()
}

/// A lesson's source file without its language tag and extension (`content/relu` for
/// `content/relu.md` and `content/relu.zh-CN.md`).
fn file_of(p: &Placed) -> &str {
    let path = p.lesson.source.path.as_str();
    let path = path.strip_suffix(".md").unwrap_or(path);
    match &p.lesson.lang {
        Some(tag) => (path.strip_suffix(tag.as_str()))
            .and_then(|rest| rest.strip_suffix('.'))
            .unwrap_or(path),
        None => path,
    }
}
