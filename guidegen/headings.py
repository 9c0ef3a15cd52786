"""Find the heading ids a block's body will have once rendered.

Cheap on purpose: a line scan instead of a second Markdown render. It follows
Python-Markdown's toc rules: an explicit ``{#id}`` wins, otherwise the slug of
the heading text, made unique with ``_1``, ``_2``... like the toc extension.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown.extensions.toc import slugify as default_slugify

from guidegen.model import Heading

Slugify = Callable[[str, str], str]

_ATX = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_SETEXT = re.compile(r"^(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_ATTRS = re.compile(r"[ \t]*\{:?([^}]*)\}[ \t]*$")
_ID = re.compile(r"#([\w-]+)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_INLINE_MARKS = re.compile(r"[*_`~]|<[^>]+>")


def _plain(text: str) -> str:
    return _INLINE_MARKS.sub("", _LINK.sub(r"\1", text)).strip()


def _split_attrs(text: str) -> tuple[str, str | None]:
    match = _ATTRS.search(text)
    if not match:
        return text, None
    explicit = _ID.search(match.group(1))
    return text[: match.start()], explicit.group(1) if explicit else None


def find_headings(
    body: str, first_line: int = 0, slugify: Slugify = default_slugify, separator: str = "-"
) -> list[Heading]:
    """Headings of a Markdown body with the ids the toc extension will give them."""
    headings: list[Heading] = []
    used: set[str] = set()
    fence: str | None = None
    lines = body.split("\n")
    for index, line in enumerate(lines):
        fence_match = _FENCE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            if fence is None:
                fence = marker[0] * len(marker)
            elif marker.startswith(fence):
                fence = None
            continue
        if fence is not None:
            continue
        level, text = _heading_at(lines, index)
        if not level:
            continue
        title, explicit = _split_attrs(text)
        title = _plain(title)
        heading_id = explicit or _unique(slugify(title, separator), used)
        used.add(heading_id)
        headings.append(Heading(heading_id, title, level, first_line + index))
    return headings


def _heading_at(lines: list[str], index: int) -> tuple[int, str]:
    line = lines[index]
    atx = _ATX.match(line)
    if atx:
        return len(atx.group(1)), atx.group(2)
    if index + 1 < len(lines) and line.strip() and not line.startswith((" ", "\t", "-", "*", ">")):
        underline = _SETEXT.match(lines[index + 1])
        if underline and (index == 0 or not lines[index - 1].strip()):
            return (1 if underline.group(1)[0] == "=" else 2), line.strip()
    return 0, ""


def _unique(slug: str, used: set[str]) -> str:
    candidate, counter = slug, 0
    while candidate in used:
        counter += 1
        candidate = f"{slug}_{counter}"
    return candidate
