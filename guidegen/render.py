"""Render the generated parts of pages from Jinja templates.

The renderer knows nothing of MkDocs: it is handed a Markdown function (the
site's own configuration) and a link function (MkDocs' own URL handling).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import nh3
from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket
from markupsafe import Markup

from guidegen.i18n import Catalog, load_catalog
from guidegen.model import Block, Guide, Part
from guidegen.problems import Problem

TEMPLATES = Path(__file__).parent / "templates"

# Where the generator puts its own pages, as paths from the docs folder.
CHECKLISTS_PAGE = "checklists/index.md"
QUIZ_PAGE = "quiz/index.md"
# What the guide keeps in the browser, and how to move or remove it (linked from every page's footer).
PRIVACY_PAGE = "privacy/index.md"
# The quick exit's words for the scripts: left out of the pages of a guide without one.
EXIT_STRINGS = "js.exit."


def sheet_page(block: Block) -> str:
    return f"checklists/{block.id}.md"


# link(from_src_uri, to_src_uri, anchor) -> URL relative to the first page.
LinkFunction = Callable[[str, str, str | None], str]
MarkdownFunction = Callable[[str], str]

_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)

# One line of words and plain punctuation: nothing that Markdown or the site's
# extensions would change (no markup, no &<>, no list or heading start, none of
# the symbols, fractions, ordinals, arrows or emoji codes of smartsymbols and
# emoji). Most checklist items and quiz feedback are such sentences, and their
# Markdown rendering is the sentence itself; sending each one through the whole
# Markdown pipeline was the generator's largest build cost (issue 9).
_QUOTES = "\"'\u2018\u2019\u201c\u201d"  # straight and curly quotes
_PLAIN_TEXT = re.compile(f"[A-Za-z{_QUOTES}][A-Za-z0-9 ,.;?!{_QUOTES}\u2014\u2013-]*")
_NOT_PLAIN = re.compile(r"\d[A-Za-z]|--|  ")


def is_plain_text(text: str) -> bool:
    stripped = text.strip()
    return bool(_PLAIN_TEXT.fullmatch(stripped)) and not _NOT_PLAIN.search(stripped)


# What the Markdown of a front-matter field may become: the elements and
# attributes the site's Markdown extensions write (emphasis, code, links,
# lists, abbreviations, footnotes, admonitions, details, tables, Material's
# SVG emoji). Everything else -- raw HTML an author typed, scripts, event
# handlers, javascript: links, ids that could clash with the page's own -- is
# dropped by nh3 (ammonia's allow-list sanitizer), so a field is always inert.
_ALLOWED_TAGS = nh3.ALLOWED_TAGS | {"span", "div", "details", "summary", "svg", "path", "g", "mark", "kbd"}
_ALLOWED_ATTRIBUTES = {
    "*": {"class", "title", "lang", "dir"},
    "a": {"href", "hreflang", "title"},
    "abbr": {"title"},
    "img": {"alt", "src", "width", "height", "title"},
    "ol": {"start"},
    "li": {"value"},
    "details": {"open"},
    "th": {"align", "colspan", "rowspan", "scope", "style"},
    "td": {"align", "colspan", "rowspan", "style"},
    "svg": {"xmlns", "viewbox", "width", "height", "aria-hidden", "focusable"},
    "path": {"d", "fill", "fill-rule", "clip-rule"},
    "g": {"fill"},
}


def sanitize(html: str) -> str:
    """The rendered Markdown of an author's field, with nothing in it that could run or clash."""
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        link_rel=None,
        filter_style_properties={"text-align"},  # Markdown's table column alignment
        attribute_filter=_same_site_images,
    )


def _same_site_images(tag: str, attribute: str, value: str) -> str | None:
    """An image from another host would be a request to it on every visit: only the site's own images."""
    if tag == "img" and attribute == "src" and re.match(r"^\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|\\\\)", value):
        return None
    return value


