//! Error positions marked in the text instead of counted by hand: a lesson (or a fixture)
//! holds one [`MARK`] exactly where a diagnostic's caret must point; [`marked`] removes it and
//! says where it was, as `line:column` (1-based, columns counted in characters, as the
//! diagnostics count them).

use std::fmt;

/// The marker: U+2038 CARET, which no lesson, fixture or template uses otherwise.
pub const MARK: char = '‸';

/// A 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Where the text `before` ends: the position of the character that follows it.
pub fn position_after(before: &str) -> Position {
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Position {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

/// `text` without its one [`MARK`], and the marker's position. Panics unless there is exactly
/// one marker.
pub fn marked(text: &str) -> (String, Position) {
    let at = text
        .find(MARK)
        .unwrap_or_else(|| panic!("no {MARK} marker in:\n{text}"));
    let rest = &text[at + MARK.len_utf8()..];
    assert!(
        !rest.contains(MARK),
        "more than one {MARK} marker in:\n{text}"
    );
    (
        format!("{}{rest}", &text[..at]),
        position_after(&text[..at]),
    )
}

#[test]
fn marked_counts_lines_and_characters_from_one() {
    let p = |line, column| Position { line, column };
    assert_eq!(marked("‸abc"), ("abc".to_string(), p(1, 1)));
    assert_eq!(marked("ab‸c"), ("abc".to_string(), p(1, 3)));
    assert_eq!(marked("a\nb\n‸c"), ("a\nb\nc".to_string(), p(3, 1)));
    // `→` and `“` are three bytes each but one column.
    assert_eq!(marked("x\n→“ ‸y\n"), ("x\n→“ y\n".to_string(), p(2, 4)));
    assert_eq!(marked("ab\n‸").1.to_string(), "2:1");
}

#[test]
#[should_panic(expected = "more than one")]
fn two_markers_are_refused() {
    marked("‸a‸");
}

#[test]
#[should_panic(expected = "no ‸ marker")]
fn a_missing_marker_is_refused() {
    marked("abc");
}
