#!/usr/bin/env bash
# Compare nnbook with Hugo and mdBook on generated projects, and measure the shipped site.
#
#   benches/compare.sh                      # N = 1, 100, 1000; 5 runs each; peers if installed
#   SIZES="100 1000" RUNS=9 benches/compare.sh
#   PEERS=0 benches/compare.sh              # nnbook only
#   KEEP=1 benches/compare.sh               # keep the temporary folder (printed at the end)
#   TMPDIR=/dev/shm benches/compare.sh      # projects and outputs on tmpfs: the tools' own cost,
#                                           # without the disk's
#   TMPDIR=/work/bench benches/compare.sh   # on the disk (the default /tmp may be either)
#   REBUILD=0 benches/compare.sh            # skip nnbook's rebuilds (nothing changed; one
#                                           # lesson changed), timed after the cold runs
#   OLD=/tmp/old-target/release/nnbook benches/compare.sh
#                                           # another nnbook binary (say the last commit's) as
#                                           # one more peer, `nnbook-old`: what a change did,
#                                           # run by run beside the new one and Hugo
#
# For each N it writes a project with `cargo run --release --example generate -- N DIR` (N
# lessons for nnbook, N plain pages of the same prose size for Hugo and mdBook), then runs each
# tool RUNS times, alternating tools run by run, after one untimed warm-up run each. Every run is
# a new process writing into a new output folder (earlier outputs are moved aside and deleted only
# at the end: on ext4 without a journal, creating files soon after deleting thousands costs
# several times more), after `sync` (untimed: the disk has written back what earlier runs left,
# so each run pays for its own writes only). On such a disk, start it five minutes or more after
# deleting a large tree (an earlier run's cleanup, say). Measured per run:
#   wall   bash's $EPOCHREALTIME around the run (microsecond clock; includes /usr/bin/time's own
#          fork+exec, about 1 ms)
#   CPU    user+sys of the run, from bash's `times` before and after (1 ms resolution; includes
#          /usr/bin/time itself, under 1 ms); `/usr/bin/time -f '%e %U %S %M'` reports it too,
#          but at 10 ms granularity
#   RSS    peak resident set size of the tool's process, from /usr/bin/time's %M (KiB)
# and the table gives medians, with the number of files in each tool's output. The machine may
# be shared: the min-max range shows the noise.
#
# Needs: bash 5, cargo, GNU time (/usr/bin/time; installed with apt-get when run as root).
# Optional: hugo, mdbook (`apt-get install -y hugo`, `cargo install mdbook --locked`).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

sizes=${SIZES:-"1 100 1000"}
runs=${RUNS:-5}
shipped_runs=${SHIPPED_RUNS:-10}
peers=${PEERS:-1}

if [[ ! -x /usr/bin/time ]]; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        echo "installing GNU time (Debian package \`time\`)" >&2
        apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y time >/dev/null; }
    else
        echo "error: /usr/bin/time (GNU time) is missing; install the \`time\` package" >&2
        exit 1
    fi
fi

echo "building the release binary and the generator" >&2
cargo build --release --quiet --bin nnbook --example generate
target_dir=$(cargo metadata --format-version 1 --no-deps 2>/dev/null |
    sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
target_dir=${target_dir:-$repo/target}
nnbook="$target_dir/release/nnbook"
generate="$target_dir/release/examples/generate"

tools=(nnbook)
old=${OLD:-}
[[ -z $old ]] || tools+=(nnbook-old)
if [[ $peers == 1 ]]; then
    command -v hugo >/dev/null && tools+=(hugo)
    command -v mdbook >/dev/null && tools+=(mdbook)
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nnbook-compare.XXXXXX")
if [[ ${KEEP:-0} != 1 ]]; then
    trap 'rm -rf "$tmp"' EXIT
fi
results="$tmp/results.txt" # tool N wall_ms cpu_ms rss_kib user_ms sys_ms
kept=0 # outputs moved aside (see `run`), deleted with the whole folder at the end
: >"$results"

# command TOOL N OUT: sets `cmd` to the command line of one build of project N by TOOL into OUT.
command_for() {
    local tool=$1 n=$2 out=$3
    case $tool in
    nnbook) cmd=("$nnbook" build --root "$tmp/p$n" --out "$out" --quiet) ;;
    nnbook-old) cmd=("$old" build --root "$tmp/p$n" --out "$out" --quiet) ;;
    hugo) cmd=(hugo --quiet -s "$tmp/p$n/plain/hugo" -d "$out") ;;
    mdbook) cmd=(mdbook build "$tmp/p$n/plain/mdbook" -d "$out") ;;
    shipped) cmd=("$nnbook" build --root "$repo" --out "$out" --quiet) ;;
    esac
}

