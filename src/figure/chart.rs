//! What every chart shares: its size, the embedded font, the figure it becomes (SVG with
//! `role="img"`, title, description and dark style), the y range, straight pieces, the
//! legend's corner and labels.

use std::fmt::Write as _;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::lesson::Rgb;

use super::describe::DescriptionTemplate;
pub use super::measure::{is_wide, register_font, text_width};
pub use super::mesh::Chart2d;
use super::mesh::{y_label_shift, y_ticks, AxisTitles, Mesh};
use super::svg::{SvgWriter, SIZE_IN_SVG, TEXT_DEFAULTS};
use crate::text::{clean, escape};

/// A canvas a chart is drawn on: its size in CSS pixels, and its name in the page (the class
/// of its `<svg>`, and the suffix of its ids). Each chart is drawn twice with the same text
/// sizes: on the column canvas, which fills a desktop column (646 px), and on the phone canvas,
/// which fills a phone's (273 px at 320 px, 343 px at 390 px). The page shows one of the two by
/// the screen's width (`templates/style.css`), so that text never renders below 11 CSS pixels
/// and never grows to twice its size on a desktop.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Canvas {
    pub width: u32,
    pub height: u32,
    pub name: &'static str,
}

pub const COLUMN: Canvas = Canvas {
    width: 640,
    height: 380,
    name: "column",
};
pub const PHONE: Canvas = Canvas {
    width: 350,
    height: 300,
    name: "phone",
};
/// The smallest size, in CSS px, a figure's text is drawn at on any screen.
pub const MIN_TEXT_PX: f64 = 11.0;
/// A figure's inner width, in CSS px, on a 320 px screen in the default theme
/// (`templates/style.css`): the narrowest a page shrinks a drawing to.
pub const PHONE_COLUMN: f64 = 273.0;
/// The largest value a figure draws (beyond it, plotters' pixel arithmetic would overflow).
pub const MAX_VALUE: f64 = 1e12;
/// The plotting area's height on the tallest canvas, at most (the column canvas' is about 290
/// pixels): the sampling error of smooth curves is bounded to half a pixel of it.
pub const PLOT_HEIGHT: f64 = 300.0;

/// Data points are rings of this radius (a curve through one stays visible), in [`point_style`].
pub const POINT_RADIUS: u32 = 5;

pub fn point_style() -> ShapeStyle {
    RGBColor(0x22, 0x22, 0x22).stroke_width(2)
}

/// A drawn figure: its SVG, its CSV data and a text description.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub id: String,
    pub svg: String,
    pub csv: String,
    /// What the figure shows, in words (the SVG's `<desc>` and the image's alt text).
    pub description: String,
    /// A chart's description with its numbers as slots (`None` for a diagram or a training
    /// figure): what the page's script fills in for other parameters.
    pub description_template: Option<DescriptionTemplate>,
    /// Where a chart's values land on its drawing (`None` for a diagram or a training figure):
    /// what the page's script needs to draw it again for other parameters, exactly as here.
    pub chart: Option<ChartGeometry>,
    /// A chart drawn again on the phone canvas (`None` for a diagram): the page shows it
    /// instead of `svg` on narrow screens.
    pub phone: Option<Drawing>,
    /// The stylesheet every drawing of this kind shares (a diagram's theme colours; empty for a
    /// chart, whose page styles it): left out of `svg`, written by a page into its first drawing
    /// of the kind, and into a drawing shown on its own ([`Figure::standalone_svg`]).
    pub shared_style: &'static str,
    /// A diagram too wide to shrink into a phone's column ([`PHONE_COLUMN`]) with its text at
    /// [`MIN_TEXT_PX`] or more: the width, in CSS px, it stops shrinking at. The page scrolls it
    /// sideways from there (`None` for a drawing that fits, and for a chart, which has a phone
    /// drawing instead).
    pub least_width: Option<u32>,
}

