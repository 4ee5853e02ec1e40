//! Checking markup: a strict well-formedness check for XML (the SVGs) and the skeleton of an
//! HTML page (its tags and attribute names) as a minimal tokenizer sees it, to compare the
//! markup of two pages.

use std::collections::BTreeSet;

use super::truncate;

/// What a minimal HTML tokenizer sees: for every tag, its name and its attribute names; also
/// `<!--` comments and `<!`/`<?` declarations.
pub fn html_skeleton(html: &str) -> Vec<String> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off;
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            out.push("<!--".to_string());
            i += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</") {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            out.push(rest[..end].to_ascii_lowercase());
            i += end;
            continue;
        }
        if !b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            i += 1; // a text `<` (only valid HTML if escaped, but not a tag)
            continue;
        }
        // A start tag: name, then attributes.
        let mut j = i + 1;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b':') {
            j += 1;
        }
        let mut tag = format!("<{}", html[i + 1..j].to_ascii_lowercase());
        loop {
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                j += 1;
                break;
            }
            if b[j] == b'/' {
                j += 1;
                continue;
            }
            let start = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !b"=>/".contains(&b[j]) {
                j += 1;
            }
            tag.push(' ');
            tag.push_str(&html[start..j].to_ascii_lowercase());
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j < b.len() && b[j] == b'=' {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    j += 1;
                    while j < b.len() && b[j] != q {
                        j += 1;
                    }
                    j += 1;
                } else {
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                }
            }
        }
        out.push(tag + ">");
        i = j.min(html.len());
    }
    out
}

/// Check text (or an attribute's value, quoted by `in_attr`) at byte `at`: no control
/// characters, no raw `<` or `]]>`, no unescaped quote, only XML's entities.
fn check_text(t: &str, at: usize, in_attr: Option<char>) -> Result<(), String> {
    if let Some(c) = t
        .chars()
        .find(|c| (*c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Err(format!(
            "control character {c:?} near byte {at}: {:?}",
            truncate(t, 80)
        ));
    }
    if t.contains('<') {
        return Err(format!("a raw `<` near byte {at}: {:?}", truncate(t, 80)));
    }
    if in_attr.is_none() && t.contains("]]>") {
        return Err(format!("a raw `]]>` near byte {at}"));
    }
    if let Some(q) = in_attr {
        if t.contains(q) {
            return Err(format!("an unescaped quote in an attribute near byte {at}"));
        }
    }
    let mut rest = t;
    while let Some(amp) = rest.find('&') {
        let after = &rest[amp + 1..];
        let end = after.find(';').ok_or(format!("a raw `&` near byte {at}"))?;
        let name = &after[..end];
        let ok = matches!(name, "lt" | "gt" | "amp" | "quot" | "apos")
            || name
                .strip_prefix("#x")
                .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
            || name
                .strip_prefix('#')
                .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
        if !ok {
            return Err(format!("an unknown entity `&{name};` near byte {at}"));
        }
        rest = &after[end + 1..];
    }
    Ok(())
}

fn is_name(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':')
}

/// The start tag at the beginning of `rest` (byte `at` of the document): its name, its length,
/// and whether it closes itself (`<g/>`).
fn start_tag(rest: &str, at: usize) -> Result<(&str, usize, bool), String> {
    let body = &rest[1..];
    let name_len = body.find(|c: char| !is_name(c)).unwrap_or(body.len());
    let name = &body[..name_len];
    if name.is_empty() {
        return Err(format!("a raw `<` near byte {at}"));
    }
    let mut j = 1 + name_len;
    let mut seen = BTreeSet::new();
    loop {
        let r = &rest[j..];
        let trimmed = r.trim_start();
        let ws = r.len() - trimmed.len();
        j += ws;
        if trimmed.starts_with("/>") {
            return Ok((name, j + 2, true));
        }
        if trimmed.starts_with('>') {
            return Ok((name, j + 1, false));
        }
        if ws == 0 {
            return Err(format!(
                "no space before an attribute of <{name}> near byte {at}"
            ));
        }
        let an = trimmed.find(|c: char| !is_name(c)).unwrap_or(trimmed.len());
        if an == 0 {
            return Err(format!("a bad attribute in <{name}> near byte {at}"));
        }
        if !seen.insert(&trimmed[..an]) {
            return Err(format!("a repeated attribute in <{name}> near byte {at}"));
        }
        let after = trimmed[an..].trim_start();
        let Some(after) = after.strip_prefix('=') else {
            return Err(format!(
                "an attribute without a value in <{name}> near byte {at}"
            ));
        };
        let after = after.trim_start();
        let q = after
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')
            .ok_or(format!("an unquoted attribute in <{name}> near byte {at}"))?;
        let end = after[1..].find(q).ok_or("an unclosed attribute value")?;
        check_text(&after[1..1 + end], at, Some(q))?;
        j = rest.len() - after.len() + 1 + end + 1;
    }
}

