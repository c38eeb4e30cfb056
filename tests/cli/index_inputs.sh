# vigie index on awkward inputs and options: records read whole, pages kept
# around a bad record, streams and devices handled deliberately, numeric
# options range-checked, and a rejects log that stays parseable.
source "$(dirname "$0")/lib/common.bash"

search_count() { "$VIGIE" search --db "$1" --count "$2"; }
tweet() { printf '{"id_str":"%s","full_text":"tweet number %s about cannabis policy","created_at":"Wed Oct 10 20:19:24 +0000 2018","user":{"screen_name":"u"}}' "$1" "$1"; }

# --- a generic record with a "source" string is no NewsAPI article --------
cat > generic.jsonl <<'J'
{"text":"Cannabis legalization passes","date":"2019-03-11T10:00:00Z","source":"Le Monde","title":"Vote"}
{"text":"Referendum outcome surprises","date":"2019-03-12T10:00:00Z","source":"Le Monde"}
J
expect_status 0 "generic records with a source string" "$VIGIE" index -q --db g generic.jsonl
expect_eq "$(search_count g legalization)" 1 "text of a titled generic record is searchable"
expect_eq "$(search_count g referendum)" 1 "an untitled generic record is indexed"
expect_eq "$(search_count g 'date:2019-03-11..2019-03-12')" 2 "both generic records keep their date"
expect_eq "$("$VIGIE" search --db g --json referendum | json_get /dev/stdin 'd["results"][0]["source"]')" "Le Monde" "source kept"

# --- --format jsonl without --map reads the generic names -----------------
expect_status 0 "--format jsonl without --map" "$VIGIE" index -q --db j --format jsonl generic.jsonl
expect_eq "$(search_count j referendum)" 1 "--format jsonl reads text"

# --- one input key feeding two fields -------------------------------------
cat > mapped.jsonl <<'J'
{"headline":"Heroin seizure at the port","link":"http://x.example/1","who":"AP","m":{"b":"opium poppy fields"}}
{"headline":"Heroin seizure at the port","link":"http://x.example/1","who":"AP","m":{"b":"opium poppy crops"}}
J
expect_status 0 "map: one key, two fields" "$VIGIE" index -q --db m1 \
  --map text=headline,title=headline,id=link,url=link,author=who,source=who mapped.jsonl
"$VIGIE" search --db m1 --json heroin > m1.json
expect_eq "$(json_get m1.json 'd["count"]')" 1 "id=link: one document per link"
expect_eq "$(json_get m1.json 'd["results"][0]["url"]')" "http://x.example/1" "url=link as well as id=link"
expect_eq "$(json_get m1.json 'd["results"][0]["title"]')" "Heroin seizure at the port" "title=headline with text=headline"
expect_eq "$(json_get m1.json 'd["results"][0]["source"]')" "AP" "source=who with author=who"
expect_status 0 "map: text=m.b,id=m.b" "$VIGIE" index -q --db m2 --map text=m.b,id=m.b mapped.jsonl
expect_eq "$(search_count m2 opium)" 2 "text=m.b,id=m.b indexes every record"
expect_status 0 "map: url without id" "$VIGIE" index -q --db m3 --map text=headline,url=link mapped.jsonl
expect_eq "$(search_count m3 heroin)" 1 "one url, one document (as unmapped)"

# --- pages: one bad record, or a cut, loses only itself --------------------
{ echo "["; for i in $(seq 1 300); do
    t=$(tweet $i); [ $i = 150 ] && t=${t/tweet number/tweet \\q number}
    printf '  %s%s\n' "$t" "$([ $i = 300 ] || echo ,)"; done; echo "]"; } > pretty.json
python3 -c 'import json,sys; d=open("pretty.json").read(); json.loads(d.replace("\\q","q"))' || fail "pretty.json fixture"
expect_status 3 "pretty-printed array with one bad record" "$VIGIE" index -q --db p1 pretty.json
expect_eq "$(search_count p1 '')" 299 "all other records of the array"
expect_grep '^pretty\.json:151#150	invalid JSON' p1/rejects.log "the bad record reported at line#k"
head -c $(( $(stat -c %s pretty.json) * 2 / 3 )) pretty.json > cut.json
gzip -c cut.json > cut.json.gz
gzip -c pretty.json > whole.json.gz
head -c $(( $(stat -c %s whole.json.gz) * 2 / 3 )) whole.json.gz > cutz.json.gz
for f in cut.json cut.json.gz cutz.json.gz; do
  expect_status 3 "truncated pretty-printed array $f" "$VIGIE" index -q --db "db-$f" "$f"
  n=$(search_count "db-$f" '')
  [ "$n" -gt 150 ] && pass "$f: $n complete records indexed" || fail "$f: only $n records indexed"
