# Installable like a Unix tool: `cmake --install BUILD --prefix P` puts
# P/bin/vigie, its data in P/share/vigie (found by the installed binary by
# itself, from any directory), man pages generated from --help, and bash
# completion for commands, options, field names and topic ids.
source "$(dirname "$0")/lib/common.bash"

BUILD=$(cd "$(dirname "$VIGIE")/.." && pwd)
command -v help2man > /dev/null || { echo "help2man missing (scripts/setup installs it)"; exit 77; }
P=$SCRATCH/prefix
cmake --install "$BUILD" --prefix "$P" > install.log 2>&1 || { fail "cmake --install"; cat install.log >&2; finish; }
pass "cmake --install --prefix"
[ -x "$P/bin/vigie" ] && pass "P/bin/vigie" || fail "no P/bin/vigie"
for d in taxonomy/drug-policy.json queries/saved.json stance sentiment; do
  [ -e "$P/share/vigie/$d" ] && pass "P/share/vigie/$d" || fail "no P/share/vigie/$d"
done

# The installed binary, run elsewhere, finds its own data.
mkdir -p elsewhere && cd elsewhere
unset VIGIE_DATA_DIR VIGIE_QUERIES
expect_status 0 "installed vigie --version" "$P/bin/vigie" --version
expect_eq "$(sed -n 's/^data: //p' "$SCRATCH/last.out")" "$P/share/vigie" "it reads P/share/vigie"
expect_status 0 "installed topics" "$P/bin/vigie" topics --json
expect_eq "$(json_get "$SCRATCH/last.out" 'any(t["id"] == "harm_reduction" for t in d)')" True "the taxonomy is found"
expect_status 0 "installed score" "$P/bin/vigie" score --lang en --text 'This is wonderful'
expect_eq "$(cut -f2 "$SCRATCH/last.out")" positive "the lexicons are found"
expect_status 0 "installed saved" "$P/bin/vigie" saved
expect_grep "^harm-reduction" "$SCRATCH/last.out" "the saved queries are found"
"$P/bin/vigie" index --db idx --threads 2 -q "$SRC"/corpora/sample/twitter-v1.jsonl 2> /dev/null
expect_status 0 "installed search with a topic" "$P/bin/vigie" search --db idx --count topic:harm_reduction
cd "$SCRATCH"

# Man pages.
M=$P/share/man/man1
for c in "" -index -stats -search -score -eval -train -topics -saved -trends -report; do
  [ -s "$M/vigie$c.1" ] && pass "man page vigie$c" || fail "no man page vigie$c.1"
done
# Every command of `vigie --help` has its page.
for c in $("$P/bin/vigie" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p'); do
  [ -s "$M/vigie-$c.1" ] || fail "command $c has no man page"
done
MANWIDTH=100 man -l "$M/vigie-search.1" > search.man 2> /dev/null || fail "man -l vigie-search.1"
expect_grep "--saved" search.man "vigie-search(1) documents --saved"
MANWIDTH=100 man -l "$M/vigie.1" > vigie.man 2> /dev/null
expect_grep "trends" vigie.man "vigie(1) lists the commands"

# Bash completion, run against the installed binary.
C=$P/share/bash-completion/completions/vigie
[ -s "$C" ] && pass "bash completion installed" || { fail "no bash completion"; finish; }
complete_words() {  # the words after "vigie", the last one being completed
  bash -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
    _vigie; printf "%s\n" "${COMPREPLY[@]}"' _ "$C" "$P/bin/vigie" "$@" | sort | tr '\n' ' '
}
expect_eq "$(complete_words sea)" "search " "commands: sea -> search"
expect_eq "$(complete_words st)" "stats stub " "commands: st -> stats, stub"
expect_eq "$(complete_words help tr)" "train trends " "help COMMAND"
expect_grep "--saved" <(complete_words search --sa) "options: search --sa -> --saved"
expect_eq "$(complete_words train --ta)" "--task " "options of train"
expect_eq "$(complete_words train --task st)" "stance " "values of --task"
expect_eq "$(complete_words search lan)" "lang: " "field names"
expect_eq "$(complete_words search -kin)" "-kind: " "field names after -"
expect_eq "$(complete_words trends --topic harm)" "harm_reduction " "topic ids for --topic"
# bash splits "topic:canna" at ':' and replaces only "canna".
expect_eq "$(complete_words search topic:canna)" "cannabis_regulation " "topic ids after topic:"
expect_eq "$(complete_words search -topic:harm)" "harm_reduction " "and after -topic:"
finish
