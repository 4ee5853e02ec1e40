//! The words nnbook itself puts on pages (navigation, captions, figure descriptions), per
//! language: built in for twenty ([`words`]: English, Arabic, Chinese (Simplified and
//! Traditional), Dutch, French, German, Hebrew, Hindi, Indonesian, Italian, Japanese, Korean,
//! Persian, Polish, Portuguese, Russian, Spanish, Turkish, Ukrainian and Vietnamese), and a
//! project's own in `nnbook.toml` (`[languages.fr.words]`, checked by [`own`]). A lesson's
//! language comes from its file name (`relu.zh-CN.md`); the site's default from `nnbook.toml`.

mod own;
mod words;

use std::borrow::Cow;
use std::collections::BTreeMap;

pub use own::{problems as words_problems, untranslated, Words};
use words::{ENGLISH, NOTES, TEXT_COUNT};

/// A language as the stages ask it for words: its tag and the project's words for it, if any
/// (they come before the built-in ones), and which way its text runs.
#[derive(Clone, Copy, Debug)]
pub struct Lang<'a> {
    /// The language tag: `en`, `zh-CN`.
    pub tag: &'a str,
    own: Option<&'a Words>,
    /// Whether its text runs right to left (Arabic, Hebrew): its pages' `dir="rtl"`, and the
    /// numbers nnbook writes into its text isolated as runs of their own (`<bdi>`), so that a
    /// minus stays before its digits. [`right_to_left`] unless the project says otherwise.
    pub rtl: bool,
    /// nnbook's own words in it (English where it has none), found once from the tag.
    built_in: &'static words::Table,
}

impl<'a> Lang<'a> {
    /// Language `tag` with the project's words for it.
    pub fn new(tag: &'a str, own: Option<&'a Words>) -> Lang<'a> {
        let (rtl, built_in) = (right_to_left(tag), words::of(tag));
        Lang {
            tag,
            own,
            rtl,
            built_in,
        }
    }

    /// Language `tag` with nnbook's own words only (where no project is read).
    pub fn built_in(tag: &'a str) -> Lang<'a> {
        Lang::new(tag, None)
    }
}

/// Whether `c` is a letter of a script written right to left (Hebrew, Arabic, Syriac, Thaana,
/// N'Ko and their presentation forms).
pub fn right_to_left_letter(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
}

/// Whether language `tag` is written right to left: by its script subtag where it has one
/// (`az-Arab`, `pa-Arab`; `ku-Latn` not), else by its language (Arabic, Hebrew, Persian, Urdu,
/// Pashto, Sindhi, Uyghur, Yiddish, Dhivehi, Central Kurdish and others written so).
pub fn right_to_left(tag: &str) -> bool {
    const SCRIPTS: [&str; 9] = [
        "Adlm", "Arab", "Hebr", "Mand", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa",
    ];
    const LANGUAGES: [&str; 21] = [
        "ar", "arc", "azb", "ckb", "dv", "fa", "glk", "he", "iw", "ks", "lrc", "mzn", "nqo", "pnb",
        "prs", "ps", "sd", "syr", "ug", "ur", "yi",
    ];
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or_default();
    let script = parts.find(|p| p.len() == 4 && p.bytes().all(|b| b.is_ascii_alphabetic()));
    match script {
        Some(script) => SCRIPTS.iter().any(|s| s.eq_ignore_ascii_case(script)),
        None => LANGUAGES.iter().any(|l| l.eq_ignore_ascii_case(language)),
    }
}

/// Whether a file-name suffix is a language tag: `en`, `zh-CN`, `pt-BR`.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// One interface text in a language: the project's, else the built-in one (English where
/// there is no translation).
pub fn text<'a>(lang: Lang<'a>, key: &str) -> &'a str {
    if let Some(own) = lang.own.and_then(|w| w.get(key)) {
        return own.get_ref();
    }
    (ENGLISH.iter().position(|t| t.0 == key)).map_or("", |i| lang.built_in[i].1)
}

/// One interface text in a language, escaped for HTML: a project's words may hold `<` or `&`.
pub fn html(lang: Lang, key: &str) -> String {
    crate::text::escape(text(lang, key))
}

