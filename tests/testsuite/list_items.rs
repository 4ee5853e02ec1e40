//! A wrong item in a list: where a stand-in fits (`"x"` for a number) it stands in where it
//! is, taking the comma and spaces beside it where it is longer (`""` for `3`), and an item
//! with no stand-in (a table) is taken out; a data point is two numbers. The block whose list
//! it is is still read, and its other mistakes reported.

use crate::diagnostics::{lesson, one};
use crate::support::assert_errors_at;
use crate::wrong_types::NETWORK;

/// An item of the wrong type in a list stands in where it is, so that the block, whose list
/// it is, is still read and its other fields checked (before, the list's entry was blanked and
/// a block needing it was not read at all): every wrong item is reported, a misspelt signal
/// beside them too, and a data point out of range in the same list.
#[test]
fn a_wrong_item_in_a_list_does_not_hide_the_rest_of_its_block() {
    let text = lesson(
        "title = \"Items\"",
        &format!(
            r#"{NETWORK}

```table
signals = ["top.activation", "output.activaton"]
at = ["é", "yy",
  true, 0.5]
```

```figure
series = [{{ signal = "top.activatio" }}]
points = [[0.0, "a"], [9.0, 1.0]]
```"#
        ),
    );
    let out = one("items", &text);
    assert_errors_at(
        &out,
        &[
            ("signal `output.activaton` does not exist", "items.md:18:30"),
            (
                "invalid type: string \"é\", expected a number",
                "items.md:19:7",
            ),
            (
                "invalid type: string \"yy\", expected a number",
                "items.md:19:12",
            ),
            (
                "invalid type: boolean `true`, expected a number",
                "items.md:20:3",
            ),
            ("signal `top.activatio` does not exist", "items.md:24:22"),
            (
                "invalid type: string \"a\", expected a number",
                "items.md:25:17",
            ),
            (
                "the data point's input 9 is outside the input range",
                "items.md:25:23",
            ),
        ],
        7,
    );
}

/// An item of the wrong type in a list of names or of tables, where no stand-in fits in the
/// item (`""` for `3`), takes the comma beside it, or is taken out of the list: the block is
/// still read and its other fields checked (before, only the item's type was reported), on
/// one line or on its own line.
#[test]
fn a_wrong_item_in_a_list_of_names_or_tables() {
    let text = lesson(
        "title = \"Items\"",
        &format!(
            r#"{NETWORK}

```table
signals = [3, "top.lineer"]
at = [7.0]
precision = 99
```

```figure
series = [{{ signal = "top.activaton" }}, 5, {{ signal = "top.linear", color = "bleu" }}]
```

```figure
series = [
  {{ signal = "top.activation" }},
  5
]
points = [[9.0, 1.0]]
```

```training
data = [[0.0, 0.0], [1.0, 1.0]]
train = ["b2", 4]
learning_rate = -1
steps = 3
```"#
        ),
    );
    let out = one("items", &text);
    assert_errors_at(
        &out,
        &[
            (
                "invalid type: integer `3`, expected a string",
                "items.md:18:12",
            ),
            ("signal `top.lineer` does not exist", "items.md:18:15"),
            ("the input 7 is outside the input range", "items.md:19:7"),
            ("precision 99 is out of range", "items.md:20:13"),
            ("signal `top.activaton` does not exist", "items.md:24:22"),
            (
                "invalid type: integer `5`, expected a series as a table",
                "items.md:24:41",
            ),
            ("unknown colour `bleu`", "items.md:24:77"),
            (
                "invalid type: integer `5`, expected a series as a table",
                "items.md:30:3",
            ),
            (
                "the data point's input 9 is outside the input range",
                "items.md:32:11",
            ),
            (
                "invalid type: integer `4`, expected a string",
                "items.md:37:16",
            ),
            ("the learning rate -1 is not positive", "items.md:38:17"),
        ],
        11,
    );
}

/// A data point of three numbers was read as its first two, the third dropped without a word
/// (serde's `[f64; 2]`); now every point that is not two numbers is an error, a figure's and
/// a training's, each where it is, and the block's other points are still checked.
#[test]
fn a_data_point_is_two_numbers() {
    let text = lesson(
        "title = \"Points\"",
        &format!(
            r#"{NETWORK}

```figure
series = [{{ signal = "output.activation" }}]
points = [[0.0, 1.0, 3.0], [0.5], [9.0, 1.0]]
```

```training
data = [[0.0, 0.0, 9.0]]
train = ["b2"]
learning_rate = 0.1
steps = 3
```"#
        ),
    );
    let out = one("points", &text);
    assert_errors_at(
        &out,
        &[
            (
                "invalid length 3, expected a list of length 2, `[input, value]`",
                "points.md:19:11",
            ),
            (
                "invalid length 1, expected a list of length 2, `[input, value]`",
                "points.md:19:28",
            ),
            (
                "the data point's input 9 is outside the input range",
                "points.md:19:35",
            ),
            (
                "invalid length 3, expected a list of length 2, `[input, value]`",
                "points.md:23:9",
            ),
        ],
        4,
    );
}

/// A list written one item a line, each with a comment, where the item after a comment is of
/// the wrong type: the comment hid that it was in a list, and the block's other mistakes
/// went unreported (from the second review).
#[test]
fn a_wrong_item_after_a_comment() {
    let text = lesson(
        "title = \"Items\"",
        &format!(
            r#"{NETWORK}

```table
signals = ["top.linear", # a "quoted # not"
7, # bad
"top.activaton"] # misspelt
at = [0.0, 5.0]
```"#
        ),
    );
    let out = one("items", &text);
    assert_errors_at(
        &out,
        &[
            (
                "invalid type: integer `7`, expected a string",
                "items.md:19:1",
            ),
            ("signal `top.activaton` does not exist", "items.md:20:1"),
            ("the input 5 is outside the input range", "items.md:21:12"),
        ],
        3,
    );
}

/// A wrong item in a list of numbers hid the range checks of the items after it: they pointed at
/// the whole list, which the stand-in's place is in. Each now points at its own item: the 2.0
/// of `at` and the 99 of `at_steps` are reported beside the wrong items.
#[test]
fn a_wrong_item_hides_no_range_check_of_the_others() {
    let table = lesson(
        "title = \"Items\"",
        &format!("{NETWORK}\n\n```table\nsignals = [\"top.linear\"]\nat = [0.0, \"x\", 2.0]\n```"),
    );
    let out = one("items", &table);
    assert_errors_at(
        &out,
        &[
            (
                "invalid type: string \"x\", expected a number",
                "items.md:19:12",
            ),
            ("the input 2 is outside the input range", "items.md:19:17"),
        ],
        2,
    );
    let fit = crate::support::fixture_text("training/valid.md").replacen(
        "at_steps = [0, 1, 2]",
        "at_steps = [0, \"a\", 99]",
        1,
    );
    let out = crate::diagnostics::errors(&[("content/fit.md", &fit)]);
    assert_errors_at(
        &out,
        &[
            ("invalid value: string \"a\", expected", "fit.md:51:16"),
            ("training `fit` has no step 99", "fit.md:51:21"),
        ],
        2,
    );
}
