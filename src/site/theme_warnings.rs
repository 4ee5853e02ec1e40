//! The warnings a theme's files give, each about a copy an older `nnbook init` wrote or a file
//! that leaves a page without what it needs: the math font's old file, an `explore.js` that
//! finds no model, a `lesson.html` without the sliders' script, a `base.html` without the
//! language's direction, a 404 page that cannot find the site's root.

use std::ops::Range;

use crate::error::{Diagnostic, SourceFile};
use crate::explore::MODEL_ID;

use super::theme::ThemeFiles;

impl ThemeFiles {
    /// A warning about a project's `404.html` that does not read `find_root`: without a base
    /// URL its links are relative to the site's root, and a server shows the page at any depth
    /// (`/relu/old/`), where they break; the built-in page finds the root from the address.
    /// Reported only by a build without a base URL ([`super::Theme::not_found_warning`]).
    pub(super) fn not_found_warning(&self) -> Option<Diagnostic> {
        let (shown, bytes) = self.files.get("404.html")?;
        let text = String::from_utf8_lossy(bytes);
        // (In the page or any template of the project's: a partial it includes may hold it.)
        let html = self
            .files
            .iter()
            .filter(|(name, _)| name.ends_with(".html"));
        if html
            .map(|(_, (_, b))| uncommented(&String::from_utf8_lossy(b)))
            .any(|t| t.contains("find_root"))
        {
            return None;
        }
        let message =
            "the 404 page's links break below the site's root: this `404.html` does not find it";
        let at = text
            .find("{% block head")
            .map(|at| at..at + "{% block head".len());
        Some(
            placed_in(shown, &text, at, message)
                .expected("the built-in `404.html`'s `{% block head %}`, whose script (under `{% if find_root %}`) finds the site's root from the address")
                .hint("copy that block (`nnbook init --theme <folder>` writes the built-in files), or set `base_url`: then the page's links are absolute")
                .warning(),
        )
    }

    /// A warning about `math.woff`, the math font's one file until the default theme cut it into
    /// five by Unicode range (`src/font/subset-math.py`): a stylesheet that `nnbook init` wrote
    /// before names it, and no site has it now; or a project overrode it by name, as the README
    /// said, and no stylesheet loads it. Without a word, either would set the formulas in the
    /// reader's own fonts.
    pub(super) fn math_font_warning(&self) -> Option<Diagnostic> {
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
    pub(super) fn explore_script_warning(&self) -> Option<Diagnostic> {
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
    pub(super) fn lesson_script_warning(&self) -> Option<Diagnostic> {
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
    pub(super) fn direction_warning(&self) -> Option<Diagnostic> {
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
    pub(super) fn relative_script_warning(&self) -> Option<Diagnostic> {
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
