#!/usr/bin/env bash
# End-to-end ingest benchmark: vigie index vs Xapian's scriptindex
# (xapian-omega) on the same make-corpus texts, in the same run.
#   benchmarks/ingest.sh [DOCS=200000] [RUNS=3]     (VIGIE, WORK, VIGIE_ARGS from the environment)
# Prints docs/s, the ratio, peak RSS and index size for each tool (medians).
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=${1:-200000}
RUNS=${2:-3}
SHARED=${VIGIE_SHARED_DIR:-../shared}
VIGIE=${VIGIE:-build/app/vigie}
WORK=${WORK:-/tmp/vigie-bench-ingest-$DOCS}
command -v scriptindex >/dev/null || { echo "install xapian-omega for scriptindex" >&2; exit 1; }
mkdir -p "$WORK"
if [ ! -f "$WORK/corpus/MANIFEST.json" ]; then
  python3 "$SHARED/bench/make-corpus" --docs "$DOCS" --out "$WORK/corpus" 2>/dev/null
fi
if [ ! -f "$WORK/si-input.txt" ]; then
  python3 benchmarks/tools/to_scriptindex.py "$WORK/corpus" > "$WORK/si-input.txt"
fi

measure() {  # name, command... -> "seconds peak_kb"
  local name=$1; shift
  # Every input line is valid here, so anything but exit 0 is a failure
  # (exit 3 would mean rejects: the tools would not be indexing the same texts).
  /usr/bin/time -f "%e %M" -o "$WORK/time.$name" "$@" >/dev/null 2>"$WORK/err.$name" || {
    echo "$name failed:" >&2; cat "$WORK/err.$name" "$WORK/time.$name" >&2; exit 1; }
  tail -n 1 "$WORK/time.$name"
}
# The five feed files (not MANIFEST.json).
inputs=("$WORK"/corpus/{twitter-v1.jsonl,twitter-v2.json,reddit.jsonl,news.json,mediacloud.jsonl})
VIGIE_ARGS=${VIGIE_ARGS:-}   # e.g. "--no-topics --no-dedup" to measure what analysis costs
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

: > "$WORK/vigie.runs"; : > "$WORK/si.runs"
for i in $(seq "$RUNS"); do
  rm -rf "$WORK/vigie-db" "$WORK/si-db"
  measure vigie "$VIGIE" index --quiet $VIGIE_ARGS --db "$WORK/vigie-db" "${inputs[@]}" >> "$WORK/vigie.runs"
  measure si scriptindex "$WORK/si-db" benchmarks/tools/vigie.indexscript "$WORK/si-input.txt" >> "$WORK/si.runs"
done
docs_v=$("$VIGIE" stats --db "$WORK/vigie-db" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
docs_s=$(xapian-delve "$WORK/si-db" | awk '/number of documents/ {print $NF}')
tv=$(cut -d' ' -f1 "$WORK/vigie.runs" | median); ts=$(cut -d' ' -f1 "$WORK/si.runs" | median)
mv=$(cut -d' ' -f2 "$WORK/vigie.runs" | median); ms=$(cut -d' ' -f2 "$WORK/si.runs" | median)
sv=$(du -sk "$WORK/vigie-db" | cut -f1); ss=$(du -sk "$WORK/si-db" | cut -f1)
python3 - "$DOCS" "$docs_v" "$docs_s" "$tv" "$ts" "$mv" "$ms" "$sv" "$ss" "$RUNS" <<'PY'
import sys
docs, dv, ds, tv, ts, mv, ms, sv, ss, runs = sys.argv[1:]
dv, ds, tv, ts = int(dv), int(ds), float(tv), float(ts)
print(f"corpus: make-corpus --docs {docs}; median of {runs} runs")
print(f"{'tool':<12}{'docs':>9}{'seconds':>9}{'docs/s':>10}{'peak RSS MB':>13}{'index MB':>10}")
print(f"{'vigie':<12}{dv:>9}{tv:>9.2f}{dv/tv:>10.0f}{int(mv)/1024:>13.0f}{int(sv)/1024:>10.0f}")
print(f"{'scriptindex':<12}{ds:>9}{ts:>9.2f}{ds/ts:>10.0f}{int(ms)/1024:>13.0f}{int(ss)/1024:>10.0f}")
print(f"throughput ratio vigie/scriptindex: {(dv/tv)/(ds/ts):.2f}x")
PY
