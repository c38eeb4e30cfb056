# vigie topics --train-relevance / --relevance-model / --models-info: a topic
# relevance model trained on a tiny hand-written file adds its topic to
# English texts the rules miss, only without other rule topics (unless
# --relevance-beside-other-topics), and is found through --relevance-model,
# $VIGIE_RELEVANCE_MODEL and <exe dir>/../models/relevance-en.model.
source "$(dirname "$0")/lib/common.bash"
export VIGIE_DATA_DIR="$SRC/corpora"

# "frobnicate" marks the topic; the other words occur on both sides.
for i in 1 2 3 4 5 6 7 8 9 10; do
  printf 'on\tthey frobnicate the plan number %s\n' "$i"
  printf 'off\tthey discuss the plan number %s\n' "$i"
  printf 'off\tthe weather today number %s\n' "$i"
done > tiny.tsv
expect_status 0 "train a relevance model on 30 lines" "$VIGIE" topics --train-relevance tiny.tsv --lang en \
  --model-out tiny.model --epochs 20 --learning-rate 0.5 --char-ngrams 0
expect_grep '^topic cannabis_regulation$' tiny.model "the model names its topic"
expect_grep '^lang en$' tiny.model "the model names its language"
expect_status 0 "cross-validate it" "$VIGIE" topics --train-relevance tiny.tsv --lang en --cv 3 --json --epochs 20 \
  --learning-rate 0.5 --char-ngrams 0
expect_eq "$(json_get last.out 'd["recall"]')" 1.0 "CV recall on a separable set"
expect_eq "$(json_get last.out 'd["false_alarm"]')" 0.0 "CV false alarms on a separable set"
expect_status 1 "a bad label is a data error" "$VIGIE" topics --train-relevance <(printf 'maybe\ttext\n') --cv 2
expect_status 2 "--train-relevance needs --model-out or --cv" "$VIGIE" topics --train-relevance tiny.tsv
expect_status 2 "an unknown topic is a usage error" "$VIGIE" topics --train-relevance tiny.tsv --cv 2 \
  --relevance-topic no_such_topic
expect_status 2 "--relevance-model only with --tag or --models-info" "$VIGIE" topics --relevance-model tiny.model

printf 'they frobnicate the plan\nthey discuss the plan\nthey frobnicate the plan\nthey frobnicate drug trafficking and smuggling of cocaine\n' > four.txt
# tagged FILE [FIRST_N]: the sorted topic ids of each line.
tagged() { python3 -c 'import json,sys; print([sorted(json.loads(l)["topics"]) for l in open(sys.argv[1])][:int(sys.argv[2])])' "$1" "${2:-99}"; }
"$VIGIE" topics --tag four.txt --lang en --relevance-model tiny.model > with.jsonl
"$VIGIE" topics --tag four.txt --lang en > without.jsonl
expect_eq "$(tagged without.jsonl)" "[[], [], [], ['trafficking']]" "rules only (VIGIE_RELEVANCE_MODEL=none)"
expect_eq "$(tagged with.jsonl)" "[['cannabis_regulation'], [], ['cannabis_regulation'], ['trafficking']]" \
  "the model adds its topic, not beside another rule topic"
"$VIGIE" topics --tag four.txt --lang en --relevance-model tiny.model --relevance-beside-other-topics > beside.jsonl
expect_eq "$(tagged beside.jsonl)" "[['cannabis_regulation'], [], ['cannabis_regulation'], ['cannabis_regulation', 'trafficking']]" \
  "--relevance-beside-other-topics lets it add the topic beside trafficking"
"$VIGIE" topics --tag four.txt --lang fr --relevance-model tiny.model > fr.jsonl
expect_eq "$(tagged fr.jsonl 3)" "[[], [], []]" "an English model leaves French texts alone"
"$VIGIE" topics --tag four.txt --lang en --relevance-model tiny.model --relevance-threshold 1 > strict.jsonl
expect_eq "$(tagged strict.jsonl 3)" "[[], [], []]" "--relevance-threshold 1 adds nothing"

VIGIE_RELEVANCE_MODEL=$PWD/tiny.model "$VIGIE" topics --models-info --json > info.json
expect_eq "$(json_get info.json 'd["relevance_source"]')" env "model found through VIGIE_RELEVANCE_MODEL"
expect_eq "$(json_get info.json 'd["relevance_model"].startswith("relevance-cannabis_regulation-en-")')" True \
  "relevance model version names topic and language"
"$VIGIE" topics --models-info --json > info.json
expect_eq "$(json_get info.json 'd["relevance_model"]')" none "VIGIE_RELEVANCE_MODEL=none: rules only"
mkdir -p copy/bin copy/models
cp "$VIGIE" copy/bin/vigie
cp tiny.model copy/models/relevance-en.model
(unset VIGIE_RELEVANCE_MODEL; copy/bin/vigie topics --stance-info --json) > info.json
expect_eq "$(json_get info.json 'd["relevance_source"]')" exe "model found beside the executable"
(unset VIGIE_RELEVANCE_MODEL; copy/bin/vigie topics --models-info --json --relevance-model none) > info.json
expect_eq "$(json_get info.json 'd["relevance_source"]')" none "--relevance-model none wins over the model beside the executable"
expect_status 2 "a named model that does not exist is a usage error" \
  "$VIGIE" topics --models-info --relevance-model missing.model
printf 'vigie-relevance-model 1\ntopic cannabis_regulation\n' > broken.model
expect_status 1 "a malformed model is an error" "$VIGIE" topics --models-info --relevance-model broken.model

# The index records the relevance model in its metadata; checked once
# `vigie index` has the --relevance-model option (the analyzer builds its
# tagger with TopicTagger::load()).
if "$VIGIE" index --help 2>/dev/null | grep -q -- '--relevance-model'; then
  VIGIE_RELEVANCE_MODEL=$PWD/tiny.model "$VIGIE" index --db idx "$SRC/corpora/sample/twitter-v1.jsonl" > /dev/null 2>&1
  "$VIGIE" stats --db idx --json > stats.json 2> /dev/null
  expect_eq "$(json_get stats.json 'd["metadata"]["vigie.relevance_model"].startswith("relevance-cannabis_regulation-en-")')" \
    True "vigie.relevance_model in the index metadata names the model"
  "$VIGIE" index --db idx2 --relevance-model none "$SRC/corpora/sample/twitter-v1.jsonl" > /dev/null 2>&1
  "$VIGIE" stats --db idx2 --json > stats.json 2> /dev/null
  expect_eq "$(json_get stats.json 'd["metadata"]["vigie.relevance_model"]')" none "--relevance-model none: rules only"
else
  echo "note: vigie index has no --relevance-model yet; index metadata not checked"
fi
finish
