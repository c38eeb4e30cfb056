#!/usr/bin/env bash
# End-to-end ingest benchmark: vigie index vs Xapian's scriptindex
# (xapian-omega) on the same make-corpus texts, in the same run, interleaved.
# scriptindex runs two scripts: benchmarks/tools/vigie.indexscript (what a
# plain Omega set-up does) and benchmarks/tools/minimal.indexscript (unique
# id, language filter, date value, free text).
#   benchmarks/ingest.sh [DOCS=200000] [RUNS=3]     (VIGIE, WORK, VIGIE_ARGS from the environment)
# Prints docs/s, the ratios, CPU time (user+sys), peak RSS and index size for
# each tool (medians), and the load average before and after. On a shared
# machine, read the CPU columns: wall time moves with the load, CPU time much
# less; the wall ratio is what a quiet machine would show only when vigie
# keeps every core busy.
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

measure() {  # name, command... -> "seconds peak_kb user_s sys_s"
  local name=$1; shift
  # Every input line is valid here, so anything but exit 0 is a failure
  # (exit 3 would mean rejects: the tools would not be indexing the same texts).
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/time.$name" "$@" >/dev/null 2>"$WORK/err.$name" || {
    echo "$name failed:" >&2; cat "$WORK/err.$name" "$WORK/time.$name" >&2; exit 1; }
  tail -n 1 "$WORK/time.$name"
}
# The five feed files (not MANIFEST.json).
inputs=("$WORK"/corpus/{twitter-v1.jsonl,twitter-v2.json,reddit.jsonl,news.json,mediacloud.jsonl})
VIGIE_ARGS=${VIGIE_ARGS:-}   # e.g. "--no-topics --no-dedup" to measure what analysis costs
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
: > "$WORK/vigie.runs"; : > "$WORK/si.runs"; : > "$WORK/min.runs"
for i in $(seq "$RUNS"); do
  rm -rf "$WORK/vigie-db" "$WORK/si-db" "$WORK/min-db"
  measure vigie "$VIGIE" index --quiet $VIGIE_ARGS --db "$WORK/vigie-db" "${inputs[@]}" >> "$WORK/vigie.runs"
  measure si scriptindex "$WORK/si-db" benchmarks/tools/vigie.indexscript "$WORK/si-input.txt" >> "$WORK/si.runs"
  measure min scriptindex "$WORK/min-db" benchmarks/tools/minimal.indexscript "$WORK/si-input.txt" >> "$WORK/min.runs"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
docs_v=$("$VIGIE" stats --db "$WORK/vigie-db" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
delve_docs() { xapian-delve "$1" | awk '/number of documents/ {print $NF}'; }
runs_of() { tr '\n' ',' < "$WORK/$1.runs" | sed 's/,$//'; }
python3 - "$DOCS" "$RUNS" "$load_before" "$load_after" \
  "vigie" "$docs_v" "$(runs_of vigie)" "$(du -sk "$WORK/vigie-db" | cut -f1)" \
  "scriptindex vigie.indexscript" "$(delve_docs "$WORK/si-db")" "$(runs_of si)" "$(du -sk "$WORK/si-db" | cut -f1)" \
  "scriptindex minimal.indexscript" "$(delve_docs "$WORK/min-db")" "$(runs_of min)" "$(du -sk "$WORK/min-db" | cut -f1)" <<'PY'
import statistics, sys
docs, runs, before, after = sys.argv[1:5]
tools = []
for i in range(5, len(sys.argv), 4):
    name, n, rs, kb = sys.argv[i:i + 4]
    pairs = [r.split() for r in rs.split(",")]
    secs = [float(p[0]) for p in pairs]
    cpus = [float(p[2]) + float(p[3]) for p in pairs]
    tools.append((name, int(n), statistics.median(secs), statistics.median(int(p[1]) for p in pairs),
                  int(kb), secs, statistics.median(cpus)))
print(f"corpus: make-corpus --docs {docs}; median of {runs} interleaved runs; load average {before} -> {after}")
print(f"{'tool':<34}{'docs':>9}{'seconds':>9}{'docs/s':>10}{'CPU s':>9}{'CPU ms/1k':>11}{'peak RSS MB':>13}{'index MB':>10}  runs (s)")
for name, n, t, m, kb, secs, cpu in tools:
    print(f"{name:<34}{n:>9}{t:>9.2f}{n / t:>10.0f}{cpu:>9.2f}{1e6 * cpu / n:>11.0f}{m / 1024:>13.0f}{kb / 1024:>10.0f}"
          f"  {' '.join(f'{s:.2f}' for s in secs)}")
v = tools[0]
for name, n, t, *_, cpu in tools[1:]:
    print(f"throughput ratio vigie / {name}: {(v[1] / v[2]) / (n / t):.2f}x wall, "
          f"{(v[1] / v[6]) / (n / cpu):.2f}x CPU (documents per CPU second)")
PY
