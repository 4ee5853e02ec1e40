//! The site: every lesson rendered and put through the theme, the index and 404 pages, the
//! sitemap and static files, written to the output folder, which is replaced only when the
//! whole build succeeded.
//!
//! [`Builder::build`] reads as the steps it takes: load the theme and the lessons, place the
//! lessons, render them (reusing what the [`cache`] allows), then the index pages, the 404 page,
//! the sitemap and the static files, and the warnings.

// (Compacting the theme's scripts and stylesheets: compiled into `build.rs`, which runs them
// once when nnbook is compiled; here for their tests.)
mod aliases;
#[cfg(test)]
mod arrows;
mod cache;
mod clean;
#[cfg(test)]
mod compact;
mod config;
mod default_theme;
pub mod earlier_theme;
mod feed;
mod index;
mod lesson_page;
mod linked;
mod links;
mod load;
mod manifest;
mod page_names;
mod place;
mod publish;
#[cfg(test)]
mod rename;
mod reuse;
mod search;
mod sitemap;
mod summary;
mod tags;
mod template_check;
mod template_error;
mod template_links;
mod template_loops;
mod template_macros;
mod template_parse;
mod template_render;
mod template_text;
mod theme;
mod theme_warnings;
mod unpublished;
mod words;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::error::{in_order, Diagnostic, Error};
use crate::lesson::Lesson;
use crate::project::{base_url_help, base_url_problem, Config};

use cache::{Cache, LessonKey, RenderedLesson};
use place::Placed;
use unpublished::{check_lessons, check_prose, conflicts};

pub use clean::clean;
pub use default_theme::DEFAULT_TEMPLATES;
pub use load::load_lessons;
pub use page_names::unlisted as unlisted_page_names;
pub use publish::{output_busy, SiteFiles, SITE_MARKER};
pub use summary::{drafts_left_out, BuildOptions, BuildSummary};
pub use theme::{Theme, ThemeFiles};
pub use words::table as words_table;

/// A site rendered in memory.
#[derive(Debug, Clone)]
pub struct Site {
    pub files: SiteFiles,
    /// The lessons' files that are not in `files`: already written to the output folder (see
    /// [`Builder::writing_to`]), or left out by a check ([`Builder::discarding`]).
    pub written: BTreeSet<String>,
    pub lessons: usize,
    pub figures: usize,
    /// How many lessons were rendered by this build (the others were reused from the cache or
    /// from the published site).
    pub rendered: usize,
    pub warnings: Vec<Diagnostic>,
    /// What a build that writes records of each lesson for the next one: folder, key, files.
    records: Vec<(String, String, manifest::LessonRecord)>,
    /// How many drafts were left out (`draft = true`, without [`Builder::with_drafts`]).
    pub drafts: usize,
}

/// Build the project at `options.root` into `options.out`.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, Error> {
    if let Some(url) = options.base_url.as_deref() {
        if let Some(problem) = base_url_problem(url) {
            let message = format!("--base-url `{url}` is not a public address: {problem}");
            return Err(base_url_help(Diagnostic::new(message)).into());
        }
    }
    let purpose = publish::Purpose::Build {
        force: options.force,
    };
    publish::check_output_folder(&options.root, &options.out, purpose)?;
    let out = publish::output_path(&options.out);
    let cannot_write = |e: std::io::Error| {
        Diagnostic::new(format!(
            "cannot write the site to {}: {e}",
            options.out.display()
        ))
        .hint("check that the output folder's parent exists and is writable")
    };
    // (Held to the end: one build at a time writes this site. The time waited for it is not
    // the build's.)
    let _lock = publish::lock_output(&out).map_err(cannot_write)?;
    let start = Instant::now();
    let (staging, cleanup) = publish::stage(&out).map_err(cannot_write)?;
    // Lesson files go into the staging folder as soon as they are rendered; those the
    // published site holds unchanged are linked from it.
    let previous = Arc::new(publish::previous_site(&out));
    if !options.force {
        let foreign = previous.foreign();
        if !foreign.is_empty() {
            let _ = publish::remove_tree(&staging);
            cleanup.finish();
            return Err(publish::foreign_files(&options.out, &foreign, purpose).into());
        }
    }
    let mut builder = Builder::new(&options.root)
        .with_drafts(options.drafts)
        .with_base_url(options.base_url.clone())
        .writing_to(&staging, previous.clone());
    let built = builder.build();
    // (`--deny-warnings`: a warning fails the build as an error would.)
    let denied = |site: &Site| Error::denied(options.deny_warnings, &site.warnings);
    let site = match built.and_then(|site| denied(&site).map_or(Ok(site), Err)) {
        Ok(site) => site,
        Err(e) => {
            // The previous site stays as it was; the half-written new one goes.
            let _ = publish::remove_tree(&staging);
            cleanup.finish();
            return Err(e);
        }
    };
    // The builder keeps every parsed lesson: freeing them (12 ms for 1,000 lessons) takes longer
    // than publishing, and is done meanwhile.
    let (published, ()) = rayon::join(
        || {
            publish::publish(&out, &staging, &site.files, &previous, cleanup)?;
            let mut all: Vec<String> = site.files.keys().chain(&site.written).cloned().collect();
            all.push(publish::SITE_MARKER.to_string());
            all.sort_unstable();
            manifest::Manifest::write(&out, site.records, all);
            Ok(())
        },
        move || drop(builder),
    );
    published.map_err(cannot_write)?;
    Ok(BuildSummary {
        lessons: site.lessons,
        rendered: site.rendered,
        figures: site.figures,
        // The pages, figures and other files, and the marker.
        files: site.files.len() + site.written.len() + 1,
        warnings: site.warnings,
        out: options.out.clone(),
        elapsed: start.elapsed(),
        drafts: site.drafts,
    })
}

