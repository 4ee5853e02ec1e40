//! The reader's site: math, languages, notebooks, sitemap and robots.txt, 404, diagrams,
//! trained values.

use crate::support::{fixture_text, marked, page_figures, shipped, site_figures, small, Project};

#[test]
fn math_is_mathml_and_languages_link_each_other() {
    let out = shipped(None);
    let en = out.read("relu/index.html");
    let zh = out.read("zh-CN/relu/index.html");
    assert!(en.contains("<html lang=\"en\">") && zh.contains("<html lang=\"zh-CN\">"));
    // The ReLU definition and the table's arithmetic are MathML; no LaTeX is left.
    assert!(en.contains("<math display=\"block\">"), "display math");
    assert!(
        en.contains("<mi>max</mi>") || en.contains(">max<"),
        "max(0, x) as math"
    );
    assert!(!en.contains("\\mathrm"), "no raw LaTeX");
    assert!(
        en.contains("<mn>0.2</mn><mo>·</mo><mn>1.70</mn>"),
        "arithmetic as MathML"
    );
    // Each lesson links to its translation; each language has its index with a switcher.
    assert!(en.contains("href=\"../zh-CN/relu/index.html\""), "en -> zh");
    assert!(zh.contains("href=\"../../relu/index.html\""), "zh -> en");
    let zh_index = out.read("zh-CN/index.html");
    assert!(zh_index.contains("relu/index.html") && zh_index.contains("English"));
    assert!(out.read("index.html").contains("简体中文"));
    // Interface words follow the page's language.
    assert!(zh.contains("下载 Jupyter Notebook") && en.contains("Download notebook"));
    // So do the descriptions of figures and diagrams (each inlined SVG's <desc>).
    assert!(
        en.contains("<desc id=\"figure-step-1-desc\">Line chart over Dosage from 0 to 1.")
            && en.contains(
                "(blue line) goes from 0 to 0.85; lowest 0 at Dosage 0, highest 0.85 at Dosage 1."
            )
            && en.contains(
                "<desc id=\"figure-network-desc\">Network diagram: the input Dosage feeds a hidden layer"
            ),
        "English descriptions"
    );
    assert!(
        zh.contains("<desc id=\"figure-step-1-desc\">折线图，横轴为剂量，从 0 到 1。")
            && zh.contains("（蓝线）从 0 变到 0.85；最低 0（剂量 0），最高 0.85（剂量 1）。")
            && zh.contains(
                "<desc id=\"figure-network-desc\">网络图：输入 剂量 连到隐藏层（ReLU 激活函数）"
            )
            && !zh.contains("Line chart"),
        "Chinese descriptions"
    );
}

#[test]
fn sitemap_404_and_open_graph_follow_the_base_url() {
    let out = shipped(Some("https://example.org/nn"));
    let sitemap = out.read("sitemap.xml");
    crate::support::markup::check_xml(&sitemap).unwrap_or_else(|e| panic!("{e}\n{sitemap}"));
    // A page in two languages names both (Google's `hreflang` in a sitemap); the guide, in
    // English only, names none.
    let both = |path: &str| {
        format!("<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/nn/{path}\"/><xhtml:link rel=\"alternate\" hreflang=\"zh-CN\" href=\"https://example.org/nn/zh-CN/{path}\"/></url>")
    };
    for (loc, alternates) in [
        ("relu/", both("relu/")),
        ("zh-CN/relu/", both("relu/")),
        ("", both("")),
        ("zh-CN/", both("")),
        ("writing-a-lesson/", "</url>".to_string()),
    ] {
        let line = format!("<url><loc>https://example.org/nn/{loc}</loc>{alternates}");
        assert!(sitemap.lines().any(|l| l == line), "{line}\n{sitemap}");
    }
    assert!(
        !sitemap.contains("404") && !sitemap.contains("search"),
        "{sitemap}"
    );
    let page = out.read("relu/index.html");
    assert!(page.contains("<meta property=\"og:url\" content=\"https://example.org/nn/relu/\">"));
    assert!(
        page.contains("<meta property=\"og:title\" content=\"Understanding ReLU, step by step\">")
    );
    assert!(out
        .read("404.html")
        .contains("href=\"https://example.org/nn/style.css\""));
    // Crawlers find the sitemap by `robots.txt`, as Zola's and Hugo's sites have it.
    assert_eq!(
        out.read("robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://example.org/nn/sitemap.xml\n"
    );
    // Without a base URL there is no sitemap (its URLs must be absolute), nor `robots.txt`.
    let plain = shipped(None);
    assert!(!plain.site.join("sitemap.xml").exists());
    assert!(!plain.site.join("robots.txt").exists());
    assert!(plain.site.join("404.html").exists());
    assert!(plain.site.join("favicon.svg").exists());
}

/// A project's own `templates/robots.txt` is published instead of the one nnbook writes.
#[test]
fn a_project_s_own_robots_txt_is_published_instead() {
    let own = "User-agent: *\nDisallow: /drafts/\n";
    let p = Project::new()
        .config("base_url = \"https://example.org/\"\n")
        .lesson("a.md", small(""))
        .template("robots.txt", own);
    p.build().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.read("robots.txt"), own);
    assert!(p
        .read("sitemap.xml")
        .contains("<loc>https://example.org/a/</loc>"));
}

