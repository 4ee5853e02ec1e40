//! Placeholder values in highlighted code, marked for the page's script: the value's text in
//! the highlighted HTML is wrapped in `<span class="nn-code" data-nn="…">`, so that the
//! script can write another value there when the reader moves a parameter.

use std::ops::Range;

use crate::text::escape;

/// One character of the code as it appears in the highlighted HTML: its byte range in the code
/// and in the HTML.
struct Unit {
    code: Range<usize>,
    html: Range<usize>,
}

/// The characters of `html` (tags skipped, entities decoded), with where each came from.
fn units(html: &str) -> Vec<Unit> {
    let mut units = Vec::new();
    let (mut i, mut code) = (0, 0);
    let bytes = html.as_bytes();
    while i < bytes.len() {
        if bytes[i] == b'<' {
            i += html[i..].find('>').map_or(html.len() - i, |e| e + 1);
            continue;
        }
        let (len, decoded) = if bytes[i] == b'&' {
            let end = html[i..].find(';').map_or(1, |e| e + 1);
            let decoded = match &html[i..i + end] {
                "&amp;" | "&lt;" | "&gt;" | "&quot;" | "&#39;" => 1,
                _ => html[i..].chars().next().map_or(1, char::len_utf8),
            };
            (end, decoded)
        } else {
            let c = html[i..].chars().next().map_or(1, char::len_utf8);
            (c, c)
        };
        units.push(Unit {
            code: code..code + decoded,
            html: i..i + len,
        });
        code += decoded;
        i += len;
    }
    units
}

/// Whether the tags in `segment` open and close in pairs.
fn balanced(segment: &str) -> bool {
    let mut depth = 0i32;
    for (at, _) in segment.match_indices('<') {
        let closing = segment[at..].starts_with("</");
        depth += if closing { -1 } else { 1 };
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}

/// Wrap each `(range in code, expression)` of `values` in the highlighted `html` of `code`. A
/// value whose text cannot be wrapped whole (it is part of a larger token) stays unmarked:
/// the page then shows the author's value there.
pub fn mark_code_values(html: &str, code: &str, values: &[(Range<usize>, String)]) -> String {
    let units = units(html);
    let mut marks: Vec<(usize, usize, &str)> = Vec::new();
    for (range, expr) in values {
        let first = units.iter().find(|u| u.code.start == range.start);
        let last = units.iter().find(|u| u.code.end == range.end);
        let (Some(first), Some(last)) = (first, last) else {
            continue;
        };
        let (mut start, mut end) = (first.html.start, last.html.end);
        // A token's tags just around the value belong to it: `-<span class="hl-n">40.8</span>`.
        while html[..start].ends_with('>') && !balanced(&html[start..end]) {
            match html[..start].rfind('<') {
                Some(open) if !html[open..].starts_with("</") => start = open,
                _ => break,
            }
        }
        while html[end..].starts_with("</") && !balanced(&html[start..end]) {
            end += html[end..].find('>').map_or(0, |e| e + 1);
        }
        if balanced(&html[start..end]) && code.get(range.clone()).is_some() {
            marks.push((start, end, expr));
        }
    }
    let mut out = html.to_string();
    marks.sort_by_key(|m| std::cmp::Reverse(m.0));
    for (start, end, expr) in marks {
        out.insert_str(end, "</span>");
        out.insert_str(
            start,
            &format!("<span class=\"nn-code\" data-nn=\"{}\">", escape(expr)),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::mark_code_values;

    #[test]
    fn values_are_wrapped_inside_their_token_or_with_it() {
        let code = "w3 = -40.8\nx = 1";
        let html = "w3 = -<span class=\"hl-n\">40.8</span>\nx = <span class=\"hl-n\">1</span>";
        let out = mark_code_values(html, code, &[(5..10, "w3".into()), (15..16, "b".into())]);
        assert_eq!(
            out,
            "w3 = <span class=\"nn-code\" data-nn=\"w3\">-<span class=\"hl-n\">40.8</span></span>\nx = <span class=\"hl-n\"><span class=\"nn-code\" data-nn=\"b\">1</span></span>"
        );
    }

    #[test]
    fn a_value_inside_a_token_is_marked_there_and_one_across_tokens_is_not() {
        let code = "s = \"w=1.70\"";
        let html = "s = <span class=\"hl-s\">&quot;w=1.70&quot;</span>";
        let out = mark_code_values(html, code, &[(7..11, "w1".into())]);
        assert!(
            out.contains("&quot;w=<span class=\"nn-code\" data-nn=\"w1\">1.70</span>&quot;"),
            "{out}"
        );
        let html = "a<span class=\"hl-n\">bc</span>d";
        assert_eq!(mark_code_values(html, "abcd", &[(2..4, "w1".into())]), html);
    }
}
