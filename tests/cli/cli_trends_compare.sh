# vigie trends --compare: two to four queries, topics (topic:ID) or saved
# queries (saved:NAME) side by side over the same periods, with count,
# share, mean sentiment and its 95% CI; text, --json and --csv. Each
# series equals what `vigie trends` gives for that item over the same range.
source "$(dirname "$0")/lib/common.bash"

"$VIGIE" index --db idx --threads 2 -q "$SRC"/corpora/sample/* 2> index.err
rc=$?
[ "$rc" = 0 ] || [ "$rc" = 3 ] || { fail "indexing the sample corpus: exit $rc"; cat index.err >&2; finish; }

expect_status 0 "trends --compare --json" "$VIGIE" trends --db idx --by month --json \
  --compare topic:harm_reduction saved:harm-reduction fentanyl
cp last.out cmp.json
expect_eq "$(json_get cmp.json '[i["label"] for i in d["items"]]')" \
  "['topic:harm_reduction', 'saved:harm-reduction', 'fentanyl']" "the items, in order"
expect_eq "$(json_get cmp.json 'all(len(e["values"]) == 3 for e in d["series"]) and len(d["series"]) > 2')" True \
  "one value per item in every period"
from=$(json_get cmp.json 'd["series"][0]["start"]')
to=$(json_get cmp.json 'd["series"][-1]["end"]')
# Each series is the single trends series over the same range.
check_item() {  # INDEX DESCRIPTION TRENDS-ARGS...
  local i=$1 what=$2; shift 2
  "$VIGIE" trends --db idx --by month --json --from "$from" --to "$to" "$@" > one.json
  expect_eq "$(python3 - "$i" <<'P'
import json, sys
i = int(sys.argv[1])
c, o = json.load(open("cmp.json")), json.load(open("one.json"))
mine = [(e["period"], e["values"][i]["count"], e["values"][i]["share"], e["values"][i]["sentiment"]["mean"],
         e["values"][i]["sentiment"]["ci95"]) for e in c["series"]]
want = [(e["period"], e["count"], e["share"], e["sentiment"]["mean"], e["sentiment"]["ci95"]) for e in o["series"]]
# A range leaves the undated matches out.
print(mine == want and c["items"][i]["matches"] - c["items"][i]["undated"] == o["matches"])
P
)" True "$what: the same periods, counts, shares, means and CIs as trends alone"
}
check_item 0 "topic:harm_reduction" --topic harm_reduction
check_item 1 "saved:harm-reduction" --saved harm-reduction
check_item 2 "fentanyl" fentanyl

expect_status 0 "trends --compare --csv" "$VIGIE" trends --db idx --by month --csv --compare topic:harm_reduction fentanyl
expect_eq "$(head -1 last.out | tr -d '\r')" \
  "period,start,end,count_1,share_1,sentiment_n_1,sentiment_mean_1,sentiment_lo_1,sentiment_hi_1,count_2,share_2,sentiment_n_2,sentiment_mean_2,sentiment_lo_2,sentiment_hi_2" \
  "CSV header"
expect_eq "$(grep -c '^2019-03,2019-03-01,2019-03-31,' last.out)" 1 "a month row with its ISO start and end"
expect_status 0 "trends --compare (table)" "$VIGIE" trends --db idx --by month --compare 'cannabis' 'heroin'
expect_grep '^\[1\] cannabis: [0-9]+ matches' last.out "the table names each series"
expect_grep '^2019-03 ' last.out "and lists the periods"
expect_status 0 "repeated --compare, with --lang" "$VIGIE" trends --db idx --by month --json --lang es \
  --compare cannabis --compare topic:harm_reduction
want=$("$VIGIE" search --db idx --count --lang es cannabis)
expect_eq "$(json_get last.out 'd["items"][0]["matches"]')" "$want" "--lang applies to every series"

# Usage errors.
expect_status 2 "one item" "$VIGIE" trends --db idx --compare cannabis
expect_grep "two to four" last.err "says how many"
expect_status 2 "five items" "$VIGIE" trends --db idx --compare a b c d e
expect_status 2 "unknown saved name" "$VIGIE" trends --db idx --compare saved:nope cannabis
expect_grep "harm-reduction" last.err "lists the saved queries"
expect_status 2 "unknown topic" "$VIGIE" trends --db idx --compare topic:nope cannabis
expect_grep "harm_reduction" last.err "lists the topics"
expect_status 2 "with a QUERY too" "$VIGIE" trends --db idx heroin --compare a b
expect_status 0 "trends --help" "$VIGIE" trends --help
expect_grep '--compare' last.out "--help explains --compare"
finish
