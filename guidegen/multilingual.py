"""One guide in several languages: its editions, checked against each other, and what they share.

A multilingual guide names its languages in the plugin's settings (``languages:
[en, es, ar]``, the default first) and keeps each language's complete guide
folder in ``docs/<language>/``. The default language is the **source**; every
other folder is a **translation** of it:

- Blocks are matched by id (the file's name), parts by number, checklist items
  and questions by id within their block. A translation must have every part,
  item and question of the source and nothing else: otherwise a reader's
  progress would count differently in each language (**errors**). So must a
  question's choices: as many, the same ones right, since a saved answer is
  the authored index of the choices picked. A block it lacks is a **warning**:
  its build publishes the source's page there, with a note (:func:`fill_in`).
- A translated block records the source it was translated from:
  ``translated_from: <fingerprint>``, the source file's current fingerprint,
  which :func:`source_fingerprint` computes and every message quotes. A
  translation without it, or with an older one, is **stale** (a **warning**:
  it still publishes).
- Progress follows the reader (:func:`share_progress`): every edition's
  checklist item carries the source item's fingerprint, so a tick made in one
  language shows in every other (the item is the same action). A question
  carries the source question's fingerprint only while its block's
  ``translated_from`` is current; otherwise it keeps its own, and an answer
  given to it is not carried over to or from the other languages (the texts
  may no longer ask the same thing).

The core only: no engine is imported. ``guidegen check`` and ``guidegen build``
call :func:`compare`; the MkDocs plugin calls :func:`share_progress` and
:func:`counterpart`.
"""

from __future__ import annotations

import html
import re
import shutil
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import urljoin

import markdown
from babel import Locale, UnknownLocaleError

from guidegen import render as rendering
from guidegen.headings import HeadingFinder
from guidegen.i18n import Catalog, load_catalog
from guidegen.loader import FindHeadings, LoadResult, load_guide
from guidegen.model import Block, Guide, short_hash
from guidegen.problems import Problem, display_path, summary_line
from guidegen.siteconfig import config_key

if TYPE_CHECKING:
    from guidegen.project import Project

#: The front-matter key a translated block records its source's fingerprint under.
TRANSLATED_FROM = "translated_from"


@dataclass(frozen=True, order=True)
class Finding:
    """One difference between a translation and its source, at the translation's file and line."""

    path: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""

    def problem(self) -> Problem:
        return Problem(self.path, self.line, self.column, self.field, self.message, self.hint)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        text = f"{where}: {self.field}: warning: {self.message}" if self.field else f"{where}: warning: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


@dataclass
class Comparison:
    """What ``check`` and ``build`` report about the translations: errors stop a build, warnings do not."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)


def load_editions(
    docs_dir: Path,
    languages: tuple[str, ...],
    finder: FindHeadings | None,
    locales_dir: Path | None,
) -> dict[str, LoadResult]:
    """Every language's guide folder (``docs_dir/<language>``), read and checked on its own."""
    return {language: load_guide(docs_dir / language, finder, language, locales_dir) for language in languages}


def source_fingerprint(docs_dir: Path, src_uri: str) -> str:
    """The fingerprint a translation of this source file records as ``translated_from``: its whole text."""
    try:
        text = (docs_dir / src_uri).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    return short_hash(text.replace("\r\n", "\n"))


def is_current(block: Block, source_docs: Path, source: Block) -> bool:
    """Whether a translated block says it was translated from the source's current text."""
    recorded = block.translated_from
    return bool(recorded) and recorded == source_fingerprint(source_docs, source.src_uri)


def share_progress(translation: Guide, source: Guide, source_docs: Path) -> None:
    """Give a translation's items (always) and questions (while current) their source's fingerprints."""
    for block in translation.blocks:
        original = source.block(block.id)
        if original is None:
            continue
        items = {item.id: item for item in original.checklist}
        for item in block.checklist:
            if item.id in items:
                item.shared = items[item.id].fingerprint
        if not is_current(block, source_docs, original):
            continue
        questions = {question.id: question for question in original.quiz}
        for question in block.quiz:
            match = questions.get(question.id)
            if match is not None and _same_choices(question.choices, match.choices):
                question.shared = match.fingerprint


