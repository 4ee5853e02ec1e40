//! A lesson's preview for the index: a small drawing made for its size, not the full figure
//! shrunk. It shows the curves of a figure (the lesson's last chart) in their series' colours,
//! its data points, a faint grid and the zero line, and no text at all: at thumbnail size tick
//! labels and titles could not be read, and the card beside it names the lesson. It follows the
//! reader's colour scheme by itself (a style scoped to `.nn-thumb`).

use std::fmt::Write as _;

use crate::lesson::{FigureSpec, Rgb};
use crate::network::{Network, Signal};
use crate::text::{escape, push_fixed, Fixed};

/// The thumbnail's size in CSS pixels (16:9).
pub const THUMB_WIDTH: u32 = 320;
pub const THUMB_HEIGHT: u32 = 180;
/// The margin around the plot, in pixels.
const MARGIN: f64 = 14.0;
/// How far a drawn line may be from the values, in pixels (the sampling's and the
/// simplification's tolerance).
const TOLERANCE: f64 = 0.25;
/// The page backgrounds the thumbnail sits on (light, dark): a curve's dark-mode colour is
/// lightened until it stands out against the dark one.
const LIGHT_BG: Rgb = Rgb(0xff, 0xff, 0xff);
const DARK_BG: Rgb = Rgb(0x0d, 0x11, 0x17);
/// The contrast a line needs against its background (WCAG's for text, more than the 3:1 it
/// asks of graphics: thin lines on a small drawing).
const MIN_CONTRAST: f64 = 4.5;

/// Where values land on the thumbnail: input `xs` across, values `ys` upwards.
struct Frame {
    xs: (f64, f64),
    ys: (f64, f64),
}

impl Frame {
    fn px(&self, (x, y): (f64, f64)) -> (f64, f64) {
        let w = f64::from(THUMB_WIDTH) - 2.0 * MARGIN;
        let h = f64::from(THUMB_HEIGHT) - 2.0 * MARGIN;
        (
            MARGIN + w * (x - self.xs.0) / (self.xs.1 - self.xs.0),
            MARGIN + h * (self.ys.1 - y) / (self.ys.1 - self.ys.0),
        )
    }
}

/// Draw the thumbnail of figure `spec` as the network `network` computes it; `name` is its
/// accessible name. `None` when there is nothing finite to draw.
pub fn thumbnail(spec: &FigureSpec, network: &Network, name: &str) -> Option<String> {
    let signals: Vec<Signal> = spec.series.iter().map(|s| s.signal.clone()).collect();
    let (x0, x1) = (network.input.from, network.input.to);
    if spec.series.is_empty() || x1.partial_cmp(&x0) != Some(std::cmp::Ordering::Greater) {
        return None;
    }
    let points: Vec<(f64, f64)> = spec
        .points
        .iter()
        .copied()
        .filter(|&(x, y)| x >= x0 && x <= x1 && y.is_finite())
        .collect();
    // As `figure::draw` does: exact for piecewise-linear networks; smooth ones refined to a
    // fraction of a pixel of the thumbnail's scale.
    let mut samples = network.sample(&signals, 0.0);
    let (lo, hi) = value_range(&samples.values, &points)?;
    let plot_height = f64::from(THUMB_HEIGHT) - 2.0 * MARGIN;
    if !network.is_piecewise_linear() {
        samples = network.sample(&signals, TOLERANCE * (hi - lo) / plot_height);
    }
    let (lo, hi) = value_range(&samples.values, &points)?;
    let pad = 0.08 * (hi - lo);
    let frame = Frame {
        xs: (x0, x1),
        ys: (lo - pad, hi + pad),
    };
    let mut svg = open(spec, name);
    grid(&mut svg, &frame);
    let filled = spec.series.len() == 1;
    for (s, column) in samples.values.iter().enumerate() {
        let line: Vec<(f64, f64)> = samples
            .inputs
            .iter()
            .zip(column)
            .map(|(&x, &y)| frame.px((x, y)))
            .collect();
        let line = simplify(&line, TOLERANCE);
        let colour = hex(spec.series[s].color);
        if filled {
            let base = Fixed(frame.px((x0, 0.0_f64.clamp(frame.ys.0, frame.ys.1))).1, 1);
            let _ = writeln!(
                svg,
                "<path class=\"area a{s}\" d=\"{}L{} {base}L{} {base}Z\" fill=\"{colour}\" fill-opacity=\".12\"/>",
                path(&line),
                Fixed(line[line.len() - 1].0, 1),
                Fixed(line[0].0, 1),
            );
        }
        let _ = writeln!(
            svg,
            "<path class=\"s{s}\" d=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"3.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>",
            path(&line)
        );
    }
    for p in points {
        let (x, y) = frame.px(p);
        let (x, y) = (Fixed(x, 1), Fixed(y, 1));
        let _ = writeln!(
            svg,
            "<circle class=\"pt\" cx=\"{x}\" cy=\"{y}\" r=\"4.5\" fill=\"#222222\"/>"
        );
    }
    svg.push_str("</svg>\n");
    Some(svg)
}

