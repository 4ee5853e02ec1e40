//! Text helpers shared by every stage: escaping for HTML and XML, numbers as text, plurals and
//! "did you mean" hints. Imports nothing from the rest of the crate.

use std::fmt::Write as _;
use std::ops::Range;

/// Append `v` as `format!("{v}")` writes it: the shortest digits that read back as the same
/// number, never an exponent; several times faster (zmij, Schubfach). One difference: when two
/// shortest forms are exactly as close (a value like 982571893988146.25), zmij rounds the last
/// digit to even where `Display` rounds up. Both read back as `v`.
pub fn push_number(out: &mut String, v: f64) {
    if v.is_finite() {
        let mut buffer = zmij::Buffer::new();
        let s = buffer.format_finite(v);
        if !s.contains('e') {
            out.push_str(s.strip_suffix(".0").unwrap_or(s));
            return;
        }
    }
    let _ = write!(out, "{v}");
}

/// Text without control characters (other than tab and newline), which XML does not allow.
pub fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect()
}

/// Escape text for XML (SVG) and HTML; control characters are dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    let bytes = s.as_bytes();
    // Copy the runs of plain text whole; stop only at the bytes that need a change.
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        let (len, replacement) = match bytes[i] {
            b'&' => (1, "&amp;"),
            b'<' => (1, "&lt;"),
            b'>' => (1, "&gt;"),
            b'"' => (1, "&quot;"),
            b'\'' => (1, "&#39;"),
            b'\n' | b'\t' => (0, ""),
            // C0 controls and DEL, then C1 controls (U+0080 to U+009F: 0xC2 0x80..=0x9F).
            0..=0x1f | 0x7f => (1, ""),
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => (2, ""),
            _ => (0, ""),
        };
        if len == 0 {
            i += 1;
            continue;
        }
        out.push_str(&s[start..i]);
        out.push_str(replacement);
        i += len;
        start = i;
    }
    out.push_str(&s[start..]);
    out
}

/// Where a run of text written left to right (a number, a sum, `w1 = −0.85`) inside text
/// written right to left starts and ends: a `<bdi>` of its own, so that a minus stays before
/// its digits (the bidirectional algorithm would put it after them, behind an Arabic word).
pub const LTR_OPEN: &str = "<bdi dir=\"ltr\">";
pub const LTR_CLOSE: &str = "</bdi>";

/// `text` as a run written left to right of its own ([`LTR_OPEN`]); as it is where `rtl` is
/// false (text written left to right needs none).
pub fn left_to_right(text: String, rtl: bool) -> String {
    match rtl {
        true => format!("{LTR_OPEN}{text}{LTR_CLOSE}"),
        false => text,
    }
}

/// Plain text as Markdown that shows it literally (a notebook's Markdown cells): the characters
/// Markdown (and Jupyter's math) would read as markup are backslash-escaped (`\<script>` shows
/// as text, never as a tag), everything else, apostrophes and quotes included, is kept as it
/// is; control characters are dropped and line breaks become spaces.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '$' | '~' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Magnitudes below this one are written in fixed point by [`format_number`], larger ones in
/// scientific form.
pub const FIXED_BELOW: f64 = 1e9;

/// A number as lessons show it in prose and tables: `decimals` decimals and a true minus sign,
/// "−0.00" written "0.00". Magnitudes from 1e9 are written in scientific form with `decimals`
/// decimals (`1.00e308`); every smaller one in fixed point, however small: 0.0002 and 0.00005
/// are both "0.00" at two decimals (the second was `5.00e−5`, beside the first's "0.00" in the
/// same column). A lesson that needs more digits raises its `precision`.
pub fn format_number(value: f64, decimals: usize) -> String {
    if value.is_finite() && value.abs() >= FIXED_BELOW {
        return format!("{value:.decimals$e}").replace('-', "\u{2212}");
    }
    format_fixed(value, decimals)
}

/// Whether a message writes `value` in scientific form: a finite value, not zero, outside
/// 1e-4..1e9 (its shortest digits would be long).
fn scientific(value: f64) -> bool {
    value != 0.0 && value.is_finite() && !(1e-4..FIXED_BELOW).contains(&value.abs())
}

/// A number with `decimals` decimals in fixed point and a true minus sign; "−0.00" becomes
/// "0.00".
pub fn format_fixed(value: f64, decimals: usize) -> String {
    let mut s = String::new();
    push_fixed(&mut s, value, decimals);
    if let Some(rest) = s.strip_prefix('-') {
        if rest.chars().all(|c| c == '0' || c == '.') {
            rest.to_string()
        } else {
            format!("\u{2212}{rest}")
        }
    } else {
        s
    }
}

