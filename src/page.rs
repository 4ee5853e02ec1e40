//! The page: a lesson's Markdown body rendered to HTML, with its nnbook blocks replaced by their
//! figures, tables and parameter listings, and `{{ ... }}` placeholders filled from the network.

use std::fmt::Write as _;
use std::ops::Range;

use pulldown_cmark::{
    html, CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd, TextMergeWithOffset,
};

use std::sync::OnceLock;

use math_core::{LatexToMathML, MathCoreConfig, MathDisplay};

use crate::error::{Diagnostic, SourceFile};
use crate::figure::{escape, Figure};
use crate::highlight;
use crate::i18n;
use crate::lesson::{
    unknown_signal, Block, DiagramSpec, FigureSpec, Lesson, TableSpec, BLOCK_KINDS,
};
use crate::network::{format_number, typographic_minus, Network, Quantity};

/// Bounds on one formula: the converter recurses once per nesting level.
pub const MAX_MATH_NESTING: i64 = 100;
pub const MAX_MATH_BYTES: usize = 20_000;

/// The Markdown extensions nnbook enables.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_MATH
}

/// Where a placeholder's value goes: prose gets true minus signs, code gets ASCII.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Prose,
    Code,
    /// A code block marked `verbatim`: placeholders are shown as written.
    Verbatim,
    /// Markdown source for another renderer (the notebook): like prose, with the values
    /// escaped so that they never become markup.
    Markdown,
}

/// A lesson's body as HTML, and the links it makes (to check them against the site).
#[derive(Debug, Clone)]
pub struct Page {
    pub html: String,
    /// Link and image destinations as written, with their byte range in the lesson source.
    pub links: Vec<(String, Range<usize>)>,
    /// The second- and third-level headings, for a table of contents.
    pub toc: Vec<TocEntry>,
}

/// A heading in a lesson's table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    pub level: usize,
    pub id: String,
    pub title: String,
}

/// A heading being rendered: its level, where its opening tag goes, and its text so far.
struct Heading {
    level: usize,
    at: usize,
    text: String,
}

/// A heading's id: lowercase words joined by `-` (any script), `section` if nothing is left.
fn slugify_heading(text: &str) -> String {
    let id = hyphenate(text, char::is_alphanumeric);
    if id.is_empty() {
        "section".to_string()
    } else {
        id
    }
}

/// `text` in lowercase with every run of characters that `keep` refuses turned into one `-`,
/// none at either end (for heading ids and file names).
pub fn hyphenate(text: &str, keep: impl Fn(char) -> bool) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if keep(c) {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    if out.ends_with('-') {
        out.pop();
    }
    out
}

/// Whether the math at `range` was written as `$$...$$`.
fn source_is_display(text: &str, range: &Range<usize>) -> bool {
    text.get(range.clone()).is_some_and(|s| s.starts_with("$$"))
}

/// LaTeX to MathML, at build time; errors point into the lesson.
fn math(
    lesson: &Lesson,
    latex: &str,
    range: &Range<usize>,
    display: MathDisplay,
) -> Result<String, Diagnostic> {
    let depth = latex
        .chars()
        .scan(0i64, |d, c| {
            *d += match c {
                '{' => 1,
                '}' => -1,
                _ => 0,
            };
            Some(*d)
        })
        .max()
        .unwrap_or(0);
    if depth > MAX_MATH_NESTING || latex.len() > MAX_MATH_BYTES {
        let start = locate_in_source(&lesson.source, range.clone(), latex.trim());
        return Err(lesson
            .source
            .error(
                start..start + 1,
                "this formula is too long or too deeply nested",
            )
            .expected(format!(
                "at most {MAX_MATH_NESTING} nested braces and {MAX_MATH_BYTES} bytes per formula"
            ))
            .hint("split the formula"));
    }
    static CONVERTER: OnceLock<Option<LatexToMathML>> = OnceLock::new();
    let converter = CONVERTER
        .get_or_init(|| LatexToMathML::new(MathCoreConfig::default()).ok())
        .as_ref()
        .ok_or_else(|| Diagnostic::new("the LaTeX converter could not start"))?;
    converter
        .convert_with_local_state(latex, display)
        .map(|r| r.mathml)
        .map_err(|e| {
            let start = locate_in_source(&lesson.source, range.clone(), latex.trim());
            let offset = latex.len() - latex.trim_start().len();
            let at = (start + e.0.start.saturating_sub(offset)).min(range.end);
            let end = (start + e.0.end.saturating_sub(offset)).clamp(at, range.end);
            lesson
                .source
                .error(at..end.max(at + 1), format!("LaTeX error: {}", e.error_message()))
                .expected("LaTeX math, like `$\\max(0, x)$`")
                .hint("math-core supports the common LaTeX math commands; a literal dollar sign is written `\\$`")
        })
}