# run TOOL N [timed]: one build into an emptied output folder; timed runs append
# "tool N wall_ms cpu_ms rss_kib user_ms sys_ms" to the results.
run() {
    local tool=$1 n=$2 out="$tmp/out-$1-$2" t0 t1 c e u s m cmd
    command_for "$tool" "$n" "$out"
    case $tool in
    nnbook-again) command_for nnbook "$n" "$tmp/out-nnbook-$n" ;;
    nnbook-edit)
        command_for nnbook "$n" "$tmp/out-nnbook-$n"
        printf '\nEdited at %s.\n' "$EPOCHREALTIME" >>"$tmp/p$n/content/lesson-0001.md"
        ;;
    *)
        # The previous output is moved aside, not deleted: on ext4 without a journal (this
        # project's VM), a file created within one to five minutes of thousands of deletions
        # pays for them (inode allocation looks up and skips every recently deleted inode:
        # `recently_deleted` in fs/ext4/ialloc.c), which made each run slower than the one
        # before. No run is charged for another's deletions.
        if [[ -e $out ]]; then
            kept=$((kept + 1))
            mv "$out" "$tmp/moved-aside.$kept"
        fi
        ;;
    esac
    # Each run starts with the disk idle: what earlier runs left to write back is written now,
    # untimed, so that no tool is charged for another's writes.
    sync
    times >"$tmp/times0.txt"
    t0=$EPOCHREALTIME
    if ! /usr/bin/time -f '%e %U %S %M' -o "$tmp/time.txt" "${cmd[@]}" >"$tmp/log.txt" 2>&1; then
        echo "error: $tool failed on N=$n: ${cmd[*]}" >&2
        cat "$tmp/log.txt" >&2
        exit 1
    fi
    t1=$EPOCHREALTIME
    times >"$tmp/times1.txt"
    [[ ${3:-} == timed ]] || return 0
    read -r e u s m <"$tmp/time.txt"
    read -r c u s < <(cpu_between "$tmp/times0.txt" "$tmp/times1.txt")
    awk -v tool="$tool" -v n="$n" -v t0="$t0" -v t1="$t1" -v c="$c" -v m="$m" -v u="$u" -v s="$s" \
        'BEGIN { printf "%s %s %.1f %d %d %d %d\n", tool, n, (t1 - t0) * 1000, c, m, u, s }' >>"$results"
}

# The CPU time of this shell's children finished between two `times` snapshots, in ms: "user+sys
# user sys" (1 ms resolution, where GNU time's %U %S have 10 ms). `times` runs in this shell, not in a
# subshell, whose children's times start at zero; between the snapshots only the timed run ends.
cpu_between() {
    tail -q -n 1 "$1" "$2" | awk '{
        for (i = 1; i <= 2; i++) {
            split($i, p, "m"); sub("s", "", p[2]); t[NR, i] = p[1] * 60 + p[2]
        }
    }
    END {
        u = (t[2, 1] - t[1, 1]) * 1000; s = (t[2, 2] - t[1, 2]) * 1000
        printf "%d %d %d\n", u + s + 0.5, u + 0.5, s + 0.5
    }'
}

