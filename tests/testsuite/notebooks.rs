//! The lessons' notebooks: every figure and diagram saved as an output, code for every figure
//! the lesson has no code for, Markdown without HTML entities. (`tests/notebooks.sh` runs the
//! notebooks and compares what their code draws with the figures' data.)

use std::path::Path;

use serde_json::Value;

use crate::support::{shipped, site_figures, small, Project, SMALL};

/// A cell's source as one string.
fn text(cell: &Value) -> String {
    match &cell["source"] {
        Value::Array(lines) => lines.iter().filter_map(Value::as_str).collect(),
        Value::String(s) => s.clone(),
        _ => String::new(),
    }
}

/// The cells of a built notebook.
fn cells(path: &Path) -> Vec<Value> {
    let json = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let nb: Value = serde_json::from_str(&json).expect("notebook JSON");
    nb["cells"].as_array().expect("cells").clone()
}

/// The SVG outputs of a code cell.
/// How the stylesheet all diagrams share begins.
const SHARED: &str = "<style>.nn-diagram .bg{";

/// A drawing without the stylesheet all diagrams share.
fn unshared(svg: &str) -> String {
    match svg.find(SHARED) {
        Some(at) => {
            let end = at + svg[at..].find("</style>\n").expect("closed") + "</style>\n".len();
            [&svg[..at], &svg[end..]].concat()
        }
        None => svg.to_string(),
    }
}

fn svgs(cell: &Value) -> Vec<String> {
    cell["outputs"]
        .as_array()
        .map(|outputs| {
            outputs
                .iter()
                .filter(|o| o["output_type"] == "display_data")
                .map(|o| text(&serde_json::json!({ "source": o["data"]["image/svg+xml"] })))
                .collect()
        })
        .unwrap_or_default()
}

/// The shipped lessons' notebooks, with the page folder each is in (relative to the site).
const SHIPPED: [&str; 7] = [
    "relu",
    "zh-CN/relu",
    "black-box",
    "zh-CN/black-box",
    "backpropagation",
    "zh-CN/backpropagation",
    "writing-a-lesson",
];

#[test]
fn every_figure_and_diagram_of_a_shipped_lesson_is_saved_in_its_notebook_once() {
    let out = shipped(None);
    for dir in SHIPPED {
        let slug = dir.rsplit('/').next().unwrap();
        let cells = cells(&out.site.join(format!("{dir}/{slug}.ipynb")));
        let saved: Vec<String> = cells.iter().flat_map(svgs).collect();
        let figures = site_figures(&out.site, &format!("{dir}/index.html"));
        assert_eq!(saved.len(), figures.len(), "{dir}: one output per figure");
        // A diagram shown on its own carries the stylesheet diagrams share, which a page
        // writes only into its first diagram.
        for svg in saved
            .iter()
            .filter(|svg| svg.contains("class=\"nn-diagram\""))
        {
            assert!(
                svg.contains(SHARED),
                "{dir}: a diagram without its colours: {svg}"
            );
        }
        // Each output is a document of its own, and names its namespace; the page's drawings,
        // in HTML, need not.
        const XMLNS: &str = " xmlns=\"http://www.w3.org/2000/svg\"";
        for svg in &saved {
            let open = &svg[..svg.find('>').expect("an opening tag")];
            assert!(
                open.contains(XMLNS),
                "{dir}: an output without its namespace: {open}"
            );
        }
        for (id, figure) in &figures {
            let n = saved
                .iter()
                .map(|svg| svg.replacen(XMLNS, "", 1))
                .filter(|svg| unshared(svg).trim_end() == unshared(&figure.svg).trim_end())
                .count();
            assert_eq!(
                n, 1,
                "{dir}: figure `{id}` is saved {n} times, as the page draws it"
            );
        }
        // Each output says in words what it shows, as the page's <desc> does.
        for cell in &cells {
            for output in cell["outputs"].as_array().into_iter().flatten() {
                let words = text(&serde_json::json!({ "source": output["data"]["text/plain"] }));
                assert!(!words.is_empty(), "{dir}: an output without text/plain");
                assert!(
                    figures.values().any(|f| f.svg.contains(&words)),
                    "{dir}: the text is the figure's description: {words}"
                );
            }
        }
    }
}

#[test]
fn markdown_cells_of_the_shipped_notebooks_hold_no_html_entities() {
    let out = shipped(None);
    for dir in SHIPPED {
        let slug = dir.rsplit('/').next().unwrap();
        for cell in cells(&out.site.join(format!("{dir}/{slug}.ipynb"))) {
            if cell["cell_type"] != "markdown" {
                continue;
            }
            let source = text(&cell);
            for entity in ["&#39;", "&quot;", "&amp;", "&lt;", "&gt;", "&#"] {
                assert!(!source.contains(entity), "{dir}: {entity} in {source}");
            }
        }
    }
    // The apostrophes of the ReLU lesson's captions are apostrophes.
    let relu = cells(&out.site.join("relu/relu.ipynb"));
    assert!(
        relu.iter()
            .any(|c| text(c).starts_with("*ReLU Activation.* The top node's output")),
        "the caption, as written"
    );
}

