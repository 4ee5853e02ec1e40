//! The site: lessons rendered through the templates and written to the output folder, which
//! is replaced only when the whole build succeeded.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tera::Tera;

use crate::content::{self, display_path};
use crate::diagram;
use crate::error::{Diagnostic, Error, SourceFile};
use crate::figure::{self, escape, Figure, Sampled};
use crate::i18n;
use crate::lesson::{self, Block, Lesson};
use crate::network::Signal;
use crate::notebook;
use crate::page;

/// The default theme, embedded in the binary. A project's `templates/` folder overrides any of
/// these files by name and may add more.
pub const DEFAULT_TEMPLATES: [(&str, &str); 7] = [
    ("404.html", include_str!("../templates/404.html")),
    ("base.html", include_str!("../templates/base.html")),
    ("copy.js", include_str!("../templates/copy.js")),
    ("favicon.svg", include_str!("../templates/favicon.svg")),
    ("index.html", include_str!("../templates/index.html")),
    ("lesson.html", include_str!("../templates/lesson.html")),
    ("style.css", include_str!("../templates/style.css")),
];

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The project folder (holds `content/` and optionally `templates/` and `nnbook.toml`).
    pub root: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// The site's public address, overriding `base_url` in `nnbook.toml`.
    pub base_url: Option<String>,
}

/// What a build did.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub lessons: usize,
    pub figures: usize,
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
    pub out: PathBuf,
    pub elapsed: Duration,
}

/// A built site, in memory: output paths (relative, with `/`) and their bytes, sorted.
pub type SiteFiles = BTreeMap<String, Arc<Vec<u8>>>;

/// A site rendered in memory.
#[derive(Debug, Clone)]
pub struct Site {
    pub files: SiteFiles,
    /// The lessons' files that are not in `files`: already written to the output folder (see
    /// [`Builder::writing_to`]), or left out by a check ([`Builder::discarding`]).
    pub written: BTreeSet<String>,
    pub lessons: usize,
    pub figures: usize,
    /// How many lessons were rendered by this build (the others were reused from the cache).
    pub rendered: usize,
    pub warnings: Vec<Diagnostic>,
}

/// Build the project at `options.root` into `options.out`.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, Error> {
    let start = Instant::now();
    check_output_folder(&options.root, &options.out)?;
    let cannot_write = |e: std::io::Error| {
        Diagnostic::new(format!(
            "cannot write the site to {}: {e}",
            options.out.display()
        ))
        .hint("check that the output folder's parent exists and is writable")
    };
    let staging = stage(&options.out).map_err(cannot_write)?;
    // Lesson files go into the staging folder as soon as they are rendered.
    let built = Builder::new(&options.root)
        .with_base_url(options.base_url.clone())
        .writing_to(&staging)
        .build();
    let site = match built {
        Ok(site) => site,
        Err(e) => {
            // The previous site stays as it was; the half-written new one goes.
            let _ = remove_tree(&staging);
            return Err(e);
        }
    };
    publish(&options.out, &staging, &site.files).map_err(cannot_write)?;
    Ok(BuildSummary {
        lessons: site.lessons,
        figures: site.figures,
        files: site.files.len() + site.written.len(),
        warnings: site.warnings,
        out: options.out.clone(),
        elapsed: start.elapsed(),
    })
}

/// Check the project: everything a build does but writing. Returns the warnings.
pub fn check(root: &Path) -> Result<Site, Error> {
    Builder::new(root).discarding().build()
}

/// Parse every lesson of a project (all problems of all lessons are reported), with the
/// warnings of the walk.
pub fn load_lessons(root: &Path) -> Result<(Vec<Arc<Lesson>>, Vec<Diagnostic>), Error> {
    load_lessons_cached(root, &mut HashMap::new())
}

/// [`load_lessons`], reusing the lessons of `parsed` whose file and text are unchanged.
fn load_lessons_cached(
    root: &Path,
    parsed: &mut HashMap<String, Arc<Lesson>>,
) -> Result<(Vec<Arc<Lesson>>, Vec<Diagnostic>), Error> {
    let found = content::find(root, &root.join("content")).map_err(Error::from)?;
    let mut lessons = Vec::new();
    let mut problems = Vec::new();
    let mut kept = HashMap::with_capacity(found.files.len());
    let jobs: Vec<_> = found
        .files
        .into_iter()
        .map(|file| {
            let cached = parsed
                .remove(&file.source.path)
                .filter(|l| l.source.text == file.source.text);
            (file, cached)
        })
        .collect();
    let results: Vec<_> = jobs
        .into_par_iter()
        .map(|(file, cached)| {
            let path = file.source.path.clone();
            let lesson = match cached {
                Some(l) => Ok(l),
                None => lesson::parse(file.source, &file.stem).map(Arc::new),
            };
            (path, lesson)
        })
        .collect();
    for (path, lesson) in results {
        match lesson {
            Ok(l) => {
                kept.insert(path, l.clone());
                lessons.push(l);
            }
            Err(d) => problems.extend(d),
        }
    }
    *parsed = kept;
    if !problems.is_empty() {
        return Err(Error::from(problems));
    }
    Ok((lessons, found.warnings))
}