/// The smallest and largest finite value drawn, widened to a unit range around a flat one;
/// `None` if a value is not finite (the figure itself reports it) or there is none.
fn value_range(columns: &[Vec<f64>], points: &[(f64, f64)]) -> Option<(f64, f64)> {
    let values = columns.iter().flatten().copied();
    let mut range: Option<(f64, f64)> = None;
    for v in values.chain(points.iter().map(|p| p.1)) {
        if !v.is_finite() {
            return None;
        }
        range = Some(range.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))));
    }
    let (lo, hi) = range?;
    if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
        Some((lo - 1.0, hi + 1.0))
    } else {
        Some((lo, hi))
    }
}

/// The opening: size, accessible name, and the style (light colours in attributes, dark ones
/// in a media query), every rule scoped to `.nn-thumb`.
fn open(spec: &FigureSpec, name: &str) -> String {
    let (w, h) = (THUMB_WIDTH, THUMB_HEIGHT);
    let mut svg = format!(
        "<svg class=\"nn-thumb\" role=\"img\" aria-labelledby=\"nn-thumb-title\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"nn-thumb-title\">{}</title>\n<style>@media (prefers-color-scheme: dark) {{ .nn-thumb .bg {{ fill: {}; }} .nn-thumb .grid {{ stroke: #262c36; }} .nn-thumb .zero {{ stroke: #6e7681; }} .nn-thumb .pt {{ fill: #e6edf3; }} .nn-thumb .area {{ fill-opacity: .2; }}",
        escape(name),
        hex(DARK_BG),
    );
    for (s, series) in spec.series.iter().enumerate() {
        let dark = hex(legible(series.color, DARK_BG));
        let _ = write!(
            svg,
            " .nn-thumb .s{s} {{ stroke: {dark}; }} .nn-thumb .a{s} {{ fill: {dark}; }}"
        );
    }
    svg.push_str(" }</style>\n");
    let _ = writeln!(
        svg,
        "<rect class=\"bg\" width=\"{w}\" height=\"{h}\" fill=\"{}\"/>",
        hex(LIGHT_BG)
    );
    svg
}

/// A faint grid at quarters of the plot and, if values cross it, the zero line.
fn grid(svg: &mut String, frame: &Frame) {
    let (left, top) = frame.px((frame.xs.0, frame.ys.1));
    let (right, bottom) = frame.px((frame.xs.1, frame.ys.0));
    // (Written to a tenth of a pixel.)
    let (l, t, r, b) = (
        Fixed(left, 1),
        Fixed(top, 1),
        Fixed(right, 1),
        Fixed(bottom, 1),
    );
    let mut d = String::new();
    for i in 0..=4 {
        let f = f64::from(i) / 4.0;
        let y = Fixed(top + (bottom - top) * f, 1);
        let x = Fixed(left + (right - left) * f, 1);
        let _ = write!(d, "M{l} {y}H{r}M{x} {t}V{b}");
    }
    let _ = writeln!(
        svg,
        "<path class=\"grid\" d=\"{d}\" stroke=\"#EAEEF2\" stroke-width=\"1\" fill=\"none\"/>"
    );
    if frame.ys.0 < 0.0 && frame.ys.1 > 0.0 {
        let y = Fixed(frame.px((frame.xs.0, 0.0)).1, 1);
        let _ = writeln!(
            svg,
            "<path class=\"zero\" d=\"M{l} {y}H{r}\" stroke=\"#8C959F\" stroke-width=\"1.5\" fill=\"none\"/>"
        );
    }
}

