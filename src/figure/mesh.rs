//! A chart's axis titles, mesh, axes, tick marks and tick labels where plotters'
//! `configure_mesh().draw()` puts them with nnbook's settings (bold lines at up to six key
//! points each way, no light lines, axes in #555555 with 5 px ticks), from plotters' own key
//! points and pixel mapping: the titles and labels as the same text calls, the lines and ticks
//! as four paths with the same strokes. plotters' own pass computes key points for light lines
//! it then does not draw, and makes a text style for each label; it took a sixth of a build.
//! `templates/explore.js` (`drawMiddle`) writes what this draws after the titles.

use plotters::coord::ranged1d::{BoldPoints, Ranged};
use plotters::coord::types::RangedCoordf64;
use plotters::element::{Drawable, PointCollection};
use plotters::prelude::*;
use plotters_backend::{BackendCoord, DrawingErrorKind};

use super::measure::{with_mesh_styles, MeshStyles};
use super::svg::SvgWriter;
use super::ticks::{label_width, tick_labels};

/// A chart of the input (or the steps) against values, as plotters draws it (`chart` uses it
/// as `Chart2d` too: it is defined here, below `chart`).
pub type Chart2d<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The label areas' sizes: below the plotting area (x) and left of it (y).
const X_LABEL_AREA: u32 = 46;
const Y_LABEL_AREA: u32 = 62;
/// The mesh's and the axes' colours.
const MESH: (u8, u8, u8) = (0xe4, 0xe4, 0xe4);
const AXIS: (u8, u8, u8) = (0x55, 0x55, 0x55);
/// How many key points each axis has at most (plotters' `x_labels(6)`, `y_labels(6)`).
const KEY_POINTS: usize = 6;
/// The tick marks' length; labels sit twice that away from the axis (plotters' defaults).
const TICK: i32 = 5;

/// The mesh of one chart, in pixels, ready to draw on its root area.
pub struct Mesh {
    /// The plotting area's first and last pixel columns, and its bottom and top pixel rows.
    left: i32,
    right: i32,
    bottom: i32,
    top: i32,
    /// Each key point's pixel and its label, along x and along y. (plotters would skip a label
    /// outside its axis; a float range's key points never are, see the test.) An x label is
    /// drawn at the last pixel of each: its tick's, or moved in from the canvas's edge.
    x: Vec<(i32, String, i32)>,
    y: Vec<(i32, String)>,
    /// The axis titles, x and y, each in the lines it was broken into ([`AxisTitles`]).
    titles: AxisTitles,
    /// The label areas' sizes below and left of the plotting area (the titles', the y one wider
    /// by [`y_label_shift`]).
    areas: (u32, u32),
}

/// A chart's axis titles, each in lines that fit along its axis. A title of more than one line
/// has its label area grown by [`AXIS_LINE`] a line (the plotting area shrinks), and its lines
/// are drawn outwards from where one line would be: the y title's turned lines side by side,
/// the x title's one above the other.
pub struct AxisTitles {
    pub x: Vec<String>,
    pub y: Vec<String>,
}

/// How far apart the lines of an axis title are (its 19 px text, written `19 / 1.24`, at a line
/// height of 1.2).
const AXIS_LINE: u32 = 18;

impl AxisTitles {
    /// The sizes of the label areas below and beside the plotting area (x, y).
    pub fn areas(&self) -> (u32, u32) {
        let more = |lines: &[String]| AXIS_LINE * lines.len().saturating_sub(1) as u32;
        (X_LABEL_AREA + more(&self.x), Y_LABEL_AREA + more(&self.y))
    }
}

/// How much wider than its titles need the y label area is for y tick labels `y_labels`: as
/// much as the widest is wider than [`Y_LABEL_ROOM`], in whole pixels. The plotting area moves
/// right by that much; the y title stays at the canvas's margin, clear of the labels.
/// `templates/explore.js` (`ticksOf`) does the same.
pub fn y_label_shift<'a>(y_labels: impl IntoIterator<Item = &'a String>) -> u32 {
    let widest = y_labels
        .into_iter()
        .map(|l| label_width(l))
        .fold(0.0, f64::max);
    (widest - Y_LABEL_ROOM).ceil().max(0.0) as u32
}

