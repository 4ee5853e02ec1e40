#!/usr/bin/env bash
# Copy the seed corpus (shipped and test lessons, plus the hand-written edge cases in seeds/)
# into fuzz/corpus/<target>/.
# The corpus is not committed: run this before the first `cargo fuzz run`.
# (The minimized crashes in regressions/ are not seeds: they would stop every run until fixed.
# Re-check them with `cargo fuzz run <target> regressions/<target>-*.md`.)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
for target in lesson render; do
    dir="$here/corpus/$target"
    mkdir -p "$dir"
    n=0
    while IFS= read -r -d '' f; do
        # A flat, stable name: tests/fixtures/invalid/range_empty.md -> tests_fixtures_invalid_range_empty.md
        rel="${f#"$root"/}"
        cp "$f" "$dir/seed_${rel//\//_}"
        n=$((n + 1))
    done < <(find "$root/content" "$root/tests/fixtures" "$root/src/starter.md" "$here/seeds" -name '*.md' -type f -print0 | sort -z)
    echo "corpus/$target: $n seeds"
done
