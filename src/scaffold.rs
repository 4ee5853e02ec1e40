//! Scaffolding: a new lesson (`nnbook new`) and a new project (`nnbook init`).

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::Diagnostic;
use crate::lesson::check_slug;
use crate::markdown::{hyphenate, lowercase};
use crate::project::{CONFIG_FILE, CONTENT_DIR, SITE_DIR, TEMPLATES_DIR};
use crate::site::earlier_theme::is_earlier;
use crate::site::DEFAULT_TEMPLATES;
use crate::text::toml_quoted;

/// The starter lesson: front matter, a small network, a figure and a table, with comments.
const STARTER: &str = include_str!("starter.md");

const CONFIG: &str = "\
# nnbook project settings (all optional)
title = \"My lessons\"         # shown in every page's header
description = \"Visual, step-by-step neural-network tutorials.\"
language = \"en\"              # the pages' lang attribute

# Where the site is published: sitemap.xml, canonical links, and the feed's addresses.
# base_url = \"https://example.org/lessons/\"
# An Atom feed (atom.xml) of the lessons with a `date = 2026-12-06` in their front matter:
# feed = true
# author = \"Your name\"       # the feed's author (else the title)

# A language's own title and description (lessons in it are named like relu.zh-CN.md):
# [languages.zh-CN]
# title = \"我的课程\"
# description = \"可视化、循序渐进的神经网络教程。\"
# nnbook's own words (\"Contents\", \"Next\") are built in for twenty languages (the README's
# Languages names them). For another language, or to change some,
# `nnbook words sv >> nnbook.toml` appends them as a [languages.sv.words] table to translate.

# The look is nnbook's built-in theme, which keeps up with nnbook. To change it,
# `nnbook init --theme` copies its files into templates/: keep the ones you change.
";

/// The longest slug `nnbook new` makes.
pub const MAX_NEW_SLUG: usize = 60;

/// A slug from a title: Latin letters transliterated (`Über Äpfel` -> `ueber-aepfel`), and
/// Cyrillic ones as Russian passports write them (`Новый урок` -> `novyi-urok`), then
/// lowercase ASCII letters and digits, other runs one `-`; at most [`MAX_NEW_SLUG`]
/// characters, cut between words; `lesson` when nothing is left, and never a name Windows
/// reserves (`con` -> `con-lesson`).
pub fn slugify(title: &str) -> String {
    let latin: String = title.chars().map(transliterate).collect();
    let mut slug = hyphenate(&latin, |c| c.is_ascii_alphanumeric());
    if slug.len() > MAX_NEW_SLUG {
        let cut = slug[..=MAX_NEW_SLUG]
            .rfind('-')
            .filter(|&i| i > 0)
            .unwrap_or(MAX_NEW_SLUG);
        slug.truncate(cut);
        slug = slug.trim_end_matches('-').to_string();
    }
    if slug.is_empty() {
        slug = "lesson".to_string();
    }
    if check_slug(&slug).is_err() {
        slug.push_str("-lesson");
    }
    slug
}

/// Letters [`transliterate`] writes in ASCII, each row's letters as its text (in lower case:
/// a capital is looked up as its lower case, and a slug is lower case).
const TRANSLITERATION: &[(&str, &str)] = &[
    ("àáâãåāăąǎạảấầẩẫậắằẳẵặ", "a"),
    ("äæ", "ae"),
    ("çćčĉċ", "c"),
    ("ďđð", "d"),
    ("èéêëēĕėęěẹẻẽếềểễệ", "e"),
    ("ĝğġģ", "g"),
    ("ķ", "k"),
    ("ìíîïĩīĭįıǐỉị", "i"),
    ("ľĺļł", "l"),
    ("ñńňņ", "n"),
    ("òóôõøōŏőǒơọỏốồổỗộớờởỡợ", "o"),
    ("öœ", "oe"),
    ("ŕřŗ", "r"),
    ("śšşŝș", "s"),
    ("ß", "ss"),
    ("ťţț", "t"),
    ("ùúûũūŭůűųǔǖǘǚǜưụủứừửữự", "u"),
    ("ü", "ue"),
    ("ýÿỳỵỷỹ", "y"),
    ("źżž", "z"),
    ("þ", "th"),
    // Cyrillic.
    ("а", "a"),
    ("б", "b"),
    ("в", "v"),
    ("гґ", "g"),
    ("д", "d"),
    ("еёэ", "e"),
    ("ж", "zh"),
    ("з", "z"),
    ("иійї", "i"),
    ("к", "k"),
    ("л", "l"),
    ("м", "m"),
    ("н", "n"),
    ("о", "o"),
    ("п", "p"),
    ("р", "r"),
    ("с", "s"),
    ("т", "t"),
    ("уў", "u"),
    ("ф", "f"),
    ("х", "kh"),
    ("ц", "ts"),
    ("ч", "ch"),
    ("ш", "sh"),
    ("щ", "shch"),
    ("ъє", "ie"),
    ("ы", "y"),
    ("ь", ""),
    ("ю", "iu"),
    ("я", "ia"),
];

