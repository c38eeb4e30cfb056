#!/usr/bin/env bash
# End-to-end speed of `vigie score` against ../shared/bench/vader-reference
# (NLTK's VADER) on the VADER tweets repeated 50 times (210k lines), same
# input, same run, whole commands (start-up included). Checks first that
# the two agree (Pearson r of the compounds, share within 0.05).
# Usage: benchmarks/sentiment_speed.sh [VIGIE_BIN] [SHARED_DIR] [REPEAT]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
vigie=${1:-$here/build/app/vigie}
shared=${2:-${VIGIE_SHARED_DIR:-$here/../shared}}
repeat=${3:-50}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cut -f3 "$shared/data/vader/tweets_GroundTruth.txt" > "$tmp/once.txt"
for _ in $(seq "$repeat"); do cat "$tmp/once.txt"; done > "$tmp/in.txt"
lines=$(wc -l < "$tmp/in.txt")

now() { date +%s.%N; }
t0=$(now); "$shared/bench/vader-reference" < "$tmp/in.txt" > "$tmp/ref.txt"; t1=$(now)
"$vigie" score --lang en "$tmp/in.txt" | cut -f1 > "$tmp/vigie.txt"; t2=$(now)
"$vigie" score "$tmp/in.txt" > /dev/null; t3=$(now)
"$vigie" score --lang en --json "$tmp/in.txt" > /dev/null; t4=$(now)

python3 - "$tmp/ref.txt" "$tmp/vigie.txt" "$lines" "$t0" "$t1" "$t2" "$t3" "$t4" <<'PY'
import math, sys
ref = [float(x) for x in open(sys.argv[1])]
vig = [float(x) for x in open(sys.argv[2])]
n = int(sys.argv[3]); t0, t1, t2, t3, t4 = map(float, sys.argv[4:9])
assert len(ref) == len(vig) == n, (len(ref), len(vig), n)
mr, mv = sum(ref) / n, sum(vig) / n
r = sum((a - mr) * (b - mv) for a, b in zip(ref, vig)) / math.sqrt(
    sum((a - mr) ** 2 for a in ref) * sum((b - mv) ** 2 for b in vig))
close = sum(1 for a, b in zip(ref, vig) if abs(a - b) <= 0.05) / n
ref_s, vig_s, det_s, json_s = t1 - t0, t2 - t1, t3 - t2, t4 - t3
print("lines: %d" % n)
print("agreement with vader-reference: Pearson r %.4f, %.1f%% of lines within 0.05" % (r, 100 * close))
print("vader-reference:          %7.2f s  (%8.0f lines/s)" % (ref_s, n / ref_s))
print("vigie score --lang en:    %7.2f s  (%8.0f lines/s)  speed-up x%.1f" % (vig_s, n / vig_s, ref_s / vig_s))
print("vigie score (detect):     %7.2f s  (%8.0f lines/s)  speed-up x%.1f" % (det_s, n / det_s, ref_s / det_s))
print("vigie score --json:       %7.2f s  (%8.0f lines/s)  speed-up x%.1f" % (json_s, n / json_s, ref_s / json_s))
PY
