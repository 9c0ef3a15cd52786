"""Instant navigation with the default empty site_url, at the root of a host and in a subfolder.

Material 9.8 navigates instantly only to addresses listed in sitemap.xml, read
as absolute URLs; theme/sitemap.xml lists the pages relative to the site's root
when there is no site_url, and assets/guide/instant.js resolves them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from guidegen.deploy import NO_SITE_URL
from tests.helpers import MINI_GUIDE, ROOT, BuildResult, PageWatcher, build, mkdocs_env, serve_directory

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
MORNING = "Water in the morning."


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The mini guide built as scripts/build does by default: no GUIDE_SITE_URL."""
    result = build(tmp_path_factory.mktemp("plain") / "site", MINI_GUIDE, GUIDE_SITE_URL="")
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module", params=["root", "subfolder"])
def served(
    request: pytest.FixtureRequest, plain_site: BuildResult, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The same build served at the root of a host, and copied into /garden/guide/ of another."""
    if request.param == "root":
        with serve_directory(plain_site.site_dir) as url:
            yield url
        return
    host = tmp_path_factory.mktemp("host")
    shutil.copytree(plain_site.site_dir, host / "garden" / "guide")
    with serve_directory(host) as url:
        yield url + "garden/guide/"


def test_the_sitemap_lists_every_page_relative_to_the_root(plain_site: BuildResult) -> None:
    tree = ET.parse(plain_site.site_dir / "sitemap.xml")
    locations = [loc.text for loc in tree.iter(f"{SITEMAP_NS}loc")]
    assert locations[0] == "./"
    assert {"./part-one/soil/", "./part-one/watering/", "./checklists/", "./quiz/"} <= set(locations)
    assert all(loc and loc.startswith("./") and loc.endswith("/") for loc in locations), locations
    for loc in locations:
        assert (plain_site.site_dir / loc / "index.html").is_file(), loc


def test_with_a_site_url_the_sitemap_is_mkdocs_own(tmp_path: Path) -> None:
    result = build(tmp_path / "site", MINI_GUIDE, GUIDE_SITE_URL="https://example.org/garden/")
    assert result.returncode == 0, result.output
    tree = ET.parse(tmp_path / "site" / "sitemap.xml")
    locations = [loc.text or "" for loc in tree.iter(f"{SITEMAP_NS}loc")]
    assert locations[0] == "https://example.org/garden/"
    assert all(loc.startswith("https://example.org/garden/") for loc in locations), locations


def test_clicking_a_nav_link_loads_the_page_instantly_and_starts_its_scripts(page: object, served: str) -> None:
    watcher = PageWatcher(page, served)
    page.goto(served + "part-one/soil/", wait_until="networkidle")  # type: ignore[attr-defined]
    page.evaluate("window.ggSamePage = true")  # type: ignore[attr-defined]
    page.locator(".md-nav--primary").get_by_role("link", name="Watering", exact=True).click()  # type: ignore[attr-defined]
    expect(page).to_have_url(re.compile(re.escape(served) + r"part-one/watering/$"))  # type: ignore[arg-type]
    expect(page.locator("h1")).to_contain_text("Watering")  # type: ignore[attr-defined]
    assert page.evaluate("window.ggSamePage") is True, "a full page load, not instant navigation"  # type: ignore[attr-defined]
    # The new page's checklist was started through document$: it counts and saves ticks.
    progress = page.locator('.md-content [data-gg-progress="watering"] .gg-progress__text')  # type: ignore[attr-defined]
    expect(progress).to_have_text("0 of 2 done")
    page.get_by_label(MORNING).check()  # type: ignore[attr-defined]
    expect(progress).to_have_text("1 of 2 done")
    # Back is instant too, and the soil page's quiz works again.
    page.go_back()  # type: ignore[attr-defined]
    expect(page.locator("h1")).to_contain_text("Soil")  # type: ignore[attr-defined]
    assert page.evaluate("window.ggSamePage") is True  # type: ignore[attr-defined]
    form = page.locator('form[data-gg-question="soil/signs"]')  # type: ignore[attr-defined]
    form.get_by_label("A grey crust", exact=True).check()
    form.get_by_role("button", name="Check my answer").click()
    expect(form.locator(".gg-question__result")).to_contain_text("Not quite.")
    assert watcher.problems == []


def test_scripts_build_says_once_why_the_404_page_needs_the_site_url(tmp_path: Path) -> None:
    env = mkdocs_env(MINI_GUIDE, GUIDE_SITE_DIR=str(tmp_path / "site"))
    env.pop("GUIDE_SITE_URL", None)
    plain = subprocess.run([str(ROOT / "scripts" / "build")], env=env, capture_output=True, text=True, timeout=300)
    assert plain.returncode == 0, plain.stderr
    assert plain.stderr.splitlines().count(NO_SITE_URL) == 1
    assert "No GUIDE_SITE_URL" not in plain.stdout
    env["GUIDE_SITE_URL"] = "https://example.org/garden/"
    addressed = subprocess.run([str(ROOT / "scripts" / "build")], env=env, capture_output=True, text=True, timeout=300)
    assert addressed.returncode == 0, addressed.stderr
    assert "GUIDE_SITE_URL" not in addressed.stdout + addressed.stderr
