# Start-up does only what the command needs: no command but `vigie serve`
# loads the HTTP server's libraries (cpp-httplib, OpenSSL), a search whose
# query has no topic: field does not read the taxonomy, and `vigie serve`
# without its module says so. The index's documents read back the same
# whatever zlib set-up wrote them (checked by every search test).
source "$(dirname "$0")/lib/common.bash"

LD_DEBUG=libs "$VIGIE" --version > version.out 2> loader.log
expect_grep "libxapian" loader.log "the loader's log lists the libraries --version loads"
if grep -qE "libssl|libcrypto|libcpp-httplib|libbrotli" loader.log; then
  fail "--version loads the HTTP server's libraries"; grep -E "find library=(libssl|libcpp)" loader.log | head -3 >&2
else pass "--version loads no HTTP, TLS or Brotli library"; fi

"$VIGIE" index --db idx --threads 1 -q "$SRC"/corpora/sample/twitter-v1.jsonl 2> /dev/null
mkdir -p no-data
expect_status 0 "a search without topic: runs without the taxonomy" \
  env VIGIE_DATA_DIR="$SCRATCH/no-data" "$VIGIE" search --db idx --count cannabis
expect_status 0 "the same search with the data" "$VIGIE" search --db idx --count cannabis
expect_status 2 "a topic: search still needs the taxonomy" \
  env VIGIE_DATA_DIR="$SCRATCH/no-data" "$VIGIE" search --db idx --count 'cannabis topic:harm_reduction'
expect_grep "drug-policy.json|taxonomy" "$SCRATCH/last.err" "the error names the taxonomy"
expect_status 2 "an unknown topic is still refused" "$VIGIE" search --db idx --count 'topic:no_such_topic'

# A vigie without its server module refuses `serve` with one clear message.
mkdir -p alone && cp "$VIGIE" alone/vigie
expect_status 1 "serve without vigie-serve.so" timeout 20 alone/vigie serve --db idx --listen 127.0.0.1:0
expect_grep "web server module vigie-serve.so" "$SCRATCH/last.err" "the message names the module"
finish
