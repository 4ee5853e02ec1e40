//! Every wrong value of a lesson in one run: a snapshot, as `diagnostics` takes them (update
//! with `INSTA_UPDATE=always cargo test --test testsuite wrong_types::`).

use crate::diagnostics::{errors, lesson, one};
use crate::support::assert_errors_at;

/// A valid network block of one ReLU node `top` (w1, b1) and the output (w2, b2), which the
/// tests below put their other blocks after.
pub(crate) const NETWORK: &str = r#"```network
input = { name = "x", from = 0.0, to = 1.0, samples = 50 }

[[layer]]
activation = "relu"
nodes = [{ name = "top", weights = { w1 = 1.5 }, bias = { b1 = -0.5 } }]

[output]
weights = { w2 = 1.0 }
bias = { b2 = 0.0 }
```"#;

/// A value of the wrong type does not hide the next one: not in the same block, not in the
/// blocks after a broken network block, not behind a broken front matter. (Each was the only
/// error reported before: serde stops at the first, a broken network skipped the blocks that
/// need it, a broken front matter stopped the lesson.)
#[test]
fn every_wrong_type_is_reported_in_one_run() {
    let text = lesson(
        "title = 3\norder = \"first\"",
        r#"```network
input = { name = "x", from = -1.0, to = 1.0, samples = "many" }

[[layer]]
activation = 5
nodes = [{ name = "top", weights = { w1 = "1.5" }, bias = { b1 = -0.5 } }]

[output]
weights = { w2 = 1.0 }
bias = { b2 = 0.0 }
```

```figure
title = 3
y_label = true
series = [{ signal = "top.activation" }]
```

```table
signals = ["top.linear"]
at = [0.0, "half"]
```"#,
    );
    let out = one("types", &text);
    assert!(out.ends_with("\n8 errors\n"), "{out}");
    insta::assert_snapshot!(out);
}

/// Behind a front matter with wrong values the prose is checked too (a placeholder, LaTeX: they
/// were reported only once the front matter was fixed). Such a lesson claims no slug, its values
/// stood in for, so it clashes with no other lesson's (`b` takes the file name `a` as its slug).
#[test]
fn the_prose_behind_a_front_matter_with_wrong_values_is_checked() {
    let a = lesson("title = 3\nslug = 4", r"Hi {{ nope }} and $\badmacro{x}$.");
    let b = lesson("title = \"B\"\nslug = \"a\"", "Hello.");
    let out = errors(&[("content/a.md", &a), ("content/b.md", &b)]);
    assert_errors_at(
        &out,
        &[
            ("invalid type: integer `3`", "content/a.md:2:9"),
            ("invalid type: integer `4`", "content/a.md:3:8"),
            ("placeholder `{{ nope }}`", "content/a.md:6:4"),
            ("\\badmacro", "content/a.md:6:20"),
        ],
        4,
    );
}

/// A value of the wrong type does not hide its block's other mistakes: the network's unknown
/// activation, a figure's unknown colour, a training's unknown parameter are reported beside
/// it. (Before, a wrong value failed its block at once, and only the TOML's problems were
/// reported.) What the block would say about the value stood in for it is not: no "points_label
/// without points" for points of the wrong type, no training run with a learning rate of 0.
#[test]
fn a_wrong_type_does_not_hide_the_rest_of_its_block() {
    let text = lesson(
        "title = \"Types\"",
        r#"```network
input = { name = "x", from = -1.0, to = "1.0", samples = 50 }

[[layer]]
activation = "relux"
nodes = [{ name = "top", weights = { w1 = 1.5 }, bias = { b1 = -0.5 } }]

