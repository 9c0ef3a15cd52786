"""Gather the whole guide from a docs folder and check it as one.

Every file is read and checked before anything is rendered, and every problem
in every file is collected, so an author sees all mistakes in one run. The
cross-file checks (ids, orders, part numbers, related) look at every file that
could be read, even one with other mistakes, so fixing one problem does not
uncover the next: and a broken block never makes others report it missing.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from guidegen import i18n, ids
from guidegen.csp import find_unsafe_markup
from guidegen.frontmatter import INVALID, Data, SourceFile, and_list, compose, read_front_matter, read_source
from guidegen.headings import HeadingFinder
from guidegen.model import Block, ChecklistItem, Choice, Guide, Heading, Part, Question, shuffled
from guidegen.placeholders import find_placeholders
from guidegen.problems import Problem, ProblemLog, did_you_mean, display_path
from guidegen.reading import word_count
from guidegen.schema import BLOCK, HOME, PAGE, PART, SLUG_PATTERN, Mapping

# Pages the generator adds; content may not use these paths.
RESERVED_FOLDERS = ("checklists", "quiz", "privacy")
# What MkDocs reads as Markdown pages; the guide reads only ".md".
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
# Code in a page's Markdown is shown, not run: fenced blocks and code spans are left out of the script check.
_FENCED_CODE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[^\n]*\n.*?(?:^\1?[ \t]*\2[`~]*[ \t]*$|\Z)", re.DOTALL | re.MULTILINE)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1", re.DOTALL)
# Keys only a building block has: a page with one of them was meant to be a block.
BLOCK_KEYS = ("order", "checklist", "quiz")
_SLUG = re.compile(SLUG_PATTERN)
FindHeadings = Callable[[str], list[Heading]]


@dataclass
class LoadResult:
    guide: Guide
    problems: list[Problem] = field(default_factory=list)
    # Pages MkDocs could not read either (not UTF-8), as paths from the docs folder.
    unreadable: list[str] = field(default_factory=list)
    # What builds but should be fixed (a strict build fails on it): untranslated strings, say.
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class _Entry:
    """One Markdown file as read, with its front-matter validated against a spec."""

    source: SourceFile
    data: Data | None
    src_uri: str
    headings: list[Heading] | None = None  # once found

    @property
    def log(self) -> ProblemLog:
        return self.source.log

    @property
    def values(self) -> dict[str, object]:
        return self.data.values if self.data else {}

    @property
    def keys(self) -> list[str]:
        return self.data.keys if self.data else []

    @property
    def stem(self) -> str:
        return Path(self.src_uri).stem

    def add(self, field_path: str, message: str, hint: str = "") -> None:
        """A problem at the field's position (the file's first line if it has none)."""
        line, column = self.data.position(field_path) if self.data else (0, 0)
        self.log.add(line, column, field_path, message, hint)

    def where(self, field_path: str) -> str:
        """'path:line' of a field, as another file's message names it (line 1 if it has none)."""
        line, _ = self.data.position(field_path) if self.data else (0, 0)
        return f"{self.log.path}:{line + 1}"

    def label(self, list_path: str, index: int) -> str:
        """How field paths name the index-th (1-based) item of a list: by id where it has one."""
        labels = self.data.labels.get(list_path, []) if self.data else []
        return labels[index - 1] if index <= len(labels) else f"[{index}]"


@dataclass
class _PartFolder:
    folder: Path
    index: _Entry
    blocks: list[_Entry]


