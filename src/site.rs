//! The site: lessons rendered through the templates and written to the output folder, which
//! is replaced only when the whole build succeeded.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::Serialize;
use tera::Tera;

use crate::content::{self, display_path};
use crate::error::{Diagnostic, Error, SourceFile};
use crate::figure::{self, Figure};
use crate::lesson::{self, Block, Lesson};
use crate::page;

/// The default theme, embedded in the binary. A project's `templates/` folder overrides any of
/// these files by name and may add more.
pub const DEFAULT_TEMPLATES: [(&str, &str); 4] = [
    ("base.html", include_str!("../templates/base.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("lesson.html", include_str!("../templates/lesson.html")),
    ("style.css", include_str!("../templates/style.css")),
];

/// The site's title, shown in every page's header.
pub const SITE_TITLE: &str = "nnbook";

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The project folder (holds `content/` and optionally `templates/`).
    pub root: PathBuf,
    /// The output folder.
    pub out: PathBuf,
}

/// What a build did.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub lessons: usize,
    pub figures: usize,
    pub files: usize,
    pub out: PathBuf,
    pub elapsed: Duration,
}

/// A built site, in memory: output paths (relative, with `/`) and their bytes, sorted.
pub type SiteFiles = BTreeMap<String, Vec<u8>>;

/// Build the project at `options.root` into `options.out`.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, Error> {
    let start = Instant::now();
    check_output_folder(&options.root, &options.out)?;
    let (files, lessons, figures) = render_site(&options.root)?;
    publish(&options.out, &files).map_err(|e| {
        Diagnostic::new(format!(
            "cannot write the site to {}: {e}",
            options.out.display()
        ))
        .hint("check that the output folder's parent exists and is writable")
    })?;
    Ok(BuildSummary {
        lessons,
        figures,
        files: files.len(),
        out: options.out.clone(),
        elapsed: start.elapsed(),
    })
}

/// Parse every lesson of a project (all problems of all lessons are reported).
pub fn load_lessons(root: &Path) -> Result<Vec<Lesson>, Error> {
    let found = content::find(root, &root.join("content")).map_err(Error::from)?;
    let mut lessons = Vec::new();
    let mut problems = Vec::new();
    for file in found {
        match lesson::parse(file.source, &file.stem) {
            Ok(l) => lessons.push(l),
            Err(d) => problems.push(d),
        }
    }
    for (i, l) in lessons.iter().enumerate() {
        if let Some(first) = lessons[..i].iter().find(|o| o.slug == l.slug) {
            problems.push(
                Diagnostic::in_file(
                    l.source.path.clone(),
                    format!("two lessons have the slug `{}`", l.slug),
                )
                .expected("a different slug for every lesson")
                .hint(format!(
                    "{} has it too; set `slug = \"...\"` in one of them",
                    first.source.path
                )),
            );
        }
    }
    if !problems.is_empty() {
        return Err(Error::from(problems));
    }
    lessons.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.slug.cmp(&b.slug)));
    Ok(lessons)
}

/// Build the whole site in memory: (files, number of lessons, number of figures).
pub fn render_site(root: &Path) -> Result<(SiteFiles, usize, usize), Error> {
    let lessons = load_lessons(root)?;
    let theme = Theme::load(root)?;
    let mut files = SiteFiles::new();
    let mut problems = Vec::new();
    let mut figure_count = 0;
    for (i, lesson) in lessons.iter().enumerate() {
        let figures = match draw_figures(lesson) {
            Ok(f) => f,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        let content = match page::render(lesson, &figures) {
            Ok(html) => html,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        let link = |l: &Lesson| Link {
            title: l.title.clone(),
            href: format!("../{}/index.html", l.slug),
        };
        let mut ctx = theme.context("../", &lesson.title, &lesson.summary);
        ctx.insert(
            "lesson",
            &LessonContext {
                title: &lesson.title,
                summary: &lesson.summary,
                slug: &lesson.slug,
            },
        );
        ctx.insert("content", &content);
        if i > 0 {
            ctx.insert("prev", &link(&lessons[i - 1]));
        }
        if let Some(next) = lessons.get(i + 1) {
            ctx.insert("next", &link(next));
        }
        let html = theme.render("lesson.html", &ctx)?;
        files.insert(format!("{}/index.html", lesson.slug), html.into_bytes());
        for f in &figures {
            files.insert(
                format!("{}/{}.svg", lesson.slug, f.id),
                f.svg.clone().into_bytes(),
            );
            files.insert(
                format!("{}/{}.csv", lesson.slug, f.id),
                f.csv.clone().into_bytes(),
            );
        }
        figure_count += figures.len();
    }
    if !problems.is_empty() {
        return Err(problems.into());
    }
    let mut ctx = theme.context(
        "",
        "Lessons",
        "Visual, step-by-step neural-network tutorials.",
    );
    let index: Vec<IndexEntry> = lessons
        .iter()
        .map(|l| IndexEntry {
            title: &l.title,
            summary: &l.summary,
            href: format!("{}/index.html", l.slug),
        })
        .collect();
    ctx.insert("lessons", &index);
    files.insert(
        "index.html".into(),
        theme.render("index.html", &ctx)?.into_bytes(),
    );
    for (name, bytes) in &theme.assets {
        files.insert(name.clone(), bytes.clone());
    }
    Ok((files, lessons.len(), figure_count))
}

fn draw_figures(lesson: &Lesson) -> Result<Vec<Figure>, Diagnostic> {
    let Some(network) = lesson.network.as_ref() else {
        return Ok(Vec::new());
    };
    lesson
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Figure(spec) => Some(figure::draw(spec, network)),
            _ => None,
        })
        .collect()
}

