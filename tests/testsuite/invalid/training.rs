//! Training, training-figure and training-table blocks: every mistake of each in one run,
//! those of a block showing a training that failed too.

use super::{assert_problems, failing_build, line_of};
use crate::support::{fixture_text, Project};

/// A training block's fields are checked each on its own too (its training runs once all are
/// right): four mistakes, four diagnostics (the code before reported the first).
#[test]
fn every_mistake_of_a_training_block_is_reported_at_once() {
    let source = fixture_text("training/valid.md")
        .replace("train = [\"b3\"]", "train = [\"b4\"]")
        .replace("start = { b3 = 0.0 }", "start = { b3 = nan }")
        .replace("learning_rate = 0.1", "learning_rate = 0.0")
        .replace(
            "tolerance = 0.001\n",
            "loss = \"sum_of_square\"\ntolerance = 0.001\n",
        );
    assert_problems(
        &source,
        &[
            ("train =", "the network has no weight or bias named `b4`"),
            ("start =", "a starting value is not finite"),
            ("learning_rate =", "the learning rate 0 is not positive"),
            ("loss =", "unknown loss `sum_of_square`"),
        ],
    );
}

/// The blocks that show a training that failed are still checked for what they get wrong on
/// their own (what they show, a range, a precision): those were found only once the training
/// was fixed. So is a loss curve's range when its parameter is not trained.
#[test]
fn blocks_showing_a_broken_training_are_checked_on_their_own() {
    let source = fixture_text("training/valid.md")
        .replace("train = [\"b3\"]", "train = [\"nope\"]")
        .replace("show = \"output\"", "show = \"bogus\"")
        .replace("steps = [1, 2]\n", "steps = [1, 2]\nprecision = 99\n")
        .replace("from = -1.0\nto = 4.0", "to = -1.0\nfrom = 4.0");
    assert_problems(
        &source,
        &[
            ("train =", "the network has no weight or bias named `nope`"),
            ("from = 4.0", "the range 4 to -1 is reversed"),
            ("show = \"bogus\"", "unknown training figure `bogus`"),
            ("precision = 99", "precision 99 is out of range"),
        ],
    );
    let source = fixture_text("training/valid.md")
        .replace(
            "show = \"loss_curve\"",
            "show = \"loss_curve\"\nparam = \"w1\"",
        )
        .replace("from = -1.0\nto = 4.0", "to = -1.0\nfrom = 4.0");
    assert_problems(
        &source,
        &[
            ("param = ", "training `fit` does not train `w1`"),
            ("from = 4.0", "the range 4 to -1 is reversed"),
        ],
    );
}

/// Training data lie in the input range, as a figure's points and a table's inputs do: a
/// prediction at 2 of a network drawn from 0 to 1 was published without a chart to show it.
#[test]
fn training_data_outside_the_input_range() {
    let source = fixture_text("training/valid.md").replace(
        "data = [[0.0, 0.0], [0.5, 1.0], [1.0, 0.0]]",
        "data = [[0.0, 0.0], [0.5, 1.0], [2.0, 0.0]]",
    );
    assert_problems(
        &source,
        &[(
            "data =",
            "data point 3's input 2 is outside the input range",
        )],
    );
}

/// A training figure's and a training table's fields are checked each on its own too, those
/// about the training once it is found: eight mistakes in three blocks, eight diagnostics (the
/// code before reported the first of each block).
#[test]
fn every_mistake_of_a_training_figure_and_table_is_reported_at_once() {
    let source = fixture_text("training/valid.md")
        .replace(
            "show = \"loss_curve\"\n",
            "show = \"loss_curve\"\nparam = \"b9\"\ntitle = \"Loss at {{ b3 }}\"\n",
        )
        .replace("at_steps = [0, 1, 2]", "at_steps = [0, 1, 99999]")
        .replace(
            "id = \"output\"\nshow = \"output\"",
            "id = \"output\"\ntraining = \"fot\"\nshow = \"outptu\"",
        )
        .replace(
            "training = \"fit\"\nsteps = [1, 2]\n",
            "training = \"fit\"\nparam = \"b4\"\nsteps = [0, 2]\nprecision = 20\n",
        );
    assert_problems(
        &source,
        &[
            ("param = \"b9\"", "training `fit` does not train `b9`"),
            (
                "title = \"Loss at",
                "a placeholder in a figure's title or labels is not filled",
            ),
            (
                "at_steps = [0, 1, 99999]",
                "training `fit` has no step 99999",
            ),
            ("training = \"fot\"", "no training `fot` above this block"),
            ("show = \"outptu\"", "unknown training figure `outptu`"),
            ("param = \"b4\"", "training `fit` does not train `b4`"),
            ("steps = [0, 2]", "training `fit` has no step 0"),
            ("precision = 20", "precision 20 is out of range"),
        ],
    );
}

