//! nnbook's words in the languages it knows, and a project's own (`[languages.sv.words]` in
//! `nnbook.toml`, as Zola's translations and Hugo's `i18n/sv.toml`): a Swedish site says
//! "Innehåll" and "Nästa" wherever nnbook's words are (templates, the page's own regions,
//! figure descriptions, notebooks, dates); a word or slot nnbook does not know is an error at it; a language with words left in English is a warning;
//! `nnbook words` prints the table to translate, and its words are text, never markup.

use crate::support::tree::files;
use crate::support::{markup::check_xml, nnbook, placed, run, Project, REPO, SMALL};

/// The small lesson titled `title`, published on 6 December 2026 and tagged "ReLU", with an
/// alert and a footnote before its blocks.
fn dated(title: &str, order: u32) -> String {
    SMALL
        .replacen(
            "title = \"Small lesson\"",
            &format!("title = \"{title}\"\norder = {order}\ndate = 2026-12-06\ntags = [\"ReLU\"]"),
            1,
        )
        .replacen(
            "\n\nThe top node",
            "\n\n> [!NOTE]\n> Une remarque.\n\nUne note[^1].\n\n[^1]: Le texte de la note.\n\n## Le réseau\n\n## La figure\n\n## Le tableau\n\nThe top node",
            1,
        )
}

const SWEDISH: &str = r#"language = "sv"

[languages.sv.words]
lessons = "Lektioner"
contents = "Innehåll"
next = "Nästa"
previous = "Föregående"
notebook = "Ladda ner anteckningsboken"
alert_note = "Obs"
footnotes = "Fotnoter"
table = "Tabell"
december = "december"
date = "{day} {month} {year}"
chart = "Linjediagram över {x}, från {from} till {to}."
tagged = "Lektioner om ”{tag}”"
copy = "Kopiera"
"#;

/// A project in Swedish, a language nnbook has no words in, that gives some of its own.
fn swedish() -> Project {
    Project::new()
        .config(SWEDISH)
        .lesson("a.md", dated("Första", 1))
        .lesson("b.md", dated("Andra", 2))
}

#[test]
fn a_project_s_words_are_on_every_page_it_makes() {
    let p = swedish();
    let built = p.build().expect("the Swedish site builds");
    let page = p.read("a/index.html");
    for word in [
        ">Innehåll<",
        ">Nästa<",
        "<p class=\"nn-alert-title\">Obs</p>",
        "aria-label=\"Fotnoter\"",
        "aria-label=\"Tabell\"",
        ">6 december 2026</time>",
        "-desc\">Linjediagram över Dosage, från 0 till 1.",
        ">Ladda ner anteckningsboken<",
        "data-copy=\"Kopiera\" data-copied=\"Copied\"",
    ] {
        assert!(page.contains(word), "the page lacks {word}");
    }
    for english in [
        ">Contents<",
        ">Next<",
        "Line chart over",
        ">Note<",
        "December",
    ] {
        assert!(!page.contains(english), "the page still says {english}");
    }
    assert!(p.read("b/index.html").contains(">Föregående<"));
    assert!(p.read("index.html").contains("<title>Lektioner"));
    assert!(p
        .read("tags/relu/index.html")
        .contains("Lektioner om ”ReLU”"));
    assert!(p.read("a/a.ipynb").contains("> **Obs**"));
    // Every other word with English in it is still English, and the build says so once, at a
    // Swedish lesson (`, ` or `{name} ({bias})` has none: many languages write them alike).
    let given: Vec<&str> = (SWEDISH.lines())
        .filter_map(|line| Some(line.split_once(" = ")?.0))
        .collect();
    let english = (words_table("sv").lines())
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once(" = \""))
        .filter(|(name, text)| {
            let text = text.replace("\\u00A0", " ");
            let outside_slots: String = (text.split('{'))
                .map(|piece| piece.split_once('}').map_or(piece, |(_, after)| after))
                .collect();
            !given.contains(name) && outside_slots.chars().any(char::is_alphabetic)
        })
        .count();
    let warned = placed(&built.warnings);
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert_eq!(warned[0].0, "content/a.md");
    assert!(
        warned[0].3.starts_with(&format!(
            "the pages in `sv` show {english} of nnbook's words in English: `all_lessons` (\"All lessons\"), `tags` (\"Tags\"), `tags_label` (\"Tags: \"), `edit` (\"Edit this page\") and "
        )),
        "{}",
        warned[0].3
    );
}

