//! The diagram's colours, light and dark: the theme's, and for a highlighted path the colour its
//! figures draw it in, with its text shade made readable (WCAG AA, 4.5:1) on the diagram's
//! background in both schemes.

use std::fmt::Write as _;

use crate::figure::dark_series;
use crate::lesson::Rgb;

/// The diagram's background, light and dark (the page's).
pub const LIGHT_BG: Rgb = Rgb(0xff, 0xff, 0xff);
pub const DARK_BG: Rgb = Rgb(0x0d, 0x11, 0x17);
/// Text, and the text of the parts not highlighted, light and dark: all at least 4.5:1.
const LIGHT_TEXT: Rgb = Rgb(0x1f, 0x23, 0x28);
const LIGHT_DIM_TEXT: Rgb = Rgb(0x57, 0x60, 0x6a);
const DARK_TEXT: Rgb = Rgb(0xe6, 0xed, 0xf3);
const DARK_DIM_TEXT: Rgb = Rgb(0x8b, 0x94, 0x9e);
/// The smallest contrast of text with its background (WCAG 2 AA, normal text).
pub const AA_TEXT: f64 = 4.5;

/// The class of a part highlighted in colour `c`.
pub fn class(c: Rgb) -> String {
    format!("p-{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// A highlighted path's shades in one scheme: its edges and ring (the figures' colour), the
/// node's fill, and its text and glyph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shades {
    pub stroke: Rgb,
    pub fill: Rgb,
    pub text: Rgb,
}

/// The shades of a path drawn in `c` by the figures, on the light (`dark` false) or dark scheme.
pub fn shades(c: Rgb, dark: bool) -> Shades {
    let (stroke, bg, toward) = if dark {
        (dark_series(c), DARK_BG, Rgb(0xff, 0xff, 0xff))
    } else {
        (c, LIGHT_BG, Rgb(0, 0, 0))
    };
    let fill = mix(stroke, bg, if dark { 0.75 } else { 0.88 });
    // The text is on the background (names, biases, weight labels) and the glyph on the fill:
    // the path's colour, moved toward black (light) or white (dark) until both read.
    let text = (0..=20)
        .map(|i| mix(stroke, toward, f64::from(i) / 20.0))
        .find(|t| t.contrast(bg) >= AA_TEXT && t.contrast(fill) >= AA_TEXT)
        .unwrap_or(toward);
    Shades { stroke, fill, text }
}

/// `a` moved a fraction `t` of the way to `b`, channel by channel.
fn mix(a: Rgb, b: Rgb, t: f64) -> Rgb {
    let m = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    Rgb(m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// The stylesheet every diagram shares, its text `font` px: the theme's colours, light and
/// dark. A page writes it once, in its first diagram; a diagram shown on its own (a notebook's
/// output) carries it. Every rule is scoped to `.nn-diagram`: diagrams are inlined into the
/// page, where an unscoped rule would reach every SVG of it.
pub fn shared_style(font: f64) -> String {
    format!(
        "<style>.nn-diagram .bg{{fill:{LIGHT_BG}}}.nn-diagram .edge{{stroke:#8c959f;stroke-width:1.5}}\
.nn-diagram .node{{fill:#f6f8fa;stroke:#57606a;stroke-width:1.5}}\
.nn-diagram .glyph{{fill:none;stroke:{LIGHT_TEXT};stroke-width:2}}\
.nn-diagram text{{fill:{LIGHT_TEXT};text-anchor:middle;font-family:sans-serif;font-size:{font}px;\
paint-order:stroke;stroke:{LIGHT_BG};stroke-width:4px;stroke-linejoin:round}}\
.nn-diagram .name{{font-weight:bold}}.nn-diagram .label-bg{{fill:{LIGHT_BG}}}\
.nn-diagram .edge.hl,.nn-diagram .hl .node{{stroke-width:3.5}}.nn-diagram .hl text{{font-weight:bold}}\
.nn-diagram .edge.dim,.nn-diagram .dim .node,.nn-diagram .dim .glyph{{opacity:0.4}}\
.nn-diagram .dim text{{fill:{LIGHT_DIM_TEXT}}}\
@media screen and (prefers-color-scheme:dark){{.nn-diagram .bg{{fill:{DARK_BG}}}.nn-diagram .edge{{stroke:#6e7681}}\
.nn-diagram .node{{fill:#161b22;stroke:#8b949e}}.nn-diagram .glyph{{stroke:{DARK_TEXT}}}\
.nn-diagram text{{fill:{DARK_TEXT};stroke:{DARK_BG}}}.nn-diagram .label-bg{{fill:{DARK_BG}}}\
.nn-diagram .dim text{{fill:{DARK_DIM_TEXT}}}}}</style>\n"
    )
}

/// The rules of the colours highlighted in one diagram (`paths`, in the order first used),
/// light, then dark; empty without highlights. A colour's rules are the same in every diagram,
/// so diagrams sharing a page agree.
pub fn path_style(paths: &[Rgb]) -> String {
    if paths.is_empty() {
        return String::new();
    }
    let mut s = String::from("<style>");
    for c in paths {
        rules(&mut s, *c, false);
    }
    s.push_str("@media screen and (prefers-color-scheme:dark){");
    for c in paths {
        rules(&mut s, *c, true);
    }
    s.push_str("}</style>\n");
    s
}

/// The rules of the parts highlighted in colour `c`, in one scheme.
fn rules(out: &mut String, c: Rgb, dark: bool) {
    let p = class(c);
    let Shades { stroke, fill, text } = shades(c, dark);
    let _ = write!(
        out,
        ".nn-diagram .edge.{p},.nn-diagram .{p} .node{{stroke:{stroke}}}\
.nn-diagram .{p} .node{{fill:{fill}}}.nn-diagram .{p} .glyph{{stroke:{text}}}\
.nn-diagram .{p} text{{fill:{text}}}"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every colour a figure can give (named or default) makes a highlight whose text reads on
    /// the background and on the node's fill in both schemes, whose glyph (3:1 for graphics)
    /// reads on the fill, and whose edges keep the figures' own colour.
    #[test]
    fn highlights_keep_aa_contrast_in_both_schemes() {
        let colours = Rgb::NAMED.iter().map(|(_, c)| *c).chain(Rgb::DEFAULTS);
        for c in colours.chain([Rgb(0xff, 0xff, 0x00), Rgb(0x0d, 0x11, 0x17)]) {
            for (dark, bg) in [(false, LIGHT_BG), (true, DARK_BG)] {
                let s = shades(c, dark);
                assert!(s.text.contrast(bg) >= AA_TEXT, "{c} dark={dark}: {s:?}");
                assert!(s.text.contrast(s.fill) >= AA_TEXT, "{c} dark={dark}: {s:?}");
                let rules = path_style(&[c]);
                assert!(rules.contains(&format!("{} text{{fill:{}}}", class(c), s.text)));
            }
            assert_eq!(shades(c, false).stroke, c, "the figures' colour");
            assert_eq!(
                shades(c, true).stroke,
                dark_series(c),
                "the figures' dark colour"
            );
        }
    }

    #[test]
    fn the_theme_s_text_keeps_aa_contrast_dimmed_or_not() {
        for text in [LIGHT_TEXT, LIGHT_DIM_TEXT] {
            assert!(text.contrast(LIGHT_BG) >= AA_TEXT, "{text}");
        }
        for text in [DARK_TEXT, DARK_DIM_TEXT] {
            assert!(text.contrast(DARK_BG) >= AA_TEXT, "{text}");
        }
        // Dimming fades edges and circles, never text.
        let s = shared_style(15.0);
        assert!(s.contains(".dim text{fill:") && s.contains(".dim .glyph{opacity"));
        assert!(!s.contains("dim text{opacity") && !s.contains(".dim{opacity"));
    }

    #[test]
    fn contrast_is_wcag_s() {
        assert!((Rgb(0, 0, 0).contrast(Rgb(255, 255, 255)) - 21.0).abs() < 1e-9);
        // The grey that just passes on white and the one that just fails (WebAIM's checker).
        assert!((Rgb(0x76, 0x76, 0x76).contrast(LIGHT_BG) - 4.54).abs() < 0.01);
        assert!((Rgb(0x77, 0x77, 0x77).contrast(LIGHT_BG) - 4.48).abs() < 0.01);
    }
}