/// `value` with `decimals` decimals, appended to `out` exactly as `write!(out,
/// "{value:.decimals$}")` writes it (the exact binary value rounded half to even; a minus sign
/// for every negative value, "-0.0" too), for up to six decimals without the big-number
/// algorithm the standard library's exact mode falls back to for about a third of a build's
/// values (previews' and diagrams' coordinates are written this way by the thousand). A value
/// near a tie, too large, or not finite is left to the standard library.
pub fn push_fixed(out: &mut String, value: f64, decimals: usize) {
    const POW10: [u64; 7] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];
    let Some(&scale) = POW10.get(decimals) else {
        let _ = write!(out, "{value:.decimals$}");
        return;
    };
    // `scaled` is the exact product rounded once: within `scaled * EPSILON / 2` of it. Unless a
    // half-integer lies that close, both round to the same integer.
    let scaled = value.abs() * scale as f64;
    let rounded = scaled.round();
    let to_tie = 0.5 - (scaled - rounded).abs();
    if !scaled.is_finite() || scaled >= 1e15 || to_tie <= scaled * f64::EPSILON {
        let _ = write!(out, "{value:.decimals$}");
        return;
    }
    let digits = rounded as u64;
    if value.is_sign_negative() {
        out.push('-');
    }
    let mut buf = itoa::Buffer::new();
    out.push_str(buf.format(digits / scale));
    if decimals > 0 {
        let fraction = buf.format(digits % scale);
        out.push('.');
        out.extend(std::iter::repeat_n('0', decimals - fraction.len()));
        out.push_str(fraction);
    }
}

/// A number shown with a fixed number of decimals in a format string, as `{:.N}` shows it:
/// `format!("{}", Fixed(x, 1))` is `format!("{x:.1}")`, written by [`push_fixed`].
#[derive(Debug, Clone, Copy)]
pub struct Fixed(pub f64, pub usize);

impl std::fmt::Display for Fixed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = String::with_capacity(24);
        push_fixed(&mut s, self.0, self.1);
        f.write_str(&s)
    }
}

/// A number in a message: its shortest digits (`0.25`), in scientific form when they would be
/// long (`1e308`, `1e-7`).
pub fn shortest(value: f64) -> String {
    if scientific(value) {
        return format!("{value:e}");
    }
    let mut s = String::new();
    push_number(&mut s, value);
    s
}

/// A literal as typed, with a true minus sign for prose.
pub fn typographic_minus(literal: &str) -> String {
    literal.replace('-', "\u{2212}")
}

/// A link's text with each `%XX` read as the byte it writes (`my%20pic.png` is `my pic.png`), as
/// a browser reads an address; other text as it is.
pub fn percent_decoded(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('%') {
        return s.into();
    }
    let (bytes, mut out) = (s.as_bytes(), Vec::with_capacity(s.len()));
    let mut i = 0;
    while i < bytes.len() {
        let hex = (bytes[i] == b'%').then(|| s.get(i + 1..i + 3)).flatten();
        let hex = hex.filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned().into()
}

/// A file's path written as a link's address: each byte other than an ASCII letter, digit or
/// one of `-._~/!$&'*+,;=:@` as `%XX` (`my pic.png` is `my%20pic.png`), so that it reads back
/// as the path ([`percent_decoded`]) and holds no space or bracket that would end a Markdown link.
pub fn percent_encoded(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte.is_ascii_alphanumeric() || b"-._~/!$&'*+,;=:@".contains(&byte) {
            true => out.push(byte as char),
            false => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// A block's lines with each after the first taken out of the indent (up to four spaces) that
/// made it part of the block (a footnote's or a definition's further paragraphs): written where
/// that indent would make them code.
pub fn outdented(block: &str) -> String {
    let mut out = String::with_capacity(block.len());
    for (i, line) in block.split_inclusive('\n').enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        out.push_str(if i == 0 { line } else { &line[indent.min(4)..] });
    }
    out
}

/// `text` with each of `edits` (a range of it and what replaces it, in order) made; an edit
/// that starts inside one made before it is left out.
pub fn spliced<S: AsRef<str>>(
    text: &str,
    edits: impl IntoIterator<Item = (Range<usize>, S)>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, with) in edits {
        if range.start >= at {
            out.push_str(&text[at..range.start]);
            out.push_str(with.as_ref());
            at = range.end;
        }
    }
    out.push_str(&text[at..]);
    out
}

/// `text` with each pair's first string replaced by its second, in one pass over it: where
/// several start at one place the first pair's, and what a replacement wrote is not read again.
/// (A lesson linking 10,000 files rewrote its page once per file: 9.8 s.)
pub fn replaced(text: &str, pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return text.to_string();
    }
    let froms = pairs.iter().map(|(from, _)| from);
    let searcher = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(froms);
    match searcher {
        Ok(searcher) => {
            let intos: Vec<&String> = pairs.iter().map(|(_, into)| into).collect();
            searcher.replace_all(text, &intos)
        }
        // (Too many to search for at once, beyond any lesson's limits: one at a time.)
        Err(_) => (pairs.iter()).fold(text.to_string(), |t, (from, into)| t.replace(from, into)),
    }
}

