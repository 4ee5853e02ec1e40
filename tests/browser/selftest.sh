#!/usr/bin/env bash
# Tests the browser checks themselves, on four small hand-written sites in fixtures/:
# clean/ must pass every check (no false failures: dollars in prose, TeX inside code, math in a
# closed <details>, a lazy image far below the fold, links to a folder and to fragments),
# broken/ must fail every kind of check that run.sh promises to catch, and reader-broken/ every
# kind of reader.mjs's (but the math font's, which needs the bundled font: run.sh on the
# shipped site, and a Rust test that the font is shipped, cover it), and index-broken/ every kind
# of index.mjs's.
#
#   bash tests/browser/selftest.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(mktemp -d "${TMPDIR:-/tmp}/nnbook-selftest.XXXXXX")"
trap 'rm -rf "$out"' EXIT
bad=0

# fails_every FIXTURE WHAT < patterns: run.sh on fixtures/FIXTURE must fail, and its report must
# hold every pattern (one per line: one per promised check); says "FIXTURE fixture fails WHAT".
fails_every() {
  local log="$out/$1.log" missing=0 pattern
  if NNBOOK_SITE="$here/fixtures/$1" SCREENSHOT_DIR= bash "$here/run.sh" >"$log" 2>&1; then
    echo "selftest: FAIL: the $1 fixture passed:"; cat "$log"; bad=1; return
  fi
  while IFS= read -r pattern; do
    [ -n "$pattern" ] || continue
    if ! grep -qF -- "$pattern" "$log"; then
      echo "selftest: FAIL: the $1 fixture's report lacks: $pattern"; missing=1
    fi
  done
  if [ "$missing" = 1 ]; then cat "$log"; bad=1; else echo "selftest: $1 fixture fails $2"; fi
}

if NNBOOK_SITE="$here/fixtures/clean" SCREENSHOT_DIR= bash "$here/run.sh" >"$out/clean.log" 2>&1; then
  echo "selftest: clean fixture passes"
else
  echo "selftest: FAIL: the clean fixture failed:"; cat "$out/clean.log"; bad=1
fi

fails_every broken "every promised check" <<'EOF'
console error [all modes]
      boom on purpose
uncaught exception [all modes]
failed request [all modes]
broken image — img
figure not displayed — img
broken link — a
      nowhere.html -> nowhere.html: HTTP 404
no element with id "no-such-id" in index.html
no element with id "not-there" in sub/page.html
math — math
has an empty box
raw LaTeX — p
a LaTeX command or delimiter: "Raw TeX: $\mathrm{ReLU}
a $…$ span with TeX in it: "Dollar TeX: the square $a^2$
horizontal overflow — div
axe color-contrast (serious) — .faint [all modes]
axe image-alt (critical)
html-validator — line
End tag “b” violates nesting rules.
browser: 
EOF
if grep -q 'inside code is fine' "$out/broken.log"; then
  echo "selftest: FAIL: TeX inside <code> was reported"; cat "$out/broken.log"; bad=1
fi
fails_every reader-broken "every reader check" <<'EOF'
scroll cue: table.nn-table #1
parameters: the parameters table needs sideways scrolling on a phone
math size: "x+1" is 24 px in 16 px text
CJK lines: td "隐藏层节点"
copy button: the Copy button covers "print(
contents: the table of contents is out of view after scrolling
contents: scrolled to #four, but the contents mark null
labels: a table header is the raw signal name "top.linear"
labels: a node is named "top" on a Chinese page
source: the source line must be a shown link right under the title
source: the ReLU lesson does not link the Dev.to article it reproduces
anchors: the anchor of "Step#" is alone on a line
text for the sliders: 1 of 1 shown on a page without sliders
text for the sliders: 1 of 1 shown without the script
404: zh-CN/index.html has no zh-CN/404.html beside it
404.html from disk — 404: the stylesheet did not load
404: its home link leads to
EOF
fails_every index-broken "every index check" <<'EOF'
layout: the page is 1516 px wide in a 320 px window
intro: one h1 saying what the site teaches
intro: no "start here" link
series: series "Empty" has no cards
series: "Silent" has no summary
previews: the preview of "Missing" did not load
previews: the preview of "Tiny" is 80 px wide (at least 120)
previews: the preview of "Square" is 200 x 200, not 16:9
previews: a click on the preview of "Unlinked" opens null
colours: the preview's mean luminance is
EOF
exit "$bad"
