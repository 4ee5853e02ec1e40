//! Search, as mdBook, Zola, Quarto and Jupyter Book sites have it: every page's header links its
//! language's search page, whose index (`search-index.js`) holds each lesson's text by section:
//! the headings and words a reader reads, not the drawings' numbers or the code.

use serde_json::Value;

use crate::support::{shipped, small, Project};

/// The index a `search-index.js` sets, read as JSON.
fn index(script: &str) -> Value {
    let json = (script.strip_prefix("window.nnSearchIndex="))
        .and_then(|rest| rest.strip_suffix(";\n"))
        .expect("window.nnSearchIndex=[…];");
    serde_json::from_str(json).expect("the index's JSON")
}

/// The section of lesson `href` whose id is `id`: (heading, text).
fn section<'v>(index: &'v Value, href: &str, id: &str) -> (&'v str, &'v str) {
    let lesson = (index.as_array().expect("lessons").iter())
        .find(|l| l["href"] == href)
        .unwrap_or_else(|| panic!("no lesson {href}"));
    let sections = lesson["sections"].as_array().expect("sections");
    let s = (sections.iter())
        .find(|s| s[1] == id)
        .unwrap_or_else(|| panic!("no section {id} in {href}"));
    (
        s[0].as_str().expect("a heading"),
        s[2].as_str().expect("text"),
    )
}

#[test]
fn each_language_has_a_search_page_and_an_index_of_its_lessons_text() {
    let site = shipped(None);
    let en = index(&site.read("search-index.js"));
    let (heading, text) = section(&en, "relu/index.html", "step-7-apply-relu-again");
    assert_eq!(heading, "Step 7 – Apply ReLU again");
    assert!(
        text.contains("Finally, the output node applies ReLU"),
        "{text}"
    );
    // (The drawings' numbers, the code and the `#` beside a heading are not words to find.)
    assert!(
        !text.contains("import numpy") && !text.contains('#'),
        "{text}"
    );
    let (_, text) = section(&en, "relu/index.html", "the-network-and-its-parameters");
    assert!(!text.contains("<"), "{text}");
    let zh = index(&site.read("zh-CN/search-index.js"));
    let lessons = zh.as_array().expect("lessons");
    assert!(lessons
        .iter()
        .all(|l| l["href"].as_str().unwrap().starts_with("../zh-CN/")));
    assert!(lessons.iter().any(|l| l["title"] == "通过可视化理解 ReLU"));
    // Every page's header links its language's search page.
    let page = site.read("relu/index.html");
    assert!(page.contains("<a class=\"site-search\" href=\"../search.html\">Search</a>"));
    let page = site.read("zh-CN/relu/index.html");
    assert!(page.contains("<a class=\"site-search\" href=\"../../zh-CN/search.html\">搜索</a>"));
    let search = site.read("zh-CN/search.html");
    assert!(search.contains("<script src=\"search-index.js\" defer></script>"));
    assert!(search.contains("<h1>搜索</h1>"), "{search}");
}

/// A build that reuses lessons (nothing changed, then one lesson changed) writes the index a
/// build from nothing writes: the reused lessons' text comes from the manifest.
#[test]
fn a_rebuild_that_reuses_lessons_keeps_their_text_in_the_index() {
    let two = small("").replace("Small lesson", "Second lesson");
    let p = Project::new()
        .lesson("a.md", small(""))
        .lesson("b.md", &two);
    p.build().unwrap_or_else(|e| panic!("{e}"));
    let first = p.read("search-index.js");
    assert!(first.contains("Second lesson") && first.contains("Small lesson"));
    p.build().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.read("search-index.js"), first);
    let edited = small("").replace("Small lesson", "Small lesson, edited");
    std::fs::write(p.root.join("content/a.md"), edited).expect("edit a.md");
    p.build().unwrap_or_else(|e| panic!("{e}"));
    let fresh = Project::new()
        .lesson(
            "a.md",
            small("").replace("Small lesson", "Small lesson, edited"),
        )
        .lesson("b.md", &two);
    fresh.build().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.read("search-index.js"), fresh.read("search-index.js"));
}

/// `search = false` in `nnbook.toml` (as mdBook's `search.enable = false`, for a site searched
/// otherwise): no search page, index, script or style, no header link to one, and no lesson's
/// text kept for it. Set back to `true`, the rebuild has the search a build from nothing has.
#[test]
fn search_false_leaves_search_out() {
    let p = Project::new()
        .config("search = false\n")
        .lesson("a.md", small(""));
    p.build().unwrap_or_else(|e| panic!("{e}"));
    for gone in ["search.html", "search-index.js", "search.js", "search.css"] {
        assert!(!p.site().join(gone).exists(), "{gone}");
    }
    for page in ["index.html", "a/index.html", "404.html"] {
        let html = p.read(page);
        assert!(!html.contains("search"), "{page}: {html}");
    }
    let manifest = || std::fs::read_to_string(p.root.join(".site.nnbook-manifest")).unwrap();
    assert!(!manifest().contains("The top node has"), "the text is kept");

    std::fs::write(p.root.join("nnbook.toml"), "search = true\n").unwrap();
    p.build().unwrap_or_else(|e| panic!("{e}"));
    let fresh = Project::new()
        .config("search = true\n")
        .lesson("a.md", small(""));
    fresh.build().unwrap_or_else(|e| panic!("{e}"));
    for file in [
        "search-index.js",
        "search.html",
        "a/index.html",
        "search.js",
    ] {
        assert_eq!(p.read(file), fresh.read(file), "{file}");
    }
    assert!(p.read("a/index.html").contains("class=\"site-search\""));
    assert!(manifest().contains("The top node has"), "the text is kept");

    // A value that is not true or false is an error at it.
    let wrong = Project::new()
        .config("search = \"no\"\n")
        .lesson("a.md", small(""));
    let error = wrong.build().expect_err("search = \"no\"").to_string();
    assert!(error.contains("nnbook.toml:1:10"), "{error}");
}

/// A lesson's tags are in the index, by name, for a reader who looks for one; a lesson without
/// tags has none (the shipped site's index is as it was).
#[test]
fn the_index_names_each_lesson_s_tags() {
    let p = Project::new()
        .lesson("a.md", small("tags = [\"ReLU\", \"Dosage & effect\"]\n"))
        .lesson("b.md", small("slug = \"b\"\n"));
    p.build().unwrap_or_else(|e| panic!("{e}"));
    let index = index(&p.read("search-index.js"));
    let lessons = index.as_array().expect("lessons");
    assert_eq!(lessons[0]["href"], "a/index.html");
    assert_eq!(
        lessons[0]["tags"],
        serde_json::json!(["ReLU", "Dosage & effect"])
    );
    assert!(lessons[1].get("tags").is_none(), "{}", lessons[1]);
}
