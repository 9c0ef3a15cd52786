"""Search finds content, not controls (issue 16), read from the search index Material's plugin writes.

Material's search plugin indexes each page's rendered HTML by section and
skips elements marked ``data-search-exclude``. Checklist items are content and
are found on their block page; progress counts, scores, tools, the items'
"Read:" links, the headings' backlinks and the notes every block repeats
(related blocks, the safety note) are not.
"""

from __future__ import annotations

import json
import re

from guidegen.i18n import load_catalog
from guidegen.loader import load_guide
from tests.helpers import DOCS, MINI_GUIDE, BuildResult

EN = load_catalog("en")


def _docs(site: BuildResult) -> list[dict]:
    return json.loads((site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def _controls(catalog: object = EN) -> list[str]:
    """The words of every control and count the generator adds around content, as in the catalog."""
    phrases = [
        catalog.text(key)
        for key in ("checklist.reset", "checklist.undo", "print.button", "print.with_ticks", "block.all_checklists")
    ]
    phrases += [
        catalog.text("card.checklist_label"),
        catalog.text("quiz.score_label"),
        catalog.text("block.related_heading"),
    ]
    # The fixed start of sentences with a placeholder: "Put it into practice: ", "Read: ", "Not every situation ...".
    for key in ("checklist.read", "block.safety", "block.next"):
        phrases.append(catalog.text(key, title="\0", link="\0").split("\0")[0])
    phrases.append(catalog.text("block.backlink", count=2))
    return phrases


COUNTS = re.compile(r"\b\d+ (items?|questions?)\b|\b\d+ of \d+ done\b")


def _assert_no_controls(site: BuildResult, catalog: object = EN) -> None:
    found = []
    for doc in _docs(site):
        text = doc["title"] + " " + doc["text"]
        found += [(doc["location"], phrase) for phrase in _controls(catalog) if phrase in text]
        found += [(doc["location"], match.group(0)) for match in COUNTS.finditer(text)]
    assert found == []


def test_the_index_holds_no_controls_or_counts(guide_site: BuildResult, mini_site: BuildResult) -> None:
    # The shipped guide says "chapters" (guide.strings in docs/index.md): its own words are the controls there.
    _assert_no_controls(guide_site, load_catalog("en", load_guide(DOCS).guide.settings.strings))
    _assert_no_controls(mini_site)


def test_checklist_items_are_found_on_their_block_page_only(guide_site: BuildResult) -> None:
    docs = _docs(guide_site)
    guide = load_guide(DOCS).guide
    for block in guide.blocks:
        url = block.src_uri.removesuffix(".md") + "/#your-checklist"
        entry = next(doc for doc in docs if doc["location"] == url)
        assert entry["title"] == EN.text("block.checklist_heading")
        # Plain-text items (most of them) read exactly as written.
        for item in block.checklist:
            if re.fullmatch(r"[^*_`\[\]<>&]+", item.text):
                hits = [doc["location"] for doc in docs if item.text.strip() in doc["text"]]
                # Here, and nowhere else in the guide (the generated pages are not indexed); the text may quote it.
                assert url in hits and all(hit.startswith(url.split("#")[0] + "#") for hit in hits), item.text


def test_no_generated_section_is_indexed_empty(guide_site: BuildResult, mini_site: BuildResult) -> None:
    generated = ("#your-checklist", "#check-your-understanding", "#gg-related-")
    for site in (guide_site, mini_site):
        found = [doc for doc in _docs(site) if any(anchor in doc["location"] for anchor in generated)]
        assert [doc["location"] for doc in found if not doc["text"].strip()] == []
        assert {doc["location"].split("#")[1] for doc in found} == {"your-checklist"}


def test_the_mini_guide_checklist_is_found_too(mini_site: BuildResult) -> None:
    guide = load_guide(MINI_GUIDE).guide
    texts = " ".join(doc["text"] for doc in _docs(mini_site))
    assert all(
        item.text.replace("**", "") in re.sub(r"</?strong>", "", texts) for b in guide.blocks for item in b.checklist
    )