[output]
weights = { w2 = 1.0 }
bias = { b2 = 0.0 }
```

```figure
series = [{ signal = "output.activation", color = "gren" }]
points = "[[0.0, 1.0]]"
points_label = "Observed"
```

```training
id = "fit"
data = [[0.0, 1.0]]
train = ["b9"]
learning_rate = "fast"
steps = 3
```"#,
    );
    let out = one("types", &text);
    for (what, at) in [
        (
            "invalid type: string \"1.0\", expected a number",
            "types.md:6:41",
        ),
        ("unknown activation `relux`", "types.md:9:14"),
        ("unknown colour `gren`", "types.md:18:51"),
        (
            "invalid type: string \"[[0.0, 1.0]]\", expected a list",
            "types.md:19:10",
        ),
        ("no weight or bias named `b9`", "types.md:26:10"),
        (
            "invalid type: string \"fast\", expected a number",
            "types.md:27:17",
        ),
    ] {
        assert!(
            out.contains(what) && out.contains(at),
            "{what} at {at}: {out}"
        );
    }
    assert!(out.contains("hint: a list is written in brackets"), "{out}");
    assert!(!out.contains("points_label"), "{out}");
    assert!(out.ends_with("\n6 errors\n"), "{out}");
}

/// Behind a broken network block, the lesson's other blocks are checked against the network
/// its names read as: a misspelt signal, an input outside the range, a control of a parameter
/// that is not there. (Before, they were reported only once the network was mended.) What
/// needs the values a stand-in holds is not checked: no training runs, nothing is warned of.
#[test]
fn the_blocks_behind_a_broken_network_are_checked_against_its_names() {
    let text = lesson(
        "title = \"Broken\"",
        r#"```network
input = { name = "x", from = 0.0, to = 1.0, samples = 50 }

[[layer]]
activation = "relux"
nodes = [{ name = "top", weights = { w1 = 1.5 }, bias = { b1 = -0.5 } }]

[output]
weights = { w2 = 1.0 }
bias = { b2 = 0.0 }

[controls]
w3 = { from = -2.0, to = 2.0 }
```

```figure
series = [{ signal = "top.activaton" }]
```

```table
signals = ["output.activation"]
at = [0.5, 2.0]
```

```table
signals = ["top.linear"]
at = "kinks"
```

```training
data = [[0.0, 1.0], [0.5, 2.0]]
train = ["b2"]
learning_rate = 100.0
steps = 50
```"#,
    );
    let out = one("broken", &text);
    for (what, at) in [
        ("unknown activation `relux`", "broken.md:9:14"),
        ("`w3` is not a weight or bias", "broken.md:17:1"),
        ("signal `top.activaton` does not exist", "broken.md:21:22"),
        ("outside the input range", "broken.md:26:"),
    ] {
        assert!(
            out.contains(what) && out.contains(at),
            "{what} at {at}: {out}"
        );
    }
    // (A run at a learning rate of 100 would diverge; the kinks table is checked as written.)
    assert!(!out.contains("warning"), "{out}");
    assert!(out.ends_with("\n4 errors\n"), "{out}");
}

/// A broken network block's other mistakes, once more (from an author's review): a control is
/// checked where the value it is read against is the author's, and for its name alone where
/// not; a name that is unusable or given twice leaves no network to check the other blocks
/// against (they would be checked against a name the author did not mean).
#[test]
fn controls_and_names_behind_a_broken_network() {
    let network = |top: &str, b1: &str| {
        format!(
            r#"```network
input = {{ name = "x", from = 0.0, to = 1.0, samples = 50 }}

[[layer]]
activation = "relu"
nodes = [{{ name = "{top}", weights = {{ w1 = 1.5 }}, bias = {{ b1 = {b1} }} }}]

[output]
weights = {{ w2 = 1.0 }}
bias = {{ b2 = 0.0 }}

