"""The built home page in a real Chromium: no console error, no request to another host."""

from __future__ import annotations

from tests.helpers import PageWatcher


def test_home_page_loads_cleanly_and_stays_on_its_own_host(page: object, mini_url: str) -> None:
    watcher = PageWatcher(page, mini_url)
    page.goto(mini_url, wait_until="networkidle")  # type: ignore[attr-defined]
    assert page.title().startswith("Gardening basics")  # type: ignore[attr-defined]
    assert watcher.problems == []


def test_shipped_guide_home_page_loads_cleanly(page: object, guide_url: str) -> None:
    watcher = PageWatcher(page, guide_url)
    page.goto(guide_url, wait_until="networkidle")  # type: ignore[attr-defined]
    assert page.locator("h1").first.is_visible()  # type: ignore[attr-defined]
    assert watcher.problems == []
