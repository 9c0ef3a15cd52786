"""Targets on a phone (issue 30, WCAG 2.2 2.5.8 Target Size (Minimum)), in a real Chromium.

tests/targets.js lists every link or control a reader can tap that is smaller than 24x24 CSS px
and not spaced (a 24px circle on its centre meets another target), with the exceptions 2.5.8
makes (a link in a sentence). On every page type of the shipped guide, as loaded and after
ticking an item and answering a question, the list is empty.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from guidegen.loader import load_guide
from tests.helpers import DOCS

PHONE = {"width": 390, "height": 844}
GUIDE = load_guide(DOCS).guide
FIRST = GUIDE.blocks[0]
TARGETS = (Path(__file__).parent / "targets.js").read_text(encoding="utf-8")
PAGES = {
    "home": "",
    "part": GUIDE.parts[0].src_uri.removesuffix("index.md"),
    "block": FIRST.src_uri.removesuffix(".md") + "/",
    "checklists": "checklists/",
    "quiz": "quiz/",
    "sheet": f"checklists/{FIRST.id}/",
    "help": GUIDE.settings.safety_page.removesuffix(".md") + "/",
}


@pytest.mark.parametrize("kind", list(PAGES))
def test_no_target_a_phone_reader_taps_is_under_24px(browser: object, guide_url: str, kind: str) -> None:
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(guide_url + PAGES[kind])
    assert page.evaluate(TARGETS) == [], "as loaded"
    box = page.locator("input[data-gg-item]").first
    if box.count():
        box.check()
    question = page.locator("form.gg-question").first
    if question.count():
        question.locator("input").first.check()
        question.locator(".gg-question__check").click()
    assert page.evaluate(TARGETS) == [], "after ticking and answering"
    context.close()
