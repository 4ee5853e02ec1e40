//! Axis tick labels: round numbers, three decimals (more when a narrow axis needs them), with a
//! true minus sign; on an axis of very large or very small values, in scientific form.

use crate::text::{format_fixed, push_number};

/// The most decimals an axis's labels get ([`tick_labels`]).
const MOST_DECIMALS: usize = 12;

/// The labels of an axis's ticks, `values` in ascending order: three decimals, or as many more
/// (up to [`MOST_DECIMALS`]) as it takes for no two neighbours to read the same. An input range
/// from 0.5 to 0.5004 is labelled 0.5, 0.5001, … 0.5004, not 0.5 five times. An axis whose
/// largest tick is 1e5 or more, or below 1e-4, has its labels in scientific form, their
/// mantissas by the same rule (2e8, 2.5e−7): written out, they ran off the chart. (explore.js's
/// `tickFormat` is the same rule.)
pub fn tick_labels(values: &[f64]) -> Vec<String> {
    TickFormat::labelled(values).1
}

/// How the numbers of an axis, or of a figure's description, are written: the decimals (and
/// the form) that tell `values` (ascending) apart, by [`tick_labels`]'s rule.
#[derive(Clone, Copy, Debug)]
pub struct TickFormat {
    decimals: usize,
    /// For scientific form, the largest magnitude (below a billionth of it is 0).
    scientific: Option<f64>,
}

impl TickFormat {
    /// The format that tells `values` apart (two equal values need not be), and their labels.
    pub fn labelled(values: &[f64]) -> (TickFormat, Vec<String>) {
        let largest = values.iter().fold(0.0, |m: f64, v| m.max(v.abs()));
        let scientific = (!(1e-4..1e5).contains(&largest) && largest > 0.0).then_some(largest);
        let mut format = TickFormat {
            decimals: 3,
            scientific,
        };
        loop {
            let labels: Vec<String> = values.iter().map(|&v| format.label(v)).collect();
            let apart =
                (1..values.len()).all(|i| values[i] == values[i - 1] || labels[i] != labels[i - 1]);
            if apart || format.decimals == MOST_DECIMALS {
                return (format, labels);
            }
            format.decimals += 1;
        }
    }

    /// `v` in this format.
    pub fn label(&self, v: f64) -> String {
        match self.scientific {
            Some(largest) => scientific_label(v, self.decimals, largest),
            None => label(v, self.decimals),
        }
    }
}

/// An axis tick: up to three decimals, trailing zeros dropped, a true minus sign.
pub fn tick_label(v: f64) -> String {
    label(v, 3)
}

/// `v` with up to `decimals` decimals, trailing zeros dropped, a true minus sign.
fn label(v: f64, decimals: usize) -> String {
    // Ticks are round numbers: when the shortest form has at most `decimals` decimals it is the
    // answer (for three decimals below 1e12 a double is within 0.0001 of it, so rounding gives
    // the same digits). Otherwise round with `format!`.
    if v.abs() < 1e12 {
        let mut s = String::new();
        push_number(&mut s, v);
        if s.split_once('.')
            .is_none_or(|(_, digits)| digits.len() <= decimals)
        {
            return match s.strip_prefix('-') {
                Some("0") => "0".to_string(),
                Some(rest) => format!("\u{2212}{rest}"),
                None => s,
            };
        }
    }
    rounded_label(v, decimals)
}

/// `v` in scientific form, its mantissa with up to `decimals` decimals, trailing zeros dropped,
/// true minus signs (`−2.5e−7`); a value a billionth of the axis's `largest` or less (a zero
/// tick's rounding error) is 0.
fn scientific_label(v: f64, decimals: usize, largest: f64) -> String {
    if v.abs() <= largest * 1e-9 {
        return "0".to_string();
    }
    let s = format!("{v:.decimals$e}");
    let (mantissa, exponent) = s.split_once('e').unwrap_or((&s, "0"));
    let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
    format!("{mantissa}e{exponent}").replace('-', "\u{2212}")
}

