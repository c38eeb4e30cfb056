# vigie eval: --predictions writes one line per item (id, gold, predicted,
# score) for every format; --by-lang gives per-language metrics of a mixed
# set; --split is documented; a path the format cannot read is named with
# what was looked for.
source "$(dirname "$0")/lib/common.bash"

printf '%s\t%s\n' \
  positive "I love this, it is wonderful and great!" \
  negative "This is terrible, awful and I hate it." \
  neutral "The meeting is on Tuesday at noon." \
  positive "C'est magnifique, j'adore, excellent travail !" \
  negative "C'est horrible, affreux, je déteste ça." \
  neutral "La réunion a lieu mardi à midi." \
  positive "Es maravilloso, me encanta, excelente trabajo." > mixed.tsv

expect_status 0 "eval --predictions (tsv)" "$VIGIE" eval --gold mixed.tsv --format tsv --model lexicon --predictions pred.jsonl
expect_eq "$(wc -l < pred.jsonl | tr -d ' ')" 7 "one line per item"
expect_eq "$(python3 -c '
import json
rows = [json.loads(l) for l in open("pred.jsonl")]
print(all({"id", "gold", "predicted", "score"} <= set(r) for r in rows), [r["id"] for r in rows][:3], rows[0]["gold"], rows[1]["gold"])')" \
  "True ['1', '2', '3'] positive negative" "id, gold, predicted and score, in input order"
# The predictions agree with the reported accuracy.
acc=$(python3 -c '
import json
rows = [json.loads(l) for l in open("pred.jsonl")]
print("%.4f" % (sum(r["gold"] == r["predicted"] for r in rows) / len(rows)))')
expect_grep "^accuracy +$acc" last.out "the report's accuracy is that of the predictions ($acc)"
# Scores are those of vigie score.
want=$("$VIGIE" score --model lexicon --json --text "I love this, it is wonderful and great!" | python3 -c 'import json,sys; print("%.4f" % json.load(sys.stdin)["compound"])')
expect_eq "$(python3 -c 'import json; print("%.4f" % json.loads(open("pred.jsonl").readline())["score"])')" "$want" "score = vigie score's compound"

# Per language.
expect_status 0 "eval --by-lang" "$VIGIE" eval --gold mixed.tsv --format tsv --model lexicon --by-lang
expect_grep '^by language' last.out "a per-language table"
expect_grep '^en +3 ' last.out "English: 3 items"
expect_grep '^fr +3 ' last.out "French: 3 items"
expect_grep '^es +1 ' last.out "Spanish: 1 item"
expect_status 0 "eval --by-lang --json" "$VIGIE" eval --gold mixed.tsv --format tsv --model lexicon --by-lang --json
expect_eq "$(json_get last.out 'sorted((k, v["items"]) for k, v in d["by_lang"].items())')" "[('en', 3), ('es', 1), ('fr', 3)]" \
  "JSON by_lang: items per language"
expect_eq "$(json_get last.out 'sum(v["items"] for v in d["by_lang"].values()) == d["items"] and all("macro_f1" in v and "confusion" in v for v in d["by_lang"].values())')" \
  True "per-language metrics add up to the set"
python3 - <<'P' || fail "by_lang accuracy disagrees with the predictions"
import json, collections
d = json.load(open("last.out"))
rows = [json.loads(l) for l in open("pred.jsonl")]
by = collections.defaultdict(list)
for r in rows: by[r["lang"]].append(r["gold"] == r["predicted"])
for lang, ok in by.items():
    assert abs(d["by_lang"][lang]["accuracy"] - sum(ok) / len(ok)) < 1e-4, lang
print("ok: per-language accuracy = the predictions'")
P

# --split in --help.
expect_status 0 "eval --help" "$VIGIE" eval --help
expect_grep '--split' last.out "--help lists --split"
expect_grep 'hash-dev' last.out "and explains its values"
expect_grep '--by-lang' last.out "--help lists --by-lang"

# Wrong paths.
expect_status 1 "xlmt on a file" "$VIGIE" eval --gold mixed.tsv --format xlmt
expect_grep "format xlmt reads a directory holding val_text.txt" last.err "says what xlmt reads"
if grep -q 'tsvtext.txt' last.err; then fail "still names mixed.tsvtext.txt"; else pass "no glued file name"; fi
expect_status 1 "a missing file" "$VIGIE" eval --gold nowhere.tsv --format tsv
expect_grep "nowhere.tsv: no such file" last.err "names the missing file"
mkdir -p xl
expect_status 1 "xlmt without the split's files" "$VIGIE" eval --gold xl --format xlmt --split train
expect_grep "train_text.txt" last.err "names the split's file"
finish
