"""`guidegen serve` rebuilds only what a save changes, and what it writes is what a clean build writes.

Under `guidegen serve` (`mkdocs serve --dirty`, guidegen/plugin/incremental.py) a save of a
block's text rebuilds that block and the pages that show it; anything that shows on every page
(a title, the order, a block added or removed, a page that is not a block) rebuilds everything.
Each kind of save here is compared, byte for byte, with a clean build of the same content.
Then a real `guidegen serve` shows a title change, an order change, an added and a removed
block in the navigation, the cards and the generated pages.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from tests.helpers import ENGINE, ROOT, attribute_values, ensure_engine, mkdocs_env
from tests.test_rebuild import differences, tree
from tests.test_serve import Server
from tools.bench import write_generator_guide

pytestmark = pytest.mark.skipif(
    ENGINE.name == "zensical", reason="Zensical runs no plugin: `guidegen serve` runs its own server there"
)

SERVE_URL = "http://127.0.0.1:8000/"

# One process, as `mkdocs serve --dirty` runs: the plugin (and its record of each page) lives across builds.
# For each step: apply the edits (path -> new text, or None to remove), rebuild, copy the site and the docs.
DIRTY_BUILDS = textwrap.dedent(
    """
    import json, logging, shutil, sys
    from pathlib import Path
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    plans = logging.getLogger("mkdocs.plugins.guidegen")
    plans.setLevel(logging.INFO)
    plans.addHandler(logging.StreamHandler(sys.stdout))
    config_file, docs, site, out, serve_url = sys.argv[1:6]
    steps = json.loads(Path(sys.argv[6]).read_text())
    docs, site, out = Path(docs), Path(site), Path(out)
    first = True
    for number, (name, edits) in enumerate(steps):
        for path, text in edits.items():
            if text is None:
                (docs / path).unlink()
            else:
                (docs / path).parent.mkdir(parents=True, exist_ok=True)
                (docs / path).write_text(text, encoding="utf-8")
        config = load_config(config_file, site_dir=str(site))
        if first:
            config.plugins.on_startup(command="serve", dirty=True)
            first = False
        print("step", number, flush=True)
        build(config, serve_url=serve_url, dirty=True)
        shutil.copytree(site, out / f"site-{number}")
        shutil.copytree(docs, out / f"docs-{number}")
    """
)

# Clean builds of each step's docs, in a fresh process: what a full rebuild writes.
CLEAN_BUILDS = textwrap.dedent(
    """
    import logging, os, sys
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config_file, serve_url = sys.argv[1:3]
    first = True
    for docs, site in zip(sys.argv[3::2], sys.argv[4::2]):
        os.environ["GUIDE_DOCS_DIR"] = docs
        config = load_config(config_file, site_dir=site)
        if first:
            config.plugins.on_startup(command="serve", dirty=False)
            first = False
        build(config, serve_url=serve_url)
    """
)


def _front(text: str, key: str, value: str) -> str:
    return re.sub(rf"^{key}: .*$", f"{key}: {value}", text, count=1, flags=re.M)


def _steps(docs: Path) -> list[tuple[str, dict[str, str | None]]]:
    def read(path: str) -> str:
        return (docs / path).read_text(encoding="utf-8")

    b3, b5, b7, b8 = (f"part-01/block-00{n}.md" for n in (3, 5, 7, 8))
    b12 = "part-02/block-012.md"
    related = read(b7).replace("order: 7\n", "order: 7\nrelated: [block-003]\n")
    body = read(b5).replace("## Section 2 {#s2}", "A sentence added while serving.\n\n## Section 2 {#s2}")
    explained = re.sub(r'(    explanation: ")[^"]*(")', r"\1An explanation changed while serving.\2", body, count=1)
    item = re.sub(r'(    text: ")[^"]*(")', r"\1Ask one calm question first, *today*.\2", explained, count=1)
    summary = _front(read(b3), "summary", '"A summary changed while serving."')
    new_block = _front(_front(read(b12), "title", '"A block added while serving"'), "order", "13")
    return [
        ("the first build", {}),
        ("a save without a change", {b5: read(b5)}),
        ("a block's body", {b5: body}),
        ("a block's quiz explanation", {b5: explained}),
        ("a block's checklist item", {b5: item}),
        ("a block that lists another as related", {b7: related}),
        ("the related block's summary", {b3: summary}),
        ("a block's title", {b5: _front(item, "title", '"A title changed while serving"')}),
        ("the order of two blocks", {b3: _front(summary, "order", "8"), b8: _front(read(b8), "order", "3")}),
        ("a block added", {"part-02/block-013.md": new_block}),
        ("a block removed", {b12: None}),
        ("a page that is not a block", {"safety.md": "# When to step back\n\nSafety first, always.\n"}),
    ]


def test_each_save_under_guidegen_serve_writes_what_a_clean_build_writes(tmp_path: Path) -> None:
    engine = ensure_engine(ENGINE)
    docs = tmp_path / "docs"
    write_generator_guide(docs, 12)
    steps = _steps(docs)
    (tmp_path / "steps.json").write_text(json.dumps(steps), encoding="utf-8")
    out = tmp_path / "out"
    config = str(ROOT / "mkdocs.yml")
    dirty = subprocess.run(
        [
            *(str(engine.python()), "-c", DIRTY_BUILDS, config, str(docs), str(tmp_path / "served"), str(out)),
            *(SERVE_URL, str(tmp_path / "steps.json")),
        ],
        cwd=ROOT,
        env=mkdocs_env(docs),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert dirty.returncode == 0, dirty.stdout + dirty.stderr
    plans = [
        next(line for line in chunk.splitlines() if line.startswith("Rebuilding "))
        for chunk in dirty.stdout.split("step ")[1:]
    ]
    rebuilt = {name: plan for (name, _), plan in zip(steps, plans, strict=True)}
    # What each save rebuilt: only what shows it, or everything when every page shows it.
    assert rebuilt["the first build"].startswith("Rebuilding every page")
    assert rebuilt["a save without a change"].startswith("Rebuilding 0 pages")
    # A body: the block's page (and its cards if its reading time changed).
    assert re.match(r"Rebuilding [1-4] pages", rebuilt["a block's body"]), rebuilt["a block's body"]
    # A quiz text: the block's page, the quiz page and its cards (home, part, the block before's "next"),
    # which carry each question's fingerprint for the saved scores.
    assert rebuilt["a block's quiz explanation"].startswith("Rebuilding 5 pages")
    # An item: its cards (home, part, the block before's "next"), the checklists page and its sheet.
    assert rebuilt["a block's checklist item"].startswith("Rebuilding 6 pages")
    assert rebuilt["a block that lists another as related"].startswith("Rebuilding 1 pages")
    # A summary: also the block that lists it as related.
    assert rebuilt["the related block's summary"].startswith("Rebuilding 7 pages")
    for name in ("a block's title", "the order of two blocks", "a block added", "a block removed"):
        assert rebuilt[name].startswith("Rebuilding every page"), (name, rebuilt[name])
    assert rebuilt["a page that is not a block"].startswith("Rebuilding every page: safety.md")
    pairs = [str(p) for n in range(len(steps)) for p in (out / f"docs-{n}", out / f"clean-{n}")]
    clean = subprocess.run(
        [str(engine.python()), "-c", CLEAN_BUILDS, config, SERVE_URL, *pairs],
        cwd=ROOT,
        env=mkdocs_env(docs),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert clean.returncode == 0, clean.stdout + clean.stderr
    for number, (name, _) in enumerate(steps):
        served, expected = tree(out / f"site-{number}"), tree(out / f"clean-{number}")
        assert differences(served, expected) == [], f"after {name}"
    shutil.rmtree(out)


def _nav_titles(html: str) -> list[str]:
    """The page titles the navigation lists, in order."""
    nav = html[html.index('class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>\n</div>")] if "</nav>\n</div>" in nav else nav
    return re.findall(r'<span class="md-ellipsis">\s*([^<]*?)\s*</span>', nav)


def test_guidegen_serve_shows_titles_order_and_added_or_removed_blocks_everywhere(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_generator_guide(docs, 12)
    b3, b5, b8 = (docs / "part-01" / f"block-00{n}.md" for n in (3, 5, 8))
    b12 = docs / "part-02" / "block-012.md"
    # What an author runs: scripts/serve, which is `guidegen serve` (incremental rebuilds by default).
    server = Server(docs, lambda port: [str(ROOT / "scripts" / "serve"), "-a", f"127.0.0.1:{port}"])
    try:
        server.wait_for_line("Serving on")
        unrelated = "part-02/block-011/"

        # A block's text: its page shows it; every other page keeps every title in its navigation.
        b5.write_text(b5.read_text(encoding="utf-8").replace("## Section 2", "A new sentence.\n\n## Section 2"))
        server.wait_for("the saved text", lambda: "A new sentence." in server.get("part-01/block-005/")[1])
        for path in ("", unrelated, "part-01/block-005/", "checklists/"):
            titles = _nav_titles(server.get(path)[1])
            assert "Building block 5" in titles and "Building block 12" in titles and "None" not in titles, path

        # A title: the navigation of every page, the cards, the generated pages and the sheet.
        b5.write_text(_front(b5.read_text(encoding="utf-8"), "title", '"Renamed while serving"'))
        server.wait_for("the new title", lambda: "Renamed while serving" in _nav_titles(server.get(unrelated)[1]))
        for path in ("", "part-01/", "part-01/block-001/", "checklists/", "quiz/", "checklists/block-005/"):
            html = server.get(path)[1]
            assert "Renamed while serving" in html, path
            assert "Building block 5<" not in html and "Building block 5 " not in html, path

        # The order: block 8 before block 3, in every page's navigation and the part's cards.
        b3.write_text(_front(b3.read_text(encoding="utf-8"), "order", "8"))
        b8.write_text(_front(b8.read_text(encoding="utf-8"), "order", "3"))

        def moved(path: str) -> bool:
            titles = _nav_titles(server.get(path)[1])
            return "Building block 8" in titles and titles.index("Building block 8") < titles.index("Building block 3")

        server.wait_for("the new order", lambda: moved(unrelated) and moved("part-01/block-003/"))
        part = server.get("part-01/")[1]
        assert part.index("block-008/") < part.index("block-003/")
        assert moved("") and moved("checklists/")

        # A block added: listed everywhere, its page, its checklist on the checklists page and its sheet.
        added = _front(_front(b12.read_text(encoding="utf-8"), "title", '"Added while serving"'), "order", "13")
        (docs / "part-02" / "block-013.md").write_text(added, encoding="utf-8")
        server.wait_for("the added block", lambda: "Added while serving" in _nav_titles(server.get(unrelated)[1]))
        assert server.get("part-02/block-013/")[0] == 200
        assert server.get("checklists/block-013/")[0] == 200
        assert "block-013/item-1" in attribute_values(server.get("checklists/")[1], "data-gg-item")
        assert 'href="block-013/"' in server.get("part-02/")[1]  # its card on its part's page
        assert "Added while serving" in server.get("part-02/block-012/")[1]  # the next block's card

        # A block removed: gone from every navigation, card and generated page, and its pages are gone.
        b12.unlink()
        server.wait_for("the removed block", lambda: "Building block 12" not in _nav_titles(server.get(unrelated)[1]))
        assert server.get("part-02/block-012/")[0] == 404
        assert server.get("checklists/block-012/")[0] == 404
        for path in ("", "part-02/", "checklists/", "quiz/", "part-02/block-013/"):
            html = server.get(path)[1]
            assert "block-012" not in html, path
        assert "Traceback" not in server.output
    finally:
        server.stop()
