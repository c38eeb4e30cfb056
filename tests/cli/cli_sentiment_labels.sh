# Sentiment labels follow each language's neutral band everywhere: an Arabic
# text scoring +0.14 (between 0.05 and Arabic's positive threshold 0.28) is
# neutral in search, in trends of its topic (aspect sentiment), and in every
# format of the briefing - never positive by a fixed +/-0.05. The index uses
# the lexicon scorer, whose labels are the bands' by construction.
source "$(dirname "$0")/lib/common.bash"

cat > ar.jsonl <<'J'
{"created_at":"Tue Mar 12 10:00:00 +0000 2019","id_str":"4001","full_text":"تبادل الإبر برنامج مقبول","lang":"ar","user":{"screen_name":"a"}}
{"created_at":"Wed Mar 13 10:00:00 +0000 2019","id_str":"4002","full_text":"Needle exchange is great, I love it!","lang":"en","user":{"screen_name":"b"}}
J
expect_status 0 "index (lexicon scorer)" "$VIGIE" index --db idx --model lexicon -q ar.jsonl

expect_status 0 "score: the Arabic text" "$VIGIE" score --model lexicon --json --text "تبادل الإبر برنامج مقبول"
expect_eq "$(json_get last.out '(d["compound"] > 0.05, d["compound"] < 0.28, d["label"], "harm_reduction" in d["aspects"])')" \
  "(True, True, 'neutral', True)" "compound between 0.05 and 0.28, neutral, with a harm reduction aspect"

expect_status 0 "search --jsonl" "$VIGIE" search --db idx --jsonl lang:ar
expect_eq "$(json_get last.out '(d["id"], d["label"])')" "('4001', 'neutral')" "search: neutral"
expect_status 0 "search --csv" "$VIGIE" search --db idx --csv lang:ar
expect_grep ',neutral,' last.out "search CSV: neutral"

# Trends of the topic: the aspect score's label in Arabic's band.
expect_status 0 "trends --topic harm_reduction" "$VIGIE" trends --db idx --topic harm_reduction --lang ar --json
expect_eq "$(json_get last.out '[(e["sentiment"]["positive"], e["sentiment"]["neutral"]) for e in d["series"] if e["count"]]')" \
  "[(0, 1)]" "trends --topic: the Arabic aspect counts as neutral"
expect_status 0 "trends --compare topic:" "$VIGIE" trends --db idx --lang ar --json --compare topic:harm_reduction 'lang:ar'
expect_eq "$(json_get last.out '[v["sentiment"]["mean"] for e in d["series"] for v in e["values"] if v["count"]]')" \
  "[0.14, 0.14]" "compare: the same score"

# The briefing: topic series, examples and every format show the label
# that search shows.
expect_status 0 "report" "$VIGIE" report --db idx --week 2019-W11 --out rep
expect_eq "$(json_get rep/report.json '[(s["positive"], s["neutral"]) for t in d["topics"] if t["id"] == "harm_reduction" for s in [t["series"][-1]["sentiment"]]]')" \
  "[(1, 1)]" "report: the topic's week counts the Arabic text neutral, the English one positive"
expect_eq "$(json_get rep/report.json '[(x["why"], x["id"], x.get("label")) for t in d["topics"] if t["id"] == "harm_reduction" for x in t["examples"]]')" \
  "[('most engaged', '4001', 'neutral'), ('most positive', '4002', 'positive')]" "report examples carry their labels"
expect_grep '4001.*,neutral,' rep/examples.csv "examples.csv: neutral"
expect_grep 'sentiment \+0\.14 neutral' rep/report.md "report.md: +0.14 neutral"
expect_grep 'sentiment \+0\.14 neutral' rep/report.html "report.html: +0.14 neutral"
if grep -q '0\.05' rep/report.md; then fail "report.md still names a fixed 0.05 threshold"; else pass "no fixed 0.05 in the method"; fi
# Arabic only: the +0.14 text is never the 'most positive' example.
expect_status 0 "report --lang ar" "$VIGIE" report --db idx --week 2019-W11 --out rep-ar --lang ar
expect_eq "$(json_get rep-ar/report.json '[x["why"] for t in d["topics"] for x in t["examples"] if x["id"] == "4001"]')" \
  "['most engaged']" "the Arabic text is not 'most positive'"

# Languages scored by a trained model: the model decides the label and its
# compound is placed on the +-0.05 band, so the label follows the compound
# there too - in score, in search over the sample corpus (every language the
# sample has) and in its CSV. A margin of +0.03 is never "negative".
band_check='
def band(c):
    return "positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral"
'
cat > ru.txt <<'T'
Смертная казнь за наркотики — это варварство.
Конференция ООН по наркотикам пройдёт в Вене в марте.
Ну конечно, тюрьма для подростков решит все проблемы.
Программа заместительной терапии помогает людям вернуться к нормальной жизни.
Полиция задержала курьера с партией синтетических наркотиков.
T
expect_status 0 "score: Russian (trained model)" "$VIGIE" score --json --lang ru ru.txt
python3 - last.out <<PY > ru.check
import json, sys
$band_check
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
bad = [(r["compound"], r["label"]) for r in rows if band(r["compound"]) != r["label"]]
print(len(rows), bad)
PY
expect_eq "$(cat ru.check)" "5 []" "score --lang ru: every label follows its compound"

"$VIGIE" index --db sample "$SRC"/corpora/sample/* > /dev/null 2>&1
rc=$?
{ [ "$rc" = 0 ] || [ "$rc" = 3 ]; } || fail "cannot index the sample (exit $rc)"
expect_status 0 "search --jsonl: the whole sample" "$VIGIE" search --db sample --jsonl --limit 1000 ''
python3 - last.out <<PY > sample.check
import json, sys
$band_check
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
langs = sorted({r["lang"] for r in rows})
bad = [(r["id"], r["lang"], r["sentiment"], r["label"]) for r in rows if band(r["sentiment"]) != r["label"]]
print(len(rows) > 300, all(l in langs for l in ("ar", "es", "fr", "ru", "zh")), bad[:5])
PY
expect_eq "$(cat sample.check)" "True True []" "search: every sample label follows its compound"
finish
