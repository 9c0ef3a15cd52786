"""The MkDocs (and ProperDocs) adapter: the generator as a plugin, events only.

Gather, resolve, render: the whole guide is read and validated in
``on_config`` (before MkDocs cleans the output folder), the generated pages
are added in ``on_files``, and each page gets its generated parts in
``on_page_content``. Then what readers download: the policy's headers, the
theme fixes no partial can reach, and lean pages and assets. Everything else
lives in the engine-free core of ``guidegen``.

Reached as ``plugins: [guidegen]`` (the ``mkdocs.plugins`` and
``properdocs.plugins`` entry points) or, from a copy of the generator's
repository, through the ``hooks/`` shim, which hands MkDocs' events to this
same class.
"""

from __future__ import annotations

import hashlib
import html as html_escaping
import logging
import os
import shutil
from pathlib import Path

import click
import markdown
from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from guidegen import csp, multilingual
from guidegen import render as rendering
from guidegen.frontmatter import without_unreadable_front_matter
from guidegen.headings import HeadingFinder
from guidegen.i18n import Catalog, load_catalog, translate_toggles
from guidegen.loader import load_guide
from guidegen.minify import minify_folder, minify_page
from guidegen.model import Guide, site_identity
from guidegen.navigation import build_nav, complete_nav
from guidegen.plugin import theme
from guidegen.plugin.config import GuideConfig
from guidegen.plugin.incremental import Incremental, folder_fingerprint
from guidegen.problems import Problem, summary_line
from guidegen.render import Renderer
from guidegen.siteconfig import config_key
from guidegen.staging import robots_txt

log = logging.getLogger("mkdocs.plugins.guidegen")

#: Markdown extensions the generated pages need, and why (named as the cause when one is missing).
REQUIRED_EXTENSIONS = {
    "attr_list": "the generated pages and the blocks' sections give headings their ids with {#id}",
}
#: The vendored iframe-worker shim (theme/assets/vendor), used instead of the CDN copy.
WORKER_SHIM = "assets/vendor/iframe-worker/shim.js"
ASSETS = "assets/guide"
#: Material's search.boost for the guide's safety page (issue 30).
SAFETY_PAGE_BOOST = 10

# The generated pages repeat what block pages say, so search leaves them out: a
# search finds each item or question once, on its block page. (Parsing their
# markup for the index was also most of the generator's build cost, issue 9.)
NOT_SEARCHED = "---\nsearch:\n  exclude: true\n---\n"

# Front-matter text that Material's templates print as HTML (the title in the
# navigation, <title> and the header; the description in a <meta> attribute;
# the subtitle in the navigation). It is text: escaped once, here.
_TEXT_META = {"title": False, "subtitle": False, "description": True}  # key -> quotes escaped too


# Rendered page contents already found free of markup that runs code, by digest.
_SAFE_CONTENT: set[bytes] = set()


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
        self.locales_dir: Path | None = None
        self.markdown_key: str | None = None
        # A multilingual guide's build of one language (None for a guide in one language).
        self.editions: multilingual.Editions | None = None


