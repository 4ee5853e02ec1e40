//! Templates checked without rendering them: every filter, test and function a template names,
//! and every name it reads, in every branch. Tera finds a misspelt filter only when a page
//! reaches it, and reads a misspelt name in `{% if %}` as false without a word; here each is
//! found in every run, wherever it is.

use std::collections::{BTreeMap, BTreeSet};

use tera::ast::{Expr, ExprVal, Node};

use crate::error::{Diagnostic, SourceFile};
use crate::i18n;
use crate::text::did_you_mean;

use super::template_error::{find_in_tags, unknown_call, CALLS, EVERY_PAGE_GETS};

/// Indices into [`CALLS`].
const FILTER: usize = 0;
const TEST: usize = 1;
const FUNCTION: usize = 2;

/// What the pages' templates can read, beside the interface texts `t.*` ([`i18n::texts`]): a
/// list's items as `name[]`. Every name a page gets is here: debug builds note one that is not
/// ([`unlisted`]), and the tests expect none.
const PAGE_NAMES: &[&str] = &[
    "site_title",
    "root",
    "home",
    "lang",
    "page_title",
    "description",
    // The lesson page.
    "lesson.title",
    "lesson.summary",
    "lesson.slug",
    "lesson.source.title",
    "lesson.source.author",
    "lesson.source.url",
    "content",
    "notebook",
    "explorable",
    "page_url",
    "toc[].id",
    "toc[].level",
    "toc[].title",
    "prev.href",
    "prev.lang",
    "prev.name",
    "prev.title",
    "next.href",
    "next.lang",
    "next.name",
    "next.title",
    "series.count",
    "series.label",
    "series.name",
    "series.part",
    "translations[].href",
    "translations[].lang",
    "translations[].name",
    "translations[].title",
    // The index and 404 pages.
    "lessons[].href",
    "lessons[].part",
    "lessons[].part_label",
    "lessons[].preview",
    "lessons[].series",
    "lessons[].summary",
    "lessons[].title",
    "others[].href",
    "others[].part",
    "others[].part_label",
    "others[].preview",
    "others[].series",
    "others[].summary",
    "others[].title",
    "start.href",
    "start.part",
    "start.part_label",
    "start.preview",
    "start.series",
    "start.summary",
    "start.title",
    "series[].name",
    "series[].count_label",
    "series[].lessons[].href",
    "series[].lessons[].part",
    "series[].lessons[].part_label",
    "series[].lessons[].preview",
    "series[].lessons[].series",
    "series[].lessons[].summary",
    "series[].lessons[].title",
    "languages[].code",
    "languages[].current",
    "languages[].href",
    "languages[].name",
    "find_root",
    "folders",
    "prefix",
];

/// Every name a page's template can read, and each of its parents (`lesson`, `toc[]`).
pub fn page_names() -> BTreeSet<String> {
    let texts = i18n::texts("en").into_keys().map(|k| format!("t.{k}"));
    let mut names = BTreeSet::new();
    for name in PAGE_NAMES.iter().map(|n| n.to_string()).chain(texts) {
        let cuts = name.match_indices(['.', '[']).map(|(i, _)| i);
        names.extend(cuts.map(|i| name[..i].to_string()));
        names.extend(name.strip_suffix("[]").map(str::to_string));
        names.insert(name);
    }
    names
}

/// The names pages got that [`PAGE_NAMES`] does not list, noted as debug builds render.
static UNLISTED: std::sync::Mutex<BTreeSet<String>> = std::sync::Mutex::new(BTreeSet::new());

/// Note the names of a page's data that [`page_names`] does not hold (debug builds).
#[cfg(debug_assertions)]
pub fn note_unlisted(names: Vec<String>) {
    let known = page_names();
    let unlisted = names.into_iter().filter(|n| !known.contains(n));
    UNLISTED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .extend(unlisted);
}

/// The names a page got in this process that [`PAGE_NAMES`] does not list (noted by debug
/// builds only): a test builds sites and expects none.
pub fn unlisted() -> Vec<String> {
    let noted = UNLISTED.lock().unwrap_or_else(|e| e.into_inner());
    noted.iter().cloned().collect()
}

/// The problems of `sources`' templates, compiled in `tera`: a filter, test or function that
/// does not exist (errors: Tera fails the page that reaches it), and a name no page gets
/// (warnings: `{% if x is defined %}` reads one on purpose).
pub fn check(tera: &tera::Tera, sources: &BTreeMap<String, SourceFile>) -> Vec<Diagnostic> {
    let known = page_names();
    let templates: Vec<_> = (sources.iter())
        .filter_map(|(name, source)| Some((tera.get_template(name).ok()?, source)))
        .collect();
    // (A template another includes reads the names that one binds: any of them is taken as
    // bound there.)
    let (mut included, mut bound) = (BTreeSet::new(), BTreeMap::new());
    for (template, _) in &templates {
        walk(&template.ast, &mut |node| match node {
            Node::Include(_, names, _) => included.extend(names.iter().cloned()),
            Node::Set(_, set) => drop(bound.insert(set.key.clone(), None)),
            Node::Forloop(_, f, _) => {
                bound.insert(f.value.clone(), None);
                bound.extend(f.key.clone().map(|k| (k, None)));
            }
            Node::MacroDefinition(_, m, _) => {
                bound.extend(m.args.keys().map(|k| (k.clone(), None)))
            }
            _ => {}
        });
    }
    let mut problems = Vec::new();
    for (template, source) in templates {
        let outer = match included.contains(&template.name) {
            true => bound.clone(),
            false => BTreeMap::new(),
        };
        let mut checker = Checker {
            known: &known,
            source,
            scopes: vec![outer],
            found: BTreeSet::new(),
            problems: Vec::new(),
        };
        checker.nodes(&template.ast);
        problems.extend(checker.problems);
    }
    problems
}

