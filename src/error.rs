//! Errors are values: every problem found in a lesson or template is a [`Diagnostic`] that knows
//! its file, line and column, what was expected and how to fix it. They are rendered once, at the
//! edge (the CLI), in the style of rustc.

use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

use crate::text::is_wide;

/// The TOML reader's message (a lesson's block, its front matter, `nnbook.toml`) in the words
/// of the project's files rather than Rust's: "expected f64" reads "expected a number", a
/// sequence is a list.
pub fn toml_message(e: &toml::de::Error) -> String {
    const WORDS: [(&str, &str); 5] = [
        ("expected f64", "expected a number"),
        ("expected i64", "expected a whole number"),
        ("expected a sequence", "expected a list"),
        ("type: sequence", "type: list"),
        ("expected an array of length", "expected a list of length"),
    ];
    let mut message = e.message().trim().trim_end_matches('.').to_string();
    for (rust, ours) in WORDS {
        message = message.replace(rust, ours);
    }
    // ("invalid type: integer `1000…` as i128, expected a whole number": read, but too large
    // for any whole number a field takes.)
    let huge = (message.strip_prefix("invalid type: integer `"))
        .and_then(|rest| rest.split_once("` as i128, expected "));
    if let Some((number, _)) = huge {
        return format!("the number `{number}` is too large");
    }
    if message.starts_with("floating-point number overflowed") {
        return "a number is too large: beyond ±1.8e308, the largest there is".to_string();
    }
    message
}

/// A source file (a lesson or a template) with its text, so that byte offsets can be turned into
/// line and column numbers and a snippet of the offending line.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as shown to the user (relative to the project root where possible).
    pub path: String,
    pub text: String,
    /// Where the text's lines are, made by the first diagnostic (a file without problems
    /// never makes it).
    lines: OnceLock<LineIndex>,
}

/// Two files are the same when their paths and texts are (whether a diagnostic has indexed
/// the lines yet is not part of what the file is).
impl PartialEq for SourceFile {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path && self.text == other.text
    }
}

impl Eq for SourceFile {}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            path: path.into(),
            text: text.into(),
            lines: OnceLock::new(),
        }
    }

    /// The location of a byte range of this file: 1-based line and column (in characters). A
    /// line longer than [`LONG_LINE`] bytes is kept in part, around the range: a lesson may hold
    /// a line of megabytes, and a diagnostic for every word of it.
    pub fn locate(&self, span: Range<usize>) -> Location {
        let text = &self.text;
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
        let lines = self.lines.get_or_init(|| LineIndex::new(text));
        let (line, line_start, line_end, column) = lines.place(text, start);
        // (A span to the end of a CRLF line, as the toml crate gives a value, stops before
        // the `\r`.)
        let width = text[start..end.min(line_end).max(start)]
            .trim_end_matches('\r')
            .chars()
            .count();
        let (source_line, first_column) = excerpt(text, line_start..line_end, start, column);
        Location {
            file: self.path.clone(),
            line,
            column,
            source_line,
            first_column,
            width: width.max(1),
        }
    }

    /// The offset of `needle` within `range` of the text, or the range's start when it is not
    /// written verbatim there.
    pub fn find_in(&self, range: Range<usize>, needle: &str) -> usize {
        let raw = self.text.get(range.clone()).unwrap_or("");
        memchr::memmem::find(raw.as_bytes(), needle.as_bytes())
            .map_or(range.start, |i| range.start + i)
    }

    /// A diagnostic pointing at a byte range of this file.
    pub fn error(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            location: Some(Box::new(self.locate(span))),
            ..Diagnostic::new(message)
        }
    }
}

/// A line longer than this many bytes is shown in part in a diagnostic ([`excerpt`]).
pub const LONG_LINE: usize = 320;

/// The line at `line` of `text` as a diagnostic shows it, and the column its first character
/// stands at: the whole line, or for a long one 80 characters before `start` (at `column`) and
/// 160 from it, each cut end marked `…`.
fn excerpt(text: &str, line: Range<usize>, start: usize, column: usize) -> (String, usize) {
    let whole = text[line.clone()].trim_end_matches('\r');
    if whole.len() <= LONG_LINE {
        return (whole.to_string(), 1);
    }
    let before = text[line.start..start].char_indices().rev().nth(79);
    let from = before.map_or(line.start, |(i, _)| line.start + i);
    let after = text[start..line.end].char_indices().nth(160);
    let to = after.map_or(line.end, |(i, _)| start + i);
    let mut shown = String::new();
    let mut first = column - text[from..start].chars().count();
    if from > line.start {
        shown.push('…');
        first -= 1;
    }
    shown.push_str(text[from..to].trim_end_matches('\r'));
    if to < line.end {
        shown.push('…');
    }
    (shown, first)
}

