//! The theme: the embedded default templates and static files, a project's overrides from
//! `templates/`, the configuration, and Tera compiled from them.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::sync::Arc;

use tera::Tera;

use crate::error::{Diagnostic, Error, SourceFile};
use crate::i18n::{self, Lang};
use crate::project::{
    display_path, is_editor_file, is_version_control, Config, Direction, CONFIG_FILE, TEMPLATES_DIR,
};
use crate::text::escape;

use super::config::{read_config, JsonMap};
use super::default_theme::{DEFAULT_ASSETS, DEFAULT_TEMPLATES, SERVED};
use super::earlier_theme::{self, is_earlier};
use super::place::language_folder;
use super::template_check;
use super::template_error::template_error;
use super::template_loops;
use super::template_parse;
use super::template_render;
use super::template_text::find_operator;

/// Everything the theme is made of, as read from disk: the configuration and the template
/// files. Two equal snapshots give the same theme.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeFiles {
    pub(super) config: Option<SourceFile>,
    /// Template and asset files by name: (path shown, bytes).
    pub(super) files: BTreeMap<String, (String, Vec<u8>)>,
    /// The symbolic links not followed (to a folder, out of the project), as in `content/`.
    links: Vec<Diagnostic>,
}

impl ThemeFiles {
    /// Whether two snapshots render lesson pages alike: the same configuration and the same
    /// templates, leaving out the index, the 404 page and the files copied as they are.
    pub fn same_for_lessons(&self, other: &ThemeFiles) -> bool {
        self.config == other.config && self.for_lessons().eq(other.for_lessons())
    }

    /// The configuration and the templates lesson pages are rendered with, fed to `hasher`
    /// (for the key under which a build records a lesson's files, see [`super::manifest`]).
    pub fn hash_for_lessons(&self, hasher: &mut impl std::hash::Hasher) {
        use std::hash::Hash;
        self.config.as_ref().map(|c| &c.text).hash(hasher);
        self.for_lessons().for_each(|file| file.hash(hasher));
    }

    /// The project's files that are a default theme file as an earlier nnbook had it, unchanged
    /// (a copy an older `nnbook init` made: [`super::earlier_theme`]), as shown.
    fn earlier_copies(&self) -> Vec<&str> {
        (self.files.iter())
            .filter(|(name, (_, bytes))| is_earlier(name, bytes))
            .map(|(_, (shown, _))| shown.as_str())
            .collect()
    }

