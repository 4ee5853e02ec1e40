//! A lesson's tags (front matter `tags`, as Zola's and Hugo's taxonomies and Quarto's
//! categories): each tag's page lists its lessons as the index does, the index and each tag's
//! page name every tag of their language, a lesson's page links its own; a tag written two ways
//! is one page and a warning, and every tag that cannot have its page is an error at it.

use crate::support::{placed, told, Project, SMALL};

/// The small lesson titled `title`, with `extra` lines after its title.
fn titled(title: &str, extra: &str) -> String {
    SMALL.replacen(
        "title = \"Small lesson\"",
        &format!("title = \"{title}\"\n{extra}"),
        1,
    )
}

/// "激活函数" (activation functions) as a browser's address writes it: its UTF-8 bytes, each
/// `%XX` (Python's `urllib.parse.quote`).
const CHINESE: &str = "%E6%BF%80%E6%B4%BB%E5%87%BD%E6%95%B0";

fn tagged() -> Project {
    Project::new()
        .config("base_url = \"https://example.org/\"\n")
        .lesson(
            "a.md",
            titled(
                "Alpha",
                "order = 1\ntags = [\"ReLU\", \"Activation functions\"]",
            ),
        )
        .lesson(
            "b.md",
            titled("Beta", "order = 2\ntags = [\"relu\", \"Gradient descent\"]"),
        )
        .lesson(
            "c.md",
            titled("Gamma", "order = 3").replacen(
                "\n\n",
                "\n\nSee [the ReLU lessons](../tags/relu/index.html) and [every tag](../tags/index.html).\n\n",
                1,
            ),
        )
        .lesson("a.zh-CN.md", titled("阿尔法", "tags = [\"激活函数\"]"))
}

/// The lesson pages a page at `file` links to (`href="…/index.html"` of a card), each checked
/// to be a file of the site from the page's folder.
fn lessons_listed(p: &Project, file: &str) -> Vec<String> {
    let html = p.read(file);
    let folder = p.site().join(file).parent().unwrap().to_path_buf();
    let cards = html.split("<a class=\"card-link\" href=\"").skip(1);
    let hrefs: Vec<String> = cards
        .map(|rest| rest.split('"').next().unwrap().to_string())
        .collect();
    for href in &hrefs {
        assert!(folder.join(href).is_file(), "{file}: {href}");
    }
    hrefs
}

/// The list of tags of a page.
fn tags_nav(html: &str) -> String {
    let start = html.find("<nav class=\"tags\"").expect("the tags");
    html[start..].split("</nav>").next().unwrap().to_string()
}

#[test]
fn each_tag_has_a_page_that_lists_its_lessons() {
    let p = tagged();
    let built = p.build().unwrap_or_else(|e| panic!("{e}"));
    // One page for `ReLU` and `relu`, named as the first lesson writes it, and a warning at
    // the second (the link to the tag's page is not broken).
    let warnings: Vec<String> = built.warnings.iter().map(|d| d.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("the tag `relu` is written `ReLU` in content/a.md")
            && warnings[0].contains("content/b.md:4:9"),
        "{}",
        warnings[0]
    );
    assert_eq!(
        lessons_listed(&p, "tags/relu/index.html"),
        ["../../a/index.html", "../../b/index.html"]
    );
    assert_eq!(
        lessons_listed(&p, "tags/activation-functions/index.html"),
        ["../../a/index.html"]
    );
    assert_eq!(
        lessons_listed(&p, "tags/gradient-descent/index.html"),
        ["../../b/index.html"]
    );
    assert_eq!(
        lessons_listed(&p, "zh-CN/tags/激活函数/index.html"),
        ["../../../zh-CN/a/index.html"]
    );
    let relu = p.read("tags/relu/index.html");
    assert!(relu.contains("<h1>Lessons tagged “ReLU”</h1>"), "{relu}");
    assert!(relu.contains("<title>Lessons tagged “ReLU” · "), "{relu}");
    // Every tag of the language, in the order of their folders, each with its count; the
    // page's own is marked, and the index is a link.
    assert_eq!(
        tags_nav(&relu),
        "<nav class=\"tags\" aria-label=\"Tags\">\n<ul>\n\
         <li><a href=\"../../index.html\">All lessons</a></li>\n\
         <li><a href=\"../../tags/activation-functions/index.html\">Activation functions <span class=\"tag-count\">1</span></a></li>\n\
         <li><a href=\"../../tags/gradient-descent/index.html\">Gradient descent <span class=\"tag-count\">1</span></a></li>\n\
         <li><span aria-current=\"page\">ReLU <span class=\"tag-count\">2</span></span></li>\n\
         </ul>\n"
    );
    let index = p.read("index.html");
    assert!(
        tags_nav(&index).contains("<li><span aria-current=\"page\">All lessons</span></li>")
            && tags_nav(&index).contains("<a href=\"tags/relu/index.html\">ReLU <span"),
        "{index}"
    );
    // A tag's page is not the index: no "start here", no other language's index.
    assert!(index.contains("class=\"start-link\"") && !relu.contains("class=\"start-link\""));
    assert!(index.contains("hreflang=\"zh-CN\"") && !relu.contains("hreflang"));
}

