"""Quiz lint: cues that let a reader answer without reading, reported at the question that has them.

Item-writing research (Haladyna, Downing and Rodriguez 2002) lists the cues:
choices of uneven length, absolutes and reasons that tell wrong choices from
right ones, "all/none of the above", clang words shared by the prompt and the
key. ``lint`` looks for each in the loaded guide and returns warnings: the
guide builds, but a reader could pass its quizzes by test-wiseness alone.
``scripts/check`` prints them; the build stays quiet.

Rules that count across questions (``length-pattern``, ``cue-words``) warn
only when a pattern is far likelier than chance: a one-sided exact test at
``ALPHA``, with at least ``MIN_QUESTIONS`` questions or ``MIN_CUES`` choices
with the cue, so a small or fair set stays quiet. The words each rule looks
for are per language, in ``guidegen/locales/lint/<language>.yml``.
A guide switches a rule off under ``guide: {lint: {off: {rule: reason}}}``.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from guidegen.balance import shown_length, shown_text
from guidegen.i18n import LOCALES, REFERENCE, match_language
from guidegen.model import Block, Guide, Part, Question
from guidegen.problems import display_path, shown

LINT_WORDS = LOCALES / "lint"
#: A pattern counts when chance would give it less often than this (one-sided exact test).
ALPHA = 0.01
#: Fewer single-answer questions than this in a guide or part: too few to tell a pattern from chance.
MIN_QUESTIONS = 6
#: Fewer choices holding a cue word than this: too few to tell a pattern from chance.
MIN_CUES = 6
#: "Much longer": the right choice at least this many times, and this many characters, longer than any other.
LONG_RATIO = 1.5
LONG_MARGIN = 15
#: Texts at least this similar (difflib's ratio over their words, case, marks and punctuation left out) say the same.
NEAR_DUPLICATE = 0.9
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, order=True)
class LintWarning:
    """One cue, at the question or choice that has it."""

    path: str
    line: int
    column: int
    field: str
    message: str
    hint: str
    rule: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.field}: warning: {self.message} ({self.hint}) [{self.rule}]"


@dataclass(frozen=True)
class Words:
    """A language's cue words, each a phrase matched as whole words in any case."""

    absolutes: tuple[str, ...]
    reasons: tuple[str, ...]
    above: tuple[str, ...]
    stopwords: frozenset[str]


WORD_LISTS = ("absolutes", "reasons", "above", "stopwords")


def lint_words_path(language: str) -> Path:
    return LINT_WORDS / f"{language}.yml"


@cache
def load_words(language: str) -> Words | None:
    """The language's word lists; None when there are none (the rules that need words are skipped)."""
    found = match_language(language or REFERENCE, sorted(p.stem for p in LINT_WORDS.glob("*.yml")))
    if found is None:
        return None
    data = yaml.safe_load(lint_words_path(found).read_text(encoding="utf-8"))
    phrases = {name: tuple(_words(str(phrase)) for phrase in data[name]) for name in WORD_LISTS}
    return Words(
        absolutes=tuple(" ".join(p) for p in phrases["absolutes"]),
        reasons=tuple(" ".join(p) for p in phrases["reasons"]),
        above=tuple(" ".join(p) for p in phrases["above"]),
        stopwords=frozenset(" ".join(p) for p in phrases["stopwords"]),
    )


def _words(text: str) -> list[str]:
    return _WORD.findall(shown_text(text).casefold())


def _folded(text: str) -> str:
    return " ".join(_words(text))


def _has_phrase(text: str, phrases: Iterable[str]) -> str | None:
    padded = f" {_folded(text)} "
    return next((phrase for phrase in phrases if f" {phrase} " in padded), None)


# -- where a warning points ----------------------------------------------------


