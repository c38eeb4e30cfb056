# vigie report on corpora/sample: the 2019-W11 briefing writes HTML, Markdown,
# JSON and CSV, byte-identical across runs with SOURCE_DATE_EPOCH set; the
# surge is flagged; a week without data gives a short report, exit 0.
source "$(dirname "$0")/lib/common.bash"
MANIFEST=$SRC/corpora/sample-manifest.json

"$VIGIE" index --db idx "$SRC"/corpora/sample/* > /dev/null 2>&1
rc=$?
[ "$rc" = 0 ] || [ "$rc" = 3 ] || { echo "cannot index the sample (exit $rc)" >&2; exit 1; }

expect_status 0 "report --help" "$VIGIE" report --help
for o in --db --week --out --topics --saved --accuracy --weeks --examples; do
  expect_grep "$o" last.out "--help explains $o"
done
expect_status 2 "report without --week" "$VIGIE" report --db idx --out r0
expect_status 2 "report with a malformed week" "$VIGIE" report --db idx --week 2019-11 --out r0

export SOURCE_DATE_EPOCH=1552867200
expect_status 0 "report 2019-W11" "$VIGIE" report --db idx --week 2019-W11 --out r1
expect_eq "$(cat last.out)" "r1/report.html" "prints where the report is"
for f in report.html report.md report.json; do
  [ -s "r1/$f" ] && pass "r1/$f written" || fail "r1/$f missing or empty"
done
ls r1/*.csv > /dev/null 2>&1 && pass "CSV tables written" || fail "no CSV table"
expect_status 0 "report 2019-W11 again" "$VIGIE" report --db idx --week 2019-W11 --out r2
if diff -r r1 r2 > diff.txt; then pass "two runs are byte-identical"; else fail "runs differ"; head -20 diff.txt >&2; fi

J=r1/report.json
expect_eq "$(json_get $J 'd["week"]')" "2019-W11" "report.json week"
expect_eq "$(json_get $J 'len(d["topics"])')" 15 "one section per taxonomy topic"
expect_eq "$(json_get $J 'all(len(t["series"]) == 12 for t in d["topics"])')" "True" "12-week series per topic"
expect_eq "$(json_get $J '[t["id"] for t in d["topics"] if t["spike"]]')" "['human_rights', 'international_cooperation']" \
  "2019-W11: human_rights and international_cooperation (silent before W10) flagged"
expect_eq "$(json_get $J 'max(d["topics"], key=lambda t: t["series"][-1]["count"] - t["series"][-2]["count"])["id"]')" \
  "international_cooperation" "the biggest mover is international_cooperation"
expect_eq "$(json_get $J 'all(len(t["examples"]) <= 3 for t in d["topics"])')" "True" "at most 3 examples per topic"
expect_eq "$(json_get $J 'sum(1 for t in d["topics"] if t["emerging_terms"]) > 0')" "True" "some emerging terms"
expect_eq "$(json_get $J 'sum(1 for t in d["topics"] if t["examples"]) > 0')" "True" "some examples"
expect_eq "$(json_get $J 'd["method"]["coverage"]["rejected"]')" "$(json_get "$MANIFEST" 'd["totals"]["rejects"]')" \
  "method: rejected = lines of rejects.log = manifest rejects"
expect_eq "$(json_get $J 'd["method"]["coverage"]["undated"]')" "$(json_get "$MANIFEST" 'd["totals"]["undated"]')" "method: undated"
expect_eq "$(json_get $J 'd["method"]["coverage"]["documents"]')" "$(json_get "$MANIFEST" 'd["totals"]["valid_records"]')" \
  "method: documents"
expect_grep 'Generated|generated' r1/report.md "generated-at line"
expect_grep '<svg' r1/report.html "inline SVG charts"
if grep -qE '<script|src="https?:|@import' r1/report.html; then fail "report.html fetches or runs something"; else
  pass "report.html has no script and fetches nothing"; fi

# --topics (ids), --saved (every saved query is a section), --accuracy.
printf '# two topics\nharm_reduction\n\ninternational_cooperation\n' > topics.txt
cat > accuracy.json <<'A'
{"en": {"dataset": "hand-made", "macro_f1": 0.5, "accuracy": 0.75}}
A
expect_status 0 "report with --topics --saved --accuracy" "$VIGIE" report --db idx --week 2019-W11 --out r3 \
  --topics topics.txt --saved "$SRC/corpora/queries/saved.json" --accuracy accuracy.json
expect_eq "$(json_get r3/report.json '[t["id"] for t in d["topics"]][:2]')" "['harm_reduction', 'international_cooperation']" \
  "--topics: the listed topics, in order"
expect_eq "$(json_get r3/report.json 'len(d["topics"])')" \
  "$((2 + $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$SRC/corpora/queries/saved.json")))" \
  "--saved: one more section per saved query"
"$VIGIE" search --db idx --count --week 2019-W11 --saved harm-reduction --queries "$SRC/corpora/queries/saved.json" > hr.count
expect_eq "$(json_get r3/report.json '[t["series"][-1]["count"] for t in d["topics"] if t["id"] == "harm-reduction"][0]')" \
  "$(cat hr.count)" "saved query section: week count = search --count --week"
expect_eq "$(json_get r3/report.json 'd["method"]["accuracy"]["available"]')" "True" "--accuracy read"
expect_grep 'hand-made' r3/report.md "accuracy dataset shown in report.md"
printf 'no_such_topic\n' > bad-topics.txt
expect_status 2 "--topics with an unknown id" "$VIGIE" report --db idx --week 2019-W11 --out r4 --topics bad-topics.txt

# A week with no data: a short report, exit 0.
expect_status 0 "report for an empty week" "$VIGIE" report --db idx --week 2021-W20 --out empty
expect_grep 'no documents' last.err "stderr says the week is empty"
[ -s empty/report.html ] && pass "empty week: report.html written" || fail "empty week: no report.html"
expect_eq "$(json_get empty/report.json 'd["week"]')" "2021-W20" "empty week: report.json week"
finish