    /// The templates that lesson pages use: all but the index, the 404 page and the assets.
    pub(super) fn for_lessons(&self) -> impl Iterator<Item = (&String, &Vec<u8>)> {
        self.files
            .iter()
            .filter(|(name, _)| {
                name.ends_with(".html") && *name != "index.html" && *name != "404.html"
            })
            .map(|(name, (_, bytes))| (name, bytes))
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
        let (mut files, mut links) = (BTreeMap::new(), Vec::new());
        let dir = root.join(TEMPLATES_DIR);
        let project = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        if dir.is_dir() {
            let published = |e: &walkdir::DirEntry| !is_version_control(e.path());
            for entry in walkdir::WalkDir::new(&dir)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(published)
            {
                let entry = entry.map_err(|e| {
                    Diagnostic::new(format!("cannot read the templates folder: {e}"))
                })?;
                // (A link to a file inside the project is followed, as in `content/`.)
                let path = entry.path();
                let link = (entry.depth() > 0 && entry.path_is_symlink()).then(|| {
                    crate::content::link_not_followed((root, &project), path, "templates/")
                });
                if let Some(Some(warning)) = link {
                    links.push(warning);
                    continue;
                }
                if !path.is_file() || is_editor_file(path) {
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
        Ok(ThemeFiles {
            config,
            files,
            links,
        })
    }
}

/// The templates (embedded defaults overridden by the project's `templates/`), the static
/// files copied to the site root, and the configuration.
pub struct Theme {
    tera: Tera,
    /// Template sources by name, to locate render errors.
    sources: BTreeMap<String, SourceFile>,
    pub assets: Assets,
    pub config: Config,
    /// Warnings about the theme's files (the math font's old `math.woff`, a project's
    /// `explore.js` of an older nnbook: `ThemeFiles::math_font_warning`,
    /// `ThemeFiles::explore_script_warning`), reported by every build.
    pub warnings: Vec<Diagnostic>,
    /// A warning about a project's `lesson.html` that loads no `explore.js`
    /// (`ThemeFiles::lesson_script_warning`), reported by a build with a lesson that has
    /// sliders.
    pub sliders_warning: Option<Diagnostic>,
    /// A warning about a project's `base.html` that gives pages no direction
    /// (`ThemeFiles::direction_warning`), reported by a build with pages written right to left.
    pub direction_warning: Option<Diagnostic>,
    /// A warning about a project's `404.html` that cannot find the site's root
    /// (`ThemeFiles::not_found_warning`), reported by a build without a base URL.
    pub not_found_warning: Option<Diagnostic>,
    /// The templates' mistakes found without rendering them (`template_check`): a filter, test,
    /// function or template that does not exist, a name the page does not get.
    pub template_errors: Vec<Diagnostic>,
    /// Whether a template divides or multiplies in a tag, where Tera may write `NaN`
    /// ([`Theme::not_finite`]).
    arithmetic: bool,
    /// The configuration's `[extra]` as JSON, every page's `extra` (made once, not per page).
    extra: JsonMap,
}

impl Theme {
    /// Compile a theme from what [`ThemeFiles::read`] found. A configuration that does not
    /// read is reported with the templates' own problems (they are compiled with the default
    /// configuration meanwhile), so that one run tells both.
    pub fn compile(files: &ThemeFiles) -> Result<Theme, Error> {
        let (config, extra, mut problems) = match &files.config {
            Some(source) => match read_config(source) {
                Ok((config, extra)) => (config, extra, Vec::new()),
                Err(e) => (Config::default(), JsonMap::new(), e.diagnostics),
            },
            None => (Config::default(), JsonMap::new(), Vec::new()),
        };
        let (sources, mut assets) = match gather(files, &config) {
            Ok(found) => found,
            Err(found) => {
                problems.extend(found);
                return Err(Error::from(problems));
            }
        };
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        // Escape what HTML needs (& < > " '), but leave `/` alone so relative links read as
        // written.
        tera.set_escape_fn(escape);
        // (Every template's syntax errors and missing parents at once, and the other templates'
        // mistakes beside them: Tera stops at the first.)
        let (sources, unparsed) = template_parse::checked(sources);
        problems.extend(unparsed);
        if let Err(e) =
            tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.text.as_str())))
        {
            problems.push(template_error(&sources, &e, None));
            return Err(Error::from(problems));
        }
        // (A circle would recurse until the stack overflows: no page is rendered with one.)
        // (Nor with a mistake Tera panics at.)
        let mut circles = template_loops::check(&tera, &sources);
        circles.extend(template_check::panicking(&tera, &sources));
        if !circles.is_empty() {
            problems.extend(circles);
            return Err(Error::from(problems));
        }
        let template_errors = template_check::check(&tera, &sources);
        if !problems.is_empty() {
            problems.extend(template_errors);
            return Err(Error::from(problems));
        }
        let unreached = template_parse::unreached(&tera, &sources, &mut assets);
        template_render::guard(&mut tera);
        let arithmetic = (sources.values()).any(|s| find_operator(&s.text, &['/', '*']).is_some());
        let earlier = files.earlier_copies();
        let own = |d: &Diagnostic| {
            let file = d.location.as_ref().map(|l| l.file.as_str());
            !file.is_some_and(|f| earlier.contains(&f))
        };
        Ok(Theme {
            extra,
            arithmetic,
            tera,
            sources,
            assets,
            config,
            // (An unchanged earlier copy is told once, not again for what it lacks.)
            warnings: (earlier_theme::warning(&earlier).into_iter())
                .chain(files.math_font_warning().filter(own))
                .chain(files.explore_script_warning().filter(own))
                .chain(files.links.iter().cloned())
                .chain(unreached)
                .collect(),
            sliders_warning: files.lesson_script_warning().filter(own),
            direction_warning: files.direction_warning().filter(own),
            not_found_warning: files.not_found_warning().filter(own),
            template_errors,
        })
    }

