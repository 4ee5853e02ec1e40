//! Snapshots of the diagnostics a user sees, rendered exactly as the CLI prints them.
//!
//! Every test writes a small project into a temporary folder (lessons written inline below),
//! runs `nnbook::check` and snapshots `error.to_string()` (or the joined warnings). Paths in
//! diagnostics are relative to the project root, so the snapshots hold nothing
//! machine-specific; `errors` asserts that no temporary path leaked into them.
//!
//! Update the snapshots with `INSTA_UPDATE=always cargo test --test testsuite diagnostics::`
//! and review every line:column and underline by hand before committing them.

use crate::support::{assert_no_temp_path, Project};

/// The network most lessons below use: two ReLU nodes (`top`, `bottom`) and an output.
/// Kept as a constant only where the mistake is elsewhere; lessons whose mistake is in the
/// network write it out in full.
pub const NETWORK: &str = r#"```network
input = { name = "x", from = -1.0, to = 1.0, samples = 50 }

[[layer]]
activation = "relu"
nodes = [
  { name = "top", weights = { w1 = 1.5 }, bias = { b1 = -0.5 } },
  { name = "bottom", weights = { w2 = -2.0 }, bias = { b2 = 0.25 } },
]

[output]
weights = { w3 = 1.0, w4 = 0.5 }
bias = { b3 = 0.0 }
```"#;

/// The rendered error of checking a project made of `files`; panics if the check passes.
pub fn errors(files: &[(&str, &str)]) -> String {
    let p = files
        .iter()
        .fold(Project::new(), |p, (rel, text)| p.file(rel, text));
    let text = match nnbook::check(&p.root) {
        Ok(site) => panic!(
            "the check passed ({} lessons, {} warnings), an error was expected",
            site.lessons,
            site.warnings.len()
        ),
        Err(e) => e.to_string(),
    };
    assert_no_temp_path(&p.root, &text);
    text
}

/// A lesson `content/<name>.md` made of `front` (the lines between `+++`) and `body`.
pub fn lesson(front: &str, body: &str) -> String {
    format!("+++\n{front}\n+++\n\n{body}\n")
}

pub fn one(name: &str, text: &str) -> String {
    errors(&[(&format!("content/{name}.md"), text)])
}

#[test]
fn unknown_activation_suggests_the_closest() {
    let text = lesson(
        r#"title = "Activations""#,
        r#"```network
input = { name = "x", from = -1.0, to = 1.0, samples = 50 }

[[layer]]
activation = "relux"
nodes = [{ name = "top", weights = { w1 = 1.5 }, bias = { b1 = -0.5 } }]

[output]
weights = { w2 = 1.0 }
bias = { b2 = 0.0 }
```"#,
    );
    insta::assert_snapshot!(one("activations", &text));
}

#[test]
fn misspelled_signal_lists_the_known_ones() {
    let text = lesson(
        r#"title = "Signals""#,
        &format!(
            r#"{NETWORK}

```figure
id = "top"
series = [{{ signal = "top.activaton" }}]
```"#
        ),
    );
    insta::assert_snapshot!(one("signals", &text));
}

#[test]
fn weight_count_mismatch() {
    let text = lesson(
        r#"title = "Weights""#,
        r#"```network
input = { name = "x", from = -1.0, to = 1.0, samples = 50 }

[[layer]]
activation = "relu"
nodes = [
  { name = "top", weights = { w1 = 1.5 }, bias = { b1 = -0.5 } },
  { name = "bottom", weights = { w2 = -2.0 }, bias = { b2 = 0.25 } },
]

[output]
weights = { w3 = 1.0 }
bias = { b3 = 0.0 }
```"#,
    );
    insta::assert_snapshot!(one("weights", &text));
}

#[test]
fn non_finite_number() {
    let text = lesson(
        r#"title = "Infinity""#,
        r#"```network
input = { name = "x", from = -1.0, to = 1.0, samples = 50 }

[[layer]]
activation = "relu"
nodes = [{ name = "top", weights = { w1 = inf }, bias = { b1 = -0.5 } }]

[output]
weights = { w2 = 1.0 }
bias = { b2 = 0.0 }
```"#,
    );
    insta::assert_snapshot!(one("infinity", &text));
}

#[test]
fn reversed_range() {
    let text = lesson(
        r#"title = "Range""#,
        r#"```network
