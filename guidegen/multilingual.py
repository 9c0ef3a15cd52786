"""One guide in several languages: its editions, checked against each other, and what they share.

A multilingual guide names its languages in the plugin's settings (``languages:
[en, es, ar]``, the default first) and keeps each language's complete guide
folder in ``docs/<language>/``. The default language is the **source**; every
other folder is a **translation** of it:

- Blocks are matched by id (the file's name), parts by number, checklist items
  and questions by id within their block. A translation must have every block,
  item and question of the source and nothing else: otherwise a reader's
  progress would count differently in each language (**errors**). So must a
  question's choices: as many, the same ones right, in the same order, since a
  saved answer is the authored index of the choices picked.
- A translated block records the source it was translated from:
  ``translated_from: <fingerprint>``, the source file's current fingerprint,
  which :func:`source_fingerprint` computes and every message quotes. A
  translation without it, or with an older one, is **stale** (a **warning**:
  it still publishes).
- Progress follows the reader (:func:`share_progress`): every edition's
  checklist item carries the source item's fingerprint, so a tick made in one
  language shows in every other (the item is the same action). A question
  carries the source question's fingerprint only while its block's
  ``translated_from`` is current; otherwise it keeps its own, and an answer
  given to it is not carried over to or from the other languages (the texts
  may no longer ask the same thing).

The core only: no engine is imported. ``guidegen check`` and ``guidegen build``
call :func:`compare`; the MkDocs plugin calls :func:`share_progress` and
:func:`counterpart`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from guidegen import render as rendering
from guidegen.loader import FindHeadings, LoadResult, load_guide
from guidegen.model import Block, Guide, short_hash
from guidegen.problems import Problem, display_path

#: The front-matter key a translated block records its source's fingerprint under.
TRANSLATED_FROM = "translated_from"


@dataclass(frozen=True, order=True)
class Finding:
    """One difference between a translation and its source, at the translation's file and line."""

    path: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""

    def problem(self) -> Problem:
        return Problem(self.path, self.line, self.column, self.field, self.message, self.hint)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        text = f"{where}: {self.field}: warning: {self.message}" if self.field else f"{where}: warning: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


@dataclass
class Comparison:
    """What ``check`` and ``build`` report about the translations: errors stop a build, warnings do not."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)


def load_editions(
    docs_dir: Path,
    languages: tuple[str, ...],
    finder: FindHeadings | None,
    locales_dir: Path | None,
) -> dict[str, LoadResult]:
    """Every language's guide folder (``docs_dir/<language>``), read and checked on its own."""
    return {language: load_guide(docs_dir / language, finder, language, locales_dir) for language in languages}


def source_fingerprint(docs_dir: Path, src_uri: str) -> str:
    """The fingerprint a translation of this source file records as ``translated_from``: its whole text."""
    try:
        text = (docs_dir / src_uri).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    return short_hash(text.replace("\r\n", "\n"))


def is_current(block: Block, source_docs: Path, source: Block) -> bool:
    """Whether a translated block says it was translated from the source's current text."""
    recorded = block.translated_from
    return bool(recorded) and recorded == source_fingerprint(source_docs, source.src_uri)


def share_progress(translation: Guide, source: Guide, source_docs: Path) -> None:
    """Give a translation's items (always) and questions (while current) their source's fingerprints."""
    for block in translation.blocks:
        original = source.block(block.id)
        if original is None:
            continue
        items = {item.id: item for item in original.checklist}
        for item in block.checklist:
            if item.id in items:
                item.shared = items[item.id].fingerprint
        if not is_current(block, source_docs, original):
            continue
        questions = {question.id: question for question in original.quiz}
        for question in block.quiz:
            match = questions.get(question.id)
            if match is not None and _same_choices(question.choices, match.choices):
                question.shared = match.fingerprint


def _same_choices(first: list, second: list) -> bool:  # type: ignore[type-arg]
    return [choice.correct for choice in first] == [choice.correct for choice in second]


def counterpart(src_uri: str, guide: Guide, other: Guide, other_docs: Path) -> str | None:
    """The page of ``other`` (another language) that is the same as ``src_uri`` of ``guide``, if any."""
    block = guide.block_for(src_uri)
    if block is not None:
        match = other.block(block.id)
        return match.src_uri if match is not None else None
    part = guide.part_for(src_uri)
    if part is not None:
        return next((p.src_uri for p in other.parts if p.number == part.number), None)
    sheet = next((b for b in guide.blocks if rendering.sheet_page(b) == src_uri), None)
    if sheet is not None:
        match = other.block(sheet.id)
        return rendering.sheet_page(match) if match is not None else None
    if src_uri in (rendering.CHECKLISTS_PAGE, rendering.QUIZ_PAGE, rendering.PRIVACY_PAGE):
        return src_uri
    return src_uri if (other_docs / src_uri).is_file() else None


# -- the translations checked against the source ------------------------------


def compare(docs_dir: Path, editions: dict[str, LoadResult], default: str) -> Comparison:
    """Every translation against the source: missing, extra and mismatched content; stale translations."""
    comparison = Comparison()
    source = editions[default].guide
    source_docs = docs_dir / default
    for language, result in editions.items():
        if language != default:
            _compare_one(comparison, source, source_docs, result.guide, docs_dir / language, language, default)
    comparison.errors.sort()
    comparison.warnings.sort()
    return comparison