/// How wide a y tick label the y label area holds (four characters such as "0.25", 32.3 px): of
/// its 62 px, 10 px between the axis and the label (plotters'), this, 3 px of space and the
/// turned title's 16 px.
const Y_LABEL_ROOM: f64 = 33.0;

/// The y axis' key points over `ys` and their labels, as the mesh draws them.
pub fn y_ticks(ys: (f64, f64)) -> (Vec<f64>, Vec<String>) {
    let values = RangedCoordf64::from(ys.0..ys.1).key_points(BoldPoints(KEY_POINTS));
    let labels = tick_labels(&values);
    (values, labels)
}

/// The x axis' key points, with their pixels, labels and labels' pixels, and how many were
/// asked for: up to [`KEY_POINTS`], fewer where their labels would run into each other (over
/// a narrow range, "0.50000002" and the next one on a phone). A label centred on its tick that would cross the edge of the
/// canvas, `width` px wide, is moved in to end 2 px inside it ("0.5000001" at the right end of
/// the axis lost its last digits).
fn x_ticks(
    range: &RangedCoordf64,
    pixel: &dyn Fn(f64) -> i32,
    width: i32,
) -> (usize, Vec<(i32, String, i32)>) {
    let mut ticks = (0, Vec::new());
    for n in (2..=KEY_POINTS).rev() {
        let values = range.key_points(BoldPoints(n));
        let labels = tick_labels(&values);
        let placed = values
            .into_iter()
            .map(pixel)
            .zip(labels)
            .map(|(x, label)| {
                let half = (label_width(&label) / 2.0).ceil() as i32;
                let at = if half + 2 > x {
                    half + 2
                } else if x + half + 2 > width {
                    width - half - 2
                } else {
                    x
                };
                (x, label, at)
            })
            .collect();
        ticks = (n, placed);
        if apart(&ticks.1) {
            break;
        }
    }
    ticks
}

/// Whether the x tick labels `ticks` (tick's pixel, label, label's pixel), each centred on its
/// pixel, leave at least 4 px between each other as the browser draws them.
fn apart(ticks: &[(i32, String, i32)]) -> bool {
    ticks.windows(2).all(|pair| {
        let room = (pair[1].2 - pair[0].2).abs();
        let (a, b) = (&pair[0].1, &pair[1].1);
        (label_width(a) + label_width(b)) / 2.0 + 4.0 <= f64::from(room)
    })
}

impl Mesh {
    /// The mesh of `chart` with the axis titles `titles` and the y ticks `y_ticks` (of its y
    /// range: [`y_ticks`]), as plotters would draw it on a canvas `width` px wide with label
    /// areas `areas` (x, y) in size.
    pub fn of<DB: DrawingBackend>(
        chart: &Chart2d<'_, DB>,
        (titles, areas): (AxisTitles, (u32, u32)),
        width: u32,
        (values, labels): (Vec<f64>, Vec<String>),
    ) -> Mesh {
        let area = chart.plotting_area();
        let (px, py) = area.get_pixel_range();
        let spec = chart.as_coord_spec();
        let (x0, y0) = (spec.get_x_range().start, spec.get_y_range().start);
        let width = i32::try_from(width).unwrap_or(i32::MAX);
        let (_, x) = x_ticks(spec.x_spec(), &|v| chart.backend_coord(&(v, y0)).0, width);
        Mesh {
            left: px.start,
            right: px.end - 1,
            bottom: py.end - 1,
            top: py.start,
            x,
            y: (values.into_iter())
                .map(|v| chart.backend_coord(&(x0, v)).1)
                .zip(labels)
                .collect(),
            titles,
            areas,
        }
    }
}

