//! A chart's axis titles, mesh, axes, tick marks and tick labels, drawn as plotters'
//! `configure_mesh().draw()` draws them with nnbook's settings (bold lines at up to six key
//! points each way, no light lines, axes in #555555 with 5 px ticks): the same backend calls,
//! with the same arguments, in the same order. plotters' own pass computes key points for light
//! lines it then does not draw, and makes a text style for each label; it took a sixth of a
//! build. `templates/explore.js` (`drawMiddle`) writes what this draws after the titles.

use plotters::coord::ranged1d::{BoldPoints, Ranged};
use plotters::coord::types::RangedCoordf64;
use plotters::element::{Drawable, PointCollection};
use plotters::prelude::*;
use plotters_backend::{BackendCoord, DrawingErrorKind};

/// A chart as nnbook draws them (`chart::Chart2d`).
type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;
use super::measure::{with_mesh_styles, MeshStyles};
use super::ticks::tick_label;

/// The label areas' sizes: below the plotting area (x) and left of it (y).
pub const X_LABEL_AREA: u32 = 46;
pub const Y_LABEL_AREA: u32 = 62;
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
    /// outside its axis; a float range's key points never are, see the test.)
    x: Vec<(i32, String)>,
    y: Vec<(i32, String)>,
    /// The axis titles, x and y.
    titles: (String, String),
}

impl Mesh {
    /// The mesh of `chart` with the axis titles `titles` (x, y), as plotters would draw it.
    pub fn of<DB: DrawingBackend>(chart: &Chart<'_, DB>, titles: (String, String)) -> Mesh {
        let area = chart.plotting_area();
        let (px, py) = area.get_pixel_range();
        let spec = chart.as_coord_spec();
        let (x0, y0) = (spec.get_x_range().start, spec.get_y_range().start);
        let key_points = |range: &RangedCoordf64, pixel: &dyn Fn(f64) -> i32| {
            range
                .key_points(BoldPoints(KEY_POINTS))
                .into_iter()
                .map(|v| (pixel(v), tick_label(v)))
                .collect()
        };
        Mesh {
            left: px.start,
            right: px.end - 1,
            bottom: py.end - 1,
            top: py.start,
            x: key_points(spec.x_spec(), &|v| chart.backend_coord(&(v, y0)).0),
            y: key_points(spec.y_spec(), &|v| chart.backend_coord(&(x0, v)).1),
            titles,
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

impl<DB: DrawingBackend> Drawable<DB> for Mesh {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        _: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        with_mesh_styles(|styles| self.draw_on(backend, styles))
    }
}

impl Mesh {
    fn draw_on<DB: DrawingBackend>(
        &self,
        backend: &mut DB,
        styles: &MeshStyles,
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let (left, right, bottom, top) = (self.left, self.right, self.bottom, self.top);
        // The titles: the y axis' turned, at the middle of the left label area's outer edge;
        // the x axis' at the middle of the bottom one's.
        let middle = top + (bottom + 1 - top) / 2;
        let x = left - Y_LABEL_AREA as i32;
        backend.draw_text(&self.titles.1, &styles.y_title, (x, middle))?;
        let centre = left + (right + 1 - left) / 2;
        let y = bottom + 1 + X_LABEL_AREA as i32;
        backend.draw_text(&self.titles.0, &styles.x_title, (centre, y))?;
        let line: ShapeStyle = RGBColor(0xe4, 0xe4, 0xe4).into();
        let axis: ShapeStyle = RGBColor(0x55, 0x55, 0x55).into();
        for &(x, _) in &self.x {
            backend.draw_line((x, bottom), (x, top), &line)?;
        }
        for &(y, _) in &self.y {
            backend.draw_line((left, y), (right, y), &line)?;
        }
        // The y axis just left of the plotting area, then each label and its tick.
        backend.draw_path([(left - 1, top), (left - 1, bottom)], &axis)?;
        for &(y, ref label) in &self.y {
            backend.draw_text(label, &styles.y_label, (left - 2 * TICK, y))?;
            backend.draw_path([(left - 1 - TICK, y), (left - 1, y)], &axis)?;
        }
        // The x axis just below it, then each label and its tick.
        backend.draw_path([(left, bottom + 1), (right, bottom + 1)], &axis)?;
        for &(x, ref label) in &self.x {
            backend.draw_text(label, &styles.x_label, (x, bottom + 1 + 2 * TICK))?;
            backend.draw_path([(x, bottom + 1), (x, bottom + 1 + TICK)], &axis)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use plotters::prelude::*;

    use super::super::measure::{register_font, with_mesh_styles};
    use super::super::svg::SvgWriter;
    use super::super::ticks::tick_label;
    use super::*;

    /// A chart on `size` over `xs` and `ys` with its mesh drawn by `mesh`, as SVG.
    fn drawn(
        size: (u32, u32),
        xs: (f64, f64),
        ys: (f64, f64),
        mesh: impl FnOnce(&DrawingArea<SvgWriter<'_>, plotters::coord::Shift>, Chart<'_, SvgWriter<'_>>),
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

    /// The mesh is what plotters' `configure_mesh` draws with the settings nnbook used before it
    /// drew the mesh itself, byte for byte: on both canvases, over random ranges from 1e-6 to
    /// 1e11 wide (negative, positive, straddling zero, far from it), with titles that need
    /// escaping, are empty or are not Latin.
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
            let tick = |v: &f64| tick_label(*v);
            let ours = drawn(size, xs, ys, |root, chart| {
                root.draw(&Mesh::of(&chart, (x.to_string(), y.to_string())))
                    .unwrap();
            });
            let (axis, label) = with_mesh_styles(|m| (m.x_title.clone(), m.x_label.clone()));
            let plotters = drawn(size, xs, ys, |_, mut chart| {
                chart
                    .configure_mesh()
                    .max_light_lines(0)
                    .bold_line_style(RGBColor(0xe4, 0xe4, 0xe4))
                    .axis_style(RGBColor(0x55, 0x55, 0x55))
                    .x_labels(KEY_POINTS)
                    .y_labels(KEY_POINTS)
                    .x_label_formatter(&tick)
                    .y_label_formatter(&tick)
                    .label_style(label)
                    .axis_desc_style(axis)
                    .x_desc(x)
                    .y_desc(y)
                    .draw()
                    .unwrap();
            });
            assert_eq!(ours, plotters, "x {xs:?}, y {ys:?} on {size:?}");
        }
    }
}
