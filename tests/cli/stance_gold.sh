# Stance on labelled drug-policy texts (../shared/data/drug-policy-gold, read
# in place, never copied): `vigie score --json` with the shipped rules must
# judge the author's position, not the topic, in all six languages, and
# --explain must say why.
source "$(dirname "$0")/lib/common.bash"
GOLD=$SHARED/data/drug-policy-gold
[ -f "$GOLD/en.dev.jsonl" ] || { echo "no $GOLD: skipped"; exit 77; }
for lang in ar en es fr ru zh; do
  python3 -c 'import json,sys
for l in open(sys.argv[1], encoding="utf-8"):
    if l.strip(): print(json.loads(l)["text"].replace("\n", " "))' "$GOLD/$lang.dev.jsonl" > "$lang.txt"
  "$VIGIE" score --json --lang "$lang" --relevance-model none "$lang.txt" > "$lang.out" 2> err.txt ||
    { fail "score --json --lang $lang"; cat err.txt >&2; }
done
# Floors well above chance (macro-F1 0.33; the topic-following cues scored
# 0.31-0.37 with 15-21% of sided texts on the wrong side; the side taken from
# the judgement keeps every language at or under 13%). The combination
# layer learnt from these texts, so the floors leave room below its scores.
python3 - "$GOLD" > floors.txt <<'PY'
import json, sys
gold = sys.argv[1]
labels = ["reform", "prohibition", "none"]
fs = []
for lang in ["ar", "en", "es", "fr", "ru", "zh"]:
    g = [json.loads(l)["stance"] for l in open(f"{gold}/{lang}.dev.jsonl", encoding="utf-8") if l.strip()]
    p = [json.loads(l)["stance"] for l in open(f"{lang}.out", encoding="utf-8")]
    assert len(g) == len(p), (lang, len(g), len(p))
    f1 = []
    for c in labels:
        tp = sum(a == c and b == c for a, b in zip(g, p)); fp = sum(a != c and b == c for a, b in zip(g, p))
        fn = sum(a == c and b != c for a, b in zip(g, p))
        f1.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    sided = [(a, b) for a, b in zip(g, p) if a != "none"]
    wrong = sum(b != "none" and b != a for a, b in sided) / len(sided)
    f = sum(f1) / 3
    fs.append(f)
    print(lang, f"{f:.3f}", f"{wrong:.3f}", "ok" if f >= 0.55 and wrong <= 0.15 else "low")
print("mean", f"{sum(fs) / len(fs):.3f}", "-", "ok" if sum(fs) / len(fs) >= 0.60 else "low")
PY
cat floors.txt
while read -r lang f1 wrong verdict; do
  expect_eq "$verdict" ok "$lang stance macro-F1 $f1 (floor 0.55, mean 0.60), wrong side $wrong (ceiling 0.15)"
done < floors.txt

# The explanation: policy object, orientation, evaluation cues and flags.
printf 'Смертная казнь за наркотики — это варварство.\n' |
  "$VIGIE" score --json --explain --lang ru > ex.json || fail "score --json --explain"
expect_eq "$(json_get ex.json 'd["stance"]')" reform "condemning the death penalty is reform"
expect_eq "$(json_get ex.json 'd["explain"]["stance"]["orientation"]')" punitive "the object is punitive"
expect_eq "$(json_get ex.json 'd["explain"]["stance"]["evaluations"][0]["polarity"]')" condemns "the author condemns it"
expect_eq "$(json_get ex.json 'sorted(k for k in d["explain"]["stance"] if k in ("negation","sarcasm","attribution"))')" \
  "['attribution', 'negation', 'sarcasm']" "the flags are present"
finish