/// Render a lesson's body to HTML. `figures` are the lesson's drawn figures, in block order.
/// `lang` is the page's language, for the few words nnbook adds.
pub fn render(lesson: &Lesson, figures: &[Figure], lang: &str) -> Result<Page, Vec<Diagnostic>> {
    let body = lesson.body();
    let offset = lesson.body_start;
    let events =
        TextMergeWithOffset::new(Parser::new_ext(body, markdown_options()).into_offset_iter());
    let mut out: Vec<Event> = Vec::new();
    let mut blocks = lesson.blocks.iter();
    let mut figures = figures.iter();
    // Inside an nnbook block: skip its events. Inside other code: substitute with ASCII.
    let mut skipping = false;
    // Inside a code block: how to fill its placeholders.
    let mut code: Option<Context> = None;
    let mut problems = Vec::new();
    let mut links = Vec::new();
    let mut code_lang = String::new();
    let mut code_text = String::new();
    let mut heading: Option<Heading> = None;
    let mut ids: Vec<String> = Vec::new();
    let mut toc = Vec::new();
    for (event, range) in events {
        let range = range.start + offset..range.end + offset;
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(ref info)))
                if BLOCK_KINDS.contains(&info.split_whitespace().next().unwrap_or("")) =>
            {
                skipping = true;
                if info.split_whitespace().any(|w| w == "source") {
                    out.push(Event::Html(CowStr::from(source_html(
                        &lesson.source.text[range.clone()],
                    ))));
                }
                let html = match blocks.next() {
                    Some(Block::Network) | None => String::new(),
                    Some(
                        Block::Figure(FigureSpec {
                            caption,
                            caption_span,
                            ..
                        })
                        | Block::Diagram(DiagramSpec {
                            caption,
                            caption_span,
                            ..
                        }),
                    ) => match figures.next() {
                        Some(f) => figure_html(lesson, lang, f, caption, caption_span)
                            .unwrap_or_else(|d| {
                                problems.push(d);
                                String::new()
                            }),
                        None => String::new(),
                    },
                    Some(Block::Table(spec)) => table_html(lesson, spec, lang),
                    Some(Block::Parameters) => parameters_html(lesson, lang),
                };
                if !html.is_empty() {
                    out.push(Event::Html(CowStr::from(html)));
                }
            }
            Event::End(TagEnd::CodeBlock) if skipping => skipping = false,
            _ if skipping => {}
            Event::Start(Tag::CodeBlock(ref kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let verbatim = info.split_whitespace().any(|w| w == "verbatim");
                code = Some(if verbatim {
                    Context::Verbatim
                } else {
                    Context::Code
                });
                code_lang = info.split_whitespace().next().unwrap_or("").to_string();
                code_text.clear();
            }
            Event::End(TagEnd::CodeBlock) => {
                code = None;
                out.push(Event::Html(CowStr::from(highlight::code_block(
                    &code_lang, &code_text,
                ))));
            }
            Event::Text(text) if code == Some(Context::Verbatim) => code_text.push_str(&text),
            Event::Text(text) => {
                let context = code.unwrap_or(Context::Prose);
                match fill(lesson, &text, &range, context) {
                    Ok(filled) if code.is_some() => code_text.push_str(&filled),
                    Ok(filled) => {
                        if let Some(h) = heading.as_mut() {
                            h.text.push_str(&filled);
                        }
                        out.push(Event::Text(CowStr::from(filled)));
                    }
                    Err(d) => problems.push(d),
                }
            }
            Event::Code(ref text) => {
                if let Some(h) = heading.as_mut() {
                    h.text.push_str(text);
                }
                out.push(event);
            }
            Event::InlineMath(latex) | Event::DisplayMath(latex) => {
                let display = if source_is_display(&lesson.source.text, &range) {
                    MathDisplay::Block
                } else {
                    MathDisplay::Inline
                };
                match fill(lesson, &latex, &range, Context::Code)
                    .and_then(|tex| math(lesson, &tex, &range, display))
                {
                    Ok(mathml) => {
                        if let Some(h) = heading.as_mut() {
                            h.text.push_str(&latex);
                        }
                        let html = if display == MathDisplay::Block {
                            // A wide formula scrolls by itself instead of widening the page.
                            format!(
                                "<span class=\"math-display\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">{mathml}</span>",
                                i18n::text(lang, "formula")
                            )
                        } else {
                            mathml
                        };
                        out.push(Event::InlineHtml(CowStr::from(html)));
                    }
                    Err(d) => problems.push(d),
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(Heading {
                    level: level as usize,
                    at: out.len(),
                    text: String::new(),
                });
                out.push(Event::Html(CowStr::from("")));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = heading.take() {
                    let base = slugify_heading(&h.text);
                    let mut id = base.clone();
                    let mut n = 1;
                    while ids.contains(&id) {
                        n += 1;
                        id = format!("{base}-{n}");
                    }
                    ids.push(id.clone());
                    out[h.at] = Event::Html(CowStr::from(format!("<h{} id=\"{id}\">", h.level)));
                    out.push(Event::Html(CowStr::from(format!(
                        " <a class=\"anchor\" href=\"#{id}\" aria-label=\"{}\">#</a></h{}>\n",
                        i18n::text(lang, "anchor"),
                        h.level
                    ))));
                    if h.level == 2 || h.level == 3 {
                        toc.push(TocEntry {
                            level: h.level,
                            id,
                            title: h.text.trim().to_string(),
                        });
                    }
                }
            }
            Event::Start(Tag::Table(_)) => {
                out.push(Event::Html(CowStr::from(table_wrap(lang))));
                out.push(event);
            }
            Event::End(TagEnd::Table) => {
                out.push(event);
                out.push(Event::Html(CowStr::from("</div>\n")));
            }
            Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. }) => {
                links.push((dest_url.to_string(), range));
                out.push(event);
            }
            other => out.push(other),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut html_out = String::with_capacity(body.len() * 2);
    html::push_html(&mut html_out, out.into_iter());
    Ok(Page {
        html: html_out,
        links,
        toc,
    })
}

