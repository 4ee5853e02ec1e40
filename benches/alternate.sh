#!/usr/bin/env bash
# Compare two nnbook binaries (say, release builds of two commits) building one project:
# alternating run by run, each run a new process building into an emptied output folder.
# Prints each binary's times and median (wall clock, ms).
#
#   benches/alternate.sh OLD_BINARY NEW_BINARY PROJECT OUTPUT [RUNS=5]
#
# OUTPUT is deleted before every run: point it at a scratch folder (on tmpfs, e.g.
# /dev/shm/out, or on the disk, to measure what users see).
set -euo pipefail
if [ $# -lt 4 ]; then
  sed -n 2,9p "$0"; exit 2
fi
old=$1 new=$2 project=$3 out=$4 runs=${5:-5}
declare -A times
for _ in $(seq "$runs"); do
  for which in old new; do
    bin=$old; [ "$which" = new ] && bin=$new
    rm -rf "$out"; sync
    start=$(date +%s%N)
    "$bin" build --root "$project" --out "$out" --quiet
    end=$(date +%s%N)
    times[$which]+="$(( (end - start) / 1000000 )) "
  done
done
for which in old new; do
  median=$(echo "${times[$which]}" | tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$which: ${times[$which]}ms; median $median ms"
done
