"""The API contract of `vigie serve`, against the CLI on the same index:
every endpoint's JSON equals the matching command's --json output, the
limits, every error status, the token rules, the security headers and the
request log.

usage: api_contract.py VIGIE INDEX SOURCE_DIR SCRATCH
"""
import concurrent.futures
import json
import os
import subprocess
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_client import Checks, Server, cli, error_message  # noqa: E402

VIGIE, INDEX, SRC, SCRATCH = sys.argv[1:5]
QUERIES = os.path.join(SRC, "corpora", "queries", "saved.json")
c = Checks()
# Both sides date the briefing the same way.
env = dict(os.environ, SOURCE_DATE_EPOCH="1552867200", VIGIE_QUERIES=QUERIES)

SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


def check_headers(h, what):
    for k, v in SECURITY_HEADERS.items():
        c.eq(h.get(k), v, "%s: %s" % (what, k))
    # Browsers enforce every policy they get: exactly one, or the briefing's
    # inline CSS would be blocked by the general one.
    c.eq(h.get("content-security-policy-count"), 1, what + ": one Content-Security-Policy")


srv = Server(VIGIE, ["--db", INDEX, "--listen", "127.0.0.1:0", "--threads", "2", "--queries", QUERIES],
             os.path.join(SCRATCH, "serve.log"), env=env)