/// Drawn on the root area, it has no points of its own: it knows its pixels.
impl<'a> PointCollection<'a, (i32, i32)> for &'a Mesh {
    type Point = &'a (i32, i32);
    type IntoIter = std::iter::Empty<&'a (i32, i32)>;
    fn point_iter(self) -> Self::IntoIter {
        std::iter::empty()
    }
}

impl Drawable<SvgWriter<'_>> for Mesh {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        _: I,
        backend: &mut SvgWriter<'_>,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<std::io::Error>> {
        with_mesh_styles(|styles| self.draw_on(backend, styles))
    }
}

/// SVG path data, `M x y` followed by `H x` or `V y` runs (integers, no separators needed).
#[derive(Default)]
struct PathData(String);

impl PathData {
    fn push(&mut self, s: &str, v: i32) {
        self.0.push_str(s);
        self.0.push_str(itoa::Buffer::new().format(v));
    }
    /// A move to (x, y).
    fn to(&mut self, x: i32, y: i32) -> &mut Self {
        self.push("M", x);
        self.push(" ", y);
        self
    }
    fn across(&mut self, x: i32) -> &mut Self {
        self.push("H", x);
        self
    }
    fn down(&mut self, y: i32) -> &mut Self {
        self.push("V", y);
        self
    }
}