/// A `[controls]` table in a lesson that trains is a warning at the table, naming the training:
/// such a page has no sliders, and the table was ignored without a word. Without the table
/// there is no warning.
#[test]
fn controls_in_a_lesson_that_trains_are_a_warning() {
    let plain = fixture_text("training/valid.md");
    let source = plain.replace(
        "bias = { b3 = 0.0 }\n",
        "bias = { b3 = 0.0 }\n\n[controls]\nb3 = { from = -4.0, to = 4.0 }\n",
    );
    assert_ne!(source, plain);
    let warnings_of = |text: &str| {
        let p = Project::new().file("content/trained.md", text);
        let site = nnbook::check(&p.root).unwrap_or_else(|e| panic!("{e}"));
        site.warnings
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    };
    let warnings = warnings_of(&source);
    let table = super::line_of(&source, "[controls]");
    let training = super::line_of(&source, "```training");
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let w = &warnings[0];
    assert!(w.contains(&format!("trained.md:{table}:")), "{w}");
    assert!(
        w.contains("a lesson that trains a network has no sliders"),
        "{w}"
    );
    assert!(
        w.contains(&format!("the training at line {training}")),
        "{w}"
    );
    assert_eq!(warnings_of(&plain), Vec::<String>::new());
}

/// A step past the end of a training that its tolerance stopped early (`at_steps = [0, 1, 500]`,
/// the training having stopped after fewer) is told where and why it stopped, and that `"last"`
/// names that step: the author could not know its number before the build ("0 is the start; n
/// is after n steps" said nothing of it). A step past a training that ran its fixed number keeps
/// that hint, which names `"last"` too.
#[test]
fn a_step_past_a_training_its_tolerance_stopped_is_told_why() {
    let hint_of = |source: &str| {
        let p = Project::new().file("content/trained.md", source);
        let error = nnbook::check(&p.root).expect_err("a step past the end");
        error.diagnostics[0].hint.clone().unwrap_or_default()
    };
    let early =
        fixture_text("training/valid.md").replace("at_steps = [0, 1, 2]", "at_steps = [0, 1, 500]");
    let hint = hint_of(&early);
    let stopped = hint
        .strip_prefix("the training stopped after ")
        .and_then(|h| h.split_once(" steps, once every step was below its tolerance: "))
        .unwrap_or_else(|| panic!("{hint}"));
    assert_eq!(
        stopped.1,
        "write `\"last\"` for its last step, whatever number that turns out to be"
    );
    assert!(stopped.0.parse::<usize>().is_ok_and(|n| n < 500), "{hint}");
    let fixed = early.replace("tolerance = 0.001\nmax_steps = 1000", "steps = 5");
    assert_ne!(fixed, early);
    assert_eq!(
        hint_of(&fixed),
        "0 is the start; n is after n steps; \"last\" is after the last"
    );
}

/// A step is a whole number or `"last"`: other text, or a decimal, is told so at the item, with
/// both forms in the hint (it read "check the value's type" before `"last"` existed); a whole
/// decimal is told its number, as for any whole number. The item's stand-in lets the block's
/// other mistakes be found in the same run.
#[test]
fn a_step_written_as_other_text_is_told_its_two_forms() {
    let source = fixture_text("training/valid.md")
        .replace("at_steps = [0, 1, 2]", "at_steps = [0, \"end\", 99]")
        .replace("at_steps = [0, 1]", "at_steps = [0, 1.0]")
        .replace("steps = [1, 2]", "steps = [1, 2.5]");
    let p = Project::new().file("content/trained.md", &source);
    let error = nnbook::check(&p.root).expect_err("three steps written wrong");
    let found: Vec<(String, String)> = error
        .diagnostics
        .iter()
        .map(|d| (d.message.clone(), d.hint.clone().unwrap_or_default()))
        .collect();
    // (The training stops after 10 steps, as the same descent in numpy does.)
    let hint =
        "name a step by its number, like `10`, or write `\"last\"` for the training's last step";
    assert_eq!(
        found,
        [
            (
                "invalid training-figure block: invalid value: string \"end\", expected a whole number or \"last\"".to_string(),
                hint.to_string()
            ),
            (
                "training `fit` has no step 99".to_string(),
                "the training stopped after 10 steps, once every step was below its tolerance: write `\"last\"` for its last step, whatever number that turns out to be".to_string()
            ),
            (
                "invalid training-figure block: invalid type: floating point `1.0`, expected a whole number or \"last\"".to_string(),
                "a whole number is written without a decimal point or exponent: `1`".to_string()
            ),
            (
                "invalid training-table block: invalid type: floating point `2.5`, expected a whole number or \"last\"".to_string(),
                hint.to_string()
            ),
        ]
    );
    for (d, item) in error
        .diagnostics
        .iter()
        .zip(["\"end\"", "99", "1.0", "2.5"])
    {
        let at = d.location.as_ref().expect("a location");
        let marked: String = at
            .source_line
            .chars()
            .skip(at.column - 1)
            .take(at.width)
            .collect();
        assert_eq!(marked, item, "{d:?}");
    }
}

