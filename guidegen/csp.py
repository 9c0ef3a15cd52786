"""A strict Content-Security-Policy for a built site, and the headers that carry it.

Material emits a few small inline scripts (its ``__md_scope`` set-up, which
differs by page depth, the palette restore and the tab restore). A policy
without ``'unsafe-inline'`` has to list each one by its SHA-256 hash, so the
built HTML is scanned after every build and the headers are written for two
kinds of host: ``_headers`` for static hosts (Netlify, Cloudflare Pages) and an
``add_header`` snippet for nginx.

Plain Python: no MkDocs import, so it is testable on its own.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# <script type=...> values that the browser runs; anything else (JSON config,
# templates) is a data block that never executes and needs no hash.
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}

#: Features the guide never uses. Only features Chromium and Firefox recognise:
#: an unknown one makes Chromium log an error on every page.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)


class UnsafeMarkup(ValueError):
    """The built HTML holds something no hash can allow (an inline event handler)."""


def sha256_source(text: str) -> str:
    """The CSP hash-source for an inline script, style or style attribute."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@dataclass
class InlineCode:
    """Inline code found in one or more pages, as CSP hash-sources."""

    scripts: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)
    style_attributes: set[str] = field(default_factory=set)

    def update(self, other: InlineCode) -> None:
        self.scripts |= other.scripts
        self.styles |= other.styles
        self.style_attributes |= other.style_attributes


class _Scanner(HTMLParser):
    def __init__(self, where: str) -> None:
        super().__init__(convert_charrefs=False)
        self.where = where
        self.found = InlineCode()
        self._collecting: str | None = None  # "script" or "style" while inside one
        self._chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name, _ in attrs:
            if name.startswith("on"):
                line, _column = self.getpos()
                raise UnsafeMarkup(f"{self.where}:{line}: inline event handler '{name}' on <{tag}>")
        style = attributes.get("style")
        if style is not None:
            self.found.style_attributes.add(sha256_source(style))
        if tag == "script" and "src" not in attributes:
            kind = (attributes.get("type") or "").strip().lower()
            if kind in _SCRIPT_TYPES:
                self._start("script")
        elif tag == "style":
            self._start("style")

    def _start(self, kind: str) -> None:
        self._collecting = kind
        self._chunks = []

    def handle_data(self, data: str) -> None:
        if self._collecting:
            self._chunks.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._collecting and tag == self._collecting:
            source = sha256_source("".join(self._chunks))
            (self.found.scripts if tag == "script" else self.found.styles).add(source)
            self._collecting = None


def scan_html(html: str, where: str = "<html>") -> InlineCode:
    """Hash every inline script, style element and style attribute of one page."""
    scanner = _Scanner(where)
    scanner.feed(html)
    scanner.close()
    return scanner.found


def scan_site(site_dir: Path) -> InlineCode:
    """Hash the inline code of every HTML page under ``site_dir``."""
    found = InlineCode()
    for path in sorted(site_dir.rglob("*.html")):
        found.update(scan_html(path.read_text(encoding="utf-8"), str(path.relative_to(site_dir))))
    return found


def _sources(base: Iterable[str], hashes: Iterable[str]) -> str:
    return " ".join([*base, *sorted(hashes)])


def content_security_policy(found: InlineCode) -> str:
    """One policy for the whole site: same-origin files plus the hashed inline code."""
    script = ["'self'"]
    style = ["'self'"]
    if found.style_attributes:
        # Style attributes can only be allowed by hash together with this keyword.
        style.append("'unsafe-hashes'")
    directives = [
        "default-src 'none'",
        f"script-src {_sources(script, found.scripts)}",
        f"style-src {_sources(style, found.styles | found.style_attributes)}",
        # Material's admonition and list icons are data: SVG masks in its CSS.
        "img-src 'self' data:",
        "font-src 'self'",
        # Instant navigation and the search index are fetched from the site itself.
        "connect-src 'self'",
        # Search runs in a Web Worker loaded from the site.
        "worker-src 'self'",
        "manifest-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


def security_headers(found: InlineCode) -> list[tuple[str, str]]:
    """Every header the site should be served with, in a stable order."""
    return [
        ("Content-Security-Policy", content_security_policy(found)),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Permissions-Policy", PERMISSIONS_POLICY),
        # Older browsers that ignore frame-ancestors.
        ("X-Frame-Options", "DENY"),
    ]


def headers_file(headers: list[tuple[str, str]]) -> str:
    """The ``_headers`` file static hosts read at the root of what they publish."""
    lines = [
        "# Security headers for every page of the guide, generated at build time:",
        "# the policy lists the hashes of the theme's inline scripts.",
        "/*",
        *(f"  {name}: {value}" for name, value in headers),
    ]
    return "\n".join(lines) + "\n"


def nginx_snippet(headers: list[tuple[str, str]]) -> str:
    """``add_header`` lines for an nginx ``location`` serving the site.

    nginx drops inherited ``add_header`` directives in any block that sets its
    own, so include this in the innermost block that serves the guide.
    """
    lines = [
        "# Security headers for the guide, generated at build time.",
        "# Include inside the location that serves the site, then reload nginx",
        "# after each deploy: the policy lists hashes that change with the theme.",
        *(f'add_header {name} "{value}" always;' for name, value in headers),
    ]
    return "\n".join(lines) + "\n"
