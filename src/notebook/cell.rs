//! The notebook's JSON (nbformat 4.5): its cells, with their saved outputs, field by field in
//! alphabetical order (the order `json!` maps have), pretty-printed.

use serde::Serialize;

/// A picture saved as a code cell's output: an SVG and the words that stand for it.
pub struct Picture<'a> {
    /// The SVG, in pieces written one after the other (each ends a line).
    pub svg: [&'a str; 3],
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
                    svg: picture
                        .svg
                        .iter()
                        .flat_map(|part| part.split_inclusive('\n'))
                        .collect(),
                    text: picture.description.split_inclusive('\n').collect(),
                },
                metadata: Empty {},
                output_type: "display_data",
            });
        }
    }
}

/// The notebook around its cells, numbered `cell-1`, `cell-2`, ..., as pretty-printed JSON.
pub fn json(mut cells: Vec<Cell<'_>>) -> String {
    for (i, c) in cells.iter_mut().enumerate() {
        c.id = format!("cell-{}", i + 1);
    }
    let nb = Notebook {
        cells,
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
    // The pictures are most of the text: room for them (escaped) from the start.
    let pictures: usize = nb
        .cells
        .iter()
        .flat_map(|c| c.outputs.iter().flatten())
        .map(|o| o.data.svg.iter().map(|l| l.len() + 16).sum::<usize>())
        .sum();
    let mut bytes = Vec::with_capacity(pictures * 9 / 8 + 16 * 1024);
    if serde_json::to_writer_pretty(&mut bytes, &nb).is_err() {
        return "\n".to_string();
    }
    bytes.push(b'\n');
    // serde_json writes valid UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

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
