"""The generated sections are in a block page's table of contents, and Material's scroll spy follows them (issue 16).

"Your checklist" and "Check your understanding" are added to the page's
table of contents by the hook (hooks/guide.py), as h2 entries beside the
article's own headings, not under the h1; scrolling to them highlights them,
not the article's last heading.
"""

from __future__ import annotations

import pytest

LINKS = "[...document.querySelectorAll('.md-sidebar--secondary .md-nav__link{}')]"
ACTIVE = LINKS.format("--active") + ".map(a => a.hash.slice(1))"
ENTRIES = LINKS.format("") + ".map(a => [a.hash.slice(1), a.textContent.trim()])"


@pytest.mark.parametrize(("site", "path"), [("guide", "part-1/honesty/"), ("mini", "part-one/watering/")])
def test_checklist_and_quiz_are_in_the_toc_and_highlighted_when_read(
    browser: object, guide_url: str, mini_url: str, site: str, path: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto({"guide": guide_url, "mini": mini_url}[site] + path, wait_until="networkidle")
        entries = page.evaluate(ENTRIES)
        assert entries[-2:] == [
            ["your-checklist", "Your checklist"],
            ["check-your-understanding", "Check your understanding"],
        ]
        assert len(entries) > 2, "the article's own headings come first"
        # Top-level entries, as visible as the article's headings (not nested under the h1).
        assert page.locator(
            ".md-sidebar--secondary .md-nav__list > .md-nav__item > a[href$='#your-checklist']"
        ).is_visible()
        # Predicates as functions: a bare expression is run with eval, which every page's own policy refuses.
        for anchor in ("your-checklist", "check-your-understanding"):
            page.evaluate(f"document.getElementById('{anchor}').scrollIntoView()")
            page.wait_for_function(f"() => {ACTIVE}.join() === '{anchor}'", timeout=5000)
        article_last = entries[-3][0]
        page.evaluate(f"document.getElementById('{article_last}').scrollIntoView()")
        page.wait_for_function(f"() => {ACTIVE}.join() === '{article_last}'", timeout=5000)
    finally:
        context.close()
