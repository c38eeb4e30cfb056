#!/usr/bin/env bash
# CLI contract of `vigie eval --format gold-jsonl`: sentiment, topics and
# stance scored together per language, predictions per item, errors.
set -u
vigie=$1; src=$2; scratch=$3
mkdir -p "$scratch"
export VIGIE_DATA_DIR="$src/corpora"
fail() { echo "FAIL: $*" >&2; exit 1; }

# Two English items and one French: the first is plainly negative and about
# the death penalty, the second is the reverse of what Vigie gives it (gold
# says positive/prohibition/no topic: every task is wrong), the French one
# has a topic the rules find.
cat > "$scratch/g.jsonl" <<'J'
{"id": "e1", "lang": "en", "text": "The death penalty for drug offences is barbaric and cruel.", "sentiment": "negative", "topics": ["death_penalty"], "stance": "reform", "phenomena": ["evaluative"]}
{"id": "e2", "lang": "en", "text": "The death penalty for drug offences is barbaric and cruel.", "sentiment": "positive", "topics": [], "stance": "prohibition", "phenomena": ["sarcasm"]}
J
printf '%s\n' '{"id": "f1", "lang": "fr", "text": "La police a saisi 300 kg de cocaïne au port.", "sentiment": "neutral", "topics": ["trafficking"], "stance": "none", "phenomena": ["headline"]}' > "$scratch/f.jsonl"
"$vigie" eval --format gold-jsonl --stance-model none --relevance-model none --json \
  --predictions "$scratch/p.jsonl" "$scratch/g.jsonl" "$scratch/f.jsonl" > "$scratch/out.json" || fail "eval exited $?"
python3 - "$scratch/out.json" "$scratch/p.jsonl" <<'PY' || fail "metrics or predictions wrong"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["items"] == 3, r
assert set(r["languages"]) == {"en", "fr"}, r["languages"].keys()
en = r["languages"]["en"]
assert en["items"] == 2
# e1 and e2 get the same prediction; whatever it is, exactly one of them is right per task.
assert en["sentiment"]["accuracy"] <= 0.5 and en["stance"]["accuracy"] <= 0.5, en
assert en["stance"]["sided"] == 2, en["stance"]
assert len(en["sentiment"]["confusion"]["rows"]) == 3
assert en["sentiment"]["confusion"]["order"] == ["negative", "neutral", "positive"]
assert en["stance"]["confusion"]["order"] == ["reform", "prohibition", "none"]
assert en["phenomena"]["sarcasm"]["items"] == 1
assert en["phenomena"]["sarcasm"]["topics_exact_accuracy"] == 0, en["phenomena"]
assert "micro_f1" in en["topics"] and "macro_f1" in en["topics"]
assert r["languages"]["fr"]["topics"]["per_topic"]["trafficking"]["tp"] == 1, r["languages"]["fr"]["topics"]
assert r["all"]["items"] == 3
p = [json.loads(l) for l in open(sys.argv[2])]
assert [x["id"] for x in p] == ["e1", "e2", "f1"], p
for x in p:
    assert set(x) >= {"id", "gold", "predicted", "score"}, x
    assert x["predicted"]["sentiment"] in ("negative", "neutral", "positive")
    assert x["predicted"]["stance"] in ("reform", "prohibition", "none")
assert "death_penalty" in p[0]["predicted"]["topics"], p[0]
assert p[0]["predicted"] == p[1]["predicted"]
assert -1 <= p[0]["score"]["sentiment"] <= 1
PY
# the table names every language and the summary rows
"$vigie" eval --format gold-jsonl --stance-model none --relevance-model none "$scratch/g.jsonl" "$scratch/f.jsonl" > "$scratch/out.txt" || fail "table exited $?"
grep -q '^stance wrong side' "$scratch/out.txt" || fail "no wrong-side row"
grep -q '^topics micro-F1' "$scratch/out.txt" || fail "no topics row"
grep -q '^fr:' "$scratch/out.txt" || fail "no French section"
# errors: missing file 1, no file 2, bad label names file:line and exits 1
"$vigie" eval --format gold-jsonl "$scratch/missing.jsonl" 2>/dev/null; [ $? -eq 1 ] || fail "missing file should exit 1"
"$vigie" eval --format gold-jsonl 2>/dev/null; [ $? -eq 2 ] || fail "no file should exit 2"
"$vigie" eval --gold "$scratch/g.jsonl" --format tsv --stance-model none 2>/dev/null; [ $? -eq 2 ] || fail "--stance-model without gold-jsonl should exit 2"
printf '%s\n' '{"id": "b", "text": "x", "sentiment": "happy", "topics": [], "stance": "none"}' > "$scratch/bad.jsonl"
msg=$("$vigie" eval --format gold-jsonl "$scratch/bad.jsonl" 2>&1 >/dev/null); rc=$?
[ $rc -eq 1 ] || fail "bad label should exit 1 (got $rc)"
echo "$msg" | grep -q 'bad.jsonl:1' || fail "bad label message should name file:line: $msg"
echo PASS
