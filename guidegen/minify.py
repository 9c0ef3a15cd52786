"""Smaller copies of what readers download: the built pages and the generator's CSS and JavaScript.

Maintained minifiers instead of hand-written regular expressions (issue 16):
``rcssmin`` and ``rjsmin`` (same author, C speed-ups, both tokenize strings,
comments and regular-expression literals properly) for the files in
``assets/guide/``.

Pages lose only the indentation between tags (``minify_page``), nothing a
browser would render or a tool reading the page would notice: quotes,
attribute order and every attribute stay. minify-html 0.18 was tried and
saved 687 B gzipped on a block page against 482 B for this, but it unquotes
and reorders attributes and drops defaults (a button's ``type="submit"``),
with no option to keep them: every script or check a self-hoster runs over the
built pages would have to parse them as a browser does.

Plain Python: no MkDocs import.
"""

from __future__ import annotations

import re
from pathlib import Path

import rcssmin
import rjsmin


def minify_css(text: str) -> str:
    return rcssmin.cssmin(text) + "\n"


def minify_js(text: str) -> str:
    return rjsmin.jsmin(text) + "\n"


# Elements whose whitespace is content: preformatted text, code (Material styles
# inline code and kbd "white-space: pre-wrap"), form text, scripts and styles,
# matched whole so that nothing inside them changes; else a line break and the
# indentation around it between two tags, left as one line break: a run of white
# space between tags renders exactly as a single one (white-space: normal).
_KEPT_OR_INDENTATION = re.compile(
    r"(<(pre|textarea|script|style|code|kbd)\b.*?</\2\s*>)|(?<=>)[ \t\r]*\n\s*(?=<)", re.DOTALL | re.IGNORECASE
)


def minify_page(html: str) -> str:
    """A built HTML page without the indentation between its tags; the rest byte for byte."""
    return _KEPT_OR_INDENTATION.sub(lambda match: match.group(1) or "\n", html)


def minify_pages(site_dir: Path) -> None:
    """Minify every HTML file of a built site in place (for engines that run no hooks)."""
    for path in sorted(site_dir.rglob("*.html")):
        path.write_text(minify_page(path.read_text(encoding="utf-8")), encoding="utf-8")


# What readers download is one stylesheet and one script, joined in cascade and run
# order from the readable sources, one per feature. Each file gzipped on its own starts
# from an empty dictionary, and on a slow phone connection each request costs a round
# trip (and past six, a wait for a free connection) before the first paint: Lighthouse's
# mobile FCP (issue 16). print.css is only "@page" and "@media print", so joined it still
# applies to paper only. guide.js runs before Material's bundle, as instant.js must; the
# features start on Material's document$ through ggOnPage (store.js, next: the others use it).
BUNDLES: dict[str, tuple[str, ...]] = {
    "guide.css": ("theme-fixes.css", "guide.css", "quiz.css", "reader.css", "privacy.css", "print.css"),
    "guide.js": ("instant.js", "store.js", "checklist.js", "quiz.js", "print.js", "home.js", "exit.js", "privacy.js"),
}
# Between joined files: a script ending without ";" would call the next module's IIFE.
SEPARATORS = {".css": "\n", ".js": ";\n"}


def minify_folder(folder: Path) -> None:
    """Minify every .css and .js file directly in ``folder`` in place (the built site's copy),
    then join each of ``BUNDLES`` from its parts."""
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.suffix == ".css":
            path.write_text(minify_css(path.read_text(encoding="utf-8")), encoding="utf-8")
        elif path.suffix == ".js":
            path.write_text(minify_js(path.read_text(encoding="utf-8")), encoding="utf-8")
    for bundle, names in BUNDLES.items():
        parts = [folder / name for name in names if (folder / name).is_file()]
        if not parts:
            continue
        separator = SEPARATORS[Path(bundle).suffix]
        text = separator.join(part.read_text(encoding="utf-8").rstrip() for part in parts) + "\n"
        for part in parts:
            part.unlink()
        (folder / bundle).write_text(text, encoding="utf-8")