/// An interface sentence in a language with its `{name}` slots filled from `values`, in one
/// pass (a value is never searched for slots). A slot without a value stays as written.
pub fn sentence(lang: Lang, key: &str, values: &[(&str, &str)]) -> String {
    sentence_as(lang, key, values, |words| Cow::Borrowed(words))
}

/// [`sentence`] with its words (not the values in its slots) written by `literal`: escaped for
/// the Markdown or HTML the values already are.
pub fn sentence_as(
    lang: Lang,
    key: &str,
    values: &[(&str, &str)],
    literal: impl for<'w> Fn(&'w str) -> Cow<'w, str>,
) -> String {
    let template = text(lang, key);
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&literal(&rest[..open]));
        let after = &rest[open + 1..];
        let filled = after.find('}').and_then(|close| {
            let value = values.iter().find(|(name, _)| *name == &after[..close])?;
            Some((value.1, close))
        });
        match filled {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&literal("{"));
                rest = after;
            }
        }
    }
    out.push_str(&literal(rest));
    out
}

/// All interface texts of a language, for templates (`{{ t.next }}`).
pub fn texts<'a>(lang: Lang<'a>) -> BTreeMap<&'static str, &'a str> {
    ENGLISH[..TEXT_COUNT]
        .iter()
        .map(|t| (t.0, text(lang, t.0)))
        .collect()
}

/// A day as a reader of the language writes it: "6 December 2026", "2026年12月6日", "1er mai 2026".
pub fn date(lang: Lang, (year, month, day): (u16, u8, u8)) -> String {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let month = text(lang, MONTHS[usize::from(month.clamp(1, 12)) - 1]);
    let [year, number] = [year.to_string(), day.to_string()];
    let day = if day == 1 {
        text(lang, "day_one")
    } else {
        &number
    };
    let values = [("year", &year[..]), ("month", month), ("day", day)];
    sentence(lang, "date", &values)
}

/// Every word of language `lang` as a `[languages.<tag>.words]` table for `nnbook.toml`: the
/// project's where it gives one, else nnbook's (English for a language it does not know).
pub fn table(lang: Lang) -> String {
    let tag = lang.tag;
    let mut out = format!(
        "# nnbook's words for `{tag}`: translate each text and keep its {{slots}}, which nnbook\n\
         # fills. In nnbook.toml, this table replaces any `[languages.{tag}.words]` there.\n\
         [languages.{tag}.words]\n"
    );
    for (key, _) in own::built_in() {
        if let Some((_, note)) = NOTES.iter().find(|(name, _)| *name == key) {
            out.push_str(&comment(note));
        }
        out.push_str(&format!(
            "{key} = \"{}\"\n",
            crate::text::toml_quoted(text(lang, key))
        ));
    }
    out
}

