#!/usr/bin/env bash
# Sentiment, topics and stance on the drug-policy gold dev sets (all six
# languages), as Vigie ships: no model trained on this machine
# (--stance-model none --relevance-model none). Prints a Markdown table (one
# column per language, then the mean over languages) and the exact command;
# with OUT_JSON also keeps the full `vigie eval --json` output there.
# Usage: benchmarks/gold_eval.sh [VIGIE_BIN] [SHARED_DIR] [OUT_JSON]
# Never writes into the repository unless OUT_JSON points there.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../build/app/vigie}
shared=${2:-${VIGIE_SHARED_DIR:-$here/../../shared}}
out_json=${3:-}
gold=$shared/data/drug-policy-gold
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=("$gold"/*.dev.jsonl)
[ -e "${files[0]}" ] || { echo "no dev files under $gold" >&2; exit 1; }
"$bin" eval --format gold-jsonl --stance-model none --relevance-model none --json "${files[@]}" > "$tmp/eval.json"
[ -z "$out_json" ] || cp "$tmp/eval.json" "$out_json"
python3 - "$tmp/eval.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
langs = sorted(r["languages"])
rows = [
    ("stance macro-F1 (reform / prohibition / none)", lambda s: s["stance"]["macro_f1"], False),
    ("wrong side (reform ↔ prohibition), share of texts that take a side", lambda s: s["stance"]["wrong_side_rate"], True),
    ("sentiment macro-F1", lambda s: s["sentiment"]["macro_f1"], False),
    ("topics micro-F1", lambda s: s["topics"]["micro_f1"], False),
    ("topics macro-F1", lambda s: s["topics"]["macro_f1"], False),
]
print("| | " + " | ".join(langs) + " | mean |")
print("|---|" + "---|" * (len(langs) + 1))
for name, f, pct in rows:
    vals = [f(r["languages"][l]) for l in langs]
    mean = sum(vals) / len(vals)
    fmt = (lambda v: f"{100 * v:.0f}%") if pct else (lambda v: f"{v:.3f}")
    print(f"| {name} | " + " | ".join(fmt(v) for v in vals) + f" | **{fmt(mean)}** |")
print()
print("Per phenomenon (all languages; accuracy of sentiment / stance / exact topic set):")
print()
print("| phenomenon | items | sentiment | stance | topics |")
print("|---|---|---|---|---|")
for name, p in sorted(r["all"]["phenomena"].items()):
    print(f"| {name} | {p['items']} | {p['sentiment_accuracy']:.3f} | {p['stance_accuracy']:.3f} | {p['topics_exact_accuracy']:.3f} |")
PY
echo
echo "Command: vigie eval --format gold-jsonl --stance-model none --relevance-model none ../shared/data/drug-policy-gold/*.dev.jsonl"