/// Check that `s` is a well-formed XML document (elements, attributes, text, comments, CDATA,
/// the XML declaration and a doctype; no DTD subsets), with only XML's predefined entities and
/// character references.
pub fn check_xml(s: &str) -> Result<(), String> {
    let mut stack: Vec<&str> = Vec::new();
    let mut roots = 0;
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        let Some(lt) = rest.find('<') else {
            check_text(rest, i, None)?;
            if !rest.trim().is_empty() && stack.is_empty() {
                return Err("text after the root element".into());
            }
            break;
        };
        let text = &rest[..lt];
        check_text(text, i, None)?;
        if stack.is_empty() && !text.trim().is_empty() {
            return Err(format!("text outside the root element near byte {i}"));
        }
        i += lt;
        let rest = &s[i..];
        let skip = |open: &str, close: &str| -> Result<usize, String> {
            rest[open.len()..]
                .find(close)
                .map(|e| open.len() + e + close.len())
                .ok_or(format!("`{open}` never closed near byte {i}"))
        };
        if rest.starts_with("<!--") {
            let n = skip("<!--", "-->")?;
            if rest[4..n - 3].contains("--") {
                return Err(format!("`--` inside a comment near byte {i}"));
            }
            i += n;
        } else if rest.starts_with("<![CDATA[") {
            i += skip("<![CDATA[", "]]>")?;
        } else if rest.starts_with("<?") {
            i += skip("<?", "?>")?;
        } else if rest.starts_with("<!DOCTYPE") {
            i += skip("<!DOCTYPE", ">")?;
        } else if let Some(close) = rest.strip_prefix("</") {
            let end = close.find('>').ok_or("unclosed end tag")?;
            let name = close[..end].trim_end();
            match stack.pop() {
                Some(open) if open == name => {}
                other => return Err(format!("`</{name}>` closes {other:?} near byte {i}")),
            }
            i += 2 + end + 1;
        } else {
            let (name, len, closed) = start_tag(rest, i)?;
            if stack.is_empty() {
                roots += 1;
            }
            if !closed {
                stack.push(name);
            }
            i += len;
        }
    }
    if !stack.is_empty() {
        return Err(format!("unclosed elements {stack:?}"));
    }
    if roots != 1 {
        return Err(format!("{roots} root elements"));
    }
    Ok(())
}

#[test]
fn the_xml_checker_catches_what_it_should() {
    assert_eq!(
        check_xml("<?xml version=\"1.0\"?>\n<svg a=\"1\"><t>x &amp; &#39; &#x41;</t><g/></svg>\n"),
        Ok(())
    );
    for bad in [
        "<svg><t>a < b</t></svg>",
        "<svg><t>a & b</t></svg>",
        "<svg><t>]]></t></svg>",
        "<svg a=\"x\" onmouseover=\"y\"\" ></svg>",
        "<svg a=\"<\"></svg>",
        "<svg><t></svg></t>",
        "<svg><t>\u{1}</t></svg>",
        "<svg><!-- a -- b --></svg>",
        "<svg></svg><svg></svg>",
        "<svg><t>&nbsp;</t></svg>",
    ] {
        assert!(check_xml(bad).is_err(), "accepted {bad:?}");
    }
    assert_eq!(
        html_skeleton("<p class=\"a\" title='b'>x</p><img src=x onerror=y>"),
        ["<p class title>", "</p>", "<img src onerror>"]
    );
}
