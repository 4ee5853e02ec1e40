#!/usr/bin/env bash
# The site's Atom feeds read by a feed reader's parser (Python's feedparser, which readers such
# as those built on it use): a project made by `nnbook init` and `nnbook new`, given dates, an
# address and `feed = true`, is built, and each feed must parse without a complaint (feedparser's
# `bozo`), as Atom 1.0, with its entries' titles, links and dates as the lessons say, the newest
# first (the moments compared by Python, not by nnbook), each with its series and tags as its
# categories; each tag's feed likewise, and every page must name its feed (a tag's page its
# tag's).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import feedparser" 2>/dev/null ||
  python3 -m pip install --quiet --disable-pip-version-check feedparser
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build -q
bin="${CARGO_TARGET_DIR:-$PWD/target}/debug/nnbook"
"$bin" init "$work/p" >/dev/null
cd "$work/p"
"$bin" new "Weights & biases" --series "Basics" >/dev/null
"$bin" new "Kinks" --series "Basics" >/dev/null
"$bin" new "权重" >/dev/null
mv content/lesson.md content/weights-biases.zh-CN.md
dated() { sed -i "0,/^+++\$/s//+++\n$2/" "content/$1"; }
dated getting-started.md 'date = 2026-11-30'
dated weights-biases.md 'date = 2026-12-01T09:00:00+08:00\nupdated = 2026-12-03T07:15:00-05:00\ntags = ["ReLU", "C++ \& co"]'
dated kinks.md 'date = 2026-12-03T11:00:00Z'
dated weights-biases.zh-CN.md 'date = 2026-12-02'
sed -i 's|^language = "en".*|&\nbase_url = "https://example.org/lessons/"\nfeed = true\nauthor = "Ada"|' nnbook.toml
"$bin" build --quiet
python3 - site <<'PY'
import calendar, pathlib, re, sys
import feedparser

site = pathlib.Path(sys.argv[1])

def parsed(rel):
    f = feedparser.parse((site / rel).read_bytes())
    assert not f.bozo, (rel, f.bozo_exception)
    assert f.version == "atom10", (rel, f.version)
    return f

def moment(entry):
    return calendar.timegm(entry.updated_parsed)

en = parsed("atom.xml")
assert en.feed.title == "My lessons" and en.feed.author == "Ada", en.feed
assert en.feed.link == "https://example.org/lessons/", en.feed.link
titles = [e.title for e in en.entries]
# 07:15 at UTC-5 is 12:15 UTC: after 11:00 UTC on the same day.
assert titles == ["Weights & biases", "Kinks", "Getting started"], titles
assert [moment(e) for e in en.entries] == sorted((moment(e) for e in en.entries), reverse=True)
wb = en.entries[0]
assert wb.link == "https://example.org/lessons/weights-biases/", wb.link
assert calendar.timegm(wb.published_parsed) == calendar.timegm((2026, 12, 1, 1, 0, 0)), wb.published
assert moment(wb) == calendar.timegm((2026, 12, 3, 12, 15, 0)), wb.updated
assert [t.term for t in wb.tags] == ["Basics", "ReLU", "C++ & co"], wb.tags
assert wb.summary.startswith("One sentence"), wb.summary
zh = parsed("zh-CN/atom.xml")
assert [e.title for e in zh.entries] == ["权重"], zh.entries
assert zh.entries[0].link == "https://example.org/lessons/zh-CN/weights-biases/"
# A tag's feed, beside its page: the dated lessons with the tag.
relu = parsed("tags/relu/atom.xml")
assert relu.feed.title == "My lessons: Lessons tagged “ReLU”", relu.feed.title
assert relu.feed.link == "https://example.org/lessons/tags/relu/", relu.feed.link
assert [e.title for e in relu.entries] == ["Weights & biases"], relu.entries
# Every page names its language's feed, a tag's page its tag's (the tags' overview,
# `tags/index.html`, its language's), as a reader's discovery looks for it.
pages = list(site.rglob("*.html"))
assert site / "tags" / "relu" / "index.html" in pages, pages
assert site / "tags" / "index.html" in pages, pages
for page in pages:
    text = page.read_text(encoding="utf-8")
    m = re.search(r'<link rel="alternate" type="application/atom\+xml" href="([^"]+)"', text)
    parts = page.relative_to(site).parts
    want = "zh-CN/atom.xml" if parts[0] == "zh-CN" else "atom.xml"
    if "tags" in parts and parts.index("tags") < len(parts) - 2:
        want = "/".join(parts[:-1]) + "/atom.xml"
        parsed("/".join(parts[:-1]) + "/atom.xml")
    assert m and m.group(1) == "https://example.org/lessons/" + want, (page, m and m.group(1))
print(f"feeds: {len(en.entries)} + {len(zh.entries)} entries read by feedparser {feedparser.__version__}")
PY
