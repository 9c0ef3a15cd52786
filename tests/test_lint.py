"""Quiz lint (guidegen/lint.py): each cue named at its question by scripts/check, a fair set left quiet.

The guides are written here, in temporary folders: one with every cue, one
balanced, so what the lint says never depends on the shipped guide's wording.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from guidegen.i18n import available_languages
from guidegen.lint import (
    WORD_LISTS,
    hypergeometric_tail,
    lint,
    lint_words_path,
    load_words,
    poisson_binomial_tail,
)
from guidegen.loader import load_guide
from guidegen.schema import LINT_RULES
from tests.helpers import build
from tests.test_check_script import run_check

Question = tuple[str, str, list[tuple[str, bool]]]  # id, prompt, (choice text, correct)

HOME = """\
---
title: Roses
guide:
  promise: Roses that thrive.
{settings}---

# Roses

<!-- guide:series -->
"""

# Twelve questions a careful author might write: the right choice is the longest in 4, the shortest in 4,
# absolutes sit in right and wrong choices alike, and no choice echoes its prompt alone.
BALANCED: dict[str, list[Question]] = {
    "planting": [
        (
            "when",
            "When do bare-root roses go in the ground?",
            [
                ("In late autumn or early spring", True),
                ("In high summer", False),
                ("Whenever the shop has them", False),
            ],
        ),
        (
            "hole",
            "How big a hole does a new rose need?",
            [
                ("Wider than the roots spread", True),
                ("Just the size of the pot it came in", False),
                ("As deep as a spade handle", False),
            ],
        ),
        (
            "soak",
            "What do bare roots want before planting?",
            [("An hour in a bucket of water", True), ("A coat of fresh manure", False), ("Nothing at all", False)],
        ),
        (
            "graft",
            "Where should the graft union sit in a cold garden?",
            [
                ("A few centimetres below the soil", True),
                ("Well above it", False),
                ("Wherever it ends up after firming", False),
            ],
        ),
    ],
    "feeding": [
        (
            "start",
            "When does feeding start?",
            [
                ("As the first leaves open", True),
                ("In the first frost", False),
                ("Always in midwinter, when the plant rests", False),
            ],
        ),
        (
            "kind",
            "Which food suits roses best?",
            [
                ("A balanced feed", True),
                ("Pure nitrogen, as much as it takes", False),
                ("Table salt in the watering can", False),
            ],
        ),
        (
            "stop",
            "When should feeding stop for the year?",
            [
                ("In late summer, to let new wood harden", True),
                ("Never, as roses are always hungry", False),
                ("In spring", False),
            ],
        ),
        (
            "sign",
            "Yellow leaves with green veins usually mean what?",
            [("A lack of iron or magnesium", True), ("Too much sun", False), ("The rose is old", False)],
        ),
    ],
    "pruning": [
        (
            "cut",
            "Where does a pruning cut go?",
            [
                ("Just above an outward-facing bud", True),
                ("Anywhere on the stem", False),
                ("Always flush with the ground", False),
            ],
        ),
        (
            "tool",
            "What makes the cleanest cut?",
            [("Sharp bypass secateurs", True), ("A blunt kitchen knife", False), ("Tearing by hand", False)],
        ),
        (
            "dead",
            "What happens to dead wood?",
            [
                ("It comes out first, every time", True),
                ("It stays for shape", False),
                ("It gets a coat of paint", False),
            ],
        ),
        (
            "climbers",
            "How are climbers trained?",
            [
                ("Along horizontal wires", True),
                ("Straight up a single cane", False),
                ("Left to flop over the lawn", False),
            ],
        ),
    ],
}


def _choice(text: str, correct: bool) -> str:
    return f"      - text: {json.dumps(text)}\n" + ("        correct: true\n" if correct else "")


def _block(block_id: str, order: int, questions: list[Question]) -> str:
    quiz = "".join(
        f"  - id: {question_id}\n    prompt: {json.dumps(prompt)}\n"
        + "    choices:\n"
        + "".join(_choice(text, correct) for text, correct in choices)
        + "    explanation: See the text above.\n"
        for question_id, prompt, choices in questions
    )
    return (
        f"---\ntitle: {block_id.capitalize()}\nsummary: About {block_id}.\norder: {order}\n"
        f"checklist:\n  - id: do-it\n    text: Do it.\nquiz:\n{quiz}---\n\n# {block_id.capitalize()}\n\nText.\n"
    )


def write_guide(folder: Path, parts: list[dict[str, list[Question]]], settings: str = "") -> Path:
    folder.mkdir(parents=True)
    (folder / "index.md").write_text(HOME.format(settings=settings), encoding="utf-8")
    for number, blocks in enumerate(parts, 1):
        part = folder / f"part-{number}"
        part.mkdir()
        (part / "index.md").write_text(
            f"---\npart: {number}\ntitle: Part {number}\nsummary: Part {number}.\n---\n\n# Part {number}\n",
            encoding="utf-8",
        )
        for order, (block_id, questions) in enumerate(blocks.items(), 1):
            (part / f"{block_id}.md").write_text(_block(block_id, order, questions), encoding="utf-8")
    return folder


def line_of(path: Path, text: str, after: str = "") -> int:
    """The 1-based line of the first line holding ``text`` (after the one holding ``after``)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines) if i >= start and text in line) + 1


