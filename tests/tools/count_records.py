#!/usr/bin/env python3
"""Independent oracle for the feed readers: counts records and rejects per file.

Implements the rules as written in docs/formats.md, with Python's
json module and nothing from the C++ code, so the reader tests can compare
their counts with numbers computed a second, independent way.

Usage:
  count_records.py FILE...            one line per file: records<TAB>rejects<TAB>path
  count_records.py --json FILE...     {"files": {path: {"records", "rejects", "reject_origins"}}}
  count_records.py --total FILE...    one line: records<TAB>rejects (sums)

Origins are "line" or "line#k". For a whole pretty-printed document the oracle
gives every record the document's first line (Python's json module keeps no
positions), where the C++ reader gives the line each record starts on: compare
counts, not origins, for such files.

Python 3 standard library only. .gz files are read with gzip; .zst needs
the zstd command-line tool on PATH.
"""
import datetime as dt
import gzip
import json
import re
import subprocess
import sys

MAX_RECORD = 16 << 20
MAX_DEPTH = 1024

# ---------------------------------------------------------------- dates

MONTHS = {m: i + 1 for i, m in enumerate(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])}
# The weekday is not checked (core/time.h does not: the date is complete without it).
TWITTER_RE = re.compile(r"^.{3} ([A-Z][a-z]{2}) (\d\d) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d) (\d{4})$")
ISO_RE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d))?(?:[.,]\d+)?"
                    r"(Z|z|[+-]\d\d(?::?\d\d)?)?)?$")


def valid_civil(y, mo, d, h, mi, s):
    if not (1 <= y <= 9999 and 1 <= mo <= 12 and h <= 23 and mi <= 59 and s <= 60):
        return False
    try:
        dt.date(y, mo, d)
    except ValueError:
        return False
    return True


def parse_date_string(s):
    m = TWITTER_RE.match(s)
    if m:
        mon = MONTHS.get(m.group(1))
        d, h, mi, sec, y = int(m.group(2)), int(m.group(3)), int(m.group(4)), int(m.group(5)), int(m.group(9))
        return mon is not None and valid_civil(y, mon, d, h, mi, sec)
    m = ISO_RE.match(s)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        h = int(m.group(4) or 0)
        mi = int(m.group(5) or 0)
        sec = int(m.group(6) or 0)
        off = m.group(7)
        if off and off not in ("Z", "z"):
            oh = int(off[1:3])
            om = int(off[-2:]) if len(off) > 3 else 0
            if oh > 23 or om > 59:
                return False
        return valid_civil(y, mo, d, h, mi, sec)
    return False


def is_epoch_text(s):
    try:
        x = float(s.strip())
    except ValueError:
        return False
    return x == x and abs(x) <= 1e13


