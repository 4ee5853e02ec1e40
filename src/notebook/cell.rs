//! The notebook's JSON (nbformat 4.5): its cells, with their saved outputs, field by field in
//! alphabetical order (the order `json!` maps have), pretty-printed as `serde_json` does (two
//! spaces a level). Written by hand: its strings (the saved drawings, a line each) are most of
//! a notebook, and escaping them one `serde_json` call at a time was a tenth of a build.

/// A picture saved as a code cell's output: an SVG and the words that stand for it.
pub struct Picture<'a> {
    /// The SVG, in pieces written one after the other (each ends a line).
    pub svg: [&'a str; 3],
    pub description: &'a str,
}

/// A cell; `source` is a list of lines, each but the last ending in a newline. Its saved
/// pictures borrow the drawings (`'a`): they are written out, never changed.
pub struct Cell<'a> {
    cell_type: &'static str,
    /// Code cells only (`execution_count` is then `null`: never run): the pictures saved with
    /// the cell.
    outputs: Option<Vec<Output<'a>>>,
    source: Vec<String>,
}

/// A `display_data` output: what a notebook viewer (GitHub, nbviewer, Jupyter) shows below the
/// cell before anyone runs it. Viewers show an SVG output as an image and fall back to the
/// text; running the cell replaces it with what the code draws.
struct Output<'a> {
    /// `image/svg+xml`: the drawing's lines.
    svg: Vec<&'a str>,
    /// `text/plain`: the words that stand for it.
    text: Vec<&'a str>,
}

/// Text as nbformat stores it: lines, each but the last ending in a newline.
fn lines(text: &str) -> Vec<String> {
    Lines::of(text).map(str::to_string).collect()
}

/// The lines of a text, each with its newline: what `split_inclusive('\n')` gives, found with
/// a byte search (a notebook's drawings are thousands of short lines).
struct Lines<'a> {
    text: &'a str,
    start: usize,
    ends: memchr::Memchr<'a>,
}

impl<'a> Lines<'a> {
    fn of(text: &'a str) -> Lines<'a> {
        Lines {
            text,
            start: 0,
            ends: memchr::memchr_iter(b'\n', text.as_bytes()),
        }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let start = self.start;
        let end = match self.ends.next() {
            Some(newline) => newline + 1,
            None if start < self.text.len() => self.text.len(),
            None => return None,
        };
        self.start = end;
        Some(&self.text[start..end])
    }
}

impl<'a> Cell<'a> {
    pub fn markdown(text: &str) -> Cell<'a> {
        Cell {
            cell_type: "markdown",
            outputs: None,
            source: lines(text),
        }
    }

    pub fn code(text: &str) -> Cell<'a> {
        Cell {
            cell_type: "code",
            outputs: Some(Vec::new()),
            ..Cell::markdown(text)
        }
    }

    /// Save a picture as one more output of a code cell (nothing for a Markdown cell).
    pub fn show(&mut self, picture: &Picture<'a>) {
        if let Some(outputs) = &mut self.outputs {
            outputs.push(Output {
                svg: picture
                    .svg
                    .iter()
                    .flat_map(|part| Lines::of(part))
                    .collect(),
                text: Lines::of(picture.description).collect(),
            });
        }
    }
}

/// The notebook around its cells, numbered `cell-1`, `cell-2`, ..., as pretty-printed JSON.
pub fn json(cells: Vec<Cell<'_>>) -> String {
    // The pictures are most of the text: room for them (escaped) from the start.
    let pictures: usize = cells
        .iter()
        .flat_map(|c| c.outputs.iter().flatten())
        .map(|o| o.svg.iter().map(|l| l.len() + 16).sum::<usize>())
        .sum();
    let mut j = Json(Vec::with_capacity(pictures * 9 / 8 + 16 * 1024));
    j.push("{\n  \"cells\": [");
    for (i, cell) in cells.iter().enumerate() {
        j.push(if i == 0 { "\n    {" } else { ",\n    {" });
        j.field(3, "cell_type", true);
        j.string(cell.cell_type);
        if cell.outputs.is_some() {
            j.field(3, "execution_count", false);
            j.push("null");
        }
        j.field(3, "id", false);
        j.push(&format!("\"cell-{}\"", i + 1));
        j.field(3, "metadata", false);
        j.push("{}");
        if let Some(outputs) = &cell.outputs {
            j.field(3, "outputs", false);
            j.push("[");
            for (k, o) in outputs.iter().enumerate() {
                j.push(if k == 0 {
                    "\n        {"
                } else {
                    ",\n        {"
                });
                j.field(5, "data", true);
                j.push("{");
                j.field(6, "image/svg+xml", true);
                j.lines(6, &o.svg);
                j.field(6, "text/plain", false);
                j.lines(6, &o.text);
                j.push("\n          }");
                j.field(5, "metadata", false);
                j.push("{}");
                j.field(5, "output_type", false);
                j.string("display_data");
                j.push("\n        }");
            }
            if !outputs.is_empty() {
                j.push("\n      ");
            }
            j.push("]");
        }
        j.field(3, "source", false);
        j.lines(3, &cell.source);
        j.push("\n    }");
    }
    if !cells.is_empty() {
        j.push("\n  ");
    }
    j.push(
        "],\n  \"metadata\": {\n    \"kernelspec\": {\n      \"display_name\": \"Python 3\",\n      \
         \"language\": \"python\",\n      \"name\": \"python3\"\n    },\n    \"language_info\": {\n      \
         \"name\": \"python\"\n    }\n  },\n  \"nbformat\": 4,\n  \"nbformat_minor\": 5\n}\n",
    );
    // Whole characters and ASCII bytes only (see `Json`).
    String::from_utf8(j.0).unwrap_or_default()
}