# Part 2: each per-question cue once, and a reason clause ("because") that marks the right choice in all six.
CUES: dict[str, list[Question]] = {
    "mulch": [
        (
            "depth",
            "How deep should mulch be?",
            [
                ("Five centimetres, kept off the stems because they rot", True),
                ("Ten centimetres", False),
                ("As deep as you like", False),
            ],
        ),
        (
            "above",
            "Which mulches feed the soil?",
            [
                ("Leaf mould, because it rots down", True),
                ("Compost and well-rotted bark chips", False),
                ("All of the above", False),
            ],
        ),
        (
            "twice",
            "What keeps mulch from blowing away?",
            [
                ("Watering it, because it settles", True),
                ("Raking it into a tidy ring", False),
                ("Raking it into a tidy ring.", False),
            ],
        ),
    ],
    "pests": [
        (
            "aphids",
            "When should you spray roses against aphids?",
            [
                ("Spray roses when aphids gather, because few predators come yet", True),
                ("In the middle of a hot, bright afternoon without looking", False),
                ("On a windy day so the mist travels further", False),
            ],
        ),
        (
            "repeat",
            "Which mulches feed the soil?",
            [
                ("Compost, because worms take it down", True),
                ("Gravel, grey slate and glass chips", False),
                ("Plastic sheeting pinned down tight", False),
            ],
        ),
        (
            "spot",
            "What is black spot?",
            [
                ("A fungus, because spores splash up", True),
                ("Soot from the neighbour's chimney", False),
                ("A harmless trick of the autumn light", False),
            ],
        ),
    ],
}


# Part 3: the right choice is the shortest in all six questions, (1/3)^6 = 1 in 729 by chance.
SHORTEST: dict[str, list[Question]] = {
    "light": [
        (
            "sun",
            "How much sun do roses want?",
            [
                ("Six hours", True),
                ("Whatever the corner of the garden gets", False),
                ("Deep shade under old trees", False),
            ],
        ),
        (
            "wind",
            "What does a windy site do to them?",
            [
                ("Rocks them", True),
                ("Makes the flowers twice as large", False),
                ("It has no effect worth noting", False),
            ],
        ),
        (
            "wall",
            "Which wall suits a climber?",
            [
                ("A warm one", True),
                ("A damp, north-facing one by the bins", False),
                ("The cold side of the shed", False),
            ],
        ),
    ],
    "soil": [
        (
            "type",
            "What ground do they like?",
            [
                ("Rich loam", True),
                ("Pure sand straight from the beach", False),
                ("Builder's rubble and old bricks", False),
            ],
        ),
        (
            "drain",
            "What harms them after heavy rain?",
            [("Wet feet", True), ("A rainbow over the garden", False), ("Puddles on the path next door", False)],
        ),
        (
            "tired",
            "Why does a new rose fail where an old one grew?",
            [
                ("Replant disease", True),
                ("It misses the old rose's company", False),
                ("The spot remembers the old colour", False),
            ],
        ),
    ],
}


def _cue_guide(tmp_path: Path, settings: str = "") -> Path:
    return write_guide(tmp_path / "guide", [BALANCED, CUES, SHORTEST], settings)


def test_a_fair_well_written_set_gets_no_warning(tmp_path: Path) -> None:
    write_guide(tmp_path / "guide", [BALANCED])
    result = run_check(tmp_path, "guide")
    assert result.stdout == "No problems: 1 part and 3 blocks in guide.\n"
    assert result.returncode == 0


