#!/usr/bin/env python3
"""/api/search of a running `vigie serve` against SQLite FTS5 in-process, in the same run.

Each engine answers each of the 20 queries of search_latency.py with an exact
match count plus the top 10 by BM25 with a snippet. Vigie is asked over HTTP
on one kept-alive connection (the time is the client's: request, search,
JSON, response); FTS5 runs in this process on one open connection (no
process start, no HTTP). Runs are interleaved query by query (vigie, FTS5,
vigie, ...) so both see the same machine load.
"""
import argparse
import http.client
import json
import os
import sqlite3
import statistics
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from search_latency import QUERIES, build_fts, pct, sql_for  # noqa: E402


def api_path(args):
    """The /api/search URL for the arguments `vigie search` takes in search_latency.py."""
    params, words = [("limit", "10")], []
    it = iter(args)
    for a in it:
        if a == "--week":
            params.append(("week", next(it)))
        else:
            words.append(a)
    if words:
        params.append(("q", " ".join(words)))
    return "/api/search?" + urllib.parse.urlencode(params)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", required=True, help="http://127.0.0.1:PORT of vigie serve")
    ap.add_argument("--corpus", required=True, help="make-corpus output (the same texts)")
    ap.add_argument("--fts", required=True, help="SQLite FTS5 database (built if missing)")
    ap.add_argument("--runs", type=int, default=20, help="timed runs per query and engine")
    args = ap.parse_args()

    if not os.path.exists(args.fts):
        t0 = time.perf_counter()
        n = build_fts(args.corpus, args.fts)
        print("built FTS5 database: %d documents in %.1f s" % (n, time.perf_counter() - t0), file=sys.stderr)

    host = urllib.parse.urlparse(args.url)
    conn = http.client.HTTPConnection(host.hostname, host.port, timeout=120)

    def vigie(path):
        conn.request("GET", path)
        r = conn.getresponse()
        body = r.read()
        if r.status != 200:
            sys.exit("HTTP %d for %s: %s" % (r.status, path, body[:300]))
        return body

    db = sqlite3.connect(args.fts)

    def fts(match, cond):
        count_sql, top_sql = [s.strip() for s in sql_for(match, cond).split(";") if s.strip()]
        count = db.execute(count_sql).fetchone()[0]
        top = db.execute(top_sql).fetchall()
        return count, top

    plan = [(label, api_path(qa), match, cond) for label, qa, match, cond in QUERIES]
    # Counts side by side, and a warm-up of both (page cache, server reopen).
    print("| # | query | vigie count | FTS5 count |")
    print("|---|---|---:|---:|")
    for i, (label, path, match, cond) in enumerate(plan, 1):
        vc = json.loads(vigie(path))["count"]
        fc = fts(match, cond)[0]
        print("| %d | %s: `%s` | %d | %d |" % (i, label, urllib.parse.unquote_plus(path.split("?", 1)[1]), vc, fc))

    v_all, f_all = [], []
    per_query = {label: ([], []) for label, *_ in plan}
    for _ in range(args.runs):
        for label, path, match, cond in plan:
            t0 = time.perf_counter()
            vigie(path)
            t1 = time.perf_counter()
            fts(match, cond)
            t2 = time.perf_counter()
            v_all.append(t1 - t0)
            f_all.append(t2 - t1)
            per_query[label][0].append(t1 - t0)
            per_query[label][1].append(t2 - t1)

    ms = lambda x: "%.1f" % (1000 * x)
    print()
    print("| # | query | /api/search median ms | FTS5 median ms | ratio |")
    print("|---|---|---:|---:|---:|")
    for i, (label, *_rest) in enumerate(plan, 1):
        v, f = per_query[label]
        print("| %d | %s | %s | %s | %.2f |" % (i, label, ms(statistics.median(v)), ms(statistics.median(f)),
                                               statistics.median(v) / statistics.median(f)))
    print()
    print("| engine | median ms | p95 ms | p99 ms | max ms |")
    print("|---|---:|---:|---:|---:|")
    for name, xs in [("vigie serve /api/search (HTTP)", v_all), ("SQLite FTS5 in-process (Python sqlite3)", f_all)]:
        print("| %s | %s | %s | %s | %s |" % (name, ms(statistics.median(xs)), ms(pct(xs, 95)), ms(pct(xs, 99)),
                                             ms(max(xs))))
    print()
    print("median ratio vigie/FTS5 = %.2f (target <= 1); vigie p99 = %s ms (target <= 100); "
          "%d runs x %d queries per engine, interleaved" % (
              statistics.median(v_all) / statistics.median(f_all), ms(pct(v_all, 99)), args.runs, len(plan)))


if __name__ == "__main__":
    main()
