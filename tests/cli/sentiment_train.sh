#!/usr/bin/env bash
# `vigie train` then `vigie score --model` on a small generated set whose
# words are in no lexicon: only the trained model can get them right.
set -u
vigie=$1; src=$2; scratch=$3
mkdir -p "$scratch"
export VIGIE_DATA_DIR="$src/corpora"
fail() { echo "FAIL: $*" >&2; exit 1; }
python3 - "$scratch" <<'PY'
import random, sys
d = sys.argv[1]
rng = random.Random(7)
pos, neg, fill = ["zorple", "frimbly"], ["blickish", "grondy"], ["table", "walk", "city", "paper", "river"]
def make(n, path):
    with open(path, "w") as f:
        for _ in range(n):
            c = rng.choice(["positive", "negative", "neutral"])
            w = [rng.choice(pos)] if c == "positive" else [rng.choice(neg)] if c == "negative" else []
            words = [rng.choice(fill) for _ in range(4)] + w
            rng.shuffle(words)
            f.write("%s\t%s\n" % (c, " ".join(words)))
make(400, d + "/train.tsv"); make(100, d + "/dev.tsv")
PY
"$vigie" train --lang en --train "$scratch/train.tsv" --dev "$scratch/dev.tsv" --out "$scratch/m.model" \
    --hash-bits 12 --name tiny 2> "$scratch/train.log" > "$scratch/train.out" || fail "train exited $?"
grep -q 'dev macro-F1: model' "$scratch/train.out" || fail "no comparison line"
out=$(printf 'table zorple city\nriver grondy walk\ncity paper river\n' | "$vigie" score --lang en --model "$scratch/m.model") || fail "score with model"
[ "$(echo "$out" | cut -f2 | tr '\n' ' ')" = "positive negative neutral " ] || fail "model predictions: $out"
"$vigie" eval --gold "$scratch/dev.tsv" --format tsv --lang en --model "$scratch/m.model" --json | \
  python3 -c "import json,sys; r=json.load(sys.stdin); assert r['accuracy']>0.95, r" || fail "eval with model"
"$vigie" train --lang en --train "$scratch/missing.tsv" --out "$scratch/x.model" 2>/dev/null; [ $? -eq 1 ] || fail "missing train should exit 1"
"$vigie" train --train "$scratch/train.tsv" --out "$scratch/x.model" 2>/dev/null; [ $? -eq 2 ] || fail "missing --lang should exit 2"
echo PASS
