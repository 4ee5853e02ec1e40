//! What the theme puts around lessons: per-language site settings (`[languages.<tag>]` in
//! `nnbook.toml`), a 404 page per language whose links work without a base URL, and the
//! source a lesson follows, linked under its title.

use crate::support::{build_command, run, small, Project};

fn read(p: &Project, rel: &str) -> String {
    std::fs::read_to_string(p.site().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// A project with the small lesson in English and in Chinese, and `config`.
fn two_languages(config: &str) -> Project {
    let p = Project::new()
        .lesson("small.md", small(""))
        .lesson("small.zh-CN.md", small(""))
        .config(config);
    p.build().unwrap_or_else(|e| panic!("{e}"));
    p
}

#[test]
fn each_language_has_its_title_and_description() {
    let p = two_languages(
        "title = \"Tutorials\"\ndescription = \"Visual tutorials.\"\n\n\
         [languages.zh-CN]\ntitle = \"教程\"\ndescription = \"可视化教程。\"\n",
    );
    let en = read(&p, "index.html");
    let zh = read(&p, "zh-CN/index.html");
    assert!(en.contains("<h1>Visual tutorials.</h1>"), "{en}");
    assert!(en.contains("class=\"site-title\" href=\"index.html\">Tutorials</a>"));
    assert!(zh.contains("<h1>可视化教程。</h1>"), "{zh}");
    assert!(zh.contains("<meta name=\"description\" content=\"可视化教程。\">"));
    assert!(zh.contains("class=\"site-title\" href=\"index.html\">教程</a>"));
    assert!(!zh.contains("Visual tutorials."));
    // Lesson pages carry their language's site title too.
    assert!(read(&p, "zh-CN/small/index.html").contains("<title>Small lesson · 教程</title>"));
    assert!(read(&p, "small/index.html").contains("<title>Small lesson · Tutorials</title>"));
}

#[test]
fn a_language_without_settings_takes_the_site_wide_ones() {
    let p = two_languages("description = \"Visual tutorials.\"\n[languages.zh-CN]\n");
    assert!(read(&p, "zh-CN/index.html").contains("<h1>Visual tutorials.</h1>"));
}

#[test]
fn a_languages_table_must_name_a_language() {
    let p = Project::new()
        .lesson("small.md", small(""))
        .config("title = \"T\"\n\n[languages.Chinese]\ntitle = \"教程\"\n");
    let error = p.build().expect_err("an unknown language tag is an error");
    let d = error.first();
    let loc = d.location.as_ref().expect("a location");
    assert_eq!(
        (loc.file.as_str(), loc.line, loc.column),
        ("nnbook.toml", 3, 12),
        "{error}"
    );
    assert!(
        d.message.contains("`Chinese` is not a language tag"),
        "{error}"
    );
    assert!(d
        .expected
        .as_deref()
        .unwrap_or("")
        .contains("[languages.zh-CN]"));
    let p = Project::new()
        .lesson("small.md", small(""))
        .config("[languages.zh-CN]\nsubtitle = \"x\"\n");
    let error = p.build().expect_err("an unknown field is an error");
    let loc = error.first().location.as_ref().expect("a location");
    assert_eq!((loc.line, loc.column), (2, 1), "{error}");
}

/// `language = "english"` was published as `<html lang="english">`, which no browser or screen
/// reader knows; a value with markup in it reached the attribute (escaped).
#[test]
fn the_language_must_be_a_language_tag() {
    for (value, column) in [("\"english\"", 12), ("\"en\\\" onload=\\\"x\"", 12)] {
        let p = Project::new()
            .lesson("small.md", small(""))
            .config(&format!("title = \"T\"\nlanguage = {value}\n"));
        let error = p
            .build()
            .expect_err("a language that is not a tag is an error");
        let d = error.first();
        let loc = d.location.as_ref().expect("a location");
        assert_eq!(
            (loc.file.as_str(), loc.line, loc.column),
            ("nnbook.toml", 2, column),
            "{error}"
        );
        assert!(d.message.contains("is not a language tag"), "{error}");
        assert!(d
            .expected
            .as_deref()
            .unwrap_or("")
            .contains("language = \"zh-CN\""));
    }
    let p = Project::new()
        .lesson("small.md", small(""))
        .config("language = \"zh-CN\"\n");
    p.build().expect("a language tag builds");
    assert!(read(&p, "small/index.html").contains("<html lang=\"zh-CN\""));
}

#[test]
fn every_language_has_a_404_page_with_links_relative_to_its_folder() {
    let p = two_languages("");
    let root = read(&p, "404.html");
    let zh = read(&p, "zh-CN/404.html");
    assert!(root.contains("<html lang=\"en\">") && root.contains("Page not found"));
    assert!(zh.contains("<html lang=\"zh-CN\">") && zh.contains("找不到页面"));
    // No address starting at the server's root: the page works opened from disk and from a
    // sub-path; its own folder's index is home.
    assert!(root.contains("href=\"style.css\"") && root.contains("href=\"index.html\""));
    assert!(
        zh.contains("href=\"../style.css\"") && zh.contains("<a href=\"index.html\">全部课程</a>")
    );
    for page in [&root, &zh] {
        assert!(
            !page.contains("href=\"/") && !page.contains("src=\"/"),
            "{page}"
        );
        // The script that finds the site's folder knows its top-level folders.
        assert!(
            page.contains("var folders = [\"small\",\"zh-CN\"]"),
            "{page}"
        );
    }
    assert!(zh.contains("prefix = \"zh-CN/\"") && root.contains("prefix = \"\""));
}

#[test]
fn with_a_base_url_404_links_are_absolute_and_need_no_script() {
    let p = Project::new()
        .lesson("small.md", small(""))
        .lesson("small.zh-CN.md", small(""))
        .config("base_url = \"https://example.org/nn/\"\n");
    p.build().unwrap_or_else(|e| panic!("{e}"));
    let zh = read(&p, "zh-CN/404.html");
    assert!(
        zh.contains("href=\"https://example.org/nn/style.css\""),
        "{zh}"
    );
    assert!(
        zh.contains("href=\"https://example.org/nn/zh-CN/index.html\""),
        "{zh}"
    );
    assert!(!zh.contains("<script>"), "{zh}");
}

/// `base_url = "example.org"` gave a sitemap of relative addresses, which search engines drop;
/// `--base-url` is held to the same rule, before anything is written. Nor are credentials
/// published, nor an empty folder or a character a sitemap may not hold; a scheme in capitals is
/// a scheme.
#[test]
fn the_base_url_must_be_an_absolute_address() {
    for (value, problem) in [
        ("example.org/nn/", "does not start with `https://`"),
        ("https:///nn/", "names no host"),
        ("https://example.org/a b/", "holds a space"),
        ("https://example.org/?x", "`?`"),
        ("https://user:secret@example.org/", "user name or password"),
        ("https://example.org/sub//", "empty folder"),
        ("https://example.org//", "empty folder"),
        ("https://example.org/ü/", "outside ASCII"),
    ] {
        let p = Project::new()
            .lesson("small.md", small(""))
            .config(&format!("title = \"T\"\nbase_url = \"{value}\"\n"));
        let error = p.build().expect_err("a relative address is an error");
        let d = error.first();
        let loc = d.location.as_ref().expect("a location");
        assert_eq!((loc.line, loc.column), (2, 12), "{error}");
        assert!(d.message.contains("is not a public address"), "{error}");
        assert!(d.message.contains(problem), "{error}");
        assert!(d.expected.as_deref().unwrap_or("").contains("https://"));
        let p = Project::new().lesson("small.md", small(""));
        let run = run(build_command(&p.root, &p.site()).args(["--base-url", value]));
        run.failed()
            .says(&["--base-url", value, "is not a public address", problem]);
        assert!(!p.site().exists(), "nothing is written");
    }
    let p = Project::new().lesson("small.md", small(""));
    let run = run(build_command(&p.root, &p.site()).args(["--base-url", "HTTPS://example.org/"]));
    run.succeeded();
}

/// `edit_url`, as mdBook's `edit-url-template`: each lesson page links its file there, `{path}`
/// its path in `content/`, percent-encoded (a folder, a translation, a Chinese name); without it
/// the pages are as before. An address without `{path}`, or not absolute, is an error at it.
#[test]
fn edit_url_links_each_lesson_to_its_file() {
    let zh = small("slug = \"ke\"\n").replace("Small lesson", "小课");
    let p = Project::new()
        .lesson("small.md", small(""))
        .lesson("sub/课程.zh-CN.md", &zh)
        .config("edit_url = \"https://github.com/me/nn/edit/main/content/{path}\"\n");
    p.build().unwrap_or_else(|e| panic!("{e}"));
    let edit = |href: &str, words: &str| format!("<a class=\"edit\" href=\"{href}\">{words}</a>");
    let page = read(&p, "small/index.html");
    let link = edit(
        "https://github.com/me/nn/edit/main/content/small.md",
        "Edit this page",
    );
    assert!(page.contains(&link), "{page}");
    let page = read(&p, "zh-CN/ke/index.html");
    let path = "sub/%E8%AF%BE%E7%A8%8B.zh-CN.md";
    let link = edit(
        &format!("https://github.com/me/nn/edit/main/content/{path}"),
        "编辑此页",
    );
    assert!(page.contains(&link), "{page}");
    let p = Project::new().lesson("small.md", small(""));
    p.build().unwrap_or_else(|e| panic!("{e}"));
    assert!(!read(&p, "small/index.html").contains("class=\"edit\""));
    for (value, problem) in [
        (
            "https://github.com/me/nn/edit/main/content/",
            "has no `{path}`",
        ),
        (
            "github.com/me/nn/edit/main/{path}",
            "does not start with `https://`",
        ),
    ] {
        let p = Project::new()
            .lesson("small.md", small(""))
            .config(&format!("title = \"T\"\nedit_url = \"{value}\"\n"));
        let error = p.build().expect_err("a wrong address is an error");
        let d = error.first();
        let loc = d.location.as_ref().expect("a location");
        assert_eq!((loc.line, loc.column), (2, 12), "{error}");
        assert!(
            d.message.contains("is no address to edit a lesson at"),
            "{error}"
        );
        assert!(d.message.contains(problem), "{error}");
        assert!(d.expected.as_deref().unwrap_or("").contains("{path}"));
    }
}

/// A language's own `edit_url` (`[languages.zh-CN]`, a translation kept in a repository of its
/// own) links that language's lessons; the others keep the site's, or none without it. A wrong
/// one is an error at it, as the site's is.
#[test]
fn a_language_may_have_its_own_edit_url() {
    let zh = small("slug = \"ke\"\n").replace("Small lesson", "小课");
    let config = "[languages.zh-CN]\nedit_url = \"https://example.org/zh/{path}?edit\"\n";
    for site_wide in ["edit_url = \"https://example.org/en/{path}\"\n", ""] {
        let p = Project::new()
            .lesson("small.md", small(""))
            .lesson("sub/课程.zh-CN.md", &zh)
            .config(&format!("{site_wide}{config}"));
        p.build().unwrap_or_else(|e| panic!("{e}"));
        let zh_page = read(&p, "zh-CN/ke/index.html");
        let zh_link = "href=\"https://example.org/zh/sub/%E8%AF%BE%E7%A8%8B.zh-CN.md?edit\"";
        assert!(zh_page.contains(zh_link), "{zh_page}");
        let en_page = read(&p, "small/index.html");
        let en_link = "<a class=\"edit\" href=\"https://example.org/en/small.md\">";
        assert_eq!(
            en_page.contains(en_link),
            !site_wide.is_empty(),
            "{en_page}"
        );
        assert_eq!(en_page.contains("class=\"edit\""), !site_wide.is_empty());
    }
    let p = Project::new()
        .lesson("small.md", small(""))
        .config("[languages.zh-CN]\ntitle = \"T\"\nedit_url = \"https://example.org/zh/\"\n");
    let error = p.build().expect_err("a wrong address is an error");
    let loc = error.first().location.clone().expect("a location");
    assert_eq!((loc.line, loc.column), (3, 12), "{error}");
    assert!(error.to_string().contains("has no `{path}`"), "{error}");
}

#[test]
fn a_lessons_source_is_a_linked_line_under_its_title() {
    let p = Project::new().lesson(
        "small.md",
        small(
            "source = { title = \"Understanding <ReLU>\", author = \"A. Author\", \
             url = \"https://dev.to/someone/relu\" }\n",
        ),
    );
    p.build().unwrap_or_else(|e| panic!("{e}"));
    let page = read(&p, "small/index.html");
    let h1 = page.find("<h1>Small lesson</h1>").expect("the title");
    let line = page
        .find("<p class=\"lesson-source\">")
        .expect("the source line");
    assert!(line > h1, "the source line comes under the title");
    assert!(page.contains(
        "<p class=\"lesson-source\">Based on <a href=\"https://dev.to/someone/relu\">Understanding &lt;ReLU&gt;</a><span class=\"lesson-source-author\"> by A. Author</span></p>"
    ), "{page}");
    // Without an author, the line is the linked title alone; without a source, no line.
    let p = Project::new()
        .lesson(
            "a.md",
            small("source = { title = \"T\", url = \"http://example.org/t\" }\n"),
        )
        .lesson("b.md", small("slug = \"b\"\n"));
    p.build().unwrap_or_else(|e| panic!("{e}"));
    assert!(read(&p, "a/index.html").contains(
        "<p class=\"lesson-source\">Based on <a href=\"http://example.org/t\">T</a></p>"
    ));
    assert!(!read(&p, "b/index.html").contains("lesson-source"));
}

#[test]
fn the_relu_lesson_links_the_article_it_reproduces() {
    let out = crate::support::shipped(None);
    for page in [
        out.read("relu/index.html"),
        out.read("zh-CN/relu/index.html"),
    ] {
        assert!(page.contains(
            "<a href=\"https://dev.to/rijultp/understanding-relu-through-visual-python-examples-1k1n\">Understanding ReLU Through Visual Python Examples</a>"
        ));
        assert!(page.contains("Rijul Rajesh"));
    }
}

#[test]
fn the_math_font_and_its_licence_are_shipped_and_named_by_the_stylesheet() {
    let p = Project::new().lesson("small.md", small(""));
    p.build().unwrap_or_else(|e| panic!("{e}"));
    let licence = read(&p, "math-font-license.txt");
    assert!(licence.contains("DejaVu Math TeX Gyre") && licence.contains("Bitstream"));
    let css = read(&p, "style.css");
    // (served compact: tests/testsuite/site.rs has the rules of compaction)
    assert!(css.contains("math{font-family:\"nnbook Math\",math;font-size:1em}"));
    // The font is cut into files by Unicode range (src/font/subset-math.py): each is shipped,
    // no character is in two, and only the core's range holds the space, so that its MATH
    // table and stretchy glyphs are the ones the browser uses.
    let faces = math_font_faces(&css);
    let files: Vec<&str> = faces.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        files,
        [
            "math-core.woff2",
            "math-greek.woff2",
            "math-latin.woff2",
            "math-alphabets.woff2",
            "math-symbols.woff2"
        ]
    );
    for (file, _) in &faces {
        let font = std::fs::read(p.site().join(file)).unwrap();
        assert_eq!(&font[..4], b"wOF2", "{file} is a WOFF2 font");
    }
    let holding = |c: u32| -> Vec<&str> {
        faces
            .iter()
            .filter(|(_, ranges)| ranges.iter().any(|r| r.contains(&c)))
            .map(|(file, _)| file.as_str())
            .collect()
    };
    assert_eq!(holding(0x20), ["math-core.woff2"]);
    for c in 0..0x20000 {
        assert!(holding(c).len() <= 1, "U+{c:X} is in {:?}", holding(c));
    }
    // What the shipped lessons' formulas use is in the core: x, −, ⋅, the sum and its
    // stretchy pieces, the math italic x (U+1D465) and h (U+210E).
    for c in ['x', '(', '−', '⋅', '∑', '√', '⟨', '\u{1D465}', '\u{210E}'] {
        assert_eq!(holding(c as u32), ["math-core.woff2"], "{c}");
    }
    assert_eq!(holding('σ' as u32), ["math-greek.woff2"]);
}

/// The files and Unicode ranges of the stylesheet's "nnbook Math" faces, in order.
fn math_font_faces(css: &str) -> Vec<(String, Vec<std::ops::RangeInclusive<u32>>)> {
    css.split("@font-face{")
        .skip(1)
        .map(|face| &face[..face.find('}').unwrap()])
        .filter(|face| face.contains("font-family:\"nnbook Math\""))
        .map(|face| {
            let field = |name: &str| {
                let at = face
                    .find(name)
                    .unwrap_or_else(|| panic!("{name} in {face}"))
                    + name.len();
                face[at..].split(';').next().unwrap()
            };
            let file = field("src:url(\"").split('"').next().unwrap().to_string();
            let ranges = field("unicode-range:")
                .split(',')
                .map(|r| {
                    let r = r.trim().strip_prefix("U+").unwrap();
                    let (a, b) = r.split_once('-').unwrap_or((r, r));
                    let hex = |h: &str| u32::from_str_radix(h, 16).unwrap();
                    hex(a)..=hex(b)
                })
                .collect();
            (file, ranges)
        })
        .collect()
}

#[test]
fn a_lesson_with_contents_loads_the_script_that_marks_the_section_read() {
    let headings = "\n## One\n\nText.\n\n## Two\n\nText.\n\n## Three\n\nText.\n";
    let p = Project::new()
        .lesson("a.md", small("") + headings)
        .lesson("b.md", small("slug = \"b\"\n"));
    p.build().unwrap_or_else(|e| panic!("{e}"));
    let with = read(&p, "a/index.html");
    assert!(
        with.contains("<body class=\"page page-lesson has-toc\">"),
        "{with}"
    );
    assert!(with.contains("<article class=\"lesson with-toc\""));
    assert!(with.contains("<script src=\"../toc.js\" defer></script>\n</nav>"));
    let without = read(&p, "b/index.html");
    assert!(!without.contains("toc.js") && !without.contains("with-toc"));
    assert!(read(&p, "toc.js").contains("aria-current"));
}

/// A project whose lessons are all translations still has its front door: the index and 404
/// page of the default language at the site's root, the index linking to the others (before,
/// the root had neither, and the build said nothing).
#[test]
fn a_site_of_translations_alone_has_a_root_index_and_404_page() {
    let p = Project::new().lesson("small.zh-CN.md", small(""));
    p.build().expect("a translation alone builds");
    let index = read(&p, "index.html");
    assert!(index.contains("<html lang=\"en\">"), "{index}");
    assert!(index.contains("href=\"zh-CN/index.html\""), "{index}");
    assert!(read(&p, "404.html").contains("<html lang=\"en\">"));
    assert!(read(&p, "zh-CN/index.html").contains("href=\"../index.html\""));
}

/// A translation is its lesson's file name with a language tag, even when it gives itself a
/// slug of its own (before, only lessons of one slug were linked as translations).
#[test]
fn a_translation_with_a_slug_of_its_own_is_linked_by_its_file_name() {
    let p = Project::new()
        .lesson("small.md", small(""))
        .lesson("small.zh-CN.md", small("slug = \"xiao\"\n"))
        .lesson("other.zh-CN.md", small("slug = \"other\"\n"));
    p.build().unwrap_or_else(|e| panic!("{e}"));
    let english = read(&p, "small/index.html");
    assert!(
        english.contains("href=\"../zh-CN/xiao/index.html\""),
        "{english}"
    );
    let chinese = read(&p, "zh-CN/xiao/index.html");
    assert!(
        chinese.contains("href=\"../../small/index.html\""),
        "{chinese}"
    );
    let other = read(&p, "zh-CN/other/index.html");
    assert!(!other.contains("hreflang=\"en\""), "{other}");
}

/// Every mistake of `nnbook.toml` in one run, each with its hint (before, one per run, and a
/// misspelt field had no "did you mean"; a value of the wrong type hid the address and the
/// language tags until it was fixed).
#[test]
fn every_mistake_of_the_configuration_is_reported_in_one_run() {
    let p = Project::new().lesson("small.md", small("")).config(
        "title = \"X\"\ndescription = 3\nlanguge = \"en\"\nbase_url = \"ftp://e.org/\"\n\n[languages.fr]\ntitel = \"Leçons\"\n\n[languages.zh_CN]\ntitle = \"课程\"\n",
    );
    let error = p.build().expect_err("five mistakes");
    let found: Vec<(usize, &str, Option<&str>)> = error
        .diagnostics
        .iter()
        .map(|d| {
            let line = d.location.as_ref().map_or(0, |l| l.line);
            (line, d.message.as_str(), d.hint.as_deref())
        })
        .collect();
    assert_eq!(found.len(), 5, "{error}");
    assert!(found[0].1.contains("invalid type: integer `3`"), "{error}");
    let found = &found[1..];
    assert!(found[0].1.contains("unknown field `languge`"), "{error}");
    assert_eq!(found[0].2, Some("did you mean `language`?"));
    assert!(found[1].1.contains("is not a public address"), "{error}");
    assert!(found[2].1.contains("unknown field `titel`"), "{error}");
    assert_eq!(found[2].2, Some("did you mean `title`?"));
    assert!(
        found[3].1.contains("`zh_CN` is not a language tag"),
        "{error}"
    );
    let lines: Vec<usize> = error
        .diagnostics
        .iter()
        .map(|d| d.location.as_ref().map_or(0, |l| l.line))
        .collect();
    assert_eq!(lines, [2, 3, 4, 7, 9]);
}
