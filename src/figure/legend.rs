//! Where a chart's legend goes: in the first corner of the plot (upper right, upper left, lower
//! right, lower left) where it covers no drawn line or point; when every corner is taken, the
//! value range is raised until the top of the plot is free. The page's script places legends
//! by the same rules (`templates/explore.js`, `place`).

use plotters::prelude::*;

use crate::error::Diagnostic;

use super::chart::{
    accessible, Canvas, Chart2d, ChartGeometry, Drawing, COLUMN, PHONE, POINT_RADIUS,
};
use super::measure;

/// Pixels kept between the legend and a line's centre (half its width and one more).
const LINE_CLEARANCE: f64 = 3.0;
/// Pixels kept between the legend and a point's edge.
const DOT_CLEARANCE: f64 = 2.0;
/// plotters' line height in a multi-line text, in font sizes (`MultiLineText`).
const LINE_HEIGHT: f64 = 1.25;
/// plotters' inset of a legend from the plot's edges.
const INSET: i32 = 5;

/// The legend corners in order of preference, by the names the page's script uses.
const CORNERS: [(SeriesLabelPosition, &str); 4] = [
    (SeriesLabelPosition::UpperRight, "upper-right"),
    (SeriesLabelPosition::UpperLeft, "upper-left"),
    (SeriesLabelPosition::LowerRight, "lower-right"),
    (SeriesLabelPosition::LowerLeft, "lower-left"),
];

/// What a chart drew in its plotting area, in pixels: the places a legend must not cover.
#[derive(Default)]
pub struct Marks {
    /// Polylines, as drawn.
    lines: Vec<Vec<(f64, f64)>>,
    /// Points: centre and radius.
    dots: Vec<((f64, f64), f64)>,
    /// The legend's entries, in series order: label and sample.
    labels: Vec<(String, Sample)>,
}

/// What a legend entry shows before its label: a series' line, or a data point's ring.
#[derive(Clone, Copy)]
pub enum Sample {
    Line(RGBColor),
    Ring,
}

impl Marks {
    /// Record a line drawn through `points` (values) on `chart`.
    pub fn line<DB: DrawingBackend>(&mut self, chart: &Chart2d<'_, DB>, points: &[(f64, f64)]) {
        self.lines
            .push(points.iter().map(|p| pixel(chart, p)).collect());
    }

    /// Record a point of radius `r` drawn at `p` (a value) on `chart`.
    pub fn dot<DB: DrawingBackend>(&mut self, chart: &Chart2d<'_, DB>, p: (f64, f64), r: u32) {
        self.dots.push((pixel(chart, &p), f64::from(r)));
    }

    /// Record a legend entry.
    pub fn label(&mut self, label: &str, sample: Sample) {
        self.labels.push((label.to_string(), sample));
    }

    pub fn has_legend(&self) -> bool {
        !self.labels.is_empty()
    }

    /// The first corner where a legend keeps clear of every mark; `None` when all are taken.
    fn free_corner(&self, g: &ChartGeometry, size: (i32, i32)) -> Option<usize> {
        (0..CORNERS.len()).find(|&i| {
            let (x, y) = at(CORNERS[i].1, g, size);
            let (x0, y0, x1, y1) = (x as f64, y as f64, (x + size.0) as f64, (y + size.1) as f64);
            let grow = |c: f64| (x0 - c, y0 - c, x1 + c, y1 + c);
            let lines = grow(LINE_CLEARANCE);
            let free_of_lines = self.lines.iter().all(|line| {
                line.windows(2).all(|s| !crosses(lines, s[0], s[1]))
                    && (line.len() != 1 || !crosses(lines, line[0], line[0]))
            });
            free_of_lines
                && self.dots.iter().all(|&(c, r)| {
                    let (l, t, r2, b) = grow(r + DOT_CLEARANCE);
                    !(c.0 >= l && c.0 <= r2 && c.1 >= t && c.1 <= b)
                })
        })
    }
}

/// Where a value lands on the drawing: plotters' own mapping.
fn pixel<DB: DrawingBackend>(chart: &Chart2d<'_, DB>, p: &(f64, f64)) -> (f64, f64) {
    let (x, y) = chart.backend_coord(p);
    (f64::from(x), f64::from(y))
}

/// The top-left pixel of a legend of `size` in `corner` (plotters' `layout_label_area`).
fn at(corner: &str, g: &ChartGeometry, size: (i32, i32)) -> (i32, i32) {
    let (w, h) = (g.area.0 as i32, g.area.1 as i32);
    let x = if corner.ends_with("right") {
        w - size.0 - INSET
    } else {
        INSET
    };
    let y = if corner.starts_with("upper") {
        INSET
    } else {
        h - size.1 - INSET
    };
    (g.x_pixels.0 + x, g.y_pixels.1 + y)
}

