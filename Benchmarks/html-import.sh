#!/usr/bin/env bash
# HTML import benchmark (not a test). In one run over the same generated HTML exports
# (SIZE_MB, default 320: WechatExporter DOM pages and MemoTrace v2 script pages) it measures
#   (a) raw libxml2 SAX parsing by a tiny C program (Benchmarks/html-sax-baseline.c),
#   (b) the import runner without workspace writes (Benchmarks/ImportBench, release), and
#   (c) `beizhu import --workspace` (release),
# and prints wall time, the ratio to (a), and peak RSS. Targets: (b)/(a) <= 1.5,
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

measure() { # label, command… → prints; leaves the seconds in $last_seconds
  local label=$1; shift
  local out
  out=$( { /usr/bin/time -f "%e %M" "$@" >"$work/last.out"; } 2>&1 | tail -1)
  local seconds=${out% *} rss=${out#* }
  printf "%-34s %8.2f s   peak RSS %7.1f MiB   (%s)\n" "$label" "$seconds" "$(echo "$rss/1024" | bc -l)" "$(head -c 150 "$work/last.out" | tr '\n' ' ')"
  last_seconds=$seconds
}

measure "(a) libxml2 SAX parse only (C)" "$work/html-sax-baseline" "${pages[@]}"; base=$last_seconds
measure "(b) import, no workspace writes" "$bench" "$data"; parse=$last_seconds
rm -f "$work/bench.sqlite"*
measure "(c) beizhu import --workspace" "$beizhu" import "$data" --workspace "$work/bench.sqlite"; full=$last_seconds
printf "ratio parse-only (b)/(a): %.2f (target <= 1.5)\n" "$(echo "$parse/$base" | bc -l)"
printf "ratio with writes (c)/(a): %.2f (target <= 2)\n" "$(echo "$full/$base" | bc -l)"
