"""README screenshots from the real build: home, a block page and its printed sheet, light and dark, phone and desktop.

Builds the guide (or takes ``--site DIR``), serves it on 127.0.0.1 and drives
Debian's Chromium: each page at 390x844 (a phone) and 1280x800, in the light
and the dark scheme (the browser's colour-scheme preference, which the site
follows), plus the first block's checklist sheet printed to PDF on A4 and
rendered to PNG with poppler's pdftoppm. ``--ticked`` first ticks the block's
first two items, so progress shows as a returning reader sees it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from tools.webserver import serve

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
SCHEMES = ("light", "dark")


def _build(site: Path) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site)]
    subprocess.run(command, cwd=ROOT, check=True)


def _pages() -> dict[str, str]:
    from guidegen.loader import load_guide

    block = load_guide(ROOT / "docs").guide.blocks[0]
    return {"home": "", "block": block.src_uri.removesuffix(".md") + "/", "sheet": f"checklists/{block.id}/"}


def take(site: Path, out: Path, *, full_page: bool, only: str | None) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    pages = _pages()
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for device, viewport in VIEWPORTS.items():
            for scheme in SCHEMES:
                context = browser.new_context(viewport=viewport, color_scheme=scheme)  # type: ignore[arg-type]
                page = context.new_page()
                for name, path in pages.items():
                    if only and only != name:
                        continue
                    page.goto(base + path, wait_until="networkidle")
                    page.wait_for_timeout(300)  # fades
                    target = out / f"{name}-{device}-{scheme}.png"
                    page.screenshot(path=str(target), full_page=full_page)
                    made.append(target)
                context.close()
        if not only or only == "print":
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + pages["sheet"], wait_until="networkidle")
            with tempfile.TemporaryDirectory() as temp:
                pdf = Path(temp) / "sheet.pdf"
                page.pdf(path=str(pdf), format="A4")
                target = out / "sheet-printed-a4"
                subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), str(target)], check=True)
                made.append(target.with_suffix(".png"))
            context.close()
        browser.close()
    return made


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build the guide now)")
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots", help="where the PNGs go")
    parser.add_argument("--full-page", action="store_true", help="whole pages, not the first screen")
    parser.add_argument("--only", choices=["home", "block", "sheet", "print"], help="one page only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="guide-shots-") as temp:
        site = args.site or Path(temp) / "site"
        if args.site is None:
            _build(site)
        for path in take(site, args.out, full_page=args.full_page, only=args.only):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
