//! The sliders' controls of an explorable lesson: the ranges and steps a lesson gets.

use nnbook::error::SourceFile;
use nnbook::lesson::{self, Lesson};

fn lesson(text: &str) -> Lesson {
    lesson::parse(SourceFile::new("test.md", text), "test").unwrap_or_else(|d| panic!("{d:?}"))
}

/// A control written `{}` is the default one (the README: 12.6 moves from −12.6 to 37.8, its
/// value ± twice its size, in steps of 0.2, on which 12.6 and 0 lie, not 0.5; 33.3 from −33.3 to
/// 99.9 in steps of 0.1, not 1); one with a `from` or `to` of the author's and no `step` gets a
/// round step its value and `from` lie on (from −60: 0.2, not 1). `{}` was an error for both.
#[test]
fn a_control_written_empty_is_the_default_one() {
    let text = |controls: &str| {
        format!(
            "+++\ntitle = \"t\"\n+++\n\n```network\ninput = {{ name = \"x\", from = 0, to = 1, samples = 3 }}\n[output]\nweights = {{ w3 = 12.6, w4 = 33.3 }}\nbias = {{ b3 = 0.0 }}\n[[layer]]\nactivation = \"relu\"\nnodes = [{{ name = \"a\", weights = {{ w1 = 1.0 }}, bias = {{ b1 = 0.0 }} }}, {{ name = \"b\", weights = {{ w2 = 1.0 }}, bias = {{ b2 = 0.0 }} }}]\n{controls}```\n"
        )
    };
    let ranges = |controls: &str| -> Vec<(String, f64, f64, f64)> {
        (lesson(&text(controls)).controls.iter())
            .filter(|c| c.param.starts_with('w') && c.param != "w1" && c.param != "w2")
            .map(|c| (c.param.clone(), c.from, c.to, c.step))
            .collect()
    };
    let defaults = vec![
        ("w3".to_string(), -12.6, 37.8, 0.2),
        ("w4".to_string(), -33.3, 99.9, 0.1),
    ];
    assert_eq!(ranges(""), defaults);
    assert_eq!(ranges("[controls]\nw3 = {}\nw4 = {}\n"), defaults);
    assert_eq!(
        ranges("[controls]\nw3 = { from = -60 }\nw4 = { to = 40 }\n"),
        vec![
            ("w3".to_string(), -60.0, 37.8, 0.2),
            ("w4".to_string(), -33.3, 40.0, 0.1)
        ]
    );
}
