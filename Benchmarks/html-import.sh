#!/usr/bin/env bash
# HTML import benchmark (not a test). In one run over the same generated HTML exports
# (SIZE_MB, default 320: WechatExporter DOM pages and MemoTrace v2 script pages) it measures
#   (a) raw libxml2 SAX parsing by a tiny C program (Benchmarks/html-sax-baseline.c),
#   (b) the import runner without workspace writes (Benchmarks/ImportBench, release), and
#   (c) `beizhu import --workspace` (release),
# and prints wall time (fastest of RUNS, default 3), the ratio to (a), and peak RSS. Targets: (b)/(a) <= 1.5,
# (c)/(a) <= 2, peak RSS <= 64 MiB.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-320}
work=${TMPDIR:-/tmp}/beizhu-html-bench
data="$work/data-$size"
if [ ! -d "$data" ]; then
  rm -rf "$work"/data-*
  python3 Benchmarks/generate_html_exports.py "$data" "$size"
fi
mapfile -t pages < <(find "$data" -name '*.html' | sort)
echo "input: ${#pages[@]} pages, $(du -sm "$data" | cut -f1) MiB"

cc -O2 -o "$work/html-sax-baseline" Benchmarks/html-sax-baseline.c $(pkg-config --cflags --libs libxml-2.0)
# One release build serves both: the bench package builds Beizhu's own `beizhu` product too.
(cd Benchmarks/ImportBench && swift build -c release --product html-import-bench >/dev/null \
  && swift build -c release --product beizhu >/dev/null)
bench=Benchmarks/ImportBench/.build/release/html-import-bench
beizhu=Benchmarks/ImportBench/.build/release/beizhu

runs=${RUNS:-3}
# Wall times on a shared 2-core machine vary by ±20 % from one run to the next, so each step runs
# $runs times, interleaved with the others, and the fastest run counts (peak RSS: the largest).
declare -A best rss
measure() { # key, command… → remembers the fastest time and the largest peak RSS for key
  local key=$1; shift
  local out
  [ "$key" = c ] && rm -f "$work/bench.sqlite"*
  out=$( { /usr/bin/time -f "%e %M" "$@" >"$work/last-$key.out"; } 2>&1 | tail -1)
  local seconds=${out% *} kib=${out#* }
  if [ -z "${best[$key]:-}" ] || (( $(echo "$seconds < ${best[$key]}" | bc -l) )); then best[$key]=$seconds; fi
  if [ -z "${rss[$key]:-}" ] || (( kib > ${rss[$key]} )); then rss[$key]=$kib; fi
}
report() { # key, label
  printf "%-34s %8.2f s   peak RSS %7.1f MiB   (%s)\n" "$2" "${best[$1]}" "$(echo "${rss[$1]}/1024" | bc -l)" \
    "$(head -c 150 "$work/last-$1.out" | tr '\n' ' ')"
}

for _ in $(seq "$runs"); do
  measure a "$work/html-sax-baseline" "${pages[@]}"
  measure b "$bench" "$data"
  measure c "$beizhu" import "$data" --workspace "$work/bench.sqlite"
done
echo "fastest of $runs runs each:"
report a "(a) libxml2 SAX parse only (C)"
report b "(b) import, no workspace writes"
report c "(c) beizhu import --workspace"
printf "ratio parse-only (b)/(a): %.2f (target <= 1.5)\n" "$(echo "${best[b]}/${best[a]}" | bc -l)"
printf "ratio with writes (c)/(a): %.2f (target <= 2)\n" "$(echo "${best[c]}/${best[a]}" | bc -l)"
