# vigie search: the CLI contract on the bundled sample corpus -
# exit codes, messages, output formats, saved queries, and a stub mixing a
# local shard with a remote one served by xapian-tcpsrv (started and stopped
# here, also on failure).
source "$(dirname "$0")/lib/common.bash"

"$VIGIE" index --db idx --shards 2 --threads 2 -q "$SRC"/corpora/sample/* 2> index.err
rc=$?
[ "$rc" = 0 ] || [ "$rc" = 3 ] || { fail "indexing the sample corpus: exit $rc"; cat index.err >&2; finish; }

expect_status 0 "search --help" "$VIGIE" search --help
for opt in --db --lang --from --to --week --tz --sort --limit --offset --facet --collapse --json --jsonl --csv \
           --count --saved --queries; do
  expect_grep "$opt" last.out "--help documents $opt"
done
expect_grep "date:2019-03-11..2019-03-17" last.out "--help has examples"

# Exit codes and messages.
expect_status 2 "no --db is a usage error" "$VIGIE" search cannabis
expect_status 2 "unknown option" "$VIGIE" search --db idx --bogus cannabis
expect_status 1 "missing index" "$VIGIE" search --db nowhere cannabis
expect_grep "nowhere" last.err "the message names the missing index"
expect_status 2 "malformed query" "$VIGIE" search --db idx '"harm reduction'
expect_grep "unterminated phrase" last.err "malformed query message says what is wrong"
expect_grep '^  \^' last.err "and points at it"
if grep -q "terminate called\|what():" last.err; then fail "exception dump"; fi
expect_status 2 "bad --week" "$VIGIE" search --db idx --week 2019-11 cannabis
expect_status 2 "bad --tz" "$VIGIE" search --db idx --tz Nowhere/City --week 2019-W11 cannabis
expect_status 2 "bad --sort" "$VIGIE" search --db idx --sort size cannabis
expect_status 2 "two output formats" "$VIGIE" search --db idx --json --csv cannabis
expect_status 2 "unknown facet" "$VIGIE" search --db idx --facet colour cannabis
expect_status 0 "no matches is not an error" "$VIGIE" search --db idx --count zzzqqqxxx
expect_eq "$(cat last.out)" 0 "count of no matches"

# Output formats.
total=$("$VIGIE" search --db idx --count)
expect_eq "$(json_get <("$VIGIE" stats --db idx --json) 'd["documents"]')" "$total" "--count of everything = stats documents"
"$VIGIE" search --db idx --json --limit 5 --facet lang --facet kind naloxone > r.json || fail "--json"
expect_eq "$(json_get r.json 'len(d["results"]) <= 5 and d["count"] >= len(d["results"]) > 0')" True "--json results and count"
expect_eq "$(json_get r.json 'set(d["results"][0].keys()) >= set(["id","date","lang","kind","source","author","title","url","snippet","relevance","sentiment"])')" True "--json result fields"
expect_eq "$(json_get r.json 'sum(d["facets"]["kind"].values()) == d["count"]')" True "--json facets sum to the count"
expect_eq "$(json_get r.json 'all("<b>" in r["snippet"] for r in d["results"] if r["snippet"])')" True "snippets highlight matches"
"$VIGIE" search --db idx --jsonl --limit 4 naloxone > r.jsonl || fail "--jsonl"
expect_eq "$(python3 -c 'import json,sys; print(sum(1 for l in open("r.jsonl") if json.loads(l)["id"]))')" \
  "$(json_get r.json 'min(4, d["count"])')" "--jsonl: one parseable result per line"
"$VIGIE" search --db idx --csv --limit 20 'harm reduction' > r.csv || fail "--csv"
expect_eq "$(python3 -c '
import csv; rows=list(csv.reader(open("r.csv", newline="")))
print(rows[0][:3] == ["rank","id","date"] and all(len(r) == len(rows[0]) for r in rows) and len(rows) > 1)')" True \
  "--csv parses with a header and equal-length rows"
"$VIGIE" search --db idx --limit 3 naloxone > table.txt || fail "table"
expect_grep "^[0-9]+ match" table.txt "table starts with the count"

# Paging: offset 2 starts at the third result of the same ranking.
a=$("$VIGIE" search --db idx --jsonl --limit 5 naloxone | python3 -c 'import json,sys; print([json.loads(l)["id"] for l in sys.stdin][2:])')
b=$("$VIGIE" search --db idx --jsonl --limit 3 --offset 2 naloxone | python3 -c 'import json,sys; print([json.loads(l)["id"] for l in sys.stdin])')
expect_eq "$b" "$a" "--offset pages through the same ranking"
# Sort by date: non-increasing dates.
"$VIGIE" search --db idx --jsonl --limit 50 --sort date 'lang:en' > d.jsonl
expect_eq "$(python3 -c '
import json; d=[json.loads(l)["date"] for l in open("d.jsonl")]; print(d == sorted(d, reverse=True) and len(d) > 1)')" True "--sort date"

# Saved queries: a file in each format.
cat > saved.txt <<'Q'
# analysts
naloxone: naloxone
Q
expect_status 0 "--saved from a line file" "$VIGIE" search --db idx --queries saved.txt --saved naloxone --count
expect_eq "$(cat last.out)" "$("$VIGIE" search --db idx --count naloxone)" "saved query = the query typed"
expect_status 2 "unknown saved query" "$VIGIE" search --db idx --queries saved.txt --saved nope
expect_grep "known: naloxone" last.err "lists the known names"
expect_status 0 "the repository's example file" "$VIGIE" search --db idx --queries "$SRC/corpora/queries/saved.json" --saved harm-reduction --count
VIGIE_QUERIES=saved.txt expect_status 0 "VIGIE_QUERIES" "$VIGIE" search --db idx --saved naloxone --count

# Remote shard through stock xapian-tcpsrv: same answers as the local stub.
TCPSRV=$(command -v xapian-tcpsrv || true)
if [ -n "$TCPSRV" ]; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  # setsid: xapian-tcpsrv kills its whole process group on SIGTERM.
  setsid "$TCPSRV" --port "$port" --interface 127.0.0.1 --quiet "$SCRATCH/idx/shard-001" > tcpsrv.log 2>&1 &
  srv=$!
  trap 'kill -TERM -- -$srv 2>/dev/null; wait $srv 2>/dev/null' EXIT
  for _ in $(seq 50); do python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),1)" 2>/dev/null && break; sleep 0.1; done
  printf 'auto %s\nremote :127.0.0.1:%s\n' "$SCRATCH/idx/shard-000" "$port" > mixed.stub
  for q in naloxone 'lang:es' '"harm reduction" OR 减少危害' 'date:2019-03-11..2019-03-17'; do
    "$VIGIE" search --db idx --json --limit 20 --facet lang --facet source --facet hashtag --facet sentiment "$q" > local.json
    "$VIGIE" search --db mixed.stub --json --limit 20 --facet lang --facet source --facet hashtag --facet sentiment "$q" > remote.json
    if cmp -s local.json remote.json; then pass "remote == local for $q"; else fail "remote differs for $q"; diff local.json remote.json | head -5 >&2; fi
  done
  kill -TERM -- -"$srv" 2>/dev/null; wait "$srv" 2>/dev/null; trap - EXIT
  expect_status 1 "a remote that does not answer" "$VIGIE" search --db mixed.stub --remote-timeout 1000 naloxone
  expect_grep "127.0.0.1:$port" last.err "the message names the remote shard"
  # --allow-partial: the reachable shard's results, and a warning naming the missing one.
  expect_status 0 "--allow-partial with a remote down" "$VIGIE" search --db mixed.stub --remote-timeout 1000 \
    --allow-partial --json --limit 100 naloxone
  cp last.out partial.json
  expect_grep "127.0.0.1:$port" last.err "the warning on stderr names the missing shard"
  expect_eq "$(json_get partial.json 'any("127.0.0.1:'$port'" in w for w in d.get("warnings", []))')" True \
    "the JSON output carries the warning"
  "$VIGIE" search --db "$SCRATCH/idx/shard-000" --count naloxone > part.count
  expect_eq "$(json_get partial.json 'd["count"]')" "$(cat part.count)" "partial count = the reachable shard's count"
else
  echo "note: xapian-tcpsrv not installed; remote checks skipped"
fi

finish
