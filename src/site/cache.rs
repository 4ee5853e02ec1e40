//! What a build keeps for the next one (`serve` rebuilds after every save), and the rules for
//! reusing it:
//!
//! - A lesson's parsed form is reused while its file's text is unchanged ([`super::load`]).
//! - A lesson's rendered files are reused while its [`LessonKey`] is unchanged: the same lesson
//!   text, the same previous and next lesson titles, the same translations.
//! - The compiled theme is reused while the configuration and the template files are unchanged;
//!   when the configuration or a template other than the index and 404 page changes, every
//!   lesson is rendered again ([`Cache::clear`]).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::lesson::Lesson;

use super::place::{Neighbours, Placed};

/// What decides a lesson page's bytes besides the theme: the lesson (compared by its text),
/// its neighbours and its translations.
#[derive(Clone)]
pub struct LessonKey {
    pub lesson: Arc<Lesson>,
    pub neighbours: Neighbours,
}

impl PartialEq for LessonKey {
    fn eq(&self, other: &Self) -> bool {
        (Arc::ptr_eq(&self.lesson, &other.lesson)
            || self.lesson.source.text == other.lesson.source.text)
            && self.neighbours == other.neighbours
    }
}

/// A lesson's rendered files and what the rest of the site needs to know of them.
#[derive(Clone)]
pub struct RenderedLesson {
    pub key: LessonKey,
    /// The lesson's files, unless they were written out (then only their names are kept).
    pub files: Vec<(String, Arc<Vec<u8>>)>,
    pub written: Vec<String>,
    pub figures: usize,
    /// The preview's file (a thumbnail of the last chart), shown on the index.
    pub preview: Option<String>,
    /// Link and image destinations of the page, with their place in the lesson source.
    pub links: Vec<(String, Range<usize>)>,
    /// The ids of the lesson's page, that a link's fragment may name ([`crate::markdown::html_ids`]),
    /// if some lesson links to a fragment ([`super::place::Neighbours::anchored`]).
    pub anchors: Option<Vec<String>>,
    /// The page's text by section, for the search index ([`crate::page::SearchText`]).
    pub search: crate::page::SearchText,
    /// The key under which a build that writes records the lesson ([`super::manifest`]).
    pub record: Option<String>,
}

/// The rendered lessons of the last build, by folder.
#[derive(Default)]
pub struct Cache {
    rendered: HashMap<String, RenderedLesson>,
}

impl Cache {
    /// The last rendering of the lesson in folder `dir`, taken out of the cache, if its key is
    /// still `key`.
    pub fn take(&mut self, dir: &str, key: &LessonKey) -> Option<RenderedLesson> {
        self.rendered.remove(dir).filter(|r| r.key == *key)
    }

    /// Keep this build's renderings (and only them) for the next build.
    pub fn replace(&mut self, rendered: HashMap<String, RenderedLesson>) {
        self.rendered = rendered;
    }

    /// The rendering of the lesson in folder `dir`, kept by [`Cache::replace`].
    pub fn get(&self, dir: &str) -> &RenderedLesson {
        &self.rendered[dir]
    }

    /// Each of `placed` with the links of its page, as rendered (all are).
    pub fn links_of<'a>(
        &'a self,
        placed: &'a [Placed],
    ) -> Vec<(&'a Placed, &'a crate::render::Links)> {
        (placed.iter())
            .map(|p| (p, &self.get(&p.dir).links))
            .collect()
    }

    /// The ids of each lesson's page (`relu/index.html`) that rendered with its ids kept (a
    /// page without them has its fragments left unchecked).
    pub fn anchors(&self) -> HashMap<String, &[String]> {
        (self.rendered.iter())
            .filter_map(|(dir, r)| {
                let ids = r.anchors.as_deref()?;
                Some((format!("{dir}/index.html"), ids))
            })
            .collect()
    }

    /// The rendering of the lesson in folder `dir`, if it rendered (in a build that failed).
    pub fn find(&self, dir: &str) -> Option<&RenderedLesson> {
        self.rendered.get(dir)
    }

    /// Forget every rendering (the theme changed what lesson pages show).
    pub fn clear(&mut self) {
        self.rendered.clear();
    }
}