#[test]
fn a_lesson_page_links_its_tags_and_the_sitemap_names_their_pages() {
    let p = tagged();
    p.build().unwrap_or_else(|e| panic!("{e}"));
    // A lesson's page links its tags, as it writes them.
    assert!(p.read("a/index.html").contains(
        "<p class=\"lesson-source lesson-tags\">Tags: <a href=\"../tags/relu/index.html\" rel=\"tag\">ReLU</a>, <a href=\"../tags/activation-functions/index.html\" rel=\"tag\">Activation functions</a></p>"
    ));
    assert!(p.read("zh-CN/a/index.html").contains(&format!(
        "<p class=\"lesson-source lesson-tags\">标签：<a href=\"../tags/{CHINESE}/index.html\" rel=\"tag\">激活函数</a></p>"
    )));
    assert!(!p.read("c/index.html").contains("lesson-tags"));
    let zh = p.read("zh-CN/index.html");
    assert!(
        tags_nav(&zh).contains(&format!(
            "<a href=\"../zh-CN/tags/{CHINESE}/index.html\">激活函数 <span"
        )),
        "{zh}"
    );
    // The sitemap names every tag's page, its address percent-encoded.
    let sitemap = p.read("sitemap.xml");
    for page in [
        "tags/relu/".to_string(),
        "tags/gradient-descent/".to_string(),
        format!("zh-CN/tags/{CHINESE}/"),
    ] {
        let loc = format!("<loc>https://example.org/{page}</loc>");
        assert!(sitemap.contains(&loc), "{loc}\n{sitemap}");
    }
}

/// A 404 page shown for a missing page under `tags/` finds the site's root by its top-level
/// folders: `tags` is one of them.
#[test]
fn the_404_page_knows_the_tags_folder() {
    let p = Project::new()
        .lesson("a.md", titled("Alpha", "tags = [\"ReLU\"]"))
        .lesson("b.zh-CN.md", titled("贝塔", "tags = [\"激活函数\"]"));
    p.build().unwrap_or_else(|e| panic!("{e}"));
    let html = p.read("404.html");
    assert!(
        html.contains("var folders = [\"a\",\"tags\",\"zh-CN\"]"),
        "{html}"
    );
}

