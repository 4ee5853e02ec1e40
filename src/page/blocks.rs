//! The HTML of nnbook blocks in a page: figures (with captions), tables of signals (with the
//! arithmetic written out) and the parameter listing.

use std::fmt::Write as _;
use std::ops::Range;

use math_core::MathDisplay;
use pulldown_cmark::{html, Event, Parser, TagEnd, TextMergeStream};

use crate::error::Diagnostic;
use crate::figure::Figure;
use crate::i18n::{self, Lang};
use crate::lesson::{signal_label, Lesson, TableSpec};
use crate::markdown;
use crate::network::{Network, Quantity, Signal, Trace};
use crate::text::{escape, format_number, left_to_right};

use super::math::math_html;
use super::named;
use super::placeholder::prose_events;

/// A block marked `source` is shown as written (without the `source` word) above its result.
pub fn source_html(block: &str) -> String {
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

/// Render inline Markdown (a caption) to HTML without the paragraph around it: its
/// placeholders filled, its math as MathML.
pub(super) fn inline_markdown(
    lesson: &Lesson,
    text: &str,
    span: &Range<usize>,
    lang: Lang,
) -> Result<String, Vec<Diagnostic>> {
    let mut events = Vec::new();
    let mut problems = Vec::new();
    for event in TextMergeStream::new(Parser::new_ext(text, markdown::options())) {
        match event {
            Event::Text(t) => {
                problems.extend(super::math::unbalanced(lesson, &t, span));
                match prose_events(lesson, &t, span, lang.rtl) {
                    Ok((text, _)) => events.extend(text),
                    Err(found) => problems.extend(found),
                }
            }
            // Math as in the body, inline: a caption is one line of text.
            Event::InlineMath(latex) | Event::DisplayMath(latex) => {
                match math_html(lesson, &latex, span, MathDisplay::Inline) {
                    Ok(mathml) => events.push(Event::InlineHtml(mathml.into())),
                    Err(found) => problems.extend(found),
                }
            }
            // A link without words says a drawing's title ([`super::named`]): a caption is read
            // before the page's later headings are known.
            Event::End(TagEnd::Link) => {
                if let Some(dest) = named::opened_link(&events) {
                    let dest = dest.to_string();
                    match named::name_of(&dest, &named::drawing_names(lesson)) {
                        Some(name) => events.push(Event::Text(name.to_string().into())),
                        None => problems.extend(named::unnamed(lesson, &dest, span, true)),
                    }
                }
                events.push(Event::End(TagEnd::Link));
            }
            // A caption is Markdown like the body: its raw HTML is HTML (lessons are trusted).
            e => events.push(e),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
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

pub fn figure_html(
    lesson: &Lesson,
    lang: Lang,
    (figure, shared): (&Figure, bool),
    caption: &str,
    caption_span: &Range<usize>,
) -> Result<String, Vec<Diagnostic>> {
    let caption = inline_markdown(lesson, caption, caption_span, lang)?;
    // The drawing is inlined: its text can be styled by the page, and no file is created for it.
    // A chart's phone drawing follows; the style sheet shows one of the two by the screen's width.
    // The page's first diagram carries the stylesheet all its diagrams share (`shared`).
    let phone = figure.phone.as_ref().map_or("", |p| p.svg.as_str());
    let svg = match shared {
        true => figure.standalone_svg(),
        false => figure.svg.as_str().into(),
    };
    // Written once into a buffer of about its final size (the drawings are most of it).
    let mut s = String::with_capacity(
        svg.len() + phone.len() + caption.len() + figure.csv.len() * 3 / 2 + 256,
    );
    s.push_str("<figure class=\"nn-figure\" id=\"figure-");
    s.push_str(&figure.id);
    s.push_str("\">\n");
    // A diagram too wide for a phone stops shrinking where its text would get too small, and
    // scrolls sideways in a region keyboard users can reach, like a table.
    if let Some(least) = figure.least_width {
        let _ = writeln!(
            s,
            "{}{}\" style=\"--least:{least}px\">",
            REGIONS[2],
            i18n::html(lang, "diagram")
        );
    }
    push_inline_svg(&mut s, &svg);
    if figure.least_width.is_some() {
        s.push_str("</div>\n");
    }
    push_inline_svg(&mut s, phone);
    s.push_str("<figcaption>");
    s.push_str(&caption);
    // The data travel inside the page (a `data:` address the browser saves as `<id>.csv`): one
    // click away, and no file per figure to create at build time.
    if !figure.csv.is_empty() {
        s.push_str(" <a class=\"nn-data\" href=\"data:text/csv;charset=utf-8,");
        push_data_uri_text(&mut s, &figure.csv);
        s.push_str("\" download=\"");
        s.push_str(&figure.id);
        s.push_str(".csv\">");
        s.push_str(&i18n::html(lang, "data"));
        s.push_str("</a>");
    }
    s.push_str("</figcaption>\n</figure>\n");
    Ok(s)
}

/// A drawing appended to a page without its opening tag's `xmlns`: HTML's parser puts an
/// `<svg>` and all it holds in the SVG namespace (the attribute is needed where the drawing is
/// a document of its own: a notebook's output, a file). 35 bytes a drawing, 595 on the ReLU
/// page.
fn push_inline_svg(out: &mut String, svg: &str) {
    const XMLNS: &str = " xmlns=\"http://www.w3.org/2000/svg\"";
    let open = svg.find('>').map_or(0, |at| at + 1);
    match svg[..open].find(XMLNS) {
        Some(at) => {
            out.push_str(&svg[..at]);
            out.push_str(&svg[at + XMLNS.len()..]);
        }
        None => out.push_str(svg),
    }
}

/// `text` percent-encoded for a `data:` address in an HTML attribute, appended to `out`: every
/// byte but letters, digits and `,.-_:;=+*/()!~` is written `%XX` (RFC 3986 bytes, so also `&`,
/// `"`, `<`, `%`). Runs of bytes kept as they are are copied at once.
fn push_data_uri_text(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    /// The bytes written as they are, by value.
    const KEPT: [bool; 256] = {
        let mut kept = [false; 256];
        let mut b = 0;
        while b < 256 {
            kept[b] = (b as u8).is_ascii_alphanumeric();
            b += 1;
        }
        let others = b",.-_:;=+*/()!~";
        let mut i = 0;
        while i < others.len() {
            kept[others[i] as usize] = true;
            i += 1;
        }
        kept
    };
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if KEPT[usize::from(b)] {
            continue;
        }
        // The bytes from `start` to `i` are kept ones, all ASCII: whole characters.
        if start < i {
            out.push_str(&text[start..i]);
        }
        out.push('%');
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
        start = i + 1;
    }
    out.push_str(&text[start..]);
}

/// A table of signals at chosen inputs: its header and rows as text, the input, then each
/// signal's value, written out as "0.2 · 1.70 + (−0.85) = −0.51" when the table asks for the
/// arithmetic.
/// Headers not given are the signals as readers see them, in language `lang`.
pub fn table_cells(net: &Network, spec: &TableSpec, lang: Lang) -> (Vec<String>, Vec<Vec<String>>) {
    let headers: Vec<String> = match &spec.headers {
        Some(h) => h.clone(),
        None => std::iter::once(net.input.label.clone())
            .chain(spec.signals.iter().map(|sig| signal_label(net, sig, lang)))
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
                        Some(expr) => {
                            let equals = equals(&expr, &value, spec.precision);
                            format!("{expr} {equals} {value}")
                        }
                        None => value,
                    }
                }))
                .collect()
        })
        .collect();
    (headers, rows)
}

