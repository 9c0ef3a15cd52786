"""No layout shift while a page starts (CLS 0), measured in a real Chromium with the Layout Instability API.

The script-only controls (print, "with my ticks", reset) keep their room until
the script shows them; before, a sheet shifted by 0.04 when its print controls
appeared (issue 16).
"""

from __future__ import annotations

import pytest

# Every layout shift of the page so far, not caused by input (what CLS counts).
SHIFTS = """() => new Promise(resolve => {
  const shifts = [];
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) shifts.push(entry.value);
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(shifts), 500);
})"""


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 800}])
@pytest.mark.parametrize("path", ["checklists/honesty/", "checklists/", "part-1/honesty/"])
def test_pages_start_without_layout_shift(browser: object, guide_url: str, path: str, viewport: dict) -> None:
    context = browser.new_context(viewport=viewport)  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(guide_url + path, wait_until="networkidle")
        assert page.locator(".gg-print").first.is_visible()
        shifts = page.evaluate(SHIFTS)
        print(f"\n{path} at {viewport['width']}px: CLS {sum(shifts):.4f}")
        assert shifts == [], f"layout shifts on /{path}: {shifts}"
    finally:
        context.close()
