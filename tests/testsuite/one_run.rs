//! Every problem of a project in one run: what a broken lesson used to hide (its links, its
//! prose's and captions' placeholders behind a broken network block).

use crate::diagnostics::errors;
use crate::support::SMALL;

/// The lines of `report` that start a diagnostic.
fn starts(report: &str) -> Vec<&str> {
    (report.lines())
        .filter(|l| l.starts_with("warning") || l.starts_with("error"))
        .collect()
}

/// A lesson that does not render still has the files it would be published as: a link to
/// one that it will not have is broken, in its own folder too (before, every link into the
/// folder of a failing lesson counted as whole).
#[test]
fn links_into_a_failing_lesson_are_checked() {
    let one = SMALL.replacen(
        "The top node",
        "See [a file](gone.md), [two](../two/index.html), [its notebook](../two/two.ipynb), \
         [its preview](../two/preview.svg) and [a file it lacks](../two/missing.svg).\n\n\
         With {{ w9 }}, the top node",
        1,
    );
    let two = SMALL
        .replacen(
            "The top node",
            "See [one's notebook](../one/one.ipynb) and [its data](../one/data.csv).\n\nThe top node",
            1,
        )
        .replace("w1 = 1.70", "w1 = \"x\"");
    let report = errors(&[("content/one.md", &one), ("content/two.md", &two)]);
    let starts = starts(&report);
    let broken: Vec<&str> = (starts.iter().copied())
        .filter(|l| l.starts_with("warning: broken link"))
        .collect();
    assert_eq!(
        broken,
        [
            "warning: broken link `gone.md`: there is no lesson `content/gone.md`",
            "warning: broken link `../two/missing.svg`: the site has no `two/missing.svg`",
            "warning: broken link `../one/data.csv`: the site has no `one/data.csv`",
        ],
        "{report}"
    );
    assert!(
        report.contains("error: unknown placeholder `w9`"),
        "{report}"
    );
}

/// Behind a network block with a wrong value, the placeholders in prose and captions are
/// checked against the names the block gives (before, they stood in as 0, unchecked): a
/// misspelt signal, parameter or extreme, and an input outside the range written correctly.
/// What is spelt right is no error, and nothing is computed with the stand-in's values.
#[test]
fn placeholders_behind_a_broken_network_are_checked() {
    let text = SMALL
        .replace("w1 = 1.70", "w1 = \"x\"")
        .replacen(
            "The top node has",
            "Right: {{ w1 }}, {{ w3 }}, {{ max output.activation }}, {{ argmin top.linear }}, \
             {{ bottom.activation @ 0.5 }}, {{ input.to }}.\n\n\
             Wrong: {{ w9 }}, {{ max output.activtion }}, {{ top.activation @ 2.0 }}.\n\n\
             The top node has",
            1,
        )
        .replace(
            "reaches {{ top.activation @ 1.0 }}",
            "reaches {{ top.activaton @ 1.0 }}",
        );
    let report = errors(&[("content/one.md", &text)]);
    let starts = starts(&report);
    assert_eq!(
        starts,
        [
            "error: unknown placeholder `w9`",
            "error: signal `output.activtion` does not exist",
            "error: the input 2.0 is outside the input range",
            "error: invalid network block: invalid type: string \"x\", expected a number",
            "error: signal `top.activaton` does not exist",
        ],
        "{report}"
    );
}

/// In a lesson with a broken block, every figure caption's placeholders are checked (the
/// figures are not drawn; before, only the notebook checked them, and only up to the first
/// mistake).
#[test]
fn every_caption_of_a_failing_lesson_is_checked() {
    let text = SMALL
        .replace(
            "reaches {{ top.activation @ 1.0 }}",
            "reaches {{ top.activaton @ 1.0 }}",
        )
        .replace("at = [0.0, 0.5, 1.0]", "at = [0.0, 0.5, 2.0]")
        + "\n```figure\nid = \"two\"\ntitle = \"Two\"\ncaption = \"{{ w7 }}\"\n\
           series = [{ signal = \"output.activation\" }]\n```\n";
    let report = errors(&[("content/one.md", &text)]);
    let starts = starts(&report);
    assert_eq!(
        starts,
        [
            "error: signal `top.activaton` does not exist",
            "error: the input 2 is outside the input range",
            "error: unknown placeholder `w7`",
        ],
        "{report}"
    );
}

