#!/usr/bin/env bash
# CLI contract of `vigie eval` on a tiny gold file with hand-computed metrics.
set -u
vigie=$1; src=$2; scratch=$3
mkdir -p "$scratch"
export VIGIE_DATA_DIR="$src/corpora"
fail() { echo "FAIL: $*" >&2; exit 1; }

# 4 items; the English lexicon scores them positive, negative, positive, neutral
# (love, hate, good, no sentiment word). Gold: pos, neg, neg, neu.
# Confusion rows gold: neg [1 0 1], neu [0 1 0], pos [0 0 1]
#   accuracy 3/4; neg P 1 R .5 F1 2/3; neu F1 1; pos P .5 R 1 F1 2/3
#   macro-F1 (2/3+1+2/3)/3 = 0.7778; F1(pos,neg) = 0.6667
printf 'positive\tI love it\nnegative\tI hate it\nnegative\tthis is good\nneutral\tthe table is brown\n' > "$scratch/gold.tsv"
"$vigie" eval --gold "$scratch/gold.tsv" --format tsv --lang en --json --write-accuracy "$scratch/acc.json" > "$scratch/out.json" || fail "eval exited $?"
python3 - "$scratch/out.json" "$scratch/acc.json" <<'PY' || fail "metrics differ from the hand computation"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["items"] == 4, r
assert abs(r["accuracy"] - 0.75) < 1e-4, r
assert abs(r["macro_f1"] - 0.7778) < 1e-4, r
assert abs(r["f1_pos_neg"] - 0.6667) < 1e-4, r
assert r["confusion"] == [[1, 0, 1], [0, 1, 0], [0, 0, 1]], r
assert abs(r["classes"]["negative"]["recall"] - 0.5) < 1e-4
a = json.load(open(sys.argv[2]))
assert abs(a["en"]["macro_f1"] - 0.7778) < 1e-4, a
PY

# graded gold (vader format): Pearson r reported
printf '1\t2.5\tI love it\n2\t-2.0\tI hate it\n3\t0.1\tthe table\n' > "$scratch/v.txt"
"$vigie" eval --gold "$scratch/v.txt" --format vader --lang en | grep -q '^pearson r' || fail "no pearson r"
# table output and errors
"$vigie" eval --gold "$scratch/gold.tsv" --format tsv --lang en | grep -q '^macro-F1   0.7778' || fail "table"
"$vigie" eval --gold "$scratch/gold.tsv" --format nope 2>/dev/null; [ $? -eq 2 ] || fail "bad format should exit 2"
"$vigie" eval --gold "$scratch/none.tsv" --format tsv 2>/dev/null; [ $? -eq 1 ] || fail "missing gold should exit 1"
echo PASS
