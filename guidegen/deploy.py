"""Build into a fresh folder and swap it in only on success.

A failed or killed build never leaves the live output folder empty or
half-written: the new site is built beside it and exchanged atomically
(``renameat2(RENAME_EXCHANGE)`` on Linux, two renames elsewhere). A lock keeps
two builds of the same folder apart, and each build first removes what a
killed one left behind.

``--offline`` also builds the offline edition (Material's offline plugin) and
writes it as ``dist/<name>-offline.zip``, to unzip and open from ``file://``.

Usage: ``python -m guidegen.deploy [--offline] [engine build options]``;
``GUIDE_SITE_DIR`` (default ``site``) and ``GUIDE_DIST_DIR`` (default ``dist``)
name the output folders, ``GUIDE_ENGINE`` the engine that builds
(``guidegen/engines.py``; MkDocs by default).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

from guidegen import engines

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_PR_SET_PDEATHSIG = 1
NGINX_FILE = "_nginx-headers.conf"  # written by hooks/selfhost.py


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    return ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)


def exchange(first: Path, second: Path) -> bool:
    """Atomically swap two paths; False if the system cannot."""
    libc = _libc()
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return result == 0


def swap_in(new_site: Path, site_dir: Path) -> None:
    """Make ``new_site`` the live ``site_dir``; the old one is removed afterwards."""
    if not site_dir.exists():
        new_site.rename(site_dir)
        return
    if exchange(new_site, site_dir):
        shutil.rmtree(new_site)  # now holds the previous site
        return
    retired = site_dir.with_name(f".{site_dir.name}.old")
    shutil.rmtree(retired, ignore_errors=True)
    site_dir.rename(retired)
    new_site.rename(site_dir)
    shutil.rmtree(retired, ignore_errors=True)


def _building_prefix(target: Path) -> str:
    return f".{target.name}.building-"


@contextmanager
def exclusive(target: Path) -> Iterator[None]:
    """Hold a lock for ``target`` and clear what killed builds of it left behind.

    While the lock is held no other build of ``target`` runs, so every
    temporary folder beside it is a leftover.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.with_name(f".{target.name}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for leftover in target.parent.glob(_building_prefix(target) + "*"):
            shutil.rmtree(leftover, ignore_errors=True)
        yield


def _die_with_parent() -> None:
    # A killed deploy takes the engine with it instead of leaving it writing on.
    libc = _libc()
    if libc is not None:
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def engine_command(engine: engines.Engine, output: Path, engine_args: list[str]) -> list[str]:
    """The command that builds the guide into ``output`` with ``engine``, strict: a warning fails it."""
    if engine.name == "zensical":
        # Zensical runs no hooks: the adapter validates and stages the guide, then runs `zensical build`.
        return [str(engine.python()), "-m", "adapters.zensical", "build", "--site-dir", str(output), *engine_args]
    config = str(engines.ROOT / "mkdocs.yml")
    return engine.command("build", "--strict", "--config-file", config, "--site-dir", str(output), *engine_args)


def run_engine(output: Path, engine_args: list[str], env: dict[str, str] | None = None) -> int:
    environ = env if env is not None else dict(os.environ)
    engine = engines.selected(environ)
    if not engine.installed():
        print(
            f"error: {engine.name} is not installed in {engine.python().parent.parent}: "
            f"GUIDE_ENGINE={engine.name} scripts/build installs it",
            file=sys.stderr,
        )
        return 2
    environ["PYTHONPATH"] = str(engines.ROOT) + os.pathsep + environ.get("PYTHONPATH", "")
    command = engine_command(engine, output, engine_args)
    return subprocess.run(command, check=False, env=environ, preexec_fn=_die_with_parent).returncode


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


#: Said once per build without a site address: the one thing that cannot work without it.
NO_SITE_URL = (
    "No GUIDE_SITE_URL: 404.html takes its links and styles from /, so it works only with the guide at the root "
    "of its host (a host serves it at whatever address was missing, at any depth, where no relative link can "
    "find the guide): set GUIDE_SITE_URL if the guide lives in a subfolder. The pages, instant navigation and "
    "search work from any folder without it."
)


def build(site_dir: Path, engine_args: list[str]) -> int:
    """Build the site into a folder beside ``site_dir`` and swap it in on success."""
    site_dir = site_dir.resolve()
    prefix = _building_prefix(site_dir)
    with exclusive(site_dir), tempfile.TemporaryDirectory(prefix=prefix, dir=site_dir.parent) as workdir:
        new_site = Path(workdir) / site_dir.name
        returncode = run_engine(new_site, engine_args)
        if returncode != 0:
            print(f"Build failed: {site_dir} was left as it was.", file=sys.stderr)
            return returncode
        headers_changed = _read(site_dir / NGINX_FILE) != _read(new_site / NGINX_FILE)
        swap_in(new_site, site_dir)
    print(f"Built {site_dir}", file=sys.stderr)
    if not os.environ.get("GUIDE_SITE_URL"):
        print(NO_SITE_URL, file=sys.stderr)
    if headers_changed:
        print(f"The security headers changed: if nginx includes {NGINX_FILE}, reload it.", file=sys.stderr)
    return 0


def edition_name(site: Path) -> str:
    """The guide's short name, as the theme writes it for its storage key."""
    finder = _StoreName()
    finder.feed(_read(site / "index.html") or "")
    return re.sub(r"[^a-z0-9]+", "-", finder.name.lower()).strip("-") or "guide"


class _StoreName(HTMLParser):
    """The content of <meta name="gg-store">, however the minified page quotes and orders it."""

    def __init__(self) -> None:
        super().__init__()
        self.name = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "meta" and found.get("name") == "gg-store" and not self.name:
            self.name = found.get("content") or ""


def write_zip(site: Path, archive: Path, top: str) -> None:
    """Zip ``site`` under one top folder; the archive appears complete or not at all."""
    partial = archive.with_name(f".{archive.name}.part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(site.rglob("*")):
            if path.is_file():
                bundle.write(path, f"{top}/{path.relative_to(site).as_posix()}")
    os.replace(partial, archive)


def build_offline(dist_dir: Path, engine_args: list[str]) -> int:
    """Build the offline edition and write ``<dist_dir>/<name>-offline.zip``."""
    dist_dir = dist_dir.resolve()
    marker = dist_dir / "offline"  # only names the lock and the temporary folders
    env = {**os.environ, "GUIDE_OFFLINE": "true"}
    with exclusive(marker), tempfile.TemporaryDirectory(prefix=_building_prefix(marker), dir=dist_dir) as workdir:
        site = Path(workdir) / "site"
        returncode = run_engine(site, engine_args, env)
        if returncode != 0:
            print("Offline build failed: no zip was written.", file=sys.stderr)
            return returncode
        name = edition_name(site)
        archive = dist_dir / f"{name}-offline.zip"
        write_zip(site, archive, f"{name}-offline")
    print(f"Built {archive}: unzip it and open {name}-offline/index.html", file=sys.stderr)
    return 0


def main(argv: list[str]) -> int:
    try:
        engine = engines.selected()
    except engines.UnknownEngine as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(engine.describe(), file=sys.stderr)
    offline = "--offline" in argv
    engine_args = [arg for arg in argv if arg != "--offline"]
    returncode = build(Path(os.environ.get("GUIDE_SITE_DIR", "site")), engine_args)
    if returncode == 0 and offline:
        returncode = build_offline(Path(os.environ.get("GUIDE_DIST_DIR", "dist")), engine_args)
    return returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