@dataclass(frozen=True)
class _Item:
    """A question with its block, for locating warnings."""

    block: Block
    question: Question
    docs_dir: Path

    @property
    def field(self) -> str:
        return f"quiz['{self.question.id}']"

    def warning(self, rule: str, message: str, hint: str, choice: int | None = None) -> LintWarning:
        field = self.field if choice is None else f"{self.field}.choices[{choice + 1}]"
        line, column = self.block.positions.get(field, self.block.positions.get(self.field, (0, 0)))
        path = display_path(self.docs_dir / self.block.src_uri)
        return LintWarning(path, line + 1, column + 1, shown(field), shown(message), shown(hint), rule)

    def where(self) -> str:
        line = self.block.positions.get(self.field, (0, 0))[0] + 1
        return f"{display_path(self.docs_dir / self.block.src_uri)}:{line}"


def _items(blocks: Iterable[Block], docs_dir: Path) -> list[_Item]:
    return [_Item(block, question, docs_dir) for block in blocks for question in block.quiz]


def lint(guide: Guide, docs_dir: Path, language: str = REFERENCE) -> list[LintWarning]:
    """Every cue in the guide's quizzes, sorted by file and line; rules the guide switched off are skipped."""
    off = guide.settings.lint_off
    words = load_words(language)
    items = _items(guide.blocks, docs_dir)
    found: list[LintWarning] = []
    if "length-pattern" not in off:
        found += length_pattern(guide, docs_dir)
    for item in items:
        if "long-answer" not in off:
            found += long_answer(item)
        if "duplicate-choices" not in off:
            found += duplicate_choices(item)
        if words is not None and "all-of-the-above" not in off:
            found += all_of_the_above(item, words)
        if words is not None and "prompt-echo" not in off:
            found += prompt_echo(item, words)
    if "repeated-prompt" not in off:
        found += repeated_prompts(items)
    if words is not None and "cue-words" not in off:
        found += cue_words(items, words)
    # A right choice far longer than the others is the stronger word for a question in a length pattern.
    long = {(w.path, w.line) for w in found if w.rule == "long-answer"}
    return sorted({w for w in found if w.rule != "length-pattern" or (w.path, w.line) not in long})


# -- chance ----------------------------------------------------------------------


def poisson_binomial_tail(chances: list[float], count: int) -> float:
    """The probability that at least ``count`` of independent events with these chances happen."""
    spread = [1.0]
    for chance in chances:
        spread = [
            (spread[k] if k < len(spread) else 0.0) * (1 - chance) + (spread[k - 1] * chance if k else 0.0)
            for k in range(len(spread) + 1)
        ]
    return sum(spread[count:])


def hypergeometric_tail(total: int, marked: int, drawn: int, count: int) -> float:
    """Of ``total`` choices, ``marked`` hold a cue; the chance that ``drawn`` of them picked at random
    hold it at least ``count`` times (Fisher's exact test, one-sided)."""
    upper = min(marked, drawn)
    ways = sum(math.comb(marked, k) * math.comb(total - marked, drawn - k) for k in range(count, upper + 1))
    return ways / math.comb(total, drawn)


# -- length ----------------------------------------------------------------------


def _lengths(question: Question) -> tuple[int, list[int]]:
    """(the right choice's shown length, the wrong choices' lengths) of a single-answer question."""
    right = next(shown_length(c.text) for c in question.choices if c.correct)
    return right, [shown_length(c.text) for c in question.choices if not c.correct]


def _extreme(question: Question, which: str) -> bool:
    right, wrong = _lengths(question)
    return all(right > length for length in wrong) if which == "longest" else all(right < length for length in wrong)


_LENGTH_HINTS = {
    "longest": "give some wrong choices the same detail and care as the right one, or say the right one more briefly",
    "shortest": "let some right choices say more, or say some wrong ones more briefly",
}


