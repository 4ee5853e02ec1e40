#!/usr/bin/env bash
# Makes src/font/math.woff, the math font of the default theme (style.css's "nnbook Math"): a
# subset of DejaVu Math TeX Gyre (Debian's fonts-dejavu-extra, version 1.054; licence in
# LICENSE-math.txt) holding what LaTeX math in lessons uses: Latin, Greek, digits, the math
# italic, bold, script and double-struck letters, operators, arrows, delimiters and their
# stretchy pieces (the font's MATH table is kept). Run by hand when the subset must change;
# builds and tests never run it (nothing is downloaded or generated at build time). Needs
# fontTools (`pip install fonttools`); the output is the same bytes on every run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
font="${1:-/usr/share/fonts/truetype/dejavu/DejaVuMathTeXGyre.ttf}"
unicodes="U+0020-007E,U+00A0-00FF,U+0131,U+0237,U+02C6-02DC,U+0300-036F,U+0391-03A9,U+03B1-03C9,\
U+03D1,U+03D5,U+03F0-03F5,U+2010-2027,U+2032-2037,U+2057,U+2061-2064,U+20D0-20EF,U+2100-214F,\
U+2190-2199,U+21A6,U+21D0-21D5,U+2200-22FF,U+2308-230B,U+239B-23B3,U+23DC-23E1,U+27E6-27EF,\
U+2983-2984,U+1D400-1D467,U+1D49C-1D4CF,U+1D538-1D56B,U+1D6A4-1D6A5,U+1D6E2-1D71B,U+1D7CE-1D7E1"
pyftsubset "$font" --unicodes="$unicodes" --layout-features='*' --notdef-outline \
  --name-IDs='*' --name-languages='*' --flavor=woff --output-file="$here/math.woff"
ls -l "$here/math.woff"