/// "=" where the numbers of `expr` as written ("0.71 · 2.28", "2.25 · (−1.30) + 1.53 ·
/// 2.28") give `value` as shown at `precision` decimals, rounded half away from zero as a
/// reader rounds, else "≈": 0.71 · 2.28 is 1.6188, not the 1.61 of the exact values, and
/// 0.50 · 0.35 is 0.175, whose binary product (0.17499999999999999) the page rounds to 0.17.
/// So the distance to the value is held to half a unit, a tie (within a rounding's width)
/// counting only where the value is the one further from zero. (Multiplied and added left to
/// right, each number read as JavaScript's `Number` reads it, as the page's script does it:
/// `0x2` is 2.)
fn equals(expr: &str, value: &str, precision: usize) -> &'static str {
    let term = |t: &str| t.split(" · ").fold(1.0, |p, n| p * js_number(n));
    let sum = expr.split(" + ").fold(0.0, |s, t| s + term(t));
    let shown = js_number(value);
    let half = 0.5 / format!("1e{precision}").parse::<f64>().unwrap_or(1.0);
    let off = (sum - shown).abs();
    let adds_up = match shown.abs() < 1e9 {
        true => {
            off < half * (1.0 - 1e-9)
                || ((off - half).abs() <= half * 1e-9 && shown.abs() >= sum.abs())
        }
        false => format_number(sum, precision) == value,
    };
    match adds_up {
        true => "=",
        false => "\u{2248}",
    }
}

