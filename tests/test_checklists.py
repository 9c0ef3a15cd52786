"""Checklists in a real Chromium: saved ticks, shared across pages and tabs, robust, accessible.

The mini guide (tests/guides/mini) has two blocks: "soil" with one item and
"watering" with two ("Water in the morning." linked to its Timing section, and
"Feel the soil before watering.").
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.axe import axe_violations
from tests.helpers import MINI_GUIDE, PageWatcher, build, serve_directory

WATERING = "part-one/watering/"
MORNING = "Water in the morning."
FEEL = "Feel the soil before watering."
BLOCK_STORAGE = """
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("The user denied storage", "SecurityError"); },
});
"""


@pytest.fixture(scope="module")
def instant_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The mini guide built for the address it is served from: Material only
    navigates instantly between pages its sitemap lists under site_url."""
    site = tmp_path_factory.mktemp("instant") / "site"
    site.mkdir()
    with serve_directory(site) as url:
        result = build(site, MINI_GUIDE, GUIDE_SITE_URL=url)
        assert result.returncode == 0, result.output
        yield url


def _open(page: object, url: str) -> PageWatcher:
    watcher = PageWatcher(page, url)
    page.goto(url, wait_until="networkidle")  # type: ignore[attr-defined]
    return watcher


def _progress(page: object, block: str) -> object:
    return page.locator(f'.md-content [data-gg-progress="{block}"] .gg-progress__text')  # type: ignore[attr-defined]


def _saved(page: object) -> dict:
    raw = page.evaluate("localStorage.getItem(ggStore.key)")  # type: ignore[attr-defined]
    return json.loads(raw) if raw else {}


def test_a_tick_is_saved_and_shown_on_every_page_that_lists_it(page: object, mini_url: str) -> None:
    watcher = _open(page, mini_url + WATERING)
    expect(_progress(page, "watering")).to_have_text("0 of 2 done")
    page.get_by_label(MORNING).check()  # type: ignore[attr-defined]
    expect(_progress(page, "watering")).to_have_text("1 of 2 done")
    tick = _saved(page)["checklist"]["watering/morning"]
    assert set(tick) == {"h", "t"}, "saved under the block and item ids with the text's fingerprint"

    page.reload(wait_until="networkidle")  # type: ignore[attr-defined]
    expect(page.get_by_label(MORNING)).to_be_checked()  # type: ignore[attr-defined]
    expect(page.get_by_label(FEEL)).not_to_be_checked()  # type: ignore[attr-defined]

    page.goto(mini_url + "checklists/", wait_until="networkidle")  # type: ignore[attr-defined]
    expect(page.get_by_label(MORNING)).to_be_checked()  # type: ignore[attr-defined]
    expect(_progress(page, "watering")).to_have_text("1 of 2 done")
    expect(_progress(page, "soil")).to_have_text("0 of 1 done")
    expect(_progress(page, "*")).to_have_text("1 of 3 items ticked")

    for overview in ("", "part-one/"):
        page.goto(mini_url + overview, wait_until="networkidle")  # type: ignore[attr-defined]
        card = page.locator(".gg-card", has_text="Watering")  # type: ignore[attr-defined]
        expect(card.locator(".gg-progress")).to_have_text(re.compile(r"Checklist:\s*1 of 2 done"))

    page.goto(mini_url + "checklists/watering/", wait_until="networkidle")  # type: ignore[attr-defined]
    expect(page.get_by_label(MORNING)).to_be_checked()  # type: ignore[attr-defined]
    page.get_by_label(MORNING).uncheck()  # type: ignore[attr-defined]
    expect(_progress(page, "watering")).to_have_text("0 of 2 done")

    page.goto(mini_url + WATERING, wait_until="networkidle")  # type: ignore[attr-defined]
    expect(page.get_by_label(MORNING)).not_to_be_checked()  # type: ignore[attr-defined]
    expect(_progress(page, "watering")).to_have_text("0 of 2 done")
    assert watcher.problems == []


