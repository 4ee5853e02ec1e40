//! Rendering a page with Tera within bounds. Tera has none of its own: a macro that calls itself
//! under a condition that never ends it (`{% if n > -1 %}{{ self::down(n=n+1) }}`) recurses
//! until the stack overflows, which aborts the process (no error can be reported, and `serve`
//! dies); `range(end=4000000000)` allocates 100 GB; loops inside loops may run for hours; and a
//! sum beyond the largest number (`1e308 + 1e308`) makes Tera panic. The ones a template shows
//! without rendering are errors before any page is (`template_loops`, `template_check`); for
//! the rest, [`guard`] puts a counter at the start of every macro and every loop's body, and
//! [`render`] renders within [`MAX_MACRO_DEPTH`] and [`MAX_STEPS`], catching a panic: each is
//! an error at the template, as Hugo's page timeout is one (but counted, so the same input
//! fails the same way on every machine).

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};
use std::panic::{catch_unwind, AssertUnwindSafe};

use tera::ast::{Expr, ExprVal, FunctionCall, Node, WS};
use tera::{Tera, Value};

use crate::error::{Diagnostic, SourceFile};

use super::template_error::template_error;
use super::template_text::{find_in_tag_text, find_operator};

/// How deep macros may call each other (or themselves) in one page: a release build's stack
/// holds about 2,000 levels of the simplest such macro, a debug build's on a worker thread
/// fewer.
pub const MAX_MACRO_DEPTH: usize = 64;

/// The macro calls and loop turns a page may take: every loop of the default theme over the
/// lessons of a 100,000-lesson site fits, and this many plain turns take under a second. (A
/// turn's own work is not counted: a string grown on every turn, or a long `range` made on
/// every turn, can still take minutes within the bound.)
pub const MAX_STEPS: u64 = 5_000_000;

/// The longest list `range` makes (Tera's own allocates whatever it is asked).
const MAX_RANGE: usize = 1_000_000;

/// The names of the counting functions [`guard`] calls (not names a template can write by
/// mistake, and not ones `template_check` accepts).
const ENTER: &str = "__nnbook_enter";
const LEAVE: &str = "__nnbook_leave";
const STEP: &str = "__nnbook_step";

/// What the page being rendered on this thread has used, and the bound it passed, if it did.
#[derive(Clone, Copy, Default)]
struct Used {
    depth: usize,
    steps: u64,
    over: Option<Over>,
}

#[derive(Clone, Copy)]
enum Over {
    Depth,
    Steps,
    Range,
}