class GuideLoader:
    def __init__(
        self,
        docs_dir: Path,
        find_headings: FindHeadings | None = None,
        language: str = "en",
        locales_dir: Path | None = None,
    ) -> None:
        self.docs_dir = docs_dir
        self._find_headings = find_headings
        self.language = language
        self.locales_dir = locales_dir
        self.warnings: list[str] = []
        self.logs: list[ProblemLog] = []
        self.unreadable: list[str] = []
        # Ids of pages meant as blocks but outside any part: reported there, so never "missing" elsewhere.
        self.misplaced: set[str] = set()
        self.shuffle = True  # the guide's default for questions without their own `shuffle`
        self.entries: list[_Entry] = []  # every file read, for the checks made once the model is built

    def load(self) -> LoadResult:
        guide = Guide()
        self._check_files()
        self._read_home(guide)
        self._check_reserved()
        folders = [part for folder in self._top_folders() if (part := self._read_folder(folder)) is not None]
        self._read_pages(folders)
        blocks = [entry for part in folders for entry in part.blocks]
        self._check_part_numbers(folders)
        self._check_block_ids(blocks)
        self._check_related(blocks)
        for part in folders:
            self._check_orders(part)
        for entry in blocks:
            self._check_block(entry)
        guide.parts = sorted(
            (part for folder in folders if (part := self._part_from(folder)) is not None), key=lambda p: p.number
        )
        _drop_missing_related(guide)
        self._check_placeholders()
        if guide.settings.safety_page in self.unreadable:
            guide.settings.safety_page = None  # `mkdocs serve` leaves it out: nothing to link to
        self._check_catalog(guide)
        problems = [problem for log in self.logs for problem in log.problems]
        return LoadResult(guide, sorted(problems), self.unreadable, self.warnings)

    def _check_catalog(self, guide: Guide) -> None:
        """The guide's own catalog for its language, held to what the shipped ones are; and a warning
        for every string that stays in English."""
        path = i18n.guide_catalog_file(self.locales_dir, self.language)
        if path is not None:
            log = ProblemLog(display_path(path))
            self.logs.append(log)
            for found in i18n.check_guide_catalog(path, self.language):
                log.add(found.line, found.column, found.key, found.message, found.hint)
            copy = i18n.english_copy_warning(path, self.language)
            if copy is not None:
                self.warnings.append(f"{display_path(path.parent)}/{copy}")
        catalog = i18n.load_catalog(self.language, guide.settings.strings, self.locales_dir)
        if catalog.missing:
            where = display_path(self.locales_dir) if self.locales_dir is not None else "locales"
            message = i18n.missing_catalog_message(catalog.missing, catalog.untranslated, where, catalog.has_catalog)
            self.warnings.append(message)

    # -- reading ---------------------------------------------------------

    def find_headings(self, entry: _Entry) -> list[Heading]:
        """The block's headings as rendered; only looked for when the block names a section (it costs a render)."""
        if entry.headings is None:
            if not _names_a_section(entry) and not _may_take_a_generated_id(entry):
                entry.headings = []
            else:
                entry.headings = self._headings_of(entry.source.body)
        return entry.headings

    def _headings_of(self, body: str) -> list[Heading]:
        if self._find_headings is None:
            from guidegen.siteconfig import site_markdown  # only when no caller gave the site's Markdown

            self._find_headings = HeadingFinder(*site_markdown())
        return self._find_headings(body)

    def _entry(self, path: Path, spec: Mapping) -> _Entry:
        log = ProblemLog(display_path(path))
        self.logs.append(log)
        source = read_source(path, log)
        data = read_front_matter(source, spec) if source.readable else None
        if source.readable:
            _check_body_markup(source)
        src_uri = path.relative_to(self.docs_dir).as_posix()
        self.entries.append(_Entry(source, data, src_uri))
        if not source.readable and log.problems and log.problems[0].message.startswith("the file is not UTF-8"):
            self.unreadable.append(src_uri)
        return self.entries[-1]

    def _forget(self, *entries: _Entry | None) -> None:
        ignored = {id(entry.log) for entry in entries if entry is not None}
        self.logs = [log for log in self.logs if id(log) not in ignored]
        self.unreadable = [uri for uri in self.unreadable if all(uri != e.src_uri for e in entries if e)]

    def _top_folders(self) -> list[Path]:
        return sorted(
            path
            for path in self.docs_dir.iterdir()
            if path.is_dir()
            and path not in self.refused
            and not path.name.startswith((".", "_"))
            and path.name not in RESERVED_FOLDERS
        )

    def _pages(self, paths: list[Path]) -> list[Path]:
        """The Markdown files among ``paths`` that may be read: real files inside the docs folder."""
        return sorted(path for path in paths if path not in self.refused and path.is_file())

    def _check_files(self) -> None:
        """Everything MkDocs would publish must be a file inside the docs folder.

        MkDocs follows links: one to a file outside the docs folder publishes that
        file, a broken one stops the build with a traceback, and so do folders
        named like pages. ".markdown" files are published as pages the guide never reads.
        """
        self.refused: set[Path] = set()
        root = self.docs_dir.resolve()
        for folder, folders, files in os.walk(self.docs_dir):
            folders[:] = sorted(name for name in folders if not name.startswith("."))
            for name in [*folders, *sorted(files)]:
                if name.startswith("."):
                    continue
                path = Path(folder) / name
                problem = self._file_problem(path, root)
                if problem is not None:
                    self.refused.add(path)
                    log = ProblemLog(display_path(path))
                    log.add(0, 0, "", *problem)
                    self.logs.append(log)

    def _file_problem(self, path: Path, root: Path) -> tuple[str, str] | None:
        if path.is_symlink():
            target = path.resolve()
            if not target.exists():
                return f"this link points at '{os.readlink(path)}', which does not exist", "remove the link"
            if not target.is_relative_to(root):
                return (
                    f"this link points outside the docs folder (at '{target}'), which would publish that file",
                    "copy what you need into the docs folder instead of linking to it",
                )
        if path.is_dir():
            if path.suffix.lower() in MARKDOWN_SUFFIXES:
                return f"a folder named '{path.name}' looks like a page to MkDocs", "rename the folder"
            return None
        if path.suffix.lower() in MARKDOWN_SUFFIXES and path.suffix != ".md":
            return (
                f"MkDocs publishes '{path.suffix}' files as pages, but the guide reads only '.md' files",
                f"rename it to '{path.stem}.md'",
            )
        return None

    def _read_home(self, guide: Guide) -> None:
        home = self.docs_dir / "index.md"
        if not self._pages([home]):
            return
        entry = self._entry(home, HOME)
        settings = entry.values.get("guide")
        title, description = entry.values.get("title"), entry.values.get("description")
        guide.settings.title = title.strip() if isinstance(title, str) else ""
        guide.settings.description = description.strip() if isinstance(description, str) else ""
        if not isinstance(settings, dict):
            settings = {}
        promise = settings.get("promise", description)
        guide.settings.promise = promise.strip() if isinstance(promise, str) else ""
        if isinstance(settings.get("shuffle"), bool):
            self.shuffle = guide.settings.shuffle = settings["shuffle"]  # type: ignore[assignment]
        if isinstance(settings.get("quick_exit"), str):
            guide.settings.quick_exit = settings["quick_exit"]
        if isinstance(settings.get("strings"), dict):
            guide.settings.strings = self._read_strings(entry)
        guide.settings.lint_off = _lint_off(settings.get("lint"))
        page = settings.get("safety_page")
        if isinstance(page, str):
            problem = self._safety_page_problem(page)
            if problem is not None:
                entry.add("guide.safety_page", *problem)
                return
        if isinstance(page, str):
            guide.settings.safety_page = page
            guide.settings.safety_title = self._page_title(page)

    def _read_strings(self, entry: _Entry) -> dict[str, i18n.Entry]:
        """The author's wording under guide.strings, each checked against the catalog for the guide's language."""
        node, _ = compose(entry.source)
        strings = _child(_child(node, "guide"), "strings")
        if not isinstance(strings, MappingNode):
            return {}
        reference = i18n.load_catalog("en").strings
        language = self.language  # its plural forms (Babel), whether or not a catalog is shipped for it
        found: dict[str, i18n.Entry] = {}
        for key_node, value_node in strings.value:
            key = str(key_node.value)
            path = f"guide.strings.{key}"
            if key not in reference:
                hint = did_you_mean(key, reference) or f"the strings are listed in {i18n.catalog_path('en').name}"
                _add(entry, key_node, path, "no such string in the generator's catalog", hint)
                continue
            value = _override(value_node)
            if value is None:
                forms = ", ".join(i18n.plural_forms(language))
                plural = isinstance(reference[key], dict)
                message = f"must be text, or text for each plural form ({forms})" if plural else "must be text"
                _add(entry, value_node, path, message, _placeholder_hint(reference[key]))
                continue
            problems = i18n.check_entry(key, value, reference[key], language)
            for message in problems:
                where = _form_node(value_node, message) or value_node
                _add(entry, where, path, message, _placeholder_hint(reference[key]))
            if not problems:
                found[key] = value
        return found

    def _page_title(self, src_uri: str) -> str:
        """A page's title as MkDocs gives it: front-matter title, else its first heading, else its file name."""
        source = read_source(self.docs_dir / src_uri, ProblemLog(src_uri))
        try:
            meta = yaml.safe_load(source.yaml_text or "") if source.readable else None
        except yaml.YAMLError:
            meta = None  # MkDocs, too, ignores front-matter it cannot read
        if isinstance(meta, dict) and isinstance(meta.get("title"), str) and meta["title"].strip():
            return meta["title"].strip()
        headings = self._headings_of(source.body)
        first = next((heading for heading in headings if heading.level == 1), None)
        if first is not None:
            return first.title
        return Path(src_uri).stem.replace("-", " ").replace("_", " ").capitalize()

    def _safety_page_problem(self, page: str) -> tuple[str, str] | None:
        hint = "give the path from the docs folder"
        path = self.docs_dir / page
        if page.startswith(("/", "\\")) or ".." in Path(page).parts or "\\" in page or ":" in page:
            return f"'{page}' is not a path inside the docs folder", hint
        if not page.endswith(".md"):
            return f"'{page}' is not a page: the safety page must be a '.md' file", hint
        if page.split("/")[0].removesuffix(".md") in RESERVED_FOLDERS:
            return f"'{page}' is a page the generator makes", hint
        if path in self.refused or not path.is_file() or not path.resolve().is_relative_to(self.docs_dir.resolve()):
            return f"no page '{page}' in the docs folder", hint
        return None

    def _check_reserved(self) -> None:
        for name in RESERVED_FOLDERS:
            folder, page = self.docs_dir / name, self.docs_dir / f"{name}.md"
            for taken in (folder, page):
                if not taken.exists():
                    continue
                # Point at a file the author can open: the folder's first page if it has one.
                inside = sorted(taken.rglob("*.md")) if taken.is_dir() else []
                log = ProblemLog(display_path(inside[0] if inside else taken))
                log.add(
                    0, 0, "", f"'{name}/' is made by the generator and cannot hold content", f"rename '{taken.name}'"
                )
                self.logs.append(log)

    def _read_folder(self, folder: Path) -> _PartFolder | None:
        """A part if its index.md has 'part:' (or lacks it, or is broken, while the folder holds blocks)."""
        index_path = folder / "index.md"
        index = self._entry(index_path, PART) if self._pages([index_path]) else None
        pages = self._pages(
            [p for p in folder.glob("*.md") if p.name != "index.md" and not p.name.startswith((".", "_"))]
        )
        entries = [self._entry(page, BLOCK) for page in pages]
        has_blocks = any(set(entry.keys) & set(BLOCK_KEYS) for entry in entries)
        # An index.md that lost its 'part:' is reported there, once, not in each of its blocks.
        if index is not None and ("part" in index.keys or has_blocks):
            self._require_front_matter(index, "this part's index.md has no front-matter", PART)
            if index.data is not None and "part" not in index.keys:
                _explain_missing_part(index)
            for entry in entries:
                self._require_front_matter(entry, "this building block has no front-matter", BLOCK)
            return _PartFolder(folder, index, entries)
        # An ordinary folder of pages: they are read again as pages.
        self._forget(index, *entries)
        return None

    def _require_front_matter(self, entry: _Entry, message: str, spec: Mapping) -> None:
        if entry.source.readable and entry.source.yaml_text is None:
            keys = and_list(spec.required)
            entry.log.add(0, 0, "", message, f"start the file with a '---' line, then {keys}, then a '---' line")

    def _read_pages(self, folders: list[_PartFolder]) -> None:
        """Ordinary pages: their YAML must be sound, and block keys mean a misplaced block."""
        taken = {"index.md"} | {e.src_uri for part in folders for e in [part.index, *part.blocks]}
        for path in self._pages(list(self.docs_dir.rglob("*.md"))):
            relative = path.relative_to(self.docs_dir)
            if relative.as_posix() in taken or relative.parts[0] in RESERVED_FOLDERS + tuple(
                f"{n}.md" for n in RESERVED_FOLDERS
            ):
                continue
            if any(part.startswith((".", "_")) for part in relative.parts):
                continue
            entry = self._entry(path, PAGE)
            for key in BLOCK_KEYS:
                if key in entry.keys:
                    self.misplaced.add(entry.stem)
                    entry.add(
                        key,
                        f"only a building block has '{key}', and this page is not in a part",
                        self._part_hint(relative),
                    )
                    break

    def _part_hint(self, relative: Path) -> str:
        if len(relative.parts) != 2:
            return "move the file into a part folder (a folder whose index.md has 'part:')"
        folder = relative.parts[0]
        return f"add {folder}/index.md with part, title and summary to make '{folder}/' a part"

    # -- checks ----------------------------------------------------------

    # A duplicate is reported at every file that holds it, naming the others with their line:
    # the author may have to change either file.

    def _check_part_numbers(self, folders: list[_PartFolder]) -> None:
        indexes = [part.index for part in folders]
        for number, holders in _holders(indexes, lambda entry: entry.values.get("part")).items():
            for entry in holders:
                others = _and_names(other.where("part") for other in holders if other is not entry)
                entry.add("part", f"part {number} is also given in {others}", "give each part its own number")

    def _check_block_ids(self, blocks: list[_Entry]) -> None:
        for entry in blocks:
            clash = ids.block_id_clash(entry.stem)
            if clash is not None:
                entry.log.add(
                    0,
                    0,
                    "",
                    f"block id '{entry.stem}' is an id {clash} already uses",
                    "a block's id is its file name: rename the file",
                )
        for block_id, holders in _holders(blocks, lambda entry: entry.stem).items():
            for entry in holders:
                others = _and_names(other.log.path for other in holders if other is not entry)
                entry.log.add(
                    0,
                    0,
                    "",
                    f"block id '{block_id}' is also used by {others}",
                    "a block's id is its file name, and must be unique across the guide: rename one file",
                )

    def _check_orders(self, part: _PartFolder) -> None:
        orders = [order for entry in part.blocks if isinstance(order := entry.values.get("order"), int)]
        free = max(orders, default=0) + 1
        for order, holders in _holders(part.blocks, lambda entry: entry.values.get("order")).items():
            for entry in holders:
                others = _and_names(other.where("order") for other in holders if other is not entry)
                entry.add("order", f"order {order} is also used by {others}", f"the next free order is {free}")

    def _check_related(self, blocks: list[_Entry]) -> None:
        # A block with mistakes (or outside a part) still exists: its own file reports what is wrong with it.
        ids = sorted({entry.stem for entry in blocks} | self.misplaced)
        for entry in blocks:
            related = _as_list(entry.values.get("related"))
            for index, block_id in enumerate(related, 1):
                field_path = f"related[{index}]"
                if isinstance(block_id, str) and block_id in related[: index - 1]:
                    first = related.index(block_id) + 1
                    entry.add(field_path, f"'{block_id}' is already listed as related[{first}]", "remove one")
                    continue
                if not isinstance(block_id, str) or (block_id in ids and block_id != entry.stem):
                    continue
                if block_id == entry.stem:
                    entry.add(field_path, "a block cannot be related to itself", "remove it")
                else:
                    others = [i for i in ids if i != entry.stem]
                    hint = did_you_mean(block_id, others) or _known("block ids", others)
                    entry.add(field_path, f"no block with id '{block_id}'", hint)

    def _check_block(self, entry: _Entry) -> None:
        if entry.data is None:
            return
        if not _SLUG.match(entry.stem):
            entry.log.add(
                0,
                0,
                "",
                f"the file name '{entry.stem}.md' does not make a valid block id",
                f"use lowercase letters, digits and single hyphens, e.g. '{_suggest_slug(entry.stem)}.md'",
            )
        headings = self.find_headings(entry)
        heading_ids = [h.id for h in headings]
        item_ids = [item.get("id") for item in _as_list(entry.values.get("checklist")) if isinstance(item, dict)]
        for heading in headings:
            clash = ids.heading_id_clash(heading.id, [i for i in item_ids if isinstance(i, str)])
            if clash is not None:
                entry.log.add(
                    _heading_line(entry.source, heading),
                    0,
                    "",
                    f"the heading id '{heading.id}' is already used by {clash}",
                    "reword the heading, or give it another id with {#another-id} at the end of its line",
                )
        for name in ("checklist", "quiz"):
            items = [item if isinstance(item, dict) else {} for item in _as_list(entry.values.get(name))]
            _check_unique_ids(entry, name, [item.get("id") for item in items])
            for index, item in enumerate(items, 1):
                section = item.get("section")
                if isinstance(section, str) and section not in heading_ids:
                    hint = did_you_mean(section, heading_ids) or _known("heading ids", heading_ids)
                    field_path = f"{name}{entry.label(name, index)}.section"
                    entry.add(field_path, f"no heading with id '{section}' in this block", hint)
        for index, question in enumerate(_as_list(entry.values.get("quiz")), 1):
            choices = _as_list(question.get("choices")) if isinstance(question, dict) else []
            # Only judge when every choice could be read: a broken one may be the correct one.
            readable = all(isinstance(c, dict) and INVALID not in c.values() for c in choices)
            if choices and readable and not any(c.get("correct") is True for c in choices):
                entry.add(
                    f"quiz{entry.label('quiz', index)}.choices",
                    "no choice is marked correct",
                    "add 'correct: true' to the right choice",
                )

    def _check_placeholders(self) -> None:
        """Placeholder text left in any page read: a problem that keeps the page in the model, so
        `mkdocs serve` still shows a new block while its author fills it in."""
        kept = {id(log) for log in self.logs}
        for entry in self.entries:
            if id(entry.log) in kept and entry.source.readable:
                log = ProblemLog(entry.log.path)
                find_placeholders(entry.source, entry.data, log)
                self.logs.append(log)

    # -- the model, from the files without problems ------------------------

    def _part_from(self, folder: _PartFolder) -> Part | None:
        index = folder.index
        if index.data is None or index.log.problems:
            return None
        values = index.values
        part = Part(values["part"], folder.folder.name, index.src_uri, values["title"], values["summary"])  # type: ignore[arg-type]
        for entry in folder.blocks:
            block = self._block_from(entry)
            if block is not None:
                block.part = part
                part.blocks.append(block)
        part.blocks.sort(key=lambda b: b.order)
        return part

    def _block_from(self, entry: _Entry) -> Block | None:
        if entry.data is None or entry.log.problems:
            return None
        values = entry.values
        return Block(
            id=entry.stem,
            src_uri=entry.src_uri,
            title=values["title"],  # type: ignore[arg-type]
            summary=values["summary"],  # type: ignore[arg-type]
            order=values["order"],  # type: ignore[arg-type]
            checklist=[ChecklistItem(**item) for item in values["checklist"]],  # type: ignore[union-attr]
            quiz=[_question(q, entry.stem, self.shuffle) for q in values.get("quiz") or []],  # type: ignore[union-attr]
            related=list(values.get("related") or []),  # type: ignore[arg-type]
            headings=self.find_headings(entry),
            positions=entry.data.positions,
            words=word_count(entry.source.body),
            translated_from=str(values.get("translated_from") or ""),
        )


