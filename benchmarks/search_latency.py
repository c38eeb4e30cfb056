#!/usr/bin/env python3
"""End-to-end search latency: `vigie search` against SQLite FTS5 (porter unicode61)
on the same texts, in the same run, as whole commands (process start included).

20 fixed queries (words, phrases, boolean operators, wildcard, NEAR, fields, dates,
Latin, Cyrillic, Arabic and Chinese scripts). Each engine answers each query with an
exact match count plus the top 10 results by BM25 with a snippet. Runs are interleaved
(vigie, FTS5, vigie, ...) so both see the same machine load. Reports median and p95
per engine and their ratio, and the time to the first result line.

Before timing, prints both engines' counts per query: they agree where the two
analyses agree (English words); they differ by design elsewhere (Vigie stems every
language with its own Snowball stemmer and segments Chinese; FTS5's porter is
English-only and unicode61 keeps a run of Chinese characters as one token).
"""
import argparse
import datetime as dt
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time

W11 = ("2019-03-11", "2019-03-17")
W11_SECONDS = (int(dt.datetime(2019, 3, 11, tzinfo=dt.timezone.utc).timestamp()),
               int(dt.datetime(2019, 3, 18, tzinfo=dt.timezone.utc).timestamp()) - 1)

# (label, vigie arguments, FTS5 MATCH expression or None, extra SQL condition on m.*)
QUERIES = [
    ("word en", ["marijuana"], "marijuana", None),
    ("word en 2", ["police"], "police", None),
    ("two words", ["marijuana legalization"], "marijuana legalization", None),
    ("phrase", ['"marijuana legalization"'], '"marijuana legalization"', None),
    ("OR", ["marijuana OR cannabis"], "marijuana OR cannabis", None),
    ("NOT", ["drugs NOT alcohol"], "drugs NOT alcohol", None),
    ("wildcard", ["legal*"], "legal*", None),
    ("NEAR", ["police NEAR/10 drugs"], "NEAR(police drugs, 10)", None),
    ("lang field", ["marijuana lang:en"], "marijuana", "m.lang = 'en'"),
    ("kind field fr", ["politique kind:news"], "politique", "m.kind = 'news'"),
    ("title field", ["title:police"], "title : police", None),
    ("kind reddit", ["marijuana kind:reddit"], "marijuana", "m.kind = 'reddit'"),
    ("date range", ["marijuana date:%s..%s" % W11], "marijuana", "m.t BETWEEN %d AND %d" % W11_SECONDS),
    ("week only", ["--week", "2019-W11"], None, "m.t BETWEEN %d AND %d" % W11_SECONDS),
    ("es", ["gobierno"], "gobierno", None),
    ("pt/it", ["governo"], "governo", None),
    ("ru", ["Россия"], "Россия", None),
    ("ar", ["مصر"], "مصر", None),
    ("zh", ["武汉"], "武汉", None),
    ("zh OR", ["肺炎 OR 中国"], "肺炎 OR 中国", None),
]


def records(corpus):
    """(id, kind, lang, seconds or None, source, title, text) from the make-corpus files."""
    def ts(s, fmt=None):
        if not s:
            return None
        if fmt:
            d = dt.datetime.strptime(s, fmt)
            if d.tzinfo is None:
                d = d.replace(tzinfo=dt.timezone.utc)
        else:
            d = dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
        return int(d.timestamp())
    for line in open(os.path.join(corpus, "twitter-v1.jsonl"), encoding="utf-8"):
        o = json.loads(line)
        yield (o["id_str"], "tweet", o.get("lang", ""), ts(o["created_at"], "%a %b %d %H:%M:%S %z %Y"),
               "twitter", "", o.get("full_text") or o.get("text", ""))
    for line in open(os.path.join(corpus, "twitter-v2.json"), encoding="utf-8"):
        for t in json.loads(line)["data"]:
            yield (t["id"], "tweet", t.get("lang", ""), ts(t.get("created_at")), "twitter", "", t["text"])
    for line in open(os.path.join(corpus, "reddit.jsonl"), encoding="utf-8"):
        o = json.loads(line)
        yield (o["id"], "reddit", "", int(o["created_utc"]), o.get("subreddit", ""), o.get("title", ""),
               o.get("body") or o.get("selftext", ""))
    for line in open(os.path.join(corpus, "news.json"), encoding="utf-8"):
        for a in json.loads(line)["articles"]:
            yield (a["url"], "news", a.get("language", ""), ts(a.get("publishedAt")),
                   (a.get("source") or {}).get("name", ""), a.get("title") or "", a.get("content") or "")
    for line in open(os.path.join(corpus, "mediacloud.jsonl"), encoding="utf-8"):
        o = json.loads(line)
        yield (str(o["stories_id"]), "news", o.get("language", ""), ts(o.get("publish_date"), "%Y-%m-%d %H:%M:%S"),
               o.get("media_name", ""), o.get("title") or "", o.get("text") or "")


def build_fts(corpus, path):
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(title, text, tokenize='porter unicode61')")
    db.execute("CREATE TABLE m(rowid INTEGER PRIMARY KEY, id TEXT, kind TEXT, lang TEXT, t INTEGER, source TEXT)")
    n = 0
    for rid, kind, lang, t, source, title, text in records(corpus):
        n += 1
        db.execute("INSERT INTO docs(rowid, title, text) VALUES (?, ?, ?)", (n, title, text))
        db.execute("INSERT INTO m VALUES (?, ?, ?, ?, ?, ?)", (n, rid, kind, lang, t, source))
    db.execute("CREATE INDEX m_t ON m(t)")
    db.execute("INSERT INTO docs(docs) VALUES ('optimize')")
    db.commit()
    db.close()
    return n