/// Check the project: everything a build does but writing. Returns the warnings.
pub fn check(root: &Path) -> Result<Site, Error> {
    Builder::new(root).discarding().build()
}

/// Builds a project's site, keeping what it rendered so that the next build (in `serve`)
/// renders again only the lessons whose source, neighbours or theme changed (the rules are in
/// [`cache`]). It holds the site in memory unless told to write lesson files out as they are
/// rendered ([`Builder::writing_to`]) or to drop them ([`Builder::discarding`]).
pub struct Builder {
    root: PathBuf,
    /// Overrides the configuration's `base_url` (from `--base-url`).
    base_url: Option<String>,
    /// Whether the site has no public address whatever the configuration says (`serve`: its
    /// links relative, so that it works at whatever address it is served).
    local: bool,
    theme: Option<(ThemeFiles, Arc<Theme>)>,
    cache: Cache,
    /// Parsed lessons by path, reused while their text is unchanged.
    parsed: HashMap<String, Arc<Lesson>>,
    /// What happens to each lesson's files once the lesson is rendered.
    output: Output,
    /// Whether drafts are built (`--drafts`).
    drafts: bool,
    /// What of `content/` the last build did not publish as lessons: the other files (published
    /// where a lesson links to one) and the drafts left out (a link to one is told so).
    content: place::ContentFiles,
    /// The files of `content/` the last build's links name, there or not ([`linked::named`]).
    named: BTreeSet<String>,
}

/// What a build does with a lesson's files once the lesson is rendered.
enum Output {
    /// Keep them in the built [`Site`] (and for the next build: `serve`).
    Keep,
    /// Write them into this folder (linking those the published site holds unchanged) and keep
    /// only their names (`build`).
    Write(PathBuf, Arc<reuse::Previous>),
    /// Keep only their names (`check`).
    Discard,
}

/// What a build starts from: the theme (unless it did not compile), the lessons that parsed,
/// those that parsed only partly (to be checked, never published), the walk's warnings.
struct Loaded {
    theme: Option<Arc<Theme>>,
    lessons: Vec<Arc<Lesson>>,
    broken: Vec<Arc<Lesson>>,
    warnings: Vec<Diagnostic>,
}

/// The language of the lessons whose file name names none: the configuration's.
fn default_lang(theme: &Option<Arc<Theme>>) -> String {
    (theme.as_ref())
        .map_or_else(|| Config::default().language, |t| t.config.language.clone())
        .into_inner()
}

/// The lessons' files: kept in memory, or written out (their names), and how many figures
/// they hold.
struct LessonFiles {
    files: SiteFiles,
    written: BTreeSet<String>,
    figures: usize,
}

/// A lesson, whether it was rendered now (not reused), and the result.
type Rendering<'a> = (&'a Placed, bool, Result<RenderedLesson, Vec<Diagnostic>>);

impl Builder {
    pub fn new(root: &Path) -> Builder {
        Builder {
            root: root.to_path_buf(),
            base_url: None,
            local: false,
            theme: None,
            cache: Cache::default(),
            parsed: HashMap::new(),
            output: Output::Keep,
            drafts: false,
            content: place::ContentFiles::default(),
            named: BTreeSet::new(),
        }
    }