def date_ok(value, numbers_are_epoch):
    """None = absent, True = parses, False = unparseable (reject)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return False
    if isinstance(value, str):
        if parse_date_string(value):
            return True
        return bool(numbers_are_epoch and is_epoch_text(value))
    if isinstance(value, (int, float)):
        return bool(numbers_are_epoch and abs(value) <= 1e13)
    return False

# ---------------------------------------------------------------- records

TEXT_KEYS = ("full_text", "text", "body", "selftext", "title", "content", "description", "story_text")


def present(o, k):
    return o.get(k) is not None


def text_of(o, k):
    v = o.get(k)
    return v if isinstance(v, str) else ""


def type_error(o, keys):
    for k in keys:
        if present(o, k) and not isinstance(o[k], str):
            return f"field '{k}' is not a string"
    return None


def nonpost_kind(o):
    tweet_text = present(o, "text") or present(o, "full_text")
    if present(o, "tweet_count"):
        return "Twitter tweet counts response"
    if (present(o, "screen_name") or present(o, "username")) and not tweet_text:
        return "Twitter users lookup"
    if (present(o, "place_type") or present(o, "places") or present(o, "result")) and not tweet_text:
        return "Twitter places response"
    if (present(o, "member_count") or present(o, "owner_id")) and not tweet_text:
        return "Twitter lists response"
    return None


def detect(o, ctx):
    if ctx == "v1":
        return "twitter-v1"
    if ctx == "v2":
        return "twitter-v2"
    if ctx == "reddit":
        return "reddit"
    mc = any(present(o, k) for k in ("stories_id", "media_name", "publish_date", "story_text"))
    if ctx == "news":
        return "mediacloud" if mc else "newsapi"
    if (any(present(o, k) for k in ("subreddit", "subreddit_id", "created_utc", "link_id"))
            or (present(o, "selftext") and not present(o, "text"))):
        return "reddit"
    if any(present(o, k) for k in ("user", "full_text", "retweeted_status", "extended_tweet",
                                   "id_str", "favorite_count")):
        return "twitter-v1"
    if any(present(o, k) for k in ("author_id", "edit_history_tweet_ids", "public_metrics",
                                   "conversation_id", "referenced_tweets")):
        return "twitter-v2"
    if mc or present(o, "media_id"):
        return "mediacloud"
    # "source" counts only as NewsAPI's object; a string is a tweet's client
    # or a generic record's outlet.
    if any(present(o, k) for k in ("publishedAt", "urlToImage", "source-name")) or \
            isinstance(o.get("source"), dict):
        return "newsapi"
    if any(present(o, k) for k in TEXT_KEYS):
        return "generic"
    return None


def judge_post(o, fmt):
    """Returns None for a good record, else the reject reason."""
    def need(keys, texts, date, epoch):
        err = type_error(o, keys)
        if err:
            return err
        if not any(texts):
            return "no text"
        if date is None and present(o, "date"):  # a feed's own date, else the generic one
            date, epoch = o["date"], True
        if date_ok(date, epoch) is False:
            return "unparseable date"
        return None

    if fmt == "twitter-v1":
        texts = [text_of(o, "full_text"), text_of(o, "text")]
        ext = o.get("extended_tweet")
        if isinstance(ext, dict):
            texts.append(text_of(ext, "full_text"))
        rs = o.get("retweeted_status")
        if isinstance(rs, dict):
            texts += [text_of(rs, "full_text"), text_of(rs, "text")]
            if isinstance(rs.get("extended_tweet"), dict):
                texts.append(text_of(rs["extended_tweet"], "full_text"))
        return need(("full_text", "text"), texts, o.get("created_at"), False)
    if fmt == "twitter-v2":
        return need(("text",), [text_of(o, "text")], o.get("created_at"), False)
    if fmt == "reddit":
        return need(("body", "title", "selftext"),
                    [text_of(o, k) for k in ("body", "title", "selftext", "text")], o.get("created_utc"), True)
    if fmt == "newsapi":
        return need(("title", "description", "content"),
                    [text_of(o, k) for k in ("title", "description", "content", "text")], o.get("publishedAt"), False)
    if fmt == "mediacloud":
        return need(("title", "text", "story_text"),
                    [text_of(o, k) for k in ("title", "text", "story_text")], o.get("publish_date"), False)
    # generic: first date-like key present
    date = None
    for k in ("date", "created_at", "publishedAt", "publish_date", "created_utc"):
        if present(o, k):
            date = o[k]
            break
    return need(TEXT_KEYS, [text_of(o, k) for k in TEXT_KEYS], date, True)


def judge(o, ctx):
    """('post', None) | ('reject', reason) | ('nonpost', what)."""
    if not isinstance(o, dict):
        return "reject", "not a JSON object"
    if ctx == "reddit":
        if o.get("kind") in ("t1", "t3") and isinstance(o.get("data"), dict):
            r = judge_post(o["data"], "reddit")
            return ("post", None) if r is None else ("reject", r)
        return "nonpost", "Reddit object"
    what = nonpost_kind(o)
    if what:
        return "nonpost", what
    fmt = detect(o, ctx)
    if fmt is None:
        return "nonpost", ""
    r = judge_post(o, fmt)
    return ("post", None) if r is None else ("reject", r)


class Counter:
    def __init__(self):
        self.records = 0
        self.rejects = []  # origins "line" or "line#k"

    def page(self, items, ctx, line, k0):
        """items: list of elements. Returns the next k."""
        posts, nonposts, local = 0, 0, []
        k = k0
        recs = 0
        for it in items:
            k += 1
            kind, _ = judge(it, ctx)
            if kind == "post":
                posts += 1
                recs += 1
            elif kind == "reject":
                posts += 1
                local.append(f"{line}#{k}")
            else:
                nonposts += 1
                local.append(f"{line}#{k}")
        self.records += recs
        if posts == 0 and nonposts > 0:
            self.rejects.append(f"{line}")
        else:
            self.rejects += local
        return k

    def value(self, v, line):
        if isinstance(v, list):
            self.page(v, "bare", line, 0)
            return
        if not isinstance(v, dict):
            self.rejects.append(f"{line}")
            return
        k = 0
        handled = False
        # language-keyed NewsAPI map: {"en": {"articles": [...]}, ...}
        for key, sub in v.items():
            if is_lang_key(key) and isinstance(sub, dict) and isinstance(sub.get("articles"), list):
                k = self.page(sub["articles"], "news", line, k)
                handled = True
        if isinstance(v.get("data"), list):
            self.page(v["data"], "v2", line, k)
            return
        for key, ctx in (("statuses", "v1"), ("articles", "news")):
            if isinstance(v.get(key), list):
                k = self.page(v[key], ctx, line, k)
                handled = True
        if handled:
            return
        d = v.get("data")
        if isinstance(d, dict):
            if isinstance(d.get("children"), list):
                self.page(d["children"], "reddit", line, 0)
                return
            if v.get("kind") is not None:
                kind, _ = judge(v, "reddit")
            else:
                kind, _ = judge(d, "v2")
            self.single(kind, line)
            return
        if present(v, "meta") and len(v) == 1:
            return  # empty v2 response: {"meta": {...}} alone
        kind, _ = judge(v, "bare")
        self.single(kind, line)

    def single(self, kind, line):
        if kind == "post":
            self.records += 1
        else:
            self.rejects.append(f"{line}")


LANG_RE = re.compile(r"^[a-z][a-z]([a-z]|[-_].{0,4})?$")


def is_lang_key(k):
    return 2 <= len(k) <= 7 and bool(LANG_RE.match(k))


def _no_constants(name):
    raise ValueError("not JSON: " + name)


# simdjson (like most JSON parsers in C++) refuses what does not fit its
# number types and lone UTF-16 surrogates; the oracle follows that contract.
def _int64(s):
    v = int(s)
    if not -(1 << 63) <= v < (1 << 64):
        raise ValueError("integer out of range")
    return v


def _finite(s):
    v = float(s)
    if v in (float("inf"), float("-inf")):
        raise ValueError("number out of range")
    return v


SURROGATE = re.compile("[\ud800-\udfff]")


def _check_strings(v):
    if isinstance(v, str):
        if SURROGATE.search(v):
            raise ValueError("lone surrogate")
    elif isinstance(v, list):
        for x in v:
            _check_strings(x)
    elif isinstance(v, dict):
        for k, x in v.items():
            _check_strings(k)
            _check_strings(x)


def loads_strict(b):
    v = json.loads(b, parse_constant=_no_constants, parse_int=_int64, parse_float=_finite)
    _check_strings(v)
    return v


def brackets(b, i=0):
    """(position, byte) of each bracket of b from i on, outside strings."""
    in_string, n = False, len(b)
    while i < n:
        c = b[i]
        if in_string:
            if c == 0x5C:
                i += 1
            elif c == 0x22:
                in_string = False
        elif c == 0x22:
            in_string = True
        elif c in b"{[}]":
            yield i, c
        i += 1


def nesting(b):
    depth = deepest = 0
    for _, c in brackets(b):
        if c in b"{[":
            depth += 1
            deepest = max(deepest, depth)
        elif depth > 0:
            depth -= 1
    return deepest


def unit(counter, b, line, whole=False):
    if len(b) > MAX_RECORD and not whole:
        counter.rejects.append(f"{line}")
        return
    try:
        b.decode("utf-8")
    except UnicodeDecodeError:
        counter.rejects.append(f"{line}")
        return
    if b.count(b"[") + b.count(b"{") > MAX_DEPTH and nesting(b) > MAX_DEPTH:
        counter.rejects.append(f"{line}")
        return
    try:
        v = loads_strict(b)
    except (ValueError, RecursionError):
        if not recover(counter, b, line):
            counter.rejects.append(f"{line}")
        return
    counter.value(v, line)


WS = b" \t\r\n"


def skip_ws(b, i):
    while i < len(b) and b[i] in WS:
        i += 1
    return i


def value_end(b, i):
    """End of the JSON value starting at b[i] by bracket depth alone; None if cut."""
    if i >= len(b):
        return None
    if b[i] == 0x22:
        j = i + 1
        while j < len(b):
            if b[j] == 0x5C:
                j += 1
            elif b[j] == 0x22:
                return j + 1
            j += 1
        return None
    if b[i] not in b"{[":
        j = i
        while j < len(b) and b[j] not in b",}] \n\r\t":
            j += 1
        return j
    depth = 0
    for j, c in brackets(b, i):
        depth += 1 if c in b"{[" else -1
        if depth == 0:
            return j + 1
    return None


def elements(b, i):
    """(start, end or None) of each element of the array whose '[' is at b[i]."""
    out, i = [], i + 1
    while True:
        i = skip_ws(b, i)
        if i >= len(b) or b[i] == 0x5D:
            return out
        end = value_end(b, i)
        if end is None:
            out.append((i, None))
            return out
        if end == i:
            end += 1
        out.append((i, end))
        i = skip_ws(b, end)
        if i < len(b) and b[i] == 0x2C:
            i += 1


def members(b, i):
    out, i = [], i + 1
    while True:
        i = skip_ws(b, i)
        if i >= len(b) or b[i] != 0x22:
            return out
        kend = value_end(b, i)
        if kend is None:
            return out
        key = b[i + 1:kend - 1]
        i = skip_ws(b, kend)
        if i >= len(b) or b[i] != 0x3A:
            return out
        i = skip_ws(b, i + 1)
        end = value_end(b, i)
        out.append((key, i, end))
        if end is None:
            return out
        i = skip_ws(b, end)
        if i >= len(b) or b[i] != 0x2C:
            return out
        i += 1


def recover(counter, b, line):
    """A page that fails as a whole keeps its complete, valid records."""
    i = skip_ws(b, 0)
    if i >= len(b):
        return False
    if b[i] == 0x5B:
        spans, ctx = elements(b, i), "bare"
    elif b[i] == 0x7B:
        found = [(k, s) for k, s, e in members(b, i)
                 if k in (b"statuses", b"articles", b"data") and s < len(b) and b[s] == 0x5B]
        if not found:
            return False
        key, start = found[0]
        spans = elements(b, start)
        ctx = {b"statuses": "v1", b"articles": "news", b"data": "v2"}[key]
    else:
        return False
    posts = nonposts = broken = 0
    local = []
    for k, (s, e) in enumerate(spans, 1):
        try:
            if e is None:
                raise ValueError("cut")
            it = loads_strict(b[s:e])
        except (ValueError, RecursionError):
            posts += 1
            broken += 1
            local.append(f"{line}#{k}")
            continue
        kind, _ = judge(it, ctx)
        if kind == "post":
            posts += 1
            counter.records += 1
        else:
            posts += kind == "reject"
            nonposts += kind != "reject"
            local.append(f"{line}#{k}")
    if posts == 0 and nonposts > 0:
        counter.rejects.append(f"{line}")
    else:
        counter.rejects += local
    if broken == 0:  # the error is in the envelope: report the value too
        counter.rejects.append(f"{line}")
    return True


def read_bytes(path):
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as f:
        head = f.read(4)
    if head[:2] == b"\x1f\x8b":
        with gzip.open(path, "rb") as f:
            return f.read()
    if head == b"\x28\xb5\x2f\xfd":
        return subprocess.run(["zstd", "-dc", path], check=True, capture_output=True).stdout
    with open(path, "rb") as f:
        return f.read()


def whole_document(data):
    lines = data.split(b"\n")
    first = None
    for ln in lines:
        if not ln.strip(b" \t\r"):
            continue
        s = ln.lstrip(b" \t\r").rstrip(b" \t\r")
        if first is None:
            if s[:1] not in (b"{", b"["):
                return False
            if s in (b"{", b"["):
                return True
            if nesting_open(s) <= 0:
                return False
            first = s
            continue
        return ln[:1] in (b" ", b"\t", b"\r") or s[:1] in (b'"', b"}", b"]")
    return False


def nesting_open(b):
    return sum(1 if c in b"{[" else -1 for _, c in brackets(b))


def count_file(path):
    data = read_bytes(path)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    c = Counter()
    # A multi-line document needs a newline after its first line: a file
    # of one line without '\n' is one line, whatever it holds.
    if b"\n" in data and whole_document(data):
        if data.strip(b" \t\r\n"):
            unit(c, data, 1, whole=True)  # origins keep the first line for the whole value
        return c
    parts = data.split(b"\n")
    if parts and parts[-1] == b"":
        parts.pop()
    for i, ln in enumerate(parts, start=1):
        ln = ln.rstrip(b"\r").strip(b" \t")
        if ln.endswith(b"\r"):
            ln = ln.rstrip(b"\r")
        if not ln:
            continue
        unit(c, ln, i)
    return c


def main(argv):
    sys.setrecursionlimit(max(10000, sys.getrecursionlimit()))  # depth up to MAX_DEPTH
    mode = "lines"
    paths = []
    for a in argv:
        if a == "--json":
            mode = "json"
        elif a == "--total":
            mode = "total"
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            paths.append(a)
    results = {p: count_file(p) for p in paths}
    if mode == "json":
        print(json.dumps({"files": {p: {"records": c.records, "rejects": len(c.rejects),
                                        "reject_origins": c.rejects} for p, c in results.items()}},
                         indent=1))
    elif mode == "total":
        print(f"{sum(c.records for c in results.values())}\t{sum(len(c.rejects) for c in results.values())}")
    else:
        for p, c in results.items():
            print(f"{c.records}\t{len(c.rejects)}\t{p}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
