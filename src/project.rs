//! The project's layout: its folder and file names, its configuration (`nnbook.toml`), and
//! which files are editor noise. Shared by every stage; imports nothing from them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Diagnostic, SourceFile};

/// The folder of lesson files (`*.md`), inside the project.
pub const CONTENT_DIR: &str = "content";
/// The folder of theme overrides, inside the project.
pub const TEMPLATES_DIR: &str = "templates";
/// The default output folder, inside the project.
pub const SITE_DIR: &str = "site";

/// `.<name>.nnbook-<what>` beside the output folder `out` (for `site`: `.site.nnbook-staging`,
/// `.site.nnbook-trash`, `.site.nnbook-manifest`, ...): where nnbook keeps what belongs to a
/// build but not to the published site.
pub fn beside_output(out: &Path, what: &str) -> PathBuf {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| SITE_DIR.into());
    parent.join(format!(".{name}.nnbook-{what}"))
}
/// The name of the project's configuration file.
pub const CONFIG_FILE: &str = "nnbook.toml";

/// The project's `nnbook.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The site's title, shown in every page's header.
    pub title: String,
    /// The index page's description.
    pub description: String,
    /// The default language of lessons (the `lang` attribute); lessons in other languages are
    /// files named `<slug>.<language>.md`. Spanned: a value that is not a language tag is an
    /// error pointing at it.
    pub language: toml::Spanned<String>,
    /// The site's public address, for `sitemap.xml` and page URLs (e.g.
    /// `https://example.org/lessons/`); `nnbook build --base-url` overrides it. Spanned: an
    /// address that is not absolute is an error pointing at it.
    pub base_url: Option<toml::Spanned<String>>,
    /// Where a lesson's file can be edited, with `{path}` for its path in `content/`
    /// (`https://github.com/me/lessons/edit/main/content/{path}`): each lesson page links it,
    /// as mdBook's `edit-url-template` does. Spanned: a wrong one is an error pointing at it.
    pub edit_url: Option<toml::Spanned<String>>,
    /// Whether each language has a search page and the header links it (`search = false`
    /// leaves them out, as mdBook's `search.enable`: for a site searched otherwise).
    pub search: bool,
    /// Whether each language has an Atom feed of its dated lessons (`atom.xml`, linked from
    /// every page's head), as Zola's `generate_feeds`: written when the site has a base URL.
    pub feed: bool,
    /// Who writes the site, named as the feed's author (else the site's title).
    pub author: String,
    /// The most entries a feed holds, the newest (as Zola's `feed_limit`); all without it.
    /// Spanned: 0 is an error pointing at it.
    pub feed_limit: Option<toml::Spanned<i64>>,
    /// The author's own fields for every page's template (`[extra]`, as Zola's `config.extra`).
    /// Spanned: a number that is not finite is an error pointing at the table.
    pub extra: Option<toml::Spanned<toml::Table>>,
    /// Per-language settings (`[languages.zh-CN]`), each field falling back to the one above.
    pub languages: BTreeMap<toml::Spanned<String>, LanguageConfig>,
}

/// A language's own settings in `nnbook.toml`: `[languages.zh-CN]`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    /// The site's title on pages in this language.
    pub title: Option<String>,
    /// The description of this language's index.
    pub description: Option<String>,
    /// The language's name in itself ("Italiano"), in the language switcher and a lesson's
    /// links to its translations, as Hugo's `languageName` (nnbook knows common languages').
    pub name: Option<String>,
    /// Which way the language's text runs, where nnbook's guess from its tag is not the
    /// project's (`direction = "rtl"`), as mdBook's `text-direction` and Hugo's
    /// `languageDirection`.
    pub direction: Option<Direction>,
    /// Where this language's lessons are edited (a translation kept in a repository of its
    /// own), as the site's `edit_url`. Spanned, as that one.
    pub edit_url: Option<toml::Spanned<String>>,
    /// The words nnbook puts on this language's pages, by name (`next = "Suivant"`), before
    /// its built-in ones (`crate::i18n::Lang`). Spanned: a name or slot nnbook does not know is
    /// an error pointing at it.
    #[serde(default)]
    pub words: BTreeMap<toml::Spanned<String>, toml::Spanned<String>>,
}

