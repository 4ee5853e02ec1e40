//! A lesson's `date` and `updated`, shown under its title, and the site's Atom feeds (`feed =
//! true`, as Zola's `generate_feeds`): one per language of its dated lessons, the newest first,
//! linked from every page's head, the same bytes from one build to the next; and the sitemap's
//! `lastmod`.

use crate::support::markup::check_xml;
use crate::support::{small, Project};

/// Three English lessons and a Chinese one, dated in three offsets from UTC, and one without a
/// date, in a project with a feed and an address.
fn dated() -> Project {
    Project::new()
        .config("title = \"Nets & <Co>\"\nbase_url = \"https://example.org/l\"\nfeed = true\nauthor = \"Ada\"\n\n[languages.zh-CN]\ntitle = \"网络\"\n")
        // (By the day as written: 3, 3 and 2 December. By the moment: 01:00, 00:00 and
        // 01:30 UTC on 3 December, so the third is the newest.)
        .lesson("east.md", small("date = 2026-12-03T09:00:00+08:00\nseries = \"Basics\"\npart = 1\n"))
        .lesson("day.md", small("date = 2026-12-03\n"))
        .lesson("west.md", small("date = 2026-11-01\nupdated = 2026-12-02T23:30:00-02:00\n"))
        .lesson("undated.md", small(""))
        .lesson("east.zh-CN.md", small("date = 2026-12-04\n"))
}

/// The `<id>`s of a feed's entries, in order.
fn entries(xml: &str) -> Vec<&str> {
    xml.split("<entry>")
        .skip(1)
        .map(|e| {
            e.split("<id>")
                .nth(1)
                .and_then(|r| r.split("</id>").next())
                .unwrap()
        })
        .collect()
}

#[test]
fn each_language_has_a_feed_of_its_dated_lessons_newest_first() {
    let p = dated();
    let built = p.build().unwrap_or_else(|e| panic!("{e}"));
    let feed = p.read("atom.xml");
    check_xml(&feed).unwrap_or_else(|e| panic!("{e}\n{feed}"));
    assert_eq!(
        entries(&feed),
        [
            "https://example.org/l/west/",
            "https://example.org/l/east/",
            "https://example.org/l/day/",
        ],
        "{feed}"
    );
    // (The feed's own time is its newest lesson's, as written.)
    let head = feed.split("<entry>").next().unwrap();
    assert!(
        head.contains("<updated>2026-12-02T23:30:00-02:00</updated>"),
        "{head}"
    );
    assert!(
        head.contains("<title>Nets &amp; &lt;Co&gt;</title>"),
        "{head}"
    );
    assert!(head.contains("<author><name>Ada</name></author>"), "{head}");
    assert!(head.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://example.org/l/atom.xml\"/>"), "{head}");
    assert!(feed.contains("<published>2026-11-01T00:00:00Z</published>\n<updated>2026-12-02T23:30:00-02:00</updated>"), "{feed}");
    assert!(feed.contains("<category term=\"Basics\"/>"), "{feed}");
    let zh = p.read("zh-CN/atom.xml");
    check_xml(&zh).unwrap_or_else(|e| panic!("{e}\n{zh}"));
    assert!(
        zh.contains("xml:lang=\"zh-CN\"") && zh.contains("<title>网络</title>"),
        "{zh}"
    );
    assert_eq!(entries(&zh), ["https://example.org/l/zh-CN/east/"]);
    // Every page links its language's feed in its head.
    let link = "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"https://example.org/l/atom.xml\" title=\"Nets &amp; &lt;Co&gt;\">";
    for page in [
        "index.html",
        "day/index.html",
        "undated/index.html",
        "404.html",
        "search.html",
    ] {
        let html = p.read(page);
        let head = html.split("</head>").next().unwrap();
        assert!(head.contains(link), "{page}: {head}");
    }
    assert!(p
        .read("zh-CN/east/index.html")
        .contains("href=\"https://example.org/l/zh-CN/atom.xml\" title=\"网络\">"));
    // The lesson without a date is told, at its front matter.
    let told: Vec<String> = (built.warnings.iter())
        .map(|d| format!("{}: {}", d.location.as_ref().unwrap().file, d.message))
        .collect();
    assert_eq!(
        told,
        ["content/undated.md: the lesson has no `date`: the site's feed leaves it out"]
    );
    // The sitemap tells when a dated lesson last changed.
    let sitemap = p.read("sitemap.xml");
    for line in [
        "<url><loc>https://example.org/l/west/</loc><lastmod>2026-12-02T23:30:00-02:00</lastmod></url>",
        "<url><loc>https://example.org/l/zh-CN/east/</loc><lastmod>2026-12-04T00:00:00Z</lastmod><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/l/east/\"/><xhtml:link rel=\"alternate\" hreflang=\"zh-CN\" href=\"https://example.org/l/zh-CN/east/\"/></url>",
        "<url><loc>https://example.org/l/undated/</loc></url>",
    ] {
        assert!(sitemap.lines().any(|l| l == line), "{line}\n{sitemap}");
    }
    // The next build writes the same bytes.
    p.build().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.read("atom.xml"), feed);
}

