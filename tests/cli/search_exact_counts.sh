# vigie search on a make-corpus index: field, date and facet counts are exact,
# checked against an independent count of the corpus files (Python reading
# the raw feed envelopes) and against `vigie stats` (term frequencies).
source "$(dirname "$0")/lib/common.bash"

MAKE_CORPUS=$SHARED/bench/make-corpus
[ -x "$MAKE_CORPUS" ] || { echo "skip: $MAKE_CORPUS not found"; exit 77; }
"$MAKE_CORPUS" --docs 3000 --bad 0 --out corpus > /dev/null || { echo "make-corpus failed"; exit 1; }
inputs=(corpus/twitter-v1.jsonl corpus/twitter-v2.json corpus/reddit.jsonl corpus/news.json corpus/mediacloud.jsonl)
expect_status 0 "index the corpus in 2 shards" "$VIGIE" index --db idx --shards 2 --threads 2 -q "${inputs[@]}"
[ "$FAILS" = 0 ] || finish  # nothing to search

# Independent count: kinds, ISO weeks (UTC) and the 2019-W11 range, from the raw files.
python3 - "${inputs[@]}" > truth.json <<'PY'
import json, sys, datetime as dt
recs = {}
def add(kind, rid, when):
    recs[(kind, str(rid))] = when
for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8"):
        o = json.loads(line)
        if path.endswith("twitter-v1.jsonl"):
            add("tweet", o["id_str"], dt.datetime.strptime(o["created_at"], "%a %b %d %H:%M:%S %z %Y"))
        elif path.endswith("twitter-v2.json"):
            for t in o["data"]:
                add("tweet", t["id"], dt.datetime.fromisoformat(t["created_at"].replace("Z", "+00:00")))
        elif path.endswith("reddit.jsonl"):
            add("reddit", o["id"], dt.datetime.fromtimestamp(int(o["created_utc"]), dt.timezone.utc))
        elif path.endswith("news.json"):
            for a in o["articles"]:
                d = a.get("publishedAt")
                add("news", a["url"], dt.datetime.fromisoformat(d.replace("Z", "+00:00")) if d else None)
        elif path.endswith("mediacloud.jsonl"):
            d = o.get("publish_date")
            add("news", o["stories_id"], dt.datetime.strptime(d, "%Y-%m-%d %H:%M:%S").replace(tzinfo=dt.timezone.utc) if d else None)
kinds, weeks = {}, {}
w11 = 0
lo = dt.datetime(2019, 3, 11, tzinfo=dt.timezone.utc); hi = dt.datetime(2019, 3, 18, tzinfo=dt.timezone.utc)
for (kind, _), when in recs.items():
    kinds[kind] = kinds.get(kind, 0) + 1
    if when is None: continue
    when = when.astimezone(dt.timezone.utc)
    y, w, _ = when.isocalendar()
    key = "%04d-W%02d" % (y, w)
    weeks[key] = weeks.get(key, 0) + 1
    if lo <= when < hi: w11 += 1
print(json.dumps({"total": len(recs), "kinds": kinds, "weeks": weeks, "w11": w11}))
PY
[ -s truth.json ] || fail "independent count failed"

expect_eq "$("$VIGIE" search --db idx --count)" "$(json_get truth.json 'd["total"]')" "all documents"
for k in tweet reddit news; do
  expect_eq "$("$VIGIE" search --db idx --count "kind:$k")" "$(json_get truth.json "d['kinds'].get('$k', 0)")" "kind:$k count"
done
w11=$(json_get truth.json 'd["w11"]')
expect_eq "$("$VIGIE" search --db idx --count 'date:2019-03-11..2019-03-17')" "$w11" "date:2019-03-11..2019-03-17 count"
expect_eq "$("$VIGIE" search --db idx --count --week 2019-W11)" "$w11" "--week 2019-W11 count"
expect_eq "$("$VIGIE" search --db idx --count --from 2019-03-11 --to 2019-03-17)" "$w11" "--from/--to count"
expect_eq "$("$VIGIE" search --db idx --count 'week:2019-W11')" "$w11" "week:2019-W11 count"

# Facets: the whole week and kind distributions, exact.
"$VIGIE" search --db idx --json --limit 0 --facet week --facet kind --facet lang --facet-limit 0 > facets.json \
  || fail "search --json with facets"
expect_eq "$(python3 -c '
import json,sys
f=json.load(open("facets.json"))["facets"]; t=json.load(open("truth.json"))
print(f["week"]==t["weeks"], f["kind"]==t["kinds"])')" "True True" "week and kind facets equal the independent count"

# Language: facets (value slot) against stats (L term frequencies), and lang: counts.
"$VIGIE" stats --db idx --json > stats.json || fail "stats"
expect_eq "$(python3 -c '
import json
print(json.load(open("facets.json"))["facets"]["lang"] == json.load(open("stats.json"))["by_lang"])')" True \
  "lang facet equals vigie stats by_lang"
for l in en zh ar; do
  expect_eq "$("$VIGIE" search --db idx --count "lang:$l")" "$(json_get stats.json "d['by_lang'].get('$l', 0)")" "lang:$l count"
done

# A facet restricted by a query sums to the query's count.
"$VIGIE" search --db idx --json --limit 0 --facet kind 'date:2019-03-11..2019-03-17' > w11.json || fail "w11 facets"
expect_eq "$(python3 -c '
import json; d=json.load(open("w11.json")); print(sum(d["facets"]["kind"].values()) == d["count"])')" True \
  "kind facet of 2019-W11 sums to its count"

finish
