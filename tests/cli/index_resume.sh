# Kill -9 `vigie index` at random moments, run the same command
# again, and end with exactly the documents (and rejects) of a clean run; the
# database passes xapian-check.
source "$(dirname "$0")/lib/common.bash"
[ -x "$SHARED/bench/make-corpus" ] || { echo "no ../shared/bench/make-corpus: skipped"; exit 77; }
python3 "$SHARED/bench/make-corpus" --docs 12000 --bad 0.01 --out corpus 2>/dev/null || fail "make-corpus"
files=(corpus/twitter-v1.jsonl corpus/twitter-v2.json corpus/reddit.jsonl corpus/news.json corpus/mediacloud.jsonl)

# Small commits so that kills land between, during and after commits.
args=(index --quiet --commit-every 400 --threads 2)
index() { "$VIGIE" "${args[@]}" --db "$1" "${files[@]}"; }

index clean > /dev/null 2>&1; [ $? = 3 ] || fail "clean run"
"$VIGIE" stats --db clean --json > clean.json
want=$(json_get clean.json 'd["documents"]')
sort clean/rejects.log > clean.rejects

RANDOM=7  # deterministic kill times
for round in 1 2 3 4 5 6; do
  rm -rf killed
  kills=0
  for attempt in 1 2 3 4 5 6 7 8; do
    # Started directly (not through a shell function) so $! is vigie itself.
    "$VIGIE" "${args[@]}" --db killed "${files[@]}" > /dev/null 2>&1 &
    pid=$!
    sleep "0.$((RANDOM % 9 + 1))$((RANDOM % 10))"
    if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
    wait "$pid" 2>/dev/null
  done
  index killed > killed.out 2>&1; rc=$?
  [ "$rc" = 3 ] || { fail "round $round: final run exit $rc"; cat killed.out >&2; }
  "$VIGIE" stats --db killed --json > killed.json
  expect_eq "$(json_get killed.json 'd["documents"]')" "$want" "round $round ($kills kills): documents"
  expect_eq "$(json_get killed.json 'd["by_lang"]')" "$(json_get clean.json 'd["by_lang"]')" "round $round: by_lang"
  sort killed/rejects.log > killed.rejects
  cmp -s clean.rejects killed.rejects && pass "round $round: same rejects, none repeated" \
    || { fail "round $round: rejects differ"; diff clean.rejects killed.rejects | head -5 >&2; }
  if command -v xapian-check >/dev/null; then
    for s in killed/shard-*; do
      xapian-check "$s" > check.out 2>&1 || { fail "xapian-check $s"; tail -3 check.out >&2; }
    done
  fi
done
finish
