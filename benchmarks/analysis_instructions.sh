#!/usr/bin/env bash
# Instructions spent analysing documents at ingest (callgrind, collecting only
# inside Analyzer::analyze: tokenising, language id, sentiment, topics,
# stance, near-duplicate keys), a measure of the analysis cost that other
# processes on the machine do not disturb.
#
#   benchmarks/analysis_instructions.sh BIN [DOCS] [SEED]
#
# Builds (once) a make-corpus corpus of DOCS documents (default 2000, seed 7)
# under ${TMPDIR:-/tmp}/vigie-analysis-bench, indexes it with one thread and
# one shard, the stance and relevance models off, and prints the
# instructions. Needs valgrind.
set -euo pipefail
bin=$1 docs=${2:-2000} seed=${3:-7}
here=$(cd "$(dirname "$0")" && pwd)
shared=${VIGIE_SHARED_DIR:-$here/../../shared}
corpus=${TMPDIR:-/tmp}/vigie-analysis-bench/corpus-$docs-$seed
[ -f "$corpus/MANIFEST.json" ] || python3 "$shared/bench/make-corpus" --docs "$docs" --seed "$seed" --out "$corpus" > /dev/null 2>&1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
VIGIE_STANCE_MODEL=none VIGIE_RELEVANCE_MODEL=none valgrind --tool=callgrind --callgrind-out-file="$out/cg" \
  --toggle-collect='vigie::analytics::Analyzer::analyze*' "$bin" index --threads 1 --shards 1 --quiet --db "$out/db" \
  "$corpus"/{twitter-v1.jsonl,twitter-v2.json,reddit.jsonl,news.json,mediacloud.jsonl} > /dev/null 2>&1
callgrind_annotate "$out/cg" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }'
