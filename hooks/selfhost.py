"""MkDocs adapter for self-hosting: event functions only.

- ``robots.txt``, pointing at the sitemap when ``site_url`` is set;
- after the build, the security headers with a strict Content-Security-Policy
  (hashes of the theme's inline scripts) as ``_headers`` for static hosts and
  ``_nginx-headers.conf`` for nginx (see ``guidegen/csp.py``);
- in the offline edition, the Web Worker shim for search comes from the site
  itself instead of a CDN.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

# MkDocs puts only this folder on sys.path while loading the hook.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from guidegen import csp
from guidegen.staging import robots_txt

log = logging.getLogger("mkdocs.hooks.selfhost")

HEADERS_FILE = "_headers"
NGINX_FILE = "_nginx-headers.conf"
#: The vendored iframe-worker shim (theme/assets/vendor), used instead of the CDN copy.
WORKER_SHIM = "assets/vendor/iframe-worker/shim.js"


def _offline(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin is not None and plugin.config.enabled)


# After Material's offline plugin, which adds the CDN address in its on_config.
@event_priority(-100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if _offline(config):
        polyfills = config.extra.get("polyfills", [])
        config.extra["polyfills"] = [WORKER_SHIM if "iframe-worker" in str(url) else url for url in polyfills]
        # Under file:// Material skips instant navigation by returning an empty
        # stream that it subscribes document$ to, which completes document$
        # before the page loads: nothing started through document$.subscribe
        # (our checklists and quizzes, Material's own widgets) would ever run.
        features = config.theme["features"]
        features[:] = [feature for feature in features if not feature.startswith("navigation.instant")]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # A guide may ship its own robots.txt; it wins.
    if not _offline(config) and files.get_file_from_path("robots.txt") is None:
        files.append(File.generated(config, "robots.txt", content=robots_txt(config.site_url or "")))
    return files


# Last: every page is written and the other plugins are done.
@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    try:
        # In every edition: the offline one has no policy at all, so nothing unsafe may be in it.
        found = csp.scan_site(site_dir)
    except csp.UnsafeMarkup as error:
        raise PluginError(f"{error}: a strict Content-Security-Policy cannot allow it.") from error
    if _offline(config):
        return  # opened from file://, where no header applies
    headers = csp.security_headers(found)
    (site_dir / HEADERS_FILE).write_text(csp.headers_file(headers), encoding="utf-8")
    (site_dir / NGINX_FILE).write_text(csp.nginx_snippet(headers), encoding="utf-8")
    log.info(
        "Security headers: %d inline script hashes, %d style hashes in %s and %s",
        len(found.scripts),
        len(found.styles | found.style_attributes),
        HEADERS_FILE,
        NGINX_FILE,
    )
