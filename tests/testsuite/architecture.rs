//! The shape of the code, as ARCHITECTURE.md states it: the library's modules form a one-way
//! graph (no module imports one that imports it back, directly or through others), no Rust
//! file (the library's, the tests', the benchmarks') is over 600 lines, and no function is over
//! 80 lines unless a `// Long because ...` comment above it says why.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const MAX_FILE_LINES: usize = 600;
const MAX_FN_LINES: usize = 80;

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).expect("read a folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The library's module path of a file under `src/` (`lesson/mod.rs` -> `lesson`,
/// `site/cache.rs` -> `site::cache`); `None` for the binary's files.
fn module_of(rel: &Path) -> Option<String> {
    let parts: Vec<String> = rel
        .with_extension("")
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts[0] == "main" || parts[0] == "cmd" {
        return None;
    }
    let parts: Vec<&str> = parts
        .iter()
        .map(String::as_str)
        .filter(|p| *p != "mod" && *p != "lib")
        .collect();
    Some(parts.join("::"))
}

/// The code of a file without comments and without its unit tests (whose `super` is the file
/// itself).
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path a file names through `crate::` or `super::`, with use-groups expanded:
/// `use super::{a::X, b};` gives `super::a::X` and `super::b`.
fn named_paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for start in ["crate::", "super::"] {
        let mut at = 0;
        while let Some(i) = code[at..].find(start).map(|i| at + i) {
            at = i + start.len();
            let before = code[..i].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let root = start.trim_end_matches(':').to_string();
            tree(&code[at..], vec![root], &mut out);
        }
    }
    out
}

/// Parse a use-tree (`a::b`, `a::{b, c::d}`) after `prefix`, adding each full path to `out`.
fn tree(text: &str, prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    let mut path = prefix;
    let mut i = 0;
    let bytes = text.as_bytes();
    loop {
        let rest = &text[i..];
        if rest.starts_with('{') {
            i += 1;
            loop {
                while text[i..].starts_with([' ', '\n', ',']) {
                    i += 1;
                }
                if text[i..].starts_with('}') {
                    return i + 1;
                }
                i += tree(&text[i..], path.clone(), out);
            }
        }
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if len > 0 {
            path.push(rest[..len].to_string());
        }
        i += len;
        if text[i..].starts_with("::") && i + 2 < bytes.len() {
            i += 2;
            continue;
        }
        out.push(path);
        return i;
    }
}

/// The module a path in module `from` refers to: the longest prefix that is a module.
fn target(from: &str, path: &[String], modules: &BTreeSet<String>) -> Option<String> {
    let mut segments: Vec<String> = match path[0].as_str() {
        "crate" => Vec::new(),
        _ => {
            // `super` is the parent of the module the file is (a folder's `mod.rs` included).
            let mut parent: Vec<String> = from.split("::").map(String::from).collect();
            parent.pop();
            parent
        }
    };
    let mut found = None;
    for s in &path[1..] {
        segments.push(s.clone());
        let name = segments.join("::");
        if modules.contains(&name) {
            found = Some(name);
        } else {
            break;
        }
    }
    found.or_else(|| (path[0] == "super").then(|| segments[..segments.len() - 1].join("::")))
}

/// The import graph of the library: module -> the modules it names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = src();
    let files: Vec<(String, String)> = rust_files(&src)
        .into_iter()
        .filter_map(|p| {
            let module = module_of(p.strip_prefix(&src).expect("under src"))?;
            Some((module, fs::read_to_string(&p).expect("read")))
        })
        .collect();
    let modules: BTreeSet<String> = files.iter().map(|(m, _)| m.clone()).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, text) in &files {
        let code = code(text);
        let edges = graph.entry(module.clone()).or_default();
        for path in named_paths(&code) {
            if let Some(to) = target(module, &path, &modules) {
                if to != *module && !to.is_empty() {
                    edges.insert(to);
                }
            }
        }
        // A module names its own submodules without a prefix: `use cache::Cache;`.
        for child in children(module, &modules) {
            let name = child.rsplit("::").next().unwrap_or("");
            if names_module(&code, name) {
                edges.insert(child.clone());
            }
        }
    }
    graph
}

/// The submodules declared directly in `module`.
fn children<'a>(module: &str, modules: &'a BTreeSet<String>) -> Vec<&'a String> {
    let prefix = if module.is_empty() {
        String::new()
    } else {
        format!("{module}::")
    };
    modules
        .iter()
        .filter(|m| m.starts_with(&prefix) && !m[prefix.len()..].contains("::") && **m != module)
        .collect()
}

/// Whether `code` names `name::...` as a path of its own (not `x::name::`).
fn names_module(code: &str, name: &str) -> bool {
    let needle = format!("{name}::");
    code.match_indices(&needle).any(|(i, _)| {
        !code[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
    })
}

/// A cycle in `graph`, if there is one, as the list of modules around it.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        done: &mut BTreeSet<String>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = stack.iter().position(|n| n == node) {
            let mut found = stack[i..].to_vec();
            found.push(node.to_string());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, done, stack) {
                return Some(found);
            }
        }
        stack.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut done, &mut Vec::new()))
}

