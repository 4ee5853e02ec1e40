//! A project's own words (`[languages.fr.words]` in `nnbook.toml`): the names it may give, the
//! slots each text keeps, and which words a language still shows in English.

use crate::error::{Diagnostic, SourceFile};
use crate::text::did_you_mean;

use super::words::{built_in_language, ENGLISH};

/// A project's words for one language (`[languages.fr.words]`): each word's name and its text,
/// with their places in `nnbook.toml`.
pub type Words = std::collections::BTreeMap<toml::Spanned<String>, toml::Spanned<String>>;

/// Every word's name and its English text, in the order `nnbook words` prints them.
pub fn built_in() -> impl Iterator<Item = (&'static str, &'static str)> {
    ENGLISH.iter().map(|(key, en)| (*key, *en))
}

/// A text's words around its `{name}` slots, and the slots' names, each in order (a `{` that
/// opens no slot is a brace, among the words).
fn parts(text: &str) -> (Vec<&str>, Vec<&str>) {
    let (mut words, mut slots) = (Vec::new(), Vec::new());
    let (mut start, mut from) = (0, 0);
    while let Some(open) = text[from..].find('{').map(|i| from + i) {
        let name = &text[open + 1..];
        let len =
            (name.find(|c: char| !(c.is_ascii_lowercase() || c == '_'))).unwrap_or(name.len());
        from = open + 1;
        if len > 0 && name[len..].starts_with('}') {
            words.push(&text[start..open]);
            slots.push(&name[..len]);
            (start, from) = (open + len + 2, open + len + 2);
        }
    }
    words.push(&text[start..]);
    (words, slots)
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
        let (needed, given) = (parts(english).1, parts(text.get_ref()).1);
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

/// The words language `tag` shows in English though the project wrote its pages in another
/// language, each name with its English: none for the languages nnbook has words in, else
/// every word `words` does not give that has English in it, letters outside its slots (not
/// `, ` nor `{name} ({bias})`, which many languages write alike).
pub fn untranslated(tag: &str, words: Option<&Words>) -> Vec<(&'static str, &'static str)> {
    if built_in_language(tag) {
        return Vec::new();
    }
    built_in()
        .filter(|(_, english)| {
            (parts(english).0.iter()).any(|w| w.chars().any(char::is_alphabetic))
        })
        .filter(|(key, _)| words.is_none_or(|w| !w.contains_key(*key)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::parts;

    #[test]
    fn a_text_is_its_words_around_its_slots() {
        assert_eq!(
            parts("a {x} b {Y} {} {y_z}."),
            (vec!["a ", " b {Y} {} ", "."], vec!["x", "y_z"])
        );
        assert_eq!(parts("{x}{y}"), (vec!["", "", ""], vec!["x", "y"]));
        assert_eq!(parts("no slot {"), (vec!["no slot {"], vec![]));
    }
}