    /// What every page gets. `home` is the page's way to its language's index; `base_url` the
    /// site's address, if the build has one (the feed's link needs it).
    pub fn context(
        &self,
        (root, home, base_url): (&str, &str, Option<&str>),
        lang: &str,
        page_title: &str,
        description: &str,
    ) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("site_title", self.config.title_for(lang));
        ctx.insert("root", root);
        ctx.insert("home", home);
        // (The search page and the feed of the page's language, `search::search_pages` and
        // `feed::feeds`; the feed's address absolute, as a feed's addresses are.)
        let folder = language_folder(lang, self.config.language.get_ref());
        let search = match self.config.search {
            true => format!("{root}{folder}search.html"),
            false => String::new(),
        };
        ctx.insert("search", &search);
        let feed = (self.config.feed.then_some(base_url).flatten())
            .map(|base| format!("{base}{folder}{}", super::feed::FEED_FILE));
        ctx.insert("feed", &feed.unwrap_or_default());
        ctx.insert("lang", lang);
        let words = self.lang(lang);
        ctx.insert("dir", if words.rtl { "rtl" } else { "ltr" });
        ctx.insert("extra", &self.extra);
        ctx.insert("t", &i18n::texts(words));
        ctx.insert("page_title", page_title);
        ctx.insert("description", description);
        ctx
    }

    /// Language `tag` with the project's words for it.
    pub fn lang<'a>(&'a self, tag: &'a str) -> Lang<'a> {
        let mut lang = Lang::new(tag, self.config.words(tag));
        if let Some(direction) = self.config.direction_for(tag) {
            lang.rtl = direction == Direction::Rtl;
        }
        lang
    }

    /// Language `tag`'s name in the switcher and translation links: the project's, else nnbook's.
    pub fn language_name(&self, tag: &str) -> String {
        i18n::language_name(tag, self.config.name_for(tag))
    }

    /// The project's own templates (not the built-in ones).
    pub fn project_templates(&self) -> impl Iterator<Item = &SourceFile> {
        (self.sources.values()).filter(|s| !s.path.starts_with("(built-in theme)"))
    }

    pub fn render(&self, name: &str, ctx: &tera::Context) -> Result<String, Diagnostic> {
        // (What `template_check` takes a page to get, kept true by the tests: debug builds note
        // a name it does not list, `page_names::unlisted`.)
        #[cfg(debug_assertions)]
        super::page_names::note_unlisted(name, super::template_error::readable_names(ctx));
        let html = template_render::render(&self.tera, &self.sources, name, ctx)?;
        match self.arithmetic && html.contains("NaN") {
            true => self.not_finite(name, ctx).map_or(Ok(html), Err),
            false => Ok(html),
        }
    }

    /// A page whose text has a `NaN` that neither the templates nor what the page was given
    /// have: Tera's arithmetic wrote it, for a result that is not a finite number (a division by
    /// 0, or a product too large). At the first division (else product) in a tag of the page's
    /// template, or of another.
    fn not_finite(&self, name: &str, ctx: &tera::Context) -> Option<Diagnostic> {
        let given = ctx.clone().into_json().to_string();
        if given.contains("NaN") || self.sources.values().any(|s| s.text.contains("NaN")) {
            return None;
        }
        let files = || {
            self.sources
                .get(name)
                .into_iter()
                .chain(self.sources.values())
        };
        let (file, at) = [['/'], ['*']]
            .iter()
            .find_map(|op| files().find_map(|f| Some((f, find_operator(&f.text, op)?))))?;
        let message =
            "template error: this arithmetic publishes `NaN`, a number that is not finite";
        Some(file.error(at..at + 1, message).hint(
            "Tera writes NaN where a result is not a finite number, as a division by 0 gives: test the divisor first, `{% if n != 0 %}{{ x / n }}{% endif %}`",
        ))
    }
}

/// The theme's files other than templates, by name, as served.
pub type Assets = BTreeMap<String, Arc<Vec<u8>>>;

/// The theme's templates (by name, the project's over the built-in ones) and its other files as
/// served, for `config` (without search, nor the search page's script and style); or each
/// template that is not UTF-8.
fn gather(
    files: &ThemeFiles,
    config: &Config,
) -> Result<(BTreeMap<String, SourceFile>, Assets), Vec<Diagnostic>> {
    let mut sources: BTreeMap<String, SourceFile> = BTreeMap::new();
    let mut assets = BTreeMap::new();
    let mut problems = Vec::new();
    for (name, bytes) in DEFAULT_ASSETS {
        assets.insert(name.to_string(), Arc::new(bytes.to_vec()));
    }
    for (name, text) in DEFAULT_TEMPLATES {
        if name.ends_with(".html") {
            sources.insert(
                name.to_string(),
                SourceFile::new(format!("(built-in theme) {name}"), text),
            );
        } else if config.search || !["search.js", "search.css"].contains(&name) {
            let served = SERVED.iter().find(|(served, _)| *served == name);
            let bytes = served.map_or(text, |(_, compact)| compact).as_bytes();
            assets.insert(name.to_string(), Arc::new(bytes.to_vec()));
        }
    }
    for (name, (shown, bytes)) in &files.files {
        if name.ends_with(".html") {
            // (Without the byte-order mark an editor on Windows may write, as a lesson's.)
            let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
            match crate::content::utf8_source(shown.clone(), bytes.to_vec(), "the template") {
                Ok(source) => drop(sources.insert(name.clone(), source)),
                Err(problem) => problems.push(problem),
            }
        } else if DEFAULT_TEMPLATES.contains(&(name.as_str(), &*String::from_utf8_lossy(bytes))) {
            // A copy of a built-in file (this repository's own `templates/`): as built in.
        } else {
            assets.insert(name.clone(), Arc::new(bytes.clone()));
        }
    }
    match problems.is_empty() {
        true => Ok((sources, assets)),
        false => Err(problems),
    }
}
