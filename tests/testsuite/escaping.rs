//! Front matter and block values never become markup; the SVGs stay well-formed XML.

use crate::diagnostics::{lesson, one, NETWORK};
use crate::support::markup::{check_xml, html_skeleton};
use crate::support::tree::files;
use crate::support::{assert_errors_at, escape, marked, site_figures, small, truncate, Project};

/// A value that would open a script, break out of a double- or single-quoted attribute, start
/// an entity, end a CDATA section and open a comment if it were not escaped.
const ATTACK: &str = "<script>alert(1)</script>\" onmouseover=\"x' onfocus='y' & ]]> <!--";

/// `s` as a TOML basic string.
fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A project where every front matter and block value that reaches a page or a figure is `v`.
fn hostile_project(v: &str) -> Project {
    let t = toml_str(v);
    let first = format!(
        r#"+++
title = {t}
summary = {t}
slug = "hostile"
order = 1
+++

<div class="note">hi</div>

The input is {{{{ input.label }}}}, named {{{{ input.name }}}}.

## Step for {{{{ input.label }}}}

```python
print("<script>alert(1)</script>")  # {{{{ input.label }}}}
```

```network
input = {{ name = "x", label = {t}, from = 0.0, to = 1.0, samples = 11 }}

[[layer]]
activation = "relu"
nodes = [
  {{ name = "top", weights = {{ w1 = 1.70 }}, bias = {{ b1 = -0.85 }} }},
]

[output]
label = {t}
weights = {{ w2 = 2.0 }}
bias = {{ b2 = 0.5 }}
```

```parameters
```

```figure source
id = "attack"
title = {t}
x_label = {t}
y_label = {t}
caption = "*Emphasis* and {{{{ input.label }}}}."
series = [
  {{ signal = "top.activation", label = {t} }},
  {{ signal = "output.activation", label = {t} }},
]
points = [[0.5, 1.0]]
points_label = {t}
```

```figure
id = "defaults"
series = [{{ signal = "top.linear" }}]
```

```table
signals = ["top.activation"]
at = [0.0, 1.0]
headers = [{t}, {t}]
```

```table
signals = ["top.linear"]
at = [0.5]
arithmetic = true
```
"#
    );
    let second = format!("+++\ntitle = {t}\nsummary = {t}\nslug = \"second\"\norder = 2\n+++\n\nA second lesson, for the previous and next links.\n");
    Project::new()
        .lesson("hostile.md", first)
        .lesson("second.md", second)
        // (`language` must be a language tag, so it cannot carry markup:
        // `pages::the_language_must_be_a_language_tag`.)
        .config(&format!("title = {t}\ndescription = {t}\n"))
}

#[test]
fn front_matter_and_block_values_never_become_markup() {
    let p = hostile_project(ATTACK);
    let r = p.run_build();
    r.succeeded();
    let site = files(&p.site());
    // The same project with a harmless value: the markup must have the same shape.
    let benign = hostile_project("Harmless value");
    benign.run_build().succeeded();
    let benign_site = files(&benign.site());
    assert_eq!(
        site.keys().collect::<Vec<_>>(),
        benign_site.keys().collect::<Vec<_>>()
    );
    let escaped_script = "&lt;script&gt;alert(1)&lt;/script&gt;";
    for (name, bytes) in &site {
        same_markup_as_benign(name, bytes, &benign_site[name]);
    }
    let page = String::from_utf8_lossy(&site["hostile/index.html"]);
    let index = String::from_utf8_lossy(&site["index.html"]);
    let second = String::from_utf8_lossy(&site["second/index.html"]);
    let figures = site_figures(&p.site(), "hostile/index.html");
    let (svg, defaults_svg) = (&figures["attack"].svg, &figures["defaults"].svg);
    for figure in figures.values() {
        check_xml(&figure.svg)
            .unwrap_or_else(|e| panic!("figure {} is not well-formed XML: {e}", figure.id));
    }
    for (what, text) in [
        ("the lesson page", page.as_ref()),
        ("the index", index.as_ref()),
        ("the next lesson (previous link)", second.as_ref()),
        ("the figure", svg.as_str()),
        ("the figure with default labels", defaults_svg.as_str()),
    ] {
        assert!(
            text.contains(escaped_script),
            "{what} does not show the value escaped"
        );
    }
    // Where the value lands in attributes, its quotes are escaped.
    let in_attribute = escape(ATTACK);
    assert!(in_attribute.contains("&quot; onmouseover=&quot;x&#39; onfocus=&#39;y"));
    assert!(
        page.contains(&format!("content=\"{in_attribute}")),
        "the lesson page has no content=\"<escaped value>"
    );
    assert!(
        page.contains("<div class=\"note\">hi</div>"),
        "the author's own HTML in the body was not kept"
    );
    assert!(page.contains("<em>Emphasis</em>"), "the caption's Markdown");
    assert!(
        page.contains(&format!("<th scope=\"col\">{escaped_script}")),
        "the table headers"
    );
    model_holds_the_value_without_markup(&page);
}