/// Builds a project's site, keeping what it rendered so that the next build (in `serve`)
/// renders again only the lessons whose source, neighbours or theme changed. It holds the
/// site in memory unless told to write lesson files out as they are rendered
/// ([`Builder::writing_to`]) or to drop them ([`Builder::discarding`]).
pub struct Builder {
    root: PathBuf,
    /// Overrides the configuration's `base_url` (from `--base-url`).
    base_url: Option<String>,
    theme: Option<(ThemeFiles, Arc<Theme>)>,
    cache: HashMap<String, RenderedLesson>,
    /// Parsed lessons by path, reused while their text is unchanged.
    parsed: HashMap<String, Arc<Lesson>>,
    /// What happens to each lesson's files once the lesson is rendered.
    output: Output,
}

/// What a build does with a lesson's files once the lesson is rendered.
enum Output {
    /// Keep them in the built [`Site`] (and for the next build: `serve`).
    Keep,
    /// Write them into this folder and keep only their names (`build`).
    Write(PathBuf),
    /// Keep only their names (`check`).
    Discard,
}

/// A lesson placed in the site: its language and its folder (`relu`, `zh-CN/relu`).
struct Placed {
    lesson: Arc<Lesson>,
    lang: String,
    dir: String,
}

/// A link from one page to another lesson: its title, language and folder.
#[derive(Clone, PartialEq, Eq)]
struct Target {
    title: String,
    lang: String,
    dir: String,
}

/// What decides a lesson page's bytes besides the theme: the lesson (compared by its text),
/// its neighbours and its translations.
#[derive(Clone)]
struct LessonKey {
    lesson: Arc<Lesson>,
    prev: Option<Target>,
    next: Option<Target>,
    translations: Vec<Target>,
}

impl PartialEq for LessonKey {
    fn eq(&self, other: &Self) -> bool {
        (Arc::ptr_eq(&self.lesson, &other.lesson)
            || self.lesson.source.text == other.lesson.source.text)
            && self.prev == other.prev
            && self.next == other.next
            && self.translations == other.translations
    }
}

/// A lesson, whether it was rendered now (not reused), and the result.
type Rendering<'a> = (&'a Placed, bool, Result<RenderedLesson, Vec<Diagnostic>>);

#[derive(Clone)]
struct RenderedLesson {
    key: LessonKey,
    /// The lesson's files, unless they were written out (then only their names are kept).
    files: Vec<(String, Arc<Vec<u8>>)>,
    written: Vec<String>,
    figures: usize,
    /// The last figure's file, shown as a preview on the index.
    preview: Option<String>,
    links: Vec<(String, std::ops::Range<usize>)>,
}

/// The relative path from a folder of the site (`zh-CN/relu`) back to the site root.
fn root_of(dir: &str) -> String {
    "../".repeat(dir.split('/').filter(|p| !p.is_empty()).count())
}

impl Builder {
    pub fn new(root: &Path) -> Builder {
        Builder {
            root: root.to_path_buf(),
            base_url: None,
            theme: None,
            cache: HashMap::new(),
            parsed: HashMap::new(),
            output: Output::Keep,
        }
    }

