# Stance, sentiment and topics on Arabic, Chinese and Russian texts in
# other writers' styles (forum posts, agency copy with quotes, short
# replies, dialect and slang, sarcasm, off-topic lookalikes):
# tests/fixtures/stance/other-styles-{ar,zh,ru}.jsonl, labelled by the
# drug-policy gold's rules. Only their tune part (ids *-t-NN) is checked
# here, with floors a little under what Vigie reaches as shipped (no local
# model), so that a regression fails; the held part (*-h-NN) is measured
# as a whole in benchmarks/RESULTS.md, never tuned on.
source "$(dirname "$0")/lib/common.bash"
FIX=$SRC/tests/fixtures/stance
for lang in ar zh ru; do
  grep -- "-os-t-" "$FIX/other-styles-$lang.jsonl" > "tune-$lang.jsonl"
done
"$VIGIE" eval --format gold-jsonl --json --stance-model none --relevance-model none \
  tune-ar.jsonl tune-zh.jsonl tune-ru.jsonl > eval.json 2> err.txt ||
  { fail "eval --format gold-jsonl"; cat err.txt >&2; }
python3 - eval.json > checks.txt <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
# language: stance macro-F1, sentiment macro-F1, topics micro-F1 floors
floors = {"ar": (0.84, 0.70, 0.66), "zh": (0.84, 0.74, 0.78), "ru": (0.87, 0.63, 0.76)}
for lang, (stance, sentiment, topics) in floors.items():
    s = r["languages"][lang]
    for what, value, floor in [("stance-macro-f1", s["stance"]["macro_f1"], stance),
                               ("sentiment-macro-f1", s["sentiment"]["macro_f1"], sentiment),
                               ("topics-micro-f1", s["topics"]["micro_f1"], topics)]:
        print(f"{lang}-{what} {value:.3f}", "ok" if value >= floor else f"below-{floor}")
    # A wrong side is worse than none.
    w = s["stance"]["wrong_side_rate"]
    print(f"{lang}-wrong-side {w:.3f}", "ok" if w <= 0.05 else "above-0.05")
PY
while read -r what value verdict; do
  expect_eq "$verdict" ok "$what $value"
done < checks.txt
[ "$(wc -l < checks.txt)" -eq 12 ] || fail "expected 12 checks, got $(wc -l < checks.txt)"
# A text that takes a side is not neutral in tone where the general score
# finds none: the side's tone decides, the same with and without --explain,
# and the explanation says so.
for mode in "" "--explain"; do
  printf 'Налоксон должен быть в каждой аптечке.\nТюрьма наркоманию не лечит.\n' |
    "$VIGIE" score --json $mode --lang ru --stance-model none --relevance-model none > "tone$mode.jsonl" ||
    fail "score --json $mode"
  expect_eq "$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["label"] for l in open(sys.argv[1])))' "tone$mode.jsonl")" \
    "positive negative" "labels from the stance's tone $mode"
done
expect_eq "$(python3 -c 'import json,sys; print(" ".join(str(json.loads(l)["explain"]["sentiment"]["domain"]["stance_tone"]) for l in open(sys.argv[1])))' tone--explain.jsonl)" \
  "1 -1" "explained stance tone"
finish
