#!/usr/bin/env bash
# Every generated notebook parses with nbformat (and validates), and its code cells run top to
# bottom with plain Python (numpy, matplotlib with the Agg backend) without error.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import nbformat, numpy, matplotlib" 2>/dev/null ||
  python3 -m pip install --quiet --disable-pip-version-check nbformat numpy matplotlib
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
cargo run -q -- build --quiet --out "$site/site"
cd "$site"
MPLBACKEND=Agg python3 - "$site/site" <<'PY'
import pathlib, sys, nbformat
notebooks = sorted(pathlib.Path(sys.argv[1]).rglob("*.ipynb"))
assert notebooks, "no notebooks were generated"
passed = failed = 0
for path in notebooks:
    try:
        nb = nbformat.read(str(path), as_version=4)
        nbformat.validate(nb)
        scope = {}
        for cell in nb.cells:
            if cell.cell_type == "code":
                exec(compile(cell.source, str(path), "exec"), scope)
        passed += 1
        print(f"notebook ok: {path.relative_to(sys.argv[1])}")
    except Exception as e:
        failed += 1
        print(f"notebook FAILED: {path}: {type(e).__name__}: {e}")
print(f"notebooks: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