def _lint_off(lint: object) -> dict[str, str]:
    """The quiz-lint rules the guide switched off, with their reasons (names and reasons already checked)."""
    off = lint.get("off") if isinstance(lint, dict) else None
    if not isinstance(off, dict):
        return {}
    return {rule: reason for rule, reason in off.items() if isinstance(reason, str)}


def _check_body_markup(source: SourceFile) -> None:
    """A page's text never runs code: no script, event handler, script URL or embedded document.

    Online the Content-Security-Policy would block it (it trusts only the
    theme's scripts), but the offline edition has no policy and would run it.
    """
    body = source.body
    if "<" not in body:
        return
    shown = _CODE_SPAN.sub(_blank, _FENCED_CODE.sub(_blank, body))
    for finding in find_unsafe_markup(shown):
        line = source.body_line + body.count("\n", 0, finding.offset)
        column = finding.offset - (body.rfind("\n", 0, finding.offset) + 1)
        source.log.add(
            line,
            column,
            "",
            f"{finding.what} in the page text: a guide's pages never run code of their own",
            "remove it; to show markup as an example, put it in `code`",
        )


def _blank(match: re.Match[str]) -> str:
    """Spaces for the text matched, newlines kept: offsets and lines stay right."""
    return re.sub(r"[^\n]", " ", match.group())


