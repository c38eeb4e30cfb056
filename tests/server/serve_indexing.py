"""Searching a served index while `vigie index` commits to it: every request
answers 200, counts only grow, and the final commit is seen without a restart
(the next request reopens the index; the 60 s bound only keeps a hung server
from hanging the test, on however loaded a machine).

usage: serve_indexing.py VIGIE INDEX SCRATCH INPUT...
"""
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_client import Checks, Server, cli  # noqa: E402

VIGIE, INDEX, SCRATCH = sys.argv[1:4]
INPUTS = sys.argv[4:]
c = Checks()
srv = Server(VIGIE, ["--db", INDEX, "--listen", "127.0.0.1:0", "--threads", "2"], os.path.join(SCRATCH, "serve.log"))
try:
    writer = subprocess.Popen([VIGIE, "index", "--quiet", "--commit-every", "300", "--threads", "2", "--db", INDEX,
                               *INPUTS], stdout=subprocess.DEVNULL, stderr=open(os.path.join(SCRATCH, "w.log"), "w"))
    prev_docs = prev_count = 0
    rounds = failures = 0
    deadline = time.time() + 600  # bounded whatever the machine's speed
    while writer.poll() is None and time.time() < deadline:
        for path, params in [("/api/health", None), ("/api/search", {"q": "drug OR cannabis OR droga", "limit": "3",
                                                                     "facet": "lang"}),
                             ("/api/trends", {"q": "drug OR cannabis", "by": "week"})]:
            st, h, body = srv.request(path, params)
            if st != 200:
                failures += 1
                print("request failed during indexing: %s %d %s" % (path, st, body[:200]))
                continue
            d = json.loads(body)
            if path == "/api/health":
                if d["documents"] < prev_docs:
                    c.ok(False, "documents only grow", "%d -> %d" % (prev_docs, d["documents"]))
                prev_docs = d["documents"]
            elif path == "/api/search":
                if d["count"] < prev_count:
                    c.ok(False, "search count only grows", "%d -> %d" % (prev_count, d["count"]))
                prev_count = d["count"]
        rounds += 1
    rc = writer.wait(timeout=600)
    c.ok(rc in (0, 3), "the writer finished (exit %d)" % rc)
    c.eq(failures, 0, "failed requests during indexing (%d rounds)" % rounds)
    c.ok(rounds > 1, "%d rounds of requests while writing" % rounds)
    # The last commit, seen without a restart.
    rc, out, err = cli(VIGIE, "search", "--db", INDEX, "--count", "")
    want = int(out)
    seen = None
    t0 = time.time()
    while time.time() - t0 < 60:
        seen = json.loads(srv.request("/api/health")[2])["documents"]
        if seen == want:
            break
        time.sleep(0.1)
    c.eq(seen, want, "the server sees the final commit without a restart")
    rc, out, err = cli(VIGIE, "search", "--db", INDEX, "--json", "--facet", "lang", "cannabis")
    st, h, body = srv.request("/api/search", {"q": "cannabis", "facet": "lang"})
    c.ok(body == out, "after indexing: /api/search = vigie search --json")
finally:
    srv.stop()
c.finish()
