//! Training in a lesson (issue 14): the `training`, `training-figure` and `training-table`
//! blocks and the training placeholders, through whole builds. The numbers are StatQuest's
//! ("Backpropagation Main Ideas": SSR 20.4 at b3 = 0, slope −15.7, b3 1.57, 2.19, 2.44, 2.54,
//! 2.58, ..., 2.61; "Inside the Black Box": 1.03 at dosage 0.5), never values nnbook produced.
//! Every mistake is `tests/fixtures/training/valid.md` with one change, reported at the `‸`
//! the change carries, and snapshotted.

use crate::support::{fixture_text, marked, shipped, site_figures, Project};

fn valid() -> String {
    fixture_text("training/valid.md")
}

/// The valid lesson built on its own; its page.
fn page(text: &str) -> String {
    let p = Project::new().lesson("fit.md", text);
    p.build()
        .unwrap_or_else(|e| panic!("the lesson does not build:\n{e}"));
    p.read("fit/index.html")
}

#[test]
fn placeholders_reproduce_statquest() {
    let html = page(&valid());
    for expected in [
        "Before training: −2.60, −1.61, −2.61.",
        "SSR 20.42, slope −15.66, step −1.57.",
        "b3: 1.57, 2.19, 2.44, 2.54, 2.58; final 2.61.",
    ] {
        assert!(html.contains(expected), "the page lacks {expected:?}");
    }
}

#[test]
fn blocks_after_the_training_use_the_trained_network() {
    // b3 = 2.6092 lifts the prediction at 0.5 from −1.61 to −1.61 + 2.61 = 1.00.
    let html = page(&valid());
    assert!(html.contains("After training: 1.00."), "{html}");
}

#[test]
fn the_table_writes_the_chain_rule_out() {
    let html = page(&valid());
    // Step 1 at b3 = 0: −2 (0 − (−2.60)) · 1 − 2 (1 − (−1.61)) · 1 − 2 (0 − (−2.61)) · 1 (each
    // term's −2 a subtraction after the first: "+ −2" read badly).
    for expected in [
        // (The terms as written give −15.64: "≈".)
        "−2 · (0.00 − (−2.60)) · 1.00 − 2 · (1.00 − (−1.61)) · 1.00 − 2 · (0.00 − (−2.61)) · 1.00 ≈ −15.66",
        "(−15.66) · 0.1 = −1.57",
        "0.00 − (−1.57) = 1.57",
        // (At two decimals, "1.57 − (−0.63) = 2.19": a third decimal makes it add up.)
        "1.566 − (−0.626) = 2.192",
    ] {
        assert!(html.contains(expected), "the table lacks {expected:?}");
    }
}

#[test]
fn the_loss_curve_is_statquests_ssr() {
    let p = Project::new().lesson("fit.md", valid());
    p.build().unwrap();
    let figures = site_figures(&p.site(), "fit/index.html");
    let csv = figures["curve"].csv.clone().expect("the loss curve's data");
    let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(rows[0][..2], ["b3", "loss"]);
    let at = |b3: f64| -> f64 {
        let row = rows[1..]
            .iter()
            .find(|r| r[0].parse::<f64>().unwrap() == b3 && !r[1].is_empty())
            .unwrap_or_else(|| panic!("no row at b3 = {b3}"));
        row[1].parse().unwrap()
    };
    assert!(
        (at(0.0) - 20.424).abs() < 5e-4,
        "SSR at b3 = 0: {}",
        at(0.0)
    );
    // The lowest point of the sampled curve lies within one grid step (0.025) of 2.6092.
    let lowest = rows[1..]
        .iter()
        .filter(|r| !r[1].is_empty())
        .map(|r| (r[0].parse::<f64>().unwrap(), r[1].parse::<f64>().unwrap()))
        .fold((0.0, f64::INFINITY), |a, p| if p.1 < a.1 { p } else { a });
    assert!((lowest.0 - 2.6092).abs() <= 0.025, "lowest at {}", lowest.0);
    // Three tangents (steps 0, 1, 2), each a segment of two points.
    assert!(rows[0].contains(&"tangent_3"));
}

