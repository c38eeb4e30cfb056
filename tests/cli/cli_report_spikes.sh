# Spike detection flags a topic that surges out of silence (International
# cooperation in the sample briefing: no document for ten weeks, then 4 and
# 14), in the report and in trends; the report's method section states the
# methods and parameters actually used (no SimHash: clusters are exact hashes
# of the normalised text).
source "$(dirname "$0")/lib/common.bash"

"$VIGIE" index --db idx --threads 2 -q "$SRC"/corpora/sample/* 2> index.err
rc=$?
[ "$rc" = 0 ] || [ "$rc" = 3 ] || { fail "indexing the sample corpus: exit $rc"; cat index.err >&2; finish; }

SOURCE_DATE_EPOCH=1552867200 expect_status 0 "report" "$VIGIE" report --db idx --week 2019-W11 --out r
t='[t for t in d["topics"] if t["id"] == "international_cooperation"][0]'
# International cooperation: 0-1 documents a week, then the UN commission's
# previews and meeting (5, then 18).
expect_eq "$(json_get r/report.json "max([p['count'] for p in $t['series']][:-2])")" "1" \
  "International cooperation: at most 1 a week before the surge"
expect_eq "$(json_get r/report.json "[p['count'] for p in $t['series']][-2:]")" "[5, 18]" \
  "International cooperation: then 5 and 18"
expect_eq "$(json_get r/report.json "$t['spike']")" True "report: International cooperation is a spike"
expect_grep "International cooperation" r/report.md "the Markdown names the topic"
expect_status 0 "trends" "$VIGIE" trends --db idx --topic international_cooperation --to 2019-03-17 --json
expect_eq "$(json_get last.out '[e["spike"] for e in d["series"] if e["period"] == "2019-W11"]')" "[True]" \
  "trends: 2019-W11 is a spike"
# Steady topics stay unflagged.
expect_eq "$(json_get r/report.json '[t["id"] for t in d["topics"] if t["spike"] and t["id"] in ("treatment", "overdose")]')" \
  "[]" "steady topics are not spikes"

# The method section: what the code does, with the parameters used.
method=$(json_get r/report.json '" ".join(d["method"]["computation"])')
if grep -qi simhash <<< "$method"; then fail "method names SimHash"; else pass "method does not name SimHash"; fi
grep -q "64-bit hash of that normalised text" <<< "$method" && pass "method describes the cluster key" ||
  fail "method does not describe the cluster key"
grep -q "at least 3, the count at least 5" <<< "$method" && pass "method states the spike rule" ||
  fail "method does not state the spike rule"
expect_status 0 "report with other spike options" "$VIGIE" report --db idx --week 2019-W11 --out r2 \
  --spike-threshold 2.5
method=$(json_get r2/report.json '" ".join(d["method"]["computation"])')
grep -q "score is at least 2.5," <<< "$method" && pass "method follows --spike-threshold" ||
  fail "method ignores --spike-threshold"
if grep -qi simhash r/report.html r/report.md; then fail "HTML/Markdown name SimHash"; else pass "HTML and Markdown agree"; fi
finish