def _drop_missing_related(guide: Guide) -> None:
    """When some blocks have problems (mkdocs serve goes on), link only to blocks that exist."""
    ids = {block.id for block in guide.blocks}
    for block in guide.blocks:
        block.related = [block_id for block_id in block.related if block_id in ids]


def _question(values: dict[str, object], block_id: str, shuffle: bool) -> Question:
    """The question, its choices in the order readers see: shuffled with its guide-wide id
    (``block/question``, the key its saved answer has) as the seed, unless it or the guide says not to."""
    choices = [Choice(**choice) for choice in values.get("choices") or []]  # type: ignore[union-attr,arg-type]
    shuffle = values.get("shuffle", shuffle)  # type: ignore[assignment]
    order = shuffled(f"{block_id}/{values['id']}", len(choices)) if shuffle else []
    return Question(
        id=values["id"],  # type: ignore[arg-type]
        prompt=values["prompt"],  # type: ignore[arg-type]
        choices=choices,
        explanation=values["explanation"],  # type: ignore[arg-type]
        section=values.get("section"),  # type: ignore[arg-type]
        order=order,
    )


def _may_take_a_generated_id(entry: _Entry) -> bool:
    """Whether a heading of the body might get an id the block page already has (a cheap look first:
    finding the headings costs a render)."""
    words = "-" + re.sub(r"[^a-z0-9_]+", "-", entry.source.body.lower()) + "-"
    items = [item.get("id") for item in _as_list(entry.values.get("checklist")) if isinstance(item, dict)]
    taken = [*ids.BLOCK_PAGE_IDS, *(f"item-{item}" for item in items if isinstance(item, str))]
    return any(f"-{taken_id}-" in words for taken_id in taken) or any(
        f"#{prefix}" in entry.source.body or f"-{prefix}" in words for prefix in ids.RESERVED_PREFIXES
    )


