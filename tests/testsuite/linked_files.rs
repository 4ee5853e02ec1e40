//! Files of `content/` that are not lessons (an image beside its lesson, a data file), as mdBook
//! and Quarto authors keep them: published where a lesson links to one, at its path in
//! `content/`, with the link made to point there from whatever folder the page is in.

use std::fs;
use std::path::Path;

use crate::support::run::BIN;
use crate::support::serve::Server;
use crate::support::{small, Project};

/// A one-pixel PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0,
    1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
];

/// The small lesson with `prose` after its front matter.
fn with(prose: &str) -> String {
    small("").replacen("+++\n\n", &format!("+++\n\n{prose}\n\n"), 1)
}

#[test]
fn a_file_beside_a_lesson_is_published_where_it_links_it() {
    let p = Project::with_lessons(&[
        (
            "a.md",
            with("![A picture](pic.png) and [the data](data/table.csv#x).\n\n![Titled](pic.png \"T\"), [bracketed](<pic.png>)."),
        ),
        ("a.zh-CN.md", with("![图](pic.png)")),
        ("sub/b.md", with("![Again](../pic.png)")),
    ])
    .file("content/pic.png", PNG)
    .file("content/data/table.csv", "x,y\n0,1\n")
    .file("content/notes.txt", "not linked");
    let built = p.build().unwrap_or_else(|e| panic!("{e}"));
    let broken: Vec<_> = built
        .warnings
        .iter()
        .filter(|w| w.message.contains("broken"))
        .collect();
    assert!(broken.is_empty(), "{broken:#?}");
    assert_eq!(
        fs::read(p.site().join("pic.png")).expect("the picture"),
        PNG
    );
    assert_eq!(p.read("data/table.csv"), "x,y\n0,1\n");
    assert!(
        !p.site().join("notes.txt").exists(),
        "a file no lesson links to is published"
    );
    for (page, link) in [
        (
            "a/index.html",
            "<img src=\"../pic.png\" alt=\"A picture\" />",
        ),
        (
            "a/index.html",
            "<a href=\"../data/table.csv#x\">the data</a>",
        ),
        (
            "zh-CN/a/index.html",
            "<img src=\"../../pic.png\" alt=\"图\" />",
        ),
        ("b/index.html", "<img src=\"../pic.png\" alt=\"Again\" />"),
    ] {
        assert!(p.read(page).contains(link), "{page} lacks {link}");
    }
    // (The notebook's Markdown keeps each link as written but its address: with a title, in
    // `<>`; they were left pointing beside the notebook.)
    let notebook = p.read("a/a.ipynb");
    for link in [
        "![A picture](../pic.png)",
        "![Titled](../pic.png \\\"T\\\")",
        "[bracketed](<../pic.png>)",
    ] {
        assert!(notebook.contains(link), "the notebook lacks {link}");
    }
}

/// A file added after the lesson linking it (a broken link until then) is published by the
/// next build, which renders the linking page again: the published page and manifest of the
/// first build are not reused for it.
#[test]
fn a_file_added_later_is_linked_by_the_next_build() {
    let p = Project::with_lessons(&[("a.md", with("![A picture](pic.png)"))]);
    let first = p.build().unwrap_or_else(|e| panic!("{e}"));
    assert!(first
        .warnings
        .iter()
        .any(|w| w.message.contains("broken link `pic.png`")));
    assert!(p.read("a/index.html").contains("src=\"pic.png\""));
    fs::write(p.root.join("content/pic.png"), PNG).expect("write");
    let second = p.build().unwrap_or_else(|e| panic!("{e}"));
    assert!(second.warnings.is_empty(), "{:#?}", second.warnings);
    assert!(p.read("a/index.html").contains("src=\"../pic.png\""));
    assert!(p.site().join("pic.png").is_file());
}