try:
    # ---- Search: the same bytes as `vigie search --json` ----------------------------
    searches = [
        ({"q": "cannabis"}, ["cannabis"]),
        ({"q": "\"harm reduction\" OR naloxone", "facet": ["lang", "kind"], "limit": "5"},
         ["--facet", "lang", "--facet", "kind", "--limit", "5", "\"harm reduction\" OR naloxone"]),
        ({"q": "drug", "sort": "date", "offset": "3", "limit": "4", "facet": "topic", "facet_limit": "3"},
         ["--sort", "date", "--offset", "3", "--limit", "4", "--facet", "topic", "--facet-limit", "3", "drug"]),
        ({"q": "cannabis", "week": "2019-W11", "tz": "Europe/Paris", "facet": "sentiment"},
         ["--week", "2019-W11", "--tz", "Europe/Paris", "--facet", "sentiment", "cannabis"]),
        ({"q": "droga", "lang": "es", "from": "2019-01-01", "to": "2019-03-31", "collapse": "1"},
         ["--lang", "es", "--from", "2019-01-01", "--to", "2019-03-31", "--collapse", "droga"]),
        ({"saved": "harm-reduction-es", "facet": "source"}, ["--saved", "harm-reduction-es", "--facet", "source"]),
        ({"saved": "opioids-news", "q": "fentanyl"}, ["--saved", "opioids-news", "fentanyl"]),
        ({"q": "大麻合法化"}, ["大麻合法化"]),
        ({"q": "cannabis", "facet": "lang,kind,topic,stance,sentiment,hashtag,week,source", "facet_limit": "4"},
         ["--facet", "lang", "--facet", "kind", "--facet", "topic", "--facet", "stance", "--facet", "sentiment",
          "--facet", "hashtag", "--facet", "week", "--facet", "source", "--facet-limit", "4", "cannabis"]),
        ({"facet": "week"}, ["--facet", "week"]),
    ]
    for params, args in searches:
        rc, out, err = cli(VIGIE, "search", "--db", INDEX, "--json", *args, env=env)
        st, h, body = srv.request("/api/search", params)
        c.eq(st, 200, "search %s: status" % params)
        c.ok(rc == 0 and body == out, "search %s: same bytes as vigie search --json %s" % (params, args),
             "cli rc %d, %d vs %d bytes" % (rc, len(out), len(body)))
    c.ok(json.loads(srv.request("/api/search", {"q": "cannabis"})[2])["count"] > 0, "search finds documents")
    # ---- Crossed facets: the CLI's --stats, and an independent count from the results ----------------
    for params, args in [({"q": "cannabis", "stats": "lang,topic", "limit": "0"},
                          ["--stats", "lang", "--stats", "topic", "--limit", "0", "cannabis"]),
                         ({"saved": "harm-reduction", "stats": ["stance", "sentiment", "kind"]},
                          ["--saved", "harm-reduction", "--stats", "stance", "--stats", "sentiment", "--stats", "kind"])]:
        rc, out, err = cli(VIGIE, "search", "--db", INDEX, "--json", *args, env=env)
        st, h, body = srv.request("/api/search", params)
        c.ok(st == 200 and rc == 0 and body == out, "crossed %s: same bytes as vigie search --json %s" % (params, args),
             "status %d, cli rc %d %s" % (st, rc, err[:200]))
    every = json.loads(srv.request("/api/search", {"q": "drug OR cannabis OR droga", "limit": "1000",
                                                   "stats": "lang,topic,stance"})[2])
    c.ok(every["count"] == len(every["results"]) and every["count"] > 20, "crossed: every match listed for the oracle")
    for field in ["lang", "topic", "stance"]:
        groups = {}
        for r in every["results"]:
            vals = r["topics"] if field == "topic" else [r[field]]
            for v in vals:
                if v:
                    groups.setdefault(v, []).append(r)
        got = {x["value"]: x for x in every["stats"][field]}
        c.eq(sorted(got), sorted(groups), "crossed %s: the values present in the results" % field)
        for v, rs in groups.items():
            g = got.get(v, {})
            scores = [r["sentiment"] for r in rs if r["sentiment"] is not None]
            mean = sum(scores) / len(scores) if scores else None
            stance = {}
            for r in rs:
                if r["stance"]:
                    stance[r["stance"]] = stance.get(r["stance"], 0) + 1
            ok = g.get("count") == len(rs) and g["sentiment"]["n"] == len(scores) and g.get("stance") == stance and \
                (mean is None and g["sentiment"]["mean"] is None or abs(g["sentiment"]["mean"] - mean) < 5e-4)
            if not ok or v == next(iter(groups)):
                c.ok(ok, "crossed %s=%s: count, mean sentiment and stance equal the results'" % (field, v),
                     "%r vs count %d mean %r stance %r" % (g, len(rs), mean, stance))
    for params, what in [({"q": "x", "stats": "source"}, "stats on a field that cannot be crossed")]:
        st, h, body = srv.request("/api/search", params)
        c.ok(st == 400 and "source" in (error_message(body) or ""), "%s: 400" % what)


    # ---- Trends ------------------------------------------------------------------------------
    trends = [
        ({}, []),
        ({"q": "cannabis", "by": "month"}, ["--by", "month", "cannabis"]),
        ({"topic": "harm_reduction", "by": "week"}, ["--topic", "harm_reduction", "--by", "week"]),
        ({"saved": "harm-reduction", "lang": "es"}, ["--saved", "harm-reduction", "--lang", "es"]),
        ({"q": "drug", "from": "2019-02-01", "to": "2019-03-31", "kind": "news", "by": "day"},
         ["--from", "2019-02-01", "--to", "2019-03-31", "--kind", "news", "--by", "day", "drug"]),
        ({"q": "drug OR drugs", "emerging": "2019-W11"}, ["--emerging", "2019-W11", "drug OR drugs"]),
    ]
    for params, args in trends:
        rc, out, err = cli(VIGIE, "trends", "--db", INDEX, "--json", *args, env=env)
        st, h, body = srv.request("/api/trends", params)
        c.ok(st == 200 and rc == 0 and body == out, "trends %s: same bytes as vigie trends --json" % params,
             "status %d, cli rc %d, %s" % (st, rc, err[:200]))

    # ---- Topics, report, saved, health ----------------------------------------------------------
    rc, out, err = cli(VIGIE, "topics", "--json", env=env)
    st, h, body = srv.request("/api/topics")
    c.ok(st == 200 and rc == 0 and body == out, "topics: same bytes as vigie topics --json")

    rc, out, err = cli(VIGIE, "report", "--db", INDEX, "--week", "2019-W11", "--out", os.path.join(SCRATCH, "rep"),
                       env=env)
    want_json = open(os.path.join(SCRATCH, "rep", "report.json"), "rb").read()
    want_html = open(os.path.join(SCRATCH, "rep", "report.html"), "rb").read()
    st, h, body = srv.request("/api/report", {"week": "2019-W11"})
    c.ok(st == 200 and body == want_json, "report: /api/report = report.json", "status %d" % st)
    st, h, body = srv.request("/report/2019-W11")
    c.ok(st == 200 and body == want_html, "report: /report/WEEK = report.html", "status %d" % st)
    c.ok(h.get("content-type", "").startswith("text/html"), "report HTML content type")
    check_headers(h, "report HTML")
    c.ok("script-src" not in h.get("content-security-policy", "") and
         "default-src 'none'" in h.get("content-security-policy", ""), "the briefing may run no script")

    st, h, body = srv.request("/api/saved")
    saved = json.loads(body)
    want = json.load(open(QUERIES))
    c.eq(sorted(s["name"] for s in saved), sorted(want), "saved: every saved query")
    c.eq({s["name"]: s["query"] for s in saved}, {k: v["query"] for k, v in want.items()}, "saved: their queries")
    c.eq({s["name"]: s["description"] for s in saved}, {k: v.get("description", "") for k, v in want.items()},
         "saved: their descriptions")

    rc, out, err = cli(VIGIE, "stats", "--db", INDEX, "--json", env=env)
    st, h, body = srv.request("/api/stats")
    c.ok(st == 200 and rc == 0 and body == out, "stats: same bytes as vigie stats --json", "status %d" % st)

    rc, out, err = cli(VIGIE, "search", "--db", INDEX, "--count", "", env=env)
    st, h, body = srv.request("/api/health")
    c.eq(json.loads(body), {"status": "ok", "documents": int(out)}, "health: status and document count")

    # ---- Score: POST texts, one per line, as `vigie score --json` ------------------------------
    texts = ("The food was GREAT but the service was not good!\n"
             "La légalisation du cannabis est une bonne nouvelle pour la santé publique\r\n"
             "\n"
             "الحكومة تعلن عن برنامج جديد للحد من أضرار المخدرات\n"
             "大麻合法化是一个错误的决定\n"
             "Naloxone saves lives, harm reduction works").encode()
    for params, args in [({}, []), ({"lang": "fr"}, ["--lang", "fr"]), ({"explain": "true"}, ["--explain"]),
                         ({"no_topics": "1"}, ["--no-topics"])]:
        p = subprocess.run([VIGIE, "score", "--json", *args], input=texts, capture_output=True, env=env, timeout=300)
        st, h, body = srv.request("/api/score", params, method="POST", body=texts)
        c.ok(st == 200 and p.returncode == 0 and body == p.stdout and body.count(b"\n") == 6,
             "score %s: same lines as vigie score --json %s" % (params, args), "status %d, %r" % (st, body[:200]))
    st, h, body = srv.request("/api/score", method="POST", body=b"cannabis is fine\n" * 1000)
    c.ok(st == 413 and "text/plain" in (error_message(body) or ""),
         "score: a form-encoded body over 8 KiB: 413 saying to send text/plain", str(st))
    st, h, body = srv.request("/api/score", method="POST", body=b"cannabis is fine\n" * 1000,
                              headers={"Content-Type": "text/plain"})
    c.ok(st == 200 and body.count(b"\n") == 1000, "score: the same body as text/plain is scored", str(st))
    st, h, body = srv.request("/api/score", {"lang": "xx-nonsense"}, method="POST", body=b"x")
    c.ok(st == 400 and error_message(body), "score: unknown language: 400")
    st, h, body = srv.request("/api/score")
    c.ok(st == 405 and "POST" in h.get("allow", ""), "GET /api/score: 405 with Allow: POST")
    st, h, body = srv.request("/api/score", method="OPTIONS")
    c.ok(st == 405 and h.get("allow") == "POST", "OPTIONS /api/score: 405 with Allow: POST")

    # ---- Document: the record and the explanation of `vigie score --explain --json` ----------------
    hit = json.loads(srv.request("/api/search", {"q": "cannabis", "limit": "1"})[2])["results"][0]
    st, h, body = srv.request("/api/document", {"id": hit["kind"] + ":" + hit["id"]})
    d = json.loads(body)
    c.ok(st == 200 and d["document"]["id"] == hit["id"], "document: found by KIND:ID")
    p = subprocess.run([VIGIE, "score", "--json", "--explain", "--lang", d["document"]["lang"]],
                       input=d["document"]["text"].encode() + b"\n", capture_output=True, env=env, timeout=300)
    c.eq(json.loads(p.stdout), d["explanation"], "document: the explanation is vigie score --explain --json's")
    for params, want in [({"id": "tweet:0"}, 404), ({"id": "nocolon"}, 400), ({}, 400)]:
        st, h, body = srv.request("/api/document", params)
        c.ok(st == want and error_message(body), "document %s: %d with a JSON error" % (params, want))

    # ---- OpenAPI: the description and the server agree ------------------------------------------
    st, h, body = srv.request("/api/openapi.json")
    spec = json.loads(body)
    c.ok(spec.get("openapi", "").startswith("3."), "openapi: an OpenAPI 3 document")
    paths = spec.get("paths", {})
    for path in ["/api/search", "/api/trends", "/api/stats", "/api/topics", "/api/report", "/report/{week}", "/api/saved",
                 "/api/health", "/api/openapi.json", "/api/score", "/api/document", "/api/fields"]:
        c.ok(path in paths, "openapi describes " + path)
    for path, item in paths.items():
        for method, op in item.items():
            concrete = path.replace("{week}", "2019-W11")
            params = {}
            for p in op.get("parameters", []):
                if p.get("in") == "query" and p.get("required"):
                    params[p["name"]] = p.get("example", "x")
            if method == "post":
                st, h, body = srv.request(concrete, params, method="POST", body=b"cannabis\n")
            else:
                st, h, body = srv.request(concrete, params)
            c.ok(str(st) in op.get("responses", {}), "openapi %s %s: status %d is documented" % (method, path, st))
            for p in op.get("parameters", []):
                if p.get("in") != "query" or "example" not in p:
                    continue
                q = dict(params, **{p["name"]: p["example"]})
                st, h, body = srv.request(concrete, q, method=method.upper(),
                                          body=b"cannabis\n" if method == "post" else None)
                c.ok(st == 200, "openapi %s %s: documented parameter %s=%s accepted" % (method, path, p["name"],
                                                                                       p["example"]),
                     "status %d %s" % (st, body[:200]))
    # An undocumented parameter is refused: the description is complete.
    st, h, body = srv.request("/api/search", {"qq": "x"})
    c.eq(st, 400, "unknown parameter: 400")

    # ---- Errors: 400 with the CLI's message, 404, 405, 413 --------------------------------------
    rc, out, err = cli(VIGIE, "search", "--db", INDEX, "--json", "(cannabis", env=env)
    st, h, body = srv.request("/api/search", {"q": "(cannabis"})
    c.eq(st, 400, "malformed query: 400")
    c.ok(rc == 2 and error_message(body) and error_message(body) in err,
         "malformed query: the CLI's message, with its position", "%r vs %r" % (error_message(body), err))
    c.ok("^" in (error_message(body) or ""), "malformed query: a caret under the problem")
    for params, what in [({"q": "x", "sort": "size"}, "bad sort"), ({"limit": "ten"}, "non-numeric limit"),
                         ({"limit": "-1"}, "negative limit"), ({"offset": "99999999999"}, "offset out of range"),
                         ({"facet": "colour"}, "unknown facet"), ({"from": "2019-13-45"}, "impossible day"),
                         ({"tz": "Mars/Olympus"}, "unknown zone"), ({"week": "2019-W60"}, "bad week"),
                         ({"collapse": "maybe"}, "bad boolean"), ({"saved": "nope"}, "unknown saved query"),
                         ({"q": "a", "limit": ["1", "2"]}, "repeated parameter")]:
        st, h, body = srv.request("/api/search", params)
        c.ok(st == 400 and error_message(body), "%s: 400 with a JSON error" % what, "%d %r" % (st, body[:200]))
    for params, what in [({"by": "year"}, "trends bad by"), ({"topic": "no_such_topic"}, "trends unknown topic"),
                         ({"from": "2019-03-01", "to": "2019-02-01"}, "trends from after to")]:
        st, h, body = srv.request("/api/trends", params)
        c.ok(st == 400 and error_message(body), "%s: 400 with a JSON error" % what, "%d %r" % (st, body[:200]))
    st, h, body = srv.request("/api/report", {"week": "2019-W99"})
    c.ok(st == 400 and error_message(body), "report bad week: 400")
    st, h, body = srv.request("/api/report")
    c.ok(st == 400 and error_message(body), "report without week: 400")
    st, h, body = srv.request("/api/nothing")
    c.ok(st == 404 and error_message(body), "unknown endpoint: 404 with a JSON error")
    check_headers(h, "404")
    st, h, body = srv.request("/../../etc/passwd")
    c.ok(st in (400, 404) and b"root:" not in body, "no file outside the embedded assets", "status %d" % st)
    st, h, body = srv.request("/api/search", {"q": "x"}, method="POST", body=b"q=x")
    c.ok(st == 405 and error_message(body) and "GET" in h.get("allow", ""), "POST /api/search: 405 with Allow")
    check_headers(h, "405")
    st, h, body = srv.request("/api/search", method="DELETE")
    c.eq(st, 405, "DELETE /api/search: 405")
    st, h, body = srv.request("/api/search", method="POST", body=b"x" * (1024 * 1024 + 1))
    c.ok(st == 413 and error_message(body), "body over 1 MiB: 413 with a JSON error", "status %d" % st)
    check_headers(h, "413")

    # ---- Limits ---------------------------------------------------------------------------------------
    st, h, body = srv.request("/api/search", {"q": "a" * 4096, "limit": "1"})
    c.eq(st, 200, "query of 4096 bytes accepted")
    st, h, body = srv.request("/api/search", {"q": "a" * 4097})
    c.ok(st == 400 and "4096" in (error_message(body) or ""), "query of 4097 bytes: 400 naming the limit")
    st, h, body = srv.request("/api/search", {"q": "x", "limit": "1000"})
    c.eq(st, 200, "limit=1000 accepted")
    st, h, body = srv.request("/api/search", {"q": "x", "limit": "1001"})
    c.ok(st == 400 and "1000" in (error_message(body) or ""), "limit=1001: 400 naming the limit")
    st, h, body = srv.request("/api/search", {"q": "x", "limit": "1000", "offset": "9000"})
    c.eq(st, 200, "offset+limit = 10000 accepted")
    st, h, body = srv.request("/api/search", {"q": "x", "limit": "1000", "offset": "9001"})
    c.ok(st == 400 and "10000" in (error_message(body) or ""), "offset+limit = 10001: 400 naming the limit")

    # Security headers on every kind of answer.
    for path, params in [("/api/search", {"q": "cannabis"}), ("/", None), ("/api/search", {"limit": "x"})]:
        st, h, body = srv.request(path, params)
        check_headers(h, "%s %d" % (path, st))
    st, h, body = srv.request("/")
    csp = h.get("content-security-policy", "")
    c.ok("default-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp,
         "interface CSP: the server itself only", csp)
