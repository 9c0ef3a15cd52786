"""MkDocs adapter for fixes to Material's own markup that no partial can reach: event functions only.

Material's ``base.html`` writes its drawer and search toggles as
``<input type="checkbox" ... autocomplete="off">`` outside any template block,
and ``autocomplete`` is not allowed on checkboxes (the Nu HTML Checker's only
error on a stock page). Overriding the whole ``base.html`` for one attribute
would freeze a 250-line copy of the theme; removing the attribute from the
output touches exactly those two tags. Other fixes are partial overrides
(``theme/partials/``) and CSS (``theme/assets/guide/theme-fixes.css``).

The same goes for its ``<meta name="generator">``, which always says
``mkdocs-<version>``: under ProperDocs (which hands Material its own name as
the "MkDocs version") it names the engine that really built the page, e.g.
``properdocs-1.6.7, mkdocs-material-9.8.1``.

Heading permalinks (the toc extension's ``¶``) are taken out of the Tab order
(``tabindex="-1"``): each repeats the table of contents' link to the same
heading, and a keyboard reader of a block page tabbed through them all before
reaching the checklist and the quiz (issue 16). They stay links for the mouse
and for screen readers' link lists.

Material writes the language's direction on ``<body dir>`` only; ``<html>``
gets it too, so that the whole document (its title, the JSON data block,
browser UI that reads the root element) is right-to-left in Arabic or Hebrew.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# MkDocs puts only this folder on sys.path while loading the hook.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from guidegen import engines

# The exact tags Material 9.8 writes; anything else is left alone.
_TOGGLES = {
    f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}" autocomplete="off">': (
        f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}">'
    )
    for name in ("drawer", "search")
}


_GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')
_generator_tag = f'<meta name="generator" content="{engines.running().generator()}">'
_HTML_TAG = re.compile(r'<html lang="([^"]*)" class="no-js">')
_BODY_DIR = re.compile(r'<body dir="(ltr|rtl)"')


_PERMALINK = '<a class="headerlink" href="'
_QUIET_PERMALINK = '<a class="headerlink" tabindex="-1" href="'


def _fix(html: str) -> str:
    for tag, fixed in _TOGGLES.items():
        html = html.replace(tag, fixed, 1)
    html = html.replace(_PERMALINK, _QUIET_PERMALINK)
    direction = _BODY_DIR.search(html)
    if direction:
        html = _HTML_TAG.sub(rf'<html lang="\1" dir="{direction.group(1)}" class="no-js">', html, count=1)
    return _GENERATOR.sub(_generator_tag, html, count=1)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _fix(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # 404.html is a theme template, not a page.
    return _fix(output_content) if template_name.endswith(".html") else output_content
