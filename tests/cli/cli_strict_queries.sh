# Queries fail loudly: an unknown field, a value outside a closed field's set
# and a reversed range are usage errors (exit 2) that point at the token and
# say what would be valid; URLs, times and quoted text stay words.
# flag:duplicate and flag:retweet match exactly what `vigie stats` counts.
source "$(dirname "$0")/lib/common.bash"

"$VIGIE" index --db idx --shards 3 --threads 2 -q "$SRC"/corpora/sample/* 2> index.err
rc=$?
[ "$rc" = 0 ] || [ "$rc" = 3 ] || { fail "indexing the sample corpus: exit $rc"; cat index.err >&2; finish; }

# Unknown fields.
expect_status 2 "unknown field" "$VIGIE" search --db idx 'lnag:es cannabis'
expect_grep "unknown field 'lnag' \(did you mean lang\?\)" last.err "names the field and suggests lang"
expect_eq "$(sed -n 3p last.err)" "  ^" "the caret points at the field"
expect_status 2 "unknown field after a word" "$VIGIE" search --db idx 'cannabis titel:heroin'
expect_grep "did you mean title\?" last.err "suggests title"
expect_eq "$(sed -n 3p last.err)" "           ^" "the caret is under titel"
expect_status 2 "unknown field in trends" "$VIGIE" trends --db idx 'lnag:es'
expect_grep "unknown field 'lnag'" last.err "trends: the same message"
# Words with a colon stay words.
for q in 'http://unodc.org/drugs' 'meeting 10:30' '"lnag:es"' 'https://example.org/a:b'; do
  expect_status 0 "'$q' is words" "$VIGIE" search --db idx --count "$q"
done

# Closed values.
check_closed() {  # QUERY VALID-VALUE-PATTERN
  expect_status 2 "$1 is an error" "$VIGIE" search --db idx --count "$1"
  expect_grep "$2" last.err "$1: lists the valid values"
}
check_closed 'topic:cannabis' "unknown topic 'cannabis' \(did you mean cannabis_regulation\?\).*harm_reduction"
check_closed 'stance:pro' "unknown stance 'pro'.*reform, prohibition, none"
check_closed 'label:happy' "unknown label 'happy'.*positive, neutral, negative"
check_closed 'sentiment:happy' "unknown sentiment 'happy'.*positive, neutral, negative"
check_closed 'kind:blog' "unknown kind 'blog'.*tweet, reddit, news"
check_closed 'flag:dupe' "unknown flag 'dupe'.*undated, retweet, duplicate"
check_closed 'cannabis topic:"harm reduction"' "unknown topic 'harm reduction'"
for q in topic:cannabis_regulation topic:Harm_Reduction stance:reform label:negative sentiment:positive kind:news \
         flag:undated; do
  expect_status 0 "$q is valid" "$VIGIE" search --db idx --count "$q"
  [ "$(cat last.out)" -gt 0 ] && pass "$q matches" || fail "$q matches nothing"
done

# Reversed ranges.
expect_status 2 "reversed date range" "$VIGIE" search --db idx --count 'date:2019-03-17..2019-03-11'
expect_grep "reversed range" last.err "says the range is reversed"
expect_status 2 "reversed week range" "$VIGIE" search --db idx --count 'date:2019-W12..2019-W11'
expect_status 2 "reversed sentiment range" "$VIGIE" search --db idx --count 'sentiment:0.5..-0.5'
expect_grep "reversed range sentiment:0.5..-0.5" last.err "names the range"
expect_status 2 "reversed --from/--to" "$VIGIE" search --db idx --count --from 2019-03-17 --to 2019-03-11
expect_status 0 "a one-day range" "$VIGIE" search --db idx --count 'date:2019-03-11..2019-03-11'

# flag:duplicate and flag:retweet = the stats counts, also after indexing
# the same records again and after adding to an index.
check_flags() {  # DB WHAT
  "$VIGIE" stats --db "$1" --json > stats.json
  expect_eq "$("$VIGIE" search --db "$1" --count flag:duplicate)" "$(json_get stats.json 'd["duplicates"]')" \
    "$2: flag:duplicate = stats duplicates"
  expect_eq "$("$VIGIE" search --db "$1" --count flag:retweet)" "$(json_get stats.json 'd["retweets"]')" \
    "$2: flag:retweet = stats retweets"
}
check_flags idx "3 shards"
[ "$(json_get stats.json 'd["duplicates"]')" -gt 0 ] && pass "the sample has duplicates" || fail "no duplicates"
"$VIGIE" index --db idx --threads 2 -q "$SRC"/corpora/sample/* 2> /dev/null
check_flags idx "indexed twice"
files=("$SRC"/corpora/sample/*)
half=$(( ${#files[@]} / 2 ))
"$VIGIE" index --db idx2 --shards 2 --threads 2 -q "${files[@]:$half}" 2> /dev/null
"$VIGIE" index --db idx2 --threads 2 -q "${files[@]:0:$half}" 2> /dev/null
check_flags idx2 "added in two runs"
finish
