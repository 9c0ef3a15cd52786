"""Whether a guide's quizzes can be passed without reading, part by part (issue 25).

Run from the repository: ``.venv/bin/python tools/quiz_balance.py docs`` (``--json`` for a
machine-readable report). For each part it reports:

- the number of single-answer questions (select-all questions have no one right answer to
  be longest or shortest, so they are left out of the two shares);
- the share of those whose right answer is the longest choice, and the share whose right
  answer is the shortest (strictly longer or shorter than every other choice, measured as
  ``guidegen.balance.shown_length`` measures it: the characters a reader sees);
- how often reason clauses ("so that", "because", "since") and absolutes ("never",
  "always") appear in right choices and in wrong ones, over every choice of every question
  of the part, select-all included;
- how many prompts end with "What do you do?".

A reader who learns "pick the shortest", "pick the longest" or "avoid the one that gives a
reason" passes without reading; these numbers say whether any such rule works. The guide's
own test (``tests/test_guide_quality.py``) holds the shipped guide to the limits below.

The guide is loaded with the project's own loader (``guidegen.loader.load_guide``), so the
questions are exactly those the site shows. The exit code is 1 when the guide has problems
(``scripts/check`` names them), 0 otherwise: the figures are a report, not a verdict.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from guidegen.balance import shown_length  # noqa: E402
from guidegen.loader import load_guide  # noqa: E402
from guidegen.model import Guide, Question  # noqa: E402

#: The most a part may have of either share (longest, shortest) in the shipped guide.
MAX_SHARE = 0.40

REASON = re.compile(r"\b(so that|because|since)\b", re.IGNORECASE)
ABSOLUTE = re.compile(r"\b(never|always)\b", re.IGNORECASE)
WHAT_DO_YOU_DO = re.compile(r"what do you do\?\s*$", re.IGNORECASE)


@dataclass
class PartBalance:
    part: int
    title: str
    questions: int
    single: int
    longest: int
    shortest: int
    right_choices: int
    wrong_choices: int
    reason_right: int
    reason_wrong: int
    absolute_right: int
    absolute_wrong: int
    what_do_you_do: int

    @staticmethod
    def _share(count: int, total: int) -> float:
        return count / total if total else 0.0

    @property
    def longest_share(self) -> float:
        return self._share(self.longest, self.single)

    @property
    def shortest_share(self) -> float:
        return self._share(self.shortest, self.single)

    @property
    def reason_right_rate(self) -> float:
        return self._share(self.reason_right, self.right_choices)

    @property
    def reason_wrong_rate(self) -> float:
        return self._share(self.reason_wrong, self.wrong_choices)

    @property
    def absolute_right_rate(self) -> float:
        return self._share(self.absolute_right, self.right_choices)

    @property
    def absolute_wrong_rate(self) -> float:
        return self._share(self.absolute_wrong, self.wrong_choices)

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = asdict(self)
        for name in (
            "longest_share",
            "shortest_share",
            "reason_right_rate",
            "reason_wrong_rate",
            "absolute_right_rate",
            "absolute_wrong_rate",
        ):
            data[name] = round(getattr(self, name), 3)
        return data


def right_is(question: Question, longest: bool) -> bool:
    """Whether the (single) right choice is strictly the longest (or, with ``longest=False``, the shortest)."""
    lengths = [(shown_length(choice.text), choice.correct) for choice in question.choices]
    right = next(length for length, correct in lengths if correct)
    others = [length for length, correct in lengths if not correct]
    return all(right > length for length in others) if longest else all(right < length for length in others)


def measure(guide: Guide) -> list[PartBalance]:
    report = []
    for part in guide.parts:
        questions = [question for block in part.blocks for question in block.quiz]
        single = [question for question in questions if not question.select_all]
        choices = [choice for question in questions for choice in question.choices]
        right = [choice.text for choice in choices if choice.correct]
        wrong = [choice.text for choice in choices if not choice.correct]
        report.append(
            PartBalance(
                part=part.number,
                title=part.title,
                questions=len(questions),
                single=len(single),
                longest=sum(right_is(question, longest=True) for question in single),
                shortest=sum(right_is(question, longest=False) for question in single),
                right_choices=len(right),
                wrong_choices=len(wrong),
                reason_right=sum(bool(REASON.search(text)) for text in right),
                reason_wrong=sum(bool(REASON.search(text)) for text in wrong),
                absolute_right=sum(bool(ABSOLUTE.search(text)) for text in right),
                absolute_wrong=sum(bool(ABSOLUTE.search(text)) for text in wrong),
                what_do_you_do=sum(bool(WHAT_DO_YOU_DO.search(question.prompt)) for question in questions),
            )
        )
    return report


def _percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def format_report(report: list[PartBalance]) -> str:
    lines = []
    for part in report:
        flag_long = " (over 40%)" if part.longest_share > MAX_SHARE else ""
        flag_short = " (over 40%)" if part.shortest_share > MAX_SHARE else ""
        lines += [
            f"Part {part.part}: {part.title}",
            f"  questions: {part.questions}, single-answer: {part.single}",
            f"  right answer longest:  {part.longest} of {part.single} ({_percent(part.longest_share)}){flag_long}",
            f"  right answer shortest: {part.shortest} of {part.single} ({_percent(part.shortest_share)}){flag_short}",
            f"  reason clauses (so that, because, since): right {part.reason_right}/{part.right_choices}"
            f" ({_percent(part.reason_right_rate)}), wrong {part.reason_wrong}/{part.wrong_choices}"
            f" ({_percent(part.reason_wrong_rate)})",
            f"  absolutes (never, always): right {part.absolute_right}/{part.right_choices}"
            f" ({_percent(part.absolute_right_rate)}), wrong {part.absolute_wrong}/{part.wrong_choices}"
            f" ({_percent(part.absolute_wrong_rate)})",
            f'  prompts ending "What do you do?": {part.what_do_you_do} of {part.questions}',
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", nargs="?", default="docs", help="the guide's folder (default: docs)")
    parser.add_argument("--json", action="store_true", help="write the report as JSON")
    args = parser.parse_args(argv)
    result = load_guide(Path(args.docs))
    if result.problems:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        print(f"{len(result.problems)} problems: run scripts/check {args.docs}", file=sys.stderr)
        return 1
    report = measure(result.guide)
    if args.json:
        print(json.dumps([part.as_dict() for part in report], indent=2))
    else:
        print(format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
