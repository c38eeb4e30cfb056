#!/usr/bin/env bash
# Evaluates topics and stance on the shared dev data with `vigie topics --tag`:
#  1. stance on UKP marijuana-legalization sentences (Argument_for -> reform,
#     Argument_against -> prohibition, NoArgument -> none): macro-F1 and
#     accuracy on the for/against subset, per split (train, val), with the
#     shipped cue lexicons alone and with a local model (cues + words) trained
#     here on UKP train only (UKP may not train a shipped model); 5-fold
#     cross-validation of that model on train and on train+val (3 seeds);
#  2. cannabis_regulation recall on UKP argument sentences;
#  3. false alarms: share of XED movie-subtitle lines (ar zh fr ru es), NYT
#     editorial snippets and tweets (VADER) and French TV-series reviews
#     tagged with any topic; share of general posts given a stance;
#  4. the themes found in the UN common position (Annex I of the seed file);
#  5. near-duplicates on a make-corpus corpus (DEDUP_DOCS, default 50000).
# Usage: benchmarks/topics_eval.sh [VIGIE_BIN] [SHARED_DIR]
# Prints a Markdown table to stdout. Never writes into the repository.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../build/app/vigie}
shared=${2:-${VIGIE_SHARED_DIR:-$here/../../shared}}
data=$shared/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ukp=$data/ukp-marijuana/marijuana_legalization.tsv
# sentence and gold label, per split (drop the escaped quotes of the TSV).
awk -F'\t' 'NR > 1 { s = $5; gsub(/\\/, "", s); print s > "'"$tmp"'/ukp_" $7 ".txt"; print $6 > "'"$tmp"'/ukp_" $7 ".gold" }' "$ukp"
# --stance-model none: the cue lexicons alone, whatever model this machine
# has beside the binary (scripts/train-local-models).
for split in train val; do
  "$bin" topics --tag "$tmp/ukp_$split.txt" --lang en --stance-model none > "$tmp/ukp_$split.jsonl"
done
# A local learned model (cues + words) with the default training options,
# trained on UKP train in $tmp only: UKP may not train a shipped model, but a
# user may train one for themselves (scripts/train-local-models).
label='{ s = $5; gsub(/\\/, "", s);
  l = ($6 == "Argument_for") ? "reform" : ($6 == "Argument_against") ? "prohibition" : "none"; print l "\t" s }'
awk -F'\t' 'NR > 1 && $7 == "train" '"$label" "$ukp" > "$tmp/ukp_train_labelled.tsv"
awk -F'\t' 'NR > 1 '"$label" "$ukp" > "$tmp/ukp_all_labelled.tsv"
"$bin" topics --train-stance "$tmp/ukp_train_labelled.tsv" --model-out "$tmp/stance.model" --lang en 2> /dev/null
"$bin" topics --tag "$tmp/ukp_val.txt" --lang en --stance-model "$tmp/stance.model" > "$tmp/ukpmodel_val.jsonl"
# The same with other example orders (training seeds 2-5): val is small
# (198 sentences) and one model's figure moves by a few points with the seed.
for seed in 2 3 4 5; do
  "$bin" topics --train-stance "$tmp/ukp_train_labelled.tsv" --model-out "$tmp/stance$seed.model" --lang en \
    --seed "$seed" 2> /dev/null
  "$bin" topics --tag "$tmp/ukp_val.txt" --lang en --stance-model "$tmp/stance$seed.model" > "$tmp/ukpseed${seed}_val.jsonl"
done
for set in train all; do
  for seed in 1 2 3; do
    "$bin" topics --train-stance "$tmp/ukp_${set}_labelled.tsv" --lang en --cv 5 --json --seed "$seed"
  done > "$tmp/cv_$set.jsonl"