def sql_for(match, cond):
    """Count, then the top 10 with a snippet: what `vigie search --json` returns."""
    q = lambda s: "'" + s.replace("'", "''") + "'"
    if match is None:
        where = " WHERE " + cond
        return ("SELECT count(*) FROM m%s; SELECT m.id, substr(d.text, 1, 200) FROM m JOIN docs d ON d.rowid = m.rowid"
                "%s LIMIT 10;" % (where, where))
    where = " WHERE docs MATCH %s" % q(match) + (" AND " + cond if cond else "")
    return ("SELECT count(*) FROM docs JOIN m ON m.rowid = docs.rowid%s; "
            "SELECT m.id, snippet(docs, 1, '<b>', '</b>', '...', 24) FROM docs JOIN m ON m.rowid = docs.rowid%s "
            "ORDER BY bm25(docs) LIMIT 10;" % (where, where))


CPU = {}  # command name -> list of CPU seconds (user + system), robust to machine load


def timed(cmd):
    """(seconds to exit, seconds to the first output line, stdout); records CPU time."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = p.stdout.readline()
    t_first = time.perf_counter() - t0
    rest = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    t_all = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    p.returncode = code
    if code != 0:
        sys.exit("command failed (%d): %s\n%s" % (code, " ".join(cmd), p.stderr.read().decode()))
    p.stderr.close()
    CPU.setdefault(os.path.basename(cmd[0]), []).append(usage.ru_utime + usage.ru_stime)
    return t_all, t_first, first + rest


def pct(xs, p):
    xs = sorted(xs)
    k = max(0, min(len(xs) - 1, int(round(p / 100.0 * len(xs) + 0.5)) - 1))
    return xs[k]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--vigie", required=True)
    ap.add_argument("--db", required=True, help="vigie index")
    ap.add_argument("--corpus", required=True, help="make-corpus output (the same texts)")
    ap.add_argument("--fts", required=True, help="SQLite FTS5 database (built if missing)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per query and engine")
    args = ap.parse_args()

    if not os.path.exists(args.fts):
        t0 = time.perf_counter()
        n = build_fts(args.corpus, args.fts)
        print("built FTS5 database: %d documents in %.1f s" % (n, time.perf_counter() - t0), file=sys.stderr)

    vigie = lambda qa, fmt="--json": [args.vigie, "search", "--db", args.db, "--limit", "10", fmt] + qa
    fts = lambda match, cond: ["sqlite3", args.fts, sql_for(match, cond)]

    # Counts side by side (and a warm-up of both engines' page caches).
    print("| # | query | vigie count | FTS5 count |")
    print("|---|---|---:|---:|")
    for i, (label, qa, match, cond) in enumerate(QUERIES, 1):
        vc = json.loads(timed(vigie(qa))[2])["count"]
        fc = int(timed(fts(match, cond))[2].split(b"\n")[0])
        print("| %d | %s: `%s` | %d | %d |" % (i, label, " ".join(qa), vc, fc))

    CPU.clear()
    v_all, f_all, v_first, f_first = [], [], [], []
    for _ in range(args.runs):
        for label, qa, match, cond in QUERIES:
            t, tf, _ = timed(vigie(qa, "--jsonl"))
            v_all.append(t)
            v_first.append(tf)
            t, tf, _ = timed(fts(match, cond))
            f_all.append(t)
            f_first.append(tf)
    v_cpu, f_cpu = CPU[os.path.basename(args.vigie)], CPU["sqlite3"]
    # Process start alone, for reference.
    start = [timed([args.vigie, "--version"])[0] for _ in range(args.runs * 4)]
    sq_start = [timed(["sqlite3", args.fts, "SELECT 1;"])[0] for _ in range(args.runs * 4)]

    ms = lambda x: "%.1f" % (1000 * x)
    print()
    print("| engine | median ms | p95 ms | median time to first result ms | median CPU ms | process start ms |")
    print("|---|---:|---:|---:|---:|---:|")
    print("| vigie search | %s | %s | %s | %s | %s |" % (
        ms(statistics.median(v_all)), ms(pct(v_all, 95)), ms(statistics.median(v_first)),
        ms(statistics.median(v_cpu)), ms(statistics.median(start))))
    print("| SQLite FTS5 (porter unicode61) | %s | %s | %s | %s | %s |" % (
        ms(statistics.median(f_all)), ms(pct(f_all, 95)), ms(statistics.median(f_first)),
        ms(statistics.median(f_cpu)), ms(statistics.median(sq_start))))
    print()
    print("median ratio vigie/FTS5 = %.2f (target <= 1.5); p95 ratio = %.2f; CPU median ratio = %.2f; "
          "%d runs x %d queries per engine" % (
              statistics.median(v_all) / statistics.median(f_all), pct(v_all, 95) / pct(f_all, 95),
              statistics.median(v_cpu) / statistics.median(f_cpu), args.runs, len(QUERIES)))


if __name__ == "__main__":
    main()