    /// Write each lesson's files into `folder` as soon as the lesson is rendered, instead of
    /// keeping them: a one-shot build then holds one lesson's output at a time, not the site's.
    /// The built [`Site`] lists them in `written`; its `files` are the rest.
    pub fn writing_to(mut self, folder: &Path) -> Builder {
        self.output = Output::Write(folder.to_path_buf());
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

    /// Build the whole site.
    pub fn build(&mut self) -> Result<Site, Error> {
        let files = ThemeFiles::read(&self.root)?;
        let reuse = matches!(&self.theme, Some((old, _)) if *old == files);
        // Compile the templates while the lessons load and parse.
        let (compiled, loaded) = rayon::join(
            || (!reuse).then(|| Theme::compile(&files)),
            || load_lessons_cached(&self.root, &mut self.parsed),
        );
        let (lessons, mut warnings) = loaded?;
        let theme = match &self.theme {
            Some((_, theme)) if reuse => theme.clone(),
            old => {
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
                theme
            }
        };
        let default_lang = theme.config.language.clone();
        let base_url = self
            .base_url
            .clone()
            .or_else(|| theme.config.base_url.clone())
            .map(|u| if u.ends_with('/') { u } else { format!("{u}/") });
        let mut placed: Vec<Placed> = lessons
            .iter()
            .map(|l| {
                let lang = l.lang.clone().unwrap_or_else(|| default_lang.clone());
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
        // The default language first, then the others by tag; lessons by order, then slug.
        placed.sort_by(|a, b| {
            (
                a.lang != default_lang,
                &a.lang,
                a.lesson.order,
                &a.lesson.slug,
            )
                .cmp(&(
                    b.lang != default_lang,
                    &b.lang,
                    b.lesson.order,
                    &b.lesson.slug,
                ))
        });
        let mut problems = Vec::new();
        // The first lesson in each folder, and each slug's lessons (its translations).
        let mut first_in: HashMap<&str, &Placed> = HashMap::with_capacity(placed.len());
        let mut by_slug: HashMap<&str, Vec<usize>> = HashMap::with_capacity(placed.len());
        for (i, p) in placed.iter().enumerate() {
            by_slug.entry(p.lesson.slug.as_str()).or_default().push(i);
            let first = *first_in.entry(p.dir.as_str()).or_insert(p);
            if !std::ptr::eq(first, p) {
                let message = format!("two lessons have the slug `{}`", p.lesson.slug);
                let at = match &p.lesson.slug_span {
                    Some(span) => p.lesson.source.error(span.clone(), message),
                    None => Diagnostic::in_file(p.lesson.source.path.clone(), message),
                };
                problems.push(
                    at.expected("a different slug for every lesson of a language")
                        .hint(format!(
                            "{} has it too; set `slug = \"...\"` in one of them",
                            first.lesson.source.path
                        )),
                );
            }
        }
        if !problems.is_empty() {
            return Err(problems.into());
        }
        let target = |p: &Placed| Target {
            title: p.lesson.title.clone(),
            lang: p.lang.clone(),
            dir: p.dir.clone(),
        };
        let keys: Vec<LessonKey> = (0..placed.len())
            .map(|i| {
                let same_lang = |j: usize| placed.get(j).filter(|o| o.lang == placed[i].lang);
                LessonKey {
                    lesson: placed[i].lesson.clone(),
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
            .collect();
        // Reuse what did not change; render the rest in parallel.
        let jobs: Vec<(&Placed, LessonKey, Option<RenderedLesson>)> = placed
            .iter()
            .zip(keys)
            .map(|(p, key)| {
                let cached = self.cache.remove(&p.dir).filter(|r| r.key == key);
                (p, key, cached)
            })
            .collect();
        let results: Vec<Rendering> = jobs
            .into_par_iter()
            .map(|(p, key, cached)| match cached {
                Some(r) => (p, false, Ok(r)),
                None => {
                    let rendered = render_lesson(&theme, p, key, base_url.as_deref());
                    let written = match (&self.output, rendered) {
                        (Output::Write(folder), Ok(r)) => write_lesson(Some(folder), &p.dir, r),
                        (Output::Discard, Ok(r)) => write_lesson(None, &p.dir, r),
                        (Output::Keep, r) | (_, r @ Err(_)) => r,
                    };
                    (p, true, written)
                }
            })
            .collect();
        let mut rendered = 0;
        let mut cache = HashMap::with_capacity(placed.len());
        for (p, fresh, result) in results {
            match result {
                Ok(r) => {
                    rendered += usize::from(fresh);
                    cache.insert(p.dir.clone(), r);
                }
                Err(d) => problems.extend(d),
            }
        }
        self.cache = cache;
        if !problems.is_empty() {
            return Err(problems.into());
        }

        let mut out = SiteFiles::new();
        let mut written = BTreeSet::new();
        let mut figures = 0;
        for p in &placed {
            let r = &self.cache[&p.dir];
            figures += r.figures;
            for (name, bytes) in &r.files {
                out.insert(name.clone(), bytes.clone());
            }
            written.extend(r.written.iter().cloned());
        }
        // One index per language, the default language's at the root.
        let mut languages: Vec<&str> = placed.iter().map(|p| p.lang.as_str()).collect();
        languages.dedup();
        if languages.is_empty() {
            languages.push(&default_lang);
        }
        for lang in &languages {
            let prefix = if *lang == default_lang {
                String::new()
            } else {
                format!("{lang}/")
            };
            let root = root_of(&prefix);
            let mut ctx = theme.context(
                &root,
                "index.html",
                lang,
                i18n::text(lang, "lessons"),
                &theme.config.description,
            );
            let index: Vec<IndexEntry> = placed
                .iter()
                .filter(|p| p.lang == *lang)
                .map(|p| IndexEntry {
                    title: &p.lesson.title,
                    summary: &p.lesson.summary,
                    href: format!("{}/index.html", p.dir),
                    preview: self.cache[&p.dir].preview.clone(),
                })
                .collect();
            ctx.insert("lessons", &index);
            let switcher: Vec<LanguageLink> = languages
                .iter()
                .map(|other| LanguageLink {
                    code: other.to_string(),
                    name: i18n::language_name(other),
                    href: if *other == default_lang {
                        "index.html".to_string()
                    } else {
                        format!("{other}/index.html")
                    },
                    current: other == lang,
                })
                .collect();
            ctx.insert("languages", &switcher);
            out.insert(
                format!("{prefix}index.html"),
                theme.render("index.html", &ctx)?.into_bytes().into(),
            );
        }
        // The 404 page is served at any depth: its links are absolute when the site's address
        // is known, root-relative otherwise.
        let not_found_root = base_url.clone().unwrap_or_else(|| "/".to_string());
        let home = format!("{not_found_root}index.html");
        let mut ctx = theme.context(
            &not_found_root,
            &home,
            &default_lang,
            i18n::text(&default_lang, "not_found"),
            &theme.config.description,
        );
        ctx.insert("lessons", &Vec::<IndexEntry>::new());
        out.insert(
            "404.html".into(),
            theme.render("404.html", &ctx)?.into_bytes().into(),
        );
        if let Some(base) = &base_url {
            let pages = merged(&out, &written);
            out.insert(
                "sitemap.xml".into(),
                sitemap(base, pages).into_bytes().into(),
            );
        }
        for (name, bytes) in &theme.assets {
            out.insert(name.clone(), bytes.clone());
        }
        let exists = |name: &str| out.contains_key(name) || written.contains(name);
        for p in &placed {
            warnings.extend(lesson_warnings(p, &self.cache[&p.dir], &exists));
        }
        if !matches!(self.output, Output::Keep) {
            // A one-shot build: nothing to keep for the next one.
            self.cache.clear();
        }
        Ok(Site {
            files: out,
            written,
            lessons: placed.len(),
            figures,
            rendered,
            warnings,
        })
    }
}

/// `sitemap.xml`: every HTML page but the 404 page, under the site's base URL.
fn sitemap<'a>(base: &str, names: impl Iterator<Item = &'a str>) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for name in names.filter(|n| n.ends_with(".html") && *n != "404.html") {
        let path = name.strip_suffix("index.html").unwrap_or(name);
        xml.push_str(&format!(
            "<url><loc>{}</loc></url>\n",
            escape(&format!("{base}{path}"))
        ));
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The names of `files` and `written` together, in order.
fn merged<'a>(
    files: &'a SiteFiles,
    written: &'a BTreeSet<String>,
) -> impl Iterator<Item = &'a str> {
    let mut all: Vec<&str> = files.keys().chain(written).map(String::as_str).collect();
    all.sort_unstable();
    all.into_iter()
}

/// Write a rendered lesson's files under `folder` (or nowhere, for a check), keeping only
/// their names.
fn write_lesson(
    folder: Option<&Path>,
    dir: &str,
    mut rendered: RenderedLesson,
) -> Result<RenderedLesson, Vec<Diagnostic>> {
    if let Some(folder) = folder {
        let fail = |e: std::io::Error| {
            vec![Diagnostic::new(format!(
                "cannot write lesson `{dir}` into {}: {e}",
                folder.display()
            ))
            .hint("check that the output folder's parent is writable and has space")]
        };
        fs::create_dir_all(folder.join(dir)).map_err(fail)?;
        for (name, bytes) in &rendered.files {
            fs::write(folder.join(name), &bytes[..]).map_err(fail)?;
        }
    }
    rendered.written = std::mem::take(&mut rendered.files)
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    Ok(rendered)
}

/// Draw a lesson's figures, render its page through the theme, and write its notebook.
fn render_lesson(
    theme: &Theme,
    placed: &Placed,
    key: LessonKey,
    base_url: Option<&str>,
) -> Result<RenderedLesson, Vec<Diagnostic>> {
    let lesson: &Lesson = &placed.lesson;
    let dir = &placed.dir;
    let root = root_of(dir);
    let figures = draw_figures(lesson, &placed.lang).map_err(|d| vec![d])?;
    let page = page::render(lesson, &figures, &placed.lang)?;
    let notebook = notebook::notebook(lesson, &placed.lang).map_err(|d| vec![d])?;
    let link = |t: &Target| Link {
        title: t.title.clone(),
        href: format!("{root}{}/index.html", t.dir),
        lang: t.lang.clone(),
        name: i18n::language_name(&t.lang),
    };
    let prefix = dir.strip_suffix(lesson.slug.as_str()).unwrap_or("");
    let home = format!("{root}{prefix}index.html");
    let mut ctx = theme.context(&root, &home, &placed.lang, &lesson.title, &lesson.summary);
    ctx.insert(
        "lesson",
        &LessonContext {
            title: &lesson.title,
            summary: &lesson.summary,
            slug: &lesson.slug,
        },
    );
    ctx.insert("content", &page.html);
    ctx.insert("toc", &page.toc);
    let notebook_name = format!("{}.ipynb", lesson.slug);
    ctx.insert("notebook", &notebook_name);
    if let Some(p) = &key.prev {
        ctx.insert("prev", &link(p));
    }
    if let Some(n) = &key.next {
        ctx.insert("next", &link(n));
    }
    let translations: Vec<Link> = key.translations.iter().map(link).collect();
    ctx.insert("translations", &translations);
    if let Some(base) = base_url {
        ctx.insert("page_url", &format!("{base}{dir}/"));
    }
    let html = theme.render("lesson.html", &ctx).map_err(|d| vec![d])?;
    let mut files = vec![
        (format!("{dir}/index.html"), Arc::new(html.into_bytes())),
        (
            format!("{dir}/{notebook_name}"),
            Arc::new(notebook.into_bytes()),
        ),
    ];
    let figure_count = figures.len();
    for f in figures {
        files.push((format!("{dir}/{}.svg", f.id), Arc::new(f.svg.into_bytes())));
        if !f.csv.is_empty() {
            files.push((format!("{dir}/{}.csv", f.id), Arc::new(f.csv.into_bytes())));
        }
    }
    let preview = lesson.blocks.iter().rev().find_map(|b| match b {
        Block::Figure(spec) => Some(format!("{dir}/{}.svg", spec.id)),
        _ => None,
    });
    Ok(RenderedLesson {
        key,
        files,
        written: Vec::new(),
        figures: figure_count,
        preview,
        links: page.links,
    })
}

/// Warnings about a lesson: a network no figure or table uses, and links to pages or files
/// the site does not have.
fn lesson_warnings(
    placed: &Placed,
    rendered: &RenderedLesson,
    exists: &dyn Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let lesson: &Lesson = &placed.lesson;
    let mut warnings = Vec::new();
    if lesson.network.is_some()
        && !lesson
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Figure(_) | Block::Table(_) | Block::Diagram(_)))
    {
        let at = lesson
            .body()
            .find("```network")
            .map_or(0, |i| lesson.body_start + i);
        warnings.push(
            lesson
                .source
                .error(at..at + 10, "no figure or table uses this network")
                .warning()
                .hint("add a ```figure or ```table block, or remove the network block"),
        );
    }
    for (dest, span) in &rendered.links {
        if let Some(target) = internal_target(&placed.dir, dest) {
            if !exists(&target) {
                let at = lesson.source.text[span.clone()]
                    .find(dest.as_str())
                    .map_or(span.start, |i| span.start + i);
                warnings.push(
                    lesson
                        .source
                        .error(at..at + dest.len(), format!("broken link `{dest}`: the site has no `{target}`"))
                        .warning()
                        .hint("links are relative to the lesson's folder: another lesson is `../<slug>/index.html`, a figure of this lesson `<id>.svg`"),
                );
            }
        }
    }
    warnings
}

/// The site file a relative link from lesson folder `dir` points to; `None` for external
/// links, absolute paths and fragments.
fn internal_target(dir: &str, dest: &str) -> Option<String> {
    let path = dest.split(['#', '?']).next().unwrap_or("");
    if path.is_empty() || path.starts_with('/') || path.contains(':') {
        return None;
    }
    let mut parts: Vec<&str> = dir.split('/').collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    if path.ends_with('/') || parts.is_empty() {
        parts.push("index.html");
    }
    Some(parts.join("/"))
}

/// Draw every figure and diagram of a lesson, in block order, described in language `lang`.
pub fn draw_figures(lesson: &Lesson, lang: &str) -> Result<Vec<Figure>, Diagnostic> {
    let Some(network) = lesson.network.as_ref() else {
        return Ok(Vec::new());
    };
    // A piecewise-linear network is sampled once for the whole lesson (the same inputs serve
    // every figure); smooth networks are refined per figure, to each figure's scale.
    let shared = network.is_piecewise_linear().then(|| {
        let mut signals: Vec<Signal> = Vec::new();
        for b in &lesson.blocks {
            if let Block::Figure(spec) = b {
                for s in &spec.series {
                    if !signals.contains(&s.signal) {
                        signals.push(s.signal.clone());
                    }
                }
            }
        }
        let sampled = Sampled::new(network.sample(&signals, 0.0));
        (signals, sampled)
    });
    lesson
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Figure(_) | Block::Diagram(_)))
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|block| match block {
            Block::Diagram(spec) => Ok(diagram::draw(spec, network, lang)),
            Block::Figure(spec) => {
                let drawn = match &shared {
                    Some((signals, sampled)) => {
                        let columns: Vec<usize> = spec
                            .series
                            .iter()
                            .filter_map(|s| signals.iter().position(|t| *t == s.signal))
                            .collect();
                        figure::draw_sampled(spec, network, &sampled.data(&columns), lang)
                    }
                    None => figure::draw(spec, network, lang),
                };
                drawn.map_err(|d| Diagnostic {
                    location: d
                        .location
                        .or_else(|| Some(Box::new(lesson.source.locate(spec.span.clone())))),
                    ..d
                })
            }
            _ => unreachable!("filtered to figures and diagrams"),
        })
        .collect()
}

