"""Problems found in content, reported all together with their location."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One content mistake: where it is, which field, what is wrong, what to do."""

    path: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


@dataclass
class ProblemLog:
    """Collects problems for one file; positions are 0-based until reported."""

    path: str
    problems: list[Problem] = field(default_factory=list)

    def add(self, line: int, column: int, field_path: str, message: str, hint: str = "") -> None:
        field_path, message, hint = (shown(text) for text in (field_path, message, hint))
        self.problems.append(Problem(self.path, line + 1, column + 1, field_path, message, hint))


_UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def shown(text: str) -> str:
    """Text safe to print in a terminal: control characters and lone surrogates as escapes.

    A message quotes what the author wrote; an escape sequence in it must not
    drive the terminal, and a lone surrogate cannot be printed at all.
    """
    return _UNSHOWABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A hint naming the closest candidate, or an empty string."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else ""


def display_path(path: Path) -> str:
    """The path as an author would type it: relative to the working folder if inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def summary_line(problems: list[Problem]) -> str:
    files = len({p.path for p in problems})
    noun = "problem" if len(problems) == 1 else "problems"
    file_noun = "file" if files == 1 else "files"
    return f"{len(problems)} {noun} in {files} {file_noun}."


def report(problems: list[Problem]) -> str:
    """Every problem on its own line, sorted by file and position, then a count line."""
    lines = [str(p) for p in sorted(problems)]
    lines.append(summary_line(problems))
    return "\n".join(lines)
