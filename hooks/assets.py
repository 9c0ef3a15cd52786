"""MkDocs adapter for what readers download: event functions only.

Every page loses the indentation between its tags as it is written
(``guidegen/minify.py``); this hook comes last in mkdocs.yml, so it sees each
page as the other hooks left it. The readable sources in theme/assets/guide/ are copied by MkDocs;
after the build, the copies readers download are minified (rcssmin and rjsmin)
and joined into one stylesheet and one script.
"""

from __future__ import annotations

import sys
from pathlib import Path

# MkDocs puts only this folder on sys.path while loading the hook.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from guidegen.minify import minify_folder, minify_page

ASSETS = "assets/guide"


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return minify_page(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # 404.html is a theme template, not a page; sitemap.xml is not HTML.
    return minify_page(output_content) if template_name.endswith(".html") else output_content


def on_post_build(config: MkDocsConfig) -> None:
    minify_folder(Path(config.site_dir) / ASSETS)
