# Exports carry every field: --json, --jsonl and --csv give each result its
# topics, aspects (per-topic sentiment), stance and stance lean, and its
# near-duplicate cluster id and size. CSV snippets are plain text unless
# --highlight is given. Snippets are cut between characters: never inside a
# UTF-8 sequence, never between a letter and its combining mark (Cyrillic,
# Chinese, Arabic with vowel marks, decomposed Latin accents).
source "$(dirname "$0")/lib/common.bash"

python3 - > docs.jsonl <<'PY'
import json
def tweet(i, text, lang, user, day=11, hour=10):
    return json.dumps({"id_str": str(7100000 + i), "created_at": "Mon Mar %02d %02d:00:00 +0000 2019" % (day, hour),
                       "text": text, "lang": lang, "user": {"screen_name": user, "name": user, "followers_count": 3}},
                      ensure_ascii=False)
base = ("Supervised consumption sites save lives & cut overdose deaths: harm reduction works, "
        "and the council should fund naloxone <now>.")
print(tweet(1, base, "en", "origin"))
print(tweet(2, "RT @origin: " + base, "en", "copier", hour=11))
print(tweet(3, "Prohibition has failed; legalising cannabis would take the market from cartels and protect health.",
            "en", "reformer"))
ru = ("Наркополитика и снижение вреда: " + "программы заместительной терапии спасают жизни людей, " * 8).strip()
print(tweet(4, ru, "ru", "moskva"))
zh = "减少危害政策与大麻合法化的讨论" * 20 + "。"
print(tweet(5, zh, "zh", "beijing"))
ar = "الْمُخَدِّرَاتُ وَالسِّيَاسَةُ الصِّحِّيَّةُ فِي الْمَدِينَةِ " * 6
print(tweet(6, ar.strip(), "ar", "cairo"))
fr = ("Re\u0301duction des risques : les salles de consommation supervise\u0301es sauvent des vies, "
      "de\u0301clare le pre\u0301fet. ") * 5
print(tweet(7, fr.strip(), "fr", "paris"))
long_ru = "Наркотики" * 40   # one long word: the cut falls inside it
print(tweet(8, long_ru, "ru", "slovo"))
long_ar = "مُخَدِّرَاتٌ" * 30    # one long word, every letter with a mark
print(tweet(9, long_ar, "ar", "kalima"))
PY
"$VIGIE" index --db idx --shards 1 -q docs.jsonl 2> index.err || { fail "index: exit $?"; cat index.err >&2; finish; }

# ---- every field, in JSON and JSON Lines ----
"$VIGIE" search --db idx --json --limit 50 '' > all.json || fail "search --json"
"$VIGIE" search --db idx --jsonl --limit 50 '' > all.jsonl || fail "search --jsonl"
python3 - all.json all.jsonl <<'PY' && pass "JSON and JSON Lines carry topics, aspects, stance, stance_lean, cluster_id, cluster_size" || fail "JSON fields"
import json, sys
d = json.load(open(sys.argv[1]))
lines = [json.loads(l) for l in open(sys.argv[2])]
ok = True
def check(cond, what):
    global ok
    if not cond:
        print("  " + what, file=sys.stderr); ok = False
old = ["id", "date", "lang", "kind", "source", "author", "title", "url", "snippet", "rank", "relevance", "weight",
       "sentiment", "label", "stance", "topics", "collapsed"]
new = ["stance_lean", "aspects", "cluster_id", "cluster_size"]
check(len(d["results"]) == 9, "9 results, got %d" % len(d["results"]))
for r in d["results"]:
    check(list(r)[:len(old)] == old, "existing keys first and in order: %s" % list(r))
    for k in new: check(k in r, "%s: no %s" % (r["id"], k))
    check(isinstance(r["aspects"], dict), "aspects is an object")
    for t, s in r["aspects"].items():
        check(t in r["topics"] and -1 <= s <= 1, "aspect %s=%s of %s" % (t, s, r["id"]))
    check(len(r["cluster_id"]) == 16 and int(r["cluster_id"], 16) >= 0, "cluster_id hex: %r" % r["cluster_id"])
    check(r["cluster_size"] >= 1, "cluster_size >= 1")
check(lines == d["results"], "--jsonl holds the --json results")
by = {r["id"]: r for r in d["results"]}
check(by["7100001"]["cluster_id"] == by["7100002"]["cluster_id"], "a tweet and its retweet share a cluster")
check(by["7100001"]["cluster_size"] == 2 and by["7100003"]["cluster_size"] == 1, "cluster sizes 2 and 1")
check(any(r["aspects"] for r in d["results"]), "some document has an aspect sentiment")
check(any(r["stance_lean"] in ("reform", "prohibition") for r in d["results"]), "some document leans to a side")
check(all(r["stance_lean"] in ("reform", "prohibition", "none") for r in d["results"]), "stance_lean values")
sys.exit(0 if ok else 1)
PY

