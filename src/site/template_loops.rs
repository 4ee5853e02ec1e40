//! Templates that would recurse without end: templates that include each other in a circle,
//! macro files that import each other in a circle, macros that call each other in a circle on
//! every call. Tera recurses until the stack overflows, which aborts nnbook (and `serve`);
//! here each is an error found before any page is rendered.

use std::collections::{BTreeMap, BTreeSet};

use tera::ast::{ExprVal, Node};

use crate::error::{Diagnostic, SourceFile};

use super::template_parse::walk;
use super::template_text::find_in_tags;

/// The circles among `sources`' templates, compiled in `tera`, each reported once.
pub fn check(tera: &tera::Tera, sources: &BTreeMap<String, SourceFile>) -> Vec<Diagnostic> {
    let templates: Vec<_> = (sources.keys())
        .filter_map(|name| tera.get_template(name).ok())
        .collect();
    // Edges: (template, what it names, where a circle is reported, what kind of edge).
    let mut edges: Vec<(String, String, String, &str)> = Vec::new();
    for t in &templates {
        walk(&t.ast, &mut |node| {
            if let Node::Include(_, names, _) = node {
                for n in names {
                    edges.push((t.name.clone(), n.clone(), n.clone(), "includes"));
                }
            }
        });
        for (file, _) in &t.imported_macro_files {
            edges.push((t.name.clone(), file.clone(), file.clone(), "imports"));
        }
        // A macro's calls that are made on every call: not inside an `if` or a `for`.
        for (name, m) in &t.macros {
            for (namespace, called) in always_called(&m.body) {
                let file = match namespace.as_str() {
                    "self" => Some(t.name.clone()),
                    _ => (t.imported_macro_files.iter())
                        .find(|(_, ns)| *ns == namespace)
                        .map(|(f, _)| f.clone()),
                };
                if let Some(file) = file {
                    let (from, to) = (format!("{}::{name}", t.name), format!("{file}::{called}"));
                    edges.push((from, to, format!("{namespace}::{called}"), "calls"));
                }
            }
        }
    }
    let mut problems = Vec::new();
    let mut reported = BTreeSet::new();
    for (from, to, at, kind) in &edges {
        let Some(path) = circle(&edges, to, from) else {
            continue;
        };
        let mut members: Vec<&String> = path.iter().collect();
        members.sort();
        if !reported.insert(members.into_iter().cloned().collect::<Vec<_>>()) {
            continue;
        }
        let file_name = from.split("::").next().unwrap_or(from);
        let Some(file) = sources.get(file_name) else {
            continue;
        };
        let Some(found) = find_in_tags(&file.text, at) else {
            continue;
        };
        let round: Vec<&str> = std::iter::once(from.as_str())
            .chain(path.iter().map(String::as_str))
            .collect();
        let shown = at.as_str();
        problems.push(
            file.error(
                found..found + shown.len(),
                format!("template error: a circle that never ends: {}", round.join(" → ")),
            )
            .expected(format!("no template or macro reached again from itself ({kind} `{shown}` closes the circle)"))
            .hint("Tera would repeat it until nnbook runs out of stack: break the circle, or call a macro from itself only inside an `{% if %}` that ends it"),
        );
    }
    problems
}

/// The calls of macros (namespace, name) that `nodes` make whenever they are drawn: outside
/// any `if` or `for`.
fn always_called(nodes: &[Node]) -> Vec<(String, String)> {
    let mut calls = Vec::new();
    for node in nodes {
        let expr = match node {
            Node::VariableBlock(_, e) => Some(e),
            Node::Set(_, set) => Some(&set.value),
            Node::FilterSection(_, f, _) => {
                calls.extend(always_called(&f.body));
                None
            }
            _ => None,
        };
        if let Some(ExprVal::MacroCall(m)) = expr.map(|e| &e.val) {
            calls.push((m.namespace.clone(), m.name.clone()));
        }
    }
    calls
}

/// A way from `start` back to `goal` along `edges`, if there is one: the nodes after `start`,
/// `goal` last.
fn circle(
    edges: &[(String, String, String, &str)],
    start: &str,
    goal: &str,
) -> Option<Vec<String>> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![(start.to_string(), vec![start.to_string()])];
    while let Some((at, path)) = stack.pop() {
        if at == goal {
            return Some(path);
        }
        if !seen.insert(at.clone()) {
            continue;
        }
        for (_, to, _, _) in edges.iter().filter(|e| e.0 == at) {
            let mut next = path.clone();
            next.push(to.clone());
            stack.push((to.clone(), next));
        }
    }
    None
}

/// For each template another includes, the templates whose macros Tera gives it: the ones that
/// include it (at any depth of includes) and the ones they extend. (Tera looks an included
/// template's `m::card` up in the template being rendered, never in the included one's own
/// imports.)
pub fn lenders(tera: &tera::Tera, names: &[&str]) -> BTreeMap<String, BTreeSet<String>> {
    let mut lenders: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for t in names.iter().filter_map(|n| tera.get_template(n).ok()) {
        let chain = std::iter::once(&t.name).chain(&t.parents).cloned();
        let mut included = Vec::new();
        walk(&t.ast, &mut |node| {
            if let Node::Include(_, names, _) = node {
                included.extend(names.iter().cloned());
            }
        });
        for name in included {
            lenders.entry(name).or_default().extend(chain.clone());
        }
    }
    // (A partial's partial gets its includer's lenders too.)
    loop {
        let before: usize = lenders.values().map(BTreeSet::len).sum();
        for name in lenders.keys().cloned().collect::<Vec<_>>() {
            let more: BTreeSet<String> = (lenders[&name].iter())
                .filter_map(|l| lenders.get(l))
                .flatten()
                .cloned()
                .collect();
            lenders.entry(name).or_default().extend(more);
        }
        if lenders.values().map(BTreeSet::len).sum::<usize>() == before {
            return lenders;
        }
    }
}