done
cut -f3 "$data/vader/nytEditorialSnippets_GroundTruth.txt" > "$tmp/gen_nyt.txt"
cut -f3 "$data/vader/tweets_GroundTruth.txt" > "$tmp/gen_tweets.txt"
cut -f2 "$data"/fr-tvseries/*.tsv > "$tmp/gen_frtv.txt"
for g in nyt tweets; do "$bin" topics --tag "$tmp/gen_$g.txt" --lang en --stance-model "$tmp/stance.model" > "$tmp/gen_$g.jsonl"; done
"$bin" topics --tag "$tmp/gen_frtv.txt" --lang fr --stance-model none > "$tmp/gen_frtv.jsonl"
for f in "$data"/xed/{ar,zh,cn,fr,ru,es}-projections.tsv; do
  l=$(basename "$f" -projections.tsv)
  lang=$l; [ "$l" = cn ] && lang=zh
  cut -f1 "$f" > "$tmp/xed_$l.txt"
  "$bin" topics --tag "$tmp/xed_$l.txt" --lang "$lang" --stance-model none > "$tmp/xed_$l.jsonl"
done
# The common position: Annex I, one paragraph per line, tagged as one document.
awk '/^Annexe I$/ {on = 1} /^Annexe II$/ {on = 0} on' "$data/seed/ceb-2018-2-summary-fr.txt" | tr '\n' ' ' > "$tmp/annex.txt"
echo >> "$tmp/annex.txt"
"$bin" topics --tag "$tmp/annex.txt" --lang fr --stance-model none > "$tmp/annex.jsonl"

# Near-duplicates: a make-corpus corpus, its texts as the readers see them
# (news: title + blank line + text), cluster keys from `vigie topics --tag`.
docs=${DEDUP_DOCS:-50000}
"$shared/bench/make-corpus" --docs "$docs" --out "$tmp/corpus" 2> /dev/null
python3 - "$tmp/corpus" "$tmp/corpus_texts.txt" <<'EOF'
import json, os, sys
d, out = sys.argv[1], open(sys.argv[2], "w", encoding="utf-8")
def emit(title, text):
    t = (title + "\n\n" + text) if title else text
    out.write(t.replace("\r", " ").replace("\n", " ") + "\n")
for l in open(os.path.join(d, "twitter-v1.jsonl"), encoding="utf-8"):
    emit("", json.loads(l)["full_text"])
for l in open(os.path.join(d, "twitter-v2.json"), encoding="utf-8"):
    for o in json.loads(l)["data"]: emit("", o["text"])
for l in open(os.path.join(d, "reddit.jsonl"), encoding="utf-8"):
    emit("", json.loads(l)["body"])
for l in open(os.path.join(d, "news.json"), encoding="utf-8"):
    for o in json.loads(l)["articles"]: emit(o["title"], o["content"])
for l in open(os.path.join(d, "mediacloud.jsonl"), encoding="utf-8"):
    o = json.loads(l); emit(o["title"], o["text"])
EOF
"$bin" topics --tag "$tmp/corpus_texts.txt" --lang en --stance-model none > "$tmp/corpus.jsonl"
# Stance on general posts: the corpus texts, language detected per line, with
# the cues alone and with the local model.
"$bin" topics --tag "$tmp/corpus_texts.txt" --stance-model none > "$tmp/corpus_cues.jsonl"
"$bin" topics --tag "$tmp/corpus_texts.txt" --stance-model "$tmp/stance.model" > "$tmp/corpus_model.jsonl"

python3 - "$tmp" <<'EOF'
import json, sys, os, re
tmp = sys.argv[1]
def load(name): return [json.loads(l) for l in open(os.path.join(tmp, name), encoding="utf-8")]
gold_map = {"Argument_for": "reform", "Argument_against": "prohibition", "NoArgument": "none"}
print("| measure | split | value |\n|---|---|---|")
for split, name in (("train", "ukp_train"), ("val", "ukp_val"), ("val", "ukpmodel_val")):
    pred = load(f"{name}.jsonl")
    model = name.startswith("ukpmodel")
    split_name = split + (" (cues + local model trained on UKP train)" if model else " (cue lexicons)")
    gold = [gold_map[l.strip()] for l in open(os.path.join(tmp, f"ukp_{split}.gold"))]
    assert len(pred) == len(gold), (len(pred), len(gold))
    f1s = []
    for c in ("reform", "prohibition", "none"):
        tp = sum(1 for p, g in zip(pred, gold) if p["stance"] == c and g == c)
        fp = sum(1 for p, g in zip(pred, gold) if p["stance"] == c and g != c)
        fn = sum(1 for p, g in zip(pred, gold) if p["stance"] != c and g == c)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        f1s.append(f1)
        print(f"| stance F1 {c} (P {prec:.3f}, R {rec:.3f}) | UKP {split_name} | {f1:.3f} |")
    print(f"| **stance macro-F1** (3 classes) | UKP {split_name} (n={len(gold)}) | **{sum(f1s)/3:.3f}** |")
    acc = sum(1 for p, g in zip(pred, gold) if p["stance"] == g) / len(gold)
    print(f"| stance accuracy (3 classes) | UKP {split_name} | {acc:.3f} |")
    arg = [(p, g) for p, g in zip(pred, gold) if g != "none"]
    pc = sum(1 for p, g in arg if p["stance"] == g) / len(arg)
    lab = [(p, g) for p, g in arg if p["stance"] != "none"]
    pcl = sum(1 for p, g in lab if p["stance"] == g) / len(lab) if lab else 0
    print(f"| pro/con accuracy on arguments (none counts wrong) | UKP {split_name} (n={len(arg)}) | {pc:.3f} |")
    print(f"| pro/con accuracy on arguments given a label | UKP {split_name} (n={len(lab)}) | {pcl:.3f} |")
    if not model:
        # Forced choice between pro and con from the sign of the cue evidence
        # (the crowd-worker pro/con task); no evidence counts as wrong.
        fc = sum(1 for p, g in arg if (p["stance_evidence"] > 0 and g == "reform") or
                 (p["stance_evidence"] < 0 and g == "prohibition")) / len(arg)
        ties = sum(1 for p, g in arg if p["stance_evidence"] == 0) / len(arg)
        print(f"| pro/con forced-choice accuracy (sign of cue evidence; {ties:.0%} without evidence count wrong) | UKP {split_name} | {fc:.3f} |")
    if model:
        continue
    tagged = sum(1 for p, g in arg if "cannabis_regulation" in p["topics"])
    print(f"| cannabis_regulation recall on argument sentences | UKP {split_name} | {tagged/len(arg):.3f} |")
    anyt = sum(1 for p, g in arg if p["topics"])
    print(f"| any topic on argument sentences | UKP {split_name} | {anyt/len(arg):.3f} |")
def macro_f1(pred, gold):
    f1s = []
    for c in ("reform", "prohibition", "none"):
        tp = sum(1 for p, g in zip(pred, gold) if p["stance"] == c and g == c)
        fp = sum(1 for p, g in zip(pred, gold) if p["stance"] == c and g != c)
        fn = sum(1 for p, g in zip(pred, gold) if p["stance"] != c and g == c)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / 3
gold = [gold_map[l.strip()] for l in open(os.path.join(tmp, "ukp_val.gold"))]
seeds = [macro_f1(load("ukpmodel_val.jsonl"), gold)] + [macro_f1(load(f"ukpseed{s}_val.jsonl"), gold) for s in (2, 3, 4, 5)]
print(f"| **stance macro-F1, local model, training seeds 1-5** (min-max {min(seeds):.3f}-{max(seeds):.3f}) | UKP val (cues + local model trained on UKP train) | **{sum(seeds)/len(seeds):.3f}** |")
for split_set, name in (("train", "UKP train (1780)"), ("all", "UKP train+val (1978)")):
    cv = load(f"cv_{split_set}.jsonl")
    folds = [f for c in cv for f in c["macro_f1"]]
    mean = sum(c["mean_macro_f1"] for c in cv) / len(cv)
    pc = sum(c["pro_con_accuracy"] for c in cv) / len(cv)
    print(f"| **local model, 5-fold CV macro-F1** (3 seeds; folds {min(folds):.3f}-{max(folds):.3f}) | {name} | **{mean:.3f}** |")
    print(f"| local model, 5-fold CV pro/con accuracy (reform vs prohibition on argument sentences) | {name} | {pc:.3f} |")
tot = hit = 0
for l in ("ar", "zh", "cn", "fr", "ru", "es"):
    rows = load(f"xed_{l}.jsonl")
    h = sum(1 for r in rows if r["topics"])
    tot += len(rows); hit += h
    print(f"| movie-subtitle lines tagged with any topic | XED {l} (n={len(rows)}) | {h/len(rows):.4f} |")
print(f"| **movie-subtitle lines tagged with any topic** | XED all (n={tot}) | **{hit/tot:.4f}** |")
for g, name in (("nyt", "NYT editorial snippets"), ("tweets", "VADER tweets"), ("frtv", "fr-tvseries reviews")):
    rows = load(f"gen_{g}.jsonl")
    h = sum(1 for r in rows if r["topics"])
    print(f"| general sentences tagged with any topic | {name} (n={len(rows)}) | {h} = {h/len(rows):.4f} |")
for g, name in (("nyt", "NYT editorial snippets"), ("tweets", "VADER tweets")):
    rows = load(f"gen_{g}.jsonl")
    h = sum(1 for r in rows if r["stance"] != "none")
    print(f"| general sentences given a stance (local model) | {name} (n={len(rows)}) | {h} = {h/len(rows):.4f} |")
for f, name in (("corpus_cues", "cue lexicons"), ("corpus_model", "cues + local model")):
    rows = load(f"{f}.jsonl")
    off = [r for r in rows if not r["topics"]]
    h = sum(1 for r in rows if r["stance"] != "none")
    ho = sum(1 for r in off if r["stance"] != "none")
    print(f"| make-corpus posts given a stance ({name}; language detected) | all {len(rows)} / without topic {len(off)} | {h/len(rows):.4f} / {ho/len(off):.4f} |")
keys = [r["cluster"] for r in load("corpus.jsonl")]
texts = [l.rstrip("\n") for l in open(os.path.join(tmp, "corpus_texts.txt"), encoding="utf-8")]
man = json.load(open(os.path.join(tmp, "corpus", "MANIFEST.json")))
dups = len(keys) - len(set(keys))
planted = man["retweets"] + man["syndicated"] + max(0, man["docs"] - man["pool_size"])
seen, exact = set(), 0
for t in texts:  # texts equal to an earlier one once "RT @user: " is removed
    b = re.sub(r"^RT @\w+: ", "", t)
    exact += b in seen
    seen.add(b)
print(f"| near-duplicate `duplicates` (docs - distinct cluster keys) | make-corpus {man['docs']} docs | {dups} |")
print(f"| exact repeats in the corpus (same text after removing 'RT @user: ') | make-corpus | {exact} (duplicates = {dups/exact:.1%} of it) |")
print(f"| planted repeats per MANIFEST (retweets {man['retweets']} + syndicated {man['syndicated']} + docs beyond pool) | make-corpus | {planted} (duplicates = {dups/planted:.1%} of it) |")
annex = load("annex.jsonl")[0]
print(f"| **themes tagged in the common position (Annex I, fr)** | seed | **{len(annex['topics'])}**: {', '.join(sorted(annex['topics']))} |")
EOF
