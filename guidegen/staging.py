"""Stage a guide for an engine that runs no hooks (Zensical).

The MkDocs hooks add the generated parts while MkDocs renders. An engine that
runs no hooks gets them beforehand instead: the core's gather, validate,
resolve and render run first, and the result is written as a plain docs folder
that any engine can build:

- every file of the guide, as it is, except that block, part and home pages
  get their generated parts (checklist, quiz, footer, block cards) as raw HTML
  blocks in their Markdown, and block and part pages their summary as
  ``description``;
- the generated pages (``checklists/``, ``quiz/``, one sheet per block) as
  Markdown files holding the rendered HTML, left out of search;
- ``robots.txt``, unless the guide ships its own.

A heading's links down to its checklist items go in after the engine has
rendered the page (``with_backlinks``, the hook's own ``add_backlinks``): which
headings a page has is only known once its Markdown is rendered (headings in
admonitions and tabs count).

It uses the same loader, templates and renderer as the hooks; only the URL of
each page is worked out here, the way MkDocs does (``File.url`` and
``get_relative_url``), because there are no MkDocs files to ask. Writing only
what changed keeps the engine's incremental rebuild under ``serve`` cheap.
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from guidegen import render as rendering
from guidegen.frontmatter import read_source
from guidegen.i18n import Catalog
from guidegen.model import Block, Guide
from guidegen.problems import ProblemLog
from guidegen.render import MarkdownFunction, Renderer

_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The page's URL from the site root, as MkDocs' ``File.url`` gives it ("part-1/honesty/", "./")."""
    stem = src_uri.removesuffix(".md")
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index":
        return "./"
    return stem.removesuffix("index") if stem.endswith("/index") else stem + "/"


def _parts(path: str) -> list[str]:
    path = posixpath.normpath("/" + path)[1:]
    return path.split("/") if path else []


def relative_url(url: str, other: str) -> str:
    """``url`` relative to the page at ``other``: MkDocs' ``get_relative_url``."""
    directory, _, name = other.rpartition("/")
    if "." in name:
        other = directory
    other_parts, dest_parts = _parts(other), _parts(url)
    common = 0
    for first, second in zip(other_parts, dest_parts, strict=False):
        if first != second:
            break
        common += 1
    relative = "/".join([".."] * (len(other_parts) - common) + dest_parts[common:]) or "."
    return relative + "/" if url.endswith("/") else relative


@dataclass
class Site:
    """What the staged pages need to know about the site being built."""

    name: str
    url: str = ""
    use_directory_urls: bool = True


