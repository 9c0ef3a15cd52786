"""Block pages print as clean articles, and the print buttons lead to a printout.

The article test builds a copy of the small guide with what the shipped guide
lacks (a collapsible note, an external link) so that both are really printed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import MINI_GUIDE, BuildResult, PageWatcher, build, copy_guide, serve_directory
from tests.test_print import flat, lines, pdf_text

NOTE = "Sieve it first if it is lumpy, and keep it moist."
EXPLANATION = "Life and structure show healthy soil."


@pytest.fixture(scope="module")
def article_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    docs = copy_guide(MINI_GUIDE, tmp_path_factory.mktemp("print-article") / "docs")
    soil = docs / "part-one" / "soil.md"
    soil.write_text(
        soil.read_text(encoding="utf-8")
        + '\n??? note "How to spread it"\n\n    '
        + NOTE
        + "\n\nSee [the compost guide](https://example.org/compost) and [watering](watering.md).\n",
        encoding="utf-8",
    )
    result = build(docs.parent / "site", docs)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def article_url(article_site: BuildResult) -> Iterator[str]:
    with serve_directory(article_site.site_dir) as url:
        yield url


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_block_page_prints_as_a_clean_article(
    browser: object, article_url: str, tmp_path: Path, javascript: bool
) -> None:
    context = browser.new_context(java_script_enabled=javascript)  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(f"{article_url}part-one/soil/", wait_until="networkidle")
        assert page.get_by_text(NOTE).is_hidden(), "the note is collapsed on screen"
        assert page.get_by_text(EXPLANATION).is_hidden()
        nav = {flat(text) for text in page.locator(".md-nav__link").all_inner_texts() if text.strip()}
        assert "Watering" in nav
        pdf = tmp_path / "soil.pdf"
        page.pdf(path=str(pdf), format="A4")
    finally:
        context.close()

    text = pdf_text(pdf)
    printed = flat(text)
    assert "Compost feeds the soil." in printed
    assert NOTE in printed, "every <details> prints open"
    assert "Add compost each spring." in printed, "the checklist prints"
    assert "Which are signs of healthy soil?" in printed and "Earthworms" in printed, "the quiz prints"
    assert EXPLANATION not in printed and "Show answer" not in printed, "quiz answers stay closed"
    assert "the compost guide (https://example.org/compost)" in printed, "external links show their target"
    assert "watering (" not in printed and "127.0.0.1" not in printed, "internal links print as text only"
    leaked = [
        label
        for label in ("Skip to content", "Type to start searching", "Print this checklist", "Check my answer")
        if label in printed
    ]
    assert leaked == []
    assert "Watering" not in lines(text), "no navigation"


def test_print_link_on_a_block_page_opens_the_print_dialog_on_the_sheet(page: object, guide_url: str) -> None:
    watcher = PageWatcher(page, guide_url)
    # Count print dialogs instead of opening one.
    page.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")  # type: ignore[attr-defined]
    page.goto(f"{guide_url}part-2/patience/", wait_until="networkidle")  # type: ignore[attr-defined]
    link = page.get_by_role("link", name="Print this checklist")  # type: ignore[attr-defined]
    assert link.get_attribute("href").endswith("checklists/patience/#print")
    page.get_by_label("Print with my ticks").check()  # type: ignore[attr-defined]
    assert link.get_attribute("href").endswith("#print-ticks")
    link.click()
    page.wait_for_url("**/checklists/patience/")  # type: ignore[attr-defined]
    page.wait_for_function("() => window.__printed === 1")  # type: ignore[attr-defined]
    assert page.get_by_label("Print with my ticks").is_checked()  # type: ignore[attr-defined]
    assert page.evaluate("location.hash") == "", "reloading does not print again"  # type: ignore[attr-defined]
    page.get_by_role("button", name="Print this checklist").click()  # type: ignore[attr-defined]
    page.wait_for_function("() => window.__printed === 2")  # type: ignore[attr-defined]
    assert watcher.problems == []


def test_print_link_works_as_a_plain_link_without_javascript(browser: object, guide_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(f"{guide_url}part-2/patience/")
        assert (
            page.get_by_label("Print with my ticks").count() == 0
            or page.get_by_label("Print with my ticks").is_hidden()
        )
        page.get_by_role("link", name="Print this checklist").click()
        page.wait_for_url("**/checklists/patience/#print")
        assert page.locator("h1").inner_text().startswith("Patience")
        assert page.get_by_role("button", name="Print this checklist").count() == 0, "no button that cannot work"
    finally:
        context.close()


def test_print_controls_pass_axe(page: object, guide_url: str) -> None:
    from tests.axe import axe_violations

    for path in ("part-2/patience/", "checklists/patience/"):
        page.goto(f"{guide_url}{path}", wait_until="networkidle")  # type: ignore[attr-defined]
        assert page.locator(".gg-print").is_visible()  # type: ignore[attr-defined]
        assert axe_violations(page, ".gg-print") == [], path


def test_sheet_prints_the_site_url_address_when_one_is_set(
    browser: object, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    site = tmp_path_factory.mktemp("print-site-url") / "site"
    result = build(site, MINI_GUIDE, GUIDE_SITE_URL="https://example.org/garden/")
    assert result.returncode == 0, result.output
    context = browser.new_context()  # type: ignore[attr-defined]
    try:
        with serve_directory(site) as url:
            page = context.new_page()
            page.goto(f"{url}checklists/soil/", wait_until="networkidle")
            pdf = tmp_path / "soil.pdf"
            page.pdf(path=str(pdf), format="Letter")
    finally:
        context.close()
    assert "Online: https://example.org/garden/checklists/soil/" in flat(pdf_text(pdf))
