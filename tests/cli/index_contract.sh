# vigie index / stats: the CLI contract (exit codes, rejects log,
# replacement on re-index, standard input, compression, the lock).
source "$(dirname "$0")/lib/common.bash"

# Two tiny hand-written inputs: 3 valid tweets (one undated via no date field
# is not possible for v1, so a generic line is undated) and 2 bad lines.
cat > tweets.jsonl <<'J'
{"created_at":"Mon Mar 11 10:00:00 +0000 2019","id_str":"1001","full_text":"Naloxone saves lives. Expand harm reduction now! #harmreduction","lang":"en","user":{"screen_name":"nurse_ann"},"retweet_count":2,"favorite_count":5}
{"created_at":"Tue Mar 12 11:30:00 +0000 2019","id_str":"1002","full_text":"La réduction des risques sauve des vies.","lang":"fr","user":{"screen_name":"medecin"}}
{"created_at":"Wed Mar 13 09:15:00 +0000 2019","id_str":"1003","full_text":42,"lang":"en","user":{"screen_name":"bot"}}
this is not json
{"created_at":"Thu Mar 14 08:00:00 +0000 2019","id_str":"1004","full_text":"Легализация каннабиса в Канаде: первые итоги.","lang":"ru","user":{"screen_name":"novosti"}}
J

expect_status 0 "vigie index --help" "$VIGIE" index --help
expect_grep "--db" last.out "index --help documents --db"
expect_status 2 "index without --db is a usage error" "$VIGIE" index tweets.jsonl
expect_status 2 "unknown option is a usage error" "$VIGIE" index --db idx --bogus tweets.jsonl
expect_status 2 "unknown format is a usage error" "$VIGIE" index --db idx --format nope tweets.jsonl
expect_status 1 "missing input fails" "$VIGIE" index --db idx missing.jsonl
expect_grep "missing.jsonl" last.err "the message names the missing file"
mkdir adir
expect_status 1 "a directory as input fails" "$VIGIE" index --db idx adir
expect_grep "adir" last.err "the message names the directory"

expect_status 3 "index with two bad lines exits 3" "$VIGIE" index --db idx tweets.jsonl
expect_eq "$(wc -l < idx/rejects.log)" 2 "rejects log lines"
expect_grep "^tweets.jsonl:3	" idx/rejects.log "wrong-type record rejected with file:line"
expect_grep "^tweets.jsonl:4	" idx/rejects.log "non-JSON line rejected with file:line"
expect_grep "rejected" last.err "summary mentions rejects"

"$VIGIE" stats --db idx --json > stats.json || fail "stats --json"
expect_eq "$(json_get stats.json 'd["documents"]')" 3 "documents"
expect_eq "$(json_get stats.json 'd["by_lang"]')" "{'en': 1, 'fr': 1, 'ru': 1}" "by_lang"
expect_eq "$(json_get stats.json 'd["by_kind"]')" "{'tweet': 3}" "by_kind"
expect_eq "$(json_get stats.json 'd["undated"]')" 0 "undated"
expect_eq "$(json_get stats.json 'd["first"]')" "2019-03-11T10:00:00Z" "first"
expect_eq "$(json_get stats.json 'd["last"]')" "2019-03-14T08:00:00Z" "last"

# Re-indexing the same records replaces them: still 3 documents.
expect_status 3 "re-index the same file" "$VIGIE" index --db idx tweets.jsonl
"$VIGIE" stats --db idx --json > stats2.json
expect_eq "$(json_get stats2.json 'd["documents"]')" 3 "documents after re-index"

# The same record twice in one run, into a new index (the writer adds ids it
# has not seen without a lookup, and replaces the ones it has): one document,
# the later text, in one shard or in two.
cat > dup.jsonl <<'J'
{"created_at":"Mon Mar 11 10:00:00 +0000 2019","id_str":"2001","full_text":"first version about methadone","lang":"en","user":{"screen_name":"a"}}
{"created_at":"Mon Mar 11 10:05:00 +0000 2019","id_str":"2002","full_text":"another post about naloxone","lang":"en","user":{"screen_name":"b"}}
{"created_at":"Mon Mar 11 10:00:00 +0000 2019","id_str":"2001","full_text":"second version about buprenorphine","lang":"en","user":{"screen_name":"a"}}
J
for shards in 1 2; do
  expect_status 0 "index a file holding one id twice ($shards shards)" "$VIGIE" index --db "idx-dup$shards" --shards "$shards" dup.jsonl
  "$VIGIE" stats --db "idx-dup$shards" --json > s.json
  expect_eq "$(json_get s.json 'd["documents"]')" 2 "one id twice in one run: 2 documents ($shards shards)"
  expect_eq "$("$VIGIE" search --db "idx-dup$shards" --count buprenorphine)" 1 "the later text is indexed ($shards shards)"
  expect_eq "$("$VIGIE" search --db "idx-dup$shards" --count methadone)" 0 "the earlier text is gone ($shards shards)"
done

# Standard input, gzip and zstd give the same documents.
grep -v "not json" tweets.jsonl | grep -v '"full_text":42' > good.jsonl
expect_status 0 "index from standard input" sh -c "'$VIGIE' index --db idx-stdin - < good.jsonl"
gzip -c good.jsonl > good.jsonl.gz
expect_status 0 "index a .gz file" "$VIGIE" index --db idx-gz good.jsonl.gz
if command -v zstd >/dev/null; then
  zstd -q -c good.jsonl > good.jsonl.zst
  expect_status 0 "index a .zst file" "$VIGIE" index --db idx-zst good.jsonl.zst
  "$VIGIE" stats --db idx-zst --json > s.json && expect_eq "$(json_get s.json 'd["documents"]')" 3 "zst documents"
fi
"$VIGIE" stats --db idx-stdin --json > s.json && expect_eq "$(json_get s.json 'd["documents"]')" 3 "stdin documents"
"$VIGIE" stats --db idx-gz --json > s.json && expect_eq "$(json_get s.json 'd["documents"]')" 3 "gz documents"

# Xapian's own tools open the sharded index as one database.
if command -v xapian-delve >/dev/null; then
  expect_status 0 "xapian-delve opens the index" xapian-delve idx
  expect_grep "number of documents = 3" last.out "xapian-delve sees 3 documents"
fi
if command -v xapian-compact >/dev/null; then
  expect_status 0 "xapian-compact merges the shards" xapian-compact idx compacted
  "$VIGIE" stats --db compacted --json > s.json && expect_eq "$(json_get s.json 'd["documents"]')" 3 "compacted documents"
fi

# A second writer gets a clear message naming the lock holder.
exec 9>idx/vigie.lock
flock -n 9 && echo 4242 >&9
expect_status 1 "a second writer is refused" "$VIGIE" index --db idx good.jsonl
expect_grep "locked by PID" last.err "the message says the index is locked"
exec 9>&-

expect_status 1 "stats on a missing index fails" "$VIGIE" stats --db nowhere
finish
