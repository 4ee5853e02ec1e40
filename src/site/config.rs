//! The project's configuration, `nnbook.toml`: read, and checked for every problem at once.

use std::ops::Range;

use crate::error::{Diagnostic, Error, SourceFile};
use crate::i18n;
use crate::lesson::{fields_of, read_toml};
use crate::project::{
    base_url_help, base_url_problem, edit_url_problem, extra_json, swallowed, Config,
};

/// A JSON object: the `[extra]` tables as templates read them.
pub(super) type JsonMap = serde_json::Map<String, serde_json::Value>;

/// The project's `nnbook.toml`, read and checked: every problem of it, each field that does
/// not read (all of them: [`read_toml`]) and each value that is wrong.
/// With it, its `[extra]` as JSON, every page's `extra`, converted once here.
pub(super) fn read_config(source: &SourceFile) -> Result<(Config, JsonMap), Error> {
    let (read, mut problems) = read_toml::<Config>(source, &source.text, |s| s, "configuration");
    let unexpected =
        |d: &&mut Diagnostic| d.expected.is_none() && !d.message.contains("unknown field");
    for d in problems.iter_mut().filter(unexpected) {
        if d.message.ends_with("expected `ltr` or `rtl`") {
            d.expected =
                Some("`direction = \"rtl\"` (right to left) or `direction = \"ltr\"`".into());
            d.hint = Some("nnbook knows which way most languages run (Arabic, Hebrew, Persian and Urdu right to left): give `direction` only where its guess is not yours".into());
            continue;
        }
        d.expected = Some("`title`, `description`, `language`, `base_url`, `edit_url`, `search`, `feed`, `feed_limit`, `author`, `[extra]` and `[languages.<tag>]` tables of `title`, `description`, `edit_url`, `name`, `direction` and `[languages.<tag>.words]` (all optional)".to_string());
    }
    let own = fields_of::<Config>().unwrap_or_default();
    // (Values of the wrong type are reported and stood in for: the others are still checked.)
    let mut extra = JsonMap::new();
    if let Some((config, invented)) = &read {
        problems.extend(check_config(config, source, invented));
        if let Some(table) = &config.extra {
            // (A theme may read its own `extra.author` or `extra.description`, as Zola's do:
            // only the fields that change what nnbook builds are taken for misplaced ones.)
            let words = ["title", "description", "author", "extra", "languages"];
            let fields: Vec<&str> = own.iter().copied().filter(|f| !words.contains(f)).collect();
            let whose = ("the configuration's", "nnbook.toml");
            problems.extend(swallowed(
                source,
                table.span(),
                table.get_ref(),
                &fields,
                whose,
            ));
        }
        match config.extra.as_ref().map(|e| extra_json(source, e, |s| s)) {
            Some(Ok(json)) => extra = json,
            Some(Err(found)) => problems.extend(found),
            None => {}
        }
    }
    match read {
        Some((config, invented)) if problems.is_empty() && invented.is_empty() => {
            Ok((config, extra))
        }
        _ => Err(Error::from(problems)),
    }
}

/// The problems of a configuration that reads: `language` and every `[languages.<tag>]` table
/// name a language tag, `base_url` is an absolute address, and `edit_url` one with `{path}`.
fn check_config(
    config: &Config,
    source: &SourceFile,
    invented: &[Range<usize>],
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let theirs = |span: Range<usize>| !invented.contains(&span);
    problems.extend(
        language_tag(
            source,
            &config.language,
            "a language tag, like `language = \"en\"` or `language = \"zh-CN\"`",
            "it is the lessons' `lang` attribute, which browsers and screen readers read",
        )
        .filter(|_| theirs(config.language.span())),
    );
    if let Some(url) = config.base_url.as_ref().filter(|u| theirs(u.span())) {
        if let Some(problem) = base_url_problem(url.get_ref()) {
            let message = format!("`{}` is not a public address: {problem}", url.get_ref());
            problems.push(base_url_help(source.error(url.span(), message)));
        }
    }
    // (The site's, and each language's.)
    let edit_urls = (config.edit_url.iter()).chain(
        config
            .languages
            .values()
            .filter_map(|l| l.edit_url.as_ref()),
    );
    for url in edit_urls.filter(|u| theirs(u.span())) {
        if let Some(problem) = edit_url_problem(url.get_ref()) {
            let message = format!(
                "`{}` is no address to edit a lesson at: {problem}",
                url.get_ref()
            );
            problems.push(
                (source.error(url.span(), message))
                    .expected("an address with `{path}`, like `https://github.com/me/lessons/edit/main/content/{path}`")
                    .hint("each lesson page links it, `{path}` the lesson's file in `content/` (`relu.md`, `zh/relu.zh-CN.md`)"),
            );
        }
    }
    if let Some(limit) = config.feed_limit.as_ref().filter(|n| *n.get_ref() < 1) {
        problems.push(
            (source.error(
                limit.span(),
                format!("a feed of {} entries", limit.get_ref()),
            ))
            .expected("`feed_limit = N`, N from 1: the most entries a feed holds, the newest")
            .hint("leave it out for a feed of every dated lesson"),
        );
    }
    for (tag, language) in &config.languages {
        problems.extend(language_tag(
            source,
            tag,
            "a language tag, like `[languages.zh-CN]` or `[languages.fr]`",
            "the tag is the one in the lessons' file names (`relu.zh-CN.md`)",
        ));
        problems.extend(i18n::words_problems(source, tag.get_ref(), &language.words));
    }
    problems
}

/// `tag` (a value of `source`) is a language tag, or an error saying what was `expected`.
fn language_tag(
    source: &SourceFile,
    tag: &toml::Spanned<String>,
    expected: &str,
    hint: &str,
) -> Option<Diagnostic> {
    if i18n::is_language_tag(tag.get_ref()) {
        return None;
    }
    let message = format!("`{}` is not a language tag", tag.get_ref());
    Some(
        source
            .error(tag.span(), message)
            .expected(expected)
            .hint(hint),
    )
}