#[derive(Serialize)]
struct Link {
    title: String,
    href: String,
    lang: String,
    /// The language's name, for translation links.
    name: String,
}

#[derive(Serialize)]
struct IndexEntry<'a> {
    title: &'a str,
    summary: &'a str,
    href: String,
    /// The lesson's last figure, relative to the site root.
    preview: Option<String>,
}

#[derive(Serialize)]
struct LanguageLink {
    code: String,
    name: String,
    /// Relative to the site root.
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct LessonContext<'a> {
    title: &'a str,
    summary: &'a str,
    slug: &'a str,
}

/// The project's `nnbook.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The site's title, shown in every page's header.
    pub title: String,
    /// The index page's description.
    pub description: String,
    /// The default language of lessons (the `lang` attribute); lessons in other languages are
    /// files named `<slug>.<language>.md`.
    pub language: String,
    /// The site's public address, for `sitemap.xml` and page URLs (e.g.
    /// `https://example.org/lessons/`); `nnbook build --base-url` overrides it.
    pub base_url: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "nnbook".into(),
            description: "Visual, step-by-step neural-network tutorials.".into(),
            language: "en".into(),
            base_url: None,
        }
    }
}

/// The name of the project's configuration file.
pub const CONFIG_FILE: &str = "nnbook.toml";

