# Trends CSV and JSON carry period plus start and end ISO dates (so that
# spreadsheets read them); terminal tables align columns by display width
# (CJK characters take two columns).
source "$(dirname "$0")/lib/common.bash"

"$VIGIE" index --db idx --threads 2 -q "$SRC"/corpora/sample/* 2> index.err
rc=$?
[ "$rc" = 0 ] || [ "$rc" = 3 ] || { fail "indexing the sample corpus: exit $rc"; cat index.err >&2; finish; }

expect_status 0 "trends --csv" "$VIGIE" trends --db idx --by week --csv
expect_eq "$(head -1 last.out | cut -d, -f1-4)" "period,start,end,count" "CSV header: period,start,end"
expect_eq "$(grep '^2019-W11,' last.out | cut -d, -f1-3)" "2019-W11,2019-03-11,2019-03-17" "an ISO week's Monday and Sunday"
expect_status 0 "trends --json --by month" "$VIGIE" trends --db idx --by month --json
expect_eq "$(json_get last.out '[(e["period"], e["start"], e["end"]) for e in d["series"] if e["period"] == "2019-02"]')" \
  "[('2019-02', '2019-02-01', '2019-02-28')]" "JSON: a month's first and last day"
expect_status 0 "Sunday weeks" "$VIGIE" trends --db idx --by week --week-start sunday --json
expect_eq "$(json_get last.out 'all(e["start"] == e["period"] for e in d["series"])')" True \
  "a Sunday week is labelled by its start"
expect_eq "$(json_get last.out 'd["series"][0]["end"]')" "2018-12-29" "and ends on Saturday"
# Every period: end = start + 6 days for weeks, contiguous.
"$VIGIE" trends --db idx --by week --json > w.json
expect_eq "$(python3 -c '
import json, datetime as dt, sys
d = json.load(open("w.json"))
p = lambda s: dt.date.fromisoformat(s)
ok = all((p(e["end"]) - p(e["start"])).days == 6 for e in d["series"])
ok = ok and all((p(b["start"]) - p(a["end"])).days == 1 for a, b in zip(d["series"], d["series"][1:]))
print(ok)')" True "weeks are 7 days and contiguous"

# Terminal tables: the emerging terms of Chinese documents line up.
expect_status 0 "trends --emerging (zh)" "$VIGIE" trends --db idx --lang zh --emerging 2019-W11 \
  --emerging-min-count 2 --emerging-min-g2 1
grep -E '^  [^ ].* [0-9]+\.[0-9]  [0-9]+ / [0-9]+$' last.out > terms.txt
[ -s terms.txt ] && pass "emerging terms listed" || fail "no emerging terms for zh"
grep -qP '[\x{4e00}-\x{9fff}]' terms.txt && pass "CJK terms among them" || fail "no CJK term"
cols=$(python3 -c '
import sys, unicodedata
def width(s): return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in s)
print(sorted({width(l.rstrip("\n").rsplit("  ", 1)[0]) for l in open("terms.txt", encoding="utf-8")}))')
expect_eq "$(python3 -c "print(len($cols))")" 1 "the score column starts at one display column ($cols)"
finish
