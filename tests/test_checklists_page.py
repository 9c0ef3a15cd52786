"""The checklists page of the real strict build: jump links to every block, by part, also in its table of contents."""

from __future__ import annotations

import re

from guidegen.i18n import load_catalog
from guidegen.loader import load_guide
from tests.helpers import DOCS, MINI_GUIDE, BuildResult, attribute_values


def _expected(docs: object) -> list[str]:
    guide = load_guide(docs).guide  # type: ignore[arg-type]
    return [anchor for part in guide.parts for anchor in [f"part-{part.number}", *(b.id for b in part.blocks)]]


def _check(site: BuildResult, docs: object) -> None:
    html = (site.site_dir / "checklists" / "index.html").read_text(encoding="utf-8")
    expected = _expected(docs)
    blocks = [anchor for anchor in expected if not anchor.startswith("part-")]
    jump = re.search(r'<nav class="gg-jump" aria-label="([^"]+)">(.*?)</nav>', html, re.S)
    guide = load_guide(docs).guide  # type: ignore[arg-type]
    label = load_catalog("en", guide.settings.strings).text("checklists.jump_label")  # the guide's own words
    assert jump and jump.group(1) == label
    assert [href.split("#")[-1] for href in attribute_values(jump.group(2), "href")] == blocks
    for anchor in expected:
        assert f'id="{anchor}"' in html
    toc = html.split('class="md-nav md-nav--secondary"')[-1].split("</nav>\n</div>")[0]
    assert [href.lstrip("#") for href in attribute_values(toc, "href") if href.startswith("#")][
        : len(expected)
    ] == expected


def test_checklists_page_jumps_to_every_block(guide_site: BuildResult, mini_site: BuildResult) -> None:
    _check(guide_site, DOCS)
    _check(mini_site, MINI_GUIDE)