/// Which way a language's text runs: `ltr` (left to right) or `rtl`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Config {
    fn language(&self, lang: &str) -> Option<&LanguageConfig> {
        self.languages
            .iter()
            .find(|(tag, _)| tag.get_ref() == lang)
            .map(|(_, c)| c)
    }

    /// The name language `lang` is given (`[languages.<lang>] name`), if any.
    pub fn name_for(&self, lang: &str) -> Option<&str> {
        self.language(lang).and_then(|c| c.name.as_deref())
    }

    /// Which way the project says language `lang` runs (`[languages.<lang>] direction`), if it
    /// says.
    pub fn direction_for(&self, lang: &str) -> Option<Direction> {
        self.language(lang).and_then(|c| c.direction)
    }

    /// The project's words for language `lang` (`[languages.<lang>.words]`), if it gives some.
    pub fn words(
        &self,
        lang: &str,
    ) -> Option<&BTreeMap<toml::Spanned<String>, toml::Spanned<String>>> {
        self.language(lang).map(|c| &c.words)
    }

    /// The site's title on pages in language `lang`.
    pub fn title_for(&self, lang: &str) -> &str {
        self.language(lang)
            .and_then(|c| c.title.as_deref())
            .unwrap_or(&self.title)
    }

    /// Where a lesson in language `lang` is edited, with `{path}`: its language's `edit_url`,
    /// else the site's; none without either.
    pub fn edit_url_for(&self, lang: &str) -> Option<&str> {
        let own = self.language(lang).and_then(|c| c.edit_url.as_ref());
        own.or(self.edit_url.as_ref())
            .map(|url| url.get_ref().as_str())
    }

    /// The description of the index in language `lang`.
    pub fn description_for(&self, lang: &str) -> &str {
        self.language(lang)
            .and_then(|c| c.description.as_deref())
            .unwrap_or(&self.description)
    }
}

/// An `[extra]` table of `source` (the author's own fields for the templates, in a lesson's
/// front matter or in `nnbook.toml`; `at` maps its span into the file) as JSON, or an error for
/// each field (`level`, `limits.top`, `marks[2]`) that holds a number that is not finite (TOML
/// writes `nan` and `inf`), at its value where it is found: such a number is never published. A
/// date or time is its TOML text (`2026-12-06`).
pub fn extra_json(
    source: &SourceFile,
    table: &toml::Spanned<toml::Table>,
    at: impl Fn(std::ops::Range<usize>) -> std::ops::Range<usize>,
) -> Result<serde_json::Map<String, serde_json::Value>, Vec<Diagnostic>> {
    fn json(value: &toml::Value, at: &str, bad: &mut Vec<String>) -> serde_json::Value {
        use serde_json::Value as J;
        match value {
            toml::Value::String(s) => J::String(s.clone()),
            toml::Value::Integer(i) => J::from(*i),
            toml::Value::Float(f) => serde_json::Number::from_f64(*f).map_or_else(
                || {
                    bad.push(at.to_string());
                    J::Null
                },
                J::Number,
            ),
            toml::Value::Boolean(b) => J::Bool(*b),
            toml::Value::Datetime(d) => J::String(d.to_string()),
            toml::Value::Array(items) => J::Array(
                (items.iter().enumerate())
                    .map(|(i, v)| json(v, &format!("{at}[{i}]"), bad))
                    .collect(),
            ),
            toml::Value::Table(t) => J::Object(fields(t, &format!("{at}."), bad)),
        }
    }
    fn fields(
        t: &toml::Table,
        prefix: &str,
        bad: &mut Vec<String>,
    ) -> serde_json::Map<String, serde_json::Value> {
        (t.iter())
            .map(|(k, v)| (k.clone(), json(v, &format!("{prefix}{k}"), bad)))
            .collect()
    }
    let mut bad = Vec::new();
    let map = fields(table.get_ref(), "", &mut bad);
    if bad.is_empty() {
        return Ok(map);
    }
    let header = at(table.span());
    let mut seen: Vec<&str> = Vec::new();
    let mut problems: Vec<Diagnostic> = (bad.iter())
        .map(|field| {
            // (Found by its last key: the n-th field of that key is its n-th `key = nan`.)
            let key = field.rsplit('.').next().unwrap_or(field);
            let key = key.split('[').next().unwrap_or(key);
            let nth = seen.iter().filter(|k| **k == key).count();
            seen.push(key);
            let span = not_finite_value(&source.text, header.start, key, nth)
                .unwrap_or_else(|| header.clone());
            (source.error(span, format!("`extra.{field}` is not a finite number")))
                .expected("finite numbers in `[extra]`: the pages show them")
                .hint("write the value out, or leave it out")
        })
        .collect();
    problems.sort_by_key(|d| d.location.as_ref().map(|l| (l.line, l.column)));
    Err(problems)
}

