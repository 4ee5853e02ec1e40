//! Habits authors bring from other tools, each told what nnbook wants: a link to a lesson's
//! Markdown file (mdBook's), front matter as Zola, Hugo or Quarto write it, and a series written
//! as one table with its part or as Hugo's list.

use crate::diagnostics::{errors, lesson, NETWORK};
use crate::support::{assert_errors_at, told, Project};

/// A link to a lesson's Markdown file, as an editor or mdBook resolves it (relative to the
/// lesson's own file), is published as the link to that lesson's page, from the page it is on:
/// another language's folder, a lesson in a subfolder of `content/`, the lesson itself, the
/// fragment kept; in a figure's caption and in the notebook's Markdown too. It is no broken link.
/// One with a query (`two.md?x`) keeps it; one to a Markdown file that is no lesson is a broken
/// link with the general hint, in a build that fails too. When the linked lesson moves (its slug), the page linking it is rendered again.
#[test]
fn a_link_to_a_lessons_markdown_file_links_its_page() {
    let figure = "```figure\nid = \"x\"\ncaption = \"See [two](two.md).\"\nseries = [{ signal = \"output.activation\" }]\n```";
    let two = lesson(
        r#"title = "Two""#,
        &format!(
            "{NETWORK}\n\n{}\n\nThe weight is {{{{ w1 }}}}.",
            figure.replace("See [two](two.md).", "")
        ),
    );
    let links = "[two](two.md#figure-x), [three](sub/three.md), [me](one.md), [none](none.md), [odd](two.md?x)";
    let one = lesson(
        r#"title = "One""#,
        &format!("{links}\n\n{NETWORK}\n\n{figure}\n\nThe weight is {{{{ w1 }}}}."),
    );
    let zh = lesson(
        r#"title = "一""#,
        &format!("[two](two.md)\n\n{NETWORK}\n\n权重 {{{{ w1 }}}}。"),
    );
    let p = Project::new()
        .lesson("one.md", &one)
        .lesson("one.zh-CN.md", &zh)
        .lesson("two.md", &two)
        .lesson("sub/three.md", two.replace("\"Two\"", "\"Three\""));
    let summary = p.build().unwrap_or_else(|e| panic!("{e}"));
    let page = p.read("one/index.html");
    for href in [
        "href=\"../two/index.html#figure-x\"",
        "href=\"../three/index.html\"",
        "href=\"index.html\"",
        "href=\"none.md\"",
        "href=\"../two/index.html?x\"",
    ] {
        assert!(page.contains(href), "{href}");
    }
    assert_eq!(
        page.matches("href=\"../two/index.html\"").count(),
        1,
        "the caption's link"
    );
    assert!(p
        .read("zh-CN/one/index.html")
        .contains("href=\"../../two/index.html\""));
    assert!(p
        .read("one/one.ipynb")
        .contains("[two](../two/index.html#figure-x)"));
    let hints = |warnings: &[nnbook::Diagnostic]| -> Vec<String> {
        let links = warnings
            .iter()
            .filter(|w| w.message.starts_with("broken link"));
        links.map(|w| w.hint.clone().unwrap_or_default()).collect()
    };
    let expected = ["link another lesson by its Markdown file, like `relu.md` (relative to this lesson's), or by its page, `../<slug>/index.html`; a figure of this lesson is `#figure-<id>`"];
    assert_eq!(hints(&summary.warnings), expected);
    // The linked lesson moves (its neighbours stay): the page linking it follows.
    std::fs::write(
        p.root.join("content/two.md"),
        two.replace("title = \"Two\"", "title = \"Two\"\nslug = \"zz-two\""),
    )
    .expect("write");
    p.build().unwrap_or_else(|e| panic!("{e}"));
    assert!(p
        .read("one/index.html")
        .contains("href=\"../zz-two/index.html#figure-x\""));
    // In a build that fails, the same warnings.
    let failing = p.file("content/broken.md", "+++\ntitle = 3\n+++\n");
    let error = nnbook::check(&failing.root).expect_err("a lesson is broken");
    let warnings: Vec<_> = error
        .diagnostics
        .into_iter()
        .filter(|d| !d.is_error())
        .collect();
    assert_eq!(hints(&warnings), expected);
}

