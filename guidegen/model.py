"""The content model: a guide of parts, each holding building blocks."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from guidegen.reading import reading_minutes


def shuffled(seed: str, count: int) -> list[int]:
    """A stable shuffle of ``range(count)``: each index ranked by the SHA-256 of the seed and the index.

    The same on every machine and Python version (``hash()`` is salted per process
    for text), so every page, print and build shows the same order.
    """
    return sorted(range(count), key=lambda index: hashlib.sha256(f"{seed}\x1f{index}".encode()).digest())


def short_hash(*texts: str) -> str:
    """A short, stable fingerprint of some text; saved progress is tied to it."""
    digest = hashlib.sha256("\x1f".join(texts).encode("utf-8")).hexdigest()
    return digest[:10]


@dataclass(frozen=True)
class Heading:
    id: str
    title: str
    level: int


@dataclass
class ChecklistItem:
    id: str
    text: str
    section: str | None = None
    # In a translation: the source item's fingerprint, so that a tick follows the reader across languages.
    shared: str = ""

    @property
    def fingerprint(self) -> str:
        return self.shared or short_hash(self.text)


@dataclass
class Choice:
    text: str
    correct: bool = False
    feedback: str | None = None


@dataclass
class Question:
    id: str
    prompt: str
    choices: list[Choice]
    explanation: str
    section: str | None = None
    # The order the choices are shown in, as indexes into `choices` (authored order if empty).
    # Values, saved answers and the fingerprint always use the authored index.
    order: list[int] = field(default_factory=list)
    # In a translation marked as matching its source: the source question's fingerprint (shared answers).
    shared: str = ""

    @property
    def shown(self) -> list[tuple[int, Choice]]:
        """(authored index, choice) in the order readers see them."""
        return [(index, self.choices[index]) for index in self.order or range(len(self.choices))]

    @property
    def select_all(self) -> bool:
        return sum(choice.correct for choice in self.choices) > 1

    @property
    def fingerprint(self) -> str:
        if self.shared:
            return self.shared
        parts = [self.prompt, self.explanation]
        for choice in self.choices:
            parts += [choice.text, "1" if choice.correct else "0", choice.feedback or ""]
        return short_hash(*parts)


@dataclass
class Block:
    id: str
    src_uri: str  # path from the docs folder, with forward slashes
    title: str
    summary: str
    order: int
    checklist: list[ChecklistItem]
    quiz: list[Question] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    part: Part | None = field(default=None, repr=False)
    # Words in the Markdown body, counted at build time (guidegen/reading.py).
    words: int = 0
    # In a translation of a multilingual guide: the source's fingerprint it was translated from (translated_from).
    translated_from: str = ""
    # 0-based (line, column) of each front-matter field, for later problems.
    positions: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False)

    @property
    def reading_minutes(self) -> int:
        """Whole minutes to read the body, at least one."""
        return reading_minutes(self.words)

    def heading(self, heading_id: str | None) -> Heading | None:
        return next((h for h in self.headings if h.id == heading_id), None)


@dataclass
class Part:
    number: int
    folder: str
    src_uri: str
    title: str
    summary: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class GuideSettings:
    safety_page: str | None = None
    safety_title: str = ""  # the safety page's own title, for the link to it on block pages
    # The home page's hero: its title (front-matter title) and promise (guide.promise, else description).
    title: str = ""
    promise: str = ""
    description: str = ""  # the home page's description: the site's, unless GUIDE_SITE_DESCRIPTION says otherwise
    shuffle: bool = True  # the default for questions that do not set `shuffle`
    # guide.quick_exit: the neutral page the quick exit leaves for; empty when the guide has none.
    quick_exit: str = ""
    # The author's own wording for catalog strings (guide.strings), already checked.
    strings: dict[str, str | dict[str, str]] = field(default_factory=dict)
    # Quiz-lint rules the guide switched off (guide.lint.off), each with the author's reason.
    lint_off: dict[str, str] = field(default_factory=dict)


def site_identity(settings: GuideSettings, environ: dict[str, str]) -> dict[str, str]:
    """The site's name and description from the guide's home page, unless GUIDE_SITE_* set them.

    mkdocs.yml's defaults are the shipped guide's; any other guide folder is named by its own home page.
    """
    identity = {}
    if settings.title and "GUIDE_SITE_NAME" not in environ:
        identity["site_name"] = settings.title
    if settings.description and "GUIDE_SITE_DESCRIPTION" not in environ:
        identity["site_description"] = settings.description
    return identity


@dataclass
class Guide:
    parts: list[Part] = field(default_factory=list)
    settings: GuideSettings = field(default_factory=GuideSettings)

    @property
    def blocks(self) -> list[Block]:
        """Every block in series order."""
        return [block for part in self.parts for block in part.blocks]

    def block(self, block_id: str) -> Block | None:
        return next((b for b in self.blocks if b.id == block_id), None)

    def block_for(self, src_uri: str) -> Block | None:
        return next((b for b in self.blocks if b.src_uri == src_uri), None)

    def part_for(self, src_uri: str) -> Part | None:
        return next((p for p in self.parts if p.src_uri == src_uri), None)


def posix(path: str) -> str:
    return PurePosixPath(path).as_posix()
