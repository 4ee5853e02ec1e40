//! Text measuring for charts, done once per text: plotters measures a label each time it lays
//! one out (the title, every legend), with the font's glyph and kerning tables, and makes a
//! new font object (a copy of those tables) for every text style it is given. The same few
//! labels come back in every chart of a build, so their layout boxes are kept per thread, and
//! the chart's text styles are made once per thread and copied.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Once;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{BackendTextStyle, FontStyle};

pub use crate::text::is_wide;

/// The font figure text is laid out with (the page's text is drawn by the reader's browser).
static FONT: &[u8] = include_bytes!("../font/DejaVuSans.ttf");
static REGISTER_FONT: Once = Once::new();

/// DejaVu Sans's height (ascent plus descent, 1901 + 483 of its 2048 units) in ems. plotters
/// (through ab_glyph) sizes a font by that height, a browser by its em: a text plotters
/// measures at size `s` is drawn this many times wider by a browser at `font-size: s` in
/// DejaVu Sans, the widest of the common sans-serif fonts (Liberation Sans and Arial draw
/// "Final ReLU Output" at 19.35 px 160 px wide, DejaVu Sans 172.5, plotters measured 148).
pub const FONT_HEIGHT_EMS: f64 = 2384.0 / 2048.0;

/// The legend's text size (plotters' size; the SVG says `size / 1.24`).
pub const LEGEND_SIZE: u32 = 18;

/// Register the embedded font with plotters as its `sans-serif` (once).
pub fn register_font() {
    REGISTER_FONT.call_once(|| {
        // The font is embedded and known to be valid; a failure would show as a drawing error.
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, FONT);
    });
}

/// A text's layout box as plotters' font gives it: ((left, top), (right, bottom)).
pub type LayoutBox = ((i32, i32), (i32, i32));

/// Texts measured in one style: the style (family, font style, size's bits) and the boxes.
type Measured = ((String, &'static str, u64), HashMap<String, LayoutBox>);

/// Beyond this many texts in one style, the kept boxes are dropped (a long-running server sees
/// ever new texts; a build of a thousand lessons keeps a few thousand).
const MAX_KEPT: usize = 50_000;

thread_local! {
    static MEASURED: RefCell<Vec<Measured>> = const { RefCell::new(Vec::new()) };
    static STYLES: Styles = Styles::new();
}

/// The family the axes, tick labels and title are given. plotters has no font by this name, so
/// their text styles carry no copy of the font's tables (plotters copies a label's style, and
/// with it the font's glyph and kerning tables, several times for every label it places); the
/// SVG writer measures them ([`layout_box`]) and writes them ([`written_family`]) as
/// `sans-serif`.
pub const AXES_FAMILY: &str = "nnbook-axes-sans-serif";

/// The family a text of `family` is measured and written in.
pub fn written_family(family: &str) -> &str {
    if family == AXES_FAMILY {
        "sans-serif"
    } else {
        family
    }
}

/// A font error, as the drawing backend reports it.
type FontError = Box<dyn std::error::Error + Send + Sync>;

/// `style.layout_box(text)` (for [`AXES_FAMILY`], in `sans-serif`), each text measured once per
/// style and thread.
pub fn layout_box<S: BackendTextStyle>(style: &S, text: &str) -> Result<LayoutBox, FontError> {
    let family = style.family();
    let family = written_family(family.as_str());
    // (plotters' font style names; `as_str` borrows the style.)
    let font_style = match style.style() {
        FontStyle::Normal => "normal",
        FontStyle::Oblique => "oblique",
        FontStyle::Italic => "italic",
        FontStyle::Bold => "bold",
    };
    let size = style.size();
    let this_style =
        |((f, s, bits), _): &&Measured| f == family && *s == font_style && *bits == size.to_bits();
    let known = MEASURED.with(|m| {
        m.borrow()
            .iter()
            .find(this_style)
            .and_then(|(_, boxes)| boxes.get(text).copied())
    });
    if let Some(layout) = known {
        return Ok(layout);
    }
    let layout = if family == style.family().as_str() {
        style.layout_box(text)?
    } else {
        let font = FontDesc::new(FontFamily::SansSerif, size, style.style());
        font.layout_box(text)?
    };
    MEASURED.with(|m| {
        let mut m = m.borrow_mut();
        let at = m
            .iter()
            .position(|entry| this_style(&entry))
            .unwrap_or_else(|| {
                m.push((
                    (family.to_string(), font_style, size.to_bits()),
                    HashMap::new(),
                ));
                m.len() - 1
            });
        let boxes = &mut m[at].1;
        if boxes.len() >= MAX_KEPT {
            boxes.clear();
        }
        boxes.insert(text.to_string(), layout);
    });
    Ok(layout)
}

/// The text styles every chart uses, made once per thread (after the font is registered).
struct Styles {
    caption: TextStyle<'static>,
    legend: TextStyle<'static>,
    legend_text: TextStyle<'static>,
    mesh: MeshStyles,
}

/// The styles of a chart's mesh (super::mesh), each placed as plotters places it.
pub struct MeshStyles {
    /// The x axis title (centred, bottom) and the y axis title (turned, centred, top).
    pub x_title: TextStyle<'static>,
    pub y_title: TextStyle<'static>,
    /// The x tick labels (centred, top) and the y ones (right, middle).
    pub x_label: TextStyle<'static>,
    pub y_label: TextStyle<'static>,
}

impl Styles {
    fn new() -> Styles {
        register_font();
        let axes =
            |size: f64| FontDesc::new(FontFamily::Name(AXES_FAMILY), size, FontStyle::Normal);
        let label: TextStyle<'static> = axes(18.0).into();
        let axis: TextStyle<'static> = axes(19.0).into();
        let mesh = MeshStyles {
            x_title: axis.pos(Pos::new(HPos::Center, VPos::Bottom)),
            y_title: axis
                .transform(FontTransform::Rotate270)
                .pos(Pos::new(HPos::Center, VPos::Top)),
            x_label: label.pos(Pos::new(HPos::Center, VPos::Top)),
            y_label: label.pos(Pos::new(HPos::Right, VPos::Center)),
        };
        Styles {
            caption: axes(24.0).into(),
            legend: ("sans-serif", LEGEND_SIZE).into(),
            legend_text: axes(f64::from(LEGEND_SIZE)).into(),
            mesh,
        }
    }
}

/// The chart title's style (24 px).
pub fn caption_style() -> TextStyle<'static> {
    STYLES.with(|s| s.caption.clone())
}

/// The legend labels' style for drawing ([`LEGEND_SIZE`], in [`AXES_FAMILY`]).
pub fn legend_text_style() -> TextStyle<'static> {
    STYLES.with(|s| s.legend_text.clone())
}