def length_pattern(guide: Guide, docs_dir: Path) -> list[LintWarning]:
    """Per part, then for the guide: the right choice is the longest (or shortest) far more often than chance.
    Each question that follows the pattern gets the warning, named by the narrowest scope that shows it."""
    found: dict[tuple[str, str], LintWarning] = {}
    scopes: list[tuple[str, list[Block]]] = [(_part_name(part), part.blocks) for part in guide.parts]
    scopes.append(("the guide", guide.blocks))
    for scope, blocks in scopes:
        items = [item for item in _items(blocks, docs_dir) if _single(item.question)]
        if len(items) < MIN_QUESTIONS:
            continue
        chances = [1 / len(item.question.choices) for item in items]
        for which in ("longest", "shortest"):
            following = [item for item in items if _extreme(item.question, which)]
            if poisson_binomial_tail(chances, len(following)) >= ALPHA:
                continue
            expected = round(sum(chances))
            message = (
                f"the right choice is the {which} of its choices, as in {len(following)} of {len(items)}"
                f" single-answer questions of {scope} (about {expected} by chance): always picking the {which}"
                " passes without reading"
            )
            for item in following:
                key = (item.where(), which)
                found.setdefault(key, item.warning("length-pattern", message, _LENGTH_HINTS[which]))
    return list(found.values())


def _part_name(part: Part) -> str:
    return f"part {part.number}"


def _single(question: Question) -> bool:
    return len(question.choices) > 1 and sum(c.correct for c in question.choices) == 1


def long_answer(item: _Item) -> list[LintWarning]:
    if not _single(item.question):
        return []
    right, wrong = _lengths(item.question)
    longest = max(wrong)
    if right < longest * LONG_RATIO or right - longest < LONG_MARGIN:
        return []
    message = (
        f"the right choice is {right} characters long, the longest wrong one {longest}:"
        " the one that says most gives itself away"
    )
    return [item.warning("long-answer", message, _LENGTH_HINTS["longest"])]


# -- words -----------------------------------------------------------------------


def all_of_the_above(item: _Item, words: Words) -> list[LintWarning]:
    if not item.question.order:
        return []
    found = []
    for index, choice in enumerate(item.question.choices):
        phrase = _has_phrase(choice.text, words.above)
        if phrase is not None:
            message = f"'{phrase}' in a question whose choices are shuffled: it may be shown first, above nothing"
            hint = "replace it with a choice that stands on its own, or set 'shuffle: false' and put it last"
            found.append(item.warning("all-of-the-above", message, hint, index))
    return found


def duplicate_choices(item: _Item) -> list[LintWarning]:
    found = []
    texts = [_folded(choice.text) for choice in item.question.choices]
    for index, text in enumerate(texts):
        for earlier in range(index):
            same = text == texts[earlier]
            if same or _similar(text, texts[earlier]):
                how = "the same as" if same else "nearly the same as"
                message = f"says {how} choices[{earlier + 1}]"
                hint = "make each choice say something different"
                found.append(item.warning("duplicate-choices", message, hint, index))
                break
    return found


def _similar(first: str, second: str) -> bool:
    """The same words in another order, or nearly the same words (compared word by word, so that
    'question 1' and 'question 2' differ as much as their numbers do)."""
    words, others = first.split(), second.split()
    return sorted(words) == sorted(others) or difflib.SequenceMatcher(None, words, others).ratio() >= NEAR_DUPLICATE


def repeated_prompts(items: list[_Item]) -> list[LintWarning]:
    found = []
    prompts = [_folded(item.question.prompt) for item in items]
    for index, item in enumerate(items):
        for earlier in range(index):
            same = prompts[index] == prompts[earlier]
            if same or _similar(prompts[index], prompts[earlier]):
                first = items[earlier]
                how = "the same" if same else "nearly the same"
                message = f"the prompt is {how} as that of {first.field} ({first.where()})"
                found.append(item.warning("repeated-prompt", message, "ask each question once, or ask another"))
                break
    return found


def _key_words(text: str, words: Words) -> set[str]:
    """The words that carry a text's meaning, cut to their first five letters so 'trusting' meets 'trust'."""
    return {word[:5] for word in _words(text) if len(word) >= 4 and word not in words.stopwords}


