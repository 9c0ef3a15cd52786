"""MkDocs adapter for what readers download: event functions only.

The readable sources in theme/assets/guide/ are copied by MkDocs; after the
build, the copies readers download are minified, and every page's HTML is
minified as it is written (``guidegen/minify.py``: rcssmin, rjsmin and
minify-html). Pages are minified last, after every other hook has changed them
(theme_fixes.py matches Material's exact markup), and before selfhost.py hashes
their inline scripts for the Content-Security-Policy in on_post_build.
"""

from __future__ import annotations

import sys
from pathlib import Path

# MkDocs puts only this folder on sys.path while loading the hook.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from guidegen.minify import minify_folder, minify_page

ASSETS = "assets/guide"


@event_priority(-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return minify_page(output)


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # 404.html is a theme template rendered like a page; sitemap.xml and the like are not HTML.
    return minify_page(output_content) if template_name.endswith(".html") else output_content


def on_post_build(config: MkDocsConfig) -> None:
    minify_folder(Path(config.site_dir) / ASSETS)
