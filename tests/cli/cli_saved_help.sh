# One command line: `vigie help COMMAND` is `vigie COMMAND --help`; `vigie
# saved` lists the saved queries; --saved NAME with --queries FILE means the
# same in search, trends and report; defaults in --help read as written.
source "$(dirname "$0")/lib/common.bash"
# Reports compared byte for byte carry the same generation time.
export SOURCE_DATE_EPOCH=1552867200

cat > saved.json <<'JSON'
{
  "naloxone": {"query": "naloxone", "description": "Naloxone everywhere"},
  "cannabis-fr": {"query": "cannabis", "lang": "fr", "description": "Cannabis in French"}
}
JSON

# vigie help COMMAND
for c in search trends report saved topics train score index stats eval; do
  "$VIGIE" "$c" --help > direct.txt 2>&1
  expect_status 0 "vigie help $c" "$VIGIE" help "$c"
  if cmp -s direct.txt last.out; then pass "help $c = $c --help"; else fail "vigie help $c differs from $c --help"; fi
done
expect_status 2 "help of an unknown command" "$VIGIE" help nosuch
expect_grep "unknown command 'nosuch'" last.err "names the unknown command"
expect_status 0 "vigie help" "$VIGIE" help
expect_grep "^  saved " last.out "the overview lists saved"

# vigie saved
expect_status 0 "saved --queries" "$VIGIE" saved --queries saved.json
expect_grep "^naloxone" last.out "lists the names"
expect_grep "query: naloxone" last.out "and the queries"
expect_grep "description: Cannabis in French" last.out "and the descriptions"
expect_status 0 "saved --json" "$VIGIE" saved --queries saved.json --json
cp last.out saved.out
expect_eq "$(json_get saved.out '[(q["name"], q["query"], q["description"], q["lang"]) for q in d]')" \
  "[('naloxone', 'naloxone', 'Naloxone everywhere', ''), ('cannabis-fr', 'cannabis', 'Cannabis in French', 'fr')]" \
  "saved --json: name, query, description, lang"
expect_status 0 "saved with the installed default file" "$VIGIE" saved --json
expect_eq "$(json_get last.out 'any(q["name"] == "harm-reduction" for q in d)')" True "default file lists harm-reduction"
VIGIE_QUERIES=saved.json expect_status 0 "VIGIE_QUERIES" "$VIGIE" saved
expect_grep "^cannabis-fr" last.out "VIGIE_QUERIES is the default file"
expect_status 1 "missing file" "$VIGIE" saved --queries nowhere.json
expect_grep "nowhere.json" last.err "names the file"

# --saved NAME --queries FILE in search, trends and report.
"$VIGIE" index --db idx --threads 2 -q "$SRC"/corpora/sample/* 2> index.err
rc=$?
[ "$rc" = 0 ] || [ "$rc" = 3 ] || { fail "indexing the sample corpus: exit $rc"; cat index.err >&2; finish; }
want=$("$VIGIE" search --db idx --count naloxone)
expect_eq "$("$VIGIE" search --db idx --count --queries saved.json --saved naloxone)" "$want" "search --saved NAME"
expect_status 0 "trends --saved NAME" "$VIGIE" trends --db idx --queries saved.json --saved naloxone --json
expect_eq "$(json_get last.out 'd["matches"]')" "$want" "trends --saved NAME matches"
for c in search trends report; do
  "$VIGIE" "$c" --help > h.txt
  expect_grep "--saved arg +run the saved query NAME of --queries" h.txt "$c --help: --saved NAME"
  expect_grep "--queries arg +saved queries file" h.txt "$c --help: --queries FILE"
done
expect_status 0 "report --saved NAME --queries FILE" "$VIGIE" report --db idx --week 2019-W11 --out r1 \
  --topics /dev/null --queries saved.json --saved naloxone
expect_eq "$(json_get r1/report.json '[t["id"] for t in d["topics"]]')" \
  "['naloxone']" "report: one section for the named query"
expect_status 2 "report --saved with an unknown name" "$VIGIE" report --db idx --week 2019-W11 --out r2 \
  --queries saved.json --saved nope
expect_grep "no saved query 'nope'.*naloxone" last.err "lists the known names"
expect_status 0 "report --saved FILE (older form)" "$VIGIE" report --db idx --week 2019-W11 --out r3 \
  --topics /dev/null --saved saved.json
expect_grep "as --queries saved.json --all-saved" last.err "says how it read the older form"
expect_status 0 "report --all-saved" "$VIGIE" report --db idx --week 2019-W11 --out r4 \
  --topics /dev/null --queries saved.json --all-saved
if cmp -s r3/report.json r4/report.json; then pass "older form = --all-saved"; else fail "--saved FILE differs from --all-saved"; fi

# Defaults read as written, in every command.
for c in index search trends report score topics train "train --task stance" "train --task relevance" eval stats saved; do
  "$VIGIE" $c --help > h.txt 2>&1
  if grep -nE '\(=-?[0-9]*\.[0-9]*[0-9]{8,}' h.txt; then fail "$c --help prints a default with binary noise"; else
    pass "$c --help: defaults as written"; fi
done
"$VIGIE" train --task relevance --help > h.txt
expect_grep "--max-false-alarm arg \(=0\.005\)" h.txt "the relevance model's false-alarm default shows as 0.005"
finish
