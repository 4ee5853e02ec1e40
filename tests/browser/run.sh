#!/usr/bin/env bash
# The site in a real browser (issue 4): builds the site, serves it on loopback with a plain static
# server, and runs check.mjs, explore.mjs, exact.mjs and sequence.mjs (the explorable lessons,
# issue 13), reader.mjs (what a reader sees, issue 15), diagram.mjs (the network diagrams, issue
# 15), index.mjs (the index pages, issue 15), search.mjs (the search pages) on it, aliases.mjs,
# tags.mjs, words.mjs and direction.mjs (aliases, tags, a project's words and a language written right
# to left, on projects of their own), and serve.mjs (`nnbook serve`'s error overlay
# and live reload) on a project of its own: every page in headless Chromium at 390 and
# 1280 px, light and dark (console errors, failed requests, broken links and images, MathML, raw
# LaTeX, axe-core WCAG 2 A/AA), the Nu HTML checker on every .html/.css/.svg, and screenshots into
# tests/screenshots/.
#
#   bash tests/browser/run.sh            # from the repository root (or anywhere)
#
# Installs what is missing: chromium and a Java runtime (apt-get, as root), the npm packages pinned
# in package-lock.json (npm ci, no install scripts, no browser download). Exits non-zero on any
# failure; the last line is "browser: N passed, M failed".
#
# Environment: NNBOOK_SITE=DIR checks an already built site instead of building one;
# NNBOOK_BIN=PATH uses that nnbook binary (default: `cargo run -q --`, the debug build CI already
# has); SCREENSHOT_DIR=DIR (default tests/screenshots, empty for none); CHROMIUM=PATH; VERBOSE=1;
# NNBOOK_BROWSER_TIMEOUT=SECONDS (default 1200), the most each script may run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
t0=$(date +%s)
say() { printf 'browser: %s\n' "$*"; }

# --- Tools ---------------------------------------------------------------------------------------
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
# A CJK font, so that the Chinese pages' screenshots show their words (nnbook ships none: a
# reader's own system draws Chinese text): Noto Sans CJK, Android's and most Linux desktops',
# whose box is taller than the others' (a diagram's Chinese name and a held chart's canvas were
# checked under a smaller one only until the forty-second session).
# (grep reads the whole list: with -q it would stop at the first match, and fc-list, cut off,
# fail the pipeline.)
fc-list : family 2>/dev/null | grep -iE 'cjk|han sans' >/dev/null || missing+=(fonts-noto-cjk)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    say "missing ${missing[*]}: run as root, or apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  say "installing ${missing[*]} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  [ -x "$CHROMIUM" ] || CHROMIUM=/usr/bin/chromium
fi
command -v node >/dev/null 2>&1 || { say "node is missing (Node 18 or later is needed)" >&2; exit 1; }

# npm packages, reinstalled only when package-lock.json changed. No install scripts: vnu-jar's
# would download a Java runtime when none is found, and nothing here needs a script.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
stamp="$here/node_modules/.nnbook-lock"
lock_sum="$(cksum <"$here/package-lock.json")"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  say "npm ci"
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
  printf '%s' "$lock_sum" >"$stamp"
fi

# --- The site ------------------------------------------------------------------------------------
tmp="$(mktemp -d "${TMPDIR:-/tmp}/nnbook-browser.XXXXXX")"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -n "${NNBOOK_SITE:-}" ]; then
  site="$(cd "$NNBOOK_SITE" && pwd)"
else
  site="$tmp/site"
  if [ -n "${NNBOOK_BIN:-}" ]; then
    "$NNBOOK_BIN" build --quiet --out "$site"
  else
    cargo run -q -- build --quiet --out "$site"
  fi
fi
say "site: $(find "$site" -name '*.html' | wc -l) pages in $site"

# --- A plain static server on loopback (no live-reload script injected) --------------------------
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 -m http.server --bind 127.0.0.1 --directory "$site" "$port" >"$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  kill -0 "$server_pid" 2>/dev/null || { say "the static server died:"; cat "$tmp/server.log"; exit 1; }
  sleep 0.1
done

# --- The checks ----------------------------------------------------------------------------------
shots="${SCREENSHOT_DIR-$root/tests/screenshots}"
[ -z "$shots" ] || mkdir -p "$shots"
status=0
# Each script runs at most 20 minutes (NNBOOK_BROWSER_TIMEOUT seconds; a full run takes under 10):
# a check that hangs fails its script, with what it logged, instead of stalling CI.
limit="${NNBOOK_BROWSER_TIMEOUT:-1200}"
node() {
  local code=0
  timeout --kill-after=10 "$limit" node "$@" || code=$?
  [ "$code" != 124 ] || echo "timed out after $limit s: $(basename "${1:-node}")"
  return "$code"
}
SITE_DIR="$site" BASE_URL="http://127.0.0.1:$port/" SCREENSHOT_DIR="$shots" \
  node "$here/check.mjs" >"$tmp/check.log" 2>&1 || status=$?
# Explorable lessons: the page at the author's values and in use against the build's page
# (explore.mjs), and for random parameters against what the build writes for them (exact.mjs).
explore_status=0
SITE_DIR="$site" SCREENSHOT_DIR="$shots" node "$here/explore.mjs" >"$tmp/explore.log" 2>&1 || explore_status=$?
[ "$explore_status" = 0 ] || status=1
if [ -n "${NNBOOK_BIN:-}" ]; then nnbook_cmd="$NNBOOK_BIN"; else cargo build -q && nnbook_cmd="${CARGO_TARGET_DIR:-$root/target}/debug/nnbook"; fi
exact_status=0
NNBOOK="$nnbook_cmd" SITE_DIR="$site" ROOT="$root" node "$here/exact.mjs" >"$tmp/exact.log" 2>&1 || exact_status=$?
[ "$exact_status" = 0 ] || status=1
# Many steps in a row show what one step shows; a reset shows the static page (sequence.mjs).
SITE_DIR="$site" BASE_URL="http://127.0.0.1:$port/" \
  node "$here/sequence.mjs" >"$tmp/sequence.log" 2>&1 || status=$?
