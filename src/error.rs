//! Errors are values: every problem found in a lesson or template is a [`Diagnostic`] that knows
//! its file, line and column, what was expected and how to fix it. They are rendered once, at the
//! edge (the CLI), in the style of rustc.

use std::fmt;
use std::ops::Range;

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The path as shown to the user (relative to the project root where possible).
    pub path: String,
    pub text: String,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            path: path.into(),
            text: text.into(),
        }
    }

    /// The location of a byte range of this file: 1-based line and column (in characters). A
    /// line longer than [`LONG_LINE`] bytes is kept in part, around the range: a lesson may hold
    /// a line of megabytes, and a diagnostic for every word of it.
    pub fn locate(&self, span: Range<usize>) -> Location {
        let (text, bytes) = (&self.text, self.text.as_bytes());
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
        // (memchr's SIMD search: a diagnostic costs a pass over the text, not a walk.)
        let line_start = memchr::memrchr(b'\n', &bytes[..start]).map_or(0, |i| i + 1);
        let line_end = memchr::memchr(b'\n', &bytes[start..]).map_or(text.len(), |i| start + i);
        let line = memchr::memchr_iter(b'\n', &bytes[..start]).count() + 1;
        let column = text[line_start..start].chars().count() + 1;
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
fn visible(s: &str) -> String {
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