/// `text` as TOML comment lines, broken between words before 96 characters.
fn comment(text: &str) -> String {
    let mut out = String::new();
    let mut line = String::from("#");
    for word in text.split(' ') {
        if line.len() + 1 + word.len() > 96 && line.len() > 1 {
            out.push_str(&line);
            out.push('\n');
            line = String::from("#");
        }
        line.push(' ');
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

/// A language's name in that language, for the language switcher: the project's (`given`),
/// else the one nnbook knows, else its tag.
pub fn language_name(lang: &str, given: Option<&str>) -> String {
    if let Some(name) = given {
        return name.to_string();
    }
    match lang {
        "en" => "English".into(),
        "zh-CN" | "zh" => "简体中文".into(),
        "zh-TW" => "繁體中文".into(),
        "de" => "Deutsch".into(),
        "fr" => "Français".into(),
        "es" => "Español".into(),
        "ja" => "日本語".into(),
        "it" => "Italiano".into(),
        "pt" => "Português".into(),
        "pt-BR" => "Português (Brasil)".into(),
        "ko" => "한국어".into(),
        "ru" => "Русский".into(),
        "nl" => "Nederlands".into(),
        "ar" => "العربية".into(),
        "he" => "עברית".into(),
        "fa" => "فارسی".into(),
        "ur" => "اردو".into(),
        "tr" => "Türkçe".into(),
        "pl" => "Polski".into(),
        "uk" => "Українська".into(),
        "vi" => "Tiếng Việt".into(),
        "id" => "Bahasa Indonesia".into(),
        "hi" => "हिन्दी".into(),
        other => other.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_written_right_to_left_are_known_by_language_or_script() {
        for tag in [
            "ar",
            "ar-EG",
            "he",
            "fa",
            "ur",
            "yi",
            "ckb",
            "az-Arab",
            "pa-Arab",
            "uz-Arab-AF",
        ] {
            assert!(right_to_left(tag), "{tag}");
        }
        for tag in [
            "en", "zh-CN", "fr", "az", "pa", "ku-Latn", "ar-Latn", "tr", "de-CH",
        ] {
            assert!(!right_to_left(tag), "{tag}");
        }
        assert!(Lang::built_in("he-IL").rtl && !Lang::built_in("pt-BR").rtl);
    }

    #[test]
    fn days_are_written_as_each_language_writes_them() {
        assert_eq!(
            date(Lang::built_in("en"), (2026, 12, 6)),
            "6\u{a0}December\u{a0}2026"
        );
        assert_eq!(
            date(Lang::built_in("en"), (2027, 1, 31)),
            "31\u{a0}January\u{a0}2027"
        );
        assert_eq!(
            date(Lang::built_in("zh-CN"), (2026, 12, 6)),
            "2026年12月6日"
        );
        // As each language's style guides write them (no-break spaces kept).
        let nb = |s: &str| s.replace(' ', "\u{a0}");
        for (tag, day, written) in [
            ("de", (2026, 5, 1), nb("1. Mai 2026")),
            ("de-CH", (2026, 12, 24), nb("24. Dezember 2026")),
            ("fr", (2026, 5, 1), nb("1er mai 2026")),
            ("fr-CA", (2026, 12, 6), nb("6 décembre 2026")),
            ("es", (2026, 12, 6), nb("6 de diciembre de 2026")),
            ("pt-BR", (2026, 5, 1), nb("1º de maio de 2026")),
            ("ja", (2026, 12, 6), "2026年12月6日".to_string()),
            ("zh-TW", (2027, 1, 1), "2027年1月1日".to_string()),
            ("it", (2026, 5, 1), nb("1º maggio 2026")),
            ("nl-BE", (2026, 12, 6), nb("6 december 2026")),
            ("ru", (2026, 12, 6), nb("6 декабря 2026 г.")),
            ("ko", (2026, 12, 6), nb("2026년 12월 6일")),
            ("ar", (2026, 12, 6), nb("6 ديسمبر 2026")),
            ("he", (2026, 12, 6), nb("6 בדצמבר 2026")),
            ("fa", (2026, 12, 6), nb("6 دسامبر 2026")),
            ("tr", (2026, 12, 6), nb("6 Aralık 2026")),
            ("pl", (2026, 12, 6), nb("6 grudnia 2026")),
            ("uk", (2026, 12, 6), nb("6 грудня 2026 р.")),
            ("vi", (2026, 12, 6), nb("ngày 6 tháng 12 năm 2026")),
            ("id", (2026, 12, 6), nb("6 Desember 2026")),
            ("hi", (2026, 12, 6), nb("6 दिसंबर 2026")),
            ("sv", (2026, 5, 1), nb("1 May 2026")),
        ] {
            assert_eq!(date(Lang::built_in(tag), day), written, "{tag}");
        }
    }

    #[test]
    fn language_tags() {
        assert!(is_language_tag("en"));
        assert!(is_language_tag("zh-CN"));
        assert!(!is_language_tag("relu"));
        assert!(!is_language_tag("step-1"));
        assert!(!is_language_tag("EN"));
    }

    #[test]
    fn sentences_fill_their_slots_once() {
        assert_eq!(
            sentence(Lang::built_in("en"), "line", &[("color", "{color} blue")]),
            "{color} blue line"
        );
        assert_eq!(
            sentence(Lang::built_in("zh-CN"), "line", &[("color", "蓝")]),
            "蓝线"
        );
        assert_eq!(sentence(Lang::built_in("en"), "line", &[]), "{color} line");
    }

    #[test]
    fn texts_fall_back_to_english() {
        assert_eq!(text(Lang::built_in("zh-CN"), "next"), "下一课");
        assert_eq!(text(Lang::built_in("fr"), "next"), "Suivant");
        assert_eq!(text(Lang::built_in("sv"), "next"), "Next");
    }
}