/// A block marked `source` is shown as written (without the `source` word) above its result.
fn source_html(block: &str) -> String {
    let mut lines = block.trim_end().lines();
    let first = lines.next().unwrap_or("");
    let opening: Vec<&str> = first
        .split_whitespace()
        .filter(|w| *w != "source")
        .collect();
    let mut text = opening.join(" ");
    for line in lines {
        text.push('\n');
        text.push_str(line);
    }
    format!(
        "<pre class=\"nn-source\"><code class=\"language-markdown\">{}\n</code></pre>\n",
        escape(&text)
    )
}

/// Fill the placeholders of lesson text found at `range` of its source: for prose (true minus
/// signs) or for code (ASCII).
pub fn fill_placeholders(
    lesson: &Lesson,
    text: &str,
    range: &Range<usize>,
    code: bool,
) -> Result<String, Diagnostic> {
    let context = if code { Context::Code } else { Context::Prose };
    fill(lesson, text, range, context)
}

/// Fill the placeholders of a piece of Markdown source (found at `range`) for another Markdown
/// renderer: inline code spans stay as written, as on the HTML page, and values are escaped.
pub fn fill_markdown(
    lesson: &Lesson,
    text: &str,
    range: &Range<usize>,
) -> Result<String, Diagnostic> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut at = range.start;
    while let Some(open) = rest.find('`') {
        let ticks = rest[open..].len() - rest[open..].trim_start_matches('`').len();
        let fence = &rest[open..open + ticks];
        let after = &rest[open + ticks..];
        let Some(close) = after.find(fence) else {
            break;
        };
        out.push_str(&fill(
            lesson,
            &rest[..open],
            &(at..at + open),
            Context::Prose,
        )?);
        let end = open + ticks + close + ticks;
        out.push_str(&rest[open..end]);
        at += end;
        rest = &rest[end..];
    }
    out.push_str(&fill(lesson, rest, &(at..range.end), Context::Markdown)?);
    Ok(out)
}

