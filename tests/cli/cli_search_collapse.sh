# --collapse shows each story once, by its earliest matching document (the
# original, not a retweet or a later copy), with the story's size; edited
# copies (a new headline, a changed word, a trailing credit) are the same
# story as their original. Search, stats, trends and report count stories
# the same way on one local index and on a stub of shards indexed apart.
# On the labelled set of tests/fixtures/dedup (80 distinct texts, 4 edited
# copies of each), at least 90% of the copies join their original and
# under 1% of the distinct texts merge.
source "$(dirname "$0")/lib/common.bash"

# ---- one story: an original, its retweet, a later copy, an edited copy ----
python3 - > story.jsonl <<'PY'
import json, datetime
def tweet(i, text, user, day, hour, rt=None):
    t = datetime.datetime(2019, 3, day, hour, 0, 0)
    r = {"id_str": str(i), "created_at": t.strftime("%a %b %d %H:%M:%S +0000 %Y"), "text": text, "lang": "en",
         "user": {"screen_name": user, "name": user, "followers_count": 5}}
    if rt: r["retweeted_status"] = rt
    return json.dumps(r)
text = "Harm reduction services expand across the region after the council vote on supervised consumption"
orig = {"id_str": "8000001", "text": text, "user": {"screen_name": "origin", "name": "origin"}}
print(tweet(8000001, text, "origin", 11, 9))
print(tweet(8000002, "RT @origin: " + text, "copier", 12, 10, rt=orig))
print(tweet(8000003, text + " https://example.org/a", "linker", 12, 12))
# The edited copy repeats the query words: it ranks first, yet the original is shown.
print(tweet(8000004, "Harm reduction update: " + text.replace("expand", "grow") + " (Reuters) #harmreduction",
            "editor", 13, 8))
print(tweet(8000005, "Harm reduction budget cut by the ministry, clinics warn of longer waiting lists", "clinic", 12, 9))
print(tweet(8000006, "New harm reduction guidance for festivals published by the health agency today", "agency", 14, 9))
print(tweet(8000007, "Police seize cocaine at the port in the largest haul of the decade", "police", 15, 9))
PY
"$VIGIE" index --db one --shards 1 -q story.jsonl 2> one.err || { fail "index: exit $?"; cat one.err >&2; finish; }
for k in 1 2; do
  "$VIGIE" index --db "one$k" --shards 1 --partition "$k/2" -q story.jsonl 2> "one$k.err" || fail "index partition $k/2"
done
"$VIGIE" stub --out one.stub one1 one2 2> stub.err || { fail "stub: exit $?"; cat stub.err >&2; }
expect_eq "$(( $("$VIGIE" search --db one1 --count) > 0 && $("$VIGIE" search --db one2 --count) > 0 ))" 1 \
  "the story's documents are spread over both shards"

for db in one one.stub; do
  "$VIGIE" search --db "$db" --collapse --json 'harm reduction' > c.json || fail "$db: search --collapse --json"
  python3 - c.json <<'PY' && pass "$db: --collapse shows the original with the story's size" || fail "$db: --collapse JSON"
import json, sys
d = json.load(open(sys.argv[1]))
r = d["results"]
ok = d["count"] == 3 and len(r) == 3
ok = ok and r[0]["id"] == "8000001" and r[0]["author"] == "origin" and r[0]["collapsed"] == 3 and r[0]["cluster_size"] == 4
ok = ok and [x["rank"] for x in r] == [1, 2, 3] and all(x["collapsed"] == 0 and x["cluster_size"] == 1 for x in r[1:])
if not ok: print(json.dumps(d, indent=1)[:3000], file=sys.stderr)
sys.exit(0 if ok else 1)
PY
  expect_eq "$("$VIGIE" search --db "$db" --collapse --count 'harm reduction')" 3 "$db: --collapse --count counts stories"
  expect_eq "$("$VIGIE" search --db "$db" --collapse --count '')" 4 "$db: --collapse --count of everything"
  "$VIGIE" search --db "$db" --collapse --csv 'harm reduction' > c.csv || fail "$db: --collapse --csv"
  expect_eq "$(python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1])))[0]; print(r["id"], r["collapsed"], r["cluster_size"])' c.csv)" \
    "8000001 3 4" "$db: CSV: the original, 3 collapsed, story of 4"
  COLUMNS=200 "$VIGIE" search --db "$db" --collapse 'harm reduction' > c.txt || fail "$db: --collapse listing"
  expect_grep '^1\. 2019-03-11 .*@origin .*\+3 similar' c.txt "$db: the listing shows the original, +3 similar"
  # Paging counts stories.
  "$VIGIE" search --db "$db" --collapse --json --offset 1 --limit 1 'harm reduction' > p.json || fail "$db: paging"
  expect_eq "$(json_get p.json '(d["results"][0]["rank"], d["results"][0]["id"] != "8000001")')" "(2, True)" \
    "$db: the second story is ranked 2"
  # Unique stories: stats, trends and the report count the edited copy with its original.
  "$VIGIE" stats --db "$db" --near-duplicates --json > s.json || fail "$db: stats"
  expect_eq "$(json_get s.json 'd["unique_stories"]')" 4 "$db: stats: 4 unique stories in 7 documents"
  "$VIGIE" trends --db "$db" --json --by week 'harm reduction' > t.json || fail "$db: trends"
  expect_eq "$(json_get t.json 'sum(p["unique"] for p in d["series"])')" 3 "$db: trends: 3 unique stories"
  "$VIGIE" report --db "$db" --week 2019-W11 --out "rep.$db" > /dev/null 2> rep.err || fail "$db: report"
  expect_eq "$(json_get "rep.$db/report.json" 'd["headline"]["unique"]["count"]')" 4 "$db: report: 4 unique stories"