#[test]
fn diagrams_draw_the_network_and_highlight_a_step() {
    let out = shipped(None);
    let figures = site_figures(&out.site, "relu/index.html");
    let svg = &figures["network-top"].svg;
    assert!(svg.contains("role=\"img\"") && svg.contains("<title") && svg.contains("<desc"));
    for weight in [
        "w1 = 1.70",
        "w2 = 12.6",
        "w3 = −40.8",
        "w4 = 2.70",
        "b3 = −16",
    ] {
        assert!(svg.contains(weight), "{weight} on the diagram");
    }
    // w3 and the top node in the top path's colour, the figures' blue (#4aa3ff in dark mode,
    // as the figures' dark style draws it); the bottom path in their orange.
    assert!(
        svg.contains("class=\"edge hl p-1f77b4\""),
        "w3 highlighted in blue"
    );
    assert!(
        svg.contains("<g class=\"hl p-1f77b4\">\n<circle"),
        "the top node in blue"
    );
    assert!(svg.contains("p-1f77b4 .node{stroke:#1f77b4}"), "{svg}");
    assert!(svg.contains("p-1f77b4 .node{stroke:#4aa3ff}"), "{svg}");
    assert!(svg.contains("prefers-color-scheme:dark"), "dark colours");
    let bottom = &figures["network-bottom"].svg;
    assert!(
        bottom.contains("class=\"edge hl p-ff7f0e\""),
        "w4 in orange"
    );
    assert!(!bottom.contains("p-1f77b4"), "nothing blue");
    // The input is named once, by its label; no text is dimmed by opacity.
    for svg in [svg, bottom] {
        assert_eq!(svg.matches(">Dosage</text>").count(), 1, "{svg}");
        assert!(!svg.contains(">x</text>"), "{svg}");
        assert!(!svg.contains(".dim{opacity") && !svg.contains("text{opacity"));
    }
}

/// The drawing is cropped to what it draws, and compact: at the 1-2-1 network's width, a 320 px
/// screen's column (about 273 px) still shows its 15 px text at 11 px or more (the browser
/// check `tests/browser/diagram.mjs` measures it).
#[test]
fn diagrams_are_cropped_and_compact() {
    let out = shipped(None);
    // (The top node's name's baseline: 4 px of margin and the text's height above it, 0.8 of
    // the font's size in Latin letters and 1.16 in Chinese ones, Noto Sans CJK's box.)
    for (page, top) in [("relu/index.html", 16), ("zh-CN/relu/index.html", 22)] {
        let svg = &site_figures(&out.site, page)["network"].svg;
        let size = |name: &str| -> f64 {
            let at = svg.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
            svg[at..at + svg[at..].find('"').unwrap()].parse().unwrap()
        };
        let (width, height) = (size("width"), size("height"));
        // (Its names measured in DejaVu Sans, the widest common sans-serif: 336 px wide.)
        assert!(width <= 340.0 && height <= 270.0, "{width} x {height}");
        assert!(svg.contains(&format!("viewBox=\"0 0 {width} {height}\"")));
        // The page's first diagram carries the stylesheet its diagrams share.
        assert!(svg.contains("font-size:15px"), "{svg}");
        assert!(15.0 * 273.0 / width >= 11.0, "{width}");
        // The top node's name is the highest text, just inside the top edge.
        assert!(svg.contains(&format!("y=\"{top}\">")), "{svg}");
    }
}