    /// The files of `content/` the last build's links named, there or not (`content/pic.png`):
    /// such a file changed changes the site.
    pub fn linked_files(&self) -> &BTreeSet<String> {
        &self.named
    }

    /// Build the lessons whose front matter says `draft = true` too (`--drafts`).
    pub fn with_drafts(mut self, drafts: bool) -> Builder {
        self.drafts = drafts;
        self
    }

    /// Write each lesson's files into `folder` as soon as the lesson is rendered, instead of
    /// keeping them: a one-shot build then holds one lesson's output at a time, not the site's.
    /// The built [`Site`] lists them in `written`; its `files` are the rest.
    pub fn writing_to(mut self, folder: &Path, previous: Arc<reuse::Previous>) -> Builder {
        self.output = Output::Write(folder.to_path_buf(), previous);
        self
    }

    /// Keep only the names of each lesson's files (for a check, which writes nothing).
    pub fn discarding(mut self) -> Builder {
        self.output = Output::Discard;
        self
    }

    /// Use this base URL (for the sitemap and page URLs) instead of the configuration's.
    pub fn with_base_url(mut self, base_url: Option<String>) -> Builder {
        self.base_url = base_url;
        self
    }

    /// The site without a public address, the configuration's left aside (`serve`): its 404
    /// page's links found from the address it is shown at, no sitemap, no feed.
    pub fn without_base_url(mut self) -> Builder {
        self.local = true;
        self
    }

    /// Build the whole site. Every problem is reported, with the warnings: those of every
    /// lesson that does not parse, of the theme, of lessons that clash, and of every lesson
    /// that parses but fails when it is rendered.
    pub fn build(&mut self) -> Result<Site, Error> {
        let mut problems = Vec::new();
        let Loaded {
            theme,
            lessons,
            broken,
            mut warnings,
        } = self.load(&mut problems)?;
        let default_lang = default_lang(&theme);
        let placed = place::place(&lessons, &default_lang);
        problems.extend(conflicts(&placed, &lessons, &broken, &default_lang));
        let broken_pages = check_prose(&broken, (theme.as_deref(), &default_lang), &mut problems);
        // (A lesson with problems has its warnings too: a training that stopped early.)
        let every = lessons.iter().chain(&broken);
        warnings.extend(every.flat_map(|l| l.warnings.iter().cloned()));
        warnings.extend(lessons.iter().filter_map(|l| links::unused_network(l)));
        warnings.extend(tags::warnings(&placed));
        let Some(theme) = theme else {
            // Without a theme, the lessons can still be checked: writing nothing.
            problems.extend(check_lessons(&placed));
            return Err(Error::report(problems, warnings));
        };
        let base_url = self.site_base_url(&theme);
        // (`serve` gives its 404 page the root itself.)
        let rootless = base_url.is_none() && !self.local;
        warnings.extend(theme_warnings(&theme, &lessons, (&placed, rootless)));
        problems.extend(theme.template_errors.iter().cloned());
        let publishing = matches!(self.output, Output::Write(..));
        warnings.extend(feed::warnings(
            &theme.config,
            &placed,
            (base_url.as_deref(), publishing),
        ));
        // With something wrong already, find what else is (through the theme): a build that
        // writes renders into nothing instead, and keeps nothing; `serve` keeps what it
        // rendered, whole, for the next build.
        let writes = !problems.is_empty() && !matches!(self.output, Output::Keep);
        let saved = writes.then(|| std::mem::replace(&mut self.output, Output::Discard));
        let rendered = self.render_lessons(&theme, &placed, base_url.as_deref(), &mut problems);
        if !problems.is_empty() {
            // (The index and 404 pages are made too, over the lessons that rendered, so that
            // their templates' problems are reported in the same run.)
            let pages = (&*theme, &self.cache, &default_lang[..], base_url.as_deref());
            problems.extend(index::language_pages(pages, &placed, &mut SiteFiles::new()));
            let (lessons, sitemap) = ((&placed[..], &broken_pages[..]), base_url.is_some());
            let content = &self.content;
            let site = (&self.cache, &*theme, &default_lang[..], sitemap, content);
            warnings.extend(links::unfinished(site, lessons));
            if let Some(output) = saved {
                self.output = output;
                self.cache.clear();
            }
            template_check::said_once(&mut problems, &theme.template_errors);
            return Err(Error::report(problems, warnings));
        }
        let LessonFiles {
            files: mut out,
            written,
            figures,
        } = self.rendered_files(&placed);
        let base = base_url.as_deref();
        let pages = (&*theme, &self.cache, &default_lang[..], base);
        let mut problems = index::language_pages(pages, &placed, &mut out);
        let files = (&mut out, &written);
        problems.extend(self.site_files(&theme, (base, &placed), files, &mut warnings));
        if !problems.is_empty() {
            return Err(Error::report(problems, warnings));
        }
        Ok(Site {
            files: out,
            written,
            lessons: placed.len(),
            figures,
            rendered,
            warnings: in_order(warnings),
            records: self.take_records(&placed),
            drafts: self.content.drafts.len(),
        })
    }

