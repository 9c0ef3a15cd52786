"""Find the headings a block's body has once rendered, with the ids the page will give them.

The body is rendered with the site's own Markdown configuration and the
headings are read from what the toc extension found (``md.toc_tokens``), so a
``section`` names exactly the headings a reader can be sent to: headings inside
admonitions, collapsible details and content tabs count; text that only looks
like a heading (in an HTML comment, a raw ``<div>``, a code block) does not.
A line scan cannot know that without re-implementing Markdown.

The caller passes the ``markdown.Markdown`` instance (the hook builds it from
MkDocs' config, ``scripts/check`` from mkdocs.yml through ``guidegen.siteconfig``),
so this module never imports MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterable

import markdown

from guidegen.model import Heading

# Bodies already rendered, per Markdown configuration: `mkdocs serve` loads the hooks once and
# rebuilds on every save, so an unchanged block is not rendered a second time for its headings.
_CACHE: dict[tuple[str, str], list[Heading]] = {}
_CACHE_LIMIT = 20_000


class HeadingFinder:
    """Headings of Markdown bodies as the site renders them."""

    def __init__(self, md: markdown.Markdown, config_key: str = "") -> None:
        if "toc" not in md.treeprocessors:
            raise ValueError("the Markdown configuration needs the toc extension to give headings their ids")
        self.md = md
        # Bodies rendered under another configuration are not reused (it may slug headings differently).
        self.config_key = config_key or f"instance-{id(md)}"

    def __call__(self, body: str) -> list[Heading]:
        key = (self.config_key, body)
        found = _CACHE.get(key)
        if found is None:
            self.md.reset().convert(body)
            found = list(_flatten(getattr(self.md, "toc_tokens", [])))
            if len(_CACHE) >= _CACHE_LIMIT:
                _CACHE.clear()
            _CACHE[key] = found
        return list(found)


def _flatten(tokens: Iterable[dict[str, object]]) -> Iterable[Heading]:
    for token in tokens:
        yield Heading(str(token["id"]), str(token["name"]), int(token["level"]))  # type: ignore[call-overload]
        yield from _flatten(token.get("children") or [])  # type: ignore[arg-type]