/// Front matter as Zola, Hugo or Quarto write it: `description` and `weight` are told what
/// nnbook calls them (they were "check the spelling"), and `language` that a lesson's language
/// is in its file name. Each is its own error, in one run.
#[test]
fn front_matter_of_other_site_generators_is_told_nnbooks_names() {
    let text = crate::support::small("description = \"About\"\nweight = 3\nlanguage = \"fr\"\n");
    let report = errors(&[("content/one.md", &text)]);
    assert_errors_at(
        &report,
        &[
            ("unknown field `description`", "one.md:2:1"),
            ("unknown field `weight`", "one.md:3:1"),
            ("unknown field `language`", "one.md:4:1"),
        ],
        3,
    );
    for hint in [
        "hint: what other site generators call `description`, nnbook calls `summary`",
        "hint: what other site generators call `weight`, nnbook calls `order`",
        "hint: a lesson's language is in its file name: `relu.zh-CN.md` is the lesson `relu` in Chinese",
    ] {
        assert!(report.contains(hint), "{hint}\n{report}");
    }
}

/// A series written as one table with its part (`series = { name = "Basics", part = 3 }`) got
/// the hint for any wrong type; it is told the two fields, with the part written.
#[test]
fn a_series_written_with_its_part_is_told_the_two_fields() {
    let text = crate::support::small("series = { name = \"Basics\", part = 3 }\n");
    let report = errors(&[("content/one.md", &text)]);
    assert_errors_at(
        &report,
        &[("invalid type: map, expected a string", "one.md:2:10")],
        1,
    );
    let hint =
        "hint: a series is named by text, its part beside it: `series = \"Basics\"` and `part = 3`";
    assert!(report.contains(hint), "{report}");
}

/// Hugo's taxonomy, `series = ["Basics"]`, is told to write the text alone, `series = "Basics"`
/// (it got the hint for any wrong type).
#[test]
fn a_series_written_as_a_list_is_told_the_text() {
    let text = crate::support::small("series = [\"Basics\"]\n");
    let report = errors(&[("content/one.md", &text)]);
    assert_errors_at(
        &report,
        &[("invalid type: list, expected a string", "one.md:2:10")],
        1,
    );
    let hint = "hint: write the text alone, without brackets: `\"Basics\"`";
    assert!(report.contains(hint), "{report}");
}