/// Everything the theme is made of, as read from disk: the configuration and the template
/// files. Two equal snapshots give the same theme.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeFiles {
    config: Option<SourceFile>,
    /// Template and asset files by name: (path shown, bytes).
    files: BTreeMap<String, (String, Vec<u8>)>,
}

impl ThemeFiles {
    /// Whether two snapshots render lesson pages alike: the same configuration and the same
    /// templates, leaving out the index, the 404 page and the files copied as they are.
    fn same_for_lessons(&self, other: &ThemeFiles) -> bool {
        fn for_lessons(t: &ThemeFiles) -> impl Iterator<Item = (&String, &Vec<u8>)> {
            t.files
                .iter()
                .filter(|(name, _)| {
                    name.ends_with(".html") && *name != "index.html" && *name != "404.html"
                })
                .map(|(name, (_, bytes))| (name, bytes))
        }
        self.config == other.config && for_lessons(self).eq(for_lessons(other))
    }

    pub fn read(root: &Path) -> Result<ThemeFiles, Error> {
        let config_path = root.join(CONFIG_FILE);
        let config = if config_path.is_file() {
            let text = fs::read_to_string(&config_path).map_err(|e| {
                Diagnostic::in_file(CONFIG_FILE, format!("cannot read the configuration: {e}"))
            })?;
            Some(SourceFile::new(CONFIG_FILE, text))
        } else {
            None
        };
        let mut files = BTreeMap::new();
        let dir = root.join("templates");
        if dir.is_dir() {
            for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
                let entry = entry.map_err(|e| {
                    Diagnostic::new(format!("cannot read the templates folder: {e}"))
                })?;
                if !entry.file_type().is_file() || is_editor_file(entry.path()) {
                    continue;
                }
                let shown = display_path(root, entry.path());
                let Some(name) = entry
                    .path()
                    .strip_prefix(&dir)
                    .ok()
                    .and_then(|p| p.to_str())
                    .map(|s| s.replace('\\', "/"))
                else {
                    return Err(
                        Diagnostic::in_file(shown, "the file name is not valid UTF-8").into(),
                    );
                };
                let bytes = fs::read(entry.path()).map_err(|e| {
                    Diagnostic::in_file(shown.clone(), format!("cannot read the file: {e}"))
                })?;
                files.insert(name, (shown, bytes));
            }
        }
        Ok(ThemeFiles { config, files })
    }
}

