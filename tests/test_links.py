"""Links gate: every internal link and anchor in the built HTML leads somewhere.

MkDocs validates the links authors write in Markdown; this checks the output,
so links the generator, the templates and the theme add are checked too:
every internal href/src resolves to a file of the site, and every #fragment
to an id in the page it points at. Links to other sites are not followed;
nothing the browser loads by itself (scripts, styles, images) may come from
another host.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.helpers import BuildResult

# Attributes holding an address, and which of them the browser loads without a click.
LINK_ATTRIBUTES = {"href", "src", "poster", "action", "data"}
LOADED = {("script", "src"), ("img", "src"), ("link", "href"), ("source", "src"), ("iframe", "src"), ("video", "src")}
SCHEMES_NOT_FOLLOWED = {"http", "https", "mailto", "tel", "data", "blob", "javascript"}


@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    # (tag, attribute, address, line)
    links: list[tuple[str, str, str, int]] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.page.ids.add(value)
            elif name in LINK_ATTRIBUTES and not (tag == "link" and ("rel", "canonical") in attrs):
                self.page.links.append((tag, name, value, line))


class Site:
    """The built site's HTML files, parsed once each."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._pages: dict[Path, ParsedPage] = {}

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    def parse(self, path: Path) -> ParsedPage:
        if path not in self._pages:
            collector = _Collector()
            collector.feed(path.read_text(encoding="utf-8"))
            collector.close()
            self._pages[path] = collector.page
        return self._pages[path]

    def url_path(self, path: Path) -> str:
        """The address path a file is served at, as the site's own links see it."""
        relative = path.relative_to(self.root).as_posix()
        if relative == "404.html":
            return "/"  # served at any missing address: its links are absolute
        return "/" + relative.removesuffix("index.html")

    def target(self, address_path: str) -> Path | None:
        """The file an address path leads to, as a static server would answer it."""
        candidate = self.root / address_path.lstrip("/")
        if address_path.endswith("/") or candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    def problems(self) -> tuple[list[str], list[str]]:
        """(broken internal links, resources loaded from another host)."""
        broken: list[str] = []
        foreign: list[str] = []
        for path in self.html_files():
            where = path.relative_to(self.root).as_posix()
            base = self.url_path(path)
            for tag, attribute, address, line in self.parse(path).links:
                parts = urlsplit(address)
                if parts.scheme or address.startswith("//"):
                    if (tag, attribute) in LOADED and parts.scheme in {"http", "https", ""}:
                        foreign.append(f"{where}:{line}: <{tag} {attribute}={address!r}> loads from another host")
                    elif parts.scheme not in SCHEMES_NOT_FOLLOWED:
                        broken.append(f"{where}:{line}: <{tag} {attribute}={address!r}>: unknown scheme")
                    continue
                problem = self._check(path, base, parts.path, parts.fragment)
                if problem:
                    broken.append(f"{where}:{line}: <{tag} {attribute}={address!r}> {problem}")
        return broken, foreign

    def _check(self, page: Path, base: str, path: str, fragment: str) -> str | None:
        if path:
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(base + "x"), unquote(path)))
            if path.endswith("/") and not resolved.endswith("/"):
                resolved += "/"
            if resolved.startswith("/.."):
                return "leaves the site"
            target = self.target(resolved)
            if target is None:
                return f"leads to {resolved}, which is not in the site"
        else:
            target = page
        if fragment and target.suffix == ".html" and unquote(fragment) not in self.parse(target).ids:
            shown = target.relative_to(self.root).as_posix()
            return f"points at #{fragment}, which is not an id in {shown}"
        return None


@pytest.mark.parametrize("which", ["guide_site", "mini_site"])
def test_every_internal_link_and_anchor_resolves(which: str, request: pytest.FixtureRequest) -> None:
    built: BuildResult = request.getfixturevalue(which)
    site = Site(built.site_dir)
    assert len(site.html_files()) > 5, f"{built.site_dir} holds almost no pages"
    broken, _ = site.problems()
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken)


@pytest.mark.parametrize("which", ["guide_site", "mini_site"])
def test_nothing_is_loaded_from_another_host(which: str, request: pytest.FixtureRequest) -> None:
    built: BuildResult = request.getfixturevalue(which)
    _, foreign = Site(built.site_dir).problems()
    assert not foreign, "\n".join(foreign)


def test_the_checker_finds_a_broken_link_and_a_broken_anchor(tmp_path: Path) -> None:
    """The gate can fail: a missing page and a missing id are both reported with their place."""
    (tmp_path / "a").mkdir()
    home = '<p id="top"><a href="a/">ok</a> <a href="a/#nowhere">x</a>\n<a href="b/">y</a>'
    (tmp_path / "index.html").write_text(home)
    (tmp_path / "a" / "index.html").write_text(
        '<a href="../#top">up</a><img src="https://cdn.example/x.png"><a href="https://example.org/">fine</a>'
    )
    (tmp_path / "404.html").write_text('<a href="/a/">a</a><a href="/missing/">m</a>')
    broken, foreign = Site(tmp_path).problems()
    assert broken == [
        "404.html:1: <a href='/missing/'> leads to /missing/, which is not in the site",
        "index.html:1: <a href='a/#nowhere'> points at #nowhere, which is not an id in a/index.html",
        "index.html:2: <a href='b/'> leads to /b/, which is not in the site",
    ]
    assert foreign == ["a/index.html:1: <img src='https://cdn.example/x.png'> loads from another host"]
