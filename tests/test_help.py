"""Help one tap away (issue 30), in a real Chromium on the shipped guide.

When a guide names its safety page (``guide.safety_page``), every page type offers it in the
same place, the header: a "Get help" link (``help.link``) that stays in reach on a phone and a
desktop after scrolling, without covering content, and works without JavaScript. The danger
callout has its own look, and a frightened reader's words find the help page first in search.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from guidegen.i18n import load_catalog
from guidegen.loader import load_guide
from tests.helpers import DOCS

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
GUIDE = load_guide(DOCS).guide
WORDS = load_catalog("en", GUIDE.settings.strings)
HELP_PAGE = GUIDE.settings.safety_page.removesuffix(".md") + "/"
FIRST = GUIDE.blocks[0]
#: One page of every type: home, part, block, the generated checklists and quiz pages, a sheet.
PAGES = {
    "home": "",
    "part": GUIDE.parts[0].src_uri.removesuffix("index.md"),
    "block": FIRST.src_uri.removesuffix(".md") + "/",
    "checklists": "checklists/",
    "quiz": "quiz/",
    "sheet": f"checklists/{FIRST.id}/",
}


def _help(page: object) -> object:
    return page.locator("header a.gg-help")  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", list(PAGES))
def test_on_a_phone_every_page_type_is_one_tap_from_the_help_page(browser: object, guide_url: str, kind: str) -> None:
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(guide_url + PAGES[kind])
    link = _help(page)
    expect(link).to_have_count(1)
    expect(link).to_have_text(WORDS.text("help.link"))
    # Far down the page, it is still in the first screen, at least 24px each way, and covers no content:
    # it sits in the header, which is beside the content (its box ends where the content's begins).
    page.mouse.wheel(0, 6000)
    page.wait_for_timeout(300)
    box = link.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box
    assert box["width"] >= 24 and box["height"] >= 24, box
    header = page.locator("header.md-header").bounding_box()
    assert box["y"] + box["height"] <= header["y"] + header["height"], (box, header)
    assert page.evaluate(
        "([x, y]) => !!document.elementFromPoint(x, y).closest('a.gg-help')",
        [
            box["x"] + box["width"] / 2,
            box["y"] + box["height"] / 2,
        ],
    ), "something covers the help link"
    link.tap()
    page.wait_for_url(guide_url + HELP_PAGE)
    expect(page.locator("h1").first).to_contain_text(GUIDE.settings.safety_title)
    context.close()


@pytest.mark.parametrize("kind", ["checklists", "quiz"])
def test_on_a_desktop_the_help_link_is_in_view_after_scrolling(browser: object, guide_url: str, kind: str) -> None:
    context = browser.new_context(viewport=DESKTOP)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(guide_url + PAGES[kind])
    page.mouse.wheel(0, 8000)
    page.wait_for_timeout(300)
    expect(_help(page)).to_be_in_viewport()
    _help(page).click()
    page.wait_for_url(guide_url + HELP_PAGE)
    context.close()


def test_without_javascript_the_help_link_is_a_plain_link(browser: object, guide_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(guide_url + PAGES["quiz"])
    _help(page).click()
    page.wait_for_url(guide_url + HELP_PAGE)
    context.close()


def test_a_guide_without_a_safety_page_has_no_help_link(tmp_path: object) -> None:
    import shutil

    from tests.helpers import MINI_GUIDE, build

    docs = tmp_path / "docs"  # type: ignore[operator]
    shutil.copytree(MINI_GUIDE, docs)
    index = docs / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("  safety_page: safety.md\n", ""), encoding="utf-8")
    result = build(tmp_path / "site", docs)  # type: ignore[operator]
    assert result.returncode == 0, result.output
    assert "gg-help" not in (result.site_dir / "index.html").read_text(encoding="utf-8")


def test_the_danger_callout_stands_apart_from_every_other_note(browser: object, guide_url: str) -> None:
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport=PHONE, color_scheme=scheme)  # type: ignore[attr-defined]
        page = context.new_page()
        page.goto(guide_url)  # the home page has the danger callout and a warning under it
        style = "n => [getComputedStyle(n).borderTopWidth, getComputedStyle(n).backgroundColor]"
        danger = page.locator(".md-typeset .admonition.danger").first.evaluate(style)
        warning = page.locator(".md-typeset .admonition.warning").first.evaluate(style)
        assert danger[0] != "0px" and warning[0] == "0px", (danger, warning)  # framed all round
        assert danger[1] != warning[1], (danger, warning)  # its own ground
        context.close()


@pytest.mark.parametrize("query", ["suicide", "crisis", "self-harm", "emergency"])
def test_a_frightened_readers_words_find_the_help_page_first(page: object, guide_url: str, query: str) -> None:
    page.goto(guide_url + PAGES["block"])  # type: ignore[attr-defined]
    page.locator("input.md-search__input").click()  # type: ignore[attr-defined]
    page.locator("input.md-search__input").press_sequentially(query)  # type: ignore[attr-defined]  (Material reads keys)
    first = page.locator(".md-search-result__item > a").first  # type: ignore[attr-defined]
    expect(first).to_have_attribute("href", re.compile("^" + re.escape(f"{guide_url}{HELP_PAGE}?")), timeout=10000)
