//! Templates checked without rendering them: every filter, test and function a template names,
//! every template it includes, and every name it reads, in every branch. Tera finds a misspelt
//! filter only when a page reaches it, and reads a misspelt name in `{% if %}` as false without
//! a word; here each is found in every run, wherever it is.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use tera::ast::{Expr, ExprVal, MathExpr, MathOperator, Node};

use crate::error::{Diagnostic, Location, SourceFile};
use crate::project::TEMPLATES_DIR;
use crate::text::did_you_mean;

use super::page_names::Page;
use super::template_error::{by_zero, missing_template, unknown_call, CALLS, EVERY_PAGE_GETS};
use super::template_macros::{lent_macro, unknown_macro};
use super::template_parse::{walk, STAND_IN};
use super::template_text::{find_in_tags, find_read, find_template_name, imports_in, macros_in};

/// Indices into [`CALLS`].
const FILTER: usize = 0;
const TEST: usize = 1;
const FUNCTION: usize = 2;

/// What Tera's `loop` holds in a `for` loop.
const LOOP: [&str; 4] = ["index", "index0", "first", "last"];

/// The problems of `sources`' templates, compiled in `tera`: a filter, test or function Tera
/// does not have, a template that is not there, a name the page does not get. Each is an error
/// Tera gives only where a page reaches it, or never (a misspelt name in `{% if %}` is false).
pub fn check(tera: &tera::Tera, sources: &BTreeMap<String, SourceFile>) -> Vec<Diagnostic> {
    let templates: Vec<_> = (sources.iter())
        .filter_map(|(name, source)| Some((tera.get_template(name).ok()?, source)))
        .collect();
    // (What one template binds another may read: a template another includes reads what that
    // one binds, and a `set` may be read by the template a block is drawn in. Any such name is
    // taken as bound, its contents unknown.)
    let (mut included, mut bound, mut set) = (BTreeSet::new(), BTreeMap::new(), BTreeMap::new());
    for (template, _) in &templates {
        walk(&template.ast, &mut |node| match node {
            Node::Include(_, names, _) => included.extend(names.iter().cloned()),
            Node::Set(_, s) => drop(set.insert(s.key.clone(), None)),
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
    bound.extend(set.clone());
    let names: Vec<&str> = templates.iter().map(|(t, _)| t.name.as_str()).collect();
    let lenders = super::template_loops::lenders(tera, &names);
    let mut problems = Vec::new();
    for (template, source) in &templates {
        let outer = match included.contains(&template.name) {
            true => bound.clone(),
            false => set.clone(),
        };
        let page = Page::of(&template.name);
        let mut checker = Checker {
            page,
            known: page.names(),
            templates: &names,
            parents: &template.parents,
            lenders: (lenders.get(&template.name).into_iter().flatten())
                .filter_map(|l| sources.get(l))
                .collect(),
            sources,
            source,
            scopes: vec![outer],
            probed: BTreeSet::new(),
            probing: true,
            found: BTreeSet::new(),
            problems: Vec::new(),
        };
        // (First the names read on purpose where they may be missing, `x is defined`, alone:
        // then every read of them is taken as guarded.)
        checker.nodes(&template.ast);
        checker.probing = false;
        checker.nodes(&template.ast);
        problems.extend(checker.problems);
    }
    problems
}

/// The mistakes Tera would panic at, not fail: no page may be rendered with one. A block that
/// calls `super()` twice ([`super_twice`]).
pub fn panicking(tera: &tera::Tera, sources: &BTreeMap<String, SourceFile>) -> Vec<Diagnostic> {
    (sources.iter())
        .filter_map(|(name, source)| super_twice(&tera.get_template(name).ok()?.ast, source))
        .collect()
}

/// A block that may call `super()` more than once (in a row, or in a loop; not in two branches
/// of an `if`, nor in the blocks inside it): Tera takes the block off its stack after showing
/// the last parent's, and panics at the next `super()`. At the second `super()` after the
/// block's tag.
fn super_twice(ast: &[Node], source: &SourceFile) -> Option<Diagnostic> {
    // (How many times `nodes` may call it, at most; twice stands for more.)
    fn supers(nodes: &[Node]) -> usize {
        let branch = |i: &tera::ast::If| {
            let bodies = i.conditions.iter().map(|(_, _, body)| body.as_slice());
            (bodies.chain(i.otherwise.iter().map(|(_, b)| b.as_slice())))
                .map(supers)
                .max()
                .unwrap_or(0)
        };
        (nodes.iter())
            .map(|node| match node {
                Node::Super => 1,
                Node::If(i, _) => branch(i),
                Node::Forloop(_, f, _) => 2 * supers(&f.body),
                Node::FilterSection(_, f, _) => supers(&f.body),
                _ => 0,
            })
            .sum()
    }
    let mut twice = None;
    walk(ast, &mut |node| match node {
        Node::Block(_, block, _) if twice.is_none() && supers(&block.body) > 1 => {
            twice = Some(block.name.clone())
        }
        _ => {}
    });
    let name = twice?;
    let text = &source.text;
    let open = text.find(&format!("block {name}")).unwrap_or(0);
    let at = open
        + text[open..]
            .match_indices("super()")
            .nth(1)
            .map_or(0, |(i, _)| i);
    Some(
        source
            .error(
                at..at + "super()".len(),
                format!("template error: `super()` twice in the block `{name}`"),
            )
            .hint("Tera shows the parent's block once in a block: keep one `{{ super() }}`"),
    )
}

/// A name bound in a template (a loop's variable, a `set`, a macro's argument): the list item
/// it is, if known (`lessons[]`), else nothing is checked under it.
type Binding = Option<String>;

struct Checker<'a> {
    page: Page,
    known: BTreeSet<String>,
    /// The names of every template, and every template's text.
    templates: &'a [&'a str],
    /// The templates this one extends, nearest first.
    parents: &'a [String],
    /// Where this one is included, the templates whose macros Tera gives it (`lenders`).
    lenders: Vec<&'a SourceFile>,
    sources: &'a BTreeMap<String, SourceFile>,
    source: &'a SourceFile,
    /// The names read on purpose where they may be missing (`x is defined`, `x | default`).
    probed: BTreeSet<String>,
    /// Whether the walk only gathers `probed` (the first of two), reporting nothing.
    probing: bool,
    /// The names bound where the walk is, innermost last.
    scopes: Vec<BTreeMap<String, Binding>>,
    /// What was reported in this template (each mistake once).
    found: BTreeSet<String>,
    problems: Vec<Diagnostic>,
}

impl Checker<'_> {
    /// Whether a mistake (named by `key`) is to be reported: not while probing, and once.
    fn first_time(&mut self, key: String) -> bool {
        !self.probing && self.found.insert(key)
    }

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
            Node::Include(_, names, ignore_missing) => {
                let there = names.iter().any(|n| self.templates.contains(&n.as_str()));
                if !there && !ignore_missing && self.first_time(format!("include {names:?}")) {
                    let name = &names[0];
                    if let Some(at) = find_template_name(&self.source.text, name) {
                        let d = missing_template(self.source, at, name, self.templates);
                        self.problems.push(d);
                    }
                }
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
    /// A division or modulo by a literal 0: Tera publishes `NaN` for `{{ 1 / 0 }}`, and fails
    /// only the pages that reach `{{ 10 % 0 }}`.
    fn by_zero(&mut self, m: &MathExpr) {
        let zero = match m.rhs.val {
            ExprVal::Int(0) => true,
            ExprVal::Float(x) => x == 0.0,
            _ => false,
        };
        let what = match m.operator {
            MathOperator::Div => "divide",
            MathOperator::Modulo => "do a modulo",
            _ => return,
        };
        if !zero || !self.first_time(format!("by zero {what}")) {
            return;
        }
        self.problems.extend(by_zero(self.source, what));
    }

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
                self.by_zero(m);
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
            ExprVal::MacroCall(m) => {
                self.macro_call(&m.namespace, &m.name);
                m.args.values().for_each(|a| self.expr(a, false));
            }
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
        if call.2.contains(&name) || !self.first_time(format!("{} {name}", call.0)) {
            return;
        }
        if let Some(at) = find_in_tags(&self.source.text, name) {
            self.problems
                .push(unknown_call(self.source, at, call, name));
        }
    }

    /// A call of macro `namespace::name`: an error if it is not there.
    fn macro_call(&mut self, namespace: &str, name: &str) {
        if self.probing {
            return;
        }
        // (A template reads the macros its parents import and define, as Tera gives them.)
        let chain = std::iter::once(&self.source.text).chain(
            self.parents
                .iter()
                .filter_map(|p| Some(&self.sources.get(p)?.text)),
        );
        let has = |text: &String| match namespace {
            "self" => macros_in(text).contains(&name),
            _ => (imports_in(text).iter().filter(|(_, ns)| *ns == namespace))
                .filter_map(|(f, _)| self.sources.get(*f))
                .any(|f| f.path.starts_with(STAND_IN) || macros_in(&f.text).contains(&name)),
        };
        // (An included template's macros are those of the template that includes it.)
        let there = match (self.lenders.is_empty(), namespace) {
            (false, ns) if ns != "self" => self.lenders.iter().any(|l| has(&l.text)),
            _ => chain.clone().any(has),
        };
        let call = format!("{namespace}::{name}");
        if there || !self.first_time(format!("macro {call}")) {
            return;
        }
        if let Some(at) = find_in_tags(&self.source.text, &call) {
            let d = match chain.clone().any(has) {
                // (Imported here, in a template others include: Tera looks elsewhere.)
                true => lent_macro(self.source, at, (namespace, name)),
                false => unknown_macro(self.sources, (self.source, at), (namespace, name)),
            };
            self.problems.push(d);
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

    /// A name read: an error if the page does not get it, unless it is read on purpose where
    /// it may be missing (`probed`: `x is defined`, `x | default(...)`), here or anywhere in the
    /// template.
    fn read(&mut self, name: &str, probed: bool) {
        let written = path_of(name);
        if probed {
            self.probed.insert(written.clone());
        }
        if probed || self.probing {
            return;
        }
        let guarded = written
            .match_indices(['.', '['])
            .map(|(i, _)| &written[..i]);
        if guarded.chain([&*written]).any(|p| self.probed.contains(p)) {
            return;
        }
        let Some(path) = self.resolve(name) else {
            return;
        };
        let root = written.split(['.', '[']).next().unwrap_or_default();
        if root == "loop" && !self.scopes.iter().any(|s| s.contains_key("loop")) {
            return self.loop_field(name, &written);
        }
        if ["__tera_context", "self"].contains(&root) {
            return;
        }
        if super::page_names::is_open(&path) {
            return;
        }
        let prefixes = path.match_indices('.').map(|(i, _)| &path[..i]);
        let Some(first) = prefixes.chain([&*path]).find(|p| !self.known.contains(*p)) else {
            return;
        };
        // (Shown as written: `entry.titel`, not `toc[].titel`, for a loop's `entry`.)
        let items = (self.scopes.iter().rev())
            .find_map(|s| s.get(root))
            .cloned()
            .flatten();
        let shown = |p: &str| match &items {
            Some(items) => format!("{root}{}", p.get(items.len()..).unwrap_or(p)),
            None => p.to_string(),
        };
        let (Some(at), true) = (
            find_read(&self.source.text, name),
            self.first_time(format!("name {}", shown(first))),
        ) else {
            return;
        };
        let parent = first.rsplit_once('.').map(|(p, _)| format!("{p}."));
        let siblings: Vec<String> = (self.known.iter())
            .filter(|k| match &parent {
                Some(p) => k.strip_prefix(p.as_str()).is_some_and(|f| !f.contains('.')),
                None => !k.contains(['.', '[']),
            })
            .map(|k| shown(k))
            .collect();
        let message = match self.page {
            Page::Any => format!("template error: no page gets `{}`", shown(first)),
            page => format!(
                "template error: {} gets no `{}`",
                page.called(),
                shown(first)
            ),
        };
        let hint = match did_you_mean(&shown(first), siblings.iter().map(String::as_str)) {
            Some(mean) => format!("{mean} E{}", &EVERY_PAGE_GETS[1..]),
            None => EVERY_PAGE_GETS.to_string(),
        };
        let d = (self.source.error(at..at + name.len(), message))
            .expected("a name the page's data holds, or one the template sets")
            .hint(hint);
        self.problems.push(d);
    }

    /// `loop.index` and what else Tera's `loop` holds: an error for a field it does not.
    fn loop_field(&mut self, name: &str, written: &str) {
        let field = written.strip_prefix("loop.").unwrap_or_default();
        let field = field.split(['.', '[']).next().unwrap_or_default();
        if field.is_empty() || LOOP.contains(&field) || !self.first_time(format!("loop {field}")) {
            return;
        }
        let Some(at) = find_in_tags(&self.source.text, name) else {
            return;
        };
        let message = format!("template error: a loop's `loop` has no `{field}`");
        let d = (self.source.error(at..at + name.len(), message)).expected(format!(
            "one of {}",
            LOOP.map(|f| format!("loop.{f}")).join(", ")
        ));
        self.problems.push(match did_you_mean(field, LOOP) {
            Some(hint) => d.hint(hint),
            None => d.hint("Tera's `loop` counts a `for` loop's turns"),
        });
    }
}

/// A name as a path of the pages' names: `lessons[0].title` and `lessons.0.title` are
/// `lessons[].title`, `t["next"]` is `t.next`. An index that is a name (`lesson[key]`) ends the
/// path there: what it reads is not known.
fn path_of(name: &str) -> String {
    let mut path = String::new();
    let mut rest = name;
    while let Some(open) = rest.find('[') {
        path.push_str(&rest[..open]);
        let Some(close) = rest[open..].find(']').map(|c| open + c) else {
            return path;
        };
        let index = rest[open + 1..close].trim();
        let quoted = (index.len() >= 2)
            .then(|| {
                index
                    .strip_prefix(['"', '\'', '`'])?
                    .strip_suffix(['"', '\'', '`'])
            })
            .flatten();
        match quoted {
            Some(field) => {
                path.push('.');
                path.push_str(field);
            }
            None if index.chars().all(|c| c.is_ascii_digit()) => path.push_str("[]"),
            None => return path,
        }
        rest = &rest[close + 1..];
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

/// A template's mistake found without rendering (`found`, among `problems`) is left out where a
/// page that reached it says so at the same place, in Tera's words ("Variable `nxt` not found").
/// And a mistake in a template that many pages reach is said once, for the first page, with
/// how many others reached it: Tera's words may hold a page's value (`{{ lesson.title | round
/// }}` gives "got `"Getting started"`"), so that two pages' errors need not be the same.
pub(super) fn said_once(problems: &mut Vec<Diagnostic>, found: &[Diagnostic]) {
    let reached: Vec<_> = (problems.iter())
        .filter(|p| !found.contains(p))
        .filter_map(|p| p.location.clone())
        .collect();
    let said = |p: &Diagnostic| p.location.as_ref().is_some_and(|l| reached.contains(l));
    problems.retain(|p| !(found.contains(p) && said(p)));
    // (Each page that reaches a mistake says it once; the check without rendering, once more,
    // in the same words, where it is among them.)
    let template = format!("{TEMPLATES_DIR}/");
    let in_template =
        |p: &Diagnostic| (p.location.as_ref()).is_some_and(|l| l.file.starts_with(&template));
    // (Each kept with how many said it, and whether the check without rendering was one.)
    // (A template's place found in a map: a lesson may have a hundred thousand problems.)
    let mut kept: Vec<(Diagnostic, usize, bool)> = Vec::new();
    let mut at: HashMap<Location, usize> = HashMap::new();
    for p in problems.drain(..) {
        let checked = found.contains(&p);
        let place = p.location.as_deref().filter(|_| in_template(&p)).cloned();
        match place.as_ref().and_then(|l| at.get(l)) {
            Some(&i) => {
                let (_, said, by_check) = &mut kept[i];
                (*said, *by_check) = (*said + 1, *by_check || checked);
            }
            None => {
                at.extend(place.map(|l| (l, kept.len())));
                kept.push((p, 1, checked));
            }
        }
    }
    for (p, said, by_check) in &mut kept {
        let pages = *said - usize::from(*by_check);
        if pages > 1 {
            let others = pages - 1;
            let s = if others == 1 { "" } else { "s" };
            p.message = format!("{} (and on {others} other page{s})", p.message);
        }
    }
    *problems = kept.into_iter().map(|(p, _, _)| p).collect();
}
