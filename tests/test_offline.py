"""The offline edition: `scripts/build --offline` writes a zip that works from file:// with no network."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.helpers import DOCS, ENGINE, PageWatcher, attribute_values, build_offline_edition

EDITION = "trust-again-offline"


@pytest.fixture(scope="module")
def offline_edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped guide's offline zip, built the way scripts/build does, unzipped."""
    work = tmp_path_factory.mktemp("offline")
    result = build_offline_edition(DOCS, work)
    assert result.returncode == 0, result.stderr
    assert f"unzip it and open {EDITION}/index.html" in result.stderr
    assert (work / "site" / "index.html").is_file()  # the online site is built too
    archive = work / "dist" / f"{EDITION}.zip"
    assert sorted(path.name for path in archive.parent.iterdir() if not path.name.startswith(".")) == [archive.name]
    with zipfile.ZipFile(archive) as bundle:
        assert {name.split("/")[0] for name in bundle.namelist()} == {EDITION}
        bundle.extractall(work / "unzipped")
    return work / "unzipped" / EDITION


def test_offline_pages_link_to_html_files(offline_edition: Path) -> None:
    html = (offline_edition / "index.html").read_text(encoding="utf-8")
    hrefs = attribute_values(html, "href")
    assert "part-1/honesty.html" in hrefs or "part-1/index.html" in hrefs
    assert not (offline_edition / "part-1" / "honesty").is_dir()


def test_offline_edition_works_from_file_with_no_network(offline_edition: Path, context: object, page: object) -> None:
    blocked: list[str] = []

    def only_files(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith("file:"):
            route.continue_()  # type: ignore[attr-defined]
        else:
            blocked.append(url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", only_files)  # type: ignore[attr-defined]
    context.set_offline(True)  # type: ignore[attr-defined]
    watcher = PageWatcher(page, "file:///")
    home = offline_edition.as_uri() + "/index.html"
    page.goto(home)  # type: ignore[attr-defined]
    assert page.locator("h1").first.is_visible()  # type: ignore[attr-defined]

    # Pages: follow a real link to a block page.
    page.locator("a[href$='honesty.html']").first.click()  # type: ignore[attr-defined]
    page.wait_for_url("**/part-1/honesty.html")  # type: ignore[attr-defined]
    page.wait_for_load_state("load")  # type: ignore[attr-defined]

    # Checklists: a tick survives a reload (localStorage works on file://).
    box = page.locator("input[data-gg-item]").first  # type: ignore[attr-defined]
    box_id = box.get_attribute("id")
    box.check()
    page.reload()  # type: ignore[attr-defined]
    assert page.locator(f"#{box_id}").is_checked()  # type: ignore[attr-defined]

    # Quizzes: checking an answer shows a result.
    form = page.locator("form.gg-question").first  # type: ignore[attr-defined]
    form.locator("input").first.check()
    form.locator("button.gg-question__check").click()
    result = form.locator(".gg-question__result")
    page.wait_for_function("(el) => el.textContent.trim() !== ''", arg=result.element_handle())  # type: ignore[attr-defined]

    # Search: the index is a local script and the worker runs in an iframe shim.
    if ENGINE.name == "zensical":
        # Zensical's own search: a button opens a dialog whose results are the options of a listbox.
        page.locator(".md-search__button").click()  # type: ignore[attr-defined]
        page.locator("dialog input[role=combobox]").press_sequentially("trust", delay=50)  # type: ignore[attr-defined]
        first = page.locator("dialog [role=listbox] a[role=option]").first  # type: ignore[attr-defined]
    else:
        page.locator("label.md-search__icon, .md-search__input").first.click()  # type: ignore[attr-defined]
        page.locator("input.md-search__input").press_sequentially("trust", delay=50)  # type: ignore[attr-defined]
        first = page.locator(".md-search-result__item a").first  # type: ignore[attr-defined]
    first.wait_for()
    assert first.get_attribute("href").startswith("file://")
    first.click()
    page.wait_for_url("**/*.html*")  # type: ignore[attr-defined]
    assert page.locator("h1").first.is_visible()  # type: ignore[attr-defined]

    assert blocked == []
    assert watcher.problems == []