/// Replace every `{{ ... }}` in `text` (found at `range` of the lesson source).
fn fill(
    lesson: &Lesson,
    text: &str,
    range: &Range<usize>,
    context: Context,
) -> Result<String, Diagnostic> {
    if !text.contains("{{") {
        return Ok(text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // Where to look for the next placeholder in the source (placeholders appear in order).
    let mut search_from = range.start;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            let here = locate_in_source(&lesson.source, search_from..range.end, "{{");
            return Err(lesson
                .source
                .error(here..here + 2, "a placeholder is not closed")
                .expected("`}}` after the name, like `{{ w1 }}`")
                .hint("a literal `{{` in prose is not supported; put it in an inline code span"));
        };
        let whole = &rest[open..open + close + 4];
        let here = locate_in_source(&lesson.source, search_from..range.end, whole);
        let span = here..here + whole.len();
        search_from = span.end.min(range.end);
        let value = placeholder(lesson, after[..close].trim(), span, context)?;
        if context == Context::Markdown {
            out.push_str(&escape(&value));
        } else {
            out.push_str(&value);
        }
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The source offset of `needle` within `range` of the source, or the range's start when the
/// text was not written verbatim there.
fn locate_in_source(source: &SourceFile, range: Range<usize>, needle: &str) -> usize {
    let raw = source.text.get(range.clone()).unwrap_or("");
    raw.find(needle).map_or(range.start, |i| range.start + i)
}

/// The value of one placeholder expression.
fn placeholder(
    lesson: &Lesson,
    expr: &str,
    span: Range<usize>,
    context: Context,
) -> Result<String, Diagnostic> {
    let Some(net) = lesson.network.as_ref() else {
        return Err(lesson
            .source
            .error(
                span,
                format!("placeholder `{{{{ {expr} }}}}` needs the lesson's network"),
            )
            .expected("a ```network block in the same lesson"));
    };
    let literal = |typed: &str| match context {
        Context::Prose | Context::Markdown => typographic_minus(typed),
        Context::Code | Context::Verbatim => typed.to_string(),
    };
    if let Some((signal, at)) = expr.split_once('@') {
        let (signal, at) = (signal.trim(), at.trim());
        let Some(sig) = net.signal(signal) else {
            return Err(unknown_signal(lesson.source.error(span, ""), net, signal));
        };
        let x: f64 = match at.parse::<f64>() {
            Ok(x) if x.is_finite() => x,
            _ => {
                return Err(lesson
                    .source
                    .error(span, format!("`{at}` is not a number"))
                    .expected("an input value after `@`, like `{{ output.activation @ 0.5 }}`"))
            }
        };
        let v = net.value(&net.trace(x), &sig);
        let s = format_number(v, lesson.precision);
        return Ok(match context {
            Context::Prose | Context::Markdown => s,
            Context::Code | Context::Verbatim => s.replace('\u{2212}', "-"),
        });
    }
    match expr {
        "input.from" => return Ok(literal(&net.input.from_literal)),
        "input.to" => return Ok(literal(&net.input.to_literal)),
        "input.samples" => return Ok(net.input.samples.to_string()),
        "input.name" => return Ok(net.input.name.clone()),
        "input.label" => return Ok(net.input.label.clone()),
        _ => {}
    }
    match net.param(expr) {
        Some(p) => Ok(literal(&p.literal)),
        None => {
            let names: Vec<&str> = net.params().map(|p| p.name.as_str()).collect();
            let d = lesson
                .source
                .error(span, format!("unknown placeholder `{expr}`"))
                .expected(format!(
                    "a weight or bias ({}), input.from, input.to, input.samples, input.name, input.label, or `<signal> @ <input>`",
                    names.join(", ")
                ));
            Err(match crate::error::closest(expr, names.iter().copied()) {
                Some(k) => d.hint(format!("did you mean `{k}`?")),
                None => d,
            })
        }
    }
}

/// Render inline Markdown (a caption) to HTML without the paragraph around it.
fn inline_markdown(lesson: &Lesson, text: &str, span: &Range<usize>) -> Result<String, Diagnostic> {
    let mut events = Vec::new();
    for event in Parser::new_ext(text, markdown_options()) {
        events.push(match event {
            Event::Text(t) => Event::Text(CowStr::from(fill(lesson, &t, span, Context::Prose)?)),
            // A caption is a block value: Markdown, but never raw markup.
            Event::Html(t) | Event::InlineHtml(t) => Event::Text(t),
            e => e,
        });
    }
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    let trimmed = out.trim();
    let inner = trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
        .unwrap_or(trimmed);
    Ok(inner.to_string())
}

fn figure_html(
    lesson: &Lesson,
    lang: &str,
    figure: &Figure,
    caption: &str,
    caption_span: &Range<usize>,
) -> Result<String, Diagnostic> {
    let caption = inline_markdown(lesson, caption, caption_span)?;
    let data = if figure.csv.is_empty() {
        String::new()
    } else {
        format!(
            " <a class=\"nn-data\" href=\"{}.csv\">{}</a>",
            figure.id,
            i18n::text(lang, "data")
        )
    };
    let mut s = String::new();
    let _ = write!(
        s,
        "<figure class=\"nn-figure\" id=\"figure-{id}\">\n<img src=\"{id}.svg\" alt=\"{alt}\" width=\"{w}\" height=\"{h}\">\n<figcaption>{caption}{data}</figcaption>\n</figure>\n",
        id = figure.id,
        alt = escape(&figure.description),
        w = figure.width,
        h = figure.height,
    );
    Ok(s)
}

/// A table of signals at chosen inputs, optionally with the arithmetic written out.
/// A table's header and rows as text: the input, then each signal's value, written out as
/// "0.2 · 1.70 + (−0.85) = −0.51" when the table asks for the arithmetic.
pub fn table_cells(net: &Network, spec: &TableSpec) -> (Vec<String>, Vec<Vec<String>>) {
    let headers: Vec<String> = match &spec.headers {
        Some(h) => h.clone(),
        None => std::iter::once(net.input.label.clone())
            .chain(spec.signals.iter().map(|sig| sig.name.clone()))
            .collect(),
    };
    let rows = spec
        .at
        .iter()
        .map(|&x| {
            let trace = net.trace(x);
            std::iter::once(format_number(x, spec.input_precision))
                .chain(spec.signals.iter().map(|sig| {
                    let value = format_number(net.value(&trace, sig), spec.precision);
                    match spec
                        .arithmetic
                        .then(|| arithmetic(net, &trace, sig, x, spec))
                        .flatten()
                    {
                        Some(expr) => format!("{expr} = {value}"),
                        None => value,
                    }
                }))
                .collect()
        })
        .collect();
    (headers, rows)
}

/// Written-out arithmetic as MathML: numbers as `<mn>`, the rest as `<mo>`.
fn arithmetic_mathml(text: &str) -> String {
    let mut out = format!("<math aria-label=\"{}\">", escape(text));
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let starts_number = c.is_ascii_digit()
            || (c == '\u{2212}' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()));
        if starts_number {
            let mut j = i + 1;
            while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == '.') {
                j += 1;
            }
            let n: String = chars[i..j].iter().collect();
            let _ = write!(out, "<mn>{n}</mn>");
            i = j;
        } else {
            if !c.is_whitespace() {
                let _ = write!(out, "<mo>{}</mo>", escape(&c.to_string()));
            }
            i += 1;
        }
    }
    out.push_str("</math>");
    out
}