_HEADING_LINE = re.compile(r"^#{1,6}[ \t]+(.*?)[ \t#]*$")


def _heading_line(source: SourceFile, heading: Heading) -> int:
    """The 0-based file line of a heading: the one naming its id, or holding its text."""
    lines = source.body.split("\n")
    for wanted in (f"#{heading.id}", heading.title):
        for index, line in enumerate(lines):
            following = lines[index + 1] if index + 1 < len(lines) else ""
            is_heading = _HEADING_LINE.match(line) or re.match(r"^(=+|-+)[ \t]*$", following)
            if is_heading and wanted in line:
                return source.body_line + index
    return source.body_line


def _names_a_section(entry: _Entry) -> bool:
    items = [*_as_list(entry.values.get("checklist")), *_as_list(entry.values.get("quiz"))]
    return any(isinstance(item, dict) and isinstance(item.get("section"), str) for item in items)


def _explain_missing_part(index: _Entry) -> None:
    """Say why a 'part:' is needed where the index has none but its folder holds blocks."""
    problems = index.log.problems
    for number, problem in enumerate(problems):
        if problem.field == "part" and problem.message == "is required but missing":
            hint = "add 'part:' with the part's number: this folder holds building blocks"
            problems[number] = dataclasses.replace(problem, hint=hint)