finally:
    srv.stop()

# ---- The request log: method, path, status, ms; no query text by default -------------------------
log = open(os.path.join(SCRATCH, "serve.log")).read()
c.ok("GET /api/search 200 " in log, "log: one line per request with method, path and status")
c.ok("cannabis" not in log and "harm" not in log, "log: no query text without --log-queries")
import re  # noqa: E402
c.ok(re.search(r"^GET /api/search 400 [0-9.]+ms$", log, re.M) is not None, "log: milliseconds")

srv = Server(VIGIE, ["--db", INDEX, "--listen", "127.0.0.1:0", "--log-queries"], os.path.join(SCRATCH, "q.log"),
             env=env)
try:
    srv.request("/api/search", {"q": "naloxone"})
finally:
    srv.stop()
c.ok("naloxone" in open(os.path.join(SCRATCH, "q.log")).read(), "--log-queries: the query is logged")

# ---- Tokens ----------------------------------------------------------------------------------------
token = "s3cret-token-0123456789"
with open(os.path.join(SCRATCH, "token"), "w") as f:
    f.write(token + "\n")
srv = Server(VIGIE, ["--db", INDEX, "--listen", "127.0.0.1:0", "--token-file", os.path.join(SCRATCH, "token")],
             os.path.join(SCRATCH, "token.log"), env=env)
