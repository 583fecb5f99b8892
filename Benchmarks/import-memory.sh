#!/usr/bin/env bash
# Import memory benchmark (not a test): imports a generated CSV of SIZE_MB (default 1024) with
# a release build and reports peak RSS, which must stay under 64 MiB whatever the file size.
# Baseline in the same run: `wc -l` over the same file (the cost of just reading it).
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1024}
work=${TMPDIR:-/tmp}/beizhu-bench
mkdir -p "$work/export/wxid_owner/csv/wxid_friend0001"
csv="$work/export/wxid_owner/csv/wxid_friend0001/wxid_friend0001_0_5000.csv"
# Reuse a file generated for this size only (a larger one from an earlier run would be measured instead).
bytes=$(stat -c %s "$csv" 2>/dev/null || echo 0)
if [ "$bytes" -lt $((size * 1024 * 1024)) ] || [ "$bytes" -ge $(((size + 1) * 1024 * 1024)) ]; then
  python3 Benchmarks/generate_pywxdump_csv.py "$csv" "$size"
fi
swift build -c release --product beizhu >/dev/null
rm -f "$work/bench.sqlite"*
echo "baseline: wc -l"
/usr/bin/time -f "  %e s, peak RSS %M KiB" wc -l "$csv"
echo "beizhu import"
/usr/bin/time -f "  %e s, peak RSS %M KiB" .build/release/beizhu import "$csv" --workspace "$work/bench.sqlite" >/dev/null