input = { name = "x", from = 1.0, to = -1.0, samples = 50 }

[output]
weights = { w1 = 1.0 }
bias = { b1 = 0.0 }
```"#,
    );
    insta::assert_snapshot!(one("range", &text));
}

// `samples = 1` is snapshotted once, by the fixture `invalid/samples_one.md` (`crate::invalid`).

#[test]
fn unknown_front_matter_field() {
    let text = lesson(
        "title = \"Fields\"\nauthor = \"Ada\"\norder = 2",
        "No blocks, just prose.",
    );
    insta::assert_snapshot!(one("fields", &text));
}

#[test]
fn unclosed_front_matter() {
    let text = "+++\ntitle = \"Open\"\norder = 3\n\nThe body starts here, but the front matter never ends.\n";
    insta::assert_snapshot!(one("open", text));
}

#[test]
fn invalid_toml_in_a_block() {
    let text = lesson(
        r#"title = "Toml""#,
        &format!(
            r#"{NETWORK}

```figure
id = "bends"
title = Bends of the top node
series = [{{ signal = "top.activation" }}]
```"#
        ),
    );
    insta::assert_snapshot!(one("toml", &text));
}

#[test]
fn unknown_placeholder_in_prose() {
    let text = lesson(
        r#"title = "Placeholders""#,
        &format!(
            r#"The top node's weight is {{{{ w1 }}}} and its bias is {{{{ b_1 }}}}.

{NETWORK}

```figure
series = [{{ signal = "top.activation" }}]
```"#
        ),
    );
    insta::assert_snapshot!(one("placeholders", &text));
}

#[test]
fn unknown_colour() {
    let text = lesson(
        r#"title = "Colours""#,
        &format!(
            r#"{NETWORK}

```figure
id = "colours"
series = [
  {{ signal = "top.activation", color = "bleu" }},
]
```"#
        ),
    );
    insta::assert_snapshot!(one("colours", &text));
}

#[test]
fn duplicate_figure_id() {
    let text = lesson(
        r#"title = "Twice""#,
        &format!(
            r#"{NETWORK}

```figure
id = "bend"
series = [{{ signal = "top.activation" }}]
```

```figure
id = "bend"
series = [{{ signal = "bottom.activation" }}]
```"#
        ),
    );
    insta::assert_snapshot!(one("twice", &text));
}

#[test]
fn figure_without_a_network() {
    let text = lesson(
        r#"title = "Alone""#,
        r#"A figure, but no network to draw it from.

```figure
id = "lonely"
series = [{ signal = "top.activation" }]
```"#,
    );
    insta::assert_snapshot!(one("alone", &text));
}

#[test]
fn two_lessons_with_the_same_slug() {
    let first = lesson("title = \"First\"\nslug = \"same\"", "One.");
    let second = lesson("title = \"Second\"\nslug = \"same\"", "Two.");
    insta::assert_snapshot!(errors(&[
        ("content/first.md", &first),
        ("content/second.md", &second),
    ]));
}

#[test]
fn template_syntax_error() {
    let text = lesson(r#"title = "Themed""#, "Prose only.");
    let template = "<!DOCTYPE html>\n<html>\n<body>\n<h1>{{ page_title }</h1>\n{{ content | safe }}\n</body>\n</html>\n";
    insta::assert_snapshot!(errors(&[
        ("content/themed.md", &text),
        ("templates/lesson.html", template),
    ]));
}

/// An `{% if %}` never closed: Tera only notices at the end of the file, so the diagnostic
/// points past the last line and does not name the open tag (a weak diagnostic, reported;
/// this snapshot is expected to change when it improves).
#[test]
fn template_block_never_closed() {
    let text = lesson(r#"title = "Themed""#, "Prose only.");
    let template = "<!DOCTYPE html>\n<html>\n<body>\n<h1>{{ page_title }}</h1>\n{% if prev %}<a href=\"{{ prev.href }}\">back</a>\n{{ content | safe }}\n</body>\n</html>\n";
    insta::assert_snapshot!(errors(&[
        ("content/themed.md", &text),
        ("templates/lesson.html", template),
    ]));
}

#[test]
fn three_problems_in_one_lesson_are_all_reported() {
    let text = lesson(
        r#"title = "Three""#,
        &format!(
            r#"{NETWORK}

```figure
id = "one"
series = [{{ signal = "top.activation", color = "blu" }}]
```

```table
signals = ["top.linear", "bottom.activaton"]
at = [0.0, 0.5]
```

```parameters
layout = "grid"
```"#
        ),
    );
    let out = one("three", &text);
    assert!(out.ends_with("\n3 errors\n"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn warnings_for_an_unused_network_and_a_broken_link() {
    let text = lesson(
        r#"title = "Warned""#,
        &format!(
            r#"Read [the next lesson](../missing/index.html) after this one.

{NETWORK}

The weight is {{{{ w1 }}}}."#
        ),
    );
    let p = Project::new().lesson("warned.md", &text);
    let site = match nnbook::check(&p.root) {
        Ok(site) => site,
        Err(e) => panic!("the check failed, only warnings were expected:\n{e}"),
    };
    let warnings: Vec<String> = site.warnings.iter().map(ToString::to_string).collect();
    let joined = warnings.join("\n");
    assert_no_temp_path(&p.root, &joined);
    assert_eq!(site.warnings.len(), 2, "{joined}");
    assert!(site.warnings.iter().all(|w| !w.is_error()), "{joined}");
    insta::assert_snapshot!(joined);
}

/// Every placeholder of a paragraph or a caption is checked, not only up to the first that
/// fails; and a paragraph whose formula is broken still has its placeholders checked, in a
/// lesson whose blocks are broken too (before, each of these hid the next).
#[test]
fn every_bad_placeholder_of_a_paragraph_is_reported() {
    let text = lesson(
        r#"title = "Placeholders""#,
        &format!(
            "{NETWORK}\n\nThe weight is {{{{ w1 }}}}, not {{{{ w9 }}}}, {{{{ nope }}}} or {{{{ top.activaton @ 0.5 }}}}.\n"
        ),
    );
    let out = one("many", &text);
    assert_eq!(
        out.matches("error: unknown placeholder").count(),
        2,
        "{out}"
    );
    assert!(out.contains("`w9`") && out.contains("`nope`"), "{out}");
    assert!(
        out.contains("signal `top.activaton` does not exist"),
        "{out}"
    );
    assert!(out.ends_with("\n3 errors\n"), "{out}");
    let broken = lesson(
        r#"title = "Broken""#,
        &format!(
            "{NETWORK}\n\nThe value {{{{ nope }}}} and $\\frac{{1}}{{$.\n\n```python figure=zzz\nprint(1)\n```\n"
        ),
    );
    let out = one("broken", &broken);
    assert!(out.contains("unknown placeholder `nope`"), "{out}");
    assert!(out.contains("the formula's braces do not match"), "{out}");
    assert!(out.contains("no figure `zzz`"), "{out}");
    assert!(out.ends_with("\n3 errors\n"), "{out}");
    let captioned = lesson(
        r#"title = "Caption""#,
        &format!(
            "{NETWORK}\n\n```figure\nid = \"f\"\ncaption = \"{{{{ zz }}}} and *{{{{ yy }}}}*\"\nseries = [{{ signal = \"top.activation\" }}]\n```\n"
        ),
    );
    let out = one("captioned", &captioned);
    assert!(out.contains("`zz`") && out.contains("`yy`"), "{out}");
    assert!(out.ends_with("\n2 errors\n"), "{out}");
}