BECAUSE = (
    "warning: 'because' marks this right choice and no wrong one, as reason clauses do across the guide (0 of 48"
    " wrong choices, 6 of 24 right ones): readers learn to pick choices that say it (give some wrong choices a"
    " reason too, or let the right ones stand without one) [cue-words]"
)
SHORTEST_CUE = (
    "warning: the right choice is the shortest of its choices, as in 6 of 6 single-answer questions of part 3"
    " (about 2 by chance): always picking the shortest passes without reading (let some right choices say more,"
    " or say some wrong ones more briefly) [length-pattern]"
)


def test_check_names_each_cue_at_its_question(tmp_path: Path) -> None:
    _cue_guide(tmp_path)
    result = run_check(tmp_path, "guide")
    assert result.stdout.splitlines() == [
        "guide/part-2/mulch.md:9:5: quiz['depth']: warning: the right choice is 53 characters long, the longest"
        " wrong one 19: the one that says most gives itself away (give some wrong choices the same detail and"
        " care as the right one, or say the right one more briefly) [long-answer]",
        f"guide/part-2/mulch.md:12:9: quiz['depth'].choices[1]: {BECAUSE}",
        f"guide/part-2/mulch.md:20:9: quiz['above'].choices[1]: {BECAUSE}",
        "guide/part-2/mulch.md:23:9: quiz['above'].choices[3]: warning: 'all of the above' in a question whose"
        " choices are shuffled: it may be shown first, above nothing (replace it with a choice that stands on its"
        " own, or set 'shuffle: false' and put it last) [all-of-the-above]",
        f"guide/part-2/mulch.md:28:9: quiz['twice'].choices[1]: {BECAUSE}",
        "guide/part-2/mulch.md:31:9: quiz['twice'].choices[3]: warning: says the same as choices[2] (make each"
        " choice say something different) [duplicate-choices]",
        f"guide/part-2/pests.md:12:9: quiz['aphids'].choices[1]: {BECAUSE}",
        "guide/part-2/pests.md:12:9: quiz['aphids'].choices[1]: warning: only the right choice repeats the"
        " prompt's 'aphids', 'roses', 'spray': a reader can match words instead of reading (say it in other"
        " words, or let a wrong choice echo the prompt too) [prompt-echo]",
        "guide/part-2/pests.md:17:5: quiz['repeat']: warning: the prompt is the same as that of quiz['above']"
        " (guide/part-2/mulch.md:17) (ask each question once, or ask another) [repeated-prompt]",
        f"guide/part-2/pests.md:20:9: quiz['repeat'].choices[1]: {BECAUSE}",
        f"guide/part-2/pests.md:28:9: quiz['spot'].choices[1]: {BECAUSE}",
        *(
            f"guide/part-3/{block}.md:{line}:5: quiz['{question}']: {SHORTEST_CUE}"
            for block, questions in (("light", ("sun", "wind", "wall")), ("soil", ("type", "drain", "tired")))
            for line, question in zip((9, 17, 25), questions, strict=True)
        ),
        "No problems: 3 parts and 7 blocks in guide.",
    ]
    assert result.returncode == 0  # warnings, not problems
    # The lines are where the question and the choice are.
    mulch = tmp_path / "guide" / "part-2" / "mulch.md"
    assert (line_of(mulch, "- id: depth"), line_of(mulch, "All of the above")) == (9, 23)


def test_near_duplicate_choices_and_prompts(tmp_path: Path) -> None:
    blocks = {
        "near": [
            (
                "early",
                "At what time of day should roses be watered?",
                [
                    ("Water the roots early in the morning", True),
                    ("Water the roots in the early morning", False),
                    ("At dusk, over the leaves", False),
                ],
            ),
            (
                "again",
                "At what time of day should roses be watered then?",
                [("Early", True), ("Late", False), ("At noon", False)],
            ),
        ]
    }
    guide = write_guide(tmp_path / "guide", [blocks])
    found = [(w.field, w.message) for w in lint(load_guide(guide).guide, guide)]
    assert found == [
        ("quiz['early'].choices[2]", "says nearly the same as choices[1]"),
        ("quiz['again']", f"the prompt is nearly the same as that of quiz['early'] ({guide}/part-1/near.md:9)"),
    ]


