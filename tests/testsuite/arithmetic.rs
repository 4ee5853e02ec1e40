//! The arithmetic the shipped training tables write out adds up with the numbers as written.

use crate::support::shipped;

/// A number as a page writes it (true minus sign), and its decimals.
fn number(s: &str) -> (f64, usize) {
    let s = s.trim().trim_start_matches('(').trim_end_matches(')');
    let v = s
        .replace('\u{2212}', "-")
        .parse()
        .unwrap_or_else(|_| panic!("{s:?}"));
    (v, s.split_once('.').map_or(0, |(_, d)| d.len()))
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
        for label in html.split("<math aria-label=\"").skip(1) {
            let label = &label[..label.find('"').unwrap()];
            let approximate = label.contains(" ≈ ");
            let Some((left, result)) = label.rsplit_once(if approximate { " ≈ " } else { " = " })
            else {
                continue;
            };
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

/// The tables' arithmetic in the shipped lessons (`a · b + c · d + e = v`): "=" only where the
/// numbers as written give the result as written, to its last decimal, and "≈" where they do
/// not. The Softplus lesson wrote "0.00 · (−1.30) + 0.71 · 2.28 = 1.61", which a reader's
/// calculator makes 1.6188, 1.62 (the 1.61 is the exact values').
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
        for label in html.split("<math aria-label=\"").skip(1) {
            let label = &label[..label.find('"').unwrap()];
            let approximate = label.contains(" ≈ ");
            let Some((left, result)) = label.rsplit_once(if approximate { " ≈ " } else { " = " })
            else {
                continue;
            };
            if left.contains(" − ") || !left.contains(" · ") {
                continue;
            }
            let (want, decimals) = number(result);
            let sum: f64 = (left.split(" + "))
                .map(|t| t.split(" · ").map(|n| number(n).0).product::<f64>())
                .sum();
            let shown = format!("{:.*}", decimals, sum).replace('-', "\u{2212}");
            let adds_up = number(&shown).0 == want;
            assert_eq!(!adds_up, approximate, "{page}: {label} (gives {sum})");
            seen[usize::from(approximate)] += 1;
        }
    }
    assert!(seen[0] >= 10 && seen[1] >= 1, "{seen:?} cells checked");
    assert!(built
        .read("black-box/index.html")
        .contains("aria-label=\"0.00 · (−1.30) + 0.71 · 2.28 ≈ 1.61\""));
}
