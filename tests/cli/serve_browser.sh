# The web interface of vigie serve in headless Chromium (Debian's chromium,
# driven by puppeteer-core from package-lock.json; scripts/setup installs
# both): a query, a facet toggled, the histogram, two topics compared, a
# document's explanation, a hostile document shown as text with no dialog,
# the back button, Arabic right to left; behind an access token, the
# sign-in, every request carrying the token, the briefing shown, printed and
# downloaded, and the CSV export. Screenshots are kept in the scratch
# directory under build/ and listed at the end. Loopback only.
source "$(dirname "$0")/lib/common.bash"
CHROMIUM=${CHROMIUM:-$(command -v chromium || true)}
[ -n "$CHROMIUM" ] || { echo "FAIL: no chromium: run scripts/setup" >&2; exit 1; }
[ -d "$SRC/node_modules/puppeteer-core" ] || { echo "FAIL: no node_modules/puppeteer-core: run scripts/setup" >&2; exit 1; }

"$VIGIE" index --db idx "$SRC"/corpora/sample/* "$SRC"/tests/browser/hostile.jsonl > /dev/null 2>&1
rc=$?
[ "$rc" = 0 ] || [ "$rc" = 3 ] || { echo "cannot index the sample (exit $rc)" >&2; exit 1; }

# start_server LOG ARGS...: runs vigie serve on a free loopback port; sets
# $url to its address and adds its pid to $servers.
servers=
trap 'for p in $servers; do kill $p 2>/dev/null; wait $p 2>/dev/null; done' EXIT
start_server() {
  local log=$1; shift
  SOURCE_DATE_EPOCH=1552867200 "$VIGIE" serve --db idx --listen 127.0.0.1:0 --threads 2 "$@" 2> "$log" &
  local pid=$!
  servers="$servers $pid"
  url=
  for _ in $(seq 1 200); do  # at most 20 s
    url=$(sed -n 's/^listening on \(http:\/\/127\.0\.0\.1:[0-9]*\)\/$/\1/p' "$log")
    [ -n "$url" ] && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$url" ] || { cat "$log" >&2; echo "FAIL: the server did not start" >&2; exit 1; }
}
start_server serve.log
open_url=$url
# The same index behind an access token: the page asks for it once.
printf 'browser-token-0123456789\n' > token
start_server token.log --token-file token
token_url=$url

mkdir -p screenshots
rm -rf downloads && mkdir downloads
NODE_PATH="$SRC/node_modules" timeout 300 node "$SRC/tests/browser/ui_test.js" "$open_url" "$SCRATCH/screenshots" "$CHROMIUM" \
  "$token_url" browser-token-0123456789 "$SCRATCH/downloads" \
  || fail "browser tests"
finish