#[test]
fn the_shipped_series_reproduces_statquest() {
    let built = shipped(None);
    let black_box = built.read("black-box/index.html");
    // (Its values are marked for the page's script: read the text without the markup.)
    let mut text = String::new();
    let mut in_tag = false;
    for c in black_box.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    // (Words as a reader reads them: the source's line breaks are spaces.)
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("gives 1.03 (with the lesson's values, StatQuest's 1.03)"),
        "{text}"
    );
    let backprop = built.read("backpropagation/index.html");
    for expected in ["20.42", "−15.66", "1.57", "2.19", "2.44", "b3 = 2.61"] {
        assert!(backprop.contains(expected), "the lesson lacks {expected:?}");
    }
}

#[test]
fn the_shipped_series_is_in_order() {
    let built = shipped(None);
    let index = built.read("index.html");
    let at = |s: &str| {
        index
            .find(s)
            .unwrap_or_else(|| panic!("the index lacks {s}"))
    };
    assert!(at("black-box/index.html") < at("backpropagation/index.html"));
    assert!(at("backpropagation/index.html") < at("relu/index.html"));
    assert!(at("relu/index.html") < at("writing-a-lesson/index.html"));
    assert!(index.contains("Part 1") && index.contains("Part 3"));
    let backprop = built.read("backpropagation/index.html");
    assert!(backprop.contains("Part 2 of 3"));
    assert!(backprop.contains("rel=\"prev\" href=\"../black-box/index.html\""));
    assert!(backprop.contains("rel=\"next\" href=\"../relu/index.html\""));
    // The guide is documentation, reached from the index, in no series' order.
    let relu = built.read("relu/index.html");
    assert!(!relu.contains("rel=\"next\""), "the last part has no next");
    let guide = built.read("writing-a-lesson/index.html");
    assert!(!guide.contains("rel=\"prev\"") && !guide.contains("rel=\"next\""));
    let zh = built.read("zh-CN/backpropagation/index.html");
    assert!(zh.contains("第 2 部分，共 3 部分"));
}

/// The valid lesson with `from` replaced by `to` (which carries a `‸`): the build fails with
/// one diagnostic at the marker whose message contains `message`; it is snapshotted.
fn broken(name: &str, from: &str, to: &str, message: &str) {
    let text = valid();
    assert!(text.contains(from), "the valid lesson has no {from:?}");
    let (text, at) = marked(&text.replacen(from, to, 1));
    let p = Project::new().lesson("fit.md", &text);
    let error = match p.build() {
        Ok(_) => panic!("{name}: the build succeeded"),
        Err(e) => e,
    };
    assert_eq!(
        error.diagnostics.len(),
        1,
        "{name}: one diagnostic:\n{error}"
    );
    let d = &error.diagnostics[0];
    let loc = d.location.as_ref().expect("a location");
    assert_eq!(
        (loc.line, loc.column),
        (at.line, at.column),
        "{name}:\n{error}"
    );
    assert!(d.message.contains(message), "{name}:\n{error}");
    assert!(
        d.expected.is_some() || d.hint.is_some(),
        "{name}: no help:\n{error}"
    );
    insta::assert_snapshot!(name.to_string(), error.to_string());
}

#[test]
fn an_unknown_parameter() {
    broken(
        "training_unknown_parameter",
        "train = [\"b3\"]",
        "train = [‸\"b4\"]",
        "no weight or bias named `b4`",
    );
}

#[test]
fn no_data() {
    broken(
        "training_no_data",
        "data = [[0.0, 0.0], [0.5, 1.0], [1.0, 0.0]]",
        "data = ‸[]",
        "no data",
    );
}

#[test]
fn data_from_an_unknown_figure() {
    broken(
        "training_data_unknown_figure",
        "data = [[0.0, 0.0], [0.5, 1.0], [1.0, 0.0]]",
        "data = ‸\"strat\"",
        "no figure `strat`",
    );
}

/// Read by an untagged enum before: "data did not match any variant of untagged enum".
#[test]
fn data_that_is_neither_points_nor_a_figure() {
    broken(
        "training_data_not_a_list",
        "data = [[0.0, 0.0], [0.5, 1.0], [1.0, 0.0]]",
        "data = ‸5",
        "expected a list of `[input, target]` points, or the id of a figure",
    );
    broken(
        "training_data_point_of_text",
        "data = [[0.0, 0.0], [0.5, 1.0], [1.0, 0.0]]",
        "data = [[0.0, 0.0], [0.5, ‸\"one\"], [1.0, 0.0]]",
        "invalid type: string \"one\", expected a number",
    );
    broken(
        "training_data_point_of_one_number",
        "data = [[0.0, 0.0], [0.5, 1.0], [1.0, 0.0]]",
        "data = [[0.0, 0.0], ‸[0.5], [1.0, 0.0]]",
        "expected a list of length 2",
    );
}