/// A Latin letter with a diacritic as ASCII (`É` -> `e`, `ü` -> `ue`, `ß` -> `ss`), a Cyrillic
/// one as ICAO's Doc 9303 (Russian passports) writes it (`Ж` -> `zh`, `я` -> `ia`, `ь` ->
/// nothing; Ukrainian's letters as the Russian ones look); other characters in lower case.
fn transliterate(c: char) -> std::borrow::Cow<'static, str> {
    let c = lowercase(c).next().unwrap_or(c);
    match TRANSLITERATION.iter().find(|(from, _)| from.contains(c)) {
        Some((_, to)) => std::borrow::Cow::Borrowed(to),
        None => std::borrow::Cow::Owned(c.to_string()),
    }
}

/// The starter lesson with a title, at `order` on the index.
pub fn starter_lesson(title: &str, order: i64) -> String {
    starter(title, order, None, None)
}

/// The starter with its placeholders filled: the title, the order, the `series` and `part`
/// lines (none outside a series), and its `date` (a comment without one).
fn starter(title: &str, order: i64, series: Option<(&str, u32)>, date: Option<&str>) -> String {
    let series = series.map_or(String::new(), |(series, part)| {
        format!(
            "series = \"{}\"   # the series it is part of\npart = {part:<15}# its position in the series\n",
            toml_quoted(series)
        )
    });
    let date = match date {
        Some(day) => format!("date = {day}     # the day it is published"),
        None => "# date = 2026-12-06   # the day it is published".to_string(),
    };
    STARTER
        .replacen("{{TITLE}}", &toml_quoted(title), 1)
        .replacen("{{ORDER}}", &format!("{order:<4}"), 1)
        .replacen("{{SERIES}}\n", &series, 1)
        .replacen(
            "{{DATE}}",
            &format!("{date}: shown on the page, and orders the feed"),
            1,
        )
}

/// A lesson `nnbook new` wrote: its file, and in a series its part and the series' name
/// nearest to the one given when no lesson is in that series yet (a likely typo).
#[derive(Debug)]
pub struct NewLesson {
    pub path: PathBuf,
    pub part: Option<u32>,
    pub new_series: Option<NewSeries>,
    /// The day it is dated (`2026-12-06`, today in UTC), in a project with a feed.
    pub date: Option<String>,
}

/// A series no lesson was in before `nnbook new --series` named it.
#[derive(Debug)]
pub struct NewSeries {
    /// The series of the project whose name is nearest, if one is near.
    pub closest: Option<String>,
}

/// Write `content/<slug>.md` for a new lesson, last on the index, and with `series` as the
/// next part of that series; refuses to overwrite.
pub fn new_lesson(root: &Path, title: &str, series: Option<&str>) -> Result<NewLesson, Diagnostic> {
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        return Err(
            Diagnostic::new(format!("no content folder at {}", content.display()))
                .hint("run `nnbook init` first, or pass `--root DIR`"),
        );
    }
    if title.trim().is_empty() {
        return Err(Diagnostic::new("the lesson's title is empty")
            .expected("a title, like `nnbook new \"Understanding ReLU\"`"));
    }
    let series = series.map(str::trim);
    if series.is_some_and(str::is_empty) {
        return Err(Diagnostic::new("the series' name is empty")
            .expected("a name, like `--series \"A neural network, step by step\"`"));
    }
    // A free file name: `relu.md`, else `relu-2.md`, `relu-3.md`, ...
    let slug = slugify(title);
    let path = (1..)
        .map(|n| match n {
            1 => content.join(format!("{slug}.md")),
            n => content.join(format!("{slug}-{n}.md")),
        })
        .find(|p| !p.exists())
        .expect("a free name");
    let placements = placements(root, &content);
    let order = (placements.iter().map(|(order, _)| *order).max())
        .map_or(10, |last| last.saturating_add(10));
    // (The series' next part, and whether it is the series' first.)
    let part = series.map(|series| {
        let parts = placements.iter().filter_map(|(_, s)| s.as_ref());
        let last = parts
            .clone()
            .filter(|s| s.name == series)
            .map(|s| s.part)
            .max();
        let part = last.map_or(1, |last| last.saturating_add(1));
        let new_series = (part == 1).then(|| NewSeries {
            closest: crate::text::closest(series, parts.map(|s| s.name.as_str())).map(String::from),
        });
        (series, part, new_series)
    });
    // (With a feed, the lesson is dated: undated, the feed would leave it out.)
    let date = has_feed(root).then(|| crate::lesson::today_utc().day_text());
    let placed = part.as_ref().map(|(series, part, _)| (*series, *part));
    write_new(
        &path,
        &starter(title.trim(), order, placed, date.as_deref()),
    )?;
    Ok(NewLesson {
        path,
        part: part.as_ref().map(|(_, part, _)| *part),
        new_series: part.and_then(|(_, _, new)| new),
        date,
    })
}

