//! Axis tick labels: round numbers, up to three decimals, with a true minus sign.

use crate::text::{format_fixed, push_number};

/// An axis tick: up to three decimals, trailing zeros dropped, a true minus sign.
pub fn tick_label(v: f64) -> String {
    // Ticks are round numbers: when the shortest form has at most three decimals it is the
    // answer (below 1e12 a double is within 0.0001 of it, so rounding to three decimals
    // gives the same digits). Otherwise round with `format!`.
    if v.abs() < 1e12 {
        let mut s = String::new();
        push_number(&mut s, v);
        if s.split_once('.')
            .is_none_or(|(_, decimals)| decimals.len() <= 3)
        {
            return match s.strip_prefix('-') {
                Some("0") => "0".to_string(),
                Some(rest) => format!("\u{2212}{rest}"),
                None => s,
            };
        }
    }
    rounded_label(v)
}

/// `v` rounded to three decimals, trailing zeros dropped, a true minus sign: what a tick
/// label is, by definition.
fn rounded_label(v: f64) -> String {
    let s = format_fixed(v, 3);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "\u{2212}" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            assert_eq!(tick_label(v), rounded_label(v), "{v:e}");
        }
    }
}
