"""The site navigation, generated from parts and their blocks' order."""

from __future__ import annotations

import html
from collections.abc import Collection
from pathlib import Path

from guidegen.i18n import Catalog, load_catalog
from guidegen.model import Guide
from guidegen.render import CHECKLISTS_PAGE, PRIVACY_PAGE, QUIZ_PAGE

NavEntry = str | dict[str, "str | list[NavEntry]"]


def build_nav(
    guide: Guide, docs_dir: Path, leave_out: Collection[str] = (), catalog: Catalog | None = None
) -> list[NavEntry]:
    """Home, the safety page, each part with its blocks in order, the generated pages, then any other pages.

    The safety page (``guide.safety_page`` on the home page) comes before the
    first part: a reader who should step back learns it before any advice.

    ``leave_out``: pages the build leaves out (under `mkdocs serve`, files it cannot read).
    """
    catalog = catalog or load_catalog("en")
    nav: list[NavEntry] = []
    if (docs_dir / "index.md").is_file():
        nav.append({catalog.text("nav.home"): "index.md"})
    placed = {"index.md"}
    safety = guide.settings.safety_page
    if safety and safety not in leave_out and (docs_dir / safety).is_file():
        nav.append(safety)  # titled by MkDocs from the page itself
        placed.add(safety)
    for part in guide.parts:
        pages: list[NavEntry] = [part.src_uri, *(block.src_uri for block in part.blocks)]
        # Material prints navigation titles as HTML: a part's title is text.
        nav.append({html.escape(catalog.text("nav.part", number=part.number, title=part.title), quote=False): pages})
        placed.update(p for p in pages if isinstance(p, str))
    nav.append({catalog.text("nav.checklists"): CHECKLISTS_PAGE})
    nav.append({catalog.text("quiz.page_title"): QUIZ_PAGE})
    others = sorted(
        path.relative_to(docs_dir).as_posix()
        for path in docs_dir.rglob("*.md")
        if not any(part.startswith(".") for part in path.relative_to(docs_dir).parts)
    )
    # Content in the generator's own paths is an error; `mkdocs serve` shows the generated pages instead.
    reserved = tuple(page.split("/")[0] for page in (CHECKLISTS_PAGE, QUIZ_PAGE, PRIVACY_PAGE))
    nav.extend(
        page
        for page in others
        if page not in placed and page not in leave_out and page.split("/")[0].removesuffix(".md") not in reserved
    )
    return nav


def complete_nav(nav: list[NavEntry], guide: Guide, catalog: Catalog | None = None) -> list[NavEntry]:
    """An author's explicit ``nav:`` with the guide's pages it leaves out, placed beside what it lists.

    A site that writes its own navigation places the guide's parts itself, by their index pages
    (``part-1/index.md``). A part listed without any of its blocks gets its blocks after its index,
    in order, in the same section; the generated pages (every checklist, every quiz), when the nav
    names neither, follow the last part listed. Everything the author wrote stays as written.
    """
    catalog = catalog or load_catalog("en")
    listed = set(_pages_in(nav))
    last_part: tuple[list[NavEntry], int] | None = None
    for part in guide.parts:
        found = _find(nav, part.src_uri)
        if found is None:
            continue
        section, index = found
        missing = [block.src_uri for block in part.blocks if block.src_uri not in listed]
        if len(missing) == len(part.blocks):
            section[index + 1 : index + 1] = missing
            listed.update(missing)
            index += len(missing)
        last_part = (section, index)
    generated = [CHECKLISTS_PAGE, QUIZ_PAGE]
    if last_part is not None and not any(page in listed for page in generated):
        section, index = last_part
        section[index + 1 : index + 1] = [
            {catalog.text("nav.checklists"): CHECKLISTS_PAGE},
            {catalog.text("quiz.page_title"): QUIZ_PAGE},
        ]
    return nav


def _pages_in(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [page for entry in nav for page in _pages_in(entry)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _pages_in(value)]
    return []


def _find(nav: list[NavEntry], src_uri: str) -> tuple[list[NavEntry], int] | None:
    """(the list holding the entry for ``src_uri``, its position), searching sections depth-first."""
    for position, entry in enumerate(nav):
        if entry == src_uri or (isinstance(entry, dict) and list(entry.values()) == [src_uri]):
            return nav, position
        if isinstance(entry, dict):
            for value in entry.values():
                if isinstance(value, list):
                    found = _find(value, src_uri)
                    if found is not None:
                        return found
    return None
