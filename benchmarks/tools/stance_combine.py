#!/usr/bin/env python3
"""Trains corpora/stance/combine.tsv: the linear layer over the judgement's
features (docs/stance.md), from `vigie score --json --explain` on the
drug-policy gold (CC BY 4.0: may train a shipped model), and reports
leave-one-language-out cross-validation (each language's texts are one
writer's, so this measures unseen writers), against the rules alone.

usage: stance_combine.py [--vigie build/app/vigie] [--gold DIR] [--l2 0.01]
                         [--margin 0] [--extra FILE]... [--write corpora/stance/combine.tsv]
--extra adds labelled texts in the gold's format written for this project
(tests/fixtures/stance/*.jsonl): the items of their tune parts (ids with
"-t-") join the training data of their language; the items of their held
parts (ids with "-h-") are never trained on, only scored as a whole, by the
layer trained on everything else and by the rules alone.
The feature order and definitions must match StanceCombiner::features.
"""
import argparse, json, math, os, subprocess

L = ["reform", "prohibition", "none"]
NAMES = ["bias", "reform", "prohibition", "net_capped", "cue_reform", "cue_prohibition", "attribution",
         "sarcasm", "negation", "question", "unpaired", "topic", "both_sides"]


def feats(o):
    e = o["explain"]["stance"]
    pos = sum(v["contribution"] for v in e["evaluations"] if v["contribution"] > 0) + \
        sum(x["weight"] for x in e["loaded"] if x["weight"] > 0)
    neg = -sum(v["contribution"] for v in e["evaluations"] if v["contribution"] < 0) - \
        sum(x["weight"] for x in e["loaded"] if x["weight"] < 0)
    unp = sum(1 for v in e["evaluations"] if v["orientation"] == "none")
    c = e["cues"]
    return [1.0, pos, neg, min(pos, 3) - min(neg, 3), max(c, 0), max(-c, 0), float(e["attribution"]),
            float(e["sarcasm"]), float(e["negation"]), float(e["question"]), min(unp, 3) / 3,
            float(len(o["topics"]) > 0), float(pos > 0 and neg > 0)]


def train(rows, l2, epochs=300, rate=0.1):
    d = len(rows[0][0])
    W = [[0.0] * d for _ in L]
    for _ in range(epochs):
        G = [[0.0] * d for _ in L]
        for x, y, _ in rows:
            p = probs(W, x)
            for k in range(3):
                g = p[k] - (1 if k == y else 0)
                for j in range(d):
                    G[k][j] += g * x[j]
        for k in range(3):
            for j in range(d):
                W[k][j] -= rate * (G[k][j] / len(rows) + l2 * W[k][j])
    return W


def probs(W, x):
    z = [sum(w * v for w, v in zip(W[k], x)) for k in range(3)]
    m = max(z)
    p = [math.exp(t - m) for t in z]
    s = sum(p)
    return [t / s for t in p]


def decide(W, x, judgement, margin):
    """As StanceCombiner::decide: the layer says whether the text takes a
    side; the judgement's sign says which."""
    p = probs(W, x)
    sided = max(p[0], p[1])
    if sided <= p[2] or sided - p[2] < margin:
        return 2
    return 0 if judgement > 0 else 1 if judgement < 0 else 2


def macro_f1(g, p):
    f = []
    for c in range(3):
        tp = sum(a == c and b == c for a, b in zip(g, p))
        fp = sum(a != c and b == c for a, b in zip(g, p))
        fn = sum(a == c and b != c for a, b in zip(g, p))
        f.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f) / 3


def wrong_side(g, p):
    sided = [(a, b) for a, b in zip(g, p) if a != 2]
    return sum(b != 2 and b != a for a, b in sided) / len(sided)


def score(vigie, lang, recs):
    inp = "".join(r["text"].replace("\n", " ") + "\n" for r in recs).encode()
    out = subprocess.run([vigie, "score", "--json", "--explain", "--lang", lang, "--stance-model", "none",
                          "--relevance-model", "none"], input=inp, capture_output=True, check=True).stdout
    rows = [json.loads(l) for l in out.decode().splitlines()]
    return [(feats(o), L.index(r["stance"]), o["explain"]["stance"]) for o, r in zip(rows, recs)]


