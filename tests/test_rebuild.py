"""Builds of one process write the same site: the caches that live across builds (issue 24) change nothing.

``mkdocs serve`` keeps the plugin (and this process's caches: compiled templates, rendered texts,
headings) across every save, so its second build must write exactly what a fresh process writes.
"""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

import pytest

from tests.helpers import DOCS, ENGINE, ROOT, ensure_engine, mkdocs_env

TWO_BUILDS = textwrap.dedent(
    """
    import logging, sys
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    for site in sys.argv[2:]:
        build(load_config(sys.argv[1], site_dir=site, strict=True))
    """
)


def tree(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def differences(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    return sorted(name for name in first.keys() | second.keys() if first.get(name) != second.get(name))


@pytest.mark.skipif(ENGINE.name == "zensical", reason="Zensical runs no plugin: nothing is kept across its builds")
def test_a_second_build_in_the_same_process_writes_the_same_bytes(tmp_path: Path) -> None:
    engine = ensure_engine(ENGINE)
    sites = [tmp_path / "first", tmp_path / "second", tmp_path / "third"]
    command = [str(engine.python()), "-c", TWO_BUILDS, str(ROOT / "mkdocs.yml"), *map(str, sites)]
    process = subprocess.run(command, cwd=ROOT, env=mkdocs_env(DOCS), capture_output=True, text=True, timeout=600)
    assert process.returncode == 0, process.stdout + process.stderr
    first, second, third = (tree(site) for site in sites)
    assert len(first) > 50
    assert differences(first, second) == []
    assert differences(first, third) == []