impl Mesh {
    /// The titles, then the mesh as two paths (its vertical lines, its horizontal ones), then
    /// each axis with its ticks as one path followed by its labels. plotters draws a `<line>` or
    /// `<polyline>` for each: the same strokes, in 24 more elements a chart.
    fn draw_on(
        &self,
        backend: &mut SvgWriter<'_>,
        styles: &MeshStyles,
    ) -> Result<(), DrawingErrorKind<std::io::Error>> {
        let (left, right, bottom, top) = (self.left, self.right, self.bottom, self.top);
        // The titles: the y axis' turned, at the middle of the left label area's outer edge;
        // the x axis' at the middle of the bottom one's (each line of a longer title a line in
        // from the one before).
        let (x_area, y_area) = self.areas;
        let line = AXIS_LINE as i32;
        let middle = top + (bottom + 1 - top) / 2;
        let x = left - y_area as i32;
        for (i, title) in (0..).zip(&self.titles.y) {
            backend.draw_text(title, &styles.y_title, (x + i * line, middle))?;
        }
        let centre = left + (right + 1 - left) / 2;
        let y = bottom + 1 + x_area as i32;
        let above = self.titles.x.len() as i32 - 1;
        for (i, title) in (0..).zip(&self.titles.x) {
            backend.draw_text(title, &styles.x_title, (centre, y - (above - i) * line))?;
        }
        let (mut vertical, mut horizontal) = (PathData::default(), PathData::default());
        for &(x, _, _) in &self.x {
            vertical.to(x, bottom).down(top);
        }
        for &(y, _) in &self.y {
            horizontal.to(left, y).across(right);
        }
        backend.segments(MESH, &vertical.0);
        backend.segments(MESH, &horizontal.0);
        // The y axis just left of the plotting area with its ticks, then its labels.
        let mut axis = PathData::default();
        axis.to(left - 1, top).down(bottom);
        for &(y, _) in &self.y {
            axis.to(left - 1 - TICK, y).across(left - 1);
        }
        backend.segments(AXIS, &axis.0);
        for &(y, ref label) in &self.y {
            backend.draw_text(label, &styles.y_label, (left - 2 * TICK, y))?;
        }
        // The x axis just below it with its ticks, then its labels.
        let mut axis = PathData::default();
        axis.to(left, bottom + 1).across(right);
        for &(x, _, _) in &self.x {
            axis.to(x, bottom + 1).down(bottom + 1 + TICK);
        }
        backend.segments(AXIS, &axis.0);
        for &(_, ref label, x) in &self.x {
            backend.draw_text(label, &styles.x_label, (x, bottom + 1 + 2 * TICK))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use plotters::prelude::*;

    use super::super::measure::{register_font, with_mesh_styles};
    use super::super::svg::SvgWriter;
    use super::super::ticks::tick_labels;
    use super::*;

    /// A chart on `size` over `xs` and `ys` with its mesh drawn by `mesh`, as SVG.
    fn drawn(
        size: (u32, u32),
        xs: (f64, f64),
        ys: (f64, f64),
        mesh: impl FnOnce(
            &DrawingArea<SvgWriter<'_>, plotters::coord::Shift>,
            Chart2d<'_, SvgWriter<'_>>,
        ),
    ) -> String {
        register_font();
        let mut svg = String::new();
        let root = SvgWriter::new(&mut svg, size).into_drawing_area();
        let chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(X_LABEL_AREA)
            .y_label_area_size(Y_LABEL_AREA)
            .build_cartesian_2d(xs.0..xs.1, ys.0..ys.1)
            .unwrap();
        mesh(&root, chart);
        root.present().unwrap();
        drop(root);
        svg
    }

    /// Over a narrow range on the phone canvas's 264 px the x labels ("0.50000002") took six
    /// key points and ran into each other; fewer are taken, each label 4 px clear of the next.
    /// A range whose six labels fit keeps them.
    #[test]
    fn x_labels_that_would_meet_take_fewer_key_points() {
        register_font();
        let axis = |from: f64, to: f64| {
            let range = RangedCoordf64::from(from..to);
            let pixel = move |v: f64| 74 + ((v - from) / (to - from) * 263.0).round() as i32;
            x_ticks(&range, &pixel, 350)
        };
        let (n, ticks) = axis(0.5, 0.5000001);
        assert!(n < KEY_POINTS && ticks.len() >= 2, "{ticks:?}");
        assert!(apart(&ticks), "{ticks:?}");
        let six = RangedCoordf64::from(0.5..0.5000001).key_points(BoldPoints(KEY_POINTS));
        let pixel = |v: f64| 74 + ((v - 0.5) / 0.0000001 * 263.0).round() as i32;
        let crowded: Vec<_> = six
            .iter()
            .map(|&v| (pixel(v), v))
            .zip(tick_labels(&six))
            .map(|((x, _), label)| (x, label, x))
            .collect();
        assert!(!apart(&crowded), "{crowded:?}");
        assert_eq!(axis(0.0, 1.0).1.len(), 6);
    }

    /// Over 0.5 to 0.5000001 the last label, "0.5000001", centred on the axis's end, ran 8 px
    /// past the column canvas's edge and 20 px past the phone's, and lost its last digits. It
    /// is moved in, its tick is not; labels that fit stay on their ticks.
    #[test]
    fn x_labels_stay_inside_the_canvas() {
        register_font();
        // (The plotting areas of chart::COLUMN and chart::PHONE.)
        for (width, left, right) in [(640, 74, 627), (350, 74, 337)] {
            for (from, to) in [(0.5, 0.5000001), (0.0, 1.0), (-1e-7, 0.0)] {
                let range = RangedCoordf64::from(from..to);
                let span = f64::from(right - left);
                let pixel = |v: f64| left + ((v - from) / (to - from) * span).round() as i32;
                let (_, ticks) = x_ticks(&range, &pixel, width);
                assert!(apart(&ticks), "{ticks:?}");
                for (x, label, at) in &ticks {
                    let half = label_width(label) / 2.0;
                    let (l, r) = (f64::from(*at) - half, f64::from(*at) + half);
                    assert!(l >= 2.0 && r <= f64::from(width) - 2.0, "{label} at {at}");
                    let crosses =
                        f64::from(*x) + half > f64::from(width) - 2.0 || f64::from(*x) - half < 2.0;
                    assert_eq!(at != x, crosses, "{label}: tick {x}, label at {at}");
                }
                if (from, to) == (0.5, 0.5000001) {
                    let (x, label, at) = ticks.last().unwrap();
                    assert_eq!(label, "0.5000001");
                    assert!(at < x, "{ticks:?}");
                }
            }
        }
    }

    fn attr<'s>(element: &'s str, name: &str) -> &'s str {
        let from = element.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
        &element[from..from + element[from..].find('"').unwrap()]
    }

