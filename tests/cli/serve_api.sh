# vigie serve: the API answers with the CLI's --json bytes for the same
# parameters on the sample index; limits, error statuses, tokens, security
# headers, the request log (tests/server/api_contract.py). Loopback only.
source "$(dirname "$0")/lib/common.bash"

"$VIGIE" index --db idx "$SRC"/corpora/sample/* > /dev/null 2>&1
rc=$?
[ "$rc" = 0 ] || [ "$rc" = 3 ] || { echo "cannot index the sample (exit $rc)" >&2; exit 1; }

expect_status 0 "serve --help" "$VIGIE" serve --help
for o in --db --listen --token-file --queries --threads --queue --request-timeout --max-query-bytes \
         --max-limit --max-window --max-body-bytes --log-queries; do
  expect_grep "$o" last.out "--help explains $o"
done
# Refusals happen before anything listens.
expect_status 2 "public address without a token" "$VIGIE" serve --db idx --listen 0.0.0.0:0
expect_grep "token" last.err "the refusal says a token is needed"
expect_status 2 "public IPv6 address without a token" "$VIGIE" serve --db idx --listen '[::]:0'
printf 'short\n' > short.token
expect_status 2 "a token shorter than 16 characters" "$VIGIE" serve --db idx --listen 127.0.0.1:0 --token-file short.token
expect_status 2 "unreadable token file" "$VIGIE" serve --db idx --listen 127.0.0.1:0 --token-file nowhere
expect_status 2 "bad --listen" "$VIGIE" serve --db idx --listen 127.0.0.1:http
expect_status 2 "port out of range" "$VIGIE" serve --db idx --listen 127.0.0.1:70000
expect_status 1 "missing index" "$VIGIE" serve --db nowhere --listen 127.0.0.1:0

python3 "$SRC/tests/server/api_contract.py" "$VIGIE" "$SCRATCH/idx" "$SRC" "$SCRATCH" || fail "API contract"
finish
