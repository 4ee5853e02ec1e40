//! Languages written right to left (Arabic, Hebrew, Persian: mdBook's `text-direction`, Hugo's
//! `languageDirection`): their pages are `dir="rtl"` and load the theme's `rtl.css`, the numbers
//! nnbook writes into their text are runs of their own (`<bdi dir="ltr">`, or the sliders'
//! `<span data-nn>`), and a project may say which way a language runs. Pages written left to
//! right are as they were. (How the pages look, mirrored, is `tests/browser/direction.mjs`'s.)

use crate::support::{placed, shipped, Project, SMALL};

/// The small lesson without sliders: its values are plain text.
fn fixed() -> String {
    SMALL.replacen(
        "bias = { b3 = -16 }\n",
        "bias = { b3 = -16 }\n\n[controls]\n",
        1,
    )
}

#[test]
fn a_language_written_right_to_left_has_pages_that_say_so() {
    let p = Project::new()
        .config("language = \"ar\"\n[languages.ar]\ntitle = \"دروس\"\n")
        .lesson("a.md", SMALL)
        .lesson("b.md", fixed().replace("Small lesson", "Second"));
    p.build().expect("an Arabic site builds");
    for (page, root) in [
        ("a/index.html", "../"),
        ("b/index.html", "../"),
        ("index.html", ""),
        ("search.html", ""),
        ("404.html", ""),
    ] {
        let html = p.read(page);
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"),
            "{page}"
        );
        let style = format!("<link rel=\"stylesheet\" href=\"{root}style.css\">\n<link rel=\"stylesheet\" href=\"{root}rtl.css\">");
        assert!(html.contains(&style), "{page} lacks {style}");
    }
    assert!(p.read("rtl.css").contains(".nn-alert{border-left:0;"));
    // The values in the text: the sliders' spans (rtl.css isolates them), the others <bdi>.
    let live = p.read("a/index.html");
    assert!(live.contains("The top node has w1 = <span data-nn=\"w1\">1.70</span> and b1 = <span data-nn=\"b1\">−0.85</span>."));
    assert!(live.contains("reaches <span data-nn=\"top.activation @ 1.0\">0.85</span>."));
    assert!(!live.contains("<bdi"));
    let fixed = p.read("b/index.html");
    assert!(fixed.contains(
        "The top node has w1 = <bdi dir=\"ltr\">1.70</bdi> and b1 = <bdi dir=\"ltr\">−0.85</bdi>."
    ));
    assert!(fixed.contains("reaches <bdi dir=\"ltr\">0.85</bdi>. <a class=\"nn-data\""));
    assert!(!fixed.contains("data-nn"));
}