    /// plotters' mesh in nnbook's form: its `<line>`s (vertical, then horizontal) each as a
    /// path, and each axis's `<polyline>`s (the axis, then the tick after each label) as a path
    /// before its labels. Other elements as they are.
    fn compact(svg: &str) -> String {
        let (mut out, mut lines, mut axis, mut labels) = (
            String::new(),
            [String::new(), String::new()],
            String::new(),
            String::new(),
        );
        let flush_axis = |out: &mut String, axis: &mut String, labels: &mut String| {
            if !axis.is_empty() {
                out.push_str(&format!("<path stroke=\"#555\" d=\"{axis}\"/>\n{labels}"));
                axis.clear();
                labels.clear();
            }
        };
        for element in svg.split_inclusive('\n') {
            if element.starts_with("<line") {
                let (x1, y1, x2, y2) = (
                    attr(element, "x1"),
                    attr(element, "y1"),
                    attr(element, "x2"),
                    attr(element, "y2"),
                );
                let (k, to) = if x1 == x2 {
                    (0, format!("V{y2}"))
                } else {
                    (1, format!("H{x2}"))
                };
                lines[k].push_str(&format!("M{x1} {y1}{to}"));
            } else if element.starts_with("<polyline fill=\"none\" stroke=\"#555\"") {
                if !lines[0].is_empty() || !lines[1].is_empty() {
                    for l in &mut lines {
                        out.push_str(&format!("<path stroke=\"#E4E4E4\" d=\"{l}\"/>\n"));
                        l.clear();
                    }
                }
                let points: Vec<(&str, &str)> = attr(element, "points")
                    .split_whitespace()
                    .map(|p| p.split_once(',').unwrap())
                    .collect();
                let (a, b) = (points[0], points[1]);
                // A new axis starts with a segment as long as the plotting area is wide or tall.
                let tick = (a.0 == b.0
                    && b.1.parse::<i32>().unwrap() - a.1.parse::<i32>().unwrap() == TICK)
                    || (a.1 == b.1
                        && b.0.parse::<i32>().unwrap() - a.0.parse::<i32>().unwrap() == TICK);
                if !tick {
                    flush_axis(&mut out, &mut axis, &mut labels);
                }
                let to = if a.0 == b.0 {
                    format!("V{}", b.1)
                } else {
                    format!("H{}", b.0)
                };
                axis.push_str(&format!("M{} {}{to}", a.0, a.1));
            } else if !axis.is_empty() && element.starts_with("<text") {
                labels.push_str(element);
            } else {
                flush_axis(&mut out, &mut axis, &mut labels);
                out.push_str(element);
            }
        }
        out
    }

