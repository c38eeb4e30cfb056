#!/usr/bin/env bash
# CLI contract of `vigie score`: one output line per input line, in order;
# --json objects with compound/label/lang/sentences; --explain; exit codes.
set -u
vigie=$1; src=$2; scratch=$3
mkdir -p "$scratch"
export VIGIE_DATA_DIR="$src/corpora"
fail() { echo "FAIL: $*" >&2; exit 1; }

printf 'I love this!\nI hate this.\nThe table is brown\n' > "$scratch/in.txt"
out=$("$vigie" score --lang en "$scratch/in.txt") || fail "score exited $?"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 3 ] || fail "expected 3 lines, got: $out"
printf '%s\n' "$out" | sed -n 1p | grep -q $'\tpositive\ten$' || fail "line 1 not positive: $out"
printf '%s\n' "$out" | sed -n 2p | grep -q $'\tnegative\ten$' || fail "line 2 not negative: $out"
printf '%s\n' "$out" | sed -n 3p | grep -q $'^0.0000\tneutral\ten$' || fail "line 3 not neutral 0: $out"

# stdin, --json, order kept over many batches and threads
for i in $(seq 1 3000); do echo "this is good"; echo "that was so bad"; done > "$scratch/many.txt"
"$vigie" score --lang en --json -j 2 < "$scratch/many.txt" > "$scratch/many.jsonl" || fail "json run failed"
[ "$(wc -l < "$scratch/many.jsonl")" -eq 6000 ] || fail "json: wrong line count"
python3 - "$scratch/many.jsonl" <<'PY' || fail "json content"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
for i, r in enumerate(rows):
    assert set(["compound", "label", "lang", "sentences"]) <= set(r), r
    assert -1 <= r["compound"] <= 1
    want = "positive" if i % 2 == 0 else "negative"
    assert r["label"] == want, (i, r)
    assert r["lang"] == "en"
PY

# detection without --lang, a language without lexicon, empty lines
printf 'Je suis très heureux de cette excellente nouvelle, merci beaucoup\n\n' | "$vigie" score --json > "$scratch/det.jsonl" || fail "detect run"
python3 -c "
import json,sys
r=[json.loads(l) for l in open('$scratch/det.jsonl')]
assert len(r)==2, r
assert r[0]['lang']=='fr' and r[0]['label']=='positive', r[0]
assert r[1]['compound']==0, r[1]
" || fail "detection output"

# --explain names the word and the rule
"$vigie" score --lang en --explain <<< "not very good" | grep -q 'negated(not)' || fail "explain"

# usage errors exit 2; a missing file exits 1
"$vigie" score --no-such-flag < /dev/null 2>/dev/null; [ $? -eq 2 ] || fail "bad flag should exit 2"
"$vigie" score --lang xx-nope < /dev/null 2>/dev/null; [ $? -eq 2 ] || fail "bad lang should exit 2"
"$vigie" score --model no-such-model < /dev/null 2>/dev/null; [ $? -eq 2 ] || fail "bad model should exit 2"
"$vigie" score "$scratch/missing.txt" 2>/dev/null; [ $? -eq 1 ] || fail "missing file should exit 1"
"$vigie" score --help | grep -q -- '--explain' || fail "help"
echo PASS
