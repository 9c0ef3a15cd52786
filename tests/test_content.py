"""The shipped guide meets the content rules of its issue: sizes, originality, no placeholders."""

from __future__ import annotations

import html
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from guidegen.loader import load_guide
from tests.helpers import DOCS, ROOT, attribute_values

ORIGINALITY = ROOT.parent / "shared" / "tools" / "originality"
_QUESTION_FORM = re.compile(r'<form class="gg-question"[^>]*? data-gg-correct="([^"]*)"[^>]*>(.*?)</form>', re.DOTALL)
_SHOWN_CHOICE = re.compile(r'<li class="gg-choice" data-gg-choice="(\d+)"[^>]*>.*?<label[^>]*>(.*?)</label>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
PLACEHOLDERS = re.compile(r"\b(TODO|TBD|FIXME|XXX|lorem ipsum|placeholder)\b", re.IGNORECASE)


def body_words(path: Path) -> int:
    text = path.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    body = re.sub(r"\{#[\w-]+\}", "", body)
    return len(re.findall(r"[A-Za-z0-9']+", body))


def test_guide_has_four_parts_and_at_least_nineteen_blocks() -> None:
    result = load_guide(DOCS)
    assert result.problems == []
    assert [part.number for part in result.guide.parts] == [1, 2, 3, 4]
    assert result.guide.blocks[0].id == "honesty"
    assert len(result.guide.blocks) >= 19
    assert len(result.guide.parts[1].blocks) >= 5
    assert len(result.guide.parts[2].blocks) >= 6
    assert len(result.guide.parts[3].blocks) >= 6


@pytest.mark.parametrize("block", load_guide(DOCS).guide.blocks, ids=lambda block: block.id)
def test_every_block_is_complete(block: object) -> None:
    assert body_words(DOCS / block.src_uri) >= 600  # type: ignore[attr-defined]
    assert len(block.checklist) >= 6  # type: ignore[attr-defined]
    assert all(item.section for item in block.checklist)  # type: ignore[attr-defined]
    assert len(block.quiz) >= 4  # type: ignore[attr-defined]
    assert all(choice.feedback for q in block.quiz for choice in q.choices)  # type: ignore[attr-defined]


def test_no_placeholder_text_anywhere() -> None:
    hits = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted(DOCS.rglob("*.md"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PLACEHOLDERS.search(line)
    ]
    assert hits == []


def test_every_block_links_to_the_safety_page(guide_site: object) -> None:
    for block in load_guide(DOCS).guide.blocks:
        html = (guide_site.site_dir / block.src_uri.removesuffix(".md") / "index.html").read_text()  # type: ignore[attr-defined]
        assert "../../when-to-step-back/" in attribute_values(html, "href"), block.id


def test_guide_is_written_in_its_own_words() -> None:
    if not ORIGINALITY.exists():
        pytest.skip(f"{ORIGINALITY} is not here: the source article never enters the repository")
    process = subprocess.run([str(ORIGINALITY), str(DOCS)], capture_output=True, text=True, check=False)
    assert process.returncode == 0, process.stdout


def shown_single_answer_questions(page_html: str) -> list[tuple[int, bool]]:
    """Single-answer questions of a built page: where the correct choice is shown, and whether it is longest."""
    questions = []
    for correct, form in _QUESTION_FORM.findall(page_html):
        keys = correct.split()
        if len(keys) != 1:
            continue
        shown = [(index, html.unescape(_TAG.sub("", label)).strip()) for index, label in _SHOWN_CHOICE.findall(form)]
        position = [index for index, _ in shown].index(keys[0])
        length = len(shown[position][1])
        longest = all(length > len(text) for n, (_, text) in enumerate(shown) if n != position)
        questions.append((position, longest))
    return questions


def test_built_quizzes_do_not_give_the_answer_away(guide_site: object) -> None:
    """Issue 14: no position holds over half of the correct choices; the correct one is longest in at most half."""
    questions = [
        question
        for block in load_guide(DOCS).guide.blocks
        for question in shown_single_answer_questions(
            (guide_site.site_dir / block.src_uri.removesuffix(".md") / "index.html").read_text()  # type: ignore[attr-defined]
        )
    ]
    singles = sum(not q.select_all for block in load_guide(DOCS).guide.blocks for q in block.quiz)
    assert len(questions) == singles >= 40
    # The quiz page (and so the printed worksheet) shows every question in the same order.
    assert shown_single_answer_questions((guide_site.site_dir / "quiz" / "index.html").read_text()) == questions  # type: ignore[attr-defined]
    positions = Counter(position for position, _ in questions)
    assert max(positions.values()) <= len(questions) / 2, positions
    assert sum(longest for _, longest in questions) <= len(questions) / 2
