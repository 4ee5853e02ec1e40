//! Footnotes, task lists, definition lists and bare addresses, as GitHub, mdBook, Zola and Pandoc
//! authors write them: a footnote is a number linking to its note, the notes listed at the
//! lesson's end with links back, numbered in the notebook as on the page; a task list's items are
//! boxes ticked or not; a definition list's terms are bold before their definitions in the
//! notebook; a bare address is a link.

use crate::support::{small, Project};

/// The small lesson with `prose` after its front matter, and `end` after its blocks.
fn with(prose: &str, end: &str) -> String {
    let text = small("").replacen("+++\n\n", &format!("+++\n\n{prose}\n\n"), 1);
    format!("{text}\n{end}\n")
}

#[test]
fn footnotes_are_numbered_by_first_reference_and_listed_at_the_end() {
    let prose = "Second[^b], first again[^a]? No: b is referred to first, then a[^A].";
    let notes = "[^a]: Note *a*.\n\n    Its second paragraph.\n\n[^b]: Note b.\n";
    let p = Project::with_lessons(&[("a.md", with(prose, notes))]);
    let built = p.build().unwrap_or_else(|e| panic!("{e}"));
    assert!(built.warnings.is_empty(), "{:#?}", built.warnings);
    let page = p.read("a/index.html");
    let reference = |n: usize, id: &str| {
        format!("<sup class=\"nn-fn-ref\"><a href=\"#nn-fn-{n}\" id=\"{id}\" aria-label=\"Footnote {n}\">{n}</a></sup>")
    };
    let text = format!(
        "Second{}, first again{}? No: b is referred to first, then a{}.",
        reference(1, "nn-fnref-1"),
        reference(2, "nn-fnref-2"),
        reference(2, "nn-fnref-2-2"),
    );
    assert!(page.contains(&text), "{page}");
    let list = "<section class=\"nn-footnotes\" aria-label=\"Footnotes\">\n<ol>\n\
        <li id=\"nn-fn-1\">\n<p>Note b. <a href=\"#nn-fnref-1\" class=\"nn-fn-back\" aria-label=\"Back to the text of footnote 1\">↩</a></p>\n</li>\n\
        <li id=\"nn-fn-2\">\n<p>Note <em>a</em>.</p>\n<p>Its second paragraph. \
        <a href=\"#nn-fnref-2\" class=\"nn-fn-back\" aria-label=\"Back to the text of footnote 2 (1)\">↩<sup>1</sup></a> \
        <a href=\"#nn-fnref-2-2\" class=\"nn-fn-back\" aria-label=\"Back to the text of footnote 2 (2)\">↩<sup>2</sup></a></p>\n</li>\n\
        </ol>\n</section>\n";
    assert!(page.contains(list), "{page}");
    // The list is the body's end: after the figure and the table, which came after the notes.
    let at = |needle: &str| page.find(needle).unwrap_or_else(|| panic!("{needle}"));
    assert!(at("nn-footnotes") > at("<table"));
    // The notebook numbers them as the page does, across its cells.
    let notebook: serde_json::Value =
        serde_json::from_str(&p.read("a/a.ipynb")).expect("the notebook's JSON");
    let cells = notebook["cells"].as_array().expect("cells").iter();
    let source = |c: &serde_json::Value| -> String {
        let lines = c["source"].as_array().expect("lines").iter();
        lines.filter_map(|l| l.as_str()).collect()
    };
    let notebook = cells.map(source).collect::<Vec<_>>().join("\n---\n");
    for expected in [
        "Second<sup>1</sup>, first again<sup>2</sup>",
        "<sup>2</sup> Note *a*.\n\nIts second paragraph.\n\n<sup>1</sup> Note b.",
    ] {
        assert!(notebook.contains(expected), "{expected}\n{notebook}");
    }
    assert!(!notebook.contains("[^"), "{notebook}");
}

