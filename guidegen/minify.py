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


# The deferred scripts, one module per feature in the sources, reach readers as one file, in
# the order they run (store.js first: the others use it). Each file gzipped on its own starts
# from an empty dictionary: five files cost about 1.4 KB more than one (issue 16's budget).
# instant.js stays apart: it must run before Material's bundle, the others after it.
BUNDLE = "guide.js"
BUNDLED = ("store.js", "checklist.js", "quiz.js", "print.js", "home.js")


def minify_folder(folder: Path) -> None:
    """Minify every .css and .js file directly in ``folder`` in place (the built site's copy),
    then join the deferred scripts into ``BUNDLE``."""
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.suffix == ".css":
            path.write_text(minify_css(path.read_text(encoding="utf-8")), encoding="utf-8")
        elif path.suffix == ".js":
            path.write_text(minify_js(path.read_text(encoding="utf-8")), encoding="utf-8")
    parts = [folder / name for name in BUNDLED if (folder / name).is_file()]
    if parts:
        # ";" between modules: a file ending without one would call the next module's IIFE.
        bundle = ";\n".join(part.read_text(encoding="utf-8").rstrip() for part in parts) + "\n"
        (folder / BUNDLE).write_text(bundle, encoding="utf-8")
        for part in parts:
            part.unlink()
