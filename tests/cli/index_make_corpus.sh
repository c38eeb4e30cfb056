# vigie index on a make-corpus corpus with 2% corrupted lines: exact counts,
# every rejected record in the rejects log, checked against the independent
# Python oracle tests/tools/count_records.py; same documents whatever the
# thread and shard counts.
source "$(dirname "$0")/lib/common.bash"
[ -x "$SHARED/bench/make-corpus" ] || { echo "no ../shared/bench/make-corpus: skipped"; exit 77; }

python3 "$SHARED/bench/make-corpus" --docs 6000 --bad 0.02 --out corpus 2>/dev/null || fail "make-corpus"
files=(corpus/twitter-v1.jsonl corpus/twitter-v2.json corpus/reddit.jsonl corpus/news.json corpus/mediacloud.jsonl)
python3 "$SRC/tests/tools/count_records.py" --json "${files[@]}" > oracle.json || fail "oracle"
want_records=$(json_get oracle.json 'sum(f["records"] for f in d["files"].values())')
want_rejects=$(json_get oracle.json 'sum(f["rejects"] for f in d["files"].values())')
echo "oracle: $want_records records, $want_rejects rejects"

expect_status 3 "index a corpus with bad lines" "$VIGIE" index --db idx --threads 2 "${files[@]}"
"$VIGIE" stats --db idx --json > stats.json || fail "stats"
expect_eq "$(json_get stats.json 'd["documents"]')" "$want_records" "documents"
expect_eq "$(wc -l < idx/rejects.log | tr -d ' ')" "$want_rejects" "rejects log lines"

# The same reject origins (file:line[#k]) as the oracle.
cut -f1 idx/rejects.log | sed 's|^corpus/||' | sort > got.origins
# The oracle lists origins per file as "line[#k]".
json_get oracle.json '"\n".join(p.split("/")[-1] + ":" + o for p, f in d["files"].items() for o in f["reject_origins"])' \
  | sort > want.origins
if diff -q want.origins got.origins >/dev/null; then pass "reject origins match the oracle"; else
  fail "reject origins differ"; diff want.origins got.origins | head -10 >&2; fi

# Every manifest bad line of a kind that must be rejected is in the log.
python3 - "$PWD/corpus/MANIFEST.json" got.origins <<'PY' || fail "manifest bad lines missing from the rejects log"
import json, sys
m = json.load(open(sys.argv[1]))
got = set(l.strip() for l in open(sys.argv[2]))
lines = {o.split("#")[0] for o in got}
missing = [b for b in m["bad_lines"] if b["how"] in ("truncated", "not-json", "bad-utf8")
           and f'{b["file"]}:{b["line"]}' not in lines]
print(f"{len(m['bad_lines'])} corrupted lines in the manifest; missing from the log: {missing[:5]}")
sys.exit(1 if missing else 0)
PY

# One thread and one shard gives the same documents as two threads and three shards.
expect_status 3 "index with 1 thread, 1 shard" "$VIGIE" index --db idx1 --threads 1 --shards 1 "${files[@]}"
expect_status 3 "index with 2 threads, 3 shards" "$VIGIE" index --db idx3 --threads 2 --shards 3 "${files[@]}"
"$VIGIE" stats --db idx1 --json > s1.json; "$VIGIE" stats --db idx3 --json > s3.json
for key in documents by_lang by_kind undated first last duplicates; do
  expect_eq "$(json_get s3.json "d['$key']")" "$(json_get s1.json "d['$key']")" "$key with 3 shards vs 1"
done
expect_eq "$(ls -d idx3/shard-* | wc -l | tr -d ' ')" 3 "shard directories"
cmp -s idx1/rejects.log idx3/rejects.log && pass "rejects log identical across thread counts" \
  || fail "rejects log differs across thread counts"
finish