/// Editor swap and backup files, never part of a project.
pub fn is_editor_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
}

/// The templates (embedded defaults overridden by the project's `templates/`), the static
/// files copied to the site root, and the configuration.
pub struct Theme {
    tera: Tera,
    /// Template sources by name, to locate render errors.
    sources: BTreeMap<String, SourceFile>,
    assets: BTreeMap<String, Arc<Vec<u8>>>,
    pub config: Config,
}

impl Theme {
    /// Compile a theme from what [`ThemeFiles::read`] found.
    pub fn compile(files: &ThemeFiles) -> Result<Theme, Error> {
        let config = match &files.config {
            Some(source) => toml::from_str::<Config>(&source.text).map_err(|e| {
                let span = e.span().unwrap_or(0..0);
                source
                    .error(
                        span,
                        format!("invalid configuration: {}", e.message().trim()),
                    )
                    .expected("`title`, `description`, `language` and `base_url` (all optional)")
            })?,
            None => Config::default(),
        };
        let mut sources: BTreeMap<String, SourceFile> = BTreeMap::new();
        let mut assets = BTreeMap::new();
        for (name, text) in DEFAULT_TEMPLATES {
            if name.ends_with(".html") {
                sources.insert(
                    name.to_string(),
                    SourceFile::new(format!("(built-in theme) {name}"), text),
                );
            } else {
                assets.insert(name.to_string(), Arc::new(text.as_bytes().to_vec()));
            }
        }
        for (name, (shown, bytes)) in &files.files {
            if name.ends_with(".html") {
                let text = String::from_utf8(bytes.clone()).map_err(|_| {
                    Diagnostic::in_file(shown.clone(), "the template is not valid UTF-8")
                        .hint("save the template as UTF-8")
                })?;
                sources.insert(name.clone(), SourceFile::new(shown.clone(), text));
            } else {
                assets.insert(name.clone(), Arc::new(bytes.clone()));
            }
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        // Escape what HTML needs (& < > " '), but leave `/` alone so relative links read as
        // written.
        tera.set_escape_fn(crate::figure::escape);
        tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.text.as_str())))
            .map_err(|e| template_error(&sources, &e))?;
        Ok(Theme {
            tera,
            sources,
            assets,
            config,
        })
    }

    /// What every page gets. `home` is the page's way to its language's index.
    fn context(
        &self,
        root: &str,
        home: &str,
        lang: &str,
        page_title: &str,
        description: &str,
    ) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("site_title", &self.config.title);
        ctx.insert("root", root);
        ctx.insert("home", home);
        ctx.insert("lang", lang);
        ctx.insert("t", &i18n::texts(lang));
        ctx.insert("page_title", page_title);
        ctx.insert("description", description);
        ctx
    }

    fn render(&self, name: &str, ctx: &tera::Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, ctx)
            .map_err(|e| template_error(&self.sources, &e))
    }
}

