//! Reference links in a notebook. Jupyter renders each Markdown cell on its own, so a
//! `[text][label]` whose `[label]: address` is in another cell (the page reads the lesson as one
//! document) would show as written. Each cell carries, at its end, the lesson's definitions it
//! uses, and no others.

use pulldown_cmark::{BrokenLink, Event, LinkType, Parser, Tag};

use crate::markdown::options;

/// The lesson's link reference definitions: label (as pulldown-cmark matches it, case folded),
/// address and title, in the order of their labels.
#[derive(Default)]
pub struct Definitions(Vec<(String, String, Option<String>)>);

impl Definitions {
    /// The definitions of a lesson's `text` (its body, fences and all).
    pub fn of(text: &str) -> Definitions {
        // (A definition is a line's `[label]:`; the rest of the lessons pay nothing.)
        if !text.contains("]:") {
            return Definitions::default();
        }
        let parser = Parser::new_ext(text, options());
        let mut defs: Vec<_> = (parser.reference_definitions().iter())
            .map(|(label, d)| {
                let title = d.title.as_ref().map(|t| t.to_string());
                (folded(label), d.dest.to_string(), title)
            })
            .collect();
        defs.sort();
        Definitions(defs)
    }

    fn get(&self, label: &str) -> Option<&(String, String, Option<String>)> {
        let key = folded(label);
        self.0.iter().find(|(l, _, _)| *l == key)
    }
}

/// A label as reference links match it: case folded, its runs of white space one space.
fn folded(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A Markdown cell's `text` with its own definitions taken out and, at its end, one line per
/// label it uses that the lesson defines: those the cell does not define first, each in the
/// order first used.
pub fn carried(text: &str, definitions: &Definitions) -> String {
    if definitions.0.is_empty() {
        return text.to_string();
    }
    let mut used: Vec<String> = Vec::new();
    let mut own: Vec<std::ops::Range<usize>> = Vec::new();
    {
        // (A label the cell does not define reaches the callback; one it does, the events.)
        let mut missing = |link: BrokenLink| {
            used.push(link.reference.to_string());
            None
        };
        let parser = Parser::new_with_broken_link_callback(text, options(), Some(&mut missing));
        own.extend(
            parser
                .reference_definitions()
                .iter()
                .map(|(_, d)| d.span.clone()),
        );
        let mut linked = Vec::new();
        for event in parser {
            if let Event::Start(
                Tag::Link { link_type, id, .. } | Tag::Image { link_type, id, .. },
            ) = event
            {
                if matches!(
                    link_type,
                    LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut
                ) {
                    linked.push(id.to_string());
                }
            }
        }
        used.extend(linked);
    }
    own.sort_by_key(|span| span.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for span in own {
        out.push_str(&text[at..span.start.max(at)]);
        at = at.max(span.end);
    }
    out.push_str(&text[at..]);
    let mut lines: Vec<(String, String)> = Vec::new();
    for label in used {
        let Some((key, dest, title)) = definitions.get(&label) else {
            continue;
        };
        if lines.iter().any(|(k, _)| k == key) {
            continue;
        }
        let mut line = format!("[{}]: <{}>", label.trim(), escaped(dest, &['<', '>']));
        if let Some(title) = title {
            line.push_str(&format!(" \"{}\"", escaped(title, &['"'])));
        }
        lines.push((key.clone(), line));
    }
    let mut out = out.trim_end().to_string();
    if !lines.is_empty() {
        out.push_str("\n\n");
        let lines: Vec<String> = lines.into_iter().map(|(_, l)| l).collect();
        out.push_str(&lines.join("\n"));
    }
    out
}

/// `text` with a backslash before each backslash and each of `also`.
fn escaped(text: &str, also: &[char]) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\\' || also.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_carries_the_definitions_it_uses_and_sheds_its_own() {
        let lesson = "See [the docs][D] and [Me][].\n\n```text\n[x]: not.md\n```\n\n[d]: https://example.com/a(b) \"The \\\"docs\\\"\"\n[me]: <relu.md#figure-kinks>\n[unused]: u.md\n";
        let defs = Definitions::of(lesson);
        assert_eq!(defs.0.len(), 3);
        assert_eq!(
            carried("See [the docs][D] and [Me][], [the docs][d] again.", &defs),
            "See [the docs][D] and [Me][], [the docs][d] again.\n\n[D]: <https://example.com/a(b)> \"The \\\"docs\\\"\"\n[Me]: <relu.md#figure-kinks>"
        );
        assert_eq!(
            carried("[d]: https://example.com/a(b)\n[me]: relu.md\n", &defs),
            ""
        );
        assert_eq!(
            carried("No [links] here, `[d]` in code.", &defs),
            "No [links] here, `[d]` in code."
        );
        let plain = Definitions::of("No definitions.");
        assert_eq!(carried("[a][d]", &plain), "[a][d]");
    }
}