/// A table of signals at chosen inputs, optionally with the arithmetic written out as math.
/// The opening of a table's scrolling wrapper: keyboard users can reach and scroll it.
fn table_wrap(lang: &str) -> String {
    format!(
        "<div class=\"nn-table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">\n",
        i18n::text(lang, "table")
    )
}

fn table_html(lesson: &Lesson, spec: &TableSpec, lang: &str) -> String {
    let net = lesson
        .network
        .as_ref()
        .expect("validated: tables need a network");
    let (headers, rows) = table_cells(net, spec);
    let mut s = format!(
        "{}<table class=\"nn-table\">\n<thead>\n<tr>",
        table_wrap(lang)
    );
    for h in &headers {
        let _ = write!(s, "<th scope=\"col\">{}</th>", escape(h));
    }
    s.push_str("</tr>\n</thead>\n<tbody>\n");
    for row in rows {
        s.push_str("<tr>");
        for cell in row {
            if cell.contains(" = ") {
                let _ = write!(s, "<td class=\"num\">{}</td>", arithmetic_mathml(&cell));
            } else {
                let _ = write!(s, "<td class=\"num\">{}</td>", escape(&cell));
            }
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n</div>\n");
    s
}

/// "0.2 · 1.70 + (−0.85)" for a linear signal, "0.85 · −40.8" for a weighted one.
fn arithmetic(
    net: &Network,
    trace: &crate::network::Trace,
    sig: &crate::network::Signal,
    x: f64,
    spec: &TableSpec,
) -> Option<String> {
    let paren = |s: String| {
        if s.starts_with('\u{2212}') {
            format!("({s})")
        } else {
            s
        }
    };
    let inputs: Vec<String> = if sig.layer == 0 {
        vec![paren(format_number(x, spec.input_precision))]
    } else {
        trace.nodes[sig.layer - 1]
            .iter()
            .map(|v| paren(format_number(v.2, spec.precision)))
            .collect()
    };
    let node = &net.layers[sig.layer].nodes[sig.node];
    let terms = || {
        inputs
            .iter()
            .zip(&node.weights)
            .map(|(a, w)| format!("{a} · {}", paren(typographic_minus(&w.literal))))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    match sig.quantity {
        Quantity::Sum => Some(terms()),
        Quantity::Linear => Some(format!(
            "{} + {}",
            terms(),
            paren(typographic_minus(&node.bias.literal))
        )),
        Quantity::Weighted(to) => {
            let a = trace.nodes[sig.layer][sig.node].2;
            let w = &net.layers[sig.layer + 1].nodes[to].weights[sig.node];
            Some(format!(
                "{} · {}",
                paren(format_number(a, spec.precision)),
                paren(typographic_minus(&w.literal))
            ))
        }
        Quantity::Activation | Quantity::Input => None,
    }
}

/// Every node's weights and bias, as typed in the network block.
fn parameters_html(lesson: &Lesson, lang: &str) -> String {
    let Some(net) = lesson.network.as_ref() else {
        return String::new();
    };
    let mut s = format!(
        "{}<table class=\"nn-parameters\">\n<thead>\n<tr>",
        table_wrap(lang)
    );
    for key in ["layer", "node", "activation", "weights", "bias"] {
        let _ = write!(s, "<th scope=\"col\">{}</th>", i18n::text(lang, key));
    }
    s.push_str("</tr>\n</thead>\n<tbody>\n");
    let last = net.layers.len() - 1;
    for (l, layer) in net.layers.iter().enumerate() {
        let layer_name = if l == last {
            i18n::text(lang, "output").to_string()
        } else if last == 1 {
            i18n::text(lang, "hidden").to_string()
        } else {
            format!("{} {}", i18n::text(lang, "hidden"), l + 1)
        };
        for node in &layer.nodes {
            let weights: Vec<String> = node
                .weights
                .iter()
                .map(|w| {
                    format!(
                        "{} = {}",
                        escape(&w.name),
                        escape(&typographic_minus(&w.literal))
                    )
                })
                .collect();
            let _ = writeln!(
                s,
                "<tr><td>{layer_name}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{} = {}</td></tr>",
                escape(&node.name),
                layer.activation.display_name(),
                weights.join(", "),
                escape(&node.bias.name),
                escape(&typographic_minus(&node.bias.literal)),
            );
        }
    }
    s.push_str("</tbody>\n</table>\n</div>\n");
    s
}