def fill_in(translation: Guide, source: Guide) -> dict[str, str]:
    """Put the source's blocks a translation lacks into it, each in the part with its number.

    Returns {the page's path in the translation: the source's path}: the translation's build publishes the
    source's page there, with a note that it is not translated yet. The block is the source's own (its
    texts and fingerprints), so progress made on it is the same as in the source language.
    """
    added: dict[str, str] = {}
    for block in source.blocks:
        if translation.block(block.id) is not None or block.part is None:
            continue
        part = next((p for p in translation.parts if p.number == block.part.number), None)
        if part is None:
            continue
        folder = PurePosixPath(part.src_uri).parent
        src_uri = (folder / PurePosixPath(block.src_uri).name).as_posix()
        if translation.block_for(src_uri) is not None:
            continue
        copy = replace(block, src_uri=src_uri, part=part)
        part.blocks.append(copy)
        part.blocks.sort(key=lambda b: b.order)
        added[src_uri] = block.src_uri
    return added


def _same_choices(first: list, second: list) -> bool:  # type: ignore[type-arg]
    return [choice.correct for choice in first] == [choice.correct for choice in second]


def counterpart(src_uri: str, guide: Guide, other: Guide, other_docs: Path) -> str | None:
    """The page of ``other`` (another language) that is the same as ``src_uri`` of ``guide``, if any."""
    block = guide.block_for(src_uri)
    if block is not None:
        match = other.block(block.id)
        return match.src_uri if match is not None else None
    part = guide.part_for(src_uri)
    if part is not None:
        return next((p.src_uri for p in other.parts if p.number == part.number), None)
    sheet = next((b for b in guide.blocks if rendering.sheet_page(b) == src_uri), None)
    if sheet is not None:
        match = other.block(sheet.id)
        return rendering.sheet_page(match) if match is not None else None
    if src_uri in (rendering.CHECKLISTS_PAGE, rendering.QUIZ_PAGE, rendering.PRIVACY_PAGE):
        return src_uri
    return src_uri if (other_docs / src_uri).is_file() else None


def autonym(code: str) -> str:
    """A language's name in itself, as a reader looking for it would recognise it: Español, العربية."""
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(code.replace("-", "_")) or code
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:]


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """A page's address from its site's root, as MkDocs writes it ("part-one/soil/", "" for the home)."""
    path = PurePosixPath(src_uri)
    stem = path.with_suffix("")
    if stem.name in ("index", "README"):
        folder = stem.parent.as_posix()
        folder = "" if folder == "." else folder + "/"
        return folder if use_directory_urls else folder + "index.html"
    return f"{stem.as_posix()}/" if use_directory_urls else f"{stem.as_posix()}.html"


@dataclass
class Editions:
    """One build of a multilingual guide: its language and every language's guide, read."""

    docs_dir: Path  # the folder holding docs/<language>/
    languages: list[str]
    language: str
    guides: dict[str, Guide]
    use_directory_urls: bool = True
    #: This language's pages that show the source's, not yet translated: {path here: the source's path}.
    untranslated: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(
        cls,
        docs_dir: Path,
        languages: list[str],
        language: str,
        guide: Guide,
        finder: FindHeadings | None,
        locales_dir: Path | None,
    ) -> Editions:
        guides = {
            code: guide if code == language else load_guide(docs_dir / code, finder, code, locales_dir).guide
            for code in languages
        }
        source = guides[languages[0]]
        untranslated: dict[str, str] = {}
        for code in languages[1:]:
            added = fill_in(guides[code], source)
            if code == language:
                untranslated = added
        if language != languages[0]:
            share_progress(guide, source, docs_dir / languages[0])
        return cls(docs_dir, languages, language, guides, untranslated=untranslated)

    def untranslated_note(self, catalog: Catalog) -> str:
        """The note on a page shown in the source's language: "... it is shown in English", in this language."""
        try:
            source = Locale.parse(self.languages[0].replace("-", "_")).get_display_name(self.language.replace("-", "_"))
        except (ValueError, UnknownLocaleError):
            source = self.languages[0]
        return str(catalog.markup("languages.untranslated", source=source or self.languages[0]))

    @property
    def source_language(self) -> str:
        return self.languages[0]

    @property
    def source(self) -> Guide:
        return self.guides[self.languages[0]]

    def alternate_roots(self) -> list[dict[str, str]]:
        """Material's ``extra.alternate``: each language's home, from this language's root."""
        return [
            {"name": autonym(code), "link": f"../{code}/", "lang": code, "current": code == self.language}
            for code in self.languages
        ]

    def alternates(self, src_uri: str, site_url: str = "") -> list[dict[str, object]]:
        """Material's ``extra.alternate`` for the page ``src_uri``: in every language, the same page where it
        exists, else that language's home. Links are from this language's root (Material makes them relative
        to the page); ``link``, which Material's ``<link rel="alternate" hreflang>`` use, is the full address
        under ``site_url`` when there is one."""
        guide = self.guides[self.language]
        found: list[dict[str, object]] = []
        for code in self.languages:
            target = src_uri if code == self.language else None
            if target is None:
                target = counterpart(src_uri, guide, self.guides[code], self.docs_dir / code)
            address = f"../{code}/{page_url(target or 'index.md', self.use_directory_urls)}"
            link = urljoin(site_url, address) if site_url else address
            # link: <head>'s hreflang (full with site_url); href: the switcher's, relative, to work on any host.
            entry = {
                "name": autonym(code),
                "link": link,
                "href": address,
                "lang": code,
                "current": code == self.language,
            }
            found.append(entry)
        return found