#[test]
fn a_lessons_dates_are_shown_under_its_title_in_its_language() {
    let p = dated();
    p.build().unwrap_or_else(|e| panic!("{e}"));
    let shown = |page: &str| {
        let html = p.read(page);
        let line = html
            .lines()
            .find(|l| l.contains("lesson-date"))
            .map(str::to_string);
        line.unwrap_or_default()
    };
    assert_eq!(
        shown("west/index.html"),
        "<p class=\"lesson-source lesson-date\">Published <time datetime=\"2026-11-01\">1\u{a0}November\u{a0}2026</time> · Updated <time datetime=\"2026-12-02\">2\u{a0}December\u{a0}2026</time></p>"
    );
    // (The day as the author wrote it, in its own offset.)
    assert!(shown("east/index.html")
        .contains("<time datetime=\"2026-12-03\">3\u{a0}December\u{a0}2026</time></p>"));
    assert!(shown("zh-CN/east/index.html")
        .contains("发布于 <time datetime=\"2026-12-04\">2026年12月4日</time></p>"));
    assert_eq!(shown("undated/index.html"), "");
}

/// A theme's index may show each lesson's dates (`lessons[].date`, `lessons[].updated`, each
/// `day` and `shown`), as its page shows them; the template check knows them.
#[test]
fn a_theme_reads_each_index_entry_s_dates() {
    let index = "{% for l in lessons %}{{ l.title }}:{% if l.date %} {{ l.date.day }} {{ l.date.shown }}{% endif %}{% if l.updated %} / {{ l.updated.shown }}{% endif %}\n{% endfor %}";
    let p = dated().template("index.html", index);
    p.build().unwrap_or_else(|e| panic!("{e}"));
    // (The lessons by slug: day, east, undated, west; the day as each writes it.)
    assert_eq!(
        p.read("index.html"),
        "Small lesson: 2026-12-03 3\u{a0}December\u{a0}2026\n\
         Small lesson: 2026-12-03 3\u{a0}December\u{a0}2026\n\
         Small lesson:\n\
         Small lesson: 2026-11-01 1\u{a0}November\u{a0}2026 / 2\u{a0}December\u{a0}2026\n"
    );
}