def _holders(entries: list[_Entry], key: Callable[[_Entry], object]) -> dict[object, list[_Entry]]:
    """Values (ints or texts) held by more than one entry, with the entries that hold them, in file order."""
    holders: dict[object, list[_Entry]] = {}
    for entry in entries:
        value = key(entry)
        if isinstance(value, int | str) and not isinstance(value, bool):
            holders.setdefault(value, []).append(entry)
    return {value: found for value, found in holders.items() if len(found) > 1}


def _and_names(names: Iterable[str]) -> str:
    return and_list(list(names))


def _as_list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def _check_unique_ids(entry: _Entry, name: str, ids: list[object]) -> None:
    first: dict[str, int] = {}
    for index, item_id in enumerate(ids, 1):
        if not isinstance(item_id, str):
            continue
        if item_id in first:
            entry.add(
                f"{name}[{index}].id",
                f"id '{item_id}' is already used by {name}[{first[item_id]}]",
                "ids must be unique within the block",
            )
        else:
            first[item_id] = index


def _known(what: str, ids: list[str]) -> str:
    return f"known {what}: " + ", ".join(ids) if ids else ""


def _suggest_slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "my-block"


def _child(node: Node | None, key: str) -> Node | None:
    if not isinstance(node, MappingNode):
        return None
    return next((value for name, value in node.value if isinstance(name, ScalarNode) and name.value == key), None)


