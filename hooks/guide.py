"""MkDocs adapter for the guide generator: event functions only.

Gather, resolve, render: the whole guide is read and validated in
``on_config`` (before MkDocs cleans the output folder), the generated pages are
added in ``on_files``, and each page gets its generated parts in
``on_page_content``. Everything else lives in the plain ``guidegen`` package.
"""

from __future__ import annotations

import html as html_escaping
import logging
import os
import sys
from pathlib import Path

# MkDocs puts only this folder on sys.path while loading the hook.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import click
import markdown
from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from guidegen import csp
from guidegen import render as rendering
from guidegen.frontmatter import without_unreadable_front_matter
from guidegen.headings import HeadingFinder
from guidegen.i18n import Catalog, load_catalog, missing_catalog_message
from guidegen.loader import load_guide
from guidegen.model import Guide, site_identity
from guidegen.navigation import build_nav
from guidegen.problems import Problem, summary_line
from guidegen.render import Renderer
from guidegen.siteconfig import config_key

log = logging.getLogger("mkdocs.hooks.guide")


class BuildState:
    """Everything one build knows; replaced at the start of every build."""

    def __init__(self) -> None:
        self.guide = Guide()
        self.catalog: Catalog = load_catalog("en")
        self.files: Files | None = None
        self.renderer: Renderer | None = None
        self.markdown: markdown.Markdown | None = None
        # The content's problems, shown at the top of every page under `mkdocs serve` (empty otherwise).
        self.problems: list[Problem] = []
        # Pages that are not UTF-8: left out under `mkdocs serve`, where MkDocs could not read them either.
        self.unreadable: list[str] = []
        # Markup that would run code, found in rendered pages: the build stops before any page is written.
        self.unsafe: list[str] = []


state = BuildState()
_command = "build"


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = "serve" if _serving() else command


def _serving() -> bool:
    """Whether MkDocs' CLI runs `mkdocs serve`, also as `serve --clean`, which reports itself as a build.

    `serve --clean` only means "no serve effects in the pages MkDocs writes"; the server must still
    keep serving and show the content's problems instead of stopping at the first mistake.
    """
    context = click.get_current_context(silent=True)
    return context is not None and context.info_name == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global state
    state = BuildState()
    state.markdown = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    # Sections are the headings the site's own Markdown renders (in admonitions and tabs too).
    key = config_key(list(config.markdown_extensions), config.mdx_configs)
    language = str(config.theme.get("language") or "en")
    result = load_guide(Path(config.docs_dir), HeadingFinder(state.markdown, key), language)
    if result.problems:
        for problem in sorted(result.problems):
            log.error(str(problem))
        if _command != "serve":
            raise PluginError(f"{summary_line(result.problems)} Nothing was built; the output folder is unchanged.")
        log.error("%s Fix them and save: the site rebuilds.", summary_line(result.problems))
        state.problems = result.problems
    state.guide = result.guide
    state.unreadable = result.unreadable
    state.catalog = _catalog(language, result.guide.settings.strings)
    for key, value in site_identity(result.guide.settings, dict(os.environ)).items():
        config[key] = value
    if not config.nav:
        config.nav = build_nav(result.guide, Path(config.docs_dir), result.unreadable, state.catalog)
    return config


# The generated pages repeat what block pages say, so search leaves them out: a
# search finds each item or question once, on its block page. (Parsing their
# markup for the index was also most of the generator's build cost, issue 9.)
NOT_SEARCHED = "---\nsearch:\n  exclude: true\n---\n"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    catalog = state.catalog
    for src_uri in state.unreadable:
        unreadable = files.get_file_from_path(src_uri)
        if unreadable is not None:
            files.remove(unreadable)
    generated = {
        # Explicit ids: the table of contents and the skip link must point at the template's heading in any language.
        rendering.CHECKLISTS_PAGE: NOT_SEARCHED + f"# {catalog.text('nav.checklists')} {{#your-checklists}}\n",
        rendering.QUIZ_PAGE: NOT_SEARCHED + f"# {catalog.text('quiz.page_title')} {{#check-your-understanding}}\n",
    }
    for src_uri, content in generated.items():
        taken = files.get_file_from_path(src_uri)
        if taken is not None:  # content in a reserved path: already reported, and replaced under `mkdocs serve`
            files.remove(taken)
        files.append(File.generated(config, src_uri, content=content))
    for outside in [file for file in files if not _inside(file, config)]:
        files.remove(outside)  # a link out of the docs folder: reported by the loader, never published
    for block in state.guide.blocks:
        # {#checklist}: the table of contents (and Material's skip link) must point at sheet.html's heading id.
        title = rendering.markdown_literal(catalog.text("sheet.title", title=block.title))
        heading = f"{NOT_SEARCHED}# {title} {{#checklist}}\n"
        sheet = File.generated(config, rendering.sheet_page(block), content=heading)
        sheet.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(sheet)
    if state.problems:  # only ever under `mkdocs serve`: a build with problems stops in on_config
        stylesheet = File.generated(config, rendering.PROBLEMS_STYLESHEET, content=rendering.problems_stylesheet())
        files.append(stylesheet)
    state.files = files
    state.renderer = Renderer(
        state.guide,
        _render_markdown,
        _link,
        config.site_name,
        site_url=config.site_url or "",
        locate=_locate,
        catalog=catalog,
    )
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if not state.problems or state.renderer is None:
        return output
    banner = state.renderer.problems_banner(state.problems, page.file.src_uri)
    stylesheet = _link(page.file.src_uri, rendering.PROBLEMS_STYLESHEET, None)
    return rendering.insert_banner(output, banner, stylesheet)


