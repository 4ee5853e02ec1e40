//! A plotters drawing backend that writes SVG text: what plotters' own `SVGBackend` writes for
//! the same drawing, less what only repeats SVG's defaults (`opacity="1"`, `stroke-width="1"`,
//! a text's black `fill`) and with font sizes to two decimals, and without its per-attribute
//! allocations (it formats every number and colour into a new `String`; here everything goes
//! straight into the output). Each chart is drawn on two canvases and inlined into its page, so
//! the bytes count; and figures spend most of their time in the backend, so this is where it
//! pays to be lean. One element plotters has no call for: a run of straight segments as one
//! `<path>` ([`SvgWriter::segments`], for the mesh). The page's script writes the same
//! (`templates/explore.js`).

use std::fmt::Write as _;

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle, FontTransform,
};

use crate::text::push_number;

use super::measure::{layout_box, written_family};

/// A text style's size over the size the SVG gives it, as plotters writes it: the browser draws
/// a text `SIZE_IN_SVG` times narrower than plotters measures it.
pub const SIZE_IN_SVG: f64 = 1.24;
/// The text style every text of a drawing inherits from its `<svg>` element (a text with
/// another family, size or anchor says so): the tick labels' and legends' (plotters' 18, written
/// `18 / 1.24`), centred on its point as most of a chart's texts are.
pub const TEXT_DEFAULTS: &str =
    " font-family=\"sans-serif\" font-size=\"14.52\" text-anchor=\"middle\"";
const DEFAULT_FAMILY: &str = "sans-serif";
const DEFAULT_SIZE: f64 = 14.52;

/// Writes an SVG document into a `String`.
pub struct SvgWriter<'a> {
    out: &'a mut String,
    size: (u32, u32),
    closed: bool,
}

impl<'a> SvgWriter<'a> {
    /// Start an SVG document of `size` pixels in `out`.
    pub fn new(out: &'a mut String, size: (u32, u32)) -> SvgWriter<'a> {
        let _ = writeln!(
            out,
            "<svg width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\"{TEXT_DEFAULTS} xmlns=\"http://www.w3.org/2000/svg\">",
            size.0, size.1
        );
        SvgWriter {
            out,
            size,
            closed: false,
        }
    }

    fn int(&mut self, v: impl itoa::Integer) {
        self.out.push_str(itoa::Buffer::new().format(v));
    }

    /// ` name="value"` with an integer value.
    fn attr_int(&mut self, name: &str, v: impl itoa::Integer) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        self.int(v);
        self.out.push('"');
    }

    /// ` name="value"` with a text value, escaped.
    fn attr(&mut self, name: &str, value: &str) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        escape_into(self.out, value);
        self.out.push('"');
    }

    /// ` opacity="…"`, unless it is 1 (SVG's default).
    fn opacity(&mut self, color: BackendColor) {
        if color.alpha == 1.0 {
            return;
        }
        self.out.push_str(" opacity=\"");
        push_number(self.out, color.alpha);
        self.out.push('"');
    }

    /// ` name="#RRGGBB"` ([`push_hex`]).
    fn color(&mut self, name: &str, color: BackendColor) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        push_hex(self.out, color.rgb);
        self.out.push('"');
    }

    /// ` stroke-width="…"`, unless it is 1 (SVG's default).
    fn stroke_width(&mut self, width: u32) {
        if width != 1 {
            self.attr_int("stroke-width", width);
        }
    }

    fn points(&mut self, path: impl IntoIterator<Item = BackendCoord>) {
        self.out.push_str(" points=\"");
        for (x, y) in path {
            self.int(x);
            self.out.push(',');
            self.int(y);
            self.out.push(' ');
        }
        self.out.push('"');
    }
}

impl SvgWriter<'_> {
    /// `<path stroke="#RRGGBB" d="…"/>`: straight segments of one colour in one element (the
    /// mesh and the axes, super::mesh); nothing for no segments. (Without `fill="none"`: lines
    /// enclose nothing to fill.)
    pub fn segments(&mut self, stroke: (u8, u8, u8), d: &str) {
        if d.is_empty() {
            return;
        }
        self.out.push_str("<path");
        self.color(
            "stroke",
            BackendColor {
                alpha: 1.0,
                rgb: stroke,
            },
        );
        self.attr("d", d);
        self.out.push_str("/>\n");
    }
}