# -- the translations checked against the source ------------------------------


def compare(docs_dir: Path, editions: dict[str, LoadResult], default: str) -> Comparison:
    """Every translation against the source: missing, extra and mismatched content; stale translations."""
    comparison = Comparison()
    source = editions[default].guide
    source_docs = docs_dir / default
    for language, result in editions.items():
        if language != default:
            _compare_one(comparison, source, source_docs, result.guide, docs_dir / language, language, default)
    comparison.errors.sort()
    comparison.warnings.sort()
    return comparison


class _Where:
    """Positions in one translated file, reported as the author would open it."""

    def __init__(self, docs: Path, src_uri: str, positions: dict[str, tuple[int, int]] | None = None) -> None:
        self.path = display_path(docs / src_uri)
        self.positions = positions or {}

    def at(self, *field_paths: str) -> tuple[int, int]:
        """1-based (line, column) of the first field path that has a position, else the file's first line."""
        for field_path in field_paths:
            if field_path in self.positions:
                line, column = self.positions[field_path]
                return line + 1, column + 1
        return 1, 1


def _compare_one(
    comparison: Comparison,
    source: Guide,
    source_docs: Path,
    translation: Guide,
    docs: Path,
    language: str,
    default: str,
) -> None:
    errors = comparison.errors
    for part in source.parts:
        if not any(p.number == part.number for p in translation.parts):
            where = _Where(source_docs, part.src_uri)
            errors.append(
                Problem(
                    where.path,
                    1,
                    1,
                    "",
                    f"part {part.number} ('{part.title}') has no '{language}' translation",
                    f"add {display_path(docs / part.src_uri)}, translated",
                )
            )
    for part in translation.parts:
        if not any(p.number == part.number for p in source.parts):
            where = _Where(docs, part.src_uri)
            errors.append(
                Problem(
                    where.path,
                    1,
                    1,
                    "part",
                    f"part {part.number} is only in the '{language}' edition, not in the source ('{default}')",
                    f"every language has the same parts: remove it, or add it to {display_path(source_docs)} first",
                )
            )
    for block in source.blocks:
        part = block.part.number if block.part is not None else 0
        if translation.block(block.id) is None and any(p.number == part for p in translation.parts):
            comparison.warnings.append(
                Finding(
                    display_path(source_docs / block.src_uri),
                    1,
                    1,
                    "",
                    f"block '{block.id}' has no '{language}' translation: the '{language}' edition shows this page,"
                    " with a note that it is not translated yet",
                    f"add {display_path(docs / block.src_uri)}, translated, with the same file name",
                )
            )
    for block in translation.blocks:
        original = source.block(block.id)
        if original is None:
            errors.append(
                Problem(
                    display_path(docs / block.src_uri),
                    1,
                    1,
                    "",
                    f"block '{block.id}' is only in the '{language}' edition, not in the source ('{default}')",
                    "every language has the same blocks, matched by file name: rename it as its source is named,"
                    " or add it to the source first",
                )
            )
            continue
        _compare_block(comparison, block, original, source_docs, docs, language, default)