/// A build that succeeds reports its warnings sorted by file and line, as a failed one does
/// (before, each lesson's block warnings came before its unused network's, last line first).
#[test]
fn warnings_are_sorted_by_file_and_line() {
    let smooth = NETWORK.replace("\"relu\"", "\"tanh\"");
    let a = lesson(
        r#"title = "A""#,
        &format!("{smooth}\n\n```table\nsignals = [\"top.activation\"]\nat = \"kinks\"\n```\n\nText.\n\n```python\nprint(1)\n"),
    );
    let b = lesson(r#"title = "B""#, NETWORK);
    let p = Project::new().lesson("a.md", &a).lesson("b.md", &b);
    let site = nnbook::check(&p.root).unwrap_or_else(|e| panic!("only warnings expected:\n{e}"));
    let places: Vec<(String, usize)> = site
        .warnings
        .iter()
        .map(|w| {
            let l = w.location.as_ref().expect("a warning with a place");
            (l.file.clone(), l.line)
        })
        .collect();
    assert_eq!(places.len(), 3, "{places:?}");
    let mut sorted = places.clone();
    sorted.sort();
    assert_eq!(places, sorted);
    let r = p.run_build();
    r.succeeded();
    let a_table = r.stderr.find("a.md:22").expect("the kinks warning");
    let a_code = r.stderr.find("a.md:27").expect("the code block's warning");
    let b_network = r.stderr.find("b.md:5").expect("b's unused network");
    assert!(a_table < a_code && a_code < b_network, "{}", r.stderr);
}

/// One project, one mistake in each phase: front matter, network block, figure block (a
/// colour), placeholder in prose, LaTeX, a duplicate figure id hiding behind a colour error,
/// and a template; plus a warning. One check reports every one of them, and the warning,
/// sorted by file and line (before, the first failing phase hid the others).
#[test]
fn every_problem_of_a_project_in_one_run() {
    let small = crate::support::SMALL;
    let lessons = [
        ("a", small.replace("summary = ", "sumary = ")),
        ("b", small.replacen("activation = \"relu\"", "activation = \"relux\"", 1)),
        ("c", small.replace("color = \"blue\"", "color = \"bleu\"")),
        ("d", small.replace("{{ w1 }}", "{{ w9 }}")),
        ("e", format!("{small}\nMath: $\\foo$.\n")),
        (
            "f",
            format!("{small}\n```figure\nid = \"step-1\"\nseries = [{{ signal = \"top.linear\", color = \"bleu\" }}]\n```\n"),
        ),
        (
            "g",
            "+++\ntitle = \"Unused\"\n+++\n\n```network\ninput = { name = \"x\", from = 0.0, to = 1.0, samples = 3 }\n[output]\nweights = { w = 1.0 }\nbias = { b = 0.0 }\n```\n".to_string(),
        ),
    ];
    let template = crate::support::fixture_text("templates/unknown_variable.html").replace('‸', "");
    let mut files: Vec<(String, String)> = lessons
        .iter()
        .map(|(name, text)| (format!("content/{name}.md"), text.clone()))
        .collect();
    files.push(("templates/lesson.html".to_string(), template));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let report = errors(&refs);
    let places: Vec<(String, usize)> = report
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .map(|at| {
            let mut parts = at.split(':');
            let file = parts.next().unwrap_or("").to_string();
            (file, parts.next().and_then(|n| n.parse().ok()).unwrap_or(0))
        })
        .collect();
    let files_reported: Vec<&str> = places.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        files_reported,
        [
            "content/a.md",
            "content/b.md",
            "content/c.md",
            "content/d.md",
            "content/e.md",
            "content/f.md",
            "content/f.md",
            "content/g.md",
            "templates/lesson.html"
        ],
        "{report}"
    );
    let mut sorted = places.clone();
    sorted.sort();
    assert_eq!(places, sorted, "not sorted by file and line:\n{report}");
    assert!(report.contains("warning: no figure or table uses this network"));
    assert!(report.trim_end().ends_with("8 errors"), "{report}");
    insta::assert_snapshot!(report);
}

