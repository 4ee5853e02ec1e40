//! A code block whose language is an nnbook block's name misspelt is shown as code, with a
//! warning naming the block it likely means; other languages are left alone.

use crate::diagnostics::lesson;
use crate::support::Project;

/// `figures`, `netwrok`, `training_figure`, `TABLE` and `Network` were shown as code with "no
/// errors, 0 warnings"; now each is a warning at its opening fence. `python`, `text`, `toml`
/// and `figure-ish` are languages of their own.
#[test]
fn a_misspelt_block_name_is_a_warning_naming_the_block() {
    let fences: String = [
        "figures",
        "netwrok",
        "training_figure",
        "TABLE",
        "Network",
        "python",
        "text",
        "toml",
        "figure-ish",
    ]
    .iter()
    .map(|kind| format!("```{kind}\nx = 1\n```\n\n"))
    .collect();
    let p = Project::new().file("content/names.md", lesson("title = \"Names\"", &fences));
    let site = nnbook::check(&p.root).unwrap_or_else(|e| panic!("does not build:\n{e}"));
    let warnings: Vec<String> = site.warnings.iter().map(ToString::to_string).collect();
    let found: Vec<(usize, &str)> = site
        .warnings
        .iter()
        .map(|w| {
            let line = w.location.as_ref().map_or(0, |l| l.line);
            let meant = w.expected.as_deref().unwrap_or("");
            (
                line,
                meant
                    .trim_start_matches('`')
                    .split(' ')
                    .next()
                    .unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (5, "figure"),
            (9, "network"),
            (13, "training-figure"),
            (17, "table"),
            (21, "network"),
        ],
        "{}",
        warnings.join("\n")
    );
    assert!(
        warnings[0].contains("this code block's language `figures` is not an nnbook block"),
        "{}",
        warnings[0]
    );
}

/// A word after an nnbook block's name other than `source` is a warning at its fence: the block
/// rendered without the source `sourse` asked for, without a word. A code block's words are
/// its own (`python verbatim`).
#[test]
fn an_unknown_word_after_a_block_name_is_a_warning() {
    let body = format!(
        "{}\n\n```figure sourse\nid = \"a\"\nseries = [{{ signal = \"output.activation\" }}]\n```\n\n```table verbatim\nsignals = [\"output.activation\"]\nat = [0.0]\n```\n\n```table source\nsignals = [\"output.activation\"]\nat = [0.5]\n```\n\n```python verbatim\nx = 1\n```\n",
        crate::diagnostics::NETWORK
    );
    let text = lesson("title = \"Words\"", &body);
    let p = Project::new().file("content/words.md", &text);
    let site = nnbook::check(&p.root).unwrap_or_else(|e| panic!("does not build:\n{e}"));
    let found: Vec<(usize, String, String)> = site
        .warnings
        .iter()
        .map(|w| {
            let line = w.location.as_ref().map_or(0, |l| l.line);
            (line, w.message.clone(), w.hint.clone().unwrap_or_default())
        })
        .collect();
    let at = |fence: &str| text.lines().position(|l| l == fence).expect(fence) + 1;
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].0, at("```figure sourse"));
    assert_eq!(found[0].1, "unknown word `sourse` after ```figure");
    assert_eq!(found[0].2, "did you mean `source`?");
    assert_eq!(found[1].0, at("```table verbatim"));
    assert!(
        found[1].2.starts_with("`verbatim` is for code blocks"),
        "{found:#?}"
    );
}
