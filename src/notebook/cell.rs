//! The notebook's JSON (nbformat 4.5): its cells, with their saved outputs, field by field in
//! alphabetical order (the order `json!` maps have), pretty-printed.

use serde::Serialize;

/// A picture saved as a code cell's output: an SVG and the words that stand for it.
pub struct Picture<'a> {
    pub svg: &'a str,
    pub description: &'a str,
}

/// A cell; `source` is a list of lines, each but the last ending in a newline. Its saved
/// pictures borrow the drawings (`'a`): they are written out, never changed.
#[derive(Serialize)]
pub struct Cell<'a> {
    cell_type: &'static str,
    /// Code cells only: `null` (never run).
    #[serde(skip_serializing_if = "Option::is_none")]
    execution_count: Option<Unrun>,
    id: String,
    metadata: Empty,
    /// Code cells only: the pictures saved with the cell.
    #[serde(skip_serializing_if = "Option::is_none")]
    outputs: Option<Vec<Output<'a>>>,
    source: Vec<String>,
}

/// A `display_data` output: what a notebook viewer (GitHub, nbviewer, Jupyter) shows below the
/// cell before anyone runs it. Viewers show an SVG output as an image and fall back to the
/// text; running the cell replaces it with what the code draws.
#[derive(Serialize)]
struct Output<'a> {
    data: OutputData<'a>,
    metadata: Empty,
    output_type: &'static str,
}

#[derive(Serialize)]
struct OutputData<'a> {
    #[serde(rename = "image/svg+xml")]
    svg: Vec<&'a str>,
    #[serde(rename = "text/plain")]
    text: Vec<&'a str>,
}

/// Serialises as `null`.
#[derive(Serialize)]
struct Unrun;

/// Serialises as `{}`.
#[derive(Serialize)]
struct Empty {}

/// Text as nbformat stores it: lines, each but the last ending in a newline.
fn lines(text: &str) -> Vec<String> {
    text.split_inclusive('\n').map(str::to_string).collect()
}

impl<'a> Cell<'a> {
    pub fn markdown(text: &str) -> Cell<'a> {
        Cell {
            cell_type: "markdown",
            execution_count: None,
            id: String::new(),
            metadata: Empty {},
            outputs: None,
            source: lines(text),
        }
    }

    pub fn code(text: &str) -> Cell<'a> {
        Cell {
            cell_type: "code",
            execution_count: Some(Unrun),
            outputs: Some(Vec::new()),
            ..Cell::markdown(text)
        }
    }

    /// Save a picture as one more output of a code cell (nothing for a Markdown cell).
    pub fn show(&mut self, picture: &Picture<'a>) {
        if let Some(outputs) = &mut self.outputs {
            outputs.push(Output {
                data: OutputData {
                    svg: picture.svg.split_inclusive('\n').collect(),
                    text: picture.description.split_inclusive('\n').collect(),
                },
                metadata: Empty {},
                output_type: "display_data",
            });
        }
    }
}

/// The notebook around its cells, numbered `cell-1`, `cell-2`, ..., as pretty-printed JSON:
/// exactly what `serde_json::to_string_pretty` writes for these structures (two-space indents;
/// the test compares the two), written straight into one buffer. The pictures are most of a
/// notebook, and serde_json's writer goes through `io::Write` for every run of text between
/// two escaped characters (an SVG has a quote every few bytes).
pub fn json(mut cells: Vec<Cell<'_>>) -> String {
    for (i, c) in cells.iter_mut().enumerate() {
        c.id = format!("cell-{}", i + 1);
    }
    // The pictures are most of the text: room for them (escaped) from the start.
    let pictures: usize = cells
        .iter()
        .flat_map(|c| c.outputs.iter().flatten())
        .map(|o| o.data.svg.iter().map(|l| l.len() + 16).sum::<usize>())
        .sum();
    let mut out = String::with_capacity(pictures * 9 / 8 + 16 * 1024);
    out.push_str("{\n  \"cells\": ");
    list(&mut out, &cells, 2, |out, c| cell(out, c));
    out.push_str(concat!(
        ",\n  \"metadata\": {\n    \"kernelspec\": {\n      \"display_name\": \"Python 3\",",
        "\n      \"language\": \"python\",\n      \"name\": \"python3\"\n    },",
        "\n    \"language_info\": {\n      \"name\": \"python\"\n    }\n  },",
        "\n  \"nbformat\": 4,\n  \"nbformat_minor\": 5\n}\n"
    ));
    out
}

