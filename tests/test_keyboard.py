"""Keyboard reach of a block page's checklist and quiz, in a real Chromium (issue 16).

Before: a keyboard reader of Honesty pressed Tab 67 times (desktop) to reach the
first quiz question: every checklist item was three stops (the heading's "Put
it into practice" link, the box, its "Read:" link), every heading's permalink
one more, and the checklist's tools five. Now each item is one stop, its box;
the links that repeat a box or a table-of-contents entry stay links for the
mouse and for screen readers' link lists, out of the Tab order.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from guidegen.loader import load_guide
from tests.helpers import DOCS

HONESTY = "part-1/honesty/"

# What a Tab press lands on, as the test reports it.
STOP = """() => {
  const e = document.activeElement;
  return {
    tag: e.tagName, id: e.id, cls: e.className, text: (e.textContent || "").trim().slice(0, 60),
    here: e.tagName === "A" && e.pathname === location.pathname && !!e.hash,
    content: !!e.closest(".md-content"), quiz: !!e.closest(".gg-question"),
  };
}"""


def tab_to_first_question(page: object, limit: int = 120) -> list[dict]:
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")  # type: ignore[attr-defined]
        stop = page.evaluate(STOP)  # type: ignore[attr-defined]
        stops.append(stop)
        if stop["quiz"]:
            return stops
    raise AssertionError(f"no quiz question after {limit} Tab presses: {stops[-5:]}")


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 390, "height": 844}])
def test_the_first_question_of_honesty_is_a_few_tabs_away(browser: object, guide_url: str, viewport: dict) -> None:
    context = browser.new_context(viewport=viewport)  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(guide_url + HONESTY, wait_until="networkidle")
        stops = tab_to_first_question(page)
        content = [stop for stop in stops if stop["content"] and not stop["quiz"]]
        print(f"\n{viewport['width']}px: {len(stops)} Tab presses to the first question, {len(content)} in the page")
        boxes = [stop for stop in content if "gg-checklist__box" in stop["cls"]]
        assert len(boxes) == page.locator(".gg-checklist__box").count() > 0
        # One stop per item: nothing that repeats a box, a heading or a table-of-contents entry.
        repeats = [s for s in content if s["here"] or "gg-checklist__section" in s["cls"]]
        assert repeats == []
        # The tools: print, "with my ticks", all checklists (reset waits, disabled, until something is ticked).
        tools = [s["text"] for s in content if s["tag"] in ("A", "INPUT", "BUTTON") and s not in boxes]
        assert tools[-3:] == ["Print this checklist", "", "All checklists"]
        # 67 and 66 before; most of what is left is Material's navigation and table of contents, which
        # lists every page of the guide: 46 with 13 blocks, 54 and 53 with the 20 of issue 25 (the page's
        # own stops stayed at 13). So the bound grows with the guide's pages, not with the generator.
        pages = len(load_guide(DOCS).guide.blocks) + len(load_guide(DOCS).guide.parts)
        assert len(stops) <= 34 + pages, [s["text"] or s["id"] for s in stops]
    finally:
        context.close()


def test_the_repeated_links_still_work_with_a_mouse(page: object, guide_url: str) -> None:
    page.goto(guide_url + HONESTY, wait_until="networkidle")  # type: ignore[attr-defined]
    backlink = page.locator(".gg-backlink a").first  # type: ignore[attr-defined]
    backlink.click()
    expect(page.locator("#item-answer-plainly")).to_be_in_viewport()  # type: ignore[attr-defined]
    read = page.locator("#item-answer-plainly .gg-checklist__section")  # type: ignore[attr-defined]
    expect(read).to_have_attribute("tabindex", "-1")
    read.click()
    expect(page.locator("#transparency")).to_be_in_viewport()  # type: ignore[attr-defined]


def test_reset_is_disabled_until_something_is_ticked_and_undo_takes_the_focus(page: object, guide_url: str) -> None:
    page.goto(guide_url + HONESTY, wait_until="networkidle")  # type: ignore[attr-defined]
    section = page.locator("section.gg-checklist")  # type: ignore[attr-defined]
    reset = section.get_by_role("button", name="Reset this checklist")
    expect(reset).to_be_disabled()
    section.locator(".gg-checklist__box").first.check()
    expect(reset).to_be_enabled()
    reset.focus()
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    expect(section.locator(".gg-checklist__box").first).not_to_be_checked()
    expect(reset).to_be_disabled()
    undo = section.get_by_role("button", name="Undo reset")
    expect(undo).to_be_focused()
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    expect(section.locator(".gg-checklist__box").first).to_be_checked()
    expect(reset).to_be_focused()
    expect(undo).to_be_hidden()