/// Each language with tags has an overview of them, `tags/index.html` (Zola's and Hugo's
/// `/tags/`): every tag, linked, with its count; in the sitemap.
#[test]
fn each_language_has_an_overview_of_its_tags() {
    let p = tagged();
    p.build().unwrap_or_else(|e| panic!("{e}"));
    let html = p.read("tags/index.html");
    assert!(html.contains("<title>Tags"), "{html}");
    assert!(html.contains("<h1>Tags</h1>"), "{html}");
    assert_eq!(
        tags_nav(&html),
        "<nav class=\"tags\" aria-label=\"Tags\">\n<ul>\n\
         <li><a href=\"../index.html\">All lessons</a></li>\n\
         <li><a href=\"../tags/activation-functions/index.html\">Activation functions <span class=\"tag-count\">1</span></a></li>\n\
         <li><a href=\"../tags/gradient-descent/index.html\">Gradient descent <span class=\"tag-count\">1</span></a></li>\n\
         <li><a href=\"../tags/relu/index.html\">ReLU <span class=\"tag-count\">2</span></a></li>\n\
         </ul>\n"
    );
    let zh = p.read("zh-CN/tags/index.html");
    assert!(zh.contains("<h1>标签</h1>"), "{zh}");
    assert!(
        tags_nav(&zh).contains(&format!(
            "<li><a href=\"../../zh-CN/index.html\">全部课程</a></li>\n<li><a href=\"../../zh-CN/tags/{CHINESE}/index.html\">激活函数 <span class=\"tag-count\">1</span></a></li>"
        )),
        "{zh}"
    );
    let sitemap = p.read("sitemap.xml");
    for page in ["tags/", "zh-CN/tags/"] {
        let loc = format!("<loc>https://example.org/{page}</loc>");
        assert!(sitemap.contains(&loc), "{loc}\n{sitemap}");
    }
    // A language without tags has none.
    let p = Project::new()
        .lesson("a.md", titled("Alpha", "tags = [\"ReLU\"]"))
        .lesson("a.zh-CN.md", titled("阿尔法", ""));
    p.build().unwrap_or_else(|e| panic!("{e}"));
    assert!(p.site().join("tags/index.html").is_file());
    assert!(!p.site().join("zh-CN/tags").exists());
}

#[test]
fn a_tag_taken_out_takes_its_page_with_it() {
    let p = tagged();
    p.build().unwrap_or_else(|e| panic!("{e}"));
    let file = p.root.join("content/b.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen(", \"Gradient descent\"", "", 1)).unwrap();
    p.build().unwrap_or_else(|e| panic!("{e}"));
    assert!(!p.site().join("tags/gradient-descent").exists());
    assert!(p.site().join("tags/relu/index.html").is_file());
    assert!(!p.read("index.html").contains("gradient-descent"));
}

