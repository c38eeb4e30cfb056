#!/usr/bin/env bash
# `vigie score --explain`: the evidence behind sentiment (lexicon items, a
# trained model's features adding up to its margin, the drug-policy rules),
# topics (the matching rule entries) and a place for stance, in every
# language.
set -u
vigie=$1; src=$2; scratch=$3
mkdir -p "$scratch"
export VIGIE_DATA_DIR="$src/corpora"
fail() { echo "FAIL: $*" >&2; exit 1; }
run() { "$vigie" score --lang "$1" --json --explain --stance-model none --relevance-model none; }

echo "Los programas de intercambio de jeringas salvan vidas." | run es > "$scratch/es.json" || fail "es exited $?"
echo "Naloxone saves lives." | run en > "$scratch/en.json" || fail "en exited $?"
echo "因为贩毒就判死刑，太野蛮了。" | run zh > "$scratch/zh.json" || fail "zh exited $?"
echo "Pendre des gens pour de l'héroïne, c'est moyenâgeux." | run fr > "$scratch/fr.json" || fail "fr exited $?"
echo "The weather is lovely today." | run en > "$scratch/gen.json" || fail "general exited $?"
python3 - "$scratch" <<'PY' || fail "explanations wrong"
import json, sys, os
d = {n: json.load(open(os.path.join(sys.argv[1], n + ".json"))) for n in ("es", "en", "zh", "fr", "gen")}
for n, x in d.items():
    e = x["explain"]
    assert set(e) == {"sentiment", "topics", "stance"}, e.keys()
    assert e["stance"] is None or isinstance(e["stance"], dict)
# a model language: the listed features plus the rest add up to the margin
m = d["es"]["explain"]["sentiment"]["model_features"]
assert m is not None and m["features"], d["es"]["explain"]["sentiment"]
assert abs(sum(f["contribution"] for f in m["features"]) + m["rest"] - m["margin"]) < 2e-3, m
assert all(f["feature"] for f in m["features"])
# the lexicon language has no model features, and its items are there
assert d["en"]["explain"]["sentiment"]["model_features"] is None
# the drug-policy rules: the evaluation that decided, and the label they give
for n in ("es", "en"):
    dom = d[n]["explain"]["sentiment"]["domain"]
    assert dom and dom["hits"] and dom["evaluation"] > 0, (n, dom)
    assert d[n]["label"] == "positive", (n, d[n]["compound"], d[n]["label"])
assert d["zh"]["label"] == "negative" and d["fr"]["label"] == "negative", (d["zh"]["compound"], d["fr"]["compound"])
# topics: each tagged topic names the rule entries that matched and their text
def topics(n): return {t["id"]: t["matches"] for t in d[n]["explain"]["topics"]}
assert "harm_reduction" in topics("es") and topics("es")["harm_reduction"], topics("es")
assert any(m["text"] == "死刑" for m in topics("zh")["death_penalty"]), topics("zh")
assert topics("fr")["death_penalty"][0]["rule"] in ("terms", "stems"), topics("fr")
for n in d:
    for t in d[n]["explain"]["topics"]:
        for m in t["matches"]:
            assert {"rule", "entry", "text", "begin", "end"} <= set(m)
# a general text: no topic, no drug-policy rule
assert d["gen"]["explain"]["topics"] == [] and d["gen"]["explain"]["sentiment"]["domain"] is None, d["gen"]
PY
# text mode names the model's features, the rules and the topic entries
echo "Los programas de intercambio de jeringas salvan vidas." | "$vigie" score --lang es --explain --stance-model none \
  --relevance-model none > "$scratch/es.txt" || fail "text explain exited $?"
grep -q '^  model es-linear: margin' "$scratch/es.txt" || fail "no model line: $(cat "$scratch/es.txt")"
grep -q '^  drug-policy rules:' "$scratch/es.txt" || fail "no drug-policy line"
grep -q '^  topic harm_reduction:' "$scratch/es.txt" || fail "no topic line"
echo PASS