try:
    st, h, body = srv.request("/api/health")
    c.ok(st == 401 and error_message(body), "token: no Authorization: 401 with a JSON error")
    check_headers(h, "401")
    for bad in ["Bearer wrong", "Bearer " + token[:-1], "Bearer " + token + "x", token, "Basic " + token, "Bearer "]:
        st, h, body = srv.request("/api/health", headers={"Authorization": bad})
        c.eq(st, 401, "token: %r refused" % bad[:20])
    # Every path that reads the index needs the token, whatever else the request holds.
    for path, params in [("/api/search", {"q": "cannabis"}), ("/api/trends", {"q": "cannabis"}), ("/api/stats", None),
                         ("/api/topics", None), ("/api/saved", None), ("/api/fields", None),
                         ("/api/report", {"week": "2019-W11"}), ("/report/2019-W11", None),
                         ("/api/openapi.json", None), ("/api/document", {"id": "tweet:1"}), ("/nowhere", None),
                         ("/api/nowhere", None)]:
        st, h, body = srv.request(path, params, headers={"Authorization": "Bearer wrong"})
        c.ok(st == 401 and error_message(body), "token: %s needs the token" % path, str(st))
    st, h, body = srv.request("/api/score", method="POST", body=b"cannabis\n")
    c.eq(st, 401, "token: POST /api/score needs the token")
    # The interface's own files load without it (a browser cannot add the
    # header to a page load; the page asks for the token): the same bytes as
    # a server without a token, and none of them come from the index.
    plain = Server(VIGIE, ["--db", INDEX, "--listen", "127.0.0.1:0"], os.path.join(SCRATCH, "plain.log"), env=env)
    try:
        for path in ["/", "/app.js", "/app.css", "/favicon.svg"]:
            st, h, body = srv.request(path)
            st2, h2, body2 = plain.request(path)
            c.ok(st == 200 and st2 == 200 and body == body2, "token: %s loads without the token, as without a token" % path)
            check_headers(h, "token: " + path)
        st, h, body = srv.request("/", method="POST")
        c.ok(st == 401, "token: only GET of the interface's files goes without the token", str(st))
    finally:
        plain.stop()
    st, h, body = srv.request("/api/health", headers={"Authorization": "Bearer " + token})
    c.eq(st, 200, "token: the right token is accepted")