def test_unticking_on_the_site_wide_page_is_followed_by_the_block_page(page: object, mini_url: str) -> None:
    _open(page, mini_url + WATERING)
    page.get_by_label(FEEL).check()  # type: ignore[attr-defined]
    page.goto(mini_url + "checklists/", wait_until="networkidle")  # type: ignore[attr-defined]
    page.get_by_label(FEEL).uncheck()  # type: ignore[attr-defined]
    page.goto(mini_url + WATERING, wait_until="networkidle")  # type: ignore[attr-defined]
    expect(page.get_by_label(FEEL)).not_to_be_checked()  # type: ignore[attr-defined]


def test_a_second_tab_follows_a_change_without_reloading(context: object, mini_url: str) -> None:
    first = context.new_page()  # type: ignore[attr-defined]
    second = context.new_page()  # type: ignore[attr-defined]
    watcher = _open(first, mini_url + WATERING)
    _open(second, mini_url + "checklists/")
    first.get_by_label(MORNING).check()
    expect(second.get_by_label(MORNING)).to_be_checked()
    expect(_progress(second, "*")).to_have_text("1 of 3 items ticked")
    second.get_by_label(MORNING).uncheck()
    expect(first.get_by_label(MORNING)).not_to_be_checked()
    expect(_progress(first, "watering")).to_have_text("0 of 2 done")
    assert watcher.problems == []


def test_instant_navigation_re_initialises_the_new_page(page: object, instant_url: str) -> None:
    watcher = _open(page, instant_url + WATERING)
    page.evaluate("window.ggSamePage = true")  # type: ignore[attr-defined]
    page.get_by_label(MORNING).check()  # type: ignore[attr-defined]
    page.get_by_role("link", name="All checklists").click()  # type: ignore[attr-defined]
    expect(page).to_have_url(re.compile(r"/checklists/#watering$"))  # type: ignore[arg-type]
    expect(_progress(page, "*")).to_have_text("1 of 3 items ticked")
    assert page.evaluate("window.ggSamePage") is True, "Material's instant navigation did not load the page"  # type: ignore[attr-defined]
    expect(page.get_by_label(MORNING)).to_be_checked()  # type: ignore[attr-defined]
    expect(page.get_by_role("button", name="Save my progress as a file")).to_be_visible()  # type: ignore[attr-defined]
    page.get_by_label(FEEL).check()  # type: ignore[attr-defined]
    expect(_progress(page, "watering")).to_have_text("2 of 2 done")
    assert _saved(page)["checklist"].keys() == {"watering/morning", "watering/feel-soil"}
    assert watcher.problems == []


@pytest.mark.parametrize(
    "stored",
    [
        "{not json",
        '["a list"]',
        "null",
        '{"version": 2, "checklist": {"watering/morning": {"h": "095478e71f"}}}',
        '{"version": 1, "checklist": {"watering/morning": "yes", "watering/feel-soil": {"h": 5}}, "quiz": 3}',
    ],
    ids=["not-json", "a-list", "null", "wrong-version", "foreign-shape"],
)
def test_corrupt_storage_leaves_a_working_page(page: object, mini_url: str, stored: str) -> None:
    _open(page, mini_url)
    page.evaluate("value => localStorage.setItem(ggStore.key, value)", stored)  # type: ignore[attr-defined]
    watcher = _open(page, mini_url + WATERING)
    expect(_progress(page, "watering")).to_have_text("0 of 2 done")
    page.get_by_label(FEEL).check()  # type: ignore[attr-defined]
    expect(_progress(page, "watering")).to_have_text("1 of 2 done")
    page.reload(wait_until="networkidle")  # type: ignore[attr-defined]
    expect(page.get_by_label(FEEL)).to_be_checked()  # type: ignore[attr-defined]
    expect(page.get_by_label(MORNING)).not_to_be_checked()  # type: ignore[attr-defined]
    assert watcher.problems == []


