"""The catalogs of the generator's words: complete, consistent, used everywhere."""

from __future__ import annotations

import json
import re

import pytest

from guidegen.i18n import available_languages, check_catalog, load_catalog, plural_forms
from tests.helpers import ROOT, BuildResult


@pytest.mark.parametrize("language", available_languages())
def test_every_catalog_has_every_key_form_and_placeholder(language: str) -> None:
    assert check_catalog(language) == []


def test_plural_forms_follow_cldr() -> None:
    catalog = load_catalog("en")
    assert catalog.text("checklist.items", count=1) == "1 item"
    assert catalog.text("checklist.items", count=2) == "2 items"
    assert catalog.text("checklist.items", count=1000) == "1,000 items"  # Babel writes the number
    assert plural_forms("ar") == ["zero", "one", "two", "few", "many", "other"]


def test_values_are_escaped_in_html_but_markup_is_kept() -> None:
    catalog = load_catalog("en")
    assert str(catalog.markup("nav.part", number=1, title="<b>")) == "Part 1: &lt;b&gt;"


def test_templates_and_scripts_hold_no_words_of_their_own() -> None:
    # Text between tags in the generator's templates is a t()/gg_t() call, never words.
    for path in [*(ROOT / "guidegen" / "templates").glob("*.html"), ROOT / "theme" / "404.html"]:
        text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        words = [m for m in re.findall(r">([^<>{}]*[A-Za-z]{2,}[^<>{}]*)<", text) if m.strip()]
        assert words == [], f"{path.name}: {words}"
    for path in (ROOT / "theme" / "assets" / "guide").glob("*.js"):
        code = re.sub(r"/\*.*?\*/|//[^\n]*", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        sentences = re.findall(r'"([A-Z][a-z]+ [^"]*)"', code)
        assert sentences == [], f"{path.name}: {sentences}"


def test_pages_carry_the_scripts_strings_as_data(mini_site: BuildResult) -> None:
    html = (mini_site.site_dir / "part-one" / "watering" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="gg-strings">(.*?)</script>', html, re.DOTALL)
    assert block is not None
    data = json.loads(block.group(1))
    assert data["lang"] == "en"
    assert data["strings"]["js.checklist.progress"] == "{done} of {total} done"
    assert all(key.startswith("js.") for key in data["strings"])
