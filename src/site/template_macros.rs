//! Macros not found where Tera looks for them: a call of a namespace or macro that is not
//! there, and a partial's call through its own import, which Tera does not look in (it gives
//! an included template the macros of the one that includes it).

use std::collections::BTreeMap;

use crate::error::{Diagnostic, SourceFile};
use crate::text::did_you_mean;

use super::template_text::{find_in_tag_text, find_in_tags, imports_in, macros_in};

/// A macro or macro namespace that is not there, from Tera's `detail` ("Macro `m::crad` not
/// found in template `lesson.html`"): at the call, in the template that makes it.
pub(super) fn macro_missing(
    sources: &BTreeMap<String, SourceFile>,
    detail: &str,
) -> Option<Diagnostic> {
    // (A namespace the rendered template lacks, imported by a partial it includes.)
    if let Some(rest) = detail.strip_prefix("Macro namespace `") {
        let namespace = rest.split('`').next()?;
        return sources.values().find_map(|f| {
            imports_in(&f.text)
                .iter()
                .find(|(_, ns)| *ns == namespace)?;
            let at = find_in_tag_text(&f.text, &format!("{namespace}::"))?;
            let name = f.text[at + namespace.len() + 2..].split('(').next()?.trim();
            Some(lent_macro(f, at, (namespace, name)))
        });
    }
    let rest = detail.strip_prefix("Macro ")?;
    let (call, rest) = rest.strip_prefix('`')?.split_once('`')?;
    let template = rest.split('`').nth(1)?;
    let (namespace, name) = match call.split_once("::") {
        Some((namespace, name)) => (namespace, Some(name)),
        None => (call, None),
    };
    let file = sources.get(template)?;
    let at = match name {
        Some(name) => find_in_tags(&file.text, &format!("{namespace}::{name}"))?,
        None => find_in_tags(&file.text, namespace)?,
    };
    let name = name.or_else(|| {
        let rest = &file.text[at + namespace.len()..];
        rest.strip_prefix("::")?.split('(').next()
    })?;
    Some(unknown_macro(sources, (file, at), (namespace, name.trim())))
}

/// The error of a macro called in a template others include (`file`, at `at`) through its own
/// import, which Tera does not look in.
pub(super) fn lent_macro(
    file: &SourceFile,
    at: usize,
    (namespace, name): (&str, &str),
) -> Diagnostic {
    let call = format!("{namespace}::{name}");
    file.error(at..at + call.len(), format!("template error: `{call}` is looked up in the template that includes this one, which imports no `{namespace}`"))
        .hint(format!("Tera gives an included template the macros of the one that includes it, not its own imports: import them as `{namespace}` there (in `base.html`, or the page's template)"))
}

/// The error of a call of macro `namespace::name` at byte `at` of `file` that is not there: no
/// macro of that name in the file imported as `namespace` (or `file` itself, for `self`), or
/// no file imported as `namespace`. The same whether a page reached it or `template_check`
/// found it.
pub(super) fn unknown_macro(
    sources: &BTreeMap<String, SourceFile>,
    (file, at): (&SourceFile, usize),
    (namespace, name): (&str, &str),
) -> Diagnostic {
    let call = format!("{namespace}::{name}");
    let imports = imports_in(&file.text);
    let imported = match namespace {
        "self" => Some(("this template", &file.text)),
        _ => (imports.iter().find(|(_, ns)| *ns == namespace))
            .and_then(|(f, _)| Some((*f, &sources.get(*f)?.text))),
    };
    let Some((from, text)) = imported else {
        let namespaces: Vec<&str> = imports.iter().map(|(_, ns)| *ns).collect();
        let d = file
            .error(
                at..at + namespace.len(),
                format!("template error: no macros imported as `{namespace}`"),
            )
            .expected(format!(
                "`self`, or one of the names macros are imported as: {}",
                namespaces.join(", ")
            ));
        return match did_you_mean(namespace, namespaces.iter().copied()) {
            Some(hint) => d.hint(hint),
            None => d.hint(format!(
                "import them first: `{{% import \"macros.html\" as {namespace} %}}`"
            )),
        };
    };
    let defined = macros_in(text);
    let d = file
        .error(
            at..at + call.len(),
            format!("template error: no macro `{name}` in {from}"),
        )
        .expected(format!("one of its macros: {}", defined.join(", ")));
    match did_you_mean(name, defined.iter().copied()) {
        Some(hint) => d.hint(hint),
        None => d.hint("a macro is defined with `{% macro name(args) %}`"),
    }
}
