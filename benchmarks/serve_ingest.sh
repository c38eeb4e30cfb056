#!/usr/bin/env bash
# Indexing while serving: a second make-corpus corpus (--seed 2, the same
# size, other ids) is indexed into a copy of the served index while clients
# query it, and into another copy with nothing else running; the two
# alternate (alone, served, alone, served, ...) so they see the same machine.
# Reports each ingest's wall and CPU time, the slowdown of the served ingest
# over the median alone, and the clients' requests by status (every one must
# be 200).
#
#   benchmarks/serve_ingest.sh [--docs 200000] [--work DIR] [--vigie BIN] [--runs 2] [--threads 4]
#                              [--clients 8] [--interval-ms 250]
#
# Each client sends one of the 20 queries of search_latency.sh, waits for the
# answer, then waits --interval-ms: analysts at work, not a load test
# (serve_load.sh is that). Needs about three times the index's disk space.
runs=2
source "$(dirname "$0")/serve_common.sh"
clients=8 interval=250
set -- "${extra[@]+"${extra[@]}"}"
while [ $# -gt 0 ]; do
  case $1 in
    --clients) clients=$2; shift 2 ;;
    --interval-ms) interval=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
second=$work/corpus-b-$docs
if [ ! -f "$second/MANIFEST.json" ]; then
  "$shared/bench/make-corpus" --docs "$docs" --seed 2 --out "$second" > /dev/null
fi
echo "base index: $docs make-corpus documents (seed 1); ingest: $docs more (seed 2); vigie $("$vigie" --version | head -1)"
echo "clients: $clients, each one query then ${interval} ms; server --threads $threads"

# ingest DB: indexes the second corpus into DB; prints "WALL CPU" seconds.
ingest() {
  local t0 t1
  t0=$(date +%s.%N)
  # shellcheck disable=SC2046
  /usr/bin/time -f "%U %S" -o "$work/ingest.time" "$vigie" index --db "$1" -q $(inputs "$second") || [ $? = 3 ]
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" '{printf "%.1f %.1f\n", b - a, $1 + $2}' "$work/ingest.time"
}

results=$work/serve-ingest.tsv
: > "$results"
for run in $(seq 1 "$runs"); do
  for mode in alone served; do
    copy=$work/ingest-$mode
    rm -rf "$copy"
    cp -a "$(readlink -f "$idx")" "$copy"  # the index itself, also when --work links to it
    sync
    echo
    echo "run $run, $mode: before: $(machine)"
    if [ "$mode" = alone ]; then
      read -r wall cpu < <(ingest "$copy")
      echo "ingest alone: wall ${wall}s, CPU ${cpu}s"
    else
      start_server "$work/serve-ingest.log" --db "$copy" --threads "$threads"
      trap stop_server EXIT
      rm -f "$work/ingest.done"
      python3 "$here/serve_ingest_clients.py" --url "$server_url" --clients "$clients" --interval-ms "$interval" \
        --stop "$work/ingest.done" --out "$work/clients.json" &
      clients_pid=$!
      read -r wall cpu < <(ingest "$copy")
      touch "$work/ingest.done"
      wait "$clients_pid"
      stop_server
      echo "ingest while serving: wall ${wall}s, CPU ${cpu}s; clients: $(cat "$work/clients.json")"
    fi
    echo "after: $(machine)"
    printf '%s\t%s\t%s\t%s\n' "$run" "$mode" "$wall" "$cpu" >> "$results"
    rm -rf "$copy"
  done
done
python3 - "$results" <<'PY'
import statistics, sys
rows = [l.split("\t") for l in open(sys.argv[1]).read().split("\n") if l]
alone = [float(r[2]) for r in rows if r[1] == "alone"]
served = [float(r[2]) for r in rows if r[1] == "served"]
print()
print("| ingest | runs | wall s (each) | median wall s |")
print("|---|---:|---|---:|")
for name, xs in [("alone", alone), ("while serving", served)]:
    print("| %s | %d | %s | %.1f |" % (name, len(xs), " ".join("%.1f" % x for x in xs), statistics.median(xs)))
print()
print("slowdown of the served ingest: %+.0f%% (median served / median alone - 1; target <= 25%%); "
      "per pair: %s" % (100 * (statistics.median(served) / statistics.median(alone) - 1),
                         " ".join("%+.0f%%" % (100 * (s / a - 1)) for a, s in zip(alone, served))))
PY