# What a reader sees (issue 15): scroll cues, the math font, CJK lines, Copy buttons, the
# contents, labels, sources, 404 pages (reader.mjs).
SITE_DIR="$site" BASE_URL="http://127.0.0.1:$port/" \
  node "$here/reader.mjs" >"$tmp/reader.log" 2>&1 || status=$?
# The network diagrams (issue 15): text size at 320 px and up, contrast, the input named once,
# cropped, highlights in their figures' colours, and a diagram too wide for a phone scrolling in
# its region (diagram.mjs, on a lesson it builds with nnbook).
NNBOOK="$nnbook_cmd" SITE_DIR="$site" BASE_URL="http://127.0.0.1:$port/" \
  node "$here/diagram.mjs" >"$tmp/diagram.log" 2>&1 || status=$?
# The index pages (issue 15, item 11): layout, series, previews, colours (index.mjs).
index_status=0
SITE_DIR="$site" BASE_URL="http://127.0.0.1:$port/" SCREENSHOT_DIR="$shots" \
  node "$here/index.mjs" >"$tmp/index.log" 2>&1 || index_status=$?
[ "$index_status" = 0 ] || status=1
# The search pages: words from the address and typed, found and linked (search.mjs).
SITE_DIR="$site" BASE_URL="http://127.0.0.1:$port/" SCREENSHOT_DIR="$shots" \
  node "$here/search.mjs" >"$tmp/search.log" 2>&1 || status=$?
# A lesson's earlier addresses (aliases.mjs, on a project it builds with nnbook).
NNBOOK="$nnbook_cmd" node "$here/aliases.mjs" >"$tmp/aliases.log" 2>&1 || status=$?
# The tags' pages: check.mjs and index.mjs on a project with tags, and each tag followed
# (tags.mjs, on a project it builds with nnbook; the shipped lessons have no tags).
NNBOOK="$nnbook_cmd" SCREENSHOT_DIR="$shots" node "$here/tags.mjs" >"$tmp/tags.log" 2>&1 || status=$?
# A project's words for a language: check.mjs on a French project, its words read as written
# (words.mjs, on a project it builds with nnbook).
NNBOOK="$nnbook_cmd" node "$here/words.mjs" >"$tmp/words.log" 2>&1 || status=$?
# A language written right to left: check.mjs on an Arabic project, its page measured against
# its left-to-right build, mirrored, its numbers' minus signs before their digits (direction.mjs).
NNBOOK="$nnbook_cmd" node "$here/direction.mjs" >"$tmp/direction.log" 2>&1 || status=$?
# `nnbook serve`'s error overlay and live reload, on a project it makes and breaks (serve.mjs).
NNBOOK="$nnbook_cmd" SCREENSHOT_DIR="$shots" node "$here/serve.mjs" >"$tmp/serve.log" 2>&1 || status=$?
# The summary line ("browser: N passed, M failed", the scripts' units) stays the last line.
grep -v '^browser: [0-9]* passed, [0-9]* failed$' "$tmp/check.log" || true
grep -v '^reader: [0-9]* passed, [0-9]* failed$' "$tmp/reader.log" || true
grep -v '^explore: [0-9]* passed, [0-9]* failed$' "$tmp/explore.log" || true
grep -v '^exact: [0-9]* passed, [0-9]* failed$' "$tmp/exact.log" || true
grep -v '^sequence: [0-9]* passed, [0-9]* failed$' "$tmp/sequence.log" || true
grep -v '^diagram: [0-9]* passed, [0-9]* failed$' "$tmp/diagram.log" || true
grep -v '^index: [0-9]* passed, [0-9]* failed$' "$tmp/index.log" || true
grep -v '^search: [0-9]* passed, [0-9]* failed$' "$tmp/search.log" || true
grep -v '^aliases: [0-9]* passed, [0-9]* failed$' "$tmp/aliases.log" || true
grep -v '^tags: [0-9]* passed, [0-9]* failed$' "$tmp/tags.log" || true
grep -v '^words: [0-9]* passed, [0-9]* failed$' "$tmp/words.log" || true
grep -v '^direction: [0-9]* passed, [0-9]* failed$' "$tmp/direction.log" || true
grep -v '^serve: [0-9]* passed, [0-9]* failed$' "$tmp/serve.log" || true
say "done in $(($(date +%s) - t0)) s"
# Each script's units ("<unit>: N passed, M failed"); a script without that line failed.
passed=0
failed=0
for pair in browser:check reader:reader explore:explore exact:exact sequence:sequence diagram:diagram index:index search:search aliases:aliases tags:tags words:words direction:direction serve:serve; do
  unit=${pair%%:*} log="$tmp/${pair#*:}.log"
  line=$(grep "^$unit: [0-9]* passed, [0-9]* failed$" "$log" || true)
  if [ -z "$line" ]; then failed=$((failed + 1)); continue; fi
  set -- $line
  passed=$((passed + $2)) failed=$((failed + $4))
done
echo "browser: $passed passed, $failed failed"
exit "$status"