/// A Tera error as a diagnostic: the template file, line and column where Tera says (parse
/// errors), or where the missing name first appears (render errors).
fn template_error(sources: &BTreeMap<String, SourceFile>, e: &tera::Error) -> Diagnostic {
    let mut chain = vec![e.to_string()];
    let mut cur: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(c) = cur {
        chain.push(c.to_string());
        cur = c.source();
    }
    let full = chain.join("\n");
    let file = sources
        .iter()
        .find(|(name, _)| full.contains(&format!("'{name}'")))
        .map(|(_, s)| s);
    // The detail: the last message of the chain, without pest's own drawing.
    let detail = chain
        .iter()
        .rev()
        .find(|m| !m.trim().is_empty())
        .map(|m| {
            m.lines()
                .filter(|l| l.trim_start().starts_with("= "))
                .map(|l| l.trim_start().trim_start_matches("= ").to_string())
                .next()
                .unwrap_or_else(|| m.lines().next().unwrap_or("").to_string())
        })
        .unwrap_or_default();
    let message = format!("template error: {detail}");
    let Some(file) = file else {
        return Diagnostic::new(message).hint(full);
    };
    // Parse errors carry " --> line:col".
    if let Some(pos) = full.find("--> ") {
        let rest = &full[pos + 4..];
        let nums: Vec<usize> = rest
            .split(|c: char| !c.is_ascii_digit())
            .take(2)
            .filter_map(|n| n.parse().ok())
            .collect();
        if let [line, col] = nums[..] {
            if let Some((at, tag)) = unclosed_tag(&file.text) {
                if line > file.text.lines().count()
                    || detail.contains("expected tag or some content")
                {
                    return file
                        .error(at..at + 2 + tag.len() + 1, format!("template error: `{{% {tag} %}}` is never closed"))
                        .expected(format!("`{{% end{tag} %}}` after it"))
                        .hint("every {% if %}, {% for %} and {% block %} needs its {% endif %}, {% endfor %} or {% endblock %}");
                }
            }
            let offset = line_col_offset(&file.text, line, col);
            return file
                .error(offset..offset + 1, message)
                .hint("check the tag's syntax: {{ variable }}, {% if x %}...{% endif %}, {% block b %}...{% endblock %}");
        }
    }
    // Render errors name a variable (`name`) or filter ('name'): point at its first use inside
    // a tag, in the template rendered or any it extends or includes.
    let names = full
        .split('`')
        .skip(1)
        .step_by(2)
        .chain(full.split('\'').skip(1).step_by(2))
        .filter(|n| !n.is_empty() && !n.ends_with(".html") && !n.contains(' '));
    for quoted in names {
        let found = std::iter::once(file)
            .chain(sources.values())
            .find_map(|f| find_in_tags(&f.text, quoted).map(|at| (f, at)));
        if let Some((file, at)) = found {
            return file
                .error(at..at + quoted.len(), message)
                .hint("every page gets site_title, root, home, lang, t, page_title, description; the lesson page also lesson.{title,summary,slug}, content, toc, notebook, translations, prev, next; the index lessons and languages (see the README)");
        }
    }
    Diagnostic::in_file(file.path.clone(), message)
}

/// The last block tag (`if`, `for`, `block`, ...) of a template that is never closed: its
/// offset and name.
fn unclosed_tag(text: &str) -> Option<(usize, String)> {
    let mut open: Vec<(usize, String)> = Vec::new();
    let mut at = 0;
    while let Some(i) = text[at..].find("{%").map(|i| at + i) {
        let end = text[i..].find("%}").map_or(text.len(), |e| i + e);
        let word = text[i + 2..end]
            .trim_start_matches('-')
            .split_whitespace()
            .next()
            .unwrap_or("");
        match word {
            "if" | "for" | "block" | "macro" | "filter" | "raw" => open.push((i, word.to_string())),
            w if w.starts_with("end") => {
                open.pop();
            }
            _ => {}
        }
        at = end.max(i + 2);
    }
    open.pop()
}