done

# --- the same Reddit item from Pushshift and from the API -----------------
cat > reddit.jsonl <<'J'
{"id":"abc123","body":"Naloxone saves lives at the festival","subreddit":"drugs","created_utc":1552402800,"author":"x"}
{"kind":"t1","data":{"id":"abc123","name":"t1_abc123","body":"Naloxone saves lives at the festival","subreddit":"drugs","created_utc":1552402800,"author":"x"}}
J
expect_status 0 "a Reddit comment from two APIs" "$VIGIE" index -q --db r reddit.jsonl
expect_eq "$(search_count r naloxone)" 1 "one document for abc123 and t1_abc123"

# --- pzstd output (a skippable frame first) --------------------------------
if command -v pzstd >/dev/null; then
  for i in $(seq 1 50); do tweet $i; echo; done > plain.jsonl
  pzstd -q -p 2 -c plain.jsonl > p.jsonl.zst 2>/dev/null
  expect_status 0 "pzstd file" "$VIGIE" index -q --db z p.jsonl.zst
  expect_eq "$(search_count z cannabis)" 50 "every record of a pzstd file"
else
  pass "pzstd not installed: skipped"
fi

# --- CR-only line endings ---------------------------------------------------
printf '{"text":"first methadone line"}\r{"text":"second methadone line"}\r' > cr.jsonl
expect_status 0 "CR-only line endings" "$VIGIE" index -q --db cr cr.jsonl
expect_eq "$(search_count cr methadone)" 2 "each CR-ended line is a record"

# --- streams and devices ----------------------------------------------------
for i in $(seq 1 20); do tweet $i; echo; done > fifo-data.jsonl
mkfifo feed.fifo
( sleep 1; cat fifo-data.jsonl > feed.fifo ) &
expect_status 0 "a FIFO that is written to (no input-changed reject)" "$VIGIE" index -q --db f1 feed.fifo
wait
expect_eq "$(search_count f1 cannabis)" 20 "FIFO records"
expect_status 1 "a FIFO with no writer ends with a message" timeout 150 "$VIGIE" index -q --db f2 feed.fifo
expect_grep "no writer" last.err "no-writer message"
expect_status 1 "/dev/zero is refused" timeout 150 "$VIGIE" index -q --db f3 /dev/zero
expect_grep "device" last.err "device message"

# --- the rejects log --------------------------------------------------------
tabname=$(printf 'a\tb.jsonl')
printf '{"text":5}\n' > "$tabname"
expect_status 3 "a file name with a tab" "$VIGIE" index -q --db t "$tabname"
expect_eq "$(cut -f1 t/rejects.log)" '"a\tb.jsonl":1' "the name is quoted, the line keeps 3 fields"
cp generic.jsonl keep.jsonl
expect_status 2 "--rejects naming an input is refused" "$VIGIE" index -q --db k --rejects keep.jsonl keep.jsonl
cmp -s keep.jsonl generic.jsonl && pass "the input is untouched" || fail "--rejects truncated its input"
for i in $(seq 1 20000); do printf '{"id":"c%s","body":"comment %s about harm reduction services","subreddit":"r","created_utc":1552402800}\n' $i $i; done > many.jsonl
gzip -c many.jsonl > many.gz
head -c $(( $(stat -c %s many.gz) / 2 )) many.gz > half.jsonl.gz
expect_status 3 "a truncated .gz" "$VIGIE" index -q --db h half.jsonl.gz
line=$(grep 'ends early' h/rejects.log | cut -f1 | sed 's/.*://')
n=$(search_count h '')
expect_eq "$line" "$((n + 1))" "the truncation reject names the line reached"

# --- numeric options --------------------------------------------------------
for a in "--threads -1" "--threads 5000" "--shards -1" "--shards 3000" "--commit-every -1" \
         "--commit-every 0" "--max-record-mib -1" "--max-record-mib 0" "--flush-threshold -5"; do
  expect_status 2 "index $a is a usage error" "$VIGIE" index -q --db bad $a generic.jsonl
done
[ -e bad ] && fail "a refused option left an index directory" || pass "no index left by refused options"
expect_status 2 "--shards beyond the open-file limit" bash -c "ulimit -n 256; exec \"\$0\" index -q --db fd --shards 200 generic.jsonl" "$VIGIE"
expect_grep "open files" last.err "the message names the open-file limit"
"$VIGIE" index --help > help.txt
for r in 0..1024 0..256 1..10000000 1..1024; do
  expect_grep "$r" help.txt "--help states the range $r"
done

finish