#[test]
fn a_learning_rate_that_is_not_positive() {
    broken(
        "training_learning_rate",
        "learning_rate = 0.1",
        "learning_rate = ‸-0.1",
        "not positive",
    );
}

#[test]
fn steps_over_the_limit() {
    broken(
        "training_steps_limit",
        "max_steps = 1000",
        "max_steps = ‸20000",
        "20000 steps is too many",
    );
}

#[test]
fn no_stop_rule() {
    broken(
        "training_no_stop_rule",
        "```training\nid = \"fit\"\ndata = [[0.0, 0.0], [0.5, 1.0], [1.0, 0.0]]\ntrain = [\"b3\"]\nstart = { b3 = 0.0 }\nlearning_rate = 0.1\ntolerance = 0.001\n",
        "‸```training\nid = \"fit\"\ndata = [[0.0, 0.0], [0.5, 1.0], [1.0, 0.0]]\ntrain = [\"b3\"]\nstart = { b3 = 0.0 }\nlearning_rate = 0.1\n",
        "no stop rule",
    );
}

#[test]
fn a_training_that_diverges_names_its_step() {
    broken(
        "training_diverges",
        "learning_rate = 0.1",
        "learning_rate = ‸50.0",
        "diverged at step",
    );
}

#[test]
fn an_unknown_loss() {
    broken(
        "training_unknown_loss",
        "learning_rate = 0.1",
        "loss = ‸\"sum_of_square\"\nlearning_rate = 0.1",
        "unknown loss",
    );
}

#[test]
fn an_id_that_is_a_node() {
    // The prose's `{{ fit.* }}` placeholders then name no training: they are reported too.
    let (text, at) = marked(&valid().replacen("id = \"fit\"", "id = ‸\"top\"", 1));
    let error = Project::new()
        .lesson("fit.md", &text)
        .build()
        .expect_err("a bad id");
    let d = error
        .diagnostics
        .iter()
        .find(|d| {
            d.message
                .contains("the training id `top` is a name in the network")
        })
        .unwrap_or_else(|| panic!("{error}"));
    let loc = d.location.as_ref().expect("a location");
    assert_eq!((loc.line, loc.column), (at.line, at.column), "{error}");
}

#[test]
fn a_figure_of_an_unknown_training() {
    broken(
        "training_figure_unknown_training",
        "training = \"fit\"\nshow",
        "training = ‸\"fti\"\nshow",
        "no training `fti`",
    );
}

#[test]
fn a_step_the_training_did_not_take() {
    broken(
        "training_figure_step_out_of_range",
        "at_steps = [0, 1, 2]",
        "at_steps = [0, 1, ‸200]",
        "has no step 200",
    );
}

#[test]
fn an_unknown_figure_kind() {
    broken(
        "training_figure_unknown_show",
        "show = \"loss_curve\"",
        "show = ‸\"loss_curv\"",
        "unknown training figure",
    );
}

#[test]
fn a_placeholder_of_an_unknown_quantity() {
    broken(
        "training_placeholder_unknown",
        "SSR {{ fit.loss @ 0 }}",
        "SSR ‸{{ fit.los @ 0 }}",
        "records no `los`",
    );
}

#[test]
fn a_placeholder_step_out_of_range() {
    broken(
        "training_placeholder_step",
        "{{ fit.b3 @ 5 }}",
        "‸{{ fit.b3 @ 500 }}",
        "has no step `500`",
    );
}

/// `prediction.0` was answered "only trained parameters have steps".
#[test]
fn a_prediction_of_data_point_zero() {
    broken(
        "training_prediction_zero",
        "{{ fit.b3 @ 5 }}",
        "‸{{ fit.prediction.0 @ 5 }}",
        "records no `prediction.0`",
    );
}

#[test]
fn a_series_without_a_part() {
    broken(
        "series_without_part",
        "series = \"Tests\"\npart = 1\n",
        "series = ‸\"Tests\"\n",
        "without a part",
    );
}

#[test]
fn two_lessons_are_the_same_part() {
    let p = Project::new().lesson("a.md", valid()).lesson(
        "b.md",
        valid().replace("title = \"Training b3\"", "title = \"B\""),
    );
    let error = p.build().expect_err("two lessons are part 1");
    let text = error.to_string();
    assert!(
        text.contains("two lessons are part 1 of the series `Tests`"),
        "{text}"
    );
    assert!(text.contains("content/b.md:5:8"), "{text}");
}