/// Whether the project's `nnbook.toml` says `feed = true` (one that does not read says nothing).
fn has_feed(root: &Path) -> bool {
    let text = std::fs::read_to_string(root.join(crate::project::CONFIG_FILE));
    let config = text
        .ok()
        .and_then(|t| toml::from_str::<crate::project::Config>(&t).ok());
    config.is_some_and(|c| c.feed)
}

/// Each lesson's `order` and series part (those whose front matter can be read).
fn placements(root: &Path, content: &Path) -> Vec<(i64, Option<crate::lesson::SeriesPart>)> {
    let files = crate::content::find(root, content).map_or(Vec::new(), |found| found.files);
    (files.iter())
        .filter_map(|f| crate::lesson::placement_of(&f.source, &f.stem))
        .collect()
}

/// What `nnbook init` did: the files it wrote, and the theme's files it left as they were.
#[derive(Debug, Default)]
pub struct Init {
    pub written: Vec<PathBuf>,
    /// Theme files a project had already (`init --theme` in a project): never overwritten.
    pub kept: Vec<(PathBuf, Kept)>,
    /// Whether `dir` was a project already (`init --theme` then writes only the theme).
    pub existing: bool,
    /// The lines a `.gitignore` the folder had lacks, to ignore the site (it is not written).
    pub unignored: Vec<String>,
}

/// Each of `lines` that `theirs` (a `.gitignore`) lacks.
fn unignored(theirs: &str, lines: &str) -> Vec<String> {
    // (`site`, `/site/` and `site/` ignore the project's `site/` folder as `/site` does.)
    let bare = |line: &str| line.trim().trim_matches('/').to_string();
    let has = |line: &str| theirs.lines().any(|l| bare(l) == bare(line));
    (lines.lines().filter(|l| !has(l)))
        .map(str::to_string)
        .collect()
}

/// What a theme file `init --theme` found in the project is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// The project's own (changed, or another nnbook's that is not known).
    Own,
    /// This nnbook's, as it would write it.
    Current,
    /// An earlier nnbook's copy, unchanged ([`crate::site::earlier_theme`]).
    Earlier,
}

