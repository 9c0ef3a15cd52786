"""Text that ``new-guide`` and ``new-block`` write for the author to replace, found where it is left.

The skeletons' words come from the catalogs (``new_guide.*`` and ``new_block.*``);
a front-matter value or a line of a page's text that is still one of them, in any
language, is a problem at its line: ``guidegen check`` and the build refuse a guide
with placeholders left, and ``guidegen serve`` shows them in the page's problem list.
Words the author may well keep are not placeholders: the first heading's name
(``new_guide.section``), the safety page's title and the home page's safety note.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from guidegen.frontmatter import Data, SourceFile
from guidegen.i18n import available_languages, catalog_path, read_catalog
from guidegen.problems import ProblemLog

#: Catalog prefixes of skeleton text, and the script that writes it.
SCRIPTS = {"new_guide.": "guidegen new", "new_block.": "guidegen new-block"}
#: Skeleton words an author may keep.
KEPT = {"new_guide.section", "new_guide.safety_title", "new_guide.safety_note_title", "new_guide.safety_note"}
# A Markdown line's marks around its text: heading hashes, list and quote marks, a trailing {#id}.
_LINE_MARKS = re.compile(r"^\s*(?:#{1,6}\s+|[-*+>]\s+)?|\s*\{#[^}]*\}\s*$|\s+#+\s*$")


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


@cache
def placeholder_texts() -> dict[str, str]:
    """Every placeholder, as folded text, with the script that writes it (every language's)."""
    found: dict[str, str] = {}
    for language in available_languages():
        for key, entry in read_catalog(catalog_path(language)).items():
            script = next((name for prefix, name in SCRIPTS.items() if key.startswith(prefix)), None)
            if script is not None and key not in KEPT and isinstance(entry, str):
                found[_folded(entry)] = script
    return found


def _texts(value: object, path: str, data: Data) -> Iterator[tuple[str, str]]:
    """(field path, text) of every text in a front-matter value, named as problems name fields."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _texts(child, f"{path}.{key}" if path else str(key), data)
    elif isinstance(value, list):
        labels = data.labels.get(path, [])
        for index, child in enumerate(value):
            label = labels[index] if index < len(labels) else f"[{index + 1}]"
            yield from _texts(child, path + label, data)


def _problem(log: ProblemLog, line: int, column: int, field: str, text: str, script: str) -> None:
    shown = text if len(text) <= 40 else text[:37] + "..."
    log.add(
        line,
        column,
        field,
        f"'{shown}' is placeholder text from {script}",
        "replace it with your own words: a guide with placeholders left does not build",
    )


def find_placeholders(source: SourceFile, data: Data | None, log: ProblemLog) -> None:
    """Log each placeholder left in a file's front-matter values and text, at its line."""
    known = placeholder_texts()
    for field, text in _texts(data.values if data else {}, "", data or Data()):
        script = known.get(_folded(text))
        if script is not None:
            line, column = data.position(field) if data else (0, 0)
            _problem(log, line, column, field, text.strip(), script)
    for index, line in enumerate(source.body.split("\n")):
        text = _LINE_MARKS.sub("", line)
        script = known.get(_folded(text)) if text.strip() else None
        if script is not None:
            _problem(log, source.body_line + index, len(line) - len(line.lstrip()), "", text.strip(), script)
