//! The arithmetic the shipped training tables write out adds up with the numbers as written.

use crate::support::{shipped, Project};

/// A number as a page writes it (true minus sign), and its decimals.
fn number(s: &str) -> (f64, usize) {
    let s = s.trim().trim_start_matches('(').trim_end_matches(')');
    let v = s
        .replace('\u{2212}', "-")
        .parse()
        .unwrap_or_else(|_| panic!("{s:?}"));
    (v, s.split_once('.').map_or(0, |(_, d)| d.len()))
}

/// Each piece of arithmetic a page writes out (a formula's label with "=" or "≈" before its
/// result): the label, what comes before the sign, whether it is "≈", and the result.
fn written(html: &str) -> Vec<(&str, &str, bool, &str)> {
    let labels = html.split("<math aria-label=\"").skip(1);
    (labels.map(|l| &l[..l.find('"').unwrap()]))
        .filter_map(|label| {
            let approximate = label.contains(" ≈ ");
            let sign = if approximate { " ≈ " } else { " = " };
            let (left, result) = label.rsplit_once(sign)?;
            Some((label, left, approximate, result))
        })
        .collect()
}

/// Each training table's arithmetic, in the backpropagation lesson (both languages): the step
/// size (derivative · learning rate) and the new value (old − step) give their results from
/// the numbers as written, to the results' last decimal; so does the chain rule's sum where it
/// says "=", and within a unit of its last decimal a term where it says "≈"; and a step that
/// changes the value is not written as zero. (Near the end of the training a row read
/// "2.60 − 0.00 = 2.61", and the first "… = −15.66" for terms that give −15.64.)
#[test]
fn written_arithmetic_adds_up_as_written() {
    let built = shipped(None);
    for page in [
        "backpropagation/index.html",
        "zh-CN/backpropagation/index.html",
    ] {
        let html = built.read(page);
        let mut checked = [0; 3];
        for (label, left, approximate, result) in written(&html) {
            let (want, decimals) = number(result);
            let unit = 10f64.powi(-(decimals as i32));
            let got = if let Some((a, b)) = left.split_once(" · ").filter(|_| !left.contains(" − "))
            {
                checked[0] += 1;
                number(a).0 * number(b).0
            } else if let Some((a, b)) = left.split_once(" − ").filter(|_| !left.contains(" · "))
            {
                checked[1] += 1;
                let (a, b) = (number(a), number(b));
                assert!(
                    b.0 != 0.0 || a.0 == want,
                    "{page}: a zero step that is not: {label}"
                );
                a.0 - b.0
            } else if left.starts_with("−2 · (") {
                // −2 · (o − p) · f − 2 · (o − p) · f − …
                checked[2] += 1;
                let terms: Vec<&str> = left['−'.len_utf8()..].split(" − 2 · ").collect();
                let sum: f64 = terms
                    .iter()
                    .map(|t| {
                        let t = t.trim_start_matches("2 · ");
                        let (pair, f) = t.rsplit_once(") · ").unwrap();
                        let (o, p) = pair.trim_start_matches('(').split_once(" − ").unwrap();
                        -2.0 * (number(o).0 - number(p).0) * number(f).0
                    })
                    .sum();
                // (Its terms rounded: "≈" where they do not add up to the result written.)
                let within = if approximate {
                    terms.len() as f64 * unit
                } else {
                    unit / 2.0
                };
                assert!((sum - want).abs() <= within + 1e-9, "{page}: {label}");
                continue;
            } else {
                continue;
            };
            assert!(
                (got - want).abs() <= unit / 2.0 + 1e-9,
                "{page}: {label} (gives {got})"
            );
        }
        assert!(
            checked.iter().all(|&n| n >= 10),
            "{page}: {checked:?} cells checked"
        );
    }
}

/// A number as written (`(−1.30)`, `2.28`) as an exact decimal: its digits and how many of
/// them are decimals.
fn decimal(s: &str) -> (i128, u32) {
    let s = s
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .replace('\u{2212}', "-");
    let scale = s.split_once('.').map_or(0, |(_, d)| d.len() as u32);
    (
        s.replace('.', "")
            .parse()
            .unwrap_or_else(|_| panic!("{s:?}")),
        scale,
    )
}