/// A colour as the drawings write it: `#RRGGBB` in capitals, or `#RGB` where each channel's two
/// digits are alike (`#FFF`, `#555`). The page's dark style picks colours by these words
/// (`templates/style.css`, `.nn-chart`), and the page's script writes a series' colour as the
/// model gives it (`src/explore.rs`).
pub fn push_hex(out: &mut String, (r, g, b): (u8, u8, u8)) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('#');
    let short = [r, g, b].iter().all(|c| c >> 4 == c & 15);
    for c in [r, g, b] {
        if !short {
            out.push(HEX[usize::from(c >> 4)] as char);
        }
        out.push(HEX[usize::from(c & 15)] as char);
    }
}

/// [`push_hex`] as a `String`.
pub fn hex(rgb: (u8, u8, u8)) -> String {
    let mut out = String::with_capacity(7);
    push_hex(&mut out, rgb);
    out
}

/// Where a text's baseline is below the point plotters places it at, in ems of its size, by
/// how it is anchored: at its top, its middle or its bottom. plotters' SVG writes these as a
/// `dy` of 0.76em, 0.5ex and −0.5ex; here the offset goes into the text's `y`, rounded to the
/// pixel, with an ex taken as 0.53em (the x-height of the common sans-serif fonts is 0.52 to
/// 0.55em). The page's script places y tick labels alike (`templates/explore.js`,
/// `drawMiddle`).
pub fn baseline_offset(v: VPos) -> f64 {
    match v {
        VPos::Top => 0.76,
        VPos::Center => 0.265,
        VPos::Bottom => -0.265,
    }
}