impl Figure {
    /// The drawing with its shared stylesheet, after its description: as a page's first drawing
    /// of its kind shows it, and as a drawing shown on its own (a notebook's output) needs it.
    pub fn standalone_svg(&self) -> std::borrow::Cow<'_, str> {
        match self.standalone_parts() {
            [whole, "", ""] => std::borrow::Cow::Borrowed(whole),
            parts => std::borrow::Cow::Owned(parts.concat()),
        }
    }

    /// [`Figure::standalone_svg`] in the pieces written one after the other, borrowed.
    pub fn standalone_parts(&self) -> [&str; 3] {
        let at = self.svg.find("</desc>\n").map(|at| at + "</desc>\n".len());
        match at {
            Some(at) if !self.shared_style.is_empty() => {
                [&self.svg[..at], self.shared_style, &self.svg[at..]]
            }
            _ => [&self.svg, "", ""],
        }
    }
}

/// A chart's drawing on one canvas, and where its values land on it.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    pub svg: String,
    pub chart: ChartGeometry,
}

/// A chart's mapping from values to pixels, as plotters lays it out.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ChartGeometry {
    /// The pixel limits values are mapped to: x from left to right, y from bottom to top.
    pub x_pixels: (i32, i32),
    pub y_pixels: (i32, i32),
    /// The plotting area's size in pixels (the legend is placed in it).
    pub area: (u32, u32),
    /// The legend's corner, if there is a legend.
    pub legend: Option<&'static str>,
    /// How far right the y tick labels moved the plotting area (`mesh::y_label_shift`), in
    /// pixels.
    #[serde(skip_serializing_if = "is_zero")]
    pub shift: u32,
}

/// (A chart's geometry carries no `shift` where there is none.)
fn is_zero(shift: &u32) -> bool {
    *shift == 0
}

/// Drop the points that lie on the straight line through their neighbours (to `1e-9` of the
/// y range), so that straight pieces are drawn as one segment, not as a row of rounded pixels.
pub fn straighten(points: &[(f64, f64)], y_span: f64) -> Vec<(f64, f64)> {
    let mut kept: Vec<(f64, f64)> = Vec::with_capacity(points.len());
    for (i, &p) in points.iter().enumerate() {
        if let (Some(&a), Some(&b)) = (kept.last(), points.get(i + 1)) {
            let on_line = a.1 + (b.1 - a.1) * (p.0 - a.0) / (b.0 - a.0);
            if (p.1 - on_line).abs() <= 1e-9 * y_span {
                continue;
            }
        }
        kept.push(p);
    }
    kept
}

/// A legend label padded for layout: the embedded font has no CJK glyphs, so plotters would
/// measure each wide character at about 0.6 em while browsers draw it 1 em wide. Trailing em
/// spaces (which SVG does not display) make up the difference, so the legend box fits.
pub fn measured(label: &str) -> String {
    let wide = label.chars().filter(|c| is_wide(*c)).count();
    let mut out = clean(label);
    out.extend(std::iter::repeat_n('\u{2003}', (wide * 9).div_ceil(20)));
    out
}

pub fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// The smallest and largest value drawn; a flat figure gets a unit range around its value.
pub fn y_range<'a>(
    columns: impl IntoIterator<Item = &'a [f64]>,
    points: &[(f64, f64)],
) -> (f64, f64) {
    let values = columns
        .into_iter()
        .flat_map(|c| c.iter().copied())
        .chain(points.iter().map(|p| p.1))
        .filter(|v| v.is_finite());
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !(lo.is_finite() && hi.is_finite()) {
        (-1.0, 1.0)
    } else if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
        (lo - 1.0, hi + 1.0)
    } else {
        (lo, hi)
    }
}

/// What a series' colour becomes in dark mode (the series rules of the charts' dark style in
/// `templates/style.css`; a colour not listed stays as it is). Diagrams highlight a path in the colour its figures draw it in.
const DARK_SERIES: [(Rgb, Rgb); 3] = [
    (Rgb(0x1f, 0x77, 0xb4), Rgb(0x4a, 0xa3, 0xff)),
    (Rgb(0x2c, 0xa0, 0x2c), Rgb(0x3f, 0xbf, 0x4f)),
    (Rgb(0x00, 0x00, 0x00), Rgb(0xe6, 0xed, 0xf3)),
];

/// The colour a series drawn in `c` shows in dark mode.
pub fn dark_series(c: Rgb) -> Rgb {
    DARK_SERIES
        .iter()
        .find(|(light, _)| *light == c)
        .map_or(c, |(_, dark)| *dark)
}

