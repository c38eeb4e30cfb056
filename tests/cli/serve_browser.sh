# The web interface of vigie serve in headless Chromium (Debian's chromium,
# driven by puppeteer-core from package-lock.json; scripts/setup installs
# both): a query, a facet toggled, the histogram, two topics compared, a
# document's explanation, a hostile document shown as text with no dialog,
# the back button, Arabic right to left. Screenshots are kept in the scratch
# directory under build/ and listed at the end. Loopback only.
source "$(dirname "$0")/lib/common.bash"
CHROMIUM=${CHROMIUM:-$(command -v chromium || true)}
[ -n "$CHROMIUM" ] || { echo "FAIL: no chromium: run scripts/setup" >&2; exit 1; }
[ -d "$SRC/node_modules/puppeteer-core" ] || { echo "FAIL: no node_modules/puppeteer-core: run scripts/setup" >&2; exit 1; }

"$VIGIE" index --db idx "$SRC"/corpora/sample/* "$SRC"/tests/browser/hostile.jsonl > /dev/null 2>&1
rc=$?
[ "$rc" = 0 ] || [ "$rc" = 3 ] || { echo "cannot index the sample (exit $rc)" >&2; exit 1; }

"$VIGIE" serve --db idx --listen 127.0.0.1:0 --threads 2 2> serve.log &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
url=
for _ in $(seq 1 200); do  # at most 20 s
  url=$(sed -n 's/^listening on \(http:\/\/127\.0\.0\.1:[0-9]*\)\/$/\1/p' serve.log)
  [ -n "$url" ] && break
  kill -0 $server 2>/dev/null || break
  sleep 0.1
done
[ -n "$url" ] || { cat serve.log >&2; echo "FAIL: the server did not start" >&2; exit 1; }

mkdir -p screenshots
NODE_PATH="$SRC/node_modules" timeout 240 node "$SRC/tests/browser/ui_test.js" "$url" "$SCRATCH/screenshots" "$CHROMIUM" \
  || fail "browser tests"
finish