/// One page or SVG of the hostile site (`name`, `bytes`): the value is nowhere markup, and
/// the markup has the shape of the same file built with a harmless value (`benign`).
fn same_markup_as_benign(name: &str, bytes: &[u8], benign: &[u8]) {
    let is_svg = name.ends_with(".svg");
    if !(is_svg || name.ends_with(".html")) {
        return;
    }
    let text = std::str::from_utf8(bytes).expect("UTF-8 output");
    let lower = text.to_ascii_lowercase();
    assert!(
        !lower.contains("<script>alert"),
        "{name} has the value's <script> tag"
    );
    // A comment opened by the value would hide the rest of the page.
    for breakout in ["]]> <!--", "&gt; <!--"] {
        assert!(!text.contains(breakout), "{name} contains {breakout:?}");
    }
    // A quote in text content is harmless; in a tag it must not start an attribute.
    let skeleton = html_skeleton(text);
    for tag in &skeleton {
        assert!(
            !tag.split(' ').skip(1).any(|a| a.starts_with("on")),
            "{name}: an event handler attribute in {tag}"
        );
    }
    let benign_text = String::from_utf8_lossy(benign);
    assert_eq!(
        drawings_as_sets(&skeleton),
        drawings_as_sets(&html_skeleton(&benign_text)),
        "{name}: the hostile value changed the markup"
    );
    if is_svg {
        check_xml(text).unwrap_or_else(|e| panic!("{name} is not well-formed XML: {e}"));
    }
}

/// The explorable page's model is JSON inside a script element: none of `<`, `>`, `&` in it
/// (`</script>` would end the element early), and the labels read back whole.
fn model_holds_the_value_without_markup(page: &str) {
    let model = page
        .split_once(&format!("id=\"{}\">", nnbook::explore::MODEL_ID))
        .and_then(|(_, rest)| rest.split_once("</script>"))
        .expect("the page's model")
        .0;
    assert!(
        !model.contains(['<', '>', '&']),
        "the model has a raw <, > or &"
    );
    let model: serde_json::Value = serde_json::from_str(model).expect("the model's JSON");
    assert!(
        model
            .to_string()
            .contains(&serde_json::Value::from(ATTACK).to_string()),
        "the model does not hold the label as written"
    );
}

/// Captions are Markdown like the lesson's body, and follow its rule: lessons are trusted
/// input, so raw HTML written in a caption is HTML, as in every Markdown site generator. Values
/// that placeholders fill in are text, never markup.
#[test]
fn raw_html_in_a_caption_is_html_like_in_the_body() {
    let caption = "C <abbr title=\"Rectified\">ReLU</abbr> *em* {{ input.label }}";
    let p = Project::with_lessons(&[(
        "a.md",
        &small("")
            .replace(
                "caption = \"The top node reaches {{ top.activation @ 1.0 }}.\"",
                &format!("caption = {}", toml_str(caption)),
            )
            .replace("label = \"Dosage\"", "label = \"<b>Dose</b>\""),
    )]);
    p.run_build().succeeded();
    let page = p.read("a/index.html");
    let figcaption = figcaption(&page);
    assert!(
        figcaption.contains("<abbr title=\"Rectified\">ReLU</abbr>"),
        "{figcaption}"
    );
    assert!(figcaption.contains("<em>em</em>"), "{figcaption}");
    assert!(
        figcaption.contains("&lt;b&gt;Dose&lt;/b&gt;"),
        "{figcaption}"
    );
}

