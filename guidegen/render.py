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
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
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
    ) -> None:
        self.guide = guide
        self.catalog = catalog or load_catalog("en")
        self._markdown = markdown
        self.link = link
        self.site_name = site_name
        self.site_url = site_url
        # locate(src_uri) -> the page's URL from the site root (MkDocs' File.url).
        self._locate = locate
        self._inline_cache: dict[str, Markup] = {}
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=select_autoescape(default=True, default_for_string=True),
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

    def markdown(self, text: str) -> Markup:
        if is_plain_text(text):
            return Markup(f"<p>{text.strip()}</p>")
        return Markup(sanitize(self._markdown(text)))

    def inline(self, text: str) -> Markup:
        """Inline Markdown: rendered with the site's configuration, without the wrapping paragraph."""
        if is_plain_text(text):
            return Markup(text.strip())
        if text not in self._inline_cache:
            html = sanitize(self._markdown(text)).strip()
            match = _PARAGRAPH.match(html)
            self._inline_cache[text] = Markup(match.group(1) if match and "<p>" not in match.group(1) else html)
        return self._inline_cache[text]

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
