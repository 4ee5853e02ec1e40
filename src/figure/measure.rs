//! Text measuring for charts, done once per text: plotters measures a label each time it lays
//! one out (the title, every legend), with the font's glyph and kerning tables, and makes a
//! new font object (a copy of those tables) for every text style it is given. The same few
//! labels come back in every chart of a build, so their layout boxes are kept per thread, and
//! the chart's text styles are made once per thread and copied.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Once;

use plotters::prelude::*;
use plotters_backend::{BackendTextStyle, FontStyle};

/// The font figure text is laid out with (the page's text is drawn by the reader's browser).
static FONT: &[u8] = include_bytes!("../font/DejaVuSans.ttf");
static REGISTER_FONT: Once = Once::new();

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
    label: TextStyle<'static>,
    axis: TextStyle<'static>,
    legend: TextStyle<'static>,
    legend_text: TextStyle<'static>,
}

impl Styles {
    fn new() -> Styles {
        register_font();
        let axes =
            |size: f64| FontDesc::new(FontFamily::Name(AXES_FAMILY), size, FontStyle::Normal);
        Styles {
            caption: axes(24.0).into(),
            label: axes(18.0).into(),
            axis: axes(19.0).into(),
            legend: ("sans-serif", LEGEND_SIZE).into(),
            legend_text: axes(f64::from(LEGEND_SIZE)).into(),
        }
    }
}

/// The chart title's style (24 px).
pub fn caption_style() -> TextStyle<'static> {
    STYLES.with(|s| s.caption.clone())
}

/// The tick labels' style (18 px).
pub fn label_style() -> TextStyle<'static> {
    STYLES.with(|s| s.label.clone())
}

/// The axis titles' style (19 px).
pub fn axis_style() -> TextStyle<'static> {
    STYLES.with(|s| s.axis.clone())
}

/// The legend labels' style for drawing ([`LEGEND_SIZE`], in [`AXES_FAMILY`]).
pub fn legend_text_style() -> TextStyle<'static> {
    STYLES.with(|s| s.legend_text.clone())
}

/// Run `f` with the legend's style, without copying it.
pub fn with_legend_style<T>(f: impl FnOnce(&TextStyle<'static>) -> T) -> T {
    STYLES.with(|s| f(&s.legend))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A kept box is the one the embedded font gives, in every style the charts use.
    #[test]
    fn kept_boxes_are_the_fonts() {
        let legend = with_legend_style(TextStyle::clone);
        let styles = [caption_style(), label_style(), axis_style(), legend];
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
        for style in [
            caption_style(),
            label_style(),
            axis_style(),
            legend_text_style(),
        ] {
            assert!(style.font.layout_box("x").is_err());
            assert_eq!(written_family(style.font.get_name()), "sans-serif");
        }
    }
}