#[derive(Serialize)]
struct Link {
    title: String,
    href: String,
}

#[derive(Serialize)]
struct IndexEntry<'a> {
    title: &'a str,
    summary: &'a str,
    href: String,
}

#[derive(Serialize)]
struct LessonContext<'a> {
    title: &'a str,
    summary: &'a str,
    slug: &'a str,
}

/// The templates (embedded defaults overridden by the project's `templates/`) and the static
/// files copied to the site root.
pub struct Theme {
    tera: Tera,
    /// Template sources by name, to locate render errors.
    sources: BTreeMap<String, SourceFile>,
    assets: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    pub fn load(root: &Path) -> Result<Theme, Error> {
        let mut sources: BTreeMap<String, SourceFile> = DEFAULT_TEMPLATES
            .iter()
            .map(|(name, text)| {
                (
                    name.to_string(),
                    SourceFile::new(format!("(built-in theme) {name}"), *text),
                )
            })
            .collect();
        let mut assets = BTreeMap::new();
        let dir = root.join("templates");
        if dir.is_dir() {
            for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
                let entry = entry.map_err(|e| {
                    Diagnostic::new(format!("cannot read the templates folder: {e}"))
                })?;
                if !entry.file_type().is_file() {
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
                if name.ends_with(".html") {
                    let text = String::from_utf8(bytes).map_err(|_| {
                        Diagnostic::in_file(shown.clone(), "the template is not valid UTF-8")
                            .hint("save the template as UTF-8")
                    })?;
                    sources.insert(name, SourceFile::new(shown, text));
                } else {
                    sources.remove(&name);
                    assets.insert(name, bytes);
                }
            }
        }
        // Embedded static files the project did not override.
        for (name, text) in DEFAULT_TEMPLATES {
            if !name.ends_with(".html") {
                sources.remove(name);
                assets
                    .entry(name.to_string())
                    .or_insert_with(|| text.as_bytes().to_vec());
            }
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        // Escape what HTML needs (& < > " '), but leave `/` alone so relative links read as
        // written.
        tera.set_escape_fn(|s| crate::figure::escape(s));
        tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.text.as_str())))
            .map_err(|e| template_error(&sources, &e))?;
        for required in ["index.html", "lesson.html"] {
            if !sources.contains_key(required) {
                return Err(Diagnostic::new(format!("no template `{required}`")).into());
            }
        }
        Ok(Theme {
            tera,
            sources,
            assets,
        })
    }

    fn context(&self, root: &str, page_title: &str, description: &str) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("site_title", SITE_TITLE);
        ctx.insert("root", root);
        ctx.insert("lang", "en");
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
            let offset = line_col_offset(&file.text, line, col);
            return file
                .error(offset..offset + 1, message)
                .hint("check the tag's syntax: {{ variable }}, {% if x %}...{% endif %}, {% block b %}...{% endblock %}");
        }
    }
    // Render errors name a variable or filter: point at its first use.
    for quoted in full.split('`').skip(1).step_by(2) {
        if let Some(at) = file.text.find(quoted) {
            return file
                .error(at..at + quoted.len(), message)
                .hint("the lesson page gets: site_title, root, lang, page_title, description, lesson.{title,summary,slug}, content, prev, next; the index gets lessons[].{title,summary,href}");
        }
    }
    Diagnostic::in_file(file.path.clone(), message)
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

/// Write the files into a staging folder beside `out`, then swap it in with renames.
fn publish(out: &Path, files: &SiteFiles) -> std::io::Result<()> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    let staging = parent.join(format!(".{name}.nnbook-staging"));
    let old = parent.join(format!(".{name}.nnbook-old"));
    for leftover in [&staging, &old] {
        if leftover.exists() {
            fs::remove_dir_all(leftover)?;
        }
    }
    fs::create_dir_all(&staging)?;
    for (rel, bytes) in files {
        let path = staging.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(&path, bytes)?;
    }
    if out.exists() {
        fs::rename(out, &old)?;
    }
    fs::rename(&staging, out)?;
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    Ok(())
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
