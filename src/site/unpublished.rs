//! What a build checks of the lessons it will not publish, so that one run reports every
//! problem: the lessons without a theme to render them through, the folders two lessons
//! claim, and the prose of lessons whose blocks are broken.

use std::borrow::Cow;
use std::sync::Arc;

use rayon::prelude::*;

use crate::error::Diagnostic;
use crate::i18n::Lang;
use crate::lesson::Lesson;
use crate::render;

use super::place::{self, Placed};
use super::theme::Theme;
use super::{aliases, tags};

/// Every problem of the lessons found without the theme (figures, page body, notebook), in
/// parallel: for a build that fails already, so that it reports everything at once (in
/// nnbook's own words: without the theme, the configuration did not read).
pub(super) fn check_lessons(placed: &[Placed]) -> Vec<Diagnostic> {
    placed
        .par_iter()
        .filter_map(|p| render::render(&p.lesson, Lang::built_in(&p.lang)).err())
        .flatten()
        .collect()
}

/// The slugs and series parts two lessons claim (`placed`: `lessons`, placed), found among the
/// `broken` lessons too, whatever else is wrong with them (not a stood-in front matter's).
pub(super) fn conflicts(
    placed: &[Placed],
    lessons: &[Arc<Lesson>],
    broken: &[Arc<Lesson>],
    default_lang: &str,
) -> Vec<Diagnostic> {
    let every: Cow<[Placed]> = match broken.is_empty() {
        true => Cow::Borrowed(placed),
        false => {
            let every: Vec<Arc<Lesson>> = (lessons.iter())
                .chain(broken.iter().filter(|l| !l.front_stood_in))
                .cloned()
                .collect();
            Cow::Owned(place::place(&every, default_lang))
        }
    };
    let mut problems = place::conflicts(&every, default_lang);
    problems.extend(aliases::conflicts(&every, default_lang));
    problems.extend(tags::conflicts(&every, default_lang));
    problems
}

/// The prose of lessons whose blocks are broken (placeholders, LaTeX), in parallel: they are
/// never published, but their other problems are reported with the blocks', and their links
/// checked like a published lesson's (each lesson placed, with its page's links). The problems
/// go to `problems`.
pub(super) fn check_prose(
    broken: &[Arc<Lesson>],
    (theme, default_lang): (Option<&Theme>, &str),
    problems: &mut Vec<Diagnostic>,
) -> Vec<(Placed, render::Links)> {
    let checked: Vec<_> = place::place(broken, default_lang)
        .into_par_iter()
        .map(|p| {
            let lang = theme.map_or(Lang::built_in(&p.lang), |t| t.lang(&p.lang));
            let (problems, links) = render::check_prose(&p.lesson, lang);
            (problems, (p, links))
        })
        .collect();
    let (found, links): (Vec<_>, Vec<_>) = checked.into_iter().unzip();
    problems.extend(found.into_iter().flatten());
    links
}
