#!/usr/bin/env bash
# Two nnbook binaries and Hugo on the same generated project, run by run: what a change did to
# a cold build, measured side by side so that the machine's slow and fast spells fall on both.
#
#   cargo run --release --example generate -- 1000 /work/bench/g1000
#   git worktree add /tmp/old <rev> && (cd /tmp/old && CARGO_TARGET_DIR=/tmp/old-target cargo build --release)
#   cargo build --release
#   OLD=/tmp/old-target/release/nnbook NEW=target/release/nnbook PROJECT=/work/bench/g1000 \
#       OUT=/work/bench RUNS=9 benches/ab.sh
#
# Each round builds with OLD, NEW and Hugo (the project's `plain/hugo`, skipped without hugo),
# each a new process writing into a new folder under OUT after an untimed `sync`; the first
# round is a warm-up. Outputs are kept until the end (see compare.sh: deleting them between
# runs would charge the next run for it on a disk like this project's). Prints the median wall
# time of each, min and max, the medians of user and sys time, and each binary's wall time
# relative to Hugo's, median and run by run. Needs GNU time (`/usr/bin/time`) and python3.
set -euo pipefail
old=${OLD:?OLD=path of the first nnbook binary}
new=${NEW:?NEW=path of the second nnbook binary}
project=${PROJECT:?PROJECT=a folder made by examples/generate}
runs=${RUNS:-9}
mkdir -p "${OUT:-/tmp}"
dir=$(mktemp -d "${OUT:-/tmp}/nnbook-ab.XXXXXX")
trap 'rm -rf "$dir"' EXIT
tools=(old new)
command -v hugo >/dev/null && tools+=(hugo)
for ((r = 0; r <= runs; r++)); do
    for tool in "${tools[@]}"; do
        out="$dir/$tool-$r"
        case $tool in
        old) cmd=("$old" build --root "$project" --out "$out" --quiet) ;;
        new) cmd=("$new" build --root "$project" --out "$out" --quiet) ;;
        hugo) cmd=(hugo --quiet -s "$project/plain/hugo" -d "$out") ;;
        esac
        sync
        /usr/bin/time -f '%e %U %S' -o "$dir/time.txt" "${cmd[@]}"
        ((r == 0)) || echo "$tool $(cat "$dir/time.txt")" >>"$dir/results.txt"
    done
done
python3 - "$dir/results.txt" <<'EOF'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
runs = {}
for tool, wall, user, sys_ in rows:
    runs.setdefault(tool, []).append((float(wall), float(user), float(sys_)))
for tool, r in runs.items():
    wall = [w for w, _, _ in r]
    print(f"{tool:5} wall {statistics.median(wall):.3f} s (min {min(wall):.2f}, max {max(wall):.2f}), "
          f"user {statistics.median(u for _, u, _ in r):.2f} s, sys {statistics.median(s for _, _, s in r):.2f} s")
if "hugo" in runs:
    hugo = [w for w, _, _ in runs["hugo"]]
    for tool in ("old", "new"):
        wall = [w for w, _, _ in runs[tool]]
        each = " ".join(f"{a / b:.3f}" for a, b in zip(wall, hugo))
        print(f"{tool} / hugo: {statistics.median(wall) / statistics.median(hugo):.3f}× (run by run: {each})")
EOF
