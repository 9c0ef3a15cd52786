"""The same guide on every engine: MkDocs, ProperDocs and Zensical (GUIDE_ENGINE).

Each engine builds the shipped guide and the mini guide with its real command
(installed into its own venv through scripts/_setup.sh when it is missing),
names itself in the pages, gives readers working checklists and quizzes in
Chromium, and fails on a content mistake with the same file:line:field message
while the live site stays as it was.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from guidegen import engines
from tests.axe import axe_violations
from tests.helpers import DOCS, MINI_GUIDE, ROOT, PageWatcher, build, copy_guide, ensure_engine, serve_directory

WATERING = "part-one/watering/"
MORNING = "Water in the morning."
ENGINE_NAMES = list(engines.ENGINES)


@dataclass
class EngineSites:
    engine: engines.Engine
    guide: Path
    mini: Path
    output: str


@pytest.fixture(scope="module", params=ENGINE_NAMES)
def sites(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> EngineSites:
    engine = ensure_engine(engines.ENGINES[request.param])
    work = tmp_path_factory.mktemp(f"engine-{engine.name}")
    guide = build(work / "guide", DOCS, engine=engine)
    assert guide.returncode == 0, guide.output
    mini = build(work / "mini", MINI_GUIDE, engine=engine)
    assert mini.returncode == 0, mini.output
    return EngineSites(engine, guide.site_dir, mini.site_dir, guide.output + mini.output)


@pytest.fixture(scope="module")
def mini_site_url(sites: EngineSites) -> Iterator[str]:
    with serve_directory(sites.mini) as url:
        yield url


def _html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_each_engine_builds_both_guides_strict_with_every_generated_page(sites: EngineSites) -> None:
    assert "WARNING" not in sites.output
    for site, block, sheet in ((sites.guide, "part-1/honesty", "honesty"), (sites.mini, "part-one/soil", "soil")):
        page = _html(site, block)
        assert 'id="your-checklist"' in page
        assert 'class="gg-quiz"' in page
        assert f"checklists/{sheet}/" in page  # the block links to its sheet
        for generated in ("checklists", "quiz", f"checklists/{sheet}"):
            assert (site / generated / "index.html").is_file(), f"{generated}/ is missing"


def test_built_pages_name_the_engine_and_its_version(sites: EngineSites) -> None:
    generator = f'<meta name="generator" content="{sites.engine.generator()}">'
    assert sites.engine.version() != "unknown"
    assert generator.startswith(f'<meta name="generator" content="{sites.engine.name}-')
    for path in ("", "part-one/soil", "checklists", "quiz"):
        assert generator in _html(sites.mini, path)


def test_block_page_works_in_chromium(sites: EngineSites, mini_site_url: str, page: object) -> None:
    watcher = PageWatcher(page, mini_site_url)
    page.goto(mini_site_url + WATERING, wait_until="networkidle")  # type: ignore[attr-defined]
    # The checklist item is a native checkbox named by its text; the quiz a labelled group.
    item = page.get_by_role("checkbox", name=MORNING)  # type: ignore[attr-defined]
    expect(item).to_be_visible()
    expect(page.get_by_role("group", name="When is the best time to water?")).to_be_visible()  # type: ignore[attr-defined]
    item.check()
    page.reload(wait_until="networkidle")  # type: ignore[attr-defined]
    expect(page.get_by_role("checkbox", name=MORNING)).to_be_checked()  # type: ignore[attr-defined]
    form = page.locator('form[data-gg-question="watering/when"]')  # type: ignore[attr-defined]
    form.get_by_label("Early morning", exact=True).check()
    form.get_by_role("button", name="Check my answer").click()
    expect(form.locator(".gg-question__result")).to_contain_text("✓ Right.")
    assert axe_violations(page) == []
    assert watcher.problems == []


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _scripts_build(engine: engines.Engine, guide: Path, site: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GUIDE_ENGINE": engine.name, "GUIDE_DOCS_DIR": str(guide), "GUIDE_SITE_DIR": str(site)}
    return subprocess.run(
        ["scripts/build"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL
    )


@pytest.mark.parametrize("name", ENGINE_NAMES)
def test_scripts_build_names_the_engine_then_a_mistake_fails_with_the_same_message(name: str, tmp_path: Path) -> None:
    engine = ensure_engine(engines.ENGINES[name])
    guide = copy_guide(MINI_GUIDE, tmp_path / "guide")
    site = tmp_path / "www" / "site"
    first = _scripts_build(engine, guide, site)
    assert first.returncode == 0, first.stderr
    # Once, before the engine's own output (a first run may print what it installs before it).
    assert [line for line in first.stderr.splitlines() if line.startswith("Engine: ")] == [engine.describe()]
    assert first.stderr.index(engine.describe()) < first.stderr.index("Built ")
    assert engine.describe().startswith(f"Engine: {name} {engine.version()}")
    assert (site / "_headers").is_file() and (site / "_nginx-headers.conf").is_file()
    before = _snapshot(site)

    soil = guide / "part-one" / "soil.md"
    soil.write_text(soil.read_text(encoding="utf-8").replace("order: 1", "order: first"), encoding="utf-8")
    second = _scripts_build(engine, guide, site)
    assert second.returncode != 0
    assert "Traceback" not in second.stderr
    errors = [line for line in second.stderr.splitlines() if line.startswith("ERROR")]
    assert errors == [
        f"ERROR   -  {soil}:4:8: order: must be a whole number, not the text 'first'",
        "ERROR   -  1 problem in 1 file. Nothing was built; the output folder is unchanged.",
    ], second.stderr
    assert f"Build failed: {site} was left as it was." in second.stderr
    assert _snapshot(site) == before


@pytest.mark.parametrize("name", ENGINE_NAMES)
def test_each_engine_speaks_the_guides_language_with_the_authors_own_words(name: str, tmp_path: Path) -> None:
    engine = ensure_engine(engines.ENGINES[name])
    guide = copy_guide(MINI_GUIDE, tmp_path / "guide")
    home = guide / "index.md"
    settings = "  safety_page: safety.md\n"
    words = settings + "  strings:\n    block.checklist_heading: Mi lista\n"
    home.write_text(home.read_text(encoding="utf-8").replace(settings, words), encoding="utf-8")
    built = build(tmp_path / "es", guide, engine=engine, GUIDE_LANGUAGE="es")
    assert built.returncode == 0, built.output
    html = _html(built.site_dir, WATERING)
    assert '<html lang="es"' in html
    assert ">Mi lista</h2>" in html
    assert "Comprueba lo que has entendido" in html  # the Spanish catalog behind the author's own words
    # Named by its own home page (mkdocs.yml's default names the shipped guide), unless GUIDE_SITE_NAME says so.
    assert "<title>Watering - Gardening basics</title>" in html, re.findall("<title>.*?</title>", html)
    assert "Trust again" not in html
    # A language with no catalog: one warning, and a strict build refuses it on every engine.
    missing = build(tmp_path / "it", guide, engine=engine, GUIDE_LANGUAGE="it")
    warning = "No catalog of the generator's words for language 'it': they stay in English"
    assert missing.output.count(warning) == 1, missing.output
    assert missing.returncode != 0


@pytest.mark.parametrize("name", ENGINE_NAMES)
def test_guidegen_build_with_each_engine_from_the_guides_own_folder(name: str, tmp_path: Path) -> None:
    """`guidegen build --engine X` in an author's folder whose mkdocs.yml lists the plugin (Zensical reads the
    same file without it: the adapter leaves the generator's entry out)."""
    engine = ensure_engine(engines.ENGINES[name])
    folder = tmp_path / "my-guide"
    copy_guide(MINI_GUIDE, folder / "docs")
    (folder / "mkdocs.yml").write_text(
        "site_name: My garden\n"
        "theme:\n  name: material\n  language: fr\n  font: false\n"
        "plugins:\n  - search\n  - guidegen\n"
        "markdown_extensions:\n  - attr_list\n  - admonition\n",
        encoding="utf-8",
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("GUIDE_")}
    command = [str(ROOT / ".venv" / "bin" / "guidegen"), "build", "--engine", engine.name]
    result = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(f"Engine: {engine.name} ")
    html = _html(folder / "site", WATERING)
    assert '<html lang="fr"' in html and "Water in the <strong>morning</strong>." in html
    assert "<title>Watering - My garden</title>" in html
