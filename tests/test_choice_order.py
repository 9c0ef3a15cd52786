"""Choice order: a stable shuffle seeded by each question's id, the same on every page and sheet.

The front-matter goes in, the real loader and a real strict build come out; the
orders below are what SHA-256 gives for these ids, so they are the same on any
machine and any Python.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from guidegen.loader import load_guide
from guidegen.model import shuffled
from tests.helpers import MINI_GUIDE, ROOT, BuildResult, build, copy_guide
from tests.test_check_script import run_check

PESTS = """\
---
title: Pests
summary: Keep pests away.
order: 10
checklist:
  - id: look
    text: Look under the leaves.
quiz:
  - id: order
    prompt: Which one?
    choices:
      - text: Alpha
      - text: Bravo
        feedback: Not this one.
      - text: Charlie
        correct: true
      - text: Delta
    explanation: Charlie it is.
  - id: fixed
    prompt: What do plants need?
    shuffle: false
    choices:
      - text: Water
      - text: Light
      - text: All of the above
        correct: true
    explanation: Both.
---

# Pests
"""
SHOWN_ORDER = ["Delta", "Bravo", "Charlie", "Alpha"]  # authored indexes 3, 1, 2, 0
AUTHORED_FIXED = ["Water", "Light", "All of the above"]
_FORM = re.compile(
    r'<form class="gg-question"[^>]*data-gg-question="([^"]+)"[^>]*data-gg-correct="([^"]*)"[^>]*>(.*?)</form>', re.S
)
_CHOICE = re.compile(
    r'<li class="gg-choice" data-gg-choice="(\d+)" data-gg-letter="(\w)">'
    r'\s*<input[^>]*value="(\d+)">\s*<label[^>]*>(.*?)</label>',
    re.S,
)
_KEY_ITEM = re.compile(r'<div class="gg-answer-key__item">\s*<p><strong>(\d+)\. ([^<]*)</strong></p>')


def _pests_guide(tmp_path: Path, pests: str = PESTS, home: str | None = None) -> Path:
    guide = copy_guide(MINI_GUIDE, tmp_path / "guide")
    (guide / "part-one" / "pests.md").write_text(pests, encoding="utf-8")
    if home is not None:
        (guide / "index.md").write_text(home, encoding="utf-8")
    return guide


def _shown(guide: Path) -> dict[str, list[str]]:
    result = load_guide(guide)
    assert result.problems == []
    return {f"{b.id}/{q.id}": [choice.text for _, choice in q.shown] for b in result.guide.blocks for q in b.quiz}


def questions(page_html: str) -> dict[str, dict[str, object]]:
    """Each question of a built page: its shown choices (authored index, letter, value, text) and key."""
    found = {}
    for key, correct, form in _FORM.findall(page_html):
        choices = [(int(i), letter, int(v), html.unescape(t)) for i, letter, v, t in _CHOICE.findall(form)]
        answer = form.split('<details class="gg-question__answer">', 1)[1]
        found[key] = {"choices": choices, "correct": [int(i) for i in correct.split()], "answer": answer}
    return found


def test_the_shuffle_is_sha256_of_the_seed_on_every_machine_and_python() -> None:
    assert shuffled("pests/order", 4) == [3, 1, 2, 0]
    assert shuffled("watering/when", 2) == [1, 0]
    assert shuffled("soil/signs", 3) == [0, 2, 1]
    # Not hash(): a process with another hash seed shuffles the same way.
    code = "from guidegen.model import shuffled; print(shuffled('pests/order', 4), shuffled('x', 6))"
    for seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        output = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        assert output.stdout == "[3, 1, 2, 0] [0, 3, 1, 2, 4, 5]\n"


def test_front_matter_in_shuffled_order_out_and_shuffle_false_keeps_it(tmp_path: Path) -> None:
    shown = _shown(_pests_guide(tmp_path))
    assert shown["pests/order"] == SHOWN_ORDER
    assert shown["pests/fixed"] == AUTHORED_FIXED  # shuffled it would be Light, Water, All of the above
    assert shown["watering/when"] == ["Early morning", "Midday"]


def test_the_guide_can_turn_shuffling_off_and_a_question_back_on(tmp_path: Path) -> None:
    home = "---\ntitle: Gardening basics\nguide:\n  safety_page: safety.md\n  shuffle: false\n---\n\n# Gardening\n"
    pests = PESTS.replace("    shuffle: false\n", "    shuffle: true\n")
    shown = _shown(_pests_guide(tmp_path, pests, home))
    assert shown["pests/order"] == ["Alpha", "Bravo", "Charlie", "Delta"]
    assert shown["watering/when"] == ["Midday", "Early morning"]
    assert shown["pests/fixed"] == ["Light", "Water", "All of the above"]


def test_a_shuffle_that_is_not_true_or_false_is_reported_at_its_line(tmp_path: Path) -> None:
    home = "---\ntitle: Gardening basics\nguide:\n  safety_page: safety.md\n  shuffle: sometimes\n---\n"
    guide = _pests_guide(tmp_path, PESTS.replace("shuffle: false", "shuffle: 0"), home)
    result = run_check(tmp_path, "guide")
    assert result.stdout.splitlines() == [
        "guide/index.md:5:12: guide.shuffle: must be true or false, not the text 'sometimes' (write true or false)",
        "guide/part-one/pests.md:21:14: quiz['fixed'].shuffle: must be true or false, not the text '0'"
        " (write true or false)",
        "2 problems in 2 files.",
    ]
    assert result.returncode == 1
    assert guide.is_dir()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    tmp_path = tmp_path_factory.mktemp("order")
    site = build(tmp_path / "site", _pests_guide(tmp_path))
    assert site.returncode == 0, site.output
    return site


def test_block_page_and_quiz_page_show_the_same_order_with_letters_by_position(built: BuildResult) -> None:
    block = questions((built.site_dir / "part-one" / "pests" / "index.html").read_text())
    quiz = questions((built.site_dir / "quiz" / "index.html").read_text())
    for page in (block, quiz):
        order = page["pests/order"]
        # Shown Delta, Bravo, Charlie, Alpha; each keeps its authored index as value; letters follow the position.
        assert order["choices"] == [
            (3, "A", 3, "Delta"),
            (1, "B", 1, "Bravo"),
            (2, "C", 2, "Charlie"),
            (0, "D", 0, "Alpha"),
        ]
        assert order["correct"] == [2]
        assert [text for *_, text in page["pests/fixed"]["choices"]] == AUTHORED_FIXED
        # "Show answer" (the no-JavaScript key) names the same choices, its feedback keyed by authored index.
        assert '<span class="gg-answer__text">Charlie</span>' in order["answer"]
        assert 'data-gg-feedback="1">Not this one.' in order["answer"]
    assert block["pests/order"]["choices"] == quiz["pests/order"]["choices"]
    # Select-all: the key lists the authored indexes of the correct choices in shown order.
    assert [text for *_, text in quiz["soil/signs"]["choices"]] == ["Earthworms", "A grey crust", "Crumbly texture"]
    assert quiz["soil/signs"]["correct"] == [0, 1]


def test_the_worksheet_answer_key_gives_the_letters_of_the_shown_order(built: BuildResult) -> None:
    page = (built.site_dir / "quiz" / "index.html").read_text()
    # soil/signs, watering/when, pests/order, pests/fixed, in series order.
    assert _KEY_ITEM.findall(page) == [("1", "A, C"), ("2", "A"), ("3", "C"), ("4", "C")]


# --- scripts/check: correct answers that cluster ----------------------------------------------


def _quiz_block(positions: list[int], longest: bool = True, shuffle: bool = False) -> str:
    """A block of single-answer questions, the correct choice authored at each of `positions`
    and, if `longest`, longer than the others."""
    questions = []
    for number, correct_at in enumerate(positions):
        # Without `longest`, "Asks" is as long as "Wait": neither the longest nor the shortest.
        texts = ["Wait", "Ask them what they would like to happen next" if longest else "Asks", "Leave"]
        texts[1], texts[correct_at] = texts[correct_at], texts[1]
        choices = "".join(
            f"      - text: {text}\n" + ("        correct: true\n" if n == correct_at else "")
            for n, text in enumerate(texts)
        )
        questions.append(
            f"  - id: q{number}\n    prompt: Question {number}?\n"
            + ("" if shuffle else "    shuffle: false\n")
            + f"    choices:\n{choices}    explanation: Because.\n"
        )
    return PESTS.split("quiz:\n")[0] + "quiz:\n" + "".join(questions) + "---\n\n# Pests\n"


# With the mini guide's one single-answer question (watering/when: "Early morning", the longer
# choice, is right and shown first), ten more make 11.
POSITION_WARNING = (
    "guide: warning: the correct choice is shown in position 2 in 10 of 11 single-answer questions,"
    " so always picking that position passes most of the quiz without reading (10 of them set"
    " 'shuffle: false' (or the guide does): let the generator shuffle those whose order does not"
    " matter, or move their correct choice elsewhere)"
)
LONG_HINT = "give some wrong choices the same detail and care as the right one, or say the right one more briefly"
# The length cue is the quiz lint's (tests/test_lint.py), at each question: ten right choices far longer than the
# others, and watering/when, whose right choice is the longest, as in 11 of 11.
LENGTH_WARNINGS = [
    *(
        f"guide/part-one/pests.md:{9 + 9 * n}:5: quiz['q{n}']: warning: the right choice is 44 characters long,"
        f" the longest wrong one 5: the one that says most gives itself away ({LONG_HINT}) [long-answer]"
        for n in range(10)
    ),
    "guide/part-one/watering.md:13:5: quiz['when']: warning: the right choice is the longest of its choices,"
    " as in 11 of 11 single-answer questions of part 1 (about 4 by chance): always picking the longest passes"
    f" without reading ({LONG_HINT}) [length-pattern]",
]
ALL_CLEAR = "No problems: 1 part and 3 blocks in guide."


def test_check_warns_when_correct_answers_cluster_by_position_or_length(tmp_path: Path) -> None:
    _pests_guide(tmp_path, _quiz_block([1] * 10))
    result = run_check(tmp_path, "guide")
    assert result.stdout.splitlines() == [*LENGTH_WARNINGS, POSITION_WARNING, ALL_CLEAR]
    assert result.returncode == 0  # a warning, not a problem


def test_check_warns_about_a_cluster_the_shuffle_made_too(tmp_path: Path) -> None:
    # Shuffled by their ids, q0, q1, q5, q7 and q9 show their answer first, like watering/when: 6 of 11.
    _pests_guide(tmp_path, _quiz_block([1] * 10, longest=False, shuffle=True))
    assert run_check(tmp_path, "guide").stdout.splitlines() == [
        "guide: warning: the correct choice is shown in position 1 in 6 of 11 single-answer questions,"
        " so always picking that position passes most of the quiz without reading (for a few of them,"
        " set 'shuffle: false' and put the correct choice in another position)",
        ALL_CLEAR,
    ]


def test_check_warnings_in_github_and_json_formats(tmp_path: Path) -> None:
    _pests_guide(tmp_path, _quiz_block([1] * 10))
    github = run_check(tmp_path, "--format", "github", "guide").stdout.splitlines()
    assert len(github) == 13
    assert github[0] == (
        "::warning file=guide/part-one/pests.md,line=9,col=5,title=quiz['q0'] [long-answer]::the right choice is"
        f" 44 characters long, the longest wrong one 5: the one that says most gives itself away ({LONG_HINT})"
    )
    assert github[-2:] == ["::warning title=quiz::" + POSITION_WARNING.removeprefix("guide: warning: "), ALL_CLEAR]
    output = json.loads(run_check(tmp_path, "--format", "json", "guide").stdout)
    assert output["problems"] == []
    assert output["warnings"][10] == {
        "path": "guide/part-one/watering.md",
        "line": 13,
        "column": 5,
        "field": "quiz['when']",
        "rule": "length-pattern",
        "message": "the right choice is the longest of its choices, as in 11 of 11 single-answer questions of"
        " part 1 (about 4 by chance): always picking the longest passes without reading",
        "hint": LONG_HINT,
    }
    assert output["warnings"][11] == {
        "message": "the correct choice is shown in position 2 in 10 of 11 single-answer questions,"
        " so always picking that position passes most of the quiz without reading",
        "hint": POSITION_WARNING.split("(", 1)[1].removesuffix(")"),
    }


def test_no_warning_for_a_balanced_quiz_or_too_few_questions(tmp_path: Path) -> None:
    # Positions 1, 2 and 3 hold 4, 4 and 3 of 11; the correct choice is the longest only in watering/when.
    _pests_guide(tmp_path / "a", _quiz_block([0, 1, 2] * 3 + [1], longest=False))
    assert run_check(tmp_path / "a", "guide").stdout == ALL_CLEAR + "\n"
    # Every answer second, but only 9 single-answer questions: too few to judge.
    _pests_guide(tmp_path / "b", _quiz_block([1] * 8, longest=False))
    assert run_check(tmp_path / "b", "guide").stdout == ALL_CLEAR + "\n"


def test_the_build_stays_quiet_about_clusters(tmp_path: Path) -> None:
    """A warning would fail `mkdocs build --strict`: clustering is the author's check, not the build's."""
    result = build(tmp_path / "site", _pests_guide(tmp_path, _quiz_block([1] * 10)))
    assert result.returncode == 0, result.output
    assert "single-answer" not in result.output
    assert "warning" not in result.output.lower()
