"""axe-core runs in the real browser (the accessibility gate builds on this)."""

from __future__ import annotations

from tests.axe import axe_violations


def test_axe_runs_on_a_page(page: object, mini_url: str) -> None:
    page.goto(mini_url + "part-one/soil/")  # type: ignore[attr-defined]
    result = axe_violations(page)
    assert isinstance(result, list)