/// XML-escape `value` the way plotters' SVG backend does.
fn escape_into(out: &mut String, value: &str) {
    let mut rest = value;
    while let Some(i) = rest.find(['<', '>', '&', '"', '\'']) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'&' => "&amp;",
            b'"' => "&quot;",
            _ => "&apos;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

impl DrawingBackend for SvgWriter<'_> {
    type ErrorType = std::io::Error;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }

    /// As plotters' default does, but each text measured once per style ([`layout_box`]).
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        let ((x0, y0), (x1, y1)) = layout_box(style, text).map_err(DrawingErrorKind::FontError)?;
        Ok(((x1 - x0) as u32, (y1 - y0) as u32))
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if !self.closed {
            self.out.push_str("</svg>\n");
            self.closed = true;
        }
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        (x, y): BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.out.push_str("<rect");
        self.attr_int("x", x);
        self.attr_int("y", y);
        self.out.push_str(" width=\"1\" height=\"1\"");
        self.opacity(color);
        self.color("fill", color);
        self.out.push_str("/>\n");
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.out.push_str("<line");
        self.opacity(color);
        self.color("stroke", color);
        self.stroke_width(style.stroke_width());
        self.attr_int("x1", from.0);
        self.attr_int("y1", from.1);
        self.attr_int("x2", to.0);
        self.attr_int("y2", to.1);
        self.out.push_str("/>\n");
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.out.push_str("<rect");
        // (0 is SVG's default for both, as `none` is a rect's and a circle's stroke.)
        if upper_left.0 != 0 {
            self.attr_int("x", upper_left.0);
        }
        if upper_left.1 != 0 {
            self.attr_int("y", upper_left.1);
        }
        self.attr_int("width", bottom_right.0 - upper_left.0);
        self.attr_int("height", bottom_right.1 - upper_left.1);
        self.opacity(color);
        if fill {
            self.color("fill", color);
        } else {
            self.out.push_str(" fill=\"none\"");
            self.color("stroke", color);
        }
        self.out.push_str("/>\n");
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.out.push_str("<polyline fill=\"none\"");
        self.opacity(color);
        self.color("stroke", color);
        self.stroke_width(style.stroke_width());
        self.points(path);
        self.out.push_str("/>\n");
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.out.push_str("<polygon");
        self.opacity(color);
        self.color("fill", color);
        self.points(path);
        self.out.push_str("/>\n");
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.out.push_str("<circle");
        self.attr_int("cx", center.0);
        self.attr_int("cy", center.1);
        self.attr_int("r", radius);
        self.opacity(color);
        if fill {
            self.color("fill", color);
        } else {
            self.out.push_str(" fill=\"none\"");
            self.color("stroke", color);
        }
        self.stroke_width(style.stroke_width());
        self.out.push_str("/>\n");
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        (x, y): BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let anchor = style.anchor();
        let size = (style.size() / SIZE_IN_SVG * 100.0).round() / 100.0;
        self.out.push_str("<text");
        self.attr_int("x", x);
        // (Rounded to an integer, so within i32.)
        let baseline = (f64::from(y) + baseline_offset(anchor.v_pos) * size).round() as i32;
        self.attr_int("y", baseline);
        self.out.push_str(match anchor.h_pos {
            HPos::Left => " text-anchor=\"start\"",
            HPos::Right => " text-anchor=\"end\"",
            HPos::Center => "",
        });
        let family = style.family();
        let family = written_family(family.as_str());
        if family != DEFAULT_FAMILY {
            self.attr("font-family", family);
        }
        if size != DEFAULT_SIZE {
            self.out.push_str(" font-size=\"");
            push_number(self.out, size);
            self.out.push('"');
        }
        self.opacity(color);
        if (color.rgb, color.alpha) != ((0, 0, 0), 1.0) {
            self.color("fill", color);
        }
        match style.style() {
            FontStyle::Normal => {}
            FontStyle::Bold => self.out.push_str(" font-weight=\"bold\""),
            other => self.attr("font-style", other.as_str()),
        }
        let degrees = match style.transform() {
            FontTransform::Rotate90 => Some(90),
            FontTransform::Rotate180 => Some(180),
            FontTransform::Rotate270 => Some(270),
            _ => None,
        };
        if let Some(degrees) = degrees {
            self.out.push_str(" transform=\"rotate(");
            self.int(degrees);
            self.out.push_str(", ");
            self.int(x);
            self.out.push_str(", ");
            self.int(y);
            self.out.push_str(")\"");
        }
        self.out.push('>');
        escape_into(self.out, text);
        self.out.push_str("</text>\n");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use plotters::prelude::*;
    use plotters::style::text_anchor::{HPos, Pos, VPos};

    use super::SvgWriter;

    /// Every primitive plotters can ask of a backend, drawn on `root`.
    fn scene<DB: DrawingBackend>(root: DrawingArea<DB, plotters::coord::Shift>) {
        root.fill(&WHITE).unwrap();
        let half = RGBColor(0x1f, 0x77, 0xb4).mix(0.5);
        root.draw(&Pixel::new((3, 4), RED)).unwrap();
        root.draw(&PathElement::new(
            vec![(0, 0), (10, 20)],
            BLACK.stroke_width(2),
        ))
        .unwrap();
        root.draw(&PathElement::new(
            vec![(0, 0), (10, 20), (-5, 7), (30, 1)],
            half.stroke_width(3),
        ))
        .unwrap();
        root.draw(&Rectangle::new([(5, 6), (40, 30)], GREEN.filled()))
            .unwrap();
        root.draw(&Rectangle::new([(5, 6), (40, 30)], half))
            .unwrap();
        root.draw(&Polygon::new(
            vec![(1, 1), (20, 3), (9, 17)],
            BLUE.mix(0.25),
        ))
        .unwrap();
        root.draw(&Circle::new((50, 60), 5, RED.filled())).unwrap();
        root.draw(&Circle::new((50, 60), 7, BLACK.stroke_width(2)))
            .unwrap();
        root.draw(&Circle::new((50, 60), 7, TRANSPARENT)).unwrap();
        for (i, transform) in [
            FontTransform::None,
            FontTransform::Rotate90,
            FontTransform::Rotate180,
            FontTransform::Rotate270,
        ]
        .into_iter()
        .enumerate()
        {
            for (j, (h, v)) in [
                (HPos::Left, VPos::Top),
                (HPos::Center, VPos::Center),
                (HPos::Right, VPos::Bottom),
            ]
            .into_iter()
            .enumerate()
            {
                let style = TextStyle::from(("sans-serif", 18 + i as u32).into_font())
                    .transform(transform.clone())
                    .pos(Pos::new(h, v))
                    .color(&half);
                root.draw(&Text::new(
                    "a<b & \"c\" 'd' > e, ÷ 中",
                    (10 * i as i32, 30 * j as i32),
                    style,
                ))
                .unwrap();
            }
        }
        let bold = TextStyle::from(("serif", 17, FontStyle::Bold).into_font());
        root.draw(&Text::new("bold", (1, 2), bold)).unwrap();
        let italic = TextStyle::from(("monospace", 13.5, FontStyle::Italic).into_font());
        root.draw(&Text::new("italic", (1, 2), italic)).unwrap();
        root.present().unwrap();
    }

    /// plotters' SVG less SVG's defaults and the text style its `<svg>` element gives, its font
    /// sizes to two decimals, texts on one line.
    fn without_defaults(svg: &str) -> String {
        let svg = svg.replacen(" xmlns=", &format!("{} xmlns=", super::TEXT_DEFAULTS), 1);
        // A text's element, content and end on one line.
        let mut lines: Vec<String> = Vec::new();
        let mut text = false;
        for line in svg.lines() {
            match lines.last_mut() {
                Some(last) if text => last.push_str(line),
                _ => lines.push(line.to_string()),
            }
            text = lines
                .last()
                .is_some_and(|l| l.starts_with("<text") && !l.ends_with("</text>"));
        }
        let mut out = String::new();
        for line in &lines {
            let mut line = line
                .replace(" opacity=\"1\"", "")
                .replace(" stroke-width=\"1\"", "");
            if line.starts_with("<text") {
                line = line.replace(" fill=\"#000000\"", "");
            }
            if let Some(at) = line.find(" font-size=\"") {
                let rest = &line[at + 12..];
                let end = rest.find('"').unwrap();
                let size: f64 = rest[..end].parse().unwrap();
                let rounded = ((size * 100.0).round() / 100.0).to_string();
                line = format!("{}{rounded}{}", &line[..at + 12], &rest[end..]);
            }
            if line.starts_with("<text") {
                line = baseline_in_y(&line)
                    .replace(" font-family=\"sans-serif\"", "")
                    .replace(" font-size=\"14.52\"", "")
                    .replace(" text-anchor=\"middle\"", "");
            } else {
                line = line
                    .replace(" stroke=\"none\"", "")
                    .replace("<rect x=\"0\" y=\"0\"", "<rect");
            }
            out.push_str(&short_colours(&line));
            out.push('\n');
        }
        out
    }

    /// The value of attribute `name` in `element`, and where it starts.
    fn attr_at(element: &str, name: &str) -> (usize, String) {
        let from = element.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
        let len = element[from..].find('"').unwrap();
        (from, element[from..from + len].to_string())
    }

    /// A text's `dy` (plotters': 0.76em, 0.5ex or -0.5ex) added to its `y`, at an ex of 0.53em.
    fn baseline_in_y(text: &str) -> String {
        let size: f64 = text
            .find(" font-size=\"")
            .map_or(14.52, |_| attr_at(text, "font-size").1.parse().unwrap());
        let (_, dy) = attr_at(text, "dy");
        let ems = match dy.as_str() {
            "0.76em" => 0.76,
            "0.5ex" => 0.5 * 0.53,
            "-0.5ex" => -0.5 * 0.53,
            other => panic!("{other}"),
        };
        let text = text.replace(&format!(" dy=\"{dy}\""), "");
        let (at, y) = attr_at(&text, "y");
        let y = (y.parse::<f64>().unwrap() + ems * size).round();
        format!(
            "{}{y}{}",
            &text[..at],
            &text[at + text[at..].find('"').unwrap()..]
        )
    }

    /// `#RRGGBB` as `#RGB` where each channel's two digits are alike.
    fn short_colours(line: &str) -> String {
        let (mut out, mut rest) = (String::new(), line);
        while let Some(at) = rest.find("=\"#") {
            let b = &rest.as_bytes()[at + 3..at + 9];
            let short = b[0] == b[1] && b[2] == b[3] && b[4] == b[5];
            out.push_str(&rest[..at + 3]);
            out.push_str(&if short {
                [0, 2, 4].map(|i| b[i] as char).iter().collect()
            } else {
                rest[at + 3..at + 9].to_string()
            });
            rest = &rest[at + 9..];
        }
        out + rest
    }

    #[test]
    fn colours_are_short_where_their_digits_pair() {
        assert_eq!(super::hex((0xff, 0xff, 0xff)), "#FFF");
        assert_eq!(super::hex((0x55, 0x55, 0x55)), "#555");
        assert_eq!(super::hex((0x11, 0x22, 0x33)), "#123");
        assert_eq!(super::hex((0x1f, 0x77, 0xb4)), "#1F77B4");
        assert_eq!(super::hex((0x10, 0x00, 0x00)), "#100000");
    }

    #[test]
    fn writes_what_plotters_svg_backend_writes_less_the_defaults() {
        let mut ours = String::new();
        scene(SvgWriter::new(&mut ours, (480, 320)).into_drawing_area());
        let mut theirs = String::new();
        scene(SVGBackend::with_string(&mut theirs, (480, 320)).into_drawing_area());
        assert!(ours.contains("<polygon") && ours.contains("rotate(270"));
        assert!(theirs.contains(" opacity=\"1\"") && !ours.contains(" opacity=\"1\""));
        assert_eq!(ours, without_defaults(&theirs));
    }
}
