# Training lives in `vigie train --task sentiment|stance|relevance` (the
# older `vigie topics --train-stance/--train-relevance` still work and say
# where training went), `vigie topics --help` fits on one screen, and texts
# can be given on the command line: `vigie score --text`, `vigie topics --tag
# --text`; a text given where a file is expected says so.
source "$(dirname "$0")/lib/common.bash"

# A tiny stance set: 6 lines per class.
for i in 1 2 3 4 5 6; do
  printf 'reform\tWe must legalize and regulate cannabis now %s\n' "$i"
  printf 'prohibition\tCannabis must stay illegal and dealers jailed %s\n' "$i"
  printf 'none\tThe weather in Vienna was mild on day %s\n' "$i"
done > stance.tsv
for i in 1 2 3 4 5 6 7 8 9 10; do
  printf 'on\tthe cannabis shop licence rules changed %s\n' "$i"
  printf 'off\tthe football match ended in a draw %s\n' "$i"
done > onoff.tsv

# vigie train --task
expect_status 0 "train --help" "$VIGIE" train --help
expect_grep "--task" last.out "train --help documents --task"
expect_grep "stance" last.out "and names the stance task"
expect_status 0 "train --task stance --help" "$VIGIE" train --task stance --help
expect_grep "UKP" last.out "names the data set it is trained on"
expect_grep "--cv" last.out "documents --cv"
expect_status 0 "train --task relevance --help" "$VIGIE" train --task relevance --help
expect_grep "--relevance-topic" last.out "documents --relevance-topic"
expect_status 2 "unknown task" "$VIGIE" train --task colour --train stance.tsv --out m
expect_grep "sentiment, stance or relevance" last.err "lists the tasks"
expect_status 0 "train --task stance --out" "$VIGIE" train --task stance --train stance.tsv --lang en --out s.model \
  --epochs 3
[ -s s.model ] && pass "stance model written" || fail "no stance model"
expect_status 0 "train --task stance --cv" "$VIGIE" train --task stance --train stance.tsv --lang en --cv 3 --json \
  --epochs 3
expect_eq "$(json_get last.out 'd["examples"]')" 18 "cross-validated on every line"
expect_status 0 "train --task relevance --out" "$VIGIE" train --task relevance --train onoff.tsv --lang en \
  --out r.model --char-ngrams 0
[ -s r.model ] && pass "relevance model written" || fail "no relevance model"
expect_status 2 "a task needs --out or --cv" "$VIGIE" train --task stance --train stance.tsv
# The older spelling trains the same model and says where training lives.
expect_status 0 "topics --train-stance (older spelling)" "$VIGIE" topics --train-stance stance.tsv --lang en \
  --model-out s2.model --epochs 3
expect_grep "vigie train --task stance" last.err "says where training lives"
if cmp -s s.model s2.model; then pass "the same model"; else fail "topics --train-stance trains another model"; fi
expect_status 0 "the stance model is usable" "$VIGIE" topics --tag --text 'legalize cannabis' --lang en \
  --stance-model s.model

# topics --help: one screen, no training options.
"$VIGIE" topics --help > th.txt
lines=$(wc -l < th.txt)
[ "$lines" -le 50 ] && pass "topics --help has $lines lines" || fail "topics --help has $lines lines (> 50)"
if grep -qE -- "--train-|--epochs|--buckets|AdaGrad" th.txt; then fail "topics --help still shows training"; else
  pass "no training in topics --help"; fi
expect_grep "vigie train --task stance" th.txt "topics --help points to vigie train"

# Texts on the command line.
expect_status 0 "score --text (repeatable)" "$VIGIE" score --lang en --text 'I love this, it is wonderful' \
  --text 'This is terrible and awful'
expect_eq "$(wc -l < last.out)" 2 "one line per --text"
expect_eq "$(cut -f2 last.out | tr '\n' ' ')" "positive negative " "in order"
printf 'I love this, it is wonderful\n' | "$VIGIE" score --lang en > piped.out
expect_eq "$(head -1 piped.out)" "$("$VIGIE" score --lang en --text 'I love this, it is wonderful')" "--text scores as a line"
expect_status 0 "score --json --text" "$VIGIE" score --json --lang en --text 'great'
expect_eq "$(json_get last.out 'd["label"]')" positive "--json --text"
expect_status 1 "a text where a file is expected" "$VIGIE" score 'I love this'
expect_grep "no such file 'I love this'; to score this text use --text" last.err "score says to use --text"
expect_status 2 "--text and files" "$VIGIE" score --text 'x' stance.tsv
expect_status 0 "topics --tag --text" "$VIGIE" topics --tag --text 'We should legalize cannabis' \
  --text 'The weather is mild' --lang en
expect_eq "$(wc -l < last.out)" 2 "one JSON line per --text"
expect_eq "$(head -1 last.out | python3 -c 'import json,sys; print(json.load(sys.stdin)["stance"])')" reform "tagged"
expect_status 0 "topics --text alone implies --tag" "$VIGIE" topics --text 'legalize cannabis' --lang en
expect_status 2 "topics --tag with a text" "$VIGIE" topics --tag 'We should legalize cannabis'
expect_grep "no such file .*to tag this text use --tag --text" last.err "topics says to use --text"
finish