/// The opening of a figure's or diagram's SVG: its [`svg_tag`], then a `<title>` and `<desc>`
/// whose ids carry the figure's id, so that several drawings inlined into one page never share
/// an id.
pub fn svg_open(class: &str, id: &str, size: (u32, u32), title: &str, description: &str) -> String {
    let mut open = svg_tag(class, id, size);
    let _ = write!(
        open,
        "<title id=\"figure-{id}-title\">{}</title>\n<desc id=\"figure-{id}-desc\">{}</desc>\n",
        escape(title),
        escape(description),
    );
    open
}

/// The `<svg …>` tag of a drawing of figure `id`: its class (`nn-chart` or `nn-diagram`, which
/// scopes its style), `role="img"`, named and described by the figure's `<title>` and `<desc>`
/// (which [`svg_open`] writes after it).
fn svg_tag(class: &str, id: &str, (width, height): (u32, u32)) -> String {
    format!(
        "<svg class=\"{class}\" role=\"img\" aria-labelledby=\"figure-{id}-title\" aria-describedby=\"figure-{id}-desc\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">\n"
    )
}

/// The ids a drawing with id `id` uses in a page (its figure, title and description): headings
/// must not take them.
pub fn page_ids(id: &str) -> [String; 3] {
    [
        format!("figure-{id}"),
        format!("figure-{id}-title"),
        format!("figure-{id}-desc"),
    ]
}

/// Replace the plain `<svg …>` opening plotters wrote on `canvas` with [`svg_open`]'s. (Its
/// colours in dark mode are the page's: `templates/style.css`, `.nn-chart`.) The column canvas
/// has the figure's title and description (`figure-<id>-title`); the phone canvas, shown
/// instead of it on narrow screens, is named and described by them (`aria-labelledby`), so a
/// page holds them once.
pub fn accessible(svg: &str, canvas: Canvas, id: &str, title: &str, description: &str) -> String {
    let Some(close) = svg.find('>') else {
        return svg.to_string();
    };
    let class = format!("nn-chart nn-{}", canvas.name);
    let size = (canvas.width, canvas.height);
    let open = if canvas == COLUMN {
        svg_open(&class, id, size, title, description)
    } else {
        svg_tag(&class, id, size)
    };
    // (The text style every text inherits, as plotters' opening had it.)
    let open = open.replacen(" xmlns=", &format!("{TEXT_DEFAULTS} xmlns="), 1);
    let rest = svg[close + 1..].trim_start_matches('\n');
    let mut out = String::with_capacity(open.len() + rest.len());
    out.push_str(&open);
    out.push_str(rest);
    out
}

/// Where `chart`'s values land on its drawing; `legend` is filled in once it is placed.
fn geometry<DB: DrawingBackend>(chart: &Chart2d<'_, DB>) -> ChartGeometry {
    // plotters maps values to the area's first to last pixel, y upwards.
    let (px, py) = chart.plotting_area().get_pixel_range();
    ChartGeometry {
        x_pixels: (px.start, px.end - 1),
        y_pixels: (py.end - 1, py.start),
        area: chart.plotting_area().dim_in_pixel(),
        legend: None,
        shift: 0,
    }
}

/// `title` in lines of at most `width` px as `style` draws it: broken after spaces and around
/// Chinese or Japanese characters, into as few lines as fit, as even as they can be (a line of
/// one word under a long one reads as a mistake); a word wider than a line has one of its own.
fn title_lines(title: &str, style: &TextStyle<'_>, width: f64) -> Vec<String> {
    // Measured at the size the browser draws it (`SIZE_IN_SVG` times smaller than plotters').
    let size = style.font.get_size() / SIZE_IN_SVG;
    let fits = |text: &str, width: f64| text_width(text, size, false) <= width;
    if fits(title, width) {
        return vec![title.trim_end().to_string()];
    }
    let pieces = break_pieces(title);
    let mut lines = fill(&pieces, |t| fits(t, width));
    // Narrower lines while the count stays: the same lines, evened out.
    let mut narrower = width;
    for _ in 0..16 {
        narrower *= 0.95;
        let evened = fill(&pieces, |t| fits(t, narrower));
        if evened.len() > lines.len() {
            break;
        }
        lines = evened;
    }
    lines
}

