# vigie serve while vigie index writes to the served index: no request
# fails, the document count only grows, and the last commit is visible
# without a restart (tests/server/serve_indexing.py).
source "$(dirname "$0")/lib/common.bash"
[ -x "$SHARED/bench/make-corpus" ] || { echo "no ../shared/bench/make-corpus: skipped"; exit 77; }
python3 "$SHARED/bench/make-corpus" --docs 20000 --out corpus 2>/dev/null || fail "make-corpus"
"$VIGIE" index --quiet --db idx corpus/reddit.jsonl > /dev/null 2>&1  # a first commit to serve
python3 "$SRC/tests/server/serve_indexing.py" "$VIGIE" "$SCRATCH/idx" "$SCRATCH" corpus/*.json* || fail "serving while indexing"
finish