def _inside(file: File, config: MkDocsConfig) -> bool:
    """False for a file of the docs folder that is a link to somewhere outside it (theme files are fine)."""
    if file.generated_by or not file.abs_src_path:
        return True
    docs_dir = Path(config.docs_dir).absolute()
    path = Path(file.abs_src_path).absolute()
    return not path.is_relative_to(docs_dir) or path.resolve().is_relative_to(docs_dir.resolve())


# Front-matter text that Material's templates print as HTML (the title in the
# navigation, <title> and the header; the description in a <meta> attribute;
# the subtitle in the navigation). It is text: escaped once, here.
_TEXT_META = {"title": False, "subtitle": False, "description": True}  # key -> quotes escaped too


def on_page_markdown(markdown_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    markdown_text = without_unreadable_front_matter(markdown_text)  # under serve: the alert names the mistake
    item = state.guide.block_for(page.file.src_uri) or state.guide.part_for(page.file.src_uri)
    if item is not None:
        page.meta.setdefault("description", item.summary)
    for key, quote in _TEXT_META.items():
        value = page.meta.get(key)
        if value is not None:
            page.meta[key] = html_escaping.escape(str(value), quote=quote)
    return markdown_text


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    html = _page_content(html, page)
    findings = csp.find_unsafe_markup(html)
    if not findings:
        return html
    # The loader's check of the page text finds these first; this is the last word on what was rendered.
    source = page.file.content_string if not page.file.generated_by else ""
    for finding in findings:
        where = f"{page.file.abs_src_path or page.file.src_uri}:{csp.source_line(source, finding.token)}"
        message = f"{where}: {finding.what}: a guide's pages never run code of their own (remove it)"
        log.error(message)
        state.unsafe.append(message)
    if _command == "serve":
        return csp.neutralize(html, findings)  # shown as text until fixed, never run
    return html


def _page_content(html: str, page: Page) -> str:
    renderer = state.renderer
    assert renderer is not None
    src_uri = page.file.src_uri
    guide = state.guide
    block = guide.block_for(src_uri)
    if block is not None:
        html = renderer.finish_block_page(html, block) + renderer.block_sections(block)
        catalog = state.catalog
        # Under the page's h1 when it has one: Material's toc lists the h1's children only.
        items = page.toc.items
        if len(items) == 1 and items[0].level == 1:
            items = items[0].children
        items.append(AnchorLink(str(escape(catalog.text("block.checklist_heading"))), "your-checklist", 2))
        if block.quiz:
            items.append(AnchorLink(str(escape(catalog.text("block.quiz_heading"))), "check-your-understanding", 2))
        return html
    part = guide.part_for(src_uri)
    if part is not None:
        return rendering.insert_at_marker(html, rendering.BLOCKS_MARKER, renderer.part_overview(part))
    if src_uri == "index.md":
        html = rendering.insert_at_marker(html, rendering.SERIES_MARKER, renderer.series_overview(src_uri))
        return renderer.finish_home(html, src_uri)
    if src_uri == rendering.CHECKLISTS_PAGE:
        _checklists_toc(page)
        return renderer.checklists_page()
    if src_uri == rendering.QUIZ_PAGE:
        return renderer.quiz_page()
    sheet = next((b for b in guide.blocks if rendering.sheet_page(b) == src_uri), None)
    if sheet is not None:
        return renderer.sheet(sheet)
    return html


def _checklists_toc(page: Page) -> None:
    """The checklists page's table of contents: its parts and, under each, its blocks (the template's heading ids).

    A part's entry is its bare title: Material names the nested list after it, and the navigation
    already has a landmark named "Part n: <title>" (axe's landmark-unique).
    """
    items = page.toc.items
    if len(items) == 1 and items[0].level == 1:
        items = items[0].children
    for part in state.guide.parts:
        entry = AnchorLink(str(escape(part.title)), f"part-{part.number}", 2)
        entry.children = [AnchorLink(str(escape(block.title)), block.id, 3) for block in part.blocks]
        items.append(entry)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # After every page is rendered, before any is written: markup that would run code stops the build here.
    if state.unsafe and _command != "serve":
        count = len(state.unsafe)
        raise PluginError(f"{count} unsafe markup problem{'s' if count != 1 else ''}. Nothing was written.")
    # The theme's templates (main.html, 404.html) speak through the same catalog.
    env.globals["gg_t"] = state.catalog.markup
    env.globals["gg_strings"] = state.catalog.runtime_json()
    return env


def _catalog(language: str, overrides: dict[str, str | dict[str, str]]) -> Catalog:
    """The generator's words in Material's theme.language (GUIDE_LANGUAGE in mkdocs.yml), with the author's own."""
    catalog = load_catalog(language, overrides)
    if catalog.missing:
        log.warning(missing_catalog_message(catalog.missing))
    return catalog


def _render_markdown(text: str) -> str:
    assert state.markdown is not None
    return state.markdown.reset().convert(text)


def _locate(src_uri: str) -> str:
    """A page's URL from the site root, as MkDocs writes it (e.g. "checklists/honesty/")."""
    assert state.files is not None
    file = state.files.get_file_from_path(src_uri)
    if file is None:
        raise PluginError(f"cannot locate {src_uri}: no such page")
    return file.url


def _link(from_src_uri: str, to_src_uri: str, anchor: str | None) -> str:
    assert state.files is not None
    source = state.files.get_file_from_path(from_src_uri)
    target = state.files.get_file_from_path(to_src_uri)
    if source is None or target is None:
        raise PluginError(f"cannot link from {from_src_uri} to {to_src_uri}: no such page")
    if source is target and anchor:
        return f"#{anchor}"
    url = target.url_relative_to(source)
    return f"{url}#{anchor}" if anchor else url