finally:
    srv.stop()

# ---- The time limit stops a running search, trends or scoring ---------------------------------
# Heavy requests: a 700-term OR query (a hundred milliseconds or more to
# parse in six languages and match, whatever the machine), with every facet
# and crossed statistic; trends over it; 20,000 lines to score. A 1 ms limit
# is far below each, so the request is stopped and answered with 503.
HEAVY = " OR ".join(["cannabis"] + ["w%d" % i for i in range(699)])
srv = Server(VIGIE, ["--db", INDEX, "--listen", "127.0.0.1:0", "--threads", "1", "--request-timeout", "1",
                     "--max-query-bytes", "65536"], os.path.join(SCRATCH, "timeout.log"), env=env)
try:
    heavy = [("/api/search", {"q": HEAVY, "facet": "lang,kind,source,topic,stance,sentiment,hashtag,week",
                              "facet_limit": "0", "stats": "lang,kind,topic,stance", "limit": "1000"}),
             ("/api/trends", {"q": HEAVY})]
    for path, params in heavy:
        st, h, body = srv.request(path, params)
        msg = error_message(body) or ""
        c.ok(st == 503 and "time limit of 1 ms" in msg, "time limit: %s stopped with 503 and a JSON error" % path,
             "%d %s" % (st, body[:200]))
        c.ok("retry-after" not in h, "time limit: no Retry-After (the same request would take as long)")
        check_headers(h, "time limit " + path)
    st, h, body = srv.request("/api/topics")
    c.eq(st, 200, "time limit: the server still answers")
    st, h, body = srv.request("/api/score", method="POST", body=("cannabis is fine\n" * 20000).encode(),
                              headers={"Content-Type": "text/plain; charset=utf-8"})
    c.ok(st == 503 and "time limit" in (error_message(body) or ""), "time limit: a long /api/score body is stopped",
         str(st))