#[test]
fn no_feed_without_feed_true_or_without_the_sites_address() {
    // Off by default: no feed, no link, no warning for a lesson without a date.
    let p = Project::new()
        .config("base_url = \"https://example.org/\"\n")
        .lesson("a.md", small(""));
    let built = p.build().unwrap_or_else(|e| panic!("{e}"));
    assert!(!p.site().join("atom.xml").exists());
    assert!(!p.read("a/index.html").contains("atom"));
    assert!(built.warnings.is_empty(), "{:?}", built.warnings);
    // On, without an address: a build says it writes no feed; `check` does not (a CI builds
    // with `--base-url`).
    let p = Project::new()
        .config("feed = true\n")
        .lesson("a.md", small("date = 2026-12-06\n"));
    let built = p.build().unwrap_or_else(|e| panic!("{e}"));
    assert!(!p.site().join("atom.xml").exists());
    assert!(!p.read("index.html").contains("atom"));
    let messages: Vec<&str> = built.warnings.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        ["`feed = true`, but the site has no address: no feed is written"]
    );
    let checked = nnbook::check(&p.root).unwrap_or_else(|e| panic!("{e}"));
    assert!(checked.warnings.is_empty(), "{:?}", checked.warnings);
}

#[test]
fn a_link_to_the_feed_is_not_broken() {
    let p = Project::new()
        .config("base_url = \"https://example.org/\"\nfeed = true\n")
        .lesson(
            "a.md",
            small("date = 2026-12-06\n").replacen(
                "\n\n",
                "\n\nSubscribe: [the feed](../atom.xml).\n\n",
                1,
            ),
        );
    let built = p.build().unwrap_or_else(|e| panic!("{e}"));
    assert!(built.warnings.is_empty(), "{:?}", built.warnings);
}

#[test]
fn wrong_dates_are_errors_at_their_value() {
    let p = Project::new()
        .lesson("quoted.md", small("date = \"2026-12-06\"\n"))
        .lesson("local.md", small("date = 2026-12-06T09:30:00\n"))
        .lesson(
            "early.md",
            small("date = 2026-12-06\nupdated = 2026-12-05T23:00:00+02:00\n"),
        )
        // (5 December, 23:00 two hours west of UTC: 6 December, 01:00 UTC, after the date.)
        .lesson(
            "later.md",
            small("date = 2026-12-06\nupdated = 2026-12-05T23:00:00-02:00\n"),
        )
        .lesson("alone.md", small("updated = 2026-12-06\n"));
    let error = nnbook::check(&p.root).expect_err("four wrong dates");
    let found: Vec<(String, usize, &str, &str)> = (error.diagnostics.iter())
        .map(|d| {
            let at = d.location.as_ref().unwrap();
            (
                at.file.clone(),
                at.line,
                d.message.as_str(),
                d.hint.as_deref().unwrap_or(""),
            )
        })
        .collect();
    let since = "`date` is when the lesson was first published, `updated` when it last changed";
    assert_eq!(
        found,
        [
            ("content/alone.md".to_string(), 2, "`updated` without `date`", since),
            ("content/early.md".to_string(), 3, "the lesson is updated before it is published", since),
            (
                "content/local.md".to_string(),
                2,
                "`2026-12-06T09:30:00` is a date and time without its offset from UTC",
                "the page shows the day; the site's feed orders lessons by it (a day alone is its midnight, UTC)"
            ),
            (
                "content/quoted.md".to_string(),
                2,
                "invalid front matter: invalid type: string \"2026-12-06\", expected a TOML datetime",
                "a date is written without quotes, like `date = 2026-12-06`"
            ),
        ]
    );
}

#[test]
fn feed_limit_keeps_the_newest_entries() {
    let p = dated();
    let config = p.root.join("nnbook.toml");
    let toml = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        toml.replacen("feed = true\n", "feed = true\nfeed_limit = 2\n", 1),
    )
    .unwrap();
    p.build().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        entries(&p.read("atom.xml")),
        ["https://example.org/l/west/", "https://example.org/l/east/"]
    );
    std::fs::write(
        &config,
        toml.replacen("feed = true\n", "feed = true\nfeed_limit = 0\n", 1),
    )
    .unwrap();
    let error = nnbook::check(&p.root).expect_err("a feed of no entry");
    let d = error.first();
    assert_eq!(d.message, "a feed of 0 entries");
    let at = d.location.as_ref().unwrap();
    assert_eq!(
        (at.file.as_str(), at.line, at.column),
        ("nnbook.toml", 4, 14)
    );
}