/// A path takes the colour the lesson's figures give it, or else its node's default colour.
#[test]
fn a_diagram_highlights_a_path_in_its_figures_colour() {
    let lesson = r#"+++
title = "Paths"
+++

```network
input = { name = "x", from = 0.0, to = 1.0, samples = 11 }

[[layer]]
activation = "relu"
nodes = [
  { name = "a", weights = { w1 = 1.0 }, bias = { b1 = 0.0 } },
  { name = "b", weights = { w2 = 1.0 }, bias = { b2 = 0.0 } },
]

[output]
activation = "identity"
weights = { w3 = 1.0, w4 = 1.0 }
bias = { b3 = 0.0 }
```

```diagram
id = "d"
highlight = ["a", "w4"]
```

```figure
id = "f"
series = [{ signal = "a.w3", color = "purple" }]
```
"#;
    let p = Project::with_lessons(&[("l.md", lesson)]);
    p.build().expect("builds");
    let svg = &site_figures(&p.site(), "l/index.html")["d"].svg;
    // a's path is purple, as its figure draws it; w4 is on b's path, orange by default.
    assert!(svg.contains("<g class=\"hl p-9467bd\">"), "{svg}");
    assert!(svg.contains("class=\"edge hl p-ff7f0e\""), "{svg}");
    assert!(
        svg.contains(">x</text>"),
        "the input named by its name, having no label"
    );
}

#[test]
fn the_notebook_has_the_parameters_first_and_the_code_in_order() {
    let out = shipped(None);
    let nb: serde_json::Value = serde_json::from_str(&out.read("relu/relu.ipynb")).unwrap();
    assert_eq!(nb["nbformat"], 4);
    let cells = nb["cells"].as_array().unwrap();
    let text = |c: &serde_json::Value| {
        c["source"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap())
            .collect::<String>()
    };
    let code: Vec<String> = cells
        .iter()
        .filter(|c| c["cell_type"] == "code")
        .map(text)
        .collect();
    assert!(
        code[0].contains("w1 = 1.70") && code[0].contains("b3 = -16"),
        "{}",
        code[0]
    );
    assert!(
        code[1].contains("# The diagram `network`"),
        "the diagram, saved as a code cell's output"
    );
    assert!(
        code[2].contains("import numpy as np"),
        "step 1's code comes next"
    );
    assert_eq!(
        code.len(),
        11,
        "the parameters, seven steps and three diagrams (the lesson's code draws every figure)"
    );
    assert!(
        code.iter().all(|c| !c.contains("{{")),
        "placeholders filled"
    );
    assert!(
        cells
            .iter()
            .any(|c| text(c).contains("0.2 · 1.70 + (−0.85) = −0.51")),
        "the table"
    );
}

#[test]
fn a_latex_error_is_a_build_error_with_its_position() {
    // The caret points at the command, after `The rule: $`.
    let (text, at) = marked("+++\ntitle = \"Math\"\n+++\n\nThe rule: $‸\\notacommand{x}$ done.\n");
    let p = Project::new().lesson("m.md", text);
    let Err(error) = nnbook::check(&p.root) else {
        panic!("an unknown LaTeX command must fail the build");
    };
    let d = error.first();
    let loc = d.location.as_ref().expect("a location");
    assert_eq!(
        (loc.file.as_str(), loc.line, loc.column),
        ("content/m.md", at.line, at.column),
        "{error}"
    );
    assert!(d.message.starts_with("LaTeX error"), "{error}");
}

