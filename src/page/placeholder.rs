//! `{{ ... }}` placeholders in a lesson's prose, code and captions, filled from its network.

use std::ops::Range;

use crate::error::Diagnostic;
use crate::lesson::{is_node, non_finite, unknown_signal, Extreme, Lesson, NON_FINITE_HINT};
use crate::network::Network;
use crate::text::{
    did_you_mean, escape, escape_markdown, format_number, left_to_right, typographic_minus,
    LTR_CLOSE, LTR_OPEN,
};

use super::open_math::OpenMath;
use super::training_value;

/// Where a placeholder's value goes: prose gets true minus signs, code gets ASCII.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Prose,
    Code,
    /// A code block marked `verbatim`: placeholders are shown as written.
    Verbatim,
    /// LaTeX: like code, ASCII.
    Math,
    /// Markdown source for another renderer (the notebook): like prose, with the values
    /// backslash-escaped so that they never become markup.
    Markdown,
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
    fill(lesson, text, range, context).map_err(first)
}

/// The first of a text's placeholder problems, for the notebook: the page reports the same
/// text's problems, every one.
fn first(problems: Vec<Diagnostic>) -> Diagnostic {
    // (`pieces` fails only with a problem; the fallback is never shown.)
    problems
        .into_iter()
        .next()
        .unwrap_or_else(|| Diagnostic::new("a placeholder could not be filled"))
}

/// Fill the placeholders of a piece of Markdown source (found at `range`) for another Markdown
/// renderer: inline code spans stay as written, as on the HTML page, and values are escaped.
pub fn fill_markdown(
    lesson: &Lesson,
    text: &str,
    range: &Range<usize>,
    rtl: bool,
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
        out.push_str(
            &filled(lesson, &rest[..open], &(at..at + open), Context::Prose, rtl).map_err(first)?,
        );
        let end = open + ticks + close + ticks;
        out.push_str(&rest[open..end]);
        at += end;
        rest = &rest[end..];
    }
    out.push_str(&filled(lesson, rest, &(at..range.end), Context::Markdown, rtl).map_err(first)?);
    Ok(out)
}

/// Replace every `{{ ... }}` in `text` (found at `range` of the lesson source); or the problem
/// of every placeholder that has one.
pub fn fill(
    lesson: &Lesson,
    text: &str,
    range: &Range<usize>,
    context: Context,
) -> Result<String, Vec<Diagnostic>> {
    filled(lesson, text, range, context, false)
}

