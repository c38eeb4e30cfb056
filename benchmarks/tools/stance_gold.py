#!/usr/bin/env python3
"""Stance on labelled drug-policy texts through the shipped `vigie score`.

Runs `vigie score --json --lang L --stance-model none --relevance-model none`
on the texts of each gold file (one per line) and compares the `stance`
field with the gold label: macro-F1 over reform / prohibition / none, and the
wrong-side rate (reform <-> prohibition) among the gold texts that take a
side. With --ukp, reads the UKP sentential-argument TSV instead (evaluation
only: Argument_for = reform, Argument_against = prohibition, NoArgument =
none) and also reports the forced pro/con accuracy of `stance_lean` on the
arguments. With --fixture, reads labelled texts in the gold's JSON Lines form
(tests/fixtures/stance/*.jsonl) and reports, for its tune part (ids holding
"-t-") and its held parts ("-h-", "-h2-") apart: stance macro-F1, wrong side,
sentiment macro-F1, and the pro/con accuracy of `stance_lean` on the texts
that take a side. --errors then prints the tune part's errors only: the held
part is measured as a whole, never read item by item.

usage: stance_gold.py [--vigie build/app/vigie] [--gold DIR] [--langs ar,en]
                      [--ukp FILE --ukp-set val] [--fixture FILE...] [--errors]
"""
import argparse, json, os, subprocess, sys

LABELS = ["reform", "prohibition", "none"]


def macro_f1(gold, pred, labels=LABELS):
    f = []
    for c in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f.append(2 * pr * rc / (pr + rc) if pr + rc else 0.0)
    return sum(f) / len(f)


def wrong_side(gold, pred):
    sided = [(g, p) for g, p in zip(gold, pred) if g != "none"]
    wrong = sum(1 for g, p in sided if p != "none" and p != g)
    return wrong / len(sided) if sided else 0.0


SENTIMENTS = ["positive", "neutral", "negative"]


def lean_accuracy(gold, lean):
    sided = [(g, l) for g, l in zip(gold, lean) if g != "none"]
    return sum(1 for g, l in sided if g == l) / len(sided) if sided else 0.0


def fixture(vigie, path, errors, extra):
    recs = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    langs = sorted({r["lang"] for r in recs})
    out = {}
    for lang in langs:
        mine = [r for r in recs if r["lang"] == lang]
        for r, o in zip(mine, score(vigie, lang, [r["text"] for r in mine], extra)):
            out[r["id"]] = o
    name = os.path.basename(path)
    for part, mark in (("tune", "-t-"), ("held", "-h-"), ("held2", "-h2-")):
        items = [r for r in recs if mark in r["id"]]
        if not items:
            continue
        gold = [r["stance"] for r in items]
        pred = [out[r["id"]]["stance"] for r in items]
        lean = [out[r["id"]].get("stance_lean", "none") for r in items]
        sg = [r["sentiment"] for r in items]
        sp = [out[r["id"]]["label"] for r in items]
        print(f"{name}\t{part}\tn={len(items)}\tstanceF1={macro_f1(gold, pred):.3f}\t"
              f"wrong_side={wrong_side(gold, pred):.3f}\tlean_acc={lean_accuracy(gold, lean):.3f}\t"
              f"sentimentF1={macro_f1(sg, sp, SENTIMENTS):.3f}")
        if errors and part == "tune":
            for r, p, l, s in zip(items, pred, lean, sp):
                if p != r["stance"] or (r["stance"] != "none" and l != r["stance"]) or s != r["sentiment"]:
                    print(f"  {r['id']} gold={r['stance']}/{r['sentiment']} pred={p}/{s} lean={l}  {r['text']}")
                    if "stance" in out[r["id"]].get("explain", {}):
                        print("     ", json.dumps(out[r["id"]]["explain"]["stance"], ensure_ascii=False))


def score(vigie, lang, texts, extra):
    inp = "".join(t.replace("\n", " ").replace("\r", " ") + "\n" for t in texts)
    cmd = [vigie, "score", "--json", "--lang", lang, "--stance-model", "none", "--relevance-model", "none"] + extra
    out = subprocess.run(cmd, input=inp.encode(), capture_output=True, check=True).stdout.decode()
    rows = [json.loads(l) for l in out.splitlines() if l.strip()]
    if len(rows) != len(texts):
        sys.exit(f"{lang}: {len(rows)} outputs for {len(texts)} texts")
    return rows


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--vigie", default=os.path.join(here, "..", "..", "build", "app", "vigie"))
    ap.add_argument("--gold", default=os.path.join(here, "..", "..", "..", "shared", "data", "drug-policy-gold"))
    ap.add_argument("--split", default="dev")
    ap.add_argument("--langs", default="ar,en,es,fr,ru,zh")
    ap.add_argument("--ukp", help="UKP sentential-argument TSV (evaluation only)")
    ap.add_argument("--ukp-set", default="val")
    ap.add_argument("--errors", action="store_true", help="print the misclassified texts")
    ap.add_argument("--explain", action="store_true", help="with --errors, pass --explain and print the stance explanation")
    ap.add_argument("--fixture", nargs="+", help="labelled JSON Lines with tune (-t-) and held (-h-) ids")
    a = ap.parse_args()
    extra = ["--explain"] if a.explain else []
    if a.fixture:
        for path in a.fixture:
            fixture(a.vigie, path, a.errors, extra)
        return
    if a.ukp:
        rows = [l.rstrip("\n").split("\t") for l in open(a.ukp, encoding="utf-8")][1:]
        m = {"Argument_for": "reform", "Argument_against": "prohibition", "NoArgument": "none"}
        rows = [r for r in rows if len(r) >= 7 and r[6] == a.ukp_set]
        texts, gold = [r[4] for r in rows], [m[r[5]] for r in rows]
        out = score(a.vigie, "en", texts, extra)
        pred = [o["stance"] for o in out]
        lean = [o.get("stance_lean", "none") for o in out]
        args = [(g, l) for g, l in zip(gold, lean) if g != "none"]
        acc = sum(1 for g, l in args if g == l) / len(args)
        print(f"ukp-{a.ukp_set}\tn={len(texts)}\tmacroF1={macro_f1(gold, pred):.3f}\twrong_side={wrong_side(gold, pred):.3f}\tlean_acc={acc:.3f}")
        return
    fs = []
    ws = []
    for lang in a.langs.split(","):
        path = os.path.join(a.gold, f"{lang}.{a.split}.jsonl")
        recs = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
        out = score(a.vigie, lang, [r["text"] for r in recs], extra)
        gold = [r["stance"] for r in recs]
        pred = [o["stance"] for o in out]
        f, w = macro_f1(gold, pred), wrong_side(gold, pred)
        fs.append(f)
        ws.append(w)
        print(f"{lang}\tn={len(recs)}\tmacroF1={f:.3f}\twrong_side={w:.3f}")
        if a.errors:
            for r, o in zip(recs, out):
                if o["stance"] != r["stance"]:
                    print(f"  gold={r['stance']:<11} pred={o['stance']:<11} {r['text']}")
                    if a.explain and "stance" in o.get("explain", {}):
                        print("     ", json.dumps(o["explain"]["stance"], ensure_ascii=False))
    print(f"mean\tmacroF1={sum(fs)/len(fs):.3f}\twrong_side={sum(ws)/len(ws):.3f}")


if __name__ == "__main__":
    main()
