"""Whether a guide's quizzes give their answers away, measured as readers see them.

A reader who notices that the right answer is usually the second choice, or
usually the longest one, can pass without reading. ``answer_clusters`` looks at
the guide's single-answer questions in their shown order (after the shuffle) and
warns when one position holds the answer in more than half of them. Length and
the other cues are ``guidegen.lint``'s.
Select-all questions are left out: they have no one position to learn.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from guidegen.model import Guide, Question

#: Below this many single-answer questions "more than half" is 3 of 4 or 5 of 8, which a
#: fair shuffle of three choices gives about a third or a quarter of the time: noise, and
#: too few questions for a reader to learn a pattern from.
MIN_QUESTIONS = 10

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"[*`]|(?<!\w)_|_(?!\w)")


@dataclass(frozen=True)
class Advice:
    """A warning about the guide as a whole: it builds, but could be better."""

    message: str
    hint: str

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})"


def shown_text(text: str) -> str:
    """An inline-Markdown text as readers see it: link targets and marks left out, spaces folded."""
    return " ".join(_MARKS.sub("", _LINK.sub(r"\1", text)).split())


def shown_length(text: str) -> int:
    """The length of an inline-Markdown text as readers see it."""
    return len(shown_text(text))


def correct_position(question: Question) -> int:
    """Where the (single) correct choice is shown, counting from 0."""
    return next(position for position, (_, choice) in enumerate(question.shown) if choice.correct)


def answer_clusters(guide: Guide) -> list[Advice]:
    questions = [question for block in guide.blocks for question in block.quiz if not question.select_all]
    total = len(questions)
    if total < MIN_QUESTIONS:
        return []
    advice = []
    positions = Counter(correct_position(question) for question in questions)
    position, count = min(positions.items(), key=lambda item: (-item[1], item[0]))
    if count * 2 > total:
        fixed = sum(not q.order for q in questions if correct_position(q) == position)
        hint = (
            f"{fixed} of them set 'shuffle: false' (or the guide does): let the generator shuffle"
            " those whose order does not matter, or move their correct choice elsewhere"
            if fixed
            else "for a few of them, set 'shuffle: false' and put the correct choice in another position"
        )
        advice.append(
            Advice(
                f"the correct choice is shown in position {position + 1} in {count} of {total} single-answer"
                " questions, so always picking that position passes most of the quiz without reading",
                hint,
            )
        )
    return advice
