# Issue 5: vigie score --json also gives topics, aspect sentiment and stance.
source "$(dirname "$0")/lib/common.bash"
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
"$VIGIE" score --json --no-topics --lang en texts.txt > plain.jsonl
expect_eq "$(sed -n 1p plain.jsonl | python3 -c 'import json,sys; print("topics" in json.load(sys.stdin))')" False "--no-topics leaves them out"
printf 'La légalisation du cannabis au Canada est un succès.\n' | "$VIGIE" score --json > fr.json
expect_eq "$(json_get fr.json 'd["lang"]')" fr "French detected"
expect_eq "$(json_get fr.json '"cannabis_regulation" in d["topics"]')" True "French text tagged cannabis_regulation"
finish