class _Where:
    """Positions in one translated file, reported as the author would open it."""

    def __init__(self, docs: Path, src_uri: str, positions: dict[str, tuple[int, int]] | None = None) -> None:
        self.path = display_path(docs / src_uri)
        self.positions = positions or {}

    def at(self, *field_paths: str) -> tuple[int, int]:
        """1-based (line, column) of the first field path that has a position, else the file's first line."""
        for field_path in field_paths:
            if field_path in self.positions:
                line, column = self.positions[field_path]
                return line + 1, column + 1
        return 1, 1


def _compare_one(
    comparison: Comparison,
    source: Guide,
    source_docs: Path,
    translation: Guide,
    docs: Path,
    language: str,
    default: str,
) -> None:
    errors = comparison.errors
    for part in source.parts:
        if not any(p.number == part.number for p in translation.parts):
            where = _Where(source_docs, part.src_uri)
            errors.append(
                Problem(
                    where.path,
                    1,
                    1,
                    "",
                    f"part {part.number} ('{part.title}') has no '{language}' translation",
                    f"add {display_path(docs / part.src_uri)}, translated",
                )
            )
    for part in translation.parts:
        if not any(p.number == part.number for p in source.parts):
            where = _Where(docs, part.src_uri)
            errors.append(
                Problem(
                    where.path,
                    1,
                    1,
                    "part",
                    f"part {part.number} is only in the '{language}' edition, not in the source ('{default}')",
                    f"every language has the same parts: remove it, or add it to {display_path(source_docs)} first",
                )
            )
    for block in source.blocks:
        if translation.block(block.id) is None:
            errors.append(
                Problem(
                    display_path(source_docs / block.src_uri),
                    1,
                    1,
                    "",
                    f"block '{block.id}' has no '{language}' translation",
                    f"add {display_path(docs / block.src_uri)}, translated, with the same file name",
                )
            )
    for block in translation.blocks:
        original = source.block(block.id)
        if original is None:
            errors.append(
                Problem(
                    display_path(docs / block.src_uri),
                    1,
                    1,
                    "",
                    f"block '{block.id}' is only in the '{language}' edition, not in the source ('{default}')",
                    "every language has the same blocks, matched by file name: rename it as its source is named,"
                    " or add it to the source first",
                )
            )
            continue
        _compare_block(comparison, block, original, source_docs, docs, language, default)


def _compare_block(
    comparison: Comparison,
    block: Block,
    source: Block,
    source_docs: Path,
    docs: Path,
    language: str,
    default: str,
) -> None:
    where = _Where(docs, block.src_uri, block.positions)
    origin = _Where(source_docs, source.src_uri, source.positions)
    errors = comparison.errors

    def error(field_paths: tuple[str, ...], field_name: str, message: str, hint: str) -> None:
        line, column = where.at(*field_paths)
        errors.append(Problem(where.path, line, column, field_name, message, hint))

    for noun, name, mine, theirs in (
        ("item", "checklist", [i.id for i in block.checklist], [i.id for i in source.checklist]),
        ("question", "quiz", [q.id for q in block.quiz], [q.id for q in source.quiz]),
    ):
        for item_id in theirs:
            if item_id not in mine:
                line, _ = origin.at(f"{name}['{item_id}']", f"{name}['{item_id}'].id", name)
                error(
                    (name, "title"),
                    name,
                    f"no {noun} '{item_id}' in this '{language}' translation; the source has it"
                    f" ({origin.path}:{line})",
                    f"translate it here with id: {item_id}",
                )
        for item_id in mine:
            if item_id not in theirs:
                error(
                    (f"{name}['{item_id}']", f"{name}['{item_id}'].id", name),
                    f"{name}['{item_id}']",
                    f"{noun} '{item_id}' is only in the '{language}' edition, not in the source ({origin.path})",
                    "every language has the same items and questions, matched by id: give it its source's id,"
                    " or add it to the source first",
                )
    questions = {question.id: question for question in source.quiz}
    for question in block.quiz:
        match = questions.get(question.id)
        if match is None or _same_choices(question.choices, match.choices):
            continue
        right = ", ".join(str(i + 1) for i, c in enumerate(match.choices) if c.correct)
        error(
            (f"quiz['{question.id}'].choices", f"quiz['{question.id}']"),
            f"quiz['{question.id}'].choices",
            f"the choices differ from the source's: it has {len(match.choices)} with number {right} right"
            f" ({origin.path})",
            "translate each choice in the source's order, right ones still right: a saved answer is the"
            " choices' positions",
        )
    current = source_fingerprint(source_docs, source.src_uri)
    recorded = block.translated_from
    if not recorded:
        comparison.warnings.append(
            Finding(
                where.path,
                1,
                1,
                "",
                f"not marked as translated from the current source ({origin.path}): answers to its questions"
                " are not shared with the other languages",
                f"once it matches the source, add {TRANSLATED_FROM}: '{current}'",
            )
        )
    elif recorded != current:
        line, column = where.at(TRANSLATED_FROM)
        comparison.warnings.append(
            Finding(
                where.path,
                line,
                column,
                TRANSLATED_FROM,
                f"the source ({origin.path}) has changed since this translation ({recorded}; it is now {current}):"
                " answers to its questions are not shared with the other languages until it is updated",
                f"bring the translation up to date, then set {TRANSLATED_FROM}: '{current}'",
            )
        )
