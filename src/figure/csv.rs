//! A figure's data as CSV: the input, one column per series, and the observed points.

use crate::lesson::FigureSpec;
use crate::network::Network;
use crate::text::push_number;

use super::sampled::Data;

/// The drawn data as CSV: the input, one column per series, and the data points if any.
pub fn csv(spec: &FigureSpec, network: &Network, data: &Data) -> String {
    let mut header = vec![csv_field(&network.input.name)];
    header.extend(spec.series.iter().map(|s| csv_field(&s.signal.name)));
    if !spec.points.is_empty() {
        header.push("observed".to_string());
    }
    let mut out = header.join(",");
    out.push('\n');
    let (x_text, columns) = (data.text[0], &data.text[1..]);
    out.reserve(
        x_text.text.len()
            + columns
                .iter()
                .map(|c| c.text.len() + c.ends.len())
                .sum::<usize>(),
    );
    let mut points: Vec<(f64, f64)> = spec.points.clone();
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut p = 0;
    let write_point = |out: &mut String, y: Option<f64>| {
        if !spec.points.is_empty() {
            out.push(',');
            if let Some(y) = y {
                push_number(out, y);
            }
        }
    };
    for (i, x) in data.inputs.iter().enumerate() {
        while p < points.len() && points[p].0 < *x {
            push_number(&mut out, points[p].0);
            out.push_str(&",".repeat(spec.series.len()));
            write_point(&mut out, Some(points[p].1));
            out.push('\n');
            p += 1;
        }
        out.push_str(x_text.get(i));
        for column in columns {
            out.push(',');
            out.push_str(column.get(i));
        }
        let mut observed = None;
        if p < points.len() && points[p].0 == *x {
            observed = Some(points[p].1);
            p += 1;
        }
        write_point(&mut out, observed);
        out.push('\n');
        while p < points.len() && points[p].0 == *x {
            push_number(&mut out, *x);
            out.push_str(&",".repeat(spec.series.len()));
            write_point(&mut out, Some(points[p].1));
            out.push('\n');
            p += 1;
        }
    }
    for &(x, y) in &points[p..] {
        push_number(&mut out, x);
        out.push_str(&",".repeat(spec.series.len()));
        write_point(&mut out, Some(y));
        out.push('\n');
    }
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