#[test]
fn recorded_values_are_bounded() {
    // 10,000 steps of 50 data points record 10,000 × (3 + 100 + 1) > 1,000,000 values.
    let points: Vec<String> = (0..50).map(|i| format!("[{}.0, 0.0]", i % 2)).collect();
    let text = valid()
        .replacen(
            "data = [[0.0, 0.0], [0.5, 1.0], [1.0, 0.0]]",
            &format!("data = [{}]", points.join(", ")),
            1,
        )
        .replacen("max_steps = 1000", "max_steps = 10000", 1);
    let error = Project::new()
        .lesson("fit.md", text)
        .build()
        .expect_err("over the budget");
    assert!(
        error.to_string().contains("recorded values is too many"),
        "{error}"
    );
}

#[test]
fn mangled_training_blocks_never_panic() {
    let text = valid();
    let body = "id = \"fit\"\ndata = [[0.0, 0.0], [0.5, 1.0], [1.0, 0.0]]\ntrain = [\"b3\"]\nstart = { b3 = 0.0 }\nlearning_rate = 0.1\ntolerance = 0.001\nmax_steps = 1000\n";
    let replacements = [
        "learning_rate = 1e308",
        "learning_rate = inf",
        "learning_rate = nan",
        "tolerance = -1",
        "tolerance = nan",
        "max_steps = -5",
        "max_steps = 9223372036854775807",
        "start = { b3 = 1e308 }",
        "start = { b3 = nan }",
        "data = [[nan, 0.0]]",
        "data = [[1e308, 1e308]]",
        "train = []",
        "train = [\"b3\", \"b3\"]",
        "data = 5",
    ];
    for line in body.lines() {
        for r in replacements {
            if r.split(' ').next() != line.split(' ').next() {
                continue;
            }
            let mangled = text.replacen(line, r, 1);
            // Either outcome is fine; a panic fails the test.
            let _ = Project::new().lesson("fit.md", mangled).build();
        }
    }
}

#[test]
fn a_series_name_is_text_never_markup() {
    let text = valid().replace(
        "series = \"Tests\"",
        "series = \"<b>Tests</b> & \\\"more\\\"\"",
    );
    let p = Project::new().lesson("fit.md", text);
    p.build().unwrap_or_else(|e| panic!("{e}"));
    for page in ["index.html", "fit/index.html"] {
        let html = p.read(page);
        assert!(
            !html.contains("<b>Tests</b>"),
            "{page} has the name as markup"
        );
        assert!(
            html.contains("&lt;b&gt;Tests&lt;/b&gt; &amp;"),
            "{page}:\n{html}"
        );
    }
}

#[test]
fn every_parameter_with_the_mean_squared_error() {
    // StatQuest's SSR at the start, 20.424, over 3 points: 6.808.
    let text = valid()
        .replacen(
            "train = [\"b3\"]",
            "train = \"all\"\nloss = \"mean_squared\"",
            1,
        )
        .replacen("tolerance = 0.001\nmax_steps = 1000", "steps = 50", 1)
        .replacen(
            "SSR {{ fit.loss @ 0 }}",
            "MSE {{ fit.loss @ 0 }}, w3 {{ fit.w3 @ 0 }}",
            1,
        )
        .replacen(
            "show = \"loss_curve\"\nfrom = -1.0\nto = 4.0\nat_steps = [0, 1, 2]",
            "show = \"parameter\"\nparam = \"w3\"",
            1,
        );
    let html = page(&text);
    assert!(html.contains("MSE 6.81, w3 −1.22"), "{html}");
    assert!(html.contains("MSE"), "the table's loss header");
    // The placeholders of states that the training took are all there.
    let p = Project::new().lesson("fit.md", text.replace("{{ fit.b3 }}", "{{ fit.steps }}"));
    p.build().unwrap();
    let page = p.read("fit/index.html");
    assert!(page.contains("final 50."), "50 steps taken");
}

