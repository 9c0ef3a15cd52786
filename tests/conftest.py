"""Shared fixtures: one real build of the guide per session, a local server, a real Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import CHROMIUM, CHROMIUM_ARGS, DOCS, MINI_GUIDE, BuildResult, build, serve_directory

IN_CI = bool(os.environ.get("CI"))


@pytest.fixture(scope="session")
def guide_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The shipped guide, built once with the real mkdocs --strict."""
    result = build(tmp_path_factory.mktemp("guide") / "site", DOCS)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The small second guide under tests/guides/mini, built the same way."""
    result = build(tmp_path_factory.mktemp("mini") / "site", MINI_GUIDE)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def guide_url(guide_site: BuildResult) -> Iterator[str]:
    with serve_directory(guide_site.site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def mini_url(mini_site: BuildResult) -> Iterator[str]:
    with serve_directory(mini_site.site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright. Skips outside CI when it is missing."""
    if not CHROMIUM.exists():
        message = "Chromium not found at /usr/bin/chromium: install it with 'apt-get install chromium'"
        if IN_CI:
            pytest.fail(message + " (CI is set, so browser tests may not be skipped)")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def context(browser: object) -> Iterator[object]:
    ctx = browser.new_context()  # type: ignore[attr-defined]
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: object) -> Iterator[object]:
    yield context.new_page()  # type: ignore[attr-defined]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "docs" in item.fixturenames and not DOCS.is_dir():
            item.add_marker(pytest.mark.skip(reason="no docs/ folder"))


@pytest.fixture
def docs_dir() -> Path:
    return DOCS