def prompt_echo(item: _Item, words: Words) -> list[LintWarning]:
    question = item.question
    if not _single(question) or len(question.choices) < 3:
        return []
    prompt = _key_words(question.prompt, words)
    shared = [prompt & _key_words(choice.text, words) for choice in question.choices]
    echoing = [index for index, common in enumerate(shared) if common]
    if len(echoing) != 1 or not question.choices[echoing[0]].correct:
        return []
    index = echoing[0]
    echoed = sorted(
        {word for word in _words(question.choices[index].text) if word[:5] in shared[index] and len(word) >= 4}
    )
    message = (
        f"only the right choice repeats the prompt's {_quoted(echoed)}: a reader can match words instead of reading"
    )
    hint = "say it in other words, or let a wrong choice echo the prompt too"
    return [item.warning("prompt-echo", message, hint, index)]


def _quoted(words: list[str]) -> str:
    return ", ".join(f"'{word}'" for word in words)


@dataclass(frozen=True)
class _Cue:
    name: str  # as messages call the class of words
    phrases: tuple[str, ...]
    wrong_hint: str  # when the cue marks wrong choices
    right_hint: str  # when it marks right ones


def _cues(words: Words) -> list[_Cue]:
    return [
        _Cue(
            "absolutes",
            words.absolutes,
            "word some right choices as absolutely where that is true, or word the wrong ones without absolutes",
            "word some wrong choices as absolutely too, or word the right ones without absolutes",
        ),
        _Cue(
            "reason clauses",
            words.reasons,
            "give some right choices their reason too, or let the wrong ones stand without one",
            "give some wrong choices a reason too, or let the right ones stand without one",
        ),
    ]


def cue_words(items: list[_Item], words: Words) -> list[LintWarning]:
    """Across the guide, a class of words far likelier in wrong choices than in right ones (or the reverse);
    each question where it tells them apart gets the warning."""
    choices = [(item, index, choice) for item in items for index, choice in enumerate(item.question.choices)]
    wrong_total = sum(not choice.correct for _, _, choice in choices)
    right_total = len(choices) - wrong_total
    found: list[LintWarning] = []
    for cue in _cues(words):
        marked = {
            (id(item), index): phrase
            for item, index, choice in choices
            if (phrase := _has_phrase(choice.text, cue.phrases)) is not None
        }
        in_wrong = sum(not choice.correct for item, index, choice in choices if (id(item), index) in marked)
        in_right = len(marked) - in_wrong
        if len(marked) < MIN_CUES:
            continue
        stats = f"{in_wrong} of {wrong_total} wrong choices, {in_right} of {right_total} right ones"
        if hypergeometric_tail(len(choices), len(marked), wrong_total, in_wrong) < ALPHA:
            found += _cue_at_questions(items, marked, cue, stats, in_wrong=True)
        elif hypergeometric_tail(len(choices), len(marked), right_total, in_right) < ALPHA:
            found += _cue_at_questions(items, marked, cue, stats, in_wrong=False)
    return found


def _cue_at_questions(
    items: list[_Item], marked: dict[tuple[int, int], str], cue: _Cue, stats: str, in_wrong: bool
) -> Iterator[LintWarning]:
    """A warning at each choice whose cue tells it apart: it has the cue and no choice of the other kind does."""
    for item in items:
        choices = item.question.choices
        other_has_it = any((id(item), i) in marked for i, c in enumerate(choices) if c.correct == in_wrong)
        if other_has_it:
            continue
        for index, choice in enumerate(choices):
            phrase = marked.get((id(item), index))
            if phrase is None or choice.correct == in_wrong:
                continue
            this, other = ("this wrong choice", "right") if in_wrong else ("this right choice", "wrong")
            message = (
                f"'{phrase}' marks {this} and no {other} one, as {cue.name} do across the guide ({stats}):"
                f" readers learn to {'rule out' if in_wrong else 'pick'} choices that say it"
            )
            yield item.warning("cue-words", message, cue.wrong_hint if in_wrong else cue.right_hint, index)
