//! Every wrong value of a lesson in one run: a snapshot, as `diagnostics` takes them (update
//! with `INSTA_UPDATE=always cargo test --test testsuite wrong_types::`).

use crate::diagnostics::{lesson, one};

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