    /// The site's files made of the lessons as a whole and the theme's (`add_site_files`), the
    /// files of `content/` the lessons (`placed`) link to, into `out`, and the warnings about
    /// links to what the site does not have (the lessons' and the project's templates'); or
    /// the problems of those files.
    fn site_files(
        &mut self,
        theme: &Theme,
        (base, placed): (Option<&str>, &[Placed]),
        (out, written): (&mut SiteFiles, &BTreeSet<String>),
        warnings: &mut Vec<Diagnostic>,
    ) -> Vec<Diagnostic> {
        let mut problems = links::add_site_files(theme, (base, placed), out, written);
        let links = self.cache.links_of(placed);
        self.named = linked::named(&links);
        problems.extend(linked::publish(
            &self.root,
            &self.content,
            &self.named,
            (out, written),
        ));
        let exists = |name: &str| out.contains_key(name) || written.contains(name);
        let anchors = self.cache.anchors();
        warnings.extend(links::broken_links(
            &links,
            &exists,
            &anchors,
            &self.content,
        ));
        warnings.extend(template_links::broken(theme.project_templates(), &exists));
        problems
    }

    /// The site's public address, ending in `/`: `--base-url`'s, or else the configuration's.
    fn site_base_url(&self, theme: &Theme) -> Option<String> {
        if self.local {
            return None;
        }
        (self.base_url.clone())
            .or_else(|| theme.config.base_url.as_ref().map(|u| u.get_ref().clone()))
            .map(|u| if u.ends_with('/') { u } else { format!("{u}/") })
    }

    /// What a build that writes records of each lesson for the next one ([`manifest`]). A
    /// one-shot build keeps nothing in memory for a next one: its cache is emptied.
    fn take_records(&mut self, placed: &[Placed]) -> Vec<(String, String, manifest::LessonRecord)> {
        let records = placed
            .iter()
            .filter_map(|p| {
                let r = self.cache.get(&p.dir);
                let key = r.record.clone()?;
                Some((p.dir.clone(), key, manifest::LessonRecord::from(r)))
            })
            .collect();
        if !matches!(self.output, Output::Keep) {
            self.cache.clear();
        }
        records
    }

    /// The lessons' files kept in memory, the names of those written out, and the number of
    /// figures.
    fn rendered_files(&self, placed: &[Placed]) -> LessonFiles {
        let mut all = LessonFiles {
            files: SiteFiles::new(),
            written: BTreeSet::new(),
            figures: 0,
        };
        for p in placed {
            let r = self.cache.get(&p.dir);
            all.figures += r.figures;
            for (name, bytes) in &r.files {
                all.files.insert(name.clone(), bytes.clone());
            }
            all.written.extend(r.written.iter().cloned());
        }
        all
    }

    /// Read the theme and compile it (unless it is unchanged) while the lessons load and parse.
    /// The lessons that do not parse and a theme that does not compile are `problems`; only a
    /// project that cannot be read is an error here.
    fn load(&mut self, problems: &mut Vec<Diagnostic>) -> Result<Loaded, Error> {
        let files = ThemeFiles::read(&self.root)?;
        let reuse = matches!(&self.theme, Some((old, _)) if *old == files);
        let (compiled, loaded) = rayon::join(
            || (!reuse).then(|| Theme::compile(&files)),
            || load::load_lessons_cached(&self.root, &mut self.parsed, self.drafts),
        );
        let loaded = loaded?;
        problems.extend(loaded.problems);
        let theme = match (&self.theme, compiled) {
            (Some((_, theme)), _) if reuse => Some(theme.clone()),
            (_, Some(Err(e))) => {
                problems.extend(e.diagnostics);
                None
            }
            (old, compiled) => {
                let theme = Arc::new(compiled.expect("compiled when not reused")?);
                // Lesson pages depend on the configuration and the templates but the index,
                // the 404 page and the static files: editing those re-renders no lesson.
                if old
                    .as_ref()
                    .is_none_or(|(old, _)| !old.same_for_lessons(&files))
                {
                    self.cache.clear();
                }
                self.theme = Some((files, theme.clone()));
                Some(theme)
            }
        };
        let drafts = place::place(&loaded.drafts, &default_lang(&theme));
        self.content = place::ContentFiles {
            drafts: place::site_files(&drafts, &[]),
            others: loaded.others,
        };
        Ok(Loaded {
            theme,
            lessons: loaded.lessons,
            broken: loaded.broken,
            warnings: loaded.warnings,
        })
    }