done

# ---- the labelled set: edited copies join, distinct texts stay apart ----
python3 - "$SRC/tests/fixtures/dedup/originals.txt" > labelled.jsonl <<'PY'
import json, sys, datetime
orig = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8") if l.strip() and not l.startswith("#")]
# The edits of tests/analytics/dedup/near_duplicate_test.cc.
heads = ["Breaking news", "What you need to know today", "Officials respond as pressure grows",
         "Update: the story so far", "Analysis", "Five things to watch this week", "Local news in brief"]
credits = ["(Reuters)", "Reporting by Jane Doe; Editing by Mark Smith", "Photo: AFP via Getty Images",
           "Read more at example.com", "\u00a9 Associated Press 2019. All rights reserved.",
           "Additional reporting by our correspondent"]
def headline(t, i): return heads[i % len(heads)] + "\n\n" + t
def credit(t, i): return t + " " + credits[i % len(credits)]
def word(t, i):
    w = t.split()
    k = len(w) // 2 + i % 3
    if k < len(w): w[k] = "several" if i % 2 else "reportedly"
    return " ".join(w)
def rec(rid, text, when):
    return json.dumps({"id_str": str(rid), "created_at": when.strftime("%a %b %d %H:%M:%S +0000 %Y"), "text": text,
                       "lang": "en", "user": {"screen_name": "u%d" % rid, "name": "u", "followers_count": 1}})
t0 = datetime.datetime(2019, 3, 4, 0, 0, 0)
for i, t in enumerate(orig):
    print(rec(9100000 + i, t, t0 + datetime.timedelta(minutes=i)))
    for k, c in enumerate([headline(t, i), word(t, i), credit(t, i), credit(word(headline(t, i), i), i)]):
        print(rec(9200000 + 10 * i + k, c, t0 + datetime.timedelta(days=1 + k, minutes=i)))
PY
"$VIGIE" index --db lab --shards 2 -q labelled.jsonl 2> lab.err || fail "index the labelled set"
for k in 1 2; do
  "$VIGIE" index --db "lab$k" --shards 1 --partition "$k/2" -q labelled.jsonl 2> "lab$k.err" || fail "index labelled $k/2"
done
"$VIGIE" stub --out lab.stub lab1 lab2 2> /dev/null || fail "labelled stub"
for db in lab lab.stub; do
  "$VIGIE" search --db "$db" --collapse --json --limit 1000 --no-snippets --sort oldest '' > "$db.json" || fail "$db: collapse"
done
python3 - lab.json "$SRC/tests/fixtures/dedup/originals.txt" <<'PY' && pass "labelled set: >= 90% of edited copies joined, < 1% of distinct texts merged" || fail "labelled set"
import json, sys
d = json.load(open(sys.argv[1]))
n = sum(1 for l in open(sys.argv[2], encoding="utf-8") if l.strip() and not l.startswith("#"))
copies = 4 * n
shown_by_original = [r for r in d["results"] if r["id"].startswith("91")]
merged = n - len(shown_by_original)           # originals shown inside another original's story
joined = sum(r["collapsed"] for r in shown_by_original) - merged
print("  stories %d; edited copies joined to their original %d/%d (%.1f%%); distinct texts merged %d/%d"
      % (d["count"], joined, copies, 100.0 * joined / copies, merged, n), file=sys.stderr)
sys.exit(0 if joined >= 0.9 * copies and merged < 0.01 * n else 1)
PY
python3 - lab.json lab.stub.json <<'PY' && pass "labelled set: the same stories on the stub" || fail "labelled set differs on the stub"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
key = lambda d: (d["count"], [(r["id"], r["collapsed"], r["cluster_id"], r["cluster_size"]) for r in d["results"]])
sys.exit(0 if key(a) == key(b) else 1)
PY
"$VIGIE" stats --db lab --near-duplicates --json > lab.stats || fail "stats labelled"
"$VIGIE" stats --db lab.stub --near-duplicates --json > lab.stub.stats || fail "stats labelled stub"
expect_eq "$(json_get lab.stub.stats 'd["unique_stories"]')" "$(json_get lab.stats 'd["unique_stories"]')" \
  "labelled set: stats unique_stories on the stub"
expect_eq "$(json_get lab.stats 'd["unique_stories"]')" "$(json_get lab.json 'd["count"]')" \
  "labelled set: stats unique_stories = search --collapse --count"
finish
