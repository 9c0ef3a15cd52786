"""Reader storage that cannot be poisoned, in a real Chromium (issue 18).

Every stored or imported value is checked against the store's schema (bad
entries dropped and counted, never thrown); a file from another guide, or one
that names no guide, is refused with the reason; an oversized file gets its own
message; two tabs writing at the same instant lose no tick.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.helpers import PageWatcher

#: The file from issue 18, byte for byte: one answer whose choice is an object.
POISONED = '{"version":1,"checklist":{},"quiz":{"honesty/new-job-question":{"h":"2472c80ad5","a":[{"toString":1}]}}}'
HONESTY = "part-1/honesty/"
CHECKLISTS = "checklists/"
WATERING = "part-one/watering/"
MORNING = "Water in the morning."
COMPOST = "Add compost each spring."
VERDICT = re.compile(r"^✓ Right\.$|^✗ Not quite\.$")


def _open(page: object, url: str) -> PageWatcher:
    watcher = PageWatcher(page, url)
    page.goto(url, wait_until="networkidle")  # type: ignore[attr-defined]
    return watcher


def _status(page: object) -> object:
    return page.locator(".gg-transfer").get_by_role("status")  # type: ignore[attr-defined]


def _load(page: object, path: Path) -> None:
    page.get_by_label("Load progress from a file").set_input_files(str(path))  # type: ignore[attr-defined]


def _stored(page: object) -> dict:
    return json.loads(page.evaluate("localStorage.getItem(ggStore.key) || '{}'"))  # type: ignore[attr-defined]


def _every_question_works(page: object) -> int:
    """Each question has its check button, and checking an answer gives a verdict."""
    forms = page.locator("form.gg-question")  # type: ignore[attr-defined]
    count = forms.count()
    assert count >= 2
    for n in range(count):
        form = forms.nth(n)
        button = form.get_by_role("button", name="Check my answer")
        expect(button).to_be_visible()
        retry = form.get_by_role("button", name="Try again")
        if retry.is_visible():  # an answer shown again: checking starts over from "Try again"
            retry.click()
        form.locator(".gg-question__choices input").first.check()
        button.click()
        expect(form.locator(".gg-result__verdict")).to_have_text(VERDICT)
    return count


def _guide_key(page: object) -> str:
    return page.evaluate("ggStore.key")  # type: ignore[attr-defined]


def test_the_poisoned_file_from_the_issue_leaves_every_question_working(
    page: object, guide_url: str, tmp_path: Path
) -> None:
    watcher = _open(page, guide_url + CHECKLISTS)
    poisoned = tmp_path / "poisoned.json"
    poisoned.write_text(POISONED)
    _load(page, poisoned)
    # It names no guide, as no file this guide saves does: refused, nothing changes.
    expect(_status(page)).to_have_text("Nothing was loaded: poisoned.json is not a progress file saved by this guide.")
    assert _stored(page).get("quiz", {}) == {}

    # The same poison in a file that does name this guide: loaded, the bad answer left out and counted.
    named = json.loads(POISONED)
    named["guide"] = _guide_key(page)
    poisoned.write_text(json.dumps(named))
    _load(page, poisoned)
    expect(_status(page)).to_have_text(
        "Loaded 0 ticked items and 0 quiz answers from poisoned.json. 1 damaged entry in it was left out."
    )
    assert _stored(page).get("quiz", {}) == {}

    # And straight in storage, as an older page could have left it.
    page.evaluate("raw => localStorage.setItem(ggStore.key, raw)", POISONED)  # type: ignore[attr-defined]
    page.goto(guide_url + HONESTY, wait_until="networkidle")  # type: ignore[attr-defined]
    answered = _every_question_works(page)
    page.reload(wait_until="networkidle")  # type: ignore[attr-defined]
    # Every answer just given is back after a reload, and the questions still check.
    expect(page.locator("form.gg-question .gg-result__verdict")).to_have_count(answered)  # type: ignore[attr-defined]
    _every_question_works(page)
    assert watcher.problems == []


def test_a_file_from_another_guide_is_refused_and_says_so(page: object, mini_url: str, tmp_path: Path) -> None:
    watcher = _open(page, mini_url + CHECKLISTS)
    page.get_by_label(COMPOST).check()  # type: ignore[attr-defined]
    before = _stored(page)
    hash_ = page.get_by_label(MORNING).get_attribute("data-gg-hash")  # type: ignore[attr-defined]
    other = tmp_path / "other.json"
    other.write_text(
        json.dumps({"version": 1, "guide": "gg:other-guide:v1", "checklist": {"watering/morning": {"h": hash_}}})
    )
    _load(page, other)
    expect(_status(page)).to_have_text(
        "Nothing was loaded: other.json holds progress from another guide, not from this one."
    )
    expect(page.get_by_label(MORNING)).not_to_be_checked()  # type: ignore[attr-defined]
    assert _stored(page) == before
    assert watcher.problems == []


def test_an_oversized_file_gets_its_own_message(page: object, mini_url: str, tmp_path: Path) -> None:
    watcher = _open(page, mini_url + CHECKLISTS)
    page.get_by_label(COMPOST).check()  # type: ignore[attr-defined]
    before = _stored(page)
    big = tmp_path / "huge.json"
    key = _guide_key(page)
    padding = {f"soil/item-{n}": {"h": "0123456789"} for n in range(250_000)}
    big.write_text(json.dumps({"version": 1, "guide": key, "checklist": padding}))
    assert big.stat().st_size > 5 * 1024 * 1024
    _load(page, big)
    expect(_status(page)).to_have_text(
        "Nothing was loaded: huge.json is far larger than a progress file can be. "
        "Choose the file this guide saved for you."
    )
    assert _stored(page) == before
    expect(page.get_by_label(COMPOST)).to_be_checked()  # type: ignore[attr-defined]
    assert watcher.problems == []


def test_damaged_entries_in_an_import_are_left_out_and_counted(page: object, mini_url: str, tmp_path: Path) -> None:
    watcher = _open(page, mini_url + CHECKLISTS)
    morning = page.get_by_label(MORNING).get_attribute("data-gg-hash")  # type: ignore[attr-defined]
    mixed = tmp_path / "mixed.json"
    mixed.write_text(
        json.dumps(
            {
                "version": 1,
                "guide": _guide_key(page),
                "checklist": {
                    "watering/morning": {"h": morning, "t": 1},
                    "soil/compost": {"h": 12},
                    "__proto__": {"h": morning},
                    "watering/feel-soil": "yes",
                },
                "quiz": {"watering/when": {"h": "0123456789", "a": [1, 1]}, "soil/signs": {"h": "x", "a": [0]}},
            }
        )
    )
    _load(page, mixed)
    expect(_status(page)).to_have_text(
        "Loaded 1 ticked item and 0 quiz answers from mixed.json. 5 damaged entries in it were left out."
    )
    expect(page.get_by_label(MORNING)).to_be_checked()  # type: ignore[attr-defined]
    expect(page.get_by_label(COMPOST)).not_to_be_checked()  # type: ignore[attr-defined]
    assert set(_stored(page)["checklist"]) == {"watering/morning"}
    assert watcher.problems == []


@pytest.mark.parametrize(
    "stored",
    [
        POISONED,
        '{"version":1,"quiz":{"watering/when":{"h":"48923d9065","a":[{"valueOf":null}]}}}',
        '{"version":1,"quiz":{"watering/when":{"h":"48923d9065","a":[1e400]},"soil/signs":{"h":{"length":10}}}}',
        '{"version":1,"checklist":{"__proto__":{"h":"0123456789"},"watering/morning":{"h":"095478e71f","t":"x"}}}',
        '{"version":1,"checklist":[],"quiz":"","w":{"toString":1},"b":7}',
        '{"version":1,"quiz":{"watering/when":{"h":"48923d9065","a":[0],"ok":"yes"}}}',
    ],
    ids=["issue-file", "value-of-null", "huge-number", "proto-key", "wrong-sections", "ok-not-boolean"],
)
def test_corrupt_storage_never_breaks_a_page(page: object, mini_url: str, stored: str) -> None:
    watcher = _open(page, mini_url)
    page.evaluate("raw => localStorage.setItem(ggStore.key, raw)", stored)  # type: ignore[attr-defined]
    for path in ("", CHECKLISTS, "quiz/"):
        page.goto(mini_url + path, wait_until="networkidle")  # type: ignore[attr-defined]
        expect(page.locator('.md-content [data-gg-progress="*"], .md-content .gg-score').first).to_be_visible()  # type: ignore[attr-defined]
    _every_question_works(page)
    page.goto(mini_url + WATERING, wait_until="networkidle")  # type: ignore[attr-defined]
    page.get_by_label(MORNING).check()  # type: ignore[attr-defined]
    expect(page.locator('.md-content [data-gg-progress="watering"] .gg-progress__text')).to_have_text(  # type: ignore[attr-defined]
        "1 of 2 done"
    )
    page.reload(wait_until="networkidle")  # type: ignore[attr-defined]
    expect(page.get_by_label(MORNING)).to_be_checked()  # type: ignore[attr-defined]
    assert watcher.problems == []


#: Clicks a box at an agreed instant (busy-waiting the last few ms so both tabs really act at once).
CLICK_AT = """([label, at]) => {
  setTimeout(() => {
    while (Date.now() < at) {}
    const box = [...document.querySelectorAll(".md-content input[data-gg-item]")]
      .find((candidate) => candidate.labels[0].textContent.trim() === label);
    box.click();
  }, at - Date.now() - 20);
}"""


def test_two_tabs_ticking_at_the_same_instant_lose_no_tick(context: object, mini_url: str) -> None:
    first = context.new_page()  # type: ignore[attr-defined]
    second = context.new_page()  # type: ignore[attr-defined]
    watchers = [_open(first, mini_url + CHECKLISTS), _open(second, mini_url + CHECKLISTS)]
    lost = []
    for round_ in range(20):
        ticked = round_ % 2 == 0  # tick both, then untick both
        at = int(time.time() * 1000) + 300
        first.evaluate(CLICK_AT, [MORNING, at])
        second.evaluate(CLICK_AT, [COMPOST, at])
        for tab in (first, second):
            for label in (MORNING, COMPOST):
                box = expect(tab.get_by_label(label))
                box.to_be_checked() if ticked else box.not_to_be_checked()
        keys = set(_stored(first)["checklist"])
        if keys != ({"watering/morning", "soil/compost"} if ticked else set()):
            lost.append((round_, sorted(keys)))
    assert lost == []
    assert [problem for watcher in watchers for problem in watcher.problems] == []


def test_an_untick_in_another_tab_is_not_undone(context: object, mini_url: str) -> None:
    """The merge puts back only what another tab did not know of: a deliberate untick stands."""
    first = context.new_page()  # type: ignore[attr-defined]
    second = context.new_page()  # type: ignore[attr-defined]
    _open(first, mini_url + CHECKLISTS)
    _open(second, mini_url + WATERING)
    first.get_by_label(MORNING).check()
    expect(second.get_by_label(MORNING)).to_be_checked()
    second.get_by_label(MORNING).uncheck()
    second.get_by_label("Feel the soil before watering.").check()
    expect(first.get_by_label(MORNING)).not_to_be_checked()
    first.wait_for_timeout(500)
    expect(first.get_by_label(MORNING)).not_to_be_checked()
    assert set(_stored(first)["checklist"]) == {"watering/feel-soil"}
