"""scripts/new-block writes a block skeleton that already builds."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from guidegen.loader import load_guide
from tests.helpers import MINI_GUIDE, ROOT, build, copy_guide, mkdocs_env

NEW_BLOCK = ROOT / "scripts" / "new-block"


def new_block(guide: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = mkdocs_env(guide.parent / "guide")
    return subprocess.run(
        [str(NEW_BLOCK), *args], cwd=guide.parent, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def guide(tmp_path: Path) -> Path:
    return copy_guide(MINI_GUIDE, tmp_path / "guide")


def test_skeleton_gets_the_next_order_and_builds_strict(guide: Path, tmp_path: Path) -> None:
    result = new_block(guide, "1", "Pruning: when & why")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Wrote guide/part-one/pruning-when-why.md: fill in the summary, checklist and text, then run guidegen check.\n"
    )
    loaded = load_guide(guide)
    assert loaded.problems == []
    block = loaded.guide.block("pruning-when-why")
    assert block is not None
    assert block.title == "Pruning: when & why"
    assert block.order == 1 + max(b.order for b in loaded.guide.blocks if b is not block)
    assert [item.section for item in block.checklist] == ["the-idea"]
    site = build(tmp_path / "site", guide)
    assert site.returncode == 0, site.output
    assert "WARNING" not in site.output
    assert (tmp_path / "site" / "part-one" / "pruning-when-why" / "index.html").is_file()


def test_part_can_be_named_by_folder_and_orders_keep_counting(guide: Path) -> None:
    assert new_block(guide, "part-one", "Mulch").returncode == 0
    assert new_block(guide, "part-one", 'Tools "#1" {sharp}').returncode == 0
    loaded = load_guide(guide)
    assert loaded.problems == []
    mulch, tools = loaded.guide.block("mulch"), loaded.guide.block("tools-1-sharp")
    assert mulch is not None and tools is not None
    assert tools.order == mulch.order + 1
    assert tools.title == 'Tools "#1" {sharp}'


def test_never_overwrites(guide: Path) -> None:
    soil = guide / "part-one" / "soil.md"
    before = soil.read_bytes()
    result = new_block(guide, "1", "Soil")
    assert result.returncode == 1
    assert result.stderr == "error: guide/part-one/soil.md already exists; it was left as it is\n"
    assert soil.read_bytes() == before


def test_unknown_part_and_usage(guide: Path) -> None:
    unknown = new_block(guide, "7", "Mulch")
    assert unknown.returncode == 1
    assert unknown.stderr == "error: no part '7' in guide; parts: 1 (part-one/)\n"
    usage = new_block(guide, "1")
    assert usage.returncode == 2
    assert usage.stderr.startswith("usage: guidegen new-block [-h] [-f FILE] PART TITLE")
    empty = new_block(guide, "1", "?!")
    assert empty.returncode == 1
    assert empty.stderr == "error: cannot make a file name from '?!': use some letters or digits\n"
    assert sorted(p.name for p in (guide / "part-one").iterdir()) == ["index.md", "soil.md", "watering.md"]
