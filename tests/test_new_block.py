"""scripts/new-block writes a block skeleton that already builds."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from guidegen.i18n import load_catalog
from guidegen.loader import load_guide
from guidegen.problems import display_path
from tests.helpers import MINI_GUIDE, ROOT, build, copy_guide, mkdocs_env
from tests.test_check_script import run_check
from tests.test_languages import english_found

NEW_BLOCK = ROOT / "scripts" / "new-block"


def new_block(guide: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    env = mkdocs_env(guide.parent / "guide", **extra)
    return subprocess.run(
        [str(NEW_BLOCK), *args], cwd=guide.parent, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def guide(tmp_path: Path) -> Path:
    return copy_guide(MINI_GUIDE, tmp_path / "guide")


PLACEHOLDER_HINT = "replace it with your own words: a guide with placeholders left does not build"


def fill_in(path: Path, language: str = "en") -> None:
    """Do what the author does: replace each placeholder of the skeleton with real text."""
    catalog = load_catalog(language)
    text = path.read_text(encoding="utf-8")
    for key in ("new_block.summary", "new_block.item", "new_block.text"):
        text = text.replace(catalog.text(key), f"Real words {key}.")
    path.write_text(text, encoding="utf-8")


def test_skeleton_gets_the_next_order_and_is_shown_while_its_placeholders_fail_check(guide: Path) -> None:
    result = new_block(guide, "1", "Pruning: when & why")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Wrote guide/part-one/pruning-when-why.md: fill in the summary, checklist and text, then run guidegen check.\n"
    )
    loaded = load_guide(guide)
    # The placeholders are problems at their lines, yet the block is in the guide: `mkdocs serve` shows it.
    path = display_path(guide / "part-one" / "pruning-when-why.md")
    assert [str(problem) for problem in loaded.problems] == [
        f"{path}:3:10: summary: 'TODO: one sentence on what this block...' is placeholder text from"
        f" guidegen new-block ({PLACEHOLDER_HINT})",
        f"{path}:8:11: checklist['first-step'].text: 'TODO: one concrete thing to do.' is placeholder text from"
        f" guidegen new-block ({PLACEHOLDER_HINT})",
        f"{path}:27:1: 'TODO: the block's text.' is placeholder text from guidegen new-block ({PLACEHOLDER_HINT})",
    ]
    block = loaded.guide.block("pruning-when-why")
    assert block is not None
    assert block.title == "Pruning: when & why"
    assert block.order == 1 + max(b.order for b in loaded.guide.blocks if b is not block)
    assert [item.section for item in block.checklist] == ["the-idea"]
    assert block.heading("the-idea") is not None


def test_a_placeholder_left_fails_check_and_build_at_its_line(guide: Path, tmp_path: Path) -> None:
    assert new_block(guide, "1", "Mulch").returncode == 0
    path = guide / "part-one" / "mulch.md"
    fill_in(path)
    text = path.read_text(encoding="utf-8").replace("Real words new_block.item.", "TODO: one concrete thing to do.")
    path.write_text(text, encoding="utf-8")
    problem = (
        "guide/part-one/mulch.md:8:11: checklist['first-step'].text: 'TODO: one concrete thing to do.' is"
        f" placeholder text from guidegen new-block ({PLACEHOLDER_HINT})"
    )
    check = run_check(tmp_path, "guide")
    assert (check.returncode, check.stdout.splitlines()) == (1, [problem, "1 problem in 1 file."])
    site = build(tmp_path / "site", guide)
    assert site.returncode == 1
    assert f"ERROR   -  {display_path(path)}:8:11: checklist['first-step'].text: 'TODO: one concrete" in site.output
    assert not (tmp_path / "site" / "part-one" / "mulch" / "index.html").exists()
    # Filled in, it builds strict.
    fill_in(path)
    site = build(tmp_path / "site", guide)
    assert site.returncode == 0, site.output
    assert "WARNING" not in site.output
    assert (tmp_path / "site" / "part-one" / "mulch" / "index.html").is_file()


def test_in_a_french_guide_the_skeleton_is_french(guide: Path) -> None:
    result = new_block(guide, "1", "Tailler les rosiers", GUIDE_LANGUAGE="fr")
    assert result.returncode == 0, result.stderr
    text = (guide / "part-one" / "tailler-les-rosiers.md").read_text(encoding="utf-8")
    assert 'summary: "À FAIRE : une phrase sur ce que ce bloc aide le lecteur à faire."' in text
    assert 'text: "À FAIRE : une chose concrète à faire."' in text
    assert '#     prompt: "À FAIRE : la question"' in text
    assert text.endswith("# Tailler les rosiers\n\n## L\u2019idée {#the-idea}\n\nÀ FAIRE : le texte du bloc.\n")
    assert english_found(text.split("---")[2], "fr") == []
    loaded = load_guide(guide, language="fr")
    assert {p.message.split("' is ")[1] for p in loaded.problems} == {"placeholder text from guidegen new-block"}
    assert len(loaded.problems) == 3
    block = loaded.guide.block("tailler-les-rosiers")
    assert block is not None and block.heading("the-idea") is not None


def test_part_can_be_named_by_folder_and_orders_keep_counting(guide: Path) -> None:
    assert new_block(guide, "part-one", "Mulch").returncode == 0
    assert new_block(guide, "part-one", 'Tools "#1" {sharp}').returncode == 0
    loaded = load_guide(guide)
    assert {p.path for p in loaded.problems} == {
        display_path(guide / "part-one" / "mulch.md"),
        display_path(guide / "part-one" / "tools-1-sharp.md"),
    }  # their placeholders
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