/// `nnbook words LANG` in an empty project: its standard output.
fn words_table(lang: &str) -> String {
    let p = Project::new();
    let out = run(nnbook().args(["words", lang, "--root"]).arg(&p.root));
    out.succeeded();
    out.stdout
}

#[test]
fn the_printed_table_gives_every_word_as_it_is() {
    // (A project folder that is not there is an error: it printed the built-in words.)
    let p = Project::new();
    let missing = p.root.join("no-such-folder");
    let out = run(nnbook().args(["words", "sv", "--root"]).arg(&missing));
    out.failed()
        .says(&["no project folder at", "no-such-folder"]);
    let table = words_table("sv");
    assert!(table.contains("[languages.sv.words]\n# The index's title and the name of the lesson pages' navigation.\nlessons = \"Lessons\"\n"));
    assert!(table.contains("date = \"{day}\\u00A0{month}\\u00A0{year}\"\n"));
    // Where a word is used is said above it, for the translator, as a comment.
    assert!(table
        .contains("\n# The link under a figure that saves its data as CSV.\ndata = \"data\"\n"));
    // Pasted into a Swedish project as it is, it silences the warning and changes no byte.
    let plain = Project::new()
        .config("language = \"sv\"\n")
        .lesson("a.md", dated("Första", 1));
    let pasted = Project::new()
        .config(&format!("language = \"sv\"\n{table}"))
        .lesson("a.md", dated("Första", 1));
    assert_eq!(plain.build().expect("builds").warnings.len(), 1);
    assert!(pasted.build().expect("builds").warnings.is_empty());
    assert_eq!(files(&plain.site()), files(&pasted.site()));
    // A project's own words are printed as it gives them; a language nnbook has words in, as
    // nnbook has them.
    let mut out = run(nnbook().args(["words", "sv", "--root"]).arg(swedish().root));
    out.succeeded();
    assert!(out
        .stdout
        .contains("\nnext = \"Nästa\"\nall_lessons = \"All lessons\"\n"));
    assert!(words_table("zh-CN").contains("\nnext = \"下一课\"\n"));
    assert!(
        words_table("fr").contains("\nnext = \"Suivant\"\nall_lessons = \"Toutes les leçons\"\n")
    );
    out = run(nnbook().args(["words", "French"]));
    out.failed().says(&[
        "`French` is not a language tag",
        "like `fr`, `de` or `pt-BR`",
    ]);
}

/// A lesson of the shipped project (`content/`), as it is.
fn shipped_lesson(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(REPO).join("content").join(name))
        .expect("a shipped lesson")
}