def _override(node: Node) -> i18n.Entry | None:
    """A string override as text or {plural form: text}; None if it is neither."""
    if isinstance(node, ScalarNode) and node.tag.endswith(":str") and node.value.strip():
        return node.value
    if isinstance(node, MappingNode) and node.value:
        forms = {str(name.value): value for name, value in node.value if isinstance(name, ScalarNode)}
        if len(forms) == len(node.value) and all(_override(value) is not None for value in forms.values()):
            return {form: value.value for form, value in forms.items()}
    return None


def _form_node(node: Node, message: str) -> Node | None:
    """The node of the plural form a message is about ("form 'other' leaves out {count}")."""
    form = re.match(r"form '(\w+)'", message)
    return _child(node, form.group(1)) if form else None


def _add(entry: _Entry, node: Node, field_path: str, message: str, hint: str) -> None:
    # +1: the opening '---' line comes before the YAML text.
    entry.log.add(node.start_mark.line + 1, node.start_mark.column, field_path, message, hint)


def _placeholder_hint(reference: i18n.Entry) -> str:
    english = reference if isinstance(reference, str) else reference["other"]
    return f"in English it reads: {english}"


def load_guide(
    docs_dir: Path, find_headings: FindHeadings | None = None, language: str = "en", locales_dir: Path | None = None
) -> LoadResult:
    """Read and check a guide folder.

    ``find_headings`` gives a block body's headings as the site renders them (a ``HeadingFinder``
    over the site's Markdown); by default it is made from the repository's mkdocs.yml. ``language``
    is the guide's language, against whose catalog the author's own wording is checked;
    ``locales_dir`` holds the guide's own catalogs (``locales/`` beside its mkdocs.yml).
    """
    return GuideLoader(docs_dir, find_headings, language, locales_dir).load()
