"""The generator's theme layer for any Material site, and fixes to Material's markup no partial can reach.

**The layer.** ``guidegen/theme`` goes behind the site's own ``custom_dir`` (the
author's overrides still win) and before Material's templates. Its
``base.html`` adds the generator's stylesheet, script and words, and extends
Material's own ``base.html``, which the Jinja environment reaches as
``material/base.html``: a site's own ``main.html`` (``{% extends "base.html" %}``)
keeps working and gets the generator's layer too.

**The fixes**, applied to every page as it is written:

- Material's ``base.html`` writes its drawer and search toggles as
  ``<input type="checkbox" ... autocomplete="off">`` outside any template block,
  and ``autocomplete`` is not allowed on checkboxes (the Nu HTML Checker's only
  error on a stock page); the attribute is removed from exactly those two tags.
- Its ``<meta name="generator">`` always says ``mkdocs-<version>``: under
  ProperDocs (which hands Material its own name as the "MkDocs version") it
  names the engine that really built the page.
- Heading permalinks (the toc extension's ``¶``) leave the Tab order
  (``tabindex="-1"``): each repeats the table of contents' link to the same
  heading, and a keyboard reader of a block page tabbed through them all before
  reaching the checklist and the quiz (issue 16).
- Material writes the language's direction on ``<body dir>`` only; ``<html>``
  gets it too, so that the whole document is right-to-left in Arabic or Hebrew.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
from mkdocs.config.defaults import MkDocsConfig

from guidegen import engines
from guidegen.themefiles import THEME_DIR, material_templates

#: The prefix under which the generator's base.html reaches Material's own.
MATERIAL_PREFIX = "material"


def add_theme_folder(config: MkDocsConfig) -> None:
    """Put the generator's theme folder after the site's custom_dir and before Material's templates."""
    dirs = config.theme.dirs
    folder = str(THEME_DIR)
    if folder in dirs:
        return
    custom = config.theme.custom_dir
    position = 1 if custom and dirs and Path(dirs[0]) == Path(custom) else 0
    dirs.insert(position, folder)


def reach_material(env: Environment) -> None:
    """Let templates extend Material's originals by name ("material/base.html")."""
    templates = material_templates()
    if templates is None or isinstance(env.loader, ChoiceLoader):
        return
    prefixed = PrefixLoader({MATERIAL_PREFIX: FileSystemLoader(str(templates))})
    env.loader = ChoiceLoader([env.loader, prefixed]) if env.loader is not None else prefixed


# The exact tags Material 9.8 writes; anything else is left alone.
_TOGGLES = {
    f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}" autocomplete="off">': (
        f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}">'
    )
    for name in ("drawer", "search")
}
_GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')
_HTML_TAG = re.compile(r'<html lang="([^"]*)" class="no-js">')
_BODY_DIR = re.compile(r'<body dir="(ltr|rtl)"')
_PERMALINK = '<a class="headerlink" href="'
_QUIET_PERMALINK = '<a class="headerlink" tabindex="-1" href="'


@cache
def _generator_tag() -> str:
    return f'<meta name="generator" content="{running_engine().generator()}">'


def running_engine() -> engines.Engine:
    """The engine this process runs in: ProperDocs serves ``mkdocs`` imports as itself."""
    import mkdocs

    return engines.ENGINES["properdocs"] if mkdocs.__name__ == "properdocs" else engines.ENGINES["mkdocs"]


def fix_page(html: str) -> str:
    for tag, fixed in _TOGGLES.items():
        html = html.replace(tag, fixed, 1)
    html = html.replace(_PERMALINK, _QUIET_PERMALINK)
    direction = _BODY_DIR.search(html)
    if direction:
        html = _HTML_TAG.sub(rf'<html lang="\1" dir="{direction.group(1)}" class="no-js">', html, count=1)
    return _GENERATOR.sub(_generator_tag(), html, count=1)