def test_blocked_storage_leaves_a_working_page_and_says_so(browser: object, instant_url: str) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    context.add_init_script(BLOCK_STORAGE)
    try:
        page = context.new_page()
        watcher = _open(page, instant_url + WATERING)
        assert page.evaluate("(() => { try { localStorage; return false } catch (e) { return true } })()")
        status = page.locator(".gg-checklist__status")
        expect(status).to_have_text(re.compile(r"not letting the guide save.*until you reload or close this page"))
        page.get_by_label(MORNING).check()
        expect(_progress(page, "watering")).to_have_text("1 of 2 done")
        page.get_by_label(MORNING).uncheck()
        expect(_progress(page, "watering")).to_have_text("0 of 2 done")
        page.get_by_label(FEEL).check()
        page.get_by_role("link", name="All checklists").click()  # instant navigation keeps this visit's ticks
        expect(page.get_by_label(FEEL)).to_be_checked()
        assert watcher.problems == []
    finally:
        context.close()


def test_without_javascript_every_item_is_visible(browser: object, mini_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        for path, texts in {
            WATERING: [MORNING, FEEL],
            "checklists/": ["Add compost each spring.", MORNING, FEEL],
            "checklists/watering/": [MORNING, FEEL],
        }.items():
            page.goto(mini_url + path)
            for text in texts:
                expect(page.get_by_label(text)).to_be_visible()
                expect(page.get_by_label(text)).to_be_enabled()
            expect(page.get_by_role("button", name=re.compile("Reset"))).to_have_count(0)
        expect(page.locator(".md-content [data-gg-progress='watering']")).to_have_text("2 items")
        page.goto(mini_url + "checklists/")
        expect(page.get_by_role("button", name="Save my progress as a file")).to_have_count(0)
    finally:
        context.close()


def test_keyboard_alone_ticks_and_unticks(page: object, mini_url: str) -> None:
    _open(page, mini_url + WATERING)
    page.locator("#your-checklist").scroll_into_view_if_needed()  # type: ignore[attr-defined]
    for _ in range(200):
        page.keyboard.press("Tab")  # type: ignore[attr-defined]
        if page.evaluate("document.activeElement.dataset.ggItem") == "watering/morning":  # type: ignore[attr-defined]
            break
    else:
        pytest.fail("Tab never reached the first checklist box")
    page.keyboard.press("Space")  # type: ignore[attr-defined]
    expect(page.get_by_label(MORNING)).to_be_checked()  # type: ignore[attr-defined]
    expect(_progress(page, "watering")).to_have_text("1 of 2 done")
    page.keyboard.press("Space")  # type: ignore[attr-defined]
    expect(page.get_by_label(MORNING)).not_to_be_checked()  # type: ignore[attr-defined]
    expect(_progress(page, "watering")).to_have_text("0 of 2 done")
    assert "watering/morning" not in _saved(page)["checklist"]


def test_reset_clears_one_block_and_undo_brings_it_back(page: object, mini_url: str) -> None:
    _open(page, mini_url + "checklists/")
    for text in (MORNING, FEEL, "Add compost each spring."):
        page.get_by_label(text).check()  # type: ignore[attr-defined]
    watering = page.locator('section[data-gg-block="watering"]')  # type: ignore[attr-defined]
    watering.get_by_role("button", name="Reset the “Watering” checklist").click()
    expect(page.get_by_label(MORNING)).not_to_be_checked()  # type: ignore[attr-defined]
    expect(page.get_by_label(FEEL)).not_to_be_checked()  # type: ignore[attr-defined]
    expect(page.get_by_label("Add compost each spring.")).to_be_checked()  # type: ignore[attr-defined]
    expect(watering.get_by_role("status")).to_have_text(
        "Checklist reset: 2 ticks cleared. Undo reset brings them back."
    )
    expect(_progress(page, "*")).to_have_text("1 of 3 items ticked")

    watering.get_by_role("button", name="Undo the reset of “Watering”").click()
    expect(page.get_by_label(MORNING)).to_be_checked()  # type: ignore[attr-defined]
    expect(page.get_by_label(FEEL)).to_be_checked()  # type: ignore[attr-defined]
    expect(watering.get_by_role("status")).to_have_text("Reset undone: 2 ticks restored.")
    expect(watering.get_by_role("button", name="Reset the “Watering” checklist")).to_be_focused()
    expect(watering.get_by_role("button", name=re.compile("Undo"))).to_be_hidden()


def test_reset_is_disabled_while_nothing_in_its_checklist_is_ticked(page: object, mini_url: str) -> None:
    _open(page, mini_url + WATERING)
    reset = page.get_by_role("button", name="Reset this checklist")  # type: ignore[attr-defined]
    expect(reset).to_be_disabled()
    page.get_by_label(MORNING).check()  # type: ignore[attr-defined]
    expect(reset).to_be_enabled()
    page.get_by_label(MORNING).uncheck()  # type: ignore[attr-defined]
    expect(reset).to_be_disabled()
    # Another block's ticks do not count.
    _open(page, mini_url + "checklists/")
    page.get_by_label("Add compost each spring.").check()  # type: ignore[attr-defined]
    expect(page.get_by_role("button", name="Reset the “Watering” checklist")).to_be_disabled()  # type: ignore[attr-defined]
    expect(page.get_by_role("button", name="Reset the “Soil” checklist")).to_be_enabled()  # type: ignore[attr-defined]


def test_export_then_import_restores_progress_in_a_fresh_browser(
    browser: object, page: object, mini_url: str, tmp_path: Path
) -> None:
    _open(page, mini_url + "part-one/soil/")
    page.get_by_label("Earthworms").check()  # type: ignore[attr-defined]
    page.get_by_role("button", name="Check my answer").click()  # type: ignore[attr-defined]
    _open(page, mini_url + "checklists/")
    page.get_by_label(MORNING).check()  # type: ignore[attr-defined]
    page.get_by_label("Add compost each spring.").check()  # type: ignore[attr-defined]
    with page.expect_download() as download_info:  # type: ignore[attr-defined]
        page.get_by_role("button", name="Save my progress as a file").click()  # type: ignore[attr-defined]
    download = download_info.value
    assert re.fullmatch(r"gardening-basics-progress-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    exported = json.loads(saved.read_text())
    assert set(exported["checklist"]) == {"watering/morning", "soil/compost"}
    assert set(exported["quiz"]) == {"soil/signs"}
    expect(page.locator(".gg-transfer").get_by_role("status")).to_have_text(  # type: ignore[attr-defined]
        f"Saved 2 ticked items and 1 quiz answer to the file {download.suggested_filename} in your downloads."
    )

    fresh = browser.new_context()  # type: ignore[attr-defined]
    try:
        other = fresh.new_page()
        watcher = _open(other, mini_url + "checklists/")
        expect(other.get_by_label(MORNING)).not_to_be_checked()
        other.get_by_label("Load progress from a file").set_input_files(str(saved))
        expect(other.locator(".gg-transfer").get_by_role("status")).to_have_text(
            f"Loaded 2 ticked items and 1 quiz answer from {saved.name}."
        )
        expect(other.get_by_label(MORNING)).to_be_checked()
        expect(other.get_by_label("Add compost each spring.")).to_be_checked()
        expect(other.get_by_label(FEEL)).not_to_be_checked()
        expect(_progress(other, "*")).to_have_text("2 of 3 items ticked")
        other.goto(mini_url + WATERING, wait_until="networkidle")
        expect(other.get_by_label(MORNING)).to_be_checked()
        other.goto(mini_url + "part-one/soil/", wait_until="networkidle")
        expect(other.get_by_label("Earthworms")).to_be_checked()
        expect(other.locator(".gg-question__result")).to_contain_text("Not quite.")
        assert watcher.problems == []
    finally:
        fresh.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "Nothing was loaded: bad.json is not a progress file (it is not JSON)."),
        ('{"version": 7, "checklist": {}}', "Nothing was loaded: bad.json is not a progress file saved by this guide."),
        ('["soil/compost"]', "Nothing was loaded: bad.json is not a progress file saved by this guide."),
        # Every file the guide saves names it: one without a name could be any guide's.
        ('{"version": 1, "checklist": {}}', "Nothing was loaded: bad.json is not a progress file saved by this guide."),
    ],
    ids=["not-json", "other-version", "foreign", "no-guide"],
)
def test_importing_a_wrong_file_changes_nothing_and_says_why(
    page: object, mini_url: str, tmp_path: Path, content: str, message: str
) -> None:
    _open(page, mini_url + "checklists/")
    page.get_by_label(FEEL).check()  # type: ignore[attr-defined]
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    page.get_by_label("Load progress from a file").set_input_files(str(bad))  # type: ignore[attr-defined]
    expect(page.locator(".gg-transfer").get_by_role("status")).to_have_text(message)  # type: ignore[attr-defined]
    expect(page.get_by_label(FEEL)).to_be_checked()  # type: ignore[attr-defined]
    expect(_progress(page, "*")).to_have_text("1 of 3 items ticked")