def test_absolutes_in_wrong_choices_only_are_named_at_each_choice(tmp_path: Path) -> None:
    absolute = {
        f"b{n}": [
            (
                f"q{n}",
                f"Question about topic {n}?",
                [
                    (f"Right answer number {n}", True),
                    (f"Never do thing {n}", False),
                    (f"Always do other {n}", False),
                ],
            )
        ]
        for n in range(7)
    }
    guide = write_guide(tmp_path / "guide", [absolute])
    warnings = lint(load_guide(guide).guide, guide)
    cue = [w for w in warnings if w.rule == "cue-words"]
    assert len(cue) == 14
    first = guide / "part-1" / "b0.md"
    assert str(cue[0]) == (
        f"{first}:{line_of(first, 'Never do')}:9: quiz['q0'].choices[2]: warning: 'never' marks this wrong choice"
        " and no right one, as absolutes do across the guide (14 of 14 wrong choices, 0 of 7 right ones): readers"
        " learn to rule out choices that say it (word some right choices as absolutely where that is true, or word"
        " the wrong ones without absolutes) [cue-words]"
    )


def test_a_guide_switches_a_rule_off_with_a_reason(tmp_path: Path) -> None:
    settings = '  lint:\n    off:\n      repeated-prompt: "part 2 asks the mulch question again on purpose"\n'
    guide = _cue_guide(tmp_path, settings)
    result = load_guide(guide)
    assert result.problems == []
    assert result.guide.settings.lint_off == {"repeated-prompt": "part 2 asks the mulch question again on purpose"}
    rules = {w.rule for w in lint(result.guide, guide)}
    assert "repeated-prompt" not in rules
    assert "duplicate-choices" in rules


def test_an_unknown_rule_or_a_missing_reason_is_a_problem_at_its_line(tmp_path: Path) -> None:
    settings = "  lint:\n    off:\n      long-answers: because\n      cue-words:\n"
    guide = write_guide(tmp_path / "guide", [BALANCED], settings)
    result = run_check(tmp_path, "guide")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "guide/index.md:7:7: guide.lint.off.long-answers: unknown key (did you mean 'long-answer'?)",
        "guide/index.md:8:17: guide.lint.off.cue-words: must not be empty",
        "2 problems in 1 file.",
    ]
    assert guide.is_dir()


def test_warnings_in_github_and_json_formats(tmp_path: Path) -> None:
    guide = _cue_guide(tmp_path)
    github = run_check(tmp_path, "--format", "github", "guide").stdout.splitlines()
    where = line_of(guide / "part-2" / "mulch.md", "tidy ring.")
    assert (
        f"::warning file=guide/part-2/mulch.md,line={where},col=9,title=quiz['twice'].choices[3] [duplicate-choices]"
        "::says the same as choices[2] (make each choice say something different)"
    ) in github
    output = json.loads(run_check(tmp_path, "--format", "json", "guide").stdout)
    assert {
        "path": "guide/part-2/mulch.md",
        "line": where,
        "column": 9,
        "field": "quiz['twice'].choices[3]",
        "rule": "duplicate-choices",
        "message": "says the same as choices[2]",
        "hint": "make each choice say something different",
    } in output["warnings"]


def test_the_build_stays_quiet_about_cues(tmp_path: Path) -> None:
    """Warnings would fail `mkdocs build --strict`: the lint is the author's check, not the build's."""
    result = build(tmp_path / "site", _cue_guide(tmp_path))
    assert result.returncode == 0, result.output
    assert "warning" not in result.output.lower()


def test_chance_is_computed_exactly() -> None:
    # Six three-choice questions, the right choice shortest in all six: (1/3)^6.
    assert poisson_binomial_tail([1 / 3] * 6, 6) == pytest.approx(1 / 729)
    assert poisson_binomial_tail([1 / 3] * 6, 0) == pytest.approx(1)
    # 6 cue words among 18 right and 36 wrong choices, all six in right ones.
    assert hypergeometric_tail(54, 6, 18, 6) == pytest.approx(
        18 * 17 * 16 * 15 * 14 * 13 / (54 * 53 * 52 * 51 * 50 * 49)
    )


def test_every_language_has_the_word_lists() -> None:
    for language in available_languages():
        data = yaml.safe_load(lint_words_path(language).read_text(encoding="utf-8"))
        assert sorted(data) == sorted(WORD_LISTS), language
        assert all(data[name] and all(isinstance(w, str) and w for w in data[name]) for name in WORD_LISTS)
        assert load_words(language) is not None
    assert load_words("pt") is None  # no list: the rules that need words are skipped
    assert sorted(LINT_RULES) == sorted(
        [
            "length-pattern",
            "long-answer",
            "cue-words",
            "all-of-the-above",
            "duplicate-choices",
            "repeated-prompt",
            "prompt-echo",
        ]
    )