/// More than 12 tags fold into one line the reader opens (`<details>`), "Tags (13)"; 12 do not.
#[test]
fn more_than_twelve_tags_fold() {
    let names = |n: usize| {
        (1..=n)
            .map(|i| format!("\"T{i}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (n, folds) in [(12, false), (13, true)] {
        let p = Project::new().lesson("a.md", titled("Alpha", &format!("tags = [{}]", names(n))));
        p.build().unwrap_or_else(|e| panic!("{e}"));
        let nav = tags_nav(&p.read("index.html"));
        let summary = format!("<details>\n<summary>Tags ({n})</summary>\n<ul>");
        assert_eq!(nav.contains(&summary), folds, "{nav}");
        assert_eq!(nav.contains("<details>"), folds, "{nav}");
        // (In the order of their numbers.)
        let (t2, t10) = (nav.find(">T2 <").unwrap(), nav.find(">T10 <").unwrap());
        assert!(t2 < t10, "{nav}");
    }
}

#[test]
fn a_site_without_tags_has_no_tag_pages() {
    let p = Project::new().lesson("a.md", titled("Alpha", ""));
    p.build().unwrap_or_else(|e| panic!("{e}"));
    assert!(!p.site().join("tags").exists());
    assert!(!p.read("index.html").contains("class=\"tags\""));
    assert!(!p.read("a/index.html").contains("lesson-tags"));
}

/// The error of a tag of 67 Chinese characters: 201 bytes, one over.
const LONG: &str = "the tag `激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激激` is too long for its page's folder: 201 bytes of UTF-8";

#[test]
fn a_tag_that_cannot_have_its_page_is_an_error_at_it() {
    let many: Vec<String> = (0..=100).map(|i| format!("\"t{i}\"")).collect();
    let long = "x".repeat(101);
    let p = Project::new()
        .lesson(
            "a.md",
            titled(
                "Alpha",
                &format!("tags = [\"ReLU\", \"\", \"!!\", \"relu \", \"{long}\", \"Con\"]"),
            ),
        )
        .lesson(
            "b.md",
            titled("Beta", &format!("tags = [{}]", many.join(", "))),
        )
        .lesson(
            "c.md",
            titled(
                "Gamma",
                &format!(
                    "aliases = [\"tags/old\", \"tagsy\"]\ntags = [\"{}\"]",
                    "激".repeat(67)
                ),
            ),
        )
        .lesson("d.zh-CN.md", titled("丁", "slug = \"tags\""))
        .lesson("e.zh-CN.md", titled("戊", "tags = [\"激活函数\"]"));
    let error = nnbook::check(&p.root).expect_err("wrong tags");
    let at = |file: &str, line: usize, column: usize, message: &str| {
        (format!("content/{file}"), line, column, message.to_string())
    };
    let last = 9 + many[..100].iter().map(|t| t.len() + 2).sum::<usize>();
    assert_eq!(
        placed(&error.diagnostics),
        [
            at("a.md", 3, 17, "a tag is empty"),
            at("a.md", 3, 21, "`!!` is no tag: it has no letter or digit"),
            at("a.md", 3, 27, "the tag `relu` is given twice"),
            at("a.md", 3, 36, "a tag of 101 characters is too long"),
            at(
                "a.md",
                3,
                141,
                "the tag `Con` would be a folder named `con`, a reserved device name on Windows"
            ),
            at("b.md", 3, last, "more than 100 tags"),
            at(
                "c.md",
                3,
                12,
                "the alias `tags/old` is in the folder of the site's tag pages"
            ),
            at("c.md", 4, 9, LONG),
            at(
                "d.zh-CN.md",
                3,
                8,
                "the slug `tags` is the folder of the site's tag pages"
            ),
        ],
        "{error}"
    );
    let hint = error.diagnostics[2].hint.as_deref().unwrap_or("");
    assert!(hint.contains("`ReLU` before it is the same tag"), "{hint}");
}

/// A lesson whose file name is `tags.md` is in the tag pages' folder of a language whose
/// lessons have tags; in one whose lessons have none, it is a lesson like any.
#[test]
fn a_lesson_named_tags_is_an_error_where_its_language_has_tags() {
    let p = Project::new()
        .lesson("tags.md", titled("Tags", ""))
        .lesson("tags.zh-CN.md", titled("标签", ""));
    p.build().unwrap_or_else(|e| panic!("{e}"));
    let p = p.lesson("a.md", titled("Alpha", "tags = [\"ReLU\"]"));
    let error = nnbook::check(&p.root).expect_err("a lesson in the tags' folder");
    let found: Vec<String> = (error.diagnostics.iter()).map(|d| d.to_string()).collect();
    assert_eq!(found.len(), 1, "{error}");
    assert!(
        found[0].contains(
            "error: the file name gives the slug `tags`, the folder of the site's tag pages"
        ) && found[0].contains("content/tags.md"),
        "{error}"
    );
}

/// In a build that fails, the site's files are those its lessons would have: a link to a
/// tag's page is not broken.
#[test]
fn a_link_to_a_tag_is_not_broken_in_a_build_that_fails() {
    let p = tagged().lesson(
        "broken.md",
        "+++\ntitle = \"Broken\"\n+++\n\n{{ nothing }}\n",
    );
    let error = nnbook::check(&p.root).expect_err("a broken lesson");
    let warnings: Vec<&str> = (error.diagnostics.iter())
        .filter(|d| !d.is_error())
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        warnings,
        ["the tag `relu` is written `ReLU` in content/a.md"],
        "{error}"
    );
}

/// One tag written alone, as Hugo's YAML allows (`tags: relu`), is told to be in brackets.
#[test]
fn a_tag_written_alone_is_told_to_be_in_brackets() {
    let p = Project::new().lesson("a.md", titled("Alpha", "tags = \"relu\""));
    let error = nnbook::check(&p.root).expect_err("a tag outside a list");
    assert_eq!(
        told(&error.diagnostics),
        [(
            "invalid front matter: invalid type: string \"relu\", expected a list".to_string(),
            "3:8".to_string(),
            "a list is written in brackets, even of one item: `[\"relu\"]`".to_string()
        )]
    );
}

/// A theme's index may show each lesson's tags: `lessons[].tags`, each `name` and `href` (from
/// the site's root); the template check knows them.
#[test]
fn a_theme_reads_each_index_entry_s_tags() {
    let index = "{% for l in lessons %}<p>{{ l.title }}:{% for t in l.tags %} <a href=\"{{ root }}{{ t.href }}\">{{ t.name }}</a>{% endfor %}</p>\n{% endfor %}";
    let p = Project::new()
        .lesson(
            "a.md",
            titled("Alpha", "tags = [\"ReLU\", \"Activation functions\"]"),
        )
        .lesson("b.zh-CN.md", titled("贝塔", "tags = [\"激活函数\"]"))
        .template("index.html", index);
    p.build().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        p.read("index.html"),
        "<p>Alpha: <a href=\"tags/relu/index.html\">ReLU</a> <a href=\"tags/activation-functions/index.html\">Activation functions</a></p>\n"
    );
    assert_eq!(
        p.read("zh-CN/index.html"),
        format!("<p>贝塔: <a href=\"../zh-CN/tags/{CHINESE}/index.html\">激活函数</a></p>\n")
    );
}