    /// Render every placed lesson the cache cannot give back, in parallel, and write or drop
    /// its files as [`Output`] says. Returns how many were rendered; the cache then holds every
    /// lesson's rendering, and `problems` what failed.
    fn render_lessons(
        &mut self,
        theme: &Theme,
        placed: &[Placed],
        base_url: Option<&str>,
        problems: &mut Vec<Diagnostic>,
    ) -> usize {
        let jobs: Vec<(&Placed, LessonKey, Option<RenderedLesson>)> = placed
            .iter()
            .zip(place::neighbours(placed, &self.content.others))
            .map(|(p, neighbours)| {
                let key = LessonKey {
                    lesson: p.lesson.clone(),
                    neighbours,
                };
                let cached = self.cache.take(&p.dir, &key);
                (p, key, cached)
            })
            .collect();
        let output = &self.output;
        let theme_files = self.theme.as_ref().map(|(files, _)| files);
        let results: Vec<Rendering> = jobs
            .into_par_iter()
            .map(|(p, key, cached)| match (cached, output) {
                (Some(r), _) => (p, false, Ok(r)),
                (None, Output::Write(folder, previous)) => {
                    let record = theme_files.and_then(|t| manifest::key(t, base_url, p, &key));
                    let reused = record.as_ref().and_then(|k| previous.reusable(&p.dir, k));
                    let fresh = reused.is_none();
                    let result = match reused {
                        Some(reused) => lesson_page::link_lesson(folder, previous, key, reused),
                        None => lesson_page::render_lesson(theme, p, key, base_url).and_then(|r| {
                            lesson_page::write_lesson(Some((folder, previous)), &p.dir, r)
                        }),
                    };
                    (p, fresh, result.map(|r| RenderedLesson { record, ..r }))
                }
                (None, Output::Discard) => {
                    let rendered = lesson_page::render_lesson(theme, p, key, base_url);
                    (
                        p,
                        true,
                        rendered.and_then(|r| lesson_page::write_lesson(None, &p.dir, r)),
                    )
                }
                (None, Output::Keep) => {
                    (p, true, lesson_page::render_lesson(theme, p, key, base_url))
                }
            })
            .collect();
        let mut rendered = 0;
        let mut kept = HashMap::with_capacity(placed.len());
        for (p, fresh, result) in results {
            match result {
                Ok(r) => {
                    rendered += usize::from(fresh);
                    kept.insert(p.dir.clone(), r);
                }
                Err(d) => problems.extend(d),
            }
        }
        lesson_page::write_failures_once(problems);
        self.cache.replace(kept);
        rendered
    }
}

/// The warnings about what the theme gives the lessons `placed`: its files', the sliders' (a
/// project's `lesson.html` without `explore.js`), the direction's (its `base.html` without
/// `dir`, for pages written right to left), the languages it has no words for, and, for a site
/// whose pages do not know its address (`rootless`), a 404 page's that cannot find its root.
fn theme_warnings(
    theme: &Theme,
    lessons: &[Arc<Lesson>],
    (placed, rootless): (&[Placed], bool),
) -> Vec<Diagnostic> {
    let mut warnings = theme.warnings.clone();
    if rootless {
        warnings.extend(theme.not_found_warning.clone());
    }
    if lessons.iter().any(|l| l.explorable()) {
        warnings.extend(theme.sliders_warning.clone());
    }
    if placed.iter().any(|p| theme.lang(&p.lang).rtl) {
        warnings.extend(theme.direction_warning.clone());
    }
    warnings.extend(words::warnings(&theme.config, placed));
    warnings
}