/// Whether the segment from `a` to `b` meets the rectangle `(left, top, right, bottom)`
/// (Liang–Barsky clipping).
fn crosses((l, t, r, b): (f64, f64, f64, f64), a: (f64, f64), e: (f64, f64)) -> bool {
    let (dx, dy) = (e.0 - a.0, e.1 - a.1);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (p, q) in [(-dx, a.0 - l), (dx, r - a.0), (-dy, a.1 - t), (dy, b - a.1)] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let s = q / p;
            if p < 0.0 {
                if s > t1 {
                    return false;
                }
                t0 = t0.max(s);
            } else {
                if s < t0 {
                    return false;
                }
                t1 = t1.min(s);
            }
        }
    }
    true
}

/// The legend's size in pixels, as plotters lays it out: its labels' text (one line each, as
/// `MultiLineText::estimate_dimension` places them), 30 pixels for the line or dot, and a
/// margin of 10 all round.
fn size(labels: &[(String, Sample)]) -> Result<(i32, i32), String> {
    measure::with_legend_style(|font| {
        let line_height = font.font.get_size() * LINE_HEIGHT;
        let (mut w, mut h) = (0, 0);
        for (i, (label, _)) in labels.iter().enumerate() {
            let ((x0, y0), (x1, y1)) =
                measure::layout_box(font, label).map_err(|e| e.to_string())?;
            // `FontDesc::box_size`: the box's size, untransformed (the legend's font is not).
            let (dx, dy) = ((x1 - x0).unsigned_abs(), (y1 - y0).unsigned_abs());
            let y = (f64::from(i as u32) * line_height).round() as i32;
            w = w.max(dx as i32);
            h = h.max(y + dy as i32);
        }
        Ok((w + 30 + 20, h + 20))
    })
}

/// What became of a legend.
pub enum Legend {
    /// Drawn (its corner is in the chart's geometry), or none was needed.
    Placed,
    /// Every corner is taken: the plot needs this fraction of its height free at the top.
    Crowded(f64),
}

/// Draw the legend of `marks` in a free corner, noted in `g`, or say how much room it needs.
/// With `force`, it goes in the first free corner or else upper right (for a range already
/// raised for it).
pub fn draw<'a, DB: DrawingBackend + 'a>(
    chart: &mut Chart2d<'a, DB>,
    g: &mut ChartGeometry,
    marks: &Marks,
    force: bool,
) -> Result<Legend, String> {
    if !marks.has_legend() {
        return Ok(Legend::Placed);
    }
    let size = size(&marks.labels)?;
    let corner = match marks.free_corner(g, size) {
        Some(i) => i,
        None if force => 0,
        None => {
            let plot = f64::from(g.y_pixels.0 - g.y_pixels.1);
            let band =
                f64::from(INSET + size.1) + f64::from(POINT_RADIUS) + 2.0 * DOT_CLEARANCE + 1.0;
            return Ok(Legend::Crowded(band / plot));
        }
    };
    let name = CORNERS[corner].1;
    let area = chart.plotting_area().strip_coord_spec();
    let (x, y) = at(name, g, size);
    let corner = (x - g.x_pixels.0, y - g.y_pixels.1);
    boxed(&area, corner, size, &marks.labels).map_err(|e| e.to_string())?;
    g.legend = Some(name);
    Ok(Legend::Placed)
}

