//! LaTeX math (`$...$`, `$$...$$`) to MathML at build time, with errors pointing into the
//! lesson.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use math_core::{LatexToMathML, MathCoreConfig, MathDisplay};
use pulldown_cmark::{Event, Tag, TagEnd};

use crate::error::Diagnostic;
use crate::lesson::Lesson;

use super::placeholder::{fill, fill_math, Context};

/// Bounds on one formula: the converter recurses once per nesting level.
pub const MAX_MATH_NESTING: i64 = 100;
pub const MAX_MATH_BYTES: usize = 20_000;

/// Whether the math at `range` was written as `$$...$$`.
pub fn source_is_display(text: &str, range: &Range<usize>) -> bool {
    text.get(range.clone()).is_some_and(|s| s.starts_with("$$"))
}

/// LaTeX to MathML, at build time; errors point into the lesson.
pub fn math(
    lesson: &Lesson,
    latex: &str,
    range: &Range<usize>,
    display: MathDisplay,
) -> Result<String, Diagnostic> {
    let depth = latex
        .chars()
        .scan(0i64, |d, c| {
            *d += match c {
                '{' => 1,
                '}' => -1,
                _ => 0,
            };
            Some(*d)
        })
        .max()
        .unwrap_or(0);
    if depth > MAX_MATH_NESTING || latex.len() > MAX_MATH_BYTES {
        let start = written_at(lesson, range, latex.trim()).0;
        return Err(lesson
            .source
            .error(
                start..start + 1,
                "this formula is too long or too deeply nested",
            )
            .expected(format!(
                "at most {MAX_MATH_NESTING} nested braces and {MAX_MATH_BYTES} bytes per formula"
            ))
            .hint("split the formula"));
    }
    static CONVERTER: OnceLock<Option<LatexToMathML>> = OnceLock::new();
    let converter = CONVERTER
        .get_or_init(|| LatexToMathML::new(MathCoreConfig::default()).ok())
        .as_ref()
        .ok_or_else(|| Diagnostic::new("the LaTeX converter could not start"))?;
    converter
        .convert_with_local_state(latex, display)
        .map(|r| r.mathml)
        .map_err(|e| {
            let trimmed = latex.trim();
            let (start, escaped) = written_at(lesson, range, trimmed);
            let offset = latex.len() - latex.trim_start().len();
            let place = |i: usize| start + as_written(trimmed, i.saturating_sub(offset), escaped);
            let at = place(e.0.start).min(range.end);
            let end = place(e.0.end).clamp(at, range.end);
            lesson
                .source
                .error(at..end.max(at + 1), format!("LaTeX error: {}", e.error_message()))
                .expected("LaTeX math, like `$\\max(0, x)$`")
                .hint("math-core supports the common LaTeX math commands; a literal dollar sign is written `\\$`")
        })
}

/// A formula of the lesson (at `range`, in prose or in a caption) as MathML, its placeholders
/// filled. Values that follow the parameters are marked for the page's script; a formula where
/// one cannot be (or that does not convert: its error is then the one with the values written
/// in) is converted with the values written in.
pub fn math_html(
    lesson: &Lesson,
    latex: &str,
    range: &Range<usize>,
    display: MathDisplay,
) -> Result<String, Vec<Diagnostic>> {
    fill_math(lesson, latex, range).and_then(|filled| {
        let marked = math(lesson, &filled.latex, range, display)
            .ok()
            .and_then(|mathml| filled.mark(&mathml));
        match marked {
            Some(marked) => Ok(marked),
            None => fill(lesson, latex, range, Context::Math)
                .and_then(|tex| math(lesson, &tex, range, display).map_err(|d| vec![d])),
        }
    })
}