/// What an author's training does wrong that was published or told otherwise (a teacher's
/// series, tried): a learning rate that makes the loss grow while it stays finite (StatQuest's
/// network at 0.4: 20.42, StatQuest's SSR at b3 = 0, to 3.43e30 after 100 steps, numpy's
/// figure) was published with a warning to raise the learning rate; a starting value of a
/// parameter the training does not change silently changed the network; `max_steps` beside
/// `steps` was silently not used; a step name of the wrong kind (`"first"`) was counted as a step
/// 0 besides its own error; `train = []` told its placeholders it trains nothing; a loss that does not start finite was blamed on the learning rate.
#[test]
fn a_training_that_diverges_or_starts_what_it_does_not_train_is_an_error() {
    let valid = fixture_text("training/valid.md");
    let diverging = valid
        .replace("learning_rate = 0.1", "learning_rate = 0.4")
        .replace("max_steps = 1000", "max_steps = 100");
    assert_problems(
        &diverging,
        &[(
            "learning_rate =",
            "training `fit` diverges: its loss grows from 20.42 at the start to 3.43e30 after 100 steps, and is still growing",
        )],
    );
    // No divergence: a training started at its minimum, whose loss moves by a rounding's width
    // (StatQuest's b3 = 2.6089…), and a ReLU node that stops firing after one step, whose loss
    // settles higher (0.77 to 3.00, then flat: numpy's 0.7700 and 3.0000).
    let at_minimum = (valid.replace("start = { b3 = 0.0 }", "start = { b3 = 2.608911137247537 }"))
        .replace("tolerance = 0.001\nmax_steps = 1000", "steps = 10");
    let dead = "+++\ntitle = \"Dead\"\n+++\n\n```network\ninput = { name = \"x\", from = 0.0, to = 1.0, samples = 11 }\n[[layer]]\nactivation = \"relu\"\nnodes = [ { name = \"a\", weights = { w1 = 1.0 }, bias = { b1 = 0.8 } } ]\n[output]\nweights = { w3 = 1.0 }\nbias = { b3 = 0.0 }\n```\n\n```training\ndata = [[0.0, 1.0], [0.5, 1.0], [1.0, 1.0]]\ntrain = [\"b1\"]\nlearning_rate = 1.0\ntolerance = 0.001\n```\n\nLoss {{ training.loss @ 0 }} then {{ training.loss }}.\n";
    for (name, lesson) in [("minimum", at_minimum.as_str()), ("dead", dead)] {
        let p = Project::new().lesson("a.md", lesson);
        let built = p.build().unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(built.lessons, 1, "{name}");
    }
    let untrained = valid.replace("start = { b3 = 0.0 }", "start = { w1 = 1.0 }");
    assert_problems(
        &untrained,
        &[(
            "start =",
            "`w1` is not trained, so it has no starting value",
        )],
    );
    // (A misspelt name beside one not trained is told first, as it was.)
    let misspelt = valid.replace("start = { b3 = 0.0 }", "start = { w1 = 1.0, nope = 2.0 }");
    assert_problems(
        &misspelt,
        &[("start =", "the network has no weight or bias named `nope`")],
    );
    let both = valid.replace("max_steps = 1000", "max_steps = 1000\nsteps = 5");
    assert_problems(
        &both,
        &[("max_steps =", "`max_steps` is not used beside `steps`")],
    );
    let named = valid.replace("steps = [1, 2]\n", "steps = [0, 2, \"first\"]\n");
    assert_problems(
        &named,
        &[
            ("steps = [0", "training `fit` has no step 0"),
            (
                "steps = [0",
                "invalid training-table block: invalid value: string \"first\", expected a whole number or \"last\"",
            ),
        ],
    );
    // (Its placeholders `{{ fit.b3 }}` were told "training `fit` trains " as well.)
    let none = valid.replace("train = [\"b3\"]", "train = []");
    assert_problems(&none, &[("train =", "no parameter to train")]);
    let huge = valid.replace("w1 = 3.34", "w1 = 1e300");
    let error = failing_build(&Project::new().lesson("a.md", &huge).previous_site());
    let d = (error.diagnostics.iter())
        .find(|d| d.message.contains("cannot start"))
        .unwrap_or_else(|| panic!("{error}"));
    assert_eq!(
        d.location.as_ref().unwrap().line,
        line_of(&huge, "```training")
    );
    assert!(
        !d.hint.as_deref().unwrap_or("").contains("learning_rate"),
        "{error}"
    );
}
