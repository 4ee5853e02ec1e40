#!/usr/bin/env python3
"""Makes the math font of the default theme (style.css's "nnbook Math").

The font is a subset of DejaVu Math TeX Gyre (Debian's fonts-dejavu-extra, version 1.054;
licence in LICENSE-math.txt) holding what LaTeX math in lessons uses: Latin, Greek, digits, the
math italic, bold, script and double-struck letters, operators, arrows, delimiters and their
stretchy pieces (the font's MATH table is kept). It is cut into WOFF2 files by Unicode range,
and templates/style.css names each with its `unicode-range`, so that a browser downloads only
the files holding characters a page's formulas use. This script writes the files into this
folder and the @font-face rules into style.css, between the two marker comments there.

- `math-core.woff2` holds ASCII, the math italic letters, the few operators nearly every
  formula has, and every character the font can stretch or enlarge (delimiters, large
  operators, radical, arrows, wide accents). It is the only file whose range holds the space,
  so it is the family's "first available font": Chromium reads the MATH table's constants and
  the stretchy variants from it alone. A stretchy character kept in another file would never
  stretch (a display-style sum would stay text size), so only rare ones are: the contour
  integrals beyond the plain one, the flattened parentheses, and accents set under a formula.
- The other files (Greek, Latin letters and accents, symbols, alphabets) load only on pages
  whose formulas use one of their characters.
- The OpenType `ssty` feature (script-size glyphs) is left out: Chromium does not apply it
  (every formula of the shipped lessons drew pixel-identical without it), and it doubled the
  letters' size. A browser that applies it (Firefox) draws the base glyph scaled instead, as
  with any font without `ssty`.

Run by hand when the subset must change; builds and tests never run it (nothing is downloaded
or generated at build time). Needs fontTools and brotli (`pip install fonttools brotli`). The
output is the same bytes on every run.

Usage: src/font/subset-math.py [path/to/DejaVuMathTeXGyre.ttf]
"""

import os
import re
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

HERE = os.path.dirname(os.path.abspath(__file__))
STYLE = os.path.join(HERE, "..", "..", "templates", "style.css")
SOURCE = "/usr/share/fonts/truetype/dejavu/DejaVuMathTeXGyre.ttf"
BEGIN = "/* math font faces: written by src/font/subset-math.py */"
END = "/* end of math font faces */"

# Everything the font covers for lessons (as the single WOFF file of issue 15 did).
COVERED = (
    "0020-007E,00A0-00FF,0131,0237,02C6-02DC,0300-036F,0391-03A9,03B1-03C9,03D1,03D5,"
    "03F0-03F5,2010-2027,2032-2037,2057,2061-2064,20D0-20EF,2100-214F,2190-2199,21A6,"
    "21D0-21D5,2200-22FF,2308-230B,239B-23B3,23DC-23E1,27E6-27EF,2983-2984,1D400-1D467,"
    "1D49C-1D4CF,1D538-1D56B,1D6A4-1D6A5,1D6E2-1D71B,1D7CE-1D7E1"
)
# The core besides stretchy characters: ASCII, no-break space, ± · × ÷, primes, the invisible
# operators, minus, dot operator, and the math italic Latin letters (h is U+210E).
CORE = "0020-007E,00A0,00B1,00B7,00D7,00F7,2032-2034,2061-2064,2212,22C5,210E,1D434-1D467"
# Stretchy characters left out of the core: rare, and heavy (their many sizes).
RARE_STRETCHY = "0306,0311,032C-0330,222F-2233,23DC-23DD,23E0-23E1,27EE-27EF"
# The other files, in order; what is left of COVERED after them goes into "symbols".
OTHERS = [
    ("greek", "0391-03A9,03B1-03C9,03D1,03D5,03F0-03F5,1D6A4-1D6A5,1D6E2-1D71B"),
    ("latin", "00A1-00FF,0131,0237,02C6-02DC,0300-036F"),
    ("alphabets", "1D400-1D433,1D49C-1D4CF,1D538-1D56B,1D7CE-1D7E1"),
]


def parse(ranges):
    out = set()
    for part in ranges.split(","):
        first, _, last = part.partition("-")
        out |= set(range(int(first, 16), int(last or first, 16) + 1))
    return out


def unicode_range(chars, held=frozenset()):
    """CSS unicode-range of a set of code points. A run goes on over code points no file holds
    (`held` is what all the files hold): a page with such a character would load this file in
    vain, but the rules get shorter, and every page loads them."""
    runs = []
    for char in sorted(chars):
        if runs and not held.intersection(range(runs[-1][1] + 1, char)):
            runs[-1][1] = char
        else:
            runs.append([char, char])
    out = ["U+%X" % a if a == b else "U+%X-%X" % (a, b) for a, b in runs]
    lines = [""]
    for part in out:
        if lines[-1] and len(lines[-1]) + len(part) > 80:
            lines.append("")
        lines[-1] += part + ", "
    return ",\n    ".join(line[:-2] for line in lines)


def stretchy(font):
    """The characters the MATH table has vertical or horizontal variants for."""
    by_glyph = {}
    for char, glyph in font.getBestCmap().items():
        by_glyph.setdefault(glyph, set()).add(char)
    variants = font["MATH"].table.MathVariants
    out = set()
    for coverage in (variants.VertGlyphCoverage, variants.HorizGlyphCoverage):
        for glyph in coverage.glyphs:
            out |= by_glyph.get(glyph, set())
    return out


def chunks(font):
    covered = parse(COVERED) & set(font.getBestCmap())
    core = (parse(CORE) | (stretchy(font) - parse(RARE_STRETCHY))) & covered
    out, left = [("core", core)], covered - core
    for name, ranges in OTHERS:
        chars = parse(ranges) & left
        out.append((name, chars))
        left -= chars
    out.append(("symbols", left))
    return out


def write_font(source, name, chars):
    options = subset.Options()
    options.layout_features = ["dtls"]  # dotless i and j under accents; no ssty (see above)
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    font = TTFont(source, recalcTimestamp=False)  # the source's date: the same bytes each run
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=chars)
    subsetter.subset(font)
    path = os.path.join(HERE, "math-%s.woff2" % name)
    font.flavor = "woff2"
    font.save(path)
    # (It may map more: a glyph kept for another's variants keeps its own character, which no
    # unicode-range names.)
    missing = chars - set(TTFont(path).getBestCmap())
    assert not missing, "%s lacks %s" % (name, unicode_range(missing))
    return os.path.getsize(path)


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else SOURCE
    faces = [BEGIN]
    files = chunks(TTFont(source))
    held = frozenset().union(*(chars for _, chars in files))
    for name, chars in files:
        size = write_font(source, name, chars)
        print("math-%s.woff2: %d characters, %d bytes" % (name, len(chars), size))
        faces.append(
            '@font-face {\n  font-family: "nnbook Math";\n  src: url("math-%s.woff2") format("woff2");\n'
            "  font-display: swap;\n  size-adjust: 105%%;\n  unicode-range: %s;\n}"
            % (name, unicode_range(chars, held))
        )
    faces.append(END)
    with open(STYLE, encoding="utf-8") as f:
        css = f.read()
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    assert pattern.search(css), "style.css has no math font faces block"
    with open(STYLE, "w", encoding="utf-8") as f:
        f.write(pattern.sub(lambda _: "\n".join(faces), css))


if __name__ == "__main__":
    main()
