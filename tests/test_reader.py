"""The reader's path (issue 16) in a real Chromium: the home page starts the reader, a returning
reader continues where they left off, every block shows its reading time, and nothing shifts.

Built from the shipped guide; the expected blocks, titles and minutes come from its own model.
"""

from __future__ import annotations

import re
from html import unescape as html_unescape
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from guidegen.i18n import load_catalog
from guidegen.loader import load_guide
from tests.helpers import DOCS, MINI_GUIDE, BuildResult

PHONE = {"width": 390, "height": 844}
GUIDE = load_guide(DOCS).guide
FIRST, SECOND = GUIDE.blocks[0], GUIDE.blocks[1]
EN = load_catalog("en")
#: The words this guide shows: the catalog with the guide's own strings (it calls blocks "chapters").
WORDS = load_catalog("en", GUIDE.settings.strings)

# Sums every layout shift not caused by input, from the first paint on (Chromium's Layout Instability API).
CLS_OBSERVER = """
window.ggShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.ggShifts.push(entry.value);
}).observe({type: "layout-shift", buffered: true});
"""


def _url(block_src_uri: str) -> str:
    return block_src_uri.removesuffix(".md") + "/"


def _status(ticked: int, answered: int, started: int, done: int) -> str:
    """The home page's progress in words: what the reader did, then the blocks started and done."""
    did = WORDS.text(
        "js.home.did",
        items=WORDS.text("js.transfer.items", count=ticked),
        answers=WORDS.text("js.transfer.answers", count=answered),
    )
    return did + " " + WORDS.text("js.home.blocks", count=len(GUIDE.blocks), started=started, done=done)


def _action(page: object) -> object:
    return page.locator(".gg-hero__action")  # type: ignore[attr-defined]


def _tick_every_item(page: object, base: str, block_src_uri: str) -> None:
    page.goto(base + _url(block_src_uri))  # type: ignore[attr-defined]
    boxes = page.locator(".gg-checklist input[data-gg-item]")  # type: ignore[attr-defined]
    for index in range(boxes.count()):
        boxes.nth(index).check()


def test_the_home_page_starts_with_the_first_block_in_the_first_screen_of_a_phone(
    browser: object, guide_url: str
) -> None:
    context = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(guide_url)
    action = _action(page)
    expect(action).to_have_text(EN.text("home.start", title=FIRST.title))
    box = action.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box
    # The safety note comes before any advice: right under the hero, at body size or larger.
    note = page.locator(".md-typeset .admonition").first
    assert note.evaluate("n => n.compareDocumentPosition(document.querySelector('.gg-series')) & 4"), (
        "note after series"
    )
    body = float(page.locator(".md-typeset > p").first.evaluate("p => parseFloat(getComputedStyle(p).fontSize)"))
    size = float(
        note.locator("p:not(.admonition-title)").first.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
    )
    assert size >= body >= 16, (size, body)
    action.click()
    page.wait_for_url(guide_url + _url(FIRST.src_uri))
    expect(page.locator("h1")).to_have_text(re.compile(re.escape(FIRST.title)))
    context.close()


def test_after_the_first_block_is_done_the_home_page_continues_with_the_second(page: object, guide_url: str) -> None:
    _tick_every_item(page, guide_url, FIRST.src_uri)
    page.goto(guide_url)  # type: ignore[attr-defined]
    action = _action(page)
    expect(action).to_have_text(EN.text("js.home.continue", title=SECOND.title))
    assert urljoin(guide_url, action.get_attribute("href")) == guide_url + _url(SECOND.src_uri) + (
        f"#item-{SECOND.checklist[0].id}"
    )
    status = page.locator(".gg-hero__status")  # type: ignore[attr-defined]
    expect(status).to_have_text(_status(ticked=len(FIRST.checklist), answered=0, started=1, done=1))
    action.click()
    page.wait_for_url(guide_url + _url(SECOND.src_uri) + f"#item-{SECOND.checklist[0].id}")  # type: ignore[attr-defined]


def test_a_returning_reader_with_one_tick_continues_where_they_are(page: object, guide_url: str) -> None:
    page.goto(guide_url + _url(FIRST.src_uri))  # type: ignore[attr-defined]
    page.locator(".gg-checklist input[data-gg-item]").first.check()  # type: ignore[attr-defined]
    page.goto(guide_url)  # type: ignore[attr-defined]
    expect(_action(page)).to_have_text(EN.text("js.home.continue", title=FIRST.title))
    # Continue goes to the reader's place: the next unticked item, not the top of the block.
    href = urljoin(guide_url, _action(page).get_attribute("href"))
    assert href == guide_url + _url(FIRST.src_uri) + f"#item-{FIRST.checklist[1].id}"
    expect(page.locator(".gg-hero__status")).to_have_text(_status(ticked=1, answered=0, started=1, done=0))  # type: ignore[attr-defined]