/// JSON text as `serde_json::to_writer_pretty` writes it (UTF-8: strings are copied whole
/// characters and all, and every byte added besides is ASCII).
struct Json(Vec<u8>);

impl Json {
    fn push(&mut self, text: &str) {
        self.0.extend_from_slice(text.as_bytes());
    }

    /// A member's name on its own line at `depth` (two spaces a level), after a comma unless it
    /// is the object's `first`, and the `: ` before its value.
    fn field(&mut self, depth: usize, name: &str, first: bool) {
        self.push(if first { "\n" } else { ",\n" });
        self.indent(depth);
        self.string(name);
        self.push(": ");
    }

    fn indent(&mut self, depth: usize) {
        const SPACES: &str = "                                ";
        self.push(&SPACES[..2 * depth]);
    }

    /// An array of strings whose brackets are at `depth`, one element a line.
    fn lines<S: AsRef<str>>(&mut self, depth: usize, items: &[S]) {
        self.push("[");
        for (i, item) in items.iter().enumerate() {
            self.push(if i == 0 { "\n" } else { ",\n" });
            self.indent(depth + 1);
            self.string(item.as_ref());
        }
        if !items.is_empty() {
            self.push("\n");
            self.indent(depth);
        }
        self.push("]");
    }

    /// A string, quoted and escaped as `serde_json` escapes it: `"` and `\\`, the control
    /// characters as `\n`, `\t`, `\r`, `\b`, `\f` or `\u00xx`; everything else as it is. A
    /// drawing's line has a quote every dozen bytes: the string is written into room made once
    /// (twice its length: no escape but `\u00xx` takes more; a string with one of those is
    /// written again the slow way), eight bytes at a time, each word copied whole and then, if
    /// it holds a byte to escape, kept up to the first such byte, which is escaped; the next
    /// word starts after it.
    fn string(&mut self, s: &str) {
        let out = &mut self.0;
        let start = out.len();
        out.resize(start + 2 * s.len() + 2, 0);
        let buf = &mut out[start..];
        buf[0] = b'"';
        let bytes = s.as_bytes();
        let (mut w, mut r) = (1, 0);
        // (Room: `w` is at most `2 * r + 1`, and the buffer holds `2 * bytes.len() + 2`.)
        while let Some(word) = bytes.get(r..r + 8) {
            buf[w..w + 8].copy_from_slice(word);
            let mut eight = [0; 8];
            eight.copy_from_slice(word);
            let mask = escapes(u64::from_le_bytes(eight));
            if mask == 0 {
                (r, w) = (r + 8, w + 8);
                continue;
            }
            let first = (mask.trailing_zeros() / 8) as usize;
            (r, w) = (r + first, w + first);
            match ESCAPE[usize::from(bytes[r])] {
                LONG => {
                    out.truncate(start);
                    return self.string_slowly(s);
                }
                short => {
                    (buf[w], buf[w + 1]) = (b'\\', short);
                    (r, w) = (r + 1, w + 2);
                }
            }
        }
        if !escape_all(buf, &mut w, &bytes[r..]) {
            out.truncate(start);
            return self.string_slowly(s);
        }
        buf[w] = b'"';
        out.truncate(start + w + 1);
    }

    /// [`Json::string`] for a string with a control character written `\u00xx`.
    fn string_slowly(&mut self, s: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.0.push(b'"');
        for &b in s.as_bytes() {
            match ESCAPE[usize::from(b)] {
                0 => self.0.push(b),
                LONG => self.0.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 0xf)],
                ]),
                short => self.0.extend_from_slice(&[b'\\', short]),
            }
        }
        self.0.push(b'"');
    }
}

/// Which of eight bytes (a little-endian word) is a quote, a backslash or a control character,
/// as the high bit of each: the classic "has a zero byte" and "has a byte below n" word tricks.
/// Only the lowest bit set is exact (a borrow may set bits above it), and only it is used.
fn escapes(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero_in = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    let below_space = x.wrapping_sub(0x20 * ONES) & !x & HIGHS;
    below_space | zero_in(x ^ (u64::from(b'"') * ONES)) | zero_in(x ^ (u64::from(b'\\') * ONES))
}