/// A network block with a weight too many still leaves a network of its names (before,
/// nothing after it was checked): the other blocks, the controls and the placeholders are
/// checked against the parameters as written. One with a weight too few does not (each use of
/// the weight forgotten would be one more error): its own mistake is all that is reported.
#[test]
fn blocks_behind_a_network_with_a_weight_too_many_are_checked() {
    let text = SMALL
        .replace("weights = { w1 = 1.70 }", "weights = { w1 = 1.70, w5 = 1.0 }")
        .replace(
            "bias = { b3 = -16 }",
            "bias = { b3 = -16 }\n\n[controls]\nw5 = { from = -1.0, to = 1.0 }\nw6 = { from = -1.0, to = 1.0 }",
        )
        .replacen(
            "The top node has",
            "Right: {{ w5 }}, {{ top.w3 @ 0.5 }}. Wrong: {{ bottom.w5 @ 0.5 }}.\n\nThe top node has",
            1,
        )
        .replace("\"top.linear\", \"top.activation\"", "\"top.linear\", \"bottom.w5\"");
    let report = errors(&[("content/one.md", &text)]);
    assert_eq!(
        starts(&report),
        [
            "error: signal `bottom.w5` does not exist",
            "error: node `top`'s weights: 2 values given, but 1 is expected",
            "error: `w6` is not a weight or bias of the network",
            "error: signal `bottom.w5` does not exist",
        ],
        "{report}"
    );
    let too_few = text.replace(
        "weights = { w3 = -40.8, w4 = 2.70 }",
        "weights = { w3 = -40.8 }",
    );
    let report = errors(&[("content/one.md", &too_few)]);
    assert_eq!(
        starts(&report),
        [
            "error: node `top`'s weights: 2 values given, but 1 is expected",
            "error: the output's weights: 1 value given, but 2 are expected",
        ],
        "{report}"
    );
}

/// A figure or diagram block that fails still has its caption checked (before, a mistake in
/// the block hid its caption's): a misspelt placeholder and a formula that does not read.
#[test]
fn the_caption_of_a_block_that_failed_is_checked() {
    let text = SMALL
        .replace(
            "caption = \"The top node reaches {{ top.activation @ 1.0 }}.\"",
            "caption = \"The top node reaches {{ top.activaton @ 1.0 }}.\"\nwidth = \"wide\"",
        )
        + "\n```diagram\nid = \"net\"\ntitle = 3\ncaption = \"Its weight $\\\\frac{1}$ is {{ w11 }}.\"\n```\n";
    let report = errors(&[("content/one.md", &text)]);
    assert_eq!(
        starts(&report),
        [
            "error: signal `top.activaton` does not exist",
            "error: invalid figure block: unknown field `width`, expected one of `id`, `title`, \
             `x_label`, `y_label`, `caption`, `series`, `points`, `points_label`",
            "error: invalid diagram block: invalid type: integer `3`, expected a string",
            "error: LaTeX error: Expected argument but reached end of input.",
            "error: unknown placeholder `w11`",
        ],
        "{report}"
    );
}

/// A training that fails still has its placeholders checked against what it trains, where its
/// `train` list reads (before, every `{{ fit.<…> }}` stood in, unchecked): a parameter it does
/// not train and a misspelt quantity are errors, what it would record is not.
#[test]
fn the_placeholders_of_a_failed_training_are_checked() {
    let text = crate::support::fixture_text("training/valid.md")
        .replace("learning_rate = 0.1", "learning_rate = -0.1")
        + "\nRight: {{ fit.b3 }}, {{ fit.loss @ 0 }}, {{ fit.derivative.b3 }}, {{ fit.prediction.2 }}.\n\
           Wrong: {{ fit.w3 }}, {{ fit.los }}, {{ fit.prediction.0 }}.\n";
    let report = errors(&[("content/fit.md", &text)]);
    let starts = starts(&report);
    assert_eq!(
        starts[1..],
        [
            "error: training `fit` records no `w3`",
            "error: training `fit` records no `los`",
            "error: training `fit` records no `prediction.0`",
        ],
        "{report}"
    );
    assert!(starts[0].contains("learning rate"), "{report}");
    assert!(report.contains("hint: did you mean `loss`?"), "{report}");
    assert!(
        report.contains("hint: data points are numbered from 1: `fit.prediction.1` is the first"),
        "{report}"
    );
}