#[test]
fn words_are_text_never_markup() {
    // Every word begins with markup and quotes, in HTML's and Markdown's eyes.
    let table: String = (words_table("sv").lines())
        .map(|line| match line.split_once(" = \"") {
            Some((name, text)) if !line.starts_with('#') => {
                format!("{name} = \"<i>&\\\"'*_{text}\n")
            }
            _ => format!("{line}\n"),
        })
        .collect();
    let p = Project::new()
        .config(&format!(
            "language = \"sv\"\nbase_url = \"https://example.org/\"\nfeed = true\n{table}"
        ))
        .lesson("a.md", dated("Första", 1))
        .lesson("b.md", dated("Andra", 2))
        .lesson("c.md", shipped_lesson("backpropagation.md"));
    p.build().expect("builds");
    let mut seen = 0;
    for (name, bytes) in files(&p.site()) {
        let text = String::from_utf8_lossy(&bytes);
        if name.ends_with(".html") || name.ends_with(".svg") || name.ends_with(".xml") {
            assert!(!text.contains("<i>"), "{name} has a word as markup");
            seen += usize::from(text.contains("&lt;i&gt;&amp;"));
        }
        if name.ends_with(".svg") || name.ends_with(".xml") {
            check_xml(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        if name.ends_with(".ipynb") {
            let notebook: serde_json::Value = serde_json::from_str(&text).expect("JSON");
            for cell in notebook["cells"].as_array().expect("cells") {
                let source: String = (cell["source"].as_array().expect("lines").iter())
                    .map(|l| l.as_str().expect("a line"))
                    .collect();
                if cell["cell_type"] == "markdown" {
                    assert!(!source.contains("<i>"), "{name}: {source}");
                }
            }
        }
    }
    assert!(
        seen >= 4,
        "the words are on the pages, escaped ({seen} files)"
    );
    // (The tag's feed is titled in the words too: "Lessons tagged “ReLU”".)
    assert!(p
        .read("tags/relu/atom.xml")
        .contains("<title>nnbook: &lt;i&gt;&amp;"));
    // The sliders' panel: the words its script writes as markup come as HTML, the others as
    // text (an attribute, the live region's `textContent`).
    let page = p.read("a/index.html");
    let model = page
        .split_once(&format!("id=\"{}\">", nnbook::explore::MODEL_ID))
        .and_then(|(_, rest)| rest.split_once("</script>"))
        .expect("the page's model")
        .0;
    let model: serde_json::Value = serde_json::from_str(model).expect("the model's JSON");
    let words: Vec<&str> = (model["words"].as_array().expect("words").iter())
        .map(|w| w.as_str().expect("a word"))
        .collect();
    let (text, html) = ("<i>&\"'*_", "&lt;i&gt;&amp;&quot;&#39;*_");
    assert_eq!(
        words,
        [
            format!("{text}Parameters"),
            format!("{html}Reset"),
            format!("{html}Move the parameters"),
            format!("{html}Move a slider: every figure and number follows."),
            format!("{text}Figures updated."),
            format!("{text}At these parameters a value is not finite; the figure is not redrawn."),
            format!("{html}No kink lies inside the input range."),
        ]
    );
}

#[test]
fn an_english_site_may_rename_its_words() {
    let p = Project::new()
        .config("[languages.en.words]\nlessons = \"Chapters\"\n")
        .lesson("a.md", SMALL)
        .lesson("a.zh-CN.md", SMALL);
    let built = p.build().expect("builds");
    assert!(built.warnings.is_empty(), "{:?}", placed(&built.warnings));
    assert!(p.read("index.html").contains("<title>Chapters"));
    assert!(p.read("zh-CN/index.html").contains("<title>课程"));
}

#[test]
fn a_language_nnbook_knows_needs_no_words_and_may_change_some() {
    let p = Project::new()
        .config("[languages.fr.words]\ncontents = \"Table des matières\"\n")
        .lesson("a.md", dated("First", 1))
        .lesson("a.fr.md", dated("Première", 1))
        .lesson("a.de.md", dated("Erste", 1))
        .lesson("a.es.md", dated("Primera", 1))
        .lesson("a.pt-BR.md", dated("Primeira", 1))
        .lesson("a.ja.md", dated("最初", 1))
        .lesson("a.zh-TW.md", dated("第一課", 1))
        .lesson("a.zh-CN.md", dated("第一课", 1));
    let built = p.build().expect("builds");
    assert!(built.warnings.is_empty(), "{:?}", placed(&built.warnings));
    // Each page in its language's words: the table of contents, the date under the title, and
    // the figures' descriptions (the project's word where it gives one).
    let nb = |s: &str| s.replace(' ', "\u{a0}");
    for (page, words) in [
        (
            "fr",
            [
                ">Table des matières<",
                &nb(">6 décembre 2026<"),
                "-desc\">Graphique en courbes en fonction de Dosage",
            ],
        ),
        (
            "de",
            [
                ">Inhalt<",
                &nb(">6. Dezember 2026<"),
                "-desc\">Liniendiagramm über Dosage",
            ],
        ),
        (
            "es",
            [
                ">Contenido<",
                &nb(">6 de diciembre de 2026<"),
                "-desc\">Gráfico de líneas",
            ],
        ),
        (
            "pt-BR",
            [
                ">Sumário<",
                &nb(">6 de dezembro de 2026<"),
                "-desc\">Gráfico de linhas",
            ],
        ),
        ("ja", [">目次<", ">2026年12月6日<", "-desc\">横軸が Dosage"]),
        (
            "zh-TW",
            [">目錄<", ">2026年12月6日<", "-desc\">折線圖，橫軸為Dosage"],
        ),
        (
            "zh-CN",
            [">目录<", ">2026年12月6日<", "-desc\">折线图，横轴为Dosage"],
        ),
    ] {
        let html = p.read(&format!("{page}/a/index.html"));
        for word in words {
            assert!(html.contains(word), "{page} lacks {word}");
        }
        assert!(
            !html.contains(">Contents<") && !html.contains("December"),
            "{page}"
        );
    }
    assert!(p.read("a/index.html").contains(">Contents<"));
    // The other languages in one line, after one "Also in:", in the page's words.
    let fr = p.read("fr/a/index.html");
    assert_eq!(fr.matches("class=\"translation\"").count(), 1);
    assert!(fr.contains("<span class=\"translation\">Également disponible en\u{a0}: <a href=\"../../a/index.html\" lang=\"en\" hreflang=\"en\">English</a>, <a href=\"../../de/a/index.html\" lang=\"de\" hreflang=\"de\">Deutsch</a>, "));
    assert!(p
        .read("ja/a/index.html")
        .contains(">English</a>、<a href=\"../../de/a/index.html\""));
    assert!(p.read("fr/a/a.ipynb").contains("> **Remarque**"));
    assert!(p.read("de/index.html").contains("<title>Lektionen"));
}

#[test]
fn a_word_or_slot_nnbook_does_not_know_is_an_error_at_it() {
    let p = Project::new()
        .config(concat!(
            "language = \"fr\"\n",
            "[languages.fr]\n",
            "translations = { next = \"Suivant\" }\n",
            "[languages.fr.words]\n",
            "nxt = \"Suivant\"\n",
            "chart = \"Graphique selon {x}, de {from}.\"\n",
            "line = \"ligne {colour}\"\n",
        ))
        .lesson("a.md", SMALL);
    let error = nnbook::check(&p.root).expect_err("four mistakes");
    let at = |line: usize, column: usize, message: &str| {
        ("nnbook.toml".to_string(), line, column, message.to_string())
    };
    assert_eq!(
        placed(&error.diagnostics),
        [
            at(3, 1, "invalid configuration: unknown field `translations`, expected one of `title`, `description`, `name`, `direction`, `edit_url`, `words`"),
            at(5, 1, "`nxt` is no word nnbook puts on pages"),
            at(6, 9, "`chart` leaves out `{to}`"),
            at(7, 8, "`line` leaves out `{color}`"),
        ]
    );
    let hints: Vec<&str> = (error.diagnostics.iter())
        .map(|d| d.hint.as_deref().unwrap_or(""))
        .collect();
    assert!(
        hints[0].contains("other site generators call `translations`, nnbook calls `words`"),
        "{}",
        hints[0]
    );
    assert!(hints[1].starts_with("did you mean `next`?"), "{}", hints[1]);
    assert_eq!(
        error.diagnostics[2].expected.as_deref(),
        Some("a text with the English's slots: `{x}`, `{from}`, `{to}`")
    );
    // A slot the English lacks, the others all there.
    let p = Project::new()
        .config("[languages.fr.words]\nline = \"ligne {color} {shade}\"\n")
        .lesson("a.md", SMALL);
    let error = nnbook::check(&p.root).expect_err("a slot nnbook does not fill");
    assert_eq!(
        placed(&error.diagnostics),
        [at(
            2,
            8,
            "`line` has `{shade}`, which nnbook does not fill there"
        )]
    );
    assert!(!p.site().exists());
}

#[test]
fn a_language_is_named_in_itself_or_as_the_project_names_it() {
    let p = Project::new()
        .config("[languages.pt-BR]\nname = \"Português do Brasil\"\n")
        .lesson("a.md", SMALL)
        .lesson("a.it.md", SMALL)
        .lesson("a.pt-BR.md", SMALL);
    p.build().expect("builds");
    for page in ["index.html", "a/index.html"] {
        let html = p.read(page);
        assert!(html.contains(">Italiano</a>"), "{page} names Italian");
        assert!(
            html.contains(">Português do Brasil</a>"),
            "{page} names Portuguese"
        );
    }
}

/// A translation's file named as a locale is (`b.zh_CN.md`) gave "a bad slug … set `slug`",
/// which would make it a lesson of its own: the hint names `b.zh-CN.md`. A country's code taken
/// for a language's (`a.cn.md`) was a language `cn` whose 114 words were "in English": it is
/// told that Chinese is `zh`.
#[test]
fn a_translations_file_named_as_a_locale_or_a_country_is_told_its_tag() {
    let p = Project::new()
        .lesson("a.md", SMALL)
        .lesson("a.cn.md", SMALL)
        .lesson("b.zh_CN.md", SMALL);
    let error = nnbook::check(&p.root).expect_err("b.zh_CN.md is no slug");
    let d = error.first();
    assert_eq!(
        d.hint.as_deref(),
        Some("a translation's file name ends in its language's tag, with a hyphen: `b.zh-CN.md` (a slug of its own would make it a lesson of its own)"),
        "{error}"
    );
    let p = Project::new()
        .lesson("a.md", SMALL)
        .lesson("a.cn.md", SMALL);
    let site = nnbook::check(&p.root).unwrap_or_else(|e| panic!("{e}"));
    let told: Vec<(&str, &str)> = (site.warnings.iter())
        .map(|w| (w.message.as_str(), w.hint.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        told,
        [(
            "`cn` is a country's code, not a language's: Chinese is `zh`",
            "name the file for its language, `a.zh.md` (or `.zh-CN.md`, Chinese as written there): the pages' `lang` tells browsers and screen readers which it is"
        )]
    );
}