/// Every node of `nodes`, at any depth, given to `visit`.
fn walk(nodes: &[Node], visit: &mut impl FnMut(&Node)) {
    for node in nodes {
        visit(node);
        match node {
            Node::MacroDefinition(_, m, _) => walk(&m.body, visit),
            Node::FilterSection(_, f, _) => walk(&f.body, visit),
            Node::Block(_, b, _) => walk(&b.body, visit),
            Node::Forloop(_, f, _) => {
                walk(&f.body, visit);
                walk(f.empty_body.as_deref().unwrap_or_default(), visit);
            }
            Node::If(i, _) => {
                i.conditions
                    .iter()
                    .for_each(|(_, _, body)| walk(body, visit));
                walk(i.otherwise.as_ref().map_or(&[][..], |(_, b)| b), visit);
            }
            _ => {}
        }
    }
}

/// A name bound in a template (a loop's variable, a `set`, a macro's argument): the list item
/// it is, if known (`lessons[]`), else nothing is checked under it.
type Binding = Option<String>;

struct Checker<'a> {
    known: &'a BTreeSet<String>,
    source: &'a SourceFile,
    /// The names bound where the walk is, innermost last.
    scopes: Vec<BTreeMap<String, Binding>>,
    /// What was reported in this template (each mistake once).
    found: BTreeSet<String>,
    problems: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn nodes(&mut self, nodes: &[Node]) {
        for node in nodes {
            self.node(node);
        }
    }

    fn scoped(&mut self, bound: BTreeMap<String, Binding>, nodes: &[Node]) {
        self.scopes.push(bound);
        self.nodes(nodes);
        self.scopes.pop();
    }

    fn node(&mut self, node: &Node) {
        match node {
            Node::VariableBlock(_, e) => self.expr(e, false),
            Node::MacroDefinition(_, m, _) => {
                m.args.values().flatten().for_each(|e| self.expr(e, false));
                let args = m.args.keys().map(|k| (k.clone(), None)).collect();
                self.scoped(args, &m.body);
            }
            Node::Set(_, set) => {
                self.expr(&set.value, false);
                let scopes = &mut self.scopes;
                let scope = if set.global {
                    scopes.first_mut()
                } else {
                    scopes.last_mut()
                };
                scope.expect("a scope").insert(set.key.clone(), None);
            }
            Node::FilterSection(_, section, _) => {
                self.call(FILTER, &section.filter.name);
                section
                    .filter
                    .args
                    .values()
                    .for_each(|e| self.expr(e, false));
                self.nodes(&section.body);
            }
            // (A block, an `if`, a filter section bind no names: a `set` in one is seen after it.)
            Node::Block(_, block, _) => self.nodes(&block.body),
            Node::Forloop(_, f, _) => {
                self.expr(&f.container, false);
                let items = match &f.container.val {
                    ExprVal::Ident(list) if f.container.filters.is_empty() => {
                        self.resolve(list).map(|l| format!("{l}[]"))
                    }
                    _ => None,
                };
                let items = items.filter(|i| self.known.contains(i));
                let mut bound = BTreeMap::from([(f.value.clone(), items)]);
                bound.extend(f.key.clone().map(|k| (k, None)));
                self.scoped(bound.clone(), &f.body);
                if let Some(empty) = &f.empty_body {
                    self.scoped(bound, empty);
                }
            }
            Node::If(i, _) => {
                for (_, condition, body) in &i.conditions {
                    self.expr(condition, false);
                    self.nodes(body);
                }
                if let Some((_, body)) = &i.otherwise {
                    self.nodes(body);
                }
            }
            _ => {}
        }
    }

    /// An expression: its filters, and what it reads (`probed`: on purpose, maybe missing).
    fn expr(&mut self, e: &Expr, probed: bool) {
        for f in &e.filters {
            self.call(FILTER, &f.name);
            f.args.values().for_each(|a| self.expr(a, false));
        }
        let probed = probed || e.filters.first().is_some_and(|f| f.name == "default");
        match &e.val {
            ExprVal::Ident(name) => self.read(name, probed),
            ExprVal::Math(m) => {
                self.expr(&m.lhs, false);
                self.expr(&m.rhs, false);
            }
            ExprVal::Logic(l) => {
                self.expr(&l.lhs, probed);
                self.expr(&l.rhs, probed);
            }
            ExprVal::In(i) => {
                self.expr(&i.lhs, false);
                self.expr(&i.rhs, false);
            }
            ExprVal::Test(t) => {
                self.call(TEST, &t.name);
                self.read(
                    &t.ident,
                    ["defined", "undefined"].contains(&t.name.as_str()),
                );
                t.args.iter().for_each(|a| self.expr(a, false));
            }
            ExprVal::FunctionCall(f) => {
                self.call(FUNCTION, &f.name);
                f.args.values().for_each(|a| self.expr(a, false));
            }
            ExprVal::MacroCall(m) => m.args.values().for_each(|a| self.expr(a, false)),
            ExprVal::Array(items) => items.iter().for_each(|a| self.expr(a, false)),
            ExprVal::StringConcat(c) => {
                for v in &c.values {
                    if let ExprVal::Ident(name) = v {
                        self.read(name, false);
                    }
                }
            }
            ExprVal::String(_) | ExprVal::Int(_) | ExprVal::Float(_) | ExprVal::Bool(_) => {}
        }
    }

    /// A filter, test or function (`call`, one of [`CALLS`]) named `name`: an error if it does
    /// not exist.
    fn call(&mut self, call: usize, name: &str) {
        let call = CALLS[call];
        if call.2.contains(&name) || !self.found.insert(format!("{} {name}", call.0)) {
            return;
        }
        if let Some(at) = find_in_tags(&self.source.text, name) {
            self.problems
                .push(unknown_call(self.source, at, call, name));
        }
    }

    /// The page's name that `name` reads (`lessons[].title` for `entry.title` in a loop over
    /// `lessons`), or `None` when it reads a bound name whose contents are not known.
    fn resolve(&self, name: &str) -> Option<String> {
        let path = path_of(name);
        let root = path.split(['.', '[']).next().unwrap_or_default();
        match self.scopes.iter().rev().find_map(|s| s.get(root)) {
            Some(Some(items)) => Some(format!("{items}{}", &path[root.len()..])),
            Some(None) => None,
            None => Some(path),
        }
    }

    /// A name read: a warning if no page gets it, unless `probed` (read on purpose, maybe
    /// missing: `x is defined`, `x | default(...)`).
    fn read(&mut self, name: &str, probed: bool) {
        let Some(path) = self.resolve(name) else {
            return;
        };
        let written = path_of(name);
        let root = written.split(['.', '[']).next().unwrap_or_default();
        if probed || ["loop", "__tera_context", "self"].contains(&root) {
            return;
        }
        let prefixes = path.match_indices('.').map(|(i, _)| &path[..i]);
        let Some(first) = prefixes.chain([&*path]).find(|p| !self.known.contains(*p)) else {
            return;
        };
        let Some(at) = find_in_tags(&self.source.text, name) else {
            return;
        };
        // (Shown as written: `entry.titel`, not `toc[].titel`, for a loop's `entry`.)
        let items = self
            .scopes
            .iter()
            .rev()
            .find_map(|s| s.get(root))
            .cloned()
            .flatten();
        let shown = |p: &str| match &items {
            Some(items) => format!("{root}{}", &p[items.len()..]),
            None => p.to_string(),
        };
        if !self.found.insert(format!("name {}", shown(first))) {
            return;
        }
        let parent = first.rsplit_once('.').map(|(p, _)| format!("{p}."));
        let siblings: Vec<String> = (self.known.iter())
            .filter(|k| match &parent {
                Some(p) => k.strip_prefix(p.as_str()).is_some_and(|f| !f.contains('.')),
                None => !k.contains(['.', '[']),
            })
            .map(|k| shown(k))
            .collect();
        let d = (self.source)
            .error(
                at..at + name.len(),
                format!("no page gets `{}`", shown(first)),
            )
            .warning()
            .expected("a name the page's data holds, or one the template sets");
        let hint = match did_you_mean(&shown(first), siblings.iter().map(String::as_str)) {
            Some(mean) => format!("{mean} E{}", &EVERY_PAGE_GETS[1..]),
            None => EVERY_PAGE_GETS.to_string(),
        };
        self.problems.push(d.hint(hint));
    }
}

/// A name as a path of the pages' names: `lessons[0].title` and `lessons.0.title` are
/// `lessons[].title`.
fn path_of(name: &str) -> String {
    let mut path = String::new();
    let mut rest = name;
    while let Some(open) = rest.find('[') {
        path.push_str(&rest[..open]);
        path.push_str("[]");
        rest = rest[open..]
            .find(']')
            .map_or("", |close| &rest[open + close + 1..]);
    }
    path.push_str(rest);
    let parts: Vec<&str> = path.split('.').collect();
    let mut out = parts[0].to_string();
    for part in &parts[1..] {
        if part.chars().all(|c| c.is_ascii_digit()) {
            out.push_str("[]");
        } else {
            out.push('.');
            out.push_str(part);
        }
    }
    out
}
