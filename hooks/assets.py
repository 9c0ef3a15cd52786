"""MkDocs adapter for what readers download: event functions only.

The readable sources in theme/assets/guide/ are copied by MkDocs; after the
build, the copies readers download are minified (``guidegen/minify.py``:
rcssmin and rjsmin) and the deferred scripts joined into one file.
"""

from __future__ import annotations

import sys
from pathlib import Path

# MkDocs puts only this folder on sys.path while loading the hook.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.config.defaults import MkDocsConfig

from guidegen.minify import minify_folder

ASSETS = "assets/guide"


def on_post_build(config: MkDocsConfig) -> None:
    minify_folder(Path(config.site_dir) / ASSETS)
