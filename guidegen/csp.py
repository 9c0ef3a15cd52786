"""A strict Content-Security-Policy for a built site, and the headers that carry it.

Material emits a few small inline scripts (its ``__md_scope`` set-up, which
differs by page depth, the palette restore and the tab restore). A policy
without ``'unsafe-inline'`` has to list each one by its SHA-256 hash, so the
built HTML is scanned after every build and the headers are written for the
hosts that read them: ``_headers`` for static hosts (Netlify, Cloudflare Pages),
an ``add_header`` snippet for nginx, an ``.htaccess`` for Apache and a snippet
for Caddy. Hosts that send no headers of their own (GitHub Pages, GitLab Pages,
buckets, ``file://``) get the same policy from each page's own
``<meta http-equiv="Content-Security-Policy">``, less what a ``<meta>`` cannot carry.

Plain Python: no MkDocs import, so it is testable on its own.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

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


# Finding what matters without tokenizing every tag (issue 9: html.parser took a
# third of a 100-block build, and pages grow with the navigation). Candidate
# places are found with fast literal searches in a lower-cased copy -- "<script",
# "<style", "on...=", "style=" and the hints of unsafe markup -- and only the
# start tag around each is parsed, exactly: quoted attribute values (which may
# hold ">"), values unescaped and names lower-cased as html.parser does.
# Comments and the text of scripts and styles are skipped. Every search ignores
# case: the browser does, so <SCRIPT> and ONERROR are what they look like.
_START_TAG = re.compile(r"""<([a-zA-Z][^\s/>]*)((?:[^>"']++|"[^"]*+"|'[^']*+')*+)>""")
_ATTRIBUTE_HINT = re.compile(
    r"on[\w-]*\s*=|style\s*=|srcdoc|script:|data:|http-equiv|&#|&colon;|<(?:iframe|frame|object|embed|base|applet)\b"
)
_ATTRIBUTE = re.compile(r"""([^\s/>"'=][^\s/>=]*)(?:\s*=+\s*("[^"]*"|'[^']*'|[^\s>]*))?""")
_RAW_END = {"script": "</script", "style": "</style"}
_TAG_NAME_END = frozenset(" \t\n\r\f/>")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)

#: Elements that run or embed code or another document, or change where links go.
UNSAFE_ELEMENTS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"})
#: Attributes holding a URL, and the schemes in them that run code.
_URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite", "ping", "srcset"}
)
_CODE_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:image/svg+xml", "data:application/")
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")


def _attributes(text: str) -> list[tuple[str, str | None]]:
    found = []
    for match in _ATTRIBUTE.finditer(text):
        value = match.group(2)
        if value is not None:
            if value[:1] in {'"', "'"}:
                value = value[1:-1]
            value = html.unescape(value)
        found.append((match.group(1).lower(), value))
    return found


def unsafe_in_tag(
    tag: str, attrs: list[tuple[str, str | None]], *, scripts_allowed: bool = False
) -> tuple[str, str] | None:
    """What in one start tag could run code, in words, and the word to find it by; None if nothing."""
    for name, value in attrs:
        if name.startswith("on"):
            return f"inline event handler '{name}' on <{tag}>", name
        if name == "srcdoc":
            return f"'srcdoc' document on <{tag}>", name
        if name in _URL_ATTRIBUTES and value:
            url = _IGNORED_IN_URL.sub("", value).lower()
            scheme = next((s for s in _CODE_SCHEMES if url.startswith(s)), None)
            if scheme:
                return f"'{scheme}' URL in '{name}' on <{tag}>", name
        if tag == "meta" and name == "http-equiv":
            if scripts_allowed and (value or "").strip().lower() == "content-security-policy":
                continue  # the generator's own policy in a built page: a policy can only forbid more
            return "<meta http-equiv> (it can redirect the page)", name
    if tag in UNSAFE_ELEMENTS and not (scripts_allowed and tag == "script"):
        return f"<{tag}> element", "<" + tag
    return None


@dataclass(frozen=True)
class UnsafeFinding:
    offset: int  # where the tag starts in the text scanned
    end: int  # where it ends
    what: str
    token: str  # the attribute or "<tag" to look for in the source


def find_unsafe_markup(text: str) -> list[UnsafeFinding]:
    """Every place in some HTML (or Markdown with HTML in it) where markup would run code.

    Used on what authors write: a page's body and its rendered content. Comments
    are skipped (a browser does not run them); everything else counts, in any case.
    """
    blanked = _COMMENT.sub(lambda match: " " * len(match.group()), text) if "<!--" in text else text
    found = []
    for match in _START_TAG.finditer(blanked):
        unsafe = unsafe_in_tag(match.group(1).lower(), _attributes(match.group(2)))
        if unsafe:
            found.append(UnsafeFinding(match.start(), match.end(), *unsafe))
    return found


def source_line(source: str, token: str) -> int:
    """The 1-based line of ``source`` where ``token`` first appears (any case); 1 if nowhere."""
    index = source.lower().find(token.lower())
    return source.count("\n", 0, index) + 1 if index != -1 else 1


def neutralize(text: str, findings: list[UnsafeFinding]) -> str:
    """The HTML with each unsafe start tag shown as text instead (for `mkdocs serve`, which goes on)."""
    for finding in sorted(findings, key=lambda f: f.offset, reverse=True):
        shown = html.escape(text[finding.offset : finding.end])
        text = text[: finding.offset] + shown + text[finding.end :]
    return text


def _find_all(text: str, needle: str) -> list[int]:
    found, index = [], text.find(needle)
    while index != -1:
        found.append(index)
        index = text.find(needle, index + 1)
    return found


def _candidates(lowered: str) -> list[int]:
    """Where start tags that may matter begin, in document order."""
    starts = set()
    for name in _RAW_END:
        after = len(name) + 1
        starts.update(i for i in _find_all(lowered, "<" + name) if lowered[i + after : i + after + 1] in _TAG_NAME_END)
    for hint in _ATTRIBUTE_HINT.finditer(lowered):
        start = lowered.rfind("<", 0, hint.start() + 1)
        if start != -1:
            starts.add(start)
    return sorted(starts)


def scan_html(text: str, where: str = "<html>") -> InlineCode:
    """Hash every inline script, style element and style attribute of one page.

    Raises UnsafeMarkup for what no hash can allow: an inline event handler, a
    script URL, an embedded document.
    """
    found = InlineCode()
    lowered = text.lower()
    skip_to = 0  # the end of the last comment, script or style text passed
    comments = _find_all(text, "<!--")
    for start in _candidates(lowered):
        if start < skip_to:
            continue
        # Inside a comment? Comments open before the tag and close after it.
        opened = [c for c in comments if c < start]
        if opened and text.find("-->", opened[-1] + 4) > start:
            continue
        match = _START_TAG.match(text, start)
        if match is None:
            continue
        tag = match.group(1).lower()
        attrs = _attributes(match.group(2))
        unsafe = unsafe_in_tag(tag, attrs, scripts_allowed=True)
        if unsafe:
            line = text.count("\n", 0, start) + 1
            raise UnsafeMarkup(f"{where}:{line}: {unsafe[0]}")
        for name, value in attrs:
            if name == "style" and value is not None:
                found.style_attributes.add(sha256_source(value))
        if tag in _RAW_END:
            content_start = match.end()
            end = lowered.find(_RAW_END[tag], content_start)
            content_end = end if end != -1 else len(text)
            attributes = dict(attrs)
            kind = (attributes.get("type") or "").strip().lower()
            if tag == "style":
                found.styles.add(sha256_source(text[content_start:content_end]))
            elif "src" not in attributes and kind in _SCRIPT_TYPES:
                found.scripts.add(sha256_source(text[content_start:content_end]))
            skip_to = content_end
    return found


# Pages already scanned, by path, with the file's identity then (inode, size, modification time in ns):
# under `guidegen serve` a save rewrites a few pages and the scan reads only those (issue 24).
_SCANNED: dict[str, tuple[tuple[int, int, int], InlineCode]] = {}
# And by content: a whole rebuild writes the same pages again (a page that raised is never kept).
_SCANNED_TEXTS: dict[bytes, InlineCode] = {}


def scan_site(site_dir: Path, known: dict[str, InlineCode] | None = None) -> InlineCode:
    """Hash the inline code of every HTML page under ``site_dir``.

    ``known``: pages already scanned as they were written (by absolute path), not read again."""
    found = InlineCode()
    for path in sorted(site_dir.rglob("*.html")):
        if known and os.path.abspath(path) in known:
            found.update(known[os.path.abspath(path)])
            continue
        stat = path.stat()
        identity = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
        cached = _SCANNED.get(str(path))
        if cached is not None and cached[0] == identity:
            found.update(cached[1])
            continue
        text = path.read_text(encoding="utf-8")
        page = scan_text(text, str(path.relative_to(site_dir)))
        _SCANNED[str(path)] = (identity, page)
        found.update(page)
    return found


def scan_text(text: str, where: str) -> InlineCode:
    """``scan_html``, kept by the page's content: a whole rebuild writes the same pages again."""
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    page = _SCANNED_TEXTS.get(digest)
    if page is None:
        page = scan_html(text, where)  # raises for unsafe markup: never kept
        if len(_SCANNED_TEXTS) >= 50_000:
            _SCANNED_TEXTS.clear()
        _SCANNED_TEXTS[digest] = page
    return page


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


def error_page_path(site_url: str) -> str:
    """The 404 page's address from the host's root: under the site URL's folder, else at the root."""
    folder = urlsplit(site_url).path if site_url else ""
    return (folder.rstrip("/") or "") + "/404.html"


def htaccess(headers: list[tuple[str, str]], site_url: str = "") -> str:
    """An Apache ``.htaccess`` for the site's folder: mod_headers lines and the 404 page.

    No ``<IfModule>`` around the headers: without mod_headers Apache answers 500
    instead of serving the guide without its policy. Both directives need
    ``AllowOverride FileInfo`` for the folder.
    """
    lines = [
        "# Security headers and the 404 page for the guide, generated at build time (Apache 2.4).",
        "# Needs mod_headers (a2enmod headers) and AllowOverride FileInfo for this folder; Apache",
        "# reads this file on every request, so a deploy needs no reload.",
        *(f'Header always set {name} "{value}"' for name, value in headers),
        f"ErrorDocument 404 {error_page_path(site_url)}",
    ]
    return "\n".join(lines) + "\n"


def caddy_snippet(headers: list[tuple[str, str]]) -> str:
    """A ``header`` block for Caddy 2, to ``import`` where the guide is served (and in ``handle_errors``)."""
    lines = [
        "# Security headers for the guide, generated at build time. Import it in the site block that",
        "# serves the guide and in its handle_errors, then reload Caddy after each deploy: the policy",
        "# lists hashes that change with the theme.",
        "header {",
        *(f'\t{name} "{value}"' for name, value in headers),
        "}",
    ]
    return "\n".join(lines) + "\n"


#: The files the headers are written to, for each kind of host, and what writes each.
HEADER_FILES: dict[str, Callable[[list[tuple[str, str]], str], str]] = {
    "_headers": lambda headers, site_url: headers_file(headers),
    "_nginx-headers.conf": lambda headers, site_url: nginx_snippet(headers),
    ".htaccess": htaccess,
    "_caddy-headers.conf": lambda headers, site_url: caddy_snippet(headers),
}


def write_header_files(site_dir: Path, headers: list[tuple[str, str]], site_url: str = "") -> list[str]:
    """Write every host's file of the same headers into ``site_dir``; returns their names."""
    for name, write in HEADER_FILES.items():
        (site_dir / name).write_text(write(headers, site_url), encoding="utf-8")
    return list(HEADER_FILES)


# -- the policy in the page, for hosts that send no headers -------------------

#: Directives a ``<meta http-equiv>`` policy cannot carry: browsers ignore them there (CSP3, 3.3).
#: Only ``frame-ancestors`` is in the generator's policy; the others are named so that none slips in.
META_IGNORED = ("frame-ancestors", "report-uri", "report-to", "sandbox")

#: Said once per build that writes the meta policy.
META_NOTE = (
    'Every page also carries the policy in <meta http-equiv="Content-Security-Policy">, for hosts that send '
    "no headers (GitHub Pages, GitLab Pages, buckets, file://). A <meta> policy cannot carry frame-ancestors: "
    "only a host that sends the headers keeps other sites from framing the guide."
)

#: Why the offline edition carries no policy at all (no header reaches file://, and no <meta> either).
OFFLINE_NOTE = (
    "The offline edition carries no Content-Security-Policy: its search runs in an iframe that the "
    "iframe-worker shim writes with an inline script naming the worker's file:// address, which depends on "
    "where the zip is unpacked, so no hash can allow it and a <meta> policy would stop search."
)

_META_CHARSET = re.compile(r"<meta\s+charset\s*=\s*[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
_OWN_META = re.compile(r"<meta http-equiv=\"?Content-Security-Policy\"? content=\"[^\"]*\">")


def meta_policy(policy: str) -> str:
    """The header's policy without the directives a ``<meta>`` cannot carry."""
    kept = [part for part in policy.split("; ") if part.split(" ", 1)[0] not in META_IGNORED]
    return "; ".join(kept)


def meta_tag(policy: str) -> str:
    """The ``<meta>`` element carrying ``policy`` (quotes kept as they are: the value holds only ``'``)."""
    value = html.escape(meta_policy(policy), quote=False).replace('"', "&quot;")
    return f'<meta http-equiv="Content-Security-Policy" content="{value}">'


def with_meta_policy(page: str, tag: str) -> str:
    """``page`` with ``tag`` right after ``<meta charset>`` (else right after ``<head>``).

    A ``<meta>`` policy only governs what comes after it, and nothing before the
    charset declaration loads or runs; the charset must stay in the first 1024
    bytes, so the policy goes after it. A page that has one already gets it replaced.
    """
    page = _OWN_META.sub("", page, count=1)
    anchor = _META_CHARSET.search(page) or _HEAD.search(page)
    if anchor is None:
        return page  # not a page with a head (a fragment): nothing of it runs on its own
    return page[: anchor.end()] + tag + page[anchor.end() :]


def add_meta_policy(site_dir: Path, policy: str, done: Iterable[str] = ()) -> int:
    """Write the policy into every HTML page under ``site_dir``; returns how many pages.

    ``done``: pages (by path) written with this very policy already, not read again."""
    tag = meta_tag(policy)
    count = 0
    skip = {os.path.abspath(path) for path in done}
    for path in sorted(site_dir.rglob("*.html")):
        if os.path.abspath(path) in skip:
            continue
        text = path.read_text(encoding="utf-8")
        changed = with_meta_policy(text, tag)
        if changed != text:
            path.write_text(changed, encoding="utf-8")
            count += 1
    return count