/// A number as written in arithmetic (`(−0.85)`, a typed `0x2`), read as JavaScript's
/// `Number` reads it; NaN where it reads none.
fn js_number(written: &str) -> f64 {
    let n = written.trim_matches(['(', ')']).replace('\u{2212}', "-");
    let radix = |prefix: &str, radix: u32| {
        let digits = n.strip_prefix(prefix)?;
        i64::from_str_radix(digits, radix).ok().map(|v| v as f64)
    };
    (radix("0x", 16)
        .or_else(|| radix("0o", 8))
        .or_else(|| radix("0b", 2)))
    .unwrap_or_else(|| n.parse().unwrap_or(f64::NAN))
}

/// Written-out arithmetic as MathML: numbers (scientific ones whole) as `<mn>`, the rest as
/// `<mo>`.
pub fn arithmetic_mathml(text: &str) -> String {
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
            // The exponent of a number in scientific form (`1.00e308`, `2.50e−7`).
            let exponent = |k: usize| match chars.get(k) {
                Some('\u{2212}') => k + 1,
                _ => k,
            };
            if chars.get(j) == Some(&'e')
                && chars.get(exponent(j + 1)).is_some_and(char::is_ascii_digit)
            {
                j = exponent(j + 1);
                while j < chars.len() && chars[j].is_ascii_digit() {
                    j += 1;
                }
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

/// How the scrolling regions of a page open, up to their name: a table's, a display formula's
/// and a wide diagram's (which follows its figure's first line). Keyboard users can reach and
/// scroll them; `page::number_regions` tells those of one kind apart.
pub const REGIONS: [&str; 3] = [
    "<div class=\"nn-table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"",
    "<span class=\"math-display\" tabindex=\"0\" role=\"region\" aria-label=\"",
    "<div class=\"nn-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"",
];

/// The opening of a table's scrolling wrapper.
pub fn table_wrap(lang: Lang) -> String {
    format!("{}{}\">\n", REGIONS[0], i18n::html(lang, "table"))
}

/// A table of cells in its scrolling wrapper: a header row, then rows whose cells holding
/// written-out arithmetic (" = ", or " ≈ " for a sum of rounded terms) are math. For the signal tables and the training tables.
/// Without rows (a table of a network's kinks, which has none) its one row says so, across
/// the table, as `explore.js` writes it when the reader's parameters leave no kink.
pub fn cells_html(class: &str, headers: &[String], rows: &[Vec<String>], lang: Lang) -> String {
    let mut s = format!(
        "{}<table class=\"{class}\">\n<thead>\n<tr>",
        table_wrap(lang)
    );
    for h in headers {
        let _ = write!(s, "<th scope=\"col\">{}</th>", escape(h));
    }
    s.push_str("</tr>\n</thead>\n<tbody>\n");
    if rows.is_empty() {
        let _ = writeln!(
            s,
            "<tr><td colspan=\"{}\" class=\"nn-none\">{}</td></tr>",
            headers.len(),
            i18n::html(lang, "no_kinks")
        );
    }
    for row in rows {
        s.push_str("<tr>");
        for cell in row {
            if cell.contains(" = ") || cell.contains(" \u{2248} ") {
                let _ = write!(s, "<td class=\"num\">{}</td>", arithmetic_mathml(cell));
            } else {
                let _ = write!(s, "<td class=\"num\">{}</td>", escape(cell));
            }
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n</div>\n");
    s
}

/// A number as written out in arithmetic: in parentheses when it is negative, after a `·`, a
/// `+` or a `−` ("0.2 · 1.70 + (−0.85)"). Training tables write theirs so too.
pub(super) fn paren(s: String) -> String {
    if s.starts_with('\u{2212}') {
        format!("({s})")
    } else {
        s
    }
}

/// "0.2 · 1.70 + (−0.85)" for a linear signal, "0.85 · −40.8" for a weighted one.
fn arithmetic(
    net: &Network,
    trace: &Trace,
    sig: &Signal,
    x: f64,
    spec: &TableSpec,
) -> Option<String> {
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
            .map(|(a, w)| format!("{a} · {}", paren(w.value_shown(spec.precision))))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    match sig.quantity {
        Quantity::Sum => Some(terms()),
        Quantity::Linear => Some(format!(
            "{} + {}",
            terms(),
            paren(node.bias.value_shown(spec.precision))
        )),
        Quantity::Weighted(to) => {
            let a = trace.nodes[sig.layer][sig.node].2;
            let w = &net.layers[sig.layer + 1].nodes[to].weights[sig.node];
            Some(format!(
                "{} · {}",
                paren(format_number(a, spec.precision)),
                paren(w.value_shown(spec.precision))
            ))
        }
        Quantity::Activation | Quantity::Input => None,
    }
}

/// Every node's weights and bias, as typed in the network block. Each cell carries its
/// column's name (`data-label`), which the phone layout shows beside the value. On a page whose
/// readers move the parameters (`live`), each value is in a `<span data-nn="w1">` for the page's
/// script, as placeholders are. A name and its value are joined by no-break spaces (`w1 = 1.70`
/// is never broken over two lines on a phone; a list of them breaks after its commas).
pub fn parameters_html(net: &Network, lang: Lang, live: bool, decimals: usize) -> String {
    let shown = |p: &crate::network::Param| {
        let name = escape(&p.name);
        let value = escape(&p.value_shown(decimals));
        if live {
            format!("{name}\u{a0}=\u{a0}<span data-nn=\"{name}\">{value}</span>")
        } else {
            format!("{name}\u{a0}=\u{a0}{value}")
        }
    };
    let mut s = format!(
        "{}<table class=\"nn-parameters\">\n<thead>\n<tr>",
        table_wrap(lang)
    );
    let columns = ["layer", "node", "activation", "weights", "bias"].map(|k| i18n::html(lang, k));
    for name in &columns {
        let _ = write!(s, "<th scope=\"col\">{name}</th>");
    }
    s.push_str("</tr>\n</thead>\n<tbody>\n");
    // (Right to left, each value list a run of its own, `w1 = −0.85` as written: a phone shows
    // these cells as lines of text after their column's name.)
    let values = |v: String| left_to_right(v, lang.rtl);
    let last = net.layers.len() - 1;
    for (l, layer) in net.layers.iter().enumerate() {
        let layer_name = if l == last {
            i18n::html(lang, "output")
        } else if last == 1 {
            i18n::html(lang, "hidden")
        } else {
            format!("{} {}", i18n::html(lang, "hidden"), l + 1)
        };
        for node in &layer.nodes {
            let weights: Vec<String> = node.weights.iter().map(shown).collect();
            let cells = [
                ("", layer_name.clone()),
                ("", escape(&node.label)),
                ("", layer.activation.display_name().to_string()),
                (" class=\"num\"", values(weights.join(", "))),
                (" class=\"num\"", values(shown(&node.bias))),
            ];
            s.push_str("<tr>");
            for ((class, value), column) in cells.iter().zip(&columns) {
                let _ = write!(s, "<td{class} data-label=\"{column}\">{value}</td>");
            }
            s.push_str("</tr>\n");
        }
    }
    s.push_str("</tbody>\n</table>\n</div>\n");
    s
}

/// A task list item's box (`- [x] Done`), ticked or not, that the reader cannot change; named
/// for a screen reader as done or to do.
pub fn task_marker(done: bool, lang: Lang) -> Event<'static> {
    let (checked, key) = match done {
        true => (" checked", "task_done"),
        false => ("", "task_to_do"),
    };
    let label = i18n::html(lang, key);
    Event::InlineHtml(
        format!(
            "<input type=\"checkbox\" class=\"nn-task\" disabled{checked} aria-label=\"{label}\"> "
        )
        .into(),
    )
}

#[cfg(test)]
mod tests {
    use super::push_data_uri_text;

    /// Every byte that is not kept is written `%XX`, also inside a multi-byte character.
    #[test]
    fn data_addresses_encode_every_other_byte() {
        let mut out = String::from("<");
        push_data_uri_text(&mut out, "x,y\n0.5,é 1\"&%<–\n");
        assert_eq!(out, "<x,y%0A0.5,%C3%A9%201%22%26%25%3C%E2%80%93%0A");
        let mut out = String::new();
        push_data_uri_text(&mut out, "é");
        assert_eq!(out, "%C3%A9");
    }
}
