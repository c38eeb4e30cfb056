#!/usr/bin/env bash
# Start-up and one-word search as whole commands: `vigie --version` and
# `vigie search WORD` against the `sqlite3` command (FTS5) doing the same work
# on the same texts, timed with hyperfine (wall time, interleaved by
# hyperfine's runs) and counted with callgrind (instructions: immune to the
# machine's load).
#   benchmarks/startup.sh --db VIGIE_INDEX --fts FTS5_DB [--vigie BIN]... [--word marijuana] [--runs 200]
# FTS5_DB is benchmarks/search_latency.sh's (build_fts in search_latency.py)
# over the same make-corpus texts. Several --vigie compare builds in one run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
vigies=(); db=""; fts=""; word=marijuana; runs=200
while [ $# -gt 0 ]; do
  case $1 in
    --vigie) vigies+=("$2"); shift 2 ;;
    --db) db=$2; shift 2 ;;
    --fts) fts=$2; shift 2 ;;
    --word) word=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ ${#vigies[@]} -gt 0 ] || vigies=("$here/../build/app/vigie")
[ -n "$db" ] && [ -n "$fts" ] || { echo "give --db and --fts" >&2; exit 2; }
for t in hyperfine valgrind sqlite3; do command -v $t > /dev/null || { echo "install $t" >&2; exit 2; }; done
# What `vigie search --limit 20` prints: the count, then the top 20 by BM25 with a snippet.
sql="SELECT count(*) FROM docs WHERE docs MATCH '$word'; SELECT rowid, snippet(docs, 1, '<b>', '</b>', '...', 24) FROM docs WHERE docs MATCH '$word' ORDER BY bm25(docs) LIMIT 20;"
cmds=()
for v in "${vigies[@]}"; do
  cmds+=("$v --version" "$v search --db $db --limit 20 $word")
done
cmds+=("sqlite3 $fts 'SELECT 1;'" "sqlite3 $fts \"$sql\"")
echo "machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
hyperfine -N --warmup 20 --runs "$runs" --export-json "$out/h.json" "${cmds[@]}" > /dev/null 2>&1
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
i=0
for c in "${cmds[@]}"; do
  eval "valgrind --tool=callgrind --callgrind-out-file=$out/cg.$i $c" > /dev/null 2> "$out/cg.$i.log"
  i=$((i + 1))
done
python3 - "$out" "${cmds[@]}" <<'PY'
import json, re, statistics, sys
out, cmds = sys.argv[1], sys.argv[2:]
res = json.load(open(out + "/h.json"))["results"]
print("| command | median ms | mean ms | user+sys ms (mean) | instructions (callgrind) |")
print("|---|---:|---:|---:|---:|")
for i, (c, r) in enumerate(zip(cmds, res)):
    ir = re.search(r"Collected : (\d+)", open(f"{out}/cg.{i}.log").read())
    print(f"| `{c}` | {1000 * r['median']:.2f} | {1000 * r['mean']:.2f} | {1000 * (r['user'] + r['system']):.2f} | "
          f"{int(ir.group(1)) if ir else 0:,} |")
PY
