# --lang L means the same in every command: only documents in L, and the
# query parsed in L. Search, trends, report and the HTTP API's lang= answer
# the same documents; --stem-lang parses in L without restricting.
source "$(dirname "$0")/lib/common.bash"

"$VIGIE" index --db idx --threads 2 -q "$SRC"/corpora/sample/* 2> index.err
rc=$?
[ "$rc" = 0 ] || [ "$rc" = 3 ] || { fail "indexing the sample corpus: exit $rc"; cat index.err >&2; finish; }

es=$("$VIGIE" search --db idx --count 'lang:es')
[ "$es" -gt 0 ] && [ "$es" -lt "$("$VIGIE" search --db idx --count '')" ] && pass "the sample has $es Spanish documents" \
  || fail "lang:es matches $es documents"

# Search: --lang restricts the documents.
expect_status 0 "search --lang es (every document)" "$VIGIE" search --db idx --count --lang es ''
expect_eq "$(cat last.out)" "$es" "search --lang es '' = lang:es"
for q in fentanyl cannabis '#420' 'heroin OR naloxone'; do
  want=$("$VIGIE" search --db idx --count "($q) lang:es")
  expect_status 0 "search --lang es '$q'" "$VIGIE" search --db idx --count --lang es "$q"
  expect_eq "$(cat last.out)" "$want" "search --lang es '$q' = '($q) lang:es'"
done
expect_status 0 "search --lang es --jsonl" "$VIGIE" search --db idx --jsonl --limit 100 --lang es cannabis
expect_eq "$(python3 -c 'import json,sys; print(sorted({json.loads(l)["lang"] for l in open("last.out")}))')" \
  "['es']" "every result is Spanish"
expect_status 0 "search --lang ES-mx (a tag)" "$VIGIE" search --db idx --count --lang ES-mx ''
expect_eq "$(cat last.out)" "$es" "a language tag is normalised"
# --stem-lang: the query parsed in Spanish, documents of every language.
expect_status 0 "search --stem-lang es" "$VIGIE" search --db idx --count --stem-lang es fentanyl
stem=$(cat last.out)
only=$("$VIGIE" search --db idx --count --lang es fentanyl)
[ "$stem" -gt "$only" ] && pass "--stem-lang does not restrict ($stem > $only)" \
  || fail "--stem-lang es fentanyl: $stem, --lang es: $only"
expect_status 0 "search --help" "$VIGIE" search --help
expect_grep '--stem-lang' last.out "--help names --stem-lang"

# Trends: the same documents.
expect_status 0 "trends --lang es --json" "$VIGIE" trends --db idx --lang es --json ''
expect_eq "$(json_get last.out 'd["matches"]')" "$es" "trends --lang es matches"
want=$("$VIGIE" search --db idx --count --lang es fentanyl)
expect_status 0 "trends --lang es fentanyl" "$VIGIE" trends --db idx --lang es --json fentanyl
expect_eq "$(json_get last.out 'd["matches"]')" "$want" "trends --lang es fentanyl = search"

# Report: only Spanish documents in every part of the briefing.
expect_status 0 "report --lang es" "$VIGIE" report --db idx --week 2019-W11 --out rep-es --lang es
week_es=$("$VIGIE" search --db idx --count --lang es --week 2019-W11 '')
expect_eq "$(json_get rep-es/report.json 'd["headline"]["volume"]["count"]')" "$week_es" "report volume = Spanish week"
expect_eq "$(json_get rep-es/report.json 'sorted(d["languages"])')" "['es']" "the language breakdown is Spanish only"
expect_eq "$(json_get rep-es/report.json 'd["scope"]')" "lang:es" "the scope says so"
expect_status 0 "report without --lang" "$VIGIE" report --db idx --week 2019-W11 --out rep-all
all_week=$(json_get rep-all/report.json 'd["headline"]["volume"]["count"]')
[ "$all_week" -gt "$week_es" ] && pass "the whole briefing has more ($all_week)" || fail "whole week $all_week"

# An unknown language is a usage error everywhere.
for cmd in "search --count" "trends" "report --week 2019-W11 --out rep-x"; do
  expect_status 2 "$cmd --lang xx" "$VIGIE" $cmd --db idx --lang xx
  expect_grep "unknown language 'xx'" last.err "$cmd: names the language"
done

# The HTTP API: lang= restricts as --lang does.
python3 - "$VIGIE" "$SCRATCH/idx" "$SRC" "$SCRATCH" "$es" <<'EOF' || fail "serve lang="
import json, sys, os
sys.path.insert(0, os.path.join(sys.argv[3], "tests", "server"))
from serve_client import Server
vigie, idx, src, scratch, es = sys.argv[1:6]
srv = Server(vigie, ["--db", idx, "--listen", "127.0.0.1:0", "--threads", "1"], os.path.join(scratch, "serve.log"))
try:
    st, h, body = srv.request("/api/search", {"q": "", "lang": "es", "limit": "0"})
    got = json.loads(body)["count"]
    assert st == 200 and got == int(es), "search lang=es: status %d, count %s, want %s" % (st, got, es)
    st, h, body = srv.request("/api/trends", {"q": "", "lang": "es"})
    got = json.loads(body)["matches"]
    assert st == 200 and got == int(es), "trends lang=es: status %d, matches %s, want %s" % (st, got, es)
    print("ok: serve lang=es restricts search and trends")
finally:
    srv.stop()
EOF
finish
