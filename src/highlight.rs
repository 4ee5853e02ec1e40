//! Build-time syntax highlighting for the code of lessons: a small tokenizer per language
//! (Python, TOML, shell) that wraps tokens in `<span class="hl-*">`, coloured by the
//! stylesheet for the light and dark themes. Other languages are escaped and shown plain.

use crate::text::escape;

/// The token classes, as CSS classes.
const KEYWORD: &str = "hl-k";
const STRING: &str = "hl-s";
const NUMBER: &str = "hl-n";
const COMMENT: &str = "hl-c";
const BUILTIN: &str = "hl-b";
const KEY: &str = "hl-key";

const PYTHON_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];
const PYTHON_BUILTINS: &[&str] = &[
    "abs",
    "dict",
    "enumerate",
    "float",
    "int",
    "len",
    "list",
    "max",
    "min",
    "print",
    "range",
    "round",
    "str",
    "sum",
    "tuple",
    "zip",
];
const SHELL_KEYWORDS: &[&str] = &[
    "if", "then", "else", "fi", "for", "in", "do", "done", "while", "case", "esac", "function",
    "export", "cd", "echo",
];

/// The `<pre><code>` of a code block, highlighted when the language is known.
pub fn code_block(lang: &str, code: &str) -> String {
    let body = match lang {
        "python" | "py" => tokens(code, Lang::Python),
        "toml" | "network" | "figure" | "table" | "parameters" => tokens(code, Lang::Toml),
        "sh" | "bash" | "shell" | "console" => tokens(code, Lang::Shell),
        _ => escape(code),
    };
    let class = if lang.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{}\"", escape(lang))
    };
    format!("<pre><code{class}>{body}</code></pre>\n")
}

#[derive(Clone, Copy, PartialEq)]
enum Lang {
    Python,
    Toml,
    Shell,
}

fn span(out: &mut String, class: &str, text: &str) {
    out.push_str("<span class=\"");
    out.push_str(class);
    out.push_str("\">");
    out.push_str(&escape(text));
    out.push_str("</span>");
}

fn tokens(code: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(code.len() * 2);
    let chars: Vec<(usize, char)> = code.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(code.len(), |c| c.0);
    let mut i = 0;
    let mut line_start = true;
    while i < chars.len() {
        let (at, c) = chars[i];
        // Comments run to the end of the line.
        if c == '#' {
            let j = chars[i..]
                .iter()
                .position(|(_, c)| *c == '\n')
                .map_or(chars.len(), |p| i + p);
            span(&mut out, COMMENT, &code[at..end_of(j)]);
            i = j;
            continue;
        }
        if c == '"' || c == '\'' {
            let j = string_end(code, &chars, i, lang);
            // A Python string prefix (f, r, b) was already written as part of the word before.
            span(&mut out, STRING, &code[at..end_of(j)]);
            i = j;
            line_start = false;
            continue;
        }
        if c.is_ascii_digit() {
            let mut j = i;
            while j < chars.len()
                && (chars[j].1.is_ascii_alphanumeric() || chars[j].1 == '.' || chars[j].1 == '_')
            {
                // (An exponent's sign is the number's: `1e-300`, `2.5E+3`; not in hex, `0xe-1`.)
                let exponent = matches!(chars[j].1, 'e' | 'E')
                    && !matches!(chars.get(i + 1).map(|c| c.1), Some('x' | 'X'))
                    && matches!(chars.get(j + 1).map(|c| c.1), Some('-' | '+'))
                    && chars.get(j + 2).is_some_and(|c| c.1.is_ascii_digit());
                j += if exponent { 2 } else { 1 };
            }
            span(&mut out, NUMBER, &code[at..end_of(j)]);
            i = j;
            line_start = false;
            continue;
        }
        if c.is_alphabetic() || c == '_' {
            let mut j = i;
            while j < chars.len()
                && (chars[j].1.is_alphanumeric()
                    || chars[j].1 == '_'
                    || (lang == Lang::Toml && chars[j].1 == '-'))
            {
                j += 1;
            }
            let word = &code[at..end_of(j)];
            let next = chars[j..]
                .iter()
                .map(|c| c.1)
                .find(|c| *c != ' ' && *c != '\t');
            match word_class(word, lang, line_start, next) {
                Some(class) => span(&mut out, class, word),
                None => out.push_str(&escape(word)),
            }
            i = j;
            line_start = false;
            continue;
        }
        if c == '\n' {
            line_start = true;
        } else if !c.is_whitespace() {
            line_start = false;
        }
        out.push_str(&escape(&code[at..end_of(i + 1)]));
        i += 1;
    }
    out
}