/// The pieces a line of `text` may end after: a word with the spaces after it, or one wide
/// (Chinese or Japanese) character.
fn break_pieces(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let next_starts_word = text[end..]
            .chars()
            .next()
            .is_some_and(|n| !n.is_whitespace());
        if is_wide(c) || (c.is_whitespace() && next_starts_word) {
            if is_wide(c) && start < i {
                pieces.push(&text[start..i]);
                start = i;
            }
            pieces.push(&text[start..end]);
            start = end;
        }
    }
    pieces.push(&text[start..]);
    pieces.retain(|p| !p.is_empty());
    pieces
}

/// `pieces` in lines, greedily: each line as long as `fits` allows (at least one piece).
fn fill(pieces: &[&str], fits: impl Fn(&str) -> bool) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for piece in pieces {
        let longer = format!("{line}{piece}");
        if line.trim().is_empty() || fits(longer.trim_end()) {
            line = longer;
        } else {
            lines.push(line.trim_end().to_string());
            line = piece.to_string();
        }
    }
    lines.push(line.trim_end().to_string());
    lines
}

/// Put `title` above the chart `builder` builds on `root`, and return the height it takes below
/// the top margin. A title wider than the canvas is broken into lines (plotters draws one,
/// centred, and cuts it at both ends): every line but the last drawn as plotters draws a
/// caption (`titled`), one under the other, and the last as the chart's caption below them.
fn put_title(
    builder: &mut ChartBuilder<'_, '_, SvgWriter<'_>>,
    root: &DrawingArea<SvgWriter<'_>, Shift>,
    title: &str,
) -> Result<i32, String> {
    let style = super::measure::caption_style();
    let width = f64::from(root.dim_in_pixel().0) - 24.0;
    let lines = title_lines(title, &style, width);
    let (last, above) = lines.split_last().expect("a title has a line");
    let mut area = root.margin(12, 12, 12, 12);
    for line in above {
        area = area
            .titled(line, style.clone())
            .map_err(|e| e.to_string())?;
    }
    let above_height = area.get_base_pixel().1 - root.get_base_pixel().1 - 12;
    if !above.is_empty() {
        builder.margin_top(12 + above_height);
    }
    // (What `titled` takes for the last: its height and a padding above and below.)
    let (_, h) = root
        .estimate_text_size(last, &style)
        .map_err(|e| e.to_string())?;
    builder.caption(last, style);
    Ok(above_height + (h + 2 * (h / 2).min(5)) as i32)
}

/// The axis titles `labels` (x, y) in lines that fit along their axes on a canvas of `size`
/// whose title takes `top` px: the x title across the plotting area, the y title up it. (The y
/// title's lines take room from the x axis, and the x title's from the y axis: the x title is
/// broken again once the y title's lines are known.)
fn axis_titles(labels: (&str, &str), (width, height): (u32, u32), top: i32) -> AxisTitles {
    let style = super::measure::with_mesh_styles(|m| m.x_title.clone());
    let (x, y) = (clean(labels.0), clean(labels.1));
    let mut titles = AxisTitles {
        x: vec![x.clone()],
        y: vec![y.clone()],
    };
    let across = |titles: &AxisTitles| f64::from(width) - 24.0 - f64::from(titles.areas().1);
    titles.x = title_lines(&x, &style, across(&titles));
    let up = f64::from(height) - 24.0 - f64::from(top) - f64::from(titles.areas().0);
    titles.y = title_lines(&y, &style, up);
    titles.x = title_lines(&x, &style, across(&titles));
    titles
}