#[test]
fn a_footnote_never_defined_or_never_referred_to_is_a_warning() {
    let p = Project::with_lessons(&[(
        "a.md",
        with(
            "A note[^gone] and `[^code]`.",
            "[^unused]: Never shown[^inner].\n\n[^inner]: Referred to from a note not shown.",
        ),
    )]);
    let built = p.build().unwrap_or_else(|e| panic!("{e}"));
    let warnings: Vec<(String, String, usize)> = (built.warnings.iter())
        .map(|w| {
            let at = w.location.as_ref().expect("a place");
            (
                w.message.clone(),
                format!("{}:{}", at.line, at.column),
                at.width,
            )
        })
        .collect();
    assert_eq!(
        warnings,
        [
            (
                "footnote `[^gone]` has no definition: it is shown as written".to_string(),
                "6:7".to_string(),
                7
            ),
            (
                "footnote `[^unused]` is never referred to: it is not shown".to_string(),
                "40:1".to_string(),
                10
            ),
            (
                "footnote `[^inner]` is referred to only from notes not shown: it is not shown either"
                    .to_string(),
                "42:1".to_string(),
                9
            ),
        ]
    );
    let page = p.read("a/index.html");
    assert!(page.contains("A note[^gone] and <code>[^code]</code>."));
    assert!(!page.contains("Never shown") && !page.contains("nn-footnotes"));
    assert!(!page.contains("Referred to from") && !page.contains("nn-fnref"));
    assert!(!p.read("a/a.ipynb").contains("Never shown"));
}

/// A caption is read on its own (under its figure, in the notebook): a footnote in it is shown
/// as written, and told to go in the text beside the figure, where the note is numbered.
/// MathJax's inline math is told `$…$`, as in the text; both are code in a code span.
#[test]
fn a_footnote_or_mathjax_in_a_caption_is_a_warning() {
    let lesson = with("Text[^n].", "[^n]: The note.").replace(
        "caption = \"The top node reaches",
        "caption = 'Drawn as StatQuest does[^n], `[^c] \\(c\\)` \\(x_1\\).' # The top node reaches",
    );
    let p = Project::with_lessons(&[("a.md", lesson.clone())]);
    let built = p.build().unwrap_or_else(|e| panic!("{e}"));
    let line = lesson.lines().position(|l| l.starts_with("caption"));
    let line = line.expect("a caption") + 1;
    let expected = [
        (
            "footnote `[^n]` in a caption is shown as written",
            format!("{line}:35"),
            "a caption is read on its own, under the figure and in the notebook: refer to the note in the text beside the figure, `as the figure shows[^n]`",
        ),
        (
            "`\\(x_1\\)` is MathJax's inline math: nnbook shows it as text, `(x_1)`",
            format!("{line}:54"),
            "write it between dollar signs: `$x_1$`",
        ),
    ];
    let expected: Vec<_> = (expected.into_iter())
        .map(|(m, at, h)| (m.to_string(), at, h.to_string()))
        .collect();
    assert_eq!(crate::support::told(&built.warnings), expected);
    let page = p.read("a/index.html");
    assert!(page.contains("Drawn as StatQuest does[^n], "), "{page}");
}

#[test]
fn a_task_lists_items_are_boxes_the_reader_cannot_change() {
    let list = "- [x] Write the network\n- [ ] Add a figure";
    let p = Project::with_lessons(&[("a.md", with(list, "")), ("a.zh-CN.md", with(list, ""))]);
    p.build().unwrap_or_else(|e| panic!("{e}"));
    let page = p.read("a/index.html");
    for item in [
        "<li><input type=\"checkbox\" class=\"nn-task\" disabled checked aria-label=\"Done\"> Write the network</li>",
        "<li><input type=\"checkbox\" class=\"nn-task\" disabled aria-label=\"To do\"> Add a figure</li>",
    ] {
        assert!(page.contains(item), "{item}");
    }
    assert!(p
        .read("zh-CN/a/index.html")
        .contains("aria-label=\"已完成\""));
    // Jupyter renders GitHub's task lists: the notebook keeps them as written.
    assert!(p.read("a/a.ipynb").contains("- [x] Write the network"));
}