/// Draw a legend of `size` with its top-left `corner` in the plotting area `area`, as plotters'
/// `SeriesLabelStyle::draw` draws it (the same drawing calls in the same order): the box, the
/// labels (one line each, as `MultiLineText` places them), then each entry's sample, centred on
/// its line. The labels' style has no font of its own ([`measure::legend_text_style`]): plotters
/// would copy the font's tables for every label it measures and draws.
fn boxed<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    (x, y): (i32, i32),
    (w, h): (i32, i32),
    labels: &[(String, Sample)],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    const MARGIN: i32 = 10;
    const SAMPLE_WIDTH: i32 = 30;
    let rect = [(x, y), (x + w, y + h)];
    area.draw(&Rectangle::new(rect, WHITE.mix(0.85).filled()))?;
    area.draw(&Rectangle::new(rect, RGBColor(0xbb, 0xbb, 0xbb)))?;
    let style = measure::legend_text_style();
    let line_height = f64::from(measure::LEGEND_SIZE) * LINE_HEIGHT;
    let (text_x, text_y) = (x + SAMPLE_WIDTH + MARGIN, y + MARGIN);
    let line_y = |i: usize| (f64::from(text_y) + f64::from(i as u32) * line_height).round() as i32;
    for (i, (label, _)) in labels.iter().enumerate() {
        area.draw(&Text::new(
            label.as_str(),
            (text_x, line_y(i)),
            style.clone(),
        ))?;
    }
    for (i, (label, sample)) in labels.iter().enumerate() {
        let height = measure::with_legend_style(|font| measure::layout_box(font, label))
            .map(|((_, y0), (_, y1))| (y1 - y0).unsigned_abs() as i32)
            .map_err(|e| {
                DrawingAreaErrorKind::BackendError(plotters_backend::DrawingErrorKind::FontError(e))
            })?;
        let top = line_y(i);
        let at = (x + MARGIN, (top + top + height) / 2);
        match *sample {
            Sample::Line(color) => area.draw(&PathElement::new(
                vec![at, (at.0 + 22, at.1)],
                color.stroke_width(3),
            ))?,
            Sample::Ring => area.draw(&Circle::new(
                (at.0 + 11, at.1),
                POINT_RADIUS,
                super::chart::point_style(),
            ))?,
        }
    }
    Ok(())
}

/// The value range `(lo, hi)` raised so that values up to `top` stay out of the top `band`
/// (a fraction) of the plot; `None` when the band leaves too little room to draw.
pub fn raised((lo, hi): (f64, f64), top: f64, band: f64) -> Option<(f64, f64)> {
    (band < 0.75).then(|| (lo, hi.max((top - band * lo) / (1.0 - band))))
}

/// A chart drawn on the column and the phone canvas with `plot(svg, canvas, ys, force)` (see
/// [`fitted`]), each drawing given its accessible opening: (column, phone).
pub fn on_both_canvases(
    (id, title, description): (&str, &str, &str),
    ys: (f64, f64),
    top: f64,
    mut plot: impl FnMut(
        &mut String,
        Canvas,
        (f64, f64),
        bool,
    ) -> Result<(ChartGeometry, Legend), String>,
) -> Result<(Drawing, Drawing), Diagnostic> {
    let mut draw = |canvas: Canvas| {
        let (svg, chart) = fitted(ys, top, |svg, ys, force| plot(svg, canvas, ys, force))
            .map_err(|e| Diagnostic::new(format!("figure `{id}` could not be drawn: {e}")))?;
        let svg = accessible(&svg, canvas, id, title, description);
        Ok::<_, Diagnostic>(Drawing { svg, chart })
    };
    Ok((draw(COLUMN)?, draw(PHONE)?))
}

/// Draw a chart with `plot(svg, ys, force)` over the value range `ys`; when its legend finds
/// no free corner, draw it again over the range raised to make room at the top for it (`top`:
/// the highest value drawn). Returns the drawing and where its values land.
fn fitted(
    ys: (f64, f64),
    top: f64,
    mut plot: impl FnMut(&mut String, (f64, f64), bool) -> Result<(ChartGeometry, Legend), String>,
) -> Result<(String, ChartGeometry), String> {
    // Room for a typical chart (3 to 5 KB), so that the text is not copied as it grows.
    let mut svg = String::with_capacity(8 * 1024);
    let (geometry, legend) = plot(&mut svg, ys, false)?;
    let Legend::Crowded(band) = legend else {
        return Ok((svg, geometry));
    };
    svg.clear();
    let (geometry, _) = plot(&mut svg, raised(ys, top, band).unwrap_or(ys), true)?;
    Ok((svg, geometry))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_meet_rectangles_only_where_they_cross() {
        let r = (10.0, 10.0, 20.0, 20.0);
        assert!(crosses(r, (0.0, 15.0), (30.0, 15.0)));
        assert!(crosses(r, (15.0, 15.0), (15.0, 15.0)));
        assert!(crosses(r, (0.0, 0.0), (30.0, 30.0)));
        assert!(!crosses(r, (0.0, 0.0), (30.0, 5.0)));
        assert!(!crosses(r, (0.0, 25.0), (9.0, 0.0)));
        assert!(!crosses(r, (21.0, 0.0), (21.0, 30.0)));
    }

    #[test]
    fn a_raised_range_keeps_the_top_band_free() {
        // Values 0..1, band 0.3: the top value must land at 70 % of the new range.
        let (lo, hi) = raised((0.0, 1.0), 1.0, 0.3).unwrap();
        assert_eq!(lo, 0.0);
        assert!(((1.0 - lo) / (hi - lo) - 0.7).abs() < 1e-12);
        assert!(raised((0.0, 1.0), 1.0, 0.8).is_none());
    }
}
