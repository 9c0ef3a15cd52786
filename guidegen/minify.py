"""Smaller copies of what readers download: the generator's CSS and JavaScript.

Maintained minifiers instead of hand-written regular expressions (issue 16):
``rcssmin`` and ``rjsmin`` (same author, C speed-ups, both tokenize strings,
comments and regular-expression literals properly) for the files in
``assets/guide/``. Pages are not minified: minify-html drops attribute quotes and
default attributes, which every tool reading built pages (tests, deploy, the CSP
scan) would have to learn first; compression on the server gains most of it.

Plain Python: no MkDocs import.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin


def minify_css(text: str) -> str:
    return rcssmin.cssmin(text) + "\n"


def minify_js(text: str) -> str:
    return rjsmin.jsmin(text) + "\n"


def minify_folder(folder: Path) -> None:
    """Minify every .css and .js file directly in ``folder`` in place (the built site's copy)."""
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.suffix == ".css":
            path.write_text(minify_css(path.read_text(encoding="utf-8")), encoding="utf-8")
        elif path.suffix == ".js":
            path.write_text(minify_js(path.read_text(encoding="utf-8")), encoding="utf-8")
