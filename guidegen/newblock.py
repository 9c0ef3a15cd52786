"""Write a new building block skeleton: ``python -m guidegen.newblock PART TITLE``.

PART is a part's number or its folder name. The block gets the next free
``order`` in that part and a file name made from the title; an existing file is
never overwritten. Its placeholder text is in the guide's language (``GUIDE_LANGUAGE``,
as the build reads it), from the ``new_block.*`` strings of the catalog. The
skeleton is valid as written, so ``scripts/serve`` shows it while the author
fills it in; ``scripts/check`` and the build name each placeholder left
(``guidegen.placeholders``).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

from guidegen.frontmatter import read_front_matter, read_source
from guidegen.i18n import load_catalog
from guidegen.problems import ProblemLog, display_path
from guidegen.schema import BLOCK, PART

SKELETON = """\
---
title: {title}
summary: {summary}
order: {order}
# related: [other-block-id]
checklist:
  - id: first-step
    text: {item}
    section: the-idea
# quiz:
#   - id: first-question
#     prompt: {question}
#     choices:
#       - text: {right}
#         correct: true
#       - text: {wrong}
#         feedback: {feedback}
#     explanation: {explanation}
#     section: the-idea
#     shuffle: false  # only to keep the choices in the order written
---

# {heading}

## {section} {{#the-idea}}

{text}
"""


def skeleton(title: str, order: int, language: str) -> str:
    """The block's file, its placeholder text (``new_block.*`` of the catalog) in the guide's language."""
    catalog = load_catalog(language)
    words = {
        key.removeprefix("new_block."): catalog.text(key) for key in catalog.strings if key.startswith("new_block.")
    }
    # JSON strings are valid double-quoted YAML: any title or wording is safe in the front-matter.
    quoted = {name: json.dumps(text, ensure_ascii=False) for name, text in words.items()}
    quoted["text"] = words["text"]
    return SKELETON.format(
        **quoted,
        title=json.dumps(title, ensure_ascii=False),
        order=order,
        heading=title,
        section=catalog.text("new_guide.section"),
    )


class NewBlockError(Exception):
    """A reason not to write the block, worded for the author."""


def slugify(title: str) -> str:
    """'Saying sorry, well' -> 'saying-sorry-well'."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")


def _front_matter(path: Path, spec: object) -> dict[str, object]:
    """What can be read of a file's front-matter; its problems are for scripts/check."""
    source = read_source(path, ProblemLog(str(path)))
    data = read_front_matter(source, spec) if source.readable else None  # type: ignore[arg-type]
    return data.values if data else {}


def _parts(docs_dir: Path) -> dict[Path, object]:
    """Part folders and their numbers (None if unreadable)."""
    parts: dict[Path, object] = {}
    for index in sorted(docs_dir.glob("*/index.md")):
        values = _front_matter(index, PART)
        if "part" in values:
            parts[index.parent] = values["part"]
    return parts


def find_part(docs_dir: Path, part: str) -> Path:
    parts = _parts(docs_dir)
    for folder, number in parts.items():
        if part == folder.name or (part.isdigit() and number == int(part)):
            return folder
    known = ", ".join(f"{number} ({folder.name}/)" for folder, number in parts.items()) or "none"
    raise NewBlockError(f"no part '{part}' in {display_path(docs_dir)}; parts: {known}")


def next_order(folder: Path) -> int:
    orders = [_front_matter(page, BLOCK).get("order") for page in folder.glob("*.md") if page.name != "index.md"]
    return max((order for order in orders if isinstance(order, int)), default=0) + 1


def new_block(docs_dir: Path, part: str, title: str, language: str = "en") -> Path:
    title = " ".join(title.split())
    if not title:
        raise NewBlockError("the title is empty")
    block_id = slugify(title)
    if not block_id:
        raise NewBlockError(f"cannot make a file name from '{title}': use some letters or digits")
    folder = find_part(docs_dir, part)
    target = folder / f"{block_id}.md"
    if target.exists():
        raise NewBlockError(f"{display_path(target)} already exists; it was left as it is")
    clash = next((p for p in docs_dir.glob(f"*/{block_id}.md") if p.parent != folder), None)
    if clash is not None and (clash.parent / "index.md").is_file():
        raise NewBlockError(f"block id '{block_id}' is already used by {display_path(clash)}: choose another title")
    text = skeleton(title, next_order(folder), language)
    with target.open("x", encoding="utf-8", newline="\n") as file:
        file.write(text)
    return target


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: guidegen new-block PART TITLE   (PART: the part's number or folder name)", file=sys.stderr)
        return 2
    from guidegen.project import ProjectError, load_project  # the folder mkdocs.yml names, as every command reads it

    try:
        project = load_project()
    except ProjectError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        path = new_block(project.docs_dir, argv[0], argv[1], project.language)
    except NewBlockError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {display_path(path)}: fill in the summary, checklist and text, then run guidegen check.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
