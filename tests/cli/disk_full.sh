# The disk fills up during indexing (a 6 MB tmpfs): a clear error,
# exit 1, and the index stays at its last commit (it opens, xapian-check
# passes); after making room, the same command resumes and completes.
source "$(dirname "$0")/lib/common.bash"
[ -x "$SHARED/bench/make-corpus" ] || { echo "no ../shared/bench/make-corpus: skipped"; exit 77; }
mkdir -p small
if ! mount -t tmpfs -o size=6m tmpfs small 2>/dev/null; then
  echo "cannot mount a tmpfs here (not root, or no permission): skipped"; exit 77
fi
trap 'umount "$SCRATCH/small" 2>/dev/null' EXIT
python3 "$SHARED/bench/make-corpus" --docs 20000 --out corpus 2>/dev/null || fail "make-corpus"
files=(corpus/twitter-v1.jsonl corpus/twitter-v2.json corpus/reddit.jsonl corpus/news.json corpus/mediacloud.jsonl)

"$VIGIE" index --quiet --commit-every 500 --threads 2 --db small/idx "${files[@]}" > full.out 2> full.err
rc=$?
expect_eq "$rc" 1 "exit status when the disk is full"
expect_grep "(No space|space left|ENOSPC|disk)" full.err "the message says the disk is full"
expect_grep "last commit" full.err "the message says the index is at its last commit"
"$VIGIE" stats --db small/idx --json > s.json 2> s.err || { fail "stats after disk full"; cat s.err >&2; }
n=$(json_get s.json 'd["documents"]' 2>/dev/null || echo -1)
[ "$n" -ge 0 ] && pass "the index opens after the failure ($n documents committed)"
if command -v xapian-check >/dev/null; then
  for s in small/idx/shard-*; do
    xapian-check "$s" > check.out 2>&1 && pass "xapian-check $(basename "$s")" || { fail "xapian-check $s"; tail -3 check.out >&2; }
  done
fi

# Make room: move the index to a roomy disk and run the same command again.
cp -a small/idx roomy-idx
umount small 2>/dev/null || true
trap - EXIT
"$VIGIE" index --quiet --commit-every 500 --threads 2 --db roomy-idx "${files[@]}" > resume.out 2>&1
expect_eq "$?" 0 "the same command completes once there is room"
# (It resumes from the checkpoint when every shard committed one before the
# disk filled up; otherwise it reads everything again - both are correct.)
"$VIGIE" stats --db roomy-idx --json > roomy.json
expect_eq "$(json_get roomy.json 'd["documents"]')" 20000 "every document is in the index after resuming"
finish
