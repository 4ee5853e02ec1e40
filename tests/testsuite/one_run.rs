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
            "warning: broken link `gone.md`: the site has no `one/gone.md`",
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