/// Whether only spaces and tabs stand between the start of the line and byte `at` of `text`
/// (read backwards from `at`, no further than the first other character).
pub fn starts_line(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\t']);
    before.is_empty() || before.ends_with('\n')
}

/// The closest known name to `word`, for "did you mean" hints.
pub fn closest<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let known: Vec<&str> = known.into_iter().collect();
    if let Some(k) = known.iter().find(|k| k.eq_ignore_ascii_case(word)) {
        return Some(k);
    }
    known
        .into_iter()
        .map(|k| (edit_distance(word, k), k))
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Edit distance counting an insertion, deletion, substitution or swap of two neighbours as
/// one edit (optimal string alignment).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// `word` or `words`, for `n` of them.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

/// `n` and `word` or `words`: "1 lesson", "3 lessons".
pub fn count(n: usize, word: &str) -> String {
    format!("{n} {}", plural(n, word))
}

/// `text` as the inside of a TOML basic string (a no-break space written out, to be seen).
pub fn toml_quoted(text: &str) -> String {
    let mut quoted = String::new();
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control() || c == '\u{a0}' => {
                quoted.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => quoted.push(c),
        }
    }
    quoted
}

/// "did you mean `k`?" for the known name closest to `word`, if one is close.
pub fn did_you_mean<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(word, known).map(|k| format!("did you mean `{k}`?"))
}