    /// The mesh is what plotters' `configure_mesh` draws with the settings nnbook used before it
    /// drew the mesh itself (its lines and ticks joined into paths, [`compact`]): on both
    /// canvases, over random ranges from 1e-6 to 1e11 wide (negative, positive, straddling zero,
    /// far from it), with titles that need escaping, are empty or are not Latin.
    #[test]
    fn draws_what_plotters_configure_mesh_draws() {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut random = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let titles = [("Dosage", "Value"), ("a < b & \"c\"", "剂量"), ("", "")];
        for k in 0..600 {
            let mut range = || {
                let width = 10f64.powf(-6.0 + 17.0 * random());
                let centre = (random() - 0.5) * width * [0.0, 1.0, 4.0, 1e3][k % 4];
                (centre - width / 2.0, centre + width / 2.0)
            };
            let (xs, ys) = (range(), range());
            // (The column canvas and the phone one: chart::COLUMN, chart::PHONE.)
            let size = if k % 2 == 0 { (640, 380) } else { (350, 300) };
            let (x, y) = titles[k % titles.len()];
            // (Each axis's labels as nnbook gives them, looked up by value, of `n` key points.)
            let labels = |r: (f64, f64), n: usize| {
                let values = RangedCoordf64::from(r.0..r.1).key_points(BoldPoints(n));
                let labels = tick_labels(&values);
                move |v: &f64| labels[values.iter().position(|k| k == v).unwrap()].clone()
            };
            // (As many x key points as the mesh asks for, fewer where labels would meet.)
            let x_count = std::cell::Cell::new(KEY_POINTS);
            let ours = drawn(size, xs, ys, |root, chart| {
                let y0 = chart.as_coord_spec().get_y_range().start;
                let pixel = |v: f64| chart.backend_coord(&(v, y0)).0;
                // (On a canvas too wide for a label to reach its edge: plotters does not move
                // one in, see `x_labels_stay_inside_the_canvas`.)
                let wide = i32::MAX;
                x_count.set(x_ticks(chart.as_coord_spec().x_spec(), &pixel, wide).0);
                let titles = AxisTitles {
                    x: vec![x.to_string()],
                    y: vec![y.to_string()],
                };
                let y_range = chart.as_coord_spec().get_y_range();
                let y = y_ticks((y_range.start, y_range.end));
                let areas = titles.areas();
                root.draw(&Mesh::of(&chart, (titles, areas), u32::MAX, y))
                    .unwrap();
            });
            let (x_tick, y_tick) = (labels(xs, x_count.get()), labels(ys, KEY_POINTS));
            let (axis, label) = with_mesh_styles(|m| (m.x_title.clone(), m.x_label.clone()));
            let plotters = drawn(size, xs, ys, |_, mut chart| {
                chart
                    .configure_mesh()
                    .max_light_lines(0)
                    .bold_line_style(RGBColor(0xe4, 0xe4, 0xe4))
                    .axis_style(RGBColor(0x55, 0x55, 0x55))
                    .x_labels(x_count.get())
                    .y_labels(KEY_POINTS)
                    .x_label_formatter(&x_tick)
                    .y_label_formatter(&y_tick)
                    .label_style(label)
                    .axis_desc_style(axis)
                    .x_desc(x)
                    .y_desc(y)
                    .draw()
                    .unwrap();
            });
            assert_eq!(ours, compact(&plotters), "x {xs:?}, y {ys:?} on {size:?}");
        }
    }
}

/// The y label area's growth (the font's widths: `ticks`).
#[cfg(test)]
mod label_tests {
    use super::*;

    /// The y label area keeps its size while the widest label is 33 px or less ("0.85", 32.3
    /// px), and grows by what the widest is wider: "−0.0125" is 1716 + 5 · 1303 + 651 = 8882
    /// units of 2048 at 14.52 px, 62.97 px, so 30 px more; "−0.01" (1716 + 3 · 1303 + 651 =
    /// 6276 units, 44.5 px) 12 px more.
    #[test]
    fn the_y_label_area_grows_by_what_the_widest_label_is_wider() {
        let shift =
            |l: &[&str]| y_label_shift(&l.iter().map(|t| t.to_string()).collect::<Vec<_>>());
        assert_eq!(shift(&["\u{2212}15", "0", "0.85"]), 0);
        assert_eq!(shift(&["\u{2212}0.0125", "0"]), 30);
        assert_eq!(shift(&["\u{2212}0.01"]), 12);
        assert_eq!(shift(&[]), 0);
    }

    /// `templates/explore.js` lays the y labels out by the same table and room, so that a page
    /// moved by its sliders draws what the build would (tests/browser/exact.mjs compares them).
    #[test]
    fn the_page_script_measures_labels_alike() {
        let script = include_str!("../../templates/explore.js");
        for part in [
            "\"9\" ? 1303 : c === \".\" ? 651 : c === \"\\u2212\" ? 1716 : c === \"e\" ? 1260 : 13 * 2048 / 14.52",
            "u * 14.52 / 2048",
            "yl.map(labelWidth)) - 33))",
        ] {
            assert!(script.contains(part), "explore.js lacks {part}");
        }
        assert_eq!(Y_LABEL_ROOM, 33.0);
    }
}
