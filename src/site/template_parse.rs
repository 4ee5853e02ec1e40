//! Every template's own mistakes in one run: Tera adds templates until the first that does not
//! parse, or names a parent or a macro file that is not there, and says nothing of the rest (a
//! theme with three broken templates took three runs). Each template is parsed alone here, and
//! what it names looked for; each problem in Tera's words, located by `template_error`.

use std::collections::BTreeMap;

use tera::Template;

use crate::error::{Diagnostic, SourceFile};

use super::default_theme::DEFAULT_TEMPLATES;
use super::template_error::template_error;

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
        if problems.len() > before {
            broken.push(name.clone());
        }
    }
    for name in broken {
        let built_in = DEFAULT_TEMPLATES.iter().find(|(n, _)| *n == name);
        let text = built_in.map_or("", |(_, text)| text);
        sources.insert(
            name.clone(),
            SourceFile::new(format!("(built-in theme) {name}"), text),
        );
    }
    (sources, problems)
}
