# Shared by the benchmarks/serve_*.sh scripts (sourced): the options, the
# make-corpus corpus and its vigie index under WORK (built once, as
# search_latency.sh builds them), and starting `vigie serve` on a free
# loopback port.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$(cd "$here/.." && pwd)
docs=200000
work=${TMPDIR:-/tmp}/vigie-serve-bench
vigie=$src/build/app/vigie
runs=${runs:-5}
threads=4
extra=()
while [ $# -gt 0 ]; do
  case $1 in
    --docs) docs=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --vigie) vigie=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) extra+=("$1"); shift ;;
  esac
done
shared=${VIGIE_SHARED_DIR:-$src/../shared}
[ -x "$vigie" ] || { echo "no vigie binary at $vigie (use --vigie)" >&2; exit 2; }
mkdir -p "$work"
corpus=$work/corpus-$docs
if [ ! -f "$corpus/MANIFEST.json" ]; then
  "$shared/bench/make-corpus" --docs "$docs" --out "$corpus" > /dev/null
fi
inputs() { local c=$1; echo "$c/twitter-v1.jsonl" "$c/twitter-v2.json" "$c/reddit.jsonl" "$c/news.json" "$c/mediacloud.jsonl"; }
idx=$work/index-$docs
if [ ! -f "$idx/XAPIANDB" ] && [ ! -f "$idx/iamglass" ]; then
  echo "indexing $docs documents..." >&2
  # shellcheck disable=SC2046
  "$vigie" index --db "$idx" -q $(inputs "$corpus") || [ $? = 3 ]
fi

machine() {
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
}

# start_server LOG ARGS...: vigie serve on 127.0.0.1, any free port; sets
# $server_pid and $server_url.
start_server() {
  local log=$1; shift
  "$vigie" serve --listen 127.0.0.1:0 "$@" 2> "$log" &
  server_pid=$!
  server_url=
  for _ in $(seq 1 600); do
    server_url=$(sed -n 's/^listening on \(http:\/\/127\.0\.0\.1:[0-9]*\)\/$/\1/p' "$log")
    [ -n "$server_url" ] && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  cat "$log" >&2
  echo "vigie serve did not start" >&2
  exit 1
}
stop_server() { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
