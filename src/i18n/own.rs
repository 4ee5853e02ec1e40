//! A project's own words (`[languages.fr.words]` in `nnbook.toml`): the names it may give, the
//! slots each text keeps, and which words a language still shows in English.

use crate::error::{Diagnostic, SourceFile};
use crate::text::did_you_mean;

use super::words::{SENTENCES, TEXTS};

/// A project's words for one language (`[languages.fr.words]`): each word's name and its text,
/// with their places in `nnbook.toml`.
pub type Words = std::collections::BTreeMap<toml::Spanned<String>, toml::Spanned<String>>;

/// Every word's name and its English text, in the order `nnbook words` prints them.
pub fn built_in() -> impl Iterator<Item = (&'static str, &'static str)> {
    TEXTS
        .iter()
        .chain(&SENTENCES)
        .map(|(key, en, _)| (*key, *en))
}

/// The `{name}` slots of a text, in order (a `{` not opening one is a brace).
pub fn slots(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        let name_len = rest
            .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .unwrap_or(rest.len());
        if name_len > 0 && rest[name_len..].starts_with('}') {
            found.push(&rest[..name_len]);
        }
    }
    found
}

/// The problems of language `tag`'s words (`[languages.<tag>.words]` of `source`): a name that
/// is no word of nnbook's, a text that leaves out a slot of the built-in one or has one it
/// does not.
pub fn problems(source: &SourceFile, tag: &str, words: &Words) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (name, text) in words {
        let Some((_, english)) = built_in().find(|(key, _)| *key == name.get_ref()) else {
            let hint = did_you_mean(name.get_ref(), built_in().map(|(key, _)| key));
            problems.push(
                (source.error(
                    name.span(),
                    format!("`{}` is no word nnbook puts on pages", name.get_ref()),
                ))
                .expected("the name of one of nnbook's words, like `next = \"Suivant\"`")
                .hint(match hint {
                    Some(guess) => format!("{guess} `nnbook words {tag}` prints every word"),
                    None => format!("`nnbook words {tag}` prints every word with its text"),
                }),
            );
            continue;
        };
        let (needed, given) = (slots(english), slots(text.get_ref()));
        let missing = needed.iter().find(|s| !given.contains(s));
        let unknown = given.iter().find(|s| !needed.contains(s));
        let message = match (missing, unknown) {
            (Some(slot), _) => format!("`{}` leaves out `{{{slot}}}`", name.get_ref()),
            (None, Some(slot)) => format!(
                "`{}` has `{{{slot}}}`, which nnbook does not fill there",
                name.get_ref()
            ),
            (None, None) => continue,
        };
        let listed: Vec<String> = needed.iter().map(|s| format!("`{{{s}}}`")).collect();
        problems.push(
            (source.error(text.span(), message))
                .expected(match listed.is_empty() {
                    true => "a text without slots, as the English".to_string(),
                    false => format!("a text with the English's slots: {}", listed.join(", ")),
                })
                .hint(format!(
                    "nnbook fills each slot (the English is \"{english}\"); put them where the language puts them"
                )),
        );
    }
    problems
}

/// The names of the words language `tag` shows in English though the project wrote its pages
/// in another language: none for English and for the languages nnbook knows (Chinese), else
/// every word `words` does not give that has English in it (not `, ` nor `{name} ({bias})`,
/// which many languages write alike).
pub fn untranslated(tag: &str, words: Option<&Words>) -> Vec<&'static str> {
    let primary = tag.split('-').next().unwrap_or(tag);
    if primary == "en" || primary == "zh" {
        return Vec::new();
    }
    built_in()
        .filter(|(_, english)| has_words(english))
        .map(|(key, _)| key)
        .filter(|key| words.is_none_or(|w| !w.contains_key(*key)))
        .collect()
}

/// Whether a text has letters besides its slots' names.
fn has_words(text: &str) -> bool {
    let mut rest = text;
    for slot in slots(text) {
        let (before, after) = rest
            .split_once(&format!("{{{slot}}}"))
            .unwrap_or((rest, ""));
        if before.chars().any(char::is_alphabetic) {
            return true;
        }
        rest = after;
    }
    rest.chars().any(char::is_alphabetic)
}