/// `bytes` written at `buf[*w..]`, each escaped if it must be (`*w` moved past them); false at
/// a control character written `\u00xx` (see [`Json::string`]).
fn escape_all(buf: &mut [u8], w: &mut usize, bytes: &[u8]) -> bool {
    for &b in bytes {
        match ESCAPE[usize::from(b)] {
            0 => {
                buf[*w] = b;
                *w += 1;
            }
            LONG => return false,
            short => {
                buf[*w] = b'\\';
                buf[*w + 1] = short;
                *w += 2;
            }
        }
    }
    true
}

/// How JSON writes each byte inside a string (`serde_json`'s choices): 0 as it is, [`LONG`] as
/// `\u00xx`, else a backslash and this byte.
const ESCAPE: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = LONG;
        b += 1;
    }
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table[b'\n' as usize] = b'n';
    table[b'\t' as usize] = b't';
    table[b'\r' as usize] = b'r';
    table[0x08] = b'b';
    table[0x0c] = b'f';
    table
};
const LONG: u8 = b'u';

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts are split into lines as `split_inclusive('\n')` splits them: empty, without a
    /// newline, ending in one, with empty lines, non-ASCII.
    #[test]
    fn lines_are_split_as_split_inclusive_splits_them() {
        for text in ["", "\n", "a", "a\n", "a\nb", "a\n\nb\n", "\n\nx", "é\nü\n€"] {
            let ours: Vec<&str> = Lines::of(text).collect();
            let std: Vec<&str> = text.split_inclusive('\n').collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }

    /// Every byte that JSON escapes, quotes, backslashes, non-ASCII text and empty strings come
    /// out as `serde_json` writes them.
    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let every_control: String = (0u8..0x20).map(char::from).collect();
        // Each escaped kind of byte at every place in and around an eight-byte word.
        let placed: Vec<String> = ['"', '\\', '\n', '\t', '\u{1}', '\u{7f}', 'é']
            .iter()
            .flat_map(|c| {
                (0..20).map(move |i| format!("{}{c}{}", "a".repeat(i), "b".repeat(19 - i)))
            })
            .collect();
        for s in placed.iter().map(String::as_str).chain([
            "",
            "plain",
            "<rect x=\"0\" fill=\"#FFFFFF\"/>\n",
            "back\\slash \"quoted\" −0.85 简体中文\n",
            "tab\there\r\n\u{7f}",
            &every_control,
        ]) {
            let mut j = Json(Vec::new());
            j.string(s);
            assert_eq!(
                String::from_utf8(j.0).unwrap(),
                serde_json::to_string(s).unwrap()
            );
        }
    }

    /// The whole notebook is what `serde_json::to_string_pretty` makes of the same value.
    #[test]
    fn the_notebook_is_serde_json_s_pretty_json() {
        let mut code = Cell::code("x = 1\nprint(\"x\")");
        code.show(&Picture {
            svg: ["<svg a=\"1\">\n", "<g/>\n", "</svg>\n"],
            description: "A chart.\nTwo lines.",
        });
        let cells = vec![Cell::markdown("# Title\n\ntext"), Cell::code("y = 2"), code];
        let expected = serde_json::json!({
            "cells": [
                { "cell_type": "markdown", "id": "cell-1", "metadata": {},
                  "source": ["# Title\n", "\n", "text"] },
                { "cell_type": "code", "execution_count": null, "id": "cell-2", "metadata": {},
                  "outputs": [], "source": ["y = 2"] },
                { "cell_type": "code", "execution_count": null, "id": "cell-3", "metadata": {},
                  "outputs": [{
                      "data": {
                          "image/svg+xml": ["<svg a=\"1\">\n", "<g/>\n", "</svg>\n"],
                          "text/plain": ["A chart.\n", "Two lines."]
                      },
                      "metadata": {},
                      "output_type": "display_data"
                  }],
                  "source": ["x = 1\n", "print(\"x\")"] }
            ],
            "metadata": {
                "kernelspec": { "display_name": "Python 3", "language": "python", "name": "python3" },
                "language_info": { "name": "python" }
            },
            "nbformat": 4,
            "nbformat_minor": 5
        });
        let expected = serde_json::to_string_pretty(&expected).unwrap() + "\n";
        assert_eq!(json(cells), expected);
        assert_eq!(json(Vec::new()), {
            let empty = serde_json::json!({
                "cells": [],
                "metadata": {
                    "kernelspec": { "display_name": "Python 3", "language": "python", "name": "python3" },
                    "language_info": { "name": "python" }
                },
                "nbformat": 4,
                "nbformat_minor": 5
            });
            serde_json::to_string_pretty(&empty).unwrap() + "\n"
        });
    }
}