/// A polyline as SVG path data, to a tenth of a pixel.
fn path(points: &[(f64, f64)]) -> String {
    let mut d = String::with_capacity(points.len() * 12);
    for (i, &(x, y)) in points.iter().enumerate() {
        d.push(if i == 0 { 'M' } else { 'L' });
        push_fixed(&mut d, x, 1);
        d.push(' ');
        push_fixed(&mut d, y, 1);
    }
    d
}

/// Drop the points a line through their neighbours passes within `tolerance` pixels of, in
/// one pass (the "cone" test: each kept point starts a cone of directions that stays within
/// `tolerance` of every point skipped since). The inputs increase, so directions never wrap.
fn simplify(points: &[(f64, f64)], tolerance: f64) -> Vec<(f64, f64)> {
    let Some(&first) = points.first() else {
        return Vec::new();
    };
    let mut kept = vec![first];
    let (mut start, mut lo, mut hi) = (first, f64::NEG_INFINITY, f64::INFINITY);
    for i in 1..points.len() {
        let p = points[i];
        let (dx, dy) = (p.0 - start.0, p.1 - start.1);
        let d = dx.hypot(dy);
        if d <= tolerance {
            continue;
        }
        let mut angle = dy.atan2(dx);
        if angle < lo || angle > hi {
            start = points[i - 1];
            kept.push(start);
            let (dx, dy) = (p.0 - start.0, p.1 - start.1);
            angle = dy.atan2(dx);
            (lo, hi) = (f64::NEG_INFINITY, f64::INFINITY);
            if dx.hypot(dy) <= tolerance {
                continue;
            }
        }
        let d = (p.0 - start.0).hypot(p.1 - start.1);
        let w = (tolerance / d).asin();
        (lo, hi) = (lo.max(angle - w), hi.min(angle + w));
    }
    let last = points[points.len() - 1];
    if kept.last() != Some(&last) {
        kept.push(last);
    }
    kept
}

/// `#RRGGBB`.
fn hex(c: Rgb) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// Colour `c` mixed with white, in steps of a tenth, until it stands out against the dark
/// background `bg`.
fn legible(c: Rgb, bg: Rgb) -> Rgb {
    let mix = |v: u8, t: f64| (f64::from(v) + (255.0 - f64::from(v)) * t).round() as u8;
    (0..=10)
        .map(|i| {
            let t = f64::from(i) / 10.0;
            Rgb(mix(c.0, t), mix(c.1, t), mix(c.2, t))
        })
        .find(|&m| m.contrast(bg) >= MIN_CONTRAST)
        .unwrap_or(Rgb(0xff, 0xff, 0xff))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn straight_runs_become_one_segment_and_corners_stay() {
        let line: Vec<(f64, f64)> = (0..=100)
            .map(|i| {
                let x = f64::from(i);
                (x, if i <= 50 { x } else { 100.0 - x })
            })
            .collect();
        assert_eq!(
            simplify(&line, TOLERANCE),
            vec![(0.0, 0.0), (50.0, 50.0), (100.0, 0.0)]
        );
    }

    #[test]
    fn a_curve_stays_within_the_tolerance() {
        let line: Vec<(f64, f64)> = (0..=1000)
            .map(|i| {
                let x = f64::from(i) * 0.3;
                (x, 80.0 + 60.0 * (x / 40.0).sin())
            })
            .collect();
        let kept = simplify(&line, TOLERANCE);
        assert!(kept.len() < line.len() / 4, "{} points kept", kept.len());
        for p in &line {
            let seg = kept
                .windows(2)
                .find(|w| w[0].0 <= p.0 && p.0 <= w[1].0)
                .unwrap();
            let t = (p.0 - seg[0].0) / (seg[1].0 - seg[0].0);
            let y = seg[0].1 + t * (seg[1].1 - seg[0].1);
            assert!(
                (y - p.1).abs() <= 2.0 * TOLERANCE,
                "{p:?} is {y} on the line"
            );
        }
    }

    #[test]
    fn dark_colours_are_lightened_and_bright_ones_kept() {
        let black = legible(Rgb(0, 0, 0), DARK_BG);
        assert!(black.contrast(DARK_BG) >= MIN_CONTRAST);
        let orange = Rgb(0xff, 0x7f, 0x0e);
        assert_eq!(legible(orange, DARK_BG), orange);
    }
}
