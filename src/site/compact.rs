//! The theme's own scripts and stylesheet as the site serves them: without comments and the
//! whitespace no browser needs (the commented sources are `templates/*.js` and
//! `templates/style.css`). Only the built-in files, or a project's unchanged copies of them: a
//! project's own files are served as written.
//!
//! Both are token-level passes over text the project writes itself, not general minifiers: they
//! never rename, reorder or rewrite a token, and copy strings, template literals and regular
//! expressions as they are.

/// A script without comments, indentation and the spaces between tokens that need none.
/// Line breaks stay where a statement may end there (automatic semicolon insertion depends on
/// them), so only those after `;`, `{`, `,`, `(` and `[` go.
pub fn script(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Tokens::default();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            '\n' => out.gap = Gap::Line,
            ' ' | '\t' | '\r' => out.gap = out.gap.max(Gap::Space),
            '/' if next == Some('/') => {
                while i + 1 < chars.len() && chars[i + 1] != '\n' {
                    i += 1;
                }
                out.gap = out.gap.max(Gap::Space);
            }
            '/' if next == Some('*') => {
                let end = find(&chars, i + 2, &['*', '/']).unwrap_or(chars.len());
                let gap = match chars[i..end].contains(&'\n') {
                    true => Gap::Line,
                    false => Gap::Space,
                };
                out.gap = out.gap.max(gap);
                i = end;
            }
            '"' | '\'' | '`' => {
                out.token_start(c);
                i = out.copy_literal(&chars, i, c);
                out.last = Last::Other(c);
            }
            '/' if out.regex_may_start() => {
                out.token_start(c);
                i = out.copy_regex(&chars, i);
                // Flags end a regular expression like a word: a word after it keeps its space.
                out.last = Last::Word('a', false);
            }
            _ => {
                out.token_start(c);
                out.text.push(c);
                out.push_char(c);
            }
        }
        i += 1;
    }
    if !out.text.ends_with('\n') {
        out.text.push('\n');
    }
    out.text
}

/// A stylesheet without comments and the spaces around `{`, `}`, `;`, `,` and `>` and after
/// `:`, and without the `;` before a `}`. Spaces before `:` and `(` stay (`a :hover` and
/// `and (` mean something else without them), as do those around `+` and `-` (`calc`).
pub fn style(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' | '\r' | '\n' => space = true,
            '/' if chars.get(i + 1) == Some(&'*') => {
                i = find(&chars, i + 2, &['*', '/']).unwrap_or(chars.len());
                space = true;
            }
            _ => {
                let last = out.chars().next_back();
                let tight = |ch: Option<char>| matches!(ch, Some('{' | '}' | ';' | ',' | '>'));
                if space && !out.is_empty() && !tight(last) && last != Some(':') && !tight(Some(c))
                {
                    out.push(' ');
                }
                space = false;
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                if c == '"' || c == '\'' {
                    let end = literal_end(&chars, i, c);
                    out.extend(&chars[i..end]);
                    i = end;
                    continue;
                }
                out.push(c);
            }
        }
        i += 1;
    }
    out.push('\n');
    out
}

/// What separates the token about to be written from the one before it.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
enum Gap {
    #[default]
    None,
    Space,
    Line,
}

/// The last token written: a word (its last character, and `true` when it is a keyword after
/// which `/` starts a regular expression), or the last character of anything else.
#[derive(Clone, Copy, Default)]
enum Last {
    #[default]
    Start,
    Word(char, bool),
    Other(char),
}

#[derive(Default)]
struct Tokens {
    text: String,
    gap: Gap,
    last: Last,
    /// The word being written, to tell keywords such as `return` from names.
    word: String,
}

/// Keywords after which `/` starts a regular expression rather than a division.
const BEFORE_EXPRESSION: [&str; 12] = [
    "return",
    "typeof",
    "case",
    "do",
    "else",
    "in",
    "of",
    "new",
    "delete",
    "void",
    "throw",
    "instanceof",
];

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$' || !c.is_ascii()
}

impl Tokens {
    /// Write what the gap before the token starting with `c` needs: a line break where a
    /// statement may end, a space where two tokens would otherwise merge, else nothing.
    fn token_start(&mut self, c: char) {
        let gap = std::mem::take(&mut self.gap);
        let last = match self.last {
            Last::Start => return,
            Last::Word(ch, _) => ch,
            Last::Other(ch) => ch,
        };
        if gap == Gap::Line && !matches!(last, ';' | '{' | ',' | '(' | '[') {
            self.text.push('\n');
        } else if gap != Gap::None && needs_space(last, c) {
            self.text.push(' ');
        }
    }

