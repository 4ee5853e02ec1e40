//! A lesson's tags (front matter `tags`, as Zola's and Hugo's taxonomies and Quarto's
//! categories): the topics it is about, each with a page of its language's part of the site
//! that lists the lessons about it (`tags/<slug>/index.html`).

use std::ops::Range;

use toml::Spanned;

use crate::error::SourceFile;

use super::limits::{MAX_SLUG, RESERVED_NAMES};
use super::problems::Problems;

/// The most tags one lesson gives.
pub const MAX_TAGS: usize = 100;

/// The longest slug of a tag, in bytes of UTF-8: its page's folder's name.
const MAX_SLUG_BYTES: usize = 200;

/// A topic a lesson is about: its name as the lesson writes it (`Activation functions`) and the
/// folder of its page ([`tag_slug`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    pub slug: String,
    /// Where the front matter gives it.
    pub span: Range<usize>,
}

/// The folder of a tag's page: its words (letters and digits of any script, with their accents
/// and vowel signs) in lowercase, every run of spaces and punctuation one `-` between them
/// (`Activation functions` is `activation-functions`, `激活函数` is itself). Two tags with one
/// slug are one page.
pub fn tag_slug(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    for c in name.chars() {
        match in_word(c) {
            true => slug.extend(crate::markdown::lowercase(c)),
            false if !slug.is_empty() && !slug.ends_with('-') => slug.push('-'),
            false => {}
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// Whether `c` is part of a tag's word, not between words: a letter or digit; outside ASCII,
/// also what is none but belongs to a word (a combining accent, `é` written as `e` and U+0301;
/// Hindi's virama) and every sign that is no space, control or punctuation (the Latin-1,
/// general, CJK and full-width punctuation blocks: `、`, `“`, `—`, `«`, `，`).
fn in_word(c: char) -> bool {
    if c.is_alphanumeric() || c.is_ascii() {
        return c.is_alphanumeric();
    }
    let punctuation = matches!(c as u32,
        0x00A0..=0x00BF | 0x00D7 | 0x00F7 | 0x2000..=0x206F | 0x3000..=0x303F
            | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65);
    // (U+FEFF, a byte-order mark inside the text, is no sign of a word either.)
    !(punctuation || c.is_whitespace() || c.is_control() || c == '\u{feff}')
}

/// `tags`: each with a letter or digit, at most [`MAX_SLUG`] characters ([`MAX_SLUG_BYTES`] in
/// its slug), no device name, none twice (by its slug), at most [`MAX_TAGS`]. A wrong one is
/// left out (and reported).
pub(super) fn tags(
    source: &SourceFile,
    written: &[Spanned<String>],
    at: &impl Fn(Range<usize>) -> Range<usize>,
    problems: &mut Problems,
) -> Vec<Tag> {
    let mut tags: Vec<Tag> = Vec::new();
    for (n, tag) in written.iter().enumerate() {
        let span = at(tag.span());
        let name = tag.get_ref().trim();
        let slug = tag_slug(name);
        let given = tags.iter().find(|t| t.slug == slug);
        let wrong = match given {
            _ if n == MAX_TAGS => Some((format!("more than {MAX_TAGS} tags"), None)),
            _ if name.is_empty() => Some(("a tag is empty".to_string(), None)),
            _ if slug.is_empty() => Some((
                format!("`{}` is no tag: it has no letter or digit", tag.get_ref()),
                None,
            )),
            _ if name.chars().count() > MAX_SLUG => Some((
                format!("a tag of {} characters is too long", name.chars().count()),
                None,
            )),
            _ if RESERVED_NAMES.contains(&slug.as_str()) => Some((
                format!("the tag `{name}` would be a folder named `{slug}`, a reserved device name on Windows"),
                Some("a site with it could not be copied to Windows: name the topic otherwise".to_string()),
            )),
            // (A folder's name is at most 255 bytes on most systems: 66 Chinese characters are
            // 198.)
            _ if slug.len() > MAX_SLUG_BYTES => Some((
                format!("the tag `{name}` is too long for its page's folder: {} bytes of UTF-8", slug.len()),
                Some(format!("its page's folder is its name in UTF-8, at most {MAX_SLUG_BYTES} bytes (a Chinese character is 3): shorten it")),
            )),
            Some(first) => Some((
                format!("the tag `{name}` is given twice"),
                Some(match first.name == name {
                    true => "leave one out".to_string(),
                    false => format!(
                        "`{}` before it is the same tag (one page: `tags/{slug}/`): leave one out",
                        first.name
                    ),
                }),
            )),
            None => None,
        };
        match wrong {
            Some((message, hint)) => problems.note(
                source
                    .error(span, message)
                    .expected(format!("a word or a few, like `ReLU` or `activation functions`, at most {MAX_SLUG} characters"))
                    .hint(hint.unwrap_or_else(|| "a tag names a topic of the lesson: its page lists every lesson with it".to_string())),
            ),
            None => tags.push(Tag {
                name: name.to_string(),
                slug,
                span,
            }),
        }
        if n == MAX_TAGS {
            break;
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::tag_slug;

    #[test]
    fn slugs() {
        assert_eq!(tag_slug("Activation functions"), "activation-functions");
        assert_eq!(tag_slug("  ReLU  "), "relu");
        assert_eq!(tag_slug("C++ & Rust!"), "c-rust");
        assert_eq!(tag_slug("激活函数"), "激活函数");
        assert_eq!(tag_slug("Schöne Grüße"), "schöne-grüße");
        assert_eq!(tag_slug("--"), "");
        assert_eq!(tag_slug("1-2-1 networks"), "1-2-1-networks");
        // (Words with their marks, whatever the script; its punctuation between them.)
        assert_eq!(tag_slug("हिन्दी"), "हिन्दी");
        assert_eq!(tag_slug("Cafe\u{301} au lait"), "cafe\u{301}-au-lait");
        assert_eq!(tag_slug("激活函数、梯度"), "激活函数-梯度");
        assert_eq!(tag_slug("“ReLU” — «rectifier»"), "relu-rectifier");
        assert_eq!(tag_slug("ＲｅＬＵ，全角"), "ｒｅｌｕ-全角");
        // (Turkish's İ is i, as Hugo's slugs have it, not i and a combining dot; its I is i
        // too, as in every language but Turkish and Azerbaijani.)
        assert_eq!(tag_slug("İleri Seviye"), "ileri-seviye");
        assert_eq!(tag_slug("Işık"), "işık");
    }
}
