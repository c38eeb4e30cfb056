#!/usr/bin/env python3
"""Chooses a language's neutral band (positive/negative thresholds on the
lexicon compound) on a DEV set, never a test set, by maximising macro-F1.

Usage: tune_thresholds.py VIGIE_BIN LANG DEV_TEXTS DEV_LABELS
  DEV_TEXTS: one text per line; DEV_LABELS: 0 neg, 1 neu, 2 pos per line
  (the XLM-T val_text.txt / val_labels.txt layout).
Prints the chosen thresholds and the dev macro-F1 before/after; copy them
into corpora/sentiment/rules/<lang>.tsv as
  option positive_threshold X / option negative_threshold Y.
The band is kept symmetric-ish and coarse (0.01 grid, |t| <= 0.6) so that
324 dev items cannot overfit it much."""
import subprocess
import sys


def macro_f1(gold, pred):
    s = 0.0
    k = 0
    for c in (0, 1, 2):
        if c not in gold and c not in pred:
            continue
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        s += 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        k += 1
    return s / k if k else 0.0


def main():
    vigie, lang, texts, labels = sys.argv[1:5]
    out = subprocess.run([vigie, "score", "--lang", lang, "--model", "lexicon", texts],
                         check=True, capture_output=True, text=True).stdout
    comp = [float(l.split("\t")[0]) for l in out.splitlines()]
    gold = [int(l.strip()) for l in open(labels, encoding="utf-8")]
    assert len(comp) == len(gold), (len(comp), len(gold))

    def lab(c, p, n):
        return 2 if c >= p else (0 if c <= n else 1)

    base = macro_f1(gold, [lab(c, 0.05, -0.05) for c in comp])
    best = (base, 0.05, -0.05)
    for pi in range(0, 61):
        p = pi / 100
        for ni in range(0, 61):
            n = -ni / 100
            f = macro_f1(gold, [lab(c, p, n) for c in comp])
            if f > best[0] + 1e-9:
                best = (f, p, n)
    print("%s: dev macro-F1 %.4f at +-0.05 -> %.4f at positive %.2f negative %.2f"
          % (lang, base, best[0], best[1], best[2]))


if __name__ == "__main__":
    main()