/// A front matter with a value of the wrong type but a slug as written places its lesson by
/// that slug (before, by the file's name, and its own links were not checked): its links to
/// files its folder will not have are broken, and another lesson's links to its page and
/// notebook are not (they were false warnings).
#[test]
fn a_wrong_front_matter_value_keeps_its_slug() {
    let alpha = SMALL
        .replacen("title = \"Small lesson\"", "title = 3\nslug = \"alpha\"", 1)
        .replacen(
            "The top node",
            "See [x](nothing.html), [nb](alpha.ipynb), [bad](a.ipynb).\n\nThe top node",
            1,
        );
    let b = SMALL.replacen(
        "The top node",
        "See [a](../alpha/index.html), [nb](../alpha/alpha.ipynb), [no](../alpha/z.csv).\n\nThe top node",
        1,
    );
    let report = errors(&[("content/a.md", &alpha), ("content/b.md", &b)]);
    assert_eq!(
        starts(&report),
        [
            "error: invalid front matter: invalid type: integer `3`, expected a string",
            "warning: broken link `nothing.html`: the site has no `alpha/nothing.html`",
            "warning: broken link `a.ipynb`: the site has no `alpha/a.ipynb`",
            "warning: broken link `../alpha/z.csv`: the site has no `alpha/z.csv`",
        ],
        "{report}"
    );
}

/// A caption's links are checked like the prose's (the README says every relative link is):
/// a figure's in a lesson that builds, and a failed figure's in one that does not.
#[test]
fn a_captions_links_are_checked() {
    let text = SMALL.replace(
        "caption = \"The top node reaches {{ top.activation @ 1.0 }}.\"",
        "caption = \"See [x](nope.html) and [the notebook](one.ipynb).\"",
    );
    let p = crate::support::Project::new().lesson("one.md", &text);
    let warnings = match nnbook::check(&p.root) {
        Ok(site) => site
            .warnings
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        Err(e) => panic!("only warnings were expected:\n{e}"),
    };
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0]
            .starts_with("warning: broken link `nope.html`: the site has no `one/nope.html`"),
        "{warnings:?}"
    );
    let failing = text.replace("color = \"blue\"", "color = \"bleu\"");
    let report = errors(&[("content/one.md", &failing)]);
    assert_eq!(
        starts(&report),
        [
            "warning: broken link `nope.html`: the site has no `one/nope.html`",
            "error: unknown colour `bleu`",
        ],
        "{report}"
    );
}

/// A placeholder in a link's text, before an address holding another, was not checked when
/// the text before the link was one event with it (a paragraph above with a mistake of its
/// own): both are reported, with the address's.
#[test]
fn a_placeholder_in_a_links_text_is_checked() {
    let text = SMALL.replacen(
        "The top node has",
        "x {{ w88 }} y\n\n[b {{ w94 }}](x{{ w1 }}.html)\n\nThe top node has",
        1,
    );
    let report = errors(&[("content/one.md", &text)]);
    assert_eq!(
        starts(&report),
        [
            "error: unknown placeholder `w88`",
            "error: unknown placeholder `w94`",
            "error: a placeholder in a link's address is not filled",
        ],
        "{report}"
    );
}

/// A lesson whose slug is no slug claims no folder: its links were checked from a stand-in
/// folder, and the warnings named `lesson/nothing.html`, a place the author never wrote.
#[test]
fn a_lesson_whose_slug_is_no_slug_names_no_stand_in_folder() {
    let text = SMALL
        .replacen(
            "title = \"Small lesson\"",
            "title = \"T\"\nslug = \"a b\"",
            1,
        )
        .replacen("The top node", "See [x](nothing.html).\n\nThe top node", 1);
    let report = errors(&[("content/one.md", &text)]);
    assert_eq!(
        starts(&report),
        ["error: the slug `a b` has the character ' '"],
        "{report}"
    );
}

