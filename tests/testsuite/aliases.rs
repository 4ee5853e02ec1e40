//! A lesson's earlier addresses (front matter `aliases`, as Zola's and Hugo's): a page at each
//! that sends the reader on to the lesson (the browser's part is `tests/browser/aliases.mjs`),
//! left out of the sitemap and the search index; and every alias that cannot have its page is an
//! error at it.

use crate::support::{placed, small, Project};

/// The ReLU lesson's aliases: two folders and two pages (as mdBook's addresses are).
const ALIASES: &str =
    "aliases = [\"relu-intro\", \"/basics/relu/\", \"relu.html\", \"basics/relu-2.html\"]\n";

fn renamed() -> Project {
    Project::new()
        .config("base_url = \"https://example.org/l/\"\n")
        .lesson("relu.md", small(ALIASES))
        .lesson("relu.zh-CN.md", small("aliases = [\"relu-intro\"]\n"))
        .lesson(
            "b.md",
            small("").replacen(
                "\n\n",
                "\n\nSee [the old address](../relu-intro/index.html).\n\n",
                1,
            ),
        )
}

#[test]
fn each_alias_has_a_page_that_sends_the_reader_on() {
    let p = renamed();
    let built = p.build().unwrap_or_else(|e| panic!("{e}"));
    // (The link to the alias is not broken.)
    assert!(built.warnings.is_empty(), "{:?}", built.warnings);
    for (alias, lesson, lang) in [
        ("relu-intro/index.html", "relu", "en"),
        ("basics/relu/index.html", "relu", "en"),
        ("relu.html", "relu", "en"),
        ("basics/relu-2.html", "relu", "en"),
        ("zh-CN/relu-intro/index.html", "zh-CN/relu", "zh-CN"),
    ] {
        let html = p.read(alias);
        // The relative link leads to the lesson's page, from the alias's folder.
        let depth = alias.matches('/').count();
        let target = format!("{}{lesson}/index.html", "../".repeat(depth));
        let folder = p.site().join(alias).parent().unwrap().to_path_buf();
        assert!(folder.join(&target).is_file(), "{alias}: {target}");
        for needed in [
            format!("<html lang=\"{lang}\">"),
            format!("<meta http-equiv=\"refresh\" content=\"0; url={target}\">"),
            format!("<script>location.replace(\"{target}\" + location.hash)</script>"),
            format!("<link rel=\"canonical\" href=\"https://example.org/l/{lesson}/\">"),
            "<meta name=\"robots\" content=\"noindex\">".to_string(),
            format!("<a href=\"{target}\">Small lesson</a>"),
        ] {
            assert!(html.contains(&needed), "{alias}: {needed}\n{html}");
        }
    }
    assert!(p
        .read("zh-CN/relu-intro/index.html")
        .contains("<p>本课已移至 <a"));
    let sitemap = p.read("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.org/l/relu/</loc>"),
        "{sitemap}"
    );
    assert!(
        !sitemap.contains("intro") && !sitemap.contains("basics"),
        "{sitemap}"
    );
    assert!(!p.read("search-index.js").contains("intro"));
}

#[test]
fn an_alias_taken_out_takes_its_page_with_it() {
    let p = renamed();
    p.build().unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string(p.root.join("content/relu.md")).unwrap();
    let text = text.replacen(ALIASES, "", 1);
    std::fs::write(p.root.join("content/relu.md"), text).unwrap();
    p.build().unwrap_or_else(|e| panic!("{e}"));
    assert!(!p.site().join("relu-intro").exists());
    assert!(!p.site().join("basics").exists());
    assert!(!p.site().join("relu.html").exists());
    assert!(p.site().join("zh-CN/relu-intro/index.html").is_file());
}

#[test]
fn an_alias_that_cannot_have_its_page_is_an_error_at_it() {
    let p = Project::new()
        .lesson(
            "a.md",
            small("aliases = [\"old\", \"a\", \"b/x\", \"Old Name\", \"fr\", \"\", \"404.html\", \"a.html\", \"b/c.html\"]\n"),
        )
        .lesson("b.md", small("aliases = [\"old\"]\n"))
        .lesson("c.fr.md", small(""));
    let error = nnbook::check(&p.root).expect_err("seven wrong aliases");
    // (Not the warning that the French pages show nnbook's words in English.)
    let errors: Vec<_> = (error.diagnostics.iter())
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    let a =
        |column: usize, message: &str| ("content/a.md".to_string(), 2, column, message.to_string());
    assert_eq!(
        placed(&errors),
        [
            a(19, "the alias `a` is in this lesson's own folder"),
            a(24, "the alias `b/x` is in the folder of content/b.md"),
            a(
                31,
                "`Old Name` is no address of a lesson: the slug `Old Name` has the character 'O'"
            ),
            a(
                43,
                "the alias `fr` is in the folder of the site's lessons in `fr`"
            ),
            a(49, "an alias is empty"),
            a(53, "the alias `404.html` is a page of the site"),
            a(75, "the alias `b/c.html` is in the folder of content/b.md"),
            (
                "content/b.md".to_string(),
                2,
                12,
                "the alias `old` is given twice".to_string()
            ),
        ]
    );
}

/// In a build that fails, the site's files are those its lessons would have: a link to an
/// alias's page is not broken.
#[test]
fn a_link_to_an_alias_is_not_broken_in_a_build_that_fails() {
    let p = Project::new()
        .lesson("relu.md", small("aliases = [\"relu-intro\"]\n"))
        .lesson(
            "b.md",
            small("").replacen("\n\n", "\n\nSee [the old address](../relu-intro/index.html) and [that](../nowhere/index.html).\n\n", 1),
        )
        .lesson("broken.md", "+++\ntitle = \"Broken\"\n+++\n\n{{ nothing }}\n");
    let error = nnbook::check(&p.root).expect_err("a broken lesson");
    let messages: Vec<&str> = (error.diagnostics.iter())
        .filter(|d| !d.is_error())
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(messages.len(), 1, "{error}");
    assert!(messages[0].contains("nowhere"), "{error}");
}