/// The index of the character after the string literal that opens at character `i` (a
/// quote), or the end of the line for an unclosed one; triple quotes in Python and TOML.
fn string_end(code: &str, chars: &[(usize, char)], i: usize, lang: Lang) -> usize {
    let (at, c) = chars[i];
    let triple = lang != Lang::Shell && code[at..].starts_with(&c.to_string().repeat(3));
    let close_len = if triple { 3 } else { 1 };
    let mut j = i + close_len;
    while j < chars.len() {
        let cj = chars[j].1;
        if cj == '\\' && lang != Lang::Shell {
            j += 2;
            continue;
        }
        if !triple && cj == '\n' {
            break;
        }
        if cj == c && (!triple || code[chars[j].0..].starts_with(&c.to_string().repeat(3))) {
            j += close_len;
            break;
        }
        j += 1;
    }
    j.min(chars.len())
}

/// The class of a word: a keyword, a builtin called, a TOML literal or key, a shell command
/// keyword at the start of a line; `None` for plain text. `next` is the next character that
/// is not a space or tab.
fn word_class(
    word: &str,
    lang: Lang,
    line_start: bool,
    next: Option<char>,
) -> Option<&'static str> {
    match lang {
        Lang::Python if PYTHON_KEYWORDS.contains(&word) => Some(KEYWORD),
        Lang::Python if PYTHON_BUILTINS.contains(&word) && next == Some('(') => Some(BUILTIN),
        Lang::Toml if word == "true" || word == "false" || word == "inf" || word == "nan" => {
            Some(NUMBER)
        }
        Lang::Toml if line_start || next == Some('=') => Some(KEY),
        Lang::Shell if line_start && SHELL_KEYWORDS.contains(&word) => Some(KEYWORD),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_tokens_get_classes() {
        let html = code_block(
            "python",
            "import numpy as np\nx = max(0, 1.70)  # peak\ns = 'a<b'\n",
        );
        assert!(html.contains("<span class=\"hl-k\">import</span>"));
        assert!(html.contains("<span class=\"hl-b\">max</span>"));
        assert!(html.contains("<span class=\"hl-n\">1.70</span>"));
        assert!(html.contains("<span class=\"hl-c\"># peak</span>"));
        assert!(html.contains("<span class=\"hl-s\">&#39;a&lt;b&#39;</span>"));
    }

    /// An exponent's sign is part of its number (`1e-300` was `1e` and `300` around a minus);
    /// a minus after a number is not, nor one after a hexadecimal `e`.
    #[test]
    fn exponents_keep_their_sign() {
        let html = code_block("python", "a = 1e-300 + 2.5E+3 - 4e\nb = 0xe-1\n");
        assert!(
            html.contains("<span class=\"hl-n\">1e-300</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"hl-n\">2.5E+3</span>"),
            "{html}"
        );
        assert!(html.contains("- <span class=\"hl-n\">4e</span>"), "{html}");
        assert!(
            html.contains("<span class=\"hl-n\">0xe</span>-<span class=\"hl-n\">1</span>"),
            "{html}"
        );
    }

    #[test]
    fn unknown_languages_are_escaped_only() {
        assert_eq!(code_block("", "<b>"), "<pre><code>&lt;b&gt;</code></pre>\n");
    }

    #[test]
    fn toml_keys_and_unterminated_strings() {
        let html = code_block("toml", "w1 = 1.70\nname = \"top");
        assert!(html.contains("<span class=\"hl-key\">w1</span>"));
        assert!(html.contains("<span class=\"hl-s\">&quot;top</span>"));
    }
}
