"""Safe deploys: the new site is swapped in only when its build succeeded.

Every test runs the real ``python -m guidegen.deploy`` (what ``scripts/build``
runs) on a guide folder, into a site folder under tmp.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from guidegen.deploy import exchange
from tests.helpers import MINI_GUIDE, ROOT, copy_guide, mkdocs_env

BIG_GUIDE_BLOCKS = 150


def _deploy(site: Path, guide: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = mkdocs_env(guide, GUIDE_SITE_DIR=str(site))
    return subprocess.run(
        [sys.executable, "-m", "guidegen.deploy", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the SHA-256 of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _leftovers(site: Path) -> list[str]:
    return sorted(path.name for path in site.parent.glob(f".{site.name}.building-*"))


@pytest.fixture
def live_site(tmp_path: Path) -> Path:
    """A site folder holding a successful build of the mini guide."""
    site = tmp_path / "www" / "site"
    result = _deploy(site, MINI_GUIDE)
    assert result.returncode == 0, result.stderr
    assert (site / "index.html").is_file()
    return site


def test_exchange_swaps_two_folders_atomically(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "mark").write_text("first")
    (second / "mark").write_text("second")
    assert exchange(first, second)
    assert (first / "mark").read_text() == "second"
    assert (second / "mark").read_text() == "first"


def test_successful_build_replaces_the_previous_site(live_site: Path) -> None:
    (live_site / "stale.html").write_text("from the previous deploy")
    result = _deploy(live_site, MINI_GUIDE)
    assert result.returncode == 0, result.stderr
    assert not (live_site / "stale.html").exists()
    assert (live_site / "part-one" / "soil" / "index.html").is_file()
    assert (live_site / "_headers").is_file()
    assert _leftovers(live_site) == []


def test_failed_build_leaves_the_site_byte_for_byte_intact(live_site: Path, tmp_path: Path) -> None:
    before = snapshot(live_site)
    guide = copy_guide(MINI_GUIDE, tmp_path / "broken")
    soil = guide / "part-one" / "soil.md"
    soil.write_text(soil.read_text(encoding="utf-8").replace("order: 1", "order: first"), encoding="utf-8")
    result = _deploy(live_site, guide)
    assert result.returncode != 0
    assert f"Build failed: {live_site} was left as it was." in result.stderr
    assert "soil.md" in result.stderr  # the content error itself is reported
    assert snapshot(live_site) == before
    assert _leftovers(live_site) == []


def _big_guide(target: Path) -> Path:
    """The mini guide plus a part of many blocks: a build that takes a few seconds."""
    guide = copy_guide(MINI_GUIDE, target)
    part = guide / "part-big"
    part.mkdir()
    (part / "index.md").write_text("---\npart: 2\ntitle: Many blocks\nsummary: A long part.\n---\n\n# Many blocks\n")
    for number in range(1, BIG_GUIDE_BLOCKS + 1):
        sections = "\n\n".join(f"## Step {step}\n\n" + "Some words about this step. " * 40 for step in range(1, 9))
        (part / f"block-{number:03}.md").write_text(
            f"---\ntitle: Block {number}\nsummary: Block number {number}.\norder: {number}\n"
            f"checklist:\n  - id: first\n    text: Do the first thing of block {number}.\n"
            f"quiz:\n  - id: q\n    prompt: Is this block {number}?\n    choices:\n"
            f"      - text: 'Yes'\n        correct: true\n      - text: 'No'\n"
            f"    explanation: It is.\n---\n\n# Block {number}\n\n{sections}\n",
            encoding="utf-8",
        )
    return guide


def test_killed_build_leaves_the_site_intact_and_is_cleaned_up_next_time(live_site: Path, tmp_path: Path) -> None:
    before = snapshot(live_site)
    guide = _big_guide(tmp_path / "big")
    env = mkdocs_env(guide, GUIDE_SITE_DIR=str(live_site))
    process = subprocess.Popen(
        [sys.executable, "-m", "guidegen.deploy"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    # Kill it once mkdocs has started writing the new site (static files come
    # first, the slow page rendering after), like a power cut or a Ctrl-C.
    try:
        deadline = time.monotonic() + 120
        while not any(live_site.parent.glob(f".{live_site.name}.building-*/{live_site.name}/assets")):
            assert process.poll() is None, "the build ended before it could be interrupted"
            assert time.monotonic() < deadline, "the build never started writing"
            time.sleep(0.01)
        assert process.poll() is None, "the build ended before it could be interrupted"
    finally:
        os.killpg(process.pid, signal.SIGKILL)
    assert process.wait(timeout=30) == -signal.SIGKILL
    assert not (live_site / "part-big").exists()
    assert snapshot(live_site) == before
    assert len(_leftovers(live_site)) == 1  # the half-written new site, beside the live one

    result = _deploy(live_site, guide)
    assert result.returncode == 0, result.stderr
    assert (live_site / "part-big" / f"block-{BIG_GUIDE_BLOCKS:03}" / "index.html").is_file()
    assert _leftovers(live_site) == []


def _children(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in children]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux-only")
def test_killing_only_the_deploy_process_stops_mkdocs_too(live_site: Path, tmp_path: Path) -> None:
    before = snapshot(live_site)
    guide = _big_guide(tmp_path / "big")
    env = mkdocs_env(guide, GUIDE_SITE_DIR=str(live_site))
    process = subprocess.Popen([sys.executable, "-m", "guidegen.deploy"], cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not any(live_site.parent.glob(f".{live_site.name}.building-*/{live_site.name}/assets")):
        assert process.poll() is None, "the build ended before it could be interrupted"
        assert time.monotonic() < deadline, "the build never started writing"
        time.sleep(0.01)
    mkdocs = _children(process.pid)
    assert len(mkdocs) == 1
    process.kill()  # the deploy process alone, not its process group
    process.wait(timeout=30)
    deadline = time.monotonic() + 30
    while _alive(mkdocs[0]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(mkdocs[0]), "mkdocs kept running after the deploy process was killed"
    assert snapshot(live_site) == before
