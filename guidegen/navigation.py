"""The site navigation, generated from parts and their blocks' order."""

from __future__ import annotations

import html
from collections.abc import Collection
from pathlib import Path

from guidegen.i18n import Catalog, load_catalog
from guidegen.model import Guide
from guidegen.render import CHECKLISTS_PAGE, QUIZ_PAGE

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
    reserved = (CHECKLISTS_PAGE.split("/")[0], QUIZ_PAGE.split("/")[0])
    nav.extend(
        page
        for page in others
        if page not in placed and page not in leave_out and page.split("/")[0].removesuffix(".md") not in reserved
    )
    return nav