/// A trained value was never typed (`tests/fixtures/training/valid.md`, StatQuest's b3): readers see it rounded to the lesson's precision, as every
/// computed number, in the parameters listing, the diagram (its labels and description) and a
/// table's arithmetic; code gets it in full, so that it reproduces the trained network. StatQuest's
/// b3 ends at 2.61 (the optimum, by hand, is 2.6092); the other parameters stay as typed.
#[test]
fn trained_values_are_shown_rounded_and_given_to_code_in_full() {
    let lesson = format!(
        "{}\n```parameters\n```\n\n```diagram\n```\n\n```table\nsignals = [\"output.linear\"]\nat = [0.0]\narithmetic = true\n```\n\n```python\nb3 = {{{{ b3 }}}}\n```\n",
        fixture_text("training/valid.md")
    );
    let p = Project::new().lesson("fit.md", &lesson);
    p.build()
        .unwrap_or_else(|e| panic!("the lesson does not build:\n{e}"));
    let html = p.read("fit/index.html");
    let after = &html[html
        .find("After training")
        .expect("the text after the training")..];
    // The code's b3, in full: within the tolerance of the optimum, with all its digits.
    let code = &after[after.find("<pre><code").expect("the code block")..];
    let full = code
        .split("<span class=\"hl-n\">")
        .nth(1)
        .and_then(|n| n.split('<').next())
        .expect("the code's b3");
    let b3: f64 = full.parse().unwrap_or_else(|_| panic!("code: b3 = {full}"));
    assert!(
        (b3 - 2.6092).abs() < 0.001 && full.len() > 12,
        "code: b3 = {full}"
    );
    assert!(!after[..after.find("<pre><code").unwrap()].contains(full));
    for expected in [
        // The parameters listing: b3 rounded, w3 as typed.
        "<td class=\"num\" data-label=\"Bias\">b3\u{a0}=\u{a0}2.61</td>",
        "w3\u{a0}=\u{a0}−1.22, w4\u{a0}=\u{a0}−2.30",
        // The diagram's label and description.
        ">b3 = 2.61</text>",
        "(b3 = 2.61)",
        // The arithmetic at dosage 0: the hidden nodes' outputs times the weights, plus b3.
        " + 2.61 = ",
    ] {
        assert!(after.contains(expected), "the page lacks {expected:?}");
    }
    // The notebook's listing says what the page's does.
    let notebook = p.read("fit/fit.ipynb");
    assert!(
        notebook.contains("w3 = −1.22, w4 = −2.30, b3 = 2.61\""),
        "the notebook's parameters"
    );
}

/// In a deeper network (1-3-2-1) a weight's label takes another place beside its edge where its
/// preferred one would cover a node's bias: no label's box covers a circle, a circle's name or
/// bias, or another label (the label of u2 covered `b2 = 0.125` before). Texts are measured at
/// half an em a character, less than any of them is drawn, so an overlap found is real.
#[test]
fn diagram_labels_cover_no_node_text_nor_each_other() {
    let p = Project::with_lessons(&[("l.md", &fixture_text("deep.md"))]);
    p.build().expect("builds");
    let svg = &site_figures(&p.site(), "l/index.html")["d"].svg;
    let (labels, nodes) = diagram_boxes(svg);
    assert_eq!(labels.len(), 11, "{svg}");
    let overlap =
        |a: [f64; 4], b: [f64; 4]| a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    for (i, &a) in labels.iter().enumerate() {
        assert!(
            !nodes.iter().any(|&b| overlap(a, b)),
            "label {i} {a:?} covers a node or its text:\n{svg}"
        );
        assert!(
            !labels[..i].iter().any(|&b| overlap(a, b)),
            "label {i} {a:?} covers another:\n{svg}"
        );
    }
}

/// A diagram too wide for a phone's column (273 px at 320 px) stops shrinking where its text is
/// drawn at 11 px, and scrolls sideways from there in a region the keyboard reaches; the ReLU
/// lesson's diagrams, which fit, are as before. Checked against the drawing's own numbers: its
/// width, and the font size of its stylesheet.
#[test]
fn a_diagram_too_wide_for_a_phone_scrolls_with_its_text_at_11_px() {
    let p = Project::with_lessons(&[("l.md", &fixture_text("deep.md"))]);
    p.build().expect("builds");
    let figure = &site_figures(&p.site(), "l/index.html")["d"];
    let width: f64 = between(&figure.svg, " width=\"", "\"").parse().unwrap();
    let font: f64 = between(&figure.svg, "font-size:", "px").parse().unwrap();
    assert!(
        width * 11.0 / font > 273.0,
        "the diagram fits a phone: {width} px"
    );
    let open = "<div class=\"nn-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"The network\" style=\"--least:";
    let least: f64 = between(&figure.html, open, "px\">\n<svg")
        .parse()
        .unwrap_or_else(|_| panic!("no scrolling region right around the svg:\n{}", figure.html));
    // At `least` px wide the 15 px text is drawn above 11 px; a pixel less, at 11 or below
    // (exactly 11, the browser's arithmetic drew 10.99).
    assert!(least * font / width > 11.0, "{least}");
    assert!((least - 1.0) * font / width <= 11.0, "{least}");
    assert!(
        figure.html.contains("</svg>\n</div>\n<figcaption>"),
        "{}",
        figure.html
    );

    for (id, f) in page_figures(&shipped(None).read("relu/index.html")) {
        assert!(
            !f.html.contains("nn-scroll"),
            "{id} fits a phone, yet scrolls"
        );
    }
}