/// `v` rounded to `decimals` decimals, trailing zeros dropped, a true minus sign: what a tick
/// label is, by definition.
fn rounded_label(v: f64, decimals: usize) -> String {
    let s = format_fixed(v, decimals);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "\u{2212}" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// No character of a tick label is wider than this at the labels' 14.52 px (the minus sign's
/// 12.2 the widest).
const WIDEST_CHAR: f64 = 13.0;

/// A tick label's width as a browser draws it at 14.52 px in DejaVu Sans, the widest of the
/// common sans-serif fonts: the sum of its characters' advances, in the font's 2048ths of an em
/// (its digits, point, minus sign and the `e` of scientific labels; any other character is taken
/// as [`WIDEST_CHAR`]). `templates/explore.js` (`labelWidth`) has the same table.
pub fn label_width(label: &str) -> f64 {
    label
        .chars()
        .map(|c| match c {
            '0'..='9' => 1303.0,
            '.' => 651.0,
            '\u{2212}' => 1716.0,
            'e' => 1260.0,
            _ => WIDEST_CHAR * 2048.0 / 14.52,
        })
        .sum::<f64>()
        * 14.52
        / 2048.0
}

#[cfg(test)]
mod tests {
    use super::super::measure::text_width;
    use super::*;

    /// The table is the embedded DejaVu Sans's: each character tick labels use, ten in a row,
    /// is as wide as plotters' layout of the font measures it (at ten times the size, to keep
    /// its whole pixels fine), within 0.1 px.
    #[test]
    fn a_label_is_as_wide_as_the_font_lays_it_out() {
        for c in ['0', '5', '9', '.', '\u{2212}', 'e'] {
            let text: String = std::iter::repeat_n(c, 10).collect();
            let font = text_width(&text, 14.52 * 10.0, false) / 10.0;
            let table = label_width(&text);
            assert!(
                (table - font).abs() <= 0.1,
                "{text}: {table} against {font}"
            );
        }
        // (explore.js's `labelWidth` takes any other character as 13 px too.)
        assert_eq!(WIDEST_CHAR, 13.0);
    }

    #[test]
    fn tick_labels_are_numbers_rounded_to_three_decimals() {
        let mut values = vec![
            0.0, -0.0, 1.0, -1.0, 0.5, 0.25, 0.125, 0.0625, -0.0005, 0.0005,
        ];
        for k in -6..14 {
            for m in [1.0, 2.0, 2.5, 5.0, 7.5] {
                let step = m * 10f64.powi(k);
                values.extend((-12..=12).map(|i| f64::from(i) * step));
            }
        }
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let unit = (state >> 11) as f64 / (1u64 << 53) as f64;
            values.push((unit - 0.5) * 10f64.powi((state % 30) as i32 - 8));
        }
        for v in values {
            assert_eq!(tick_label(v), rounded_label(v, 3), "{v:e}");
        }
    }

    /// An axis of very large or very small values is labelled in scientific form, each label its
    /// value; zero's rounding error reads 0. Below 1e5 and from 1e-4 on, written out.
    #[test]
    fn very_large_and_very_small_axes_are_labelled_in_scientific_form() {
        let labels = |values: &[f64]| tick_labels(values).join(" ");
        let steps = |from: f64, step: f64, n: i32| -> Vec<f64> {
            (0..n).map(|k| from + f64::from(k) * step).collect()
        };
        let m = "\u{2212}";
        assert_eq!(
            labels(&steps(-2e8, 1e8, 5)),
            format!("{m}2e8 {m}1e8 0 1e8 2e8")
        );
        assert_eq!(
            labels(&steps(0.0, 2.5e-7, 5)),
            format!("0 2.5e{m}7 5e{m}7 7.5e{m}7 1e{m}6")
        );
        assert_eq!(labels(&[2.9802322387695312e-8, 1e8, 2e8]), "0 1e8 2e8");
        assert_eq!(labels(&steps(1e6, 0.5, 3)), "1e6 1.0000005e6 1.000001e6");
        assert_eq!(labels(&steps(0.0, 2e4, 5)), "0 20000 40000 60000 80000");
        assert_eq!(labels(&steps(0.0, 2.5e4, 5)), "0 2.5e4 5e4 7.5e4 1e5");
        assert_eq!(
            labels(&steps(0.0, 2e-5, 6)),
            "0 0.00002 0.00004 0.00006 0.00008 0.0001"
        );
        // Each label reads back as its value.
        for (from, step) in [(-5e9, 2e9), (0.0, 3e-9), (7e11, 1e10), (-4e-5, 2e-5)] {
            let values = steps(from, step, 6);
            for (v, l) in values.iter().zip(tick_labels(&values)) {
                let read: f64 = l.replace('\u{2212}', "-").parse().unwrap();
                assert!((read - v).abs() <= step * 1e-6, "{v} {l}");
            }
        }
    }

    /// A narrow axis gets the decimals that tell its ticks apart; a wide one keeps three.
    #[test]
    fn a_narrow_axis_gets_the_decimals_its_ticks_need() {
        let labels = |values: &[f64]| tick_labels(values).join(" ");
        let steps = |from: f64, step: f64, n: i32| -> Vec<f64> {
            (0..n).map(|k| from + f64::from(k) * step).collect()
        };
        assert_eq!(labels(&steps(0.0, 0.2, 6)), "0 0.2 0.4 0.6 0.8 1");
        assert_eq!(labels(&steps(-10.0, 5.0, 5)), "\u{2212}10 \u{2212}5 0 5 10");
        assert_eq!(
            labels(&steps(0.5, 1e-4, 5)),
            "0.5 0.5001 0.5002 0.5003 0.5004"
        );
        assert_eq!(
            labels(&steps(-2e-4, 1e-4, 4)),
            "\u{2212}0.0002 \u{2212}0.0001 0 0.0001"
        );
        assert_eq!(labels(&steps(1000.0, 5e-4, 3)), "1000 1000.0005 1000.001");
        assert_eq!(labels(&[0.0005]), "0.001");
        // However narrow, no two neighbours read the same, and each label is its value rounded.
        for (from, width) in [(0.5, 4e-4), (1e3, 2e-6), (-3.0, 7e-9), (12.0, 3e-5)] {
            let values: Vec<f64> = (0..6).map(|k| from + f64::from(k) * width / 5.0).collect();
            let labels = tick_labels(&values);
            assert!(labels.windows(2).all(|p| p[0] != p[1]), "{labels:?}");
            let decimals = labels
                .iter()
                .map(|l| l.split_once('.').map_or(0, |(_, d)| d.len()))
                .fold(3, usize::max) as i32;
            for (v, l) in values.iter().zip(&labels) {
                let read: f64 = l.replace('\u{2212}', "-").parse().unwrap();
                assert!(
                    (read - v).abs() <= 0.500_001 * 10f64.powi(-decimals),
                    "{v} {l}"
                );
            }
        }
    }
}
