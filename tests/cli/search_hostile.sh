# The query commands against hostile and careless input: words of every
# token class are found by a plain search, words inside Chinese hashtags are
# found, numeric options and query parameters outside their documented
# ranges are usage errors, a huge OR query is refused with a clear message,
# absurd dates are rejected and cannot blow up a daily series, and text from
# a feed cannot drive the terminal, a spreadsheet or a web page.
source "$(dirname "$0")/lib/common.bash"

ESC=$'\x1b'
BEL=$'\x07'
python3 - <<'EOF'
import json
recs = [
    {"id_str": "1", "text": "Voters approved Prop64, covid19 and h1n1 measures in SB420 and 64abc",
     "lang": "en", "created_at": "Mon Mar 11 10:00:00 +0000 2019", "user": {"screen_name": "alice"}},
    {"id_str": "2", "text": "支持 #大麻合法化# 的人", "lang": "zh",
     "created_at": "Tue Mar 12 10:00:00 +0000 2019", "user": {"screen_name": "bo"}},
    {"id_str": "3", "text": "cannabis \x1b]0;owned\x07 now \x1b[2J <script>alert(1)</script> & more",
     "lang": "en", "created_at": "Wed Mar 13 10:00:00 +0000 2019",
     "user": {"screen_name": "evil\x1b[31mred\x07"}},
    {"id_str": "4", "text": "cannabis far in the future", "lang": "en",
     "created_at": "Fri Dec 31 23:59:59 +0000 9999", "user": {"screen_name": "carl"}},
]
with open("tweets.jsonl", "w") as f:
    for r in recs:
        f.write(json.dumps(r) + "\n")
with open("epochs.jsonl", "w") as f:
    for i, t in enumerate(["1e300", "-1e300", "9.3e18", "-9.3e18", "253402300800"]):
        f.write('{"id": "e%d", "subreddit": "drugs", "body": "cannabis epoch", "created_utc": %s}\n' % (i, t))
    f.write('{"id": "ok", "subreddit": "drugs", "body": "cannabis epoch", "created_utc": 1552298400}\n')
EOF

"$VIGIE" index --db idx -q tweets.jsonl 2> index.err
rc=$?
[ "$rc" = 0 ] || { fail "indexing the fixture: exit $rc"; cat index.err >&2; finish; }

# Plain searches find what phrase searches find.
for w in prop64 covid19 h1n1 sb420 64abc Prop64; do
  expect_eq "$("$VIGIE" search --db idx --count "$w")" 1 "plain search $w"
  expect_eq "$("$VIGIE" search --db idx --count "\"$w\"")" 1 "phrase search \"$w\""
done
# Words inside a Chinese hashtag, and the whole tag as a hashtag.
expect_eq "$("$VIGIE" search --db idx --count 大麻)" 1 "大麻 inside #大麻合法化#"
expect_eq "$("$VIGIE" search --db idx --count 合法化)" 1 "合法化 inside #大麻合法化#"
expect_eq "$("$VIGIE" search --db idx --count hashtag:大麻合法化)" 1 "hashtag:大麻合法化"
expect_eq "$("$VIGIE" search --db idx --count '#大麻合法化#')" 1 "#大麻合法化# as typed on Weibo"

# Numeric options and query parameters outside their ranges: exit 2.
for args in "--limit -1" "--offset -1" "--snippet-length -5" "--facet-limit -1" "--remote-timeout -1" \
            "--limit 4294967295"; do
  # shellcheck disable=SC2086
  expect_status 2 "search $args" "$VIGIE" search --db idx $args cannabis
  expect_grep "outside" last.err "search $args says the range"
done
for q in 'cannabis NEAR/-1 future' 'cannabis NEAR/0 future' 'sentiment:nan..1' 'sentiment:-1..nan'; do
  expect_status 2 "query $q" "$VIGIE" search --db idx --count "$q"
done
expect_status 0 "NEAR/3 is fine" "$VIGIE" search --db idx --count 'cannabis NEAR/3 future'
for args in "--spike-window -1" "--spike-threshold nan" "--spike-ratio -1" "--emerging-min-count -1" \
            "--remote-timeout -1"; do
  # shellcheck disable=SC2086
  expect_status 2 "trends $args" "$VIGIE" trends --db idx $args cannabis
done
for args in "--weeks -1" "--examples -1" "--emerging-limit -1" "--emerging-min-count -1"; do
  # shellcheck disable=SC2086
  expect_status 2 "report $args" "$VIGIE" report --db idx --week 2019-W11 --out rep $args
done

# A huge OR query is refused with a message that names the limit.
python3 -c 'print(" OR ".join("w%d" % i for i in range(10000)))' > huge.q
expect_status 2 "10000 OR terms" "$VIGIE" search --db idx --count "$(cat huge.q)"
expect_grep "more than 1000 terms" last.err "the message names the term limit"
python3 -c 'print(" OR ".join("w%d" % i for i in range(999)) + " OR cannabis")' > big.q
expect_status 0 "1000 OR terms" "$VIGIE" search --db idx --count "$(cat big.q)"
expect_eq "$(cat last.out)" 2 "1000 OR terms count"

# One tweet dated 9999-12-31 cannot make a daily series of millions of days.
expect_status 2 "trends --by day from 2019 to 9999" "$VIGIE" trends --db idx --by day --json cannabis
expect_grep "20000" last.err "the message names the period limit"
size=$(wc -c < last.out)
[ "$size" -lt 100000 ] && pass "no huge output ($size bytes)" || fail "trends wrote $size bytes"
expect_status 0 "a bounded range works" "$VIGIE" trends --db idx --by day --to 2019-03-31 --json cannabis

# Epoch numbers outside years 1..9999 are rejected like ISO strings for year 10000.
"$VIGIE" index --db ep -q --rejects ep.rejects epochs.jsonl 2> ep.err
expect_eq "$("$VIGIE" search --db ep --count)" 1 "only the sane epoch is indexed"
expect_eq "$(grep -c "unparseable date" ep.rejects)" 5 "absurd epochs are rejected"

# Text from a feed cannot drive the terminal or a spreadsheet.
"$VIGIE" search --db idx --limit 10 cannabis > list.txt 2>&1
"$VIGIE" search --db idx --limit 10 --csv cannabis > list.csv 2>&1
"$VIGIE" search --db idx --limit 10 --facet author cannabis > facets.txt 2>&1
for f in list.txt list.csv facets.txt; do
  if LC_ALL=C grep -q "[$ESC$BEL]" "$f"; then fail "$f holds raw ESC or BEL"; else pass "$f holds no raw ESC or BEL"; fi
done
expect_grep 'evil\\x1b\[31mred\\x07' list.txt "the handle is shown with visible escapes"
expect_grep 'evil\\x1b\[31mred\\x07' facets.txt "facet values too"

# Snippets are HTML-escaped whenever they carry markers.
"$VIGIE" search --db idx --json cannabis > hits.json
expect_eq "$(json_get hits.json 'any("&lt;script&gt;" in r["snippet"] for r in d["results"])')" True "snippet escapes the text's HTML"
expect_eq "$(json_get hits.json 'any("<script" in r["snippet"] for r in d["results"])')" False "no raw tag in a snippet"
expect_eq "$(json_get hits.json 'all("<b>" in r["snippet"] for r in d["results"])')" True "markers stay markup"

finish
