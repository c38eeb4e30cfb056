# --tz ZONE in search, trends and report: day, week and month boundaries and
# every printed date follow the zone, and JSON carries its UTC offset. The
# documents sit near midnight in Auckland (UTC+13, then +12 after daylight
# saving ends on 2019-04-07) and in Los Angeles (UTC-7).
source "$(dirname "$0")/lib/common.bash"

cat > tz.jsonl <<'J'
{"created_at":"Sun Mar 10 11:30:00 +0000 2019","id_str":"3001","full_text":"Naloxone kits handed out at dawn","lang":"en","user":{"screen_name":"a"}}
{"created_at":"Sun Mar 17 10:59:00 +0000 2019","id_str":"3002","full_text":"Naloxone training late on Sunday night","lang":"en","user":{"screen_name":"b"}}
{"created_at":"Sun Mar 17 11:00:00 +0000 2019","id_str":"3003","full_text":"Naloxone stock arrives at midnight on Monday","lang":"en","user":{"screen_name":"c"}}
{"created_at":"Tue Mar 12 06:30:00 +0000 2019","id_str":"3004","full_text":"Naloxone vending machine opens tonight","lang":"en","user":{"screen_name":"d"}}
{"created_at":"Mon Apr 08 11:30:00 +0000 2019","id_str":"3005","full_text":"Naloxone policy debated after the clocks changed","lang":"en","user":{"screen_name":"e"}}
J
expect_status 0 "index" "$VIGIE" index --db idx -q tz.jsonl

ids() {  # ids ARGS...: the ids that search finds, sorted, comma-separated
  "$VIGIE" search --db idx --jsonl --limit 100 "$@" | python3 -c 'import json,sys; print(",".join(sorted(json.loads(l)["id"] for l in sys.stdin)))'
}
# Search: the week's boundaries are Auckland's midnights.
expect_eq "$(ids --week 2019-W11 '')" "3002,3003,3004" "UTC week 2019-W11"
expect_eq "$(ids --week 2019-W11 --tz Pacific/Auckland '')" "3001,3002,3004" "Auckland week 2019-W11"
expect_eq "$(ids --from 2019-03-11 --to 2019-03-11 --tz America/Los_Angeles '')" "3004" "a Los Angeles day"
# Printed dates carry the zone's offset, daylight saving included.
expect_status 0 "search --tz --jsonl" "$VIGIE" search --db idx --jsonl --tz Pacific/Auckland --sort oldest naloxone
expect_eq "$(python3 -c 'import json; print(" ".join(json.loads(l)["date"] for l in open("last.out")))')" \
  "2019-03-11T00:30:00+13:00 2019-03-12T19:30:00+13:00 2019-03-17T23:59:00+13:00 2019-03-18T00:00:00+13:00 2019-04-08T23:30:00+12:00" \
  "search dates in Auckland time"
expect_status 0 "search --tz --csv" "$VIGIE" search --db idx --csv --tz America/Los_Angeles 'vending'
expect_grep '2019-03-11T23:30:00-07:00' last.out "CSV date in Los Angeles time"

# Trends: periods are the zone's weeks and days; JSON has tz and each
# period's offset; shares use the same periods (every document matches).
expect_status 0 "trends --tz Pacific/Auckland" "$VIGIE" trends --db idx --by week --tz Pacific/Auckland --json naloxone
expect_eq "$(json_get last.out 'd["tz"]')" "Pacific/Auckland" "JSON names the zone"
expect_eq "$(json_get last.out '[(e["period"], e["count"], e["share"]) for e in d["series"] if e["count"]]')" \
  "[('2019-W11', 3, 1.0), ('2019-W12', 1, 1.0), ('2019-W15', 1, 1.0)]" "Auckland weeks, shares of Auckland weeks"
expect_eq "$(json_get last.out '[e["utc_offset"] for e in d["series"]]')" \
  "['+13:00', '+13:00', '+13:00', '+13:00', '+12:00']" "each period's offset (daylight saving ends)"
expect_status 0 "trends in UTC" "$VIGIE" trends --db idx --by week --json naloxone
expect_eq "$(json_get last.out '[(e["period"], e["count"]) for e in d["series"] if e["count"]]')" \
  "[('2019-W10', 1), ('2019-W11', 3), ('2019-W15', 1)]" "UTC weeks differ"
expect_eq "$(json_get last.out '"tz" in d or any("utc_offset" in e for e in d["series"])')" False \
  "UTC output is unchanged (no tz fields)"
expect_status 0 "trends --by day --tz" "$VIGIE" trends --db idx --by day --tz Pacific/Auckland --from 2019-04-07 --to 2019-04-09 --csv
expect_eq "$(cut -d, -f1-4 last.out | tr -d '\r' | tr '\n' ' ')" \
  "period,start,end,count 2019-04-07,2019-04-07,2019-04-07,0 2019-04-08,2019-04-08,2019-04-08,1 2019-04-09,2019-04-09,2019-04-09,0 " \
  "the day after daylight saving ends"
expect_status 0 "trends --by month --tz America/Los_Angeles" "$VIGIE" trends --db idx --by month --tz America/Los_Angeles --json ''
expect_eq "$(json_get last.out '[(e["period"], e["count"], e["utc_offset"]) for e in d["series"]]')" \
  "[('2019-03', 4, '-08:00'), ('2019-04', 1, '-07:00')]" "Los Angeles months (offset at each month's start)"
expect_status 2 "trends --tz nowhere" "$VIGIE" trends --db idx --tz Mars/Olympus ''
expect_grep "unknown time zone 'Mars/Olympus'" last.err "an unknown zone is named"

# Report: the week is Auckland's; report.json carries the zone and offset.
expect_status 0 "report --tz" "$VIGIE" report --db idx --week 2019-W12 --tz Pacific/Auckland --out rep
expect_eq "$(json_get rep/report.json '(d["tz"], d["utc_offset"], d["week_first"], d["headline"]["volume"]["count"], d["empty"])')" \
  "('Pacific/Auckland', '+13:00', '2019-03-18', 1, False)" "Auckland's 2019-W12 holds one document"
expect_grep 'Pacific/Auckland' rep/report.md "the Markdown says whose weeks"
expect_status 0 "report in UTC" "$VIGIE" report --db idx --week 2019-W12 --out rep-utc
expect_eq "$(json_get rep-utc/report.json '(d["headline"]["volume"]["count"], d["empty"])')" "(0, True)" \
  "UTC's 2019-W12 is empty"
finish