/// East Asian wide characters (CJK ideographs, kana, hangul, full-width forms): twice as wide
/// as others, in a browser's text and in a terminal. (`serve`'s overlay script, `reload.js`, has
/// the same ranges, and a test that they are the same.)
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each address is replaced once, where it is written: `b.md`'s page is not taken for a
    /// link to rewrite again, and a longer address is not cut at a shorter one's end.
    #[test]
    fn replacements_are_made_in_one_pass() {
        let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            (list.iter())
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        let text = r#"<a href="a.md">A</a> <a href="b.md">B</a> <img src="a.md.png">"#;
        let rewritten = replaced(
            text,
            &pairs(&[
                (r#"href="a.md""#, r#"href="b.md""#),
                (r#"href="b.md""#, r#"href="../b/""#),
                (r#"src="a.md.png""#, r#"src="p.png""#),
            ]),
        );
        assert_eq!(
            rewritten,
            r#"<a href="b.md">A</a> <a href="../b/">B</a> <img src="p.png">"#
        );
        assert_eq!(replaced("a", &[]), "a");
    }

    /// `push_fixed` writes what `format!` writes: random values of every size and sign, exact
    /// ties (0.125, 2.5), values a hair off a tie, negative zero and tiny negatives, values past
    /// the quick path's range, and the non-finite.
    #[test]
    fn push_fixed_writes_what_format_writes() {
        let mut values = vec![
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            -2.5,
            0.125,
            0.375,
            -0.125,
            0.25,
            0.35,
            1.005,
            2.675,
            0.045,
            -0.04,
            -0.0004,
            1e-300,
            -1e-300,
            0.049999999999999996,
            999_999.95,
            4.5e14,
            9.5e14,
            1e15,
            1.5e15,
            1e300,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        // A deterministic stream of bit patterns (xorshift), kept to magnitudes below 1e16.
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        while values.len() < 200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = f64::from_bits(x);
            let scale = [1.0, 1e-3, 1e3, 1e6, 1e9][(x % 5) as usize];
            let v = if v.is_finite() { (v % 1e4) * scale } else { v };
            values.push(v);
            // Near ties: k + 1/2 at every number of decimals, and its neighbours.
            let tie = ((x >> 11) % 100_000) as f64 + 0.5;
            for d in 0..=6 {
                let t = tie / 10f64.powi(d);
                values.extend([t, t.next_up(), t.next_down(), -t]);
            }
        }
        for v in values {
            for d in 0..=8 {
                let mut s = String::from("x");
                push_fixed(&mut s, v, d);
                assert_eq!(s, format!("x{v:.d$}"), "{v:e} with {d} decimals");
            }
        }
    }

    #[test]
    fn markdown_escaping_keeps_quotes_and_escapes_markup() {
        assert_eq!(
            escape_markdown("the top node's \"output\""),
            "the top node's \"output\""
        );
        assert_eq!(
            escape_markdown("<script>*x* & $y$ | [a](b)"),
            "\\<script\\>\\*x\\* \\& \\$y\\$ \\| \\[a\\](b)"
        );
        assert_eq!(escape_markdown("a\nb\u{1b}c"), "a bc");
    }

    #[test]
    fn escapes_like_the_character_by_character_definition() {
        // The definition: drop control characters but newline and tab, escape the five.
        let reference = |s: &str| -> String {
            s.chars()
                .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '<' => "&lt;".to_string(),
                    '>' => "&gt;".to_string(),
                    '"' => "&quot;".to_string(),
                    '\'' => "&#39;".to_string(),
                    c => c.to_string(),
                })
                .collect()
        };
        let alphabet: Vec<char> =
            "ab <>&\"'\n\t\r\0\u{1b}\u{7f}\u{80}\u{9f}\u{a0}\u{c2}\u{ff}é中😀−"
                .chars()
                .collect();
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        for len in 0..400 {
            let s: String = (0..len % 23)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    alphabet[(state % alphabet.len() as u64) as usize]
                })
                .collect();
            assert_eq!(escape(&s), reference(&s), "{s:?}");
        }
    }

    #[test]
    fn numbers_are_written_as_rust_displays_them_but_for_ties() {
        let mut values = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            0.1,
            1e-7,
            1.5e-300,
            5e-324,
            1e15,
            1e16,
            1e17,
            1e21,
            1e22,
            123456789.0,
            0.47031,
            -16.0,
            2.7,
            1.0 / 3.0,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            18.0 / 1.24,
        ];
        // A deterministic spread over every exponent.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            values.push(f64::from_bits(state));
            // Numbers with few fractional bits, where ties between shortest forms occur.
            let m = (state >> 11) as f64;
            values.extend([m / 4.0, -m / 2.0, m / 4096.0, (state >> 30) as f64 / 8.0]);
        }
        for v in values {
            let mut out = String::new();
            push_number(&mut out, v);
            let display = format!("{v}");
            if out == display {
                continue;
            }
            // A tie between two shortest forms: same length, last digits one apart, both
            // read back as `v`.
            let last = |s: &str| s.as_bytes()[s.len() - 1];
            assert_eq!(out.len(), display.len(), "{v:e}: {out} vs {display}");
            assert_eq!(out[..out.len() - 1], display[..display.len() - 1], "{v:e}");
            assert_eq!(last(&display) - last(&out), 1, "{v:e}: {out} vs {display}");
            assert_eq!(out.parse::<f64>(), Ok(v), "{v:e}");
        }
    }

    #[test]
    fn percent_decoding_reads_escapes_and_keeps_the_rest() {
        assert_eq!(percent_decoded("my%20pic.png"), "my pic.png");
        assert_eq!(percent_decoded("%E4%B8%AD"), "中");
        assert_eq!(percent_decoded("100%"), "100%");
        assert_eq!(percent_decoded("%+1x%zz%4"), "%+1x%zz%4");
        assert_eq!(percent_decoded("plain"), "plain");
        for path in ["my pic.png", "100%.png", "图/(a).png", "a/b-c_d.e~f"] {
            assert_eq!(percent_decoded(&percent_encoded(path)), path);
        }
        assert_eq!(percent_encoded("my pic (1).png"), "my%20pic%20%281%29.png");
        assert_eq!(percent_encoded("图.png"), "%E5%9B%BE.png");
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(closest("relux", ["relu", "tanh"]), Some("relu"));
        assert_eq!(closest("banana", ["relu", "tanh"]), None);
        assert_eq!(closest("rleu", ["relu", "tanh"]), Some("relu"));
        assert_eq!(closest("W3", ["w1", "w3"]), Some("w3"));
    }
}