    /// Note a character written outside literals.
    fn push_char(&mut self, c: char) {
        if is_word(c) {
            if !matches!(self.last, Last::Word(..)) {
                self.word.clear();
            }
            self.word.push(c);
            self.last = Last::Word(c, BEFORE_EXPRESSION.contains(&self.word.as_str()));
        } else {
            self.last = Last::Other(c);
        }
    }

    /// Whether a `/` here starts a regular expression: not after a name, a number or a closing
    /// bracket. (Taking a division for a regular expression only copies it as written.)
    fn regex_may_start(&self) -> bool {
        match self.last {
            Last::Start => true,
            Last::Word(_, keyword) => keyword,
            Last::Other(c) => !matches!(c, ')' | ']' | '"' | '\'' | '`'),
        }
    }

    /// Copy the string or template literal opening at `start`; the index of its last character.
    fn copy_literal(&mut self, chars: &[char], start: usize, quote: char) -> usize {
        let end = literal_end(chars, start, quote);
        self.text.extend(&chars[start..end]);
        end - 1
    }

    /// Copy the regular expression opening at `start` with its flags; the index of its last
    /// character. One that does not close on its line is copied to the line's end.
    fn copy_regex(&mut self, chars: &[char], start: usize) -> usize {
        let mut i = start + 1;
        let mut class = false;
        while i < chars.len() && chars[i] != '\n' {
            match chars[i] {
                '\\' => i += 1,
                '[' => class = true,
                ']' => class = false,
                '/' if !class => break,
                _ => {}
            }
            i += 1;
        }
        if i < chars.len() && chars[i] == '/' {
            i += 1;
            while i < chars.len() && is_word(chars[i]) {
                i += 1;
            }
        }
        let end = i.min(chars.len());
        self.text.extend(&chars[start..end]);
        end - 1
    }
}

/// Whether two tokens ending and starting with `a` and `b` need a space between them.
fn needs_space(a: char, b: char) -> bool {
    (is_word(a) && is_word(b))
        || (matches!(a, '+' | '-') && a == b)
        || (a == '/' && matches!(b, '/' | '*'))
        || (a == '<' && b == '!')
        || (a == '-' && b == '>')
        || (a.is_ascii_digit() && b == '.')
}

/// The index just past the literal quoted by `quote` that opens at `start` (backslash escapes
/// honoured), or the text's end.
fn literal_end(chars: &[char], start: usize, quote: char) -> usize {
    let mut i = start + 1;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            c if c == quote => return i + 1,
            _ => {}
        }
        i += 1;
    }
    chars.len()
}

/// The index of the last character of the first `pair` at or after `from`.
fn find(chars: &[char], from: usize, pair: &[char; 2]) -> Option<usize> {
    (from..chars.len().saturating_sub(1))
        .find(|&i| chars[i] == pair[0] && chars[i + 1] == pair[1])
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_lose_comments_and_spaces_but_keep_every_token() {
        let js = "// head\n(function () {\n  var a = b + +c, d = e - -f; // tail\n  /* block */ \
                  return a / 2 / d;\n}());\nif (x) y()\n++z\nvar s = \"a  b // c\", t = 'it\\'s  x';\n\
                  var r = /[/ ]+ x/g.test(s) ? 1 .toFixed() : typeof /a b/;\n";
        let want = "(function(){var a=b+ +c,d=e- -f;return a/2/d;}());if(x)y()\n++z\n\
                    var s=\"a  b // c\",t='it\\'s  x';var r=/[/ ]+ x/g.test(s)?1 .toFixed():typeof/a b/;\n";
        assert_eq!(script(js), want);
    }

    #[test]
    fn a_word_after_a_regular_expression_keeps_its_space() {
        assert_eq!(script("x = /a/g instanceof y;"), "x=/a/g instanceof y;\n");
        assert_eq!(script("t = `a  ${b}  c`;\n"), "t=`a  ${b}  c`;\n");
    }

    #[test]
    fn stylesheets_lose_comments_and_spaces_where_no_meaning_changes() {
        let css = "/* theme */\n:root {\n  --x: rgba(1, 2, 3, .2); /* why */\n}\n\
                   @media (max-width: 35em) and (prefers-color-scheme: dark) {\n  a > b, .c :hover { \
                   width: calc(1rem + 2px); font-family: \"Segoe  UI\", sans-serif; }\n}\n";
        let want =
            ":root{--x:rgba(1,2,3,.2)}@media (max-width:35em) and (prefers-color-scheme:dark)\
                    {a>b,.c :hover{width:calc(1rem + 2px);font-family:\"Segoe  UI\",sans-serif}}\n";
        assert_eq!(style(css), want);
    }
}
