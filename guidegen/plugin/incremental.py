"""Saves that show in about a second: what a rebuild under ``guidegen serve`` (``mkdocs serve --dirty``) redoes.

MkDocs' own dirty mode re-reads and rewrites only the pages whose source is newer
than their output. Alone that is unsound for a guide: every page carries the whole
navigation, the pages it did not re-read have no title (the navigation of the
rewritten pages said "None"), the home and part pages show every block's card,
the generated pages show every block's texts, and Material's search index would
keep the rewritten pages only.

The plugin decides instead, from what it knows after gathering the guide and
before MkDocs reads any page (``on_nav``), and MkDocs' dirty mode carries it out
(``File.is_modified``, which MkDocs asks before reading and before writing a page):

- **Everything** is rebuilt when anything that shows on every page may have
  changed: the first build; any page added, removed or renamed; the navigation
  as the generator builds it (parts, their titles, the blocks' order); any block's
  title; a page that is not a block (the home page holds the guide's settings,
  a part's index its title, any other page may name itself in the navigation);
  the content's problems; mkdocs.yml; the theme folders, the guide's catalogs and
  everything the site watches (templates). Output of pages that no longer exist
  is removed.
- Otherwise only what shows the saved blocks: each saved block, the block before it
  (its "next" card names it) and blocks that list it as related, the home page
  and the saved blocks' part pages (cards), the checklists and quiz pages and the
  saved blocks' sheets.

The pages not re-read get back what MkDocs knew of them after the previous build
(title, front-matter, anchors), so every navigation, the 404 page and the
sitemap are what a full build writes. Material's search index is merged: the
rebuilt pages' entries, the others' from the previous build, in page order.
``tests/test_serve_incremental.py`` compares each kind of save with a clean build,
byte for byte.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from guidegen import render as rendering
from guidegen.model import Guide

log = logging.getLogger("mkdocs.plugins.guidegen")

#: MkDocs' warning for every dirty build, which this module makes untrue.
DIRTY_WARNING = "A 'dirty' build is being performed"


@dataclass
class PageRecord:
    """What MkDocs knew of a page once it was read, for the builds that do not read it again."""

    title: str | None
    meta: dict[str, Any]
    present_anchor_ids: set[str] | None
    dest: str
    search: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class SiteRecord:
    """One output folder as the previous build left it."""

    site_key: str
    sources: dict[str, str]
    facets: dict[str, dict[str, str]]
    pages: dict[str, PageRecord] = field(default_factory=dict)


@dataclass
class Plan:
    """What this build rebuilds: every page (full), or these pages only."""

    full: bool
    pages: set[str]
    reason: str


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _source_digest(file: File) -> str:
    if file.generated_by or not file.abs_src_path:
        return _digest(file.content_bytes)
    try:
        return _digest(Path(file.abs_src_path).read_bytes())
    except OSError:
        return ""


def folder_fingerprint(folders: list[Path]) -> list[tuple[str, int, int]]:
    found = []
    for folder in folders:
        if folder.is_file():
            stat = folder.stat()
            found.append((str(folder), stat.st_mtime_ns, stat.st_size))
            continue
        for root, dirs, names in os.walk(folder):
            dirs[:] = sorted(name for name in dirs if name != "__pycache__")
            for name in sorted(names):
                try:
                    stat = os.stat(os.path.join(root, name))
                except OSError:
                    continue
                found.append((os.path.join(root, name), stat.st_mtime_ns, stat.st_size))
    return found


def site_key(config: MkDocsConfig, guide: Guide, extra: object) -> str:
    """Everything that shows on every page, or decides what every page is."""
    config_file = Path(config.config_file_path) if config.config_file_path else None
    material = _material_dir()
    theme_dirs = [Path(folder) for folder in config.theme.dirs if material is None or Path(folder) != material]
    watched = [Path(path) for path in config.watch if Path(path).exists()]
    parts = [
        (part.src_uri, part.number, part.title, [(block.src_uri, block.id, block.title) for block in part.blocks])
        for part in guide.parts
    ]
    key = repr(
        (
            _digest(config_file.read_bytes()) if config_file and config_file.is_file() else "",
            folder_fingerprint([*theme_dirs, *watched]),
            repr(config.nav),
            repr(guide.settings),
            parts,
            extra,
            {name: os.environ[name] for name in sorted(os.environ) if name.startswith("GUIDE_")},
        )
    )
    return _digest(key.encode("utf-8"))


def _material_dir() -> Path | None:
    try:
        import material

        return Path(material.__file__).parent / "templates"
    except ImportError:  # pragma: no cover - Material is the theme of every guide
        return None


def facets(guide: Guide) -> dict[str, dict[str, str]]:
    """What other pages show of each block (its title is in the site key: the navigation shows it)."""
    found = {}
    for block in guide.blocks:
        checklist = [(item.id, item.fingerprint) for item in block.checklist]
        quiz = [(question.id, question.fingerprint) for question in block.quiz]
        found[block.src_uri] = {
            # Its cards (home, part), the previous block's "next" card, related blocks' lists.
            "card": _digest(repr((block.summary, block.reading_minutes, checklist, quiz)).encode("utf-8")),
            # The checklists page and its sheet.
            "checklist": _digest(repr((block.summary, block.checklist, block.headings)).encode("utf-8")),
            # The quiz page.
            "quiz": _digest(repr((block.quiz, block.headings)).encode("utf-8")),
        }
    return found


def plan(
    record: SiteRecord | None, key: str, sources: dict[str, str], guide: Guide, shown: dict[str, dict[str, str]]
) -> Plan:
    """Which pages this build must rebuild (``sources``: every page's source digest, by src_uri;
    ``shown``: what other pages show of each block, from ``facets``)."""
    if record is None:
        return Plan(True, set(sources), "the first build")
    if key != record.site_key:
        return Plan(True, set(sources), "the navigation, settings, theme or configuration changed")
    if set(sources) != set(record.sources):
        return Plan(True, set(sources), "pages were added or removed")
    changed = {uri for uri, digest in sources.items() if record.sources.get(uri) != digest}
    blocks = guide.blocks
    by_uri = {block.src_uri: block for block in blocks}
    generated = {rendering.sheet_page(block) for block in blocks}
    generated |= {rendering.CHECKLISTS_PAGE, rendering.QUIZ_PAGE, rendering.PRIVACY_PAGE}
    not_blocks = sorted(uri for uri in changed if uri not in by_uri and uri not in generated)
    if not_blocks:
        return Plan(True, set(sources), f"{not_blocks[0]} is not a building block")
    saved = [by_uri[uri] for uri in sorted(changed) if uri in by_uri]
    if not saved:
        return Plan(False, set(), "nothing a page shows changed")
    pages: set[str] = set()
    for block in saved:
        pages.add(block.src_uri)
        before, now = record.facets.get(block.src_uri, {}), shown.get(block.src_uri, {})
        if before.get("card") != now.get("card"):
            pages.add("index.md")
            if block.part is not None:
                pages.add(block.part.src_uri)
            at = blocks.index(block)
            if at > 0:
                pages.add(blocks[at - 1].src_uri)  # its "next" card shows this block's summary
            pages |= {other.src_uri for other in blocks if block.id in other.related}
        if before.get("checklist") != now.get("checklist"):
            pages |= {rendering.CHECKLISTS_PAGE, rendering.sheet_page(block)}
        if before.get("quiz") != now.get("quiz"):
            pages.add(rendering.QUIZ_PAGE)
    return Plan(False, pages & set(sources), ", ".join(block.src_uri for block in saved) + " saved")


class DirtyWarningFilter(logging.Filter):
    """Drops MkDocs' warning that a dirty build shows inaccurate navigation: the plugin keeps it accurate."""

    def filter(self, record: logging.LogRecord) -> bool:
        return DIRTY_WARNING not in record.getMessage()