#[test]
fn parameters_read_as_written_on_a_phone_right_to_left() {
    let lesson =
        |text: &str| text.replacen("The top node", "```parameters\n```\n\nThe top node", 1);
    let p = Project::new()
        .lesson("a.he.md", lesson(&fixed()))
        .lesson("a.md", lesson(&fixed()));
    p.build().expect("builds");
    let hebrew = p.read("he/a/index.html");
    assert!(hebrew.contains(
        "<td class=\"num\" data-label=\"הטיה\"><bdi dir=\"ltr\">b1\u{a0}=\u{a0}−0.85</bdi></td>"
    ));
    assert!(hebrew.contains(
        "שפות נוספות: <a href=\"../../a/index.html\" lang=\"en\" hreflang=\"en\">English</a>"
    ));
    // The English page links its Hebrew translation by the language's name, and is as before.
    let english = p.read("a/index.html");
    assert!(
        english.contains(">עברית<"),
        "the English page names Hebrew in itself"
    );
    assert!(english.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(!english.contains("rtl.css") && !english.contains("<bdi"));
    assert!(english.contains("<td class=\"num\" data-label=\"Bias\">b1\u{a0}=\u{a0}−0.85</td>"));
}

#[test]
fn the_project_says_which_way_a_language_runs_where_nnbook_would_not_know() {
    // Classical Syriac (nnbook knows Syriac by its script subtag, not this tag), and an Arabic
    // written in Latin letters the project keeps left to right.
    let p = Project::new()
        .config("[languages.syc]\ndirection = \"rtl\"\n[languages.ar]\ndirection = \"ltr\"\n")
        .lesson("a.md", SMALL)
        .lesson("a.syc.md", SMALL)
        .lesson("a.ar.md", SMALL)
        .lesson("a.fa.md", SMALL);
    p.build().expect("builds");
    let opening = |page: &str| p.read(page).lines().nth(1).unwrap_or_default().to_string();
    assert_eq!(
        opening("syc/a/index.html"),
        "<html lang=\"syc\" dir=\"rtl\">"
    );
    assert_eq!(opening("ar/a/index.html"), "<html lang=\"ar\">");
    assert_eq!(opening("fa/a/index.html"), "<html lang=\"fa\" dir=\"rtl\">");
    assert_eq!(opening("a/index.html"), "<html lang=\"en\">");
    assert!(!p.read("ar/a/index.html").contains("rtl.css"));
}

#[test]
fn a_direction_nnbook_does_not_know_is_an_error_at_it() {
    let p = Project::new()
        .config(concat!(
            "[languages.ar]\n",
            "direction = \"right\"\n",
            "[languages.he]\n",
            "text-direction = \"rtl\"\n",
            "[languages.fa]\n",
            "languageDirection = \"rtl\"\n",
        ))
        .lesson("a.md", SMALL);
    let error = nnbook::check(&p.root).expect_err("three mistakes");
    let at = |line: usize, column: usize, message: &str| {
        ("nnbook.toml".to_string(), line, column, message.to_string())
    };
    let fields = "expected one of `title`, `description`, `name`, `direction`, `edit_url`, `words`";
    assert_eq!(
        placed(&error.diagnostics),
        [
            at(
                2,
                13,
                "invalid configuration: unknown variant `right`, expected `ltr` or `rtl`"
            ),
            at(
                4,
                1,
                &format!("invalid configuration: unknown field `text-direction`, {fields}")
            ),
            at(
                6,
                1,
                &format!("invalid configuration: unknown field `languageDirection`, {fields}")
            ),
        ]
    );
    let d = &error.diagnostics;
    assert_eq!(
        d[0].expected.as_deref(),
        Some("`direction = \"rtl\"` (right to left) or `direction = \"ltr\"`")
    );
    for (d, theirs) in d[1..].iter().zip(["text-direction", "languageDirection"]) {
        let hint = d.hint.as_deref().unwrap_or_default();
        let told = format!("what other site generators call `{theirs}`, nnbook calls `direction`");
        assert!(hint.contains(&told), "{hint}");
    }
    assert!(!p.site().exists());
}

#[test]
fn the_shipped_site_is_written_left_to_right() {
    let built = shipped(None);
    for page in ["relu/index.html", "zh-CN/relu/index.html", "index.html"] {
        let html = built.read(page);
        assert!(
            !html.contains(" dir=\"rtl\"") && !html.contains("rtl.css") && !html.contains("<bdi"),
            "{page}"
        );
    }
    // (The theme's file is there for a page that would load it.)
    assert!(built
        .read("rtl.css")
        .starts_with("svg,canvas,pre,math,td.num,th.num{direction:ltr}"));
}

#[test]
fn a_project_s_base_html_without_a_direction_is_warned_about_for_pages_right_to_left() {
    // A project's own base.html as one written before right-to-left pages: no `dir`, no rtl.css.
    let built_in = std::fs::read_to_string(format!("{}/templates/base.html", crate::support::REPO))
        .expect("the theme's base.html");
    let older = built_in
        .replace("{% if dir == \"rtl\" %} dir=\"rtl\"{% endif %}", "")
        .replace("{% if dir == \"rtl\" %}<link rel=\"stylesheet\" href=\"{{ root }}rtl.css\">\n{% endif %}", "")
        .replacen("<title>", "<!-- mine -->\n<title>", 1);
    assert!(!older.contains("rtl") && older.contains("<html lang=\"{{ lang }}\">"));
    let warned = |p: &Project| {
        let built = p.build().expect("builds");
        built
            .warnings
            .iter()
            .filter(|d| d.message.contains("right to left"))
            .map(|d| {
                (
                    d.location
                        .as_ref()
                        .map(|l| (l.file.clone(), l.line, l.column)),
                    d.hint.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    let hebrew = Project::new()
        .template("base.html", &older)
        .lesson("a.md", SMALL)
        .lesson("a.he.md", SMALL);
    let found = warned(&hebrew);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Some(("templates/base.html".to_string(), 2, 1)));
    assert!(found[0]
        .1
        .as_deref()
        .unwrap_or_default()
        .contains("older `nnbook init`"));
    assert!(hebrew
        .read("he/a/index.html")
        .contains("<html lang=\"he\">"));
    // Not for a project whose pages all run left to right, nor for a base.html that writes
    // the direction its own way.
    let english = Project::new()
        .template("base.html", &older)
        .lesson("a.md", SMALL);
    assert!(warned(&english).is_empty());
    let own_way = older.replace(
        "<html lang=\"{{ lang }}\">",
        "<html lang=\"{{ lang }}\" dir=\"{{ dir }}\">",
    );
    let hebrew = Project::new()
        .template("base.html", &own_way)
        .lesson("a.he.md", SMALL);
    assert!(warned(&hebrew).is_empty());
    assert!(hebrew
        .read("he/a/index.html")
        .contains("<html lang=\"he\" dir=\"rtl\">"));
}

#[test]
fn a_notebook_right_to_left_has_its_text_so_and_its_numbers_left_to_right() {
    let lesson = fixed().replacen(
        "The top node has",
        "نص عربي: $w_1 = {{ w1 }}$ و {{ b1 }}.\n\nThe top node has",
        1,
    );
    let p = Project::new()
        .lesson("a.ur.md", &lesson)
        .lesson("a.md", &lesson);
    p.build().expect("builds");
    let cells = |page: &str| -> Vec<(String, String)> {
        let notebook: serde_json::Value = serde_json::from_str(&p.read(page)).expect("JSON");
        notebook["cells"]
            .as_array()
            .expect("cells")
            .iter()
            .map(|c| {
                let source = c["source"].as_array().expect("lines");
                let text: String = source.iter().filter_map(|l| l.as_str()).collect();
                (
                    c["cell_type"].as_str().unwrap_or_default().to_string(),
                    text,
                )
            })
            .collect()
    };
    // (Urdu: nnbook has no words in it, so the table's header is English, left to right.)
    let urdu = cells("ur/a/a.ipynb");
    let markdown: Vec<&String> = urdu
        .iter()
        .filter(|(k, _)| k == "markdown")
        .map(|(_, t)| t)
        .collect();
    assert!(markdown.len() >= 3, "{markdown:?}");
    for text in &markdown {
        assert!(
            text.starts_with("<div dir=\"rtl\">\n\n") && text.ends_with("\n\n</div>"),
            "{text}"
        );
    }
    let all = markdown
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    // A value in the text a run of its own; in a formula, LaTeX's as it was.
    assert!(
        all.contains("نص عربي: $w_1 = 1.70$ و <bdi dir=\"ltr\">−0.85</bdi>."),
        "{all}"
    );
    // The table: its numbers left to right, its header as written.
    assert!(
        all.contains("| Dosage | top: linear term | top: ReLU output |\n| --- | --- | --- |\n| <bdi dir=\"ltr\">0.00</bdi> | <bdi dir=\"ltr\">−0.85</bdi> | <bdi dir=\"ltr\">0.00</bdi> |"),
        "{all}"
    );
    // The English notebook as before.
    let english = cells("a/a.ipynb");
    let text: String = english.iter().map(|(_, t)| t.as_str()).collect();
    assert!(!text.contains("<div dir") && !text.contains("<bdi"));
    assert!(text.contains("نص عربي: $w_1 = 1.70$ و −0.85."));
}

#[test]
fn a_value_in_a_heading_is_a_run_of_its_own_in_the_contents() {
    let headings = |text: &str| {
        text.replacen(
            "The top node",
            "## الانحياز الأول {{ b1 }}\n\n## الوزن {{ w1 }}\n\n## الانحياز الأخير {{ b3 }}\n\nThe top node",
            1,
        )
    };
    let p = Project::new()
        .lesson("a.ar.md", headings(&fixed()))
        .lesson("a.md", headings(&fixed()));
    p.build().expect("builds");
    let (arabic, english) = (p.read("ar/a/index.html"), p.read("a/index.html"));
    // In the contents (plain text) each value is between Unicode's isolates, as <bdi> in the
    // heading; the ids are the words' alone, as on the page written left to right.
    for (id, words, value) in [
        ("الانحياز-الأول-0-85", "الانحياز الأول ", "−0.85"),
        ("الوزن-1-70", "الوزن ", "1.70"),
        ("الانحياز-الأخير-16", "الانحياز الأخير ", "−16"),
    ] {
        let entry = format!("<a href=\"#{id}\">{words}\u{2066}{value}\u{2069}</a>");
        assert!(arabic.contains(&entry), "{entry}");
        assert!(arabic.contains(&format!(
            "<h2 id=\"{id}\">{words}<bdi dir=\"ltr\">{value}</bdi>"
        )));
        assert!(
            english.contains(&format!("<a href=\"#{id}\">{words}{value}</a>")),
            "{id}"
        );
    }
    assert!(!english.contains('\u{2066}'));
}
