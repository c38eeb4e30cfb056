#!/usr/bin/env bash
# Instructions per warm /api/search request (callgrind), for each of the 20
# queries of serve_latency.sh: a measure of the work of a request that other
# processes on the machine do not disturb, unlike wall-clock time.
#
#   benchmarks/serve_instructions.sh BIN INDEX [N] [PORT] > table.tsv
#
# BIN is a vigie binary (vigie-serve.so beside it); INDEX an index, e.g. the
# 200k make-corpus index serve_latency.sh builds. Each query is asked twice to
# warm up (the second search of an index revision builds its language map),
# then N times (default 5) counted. Prints "query string<TAB>instructions".
# Needs valgrind (callgrind_control) and curl.
set -euo pipefail
bin=$1 index=$2 n=${3:-5} port=${4:-18411}
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; rm -rf "$out"' EXIT
valgrind --tool=callgrind --callgrind-out-file="$out/cg.%p" "$bin" serve --listen "127.0.0.1:$port" --db "$index" \
  --threads 1 --request-timeout 600000 2>/dev/null &
pid=$!
for _ in $(seq 200); do curl -s -o /dev/null "http://127.0.0.1:$port/api/health" && break; sleep 0.5; done
(cd "$here" && python3 -c '
import search_latency, serve_latency
for q in search_latency.QUERIES: print(serve_latency.api_path(q[1]).split("?", 1)[1])
') | while read -r qs; do
  for _ in 1 2; do curl -s -o /dev/null "http://127.0.0.1:$port/api/search?$qs"; done
  callgrind_control -z "$pid" >/dev/null 2>&1
  for _ in $(seq "$n"); do curl -s -o /dev/null "http://127.0.0.1:$port/api/search?$qs"; done
  callgrind_control -d "$pid" >/dev/null 2>&1
  f=$(ls -t "$out"/cg."$pid".* | head -1)
  total=$(grep -E '^(summary|totals):' "$f" | head -1 | awk '{print $2}')
  printf '%s\t%d\n' "$qs" $((total / n))
  rm -f "$f"
done