#[test]
fn training_work_is_bounded() {
    // 256 hidden nodes: 769 parameters; 10,000 steps × 20 points × 769 > 100,000,000.
    let nodes: Vec<String> = (0..256)
        .map(|i| {
            format!("{{ name = \"n{i}\", weights = {{ w{i} = 0.01 }}, bias = {{ c{i} = 0.0 }} }}")
        })
        .collect();
    let out: Vec<String> = (0..256).map(|i| format!("v{i} = 0.01")).collect();
    let data: Vec<String> = (0..20)
        .map(|i| format!("[{}, 0.5]", i as f64 / 20.0))
        .collect();
    let text = format!(
        "+++\ntitle = \"Big\"\n+++\n\n```network\ninput = {{ name = \"x\", from = 0.0, to = 1.0, samples = 11 }}\n[[layer]]\nactivation = \"tanh\"\nnodes = [\n{}\n]\n[output]\nweights = {{ {} }}\nbias = {{ b = 0.0 }}\n```\n\n```training\ndata = [{}]\ntrain = [\"b\"]\nlearning_rate = 0.1\ntolerance = 1e-12\nmax_steps = 10000\n```\n",
        nodes.join(",\n"),
        out.join(", "),
        data.join(", ")
    );
    let started = std::time::Instant::now();
    let error = Project::new()
        .lesson("big.md", text)
        .build()
        .expect_err("over the work budget");
    assert!(
        error
            .to_string()
            .contains("units of training work is too many"),
        "{error}"
    );
    assert!(started.elapsed().as_secs() < 5, "refused before training");
}

#[test]
fn a_part_missing_in_a_translation_keeps_the_count() {
    let part = |n: u32| valid().replace("part = 1", &format!("part = {n}"));
    let p = Project::new()
        .lesson("a.md", part(1))
        .lesson("c.md", part(3))
        .lesson("a.zh-CN.md", part(1));
    p.build().unwrap_or_else(|e| panic!("{e}"));
    let c = p.read("c/index.html");
    assert!(c.contains("Part 3 of 3"), "{c}");
    assert!(c.contains("rel=\"prev\" href=\"../a/index.html\""));
    let zh = p.read("zh-CN/a/index.html");
    assert!(zh.contains("第 1 部分，共 1 部分"));
    // The index counts the parts as the pages do: the highest there is (it counted lessons,
    // and said "1 part" above a page that says "part 2 of 2").
    assert!(p.read("index.html").contains(">3 parts<"));
    let p = Project::new()
        .lesson("a.md", part(1))
        .lesson("b.md", part(2))
        .lesson("b.zh-CN.md", part(2));
    p.build().unwrap_or_else(|e| panic!("{e}"));
    assert!(p
        .read("zh-CN/b/index.html")
        .contains("第 2 部分，共 2 部分"));
    let index = p.read("zh-CN/index.html");
    assert!(index.contains(">共 2 部分<"), "{index}");
}

#[test]
fn the_notebook_says_what_the_training_computed() {
    let p = Project::new().lesson("fit.md", valid());
    p.build().unwrap();
    let notebook = p.read("fit/fit.ipynb");
    assert!(
        notebook.contains(
            "Training `fit` (b3, learning rate 0.1): 10 steps; the loss goes from 20.42 to"
        ),
        "{notebook}"
    );
    assert!(notebook.contains("b3 = 2.61."), "{notebook}");
}

#[test]
fn many_trainings_and_placeholders_stay_linear() {
    // 5,000 trainings and 10,000 placeholders above them (each looks up the network in effect
    // and a training): a walk over the blocks per lookup would take 50 million steps.
    let head = valid().split("```figure").next().unwrap().to_string();
    let mut text = head
        .replace("{{ fit.", "{{ t0.")
        .replace("@ 5 }}", "@ 1 }}");
    text = text
        .replace("{{ t0.b3 @ 2 }}", "{{ t0.b3 @ 1 }}")
        .replace("{{ t0.b3 @ 3 }}", "{{ t0.b3 @ 1 }}")
        .replace("{{ t0.b3 @ 4 }}", "{{ t0.b3 @ 1 }}");
    text.push_str(&"{{ b1 }} {{ t0.loss @ 0 }} ".repeat(5000));
    text.push('\n');
    for i in 0..5000 {
        text.push_str(&format!(
            "\n```training\nid = \"t{i}\"\ndata = [[0.0, 0.0]]\ntrain = [\"b3\"]\nlearning_rate = 0.1\nsteps = 1\n```\n"
        ));
    }
    let started = std::time::Instant::now();
    Project::new()
        .lesson("many.md", text)
        .build()
        .unwrap_or_else(|e| panic!("{}", crate::support::truncate(&e.to_string(), 2000)));
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
}
