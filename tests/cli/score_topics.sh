# vigie score --json also gives topics, aspect sentiment and stance.
source "$(dirname "$0")/lib/common.bash"
# The shipped cue lexicons alone, whatever model this machine trained
# (scripts/train-local-models writes one beside the binary).
export VIGIE_STANCE_MODEL=none
cat > texts.txt <<'T'
Naloxone saves lives and needle exchanges stop HIV. The overdose crisis is a disaster.
We must crack down on dealers and keep cannabis illegal.
La légalisation du cannabis au Canada est un succès.
Pot roast with carrots is my favourite Sunday dinner.
T
"$VIGIE" score --json --lang en texts.txt > scores.jsonl 2> err.txt || { fail "score --json"; cat err.txt >&2; }
expect_eq "$(wc -l < scores.jsonl | tr -d ' ')" 4 "one JSON object per input line"
row() { sed -n "$1p" scores.jsonl > row.json; json_get row.json "$2"; }
expect_eq "$(row 1 '"harm_reduction" in d["topics"] and "overdose" in d["topics"]')" True "line 1: harm reduction and overdose"
expect_eq "$(row 1 'd["aspects"]["overdose"] < 0')" True "line 1: the overdose sentence is negative"
expect_eq "$(row 2 'd["stance"]')" prohibition "line 2: prohibition stance"
expect_eq "$(row 2 '"cannabis_regulation" in d["topics"]')" True "line 2: cannabis regulation"
expect_eq "$(row 4 'd["topics"]')" "[]" "line 4: cooking 'pot' is no topic"
expect_eq "$(row 4 'd["stance"]')" none "line 4: no stance"
expect_eq "$(row 2 'd["stance_lean"]')" prohibition "line 2: leans to prohibition"
expect_eq "$(row 4 'd["stance_lean"]')" none "line 4: no cue, no lean"
"$VIGIE" score --json --no-topics --lang en texts.txt > plain.jsonl
expect_eq "$(sed -n 1p plain.jsonl | python3 -c 'import json,sys; print("topics" in json.load(sys.stdin))')" False "--no-topics leaves them out"
printf 'La légalisation du cannabis au Canada est un succès.\n' | "$VIGIE" score --json > fr.json
expect_eq "$(json_get fr.json 'd["lang"]')" fr "French detected"
expect_eq "$(json_get fr.json '"cannabis_regulation" in d["topics"]')" True "French text tagged cannabis_regulation"

# A stance model trained on a tiny hand-written file, then used by score and
# topics through each step of the lookup: --stance-model, $VIGIE_STANCE_MODEL,
# and <exe dir>/../models/stance-en.model.
for i in 1 2 3 4 5 6; do
  printf 'reform\tfree the leaf now number %s\n' "$i"
  printf 'prohibition\tstop the leaf now number %s\n' "$i"
  printf 'none\tthe weather today number %s\n' "$i"
done > tiny.tsv
expect_status 0 "train a stance model on 18 lines" "$VIGIE" topics --train-stance tiny.tsv --lang en --model-out tiny.model \
  --epochs 30 --learning-rate 0.5
expect_status 0 "cross-validate it" "$VIGIE" topics --train-stance tiny.tsv --lang en --cv 3 --json --epochs 30 --learning-rate 0.5
expect_eq "$(json_get last.out 'len(d["macro_f1"])')" 3 "one macro-F1 per fold"
printf 'free the leaf\nstop the leaf\n' > two.txt
"$VIGIE" topics --tag two.txt --lang en --stance-model tiny.model --no-model-gate > tagged.jsonl
expect_eq "$(python3 -c 'import json; print([json.loads(l)["stance"] for l in open("tagged.jsonl")])')" \
  "['reform', 'prohibition']" "the model's labels with --stance-model"
VIGIE_STANCE_MODEL=$PWD/tiny.model "$VIGIE" topics --stance-info --json > info.json
expect_eq "$(json_get info.json 'd["source"]')" env "model found through VIGIE_STANCE_MODEL"
expect_eq "$(json_get info.json '"+model-en-" in d["stance_model"]')" True "stance model version names the model"
"$VIGIE" topics --stance-info --json > info.json
expect_eq "$(json_get info.json 'd["source"]')" none "VIGIE_STANCE_MODEL=none: cues only"
# Beside a copy of the binary: bin/vigie finds models/stance-en.model.
mkdir -p copy/bin copy/models
cp "$VIGIE" copy/bin/vigie
cp tiny.model copy/models/stance-en.model
(unset VIGIE_STANCE_MODEL; copy/bin/vigie topics --stance-info --json) > info.json
expect_eq "$(json_get info.json 'd["source"]')" exe "model found beside the executable"
(unset VIGIE_STANCE_MODEL; copy/bin/vigie topics --stance-info --json --stance-model none) > info.json
expect_eq "$(json_get info.json 'd["source"]')" none "--stance-model none wins over the model beside the executable"
expect_status 2 "a named model that does not exist is a usage error" \
  "$VIGIE" topics --stance-info --stance-model missing.model
# The index metadata records the model in use.
VIGIE_STANCE_MODEL=$PWD/tiny.model "$VIGIE" index --db idx "$SRC/corpora/sample/twitter-v1.jsonl" > /dev/null 2>&1
"$VIGIE" stats --db idx --json > stats.json 2> /dev/null
expect_eq "$(json_get stats.json '"+model-en-" in d["metadata"]["vigie.stance_model"]')" True \
  "vigie.stance_model in the index metadata names the model"
rm -rf copy idx
finish