/// The bytes a [`LineIndex`] block holds (a little more, to end at a character).
const BLOCK: usize = 4096;

/// Where every [`BLOCK`] bytes of a text start: how many lines and characters come before,
/// and the line breaks around. A diagnostic's line and column are then read from a block or
/// two, not from the text up to the place: a lesson of a megabyte with 125,000 problems made
/// as many passes over it (5.5 s on 125,000 lines, 14 s on one line; now a fraction of a
/// second). One pass makes it, at the file's first diagnostic.
#[derive(Debug, Clone)]
struct LineIndex {
    blocks: Vec<Block>,
}

#[derive(Debug, Clone, Copy)]
struct Block {
    /// The block's first byte (a character boundary).
    start: usize,
    /// Line breaks and characters before `start`.
    breaks_before: usize,
    chars_before: usize,
    /// Where the line `start` is on starts, and the first line break at or after `start`
    /// (the text's length when there is none).
    line_start: usize,
    next_break: usize,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut blocks = Vec::with_capacity(text.len() / BLOCK + 1);
        let (mut start, mut breaks_before, mut chars_before, mut line_start) = (0, 0, 0, 0);
        loop {
            let end = ceil_char_boundary(text, (start + BLOCK).min(text.len()));
            let next_break = memchr::memchr(b'\n', &bytes[start..end]).map_or(end, |i| start + i);
            blocks.push(Block {
                start,
                breaks_before,
                chars_before,
                line_start,
                next_break,
            });
            if end == text.len() {
                break;
            }
            breaks_before += memchr::memchr_iter(b'\n', &bytes[start..end]).count();
            chars_before += text[start..end].chars().count();
            line_start =
                memchr::memrchr(b'\n', &bytes[start..end]).map_or(line_start, |i| start + i + 1);
            start = end;
        }
        // (A block without a break has the next one's: `end` stood for "none in the block".)
        let mut after = text.len();
        for b in blocks.iter_mut().rev() {
            let end = b.next_break;
            if bytes.get(end) == Some(&b'\n') {
                after = end;
            }
            b.next_break = after;
        }
        LineIndex { blocks }
    }

    /// The block that holds byte `at`, and the one after it.
    fn block(&self, at: usize) -> (&Block, Option<&Block>) {
        let i = self.blocks.partition_point(|b| b.start <= at).max(1);
        (&self.blocks[i - 1], self.blocks.get(i))
    }

    /// Characters before byte `at` (a character boundary).
    fn chars_before(&self, text: &str, at: usize) -> usize {
        let b = self.block(at).0;
        b.chars_before + text[b.start..at].chars().count()
    }

    /// The 1-based line of byte `at` (a character boundary), where that line starts and ends
    /// (before its `\n`), and `at`'s 1-based column in characters.
    fn place(&self, text: &str, at: usize) -> (usize, usize, usize, usize) {
        let bytes = text.as_bytes();
        let (b, next) = self.block(at);
        let before = &bytes[b.start..at];
        let line = b.breaks_before + memchr::memchr_iter(b'\n', before).count() + 1;
        let line_start = memchr::memrchr(b'\n', before).map_or(b.line_start, |i| b.start + i + 1);
        let (block_end, then) = next.map_or((text.len(), text.len()), |n| (n.start, n.next_break));
        let line_end = memchr::memchr(b'\n', &bytes[at..block_end]).map_or(then, |i| at + i);
        let column = if line_start >= b.start {
            text[line_start..at].chars().count()
        } else {
            b.chars_before + text[b.start..at].chars().count() - self.chars_before(text, line_start)
        };
        (line, line_start, line_end, column + 1)
    }
}

fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Where a problem is: file, line, column, the text of that line and how many characters to
/// underline.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// The line, or for a long one the part around the place ([`LONG_LINE`]).
    pub source_line: String,
    /// The column the first character of `source_line` stands at: 1 for a whole line.
    pub first_column: usize,
    pub width: usize,
}

/// Whether a problem stops the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Severity {
    #[default]
    Error,
    Warning,
}