/// Where, in `text` after `from` (and before the front matter's closing `+++`), the `nth` value
/// of `key` that is not finite (`key = nan`, `key = [1, -inf]`) is written: its key to its value.
fn not_finite_value(
    text: &str,
    from: usize,
    key: &str,
    nth: usize,
) -> Option<std::ops::Range<usize>> {
    let rest = text.get(from..)?;
    let rest = &rest[..rest.find("\n+++").unwrap_or(rest.len())];
    let words = ["nan", "inf"];
    let found = rest.match_indices(key).filter_map(|(i, _)| {
        let before = rest[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-') {
            return None;
        }
        let value = rest[i + key.len()..].trim_start().strip_prefix('=')?;
        let value = value.trim_start();
        let value_at = rest.len() - value.len();
        // (In a list, its first item not finite; else the value itself, after its sign.)
        let token = if value.starts_with('[') {
            let list = &value[..value.find(']').unwrap_or(value.len())];
            words.iter().filter_map(|w| list.find(w)).min()?
        } else {
            let unsigned = value.trim_start_matches(['+', '-']);
            words.iter().find(|w| unsigned.starts_with(*w))?;
            value.len() - unsigned.len()
        };
        let end = value_at + token + 3;
        Some(from + i..from + end)
    });
    found.into_iter().nth(nth)
}

/// The fields of a file's own that TOML put into its `[extra]` table (`extra`, whose
/// `[extra]` line is at `header` of `source`): every key after a `[table]` line is the
/// table's, so a field written after `[extra]` is not the file's (a lesson's title, summary or
/// order, the configuration's `feed`, silently left out). Each of `fields` found there is an
/// error at its line, `whose` (`the lesson's`) and the place to move `[extra]` to the end of.
pub fn swallowed(
    source: &SourceFile,
    header: std::ops::Range<usize>,
    extra: &toml::Table,
    fields: &[&str],
    (whose, place): (&str, &str),
) -> Vec<Diagnostic> {
    (extra.keys())
        .filter(|k| fields.contains(&k.as_str()))
        .map(|key| {
            let line = key_line(&source.text, header.start, key).unwrap_or(header.clone());
            (source.error(line, format!("`{key}` is inside `[extra]`, not {whose}")))
                .expected(format!(
                    "`{key}` above `[extra]`: every key after a `[table]` line is the table's"
                ))
                .hint(format!(
                    "move `[extra]` and its fields to the end of {place}"
                ))
        })
        .collect()
}

/// The line of `text` after byte `from` (and before a front matter's closing `+++`) that gives
/// `key` (`key = …`).
pub fn key_line(text: &str, from: usize, key: &str) -> Option<std::ops::Range<usize>> {
    let rest = text.get(from..)?;
    let rest = &rest[..rest.find("\n+++").unwrap_or(rest.len())];
    let (i, _) = rest.match_indices(&format!("\n{key}")).find(|(i, _)| {
        let after = &rest[i + 1 + key.len()..];
        after.trim_start_matches([' ', '\t']).starts_with('=')
    })?;
    let start = from + i + 1;
    Some(start..start + rest[i + 1..].find('\n').unwrap_or(rest.len() - i - 1))
}

/// Why `url` cannot be the site's public address (`base_url`, `--base-url`), if it cannot: the
/// sitemap's and the pages' canonical addresses are it followed by a page's path, so it must be
/// absolute, and nothing in it may end or break the address.
pub fn base_url_problem(url: &str) -> Option<&'static str> {
    absolute_problem(url).or_else(|| {
        let (_, rest) = url.split_once("://").unwrap_or(("", url));
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        if url.contains(|c: char| unsafe_in_address(c) || matches!(c, '?' | '#')) {
            Some("it holds a space, a quote, `<`, `>`, `?`, `#` or `\\`")
        } else if host.contains('@') {
            Some("it holds a user name or password (`user:secret@`), which every page, the sitemap and the feeds would publish")
        } else if path.contains("//") || path.starts_with('/') {
            Some("its path holds an empty folder (`//`)")
        } else if !url.is_ascii() {
            Some("it holds a character outside ASCII, which a sitemap may not: percent-encode it in the path (`ü` is `%C3%BC`), and write a host in its ASCII form (`xn--…`)")
        } else {
            None
        }
    })
}

/// Why `url` cannot be the address of a lesson's file to edit (`edit_url`), if it cannot: an
/// absolute address with `{path}` where the file's path goes (a query may hold it).
pub fn edit_url_problem(url: &str) -> Option<&'static str> {
    absolute_problem(url)
        .or_else(|| {
            (url.contains(unsafe_in_address))
                .then_some("it holds a space, a quote, `<`, `>` or `\\`")
        })
        .or_else(|| (!url.contains("{path}")).then_some("it has no `{path}` for the lesson's file"))
}

