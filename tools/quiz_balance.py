"""Whether a guide's quizzes can be passed without reading, part by part (issue 25).

Run from the repository: ``.venv/bin/python tools/quiz_balance.py docs`` (``--json`` for a
machine-readable report). For each part it reports:

- the number of single-answer questions (select-all questions have no one right answer to
  be longest or shortest, so they are left out of the two shares);
- the share of those whose right answer is the longest choice, and the share whose right
  answer is the shortest (strictly longer or shorter than every other choice, measured as
  ``guidegen.balance.shown_length`` measures it: the characters a reader sees);
- how often reason clauses ("so that", "because", "since"...) and absolutes ("always",
  "never", "only"...) appear in right choices and in wrong ones, over every choice of every
  question of the part, select-all included. The words are the quiz lint's, read from
  ``guidegen/locales/lint/<language>.yml`` (``--language``, default ``en``) and matched as
  the lint matches them (``guidegen.lint``), so this report and ``scripts/check`` count the
  same choices;
- how many prompts end with "What do you do?".

A reader who learns "pick the shortest", "pick the longest" or "avoid the one that gives a
reason" passes without reading; these numbers say whether any such rule works. The guide's
own test (``tests/test_guide_quality.py``) holds the shipped guide to the limits below.

The guide is loaded with the project's own loader (``guidegen.loader.load_guide``), so the
questions are exactly those the site shows. The exit code is 1 when the guide has problems
(``scripts/check`` names them), 2 when there are no word lists for ``--language``, 0 otherwise:
the figures are a report, not a verdict.
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
from guidegen.lint import Words, _has_phrase, lint_words_path, load_words  # noqa: E402
from guidegen.loader import load_guide  # noqa: E402
from guidegen.model import Guide, Question  # noqa: E402

#: The most a part may have of either share (longest, shortest) in the shipped guide.
MAX_SHARE = 0.40

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


def cue_words(language: str = "en") -> Words:
    """The quiz lint's word lists for the language (``guidegen/locales/lint/<language>.yml``)."""
    words = load_words(language)
    if words is None:
        raise ValueError(f"no quiz lint word lists for {language!r}: add {lint_words_path(language)}")
    return words


def has_cue(text: str, phrases: tuple[str, ...]) -> bool:
    """Whether the choice says one of the phrases, as the quiz lint decides it (whole words, any case)."""
    return _has_phrase(text, phrases) is not None


def measure(guide: Guide, words: Words | None = None) -> list[PartBalance]:
    words = words or cue_words()
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
                reason_right=sum(has_cue(text, words.reasons) for text in right),
                reason_wrong=sum(has_cue(text, words.reasons) for text in wrong),
                absolute_right=sum(has_cue(text, words.absolutes) for text in right),
                absolute_wrong=sum(has_cue(text, words.absolutes) for text in wrong),
                what_do_you_do=sum(bool(WHAT_DO_YOU_DO.search(question.prompt)) for question in questions),
            )
        )
    return report


def _percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def _examples(phrases: tuple[str, ...], shown: int = 3) -> str:
    """The first few words of a list, as the report names the class: "because, so that, since, ..."."""
    return ", ".join(phrases[:shown]) + (", ..." if len(phrases) > shown else "")


def format_report(report: list[PartBalance], words: Words | None = None) -> str:
    words = words or cue_words()
    lines = []
    for part in report:
        flag_long = " (over 40%)" if part.longest_share > MAX_SHARE else ""
        flag_short = " (over 40%)" if part.shortest_share > MAX_SHARE else ""
        lines += [
            f"Part {part.part}: {part.title}",
            f"  questions: {part.questions}, single-answer: {part.single}",
            f"  right answer longest:  {part.longest} of {part.single} ({_percent(part.longest_share)}){flag_long}",
            f"  right answer shortest: {part.shortest} of {part.single} ({_percent(part.shortest_share)}){flag_short}",
            f"  reason clauses ({_examples(words.reasons)}): right {part.reason_right}/{part.right_choices}"
            f" ({_percent(part.reason_right_rate)}), wrong {part.reason_wrong}/{part.wrong_choices}"
            f" ({_percent(part.reason_wrong_rate)})",
            f"  absolutes ({_examples(words.absolutes)}): right {part.absolute_right}/{part.right_choices}"
            f" ({_percent(part.absolute_right_rate)}), wrong {part.absolute_wrong}/{part.wrong_choices}"
            f" ({_percent(part.absolute_wrong_rate)})",
            f'  prompts ending "What do you do?": {part.what_do_you_do} of {part.questions}',
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", nargs="?", default="docs", help="the guide's folder (default: docs)")
    parser.add_argument("--json", action="store_true", help="write the report as JSON")
    parser.add_argument(
        "--language", default="en", help="whose quiz lint word lists to count (guidegen/locales/lint/; default: en)"
    )
    args = parser.parse_args(argv)
    try:
        words = cue_words(args.language)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    result = load_guide(Path(args.docs))
    if result.problems:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        print(f"{len(result.problems)} problems: run scripts/check {args.docs}", file=sys.stderr)
        return 1
    report = measure(result.guide, words)
    if args.json:
        print(json.dumps([part.as_dict() for part in report], indent=2))
    else:
        print(format_report(report, words))
    return 0


if __name__ == "__main__":
    sys.exit(main())