#[test]
fn a_definition_list_is_one_on_the_page_and_bold_terms_in_the_notebook() {
    let list = "ReLU\n: max(0, x), bent once.\n\nSoftplus\n: log(1 + e^x), smooth.";
    let p = Project::with_lessons(&[("a.md", with(list, ""))]);
    let built = p.build().unwrap_or_else(|e| panic!("{e}"));
    assert!(built.warnings.is_empty(), "{:#?}", built.warnings);
    assert!(p.read("a/index.html").contains(
        "<dl>\n<dt>ReLU</dt>\n<dd>max(0, x), bent once.</dd>\n<dt>Softplus</dt>\n<dd>log(1 + e^x), smooth.</dd>\n</dl>"
    ));
    let notebook = p.read("a/a.ipynb");
    for line in [
        "**ReLU**: max(0, x), bent once.",
        "**Softplus**: log(1 + e^x), smooth.",
    ] {
        assert!(notebook.contains(line), "{line}\n{notebook}");
    }
}

#[test]
fn a_bare_address_is_a_link_as_on_github() {
    let prose = "The article: https://dev.to/rijultp/relu_1 (and www.example.org). \
                 [A link https://x.org](https://x.org), `https://code.org`, <https://angle.org>.";
    let p = Project::with_lessons(&[
        ("a.md", with(prose, "")),
        (
            "a.zh-CN.md",
            with("原文见 https://dev.to/relu。脚注在这里。", ""),
        ),
    ]);
    p.build().unwrap_or_else(|e| panic!("{e}"));
    let page = p.read("a/index.html");
    let expected = "The article: <a href=\"https://dev.to/rijultp/relu_1\">https://dev.to/rijultp/relu_1</a> \
                    (and <a href=\"http://www.example.org\">www.example.org</a>). \
                    <a href=\"https://x.org\">A link https://x.org</a>, <code>https://code.org</code>, \
                    <a href=\"https://angle.org\">https://angle.org</a>.";
    assert!(page.contains(expected), "{page}");
    assert!(p
        .read("zh-CN/a/index.html")
        .contains("原文见 <a href=\"https://dev.to/relu\">https://dev.to/relu</a>。脚注在这里。"));
    // (Jupyter links them itself: the notebook keeps the text as written.)
    assert!(p
        .read("a/a.ipynb")
        .contains("The article: https://dev.to/rijultp/relu_1 (and www.example.org)."));
}