class Stager:
    """Writes a validated guide as a docs folder with every generated part in place."""

    def __init__(
        self, guide: Guide, docs_dir: Path, markdown: MarkdownFunction, site: Site, catalog: Catalog | None = None
    ) -> None:
        self.guide = guide
        self.docs_dir = docs_dir
        self.site = site
        self.renderer = Renderer(
            guide, markdown, self.link, site.name, site_url=site.url, locate=self.locate, catalog=catalog
        )

    # -- URLs, as MkDocs' file handling gives them -------------------------

    def locate(self, src_uri: str) -> str:
        url = page_url(src_uri, self.site.use_directory_urls)
        return "" if url == "./" else url

    def link(self, from_src_uri: str, to_src_uri: str, anchor: str | None) -> str:
        if from_src_uri == to_src_uri and anchor:
            return f"#{anchor}"
        directory_urls = self.site.use_directory_urls
        url = relative_url(page_url(to_src_uri, directory_urls), page_url(from_src_uri, directory_urls))
        return f"{url}#{anchor}" if anchor else url

    # -- pages -------------------------------------------------------------

    def pages(self) -> dict[str, str]:
        """Every Markdown page the staged folder holds, by path from the docs folder."""
        pages: dict[str, str] = {}
        for path in sorted(self.docs_dir.rglob("*.md")):
            src_uri = path.relative_to(self.docs_dir).as_posix()
            if _hidden(src_uri):
                continue
            text = read_source(path, ProblemLog(src_uri)).text
            pages[src_uri] = self._page(src_uri, text)
        pages[rendering.CHECKLISTS_PAGE] = _generated(self.renderer.checklists_page())
        pages[rendering.QUIZ_PAGE] = _generated(self.renderer.quiz_page())
        pages[rendering.PRIVACY_PAGE] = _generated(self.renderer.privacy_page())
        for block in self.guide.blocks:
            pages[rendering.sheet_page(block)] = _generated(self.renderer.sheet(block))
        return pages

    def _page(self, src_uri: str, text: str) -> str:
        block = self.guide.block_for(src_uri)
        if block is not None:
            return _with_description(text, block.summary) + _html_block(self.renderer.block_sections(block))
        part = self.guide.part_for(src_uri)
        if part is not None:
            text = _with_description(text, part.summary)
            text = _at_marker(text, rendering.BLOCKS_MARKER, self.renderer.part_overview(part))
            return text + _html_block(self.renderer.part_next(part))
        if src_uri == "index.md":
            return _at_marker(text, rendering.SERIES_MARKER, self.renderer.series_overview(src_uri))
        return text

    def built_page(self, src_uri: str) -> str:
        """Where the engine writes a page's HTML, from the site folder."""
        url = self.locate(src_uri)
        return url + "index.html" if self.site.use_directory_urls else url or "index.html"

    def with_backlinks(self, html: str, block: Block) -> str:
        """A built block page with each heading's link down to its checklist items, and its part and
        reading time above the title, as the hook adds them."""
        return self.renderer.finish_block_page(html, block)

    def with_hero(self, html: str) -> str:
        """The built home page with its hero in place of the title, as the hook puts it."""
        return self.renderer.finish_home(html, "index.md")

    # -- the folder --------------------------------------------------------

    def stage(self, target: Path, robots: bool = True) -> list[str]:
        """Make ``target`` hold the staged guide; returns the paths it changed.

        ``robots``: add a robots.txt when the guide has none (not for the offline edition).

        Files already there with the same content are left alone, and files
        whose source is gone are removed, so a rebuild sees only real changes.
        """
        wanted: dict[str, bytes | Path] = {}
        for path in sorted(self.docs_dir.rglob("*")):
            src_uri = path.relative_to(self.docs_dir).as_posix()
            if path.is_file() and not _hidden(src_uri) and not src_uri.endswith(".md"):
                wanted[src_uri] = path
        for src_uri, text in self.pages().items():
            wanted[src_uri] = text.encode("utf-8")
        if robots and "robots.txt" not in wanted:
            wanted["robots.txt"] = robots_txt(self.site.url).encode("utf-8")
        changed = [src_uri for src_uri, content in wanted.items() if _write(target / src_uri, content)]
        for path in sorted(target.rglob("*"), reverse=True):
            src_uri = path.relative_to(target).as_posix()
            if path.is_file() and src_uri not in wanted:
                path.unlink()
                changed.append(src_uri)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
        return changed


def _hidden(src_uri: str) -> bool:
    # MkDocs leaves out dot files and folders.
    return any(part.startswith(".") for part in src_uri.split("/"))


def _write(path: Path, content: bytes | Path) -> bool:
    data = content.read_bytes() if isinstance(content, Path) else content
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, Path):
        shutil.copyfile(content, path)
    else:
        path.write_bytes(data)
    return True


def _html_block(html: str) -> str:
    """Raw HTML that Markdown passes through as it is: a block of its own, blank lines around."""
    return f"\n\n{html.strip()}\n"


def _at_marker(text: str, marker: str, html: str) -> str:
    if marker in text:
        return text.replace(marker, _html_block(html) + "\n", 1)
    return text + _html_block(html)


def _with_description(text: str, summary: str) -> str:
    """The summary as the page's description, unless the author gave one (as the hook does)."""
    if not text.startswith("---\n"):
        return f"---\ndescription: {json.dumps(summary)}\n---\n{text}"
    end = text.find("\n---", 3)
    front = yaml.safe_load(text[4:end]) if end > 0 else None
    if isinstance(front, dict) and "description" in front:
        return text
    return f"---\ndescription: {json.dumps(summary)}\n{text[4:]}"


def _generated(html: str) -> str:
    """A generated page: its rendered HTML, titled by its heading, left out of search (as the hook does)."""
    heading = _H1.search(html)
    title = _TAG.sub("", heading.group(1)).strip() if heading else ""
    front = f"---\ntitle: {json.dumps(title)}\nsearch:\n  exclude: true\n---\n" if title else ""
    return front + _html_block(html)


def robots_txt(site_url: str) -> str:
    """A robots.txt that allows everything and names the sitemap when the site's address is known."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"
