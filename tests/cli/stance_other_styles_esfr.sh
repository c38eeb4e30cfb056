# Spanish and French stance, sentiment and topics on texts in other styles
# than the drug-policy gold's (forum posts, agency copy with quoted speakers,
# short replies, regional variants and slang, sarcasm, off-topic
# lookalikes): the tune part of tests/fixtures/stance/other-styles-{es,fr}
# .jsonl (ids LANG-st-t-NN; see tests/fixtures/stance/README.md), as Vigie
# ships (no locally trained model). Floors sit a little under the figures
# reached, so that a regression of the rules fails here.
source "$(dirname "$0")/lib/common.bash"
for lang in es fr; do
  python3 - "$SRC/tests/fixtures/stance/other-styles-$lang.jsonl" > "tune-$lang.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    if "-st-t-" in json.loads(line)["id"]:
        sys.stdout.write(line)
PY
  [ -s "tune-$lang.jsonl" ] || fail "no tune part in other-styles-$lang.jsonl"
  "$VIGIE" eval --format gold-jsonl --json --stance-model none --relevance-model none "tune-$lang.jsonl" \
    > "eval-$lang.json" 2> err.txt || { fail "eval --format gold-jsonl ($lang)"; cat err.txt >&2; }
done
# lang stance-F1 wrong-side(max) sentiment-F1 topics-F1
python3 - <<'PY' > checks.txt
import json
floors = {"es": (0.85, 0.05, 0.82, 0.85), "fr": (0.85, 0.05, 0.90, 0.87)}
for lang, (stance, wrong, sent, topics) in floors.items():
    r = json.load(open(f"eval-{lang}.json"))["languages"][lang]
    got = [("stance-macro-f1", r["stance"]["macro_f1"], stance, True),
           ("wrong-side", r["stance"]["wrong_side_rate"], wrong, False),
           ("sentiment-macro-f1", r["sentiment"]["macro_f1"], sent, True),
           ("topics-micro-f1", r["topics"]["micro_f1"], topics, True)]
    for name, value, floor, higher in got:
        ok = value >= floor if higher else value <= floor
        print(f"{lang}-{name} {value:.3f}", "ok" if ok else f"beyond-{floor}")
PY
while read -r what value verdict; do
  expect_eq "$verdict" ok "$what $value"
done < checks.txt
# A speaker's words between quotation marks leave agency copy neutral, and
# closing dealing points is not a condemnation of enforcement.
"$VIGIE" score --json --lang fr > fr.jsonl <<'TXT' || fail "score --json"
« Nous ne reculerons pas face aux trafiquants », a déclaré mardi le ministre à Marseille.
Il faut arrêter les dealers et fermer les points de deal.
TXT
expect_eq "$(sed -n 1p fr.jsonl | python3 -c 'import json,sys; print(json.load(sys.stdin)["label"])')" \
  neutral "quoted speaker in agency copy"
expect_eq "$(sed -n 2p fr.jsonl | python3 -c 'import json,sys; print(json.load(sys.stdin)["stance"] != "reform")')" \
  True "closing dealing points is not reform"
finish
