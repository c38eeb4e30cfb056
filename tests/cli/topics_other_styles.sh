# Topics on texts in other styles than the drug-policy gold's (long forum
# posts, agency copy with quotes, short slang replies, dialect) and on
# off-topic lookalikes, in all six languages: tests/fixtures/topics/
# other-styles.jsonl, written for this project and labelled by the gold
# README's topic rules. `vigie eval --format gold-jsonl` must keep topics
# micro-F1 at or above 0.70 in every language, and tag none of the
# off-topic lines (bookmarks, Coca-Cola, posters, "opium of the people",
# autumn leaves, skating).
source "$(dirname "$0")/lib/common.bash"
FIX=$SRC/tests/fixtures/topics/other-styles.jsonl
"$VIGIE" eval --format gold-jsonl --json --predictions pred.jsonl "$FIX" > eval.json 2> err.txt ||
  { fail "eval --format gold-jsonl"; cat err.txt >&2; }
python3 - eval.json pred.jsonl > checks.txt <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for lang in ["ar", "en", "es", "fr", "ru", "zh"]:
    f = r["languages"][lang]["topics"]["micro_f1"]
    print(f"{lang}-micro-f1 {f:.3f}", "ok" if f >= 0.70 else "low")
for line in open(sys.argv[2], encoding="utf-8"):
    p = json.loads(line)
    if not p["gold"]["topics"]:
        print(f"{p['id']}-offtopic {','.join(p['predicted']['topics']) or '-'}", "ok" if not p["predicted"]["topics"] else "tagged")
PY
while read -r what value verdict; do
  expect_eq "$verdict" ok "$what $value"
done < checks.txt
# A substance named in a text about another measure does not tag its
# regulation; with a word of regulation it does.
"$VIGIE" score --json --lang en > two.jsonl <<'TXT' || fail "score --json"
Singapore hanged a man over a kilo of cannabis.
Germany made cannabis legal for adults.
TXT
expect_eq "$(sed -n 1p two.jsonl | python3 -c 'import json,sys; print(sorted(json.load(sys.stdin)["topics"]))')" \
  "['death_penalty']" "a kilo of cannabis in an execution story"
expect_eq "$(sed -n 2p two.jsonl | python3 -c 'import json,sys; print(sorted(json.load(sys.stdin)["topics"]))')" \
  "['cannabis_regulation']" "legal cannabis"
finish