/// The GFM spec's examples of its autolinks extension (section 6.9), each paragraph with the
/// HTML the spec gives for it.
const GFM_AUTOLINKS: [(&str, &str); 20] = [
    (
        "www.commonmark.org",
        r#"<a href="http://www.commonmark.org">www.commonmark.org</a>"#,
    ),
    (
        "Visit www.commonmark.org/help for more information.",
        r#"Visit <a href="http://www.commonmark.org/help">www.commonmark.org/help</a> for more information."#,
    ),
    (
        "Visit www.commonmark.org.",
        r#"Visit <a href="http://www.commonmark.org">www.commonmark.org</a>."#,
    ),
    (
        "Visit www.commonmark.org/a.b.",
        r#"Visit <a href="http://www.commonmark.org/a.b">www.commonmark.org/a.b</a>."#,
    ),
    (
        "www.google.com/search?q=Markup+(business)",
        r#"<a href="http://www.google.com/search?q=Markup+(business)">www.google.com/search?q=Markup+(business)</a>"#,
    ),
    (
        "www.google.com/search?q=Markup+(business)))",
        r#"<a href="http://www.google.com/search?q=Markup+(business)">www.google.com/search?q=Markup+(business)</a>))"#,
    ),
    (
        "(www.google.com/search?q=Markup+(business))",
        r#"(<a href="http://www.google.com/search?q=Markup+(business)">www.google.com/search?q=Markup+(business)</a>)"#,
    ),
    (
        "(www.google.com/search?q=Markup+(business)",
        r#"(<a href="http://www.google.com/search?q=Markup+(business)">www.google.com/search?q=Markup+(business)</a>"#,
    ),
    (
        "www.google.com/search?q=(business))+ok",
        r#"<a href="http://www.google.com/search?q=(business))+ok">www.google.com/search?q=(business))+ok</a>"#,
    ),
    (
        "www.google.com/search?q=commonmark&hl=en",
        r#"<a href="http://www.google.com/search?q=commonmark&amp;hl=en">www.google.com/search?q=commonmark&amp;hl=en</a>"#,
    ),
    (
        "www.google.com/search?q=commonmark&hl;",
        r#"<a href="http://www.google.com/search?q=commonmark">www.google.com/search?q=commonmark</a>&amp;hl;"#,
    ),
    (
        "www.commonmark.org/he<lp",
        r#"<a href="http://www.commonmark.org/he">www.commonmark.org/he</a>&lt;lp"#,
    ),
    (
        "http://commonmark.org",
        r#"<a href="http://commonmark.org">http://commonmark.org</a>"#,
    ),
    (
        "(Visit https://encrypted.google.com/search?q=Markup+(business))",
        r#"(Visit <a href="https://encrypted.google.com/search?q=Markup+(business)">https://encrypted.google.com/search?q=Markup+(business)</a>)"#,
    ),
    (
        "Anonymous FTP is available at ftp://foo.bar.baz.",
        r#"Anonymous FTP is available at <a href="ftp://foo.bar.baz">ftp://foo.bar.baz</a>."#,
    ),
    (
        "foo@bar.baz",
        r#"<a href="mailto:foo@bar.baz">foo@bar.baz</a>"#,
    ),
    (
        "hello@mail+xyz.example isn't valid, but hello+xyz@mail.example is.",
        r#"hello@mail+xyz.example isn't valid, but <a href="mailto:hello+xyz@mail.example">hello+xyz@mail.example</a> is."#,
    ),
    (
        "a.b-c_d@a.b.",
        r#"<a href="mailto:a.b-c_d@a.b">a.b-c_d@a.b</a>."#,
    ),
    (
        "a.b-c_d@a.b- and a.b-c_d@a.b_",
        "a.b-c_d@a.b- and a.b-c_d@a.b_",
    ),
    // (No `_` in a domain's last two parts.)
    (
        "www.a_b.com www.ab.c_d www.a_b.c.org",
        r#"www.a_b.com www.ab.c_d <a href="http://www.a_b.c.org">www.a_b.c.org</a>"#,
    ),
];

/// Bare addresses are linked as the GFM spec's examples show (www, URL and email autolinks).
#[test]
fn bare_addresses_are_linked_as_the_gfm_spec_shows() {
    let prose: Vec<&str> = GFM_AUTOLINKS
        .iter()
        .map(|(markdown, _)| *markdown)
        .collect();
    let p = Project::with_lessons(&[("a.md", with(&prose.join("\n\n"), ""))]);
    p.build().unwrap_or_else(|e| panic!("{e}"));
    let page = p.read("a/index.html");
    for (markdown, html) in GFM_AUTOLINKS {
        assert!(
            page.contains(&format!("<p>{html}</p>")),
            "{markdown}\n{page}"
        );
    }
}

/// Thousands of footnotes over thousands of notebook cells build (each cell was given every
/// definition, and each number looked up by a walk over all of them: 52 s in a release build
/// for this lesson, 0.35 s since); the deadline guards against a hang, as the fuzz findings'.
#[test]
fn thousands_of_footnotes_over_thousands_of_cells_build() {
    let n = 20_000;
    let mut text = String::from("+++\ntitle = \"Notes\"\n+++\n\n");
    for i in 0..n {
        match i % 2 {
            0 => text.push_str(&format!(
                "Text[^n{i}] and [^n{}].\n\n```python\nx = {i}\n```\n\n",
                i * 7 % n
            )),
            _ => text.push_str(&format!("More[^n{i}].\n\n")),
        }
    }
    for i in 0..n {
        text.push_str(&format!("[^n{i}]: Note {i}[^n{}].\n\n", (i + 1) % n));
    }
    let p = Project::with_lessons(&[("notes.md", text)]);
    let run = p.run_build_within(std::time::Duration::from_secs(60));
    run.succeeded();
    let page = p.read("notes/index.html");
    assert!(page.contains(&format!("<li id=\"nn-fn-{n}\">")));
}
