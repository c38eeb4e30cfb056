#!/usr/bin/env python3
"""Clients of serve_ingest.sh: each sends the 20 queries of search_latency.py in
turn to /api/search, waiting --interval-ms after each answer, until the file
--stop exists; then writes the requests by status (and any failure) as JSON."""
import argparse
import collections
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from search_latency import QUERIES  # noqa: E402
from serve_latency import api_path  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--url", required=True)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--interval-ms", type=int, default=250)
    ap.add_argument("--stop", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    host = urllib.parse.urlparse(args.url)
    paths = [api_path(qa) for _, qa, _, _ in QUERIES]
    lock = threading.Lock()
    statuses = collections.Counter()
    failures = []
    latencies = []

    def client(k):
        conn = None
        i = k
        while not os.path.exists(args.stop):
            path = paths[i % len(paths)]
            i += 1
            t0 = time.perf_counter()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
                conn.request("GET", path)
                r = conn.getresponse()
                body = r.read()
                status = r.status
                if status == 200:
                    json.loads(body)["count"]
            except Exception as e:  # a failed request is what this counts
                status = "failed: " + type(e).__name__
                conn = None
            with lock:
                statuses[str(status)] += 1
                latencies.append(time.perf_counter() - t0)
                if status != 200 and len(failures) < 5:
                    failures.append("%s %s" % (status, path))
            time.sleep(args.interval_ms / 1000.0)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    out = {"requests": sum(statuses.values()), "statuses": dict(statuses), "failures": failures,
           "median_ms": round(1000 * latencies[len(latencies) // 2], 1) if latencies else None,
           "p99_ms": round(1000 * latencies[int(0.99 * (len(latencies) - 1))], 1) if latencies else None}
    with open(args.out, "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