def test_after_two_ticks_and_two_answers_the_home_says_so_and_continue_lands_on_the_next_item(
    browser: object, guide_url: str
) -> None:
    context = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(guide_url + _url(FIRST.src_uri))
    boxes = page.locator(".gg-checklist input[data-gg-item]")
    boxes.nth(0).check()
    boxes.nth(2).check()
    for form in page.locator("form.gg-question").all()[:2]:
        form.locator("input").first.check()
        form.locator(".gg-question__check").click()
    page.goto(guide_url)
    expect(page.locator(".gg-hero__status")).to_have_text(_status(ticked=2, answered=2, started=1, done=0))
    action = _action(page)
    expect(action).to_have_text(EN.text("js.home.continue", title=FIRST.title))
    action.click()
    page.wait_for_url(guide_url + _url(FIRST.src_uri) + f"#item-{FIRST.checklist[1].id}")
    place = page.locator(f"#item-{FIRST.checklist[1].id}")
    expect(place).to_be_in_viewport()
    # Clear of the sticky header, not under it.
    header = page.locator("header.md-header").bounding_box()
    assert place.bounding_box()["y"] >= header["y"] + header["height"] - 1
    context.close()


def test_without_javascript_the_home_page_still_starts_at_the_first_block(browser: object, guide_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(guide_url)
    action = _action(page)
    expect(action).to_have_text(EN.text("home.start", title=FIRST.title))
    assert urljoin(guide_url, action.get_attribute("href")) == guide_url + _url(FIRST.src_uri)
    context.close()


def test_the_home_page_does_not_shift_when_start_becomes_continue(browser: object, guide_url: str) -> None:
    context = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]
    page = context.new_page()
    _tick_every_item(page, guide_url, FIRST.src_uri)
    page.add_init_script(CLS_OBSERVER)
    page.goto(guide_url, wait_until="networkidle")
    expect(_action(page)).to_have_text(EN.text("js.home.continue", title=SECOND.title))  # it did switch
    page.wait_for_timeout(500)
    shifts = page.evaluate("window.ggShifts")
    assert sum(shifts) == 0, f"layout shifts on the home page: {shifts}"
    context.close()


def test_every_card_and_block_page_shows_its_reading_time(guide_site: BuildResult) -> None:
    site = guide_site.site_dir
    pages = {"index.html": GUIDE.blocks} | {
        f"{part.src_uri.removesuffix('index.md')}index.html": part.blocks for part in GUIDE.parts
    }
    for page, blocks in pages.items():
        html = (site / page).read_text(encoding="utf-8")
        cards = re.findall(r'<li class="gg-card">.*?</li>', html, re.DOTALL)
        assert len(cards) == len(blocks), page
        for card, block in zip(cards, blocks, strict=True):
            minutes = EN.text("reading.time", count=block.reading_minutes)
            # Titles are escaped in the markup (Contact you can&#39;t avoid), so compare the unescaped card.
            assert f">{block.title}</a>" in html_unescape(card) and f">{minutes}</p>" in card, (page, block.id)
    for block in GUIDE.blocks:
        html = (site / _url(block.src_uri) / "index.html").read_text(encoding="utf-8")
        top = html[html.index('class="gg-eyebrow"') : html.index("<h1")]
        assert EN.text("reading.time", count=block.reading_minutes) in top, block.id
        assert EN.text("nav.part", number=block.part.number, title=block.part.title) in top, block.id


def test_a_block_page_reads_like_an_article(page: object, guide_url: str) -> None:
    page.goto(guide_url + _url(FIRST.src_uri))  # type: ignore[attr-defined]
    eyebrow = page.locator(".gg-eyebrow")  # type: ignore[attr-defined]
    expect(eyebrow).to_contain_text(EN.text("reading.time", count=FIRST.reading_minutes))
    title = page.locator("h1")  # type: ignore[attr-defined]
    assert eyebrow.bounding_box()["y"] < title.bounding_box()["y"]
    assert int(title.evaluate("h => getComputedStyle(h).fontWeight")) >= 700
    # One quiet link per heading, named by what it leads to, landing on the first of its items.
    for heading in {item.section for item in FIRST.checklist if item.section}:
        count = sum(item.section == heading for item in FIRST.checklist)
        link = page.locator(f"h2#{heading} + .gg-backlink a")  # type: ignore[attr-defined]
        expect(link).to_have_count(1)
        expect(link).to_have_accessible_name(EN.text("block.backlink", count=count))
        first = next(item for item in FIRST.checklist if item.section == heading)
        assert link.get_attribute("href").endswith(f"{_url(FIRST.src_uri)}#item-{first.id}")
    following = page.get_by_role("link", name=EN.text("block.next", title=SECOND.title))  # type: ignore[attr-defined]
    expect(following).to_be_visible()
    following.click()
    page.wait_for_url(guide_url + _url(SECOND.src_uri))  # type: ignore[attr-defined]