/// One cell, at an indent of 4.
fn cell(out: &mut String, c: &Cell) {
    out.push_str("{\n      \"cell_type\": ");
    string(out, c.cell_type);
    if c.execution_count.is_some() {
        out.push_str(",\n      \"execution_count\": null");
    }
    out.push_str(",\n      \"id\": ");
    string(out, &c.id);
    out.push_str(",\n      \"metadata\": {}");
    if let Some(outputs) = &c.outputs {
        out.push_str(",\n      \"outputs\": ");
        list(out, outputs, 6, |out, o| {
            out.push_str("{\n          \"data\": {\n            \"image/svg+xml\": ");
            list(out, &o.data.svg, 12, |out, l| string(out, l));
            out.push_str(",\n            \"text/plain\": ");
            list(out, &o.data.text, 12, |out, l| string(out, l));
            out.push_str(
                "\n          },\n          \"metadata\": {},\n          \"output_type\": ",
            );
            string(out, o.output_type);
            out.push_str("\n        }");
        });
    }
    out.push_str(",\n      \"source\": ");
    list(out, &c.source, 6, |out, l| string(out, l));
    out.push_str("\n    }");
}

/// A JSON array at an indent of `indent` spaces, each item written by `item` (at two more).
fn list<T>(out: &mut String, items: &[T], indent: usize, mut item: impl FnMut(&mut String, &T)) {
    if items.is_empty() {
        out.push_str("[]");
        return;
    }
    out.push('[');
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('\n');
        out.extend(std::iter::repeat_n(' ', indent + 2));
        item(out, x);
    }
    out.push('\n');
    out.extend(std::iter::repeat_n(' ', indent));
    out.push(']');
}

/// A JSON string, escaped as serde_json escapes it: quote, backslash, and control characters
/// (`\n`, `\t`, ... or `\u00xx`); everything else as it is. Runs of plain text are copied at once.
fn string(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        // The bytes escaped are ASCII: `start..i` holds whole characters.
        out.push_str(&s[start..i]);
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\t' => out.push_str("\\t"),
            b'\r' => out.push_str("\\r"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Notebook<'a> {
        cells: Vec<Cell<'a>>,
        metadata: Metadata,
        nbformat: u32,
        nbformat_minor: u32,
    }

    #[derive(Serialize)]
    struct Metadata {
        kernelspec: KernelSpec,
        language_info: LanguageInfo,
    }

    #[derive(Serialize)]
    struct KernelSpec {
        display_name: &'static str,
        language: &'static str,
        name: &'static str,
    }

    #[derive(Serialize)]
    struct LanguageInfo {
        name: &'static str,
    }

    fn sample<'a>(svg: &'a str, text: &'a str, empty: bool) -> Vec<Cell<'a>> {
        if empty {
            return Vec::new();
        }
        let mut shown = Cell::code("plt.show()\nx = \"\\t\"\n");
        shown.show(&Picture {
            svg,
            description: text,
        });
        shown.show(&Picture {
            svg: "",
            description: "",
        });
        vec![
            Cell::markdown("# Title \u{7f} \u{1b} \u{8}\u{c}\r\n\n*a* \"b\" \\ 输入"),
            Cell::code(""),
            shown,
            Cell::markdown("last"),
        ]
    }

    /// The JSON is byte for byte what serde_json's pretty printer writes.
    #[test]
    fn the_json_is_serde_jsons() {
        let svg = "<svg a=\"1\" b='2'>\n<text>x &lt; 1 – \u{1}</text>\n</svg>\n";
        let text = "A line\twith a tab.\nAnd \"quotes\".";
        for empty in [false, true] {
            let mut numbered = sample(svg, text, empty);
            for (i, c) in numbered.iter_mut().enumerate() {
                c.id = format!("cell-{}", i + 1);
            }
            let nb = Notebook {
                cells: numbered,
                metadata: Metadata {
                    kernelspec: KernelSpec {
                        display_name: "Python 3",
                        language: "python",
                        name: "python3",
                    },
                    language_info: LanguageInfo { name: "python" },
                },
                nbformat: 4,
                nbformat_minor: 5,
            };
            let expected = serde_json::to_string_pretty(&nb).unwrap() + "\n";
            assert_eq!(json(sample(svg, text, empty)), expected);
        }
    }
}