/// A required field left out stopped its block's reading: a network without `samples` left no
/// network (the placeholders after it went unchecked), and a table without `at` did not check
/// its signals. Each block is now read without it, and the rest is checked.
#[test]
fn a_missing_field_hides_nothing_else() {
    let text = SMALL
        .replace(", samples = 11", "")
        .replace("b1 = {{ b1 }}", "b1 = {{ b9 }}")
        .replace("at = [0.0, 0.5, 1.0]\n", "")
        .replace(
            "\"top.linear\", \"top.activation\"",
            "\"top.linaer\", \"top.activation\"",
        );
    let report = errors(&[("content/one.md", &text)]);
    crate::support::assert_errors_at(
        &report,
        &[
            ("error: unknown placeholder `b9`", "one.md:6:41"),
            (
                "error: invalid network block: missing field `samples`",
                "one.md:9:9",
            ),
            (
                "error: invalid table block: missing field `at`",
                "one.md:34:1",
            ),
            ("error: signal `top.linaer` does not exist", "one.md:34:12"),
        ],
        4,
    );
    assert!(
        report.contains("hint: add it: `samples = 100` draws a smooth figure")
            && report.contains("hint: add the inputs of its rows: `at = [0.0, 0.5, 1.0]`"),
        "{report}"
    );
}

/// The input's name or either end of its range left out stopped the network block's reading,
/// and with it every check of the blocks after it: a misspelt signal in a figure went
/// unreported. Each is now its own error, and the network stands in for the rest.
#[test]
fn an_input_field_left_out_hides_nothing_else() {
    for (left_out, field) in [
        ("name = \"dosage\", ", "name"),
        ("from = 0.0, ", "from"),
        ("to = 1.0, ", "to"),
    ] {
        let text = SMALL.replace(left_out, "").replace(
            "{ signal = \"top.activation\"",
            "{ signal = \"top.activaton\"",
        );
        let report = errors(&[("content/one.md", &text)]);
        let missing = format!("error: invalid network block: missing field `{field}`");
        crate::support::assert_errors_at(
            &report,
            &[
                (&missing, "one.md:9:9"),
                (
                    "error: signal `top.activaton` does not exist",
                    "one.md:29:14",
                ),
            ],
            2,
        );
    }
}

/// A figure without `series` was not read further: a placeholder in its title went unreported.
/// A table without `signals` did not check its inputs. Each block is now read without it.
#[test]
fn a_figure_without_series_and_a_table_without_signals_are_checked_still() {
    let text = SMALL
        .replace("title = \"Top node\"", "title = \"Top {{ w1 }}\"")
        .replace(
            "series = [\n  { signal = \"top.activation\", label = \"ReLU\", color = \"blue\" },\n]\n",
            "",
        )
        .replace("signals = [\"top.linear\", \"top.activation\"]\n", "")
        .replace("at = [0.0, 0.5, 1.0]", "at = [0.0, 0.5, 2.0]");
    let report = errors(&[("content/one.md", &text)]);
    crate::support::assert_errors_at(
        &report,
        &[
            (
                "error: invalid figure block: missing field `series`",
                "one.md:25:1",
            ),
            (
                "error: a placeholder in a figure's title or labels is not filled",
                "one.md:26:9",
            ),
            (
                "error: invalid table block: missing field `signals`",
                "one.md:31:1",
            ),
            (
                "error: the input 2 is outside the input range",
                "one.md:31:17",
            ),
        ],
        4,
    );
    assert!(
        report.contains("hint: add what it draws: `series = [{ signal = \"top.activation\" }]`")
            && report.contains("hint: add the columns: `signals = ["),
        "{report}"
    );
}

/// A front matter without `title` did not read at all: the lesson stood in as a whole and
/// claimed no slug, so a slug it shares with another lesson went unreported. The title is now
/// an error of its own, and the rest of the front matter is read and checked.
#[test]
fn a_lesson_without_a_title_still_claims_its_slug() {
    let one = SMALL.replacen("title = \"Small lesson\"", "slug = \"two\"", 1);
    let report = errors(&[("content/one.md", &one), ("content/two.md", SMALL)]);
    crate::support::assert_errors_at(
        &report,
        &[
            (
                "error: invalid front matter: missing field `title`",
                "one.md:2:1",
            ),
            ("two lessons have the slug `two`", "one.md:2:8"),
        ],
        2,
    );
    assert!(
        report.contains("hint: add it, like `title = \"Understanding ReLU\"`: the title is"),
        "{report}"
    );
}