/// A linked file whose place the site has already (the theme's `style.css`, a lesson's page)
/// is an error at the file: it would replace the site's own.
#[test]
fn a_linked_file_never_replaces_one_of_the_sites() {
    let p = Project::with_lessons(&[("a.md", with("[Style](style.css), [page](a/index.html)"))])
        .file("content/style.css", "body {}")
        .file("content/a/index.html", "<p>mine</p>");
    let error = p.build().expect_err("two files in the site's places");
    let problems: Vec<(String, String)> = (error.diagnostics.iter())
        .map(|d| {
            (
                d.message.clone(),
                d.location
                    .as_ref()
                    .map_or(String::new(), |l| l.file.clone()),
            )
        })
        .collect();
    assert_eq!(
        problems,
        [
            (
                "the site has its own `a/index.html`, where this file would be published"
                    .to_string(),
                "content/a/index.html".to_string()
            ),
            (
                "the site has its own `style.css`, where this file would be published".to_string(),
                "content/style.css".to_string()
            ),
        ]
    );
}

/// `serve` publishes a linked file added or changed (and reloads the page), as it does a
/// lesson; a file no lesson links to still triggers nothing (`serve::reload`).
#[test]
fn serve_follows_a_linked_file() {
    let server = Server::launch_with(Path::new(BIN), &[], |root| {
        let lesson = root.join("content/getting-started.md");
        let text = fs::read_to_string(&lesson).expect("the starter");
        let text = text.replacen(
            "\nWrite the lesson",
            "\n![A picture](pic.png)\n\nWrite the lesson",
            1,
        );
        fs::write(&lesson, text).expect("write");
    });
    let mut events = server.events();
    assert_eq!(server.get("/pic.png").status, 404);
    fs::write(server.path("content/pic.png"), PNG).expect("write");
    events.expect("reload");
    let served = server.get("/getting-started/index.html");
    assert!(
        served.body.contains("src=\"../pic.png\""),
        "{}",
        served.body
    );
    assert_eq!(server.get("/pic.png").status, 200);
    fs::write(server.path("content/pic.png"), [PNG, b"changed"].concat()).expect("write");
    events.expect("reload");
}

/// Raw HTML's links (`<img src="pic.png" width="300">`, as authors size an image) are a
/// lesson's links too: the file is published and the address made to point at it, in the page
/// and the notebook; one to no file is a broken link, told where to put the file (its hint was
/// about linking lessons).
#[test]
fn raw_htmls_links_publish_and_are_checked() {
    let html =
        "<img src=\"pic.png\" alt=\"Sized\" width=\"300\">\n\n<a href=\"missing.csv\">the data</a>";
    let p = Project::with_lessons(&[("a.md", with(html))]).file("content/pic.png", PNG);
    let built = p.build().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        fs::read(p.site().join("pic.png")).expect("the picture"),
        PNG
    );
    assert!(p
        .read("a/index.html")
        .contains("<img src=\"../pic.png\" alt=\"Sized\" width=\"300\">"));
    assert!(p.read("a/a.ipynb").contains("<img src=\\\"../pic.png\\\""));
    let warnings: Vec<(&str, &str)> = (built.warnings.iter())
        .map(|w| (w.message.as_str(), w.hint.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        warnings,
        [(
            "broken link `missing.csv`: the site has no `a/missing.csv`",
            "put the file in `content/`, where `missing.csv` names it from the lesson's own file: a file a lesson links to is published with the site"
        )]
    );
}