/// GitHub's alerts (`> [!NOTE]`, as GitHub, Obsidian and mdBook's plugins write them) showed
/// their marker as text in a quotation. Each of the five is now a note titled in the page's
/// words (GitHub's), the marker gone; a quotation stays one. The notebook, whose Jupyter shows
/// the marker as written, gets the title in bold, a paragraph of its own.
#[test]
fn githubs_alerts_are_notes_titled_in_the_pages_words() {
    let kinds = ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"];
    let alerts: String = kinds
        .iter()
        .map(|k| format!("> [!{k}]\n> About {}.\n\n", k.to_lowercase()))
        .collect();
    let body = format!("{alerts}> A quotation, [!NOTE] in it.\n\n{NETWORK}\n\nw1 = {{{{ w1 }}}}.");
    let en = lesson(r#"title = "Alerts""#, &body);
    let zh = lesson(r#"title = "提示""#, &body);
    let p = Project::with_lessons(&[("a.md", en), ("a.zh-CN.md", zh)]);
    p.build().unwrap_or_else(|e| panic!("{e}"));
    for (page, titles) in [
        (
            "a/index.html",
            ["Note", "Tip", "Important", "Warning", "Caution"],
        ),
        (
            "zh-CN/a/index.html",
            ["注意", "提示", "重要", "警告", "小心"],
        ),
    ] {
        let html = p.read(page);
        for (kind, title) in kinds.iter().zip(titles) {
            let kind = kind.to_lowercase();
            let note = format!("<div class=\"nn-alert nn-alert-{kind}\" role=\"note\">\n<p class=\"nn-alert-title\">{title}</p>\n<p>About {kind}.</p>\n</div>");
            assert!(html.contains(&note), "{page} lacks {note}");
        }
        assert_eq!(html.matches("[!").count(), 1, "{page}: a marker left");
        assert!(html.contains("<blockquote>\n<p>A quotation, [!NOTE] in it.</p>\n</blockquote>"));
        let notebook = p.read(&page.replace("index.html", "a.ipynb"));
        let cells: serde_json::Value = serde_json::from_str(&notebook).expect("JSON");
        let text: String = (cells["cells"].as_array().expect("cells").iter())
            .filter_map(|c| c["source"].as_array())
            .flatten()
            .filter_map(|line| line.as_str())
            .collect();
        assert!(
            text.contains(&format!("> **{}**\n>\n> About note.", titles[0])),
            "{text}"
        );
        assert_eq!(text.matches("[!").count(), 1, "{text}");
    }
}

/// Hugo's `lastmod` is told it is nnbook's `updated`, Quarto's `categories` nnbook's `tags`;
/// Zola's and Hugo's `authors` is told it has no place in a lesson's front matter. A date written as TOML's date
/// (`2026-12-06`, unquoted) where it is not a lesson's `date` hid every
/// other mistake of its block (serde reads it as a table, which the reading past mistakes did
/// not): all are reported now, and a date where text is expected is called a date, not a map.
#[test]
fn other_tools_dates_tags_and_authors_are_told_and_hide_nothing() {
    let front = "date = 2026-12-01\nlastmod = 2026-12-06\nauthors = [\"Ada\"]\ncategories = [\"relu\"]\ntitle = \"Dates\"";
    let figure = "```figure\ntitle = 2026-12-06\ntitel = \"x\"\nseries = [{ signal = \"output.activation\" }]\n```";
    let text = lesson(front, &format!("{NETWORK}\n\n{figure}"));
    let p = Project::with_lessons(&[("a.md", text)]);
    let error = nnbook::check(&p.root).expect_err("five mistakes");
    let found: Vec<(&str, &str)> = (error.diagnostics.iter())
        .map(|d| (d.message.as_str(), d.hint.as_deref().unwrap_or("")))
        .collect();
    let fields = "expected one of `title`, `summary`, `order`, `precision`, `slug`, `source`, `series`, `part`, `draft`, `date`, `updated`, `aliases`, `tags`, `extra`";
    let elsewhere = |name: &str, more: &str| {
        (
            format!("invalid front matter: unknown field `{name}`, {fields}"),
            format!("other site generators' `{name}` has no place in a lesson's front matter: leave it out (the README lists every field{more})"),
        )
    };
    let expected = [
        (
            format!("invalid front matter: unknown field `lastmod`, {fields}"),
            "what other site generators call `lastmod`, nnbook calls `updated`".to_string(),
        ),
        elsewhere("authors", "; the work a lesson follows, with its author, is its `source`"),
        (
            format!("invalid front matter: unknown field `categories`, {fields}"),
            "what other site generators call `categories`, nnbook calls `tags`".to_string(),
        ),
        (
            "invalid figure block: invalid type: date `2026-12-06`, expected a string".to_string(),
            "text is in \"quotes\": `\"2026-12-06\"`".to_string(),
        ),
        (
            "invalid figure block: unknown field `titel`, expected one of `id`, `title`, `x_label`, `y_label`, `caption`, `series`, `points`, `points_label`".to_string(),
            "did you mean `title`?".to_string(),
        ),
    ];
    let expected: Vec<(&str, &str)> = expected
        .iter()
        .map(|(m, h)| (m.as_str(), h.as_str()))
        .collect();
    assert_eq!(found, expected);
}

/// Zola's `[taxonomies]` table is told it is nnbook's `tags`, a field of the front matter.
#[test]
fn zola_taxonomies_are_told_they_are_tags() {
    let text = "+++\ntitle = \"T\"\n[taxonomies]\ntags = [\"relu\"]\n+++\n\nHello.\n";
    let p = Project::with_lessons(&[("a.md", text.to_string())]);
    let error = nnbook::check(&p.root).expect_err("an unknown field");
    let found: Vec<(&str, &str)> = (error.diagnostics.iter())
        .map(|d| (d.message.as_str(), d.hint.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(found.len(), 1, "{error}");
    assert!(found[0].0.contains("unknown field `taxonomies`"), "{error}");
    assert_eq!(found[0].1, "Zola's `[taxonomies]` table is nnbook's `tags = [\"…\"]`, a field of the front matter itself (before any table)");
}

/// mdBook's `{{#include}}` and Hugo's and Zola's shortcodes, written in a lesson, are each told
/// what nnbook has instead (they got "a placeholder names one of the above", or the hint about
/// LaTeX's braces). In code, a call in two braces is still taken for Python's.
#[test]
fn mdbooks_include_and_shortcodes_are_told_what_nnbook_has() {
    let body = format!(
        "{NETWORK}\n\n```python\n{{{{#include code.py}}}}\nprint(f\"{{{{ f(x) }}}}\")\n```\n\n\
         {{{{< figure src=\"x.png\" >}}}} {{{{% notice %}}}} {{{{ youtube(id=\"abc\") }}}}\n"
    );
    let p = Project::with_lessons(&[("a.md", lesson(r#"title = "Habits""#, &body))]);
    let error = nnbook::check(&p.root).expect_err("five placeholders of other tools");
    let hints: Vec<(&str, &str)> = (error.diagnostics.iter())
        .filter(|d| d.message.starts_with("unknown placeholder"))
        .map(|d| (d.message.as_str(), d.hint.as_deref().unwrap_or("")))
        .collect();
    let include = "nnbook has no mdBook `{{#include}}`: write the code in the block, its numbers as placeholders (`{{ w1 }}`), so that they follow the network block";
    let shortcode = "Hugo's and Zola's shortcodes are not nnbook's: a chart is a ```figure block, an image `![alt](file.png)` with the file beside the lesson";
    assert_eq!(
        hints,
        [
            ("unknown placeholder `#include code.py`", include),
            ("unknown placeholder `f(x)`", "for `{{` as written, mark the code block `verbatim` (```python verbatim), or put a space between the braces"),
            ("unknown placeholder `< figure src=\"x.png\" >`", shortcode),
            ("unknown placeholder `% notice %`", shortcode),
            ("unknown placeholder `youtube(id=\"abc\")`", shortcode),
        ]
    );
}

/// Quarto's and MyST's markup, which nnbook shows as written, is told what nnbook writes: a
/// fenced div (a callout told GitHub's alerts; its closing `:::` goes with it; after a
/// paragraph too, which made it a definition list without a word), a cross-reference
/// told the link to the figure's id, a MyST role, a Jupyter Book directive's fence. In code it is
/// code; an address that holds `@fig-` is no cross-reference.
#[test]
fn quarto_and_myst_markup_is_told_what_nnbook_writes() {
    let body = format!(
        "{NETWORK}\n\nA paragraph.\n\n::: {{.callout-note}}\nA note.\n:::\n\n\
         See @fig-kinks and {{numref}}`fig-kinks`; mail me@fig-x.org, `@fig-code`.\n\n\
         ```{{code-cell}} python\nprint(1)\n```\n\n```python\n# @fig-in-code\n```\n"
    );
    let p = Project::with_lessons(&[("a.md", lesson(r#"title = "Habits""#, &body))]);
    let built = p.build().unwrap_or_else(|e| panic!("{e}"));
    let warnings: Vec<_> = (told(&built.warnings).into_iter())
        .filter(|(message, _, _)| !message.contains("no figure or table uses"))
        .collect();
    let line = |text: &str| body.lines().position(|l| l.contains(text)).expect(text) + 5;
    let expected = [
        (
            "`::: {.callout-note}` opens a fenced div (Quarto, MyST): nnbook shows it, and the `:::` closing it, as text",
            format!("{}:1", line("callout")),
            "a note is GitHub's alert: `> [!NOTE]` (or `[!TIP]`, `[!WARNING]`, ...) on a line, then `> ` before each line of the note",
        ),
        (
            "`@fig-kinks` is a Quarto cross-reference: nnbook shows it as text",
            format!("{}:5", line("See @fig")),
            "link what it names by its id: `[](#figure-kinks)` says its title (or give the words, `[the figure](#figure-kinks)`); a figure's id is `#figure-` and its `id`, a heading's its words or the `{#id}` after it",
        ),
        (
            "`{numref}` is a MyST role (Jupyter Book): nnbook shows it as text",
            format!("{}:20", line("See @fig")),
            "link what it names by its id, as MyST's `[](#label)`: `[](#figure-kinks)` says the figure's title, `[](#training)` the heading's; another lesson by its file, `[ReLU](relu.md)`",
        ),
        (
            "`{code-cell}` is a MyST directive (Jupyter Book): nnbook shows the block as code",
            format!("{}:1", line("code-cell")),
            "write ```python: the page highlights it and the notebook makes it a code cell (nnbook runs no code; its figures come from the nnbook blocks)",
        ),
    ];
    let expected: Vec<_> = (expected.into_iter())
        .map(|(m, at, h)| (m.to_string(), at, h.to_string()))
        .collect();
    assert_eq!(warnings, expected);
}

/// Quarto's attributes after an image and MathJax's math delimiters (`\(x^2\)`, a `\[` line),
/// which CommonMark shows as text without the backslashes, are told nnbook's forms, also with
/// emphasis within (`\(a*b*c\)`); a `\[1\]` within a sentence is an escaped bracket, and a `\(`
/// whose `\)` is in the next paragraph is no math: both told nothing.
#[test]
fn quarto_image_attributes_and_mathjax_delimiters_are_told_nnbooks_forms() {
    let body = format!(
        "{NETWORK}\n\n![The cap](pic.png){{#fig-pic width=50%}}\n\nThe square \\(x^2\\), cited \\[1\\], \\(a*b*c\\).\n\nOpens \\( here.\n\nCloses \\) there.\n\n\\[\ny = x^2\n\\]\n"
    );
    let p = Project::with_lessons(&[("a.md", lesson(r#"title = "Habits""#, &body))])
        .file("content/pic.png", "not really a picture");
    let built = p.build().unwrap_or_else(|e| panic!("{e}"));
    let warnings: Vec<_> = (told(&built.warnings).into_iter())
        .filter(|(message, _, _)| !message.contains("no figure or table uses"))
        .collect();
    let line = |text: &str| body.lines().position(|l| l.starts_with(text)).expect(text) + 5;
    let expected = [
        (
            "`{#fig-pic width=50%}` after an image is Quarto's: nnbook shows it as text",
            format!("{}:20", line("![The cap]")),
            "the image's text is its caption and description, `![The caption](pic.png)`; to size it write HTML, `<img src=\"pic.png\" alt=\"The caption\" width=\"300\">`; a chart of the network is a ```figure block",
        ),
        (
            "`\\(x^2\\)` is MathJax's inline math: nnbook shows it as text, `(x^2)`",
            format!("{}:12", line("The square")),
            "write it between dollar signs: `$x^2$`",
        ),
        (
            "`\\(a*b*c\\)` is MathJax's inline math: nnbook shows it as text, `(a*b*c)`",
            format!("{}:34", line("The square")),
            "write it between dollar signs: `$a*b*c$`",
        ),
        (
            "`\\[` opens MathJax's display math: nnbook shows the formula as text",
            format!("{}:1", line("\\[")),
            "write the formula between `$$` lines",
        ),
    ];
    let expected: Vec<_> = (expected.into_iter())
        .map(|(m, at, h)| (m.to_string(), at, h.to_string()))
        .collect();
    assert_eq!(warnings, expected);
}

/// Zola's internal link, `[two](@/two.md)`, names a file from `content/` wherever the linking
/// lesson is: it links that lesson's page as a relative link to its file does, fragment and
/// all, and one to no lesson is a broken link named from the site's root.
#[test]
fn zolas_internal_links_name_a_file_from_content() {
    let figure = "```figure\nid = \"x\"\nseries = [{ signal = \"output.activation\" }]\n```";
    let two = lesson(r#"title = "Two""#, &format!("{NETWORK}\n\n{figure}"));
    let one = lesson(
        r#"title = "One""#,
        &format!("[two](@/two.md#figure-x), [none](@/none.md)\n\n{NETWORK}\n\n{figure}"),
    );
    let p = Project::new()
        .lesson("sub/one.md", &one)
        .lesson("two.md", &two);
    let built = p.build().unwrap_or_else(|e| panic!("{e}"));
    let broken: Vec<&str> = (built.warnings.iter())
        .filter(|w| w.message.starts_with("broken link"))
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(
        broken,
        ["broken link `@/none.md`: there is no lesson `content/none.md`"]
    );
    assert!(p
        .read("one/index.html")
        .contains("<a href=\"../two/index.html#figure-x\">two</a>"));
    assert!(p
        .read("one/one.ipynb")
        .contains("[two](../two/index.html#figure-x)"));
}

/// mdBook's `SUMMARY.md` in `content/` (no front matter) is told what it is and that nnbook
/// has none (it got the general "start the file with `+++`"); Zola's `_index.md` is built as a
/// lesson like any other, at `_index/`, and a warning says so (it was silent).
#[test]
fn mdbooks_summary_and_zolas_section_page_are_told_what_they_are() {
    let p = Project::new()
        .lesson("SUMMARY.md", "# Summary\n\n- [Intro](intro.md)\n")
        .lesson("_index.md", "+++\ntitle = \"Section\"\n+++\n\nHi.\n");
    let error = nnbook::check(&p.root).expect_err("SUMMARY.md has no front matter");
    let found: Vec<(&str, &str)> = (error.diagnostics.iter())
        .map(|d| (d.message.as_str(), d.hint.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        found,
        [
            ("the lesson does not start with front matter", "mdBook's `SUMMARY.md` lists a book's chapters; nnbook places each lesson by its `order` (or its series' `part`): move the file out of `content/`"),
            ("`_index.md` is built as a lesson (its page at `_index/`): nnbook has no section pages", "the index is built from the lessons, with nnbook.toml's `title` and `description`; a series (`series = \"…\"` in each lesson) groups them: remove `_index.md`, or name it for the lesson it is"),
        ],
        "{error}"
    );
}

/// A field of a block's own written below one of its `[table]` lines is that table's to TOML
/// (Cargo's and Zola's users meet it too): it got "check the spelling" for a name spelt right,
/// and a "missing field `input`" beside it. It is one error, at its key, saying why and where
/// the table line is. The same name inside an inline table (a node's) is no such mistake and
/// keeps the general hint; a lesson's front matter and `nnbook.toml` are read the same way.
#[test]
fn a_blocks_own_field_below_a_table_line_is_told_so() {
    let network = NETWORK.replace(
        "input = { name = \"x\", from = -1.0, to = 1.0, samples = 50 }\n\n[[layer]]\n",
        "[[layer]]\ninput = { name = \"x\", from = -1.0, to = 1.0, samples = 50 }\n",
    );
    let figure =
        "```figure\nid = \"f\"\n[[series]]\nsignal = \"output.activation\"\ncaption = \"C\"\n```";
    let inline = NETWORK.replace("{ name = \"top\",", "{ output = 1, name = \"top\",");
    let text = lesson(r#"title = "T""#, &format!("{network}\n\n{figure}"));
    let p = Project::new()
        .lesson("a.md", &text)
        .lesson("b.md", lesson(r#"title = "B""#, &inline));
    let error = nnbook::check(&p.root).expect_err("three errors");
    assert_eq!(
        told(&error.diagnostics),
        [
            (
                "invalid network block: unknown field `input`, expected `activation` or `nodes`".to_string(),
                "7:1".to_string(),
                "`input` is a field of the `network` block itself, but every key after a `[table]` line is that table's (here `[[layer]]`, line 6): move `input` above the first `[table]` line".to_string()
            ),
            (
                "invalid figure block: unknown field `caption`, expected one of `signal`, `label`, `color`".to_string(),
                "23:1".to_string(),
                "`caption` is a field of the `figure` block itself, but every key after a `[table]` line is that table's (here `[[series]]`, line 21): move `caption` above the first `[table]` line".to_string()
            ),
            (
                "invalid network block: unknown field `output`, expected one of `name`, `label`, `weights`, `bias`".to_string(),
                "11:5".to_string(),
                "check the spelling of the field name (the README lists every field)".to_string()
            ),
        ],
        "{error}"
    );
}

/// Below a table that takes any key (`[controls]`, a training's `[start]`), a field of the
/// block's own is read as one of the table's, and serde then finds it missing: "missing field
/// `learning_rate`, add the missing field", at the block's start, for a field that is there.
/// The error is at the field, naming the table line.
#[test]
fn a_blocks_own_field_below_a_table_of_any_keys_is_found_where_it_is() {
    let network = NETWORK.replace(
        "input = { name = \"x\", from = -1.0, to = 1.0, samples = 50 }\n",
        "",
    );
    let network = network.replace(
        "[output]",
        "[controls]\nw1 = { from = -1, to = 2 }\ninput = { from = -1.0 }\n\n[output]",
    );
    let training = "```training\ndata = [[0.0, 0.0], [0.5, 1.0]]\ntrain = [\"b3\"]\n[start]\nb3 = 0.0\nlearning_rate = 0.1\nsteps = 5\n```";
    let text = lesson(r#"title = "T""#, &format!("{NETWORK}\n\n{training}"));
    let p = Project::new()
        .lesson("a.md", &text)
        .lesson("b.md", lesson(r#"title = "B""#, &network));
    let error = nnbook::check(&p.root).expect_err("two errors");
    let told: Vec<(String, String)> = (told(&error.diagnostics).into_iter())
        .map(|(message, at, _)| (message, at))
        .collect();
    assert_eq!(
        told,
        [
            (
                "invalid training block: `learning_rate` is written below the `[start]` line, in that table".to_string(),
                "25:1".to_string()
            ),
            (
                "invalid network block: `input` is written below the `[controls]` line, in that table".to_string(),
                "16:1".to_string()
            ),
        ],
        "{error}"
    );
}

/// The front matter's `title` written below `[source]` is the source's title: the lesson has
/// none. It was "missing field `title`" at the front matter's first line with "add it", for a
/// title that is there; now at that title, naming the table line.
#[test]
fn a_title_below_the_source_table_is_told_where_it_is() {
    let front = "[source]\nurl = \"https://example.org/\"\ntitle = \"T\"\nauthor = \"A\"";
    let p = Project::new().lesson("a.md", lesson(front, NETWORK));
    let error = nnbook::check(&p.root).expect_err("one error");
    assert_eq!(
        told(&error.diagnostics),
        [(
            "invalid front matter: missing field `title`".to_string(),
            "4:1".to_string(),
            "this `title` is below the `[source]` line (line 2), so it is that table's: every key after a `[table]` line is the table's".to_string()
        )],
        "{error}"
    );
}