/// The lesson's notebook (`<slug>.ipynb`) copies the title, the summary
/// and the prose with its placeholders filled into Markdown cells, which Jupyter renders as
/// HTML: the values must not become markup there either (the author's own HTML may stay). They
/// are backslash-escaped, Markdown's way (`\<script>` shows as text), not turned into HTML
/// entities, which Markdown viewers would show as they are (`&#39;`).
#[test]
fn notebook_markdown_cells_do_not_turn_values_into_markup() {
    let p = hostile_project(ATTACK);
    p.run_build().succeeded();
    let notebooks: Vec<(String, Vec<u8>)> = files(&p.site())
        .into_iter()
        .filter(|(name, _)| name.ends_with(".ipynb"))
        .collect();
    assert!(
        !notebooks.is_empty(),
        "the hostile lesson (it has code) has no notebook"
    );
    for (name, bytes) in notebooks {
        let nb: serde_json::Value = serde_json::from_slice(&bytes).expect("notebook JSON");
        let mut seen = 0;
        for cell in nb["cells"].as_array().expect("cells") {
            if cell["cell_type"] != "markdown" {
                continue;
            }
            let source: String = cell["source"]
                .as_array()
                .expect("lines")
                .iter()
                .filter_map(|l| l.as_str())
                .collect();
            // No tag opens but the author's own (`<div class="note">`, `</div>`).
            for (i, _) in source.match_indices('<') {
                let after = &source[i..];
                assert!(
                    source[..i].ends_with('\\')
                        || after.starts_with("<div")
                        || after.starts_with("</div"),
                    "{name}: a Markdown cell holds a value as markup: {}",
                    truncate(after, 400)
                );
            }
            seen += source.matches("\\<script\\>alert(1)\\</script\\>").count();
            assert!(!source.contains("&#39;"), "{name}: {source}");
        }
        assert!(
            seen > 0,
            "{name}: the values are in the Markdown cells, escaped"
        );
    }
}

fn figcaption(page: &str) -> &str {
    let start = page.find("<figcaption").unwrap_or(0);
    let end = page[start..]
        .find("</figcaption>")
        .map_or(page.len(), |e| start + e + 13);
    &page[start..end]
}

/// A control character in a figure's title or labels must not make its SVG ill-formed XML
/// (XML 1.0 forbids U+0000..U+001F but tab, newline and return): it is left out.
#[test]
fn control_characters_in_figure_text_keep_the_svg_well_formed() {
    let p = Project::with_lessons(&[(
        "a.md",
        &small("")
            .replace(
                "title = \"Top node\"",
                "title = \"Top\\u0001node\"\nx_label = \"x\\u0007\"",
            )
            .replace("label = \"ReLU\"", "label = \"ReLU\\u001B[31m\""),
    )]);
    // It builds, leaving the control characters out.
    p.run_build().succeeded();
    let svg = site_figures(&p.site(), "a/index.html")["step-1"]
        .svg
        .clone();
    check_xml(&svg).unwrap_or_else(|e| panic!("the SVG is not well-formed XML: {e}"));
    assert!(
        svg.contains(">Topnode</title>") && svg.contains("ReLU[31m"),
        "the figure's title and series label, without their control characters:\n{svg}"
    );
    assert!(
        !svg.contains('\u{1}') && !svg.contains('\u{7}') && !svg.contains('\u{1b}'),
        "{svg}"
    );
}

#[test]
fn hostile_node_and_parameter_names_are_rejected() {
    for (name, from, to) in [
        (
            "node",
            "{ name = \"top\",",
            "{ name = ‸\"<script>alert(1)</script>\",",
        ),
        (
            "quote",
            "{ name = \"top\",",
            "{ name = ‸\"x\\\" onmouseover=\\\"y\",",
        ),
        ("weight", "{ w1 = 1.70 }", "{ ‸\"<b>\" = 1.70 }"),
        ("bias", "{ b3 = -16 }", "{ ‸\"b3 & ]]>\" = -16 }"),
        ("output", "[output]\n", "[output]\nname = ‸\"<out>\"\n"),
        // The input's name heads the CSV files: a spreadsheet formula must not get there.
        (
            "input",
            "name = \"dosage\"",
            "name = ‸\"=HYPERLINK(\\\"http://x\\\")\"",
        ),
    ] {
        let text = small("");
        assert!(text.contains(from), "{from}");
        let (text, at) = marked(&text.replacen(from, to, 1));
        let file = format!("{name}.md");
        let p = Project::with_lessons(&[(&file, &text)]);
        p.run_build()
            .failed()
            .says(&[&format!("--> content/{file}:{at}"), "is not a usable name"]);
    }
}