/// One problem: what is wrong, where, what was expected, and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub location: Option<Box<Location>>,
    pub expected: Option<String>,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: None,
            expected: None,
            hint: None,
        }
    }

    /// A problem with a whole file (no line within it is at fault).
    pub fn in_file(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            location: Some(Box::new(Location {
                file: path.into(),
                line: 1,
                column: 1,
                source_line: String::new(),
                first_column: 1,
                width: 0,
            })),
            ..Diagnostic::new(message)
        }
    }

    /// The same problem as a warning: reported, but the build goes on.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Text for a terminal: control characters (escape sequences, bells) that a lesson may contain
/// are shown as `\u{1b}` instead of being sent to the terminal.
pub(crate) fn visible(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let this = Diagnostic {
            message: visible(&self.message),
            expected: self.expected.as_deref().map(visible),
            hint: self.hint.as_deref().map(visible),
            location: self.location.as_ref().map(|l| {
                Box::new(Location {
                    file: visible(&l.file),
                    source_line: visible(&l.source_line.replace('\t', " ")),
                    ..(**l).clone()
                })
            }),
            severity: self.severity,
        };
        this.write(f)
    }
}

impl Diagnostic {
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.message)?;
        if let Some(loc) = &self.location {
            let gutter = loc.line.to_string().len();
            let pad = " ".repeat(gutter);
            writeln!(f, "{pad}--> {}:{}:{}", loc.file, loc.line, loc.column)?;
            if !loc.source_line.is_empty() {
                let line = loc.source_line.replace('\t', " ");
                writeln!(f, "{pad} |")?;
                writeln!(f, "{} | {}", loc.line, line)?;
                // (Under the characters, as wide as a terminal shows them: a CJK one is two.)
                let columns = |chars: &mut dyn Iterator<Item = char>| {
                    chars.map(|c| if is_wide(c) { 2 } else { 1 }).sum::<usize>()
                };
                let at = loc.column.saturating_sub(loc.first_column);
                let before = columns(&mut line.chars().take(at));
                let under = columns(&mut line.chars().skip(at).take(loc.width));
                writeln!(
                    f,
                    "{pad} | {}{}",
                    " ".repeat(before),
                    "^".repeat(under.max(1))
                )?;
            }
            if self.expected.is_some() || self.hint.is_some() {
                writeln!(f, "{pad} |")?;
            }
        }
        let pad = " ".repeat(
            self.location
                .as_ref()
                .map_or(0, |l| l.line.to_string().len()),
        );
        if let Some(expected) = &self.expected {
            writeln!(f, "{pad} = expected: {expected}")?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "{pad} = hint: {hint}")?;
        }
        Ok(())
    }
}

/// The error of a build: one or more diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub diagnostics: Vec<Diagnostic>,
}

impl Error {
    /// Every problem of a run with the warnings found alongside, sorted by file, line and
    /// column (problems without a place first), each diagnostic once. `problems` is not empty.
    pub fn report(problems: Vec<Diagnostic>, warnings: Vec<Diagnostic>) -> Error {
        let mut all = problems;
        all.extend(warnings);
        Error::from(in_order(all))
    }

    /// The first error (there is always at least one diagnostic; warnings may come first).
    pub fn first(&self) -> &Diagnostic {
        self.diagnostics
            .iter()
            .find(|d| d.is_error())
            .unwrap_or(&self.diagnostics[0])
    }
}

/// Diagnostics as a run reports them (the errors of a failed run with its warnings, or the
/// warnings of one that succeeded): sorted by file, line and column, those without a place
/// first, each once.
pub fn in_order(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort_by(|a, b| place(a).cmp(&place(b)));
    diagnostics.dedup();
    diagnostics
}

/// Where a diagnostic is, for sorting: none first, then by file, line and column.
fn place(d: &Diagnostic) -> Option<(&str, usize, usize)> {
    d.location
        .as_ref()
        .map(|l| (l.file.as_str(), l.line, l.column))
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error {
            diagnostics: vec![d],
        }
    }
}

impl Error {
    /// With `--deny-warnings` (`deny`), `warnings` made errors (each says so in its hint); none
    /// without it or without any.
    pub fn denied(deny: bool, warnings: &[Diagnostic]) -> Option<Error> {
        let why = "an error by `--deny-warnings`";
        let denied: Vec<Diagnostic> = (warnings.iter().filter(|_| deny).cloned())
            .map(|mut warning| {
                warning.severity = Severity::Error;
                warning.hint = Some(warning.hint.map_or(why.into(), |h| format!("{h} ({why})")));
                warning
            })
            .collect();
        (!denied.is_empty()).then(|| Error::from(denied))
    }
}

