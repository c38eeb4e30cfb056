# Search, stats and trends work while vigie index writes to the same index
# (readers see the last commit; a reader that meets a modified database
# reopens and retries), and counts only grow.
source "$(dirname "$0")/lib/common.bash"
[ -x "$SHARED/bench/make-corpus" ] || { echo "no ../shared/bench/make-corpus: skipped"; exit 77; }
# Sanitizer runs, ten times slower, pass a smaller corpus (scripts/sanitize).
python3 "$SHARED/bench/make-corpus" --docs "${VIGIE_TEST_CORPUS_DOCS:-20000}" --out corpus 2>/dev/null || fail "make-corpus"

"$VIGIE" index --quiet --db idx corpus/reddit.jsonl > /dev/null 2>&1  # a first commit to read
"$VIGIE" index --quiet --commit-every 300 --threads 2 --db idx corpus/*.json* > writer.out 2>&1 &
writer=$!

prev=0; reads=0; errors=0
while kill -0 "$writer" 2>/dev/null; do
  if "$VIGIE" stats --db idx --json > s.json 2> s.err; then
    n=$(json_get s.json 'd["documents"]')
    [ "$n" -ge "$prev" ] || { fail "document count went down: $prev -> $n"; }
    prev=$n
  else
    errors=$((errors + 1)); cat s.err >&2
  fi
  if "$VIGIE" search --db idx --count 'drug OR cannabis OR droga' > c.out 2> c.err; then :; else
    errors=$((errors + 1)); cat c.err >&2
  fi
  if "$VIGIE" trends --db idx --by week --json 'drug OR cannabis OR droga' > t.out 2> t.err; then :; else
    errors=$((errors + 1)); cat t.err >&2
  fi
  reads=$((reads + 1))
done
wait "$writer"; rc=$?
[ "$rc" = 0 ] || [ "$rc" = 3 ] || fail "writer exit $rc"
expect_eq "$errors" 0 "failed reads during indexing ($reads rounds)"
[ "$reads" -gt 1 ] && pass "$reads rounds of reads while writing" || fail "the writer finished before any read"
"$VIGIE" stats --db idx --json > final.json
final=$(json_get final.json 'd["documents"]')
[ "$final" -ge "$prev" ] && pass "final count $final >= last read $prev" || fail "final $final < $prev"
finish