class GuidePlugin(BasePlugin[GuideConfig]):
    """The guide generator for MkDocs, ProperDocs and any Material site."""

    def __init__(self) -> None:
        self.state = BuildState()
        self.command = "build"
        # Under `mkdocs serve --dirty` (what `guidegen serve` runs): which pages each save rebuilds (issue 24).
        self.incremental: Incremental | None = None
        self._indexed: int | None = None  # search entries before the page being indexed
        # The policy the last build of this process wrote (a guess for this one, checked after it), and
        # what this build's pages were scanned to hold and written with (by path), for on_post_build.
        self._policy: str | None = None
        self._written_scans: dict[str, csp.InlineCode] = {}
        self._written_policies: dict[str, str] = {}

    # -- start -----------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = "serve" if _serving() else command
        self.incremental = Incremental() if dirty and command == "serve" else None

    # Before every other plugin (search picks its language from the theme's).
    @event_priority(100)
    def _on_config_language(self, config: MkDocsConfig) -> MkDocsConfig:
        """GUIDE_LANGUAGE may override mkdocs.yml's theme.language for one build; it is never needed."""
        if self.config.enabled and os.environ.get("GUIDE_LANGUAGE"):
            config.theme["language"] = os.environ["GUIDE_LANGUAGE"]
        return config

    def _on_config_gather(self, config: MkDocsConfig) -> MkDocsConfig:
        self.state = state = BuildState()
        if not self.config.enabled:
            return config
        _require_extensions(config)
        theme.add_theme_folder(config)
        language = str(config.theme.get("language") or "en")
        config_dir = Path(config.config_file_path or ".").absolute().parent
        state.locales_dir = config_dir / self.config.locales_dir
        state.markdown = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
        # Sections are the headings the site's own Markdown renders (in admonitions and tabs too).
        key = config_key(list(config.markdown_extensions), config.mdx_configs)
        state.markdown_key = key
        finder = HeadingFinder(state.markdown, key)
        result = load_guide(Path(config.docs_dir), finder, language, state.locales_dir)
        for warning in result.warnings:
            log.warning(warning)
        if result.problems:
            for problem in sorted(result.problems):
                log.error(str(problem))
            if self.command != "serve":
                raise PluginError(f"{summary_line(result.problems)} Nothing was built; the output folder is unchanged.")
            log.error("%s Fix them and save: the site rebuilds.", summary_line(result.problems))
            state.problems = result.problems
        state.guide = result.guide
        state.unreadable = result.unreadable
        if self.config.languages:
            state.editions = self._editions(config, language, result.guide, finder)
        state.catalog = load_catalog(language, result.guide.settings.strings, state.locales_dir)
        translate_toggles(config.theme.get("palette"), state.catalog)
        # A site that names itself keeps its name; a guide's site is otherwise named by its home page.
        for name, value in site_identity(result.guide.settings, dict(os.environ)).items():
            if not config.get(name):
                config[name] = value
        if not config.nav:
            config.nav = build_nav(result.guide, Path(config.docs_dir), result.unreadable, state.catalog)
        else:
            config.nav = complete_nav(config.nav, result.guide, state.catalog)
        return config

    def _editions(
        self, config: MkDocsConfig, language: str, guide: Guide, finder: HeadingFinder
    ) -> multilingual.Editions:
        """This build is one language of a multilingual guide: the others, read for the switcher and progress."""
        languages = [str(code) for code in self.config.languages]
        docs_dir = Path(config.docs_dir)
        if language not in languages or docs_dir.name != language:
            raise PluginError(
                f"This guide is multilingual (languages: {', '.join(languages)}): each language is built from "
                "docs/<language>/ with its own theme.language. Run guidegen build (every language, into "
                "site/<language>/), or guidegen serve --language LANG for one."
            )
        editions = multilingual.Editions.read(
            docs_dir.parent, languages, language, guide, finder, self.state.locales_dir
        )
        editions.use_directory_urls = config.use_directory_urls
        # One store for every language (the default's name): a tick keeps its id, and so its place, in all.
        config.extra["gg_store"] = config.site_name or editions.source.settings.title or "guide"
        config.extra["alternate"] = editions.alternate_roots()
        return editions

    # After Material's offline plugin, which adds the CDN address in its on_config.
    @event_priority(-100)
    def _on_config_offline(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.config.enabled and _offline(config):
            polyfills = config.extra.get("polyfills", [])
            config.extra["polyfills"] = [WORKER_SHIM if "iframe-worker" in str(url) else url for url in polyfills]
            # Under file:// Material skips instant navigation by returning an empty
            # stream that it subscribes document$ to, which completes document$
            # before the page loads: nothing started through document$.subscribe
            # (our checklists and quizzes, Material's own widgets) would ever run.
            features = config.theme["features"]
            features[:] = [feature for feature in features if not feature.startswith("navigation.instant")]
        return config

    on_config = CombinedEvent(_on_config_language, _on_config_gather, _on_config_offline)

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        # A save in the guide's own catalogs rebuilds too.
        if self.config.enabled and self.state.locales_dir is not None and self.state.locales_dir.is_dir():
            server.watch(str(self.state.locales_dir))
        return server

    # -- gather and resolve ----------------------------------------------

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        state = self.state
        catalog = state.catalog
        for src_uri in state.unreadable:
            unreadable = files.get_file_from_path(src_uri)
            if unreadable is not None:
                files.remove(unreadable)
        generated = {
            # Explicit ids: the table of contents and the skip link must point at the template's heading in any
            # language.
            rendering.CHECKLISTS_PAGE: NOT_SEARCHED + f"# {catalog.text('nav.checklists')} {{#your-checklists}}\n",
            rendering.QUIZ_PAGE: NOT_SEARCHED + f"# {catalog.text('quiz.page_title')} {{#check-your-understanding}}\n",
            # Linked from every page's footer, not listed in the navigation.
            rendering.PRIVACY_PAGE: NOT_SEARCHED + f"# {catalog.text('nav.privacy')} {{#your-privacy}}\n",
        }
        for src_uri, content in generated.items():
            taken = files.get_file_from_path(src_uri)
            if taken is not None:  # content in a reserved path: already reported, and replaced under `mkdocs serve`
                files.remove(taken)
            generated_file = File.generated(config, src_uri, content=content)
            if src_uri == rendering.PRIVACY_PAGE:
                generated_file.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(generated_file)
        editions = state.editions
        for src_uri, source_uri in (editions.untranslated if editions else {}).items():
            # Not translated yet: the source's page, published at its place in this language (with a note).
            text = (editions.docs_dir / editions.source_language / source_uri).read_text(encoding="utf-8")
            files.append(File.generated(config, src_uri, content=text))
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
        # A guide may ship its own robots.txt; it wins.
        if not _offline(config) and files.get_file_from_path("robots.txt") is None:
            files.append(File.generated(config, "robots.txt", content=robots_txt(config.site_url or "")))
        state.files = files
        state.renderer = Renderer(
            state.guide,
            self._render_markdown,
            self._link,
            config.site_name,
            site_url=config.site_url or "",
            locate=self._locate,
            catalog=catalog,
            markdown_key=state.markdown_key,
        )
        return files

    def on_nav(self, nav, /, *, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        if self.config.enabled and self.incremental is not None:
            state = self.state
            locales = [state.locales_dir] if state.locales_dir is not None and state.locales_dir.exists() else []
            extra = (repr(state.problems), state.unreadable, folder_fingerprint(locales))
            self.incremental.start(config, files, state.guide, extra)
            # The built assets are minified and joined in place (on_post_build): copied afresh on every build.
            shutil.rmtree(Path(config.site_dir) / ASSETS, ignore_errors=True)
        return nav

    def on_build_error(self, *, error: Exception) -> None:
        if self.incremental is not None:
            self.incremental.forget()

    # -- render ------------------------------------------------------------

    def on_page_markdown(self, markdown_text: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled:
            return markdown_text
        markdown_text = without_unreadable_front_matter(markdown_text)  # under serve: the alert names the mistake
        guide = self.state.guide
        item = guide.block_for(page.file.src_uri) or guide.part_for(page.file.src_uri)
        if item is not None:
            page.meta.setdefault("description", item.summary)
            # One "Next" (issue 30): the generator's card ends block and part pages, so Material's footer links go.
            hide = page.meta.get("hide")
            if hide is None:
                page.meta["hide"] = ["footer"]
            elif isinstance(hide, list) and "footer" not in hide:
                hide.append("footer")
        if page.file.src_uri == guide.settings.safety_page:
            # A frightened reader's words ("suicide", "crisis") list the help page first, before the pages that
            # only mention them and point to it (Material's search.boost; the page's own setting wins).
            search = page.meta.setdefault("search", {})
            if isinstance(search, dict):
                search.setdefault("boost", SAFETY_PAGE_BOOST)
        for key, quote in _TEXT_META.items():
            value = page.meta.get(key)
            if value is not None:
                page.meta[key] = html_escaping.escape(str(value), quote=quote)
        return markdown_text

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled:
            return html
        html = self._page_content(html, page)
        # Pages found safe before are not searched again (every build of `mkdocs serve` renders them anew).
        digest = hashlib.blake2b(html.encode("utf-8"), digest_size=16).digest()
        if digest in _SAFE_CONTENT:
            return html
        findings = csp.find_unsafe_markup(html)
        if not findings:
            if len(_SAFE_CONTENT) >= 100_000:
                _SAFE_CONTENT.clear()
            _SAFE_CONTENT.add(digest)
            return html
        # The loader's check of the page text finds these first; this is the last word on what was rendered.
        source = page.file.content_string if not page.file.generated_by else ""
        for finding in findings:
            where = f"{page.file.abs_src_path or page.file.src_uri}:{csp.source_line(source, finding.token)}"
            message = f"{where}: {finding.what}: a guide's pages never run code of their own (remove it)"
            log.error(message)
            self.state.unsafe.append(message)
        if self.command == "serve":
            return csp.neutralize(html, findings)  # shown as text until fixed, never run
        return html

    def _page_content(self, html: str, page: Page) -> str:
        state = self.state
        renderer = state.renderer
        assert renderer is not None
        src_uri = page.file.src_uri
        guide = state.guide
        block = guide.block_for(src_uri)
        if block is not None:
            html = self._untranslated(renderer.finish_block_page(html, block), src_uri)
            html += renderer.block_sections(block)
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
            html = rendering.insert_at_marker(html, rendering.BLOCKS_MARKER, renderer.part_overview(part))
            return html + renderer.part_next(part)
        if src_uri == "index.md":
            html = rendering.insert_at_marker(html, rendering.SERIES_MARKER, renderer.series_overview(src_uri))
            return renderer.finish_home(html, src_uri)
        if src_uri == rendering.CHECKLISTS_PAGE:
            self._checklists_toc(page)
            return renderer.checklists_page()
        if src_uri == rendering.QUIZ_PAGE:
            self._quiz_toc(page)
            return renderer.quiz_page()
        if src_uri == rendering.PRIVACY_PAGE:
            items = page.toc.items
            if len(items) == 1 and items[0].level == 1:
                items = items[0].children
            items.extend(AnchorLink(str(escape(title)), anchor, 2) for anchor, title in renderer.privacy_headings())
            return renderer.privacy_page()
        sheet = next((b for b in guide.blocks if rendering.sheet_page(b) == src_uri), None)
        if sheet is not None:
            return renderer.sheet(sheet)
        return html

    def _untranslated(self, html: str, src_uri: str) -> str:
        """A page shown in the source's language: its text marked so (lang, dir), under a note saying so.

        The line above the title (the part, reading time) is in this page's language, and says so too.
        """
        editions = self.state.editions
        if editions is None or src_uri not in editions.untranslated:
            return html
        source = editions.source_language
        direction = multilingual.direction(source)
        words = editions.untranslated_note(self.state.catalog)
        note = f'<div class="admonition note gg-untranslated"><p>{words}</p></div>'
        own = editions.language
        html = html.replace(
            '<p class="gg-eyebrow"', f'<p lang="{own}" dir="{multilingual.direction(own)}" class="gg-eyebrow"', 1
        )
        return f'{note}<div lang="{source}" dir="{direction}">{html}</div>'

    def _checklists_toc(self, page: Page) -> None:
        """The checklists page's table of contents: its parts and, under each, its blocks (the template's heading
        ids).

        A part's entry is its bare title: Material names the nested list after it, and the navigation
        already has a landmark named "Part n: <title>" (axe's landmark-unique).
        """
        items = page.toc.items
        if len(items) == 1 and items[0].level == 1:
            items = items[0].children
        for part in self.state.guide.parts:
            entry = AnchorLink(str(escape(part.title)), f"part-{part.number}", 2)
            entry.children = [AnchorLink(str(escape(block.title)), block.id, 3) for block in part.blocks]
            items.append(entry)

    def _quiz_toc(self, page: Page) -> None:
        """The quiz page's table of contents: every block with questions (the template's heading ids), issue 30."""
        items = page.toc.items
        if len(items) == 1 and items[0].level == 1:
            items = items[0].children
        items.extend(
            AnchorLink(str(escape(block.title)), block.id, 2) for block in self.state.guide.blocks if block.quiz
        )

    def _on_page_context_alternates(self, context, /, *, page: Page, config: MkDocsConfig, nav):  # type: ignore[no-untyped-def]
        editions = self.state.editions
        if self.config.enabled and editions is not None:
            editions.use_directory_urls = config.use_directory_urls  # final now: the offline edition's is false
            # Material's switcher and <link rel="alternate" hreflang> read extra.alternate as the page renders,
            # right after this: the same page in each language where it exists, else that language's home.
            config.extra["alternate"] = editions.alternates(page.file.src_uri, config.site_url or "")
        return context

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        if not self.config.enabled:
            return env
        # After every page is rendered, before any is written: markup that would run code stops the build here.
        if self.state.unsafe and self.command != "serve":
            count = len(self.state.unsafe)
            raise PluginError(f"{count} unsafe markup problem{'s' if count != 1 else ''}. Nothing was written.")
        theme.reach_material(env)
        # MkDocs makes the theme's environment anew for every build: its templates compile once per process.
        if env.bytecode_cache is None:
            env.bytecode_cache = rendering.BYTECODE_CACHE
        # The theme's templates (base.html, 404.html) speak through the same catalog.
        env.globals["gg_t"] = self.state.catalog.markup
        # Without a quick exit, nothing of it is in the pages: not even its words.
        quick_exit = self.state.guide.settings.quick_exit
        env.globals["gg_strings"] = self.state.catalog.runtime_json(() if quick_exit else (rendering.EXIT_STRINGS,))
        # The quick exit's address (empty: none) and the privacy page, for the header and footer partials.
        env.globals["gg_quick_exit"] = quick_exit
        privacy = files.get_file_from_path(rendering.PRIVACY_PAGE)
        env.globals["gg_privacy_url"] = privacy.url if privacy is not None else ""
        # The header's "Get help" (partials/header.html): the safety page's URL from the site root, when there is one.
        safety = self.state.guide.settings.safety_page
        help_file = files.get_file_from_path(safety) if safety else None
        env.globals["gg_help_url"] = help_file.url if help_file is not None else ""
        return env

    # -- what readers download -------------------------------------------

    # Around Material's search plugin indexing the page (its on_page_context).
    @event_priority(50)
    def _on_page_context_before_search(self, context, /, *, page: Page, config: MkDocsConfig, nav):  # type: ignore[no-untyped-def]
        search = _search_index(config)
        self._indexed = len(search.entries) if search is not None else None
        return context

    @event_priority(-50)
    def _on_page_context_after_search(self, context, /, *, page: Page, config: MkDocsConfig, nav):  # type: ignore[no-untyped-def]
        search = _search_index(config)
        if self.config.enabled and search is not None and self._indexed is not None:
            search.entries[self._indexed :] = _without_empty_preface(search.entries[self._indexed :], page)
        return context

    on_page_context = CombinedEvent(
        _on_page_context_before_search, _on_page_context_alternates, _on_page_context_after_search
    )

    def _on_post_page_minify(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if not self.config.enabled:
            return output
        state = self.state
        if state.editions is not None:  # the theme's other templates (404.html): each language's home
            config.extra["alternate"] = state.editions.alternate_roots()
        if state.problems and state.renderer is not None:
            banner = state.renderer.problems_banner(state.problems, page.file.src_uri)
            stylesheet = self._link(page.file.src_uri, rendering.PROBLEMS_STYLESHEET, None)
            output = rendering.insert_banner(output, banner, stylesheet)
        return minify_page(theme.fix_page(output))

    # Last, on what MkDocs writes: the page's inline code for the policy, scanned from memory, and the policy
    # of the previous build of this process in its <meta> (issue 24: at 500 blocks, reading every written
    # page back and rewriting it cost more than anything else the generator does). on_post_build checks
    # the policy and rewrites only pages whose policy it no longer is.
    @event_priority(-1000)
    def _on_post_page_policy(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if not self.config.enabled:
            return output
        dest = os.path.abspath(page.file.abs_dest_path)
        try:
            self._written_scans[dest] = csp.scan_text(output, page.file.dest_uri)
        except csp.UnsafeMarkup:
            return output  # reported by on_post_build's scan of the written page
        policy = self._policy
        if policy is not None and self.command != "serve" and not _offline(config):
            output = csp.with_meta_policy(output, csp.meta_tag(policy))
            self._written_policies[dest] = policy
        return output

    on_post_page = CombinedEvent(_on_post_page_minify, _on_post_page_policy)

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        # 404.html is a theme template, not a page; sitemap.xml is not HTML.
        if not self.config.enabled or not template_name.endswith(".html"):
            return output_content
        return minify_page(theme.fix_page(output_content))

    def _on_post_build_assets(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled:
            minify_folder(Path(config.site_dir) / ASSETS)

    # Last: every page is written and the other plugins are done.
    @event_priority(-100)
    def _on_post_build_policy(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        site_dir = Path(config.site_dir)
        written, self._written_scans = self._written_scans, {}
        inserted, self._written_policies = self._written_policies, {}
        try:
            # In every edition: the offline one has no policy at all, so nothing unsafe may be in it.
            found = csp.scan_site(site_dir, written)
        except csp.UnsafeMarkup as error:
            raise PluginError(f"{error}: a strict Content-Security-Policy cannot allow it.") from error
        if _offline(config):
            log.info(csp.OFFLINE_NOTE)  # opened from file://, where no header applies
            return
        # In every page too, for hosts that send no headers (GitHub Pages, GitLab Pages, buckets). Not under
        # `mkdocs serve`: its server adds an inline live-reload script to every page it serves, which the
        # policy would block (saves would never show), and a development server sends no policy either.
        if self.command != "serve":
            policy = csp.content_security_policy(found)
            csp.add_meta_policy(site_dir, policy, [path for path, used in inserted.items() if used == policy])
            self._policy = policy
            log.info(csp.META_NOTE)
        headers = csp.security_headers(found)
        written = csp.write_header_files(site_dir, headers, config.site_url or "")
        log.info(
            "Security headers: %d inline script hashes, %d style hashes in %s",
            len(found.scripts),
            len(found.styles | found.style_attributes),
            ", ".join(written),
        )

    # Before Material's search plugin writes its index.
    @event_priority(50)
    def _on_post_build_search(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and self.incremental is not None and self.state.files is not None:
            self.incremental.merge_search(config, self.state.files)

    # After everything else: what this build knew of each page, for the next save under `guidegen serve`.
    @event_priority(-110)
    def _on_post_build_remember(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and self.incremental is not None and self.state.files is not None:
            self.incremental.finish(config, self.state.files)

    on_post_build = CombinedEvent(
        _on_post_build_search, _on_post_build_assets, _on_post_build_policy, _on_post_build_remember
    )

    # -- links through MkDocs' own URL handling ----------------------------

    def _render_markdown(self, text: str) -> str:
        assert self.state.markdown is not None
        return self.state.markdown.reset().convert(text)

    def _locate(self, src_uri: str) -> str:
        """A page's URL from the site root, as MkDocs writes it (e.g. "checklists/honesty/")."""
        assert self.state.files is not None
        file = self.state.files.get_file_from_path(src_uri)
        if file is None:
            raise PluginError(f"cannot locate {src_uri}: no such page")
        return file.url

    def _link(self, from_src_uri: str, to_src_uri: str, anchor: str | None) -> str:
        assert self.state.files is not None
        source = self.state.files.get_file_from_path(from_src_uri)
        target = self.state.files.get_file_from_path(to_src_uri)
        if source is None or target is None:
            raise PluginError(f"cannot link from {from_src_uri} to {to_src_uri}: no such page")
        if source is target and anchor:
            return f"#{anchor}"
        url = target.url_relative_to(source)
        return f"{url}#{anchor}" if anchor else url


def _search_index(config: MkDocsConfig):  # type: ignore[no-untyped-def]
    """Material's search index (its ``entries``), if the site has Material's search plugin."""
    for name, plugin in config.plugins.items():
        index = getattr(plugin, "search_index", None)
        if name.split("/")[-1] == "search" and isinstance(getattr(index, "entries", None), list):
            return index
    return None


def _without_empty_preface(entries: list[dict[str, object]], page: Page) -> list[dict[str, object]]:
    """A page's search entries as if nothing came before its h1, as on a page without the generator.

    A block page's part and reading time come before its title (left out of search): Material's
    indexer still opens an empty section for them, so the page had an entry with no text and its
    introduction was indexed under "#<title id>" (an entry more per page, 0.4 KB gzipped on the
    shipped guide's index, which every first visit loads). The two become the one entry Material makes
    when the h1 comes first.
    """
    items = page.toc.items
    if len(entries) < 2 or not items or items[0].level != 1:
        return entries
    first, second = entries[0], entries[1]
    url = page.url
    if first.get("location") == url and first.get("text") == "" and second.get("location") == f"{url}#{items[0].id}":
        return [{**second, "location": url}, *entries[2:]]
    return entries


def _serving() -> bool:
    """Whether MkDocs' CLI runs `mkdocs serve`, also as `serve --clean`, which reports itself as a build.

    `serve --clean` only means "no serve effects in the pages MkDocs writes"; the server must still
    keep serving and show the content's problems instead of stopping at the first mistake.
    """
    context = click.get_current_context(silent=True)
    return context is not None and context.info_name == "serve"


def _offline(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin is not None and plugin.config.enabled)


def _require_extensions(config: MkDocsConfig) -> None:
    """Name a missing Markdown extension as the cause, before its absence shows up as odd ids."""
    listed = {str(name).rsplit(".", 1)[-1] for name in config.markdown_extensions}
    missing = [name for name in REQUIRED_EXTENSIONS if name not in listed]
    if missing:
        reasons = "; ".join(f"{name}: {REQUIRED_EXTENSIONS[name]}" for name in missing)
        listing = "".join(f"\n  - {name}" for name in missing)
        raise PluginError(
            f"guidegen needs the Markdown extension{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"({reasons}). Add to mkdocs.yml:\nmarkdown_extensions:{listing}"
        )


def _inside(file: File, config: MkDocsConfig) -> bool:
    """False for a file of the docs folder that is a link to somewhere outside it (theme files are fine)."""
    if file.generated_by or not file.abs_src_path:
        return True
    docs_dir = Path(config.docs_dir).absolute()
    path = Path(file.abs_src_path).absolute()
    return not path.is_relative_to(docs_dir) or path.resolve().is_relative_to(docs_dir.resolve())