# pick TOOL N COLUMN WHAT: the median, min or max of a column (3 wall, 4 CPU, 5 RSS, 6 user,
# 7 sys).
pick() {
    awk -v tool="$1" -v n="$2" -v c="$3" '$1 == tool && $2 == n { print $c }' "$results" |
        sort -g | awk -v what="$4" '{ v[NR] = $1 }
        END {
            if (NR == 0) { print "-"; exit }
            med = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            if (what == "median") print med
            else if (what == "min") print v[1]
            else print v[NR]
        }'
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >"$tmp/load.txt"
for n in $sizes; do
    echo "N=$n: generating" >&2
    "$generate" "$n" "$tmp/p$n" >/dev/null
    for tool in "${tools[@]}"; do
        run "$tool" "$n" # warm-up
    done
    for ((r = 1; r <= runs; r++)); do
        echo "N=$n: run $r/$runs (${tools[*]})" >&2
        for tool in "${tools[@]}"; do
            run "$tool" "$n" timed
        done
    done
    for tool in "${tools[@]}"; do
        echo "$tool $n $(find "$tmp/out-$tool-$n" -type f | wc -l)" >>"$tmp/files.txt"
    done
done
# The rebuilds come after every cold run: a rebuild replaces the previous site and so deletes
# what changed, and no cold run is to pay for that (see `run`).
if [[ ${REBUILD:-1} == 1 ]]; then
    for n in $sizes; do
        # Into the output of the last cold run: nothing changed, then one lesson changed.
        for ((r = 1; r <= runs; r++)); do
            echo "N=$n: rebuild $r/$runs (nothing changed, one lesson changed)" >&2
            run nnbook-again "$n" timed
            run nnbook-edit "$n" timed
        done
    done
fi

echo "shipped site: $shipped_runs runs" >&2
run shipped 0 # warm-up
for ((r = 1; r <= shipped_runs; r++)); do
    run shipped 0 timed
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$tmp/load.txt"

# ---------------------------------------------------------------------------------------------
# Report (Markdown).
ms() { awk -v v="$1" 'BEGIN { if (v == "-") print "-"; else printf "%.0f", v }'; }
ms1() { awk -v v="$1" 'BEGIN { if (v == "-") print "-"; else printf "%.1f", v }'; }
mib() { awk -v v="$1" 'BEGIN { if (v == "-") print "-"; else printf "%.1f", v / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f×", a / b }'; }

echo
echo "## nnbook vs peers ($(nproc) cores; medians of $runs runs; $(date -u +%Y-%m-%d))"
echo
rev=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || true)
if [[ -z $rev ]]; then
    rev="(not a git checkout)"
elif ! git -C "$repo" diff --quiet HEAD 2>/dev/null; then
    rev+=" + uncommitted changes"
fi
echo "- nnbook $rev, release build; work folder on $(df -T "$tmp" | awk 'NR == 2 { print $2 }') ($tmp)"
for tool in "${tools[@]}"; do
    case $tool in
    nnbook-old) echo "- nnbook-old: $old" ;;
    hugo) echo "- $(hugo version | cut -d' ' -f1-2)" ;;
    mdbook) echo "- $(mdbook --version)" ;;
    esac
done
echo "- $(head -1 "$tmp/load.txt"); $(tail -1 "$tmp/load.txt")"
echo
files_of() { awk -v tool="$1" -v n="$2" '$1 == tool && $2 == n { print $3 }' "$tmp/files.txt"; }
echo "| tool | N | wall ms (median) | wall ms (min–max) | CPU ms (user+sys) | user / sys ms | peak MiB | files out |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for n in $sizes; do
    for tool in "${tools[@]}"; do
        echo "| $tool | $n | $(ms1 "$(pick "$tool" "$n" 3 median)") | $(ms1 "$(pick "$tool" "$n" 3 min)")–$(ms1 "$(pick "$tool" "$n" 3 max)") | $(ms "$(pick "$tool" "$n" 4 median)") | $(ms "$(pick "$tool" "$n" 6 median)") / $(ms "$(pick "$tool" "$n" 7 median)") | $(mib "$(pick "$tool" "$n" 5 median)") | $(files_of "$tool" "$n") |"
    done
done
if [[ ${REBUILD:-1} == 1 ]]; then
    echo
    echo "nnbook rebuilding into its previous output (a new process each time), relative to each"
    echo "tool's cold build of the same N:"
    echo
    echo "| N | rebuild | wall ms (median) | wall ms (min–max) | CPU ms | user / sys ms | / nnbook cold |$(for tool in "${tools[@]:1}"; do printf ' / %s cold |' "$tool"; done)"
    echo "|---:|---|---:|---:|---:|---:|---:|$(for _ in "${tools[@]:1}"; do printf -- '---:|'; done)"
    for n in $sizes; do
        for kind in again edit; do
            label="nothing changed"; [[ $kind == edit ]] && label="one lesson changed"
            w=$(pick "nnbook-$kind" "$n" 3 median)
            row="| $n | $label | $(ms1 "$w") | $(ms1 "$(pick "nnbook-$kind" "$n" 3 min)")–$(ms1 "$(pick "nnbook-$kind" "$n" 3 max)") | $(ms "$(pick "nnbook-$kind" "$n" 4 median)") | $(ms "$(pick "nnbook-$kind" "$n" 6 median)") / $(ms "$(pick "nnbook-$kind" "$n" 7 median)") | $(ratio "$w" "$(pick nnbook "$n" 3 median)") |"
            for tool in "${tools[@]:1}"; do
                row+=" $(ratio "$w" "$(pick "$tool" "$n" 3 median)") |"
            done
            echo "$row"
        done
    done
fi