/// The first place `name` appears inside a `{{ ... }}` or `{% ... %}` tag of a template.
fn find_in_tags(text: &str, name: &str) -> Option<usize> {
    let mut at = 0;
    while let Some(open) = text[at..].find('{').map(|i| at + i) {
        let rest = &text[open..];
        let close = if rest.starts_with("{{") {
            rest.find("}}")
        } else if rest.starts_with("{%") {
            rest.find("%}")
        } else {
            None
        };
        match close {
            Some(end) => {
                let tag = &rest[..end];
                let ident = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
                // The name as a whole expression, not the end of `lesson.title`.
                let whole = tag.match_indices(name).find(|(i, _)| {
                    !tag[..*i].chars().next_back().is_some_and(ident)
                        && !tag[i + name.len()..]
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_alphanumeric() || c == '_')
                });
                if let Some((i, _)) = whole {
                    return Some(open + i);
                }
                at = open + end;
            }
            None => at = open + 1,
        }
    }
    None
}

fn line_col_offset(text: &str, line: usize, col: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let line_text = text[start..].lines().next().unwrap_or("");
    start
        + line_text
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i)
}

/// Refuse an output folder that would overwrite the project itself.
fn check_output_folder(root: &Path, out: &Path) -> Result<(), Error> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        // Canonicalise the longest existing ancestor, keep the rest as written.
        let mut existing = p.clone();
        let mut tail = Vec::new();
        while !existing.exists() {
            match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    tail.push(name.to_os_string());
                    existing = parent.to_path_buf();
                }
                _ => break,
            }
        }
        let mut c = existing.canonicalize().unwrap_or(existing);
        for t in tail.iter().rev() {
            c.push(t);
        }
        c
    };
    let out_abs = abs(out);
    let root_abs = abs(root);
    let protected = [
        root_abs.clone(),
        root_abs.join("content"),
        root_abs.join("templates"),
    ];
    if out_abs.parent().is_none()
        || protected
            .iter()
            .any(|p| p.starts_with(&out_abs) || out_abs.starts_with(p) && *p != root_abs)
    {
        return Err(Diagnostic::new(format!("refusing to write the site into {}", out.display()))
            .expected("an output folder that is not the project, its content or templates, nor a parent of them")
            .hint("use the default `site/` or pass `--out DIR`")
            .into());
    }
    if out_abs.exists() && !out_abs.is_dir() {
        return Err(Diagnostic::new(format!(
            "the output {} exists and is not a folder",
            out.display()
        ))
        .hint("remove it or choose another `--out`")
        .into());
    }
    Ok(())
}

/// The staging and previous-site folders beside an output folder.
fn beside(out: &Path) -> (PathBuf, PathBuf) {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    (
        parent.join(format!(".{name}.nnbook-staging")),
        parent.join(format!(".{name}.nnbook-old")),
    )
}

/// A build killed between publishing's two renames leaves no output folder and the complete
/// previous site beside it: put it back before anything else.
fn recover(out: &Path) -> std::io::Result<()> {
    let (_, old) = beside(out);
    if !out.exists() && old.is_dir() {
        fs::rename(&old, out)?;
    }
    Ok(())
}

/// Prepare an empty staging folder beside `out` (after restoring a previous site a killed
/// build left aside) and return it.
fn stage(out: &Path) -> std::io::Result<PathBuf> {
    recover(out)?;
    let (staging, old) = beside(out);
    for leftover in [&staging, &old] {
        if leftover.exists() {
            remove_tree(leftover)?;
        }
    }
    fs::create_dir_all(&staging)?;
    Ok(staging)
}

/// Write the remaining files into the staging folder, then swap it in with renames. At any
/// moment, `out` is the previous complete site or the new one, or (between the two renames)
/// missing with the previous site in the `-old` folder, which [`recover`] restores.
fn publish(out: &Path, staging: &Path, files: &SiteFiles) -> std::io::Result<()> {
    let (_, old) = beside(out);
    // Each folder once, then the files in parallel.
    let folders: BTreeSet<PathBuf> = files
        .keys()
        .filter_map(|rel| Path::new(rel).parent().map(|p| staging.join(p)))
        .collect();
    for folder in &folders {
        fs::create_dir_all(folder)?;
    }
    files
        .par_iter()
        .try_for_each(|(rel, bytes)| fs::write(staging.join(rel), &bytes[..]))?;
    if out.exists() {
        fs::rename(out, &old)?;
    }
    fs::rename(staging, out)?;
    if old.exists() {
        remove_tree(&old)?;
    }
    Ok(())
}

/// Remove a folder and everything in it, its subfolders in parallel.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    if dir.is_symlink() {
        // The output was a link: remove the link, never what it points to.
        return fs::remove_file(dir);
    }
    let entries: Vec<PathBuf> = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.par_iter().try_for_each(|path| {
        // A link is removed, never followed.
        if path.is_dir() && !path.is_symlink() {
            fs::remove_dir_all(path)
        } else {
            fs::remove_file(path)
        }
    })?;
    fs::remove_dir(dir)
}

impl std::fmt::Display for BuildSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |n: usize, w: &str| {
            if n == 1 {
                format!("{n} {w}")
            } else {
                format!("{n} {w}s")
            }
        };
        write!(
            f,
            "built {}, {} in {} ms -> {}",
            plural(self.lessons, "lesson"),
            plural(self.figures, "figure"),
            self.elapsed.as_millis(),
            self.out.display()
        )
    }
}
