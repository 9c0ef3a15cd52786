"""The catalogs of the generator's words: complete, consistent, used everywhere."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from guidegen.i18n import available_languages, check_catalog, load_catalog, plural_forms
from tests.helpers import MINI_GUIDE, ROOT, BuildResult, build, copy_guide, serve_directory


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
    for path in [*(ROOT / "guidegen" / "templates").glob("*.html"), ROOT / "guidegen" / "theme" / "404.html"]:
        text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        words = [m for m in re.findall(r">([^<>{}]*[A-Za-z]{2,}[^<>{}]*)<", text) if m.strip()]
        assert words == [], f"{path.name}: {words}"
    for path in (ROOT / "guidegen" / "theme" / "assets" / "guide").glob("*.js"):
        code = re.sub(r"/\*.*?\*/|//[^\n]*", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        sentences = re.findall(r'"([A-Z][a-z]+ [^"]*)"', code)
        assert sentences == [], f"{path.name}: {sentences}"


def test_pages_carry_the_scripts_strings_as_data(mini_site: BuildResult) -> None:
    html = (mini_site.site_dir / "part-one" / "watering" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script[^>]*\bid="?gg-strings"?[^>]*>(.*?)</script>', html, re.DOTALL)
    assert block is not None
    data = json.loads(block.group(1))
    assert data["lang"] == "en"
    assert data["strings"]["js.checklist.progress"] == "{done} of {total} done"
    assert all(key.startswith("js.") for key in data["strings"])


# --- the author's own words (guide.strings in the home page) -------------------


def _guide_with_strings(tmp_path: Path, strings: str) -> Path:
    guide = copy_guide(MINI_GUIDE, tmp_path / "guide")
    home = guide / "index.md"
    text = home.read_text(encoding="utf-8")
    settings = "  safety_page: safety.md\n"
    home.write_text(text.replace(settings, settings + "  strings:\n" + strings), encoding="utf-8")
    return guide


def test_an_author_changes_strings_on_pages_and_in_scripts(tmp_path: Path, page: object) -> None:
    from playwright.sync_api import expect

    strings = (
        "    block.checklist_heading: Your to-do list\n"
        "    js.quiz.right: Spot on.\n"
        "    checklist.items:\n"
        '      one: "a single step"\n'
        '      other: "{count} steps"\n'
    )
    result = build(tmp_path / "site", _guide_with_strings(tmp_path, strings))
    assert result.returncode == 0, result.output
    html = (result.site_dir / "part-one" / "watering" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="your-checklist">Your to-do list</h2>' in html
    assert ">2 steps</span>" in html
    soil = (result.site_dir / "part-one" / "soil" / "index.html").read_text(encoding="utf-8")
    assert ">a single step</span>" in soil
    with serve_directory(result.site_dir) as url:
        page.goto(url + "part-one/watering/")  # type: ignore[attr-defined]
        expect(page.locator("nav.md-nav--secondary").last).to_contain_text("Your to-do list")  # type: ignore[attr-defined]
        form = page.locator("form.gg-question").first  # type: ignore[attr-defined]
        form.locator("label", has_text="Early morning").click()
        form.locator(".gg-question__check").click()
        expect(form.locator(".gg-question__result")).to_contain_text("✓ Spot on.")


def test_a_typo_in_a_string_key_fails_with_its_line_and_a_suggestion(tmp_path: Path) -> None:
    strings = '    checklist.itmes: "{count} steps"\n    js.checklist.progress: "{done} of {totl} ticked"\n'
    guide = _guide_with_strings(tmp_path, strings)
    result = build(tmp_path / "site", guide)
    assert result.returncode != 0
    home = guide / "index.md"
    assert (
        f"ERROR   -  {home}:6:5: guide.strings.checklist.itmes: no such string in the generator's catalog"
        " (did you mean 'checklist.items'?)"
    ) in result.output
    assert (
        f"ERROR   -  {home}:7:28: guide.strings.js.checklist.progress: uses {{totl}}, which this string does not have"
        " (it has: {done}, {total}) (in English it reads: {done} of {total} done)"
    ) in result.output
    assert f"{home}:7:28: guide.strings.js.checklist.progress: leaves out {{total}}" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "site").exists()


def test_plural_forms_are_checked_for_the_guides_language(tmp_path: Path) -> None:
    strings = '    checklist.items:\n      one: "un paso"\n      few: "{count} pasos"\n      other: "pasos"\n'
    guide = _guide_with_strings(tmp_path, strings)
    result = build(tmp_path / "site", guide, GUIDE_LANGUAGE="es")
    assert result.returncode != 0
    home = guide / "index.md"
    assert (
        f"{home}:7:7: guide.strings.checklist.items: has plural form 'few', which es does not have"
        " (it has: one, many, other)"
    ) in result.output
    assert f"{home}:9:14: guide.strings.checklist.items: form 'other' leaves out {{count}}" in result.output
    # scripts/check reads the language the build uses, so it finds the same two problems.
    from tests.test_check_script import run_check

    checked = run_check(tmp_path, str(guide), GUIDE_LANGUAGE="es")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "guide.strings.checklist.items: has plural form 'few', which es does not have" in checked.stdout
    assert "guide.strings.checklist.items: form 'other' leaves out {count}" in checked.stdout


def test_a_language_with_no_catalog_warns_once_and_fails_under_strict(tmp_path: Path) -> None:
    result = build(tmp_path / "site", MINI_GUIDE, GUIDE_LANGUAGE="it")
    warning = "No catalog of the generator's words for language 'it': they stay in English"
    assert result.output.count(warning) == 1, result.output
    assert result.returncode != 0 and "strict mode" in result.output