# Python-Markdown's backslash escapes (and nothing else: "\\=" would show its backslash).
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def markdown_literal(text: str) -> str:
    """Plain text written into generated Markdown so that it renders as exactly that text."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", html.escape(text, quote=False))


SERIES_MARKER = "<!-- guide:series -->"
BLOCKS_MARKER = "<!-- guide:blocks -->"


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory for the whole process, shared by every Jinja environment.

    Each build makes new environments (the generator's, per Renderer; MkDocs' theme environment,
    per build): without this, every build and every save under ``mkdocs serve`` parsed and compiled
    every template again (issue 24). Jinja checks each entry against its template's source
    (a checksum), so an edited template is compiled anew. Entries are kept apart per set of
    environment options that change the compiled code (delimiters, whitespace handling,
    autoescaping, extensions), so environments configured differently never share code.
    """

    def __init__(self) -> None:
        self._store: dict[tuple[object, str], bytes] = {}

    @staticmethod
    def _options(environment: Environment) -> tuple[object, ...]:
        return (
            environment.block_start_string,
            environment.block_end_string,
            environment.variable_start_string,
            environment.variable_end_string,
            environment.comment_start_string,
            environment.comment_end_string,
            environment.line_statement_prefix,
            environment.line_comment_prefix,
            environment.trim_blocks,
            environment.lstrip_blocks,
            environment.newline_sequence,
            environment.keep_trailing_newline,
            environment.optimized,
            environment.is_async,
            id(environment.autoescape) if callable(environment.autoescape) else environment.autoescape,
            id(environment.finalize),
            tuple(sorted(environment.extensions)),
            type(environment).code_generator_class,
        )

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        bucket = super().get_bucket(environment, name, filename, source)
        bucket.key = repr((self._options(environment), bucket.key))
        if bucket.code is None:
            data = self._store.get((self._options(environment), bucket.key))
            if data is not None:
                bucket.bytecode_from_string(data)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        pass  # get_bucket looks up the store itself, under a key that includes the environment's options

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._store[(self._options(bucket.environment), bucket.key)] = bucket.bytecode_to_string()


#: The one bytecode cache of this process: the generator's environments and the theme's (the plugin's on_env).
BYTECODE_CACHE = MemoryBytecodeCache()
_AUTOESCAPE = select_autoescape(default=True, default_for_string=True)

# Rendered Markdown of front-matter texts (items, prompts, choices, feedback, explanations), sanitized, per
# Markdown configuration: the same text renders the same way in every build of one process.
_TEXTS: dict[tuple[str, str], str] = {}
_TEXTS_LIMIT = 50_000


@dataclass
class PageContext:
    """What templates need to know about the page they render into."""

    src_uri: str
    link: LinkFunction

    def url(self, target: str, anchor: str | None = None) -> str:
        return self.link(self.src_uri, target, anchor)


class Renderer:
    def __init__(
        self,
        guide: Guide,
        markdown: MarkdownFunction,
        link: LinkFunction,
        site_name: str,
        *,
        site_url: str = "",
        locate: Callable[[str], str] | None = None,
        catalog: Catalog | None = None,
        markdown_key: str | None = None,
    ) -> None:
        """``markdown_key`` names the Markdown configuration behind ``markdown`` (``siteconfig.config_key``):
        with one, rendered texts are shared by every Renderer of this process with the same key."""
        self.guide = guide
        self.catalog = catalog or load_catalog("en")
        self._markdown = markdown
        self.link = link
        self.site_name = site_name
        self.site_url = site_url
        # locate(src_uri) -> the page's URL from the site root (MkDocs' File.url).
        self._locate = locate
        self._markdown_key = markdown_key
        self._texts: dict[tuple[str, str], str] = _TEXTS if markdown_key is not None else {}
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            bytecode_cache=BYTECODE_CACHE,
            autoescape=_AUTOESCAPE,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        self.env.filters["markdown"] = self.markdown
        self.env.filters["inline"] = self.inline
        self.env.globals.update(
            guide=guide,
            site_name=site_name,
            sheet_page=sheet_page,
            checklists_page=CHECKLISTS_PAGE,
            quiz_page=QUIZ_PAGE,
            privacy_page=PRIVACY_PAGE,
            t=self.catalog.markup,
            choice_letters=self.catalog.text("quiz.choice_letters").split(),
        )

    def _rendered(self, text: str) -> str:
        """The text's Markdown with the site's configuration, sanitized; rendered once per configuration."""
        key = (self._markdown_key or "", text)
        html = self._texts.get(key)
        if html is None:
            html = sanitize(self._markdown(text))
            if len(self._texts) >= _TEXTS_LIMIT:
                self._texts.clear()
            self._texts[key] = html
        return html

    def markdown(self, text: str) -> Markup:
        if is_plain_text(text):
            return Markup(f"<p>{text.strip()}</p>")
        return Markup(self._rendered(text))

    def inline(self, text: str) -> Markup:
        """Inline Markdown: rendered with the site's configuration, without the wrapping paragraph."""
        if is_plain_text(text):
            return Markup(text.strip())
        html = self._rendered(text).strip()
        match = _PARAGRAPH.match(html)
        return Markup(match.group(1) if match and "<p>" not in match.group(1) else html)

    def _render(self, template: str, src_uri: str, **context: object) -> str:
        page = PageContext(src_uri, self.link)
        return self.env.get_template(template).render(page=page, **context)

    def block_sections(self, block: Block) -> str:
        """The checklist, quiz and footer appended to a block page, then the way on to the next block."""
        blocks = self.guide.blocks
        at = blocks.index(block)
        after = blocks[at + 1] if at + 1 < len(blocks) else None
        return self._render("block.html", block.src_uri, block=block) + self._render(
            "next.html", block.src_uri, after=after
        )

    def finish_block_page(self, html: str, block: Block) -> str:
        """A rendered block page with its part and reading time above the title and each heading's link down."""
        html = add_backlinks(html, block, self)
        return insert_before_title(html, self._render("block_top.html", block.src_uri, block=block))

    def finish_home(self, html: str, src_uri: str) -> str:
        """The rendered home page with its hero in place of the author's title (or first, without one)."""
        match = _H1_ELEMENT.search(html)
        title = Markup(match.group(0) if match else "")
        if match is None:
            title = Markup('<h1 id="gg-hero-title">{}</h1>').format(self.guide.settings.title or self.site_name)
        hero = self._render("hero.html", src_uri, title=title)
        if match is None:
            return hero + html
        return html[: match.start()] + hero + html[match.end() :]

    def backlink(self, block: Block, heading_id: str) -> str:
        """Links from a heading down to the checklist items that put it into practice."""
        items = [item for item in block.checklist if item.section == heading_id]
        if not items:
            return ""
        return self._render("backlink.html", block.src_uri, block=block, items=items)

    def checklists_page(self) -> str:
        return self._render("checklists.html", CHECKLISTS_PAGE)

    def sheet(self, block: Block) -> str:
        address = self.address(sheet_page(block))
        return self._render("sheet.html", sheet_page(block), block=block, address=address)

    def address(self, src_uri: str) -> str:
        """Where a page lives, for paper: absolute with the site's URL, else its path from the site root."""
        path = self._locate(src_uri) if self._locate else src_uri
        return urljoin(self.site_url, path) if self.site_url else path

    def quiz_page(self) -> str:
        return self._render("quiz_page.html", QUIZ_PAGE)

    def privacy_page(self) -> str:
        exit_site = urlsplit(self.guide.settings.quick_exit).hostname or ""
        return self._render("privacy.html", PRIVACY_PAGE, exit_site=exit_site)

    def privacy_headings(self) -> list[tuple[str, str]]:
        """The privacy page's sections as (id, title), for its table of contents."""
        keys = ["kept", "where", "move", "remove", "limits"] + (["exit"] if self.guide.settings.quick_exit else [])
        ids = ["what-is-kept", "where-it-is-kept", "moving-it", "removing-it", "what-stays", "leaving-quickly"]
        return [(ids[n], self.catalog.text(f"privacy.{key}_heading")) for n, key in enumerate(keys)]

    def series_overview(self, src_uri: str) -> str:
        return self._render("series.html", src_uri)

    def part_overview(self, part: Part) -> str:
        return self._render("part.html", part.src_uri, part=part)

    def part_next(self, part: Part) -> str:
        """The way on at the end of a part page: its first block (the card is the page's one "Next")."""
        after = part.blocks[0] if part.blocks else None
        return self._render("next.html", part.src_uri, after=after)

    def problems_banner(self, problems: list[Problem], src_uri: str) -> str:
        """The content's problems as an alert at the top of a page (for `mkdocs serve` only)."""
        return self._render("problems.html", src_uri, problems=sorted(problems))