/// The text of `s` between the first `start` and the next `end` after it.
fn between<'a>(s: &'a str, start: &str, end: &str) -> &'a str {
    let from = s
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in {s}"))
        + start.len();
    &s[from..from
        + s[from..]
            .find(end)
            .unwrap_or_else(|| panic!("no {end:?} after {start:?}"))]
}

/// A diagram's weight labels (their backing boxes) and what they must not cover: its circles,
/// and each circle's name and bias (at half an em a character of 15 px text, from 11 px above
/// the baseline to 3 below).
fn diagram_boxes(svg: &str) -> (Vec<[f64; 4]>, Vec<[f64; 4]>) {
    let number = |tag: &str, name: &str| -> f64 {
        let at = tag.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
        tag[at..at + tag[at..].find('"').unwrap()].parse().unwrap()
    };
    let starts =
        |open: &str| -> Vec<&str> { svg.match_indices(open).map(|(at, _)| &svg[at..]).collect() };
    let labels = starts("<rect class=\"label-bg\"")
        .iter()
        .map(|t| {
            let (x, y) = (number(t, "x"), number(t, "y"));
            [x, y, x + number(t, "width"), y + number(t, "height")]
        })
        .collect();
    let mut nodes: Vec<[f64; 4]> = starts("<circle class=\"node\"")
        .iter()
        .map(|t| {
            let (x, y, r) = (number(t, "cx"), number(t, "cy"), number(t, "r"));
            [x - r, y - r, x + r, y + r]
        })
        .collect();
    // (The circles' groups come first; the labels, each a box and its texts in a group of its
    // own, highlighted, dimmed or plain, after them all.)
    let groups = &svg[..svg.find("<rect class=\"label-bg\"").unwrap_or(svg.len())];
    for (at, _) in groups.match_indices("<text ") {
        let tag = &groups[at..];
        let text = &tag[tag.find('>').unwrap() + 1..tag.find("</text>").unwrap()];
        let half = 0.5 * 15.0 * text.chars().count() as f64 / 2.0;
        let (x, y) = (number(tag, "x"), number(tag, "y"));
        nodes.push([x - half, y - 11.0, x + half, y + 3.0]);
    }
    (labels, nodes)
}

/// On a phone the parameters table's cells wrap: a name and its value are joined by no-break
/// spaces, so that `u3 = −0.5` is never broken after its `=` (it was, at 390 px, in a node of
/// three weights); a list of them breaks after its commas. On a page with sliders and without.
#[test]
fn a_parameter_and_its_value_are_never_broken_apart() {
    let deep = Project::with_lessons(&[("l.md", &fixture_text("deep.md"))]);
    deep.build().expect("builds");
    let live = std::fs::read_to_string(deep.site().join("l/index.html")).unwrap();
    let trained = shipped(None).read("backpropagation/index.html");
    for (page, names) in [(&live, ["u1", "u3", "w2"]), (&trained, ["w1", "b3", "w4"])] {
        let table = between(page, "<table class=\"nn-parameters\">", "</table>");
        for name in names {
            assert!(
                table.contains(&format!("{name}\u{a0}=\u{a0}")),
                "{name} is not joined to its value:\n{table}"
            );
        }
        assert!(!table.contains(" = "), "a breakable ` = `:\n{table}");
    }
}

/// A caption's math is MathML, as the prose's is, its placeholders filled and marked for the
/// page's script (before, a caption's `$w_1 = {{ w1 }}$` was published as that text).
#[test]
fn a_captions_math_is_mathml_with_its_placeholders_filled() {
    let lesson = crate::support::SMALL.replace(
        "caption = \"The top node reaches",
        "caption = \"With $w_1 = {{ w1 }}$ and $$x^2$$ the top node reaches",
    );
    let p = Project::new().lesson("small.md", lesson);
    p.build().expect("builds");
    let page = p.read("small/index.html");
    let caption = page
        .split("<figcaption>")
        .nth(1)
        .and_then(|c| c.split("</figcaption>").next())
        .expect("a caption");
    assert!(
        caption.starts_with("With <math><msub><mi>w</mi><mn>1</mn></msub><mo>=</mo><mn data-nn=\"w1\">1.70</mn></math> and <math><msup><mi>x</mi><mn>2</mn></msup></math> the top node"),
        "{caption}"
    );
}

