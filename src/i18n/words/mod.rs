//! The words nnbook itself puts on pages, built in: one file per language, each with the same
//! words in the same order as English's ([`en`], the reference, where each word's use is
//! said), and the same `{slots}` (a test checks both). A project gives its own in
//! `nnbook.toml` (`[languages.fr.words]`, [`super::Lang`]).

mod ar;
mod de;
mod en;
mod es;
mod fa;
mod fr;
mod he;
mod hi;
mod id;
mod it;
mod ja;
mod ko;
mod nl;
mod pl;
mod pt;
mod ru;
mod tr;
mod uk;
mod vi;
mod zh_hans;
mod zh_hant;

/// How many words nnbook has in each language.
pub const COUNT: usize = 122;

/// How many of the words, the first, are interface words, also given to templates as `t`;
/// the others are sentences about figures and diagrams.
pub const TEXT_COUNT: usize = 66;

/// A language's words: each word's name and its text, in the order of [`ENGLISH`].
pub type Table = [(&'static str, &'static str); COUNT];

/// The words in English: every word's name, and its text where nnbook has no other.
pub const ENGLISH: &Table = &en::WORDS;

/// What a translator needs to know of a word (where it is used, what fills its slots), for
/// some words, by name.
pub const NOTES: &[(&str, &str)] = &en::NOTES;

/// The languages nnbook has words in, each with its primary language subtag (Hebrew's `iw`
/// is an older tag of `he`).
const LANGUAGES: [(&str, &Table); 20] = [
    ("ar", &ar::WORDS),
    ("de", &de::WORDS),
    ("es", &es::WORDS),
    ("fa", &fa::WORDS),
    ("fr", &fr::WORDS),
    ("he", &he::WORDS),
    ("hi", &hi::WORDS),
    ("id", &id::WORDS),
    ("it", &it::WORDS),
    ("iw", &he::WORDS),
    ("ja", &ja::WORDS),
    ("ko", &ko::WORDS),
    ("nl", &nl::WORDS),
    ("pl", &pl::WORDS),
    ("pt", &pt::WORDS),
    ("ru", &ru::WORDS),
    ("tr", &tr::WORDS),
    ("uk", &uk::WORDS),
    ("vi", &vi::WORDS),
    ("zh", &zh_hans::WORDS),
];

/// The words of language `tag`, when nnbook has them: by its primary subtag (`fr` for `fr-CA`),
/// Chinese in Traditional characters for the script `Hant` or the regions `TW`, `HK` and `MO`
/// (without a script), else in Simplified ones.
fn table(tag: &str) -> Option<&'static Table> {
    let mut subtags = tag.split('-');
    let primary = subtags.next().unwrap_or_default();
    if primary.eq_ignore_ascii_case("en") {
        return Some(ENGLISH);
    }
    let (language, words) = LANGUAGES
        .iter()
        .find(|(l, _)| l.eq_ignore_ascii_case(primary))?;
    if *language != "zh" {
        return Some(words);
    }
    let subtags: Vec<&str> = subtags.collect();
    let traditional = match subtags.iter().find(|p| p.len() == 4) {
        Some(script) => script.eq_ignore_ascii_case("Hant"),
        None => {
            (subtags.iter()).any(|p| ["TW", "HK", "MO"].iter().any(|r| r.eq_ignore_ascii_case(p)))
        }
    };
    Some(if traditional { &zh_hant::WORDS } else { words })
}

/// Whether nnbook has its own words in language `tag`.
pub fn built_in_language(tag: &str) -> bool {
    table(tag).is_some()
}

/// The words of language `tag`: English where nnbook has none in it.
pub fn of(tag: &str) -> &'static Table {
    table(tag).unwrap_or(ENGLISH)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text's `{slot}` names, sorted.
    fn slots(text: &str) -> Vec<&str> {
        let mut slots: Vec<&str> = (text.split('{').skip(1))
            .filter_map(|piece| piece.split_once('}').map(|(name, _)| name))
            .collect();
        slots.sort_unstable();
        slots
    }

    #[test]
    fn every_language_has_every_word_in_english_s_order_with_its_slots() {
        let all = LANGUAGES.iter().chain([&("zh-TW", &zh_hant::WORDS)]);
        for (lang, words) in all {
            for ((key, english), (name, text)) in ENGLISH.iter().zip(words.iter()) {
                assert_eq!(key, name, "{lang}: `{name}` where English has `{key}`");
                assert_eq!(slots(english), slots(text), "{lang}: `{key}` = {text:?}");
                assert!(
                    !text.trim().is_empty() || english.trim().is_empty(),
                    "{lang}: `{key}`"
                );
                // What the build writes into SVG and HTML is escaped; a word is text all the
                // same, and none needs markup.
                assert!(
                    !text.contains(['<', '>', '&']),
                    "{lang}: `{key}` = {text:?}"
                );
            }
        }
        // Each note is of a word, one note a word, in the words' order.
        let places: Vec<usize> = (NOTES.iter())
            .map(|(name, _)| ENGLISH.iter().position(|(key, _)| key == name).expect(name))
            .collect();
        assert!(places.windows(2).all(|w| w[0] < w[1]), "{places:?}");
        assert_eq!(ENGLISH[TEXT_COUNT - 1].0, "no_kinks");
        assert_eq!(ENGLISH[TEXT_COUNT].0, "figure");
    }

    #[test]
    fn a_tag_picks_its_language_s_words() {
        let next = ENGLISH
            .iter()
            .position(|(k, _)| *k == "next")
            .expect("next");
        let cases = [
            ("en", "Next"),
            ("en-GB", "Next"),
            ("fr", "Suivant"),
            ("fr-CA", "Suivant"),
            ("de-AT", "Weiter"),
            ("zh-CN", "下一课"),
            ("zh", "下一课"),
            ("zh-Hans-TW", "下一课"),
            ("zh-TW", "下一課"),
            ("zh-Hant", "下一課"),
            ("zh-hk", "下一課"),
            ("nl-BE", "Volgende"),
            ("ar-EG", "التالي"),
            ("sv", "Next"),
            ("frr", "Next"),
        ];
        for (tag, word) in cases {
            assert_eq!(of(tag)[next].1, word, "{tag}");
        }
        assert!(built_in_language("pt-BR") && built_in_language("ja") && built_in_language("ko"));
        assert!(built_in_language("he") && built_in_language("vi") && built_in_language("hi"));
        assert!(!built_in_language("sv") && !built_in_language("ur"));
    }
}