def _compare_block(
    comparison: Comparison,
    block: Block,
    source: Block,
    source_docs: Path,
    docs: Path,
    language: str,
    default: str,
) -> None:
    where = _Where(docs, block.src_uri, block.positions)
    origin = _Where(source_docs, source.src_uri, source.positions)
    errors = comparison.errors

    def error(field_paths: tuple[str, ...], field_name: str, message: str, hint: str) -> None:
        line, column = where.at(*field_paths)
        errors.append(Problem(where.path, line, column, field_name, message, hint))

    for noun, name, mine, theirs in (
        ("item", "checklist", [i.id for i in block.checklist], [i.id for i in source.checklist]),
        ("question", "quiz", [q.id for q in block.quiz], [q.id for q in source.quiz]),
    ):
        for item_id in theirs:
            if item_id not in mine:
                line, _ = origin.at(f"{name}['{item_id}']", f"{name}['{item_id}'].id", name)
                error(
                    (name, "title"),
                    name,
                    f"no {noun} '{item_id}' in this '{language}' translation; the source has it ({origin.path}:{line})",
                    f"translate it here with id: {item_id}",
                )
        for item_id in mine:
            if item_id not in theirs:
                error(
                    (f"{name}['{item_id}']", f"{name}['{item_id}'].id", name),
                    f"{name}['{item_id}']",
                    f"{noun} '{item_id}' is only in the '{language}' edition, not in the source ({origin.path})",
                    "every language has the same items and questions, matched by id: give it its source's id,"
                    " or add it to the source first",
                )
    questions = {question.id: question for question in source.quiz}
    for question in block.quiz:
        match = questions.get(question.id)
        if match is None or _same_choices(question.choices, match.choices):
            continue
        right = ", ".join(str(i + 1) for i, c in enumerate(match.choices) if c.correct)
        error(
            (f"quiz['{question.id}'].choices", f"quiz['{question.id}']"),
            f"quiz['{question.id}'].choices",
            f"the choices differ from the source's: it has {len(match.choices)} with number {right} right"
            f" ({origin.path})",
            "translate each choice in the source's order, right ones still right: a saved answer is the"
            " choices' positions",
        )
    current = source_fingerprint(source_docs, source.src_uri)
    recorded = block.translated_from
    if not recorded:
        comparison.warnings.append(
            Finding(
                where.path,
                1,
                1,
                "",
                f"not marked as translated from the current source ({origin.path}): answers to its questions"
                " are not shared with the other languages",
                f"once it matches the source, add {TRANSLATED_FROM}: '{current}'",
            )
        )
    elif recorded != current:
        line, column = where.at(TRANSLATED_FROM)
        comparison.warnings.append(
            Finding(
                where.path,
                line,
                column,
                TRANSLATED_FROM,
                f"the source ({origin.path}) has changed since this translation ({recorded}; it is now {current}):"
                " answers to its questions are not shared with the other languages until it is updated",
                f"bring the translation up to date, then set {TRANSLATED_FROM}: '{current}'",
            )
        )


# -- one more language ----------------------------------------------------------


class LanguageError(Exception):
    """A language that cannot be added, worded for the author."""


_LANGUAGES_LINE = re.compile(r"^(\s*languages:\s*\[)([^\]\n]*)(\]\s*(?:#.*)?)$", re.MULTILINE)


def add_language(project: Project, language: str) -> list[str]:
    """``guidegen new-language LANG``: ``docs/LANG/`` as a copy of the source's folder, its texts to translate,
    and LANG added to the plugin's ``languages`` in mkdocs.yml. Returns what to tell the author."""
    if language in project.languages:
        raise LanguageError(f"'{language}' is already one of this guide's languages ({', '.join(project.languages)})")
    target = project.language_docs(language)
    if target.exists():
        raise LanguageError(f"{display_path(target)} already exists; it was left as it is")
    source = project.language_docs(project.languages[0])
    shutil.copytree(source, target)
    told = [
        f"Wrote {display_path(target)}: a copy of {display_path(source)}. Translate every text, keeping the file"
        f" names and ids; then add to each block translated_from with the value guidegen check names."
    ]
    config = project.config_file.read_text(encoding="utf-8")
    lines = _LANGUAGES_LINE.findall(config)
    if len(lines) == 1:
        updated = _LANGUAGES_LINE.sub(lambda m: f"{m.group(1)}{m.group(2).rstrip()}, {language}{m.group(3)}", config)
        project.config_file.write_text(updated, encoding="utf-8")
        told.append(f"Added {language} to languages in {display_path(project.config_file)}.")
    else:
        told.append(f"Add {language} to the guidegen plugin's languages in {display_path(project.config_file)}.")
    return told


# -- building: the translations first, then the site's root ----------------------

#: Why ``guidegen build --engine zensical`` refuses a multilingual guide.
NO_ZENSICAL = (
    "a multilingual guide builds with MkDocs or ProperDocs: Zensical reads no INHERIT, through which each language "
    "is built (set engine: mkdocs, or build each language's folder as a guide of its own)"
)

