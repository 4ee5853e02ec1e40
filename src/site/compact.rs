//! The theme's own scripts and stylesheet as the site serves them: without comments and the
//! whitespace no browser needs (the commented sources are `templates/*.js` and
//! `templates/style.css`). Only the built-in files, or a project's unchanged copies of them: a
//! project's own files are served as written.
//!
//! Both are token-level passes over text the project writes itself, not general minifiers: they
//! never reorder or rewrite a token, and copy strings, template literals and regular expressions
//! as they are. A script's local names are then made short ([`super::rename`]).

use super::arrows;
use super::rename::{self, Kind, Token};

/// A script as served: without comments, indentation and the spaces between tokens that need
/// none ([`squeeze`]), its local names made short ([`rename::locals`]), its anonymous functions
/// written as arrows where that changes nothing ([`arrows::arrows`]).
pub fn script(text: &str) -> String {
    let (bytes, tokens) = squeeze(text);
    let (bytes, tokens) = match rename::locals(&bytes, &tokens) {
        // (The renamed text's tokens: squeezing a squeezed text changes none of its bytes.)
        Some(renamed) => squeeze(&utf8(renamed)),
        None => (bytes, tokens),
    };
    utf8(arrows::arrows(&bytes, &tokens).unwrap_or(bytes))
}

/// A script without comments, indentation and the spaces between tokens that need none, and
/// its tokens (by their bytes in it).
/// Line breaks stay where a statement may end there (automatic semicolon insertion depends on
/// them), so only those after `;`, `{`, `,`, `(` and `[` go, and those after `}`: where a
/// statement would end at a `}` only by a semicolon inserted there, the script without the line
/// break does not parse (it is never another program), and the theme's scripts end each such
/// statement with `;` (the browser tests load every one).
pub(super) fn squeeze(text: &str) -> (Vec<u8>, Vec<Token>) {
    // Bytes, not chars: every character the pass looks at is ASCII, and a multi-byte character
    // (its bytes all >= 0x80) is copied byte by byte as part of a word.
    let chars = text.as_bytes();
    let mut out = Tokens {
        text: Vec::with_capacity(text.len()),
        ..Tokens::default()
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            b'\n' => out.gap = Gap::Line,
            b' ' | b'\t' | b'\r' => {
                i = run_end(chars, i, |b| matches!(b, b' ' | b'\t' | b'\r')) - 1;
                out.gap = out.gap.max(Gap::Space);
            }
            b'/' if next == Some(b'/') => {
                i = run_end(chars, i, |b| b != b'\n') - 1;
                out.gap = out.gap.max(Gap::Space);
            }
            b'/' if next == Some(b'*') => {
                let end = find(chars, i + 2, b"*/").unwrap_or(chars.len());
                let gap = match chars[i..end].contains(&b'\n') {
                    true => Gap::Line,
                    false => Gap::Space,
                };
                out.gap = out.gap.max(gap);
                i = end;
            }
            b'"' | b'\'' | b'`' => {
                out.token_start(c);
                let start = out.text.len();
                i = out.copy_literal(chars, i, c);
                out.mark(start, Kind::Literal);
                out.last = Last::Other(c);
            }
            b'/' if out.regex_may_start() => {
                out.token_start(c);
                let start = out.text.len();
                i = out.copy_regex(chars, i);
                out.mark(start, Kind::Literal);
                // Flags end a regular expression like a word: a word after it keeps its space.
                out.last = Last::Flags;
            }
            // A name, number or keyword is copied whole: this pass runs in every build, and a
            // byte at a time through the `match` took twice as long.
            _ if is_word(c) => {
                out.token_start(c);
                let end = run_end(chars, i, is_word);
                if !matches!(out.last, Last::Word(_) | Last::Flags) {
                    out.word.clear();
                }
                out.word.extend_from_slice(&chars[i..end]);
                let start = out.text.len();
                out.text.extend_from_slice(&chars[i..end]);
                out.mark(start, Kind::Word);
                out.last = Last::Word(chars[end - 1]);
                i = end - 1;
            }
            _ => {
                out.token_start(c);
                out.text.push(c);
                out.mark(out.text.len() - 1, Kind::Punct);
                out.last = Last::Other(c);
            }
        }
        i += 1;
    }
    if out.text.last() != Some(&b'\n') {
        out.text.push(b'\n');
    }
    (out.text, out.tokens)
}

