//! Placing lessons in the site: each lesson's language and folder, their order, the neighbours
//! a page links to, its translations, and slugs used twice.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::error::Diagnostic;
use crate::lesson::Lesson;

/// A lesson placed in the site: its language and its folder (`relu`, `zh-CN/relu`).
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
}

/// The relative path from a folder of the site (`zh-CN/relu`) back to the site root.
pub fn root_of(dir: &str) -> String {
    "../".repeat(dir.split('/').filter(|p| !p.is_empty()).count())
}

/// Place every lesson: the default language's at the root, the others under their language
/// tag. The default language first, then the others by tag; lessons by order, then slug.
pub fn place(lessons: &[Arc<Lesson>], default_lang: &str) -> Vec<Placed> {
    let mut placed: Vec<Placed> = lessons
        .iter()
        .map(|l| {
            let lang = l.lang.clone().unwrap_or_else(|| default_lang.to_string());
            let dir = if lang == default_lang {
                l.slug.clone()
            } else {
                format!("{lang}/{}", l.slug)
            };
            Placed {
                lesson: l.clone(),
                lang,
                dir,
            }
        })
        .collect();
    placed.sort_by(|a, b| order(a, default_lang).cmp(&order(b, default_lang)));
    placed
}

/// Where a placed lesson goes in the site's order.
fn order<'a>(p: &'a Placed, default_lang: &str) -> (bool, &'a str, i64, &'a str) {
    (
        p.lang != default_lang,
        &p.lang,
        p.lesson.order,
        &p.lesson.slug,
    )
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
    for p in placed {
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
    problems
}

/// A problem with a lesson's slug: at the front matter's `slug` if it sets one, else at the
/// file (whose name gives the slug).
fn at_slug(lesson: &Lesson, message: String) -> Diagnostic {
    match &lesson.slug_span {
        Some(span) => lesson.source.error(span.clone(), message),
        None => Diagnostic::in_file(lesson.source.path.clone(), message),
    }
}

/// Each placed lesson's neighbours and translations, in the order of `placed`.
pub fn neighbours(placed: &[Placed]) -> Vec<Neighbours> {
    let mut by_slug: HashMap<&str, Vec<usize>> = HashMap::with_capacity(placed.len());
    for (i, p) in placed.iter().enumerate() {
        by_slug.entry(p.lesson.slug.as_str()).or_default().push(i);
    }
    let target = |p: &Placed| Target {
        title: p.lesson.title.clone(),
        lang: p.lang.clone(),
        dir: p.dir.clone(),
    };
    (0..placed.len())
        .map(|i| {
            let same_lang = |j: usize| placed.get(j).filter(|o| o.lang == placed[i].lang);
            Neighbours {
                prev: i.checked_sub(1).and_then(same_lang).map(target),
                next: same_lang(i + 1).map(target),
                translations: by_slug[placed[i].lesson.slug.as_str()]
                    .iter()
                    .map(|&j| &placed[j])
                    .filter(|o| o.lang != placed[i].lang)
                    .map(target)
                    .collect(),
            }
        })
        .collect()
}