class Incremental:
    """The plugin's memory of each output folder across the builds of one ``mkdocs serve --dirty``."""

    def __init__(self) -> None:
        self.records: dict[str, SiteRecord] = {}
        self.plan: Plan | None = None
        self.key = ""
        self.sources: dict[str, str] = {}
        self.facets: dict[str, dict[str, str]] = {}
        self._filter = DirtyWarningFilter()
        logging.getLogger("mkdocs.commands.build").addFilter(self._filter)

    def start(self, config: MkDocsConfig, files: Files, guide: Guide, extra: object) -> Plan:
        """Decide this build's pages and hand the others what MkDocs knew of them (in ``on_nav``)."""
        site_dir = str(Path(config.site_dir).absolute())
        record = self.records.get(site_dir)
        pages = [file for file in files.documentation_pages()]
        self.sources = {file.src_uri: _source_digest(file) for file in pages}
        self.key = site_key(config, guide, extra)
        self.facets = facets(guide)
        if _search_plugin(config) is False:
            record = None  # another search plugin: it could not be merged, so every build is whole
        self.plan = chosen = plan(record, self.key, self.sources, guide, self.facets)
        log.info("Rebuilding %s: %s", "every page" if chosen.full else f"{len(chosen.pages)} pages", chosen.reason)
        if chosen.full and record is not None:
            current = {file.abs_dest_path for file in pages}
            for old in record.pages.values():
                if old.dest not in current and os.path.isfile(old.dest):
                    os.remove(old.dest)  # a page that is gone must not be served from the last build
        for file in pages:
            rebuild = chosen.full or file.src_uri in chosen.pages
            file.is_modified = _constant(rebuild)  # type: ignore[method-assign]
            if rebuild or record is None:
                continue
            kept = record.pages.get(file.src_uri)
            page = file.page
            if kept is not None and page is not None:
                _restore(page, kept)
        return chosen

    def merge_search(self, config: MkDocsConfig, files: Files) -> None:
        """Material's search index: the rebuilt pages' entries and the others' from the previous build, in order."""
        search = _search_plugin(config)
        chosen = self.plan
        if not search or chosen is None:
            return
        site_dir = str(Path(config.site_dir).absolute())
        record = self.records.get(site_dir)
        fresh: dict[str, list[dict[str, Any]]] = {}
        for entry in search.search_index.entries:
            fresh.setdefault(str(entry["location"]).split("#", 1)[0], []).append(entry)
        merged: list[dict[str, Any]] = []
        for file in files.documentation_pages():
            if chosen.full or file.src_uri in chosen.pages or record is None:
                entries = fresh.get(_url(file), [])
            else:
                kept = record.pages.get(file.src_uri)
                entries = kept.search if kept is not None else []
            merged.extend(entries)
        search.search_index.entries = merged
        search.search_index_prev = None  # its own dirty merge assumes a single page was rebuilt

    def finish(self, config: MkDocsConfig, files: Files) -> None:
        """Remember what this build knew of every page (in ``on_post_build``, once every page is written)."""
        chosen = self.plan
        if chosen is None:
            return
        site_dir = str(Path(config.site_dir).absolute())
        old = self.records.get(site_dir)
        search = _search_plugin(config)
        entries: dict[str, list[dict[str, Any]]] = {}
        if search:
            for entry in search.search_index.entries:
                entries.setdefault(str(entry["location"]).split("#", 1)[0], []).append(entry)
        pages: dict[str, PageRecord] = {}
        for file in files.documentation_pages():
            page = file.page
            if page is None:
                continue
            if chosen.full or file.src_uri in chosen.pages or old is None or file.src_uri not in old.pages:
                pages[file.src_uri] = PageRecord(
                    page.title,
                    dict(page.meta),
                    set(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
                    file.abs_dest_path,
                    entries.get(_url(file), []),
                )
            else:
                pages[file.src_uri] = old.pages[file.src_uri]
        self.records[site_dir] = SiteRecord(self.key, dict(self.sources), self.facets, pages)
        self.plan = None

    def forget(self) -> None:
        """A build that failed half-way: the next one rebuilds everything."""
        self.records.clear()
        self.plan = None


def _url(file: File) -> str:
    """The page's URL as its search entries name it (the home page's is "", its file's "./")."""
    return file.page.url if file.page is not None else file.url


def _constant(value: bool):  # type: ignore[no-untyped-def]
    return lambda: value


def _restore(page: Any, kept: PageRecord) -> None:
    page.title = kept.title
    page.meta = dict(kept.meta)
    page.present_anchor_ids = set(kept.present_anchor_ids) if kept.present_anchor_ids is not None else None


def _search_plugin(config: MkDocsConfig) -> Any:
    """Material's search plugin; None without search; False for a search plugin whose index cannot be merged."""
    for name, plugin in config.plugins.items():
        if name.split("/")[-1] != "search":
            continue
        index = getattr(plugin, "search_index", None)
        if index is None or not hasattr(index, "entries") or not hasattr(plugin, "search_index_prev"):
            return False
        return plugin
    return None
