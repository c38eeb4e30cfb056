#!/usr/bin/env bash
# End-to-end search latency of `vigie search` against SQLite FTS5 on the same
# texts. Builds, once, a make-corpus corpus, its vigie index and an
# FTS5 database under WORK, then times 20 fixed queries as whole commands.
#
#   benchmarks/search_latency.sh [--docs 200000] [--work DIR] [--vigie BIN] [--runs 5]
#
# Needs: /work/shared/bench/make-corpus (or $VIGIE_SHARED_DIR/bench), sqlite3
# (CLI) and python3. Prints Markdown tables (counts, then latencies).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
docs=200000
work=${TMPDIR:-/tmp}/vigie-search-bench
vigie=$src/build/app/vigie
runs=5
while [ $# -gt 0 ]; do
  case $1 in
    --docs) docs=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --vigie) vigie=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
shared=${VIGIE_SHARED_DIR:-$src/../shared}
[ -x "$vigie" ] || { echo "no vigie binary at $vigie (use --vigie)" >&2; exit 2; }
command -v sqlite3 > /dev/null || { echo "sqlite3 CLI not installed" >&2; exit 2; }
mkdir -p "$work"
corpus=$work/corpus-$docs
if [ ! -f "$corpus/MANIFEST.json" ]; then
  "$shared/bench/make-corpus" --docs "$docs" --out "$corpus" > /dev/null
fi
inputs=("$corpus/twitter-v1.jsonl" "$corpus/twitter-v2.json" "$corpus/reddit.jsonl" "$corpus/news.json"
        "$corpus/mediacloud.jsonl")
idx=$work/index-$docs
if [ ! -f "$idx/XAPIANDB" ]; then
  echo "indexing $docs documents..." >&2
  "$vigie" index --db "$idx" -q "${inputs[@]}" || [ $? = 3 ]
fi
echo "corpus: $docs make-corpus documents; vigie $("$vigie" --version); sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/search_latency.py" --vigie "$vigie" --db "$idx" --corpus "$corpus" --fts "$work/fts5-$docs.sqlite" \
  --runs "$runs"