/// Why `url` is no absolute `https://` or `http://` address of a host, if it is not.
fn absolute_problem(url: &str) -> Option<&'static str> {
    // (A scheme is read in any case: `HTTPS://`.)
    let scheme = |s: &str| {
        url.get(..s.len())
            .is_some_and(|u| u.eq_ignore_ascii_case(s))
    };
    let Some(rest) = (["https://", "http://"].into_iter())
        .find(|s| scheme(s))
        .map(|s| &url[s.len()..])
    else {
        return Some("it does not start with `https://` or `http://`");
    };
    (rest.split('/').next().is_none_or(str::is_empty)).then_some("it names no host")
}

/// A character that would end or break an address written in a page's attribute.
fn unsafe_in_address(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '<' | '>' | '\\')
}

/// A lesson page's link to edit its file (shown as `content/sub/relu.md`): `edit_url` with
/// `{path}` the file's path in `content/`, percent-encoded.
pub fn edit_link(edit_url: &str, file: &str) -> String {
    let path = file
        .strip_prefix(&format!("{CONTENT_DIR}/"))
        .unwrap_or(file);
    edit_url.replace("{path}", &crate::text::percent_encoded(path))
}

/// What a diagnostic about a public address that [`base_url_problem`] refused says to do.
pub fn base_url_help(d: Diagnostic) -> Diagnostic {
    d.expected("an absolute address, like `https://example.org/lessons/`")
        .hint("the sitemap and each page's canonical address are this address and the page's path")
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "nnbook".into(),
            description: "Visual, step-by-step neural-network tutorials.".into(),
            language: toml::Spanned::new(0..0, "en".into()),
            base_url: None,
            edit_url: None,
            search: true,
            feed: false,
            author: String::new(),
            feed_limit: None,
            extra: None,
            languages: BTreeMap::new(),
        }
    }
}

/// Editor swap, backup, lock and probe files, and the system's own (`.DS_Store`, the `._x`
/// files a Mac leaves on other disks, Windows's `Thumbs.db` and `desktop.ini`), never part of a project (vim checks that it may write a
/// folder by creating and removing a file named `4913`, or another number; Emacs locks a file
/// with a link `.#x.md`).
pub fn is_editor_file(path: &Path) -> bool {
    let name = file_name(path);
    name.starts_with('#')
        || name.starts_with(".#")
        || name.starts_with("._")
        || matches!(name, ".DS_Store" | "Thumbs.db" | "desktop.ini")
        || name.ends_with('~')
        || [".swp", ".swo", ".swx", ".tmp"]
            .iter()
            .any(|e| name.ends_with(e))
        || (!name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()))
}

/// Version control's own files and folders (`.git`, `.gitignore`): a theme kept in a
/// repository of its own is never published with them (a `.git/config` may hold a token).
pub fn is_version_control(path: &Path) -> bool {
    let name = file_name(path);
    matches!(
        name,
        ".git" | ".hg" | ".svn" | ".gitignore" | ".gitattributes" | ".gitmodules" | ".gitkeep"
    )
}

/// A hidden file or folder (`.git`, `.obsidian`, a copy `.relu-old.md`): `content/` passes
/// over them, as Zola and Hugo do. (A theme's `.nojekyll`, `.htaccess` and `.well-known/` are
/// the site's: `templates/` copies them.)
pub fn is_hidden(path: &Path) -> bool {
    file_name(path).starts_with('.')
}

/// The last part of `path` as text ("" where it is none, or not UTF-8), by which the three
/// rules above tell files apart.
fn file_name(path: &Path) -> &str {
    path.file_name().and_then(|n| n.to_str()).unwrap_or("")
}

/// Whether a file under `content/` is a lesson (`*.md`): only lessons are read from there.
pub fn is_lesson_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "md") && !is_editor_file(path) && !is_hidden(path)
}

/// Why `root` cannot be a project: it is a file (`--root nnbook.toml`), or nothing is there (a
/// mistyped `--root`, in which a build made an empty folder for its lock). `None` for a folder.
pub fn not_a_project(root: &Path) -> Option<Diagnostic> {
    let message = match root.metadata() {
        Ok(m) if m.is_dir() => return None,
        Ok(_) => format!("the project {} is not a folder", root.display()),
        Err(_) => format!("no project folder at {}", root.display()),
    };
    Some(
        Diagnostic::new(message)
            .hint("`--root` names the project's folder, the one that holds `content/`"),
    )
}

/// A path as shown in messages: relative to `root` when inside it.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path
        .strip_prefix(root)
        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf);
    rel.display().to_string()
}