/// A training on a broken figure's data is not run, and its id was forgotten with it: a second
/// training with the same id went unreported.
#[test]
fn a_training_id_given_twice_is_reported_when_the_first_training_failed() {
    let training = |data: &str| {
        format!(
            "\n```training\nid = \"fit\"\ndata = {data}\ntrain = [\"b3\"]\nlearning_rate = 0.1\ntolerance = 0.001\n```\n"
        )
    };
    let text = SMALL.replace(
        "  { signal = \"top.activation\", label = \"ReLU\", color = \"blue\" },\n]\n",
        "  { signal = \"top.activation\", label = \"ReLU\", colour = \"blue\" },\n]\npoints = [[0.0, 0.0], [1.0, 1.0]]\n",
    ) + &training("\"step-1\"")
        + &training("[[0.0, 0.0], [1.0, 1.0]]");
    let report = errors(&[("content/one.md", &text)]);
    crate::support::assert_errors_at(
        &report,
        &[
            ("unknown field `colour`", "one.md:29:48"),
            ("error: two trainings have the id `fit`", "one.md:48:6"),
        ],
        2,
    );
}

/// A configuration that does not read no longer hides the templates' mistakes (before, its
/// error was all a run told, and the next run the template's): both, with the lessons'.
#[test]
fn a_broken_configuration_does_not_hide_the_templates_mistakes() {
    let template = "{% extends \"base.html\" %}\n{% block content %}\n{{ content | saf }}\n{% endblock content %}\n";
    let report = errors(&[
        ("nnbook.toml", "titel = \"My site\"\n"),
        ("templates/lesson.html", template),
        ("content/one.md", &SMALL.replace("w1 = 1.70", "w1 = \"x\"")),
    ]);
    let starts = starts(&report);
    for told in [
        "error: invalid configuration: unknown field `titel`",
        "error: template error: Filter 'saf' not found",
        "error: invalid network block: invalid type: string \"x\"",
    ] {
        assert!(
            starts.iter().any(|l| l.starts_with(told)),
            "{told}:\n{report}"
        );
    }
}

/// A lesson with a block that failed (a table's misspelt field, a training whose loss cannot
/// start) was not drawn, so its figures' values that cannot be drawn (infinite, or beyond
/// 1e300) were found only once that block was fixed. They are found in the same run: the
/// figures above its first training, whose network is known.
#[test]
fn the_figures_of_a_lesson_that_does_not_render_are_checked() {
    let network = "```network\ninput = { name = \"x\", from = 0.0, to = 1.0, samples = 11 }\n\n[[layer]]\nactivation = \"softplus\"\nnodes = [ { name = \"top\", weights = { w1 = 1e300 }, bias = { b1 = 0.0 } } ]\n\n[output]\nweights = { w2 = 1.0 }\nbias = { b2 = 0.0 }\n```";
    let text = format!(
        "+++\ntitle = \"T\"\n+++\n\n{network}\n\n```figure\nid = \"f\"\nseries = [{{ signal = \"output.activation\" }}]\n```\n\n```table\nsignals = [\"top.linear\"]\nat = [0.5]\ncolour = \"red\"\n```\n\n```training\ndata = [[0.0, 0.0], [1.0, 1.0]]\ntrain = [\"b2\"]\nlearning_rate = 0.1\nsteps = 2\n```\n\n```figure\nid = \"after\"\nseries = [{{ signal = \"output.activation\" }}]\n```\n"
    );
    let report = errors(&[("content/one.md", &text)]);
    assert_eq!(
        starts(&report),
        [
            "error: figure `f` reaches 1e300, too large to draw",
            "error: invalid table block: unknown field `colour`, expected one of `signals`, `at`, `arithmetic`, `headers`, `precision`, `input_precision`",
            "error: training `training` cannot start: the loss is not finite at the starting values",
        ],
        "{report}"
    );
}
