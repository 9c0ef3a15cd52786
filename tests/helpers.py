"""Real builds, real servers and a real browser for the tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from guidegen import engines
from guidegen.deploy import engine_command
from tools.webserver import QuietHandler, serve

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
MINI_GUIDE = ROOT / "tests" / "guides" / "mini"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class BuildResult:
    returncode: int
    output: str
    site_dir: Path


#: The engine the suite builds with: GUIDE_ENGINE (MkDocs when unset), e.g. GUIDE_ENGINE=properdocs scripts/test.
ENGINE = engines.selected()


def ensure_engine(engine: engines.Engine) -> engines.Engine:
    """Install an engine (or its changed requirements) through the project's own scripts; quick when up to date."""
    if engine.name != "mkdocs" or not engine.installed():
        subprocess.run(
            ["bash", "-c", "source scripts/_setup.sh && ensure_engine"],
            cwd=ROOT,
            env={**os.environ, engines.ENV_VAR: engine.name},
            check=True,
            timeout=900,
        )
    return engine


def mkdocs_env(docs_dir: Path | None = None, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PYTHONPATH"] = str(ROOT)
    if docs_dir is not None:
        env["GUIDE_DOCS_DIR"] = str(docs_dir)
    env.update(extra)
    return env


def author_env(**extra: str) -> dict[str, str]:
    """The environment of an author's own terminal: no GUIDE_* setting and no PYTHONPATH into this checkout,
    so the installed guidegen (editable in this repository's venv) and the guide's own mkdocs.yml decide."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GUIDE_") and key != "PYTHONPATH"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.update(extra)
    return env


def build_offline_edition(docs_dir: Path, work: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    """``scripts/build --offline``'s step on a guide: the site in ``work/site``, the zip in ``work/dist``."""
    env = mkdocs_env(docs_dir, GUIDE_SITE_DIR=str(work / "site"), GUIDE_DIST_DIR=str(work / "dist"), **extra)
    command = [sys.executable, "-m", "guidegen.deploy", "--offline"]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def build(
    site_dir: Path, docs_dir: Path | None = None, *args: str, engine: engines.Engine | None = None, **env: str
) -> BuildResult:
    """Run the engine's real strict build (``mkdocs build --strict`` by default) on a guide folder."""
    engine = ensure_engine(engine or ENGINE)
    command = engine_command(engine, site_dir, list(args))
    environment = mkdocs_env(docs_dir, **env)
    environment[engines.ENV_VAR] = engine.name
    process = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)
    return BuildResult(process.returncode, process.stdout + process.stderr, site_dir)


def copy_guide(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def serve_command(port: int, engine: engines.Engine | None = None) -> list[str]:
    """What ``scripts/serve`` runs for the engine, on a loopback port."""
    engine = ensure_engine(engine or ENGINE)
    address = f"127.0.0.1:{port}"
    if engine.name == "zensical":
        return [str(engine.python()), "-m", "guidegen.zensical", "serve", "--dev-addr", address]
    config = str(ROOT / "mkdocs.yml")
    # --dirty, as `guidegen serve` runs it: each save rebuilds what it changes (guidegen/plugin/incremental.py).
    return engine.command("serve", "--livereload", "--dirty", "--config-file", config, "--dev-addr", address)


@contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve a folder as it is over HTTP on 127.0.0.1 on a free port; yields the base URL."""
    with serve(directory, QuietHandler) as url:
        yield url


def start_tags(html: str) -> list[tuple[str, dict[str, str]]]:
    """Every start tag of a page with its attributes, in document order, parsed as a browser would.

    Built pages are minified (attribute quotes go where HTML allows), so tests
    never search the text for ``name="value"``.
    """
    from html.parser import HTMLParser

    tags: list[tuple[str, dict[str, str]]] = []

    class _Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            tags.append((tag, {key: value or "" for key, value in attrs}))

    _Collector().feed(html)
    return tags


def attribute_values(html: str, name: str) -> list[str]:
    """Every value of one attribute in a page, in document order."""
    return [attrs[name] for _, attrs in start_tags(html) if name in attrs]


class PageWatcher:
    """Records what a user never wants: console errors, failed or foreign requests."""

    def __init__(self, page: object, base_url: str) -> None:
        from urllib.parse import urlsplit

        self.origin = urlsplit(base_url)._replace(path="", query="", fragment="").geturl()
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.failed_requests: list[str] = []
        self.foreign_requests: list[str] = []
        page.on("console", self._on_console)  # type: ignore[attr-defined]
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))  # type: ignore[attr-defined]
        page.on("requestfailed", lambda request: self.failed_requests.append(request.url))  # type: ignore[attr-defined]
        page.on("request", self._on_request)  # type: ignore[attr-defined]

    def _on_console(self, message: object) -> None:
        if message.type == "error":  # type: ignore[attr-defined]
            self.console_errors.append(message.text)  # type: ignore[attr-defined]

    def _on_request(self, request: object) -> None:
        url: str = request.url  # type: ignore[attr-defined]
        if url.startswith(("data:", "blob:", "about:")):
            return
        if not url.startswith(self.origin):
            self.foreign_requests.append(url)

    @property
    def problems(self) -> list[str]:
        return [
            *(f"console error: {text}" for text in self.console_errors),
            *(f"page error: {text}" for text in self.page_errors),
            *(f"failed request: {url}" for url in self.failed_requests),
            *(f"request to another host: {url}" for url in self.foreign_requests),
        ]