set -- $sizes
if [[ $# -ge 2 ]]; then
    small=${*: -2:1}
    large=${*: -1}
    echo
    echo "Cost per extra page, N = $small -> $large (difference of medians / $((large - small))):"
    echo
    echo "| tool | wall ms per extra page | CPU ms per extra page |"
    echo "|---|---:|---:|"
    for tool in "${tools[@]}"; do
        w=$(awk -v a="$(pick "$tool" "$small" 3 median)" -v b="$(pick "$tool" "$large" 3 median)" -v d=$((large - small)) 'BEGIN { printf "%.3f", (b - a) / d }')
        c=$(awk -v a="$(pick "$tool" "$small" 4 median)" -v b="$(pick "$tool" "$large" 4 median)" -v d=$((large - small)) 'BEGIN { printf "%.3f", (b - a) / d }')
        echo "| $tool | $w | $c |"
    done
fi

if [[ ${#tools[@]} -gt 1 ]]; then
    echo
    echo "nnbook's median wall time relative to the peers (below 1 is faster):"
    echo
    header="| N |"
    rule="|---:|"
    for tool in "${tools[@]:1}"; do
        header+=" nnbook / $tool (wall) | nnbook / $tool (CPU) |"
        rule+="---:|---:|"
    done
    echo "$header"
    echo "$rule"
    for n in $sizes; do
        row="| $n |"
        for tool in "${tools[@]:1}"; do
            row+=" $(ratio "$(pick nnbook "$n" 3 median)" "$(pick "$tool" "$n" 3 median)") | $(ratio "$(pick nnbook "$n" 4 median)" "$(pick "$tool" "$n" 4 median)") |"
        done
        echo "$row"
    done
fi

site="$tmp/out-shipped-0"
# The shipped site: sizes. Figures are the SVG drawings inlined in the lesson pages (plots and
# diagrams), their CSV data in the pages' data: links.
sum_sizes() { awk '{ s += $1 } END { print s + 0 }'; }
# "count bytes" of the inlined drawings (or data links) of the pages under a folder.
inlined() {
    find "$1" -mindepth 2 -name index.html -print0 |
        xargs -0 -r cat | LC_ALL=C grep -zoP "$2" |
        LC_ALL=C awk 'BEGIN { RS = "\0" } { n++; s += length($0) } END { print n + 0, s + 0 }'
}
svg_re='<svg class="nn-(chart|diagram)[ "][\s\S]*?</svg>'
read -r svg_count svg_bytes < <(inlined "$site" "$svg_re")
read -r csv_count csv_bytes < <(inlined "$site" 'href="data:text/csv[^"]*"')
# The ReLU page's weight: its HTML and everything it loads (stylesheets, icons, scripts, images).
page="$site/relu/index.html"
loads=$( (grep -oE '<link[^>]*>' "$page" | grep -oE 'href="[^"]*"'; grep -oE 'src="[^"]*"' "$page") |
    sed 's/^[a-z]*="//; s/"$//' | grep -vE '^(https?:|data:|//)' | sort -u)
relu_html=$(stat -c %s "$page" 2>/dev/null || echo 0)
relu_css=0 relu_svg=0 relu_other=0 relu_files=("$page")
for ref in $loads; do
    f="$site/relu/${ref%%[?#]*}"
    [[ -f $f ]] || continue
    relu_files+=("$f")
    size=$(stat -c %s "$f")
    case $f in
    *.css) relu_css=$((relu_css + size)) ;;
    *.svg) relu_svg=$((relu_svg + size)) ;;
    *) relu_other=$((relu_other + size)) ;;
    esac
done
relu_total=$((relu_html + relu_css + relu_svg + relu_other))
# And the math font files its stylesheets' @font-face rules make the browser load: those whose
# unicode-range holds a character of the page's formulas (python3; "-" without it).
relu_fonts=$(python3 - "$page" "${relu_files[@]}" <<'PY' 2>/dev/null || echo -
import html, os, re, sys
page, files = sys.argv[1], sys.argv[2:]
text = open(page, encoding="utf-8").read()
used = {ord(c) for m in re.findall(r"<math[\s>][\s\S]*?</math>", text)
        for c in html.unescape(re.sub(r"<[^>]*>", "", m))}
total = 0
for css in (f for f in files if f.endswith(".css")):
    for face in re.findall(r"@font-face\s*{([^}]*)}", open(css, encoding="utf-8").read()):
        url = re.search(r"url\(\s*[\"']?([^\"')]+)", face)
        ranges = re.search(r"unicode-range\s*:([^;}]*)", face)
        if not url or not used:
            continue
        spans = [[int(x, 16) for x in r.strip()[2:].split("-")] for r in ranges.group(1).split(",")] if ranges else [[0, 0x10FFFF]]
        if any(a <= c <= (b[0] if b else a) for c in used for a, *b in spans):
            total += os.path.getsize(os.path.join(os.path.dirname(css), url.group(1)))
print(total)
PY
)
relu_gz=0
for f in "${relu_files[@]}"; do
    relu_gz=$((relu_gz + $(gzip -9c "$f" | wc -c)))
done
gen_dir="$tmp/out-nnbook-${*: -1}"
read -r gen_count gen_svg < <(inlined "$gen_dir" "$svg_re" 2>/dev/null || echo 0 0)
kb() { awk -v v="$1" 'BEGIN { printf "%.1f", v / 1000 }'; }

shipped_wall=$(pick shipped 0 3 median)
shipped_rss=$(pick shipped 0 5 median)
large=${*: -1}
echo
echo "## The shipped site ($(find "$repo/content" -name '*.md' | wc -l) lesson files, $svg_count figures and diagrams)"
echo
echo "| measure | value |"
echo "|---|---:|"
echo "| cold process, release, median of $shipped_runs: wall | $(ms1 "$shipped_wall") ms (min $(ms1 "$(pick shipped 0 3 min)"), max $(ms1 "$(pick shipped 0 3 max)")) |"
echo "| cold process: CPU (user+sys) / peak RSS | $(ms "$(pick shipped 0 4 median)") ms / $(mib "$shipped_rss") MiB |"
echo "| average figure (inlined SVG) | $(kb $((svg_bytes / (svg_count > 0 ? svg_count : 1)))) KB ($svg_count drawings; $csv_count data links average $(kb $((csv_bytes / (csv_count > 0 ? csv_count : 1)))) KB) |"
echo "| average figure (SVG), generated N=$large | $(kb $((gen_svg / (gen_count > 0 ? gen_count : 1)))) KB ($gen_count figures) |"
echo "| ReLU page weight: HTML + the files it names | $(kb $relu_total) KB (HTML $(kb "$relu_html"), CSS $(kb "$relu_css"), SVG $(kb "$relu_svg"), other $(kb "$relu_other")); each file gzip -9: $(kb "$relu_gz") KB |"
if [[ $relu_fonts == - ]]; then
    echo "| ... and the math font its formulas load | - (not measured: python3 could not read it) |"
else
    echo "| ... and the math font its formulas load | $(kb $((relu_total + relu_fonts))) KB (the font files $(kb "$relu_fonts")) |"
fi

# Against the issue's targets (1 KB = 1000 bytes).
check() { awk -v v="$1" -v t="$2" 'BEGIN { if (v == "-") print "-"; else if (v + 0 <= t + 0) print "met"; else print "**missed**" }'; }
per_lesson=$(awk -v a="$(pick nnbook 100 3 median)" -v b="$(pick nnbook 1000 3 median)" 'BEGIN { if (a == "-" || b == "-") print "-"; else printf "%.3f", (b - a) / 900 }')
wall_1000=$(pick nnbook 1000 3 median)
rss_1000=$(pick nnbook 1000 5 median)
rss_1000_mib=$(mib "$rss_1000")
avg_fig_kb=$(kb $((svg_bytes / (svg_count > 0 ? svg_count : 1))))
relu_kb=$(kb $relu_total)
echo
echo "## Against the targets"
echo
echo "| target | measured | |"
echo "|---|---:|---|"
echo "| 1,000 lessons / 7,000 figures, release, wall ≤ 1.0 s | $(ms1 "$wall_1000") ms | $(check "$wall_1000" 1000) |"
echo "| peak memory at 1,000 lessons ≤ 150 MiB | $rss_1000_mib MiB | $(check "$rss_1000_mib" 150) |"
echo "| shipped site, cold process ≤ 20 ms | $(ms1 "$shipped_wall") ms | $(check "$shipped_wall" 20) |"
echo "| cost per extra lesson (100 -> 1000) ≤ 0.9 ms | $per_lesson ms | $(check "$per_lesson" 0.9) |"
echo "| average figure ≤ 8 KB | $avg_fig_kb KB | $(check "$avg_fig_kb" 8) |"
echo "| ReLU page weight ≤ 150 KB: the files it names | $relu_kb KB | $(check "$relu_kb" 150) |"
if [[ $relu_fonts != - ]]; then
    relu_font_kb=$(kb $((relu_total + relu_fonts)))
    echo "| ... with the math font its formulas load | $relu_font_kb KB | $(check "$relu_font_kb" 150) |"
fi

if [[ ${KEEP:-0} == 1 ]]; then
    echo
    echo "(raw results: $results; projects and outputs in $tmp)"
fi
