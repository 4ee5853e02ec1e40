//! Whether Markdown text leaves a formula open: a placeholder's value inside one is LaTeX's (the
//! notebook's right-to-left text wraps the others, `placeholder::fill_markdown`).

/// The formulas Markdown text leaves open, read piece by piece: `$…$` inline, `$$…$$` on
/// display (a `\$` is a dollar sign).
#[derive(Default)]
pub struct OpenMath {
    inline: bool,
    display: bool,
}

impl OpenMath {
    pub fn read(&mut self, text: &str) {
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '$' if !self.inline && chars.peek() == Some(&'$') => {
                    chars.next();
                    self.display = !self.display;
                }
                '$' if !self.display => self.inline = !self.inline,
                _ => {}
            }
        }
    }

    pub fn open(&self) -> bool {
        self.inline || self.display
    }
}

#[cfg(test)]
mod tests {
    use super::OpenMath;

    fn open_after(pieces: &[&str]) -> bool {
        let mut math = OpenMath::default();
        pieces.iter().for_each(|p| math.read(p));
        math.open()
    }

    #[test]
    fn formulas_left_open_are_known_across_pieces() {
        assert!(open_after(&["a $w_1 = "]));
        assert!(!open_after(&["a $w_1 = ", "$ and "]));
        assert!(open_after(&["$$\n x = "]));
        assert!(!open_after(&["$$ x = ", " $$ then "]));
        // (A `$` inside a display formula, and an escaped dollar, close nothing.)
        assert!(open_after(&["$$ a $ b "]));
        assert!(!open_after(&["costs \\$5, "]));
        assert!(!open_after(&["plain text, "]));
    }
}
