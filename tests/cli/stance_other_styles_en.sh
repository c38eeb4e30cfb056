# English stance on texts of other writers and styles than the drug-policy
# gold (tests/fixtures/stance/, written and labelled before Vigie was run on
# them; see its README): crowd-style arguments for and against legal
# cannabis, measured by the pro/con accuracy of `stance_lean`, and forum
# posts, agency copy, short replies, slang and sarcasm, measured by `vigie
# eval --format gold-jsonl`. Each file has a tune part (-t- ids) and two held
# parts (-h-, -h2-); the floors sit a little under the figures reached, so that a
# change that loses arguments from consequences, rights or comparisons fails
# here. Off-topic lookalikes of the tune part take no side.
source "$(dirname "$0")/lib/common.bash"
FIX=$SRC/tests/fixtures/stance
python3 -c 'import json,sys; [print(json.loads(l)["text"]) for l in open(sys.argv[1])]' "$FIX/crowd-cannabis-en.jsonl" > crowd.txt
"$VIGIE" score --json --lang en < crowd.txt > crowd.jsonl 2> err.txt || { fail "score --json"; cat err.txt >&2; }
"$VIGIE" eval --format gold-jsonl --json --predictions styles.pred.jsonl "$FIX/other-styles-en.jsonl" > styles.json 2> err.txt ||
  { fail "eval --format gold-jsonl"; cat err.txt >&2; }
python3 - "$FIX/crowd-cannabis-en.jsonl" crowd.jsonl styles.pred.jsonl > checks.txt <<'PY'
import json, sys
gold = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
out = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert len(gold) == len(out), (len(gold), len(out))

def macro_f1(pairs):
    f = []
    for c in ("reform", "prohibition", "none"):
        tp = sum(1 for g, p in pairs if g == c and p == c)
        fp = sum(1 for g, p in pairs if g != c and p == c)
        fn = sum(1 for g, p in pairs if g == c and p != c)
        f.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f) / 3

for part, mark, floor in (("tune", "-t-", 0.90), ("held", "-h-", 0.75), ("held2", "-h2-", 0.30)):
    items = [(g["stance"], o["stance_lean"]) for g, o in zip(gold, out) if mark in g["id"]]
    acc = sum(1 for g, l in items if g == l) / len(items)
    print(f"crowd-{part}-lean-accuracy {acc:.3f}", "ok" if acc >= floor else f"below-{floor}")
sided = [(g["stance"], o["stance"]) for g, o in zip(gold, out)]
wrong = sum(1 for g, p in sided if p != "none" and p != g) / len(sided)
print(f"crowd-wrong-side {wrong:.3f}", "ok" if wrong <= 0.10 else "above-0.10")
pred = [json.loads(l) for l in open(sys.argv[3], encoding="utf-8")]
for part, mark, floor in (("tune", "-t-", 0.85), ("held", "-h-", 0.30), ("held2", "-h2-", 0.45)):
    pairs = [(p["gold"]["stance"], p["predicted"]["stance"]) for p in pred if mark in p["id"]]
    f = macro_f1(pairs)
    print(f"styles-{part}-stance-macro-f1 {f:.3f}", "ok" if f >= floor else f"below-{floor}")
sided = [(p["gold"]["stance"], p["predicted"]["stance"]) for p in pred if p["gold"]["stance"] != "none"]
wrong = sum(1 for g, p in sided if p != "none" and p != g) / len(sided)
print(f"styles-wrong-side {wrong:.3f}", "ok" if wrong <= 0.10 else "above-0.10")
for p in pred:
    if "-t-" in p["id"] and not p["gold"]["topics"]:
        print(f"{p['id']}-offtopic {p['predicted']['stance']}", "ok" if p["predicted"]["stance"] == "none" else "sided")
PY
[ -s checks.txt ] || fail "no figures computed"
while read -r what value verdict; do
  expect_eq "$verdict" ok "$what $value"
done < checks.txt
# Patients, pain and medicine are benefits only with a verb of relief: bare,
# they praise no measure (here the DEA), and a workplace is no praise.
"$VIGIE" score --json --lang en --stance-model none --relevance-model none > bare.jsonl <<'TXT' || fail "score --json"
Chronic pain patients lost their prescriptions after the DEA audit. My aunt is bedridden now.
The dispensary manager works at the store on Main Street.
TXT
expect_eq "$(sed -n 1p bare.jsonl | python3 -c 'import json,sys; print(json.load(sys.stdin)["stance"] != "prohibition")')" \
  True "patients cut off by the DEA: not praise of the DEA"
expect_eq "$(sed -n 2p bare.jsonl | python3 -c 'import json,sys; print(json.load(sys.stdin)["stance"])')" \
  none "works at a dispensary"
finish