#[test]
fn figures_without_the_lessons_code_get_code_written_by_nnbook() {
    let out = shipped(None);
    let generated = |dir: &str| -> Vec<String> {
        let slug = dir.rsplit('/').next().unwrap();
        cells(&out.site.join(format!("{dir}/{slug}.ipynb")))
            .iter()
            .filter(|c| c["cell_type"] == "code" && !svgs(c).is_empty())
            .filter_map(|c| {
                let t = text(c);
                let id = t.strip_prefix("# Figure `")?;
                Some(id[..id.find('`')?].to_string())
            })
            .collect()
    };
    // The ReLU lesson's Python draws every figure (`python figure=step-N`): nothing is added.
    assert!(generated("relu").is_empty(), "{:?}", generated("relu"));
    // The black box's draws steps 1 and 6; nnbook writes the code of steps 2 to 5.
    assert_eq!(
        generated("black-box"),
        ["step-2", "step-3", "step-4", "step-5"]
    );
    // Backpropagation has no plotting code: every figure and training figure is written.
    assert_eq!(
        generated("backpropagation"),
        [
            "start",
            "ssr-curve",
            "tangents",
            "b3-per-step",
            "ssr-per-step",
            "curves",
            "trained"
        ]
    );
    let bp = cells(&out.site.join("backpropagation/backpropagation.ipynb"));
    let code: Vec<String> = bp
        .iter()
        .filter(|c| c["cell_type"] == "code")
        .map(text)
        .collect();
    // The parameters, then the helpers once, built from the network's nodes.
    assert!(code[0].contains("b3 = 0.0"), "{}", code[0]);
    assert!(
        code[1].contains("def forward(x, p):")
            && code[1].contains("s[\"top.activation\"] = softplus(s[\"top.linear\"])")
            && code[1].contains("def train(")
            && code[1].contains("net_params = {\"w1\": w1,"),
        "{}",
        code[1]
    );
    assert_eq!(code.iter().filter(|c| c.contains("def forward")).count(), 1);
    // The training runs again, and the figures after it use the trained parameters.
    assert!(code.iter().any(|c| c.contains("training_fit = train(")
        && c.contains("tolerance=0.001")
        && c.contains("net_params = training_fit[\"states\"][-1]")));
}

#[test]
fn a_figure_of_a_relu_network_is_drawn_at_its_kinks() {
    // The output's kink, where −40.8·ReLU(1.7x − 0.85) + 2.7·12.6x − 16 = 0, falls between
    // the grid's points (0.1 apart): the code samples it, as nnbook does.
    let p = Project::with_lessons(&[("a.md", small(""))]);
    p.run_build().succeeded();
    let cells = cells(&p.site().join("a/a.ipynb"));
    let figure = cells
        .iter()
        .map(text)
        .find(|t| t.starts_with("# Figure `step-1`"))
        .expect("the figure's code");
    assert!(
        figure.contains("xs = sample_inputs([0.4703") && figure.contains("])  # the kinks"),
        "{figure}"
    );
    assert!(figure.contains("ax.plot(xs, signals[\"top.activation\"], color=\"#1f77b4\""));
    assert!(figure.contains("label=\"ReLU\"") && figure.contains("ax.set_title(\"Top node\")"));
}

#[test]
fn a_python_block_may_say_which_figure_it_draws_and_must_name_one() {
    let code = "\n```python figure=step-1\nprint(1)\n```\n";
    let p = Project::with_lessons(&[("a.md", small("") + code)]);
    p.run_build().succeeded();
    let cells = cells(&p.site().join("a/a.ipynb"));
    assert!(
        !cells.iter().any(|c| text(c).starts_with("# Figure")),
        "no code is written for a figure the lesson's code draws"
    );
    let author = cells
        .iter()
        .find(|c| text(c) == "print(1)")
        .expect("the lesson's code");
    assert_eq!(svgs(author).len(), 1, "its output is the figure");

    let wrong = small("") + "\n```python figure=step-9\nprint(1)\n```\n";
    let p = Project::with_lessons(&[("a.md", wrong)]);
    p.run_build()
        .failed()
        .says(&["`figure=step-9`: the lesson has no figure `step-9`"]);
}