thread_local! {
    static USED: Cell<Used> = Cell::new(Used::default());
    /// The macro whose call passed [`MAX_MACRO_DEPTH`], to report at.
    static DEEPEST: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Put the counters into every template of `tera` (compiled and checked already), and bound
/// `range`. A counter writes nothing: the pages are byte for byte what they were.
pub fn guard(tera: &mut Tera) {
    let counter = |name: &str, macro_name: Option<&str>| {
        let args = macro_name.map(|m| ("m".to_string(), Expr::new(ExprVal::String(m.to_string()))));
        let call = FunctionCall {
            name: name.to_string(),
            args: args.into_iter().collect(),
        };
        Node::VariableBlock(WS::default(), Expr::new(ExprVal::FunctionCall(call)))
    };
    let (leave, step) = (counter(LEAVE, None), counter(STEP, None));
    // (Tera's syntax trees are public, not documented: its blocks are rendered from copies
    // made when the templates were added, `blocks_definitions`.)
    for template in tera.templates.values_mut() {
        count_loops(&mut template.ast, &step);
        for block in template.blocks.values_mut() {
            count_loops(&mut block.body, &step);
        }
        for (_, block) in template.blocks_definitions.values_mut().flatten() {
            count_loops(&mut block.body, &step);
        }
        for (name, m) in &mut template.macros {
            count_loops(&mut m.body, &step);
            m.body.insert(0, counter(ENTER, Some(name)));
            m.body.push(leave.clone());
        }
    }
    tera.register_function(ENTER, |args: &HashMap<String, Value>| {
        if USED.get().depth == MAX_MACRO_DEPTH {
            let name = args.get("m").and_then(Value::as_str).unwrap_or_default();
            DEEPEST.set(name.to_string());
        }
        count(|u| {
            u.depth += 1;
            u.steps += 1;
            (u.depth > MAX_MACRO_DEPTH, Over::Depth)
        })
    });
    tera.register_function(LEAVE, |_: &HashMap<String, Value>| {
        count(|u| {
            u.depth = u.depth.saturating_sub(1);
            (false, Over::Depth)
        })
    });
    tera.register_function(STEP, |_: &HashMap<String, Value>| {
        count(|u| {
            u.steps += 1;
            (u.steps > MAX_STEPS, Over::Steps)
        })
    });
    bound_range(tera);
}

/// Change this thread's [`Used`] by `change`, which says whether a bound is passed (and
/// which): then the render stops with an error.
fn count(change: impl FnOnce(&mut Used) -> (bool, Over)) -> tera::Result<Value> {
    let mut used = USED.get();
    let (over, which) = change(&mut used);
    if over {
        used.over = Some(which);
    }
    USED.set(used);
    match over {
        true => Err(tera::Error::msg("a bound of nnbook's rendering is passed")),
        false => Ok(Value::String(String::new())),
    }
}

/// The counter at the start of every loop's body in `nodes`, at any depth.
fn count_loops(nodes: &mut [Node], step: &Node) {
    for node in nodes {
        match node {
            Node::Forloop(_, f, _) => {
                count_loops(&mut f.body, step);
                f.body.insert(0, step.clone());
                count_loops(f.empty_body.as_deref_mut().unwrap_or_default(), step);
            }
            Node::If(i, _) => {
                for (_, _, body) in &mut i.conditions {
                    count_loops(body, step);
                }
                if let Some((_, body)) = &mut i.otherwise {
                    count_loops(body, step);
                }
            }
            Node::Block(_, b, _) => count_loops(&mut b.body, step),
            Node::FilterSection(_, f, _) => count_loops(&mut f.body, step),
            _ => {}
        }
    }
}

/// Tera's `range`, refusing a list longer than [`MAX_RANGE`] and a `step_by` of 0 (at which
/// Tera's panics).
fn bound_range(tera: &mut Tera) {
    let Some(range) = tera.functions.get("range").cloned() else {
        return;
    };
    tera.register_function("range", move |args: &HashMap<String, Value>| {
        let number = |name: &str, default: u64| args.get(name).map_or(Some(default), Value::as_u64);
        if let (Some(start), Some(end), Some(step)) =
            (number("start", 0), number("end", 0), number("step_by", 1))
        {
            if step == 0 {
                return Err(tera::Error::msg(
                    "`range` was called with `step_by=0`: it never reaches `end`",
                ));
            }
            if end.saturating_sub(start) / step > MAX_RANGE as u64 {
                let mut used = USED.get();
                used.over = Some(Over::Range);
                USED.set(used);
                return Err(tera::Error::msg("a bound of nnbook's rendering is passed"));
            }
        }
        range.call(args)
    });
}

/// Render template `name` of `tera` with `ctx` within the bounds, on this thread: Tera's
/// error, or one of a bound passed or a panic, at the template (`sources`) where it is.
pub fn render(
    tera: &Tera,
    sources: &BTreeMap<String, SourceFile>,
    name: &str,
    ctx: &tera::Context,
) -> Result<String, Diagnostic> {
    USED.set(Used::default());
    let rendered = quiet_panics(|| tera.render(name, ctx));
    let over = USED.get().over;
    USED.set(Used::default());
    let file = sources.get(name);
    match (rendered, over) {
        (Ok(Ok(html)), _) => Ok(html),
        (Ok(Err(_)), Some(over)) => Err(passed(sources, file, over)),
        (Ok(Err(e)), None) if format!("{e:?}").contains("results in an out of bounds") => Err(
            arithmetic(sources, file, "whole number beyond ±9223372036854775807"),
        ),
        (Ok(Err(e)), None) => Err(template_error(sources, &e, Some(ctx))),
        (Err(_), _) => Err(arithmetic(
            sources,
            file,
            "number beyond ±1.8e308, the largest",
        )),
    }
}

/// The error of a bound passed, at the first place in the templates that could pass it: a
/// macro calling itself, a loop, `range`.
fn passed(
    sources: &BTreeMap<String, SourceFile>,
    file: Option<&SourceFile>,
    over: Over,
) -> Diagnostic {
    let deepest = format!("macro {}(", DEEPEST.take());
    let (looked_for, message, hint): (&[&str], String, &str) = match over {
        Over::Depth => (
            &[&deepest],
            format!("template error: macros called each other more than {MAX_MACRO_DEPTH} deep"),
            "Tera has no bound of its own, and nnbook would run out of stack: end the macro's calls of itself sooner (test the argument that counts them)",
        ),
        Over::Steps => (
            &["for "],
            format!("template error: more than {MAX_STEPS} loop turns and macro calls in one page"),
            "a loop over a long `range`, or loops inside loops, would run for minutes or hours: loop over what the page gets (`lessons`, `toc`)",
        ),
        Over::Range => (
            &["range("],
            format!("template error: `range` would make more than {MAX_RANGE} numbers"),
            "Tera would allocate them all before the loop begins: a page needs far fewer",
        ),
    };
    let found = file.into_iter().chain(sources.values()).find_map(|f| {
        looked_for
            .iter()
            .find_map(|w| Some((f, find_in_tag_text(&f.text, w)?)))
    });
    match found {
        Some((f, at)) => f.error(at..at + looked_for[0].len(), message).hint(hint),
        None => Diagnostic::new(message).hint(hint),
    }
}

/// The error of arithmetic whose result Tera cannot hold (a `number` beyond its bounds): at the
/// first `+`, `-` or `*` in a tag, else the template as a whole. (Beyond ±1.8e308 a sum makes
/// Tera panic: [`render`] catches it.)
fn arithmetic(
    sources: &BTreeMap<String, SourceFile>,
    file: Option<&SourceFile>,
    number: &str,
) -> Diagnostic {
    let message = "template error: this arithmetic gives a number Tera cannot hold";
    let hint = format!("Tera cannot hold a {number}: test the values first, or divide them down");
    let found = file
        .into_iter()
        .chain(sources.values())
        .find_map(|f| Some((f, find_operator(&f.text, &['+', '-', '*'])?)));
    match found {
        Some((f, at)) => f.error(at..at + 1, message).hint(hint),
        None => Diagnostic::new(message).hint(hint),
    }
}

thread_local! {
    static RENDERING: Cell<bool> = const { Cell::new(false) };
}

/// Run `f`, catching a panic, which is not printed (it is reported as an error,
/// [`panicked`]); other threads' panics print as before.
fn quiet_panics<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !RENDERING.get() {
                default(info);
            }
        }));
    });
    RENDERING.set(true);
    let result = catch_unwind(AssertUnwindSafe(f));
    RENDERING.set(false);
    result
}
