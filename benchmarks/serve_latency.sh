#!/usr/bin/env bash
# Latency of `vigie serve`'s /api/search against SQLite FTS5 in-process
# (Python's sqlite3 module doing the same work: exact count, top 10 by BM25,
# snippets), over the 20 queries of search_latency.sh, interleaved in the
# same run. Builds, once, the make-corpus corpus, its index and the FTS5
# database under WORK.
#
#   benchmarks/serve_latency.sh [--docs 200000] [--work DIR] [--vigie BIN] [--runs 20] [--threads 4]
#
# Needs /work/shared/bench/make-corpus (or $VIGIE_SHARED_DIR/bench) and python3.
# Prints Markdown: per-query medians, then median, p95, p99 and ratios.
source "$(dirname "$0")/serve_common.sh"
echo "corpus: $docs make-corpus documents; vigie $("$vigie" --version | head -1); $(machine)"
start_server "$work/serve-latency.log" --db "$idx" --threads "$threads"
trap stop_server EXIT
python3 "$here/serve_latency.py" --url "$server_url" --corpus "$corpus" --fts "$work/fts5-$docs.sqlite" --runs "$runs"
echo "after: $(machine)"