finally:
    srv.stop()
log = open(os.path.join(SCRATCH, "timeout.log")).read()
c.ok(log.count(" 503 ") == 3 and "vigie serve: error" not in log,
     "time limit: logged as 503, nothing logged as a server error", log[-500:])

# ---- A full queue answers 503 with Retry-After ---------------------------------------------------
srv = Server(VIGIE, ["--db", INDEX, "--listen", "127.0.0.1:0", "--threads", "1", "--queue", "0"],
             os.path.join(SCRATCH, "busy.log"), env=env)
try:
    barrier = threading.Barrier(12)

    def one(_):
        barrier.wait(timeout=30)
        return srv.request("/api/report", {"week": "2019-W11"})

    with concurrent.futures.ThreadPoolExecutor(12) as pool:
        results = list(pool.map(one, range(12)))
    statuses = sorted(r[0] for r in results)
    c.ok(set(statuses) <= {200, 503}, "busy: only 200 and 503", str(statuses))
    busy = [r for r in results if r[0] == 503]
    c.ok(busy and all(r[1].get("retry-after") for r in busy) and all(error_message(r[2]) for r in busy),
         "busy: 503 with Retry-After and a JSON error", str(statuses))
    if busy:
        check_headers(busy[0][1], "503")
    c.ok(200 in statuses, "busy: the worker still answers", str(statuses))
    st, h, body = srv.request("/api/health")
    c.eq(st, 200, "busy: served again once the worker is free")
finally:
    srv.stop()

c.finish()
