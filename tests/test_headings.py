"""Sections are the headings the site's Markdown renders: inside admonitions, details and tabs too.

Text that only looks like a heading (in an HTML comment, a raw <div>) is no section.
scripts/check and the build find the same headings, because both render with the site's config.
"""

from __future__ import annotations

import re
from pathlib import Path

from guidegen.headings import HeadingFinder
from guidegen.siteconfig import markdown_config, site_markdown
from tests.helpers import MINI_GUIDE, ROOT, build, copy_guide
from tests.test_validation import check

BODY = """
# Pests

!!! note "Before you start"

    ## Inside a note

    Look closely.

??? tip "More"

    ## Inside details

    Every week.

=== "Spring"

    ## Inside a tab

    New leaves.

<!--
## Commented out
-->

<div class="aside">
## In raw HTML
</div>
"""

BLOCK = """\
---
title: Pests
summary: Keep pests away.
order: 10
checklist:
  - id: note
    text: Look under the leaves.
    section: {note}
  - id: details
    text: Look every week.
    section: inside-details
quiz:
  - id: best
    prompt: What works best?
    choices:
      - text: Looking often
        correct: true
      - text: Spraying everything
    explanation: Early signs are easy to handle.
    section: inside-a-tab
---
"""


def _guide(tmp_path: Path, note_section: str) -> Path:
    guide = copy_guide(MINI_GUIDE, tmp_path / "guide")
    (guide / "part-one" / "pests.md").write_text(BLOCK.format(note=note_section) + BODY, encoding="utf-8")
    return guide


def test_headings_are_the_rendered_ones() -> None:
    headings = HeadingFinder(*site_markdown())(BODY)
    assert [(h.id, h.title, h.level) for h in headings] == [
        ("pests", "Pests", 1),
        ("inside-a-note", "Inside a note", 2),
        ("inside-details", "Inside details", 2),
        ("inside-a-tab", "Inside a tab", 2),
    ]


def test_a_section_inside_an_admonition_details_and_a_tab_resolves(tmp_path: Path) -> None:
    guide = _guide(tmp_path, "inside-a-note")
    checked = check(tmp_path, "guide")
    assert checked.returncode == 0, checked.stdout
    site = build(tmp_path / "site", guide)
    assert site.returncode == 0, site.output
    html = (site.site_dir / "part-one" / "pests" / "index.html").read_text(encoding="utf-8")
    for heading_id, title in [("inside-a-note", "Inside a note"), ("inside-details", "Inside details")]:
        assert re.search(rf'<h2 id="{heading_id}">{title}', html), heading_id
        assert re.search(rf'href="#{heading_id}"[^>]*>Read: {title}</a>', html), heading_id
    # The heading links down to the item that puts it into practice, right where it is.
    after_note = html[html.index('id="inside-a-note"') :]
    link = re.search(r'<a href="#item-note"[^>]*>Put it into practice', after_note)
    assert link is not None and link.start() < after_note.index('id="inside-details"')


def test_a_heading_in_a_comment_or_raw_html_is_no_section_in_check_and_build_alike(tmp_path: Path) -> None:
    for section in ("commented-out", "in-raw-html"):
        guide = _guide(tmp_path / section, section)
        expected = (
            f"guide/part-one/pests.md:8:14: checklist['note'].section: no heading with id '{section}' in this block "
            "(known heading ids: pests, inside-a-note, inside-details, inside-a-tab)"
        )
        checked = check(tmp_path / section, "guide")
        assert checked.stdout.splitlines() == [expected, "1 problem in 1 file."]
        built = build(tmp_path / section / "site", guide)
        errors = [line.split("-  ", 1)[1] for line in built.output.splitlines() if line.startswith("ERROR")]
        assert errors[0] == expected.replace("guide/", f"{guide}/", 1)
        assert built.returncode == 1


def test_check_reads_the_markdown_configuration_mkdocs_reads() -> None:
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    names, options = markdown_config()
    assert names == config.markdown_extensions
    assert options == config.mdx_configs
