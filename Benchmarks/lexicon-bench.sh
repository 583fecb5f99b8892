#!/bin/sh
# Keyword scanner: shipped lexicon vs. shipped + 1 800 product words, release build.
# Usage: Benchmarks/lexicon-bench.sh [messages]   (default 1 000 000)
set -e
cd "$(dirname "$0")"
swift build -c release --product LexiconBench
.build/release/LexiconBench "${1:-1000000}"