# The banner's stylesheet: a generated file under `mkdocs serve`, so no built site carries it.
PROBLEMS_STYLESHEET = "assets/guide/serve-problems.css"


def problems_stylesheet() -> str:
    return (TEMPLATES / "problems.css").read_text(encoding="utf-8")


_CONTAINER = re.compile(r'<div\b[^>]*\bdata-md-component="container"[^>]*>')
_BODY = re.compile(r"<body\b[^>]*>")


def insert_banner(html: str, banner: str, stylesheet_url: str) -> str:
    """The banner first in Material's container (instant navigation swaps it with each page), its CSS in the head."""
    link = f'<link rel="stylesheet" href="{stylesheet_url}">'
    html = html.replace("</head>", link + "</head>", 1)
    where = _CONTAINER.search(html) or _BODY.search(html)
    if where is None:
        return banner + html
    return html[: where.end()] + banner + html[where.end() :]


_H1_ELEMENT = re.compile(r"<h1\b[^>]*>.*?</h1>", re.DOTALL)


def insert_before_title(html: str, addition: str) -> str:
    """Put ``addition`` right before the page's first h1 (or first, without one)."""
    match = re.search(r"<h1\b", html)
    at = match.start() if match else 0
    return html[:at] + addition + html[at:]


_HEADING = re.compile(r'(<h([1-6]) id="([^"]+)"[^>]*>.*?</h\2>)', re.DOTALL)


def add_backlinks(html: str, block: Block, renderer: Renderer) -> str:
    """Insert each heading's link to its checklist items right after the heading."""

    def replace(match: re.Match[str]) -> str:
        return match.group(1) + renderer.backlink(block, match.group(3))

    return _HEADING.sub(replace, html)


def insert_at_marker(html: str, marker: str, addition: str) -> str:
    """Put ``addition`` where the author placed ``marker``, or at the end."""
    if marker in html:
        return html.replace(marker, addition, 1)
    return html + addition
