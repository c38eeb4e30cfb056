# The briefing's examples do not depend on how the index is split: when
# several documents tie for "most engaged", the one with the smallest id is
# shown, on one local index and on a stub of partitions of the same inputs
# alike (Xapian's docids, which order ties otherwise, differ between them).
source "$(dirname "$0")/lib/common.bash"

# Eight harm-reduction tweets of one week with the same engagement (3
# retweets, 2 likes, no followers), in descending id order.
python3 - > tied.jsonl <<'PY'
import json
for i, n in enumerate(range(8, 0, -1)):
    print(json.dumps({
        "created_at": "Tue Mar 12 1%d:00:00 +0000 2019" % i, "id_str": "90%d" % n,
        "full_text": "Needle exchange programme number %d opens in the city centre" % n,
        "lang": "en", "retweet_count": 3, "favorite_count": 2,
        "user": {"screen_name": "u%d" % n, "followers_count": 0}}))
PY
expect_status 0 "index: one local index" "$VIGIE" index --db local -q tied.jsonl
for k in 1 2; do
  expect_status 0 "index: partition $k/2" "$VIGIE" index --db "part$k" --shards 1 --partition "$k/2" -q tied.jsonl
done
expect_status 0 "stub of the partitions" "$VIGIE" stub --out parts.stub part1 part2
n1=$("$VIGIE" stats --db part1 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
[ "$n1" -gt 0 ] && [ "$n1" -lt 8 ] && pass "both partitions hold documents ($n1 + $((8 - n1)))" || fail "partition 1 holds $n1 of 8"

for db in local parts.stub; do
  SOURCE_DATE_EPOCH=1552867200 "$VIGIE" report --db "$db" --week 2019-W11 --out "rep-$db" > /dev/null 2> "rep-$db.err" \
    || fail "report --db $db: $(cat "rep-$db.err")"
done
expect_eq "$(json_get rep-local/report.json '[x["id"] for t in d["topics"] if t["id"] == "harm_reduction" for x in t["examples"] if x["why"] == "most engaged"]')" \
  "['901']" "local: the most engaged of eight tied tweets is the smallest id"
expect_eq "$(json_get rep-parts.stub/report.json '[x["id"] for t in d["topics"] if t["id"] == "harm_reduction" for x in t["examples"] if x["why"] == "most engaged"]')" \
  "['901']" "stub of partitions: the same tweet"
for f in report.json report.md examples.csv; do
  if cmp -s "rep-local/$f" "rep-parts.stub/$f"; then pass "$f identical on the local index and the stub"
  else fail "$f differs between the local index and the stub"; diff "rep-local/$f" "rep-parts.stub/$f" | head -5 >&2; fi
done
finish
