//! Which languages of the site show nnbook's words in English: a Swedish lesson's pages say
//! "Contents" and "Next" until the project gives its words (`[languages.sv.words]`).

use std::collections::BTreeSet;
use std::path::Path;

use crate::error::{Diagnostic, Error};
use crate::i18n::{self, Lang};
use crate::project::{Config, CONFIG_FILE};

use super::config::read_config;
use super::place::Placed;
use super::theme::ThemeFiles;

/// At most this many of the words left in English are named in the warning.
const NAMED: usize = 4;

/// A warning for each language of `placed` whose pages would show some of nnbook's words in
/// English (none for the languages nnbook knows), at its first lesson.
pub fn warnings(config: &Config, placed: &[Placed]) -> Vec<Diagnostic> {
    let mut seen = BTreeSet::new();
    let mut warnings = Vec::new();
    for p in placed.iter().filter(|p| seen.insert(p.lang.as_str())) {
        let lang = p.lang.as_str();
        if let Some(warning) = country_code(p) {
            warnings.push(warning);
            continue;
        }
        let left = i18n::untranslated(lang, config.words(lang));
        if left.is_empty() {
            continue;
        }
        let named: Vec<String> = (left.iter().take(NAMED))
            .map(|(key, english)| format!("`{key}` (\"{english}\")"))
            .collect();
        let more = match left.len() > NAMED {
            true => format!(" and {} more", left.len() - NAMED),
            false => String::new(),
        };
        let message = format!(
            "the pages in `{lang}` show {} of nnbook's words in English: {}{more}",
            left.len(),
            named.join(", "),
        );
        warnings.push(
            (Diagnostic::in_file(p.lesson.source.path.clone(), message).warning()).hint(format!(
                "give them in {CONFIG_FILE} under `[languages.{lang}.words]`: `nnbook words {lang}` prints every one with its text to translate"
            )),
        );
    }
    warnings
}

/// Countries' codes taken for languages' in file names (`relu.cn.md`), each with the
/// language's code and name: none of them is a language's (ISO 639-1).
const COUNTRIES: [(&str, &str, &str); 8] = [
    ("cn", "zh", "Chinese"),
    ("jp", "ja", "Japanese"),
    ("kr", "ko", "Korean"),
    ("gr", "el", "Greek"),
    ("dk", "da", "Danish"),
    ("cz", "cs", "Czech"),
    ("ua", "uk", "Ukrainian"),
    ("vn", "vi", "Vietnamese"),
];

/// The warning of a lesson whose file names its language by a country's code (`relu.cn.md`,
/// China's): its pages would say they are in a language that does not exist.
fn country_code(p: &Placed) -> Option<Diagnostic> {
    let (primary, region) = p.lang.split_once('-').unwrap_or((&p.lang, ""));
    let (_, code, name) = COUNTRIES.iter().find(|(c, _, _)| *c == primary)?;
    let country = primary.to_ascii_uppercase();
    let tag = match region.is_empty() {
        true => format!("{code}-{country}"),
        false => format!("{code}-{region}"),
    };
    let message = format!("`{primary}` is a country's code, not a language's: {name} is `{code}`");
    Some(
        (Diagnostic::in_file(p.lesson.source.path.clone(), message).warning()).hint(format!(
            "name the file for its language, `{}.{code}.md` (or `.{tag}.md`, {name} as written there): the pages' `lang` tells browsers and screen readers which it is",
            p.lesson.slug
        )),
    )
}

/// Every word of language `tag` as a table for the project's `nnbook.toml` (`nnbook words`):
/// the project's words where it gives them, else nnbook's.
pub fn table(root: &Path, tag: &str) -> Result<String, Error> {
    if !i18n::is_language_tag(tag) {
        return Err(Diagnostic::new(format!("`{tag}` is not a language tag"))
            .expected("a language tag, like `fr`, `de` or `pt-BR`")
            .hint("the tag is the one in the lessons' file names (`relu.fr.md`)")
            .into());
    }
    if !root.is_dir() {
        return Err(Diagnostic::new(format!("no project folder at {}", root.display()))
            .hint("`--root` names the project's folder, the one with `nnbook.toml`; without it, the folder nnbook runs in")
            .into());
    }
    let config = match &ThemeFiles::read(root)?.config {
        Some(source) => read_config(source)?.0,
        None => Config::default(),
    };
    Ok(i18n::table(Lang::new(tag, config.words(tag))))
}