/// What every chart is drawn on: the white ground, the margins and label areas, the title (if
/// any), and the axes over `xs` and `ys` with the mesh at up to six round values each way, their
/// tick labels and the axis titles `labels` (x, y).
pub fn axes<'a, 'w>(
    root: &'a DrawingArea<SvgWriter<'w>, Shift>,
    title: &str,
    labels: (&str, &str),
    xs: (f64, f64),
    ys: (f64, f64),
) -> Result<(Chart2d<'a, SvgWriter<'w>>, ChartGeometry), String> {
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let mut builder = ChartBuilder::on(root);
    builder.margin(12);
    let (width, height) = root.dim_in_pixel();
    let top = if title.is_empty() {
        0
    } else {
        put_title(&mut builder, root, &clean(title))?
    };
    let y = y_ticks(ys);
    let titles = axis_titles(labels, (width, height), top);
    let shift = y_label_shift(&y.1);
    let areas = (titles.areas().0, titles.areas().1 + shift);
    builder
        .x_label_area_size(areas.0)
        .y_label_area_size(areas.1);
    let chart = builder
        .build_cartesian_2d(xs.0..xs.1, ys.0..ys.1)
        .map_err(|e| e.to_string())?;
    // The axis titles, mesh, axes and tick labels, as plotters' `configure_mesh` would draw
    // them, without its per-label work (super::mesh).
    let mesh = Mesh::of(&chart, (titles, areas), width, y);
    root.draw(&mesh).map_err(|e| e.to_string())?;
    let geometry = ChartGeometry {
        shift,
        ..geometry(&chart)
    };
    Ok((chart, geometry))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text's width is DejaVu Sans's as a browser draws it at that size: Chromium measured
    /// these texts in DejaVu Sans (`measureText`) at 172.5, 78.5 and 54.7 px; in Liberation
    /// Sans, its default sans-serif here, at 160.2, 68.6 and 50.0. (The font's height, not its
    /// em, was taken for the size: 148, 67 and 46.)
    #[test]
    fn text_is_as_wide_as_dejavu_sans_draws_it() {
        for (text, size, browser) in [
            ("Final ReLU Output", 19.35, 172.5),
            ("0.5000001", 14.52, 78.5),
            ("Dosage", 14.52, 54.7),
        ] {
            let width = text_width(text, size, false);
            assert!(
                (width - browser).abs() <= 1.5,
                "{text}: {width}, not {browser}"
            );
        }
    }

    /// Wide y tick labels move the plotting area right, clear of the turned y title. Over
    /// −0.02625 to 0.00125 the labels are "−0.025" to "0" (the widest 1716 + 4 · 1303 + 651 =
    /// 7579 units of 2048 at 14.52 px, 53.7 px): the area moves 21 px, on both canvases, the
    /// title stays at the margin, and every label starts 3 px or more right of its 16 px.
    #[test]
    fn wide_y_labels_keep_clear_of_the_y_title() {
        super::super::measure::register_font();
        for canvas in [COLUMN, PHONE] {
            let mut svg = String::new();
            let root = SvgWriter::new(&mut svg, (canvas.width, canvas.height)).into_drawing_area();
            let ys = (-0.02625, 0.00125);
            let (_, g) = axes(&root, "", ("Dosage", "Value"), (0.0, 1.0), ys).unwrap();
            root.present().unwrap();
            drop(root);
            assert_eq!((g.shift, g.x_pixels.0), (21, 12 + 62 + 21));
            assert!(svg.contains("transform=\"rotate(270, 12, "), "{svg}");
            let labels: Vec<(f64, &str)> = svg
                .split("<text x=\"")
                .skip(1)
                .filter(|t| t.contains("text-anchor=\"end\""))
                .map(|t| {
                    let x = t[..t.find('"').unwrap()].parse().unwrap();
                    (x, &t[t.find('>').unwrap() + 1..t.find('<').unwrap()])
                })
                .collect();
            assert_eq!(labels.len(), 6, "{svg}");
            for (x, label) in labels {
                let start = x - text_width(label, 14.52, false);
                assert!(start >= 12.0 + 16.0 + 3.0, "{label} starts at {start}");
            }
        }
    }

    /// The dark series colours diagrams use are the ones the figures' dark style gives.
    #[test]
    fn dark_series_colours_are_the_dark_style_s() {
        const DARK_STYLE: &str = include_str!("../../templates/style.css");
        for (light, dark) in DARK_SERIES {
            // (A line, and the points a training figure fills in its colour.)
            for paint in ["stroke", "fill"] {
                let rule = format!(
                    "[{paint}=\"{}\"] {{ {paint}: {dark}; }}",
                    super::super::hex((light.0, light.1, light.2))
                );
                assert!(DARK_STYLE.contains(&rule), "{rule}");
            }
        }
    }
}
