"""Check a guide folder without building the site: ``python -m guidegen.check [DOCS_DIR]``.

Prints every problem in every file, then a count line; exits 1 if there are
any. It runs the same loader as the MkDocs hook, so what passes here builds.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from guidegen.loader import load_guide
from guidegen.problems import report


def main(argv: list[str]) -> int:
    if len(argv) > 1 or (argv and argv[0] in ("-h", "--help")):
        print("usage: scripts/check [DOCS_DIR]", file=sys.stderr)
        return 2
    docs_dir = Path(argv[0] if argv else os.environ.get("GUIDE_DOCS_DIR", "docs"))
    if not docs_dir.is_dir():
        print(f"error: {docs_dir} is not a folder", file=sys.stderr)
        return 2
    result = load_guide(docs_dir)
    if result.problems:
        print(report(result.problems))
        return 1
    parts, blocks = len(result.guide.parts), len(result.guide.blocks)
    print(f"No problems: {_count(parts, 'part')} and {_count(blocks, 'block')} in {docs_dir}.")
    return 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