/// A skeleton with each drawing (`<svg>` to `</svg>`) as the sorted set of its tags: a longer
/// label may move a chart's legend and change how many grid lines it draws, but a value never
/// adds a kind of tag or attribute.
fn drawings_as_sets(skeleton: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut drawing: Option<std::collections::BTreeSet<String>> = None;
    for tag in skeleton {
        match &mut drawing {
            Some(set) if tag == "</svg>" => {
                out.extend(std::mem::take(set));
                out.push(tag.clone());
                drawing = None;
            }
            Some(set) => {
                set.insert(tag.clone());
            }
            None => {
                out.push(tag.clone());
                if tag.starts_with("<svg") {
                    drawing = Some(Default::default());
                }
            }
        }
    }
    out
}

/// A figure block of the small network's output with `caption` as written in TOML.
fn captioned(caption: &str) -> String {
    format!(
        "```figure\ncaption = {caption}\nseries = [{{ signal = \"output.activation\" }}]\n```\n\n"
    )
}

/// LaTeX in a caption between double quotes, where TOML reads `\f`, `\t`, `\b` and `\n` as
/// escapes, is an error at each escape, in math (a form feed and `rac` is no `\frac`) and, for
/// a control character no page may hold, outside it (a backspace in a code span too); the same
/// caption between single quotes, or with its backslashes doubled, is math; a line break or tab
/// outside math is Markdown's white space, and a `$` after a doubled backslash no math. A
/// `\alpha`, no TOML escape at all, is TOML's error, with the same advice.
#[test]
fn latex_escapes_in_a_caption_between_double_quotes_are_errors() {
    let body = [
        r#""Half is $\frac{1}{2}$, $\tanh(x)$ and $\beta$.""#,
        "\"\"\"\n$$\n\\nabla L\n$$\nA `\\b` in code, \\\\$ no math \\t, and \\f.\n\"\"\"",
        r#"'Fine: $\frac{1}{2}$ and $\tanh(x)$.'"#,
        r#""Fine: $\\frac{1}{2}$, a tab\tand a line\nbreak.""#,
        r#""Not TOML: $\alpha$.""#,
    ]
    .map(captioned)
    .concat();
    let text = lesson(r#"title = "Captions""#, &format!("{NETWORK}\n\n{body}"));
    let report = one("captions", &text);
    // (Where `written` first is, after `after`: "captions.md:line:column".)
    let at = |after: &str, written: &str| {
        let i =
            text.find(after).unwrap() + text[text.find(after).unwrap()..].find(written).unwrap();
        let line = text[..i].matches('\n').count() + 1;
        let column = text[..i].rsplit('\n').next().unwrap().chars().count() + 1;
        format!("captions.md:{line}:{column}")
    };
    assert_errors_at(
        &report,
        &[
            ("`\\frac` in a caption between double quotes is read as a form feed and `rac`, not as LaTeX's `\\frac`", &at("Half", "\\frac")),
            ("`\\tanh` in a caption between double quotes is read as a tab and `anh`", &at("Half", "\\tanh")),
            ("`\\beta` in a caption between double quotes is read as a backspace and `eta`", &at("Half", "\\beta")),
            ("`\\nabla` in a caption between double quotes is read as a line break and `abla`", &at("$$", "\\nabla")),
            ("`\\b` in a caption between double quotes is read as a backspace", &at("A `", "\\b")),
            ("`\\f` in a caption between double quotes is read as a form feed", &at("no math", "\\f")),
            ("invalid figure block: missing escaped value", &at("Not TOML", "alpha")),
        ],
        7,
    );
    assert!(report.contains("hint: TOML reads a backslash between double quotes as an escape: write the caption between single quotes ('…', or ''' … ''' over lines), where a backslash is itself, or double it: `\\\\frac`"), "{report}");
    assert!(
        report.contains("write text such as LaTeX's `\\alpha` between single quotes"),
        "{report}"
    );
}

/// The same LaTeX between single quotes, or with its backslashes doubled, is the caption's math.
#[test]
fn latex_in_a_caption_between_single_quotes_is_math() {
    let body = [
        r#"'Single: $\frac{1}{2}$ and $\tanh(x)$.'"#,
        r#""Doubled: $\\frac{1}{3}$, a tab\tand a line\nbreak.""#,
    ]
    .map(captioned)
    .concat();
    let text = lesson(r#"title = "Captions""#, &format!("{NETWORK}\n\n{body}"));
    let p = Project::with_lessons(&[("a.md", &text)]);
    p.run_build().succeeded();
    let page = p.read("a/index.html");
    assert_eq!(page.matches("<mfrac>").count(), 2, "{page}");
    assert!(page.contains(">tanh<"), "{page}");
    assert!(!page.contains('\u{c}') && !page.contains('\u{8}'));
}
