#!/usr/bin/env python3
"""Fails when a library or app source includes a header of a module that
docs/architecture.md does not allow it to depend on (the module graph).

Usage: check_layering.py SOURCE_DIR
Prints one line per forbidden include and exits 1; exits 0 when every
include follows the graph.
"""
import os
import re
import sys

# Module -> the Vigie modules it may include (besides itself). Keep in step
# with docs/architecture.md and the targets' target_link_libraries.
ALLOWED = {
    "core": set(),
    "sentiment": {"core"},
    "topics": {"core"},
    "dedup": {"core"},
    "series": {"core"},
    "metrics": {"core"},
    "analytics": {"core", "sentiment", "topics", "dedup", "metrics"},
    "readers": {"core"},
    "document": {"core", "analytics"},
    "indexer": {"core", "readers", "document", "analytics", "dedup"},
    "query": {"core", "dedup"},
    "reports": {"core", "query", "series", "topics", "dedup"},
    "server": {"core", "query", "reports", "analytics", "sentiment", "topics"},
    "app": {"core", "indexer", "reports", "server", "query", "analytics", "sentiment", "topics", "dedup", "metrics", "series"},
}

# Longest directory prefix wins.
DIRS = {
    "core": "core",
    "analytics/sentiment": "sentiment",
    "analytics/topics": "topics",
    "analytics/dedup": "dedup",
    "analytics/series": "series",
    "analytics/metrics": "metrics",
    "analytics": "analytics",
    "indexer/readers": "readers",
    "indexer": "indexer",
    "query": "query",
    "reports": "reports",
    "server": "server",
    "app": "app",
}


def module_of(path):
    if re.match(r"indexer/document_builder\.(h|cc)$", path):
        return "document"
    d = os.path.dirname(path)
    best = None
    for prefix in DIRS:
        if d == prefix or d.startswith(prefix + "/"):
            if best is None or len(prefix) > len(best):
                best = prefix
    return DIRS[best] if best else None


def main():
    top = sys.argv[1] if len(sys.argv) > 1 else "."
    include = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
    bad = []
    for prefix in ("core", "analytics", "indexer", "query", "reports", "app"):
        for root, _, files in os.walk(os.path.join(top, prefix)):
            for f in files:
                if not f.endswith((".h", ".cc")):
                    continue
                rel = os.path.relpath(os.path.join(root, f), top)
                src = module_of(rel)
                with open(os.path.join(top, rel), encoding="utf-8") as fh:
                    text = fh.read()
                for inc in include.findall(text):
                    dst = module_of(inc)
                    if dst is None or dst == src:
                        continue
                    if dst not in ALLOWED[src]:
                        bad.append(f"{rel}: includes {inc} ({src} -> {dst} is not in docs/architecture.md)")
    for line in bad:
        print(line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