def test_a_guide_without_a_promise_gets_a_hero_from_its_description(tmp_path: Path) -> None:
    from guidegen.loader import load_guide as load

    guide = tmp_path / "guide"
    guide.mkdir()
    for source in MINI_GUIDE.rglob("*"):
        target = guide / source.relative_to(MINI_GUIDE)
        if source.is_dir():
            target.mkdir(exist_ok=True)
        else:
            target.write_bytes(source.read_bytes())
    home = guide / "index.md"
    text = home.read_text(encoding="utf-8").replace(
        "  promise: Grow a small, healthy garden, one step at a time.\n", ""
    )
    home.write_text(text.replace("title: Gardening basics\n", "title: Gardening basics\ndescription: Soil first.\n"))
    settings = load(guide).guide.settings
    assert (settings.title, settings.promise) == ("Gardening basics", "Soil first.")
    assert load(MINI_GUIDE).guide.settings.promise == "Grow a small, healthy garden, one step at a time."


@pytest.mark.parametrize("answered", [False, True], ids=["questions left", "all answered"])
def test_once_every_checklist_is_done_the_quiz_comes_next_then_the_end(
    page: object, guide_url: str, answered: bool
) -> None:
    # Every checklist ticked (and every question answered), straight into the shared storage record.
    page.goto(guide_url)  # type: ignore[attr-defined]
    page.evaluate(  # type: ignore[attr-defined]
        """() => {
          const data = window.ggStore.read();
          document.querySelectorAll(".gg-series [data-gg-items]").forEach((el) => {
            el.getAttribute("data-gg-items").split(" ").forEach((pair) => {
              const at = pair.lastIndexOf(":");
              data.checklist[pair.slice(0, at)] = {h: pair.slice(at + 1), t: 1};
            });
          });
          if (answered) document.querySelectorAll(".gg-series [data-gg-questions]").forEach((el) => {
            el.getAttribute("data-gg-questions").split(" ").forEach((pair) => {
              const at = pair.lastIndexOf(":");
              data.quiz[pair.slice(0, at)] = {h: pair.slice(at + 1), a: [0], ok: true, t: 1};
            });
          });
          window.ggStore.write(data);
        }""".replace("() =>", "(answered) =>"),
        answered,
    )
    action = _action(page)
    if not answered:
        quizzed = next(block for block in GUIDE.blocks if block.quiz)
        expect(action).to_have_text(EN.text("js.home.continue", title=quizzed.title))
        href = urljoin(guide_url, action.get_attribute("href"))
        assert href == guide_url + _url(quizzed.src_uri) + f"#gg-q-{quizzed.id}--{quizzed.quiz[0].id}"
        total = len(GUIDE.blocks)
        items = sum(len(block.checklist) for block in GUIDE.blocks)
        done = sum(1 for block in GUIDE.blocks if block.checklist)
        expect(page.locator(".gg-hero__status")).to_have_text(_status(items, 0, total, done))  # type: ignore[attr-defined]
        return
    expect(page.locator(".gg-hero__status")).to_have_text(WORDS.text("js.home.all_done"))  # type: ignore[attr-defined]
    expect(action).to_have_text(EN.text("js.home.review"))
    assert urljoin(guide_url, action.get_attribute("href")) == guide_url + "checklists/"


@pytest.mark.parametrize("kind", ["block", "last block", "part"])
def test_block_and_part_pages_end_with_one_next_and_the_whole_card_is_the_link(
    browser: object, guide_url: str, kind: str
) -> None:
    """Issue 30: one "Next" (the generator's card; Material's footer links are hidden), tappable all over."""
    part = GUIDE.parts[1]
    source, after = {
        "block": (FIRST.src_uri, SECOND),
        "last block": (GUIDE.blocks[-1].src_uri, None),
        "part": (part.src_uri, part.blocks[0]),
    }[kind]
    context = browser.new_context(viewport=PHONE, has_touch=True)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(guide_url + source.removesuffix("index.md").removesuffix(".md") + ("" if kind == "part" else "/"))
    expect(page.locator(".md-footer__link:visible")).to_have_count(0)
    card = page.locator(".gg-next")
    expect(card).to_have_count(1)
    title = EN.text("block.next", title=after.title if after else EN.text("nav.checklists"))
    expect(page.get_by_role("link", name=re.compile("^" + re.escape(title) + "$"))).to_have_count(1)
    # A tap near the card's bottom corner, away from its title line, follows it.
    card.scroll_into_view_if_needed()
    box = card.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] - 12, box["y"] + box["height"] - 8)
    target = _url(after.src_uri) if after else "checklists/"
    page.wait_for_url(guide_url + target)
    context.close()