/// `at = "kinks"` on a network without kinks rendered an empty table with no word: it builds,
/// with a warning at the `at` value.
#[test]
fn a_kinks_table_of_a_network_without_kinks_is_a_warning() {
    let text = lesson(
        r#"title = "Linear""#,
        r#"```network
input = { name = "x", from = -1.0, to = 1.0, samples = 5 }

[output]
weights = { w = 2.0 }
bias = { b = 0.5 }
```

```table
signals = ["output.activation"]
at = "kinks"
```"#,
    );
    let p = Project::new().file("content/linear.md", &text);
    let site = nnbook::check(&p.root).unwrap_or_else(|e| panic!("does not build:\n{e}"));
    let warnings: Vec<String> = site.warnings.iter().map(|w| w.to_string()).collect();
    insta::assert_snapshot!(warnings.join("\n"));
    // The page's table says so in its one row, across its two columns (it had a head and no
    // rows).
    p.build().unwrap_or_else(|e| panic!("{e}"));
    let page = p.read("linear/index.html");
    let row = "<tbody>\n<tr><td colspan=\"2\" class=\"nn-none\">No kink lies inside the input range.</td></tr>\n</tbody>";
    assert!(page.contains(row), "no row saying so in:\n{page}");
}

/// Inputs of a table that read the same at its decimals are a warning (the rows looked like one
/// input twice: "0.50" and "0.50"), one for each reading, naming every input that reads so (the
/// third of three was not named); 0.5, listed twice, is warned of as such.
#[test]
fn table_inputs_that_read_alike_are_a_warning() {
    let text = lesson(
        r#"title = "Close""#,
        &format!("{NETWORK}\n\n```table\nsignals = [\"top.linear\"]\nat = [0.5, 0.0, 0.5002, 0.4999, 0.001, 0.5]\n```"),
    );
    let p = Project::new().file("content/close.md", &text);
    let site = nnbook::check(&p.root).unwrap_or_else(|e| panic!("does not build:\n{e}"));
    let warnings: Vec<String> = site.warnings.iter().map(|w| w.to_string()).collect();
    insta::assert_snapshot!(warnings.join("\n"));
}