def rules_alone(rows):
    """The sign of the judgement's evidence at the 0.5 threshold."""
    return [0 if r[2]["evidence"] >= 0.5 else 1 if r[2]["evidence"] <= -0.5 else 2 for r in rows]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--vigie", default=os.path.join(here, "..", "..", "build", "app", "vigie"))
    ap.add_argument("--gold", default=os.path.join(here, "..", "..", "..", "shared", "data", "drug-policy-gold"))
    ap.add_argument("--l2", type=float, default=0.01)
    ap.add_argument("--margin", type=float, default=0.0)
    ap.add_argument("--extra", action="append", default=[], help="labelled texts of the project (tune and held parts)")
    ap.add_argument("--write", help="write the weights trained on every language to this file (keeps its # header)")
    a = ap.parse_args()
    langs = ["ar", "en", "es", "fr", "ru", "zh"]
    data, tune, held_out = {}, {l: [] for l in langs}, {l: [] for l in langs}
    for lang in langs:
        recs = [json.loads(l) for l in open(f"{a.gold}/{lang}.dev.jsonl", encoding="utf-8") if l.strip()]
        data[lang] = score(a.vigie, lang, recs)
    for path in a.extra:
        recs = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
        for lang in langs:
            t = [r for r in recs if r["lang"] == lang and "-t-" in r["id"]]
            h = [r for r in recs if r["lang"] == lang and "-h-" in r["id"]]
            if t: tune[lang] += score(a.vigie, lang, t)
            if h: held_out[lang] += score(a.vigie, lang, h)
    # Leave one language out: the layer learns from the other languages'
    # gold and tune texts and is scored on the left-out language's gold.
    fr, fm, wr, wm = [], [], [], []
    for held in data:
        W = train([r for l in data if l != held for r in data[l] + tune[l]], a.l2)
        g = [r[1] for r in data[held]]
        p = [decide(W, r[0], r[2]["judgement"], a.margin) for r in data[held]]
        rp = rules_alone(data[held])
        fm.append(macro_f1(g, p)); wm.append(wrong_side(g, p))
        fr.append(macro_f1(g, rp)); wr.append(wrong_side(g, rp))
        print(f"{held}\trules {fr[-1]:.3f} wrong {wr[-1]:.3f}\tcombination {fm[-1]:.3f} wrong {wm[-1]:.3f}")
    print(f"mean\trules {sum(fr)/6:.3f} wrong {sum(wr)/6:.3f}\tcombination {sum(fm)/6:.3f} wrong {sum(wm)/6:.3f}")
    W = train([r for l in data for r in data[l] + tune[l]], a.l2)
    held_rows = [r for l in langs for r in held_out[l]]
    if held_rows:
        # Every held text at once: a few per language are too few for a figure each.
        g = [r[1] for r in held_rows]
        p = [decide(W, r[0], r[2]["judgement"], a.margin) for r in held_rows]
        rp = rules_alone(held_rows)
        W0 = train([r for l in data for r in data[l]], a.l2)
        p0 = [decide(W0, r[0], r[2]["judgement"], a.margin) for r in held_rows]
        print(f"held parts ({len(held_rows)} texts)\trules {macro_f1(g, rp):.3f} wrong {wrong_side(g, rp):.3f}"
              f"\tcombination of the gold alone {macro_f1(g, p0):.3f} wrong {wrong_side(g, p0):.3f}"
              f"\tcombination {macro_f1(g, p):.3f} wrong {wrong_side(g, p):.3f}")
    if a.write:
        # Keep the file's comment header (provenance, licence, figures).
        head = [l for l in open(a.write, encoding="utf-8") if l.startswith("#")] if os.path.exists(a.write) else []
        with open(a.write, "w", encoding="utf-8") as f:
            f.writelines(head)
            for j, n in enumerate(NAMES):
                f.write(f"{n}\t{W[0][j]:.6f}\t{W[1][j]:.6f}\t{W[2][j]:.6f}\n")


if __name__ == "__main__":
    main()