/// The compacted text: only whole characters were cut out, so it is UTF-8 (a lossy conversion
/// rather than a panic, should that ever not hold).
fn utf8(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A stylesheet without comments and the spaces around `{`, `}`, `;`, `,`, `>` and `!` and after
/// `:`, and without the `;` before a `}`. Spaces before `:` and `(` stay (`a :hover` and
/// `and (` mean something else without them), as do those around `+` and `-` (`calc`).
pub fn style(text: &str) -> String {
    let chars = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    let mut space = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            b' ' | b'\t' | b'\r' | b'\n' => space = true,
            b'/' if chars.get(i + 1) == Some(&b'*') => {
                i = find(chars, i + 2, b"*/").unwrap_or(chars.len());
                space = true;
            }
            _ => {
                let last = out.last().copied();
                // (No value needs a space around `/` either: `left / 1rem`, `1 / span 2`; nor
                // before `!important`.)
                let tight = |ch: Option<u8>| {
                    matches!(ch, Some(b'{' | b'}' | b';' | b',' | b'>' | b'/' | b'!'))
                };
                if space && !out.is_empty() && !tight(last) && last != Some(b':') && !tight(Some(c))
                {
                    out.push(b' ');
                }
                space = false;
                if c == b'}' && last == Some(b';') {
                    out.pop();
                }
                if c == b'"' || c == b'\'' {
                    let end = literal_end(chars, i, c);
                    out.extend_from_slice(&chars[i..end]);
                    i = end;
                    continue;
                }
                out.push(c);
            }
        }
        i += 1;
    }
    out.push(b'\n');
    utf8(out)
}

/// What separates the token about to be written from the one before it.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
enum Gap {
    #[default]
    None,
    Space,
    Line,
}

/// The last token written: a word (its last character; whether it is a keyword after which `/`
/// starts a regular expression is asked of [`Tokens::word`] only then), a regular expression's
/// flags (a word that is no keyword), or the last character of anything else.
#[derive(Clone, Copy, Default)]
enum Last {
    #[default]
    Start,
    Word(u8),
    Flags,
    Other(u8),
}

#[derive(Default)]
struct Tokens {
    text: Vec<u8>,
    gap: Gap,
    last: Last,
    /// The word being written, to tell keywords such as `return` from names.
    word: Vec<u8>,
    /// The tokens written so far, line breaks included.
    tokens: Vec<Token>,
}

/// Keywords after which `/` starts a regular expression rather than a division.
const BEFORE_EXPRESSION: [&[u8]; 12] = [
    b"return",
    b"typeof",
    b"case",
    b"do",
    b"else",
    b"in",
    b"of",
    b"new",
    b"delete",
    b"void",
    b"throw",
    b"instanceof",
];

/// A byte of a name, a number or a keyword; every byte of a non-ASCII character counts.
fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || !c.is_ascii()
}

impl Tokens {
    /// Write what the gap before the token starting with `c` needs: a line break where a
    /// statement may end, a space where two tokens would otherwise merge, else nothing.
    fn token_start(&mut self, c: u8) {
        let gap = std::mem::take(&mut self.gap);
        let last = match self.last {
            Last::Start => return,
            Last::Word(ch) | Last::Other(ch) => ch,
            Last::Flags => b'a',
        };
        if gap == Gap::Line && !matches!(last, b';' | b'{' | b'}' | b',' | b'(' | b'[') {
            self.text.push(b'\n');
            self.mark(self.text.len() - 1, Kind::Line);
        } else if gap != Gap::None && needs_space(last, c) {
            self.text.push(b' ');
        }
    }

    /// Note the token written from `start` to the end of the text.
    fn mark(&mut self, start: usize, kind: Kind) {
        let end = self.text.len();
        self.tokens.push(Token { start, end, kind });
    }

    /// Whether a `/` here starts a regular expression: not after a name, a number or a closing
    /// bracket. (Taking a division for a regular expression only copies it as written.)
    fn regex_may_start(&self) -> bool {
        match self.last {
            Last::Start => true,
            Last::Word(_) => BEFORE_EXPRESSION.contains(&self.word.as_slice()),
            Last::Flags => false,
            Last::Other(c) => !matches!(c, b')' | b']' | b'"' | b'\'' | b'`'),
        }
    }

    /// Copy the string or template literal opening at `start`; the index of its last byte.
    fn copy_literal(&mut self, chars: &[u8], start: usize, quote: u8) -> usize {
        let end = literal_end(chars, start, quote);
        self.text.extend_from_slice(&chars[start..end]);
        end - 1
    }

    /// Copy the regular expression opening at `start` with its flags; the index of its last
    /// byte. One that does not close on its line is copied to the line's end.
    fn copy_regex(&mut self, chars: &[u8], start: usize) -> usize {
        let mut i = start + 1;
        let mut class = false;
        while i < chars.len() && chars[i] != b'\n' {
            match chars[i] {
                b'\\' => i += 1,
                b'[' => class = true,
                b']' => class = false,
                b'/' if !class => break,
                _ => {}
            }
            i += 1;
        }
        if i < chars.len() && chars[i] == b'/' {
            i += 1;
            while i < chars.len() && is_word(chars[i]) {
                i += 1;
            }
        }
        let end = i.min(chars.len());
        self.text.extend_from_slice(&chars[start..end]);
        end - 1
    }
}