/// With `feed = true`, each tag has a feed beside its page, of its dated lessons, the newest
/// first, and the tag's page names it.
#[test]
fn each_tag_has_a_feed_beside_its_page() {
    let p = Project::new()
        .config("title = \"Site\"\nbase_url = \"https://example.org/\"\nfeed = true\n")
        .lesson(
            "a.md",
            titled("Alpha", "date = 2026-12-01\ntags = [\"ReLU\"]"),
        )
        .lesson(
            "b.md",
            titled("Beta", "date = 2026-12-03\ntags = [\"ReLU\", \"Training\"]"),
        )
        .lesson("c.md", titled("Gamma", "tags = [\"ReLU\"]"))
        .lesson(
            "a.zh-CN.md",
            titled("阿尔法", "date = 2026-12-02\ntags = [\"激活函数\"]"),
        );
    let built = p.build().unwrap_or_else(|e| panic!("{e}"));
    // (The undated lesson is warned about: no feed lists it.)
    assert_eq!(built.warnings.len(), 1, "{:?}", built.warnings);
    let relu = p.read("tags/relu/atom.xml");
    crate::support::markup::check_xml(&relu).unwrap_or_else(|e| panic!("{e}\n{relu}"));
    for needed in [
        "<title>Site: Lessons tagged “ReLU”</title>",
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"https://example.org/tags/relu/atom.xml\"/>",
        "<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/tags/relu/\"/>",
        "<updated>2026-12-03T00:00:00Z</updated>",
    ] {
        assert!(relu.contains(needed), "{needed}\n{relu}");
    }
    let titles: Vec<&str> = (relu.split("<entry>\n<title>").skip(1))
        .map(|e| e.split('<').next().unwrap())
        .collect();
    assert_eq!(titles, ["Beta", "Alpha"]);
    let zh = p.read("zh-CN/tags/激活函数/atom.xml");
    let own = format!("https://example.org/zh-CN/tags/{CHINESE}/atom.xml");
    assert!(
        zh.contains(&format!(
            "rel=\"self\" type=\"application/atom+xml\" href=\"{own}\""
        )),
        "{zh}"
    );
    assert!(zh.contains("<title>阿尔法</title>"), "{zh}");
    // The tag's page names its feed; the index the language's.
    let link = |feed: &str| {
        format!("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"{feed}\"")
    };
    assert!(p
        .read("tags/training/index.html")
        .contains(&link("https://example.org/tags/training/atom.xml")));
    assert!(p
        .read("index.html")
        .contains(&link("https://example.org/atom.xml")));
    assert!(p
        .read("zh-CN/tags/激活函数/index.html")
        .contains(&link(&own)));
}
