"""Accessibility gate: axe-core finds nothing on any page type, light or dark, before or after use.

Every page type of the shipped guide is checked in both colour schemes Material
offers (picked from the reader's system preference), once as loaded and once
after the reader has ticked a checklist item and answered a quiz question, so
the states our scripts add are checked too. Nothing is filtered: the theme's
own problems are fixed in theme/ (see theme/assets/guide/theme-fixes.css and
the partial overrides), not hidden.
"""

from __future__ import annotations

import pytest

from guidegen.loader import load_guide
from tests.axe import axe_violations
from tests.helpers import DOCS

SCHEMES = {"light": "default", "dark": "slate"}


def _page_types() -> dict[str, str]:
    """One page of every type, as paths under the site root, taken from the shipped guide."""
    guide = load_guide(DOCS).guide
    blocks = guide.blocks
    block_with_quiz = next((block for block in blocks if block.quiz), blocks[0])
    part = guide.parts[0]
    return {
        "home": "",
        "part": part.src_uri.removesuffix("index.md"),
        "block": block_with_quiz.src_uri.removesuffix(".md") + "/",
        "checklists": "checklists/",
        "sheet": f"checklists/{block_with_quiz.id}/",
        "quiz": "quiz/",
        "404": "404.html",
    }


PAGE_TYPES = _page_types()


def _open(page: object, url: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[attr-defined]
    page.goto(url)  # type: ignore[attr-defined]
    page.wait_for_load_state("load")  # type: ignore[attr-defined]
    shown = page.get_attribute("body", "data-md-color-scheme")  # type: ignore[attr-defined]
    assert shown == SCHEMES[scheme], f"expected the {SCHEMES[scheme]} palette for {scheme}, got {shown}"


def _assert_clean(page: object) -> None:
    violations = axe_violations(page)
    assert not violations, "axe-core found:\n" + "\n".join(violations)


def _interact(page: object) -> list[str]:
    """Tick the first checklist item and answer the first question, as a reader would.

    Returns what was done, so a page type that offers neither is visible in the test.
    """
    done = []
    box = page.locator("input[data-gg-item]").first  # type: ignore[attr-defined]
    if box.count():
        box.check()
        done.append("ticked an item")
    question = page.locator("form.gg-question").first  # type: ignore[attr-defined]
    if question.count():
        question.locator("input").first.check()
        # Opened before checking: once a question is answered, its "Show answer" is gone (issue 30).
        answer = question.locator("details")
        if answer.count():
            answer.locator("summary").click()
        question.locator("button.gg-question__check").click()
        done.append("answered a question")
    return done


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_no_axe_violations_as_loaded(page: object, guide_url: str, page_type: str, scheme: str) -> None:
    _open(page, guide_url + PAGE_TYPES[page_type], scheme)
    _assert_clean(page)


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize("page_type", ["block", "checklists", "sheet", "quiz"])
def test_no_axe_violations_after_use(page: object, guide_url: str, page_type: str, scheme: str) -> None:
    _open(page, guide_url + PAGE_TYPES[page_type], scheme)
    done = _interact(page)
    assert done, f"the {page_type} page offers nothing to tick or answer"
    _assert_clean(page)


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_no_axe_violations_with_the_drawer_and_search_open(page: object, guide_url: str, scheme: str) -> None:
    """Material's drawer and search dialog, as a phone reader opens them."""
    page.set_viewport_size({"width": 390, "height": 844})  # type: ignore[attr-defined]
    _open(page, guide_url + PAGE_TYPES["block"], scheme)
    page.locator(".md-header label[for=__drawer]").click()  # type: ignore[attr-defined]
    _assert_clean(page)
    page.reload()  # type: ignore[attr-defined]
    page.locator("label.md-header__button[for=__search]").click()  # type: ignore[attr-defined]
    page.keyboard.type("trust")  # type: ignore[attr-defined]  # Material listens to key events
    page.locator(".md-search-result__item").first.wait_for()  # type: ignore[attr-defined]
    _assert_clean(page)