impl From<Vec<Diagnostic>> for Error {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        assert!(
            !diagnostics.is_empty(),
            "an error has at least one diagnostic"
        );
        Error { diagnostics }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        // (The count ends every failed run, as rustc's and cargo's summaries do.)
        match self.diagnostics.iter().filter(|d| d.is_error()).count() {
            0 => {}
            1 => writeln!(f, "\n1 error")?,
            errors => writeln!(f, "\n{errors} errors")?,
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_shown_in_part_around_the_place() {
        let line = format!("{}{{{{ x }}}}{}", "é".repeat(500), "a".repeat(500));
        let f = SourceFile::new("a.md", format!("first\n{line}\n"));
        let at = 6 + "é".len() * 500;
        let loc = f.locate(at..at + 7);
        assert_eq!((loc.line, loc.column, loc.width), (2, 501, 7));
        let shown = format!("…{}{{{{ x }}}}{}…", "é".repeat(80), "a".repeat(153));
        assert_eq!(
            (loc.source_line.as_str(), loc.first_column),
            (shown.as_str(), 420)
        );
        let d = f.error(at..at + 7, "unknown placeholder `x`");
        let caret = format!("  | {}^^^^^^^", " ".repeat(81));
        assert!(d.to_string().contains(&caret), "{d}");
        // (A short line is shown whole.)
        assert_eq!(f.locate(0..5).first_column, 1);
        assert_eq!(f.locate(0..5).source_line, "first");
    }

    /// Line and column from the index agree with counting them by hand (lines split, the
    /// characters before the place counted) at every character of a text whose lines are
    /// short, empty, CRLF, Greek and Chinese, and blocks long (lines across several blocks).
    #[test]
    fn the_line_index_places_every_character_as_counting_does() {
        let mut text = String::new();
        for i in 0..300 {
            let line = match i % 7 {
                0 => String::new(),
                1 => "δύο = x\r".to_string(),
                2 => "权重".repeat(i),
                3 => "a".repeat(5000 + i),
                4 => "é".repeat(2100),
                _ => format!("line {i}"),
            };
            text.push_str(&line);
            text.push('\n');
        }
        text.push_str("last line without a break");
        let f = SourceFile::new("a.md", text.as_str());
        let mut expected = Vec::new();
        for (n, line) in text.split('\n').enumerate() {
            for (column, _) in line.chars().chain(['\n']).enumerate() {
                expected.push((n + 1, column + 1, line));
            }
        }
        let starts = (text.char_indices().map(|(i, _)| i)).chain([text.len()]);
        assert!(text.len() > 100 * BLOCK);
        for (at, (line, column, source)) in starts.zip(expected) {
            let loc = f.locate(at..at);
            assert_eq!((loc.line, loc.column), (line, column), "at byte {at}");
            if source.len() <= LONG_LINE {
                assert_eq!(
                    loc.source_line,
                    source.trim_end_matches('\r'),
                    "at byte {at}"
                );
            }
        }
    }

    #[test]
    fn a_span_to_the_end_of_a_crlf_line_is_underlined_without_its_cr() {
        let f = SourceFile::new("a.md", "a = \"relux\"\r\nb = 1\r\n");
        let loc = f.locate(4..12); // the toml crate's span of the value, `\r` included
        assert_eq!((loc.line, loc.column, loc.width), (1, 5, 7));
        assert_eq!(loc.source_line, "a = \"relux\"");
    }

    #[test]
    fn locates_lines_and_columns_in_characters() {
        let f = SourceFile::new("a.md", "one\nδύο = x\nthree");
        let loc = f.locate(13..14); // the `x`: δύο is 3 characters but 6 bytes
        assert_eq!((loc.line, loc.column), (2, 7));
        assert_eq!(loc.source_line, "δύο = x");
    }

    /// A terminal shows a CJK character two columns wide: the caret is under the mistake on a
    /// Chinese line (it was padded by characters, about half as far as the text goes).
    #[test]
    fn the_caret_is_under_the_mistake_on_a_chinese_line() {
        let text = "中文：权重 {{ w11 }}，错误";
        let f = SourceFile::new("a.md", text);
        let at = text.find("{{").unwrap();
        let shown = f.error(at..at + "{{ w11 }}".len(), "m").to_string();
        let line = shown.lines().find(|l| l.contains('^')).unwrap();
        assert_eq!(line, format!("  | {}{}", " ".repeat(11), "^".repeat(9)));
        let wide = f.error(0.."中文".len(), "m").to_string();
        assert!(wide.contains("  | ^^^^\n"), "{wide}");
    }
}
