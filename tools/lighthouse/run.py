"""Lighthouse on the built guide: the four category scores of the home page and a block page.

Run through scripts/lighthouse, which installs the pinned Lighthouse first.
Mobile preset (Lighthouse's default: a mid-range phone on a slow 4G network,
simulated), the system Chromium, the site served compressed on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tools.webserver import serve

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 0.98, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}


def build_site(target: Path) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(target)]
    subprocess.run(command, cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def first_block_path() -> str:
    """The address of the guide's first building block, from the content model."""
    from guidegen.loader import load_guide

    docs = Path(os.environ.get("GUIDE_DOCS_DIR", ROOT / "docs"))
    blocks = load_guide(docs).guide.blocks
    if not blocks:
        raise SystemExit(f"{docs} has no building blocks")
    return blocks[0].src_uri.removesuffix(".md") + "/"


def run_lighthouse(url: str, report: Path) -> dict[str, object]:
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    return json.loads(report.read_text())


def failing_audits(result: dict[str, object], category: str) -> list[str]:
    """The audits that cost a category points, for the reader to act on."""
    audits = result["audits"]  # type: ignore[index]
    refs = result["categories"][category]["auditRefs"]  # type: ignore[index]
    lines = []
    for ref in refs:
        audit = audits[ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            shown = audit.get("displayValue", "")
            lines.append(f"    {category}: {audit['id']} ({audit['score']}) {audit['title']} {shown}".rstrip())
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="page paths under the site root (default: home and first block)")
    parser.add_argument("--site", type=Path, help="an already built site (default: build the guide now)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page (median shown)")
    args = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run scripts/lighthouse, which installs it")
    paths = args.paths or ["", first_block_path()]
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as temp:
        site = args.site
        if site is None:
            site = Path(temp) / "site"
            build_site(site)
        rows, notes = [], []
        with serve(site) as base:
            for path in paths:
                runs = [run_lighthouse(base + path, Path(temp) / "report.json") for _ in range(args.runs)]
                runs.sort(key=lambda result: result["categories"]["performance"]["score"])  # type: ignore[index]
                result = runs[len(runs) // 2]
                scores = {c: result["categories"][c]["score"] for c in CATEGORIES}  # type: ignore[index]
                rows.append(("/" + path, scores))
                for category in CATEGORIES:
                    notes += failing_audits(result, category)
    print(f"{'page':<28} " + " ".join(f"{c:>15}" for c in CATEGORIES))
    ok = True
    for page, scores in rows:
        cells = []
        for category in CATEGORIES:
            score = scores[category]
            below = score is None or score < TARGETS[category]
            ok = ok and not below
            cells.append(f"{'-' if score is None else f'{score:.2f}'}{' !' if below else '  '}".rjust(15))
        print(f"{page:<28} " + " ".join(cells))
    print("targets (mobile)             " + " ".join(f"{TARGETS[c]:>13.2f}  " for c in CATEGORIES))
    if notes:
        print("\nAudits below full marks:")
        print("\n".join(notes))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
