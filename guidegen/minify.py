"""Smaller copies of what readers download: the generator's CSS and JavaScript, and every page's HTML.

Maintained minifiers instead of hand-written regular expressions (issue 16):
``rcssmin`` and ``rjsmin`` (same author, C speed-ups, both tokenize strings,
comments and regular-expression literals properly) for the files in
``assets/guide/``, and ``minify-html`` for pages. Pages keep their closing tags
and their ``<html>``/``<head>`` tags; inline scripts only lose surrounding
spaces (Material's are minified already, and the Content-Security-Policy hashes
them after the build). Attribute quotes go
where HTML allows it, so tools reading built pages must parse HTML, not search
for ``name="value"``.

Plain Python: no MkDocs import.
"""

from __future__ import annotations

from pathlib import Path

import minify_html
import rcssmin
import rjsmin


def minify_css(text: str) -> str:
    return rcssmin.cssmin(text) + "\n"


def minify_js(text: str) -> str:
    return rjsmin.jsmin(text) + "\n"


def minify_page(html: str) -> str:
    """A built page without the spaces, comments and quotes the browser does not need."""
    return minify_html.minify(
        html,
        keep_closing_tags=True,
        keep_html_and_head_opening_tags=True,
        minify_css=True,
        minify_js=False,
    )


def minify_folder(folder: Path) -> None:
    """Minify every .css and .js file directly in ``folder`` in place (the built site's copy)."""
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.suffix == ".css":
            path.write_text(minify_css(path.read_text(encoding="utf-8")), encoding="utf-8")
        elif path.suffix == ".js":
            path.write_text(minify_js(path.read_text(encoding="utf-8")), encoding="utf-8")
