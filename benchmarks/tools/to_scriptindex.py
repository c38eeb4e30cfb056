#!/usr/bin/env python3
"""Converts a make-corpus folder into Xapian scriptindex input (one record per
blank-line-separated block: id, kind, lang, date, title, text), so that
scriptindex indexes the same texts as `vigie index` in benchmarks/ingest.sh.
Independent of Vigie's code: Python's json module, stdlib only.
Usage: to_scriptindex.py CORPUS_DIR > records.txt"""
import json, os, sys, datetime as dt

def emit(out, rid, kind, lang, when, title, text):
    if not isinstance(text, str) or not text.strip():
        return 0
    out.write(f"id={kind}:{rid}\nkind={kind}\nlang={lang or ''}\n")
    if when:
        out.write(f"date={when}\n")
    if title:
        out.write("title=" + title.replace("\n", " ") + "\n")
    # scriptindex continues a field on lines starting with '='
    out.write("text=" + "\n=".join(text.split("\n")) + "\n\n")
    return 1

def ts_twitter(s):
    try:
        return int(dt.datetime.strptime(s, "%a %b %d %H:%M:%S %z %Y").timestamp())
    except Exception:
        return None

def ts_iso(s):
    try:
        return int(dt.datetime.fromisoformat(s.replace("Z", "+00:00")).replace(tzinfo=dt.timezone.utc).timestamp())
    except Exception:
        return None

def main():
    d = sys.argv[1]
    out = sys.stdout
    n = 0
    for name in sorted(os.listdir(d)):
        if name == "MANIFEST.json":
            continue
        with open(os.path.join(d, name), "rb") as f:
            for raw in f:
                try:
                    o = json.loads(raw.decode("utf-8"))
                except Exception:
                    continue
                if not isinstance(o, dict):
                    continue
                if "data" in o and isinstance(o["data"], list):
                    for t in o["data"]:
                        n += emit(out, t.get("id"), "tweet", t.get("lang"), ts_iso(t.get("created_at", "")), "", t.get("text"))
                elif "articles" in o:
                    for a in o["articles"]:
                        n += emit(out, a.get("url"), "news", a.get("language"), ts_iso(a.get("publishedAt", "")), a.get("title"), a.get("content"))
                elif "full_text" in o:
                    n += emit(out, o.get("id_str"), "tweet", o.get("lang"), ts_twitter(o.get("created_at", "")), "", o.get("full_text"))
                elif "body" in o:
                    n += emit(out, o.get("id"), "reddit", "", o.get("created_utc"), "", o.get("body"))
                elif "stories_id" in o:
                    n += emit(out, o.get("stories_id"), "news", o.get("language"), ts_iso(o.get("publish_date", "")), o.get("title"), o.get("text"))
    print(f"to_scriptindex: {n} records", file=sys.stderr)

main()