[controls]
w1 = {{ from = 5.0, to = 6.0 }}
b1 = {{ from = 5.0, to = 6.0 }}
w9 = {{}}
```

```figure
series = [{{ signal = "top.activation" }}]
```"#
        )
    };
    let out = one(
        "controls",
        &lesson("title = \"C\"", &network("top", "\"0.5\"")),
    );
    for (what, at) in [
        (
            "invalid type: string \"0.5\", expected a number",
            "controls.md:10:64",
        ),
        ("the range 5 to 6 does not hold w1", "controls.md:17:15"),
        ("`w9` is not a weight or bias", "controls.md:19:1"),
    ] {
        assert!(
            out.contains(what) && out.contains(at),
            "{what} at {at}: {out}"
        );
    }
    // (b1's value is not the author's: its control is not checked against it.)
    assert!(out.ends_with("\n3 errors\n"), "{out}");
    let out = one(
        "names",
        &lesson("title = \"N\"", &network("top node", "-0.5")),
    );
    assert!(out.contains("`top node` is not a usable name"), "{out}");
    assert!(!out.contains("top.activation"), "{out}");
}

/// `title = 3` did not hide the front matter's other mistakes only when the stand-in fitted
/// (`""` is longer than `3`); a figure whose TOML gives a key twice named no key, and what named
/// the figure was reported again.
#[test]
fn a_short_wrong_title_and_a_key_given_twice() {
    let text = lesson(
        "title = 3\nslug = \"Bad Slug\"",
        &format!(
            "{NETWORK}{}",
            r#"

```figure
id = "start"
series = "x"
series = [{ signal = "top.activation" }]
```

```training
data = "start"
train = ["b2"]
learning_rate = 0.1
steps = 3
```"#
        ),
    );
    let out = one("short", &text);
    assert_errors_at(
        &out,
        &[
            (
                "invalid type: integer `3`, expected a string",
                "short.md:2:9",
            ),
            ("the slug `Bad Slug`", "short.md:3:8"),
            ("the key `series` is given twice", "short.md:21:1"),
        ],
        3,
    );
}

/// A training figure showing a training that failed is checked on its own; a value of the
/// wrong type in it is not read as the 0 stood in for it (`from = "a"`, `to = -1.0` was "the
/// range 0 to -1 is reversed").
#[test]
fn a_figure_of_a_failed_training_is_not_checked_on_its_stand_ins() {
    let text = lesson(
        "title = \"F\"",
        &format!(
            "{NETWORK}{}",
            r#"

```training
id = "fit"
data = [[0.0, 1.0]]
train = ["b2"]
learning_rate = "fast"
steps = 3
```

```training-figure
show = "loss_curve"
from = "a"
to = -1.0
```"#
        ),
    );
    let out = one("stand", &text);
    assert!(out.contains("invalid type: string \"fast\""), "{out}");
    assert!(out.contains("invalid type: string \"a\""), "{out}");
    assert!(!out.contains("reversed"), "{out}");
    assert!(out.ends_with("\n2 errors\n"), "{out}");
}

/// A training figure's or table's `param` that its training does not train is reported when
/// that training failed too (behind a network that did not read, or a wrong learning rate):
/// its `train` list is read as written.
#[test]
fn the_param_a_failed_training_is_shown_by_is_checked() {
    for (activation, rate) in [("softplusx", "0.1"), ("softplus", "\"fast\"")] {
        let text = lesson(
            "title = \"P\"",
            &format!(
                r#"```network
input = {{ name = "x", from = 0.0, to = 1.0, samples = 50 }}

[[layer]]
activation = "{activation}"
nodes = [{{ name = "top", weights = {{ w1 = 1.5 }}, bias = {{ b1 = -0.5 }} }}]

[output]
weights = {{ w2 = 1.0 }}
bias = {{ b2 = 0.0 }}
```

```training
id = "fit"
data = [[0.0, 1.0]]
train = ["b2"]
learning_rate = {rate}
steps = 3
```

```training-figure
show = "parameter"
param = "b22"
```

```training-table
param = "w1"
```"#
            ),
        );
        let out = one("param", &text);
        for (what, at) in [
            ("training `fit` does not train `b22`", "param.md:27:9"),
            ("training `fit` does not train `w1`", "param.md:31:9"),
        ] {
            assert!(
                out.contains(what) && out.contains(at),
                "{what} at {at}: {out}"
            );
        }
        assert!(out.contains("did you mean `b2`?"), "{out}");
        assert!(out.ends_with("\n3 errors\n"), "{out}");
    }
}

/// A misspelt name in a training's `train` is its problem: what shows the training is not
/// checked against the list (`train = ["b9"]` made a figure's `param = "b2"` "not trained",
/// with "did you mean `b9`?").
#[test]
fn a_misspelt_train_list_is_reported_once() {
    let text = lesson(
        "title = \"T\"",
        &format!(
            "{NETWORK}{}",
            r#"

```training
id = "fit"
data = [[0.0, 1.0]]
train = ["b9"]
learning_rate = 0.1
steps = 3
```

```training-figure
show = "parameter"
param = "b2"
```"#
        ),
    );
    let out = one("train", &text);
    assert!(out.contains("no weight or bias named `b9`"), "{out}");
    assert!(!out.contains("does not train"), "{out}");
    assert!(out.ends_with("\n1 error\n"), "{out}");
}