/// Create a project that builds at once: a config, a starter lesson, a `.gitignore`, and with
/// `theme` the default theme's files to change (as mdBook's `init --theme`); without, the
/// project uses the theme built into nnbook, which keeps up with it (a copy does not: the
/// warnings of [`crate::site::earlier_theme`]). With `theme`, in a project that exists, only the
/// theme's files are written, each that is not there.
pub fn init(dir: &Path, theme: bool) -> Result<Init, Diagnostic> {
    if dir.exists() && !dir.is_dir() {
        return Err(Diagnostic::new(format!("{} is a file", dir.display()))
            .expected("a new or empty folder for the project")
            .hint("choose another folder: `nnbook init my-lessons`"));
    }
    let existing = dir.join(CONFIG_FILE).is_file() || dir.join(CONTENT_DIR).is_dir();
    let mut done = Init {
        existing: theme && existing,
        ..Init::default()
    };
    if !done.existing {
        for existing in [CONTENT_DIR, TEMPLATES_DIR, CONFIG_FILE] {
            if dir.join(existing).exists() {
                return Err(
                    Diagnostic::new(format!("{} already has `{existing}`", dir.display()))
                        .expected("an empty or new folder")
                        .hint(
                            "choose another folder: `nnbook init my-lessons`; to copy the default \
                     theme into this project's `templates/`, `nnbook init --theme`",
                        ),
                );
            }
        }
        let mut file = |rel: &str, text: &str| -> Result<(), Diagnostic> {
            let path = dir.join(rel);
            write_new(&path, text)?;
            done.written.push(path);
            Ok(())
        };
        file(CONFIG_FILE, CONFIG)?;
        file(
            &format!("{CONTENT_DIR}/getting-started.md"),
            &starter_lesson("Getting started", 10),
        )?;
        // The site, and the folders kept beside it while building (the previous site among
        // them). A `.gitignore` there is (a new repository's) is the user's: nnbook never
        // writes into a file it did not create, so the lines it lacks are told.
        let ignored = format!("/{SITE_DIR}\n/.{SITE_DIR}.nnbook-*\n");
        match fs::read_to_string(dir.join(".gitignore")) {
            Ok(theirs) => done.unignored = unignored(&theirs, &ignored),
            Err(_) => file(".gitignore", &ignored)?,
        }
    }
    if theme {
        // Not the explorable pages' script, which must read the model the same nnbook writes
        // (a copy would go stale with the next nnbook): it stays built in.
        for (name, text) in DEFAULT_TEMPLATES {
            let path = dir.join(TEMPLATES_DIR).join(name);
            if name == "explore.js" {
                continue;
            } else if path.symlink_metadata().is_ok() {
                // (A link to a shared theme not checked out is the project's too.)
                let kept = match fs::read(&path) {
                    Ok(b) if b == text.as_bytes() => Kept::Current,
                    Ok(b) if is_earlier(name, &b) => Kept::Earlier,
                    _ => Kept::Own,
                };
                done.kept.push((path, kept));
            } else {
                write_new(&path, text)?;
                done.written.push(path);
            }
        }
    }
    Ok(done)
}

fn write_new(path: &Path, text: &str) -> Result<(), Diagnostic> {
    if path.symlink_metadata().is_ok() {
        return Err(
            Diagnostic::new(format!("{} already exists", path.display()))
                .hint("nnbook never overwrites a file: choose another title or remove the file"),
        );
    }
    let fail = |e: std::io::Error| Diagnostic::new(format!("cannot write {}: {e}", path.display()));
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(fail)?;
    }
    // create_new: never overwrite, even if the file appeared since the check above.
    use std::io::Write;
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(fail)?;
    f.write_all(text.as_bytes()).map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_joined_by_dashes() {
        assert_eq!(
            slugify("Understanding ReLU, step by step!"),
            "understanding-relu-step-by-step"
        );
        assert_eq!(slugify("  "), "lesson");
        assert_eq!(slugify("!!!"), "lesson");
        assert_eq!(slugify("日本語"), "lesson");
    }

    #[test]
    fn slugs_are_transliterated_short_and_never_reserved() {
        assert_eq!(slugify("Über Äpfel"), "ueber-aepfel");
        assert_eq!(slugify("Café crème, ß"), "cafe-creme-ss");
        assert_eq!(slugify("Über σ"), "ueber");
        // Vietnamese (its horns and tones), Turkish, Polish, Latvian and pinyin.
        assert_eq!(slugify("Đường cong ReLU"), "duong-cong-relu");
        assert_eq!(slugify("Mạng nơ-ron: Học sâu"), "mang-no-ron-hoc-sau");
        assert_eq!(
            slugify("Yapay Sinir Ağları İçin"),
            "yapay-sinir-aglari-icin"
        );
        assert_eq!(slugify("Sieć łączy Łódź"), "siec-laczy-lodz");
        assert_eq!(slugify("Ķēde"), "kede");
        assert_eq!(slugify("Shénjīng wǎngluò, lǜ"), "shenjing-wangluo-lu");
        assert_eq!(slugify("CON"), "con-lesson");
        assert_eq!(slugify("nul"), "nul-lesson");
        let long = slugify(&"word ".repeat(40));
        assert!(
            long.len() <= MAX_NEW_SLUG && long.starts_with("word-word"),
            "{long}"
        );
        assert!(!long.ends_with('-'));
        let unbroken = slugify(&"a".repeat(100));
        assert_eq!(unbroken.len(), MAX_NEW_SLUG);
        for title in ["CON", "nul", "日本語", "!!!", "Über Äpfel", "lpt1", "aux"] {
            assert_eq!(check_slug(&slugify(title)), Ok(()), "{title}");
        }
    }

    #[test]
    fn titles_are_quoted_for_toml() {
        assert!(starter_lesson("A \"quoted\" \\ title", 10)
            .contains(r#"title = "A \"quoted\" \\ title""#));
    }
}
