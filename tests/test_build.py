"""The real mkdocs builds the shipped guide and the second test guide."""

from __future__ import annotations

import re

from tests.helpers import BuildResult, attribute_values


def test_guide_builds_strict_without_warnings(guide_site: BuildResult) -> None:
    assert "WARNING" not in guide_site.output
    assert (guide_site.site_dir / "index.html").is_file()
    assert (guide_site.site_dir / "checklists" / "index.html").is_file()
    assert (guide_site.site_dir / "quiz" / "index.html").is_file()


def test_second_guide_builds_with_no_code_change(mini_site: BuildResult) -> None:
    assert "WARNING" not in mini_site.output
    soil = (mini_site.site_dir / "part-one" / "soil" / "index.html").read_text(encoding="utf-8")
    assert "soil/compost" in attribute_values(soil, "data-gg-item")
    assert (mini_site.site_dir / "checklists" / "watering" / "index.html").is_file()


def test_navigation_follows_part_and_order(mini_site: BuildResult) -> None:
    home = (mini_site.site_dir / "index.html").read_text(encoding="utf-8")
    nav = home[re.search(r'class="?md-nav__list"?[ >]', home).start() :]  # type: ignore[union-attr]
    assert nav.index("Part 1: Getting started") < nav.index("Soil") < nav.index("Watering")


def test_safety_page_comes_before_the_first_part(guide_site: BuildResult, mini_site: BuildResult) -> None:
    for site, safety, first_part in (
        (guide_site, "When to step back", "Part 1: Why trust comes first"),
        (mini_site, "Safety first", "Part 1: Getting started"),
    ):
        home = (site.site_dir / "index.html").read_text(encoding="utf-8")
        nav = home[re.search(r'class="?md-nav__list"?[ >]', home).start() :]  # type: ignore[union-attr]
        assert nav.index(safety) < nav.index(first_part), site.site_dir
