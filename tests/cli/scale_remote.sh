# Several machines: a make-corpus corpus split by `vigie index --partition
# K/4` into four indexes, each served by its own xapian-tcpsrv on a loopback
# address (127.0.0.2 .. 127.0.0.5), joined by `vigie stub`. Every command on
# the stub must answer as one local index of the same inputs does: stats,
# search (counts, facets, --collapse, ranked sets), trends and report files
# byte for byte; near-duplicates that span machines count once; one server
# going down gives a clear error, or partial results with a warning under
# --allow-partial. Servers are killed on exit, also on failure.
source "$(dirname "$0")/lib/common.bash"

TCPSRV=$(command -v xapian-tcpsrv || true)
[ -n "$TCPSRV" ] || { echo "skip: xapian-tcpsrv not installed (Debian package xapian-tools)"; exit 77; }
MAKE_CORPUS=$SHARED/bench/make-corpus
[ -x "$MAKE_CORPUS" ] || { echo "skip: $MAKE_CORPUS not found"; exit 77; }
export SOURCE_DATE_EPOCH=1700000000  # report files carry their generation time

"$MAKE_CORPUS" --docs 4000 --out corpus > /dev/null 2>&1 || { fail "make-corpus"; finish; }
index() {  # index DB [options]: the corpus, everything on, any exit but 1/2
  local db=$1; shift
  "$VIGIE" index --db "$db" --threads 2 -q --rejects "$db.rejects" "$@" corpus/*.json corpus/*.jsonl 2> "$db.err"
  local rc=$?
  [ "$rc" = 0 ] || [ "$rc" = 3 ] || { fail "index $db $*: exit $rc"; sed 's/^/  /' "$db.err" >&2; }
}
index local --shards 4
for k in 1 2 3 4; do index "p$k" --shards 1 --partition "$k/4"; done

# ---- partitions split the inputs exactly ----
ids() { "$VIGIE" search --db "$1" --jsonl --limit 100000 --no-snippets | python3 -c '
import json, sys
for l in sys.stdin: print(json.loads(l)["kind"] + ":" + json.loads(l)["id"])' | sort; }
ids local > local.ids
: > parts.ids
for k in 1 2 3 4; do ids "p$k" >> parts.ids; done
expect_eq "$(wc -l < local.ids)" 4000 "documents in the local index"
expect_eq "$(sort parts.ids | uniq -d | wc -l)" 0 "no record in two partitions"
if cmp -s local.ids <(sort parts.ids); then pass "the partitions hold exactly the local index's records"; else
  fail "partitions differ from the local index"; diff local.ids <(sort parts.ids) | head -5 >&2; fi
# The partition function is pinned: an independent implementation (FNV-1a
# 64 of the id term, SplitMix64, multiply-shift on the high 32 bits).
cat > partition.py <<'PY'
import sys
M = (1 << 64) - 1
def part(term, n):
    h = 0xcbf29ce484222325
    for b in term.encode():
        h = ((h ^ b) * 0x100000001b3) & M
    z = h
    z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M
    z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M
    z ^= z >> 31
    return ((z >> 32) * n) >> 32
PY
expect_eq "$(ids p3 | python3 -c '
import sys; sys.path.insert(0, "."); from partition import part
print(all(part("Q" + l.strip(), 4) == 2 for l in sys.stdin))')" True "partition 3/4 holds exactly the ids that hash to it"
"$VIGIE" stats --db p2 --json > p2.before
index p2 --shards 1 --partition 2/4
"$VIGIE" stats --db p2 --json > p2.after
if cmp -s p2.before p2.after; then pass "re-running one partition's indexer changes nothing"; else fail "re-run changed p2"; fi
expect_status 2 "an index refuses another partition" "$VIGIE" index --db p2 --partition 3/4 -q corpus/reddit.jsonl
expect_grep "partition 2/4" last.err "the message names the partition the index holds"
expect_status 2 "--partition 5/4 is a usage error" "$VIGIE" index --db px --partition 5/4 corpus/reddit.jsonl

# ---- four servers on four loopback addresses ----
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -TERM -- -"$p" 2>/dev/null; wait "$p" 2>/dev/null; done; }
trap cleanup EXIT
free_port() { python3 -c 'import socket,sys; s=socket.socket(); s.bind((sys.argv[1],0)); print(s.getsockname()[1]); s.close()' "$1"; }
wait_port() {  # bounded: 10 s
  for _ in $(seq 100); do
    python3 -c 'import socket,sys; socket.create_connection((sys.argv[1], int(sys.argv[2])), 1)' "$1" "$2" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}
declare -a HOSTS PORTS
for k in 1 2 3 4; do
  HOSTS[$k]=127.0.0.$((k + 1))
  PORTS[$k]=$(free_port "${HOSTS[$k]}") || { echo "skip: cannot bind ${HOSTS[$k]}"; exit 77; }
  # setsid: xapian-tcpsrv kills its whole process group on SIGTERM.
  setsid "$TCPSRV" --interface "${HOSTS[$k]}" --port "${PORTS[$k]}" --quiet "$SCRATCH/p$k/shard-000" > "srv$k.log" 2>&1 &
  PIDS[$k]=$!
done
for k in 1 2 3 4; do wait_port "${HOSTS[$k]}" "${PORTS[$k]}" || { fail "xapian-tcpsrv on ${HOSTS[$k]} did not start"; finish; }; done
expect_status 0 "vigie stub over four servers" "$VIGIE" stub --out all.stub \
  "${HOSTS[1]}:${PORTS[1]}" "${HOSTS[2]}:${PORTS[2]}" "${HOSTS[3]}:${PORTS[3]}" "${HOSTS[4]}:${PORTS[4]}"
expect_grep "4 shards, 4000 documents" last.err "vigie stub checked every shard"
expect_status 1 "vigie stub refuses a server listed twice" "$VIGIE" stub --out twice.stub \
  "${HOSTS[1]}:${PORTS[1]}" "$SCRATCH/p1"
[ -e twice.stub ] && fail "a refused stub was written"

same() {  # same DESCRIPTION FILE_A FILE_B
  if cmp -s "$2" "$3"; then pass "$1"; else fail "$1: $2 and $3 differ"; diff "$2" "$3" | head -6 >&2; fi
}

# ---- stats ----
strip_created() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["metadata"].pop("vigie.created"); print(json.dumps(d, sort_keys=True))' "$1"; }
"$VIGIE" stats --db local --json --near-duplicates > stats.local
"$VIGIE" stats --db all.stub --json --near-duplicates > stats.remote || fail "stats on the stub"
strip_created stats.local > a; strip_created stats.remote > b
same "stats: the stub = the local index (but for its creation time)" a b
expect_eq "$(json_get stats.remote 'd["duplicates"] > 100')" True "stats counts exact copies on the stub"
expect_eq "$(json_get stats.remote 'd["near_duplicates"] >= d["duplicates"]')" True "near-duplicates include the exact copies"

# ---- search ----
FACETS=(--facet lang --facet kind --facet source --facet hashtag --facet topic --facet week --facet stance --facet sentiment)
compare_search() {  # compare_search QUERY [options]
  "$VIGIE" search --db local --json --limit 50 "${FACETS[@]}" "$@" > s.local || fail "search local $*"
  "$VIGIE" search --db all.stub --json --limit 50 "${FACETS[@]}" "$@" > s.remote || fail "search stub $*"
  python3 - s.local s.remote "$*" <<'PY' && pass "search $*: same count, facets and ranked set" || fail "search $*"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
ok = a["count"] == b["count"] and a["facets"] == b["facets"] and len(a["results"]) == len(b["results"])
# Ranked results: equal as sets with their scores and snippets; the last
# score may be tied across the cut, so those are compared by count only.
def key(r): return (round(r["relevance"], 6), r["kind"], r["id"], r.get("snippet"))
ra, rb = [key(r) for r in a["results"]], [key(r) for r in b["results"]]
if ra:
    cut = ra[-1][0]
    ok = ok and sorted(x for x in ra if x[0] != cut) == sorted(x for x in rb if x[0] != cut)
    ok = ok and [x[0] for x in ra] == [x[0] for x in rb]   # order of scores
if not ok:
    print("count", a["count"], b["count"], "facets equal", a["facets"] == b["facets"], file=sys.stderr)
sys.exit(0 if ok else 1)
PY
}
for q in cannabis 'naloxone OR heroin' 'lang:es' 'kind:tweet date:2019-03-11..2019-03-17' '"harm reduction"' \
         'topic:cannabis_regulation' 'sentiment:-1..-0.5' 大麻 'наркотики'; do
  compare_search "$q"
done
compare_search --collapse cannabis
compare_search --collapse ''
for q in '' cannabis 'lang:ru'; do
  a=$("$VIGIE" search --db local --count --collapse "$q"); b=$("$VIGIE" search --db all.stub --count --collapse "$q")
  expect_eq "$b" "$a" "search --collapse --count '$q' on the stub"
done

# ---- trends ----
for args in "cannabis" "--by day --from 2019-03-01 --to 2019-03-31 drugs" "--by month --topic cannabis_regulation" \
            "--json --by week heroin" "--csv --lang en drug"; do
  # shellcheck disable=SC2086
  "$VIGIE" trends --db local $args > t.local 2>&1; ra=$?
  # shellcheck disable=SC2086
  "$VIGIE" trends --db all.stub $args > t.remote 2>&1; rb=$?
  expect_eq "$rb" "$ra" "trends $args: exit status"
  same "trends $args: the stub = the local index" t.local t.remote
done

# ---- report ----
"$VIGIE" report --db local --week 2019-W11 --out rep.local > /dev/null 2> rep.local.err || fail "report local"
"$VIGIE" report --db all.stub --week 2019-W11 --out rep.remote > /dev/null 2> rep.remote.err || fail "report stub"
n=0
for f in rep.local/*; do
  n=$((n + 1))
  cmp -s "$f" "rep.remote/$(basename "$f")" || fail "report file $(basename "$f") differs on the stub"
done
[ "$n" -gt 3 ] && pass "report: $n files, byte for byte" || fail "report wrote $n files"

# ---- near-duplicates across machines ----
# A tweet on one machine and its retweet on another count as one story; an
# edited copy (new first words, a trailing credit) is a near-duplicate.
python3 - <<'PY' > pair.jsonl
import json, sys
sys.path.insert(0, ".")
from partition import part
text = "Harm reduction services expand across the region after the vote"
orig = next(i for i in range(9000000, 9001000) if part("Qtweet:%d" % i, 2) == 0)
rt = next(i for i in range(9001000, 9002000) if part("Qtweet:%d" % i, 2) == 1)
user = {"screen_name": "origin", "name": "Origin", "followers_count": 10}
print(json.dumps({"id_str": str(orig), "created_at": "Mon Mar 11 10:00:00 +0000 2019", "text": text, "lang": "en", "user": user}))
print(json.dumps({"id_str": str(rt), "created_at": "Tue Mar 12 10:00:00 +0000 2019", "text": "RT @origin: " + text,
                  "lang": "en", "user": {"screen_name": "copier", "name": "Copier", "followers_count": 1},
                  "retweeted_status": {"id_str": str(orig), "text": text, "user": user}}))
edit = next(i for i in range(9002000, 9003000) if part("Qtweet:%d" % i, 2) == 1)
print(json.dumps({"id_str": str(edit), "created_at": "Wed Mar 13 10:00:00 +0000 2019", "lang": "en",
                  "text": "Update: " + text.replace("expand", "grow") + " (Reuters)",
                  "user": {"screen_name": "editor", "name": "Editor", "followers_count": 5}}))
PY
for k in 1 2; do
  "$VIGIE" index --db "pair$k" --shards 1 --partition "$k/2" -q pair.jsonl 2> "pair$k.err" || fail "index pair $k/2"
  expect_eq "$("$VIGIE" search --db "pair$k" --count)" "$k" "the tweet and its copies are on different machines ($k/2)"
  PP[$k]=$(free_port 127.0.0.$((k + 5)))
  setsid "$TCPSRV" --interface 127.0.0.$((k + 5)) --port "${PP[$k]}" --quiet "$SCRATCH/pair$k/shard-000" > "pairsrv$k.log" 2>&1 &
  PIDS+=($!)
  wait_port 127.0.0.$((k + 5)) "${PP[$k]}" || fail "pair server $k did not start"
done
"$VIGIE" stub --out pair.stub "127.0.0.6:${PP[1]}" "127.0.0.7:${PP[2]}" 2> /dev/null || fail "pair stub"
"$VIGIE" stats --db pair.stub --json --near-duplicates > pair.stats || fail "stats on the pair"
expect_eq "$(json_get pair.stats 'd["duplicates"]')" 1 "stats: the retweet is a duplicate across machines"
expect_eq "$(json_get pair.stats 'd["near_duplicates"]')" 2 "stats: the retweet and the edited copy are near-duplicates across machines"
expect_eq "$("$VIGIE" search --db pair.stub --count --collapse expand)" 1 "search --collapse: one story across machines"
expect_eq "$("$VIGIE" search --db pair.stub --count --collapse harm)" 1 "search --collapse: the edited copy is the same story across machines"
expect_eq "$(json_get pair.stats 'd["unique_stories"]')" 1 "stats: one unique story across machines"
"$VIGIE" trends --db pair.stub --json expand > pair.trends || fail "trends on the pair"
expect_eq "$(json_get pair.trends 'sum(p["unique"] for p in d["series"])')" 1 "trends: one unique story across machines"

# ---- one server goes down ----
kill -TERM -- -"${PIDS[3]}" 2>/dev/null; wait "${PIDS[3]}" 2>/dev/null
down="${HOSTS[3]}:${PORTS[3]}"
for cmd in "search --count cannabis" "stats" "trends cannabis" "report --week 2019-W11 --out rep.down"; do
  # shellcheck disable=SC2086
  expect_status 1 "$cmd with a server down" "$VIGIE" $cmd --db all.stub --remote-timeout 1000
  expect_grep "$down" last.err "$cmd: the message names the shard that does not answer"
  expect_grep "allow-partial" last.err "$cmd: the message says how to go on without it"
  # shellcheck disable=SC2086
  expect_status 0 "$cmd --allow-partial with a server down" "$VIGIE" $cmd --db all.stub --remote-timeout 1000 --allow-partial
  expect_grep "warning: .*$down" last.err "$cmd --allow-partial warns, naming the missing shard"
done
"$VIGIE" search --db all.stub --count --allow-partial --remote-timeout 1000 cannabis > partial.count 2> /dev/null
a=$("$VIGIE" search --db local --count cannabis); b=$("$VIGIE" search --db p3 --count cannabis)
expect_eq "$(cat partial.count)" "$((a - b))" "partial count = all but the missing partition's"
"$VIGIE" stats --db all.stub --json --allow-partial --remote-timeout 1000 > stats.partial 2> /dev/null
p3=$("$VIGIE" search --db p3 --count)
expect_eq "$(json_get stats.partial 'd["documents"]')" "$((4000 - p3))" "stats --allow-partial: the other shards' documents"
expect_eq "$(json_get stats.partial 'd["missing"]')" "['$down']" "stats --allow-partial: the missing shard in the JSON"

finish
