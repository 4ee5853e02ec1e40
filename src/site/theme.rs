//! The theme: the embedded default templates and static files, a project's overrides from
//! `templates/`, the configuration, and Tera compiled from them.

use std::collections::BTreeMap;
use std::fs;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use tera::Tera;

use crate::error::{Diagnostic, Error, SourceFile};
use crate::explore::MODEL_ID;
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
    files: BTreeMap<String, (String, Vec<u8>)>,
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

    /// A warning about `math.woff`, the math font's one file until the default theme cut it into
    /// five by Unicode range (`src/font/subset-math.py`): a stylesheet that `nnbook init` wrote
    /// before names it, and no site has it now; or a project overrode it by name, as the README
    /// said, and no stylesheet loads it. Without a word, either would set the formulas in the
    /// reader's own fonts.
    fn math_font_warning(&self) -> Option<Diagnostic> {
        const OLD: &str = "math.woff";
        let rules = "the `@font-face` rules of the default `style.css`, which name \
                     `math-core.woff2` and four more files";
        let named = self.files.get("style.css").and_then(|(shown, bytes)| {
            let text = String::from_utf8_lossy(bytes);
            // (`math.woff2`, a font of the project's own, is not the old file.)
            let at = text
                .match_indices(OLD)
                .map(|(at, _)| at)
                .find(|&at| !text[at + OLD.len()..].starts_with('2'))?;
            Some((SourceFile::new(shown.clone(), text), at))
        });
        match (named, self.files.get(OLD)) {
            (Some((source, at)), None) => {
                let message = "the stylesheet loads `math.woff`, which nnbook no longer ships";
                Some(source.error(at..at + OLD.len(), message).expected(rules).hint(
                    "copy those rules from the default `style.css` (`nnbook init --theme <folder>` \
                     writes it), or put your own `math.woff` in `templates/`",
                ))
            }
            (None, Some((shown, _))) => Some(
                Diagnostic::in_file(shown.clone(), "no stylesheet loads `math.woff`")
                    .expected(rules)
                    .hint("to use your own math font, name it in your `style.css`'s `@font-face` rules; else delete this file (it is copied to the site as it is)"),
            ),
            _ => None,
        }
        .map(Diagnostic::warning)
    }

    /// A warning about a project's own `explore.js` that does not look for the model this
    /// nnbook writes ([`MODEL_ID`], which names the model's format): a copy from an older nnbook
    /// (`nnbook init` wrote one into `templates/` until the explorable pages' script stayed built
    /// in). It finds no model, so the pages stay static (their numbers are the build's, but the
    /// sliders are gone); without a word the author would not know why. An empty file, a
    /// project's way of having no sliders, is left alone.
    fn explore_script_warning(&self) -> Option<Diagnostic> {
        let (shown, bytes) = self.files.get("explore.js")?;
        let text = String::from_utf8_lossy(bytes);
        if text.trim().is_empty() || text.contains(MODEL_ID) {
            return None;
        }
        // Where it looks for the model: the id in quotes (not a mention in a comment).
        let found = ["\"nn-model", "'nn-model", "nn-model"]
            .iter()
            .find_map(|id| text.find(id).map(|at| at + id.len() - "nn-model".len()));
        let message = format!(
            "this `explore.js` does not read the model this nnbook writes (`#{MODEL_ID}`): \
             the lesson pages will have no sliders"
        );
        let diagnostic = placed_in(
            shown,
            &text,
            found.map(|at| at..at + "nn-model".len()),
            message,
        );
        Some(
            diagnostic
                .expected(format!(
                    "a script that finds the model by the id `{MODEL_ID}`"
                ))
                .hint(
                    "it is likely a copy from an older nnbook: delete it to use the built-in \
                     script, which is always in step with the build, or carry your changes over \
                     to the built-in one (`templates/explore.js` in nnbook's repository)",
                )
                .warning(),
        )
    }

    /// A warning about a project's own `lesson.html` when no template of a lesson page loads
    /// `explore.js`: a copy `nnbook init` made before lesson pages had sliders. Its pages carry
    /// their model, but no script reads it, and the sliders are missing without a word. (Reported
    /// only for a project with a lesson that has sliders: [`Theme::sliders_warning`]. A project
    /// whose `explore.js` is empty has no sliders on purpose.)
    fn lesson_script_warning(&self) -> Option<Diagnostic> {
        const TAG: &str =
            "{% if explorable %}<script src=\"{{ root }}explore.js\" defer></script>{% endif %}";
        let (shown, bytes) = self.files.get("lesson.html")?;
        // (Not in a comment, Tera's or HTML's: a tag commented out loads nothing.)
        let has =
            |bytes: &[u8], text: &str| uncommented(&String::from_utf8_lossy(bytes)).contains(text);
        let no_script = self
            .files
            .get("explore.js")
            .is_some_and(|(_, b)| String::from_utf8_lossy(b).trim().is_empty());
        if no_script {
            return None;
        }
        if self
            .for_lessons()
            .any(|(_, bytes)| has(bytes, "explore.js"))
        {
            return self.relative_script_warning();
        }
        let text = String::from_utf8_lossy(bytes);
        let message = "the lesson pages do not load `explore.js`: lessons will have no sliders";
        // Where the tag goes: before the content block's end (the last `{% endblock`).
        let at = text
            .rfind("{% endblock")
            .map(|at| at..at + "{% endblock".len());
        let diagnostic = placed_in(shown, &text, at, message);
        // (A tag in a comment is likely the author's doing, not an older nnbook's.)
        let commented = self
            .for_lessons()
            .any(|(_, b)| String::from_utf8_lossy(b).contains("explore.js"));
        let hint = match commented {
            true => "the tag that loads it is inside a comment: take the comment away to give the lessons their sliders",
            false => "this `lesson.html` is likely a copy from an older `nnbook init`: add that \
                     line, or delete the file to use the built-in one",
        };
        Some(
            diagnostic
                .expected(format!("`{TAG}` at the end of the `content` block"))
                .hint(hint)
                .warning(),
        )
    }

    /// A warning about a project's `base.html` that writes no page's direction (one from an
    /// nnbook before right-to-left pages: no `dir` and no `rtl.css`), reported only for a
    /// project with pages written right to left: [`Theme::direction_warning`].
    fn direction_warning(&self) -> Option<Diagnostic> {
        let (shown, bytes) = self.files.get("base.html")?;
        let uses = |b: &[u8]| {
            let text = uncommented(&String::from_utf8_lossy(b)).replace(' ', "");
            ["{{dir", "dir==", "dir!=", "rtl.css"]
                .iter()
                .any(|t| text.contains(t))
        };
        if self.for_lessons().any(|(_, b)| uses(b)) {
            return None;
        }
        let text = String::from_utf8_lossy(bytes);
        let message = "the pages written right to left read left to right: `base.html` gives them no `dir` and no `rtl.css`";
        let at = text.find("<html").map(|at| at..at + "<html".len());
        let diagnostic = placed_in(shown, &text, at, message);
        Some(
            diagnostic
                .expected("`<html lang=\"{{ lang }}\"{% if dir == \"rtl\" %} dir=\"rtl\"{% endif %}>`, and `{% if dir == \"rtl\" %}<link rel=\"stylesheet\" href=\"{{ root }}rtl.css\">{% endif %}` after `style.css`'s link")
                .hint("this `base.html` is likely a copy from an older `nnbook init`: add them, or delete the file to use the built-in one")
                .warning(),
        )
    }

    /// A warning about a lesson template that loads `explore.js` from the lesson's own folder
    /// (`src="explore.js"`), where there is none: the lessons would have no sliders.
    fn relative_script_warning(&self) -> Option<Diagnostic> {
        const NAMES: [&str; 4] = [
            "\"explore.js\"",
            "'explore.js'",
            "\"./explore.js\"",
            "'./explore.js'",
        ];
        let (name, text, at) = self.for_lessons().find_map(|(name, bytes)| {
            let text = String::from_utf8_lossy(bytes);
            let uncommented = uncommented(&text);
            let named = NAMES
                .into_iter()
                .find(|n| uncommented.contains(&format!("src={n}")))?;
            let at = text.find(&format!("src={named}"))? + "src=".len() + 1;
            Some((name, text.into_owned(), at))
        })?;
        let shown = self
            .files
            .get(name)
            .map_or(name, |(shown, _)| shown)
            .clone();
        let len = text[at..]
            .split(['"', '\''])
            .next()
            .unwrap_or_default()
            .len();
        Some(
            SourceFile::new(shown, text)
                .error(at..at + len, "`explore.js` is loaded from each lesson's own folder, where there is none: lessons will have no sliders")
                .hint("write `src=\"{{ root }}explore.js\"`: `root` leads from a page to the site's top, where `explore.js` is")
                .warning(),
        )
    }

    /// The templates that lesson pages use: all but the index, the 404 page and the assets.
    fn for_lessons(&self) -> impl Iterator<Item = (&String, &Vec<u8>)> {
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
                let link = entry.path_is_symlink().then(|| {
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

/// A diagnostic of the theme's file `shown` (its `text`) at `at`, where what it is about was
/// found, else of the file as a whole.
fn placed_in(
    shown: &str,
    text: &str,
    at: Option<Range<usize>>,
    message: impl Into<String>,
) -> Diagnostic {
    match at {
        Some(at) => SourceFile::new(shown.to_string(), text.to_string()).error(at, message),
        None => Diagnostic::in_file(shown.to_string(), message),
    }
}

/// A template's text without its comments, Tera's `{# … #}` and HTML's `<!-- … -->` (one left
/// open runs to the end).
fn uncommented(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let open = [("{#", "#}"), ("<!--", "-->")]
            .into_iter()
            .filter_map(|(o, c)| Some((rest.find(o)?, o, c)))
            .min_by_key(|&(at, _, _)| at);
        let Some((at, o, c)) = open else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at]);
        let after = &rest[at + o.len()..];
        match after.find(c) {
            Some(end) => rest = &after[end + c.len()..],
            None => return out,
        }
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
