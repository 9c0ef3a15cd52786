"""Every link the checklists generate resolves in the built site (strict build), anchors included.

MkDocs validates the links authors write in Markdown; the checklists, back-links
and cards are added as HTML after that, so they are checked here in the output.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.helpers import BuildResult

# The containers the checklist feature renders; every link inside one is ours.
SCOPES = {"gg-checklist", "gg-backlink", "gg-cards", "gg-sheet", "gg-part", "gg-series", "gg-transfer"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Page(HTMLParser):
    """Collects a page's ids and the links inside our checklist containers."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self._stack: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        inside = bool(self._stack and self._stack[-1][1])
        ours = inside or bool(SCOPES & set((values.get("class") or "").split()))
        if tag == "a" and ours and values.get("href"):
            self.links.append(values["href"] or "")
        if tag not in VOID:
            self._stack.append((tag, ours))

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            if self._stack.pop()[0] == tag:
                break


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _target(site: Path, page_path: Path, href: str) -> tuple[Path, str]:
    base = "http://site/" + page_path.relative_to(site).as_posix()
    url = urlsplit(urljoin(base, href))
    assert url.netloc == "site", f"{href} leaves the site"
    path = site / unquote(url.path).lstrip("/")
    if url.path.endswith("/"):
        path = path / "index.html"
    return path, unquote(url.fragment)


def _broken_links(site: Path) -> tuple[list[str], int]:
    pages: dict[Path, _Page] = {}
    broken = []
    count = 0
    for html in sorted(site.rglob("*.html")):
        for href in _parse(html).links:
            count += 1
            target, anchor = _target(site, html, href)
            where = f"{html.relative_to(site)}: {href}"
            if not target.is_file():
                broken.append(f"{where} (no page {target.relative_to(site)})")
                continue
            if target not in pages:
                pages[target] = _parse(target)
            if anchor and anchor not in pages[target].ids:
                broken.append(f"{where} (no #{anchor} in {target.relative_to(site)})")
    return broken, count


@pytest.mark.parametrize("which", ["guide_site", "mini_site"])
def test_every_checklist_link_resolves(which: str, request: pytest.FixtureRequest) -> None:
    site: BuildResult = request.getfixturevalue(which)
    broken, count = _broken_links(site.site_dir)
    assert count > 20, f"only {count} checklist links found: the scan is not seeing the checklists"
    assert broken == []


def test_the_site_wide_page_links_every_item_back_to_its_block(mini_site: BuildResult) -> None:
    site = mini_site.site_dir
    page = site / "checklists" / "index.html"
    links = [urljoin("http://site/checklists/", href) for href in _parse(page).links]
    assert "http://site/part-one/watering/#timing" in links  # the section an item puts into practice
    assert "http://site/part-one/watering/#item-feel-soil" in links  # an item with no section: its block
    assert "http://site/part-one/soil/#compost" in links
    assert "http://site/checklists/watering/" in links  # the printable sheet


def test_a_heading_named_by_an_item_links_down_to_it(mini_site: BuildResult) -> None:
    page = _parse(mini_site.site_dir / "part-one" / "watering" / "index.html")
    assert "#item-morning" in page.links
    assert "item-morning" in page.ids
    assert "your-checklist" in page.ids
