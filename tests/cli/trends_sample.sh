# vigie trends on corpora/sample: weekly counts add up to `vigie search
# --count`, the planted 2019-W11 surge (corpora/sample-manifest.json) is
# flagged for a broad drug query and for the topic it is about, JSON/CSV
# layout, options and errors.
source "$(dirname "$0")/lib/common.bash"
MANIFEST=$SRC/corpora/sample-manifest.json

"$VIGIE" index --db idx "$SRC"/corpora/sample/* > /dev/null 2>&1
rc=$?
[ "$rc" = 0 ] || [ "$rc" = 3 ] || { echo "cannot index the sample (exit $rc)" >&2; exit 1; }

expect_status 0 "trends --help" "$VIGIE" trends --help
for o in --by --topic --saved --lang --kind --from --to --week-start --spike-threshold --json --csv; do
  expect_grep "$o" last.out "--help explains $o"
done
expect_status 2 "trends --by year is a usage error" "$VIGIE" trends --db idx --by year drug
expect_status 2 "unknown topic is a usage error" "$VIGIE" trends --db idx --topic no_such_topic
expect_status 2 "--json and --csv together" "$VIGIE" trends --db idx --json --csv drug
expect_status 1 "missing index" "$VIGIE" trends --db nowhere drug

# 1. Every document: counts per week + undated = documents (= search --count '').
"$VIGIE" trends --db idx --by week --json > all.json || fail "trends --json (all documents)"
"$VIGIE" search --db idx --count '' > all.count || fail "search --count"
expect_eq "$(json_get all.json 'sum(e["count"] for e in d["series"]) + d["undated"]')" "$(cat all.count)" \
  "all: sum of weekly counts + undated = search --count"
expect_eq "$(json_get all.json 'd["undated"]')" "$(json_get "$MANIFEST" 'd["totals"]["undated"]')" "undated = manifest"
expect_eq "$(json_get all.json '{e["period"]: e["count"] for e in d["series"]}')" \
  "$(json_get "$MANIFEST" 'd["by_week"]')" "weekly counts = manifest by_week"
expect_eq "$(json_get all.json 'sorted(d["series"][0].keys())')" \
  "['count', 'end', 'period', 'score', 'sentiment', 'share', 'spike', 'stance', 'start', 'unique']" "series entry keys"
expect_eq "$(json_get all.json 'sorted(d["series"][0]["sentiment"].keys())')" \
  "['ci95', 'mean', 'n', 'negative', 'neutral', 'positive']" "sentiment keys"
expect_eq "$(json_get all.json 'all(e["share"] == 1 for e in d["series"] if e["count"])')" "True" \
  "the share of all documents is 1"
expect_eq "$(json_get all.json 'all(e["unique"] <= e["count"] for e in d["series"])')" "True" "unique <= count"
expect_eq "$(json_get all.json 'all(e["sentiment"]["ci95"][0] <= e["sentiment"]["mean"] <= e["sentiment"]["ci95"][1] for e in d["series"] if e["count"] > 1)')" \
  "True" "the mean lies inside its CI"

# 2. A broad drug query over several topics.
BROAD='topic:harm_reduction OR topic:treatment OR topic:international_cooperation OR topic:cannabis_regulation OR topic:decriminalization OR topic:overdose OR topic:human_rights OR topic:nps OR topic:incarceration OR topic:trafficking OR topic:prevention OR topic:death_penalty OR topic:controlled_medicines OR topic:hiv_hepatitis OR topic:alternative_development'
"$VIGIE" trends --db idx --by week --json "$BROAD" > broad.json || fail "trends broad --json"
"$VIGIE" search --db idx --count "$BROAD" > broad.count || fail "search broad --count"
expect_eq "$(json_get broad.json 'sum(e["count"] for e in d["series"]) + d["undated"]')" "$(cat broad.count)" \
  "broad: sum of weekly counts + undated = search --count"
expect_eq "$(json_get broad.json 'd["matches"]')" "$(cat broad.count)" "broad: matches = search --count"
expect_eq "$(json_get broad.json '[e["period"] for e in d["series"] if e["spike"]]')" "['2019-W11']" \
  "broad drug query: the planted 2019-W11 surge is the only spike"
# The surge is the CND meeting (topic international_cooperation): previews in
# W10, the meeting in W11, its biggest week. Before it the topic has a thin
# baseline (UN reports on trafficking routes, internationally backed crop
# substitution), so both surge weeks are flagged. Human rights, which the
# meeting brought up in every language, rises from ~1 a week.
"$VIGIE" trends --db idx --topic international_cooperation --json > ic.json || fail "trends --topic --json"
expect_eq "$(json_get ic.json 'max(d["series"], key=lambda e: e["count"])["period"]')" "2019-W11" \
  "topic international_cooperation: 2019-W11 is the biggest week"
expect_eq "$(json_get ic.json '[e["period"] for e in d["series"] if e["spike"]]')" "['2019-W10', '2019-W11']" \
  "topic international_cooperation: the surge weeks are flagged"
"$VIGIE" trends --db idx --topic human_rights --json > hr.json || fail "trends --topic human_rights"
expect_eq "$(json_get hr.json '[e["period"] for e in d["series"] if e["spike"]]')" "['2019-W11']" \
  "topic human_rights: 2019-W11 flagged, no other week"
expect_eq "$(json_get ic.json 'all(e["share"] is None or 0 <= e["share"] <= 1 for e in d["series"])')" "True" \
  "topic shares in [0, 1]"

# 3. Filters: --lang and --kind counts add up to the same filtered search.
"$VIGIE" trends --db idx --kind news --json > news.json || fail "trends --kind news"
"$VIGIE" search --db idx --count 'kind:news' > news.count
expect_eq "$(json_get news.json 'sum(e["count"] for e in d["series"]) + d["undated"]')" "$(cat news.count)" \
  "--kind news adds up to search kind:news"
expect_eq "$(json_get news.json 'all(e["share"] == 1 for e in d["series"] if e["count"])')" "True" \
  "--kind news: share within news is 1 for every news document"
"$VIGIE" trends --db idx --lang es --json > es.json || fail "trends --lang es"
"$VIGIE" search --db idx --count 'lang:es' > es.count
expect_eq "$(json_get es.json 'sum(e["count"] for e in d["series"]) + d["undated"]')" "$(cat es.count)" \
  "--lang es adds up to search lang:es"

# 4. Days, months, Sunday weeks, ranges, CSV and the table.
"$VIGIE" trends --db idx --by month --json > month.json || fail "--by month"
expect_eq "$(json_get month.json '[e["period"] for e in d["series"]]')" "['2018-12', '2019-01', '2019-02', '2019-03']" "months"
"$VIGIE" trends --db idx --by week --week-start sunday --json > sun.json || fail "--week-start sunday"
expect_eq "$(json_get sun.json 'd["series"][0]["period"]')" "2018-12-23" "Sunday weeks are labelled by their first day"
expect_eq "$(json_get sun.json 'sum(e["count"] for e in d["series"]) + d["undated"]')" "$(cat all.count)" "Sunday weeks add up"
"$VIGIE" trends --db idx --from 2019-W10 --to 2019-W12 --json > range.json || fail "--from/--to"
expect_eq "$(json_get range.json '[e["period"] for e in d["series"]]')" "['2019-W10', '2019-W11', '2019-W12']" "range periods"
expect_eq "$(json_get range.json 'd["series"][1]["count"]')" "$(json_get "$MANIFEST" 'd["by_week"]["2019-W11"]')" "range W11 count"
"$VIGIE" trends --db idx --by day --csv > day.csv || fail "--by day --csv"
expect_grep '^period,' day.csv "CSV header"
expect_eq "$(($(wc -l < day.csv) - 1))" 91 "one CSV row per day 2018-12-24..2019-03-24"
"$VIGIE" trends --db idx drug > table.txt || fail "table output"
expect_grep 'undated' table.txt "the table says how many matches are undated"
# 5. Emerging terms per topic and language: Spanish posts of the surge week
# talk about Viena (the CND meeting in Vienna), which the weeks before do not.
"$VIGIE" trends --db idx --lang es --emerging 2019-W11 --json > es-emerging.json || fail "--emerging --json"
expect_eq "$(json_get es-emerging.json 'd["emerging"]["period"]')" "2019-W11" "emerging period"
expect_eq "$(json_get es-emerging.json '"viena" in [t["term"] for t in d["emerging"]["terms"]]')" "True" \
  "es 2019-W11: viena emerges"
expect_eq "$(json_get es-emerging.json 'all(t["score"] >= 10.83 and t["count"] >= 5 for t in d["emerging"]["terms"])')" \
  "True" "emerging terms pass the G2 and count thresholds"
expect_status 0 "--topic --emerging table" "$VIGIE" trends --db idx --topic harm_reduction --emerging 2019-W11
expect_grep 'emerging terms in 2019-W11' last.out "the table lists emerging terms"
expect_status 2 "--emerging with a bad period" "$VIGIE" trends --db idx --emerging 2019-X11 drug
finish
