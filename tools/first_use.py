"""First use of the quiz page beside a block page, on a throttled phone (issue 30).

    python -m tools.first_use [--site DIR] [--runs N] [PAGE ...]

Builds the shipped guide (or takes --site), serves it with gzip as a host would, and loads each
page in Chromium at 390x844 with Lighthouse's mobile throttling: 4x CPU slowdown and a slow
connection (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, Chrome's "Slow 4G"/fast 3G). For
each page it prints the median of the runs, in ms from navigation start:

- ``dom``: DOMContentLoaded; ``load``: the load event;
- ``usable``: when the first question can be checked (quiz.js has shown its "Check my answer");
- ``long``: the total of long tasks (over 50 ms) until then, the main thread's blocking.

Figures, not assertions: timings on a shared machine are noise, so nothing fails on them.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from tools.webserver import serve

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = ["part-1/honesty/", "quiz/"]
LONG_TASKS = """
window.ggLong = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.ggLong += e.duration - 50; })
  .observe({type: "longtask", buffered: true});
"""
USABLE = """() => new Promise((resolve) => {
  const ready = () => {
    const button = document.querySelector("form.gg-question .gg-question__actions:not([hidden]) .gg-question__check");
    if (button) resolve([performance.now(), window.ggLong]); else requestAnimationFrame(ready);
  };
  ready();
})"""


def measure(url: str, runs: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    figures: dict[str, list[float]] = {"dom": [], "load": [], "usable": [], "long": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            cdp.send(
                "Network.emulateNetworkConditions",
                {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8},
            )
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            page.add_init_script(LONG_TASKS)
            page.goto(url, wait_until="commit")
            usable, long = page.evaluate(USABLE)
            page.wait_for_load_state("load")
            timing = page.evaluate("() => performance.getEntriesByType('navigation')[0].toJSON()")
            figures["dom"].append(timing["domContentLoadedEventEnd"])
            figures["load"].append(timing["loadEventEnd"])
            figures["usable"].append(usable)
            figures["long"].append(long)
            page.wait_for_load_state("networkidle")  # nothing in flight when the page closes
            context.close()
        browser.close()
    return {name: statistics.median(values) for name, values in figures.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build the shipped guide)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("pages", nargs="*", default=PAGES)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        site = options.site
        if site is None:
            from tests.helpers import DOCS, build

            result = build(Path(work) / "site", DOCS)
            if result.returncode:
                print(result.output, file=sys.stderr)
                return 1
            site = result.site_dir
        with serve(site) as base:  # compressed, as a host serves it
            print(f"{'page':<24} {'dom':>7} {'load':>7} {'usable':>7} {'long':>7}  (ms, median of {options.runs})")
            for path in options.pages:
                figures = measure(base + path, options.runs)
                print(f"{path:<24} " + " ".join(f"{figures[name]:7.0f}" for name in ("dom", "load", "usable", "long")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