/// The graph seen at one level: each module stands for itself and everything inside it.
fn top_level(graph: &BTreeMap<String, BTreeSet<String>>) -> BTreeMap<String, BTreeSet<String>> {
    let top = |m: &str| m.split("::").next().unwrap_or("").to_string();
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, tos) in graph {
        let edges = out.entry(top(from)).or_default();
        edges.extend(tos.iter().map(|t| top(t)).filter(|t| *t != top(from)));
    }
    out
}

#[test]
fn the_checker_finds_paths_and_cycles() {
    let paths = named_paths("use crate::lesson::{self, Lesson};\nuse super::{a::X, b};\n");
    let shown: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    assert_eq!(
        shown,
        [
            "crate::lesson::self",
            "crate::lesson::Lesson",
            "super::a::X",
            "super::b"
        ]
    );
    let modules: BTreeSet<String> = ["site", "site::cache", "site::place", "lesson"]
        .map(String::from)
        .into();
    let parse = |text: &str| named_paths(text).remove(0);
    let to = |from: &str, text: &str| target(from, &parse(text), &modules);
    assert_eq!(
        to("site::cache", "super::place::Neighbours"),
        Some("site::place".into())
    );
    assert_eq!(to("site::cache", "super::Builder"), Some("site".into()));
    assert_eq!(to("site", "crate::lesson::Lesson"), Some("lesson".into()));
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.entry("a".into()).or_default().insert("b".into());
    g.entry("b".into()).or_default().insert("c".into());
    assert_eq!(cycle(&g), None);
    g.entry("c".into()).or_default().insert("a".into());
    assert_eq!(
        cycle(&g),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
}

#[test]
fn modules_import_one_way() {
    let graph = graph();
    assert!(
        graph.len() > 20,
        "the library's modules were not found: {graph:?}"
    );
    for (what, g) in [
        ("modules", graph.clone()),
        ("top-level modules", top_level(&graph)),
    ] {
        if let Some(found) = cycle(&g) {
            panic!(
                "the {what} import each other in a circle: {}",
                found.join(" -> ")
            );
        }
    }
}

#[test]
fn shared_helpers_import_no_stage() {
    let graph = graph();
    for helper in ["text", "error", "markdown", "project", "i18n", "media_type"] {
        let imports = &graph[helper];
        // (A helper's own parts, `i18n::words`, are the helper.)
        let own = |m: &str| m.starts_with(&format!("{helper}::"));
        assert!(
            imports
                .iter()
                .all(|m| ["text", "error"].contains(&m.as_str()) || own(m)),
            "{helper} imports {imports:?}"
        );
    }
}

/// The length of every function of a file: (name, first line, lines), by matching braces.
fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let Some(fn_at) = trimmed.find("fn ") else {
            continue;
        };
        let head = &trimmed[..fn_at];
        let is_fn = head
            .split_whitespace()
            .all(|w| w.starts_with("pub") || ["const", "async", "unsafe"].contains(&w));
        if !is_fn || trimmed.starts_with("//") {
            continue;
        }
        let name: String = trimmed[fn_at + 3..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let (mut depth, mut opened) = (0i64, false);
        for (j, l) in lines.iter().enumerate().skip(i) {
            let l = l.split("//").next().unwrap_or("");
            // (Braces in strings and char literals, `'{'`, are no block's.)
            let strings_out: String = l.split('"').step_by(2).collect();
            let strings_out = strings_out.replace("'{'", "").replace("'}'", "");
            if !opened && strings_out.trim_end().ends_with(';') {
                break;
            }
            depth += strings_out.matches('{').count() as i64;
            depth -= strings_out.matches('}').count() as i64;
            opened |= strings_out.contains('{');
            if opened && depth <= 0 {
                out.push((name.clone(), i + 1, j - i + 1));
                break;
            }
        }
    }
    out
}

/// Whether the comment lines right above line `at` (1-based) say why the function is long.
fn says_why(text: &str, at: usize) -> bool {
    text.lines()
        .take(at - 1)
        .collect::<Vec<_>>()
        .iter()
        .rev()
        .take_while(|l| l.trim_start().starts_with("//") || l.trim_start().starts_with("#["))
        .any(|l| l.contains("Long because"))
}

#[test]
fn files_and_functions_stay_short() {
    let mut problems = Vec::new();
    let mut counted = 0;
    // The library and the binary, their tests and their benchmarks.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs = ["src", "tests", "benches"].map(|d| root.join(d));
    for path in dirs.iter().flat_map(|d| rust_files(d)) {
        let text = fs::read_to_string(&path).expect("read");
        let shown = path.strip_prefix(root).expect("in the project").display();
        let lines = text.lines().count();
        if lines > MAX_FILE_LINES {
            problems.push(format!("{shown} has {lines} lines"));
        }
        for (name, at, len) in functions(&text) {
            counted += 1;
            if len > MAX_FN_LINES && !says_why(&text, at) {
                problems.push(format!("{shown}:{at}: fn {name} has {len} lines"));
            }
        }
    }
    assert!(counted > 500, "only {counted} functions found");
    assert!(problems.is_empty(), "too long:\n{}", problems.join("\n"));
}

#[test]
fn the_length_counter_counts_lines() {
    let text = "/// doc\npub fn a() {\n    let s = \"{\";\n}\n\nfn b() -> u8 { 1 }\n";
    assert_eq!(
        functions(text),
        [("a".to_string(), 2, 3), ("b".to_string(), 6, 1)]
    );
    assert!(!says_why(text, 2));
    assert!(says_why("// Long because it is a table.\nfn c() {}\n", 2));
}
