#!/usr/bin/env bash
# Every generated notebook parses with nbformat (and validates), its code cells run top to
# bottom with plain Python (numpy, matplotlib with the Agg backend) without error, every figure
# and diagram of the lesson's page is saved in it as an SVG output, and the plotting code nnbook
# writes for a figure reproduces that figure: after its cell runs, the data of each matplotlib
# line (and of the data points) is compared with the CSV the page publishes for the figure (its
# `data:` link), which nnbook computed in Rust, independently of the Python.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import nbformat, numpy, matplotlib" 2>/dev/null ||
  python3 -m pip install --quiet --disable-pip-version-check nbformat numpy matplotlib
root=$PWD
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
cargo run -q -- build --quiet --out "$site/site"
# The same lessons with every `python figure=<id>` mark taken out, so that nnbook writes the
# code of every figure (the ReLU lesson's too, with its kinks between grid points).
mkdir "$site/unmarked"
cp -r nnbook.toml content templates "$site/unmarked/"
sed -i -E 's/^```python figure=[^ ]+$/```python/' "$site"/unmarked/content/*.md
(cd "$site/unmarked" && cargo run -q --manifest-path "$root/Cargo.toml" -- build --quiet --out "$site/unmarked-site")
cd "$site"
MPLBACKEND=Agg python3 - "$site/site" "$site/unmarked-site" <<'PY'
import csv, html, io, pathlib, re, sys, urllib.parse, warnings
import nbformat
import matplotlib.pyplot as plt

warnings.filterwarnings("ignore", message=".*non-interactive.*")
plt.rcParams["figure.max_open_warning"] = 0
REL = 1e-9  # the tolerance, relative to the column's largest magnitude (at least 1)


def page_figures(page):
    """Every figure of a lesson page: its id and its CSV (None for a diagram)."""
    text = page.read_text(encoding="utf-8")
    figures = {}
    for m in re.finditer(r'<figure class="nn-figure" id="figure-([^"]+)"', text):
        body = text[m.end():text.index("</figure>", m.end())]
        link = re.search(r'<a class="nn-data" href="data:text/csv;charset=utf-8,([^"]*)"', body)
        figures[m.group(1)] = urllib.parse.unquote(html.unescape(link.group(1))) if link else None
    return figures


def columns(text):
    """A figure's CSV as columns: name -> [(x, y)], from the rows where the column has a value."""
    rows = list(csv.reader(io.StringIO(text)))
    header, out = rows[0], {name: [] for name in rows[0][1:]}
    for row in rows[1:]:
        for name, cell in zip(header[1:], row[1:]):
            if cell != "":
                out[name].append((float(row[0]), float(cell)))
    return out


def same(a, b, scale):
    return abs(a - b) <= REL * max(scale, 1.0)


def compare(name, drawn, expected):
    """The drawn points are nnbook's, one for one: the same inputs (so no kink or bend is cut
    off, and nothing is added), the same values."""
    assert len(drawn) == len(expected), \
        f"{name}: {len(drawn)} points drawn, nnbook draws {len(expected)}"
    xscale = max(abs(p[0]) for p in expected)
    yscale = max(abs(p[1]) for p in expected)
    for (x, y), (ex, ey) in zip(drawn, expected):
        assert same(x, ex, xscale), f"{name}: x = {x!r} is drawn where nnbook draws x = {ex!r}"
        assert same(y, ey, yscale), f"{name}: at x = {x!r} the code gives {y!r}, nnbook {ey!r}"


def check_figure(fig_id, csv_text, ax):
    """The lines of the axes, in order, against the CSV's columns but `observed`; the last dots
    against `observed`."""
    cols = columns(csv_text)
    observed = cols.pop("observed", None)
    lines = ax.get_lines()
    assert len(lines) == len(cols), f"{fig_id}: {len(lines)} lines drawn, nnbook has {list(cols)}"
    for line, (name, expected) in zip(lines, cols.items()):
        drawn = list(zip(map(float, line.get_xdata()), map(float, line.get_ydata())))
        compare(f"{fig_id}: {name}", drawn, expected)
    if observed:
        dots = [tuple(map(float, p)) for p in ax.collections[-1].get_offsets()]
        assert sorted(dots) == sorted(observed), f"{fig_id}: data points {dots}, nnbook {observed}"


notebooks = [(pathlib.Path(site), path) for site in sys.argv[1:]
             for path in sorted(pathlib.Path(site).rglob("*.ipynb"))]
assert len({site for site, _ in notebooks}) == len(sys.argv[1:]), "a site without notebooks"
passed = failed = 0
for site, path in notebooks:
    try:
        nb = nbformat.read(str(path), as_version=4)
        nbformat.validate(nb)
        figures = page_figures(path.parent / "index.html")
        saved = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
                 if "image/svg+xml" in o.get("data", {})]
        assert len(saved) == len(figures), \
            f"{len(saved)} drawings saved in the notebook, {len(figures)} figures on the page"
        scope, checked = {}, 0
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            exec(compile(cell.source, str(path), "exec"), scope)
            generated = re.match(r"# Figure `([^`]+)`", cell.source)
            if generated:
                check_figure(generated.group(1), figures[generated.group(1)], plt.gcf().axes[0])
                checked += 1
            plt.close("all")
        passed += 1
        print(f"notebook ok: {site.name}/{path.relative_to(site)} "
              f"({len(figures)} drawings saved, {checked} figures drawn by nnbook's code match its data)")
    except Exception as e:
        failed += 1
        print(f"notebook FAILED: {path}: {type(e).__name__}: {e}")
print(f"notebooks: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