#: The root page's script and stylesheet: files of the site, never inline, so a strict policy allows them ('self').
CHOOSER_SCRIPT = "choose-language.js"
CHOOSER_STYLE = "choose-language.css"
_TEMPLATES = Path(__file__).parent / "templates"
#: The root page's own policy (in a <meta>: it is written after the build, beside the languages' folders).
POLICY = (
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; "
    "style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'\">\n"
)
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


def translations_agree(project: Project) -> bool:
    """Before a multilingual build: the translations against the source, printed; False on any error.

    A language whose own folder has problems is left to its build, which names them.
    """
    site_markdown = markdown.Markdown(extensions=project.extensions, extension_configs=project.extension_options)
    finder = HeadingFinder(site_markdown, config_key(list(project.extensions), project.extension_options))
    editions = load_editions(project.docs_dir, project.languages, finder, project.locales_dir)
    if any(result.problems for result in editions.values()):
        return True
    comparison = compare(project.docs_dir, editions, project.languages[0])
    for problem in comparison.errors:
        print(problem, file=sys.stderr)
    for finding in comparison.warnings:
        print(finding, file=sys.stderr)
    if comparison.errors:
        print(
            f"{summary_line(comparison.errors)} The translations must have the source's blocks, items and questions.",
            file=sys.stderr,
        )
    return not comparison.errors


def write_root(project: Project, site: Path, offline: bool = False) -> None:
    """The site's root: a page that sends readers to their browser's language, else the default, and lists all.

    No inline script: ``choose-language.js`` (a file of the site) picks the browser's language; without
    scripts a ``<noscript>`` refresh goes to the default. The links work either way.
    """
    default = project.languages[0]
    catalog = load_catalog(default, None, project.locales_dir)
    home = (site / default / "index.html").read_text(encoding="utf-8") if (site / default).is_dir() else ""
    found = _TITLE.search(home)
    # The default language's site name: the last part of its home page's <title> ("Home - Site").
    name = html.unescape(found.group(1)).rsplit(" - ", 1)[-1].strip() if found else ""
    title = f"{catalog.text('languages.choose')} - {name}" if name else catalog.text("languages.choose")
    page_direction = direction(default)
    # The offline edition opens from file://, where a folder is not its index.html; it carries no policy.
    home = "index.html" if offline else ""
    links = "".join(
        f'<link rel="alternate" hreflang="{code}" href="{_root_href(project, code, offline)}">\n'
        for code in project.languages
    )
    items = "".join(  # relative: the list and its script work on any host, a preview too
        f'<li><a href="{code}/{home}" hreflang="{code}" lang="{code}"'
        f' dir="{direction(code)}">{html.escape(autonym(code))}</a></li>\n'
        for code in project.languages
    )
    page = (
        "<!doctype html>\n"
        f'<html lang="{default}" dir="{page_direction}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        + ("" if offline else POLICY)
        + f"<title>{html.escape(title)}</title>\n{links}"
        f'<link rel="alternate" hreflang="x-default" href="{_root_href(project, "", offline)}">\n'
        f'<link rel="stylesheet" href="{CHOOSER_STYLE}">\n'
        f'<noscript><meta http-equiv="refresh" content="0; url={default}/{home}"></noscript>\n'
        f"</head>\n<body>\n<main>\n<h1>{html.escape(catalog.text('languages.choose'))}</h1>\n"
        f"<ul>\n{items}</ul>\n</main>\n"
        # After the list it reads: it goes to the reader's language as soon as the list is parsed.
        f'<script src="{CHOOSER_SCRIPT}"></script>\n</body>\n</html>\n'
    )
    (site / "index.html").write_text(page, encoding="utf-8")
    for name in (CHOOSER_SCRIPT, CHOOSER_STYLE):
        shutil.copyfile(_TEMPLATES / name, site / name)
    # A host looks for these at its root: the default language's (its 404 page needs site_url to find its styles).
    for name in ("robots.txt", *(("404.html",) if project.site_url else ())):
        if (site / default / name).is_file():
            shutil.copyfile(site / default / name, site / name)


def _root_href(project: Project, code: str, offline: bool = False) -> str:
    if offline:
        return f"{code}/index.html" if code else "index.html"
    suffix = f"{code}/" if code else ""
    return project.site_url.rstrip("/") + "/" + suffix if project.site_url else (suffix or "./")


def direction(code: str) -> str:
    try:
        order = Locale.parse(code.replace("-", "_")).character_order
    except (ValueError, UnknownLocaleError):
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"