/// Where `text` (a formula, or a part of a caption) is written in the lesson within `range`:
/// as it is (prose, a caption in single quotes), or with its `\` and `"` escaped as a
/// caption in double quotes has them (`"$\\alpha$"`), which `true` says; `range`'s start
/// where it is not found.
pub fn written_at(lesson: &Lesson, range: &Range<usize>, text: &str) -> (usize, bool) {
    let source = &lesson.source;
    let raw = source.text.get(range.clone()).unwrap_or("");
    let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
    // (In double quotes, the escaped form first: `\\bad` as written holds `\bad` one byte in.)
    if raw.starts_with('"') && escaped != text && raw.contains(&escaped) {
        return (source.find_in(range.clone(), &escaped), true);
    }
    match raw.contains(text) {
        true => (source.find_in(range.clone(), text), false),
        false => (range.start, false),
    }
}

/// Where byte `i` of `text` is in the text as written ([`written_at`]): further by one for
/// each `\` or `"` before it, where they were escaped.
pub fn as_written(text: &str, i: usize, escaped: bool) -> usize {
    let before = text.get(..i).unwrap_or(text);
    i + if escaped {
        before.matches(['\\', '"']).count()
    } else {
        0
    }
}

/// The prose paragraph a walk of a page is in, or a tight list's item (whose text is in no
/// paragraph), for a formula over several of its lines whose braces do not match (`$$`, a line
/// `\frac{1}{2`, `$$`): left as text line by line, where no one line shows it. Its text from its
/// first dollar sign on, its lines joined by "\n", and where it starts; none once such a
/// formula is reported on one line.
#[derive(Default)]
pub struct Lines(Option<(String, Range<usize>)>);

impl Lines {
    /// Whether `event` starts, breaks or ends a paragraph or list item.
    pub fn edge(event: &Event) -> bool {
        matches!(
            event,
            Event::Start(Tag::Paragraph | Tag::Item)
                | Event::SoftBreak
                | Event::HardBreak
                | Event::End(TagEnd::Paragraph | TagEnd::Item)
        )
    }

    /// At such an `event` (at `range` of the lesson): where one ends, or one nested in it
    /// starts (an item's text before its nested list), the error of its formula over lines.
    pub fn at_edge(
        &mut self,
        lesson: &Lesson,
        event: &Event,
        range: Range<usize>,
    ) -> Option<Diagnostic> {
        if let Event::SoftBreak | Event::HardBreak = event {
            self.0
                .iter_mut()
                .filter(|p| !p.0.is_empty())
                .for_each(|p| p.0.push('\n'));
            return None;
        }
        let ended = self.0.take().filter(|(text, _)| text.contains('$'));
        if let Event::Start(_) = event {
            self.0 = Some((String::new(), range));
        }
        ended.and_then(|(text, at)| {
            unbalanced(lesson, &text, &at).or_else(|| unclosed_display(lesson, &text, &at))
        })
    }

    /// Prose `text` at `range` of the lesson, in it: kept from the first dollar sign on (a
    /// paragraph without one holds no formula).
    pub fn text(&mut self, lesson: &Lesson, text: &str, range: &Range<usize>) {
        let joined = self.0.iter_mut().map(|p| &mut p.0);
        for joined in joined.filter(|j| !j.is_empty() || text.contains('$')) {
            joined.push_str(&unescaped_dollars(lesson, text, range));
        }
    }

    /// A formula in it was reported on its own line: nothing more of it.
    pub fn reported(&mut self) {
        self.0 = None;
    }
}

/// The error of a formula in `text` (prose, or a caption, at `range` of the lesson) that
/// the Markdown parser left as text because its braces do not match ([`unbalanced_formula`]).
pub fn unbalanced(lesson: &Lesson, text: &str, range: &Range<usize>) -> Option<Diagnostic> {
    let formula = unbalanced_formula(&unescaped_dollars(lesson, text, range))?;
    let written = &text[formula.clone()];
    let (at, escaped) = written_at(lesson, range, written);
    let end = at + as_written(written, written.len(), escaped);
    let span = over_lines(lesson, range, written).unwrap_or(at..end);
    Some(
        (lesson.source)
            .error(span, "the formula's braces do not match")
            .expected("a `}` for every `{` of a formula, like `$\\frac{1}{2}$`")
            .hint("between $ signs is LaTeX math; a literal dollar sign is written `\\$`"),
    )
}