/// Whether `left` (`a · b + c · d`), worked out exactly in decimal as a reader's calculator
/// does, rounds half away from zero to `result` at its decimals.
fn adds_up(left: &str, result: &str) -> bool {
    let terms: Vec<(i128, u32)> = (left.split(" + "))
        .map(|t| {
            t.split(" · ")
                .map(decimal)
                .fold((1, 0), |(m, s), (n, t)| (m * n, s + t))
        })
        .collect();
    let scale = terms.iter().map(|t| t.1).max().unwrap_or(0);
    let exact: i128 = terms.iter().map(|(m, s)| m * 10i128.pow(scale - s)).sum();
    let (shown, places) = decimal(result);
    let top = scale.max(places);
    let (exact, shown) = (
        exact * 10i128.pow(top - scale),
        shown * 10i128.pow(top - places),
    );
    let (off, unit) = ((exact - shown).abs() * 2, 10i128.pow(top - places));
    off < unit || (off == unit && shown.abs() > exact.abs())
}

/// The tables' arithmetic in the shipped lessons (`a · b + c · d + e = v`): "=" only where the
/// numbers as written give the result as written, worked out in decimal and rounded half away
/// from zero, and "≈" where they do not. The Softplus lesson wrote
/// "0.00 · (−1.30) + 0.71 · 2.28 = 1.61", which a reader's calculator makes 1.6188, 1.62 (the
/// 1.61 is the exact values').
#[test]
fn table_arithmetic_says_approximately_where_the_written_numbers_do_not_add_up() {
    let built = shipped(None);
    let mut seen = [0; 2];
    for page in [
        "black-box/index.html",
        "relu/index.html",
        "zh-CN/relu/index.html",
    ] {
        let html = built.read(page);
        for (label, left, approximate, result) in written(&html) {
            if left.contains(" − ") || !left.contains(" · ") {
                continue;
            }
            assert_eq!(!adds_up(left, result), approximate, "{page}: {label}");
            seen[usize::from(approximate)] += 1;
        }
    }
    assert!(seen[0] >= 10 && seen[1] >= 1, "{seen:?} cells checked");
    assert!(built
        .read("black-box/index.html")
        .contains("aria-label=\"0.00 · (−1.30) + 0.71 · 2.28 ≈ 1.61\""));
    // A tie: 0.50 · 0.35 is 0.175 as written, 0.18; its binary product rounds to 0.17.
    assert!(!adds_up("0.50 · 0.35", "0.17") && adds_up("0.50 · 0.35", "0.18"));
}

/// A product whose written numbers tie (0.50 · 0.35 is 0.175: a reader rounds it to 0.18) was
/// written "= 0.17", its binary product's rounding; weights typed in hex or binary (`0x2`,
/// `0b11`) were "≈" in the build and "=" on the page, whose script reads them as numbers.
#[test]
fn written_ties_and_typed_literals_are_told_as_a_reader_works_them_out() {
    let network = |weights: &str| {
        format!("```network\ninput = {{ name = \"x\", from = -1.0, to = 4.0, samples = 11 }}\n[[layer]]\nactivation = \"identity\"\nnodes = [ {{ name = \"a\", weights = {{ w1 = {weights} }}, bias = {{ b1 = 0.0 }} }} ]\n[output]\nweights = {{ w3 = 0.35 }}\nbias = {{ b3 = 0.0 }}\n```\n\n```table\nsignals = [\"a.linear\", \"a.w3\"]\nat = [0.5, -1.0]\narithmetic = true\n```\n")
    };
    let p = Project::new()
        .lesson(
            "a.md",
            format!("+++\ntitle = \"A\"\n+++\n\n{}", network("1.0")),
        )
        .lesson(
            "b.md",
            format!("+++\ntitle = \"B\"\n+++\n\n{}", network("0x2")),
        );
    p.build().unwrap_or_else(|e| panic!("{e}"));
    let a = p.read("a/index.html");
    assert!(a.contains("aria-label=\"0.50 · 0.35 ≈ 0.17\""), "{a}");
    let b = p.read("b/index.html");
    assert!(
        b.contains("aria-label=\"(−1.00) · 0x2 + 0.0 = −2.00\""),
        "{b}"
    );
}