/// A file whose name has a space or other letters (`my pic.png`, `图.png`) is linked as
/// CommonMark and browsers read an address: `my%20pic.png`, `<my pic.png>`, raw HTML's
/// `src="my pic.png"`. It is published under its own name and each link made to point at it,
/// percent-encoded, in the page and the notebook. These were broken links, told to link "where
/// the site has it" by hand.
#[test]
fn a_file_named_with_spaces_or_other_letters_is_linked_as_browsers_read_it() {
    let links = "![Encoded](my%20pic.png), ![Angled](<my pic.png>), ![Chinese](图.png), \
                 [data](data%20set/t%201.csv#row-2)\n\n<img src=\"my pic.png\" alt=\"Raw\">";
    let p = Project::with_lessons(&[
        ("a.md", with(links)),
        ("a.zh-CN.md", with("![图](<my pic.png>)")),
    ])
    .file("content/my pic.png", PNG)
    .file("content/图.png", PNG)
    .file("content/data set/t 1.csv", "x,y\n");
    let built = p.build().unwrap_or_else(|e| panic!("{e}"));
    assert!(built.warnings.is_empty(), "{:#?}", built.warnings);
    for file in ["my pic.png", "图.png", "data set/t 1.csv"] {
        assert!(p.site().join(file).is_file(), "{file} is not published");
    }
    // (A lesson whose text names the file only encoded, in either case of hex digit.)
    let alone = |link: &str| {
        let p = Project::with_lessons(&[("a.md", with(&format!("![Alone]({link})")))])
            .file("content/my pic 图.png", PNG);
        let built = p.build().unwrap_or_else(|e| panic!("{e}"));
        assert!(built.warnings.is_empty(), "{:#?}", built.warnings);
        p.read("a/index.html")
    };
    for link in ["my%20pic%20%E5%9B%BE.png", "my%20pic%20%e5%9b%be.png"] {
        let expected = "<img src=\"../my%20pic%20%E5%9B%BE.png\" alt=\"Alone\" />";
        assert!(alone(link).contains(expected), "{link}");
    }
    let page = p.read("a/index.html");
    for link in [
        "<img src=\"../my%20pic.png\" alt=\"Encoded\" />",
        "<img src=\"../my%20pic.png\" alt=\"Angled\" />",
        "<img src=\"../%E5%9B%BE.png\" alt=\"Chinese\" />",
        "<a href=\"../data%20set/t%201.csv#row-2\">data</a>",
        "<img src=\"../my%20pic.png\" alt=\"Raw\">",
    ] {
        assert!(page.contains(link), "the page lacks {link}");
    }
    assert!(p
        .read("zh-CN/a/index.html")
        .contains("<img src=\"../../my%20pic.png\" alt=\"图\" />"));
    let notebook = p.read("a/a.ipynb");
    for link in [
        "![Encoded](../my%20pic.png)",
        "![Angled](<../my%20pic.png>)",
        "![Chinese](../%E5%9B%BE.png)",
        "[data](../data%20set/t%201.csv#row-2)",
        "<img src=\\\"../my%20pic.png\\\" alt=\\\"Raw\\\">",
    ] {
        assert!(notebook.contains(link), "the notebook lacks {link}");
    }
}

/// A theme's file in the place of one the site makes (a theme started from a copy of a built
/// site) is an error at it: it replaced the search index, the sitemap and a lesson's preview
/// in silence, stale for good. A project's own `robots.txt` is published instead, as the README
/// says.
#[test]
fn a_theme_file_never_replaces_one_the_site_makes() {
    let p = Project::with_lessons(&[("a.md", with(""))])
        .config("base_url = \"https://example.org/\"\n")
        .template("sitemap.xml", "STALE")
        .template("search-index.js", "STALE")
        .template("a/preview.svg", "STALE")
        .template("robots.txt", "User-agent: *\n");
    let error = p.build().expect_err("three files in the site's places");
    let files: Vec<String> = (error.diagnostics.iter())
        .filter(|d| d.message.starts_with("the site makes its own"))
        .filter_map(|d| d.location.as_ref().map(|l| l.file.clone()))
        .collect();
    assert_eq!(
        files,
        [
            "templates/a/preview.svg",
            "templates/search-index.js",
            "templates/sitemap.xml"
        ],
        "{error}"
    );
    for name in ["sitemap.xml", "search-index.js", "a/preview.svg"] {
        fs::remove_file(p.root.join("templates").join(name)).expect("rm");
    }
    p.build().expect("builds");
    assert_eq!(p.read("robots.txt"), "User-agent: *\n");
}
