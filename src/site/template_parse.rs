//! Every template's own mistakes in one run: Tera adds templates until the first that does not
//! parse, or names a parent or a macro file that is not there, and says nothing of the rest (a
//! theme with three broken templates took three runs). Each template is parsed alone here, and
//! what it names looked for; each problem in Tera's words, located by `template_error`.

use std::collections::{BTreeMap, BTreeSet};

use tera::ast::Node;
use tera::Template;

use crate::error::{Diagnostic, SourceFile};

use super::default_theme::DEFAULT_TEMPLATES;
use super::template_error::template_error;
use super::template_text::misnamed_end;

/// How a broken template that nnbook has no built-in one of is named while it stands in.
pub const STAND_IN: &str = "(broken)";

/// The problems of `sources`' templates that would stop Tera adding them (each one's first
/// syntax error, and each parent and macro file named that is not among them), and the
/// templates to compile meanwhile, so that the others' mistakes are found in the same run: each
/// that has a problem stands in as the built-in template of its name, or as nothing.
pub fn checked(
    mut sources: BTreeMap<String, SourceFile>,
) -> (BTreeMap<String, SourceFile>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut broken = Vec::new();
    for (name, source) in &sources {
        // (An empty page template, an editor's save cut short, published empty pages.)
        let page = PAGE_TEMPLATES.contains(&name.as_str()) || name == "base.html";
        if page && source.text.trim().is_empty() && !source.path.starts_with("(built-in") {
            problems.push(
                Diagnostic::in_file(
                    source.path.clone(),
                    "the template is empty: every page made with it would be empty",
                )
                .hint("write the template, or delete the file to use the built-in one"),
            );
            broken.push(name.clone());
            continue;
        }
        let template = match Template::new(name, None, &source.text) {
            Ok(t) => t,
            Err(e) => {
                let e = tera::Error::chain(format!("Failed to parse '{name}'"), e);
                problems.push(template_error(&sources, &e, None));
                broken.push(name.clone());
                continue;
            }
        };
        let parent = (template.parent.iter())
            .filter(|p| !sources.contains_key(*p))
            .map(|p| tera::Error::missing_parent(name, p));
        let imports = (template.imported_macro_files.iter())
            .filter(|(file, _)| !sources.contains_key(file))
            .map(|(file, _)| {
                tera::Error::msg(format!(
                    "Template `{name}` loads macros from `{file}` which isn't present in Tera"
                ))
            });
        let before = problems.len();
        problems.extend(
            parent
                .chain(imports)
                .map(|e| template_error(&sources, &e, None)),
        );
        // (A name after `endblock` that is not the block's: Tera lets it be, Jinja does not.)
        if let Some((at, written, opened)) = misnamed_end(&source.text) {
            problems.push(
                source
                    .error(at..at + written.len(), format!("template error: this closes `{opened}`, not `{written}`"))
                    .expected(format!("the name of what it closes, `{opened}`, or none"))
                    .hint("a block or macro is closed by the innermost one open: check which is left open, or fix the name"),
            );
        }
        if problems.len() > before {
            broken.push(name.clone());
        }
    }
    for name in broken {
        // (One without a built-in stands in as nothing, named so that no call of a macro it
        // has is told missing: `STAND_IN`.)
        let stand_in = match DEFAULT_TEMPLATES.iter().find(|(n, _)| *n == name) {
            Some((_, text)) => SourceFile::new(format!("(built-in theme) {name}"), *text),
            None => SourceFile::new(format!("{STAND_IN} {name}"), ""),
        };
        sources.insert(name.clone(), stand_in);
    }
    (sources, problems)
}

/// The templates nnbook renders pages with; every other template is one of theirs (a parent, a
/// partial, macros) or reached by none.
const PAGE_TEMPLATES: [&str; 5] = [
    "index.html",
    "lesson.html",
    "404.html",
    "search.html",
    "tags.html",
];

/// The project's HTML files in `templates/` that no page reaches (not a page template, nor
/// extended, included or imported by one, at any depth): one without a Tera tag is a file of the
/// site (a search console's `google1234abcd.html`, which was never published) and goes into
/// `assets` as it is; one with tags is a template nothing uses (Zola's `page.html`, a misspelt
/// `lessons.html`), a warning.
pub fn unreached(
    tera: &tera::Tera,
    sources: &BTreeMap<String, SourceFile>,
    assets: &mut BTreeMap<String, std::sync::Arc<Vec<u8>>>,
) -> Vec<Diagnostic> {
    let mut reached: BTreeSet<String> = BTreeSet::new();
    let mut next: Vec<String> = PAGE_TEMPLATES.map(String::from).to_vec();
    while let Some(name) = next.pop() {
        let Ok(t) = tera.get_template(&name) else {
            continue;
        };
        if !reached.insert(name) {
            continue;
        }
        next.extend(t.parent.iter().cloned());
        next.extend(t.imported_macro_files.iter().map(|(f, _)| f.clone()));
        let bodies = std::iter::once(&t.ast).chain(t.blocks.values().map(|b| &b.body));
        for body in bodies {
            walk(body, &mut |node| {
                if let Node::Include(_, names, _) = node {
                    next.extend(names.iter().cloned());
                }
            });
        }
    }
    let mut warnings = Vec::new();
    for (name, source) in sources {
        if reached.contains(name) || source.path.starts_with("(built-in theme)") {
            continue;
        }
        if !["{{", "{%", "{#"]
            .iter()
            .any(|tag| source.text.contains(tag))
        {
            assets.insert(
                name.clone(),
                std::sync::Arc::new(source.text.clone().into_bytes()),
            );
            continue;
        }
        warnings.push(
            Diagnostic::in_file(source.path.clone(), "no page uses this template")
                .warning()
                .expected(format!("one of the templates nnbook renders pages with ({}), or one they extend, include or import", PAGE_TEMPLATES.join(", ")))
                .hint("rename it to the page it is for (Zola's `page.html` is `lesson.html`), or include it from one; an HTML file without Tera tags is published as it is"),
        );
    }
    warnings
}

/// Every node of `nodes`, at any depth, given to `visit`.
pub(super) fn walk(nodes: &[Node], visit: &mut impl FnMut(&Node)) {
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