/// A lesson with a broken block still has its prose checked: its placeholder and LaTeX errors
/// are reported with the block's (they stayed hidden behind it).
#[test]
fn a_lesson_with_a_broken_block_still_has_its_prose_checked() {
    let text = crate::support::SMALL
        .replace("color = \"blue\"", "color = \"bleu\"")
        .replace("{{ w1 }}", "{{ w9 }}")
        + "\nMath $\\foo$ here.\n";
    let report = one("broken", &text);
    for needle in [
        "unknown colour `bleu`",
        "unknown placeholder `w9`",
        "LaTeX error",
        "3 errors",
    ] {
        assert!(report.contains(needle), "{needle:?} not in:\n{report}");
    }
    insta::assert_snapshot!(report);
}

/// A failed run still reports every warning: a broken link in a lesson while another lesson
/// has an error, and a training that stopped early in a lesson whose other block is broken
/// (before, any error in the project hid both), and a broken link in that lesson itself (its
/// links were not checked), and in a lesson whose prose has a LaTeX error (its page did not
/// render, and its links went unchecked). A link to the failing lesson's page is not one: it
/// has the files it would be published as.
#[test]
fn a_failed_run_still_reports_every_warning() {
    let small = crate::support::SMALL;
    let linking = small.replacen(
        "The top node",
        "See [a typo](../twoo/index.html) and [two](../two/index.html#figure-step-1).\n\nThe top node",
        1,
    );
    let broken = format!("{small}\nMath: $\\frac{{1}}{{$, [a typo](../noen/index.html).\n");
    let training = crate::support::fixture_text("training/valid.md")
        .replace("tolerance = 0.001", "tolerance = 1e-12")
        .replace("max_steps = 1000", "max_steps = 10")
        .replace("show = \"loss_curve\"", "show = \"loss_curv\"")
        // A lesson whose block is broken has its links checked too (they were not).
        + "\nSee [a typo](../thre/index.html) and [one](../one/index.html).\n";
    let report = errors(&[
        ("content/one.md", &linking),
        ("content/two.md", &broken),
        ("content/three.md", &training),
    ]);
    let starts: Vec<&str> = report
        .lines()
        .filter(|l| l.starts_with("warning") || l.starts_with("error"))
        .collect();
    assert_eq!(starts.len(), 6, "{report}");
    assert!(
        report.contains("warning: broken link `../noen/index.html`"),
        "{report}"
    );
    assert!(
        starts[0].starts_with("warning: broken link `../twoo/index.html`"),
        "{report}"
    );
    assert!(
        starts[1].starts_with("error: training `fit` stopped")
            || starts[1].starts_with("warning: training `fit` stopped"),
        "{report}"
    );
    assert!(
        starts[2].starts_with("error: unknown training figure `loss_curv`"),
        "{report}"
    );
    assert!(
        starts[3].starts_with("warning: broken link `../thre/index.html`"),
        "{report}"
    );
    assert!(starts[4].starts_with("error: "), "{report}");
}