/// The error of a display formula's `$$` that nothing closes in its paragraph (`text`, at
/// `range` of the lesson): the Markdown parser leaves it as text, and a formula cannot hold a
/// blank line. At the paragraph's last `$$`, the one left open.
fn unclosed_display(lesson: &Lesson, text: &str, range: &Range<usize>) -> Option<Diagnostic> {
    let plain = unescaped_dollars(lesson, text, range);
    if plain.matches("$$").count().is_multiple_of(2) {
        return None;
    }
    let written = lesson.source.text.get(range.clone())?;
    let at = range.start + written.rfind("$$")?;
    Some(
        (lesson.source)
            .error(at..at + 2, "this `$$` opens a display formula that is not closed")
            .expected("a `$$` after the formula, before the next blank line")
            .hint("a display formula is `$$`, the LaTeX, `$$`, with no blank line in it; a literal dollar sign is written `\\$`"),
    )
}

/// Where a formula `written` over lines of prose at `range` of the lesson is, when the lines
/// as written hold more than it (a blockquote's `>`, a list item's indentation): from its
/// first line to its last.
fn over_lines(lesson: &Lesson, range: &Range<usize>, written: &str) -> Option<Range<usize>> {
    let raw = lesson.source.text.get(range.clone())?;
    let (first, _) = written.split_once('\n')?;
    let last = written.rsplit('\n').next()?;
    if raw.contains(written) || !raw.contains(first) {
        return None;
    }
    let at = lesson.source.find_in(range.clone(), first);
    Some(at..lesson.source.find_in(at + first.len()..range.end, last) + last.len())
}

/// `text` (prose at `range` of the lesson) with each dollar sign written escaped, `\$`, as an
/// `S`: a literal dollar, which opens and closes no formula. (Its dollars are the source's, in
/// order; where they are not, as after `&#36;`, `text` is left as it is.)
pub fn unescaped_dollars<'t>(lesson: &Lesson, text: &'t str, range: &Range<usize>) -> Cow<'t, str> {
    let written = lesson.source.text.get(range.clone()).unwrap_or("");
    if !text.contains('$') || !written.contains("\\$") {
        return Cow::Borrowed(text);
    }
    let escaped: Vec<bool> = (written.match_indices('$'))
        .map(|(i, _)| written[..i].ends_with('\\'))
        .collect();
    if escaped.len() != text.matches('$').count() {
        return Cow::Borrowed(text);
    }
    let mut dollars = escaped.into_iter();
    let plain = text.chars().map(|c| match c {
        '$' if dollars.next() == Some(true) => 'S',
        c => c,
    });
    Cow::Owned(plain.collect())
}

/// A formula the Markdown parser left as text because its braces do not match
/// (`$\frac{1}{$`, `$$\frac{a}{b$$`): the byte range of the first one in `text`, dollar signs
/// included. A `$` pair counts as a formula when the opening `$` is followed and the closing
/// one preceded by something other than a space, as in Markdown math.
pub fn unbalanced_formula(text: &str) -> Option<Range<usize>> {
    let dollars: Vec<usize> = text.match_indices('$').map(|(i, _)| i).collect();
    let mut i = 0;
    while i < dollars.len() {
        let open = dollars[i];
        let display = dollars.get(i + 1) == Some(&(open + 1));
        let width = if display { 2 } else { 1 };
        let after = &text[open + width..];
        let next = dollars
            .iter()
            .skip(i + width)
            .copied()
            .find(|&d| !display || text[d..].starts_with("$$"));
        let close = next?;
        let inner = &text[open + width..close];
        let looks_like_math = display
            || (!after.starts_with(char::is_whitespace) && !inner.ends_with(char::is_whitespace));
        if looks_like_math && !inner.is_empty() && !braces_match(inner) {
            return Some(open..close + width);
        }
        i = dollars
            .iter()
            .position(|&d| d > close + width - 1)
            .unwrap_or(dollars.len());
    }
    None
}

/// Whether the braces of a formula match (`\{` and `\}` are literal braces).
fn braces_match(formula: &str) -> bool {
    let mut depth = 0i64;
    let mut escaped = false;
    for c in formula.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}