/// Run `f` with the mesh's styles, without copying them.
pub fn with_mesh_styles<T>(f: impl FnOnce(&MeshStyles) -> T) -> T {
    STYLES.with(|s| f(&s.mesh))
}

/// Run `f` with the legend's style, without copying it.
pub fn with_legend_style<T>(f: impl FnOnce(&TextStyle<'static>) -> T) -> T {
    STYLES.with(|s| f(&s.legend))
}

/// How wide `text` is drawn at `size` px in the embedded DejaVu Sans (bold about a tenth wider),
/// about the widest sans-serif a reader's browser picks; East Asian characters, which it has no
/// glyphs for, 1 em each.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    // Remembered per thread: a lesson's axis titles and labels come back chart after chart, and
    // a measure makes a font and lays the text out (a tenth of a build's instructions when
    // each was measured anew). Bounded: emptied at 4,096 texts.
    thread_local! {
        static MEASURED: std::cell::RefCell<std::collections::HashMap<(String, u64, bool), f64>> =
            std::cell::RefCell::default();
    }
    let key = (text.to_string(), size.to_bits(), bold);
    if let Some(width) = MEASURED.with(|m| m.borrow().get(&key).copied()) {
        return width;
    }
    let width = measured_width(text, size, bold);
    MEASURED.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= 4096 {
            m.clear();
        }
        m.insert(key, width);
    });
    width
}

/// [`text_width`], measured.
fn measured_width(text: &str, size: f64, bold: bool) -> f64 {
    register_font();
    let narrow: String = text.chars().filter(|c| !is_wide(*c)).collect();
    let wide = text.chars().count() - narrow.chars().count();
    let drawn = ("sans-serif", size)
        .into_font()
        .box_size(&narrow)
        .map_or(0.6 * size * narrow.chars().count() as f64, |(w, _)| {
            f64::from(w)
        });
    drawn * FONT_HEIGHT_EMS * if bold { 1.1 } else { 1.0 } + size * wide as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A kept box is the one the embedded font gives, in every style the charts use.
    #[test]
    fn kept_boxes_are_the_fonts() {
        let legend = with_legend_style(TextStyle::clone);
        let (label, axis) = with_mesh_styles(|m| (m.x_label.clone(), m.x_title.clone()));
        let styles = [caption_style(), label, axis, legend];
        for (style, size) in styles.iter().zip([24, 18, 19, LEGEND_SIZE]) {
            let font: TextStyle = ("sans-serif", size).into();
            for text in ["0.5", "−1", "x", "ReLU(x) = max(0, x)", "输入", ""] {
                let fresh = font.layout_box(text).unwrap();
                assert_eq!(layout_box(style, text).unwrap(), fresh);
                assert_eq!(layout_box(style, text).unwrap(), fresh);
            }
        }
    }

    /// The axes' styles carry no font of their own, and are written as `sans-serif`.
    #[test]
    fn axes_styles_are_written_as_sans_serif() {
        let mesh = with_mesh_styles(|m| {
            [&m.x_title, &m.y_title, &m.x_label, &m.y_label].map(TextStyle::clone)
        });
        for style in [caption_style(), legend_text_style()]
            .into_iter()
            .chain(mesh)
        {
            assert!(style.font.layout_box("x").is_err());
            assert_eq!(written_family(style.font.get_name()), "sans-serif");
        }
    }
}
