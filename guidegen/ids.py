"""The HTML ids the generator gives its own elements, so content can never take one.

Two pages put author-chosen ids next to generated ones: the checklists and quiz
pages (one section per block, with the block's id) and block pages (the body's
headings). Ids made of two author ids are joined with "--", which no block or
item id can hold (ids are slugs: single hyphens only), so they cannot clash.
What is left is this short list of fixed ids, which the loader refuses as block
ids and heading ids. Keep it in step with guidegen/templates/.
"""

from __future__ import annotations

import re

#: Fixed ids on the checklists page (checklists.html) and the quiz page (quiz_page.html).
CHECKLISTS_PAGE_IDS = frozenset({"your-checklists", "move-your-progress", "gg-import"})
QUIZ_PAGE_IDS = frozenset({"check-your-understanding", "gg-answer-key"})
#: Fixed ids on a block page (block.html), and the items' own "item-<item id>".
BLOCK_PAGE_IDS = frozenset({"your-checklist", "check-your-understanding", "gg-print-ticks"})
#: The checklists page's part sections, "part-<number>".
PART_SECTION_ID = re.compile(r"^part-[0-9]+$")
#: Prefixes the generator ("gg-") and Material ("__", its drawer, search and toc toggles) keep for themselves.
RESERVED_PREFIXES = ("gg-", "__")


def block_id_clash(block_id: str) -> str | None:
    """Which generated page already uses ``block_id`` as an id, in words; None if free."""
    if block_id in CHECKLISTS_PAGE_IDS or PART_SECTION_ID.match(block_id):
        return "the checklists page"
    if block_id in QUIZ_PAGE_IDS:
        return "the quiz page"
    if block_id.startswith(RESERVED_PREFIXES):
        return "the generator's own elements"
    return None


def heading_id_clash(heading_id: str, item_ids: list[str]) -> str | None:
    """What on a block page already has ``heading_id``, in words; None if free."""
    if heading_id in BLOCK_PAGE_IDS:
        return "a section the generator adds to every block page"
    if heading_id.startswith("item-") and heading_id[len("item-") :] in item_ids:
        return f"the checklist item '{heading_id[len('item-') :]}'"
    if heading_id.startswith(RESERVED_PREFIXES):
        return "the generator's and the theme's own elements"
    return None