# ---- CSV: the same fields, plain text unless --highlight ----
"$VIGIE" search --db idx --csv --limit 50 'harm reduction' > plain.csv || fail "search --csv"
"$VIGIE" search --db idx --csv --limit 50 --highlight '[,]' 'harm reduction' > marked.csv || fail "search --csv --highlight"
"$VIGIE" search --db idx --json --limit 50 'harm reduction' > hr.json || fail "search --json harm reduction"
python3 - plain.csv marked.csv hr.json <<'PY' && pass "CSV: new columns last, fields as in JSON, plain snippets unless --highlight" || fail "CSV"
import csv, json, sys
ok = True
def check(cond, what):
    global ok
    if not cond:
        print("  " + what, file=sys.stderr); ok = False
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
marked = list(csv.DictReader(open(sys.argv[2], newline="")))
hdr = open(sys.argv[1]).readline().strip().split(",")
old = "rank,id,date,lang,kind,source,author,title,url,relevance,weight,sentiment,label,stance,collapsed,snippet".split(",")
check(hdr[:len(old)] == old, "existing columns first, in order: %s" % hdr)
check(hdr[len(old):] == ["topics", "aspects", "stance_lean", "cluster_id", "cluster_size"], "new columns: %s" % hdr)
j = {r["id"]: r for r in json.load(open(sys.argv[3]))["results"]}
check(len(rows) == len(j) and len(rows) >= 2, "as many rows as JSON results")
for r in rows:
    x = j[r["id"]]
    check(r["topics"].split() == x["topics"], "topics of %s" % r["id"])
    asp = dict((a.rsplit(":", 1)[0], float(a.rsplit(":", 1)[1])) for a in r["aspects"].split())
    check(asp == x["aspects"], "aspects of %s: %r vs %r" % (r["id"], asp, x["aspects"]))
    check(r["stance_lean"] == x["stance_lean"] and r["cluster_id"] == x["cluster_id"]
          and int(r["cluster_size"]) == x["cluster_size"], "stance_lean and cluster of %s" % r["id"])
    for m in ("<b>", "</b>", "&amp;", "&lt;", "&gt;"):
        check(m not in r["snippet"], "plain CSV snippet of %s holds %s: %s" % (r["id"], m, r["snippet"]))
orig = [r for r in rows if r["id"] == "7100001"][0]["snippet"]
check("&" in orig and "<now>" in orig, "the text's own & and <now> are kept as written: %s" % orig)
check(any("[" in r["snippet"] and "]" in r["snippet"] for r in marked), "--highlight '[,]' marks the CSV snippets")
check(all("<b>" in x["snippet"] for x in j.values()), "JSON keeps the default <b> markers")
sys.exit(0 if ok else 1)
PY

# ---- snippets end between characters ----
: > snippets.txt
for q in '' 'наркотики' 'снижение вреда' '大麻' '减少危害' 'الصحية' 'réduction' 'préfet' 'consumption'; do
  for n in 1 2 3 4 5 7 9 11 13 17 23 31 47 61 89 120 240; do
    "$VIGIE" search --db idx --json --limit 50 --highlight ',' --snippet-length "$n" "$q" >> snippets.txt ||
      fail "search --snippet-length $n '$q'"
  done
done
python3 - snippets.txt docs.jsonl <<'PY' && pass "every snippet is cut between characters" || fail "snippets cut inside a character"
import json, re, sys, unicodedata
texts = {}
for l in open(sys.argv[2], encoding="utf-8"):
    r = json.loads(l)
    texts[r["id_str"]] = re.sub(r"\s+", " ", r["text"])
bad, seen = 0, 0
dec = json.JSONDecoder()
buf = open(sys.argv[1], encoding="utf-8").read()
pos = 0
while pos < len(buf):
    while pos < len(buf) and buf[pos].isspace(): pos += 1
    if pos >= len(buf): break
    d, pos = dec.raw_decode(buf, pos)
    for r in d["results"]:
        s = r["snippet"]
        seen += 1
        body = s.strip("\u2026").strip()
        t = texts[r["id"]]
        i = t.find(body)
        problems = []
        if "\ufffd" in s: problems.append("U+FFFD")
        if i < 0: problems.append("not a piece of the text")
        else:
            after = t[i + len(body):i + len(body) + 1]
            if after and unicodedata.category(after).startswith("M"): problems.append("cut before a combining mark")
            if body and unicodedata.category(body[0]).startswith("M"): problems.append("starts with a combining mark")
        if problems:
            bad += 1
            if bad <= 5: print("  %s: %s: %r" % (r["id"], ", ".join(problems), s), file=sys.stderr)
print("  %d snippets checked, %d bad" % (seen, bad), file=sys.stderr)
sys.exit(0 if bad == 0 and seen > 300 else 1)
PY
finish