/// [`fill`], each value in text written right to left (`rtl`) a `<bdi dir="ltr">`, a run of its
/// own (its minus before its digits), as the page's are.
fn filled(
    lesson: &Lesson,
    text: &str,
    range: &Range<usize>,
    context: Context,
    rtl: bool,
) -> Result<String, Vec<Diagnostic>> {
    if !text.contains("{{") {
        return Ok(text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    // (Whether the text so far has left a formula open, `$…$` or `$$…$$`: a value in one is
    // LaTeX's, never wrapped.)
    let mut math = OpenMath::default();
    for piece in pieces(lesson, text, range, context)? {
        let value = match piece {
            Piece::Text(t) => {
                out.push_str(t);
                math.read(t);
                continue;
            }
            Piece::Value { value, .. } if context == Context::Markdown => escape_markdown(&value),
            Piece::Value { value, .. } => value,
        };
        out.push_str(&left_to_right(value, rtl && !math.open()));
    }
    Ok(out)
}

/// A formula's LaTeX with its placeholders filled, for the math converter. A value that follows
/// the parameters is written as a stand-in number, found again in the MathML by [`MathFill::mark`].
pub struct MathFill {
    pub latex: String,
    /// Each stand-in, its expression, and its value as prose writes it.
    marks: Vec<(String, String, String)>,
}

/// Stand-ins are numbers from here up: digits a formula is unlikely to hold (a stand-in is used
/// only where it is found exactly once).
const STAND_IN: u64 = 9_073_581_000;

/// Fill the placeholders of a formula (found at `range` of the lesson source).
pub fn fill_math(
    lesson: &Lesson,
    text: &str,
    range: &Range<usize>,
) -> Result<MathFill, Vec<Diagnostic>> {
    let mut fill = MathFill {
        latex: String::with_capacity(text.len()),
        marks: Vec::new(),
    };
    if !text.contains("{{") {
        fill.latex.push_str(text);
        return Ok(fill);
    }
    for piece in pieces(lesson, text, range, Context::Math)? {
        match piece {
            Piece::Text(t) => fill.latex.push_str(t),
            Piece::Value { expr, value, live } if live => {
                let stand_in = (STAND_IN + fill.marks.len() as u64).to_string();
                fill.latex.push_str(&stand_in);
                fill.marks
                    .push((stand_in, expr.to_string(), typographic_minus(&value)));
            }
            Piece::Value { value, .. } => fill.latex.push_str(&value),
        }
    }
    Ok(fill)
}

impl MathFill {
    /// The MathML of this formula with each stand-in's `<mn>` made the value's, one `<mn>` with
    /// a true minus and a `data-nn` for the page's script (as the tables write numbers); or None
    /// where a stand-in is not one `<mn>` of its own (in `\text{…}`, say): then the formula is
    /// converted with the values in place, and does not follow the parameters.
    pub fn mark(&self, mathml: &str) -> Option<String> {
        let mut out = mathml.to_string();
        for (stand_in, expr, value) in &self.marks {
            let token = format!("<mn>{stand_in}</mn>");
            if out.matches(&token).count() != 1 {
                return None;
            }
            let live = format!("<mn data-nn=\"{}\">{}</mn>", escape(expr), escape(value));
            out = out.replacen(&token, &live, 1);
        }
        Some(out)
    }
}

/// A piece of text with placeholders: text as written, or a placeholder's value.
pub enum Piece<'t> {
    Text(&'t str),
    Value {
        /// The expression, `w3` or `output.activation @ 0.5`.
        expr: &'t str,
        value: String,
        /// Whether the value follows the network's parameters (a parameter, or a signal at an
        /// input), so that the page's script can update it.
        live: bool,
    },
}

/// `text` (found at `range` of the lesson source) cut into text and placeholder values; or the
/// problem of every placeholder that has one (up to one that is not closed, after which no
/// placeholder can be told).
pub fn pieces<'t>(
    lesson: &Lesson,
    text: &'t str,
    range: &Range<usize>,
    context: Context,
) -> Result<Vec<Piece<'t>>, Vec<Diagnostic>> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut rest = text;
    // Where to look for the next placeholder in the source (placeholders appear in order).
    let mut search_from = range.start;
    while let Some(open) = find_pair(rest, b'{') {
        out.push(Piece::Text(&rest[..open]));
        let after = &rest[open + 2..];
        let Some(close) = find_pair(after, b'}') else {
            let here = lesson.source.find_in(search_from..range.end, "{{");
            problems.push(
                lesson
                    .source
                    .error(here..here + 2, "a placeholder is not closed")
                    .expected("`}}` after the name, like `{{ w1 }}`")
                    .hint(
                        "a literal `{{` in prose is not supported; put it in an inline code span",
                    ),
            );
            return Err(problems);
        };
        let whole = &rest[open..open + close + 4];
        let here = lesson.source.find_in(search_from..range.end, whole);
        let span = here..here + whole.len();
        search_from = span.end.min(range.end);
        let expr = after[..close].trim();
        rest = &after[close + 2..];
        let value = match placeholder(lesson, expr, span, context) {
            Ok(value) => value,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        // A parameter, or a signal of the network at an input, on a page whose readers can
        // move the parameters.
        let live = lesson.explorable()
            && lesson.network.as_ref().is_some_and(|n| {
                n.param(expr).is_some()
                    || expr
                        .split_once('@')
                        .is_some_and(|(name, _)| n.signal(name.trim()).is_some())
                    || Extreme::parse(expr).is_some_and(|e| n.signal(e.signal).is_some())
            });
        out.push(Piece::Value { expr, value, live });
    }
    out.push(Piece::Text(rest));
    match problems.is_empty() {
        true => Ok(out),
        false => Err(problems),
    }
}

/// Where `text` first has `b` twice in a row (`{{` or `}}`): a byte search, where a string
/// pattern would set up its searcher anew for every placeholder.
fn find_pair(text: &str, b: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memchr(b, &bytes[from..]) {
        let at = from + i;
        if bytes.get(at + 1) == Some(&b) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// A run written left to right in plain text: Unicode's left-to-right isolate and the pop that
/// ends it, as [`LTR_OPEN`] and [`LTR_CLOSE`] in HTML.
pub const ISOLATES: [char; 2] = ['\u{2066}', '\u{2069}'];

/// Prose with placeholders as Markdown events: each value that follows the parameters in a
/// `<span data-nn="…">` for the page's script; in text written right to left (`rtl`) every
/// other value in a `<bdi>`, a run of its own, so that its minus stays before its digits (the
/// theme's `rtl.css` makes the spans such runs). Returns the events and the plain text (for
/// headings' ids and the table of contents), where right to left each value is between
/// Unicode's isolates ([`ISOLATES`]), the plain text's `<bdi dir="ltr">`.
pub fn prose_events(
    lesson: &Lesson,
    text: &str,
    range: &Range<usize>,
    rtl: bool,
) -> Result<(Vec<pulldown_cmark::Event<'static>>, String), Vec<Diagnostic>> {
    use pulldown_cmark::{CowStr, Event};
    let mut events = Vec::new();
    let mut plain = String::with_capacity(text.len());
    for piece in pieces(lesson, text, range, Context::Prose)? {
        match piece {
            Piece::Text(t) => {
                plain.push_str(t);
                if !t.is_empty() {
                    events.push(Event::Text(CowStr::from(t.to_string())));
                }
            }
            Piece::Value { expr, value, live } => {
                if rtl {
                    plain.push(ISOLATES[0]);
                }
                plain.push_str(&value);
                if rtl {
                    plain.push(ISOLATES[1]);
                }
                let (open, close) = match (live, rtl) {
                    (true, _) => (format!("<span data-nn=\"{}\">", escape(expr)), "</span>"),
                    (false, true) => (LTR_OPEN.to_string(), LTR_CLOSE),
                    (false, false) => (String::new(), ""),
                };
                if !open.is_empty() {
                    events.push(Event::Html(CowStr::from(open)));
                }
                events.push(Event::Text(CowStr::from(value)));
                if !close.is_empty() {
                    events.push(Event::Html(CowStr::Borrowed(close)));
                }
            }
        }
    }
    Ok((events, plain))
}

/// The value of one placeholder expression.
fn placeholder(
    lesson: &Lesson,
    expr: &str,
    span: Range<usize>,
    context: Context,
) -> Result<String, Diagnostic> {
    let (name, at) = match expr.split_once('@') {
        Some((name, at)) => (name.trim(), Some(at.trim())),
        None => (expr, None),
    };
    // A computed number as the context writes it (it is formatted with a true minus).
    let computed = |text: String| match context {
        Context::Prose | Context::Markdown => text,
        Context::Code | Context::Verbatim | Context::Math => text.replace('\u{2212}', "-"),
    };
    if let Some(text) = training_value::placeholder(lesson, name, at, span.clone())? {
        return Ok(computed(text));
    }
    // After a training block, the network it trained; behind a broken network block, the
    // network its names read as (`stand_in`): the placeholder's names are checked against
    // it, and what it computes is a stand-in number, so that a formula holding the
    // placeholder is still checked (its values are not the author's).
    let (net, computes) = match (lesson.network_at(span.start), &lesson.stand_in) {
        (Some(net), _) => (net, true),
        (None, Some(stand_in)) => (stand_in, false),
        (None, None) if lesson.network_broken => return Ok("0".to_string()),
        (None, None) => return Err(no_network(lesson, span, expr, context)),
    };
    let literal = |typed: &str| match context {
        Context::Prose | Context::Markdown => typographic_minus(typed),
        Context::Code | Context::Verbatim | Context::Math => typed.to_string(),
    };
    if let Some(extreme) = Extreme::parse(expr) {
        return extreme_value(lesson, (net, computes), extreme, span).map(computed);
    }
    if let Some((signal, at)) = expr.split_once('@') {
        let v = value_at(lesson, (net, computes), (signal.trim(), at.trim()), span)?;
        return Ok(computed(format_number(v, lesson.precision)));
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
        None => Err(unknown(lesson, net, (expr, span), context)),
    }
}

/// The error of a placeholder `expr` (at `span`, in `context`) that names nothing of `net`,
/// with a hint of what it likely means.
fn unknown(
    lesson: &Lesson,
    net: &Network,
    (expr, span): (&str, Range<usize>),
    context: Context,
) -> Diagnostic {
    let names: Vec<&str> = net.params().map(|p| p.name.as_str()).collect();
    let d = lesson
        .source
        .error(span, format!("unknown placeholder `{expr}`"))
        .expected(format!(
            "a weight or bias ({}), input.from, input.to, input.samples, input.name, input.label, `<signal> @ <input>`, or `max <signal>` (`min`, `argmax`, `argmin`)",
            names.join(", ")
        ));
    let x = &net.input.from_literal;
    if net.signal(expr).is_some() {
        return d.hint(format!(
            "`{expr}` is a signal: say at which input, like `{{{{ {expr} @ {x} }}}}`"
        ));
    }
    if is_node(net, expr) {
        return d.hint(format!(
            "`{expr}` is a node: show one of its values at an input, like `{{{{ {expr}.activation @ {x} }}}}`"
        ));
    }
    if let Some(hint) = other_tools(expr, context) {
        return d.hint(hint);
    }
    let known = names.iter().copied().chain(INPUT_FIELDS);
    match did_you_mean(expr, known) {
        Some(hint) => d.hint(hint),
        // (Two braces around what is no name are likely LaTeX's or Python's.)
        None if braces_as_written(expr, context) => d.hint(as_written(context)),
        None => d.hint("a placeholder names one of the above, spelt as in the network block"),
    }
}

/// What a placeholder written as mdBook's include, or as Hugo's or Zola's shortcodes (in prose,
/// `context`: in code or math, two braces are more likely Python's or LaTeX's), is told.
fn other_tools(expr: &str, context: Context) -> Option<&'static str> {
    let shortcode = (expr.starts_with('<') && expr.ends_with('>'))
        || (expr.starts_with('%') && expr.ends_with('%'))
        || (expr.starts_with(char::is_alphabetic) && expr.contains('(') && expr.ends_with(')'));
    if expr.starts_with("#include") || expr.starts_with("#rustdoc_include") {
        Some("nnbook has no mdBook `{{#include}}`: write the code in the block, its numbers as placeholders (`{{ w1 }}`), so that they follow the network block")
    } else if shortcode && matches!(context, Context::Prose | Context::Markdown) {
        Some("Hugo's and Zola's shortcodes are not nnbook's: a chart is a ```figure block, an image `![alt](file.png)` with the file beside the lesson")
    } else {
        None
    }
}

/// The input's fields a placeholder can show.
const INPUT_FIELDS: [&str; 5] = [
    "input.from",
    "input.to",
    "input.samples",
    "input.name",
    "input.label",
];

/// Whether two braces around `expr` that are no placeholder were likely meant as written: in
/// code (Python's `f"{{x}}"`) or math (LaTeX's `x^{{k}}`), or in prose around what is no name
/// (an empty `{{}}`); not prose's `{{ input.form }}`, a misspelt placeholder.
fn braces_as_written(expr: &str, context: Context) -> bool {
    let named = expr.starts_with(char::is_alphabetic)
        && (expr.chars()).all(|c| c.is_alphanumeric() || "_.-@ ".contains(c));
    !matches!(context, Context::Prose | Context::Markdown) || !named
}

/// The error for placeholder `expr` in a lesson without a network.
fn no_network(lesson: &Lesson, span: Range<usize>, expr: &str, context: Context) -> Diagnostic {
    lesson
        .source
        .error(
            span,
            format!("placeholder `{{{{ {expr} }}}}` needs the lesson's network"),
        )
        .expected("a ```network block in the same lesson")
        .hint(format!(
            "placeholders show the network's parameters and signals: add its block, or write \
             the number as text{}",
            match braces_as_written(expr, context) {
                true => format!("; {}", as_written(context)),
                false => String::new(),
            }
        ))
}

/// How to write two braces that are no placeholder, in `context`: the hint of a placeholder
/// that fails (Python's `f"{{x}}"`, LaTeX's `x^{{2}}`).
fn as_written(context: Context) -> &'static str {
    match context {
        Context::Code | Context::Verbatim => {
            "for `{{` as written, mark the code block `verbatim` (```python verbatim), or put a \
             space between the braces"
        }
        Context::Prose | Context::Markdown | Context::Math => {
            "for `{{` as written (LaTeX's `x^{{2}}`), put a space between the braces: `{ {`"
        }
    }
}

/// An extreme's value or input, formatted: the signal must exist and be finite everywhere sampled.
fn extreme_value(
    lesson: &Lesson,
    (net, computes): (&Network, bool),
    e: Extreme,
    span: Range<usize>,
) -> Result<String, Diagnostic> {
    let source = &lesson.source;
    let Some(sig) = net.signal(e.signal) else {
        return Err(unknown_signal(source.error(span, ""), net, e.signal));
    };
    if !computes {
        return Ok("0".to_string());
    }
    match net.extreme(&sig, e.largest) {
        Ok((x, v)) => Ok(format_number(if e.input { x } else { v }, lesson.precision)),
        Err((x, v)) => Err(source
            .error(span, non_finite(&sig, &net.input.name, x, v))
            .expected("a finite value")
            .hint(NON_FINITE_HINT)),
    }
}

/// The value of `signal @ at`: the signal must exist, the input be a number within the input
/// range (nnbook does not extrapolate), and the value finite. Where `net` does not compute
/// (a stand-in), 0 once the names and the input are checked.
fn value_at(
    lesson: &Lesson,
    (net, computes): (&Network, bool),
    (signal, at): (&str, &str),
    span: Range<usize>,
) -> Result<f64, Diagnostic> {
    let source = &lesson.source;
    let Some(sig) = net.signal(signal) else {
        return Err(unknown_signal(source.error(span, ""), net, signal));
    };
    let example = format!("like `{{{{ {signal} @ {} }}}}`", net.input.from_literal);
    if at.is_empty() {
        return Err(source
            .error(span, "the placeholder has no input after `@`")
            .expected(format!("an input value after `@`, {example}"))
            .hint("`@` reads the signal at one input; `max` or `min` before it finds its extremes instead"));
    }
    let x: f64 = match at.parse::<f64>() {
        Ok(x) if x.is_finite() => x,
        Ok(_) if !at.contains(|c: char| c.is_alphabetic() && c != 'e' && c != 'E') => {
            return Err(source
                .error(span, format!("the input `{at}` is too large"))
                .expected(format!("an input value after `@`, {example}"))
                .hint("an input is within the input range (the network block's `from` and `to`)"))
        }
        _ => {
            return Err(source
                .error(span, format!("`{at}` is not a number"))
                .expected(format!("an input value after `@`, {example}"))
                .hint("the input is a plain number, without units or a placeholder"))
        }
    };
    if !net.input.contains(x) {
        return Err(source
            .error(span, format!("the input {at} is outside the input range"))
            .expected(format!(
                "an input from {} to {} (the network block's `from` and `to`)",
                net.input.from_literal, net.input.to_literal
            ))
            .hint("nnbook shows the network only over its input range: widen the range or choose another input"));
    }
    if !computes {
        return Ok(0.0);
    }
    let v = net.value(&net.trace(x), &sig);
    if !v.is_finite() {
        return Err(source
            .error(span, non_finite(&sig, &net.input.name, x, v))
            .expected("a finite value")
            .hint(NON_FINITE_HINT));
    }
    Ok(v)
}