/// Text for the page's sliders (`<div class="nn-explorable-only">`) is on the page, in its
/// `div` (the style sheet shows it only beside the sliders), and left out of the notebook, with
/// a block inside it: a notebook has no sliders to move. The text around it stays.
#[test]
fn text_for_the_sliders_is_on_the_page_and_not_in_the_notebook() {
    let extra = "\nBefore the sliders.\n\n<div class=\"nn-explorable-only\">\n\n**Try it.** Set \
                 b3 to {{ w1 }}.\n\n```table\nsignals = [\"top.linear\"]\nat = [0.25]\n```\n\n\
                 </div>\n\nAfter the sliders.\n\n<div class=\"aside\">\n\nAn aside.\n\n</div>\n";
    let p = Project::with_lessons(&[("a.md", small("") + extra)]);
    p.run_build().succeeded();
    let page = p.read("a/index.html");
    let div = &page[page
        .find("<div class=\"nn-explorable-only\">")
        .expect("the div")..];
    assert!(div.contains("<strong>Try it.</strong> Set b3 to <span data-nn=\"w1\">1.70</span>."));
    assert!(
        div.contains("<table"),
        "the block inside the div is on the page"
    );
    let text: String = cells(&p.site().join("a/a.ipynb"))
        .iter()
        .map(text)
        .collect();
    assert!(text.contains("Before the sliders.") && text.contains("After the sliders."));
    assert!(
        !text.contains("Try it") && !text.contains("nn-explorable-only"),
        "{text}"
    );
    assert!(!text.contains("| 0.25"), "the table inside the div: {text}");
    // Another `div` is text like any other.
    assert!(
        text.contains("<div class=\"aside\">\n\nAn aside.\n\n</div>"),
        "{text}"
    );
}

/// Text for the sliders never closed would hide the rest of the page from readers without
/// JavaScript: a warning at its opening (and the build goes on).
#[test]
fn text_for_the_sliders_never_closed_is_a_warning() {
    let extra = "\nBefore.\n\n  <div class=\"nn-explorable-only\">\n\n**Try it.**\n\n```python\n</div>\n```\n";
    let p = Project::with_lessons(&[("a.md", small("") + extra)]);
    let site = nnbook::check(&p.root).unwrap_or_else(|e| panic!("only a warning expected:\n{e}"));
    let warning = site
        .warnings
        .iter()
        .find(|w| w.message.contains("text for the sliders is never closed"))
        .unwrap_or_else(|| panic!("no warning: {:?}", site.warnings));
    let line = SMALL.lines().count() + 4;
    let loc = warning.location.as_ref().expect("a place");
    assert_eq!((loc.line, loc.column), (line, 3), "{warning}");
    // Closed, no warning (a `</div>` in a code block closes nothing).
    let closed = Project::with_lessons(&[("a.md", small("") + extra + "\n</div>\n")]);
    let site = nnbook::check(&closed.root).unwrap();
    assert!(site.warnings.iter().all(|w| !w.message.contains("sliders")));
}

/// Jupyter renders each Markdown cell on its own: a reference link (`[the docs][d]`) whose
/// definition is in another cell (here after a code block, as Markdown authors put them at the
/// end) showed as written. Each cell now ends with the definitions it uses, a lesson's file
/// (`b.md`) made its page's link as on the page, and the definitions' own cell is gone. Each
/// cell is rendered alone here, as Jupyter does.
#[test]
fn a_reference_link_works_in_its_cell_alone() {
    let extra = "\nSee [the docs][d], [the other lesson][Other] and [Docs][].\n\n```python\n\
                 print(1)\n```\n\nThe end.\n\n[d]: https://example.com/docs \"The docs\"\n\
                 [docs]: https://example.com/docs\n[other]: b.md\n[unused]: https://example.com\n";
    let p = Project::with_lessons(&[("a.md", small("") + extra), ("b.md", small(""))]);
    p.run_build().succeeded();
    let page = p.read("a/index.html");
    let texts: Vec<String> = cells(&p.site().join("a/a.ipynb"))
        .iter()
        .map(text)
        .collect();
    let alone = |cell: &str| {
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(cell));
        html
    };
    let links = texts
        .iter()
        .find(|t| t.starts_with("See "))
        .unwrap_or_else(|| panic!("no cell of the links: {texts:#?}"));
    for link in [
        "<a href=\"https://example.com/docs\" title=\"The docs\">the docs</a>",
        "<a href=\"../b/index.html\">the other lesson</a>",
        "<a href=\"https://example.com/docs\">Docs</a>",
    ] {
        assert!(alone(links).contains(link), "{link} in\n{links}");
        assert!(page.contains(link), "{link} on the page");
    }
    assert!(
        texts.iter().any(|t| t == "The end."),
        "the definitions' cell keeps its text alone: {texts:#?}"
    );
    let all = texts.concat();
    assert!(!all.contains("unused") && !all.contains("b.md"), "{all}");
}