def test_changing_an_item_text_drops_only_that_tick(page: object, tmp_path: Path) -> None:
    guide = tmp_path / "guide"
    shutil.copytree(MINI_GUIDE, guide)
    site = tmp_path / "site"
    first = build(site, guide)
    assert first.returncode == 0, first.output
    with serve_directory(site) as url:
        _open(page, url + WATERING)
        page.get_by_label(MORNING).check()  # type: ignore[attr-defined]
        page.get_by_label(FEEL).check()  # type: ignore[attr-defined]
        page.goto(url + "checklists/", wait_until="networkidle")  # type: ignore[attr-defined]
        page.get_by_label("Add compost each spring.").check()  # type: ignore[attr-defined]

        # New text for "morning", and the items reordered with a new one first:
        # ticks follow ids, not positions.
        block = guide / "part-one" / "watering.md"
        old_items = (
            "  - id: morning\n    text: Water in the **morning**.\n    section: timing\n"
            "  - id: feel-soil\n    text: Feel the soil before watering.\n"
        )
        new_items = (
            "  - id: mulch\n    text: Mulch the beds.\n"
            "  - id: feel-soil\n    text: Feel the soil before watering.\n"
            "  - id: morning\n    text: Water at dawn.\n    section: timing\n"
        )
        assert old_items in block.read_text()
        block.write_text(block.read_text().replace(old_items, new_items))
        second = build(site, guide)
        assert second.returncode == 0, second.output

        watcher = _open(page, url + WATERING)
        expect(page.get_by_label("Water at dawn.")).not_to_be_checked()  # type: ignore[attr-defined]
        expect(page.get_by_label(FEEL)).to_be_checked()  # type: ignore[attr-defined]
        expect(page.get_by_label("Mulch the beds.")).not_to_be_checked()  # type: ignore[attr-defined]
        expect(_progress(page, "watering")).to_have_text("1 of 3 done")
        assert set(_saved(page)["checklist"]) == {"watering/feel-soil", "soil/compost"}
        page.goto(url, wait_until="networkidle")  # type: ignore[attr-defined]
        card = page.locator(".gg-card", has_text="Soil")  # type: ignore[attr-defined]
        expect(card.locator(".gg-progress__text")).to_have_text("1 of 1 done")
        assert watcher.problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [WATERING, "checklists/", "checklists/watering/", "", "part-one/"])
def test_checklist_markup_has_no_axe_violations(page: object, mini_url: str, path: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[attr-defined]
    _open(page, mini_url + path)
    boxes = page.locator("input[data-gg-item]")  # type: ignore[attr-defined]
    reset = page.get_by_role("button", name=re.compile("^Reset")).first  # type: ignore[attr-defined]
    if boxes.count():
        # The states the script adds are checked too: ticked, progress bar, undo and its message.
        boxes.first.check()
        if reset.count():
            reset.click()
            expect(page.get_by_role("button", name=re.compile("^Undo")).first).to_be_visible()  # type: ignore[attr-defined]
            boxes.first.check()
        expect(page.locator(".md-content .gg-progress__text").first).to_contain_text(re.compile("done|ticked"))
    violations = axe_violations(page)
    assert not violations, "axe-core found:\n" + "\n".join(violations)
