//! Every wrong value of a lesson in one run: a snapshot, as `diagnostics` takes them (update
//! with `INSTA_UPDATE=always cargo test --test testsuite wrong_types::`).

use crate::diagnostics::{errors, lesson, one};

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
    for (what, at) in [
        ("invalid type: integer `3`", "content/a.md:2:9"),
        ("invalid type: integer `4`", "content/a.md:3:8"),
        ("placeholder `{{ nope }}`", "content/a.md:6:4"),
        ("\\badmacro", "content/a.md:6:20"),
    ] {
        assert!(
            out.contains(what) && out.contains(at),
            "{what} at {at}: {out}"
        );
    }
    assert!(out.ends_with("\n4 errors\n"), "{out}");
}