/// Whether two tokens ending and starting with `a` and `b` need a space between them.
fn needs_space(a: u8, b: u8) -> bool {
    (is_word(a) && is_word(b))
        || (matches!(a, b'+' | b'-') && a == b)
        || (a == b'/' && matches!(b, b'/' | b'*'))
        || (a == b'<' && b == b'!')
        || (a == b'-' && b == b'>')
        || (a.is_ascii_digit() && b == b'.')
}

/// The index just past the literal quoted by `quote` that opens at `start` (backslash escapes
/// honoured), or the text's end.
fn literal_end(chars: &[u8], start: usize, quote: u8) -> usize {
    let mut i = start + 1;
    while i < chars.len() {
        match chars[i] {
            b'\\' => i += 1,
            c if c == quote => return i + 1,
            _ => {}
        }
        i += 1;
    }
    chars.len()
}

/// The index just past the run of bytes from `start` that `inside` accepts (`start`'s own
/// included).
fn run_end(chars: &[u8], start: usize, inside: impl Fn(u8) -> bool) -> usize {
    chars[start..]
        .iter()
        .position(|&b| !inside(b))
        .map_or(chars.len(), |n| start + n)
}

/// The index of the last byte of the first `pair` at or after `from`.
fn find(chars: &[u8], from: usize, pair: &[u8; 2]) -> Option<usize> {
    (from..chars.len().saturating_sub(1))
        .find(|&i| chars[i] == pair[0] && chars[i + 1] == pair[1])
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A script squeezed, its names as written.
    fn squeezed(js: &str) -> String {
        utf8(squeeze(js).0)
    }

    #[test]
    fn scripts_lose_comments_and_spaces_but_keep_every_token() {
        let js = "// head\n(function () {\n  var a = b + +c, d = e - -f; // tail\n  /* block */ \
                  return a / 2 / d;\n}());\nif (x) y()\n++z\nvar s = \"a  b // c\", t = 'it\\'s  x';\n\
                  var r = /[/ ]+ x/g.test(s) ? 1 .toFixed() : typeof /a b/;\n";
        let want = "(function(){var a=b+ +c,d=e- -f;return a/2/d;}());if(x)y()\n++z\n\
                    var s=\"a  b // c\",t='it\\'s  x';var r=/[/ ]+ x/g.test(s)?1 .toFixed():typeof/a b/;\n";
        assert_eq!(squeezed(js), want);
    }

    #[test]
    fn line_breaks_after_a_closing_brace_go() {
        let js = "function f() {\n  if (a) {\n    b();\n  }\n  else c();\n}\nvar g = function () {\n};\n";
        assert_eq!(
            squeezed(js),
            "function f(){if(a){b();}else c();}var g=function(){};\n"
        );
    }

    #[test]
    fn a_word_after_a_regular_expression_keeps_its_space() {
        assert_eq!(squeezed("x = /a/g instanceof y;"), "x=/a/g instanceof y;\n");
        assert_eq!(squeezed("t = `a  ${b}  c`;\n"), "t=`a  ${b}  c`;\n");
    }

    #[test]
    fn characters_beyond_ascii_are_copied_whole_as_parts_of_words() {
        let js = "var é = \"ü  x\"; // ß\nf(é)\nreturn π / 2 + /λ μ/.source\n";
        assert_eq!(
            squeezed(js),
            "var é=\"ü  x\";f(é)\nreturn π/2+/λ μ/.source\n"
        );
        assert_eq!(
            style("a::after { content: \"→  ←\" ; }"),
            "a::after{content:\"→  ←\"}\n"
        );
    }

    /// The theme serves what this module makes of its sources (`build.rs` ran it when nnbook
    /// was compiled), for every script and stylesheet.
    #[test]
    fn the_theme_serves_its_sources_as_made_compact_here() {
        for (name, source) in super::super::default_theme::DEFAULT_TEMPLATES {
            let want = match name.rsplit_once('.').map(|(_, ext)| ext) {
                Some("js") => script(source),
                Some("css") => style(source),
                _ => continue,
            };
            let served = super::super::default_theme::SERVED
                .iter()
                .find(|s| s.0 == name);
            assert_eq!(served.expect(name).1, want, "{name}");
        }
    }

    #[test]
    fn stylesheets_lose_comments_and_spaces_where_no_meaning_changes() {
        let css = "/* theme */\n:root {\n  --x: rgba(1, 2, 3, .2); /* why */\n}\n\
                   @media (max-width: 35em) and (prefers-color-scheme: dark) {\n  a > b, .c :hover { \
                   width: calc(1rem + 2px); font-family: \"Segoe  UI\", sans-serif; }\n}\n\
                   b { background: x left / 1rem 100%; grid-row: 1 / span 2; top: 0 !important; }\n";
        let want =
            ":root{--x:rgba(1,2,3,.2)}@media (max-width:35em) and (prefers-color-scheme:dark)\
                    {a>b,.c :hover{width:calc(1rem + 2px);font-family:\"Segoe  UI\",sans-serif}}\
                    b{background:x left/1rem 100%;grid-row:1/span 2;top:0!important}\n";
        assert_eq!(style(css), want);
    }
}