/// A chart whose x axis is drawn without a title (`x_label = ""`) is still described with its
/// input's label (before: "Line chart over  from 0 to 1", "lowest 0 at  0").
#[test]
fn a_chart_without_an_x_title_is_described_by_its_inputs_label() {
    let lesson = crate::support::SMALL.replace(
        "title = \"Top node\"",
        "title = \"Top node\"\nx_label = \"\"",
    );
    let p = Project::new().lesson("small.md", lesson);
    p.build().expect("builds");
    let page = p.read("small/index.html");
    let desc = page
        .split("<desc id=\"figure-step-1-desc\">")
        .nth(1)
        .expect("a description");
    let desc = desc.split("</desc>").next().unwrap_or("");
    assert!(
        desc.starts_with("Line chart over Dosage from 0 to 1."),
        "{desc}"
    );
    assert!(
        desc.contains(" at Dosage ") && !desc.contains("  "),
        "{desc}"
    );
}

/// Every scrolling region of a page has a name of its own: the ReLU lesson's three tables and
/// three formulas are "Table 1" to "Table 3" and "Formula 1" to "Formula 3" (they were three
/// "Table"s and three "Formula"s, which a screen reader's list of landmarks cannot tell apart).
#[test]
fn a_page_s_regions_have_names_of_their_own() {
    let out = shipped(None);
    for (page, words) in [
        ("relu/index.html", ["Table", "Formula"]),
        ("zh-CN/relu/index.html", ["表格", "公式"]),
    ] {
        let html = out.read(page);
        let names: Vec<&str> = html
            .split("role=\"region\" aria-label=\"")
            .skip(1)
            .map(|rest| &rest[..rest.find('"').unwrap()])
            .collect();
        let unique: std::collections::BTreeSet<&&str> = names.iter().collect();
        assert_eq!(unique.len(), names.len(), "{page}: {names:?}");
        for word in words {
            for k in 1..=3 {
                assert!(
                    names.contains(&format!("{word} {k}").as_str()),
                    "{page}: {names:?}"
                );
            }
        }
    }
}

/// A figure's description writes its numbers as its axes do: the inputs with as many decimals
/// as tell the range's ends apart, a line's values with as many as tell its lowest and highest
/// apart, very large or small values in scientific form. With three decimals everywhere, a
/// range from 0.5 to 0.5004 read "from 0.5 to 0.5" and its output "goes from 0 to 0".
#[test]
fn descriptions_tell_a_narrow_range_s_numbers_apart() {
    let lesson = |from: &str, to: &str, b1: &str, w2: &str| {
        format!(
            "+++\ntitle = \"L\"\n+++\n\n```network\ninput = {{ name = \"x\", label = \"x\", from = \
             {from}, to = {to}, samples = 5 }}\n\n[[layer]]\nactivation = \"relu\"\nnodes = [{{ \
             name = \"a\", weights = {{ w1 = 1.0 }}, bias = {{ b1 = {b1} }} }}]\n\n[output]\n\
             weights = {{ w2 = {w2} }}\nbias = {{ b2 = 0.0 }}\n```\n\n```figure\nid = \"out\"\n\
             series = [{{ signal = \"output.activation\", label = \"output\" }}]\n```\n"
        )
    };
    let p = Project::with_lessons(&[
        ("narrow.md", lesson("0.5", "0.5004", "-0.5", "0.001")),
        ("huge.md", lesson("-1.0", "1.0", "1.0", "-300000000")),
    ]);
    p.build().unwrap();
    let m = "\u{2212}";
    // 0.001 × ReLU(x − 0.5) rises from 0 to 0.001 × 0.0004 = 4e−7.
    assert!(
        p.read("narrow/index.html").contains(&format!(
            ">Line chart over x from 0.5 to 0.5004. output (green line) goes from 0 to 4e{m}7; \
             lowest 0 at x 0.5, highest 4e{m}7 at x 0.5004."
        )),
        "{}",
        p.read("narrow/index.html")
    );
    // −3e8 × ReLU(x + 1) falls from 0 to −3e8 × 2 = −6e8.
    assert!(p.read("huge/index.html").contains(&format!(
        ">Line chart over x from {m}1 to 1. output (green line) goes from 0 to {m}6e8; lowest \
         {m}6e8 at x 1, highest 0 at x {m}1."
    )));
}
