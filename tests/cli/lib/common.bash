# Shared helpers for CLI tests. Each tests/cli/*.sh is run by ctest as
#   bash script.sh VIGIE_BINARY SOURCE_DIR SCRATCH_DIR
# and passes with exit 0, is skipped with 77, fails otherwise.
set -uo pipefail
VIGIE=$1
SRC=$2
SCRATCH=$3
SHARED=${VIGIE_SHARED_DIR:-$SRC/../shared}
# The CLI tests pin the cue lexicons and the taxonomy's rules; tests that
# want a stance or relevance model set it.
export VIGIE_STANCE_MODEL=none VIGIE_RELEVANCE_MODEL=none
rm -rf "$SCRATCH"
mkdir -p "$SCRATCH"
cd "$SCRATCH"
FAILS=0

fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }
pass() { echo "ok: $*"; }

# expect_status WANT DESCRIPTION CMD... : runs CMD, checks its exit status.
expect_status() {
  local want=$1 what=$2; shift 2
  "$@" >"$SCRATCH/last.out" 2>"$SCRATCH/last.err"
  local got=$?
  if [ "$got" = "$want" ]; then pass "$what (exit $got)"; else
    fail "$what: exit $got, want $want"; sed 's/^/  stderr: /' "$SCRATCH/last.err" | head -20 >&2; fi
}

# expect_eq GOT WANT DESCRIPTION
expect_eq() { if [ "$1" = "$2" ]; then pass "$3 = $2"; else fail "$3: got '$1', want '$2'"; fi; }

# expect_grep PATTERN FILE DESCRIPTION
expect_grep() { if grep -qE -- "$1" "$2"; then pass "$3"; else fail "$3: /$1/ not in $2"; sed 's/^/  /' "$2" | head -10 >&2; fi; }

json_get() {  # json_get FILE PYTHON_EXPR (with d = the parsed JSON)
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

finish() {
  if [ "$FAILS" != 0 ]; then echo "$FAILS check(s) failed" >&2; exit 1; fi
  echo "all checks passed"; exit 0
}
