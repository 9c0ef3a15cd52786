"""One guide in three languages on one site (issue 29): `guidegen build` in the guide's folder builds
site/en/, site/es/ and site/ar/ and the root page; the switcher leads to the same page in another
language; a tick and an answer follow the reader; check compares the translations with the source."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from guidegen.multilingual import source_fingerprint
from tests.axe import axe_violations
from tests.helpers import ROOT, PageWatcher, author_env, serve_directory, start_tags

GUIDE = ROOT / "tests" / "guides" / "multilingual"
LANGUAGES = ("en", "es", "ar")
WATERING = "part-one/watering/"


def guidegen(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed command in the guide's folder, as an author runs it."""
    command = [sys.executable, "-m", "guidegen", *args]
    return subprocess.run(command, cwd=cwd, env=author_env(), capture_output=True, text=True, timeout=600)


def copy_of_guide(tmp_path: Path) -> Path:
    """The test guide's folder as it is kept (its mkdocs.yml and docs/), without anything a build left."""
    folder = tmp_path / "multilingual"
    shutil.copytree(GUIDE, folder, ignore=shutil.ignore_patterns("site", ".site*", "dist"))
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The guide's folder after `guidegen build` ran in it."""
    folder = copy_of_guide(tmp_path_factory.mktemp("multi"))
    result = guidegen(folder, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


@pytest.fixture(scope="module")
def site_url(built: Path) -> Iterator[str]:
    with serve_directory(built / "site") as url:
        yield url


def _html(built: Path, path: str) -> str:
    return (built / "site" / path).read_text(encoding="utf-8")


def test_one_site_with_a_folder_per_language(built: Path) -> None:
    site = built / "site"
    for language in LANGUAGES:
        for page in ("index.html", f"{WATERING}index.html", "part-one/soil/index.html", "checklists/index.html"):
            assert (site / language / page).is_file(), f"{language}/{page}"
        html = next(
            attrs for tag, attrs in start_tags(_html(built, f"{language}/{WATERING}index.html")) if tag == "html"
        )
        assert html["lang"] == language
        assert html["dir"] == ("rtl" if language == "ar" else "ltr")
        # Search per language: each build has its own index, in its own language.
        index = json.loads((site / language / "search" / "search_index.json").read_text(encoding="utf-8"))
        titles = {doc["title"] for doc in index["docs"]}
        assert {"en": "Watering", "es": "Riego", "ar": "الري"}[language] in titles
        # Material's stemmer for the language where it names one (its Arabic words name English's).
        assert index["config"]["lang"] == (["en"] if language == "ar" else [language])
    # Nothing of one language in another's folder.
    assert "Riego" in _html(built, f"es/{WATERING}index.html")
    assert "Riego" not in _html(built, f"en/{WATERING}index.html")
    assert "الري" in _html(built, f"ar/{WATERING}index.html")


def test_every_language_stores_progress_under_one_name_and_shares_item_fingerprints(built: Path) -> None:
    stores, items, questions = set(), set(), set()
    for language in LANGUAGES:
        tags = start_tags(_html(built, f"{language}/{WATERING}index.html"))
        stores |= {attrs["content"] for tag, attrs in tags if tag == "meta" and attrs.get("name") == "gg-store"}
        items.add(tuple(a["data-gg-hash"] for t, a in tags if t == "input" and "data-gg-item" in a))
        questions.add(tuple(a["data-gg-hash"] for t, a in tags if t == "form" and "data-gg-question" in a))
    assert stores == {"gardening-basics"}  # the default language's name, though each edition names itself
    assert len(items) == 1 and len(questions) == 1, (items, questions)


def test_the_switcher_and_hreflang_lead_to_the_same_page(built: Path) -> None:
    tags = start_tags(_html(built, f"es/{WATERING}index.html"))
    switcher = {a["hreflang"]: a["href"] for t, a in tags if t == "a" and "md-select__link" in a.get("class", "")}
    assert switcher == {code: f"../../../{code}/{WATERING}" for code in LANGUAGES}
    head = {a["hreflang"]: a["href"] for t, a in tags if t == "link" and a.get("rel") == "alternate"}
    assert head == switcher
    current = [a["hreflang"] for t, a in tags if t == "a" and a.get("aria-current") == "page"]
    assert current == ["es"]


def test_the_root_page_needs_no_inline_script(built: Path) -> None:
    html = _html(built, "index.html")
    tags = start_tags(html)
    scripts = [attrs for tag, attrs in tags if tag == "script"]
    assert scripts == [{"src": "choose-language.js"}]
    assert not re.search(r"<script[^>]*>[^<]+</script>", html)
    policy = next(a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    links = [(a["href"], a["lang"]) for t, a in tags if t == "a"]
    assert links == [("en/", "en"), ("es/", "es"), ("ar/", "ar")]
    assert "Choose your language" in html


@pytest.mark.parametrize(("locale", "expected"), [("es-ES", "es"), ("ar", "ar"), ("fr-FR", "en")])
def test_the_root_sends_readers_to_their_browsers_language(
    browser: object, site_url: str, locale: str, expected: str
) -> None:
    context = browser.new_context(locale=locale)  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        watcher = PageWatcher(page, site_url)
        page.goto(site_url)
        page.wait_for_url(f"{site_url}{expected}/")
        assert watcher.problems == []
    finally:
        context.close()


def test_without_scripts_the_root_goes_to_the_default(browser: object, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, locale="es-ES")  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(site_url)
        page.wait_for_url(f"{site_url}en/")
    finally:
        context.close()


def _switch(page: object, name: str) -> None:
    page.get_by_role("button", name=re.compile("language|idioma|اللغة", re.IGNORECASE)).hover()  # type: ignore[attr-defined]
    page.get_by_role("link", name=name, exact=True).click()  # type: ignore[attr-defined]


def test_the_switcher_leads_from_a_block_to_the_same_block(page: object, site_url: str) -> None:
    watcher = PageWatcher(page, site_url)
    page.goto(f"{site_url}en/{WATERING}")  # type: ignore[attr-defined]
    _switch(page, "Español")
    page.wait_for_url(f"{site_url}es/{WATERING}")  # type: ignore[attr-defined]
    expect(page.locator("h1")).to_contain_text("Riego")  # type: ignore[attr-defined]
    _switch(page, "العربية")
    page.wait_for_url(f"{site_url}ar/{WATERING}")  # type: ignore[attr-defined]
    expect(page.locator("h1")).to_contain_text("الري")  # type: ignore[attr-defined]
    assert watcher.problems == []


def test_a_tick_and_an_answer_follow_the_reader_across_languages(page: object, site_url: str) -> None:
    page.goto(f"{site_url}es/{WATERING}")  # type: ignore[attr-defined]
    page.get_by_label("Toca la tierra antes de regar.").check()  # type: ignore[attr-defined]
    form = page.locator('form[data-gg-question="watering/when"]')  # type: ignore[attr-defined]
    form.get_by_label("Temprano por la mañana", exact=True).check()
    form.get_by_role("button", name="Comprobar mi respuesta").click()
    page.goto(f"{site_url}en/{WATERING}")  # type: ignore[attr-defined]
    expect(page.get_by_label("Feel the soil before watering.")).to_be_checked()  # type: ignore[attr-defined]
    expect(page.get_by_label("Water in the morning.")).not_to_be_checked()  # type: ignore[attr-defined]
    english = page.locator('form[data-gg-question="watering/when"]')  # type: ignore[attr-defined]
    expect(english.get_by_label("Early morning", exact=True)).to_be_checked()
    page.goto(f"{site_url}ar/{WATERING}")  # type: ignore[attr-defined]
    expect(page.get_by_label("المس التربة قبل الري.")).to_be_checked()  # type: ignore[attr-defined]
    # And back: unticked in Arabic, unticked in Spanish.
    page.get_by_label("المس التربة قبل الري.").uncheck()  # type: ignore[attr-defined]
    page.goto(f"{site_url}es/{WATERING}")  # type: ignore[attr-defined]
    expect(page.get_by_label("Toca la tierra antes de regar.")).not_to_be_checked()  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_reports_nothing_in_each_language(page: object, site_url: str, language: str) -> None:
    page.goto(f"{site_url}{language}/{WATERING}")  # type: ignore[attr-defined]
    assert axe_violations(page) == []
    # The open switcher too.
    page.get_by_role("button", name=re.compile("language|idioma|اللغة", re.IGNORECASE)).hover()  # type: ignore[attr-defined]
    assert axe_violations(page) == []


def test_axe_reports_nothing_on_the_root_page(page: object, site_url: str) -> None:
    # Its script refused (as by a filter): the page stays, with its links to every language.
    page.route("**/choose-language.js", lambda route: route.abort())  # type: ignore[attr-defined]
    page.goto(site_url)  # type: ignore[attr-defined]
    expect(page.get_by_role("link", name="Español")).to_be_visible()  # type: ignore[attr-defined]
    assert page.url == site_url  # type: ignore[attr-defined]
    assert axe_violations(page) == []


# -- check: the translations against the source --------------------------------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_check_passes_the_guide_as_it_is(tmp_path: Path) -> None:
    result = guidegen(copy_of_guide(tmp_path), "check")
    assert (result.returncode, result.stdout) == (0, "No problems: 1 part and 2 blocks in docs.\n")


def test_check_reports_a_missing_item_a_missing_question_and_a_stale_translation(tmp_path: Path) -> None:
    folder = copy_of_guide(tmp_path)
    docs = folder / "docs"
    old = source_fingerprint(docs / "en", "part-one/soil.md")
    _edit(docs / "es" / "part-one" / "watering.md", "  - id: feel-soil\n    text: Toca la tierra antes de regar.\n", "")
    ar_soil = docs / "ar" / "part-one" / "soil.md"
    text = ar_soil.read_text(encoding="utf-8")
    ar_soil.write_text(text[: text.index("quiz:")] + text[text.index("---\n\n#") :], encoding="utf-8")
    _edit(docs / "en" / "part-one" / "soil.md", "Compost feeds the soil.", "Compost feeds the soil and its life.")
    new = source_fingerprint(docs / "en", "part-one/soil.md")
    result = guidegen(folder, "check")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "docs/ar/part-one/soil.md:2:8: quiz: no question 'signs' in this 'ar' translation; the source has it"
        " (docs/en/part-one/soil.md:10) (translate it here with id: signs)",
        "docs/es/part-one/watering.md:8:3: checklist: no item 'feel-soil' in this 'es' translation; the source"
        " has it (docs/en/part-one/watering.md:10) (translate it here with id: feel-soil)",
        *(
            f"docs/{code}/part-one/soil.md:5:18: translated_from: warning: the source (docs/en/part-one/soil.md)"
            f" has changed since this translation ({old}; it is now {new}): answers to its questions are not"
            " shared with the other languages until it is updated (bring the translation up to date, then set"
            f" translated_from: '{new}')"
            for code in ("ar", "es")
        ),
        "2 problems in 2 files.",
    ]
    # The build refuses the same mistakes before building anything.
    build = guidegen(folder, "build")
    assert build.returncode == 1
    assert "docs/es/part-one/watering.md:8:3: checklist: no item 'feel-soil'" in build.stderr
    assert not (folder / "site").exists()


def test_check_reports_extra_content_and_different_choices(tmp_path: Path) -> None:
    folder = copy_of_guide(tmp_path)
    watering = folder / "docs" / "es" / "part-one" / "watering.md"
    _edit(
        watering,
        "    text: Toca la tierra antes de regar.\n",
        "    text: Toca la tierra antes de regar.\n  - id: mulch\n    text: Cubre la tierra.\n",
    )
    _edit(
        watering,
        "      - text: Temprano por la mañana\n        correct: true\n",
        "      - text: Temprano por la mañana\n",
    )
    _edit(watering, "      - text: A mediodía\n", "      - text: A mediodía\n        correct: true\n")
    result = guidegen(folder, "check", "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(
        line.startswith(
            "::error file=docs/es/part-one/watering.md,line=13,col=5,title=checklist['mulch']::item 'mulch'"
        )
        for line in lines
    ), lines
    assert any(
        "title=quiz['when'].choices::the choices differ from the source's: it has 2 with number 2 right" in line
        for line in lines
    ), lines


def test_a_stale_translation_builds_and_keeps_its_answers_apart(tmp_path: Path) -> None:
    folder = copy_of_guide(tmp_path)
    _edit(
        folder / "docs" / "en" / "part-one" / "watering.md", "Water early in the day.", "Water early, before the heat."
    )
    result = guidegen(folder, "build")
    assert result.returncode == 0, result.stderr
    assert "docs/es/part-one/watering.md:6:18: translated_from: warning: the source" in result.stderr
    hashes = {}
    for code in LANGUAGES:
        tags = start_tags((folder / "site" / code / WATERING / "index.html").read_text(encoding="utf-8"))
        item = next(a["data-gg-hash"] for t, a in tags if t == "input" and a.get("data-gg-item") == "watering/morning")
        question = next(a["data-gg-hash"] for t, a in tags if t == "form" and "data-gg-question" in a)
        hashes[code] = (item, question)
    assert hashes["en"][0] == hashes["es"][0] == hashes["ar"][0]  # a tick is the same action in every language
    assert len({hashes[code][1] for code in LANGUAGES}) == 3  # an answer stays with its own text


def test_a_block_not_translated_yet_is_published_with_a_note(tmp_path: Path, browser: object) -> None:
    folder = copy_of_guide(tmp_path)
    (folder / "docs" / "es" / "part-one" / "watering.md").unlink()
    check = guidegen(folder, "check")
    assert check.returncode == 0, check.stdout
    assert check.stdout.splitlines()[0] == (
        "docs/en/part-one/watering.md:1:1: warning: block 'watering' has no 'es' translation: the 'es' edition"
        " shows this page, with a note that it is not translated yet (add docs/es/part-one/watering.md,"
        " translated, with the same file name)"
    )
    result = guidegen(folder, "build")
    assert result.returncode == 0, result.stderr
    html = (folder / "site" / "es" / WATERING / "index.html").read_text(encoding="utf-8")
    assert "Esta página aún no está traducida: se muestra en inglés." in html
    tags = start_tags(html)
    assert ("div", {"lang": "en", "dir": "ltr"}) in tags
    assert any(t == "input" and a.get("data-gg-item") == "watering/feel-soil" for t, a in tags)
    with serve_directory(folder / "site") as url:
        page = browser.new_page()  # type: ignore[attr-defined]
        try:
            page.goto(f"{url}en/{WATERING}")
            _switch(page, "Español")
            page.wait_for_url(f"{url}es/{WATERING}")
            expect(page.locator(".gg-untranslated")).to_be_visible()
            page.get_by_label("Feel the soil before watering.").check()
            assert axe_violations(page) == []
            page.goto(f"{url}ar/{WATERING}")
            expect(page.get_by_label("المس التربة قبل الري.")).to_be_checked()
        finally:
            page.close()


def test_the_offline_edition_holds_every_language(tmp_path: Path, browser: object) -> None:
    folder = copy_of_guide(tmp_path)
    result = guidegen(folder, "build", "--offline")
    assert result.returncode == 0, result.stderr
    archive = folder / "dist" / "gardening-basics-offline.zip"
    assert f"Built {archive}" in result.stderr
    with zipfile.ZipFile(archive) as bundle:
        bundle.extractall(tmp_path / "unpacked")
    root = tmp_path / "unpacked" / "gardening-basics-offline"
    assert {path.name for path in root.iterdir()} >= {"index.html", "en", "es", "ar", "choose-language.js"}
    context = browser.new_context(locale="ar")  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto((root / "index.html").as_uri())
        page.wait_for_url((root / "ar" / "index.html").as_uri())
        page.goto((root / "ar" / "part-one" / "watering.html").as_uri())
        page.get_by_label("المس التربة قبل الري.").check()
        _switch(page, "Español")
        page.wait_for_url((root / "es" / "part-one" / "watering.html").as_uri())
        expect(page.get_by_label("Toca la tierra antes de regar.")).to_be_checked()
    finally:
        context.close()


def test_new_starts_a_guide_in_several_languages_that_builds_once_filled_in(tmp_path: Path) -> None:
    from tests.test_new_guide import fill_in

    result = guidegen(tmp_path, "new", "guia", "--languages", "en,es,ar")
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "guia"
    config = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      languages: [en, es, ar]\n" in config
    names = {
        code: sorted(p.relative_to(folder / "docs" / code).as_posix() for p in (folder / "docs" / code).rglob("*.md"))
        for code in LANGUAGES
    }
    assert names["en"] == names["es"] == names["ar"]  # the same file names: the same block ids
    for code in LANGUAGES:
        fill_in(folder / "docs" / code, code)
    check = guidegen(folder, "check")
    assert check.returncode == 0, check.stdout
    build = guidegen(folder, "build")
    assert build.returncode == 0, build.stderr
    assert all((folder / "site" / code / "index.html").is_file() for code in LANGUAGES)


def test_new_language_copies_the_source_to_translate(tmp_path: Path) -> None:
    folder = copy_of_guide(tmp_path)
    result = guidegen(folder, "new-language", "fr")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Wrote docs/fr: a copy of docs/en. Translate every text, keeping the file names and ids; then add to each"
        " block translated_from with the value guidegen check names.",
        "Added fr to languages in mkdocs.yml.",
    ]
    assert "      languages: [en, es, ar, fr]\n" in (folder / "mkdocs.yml").read_text(encoding="utf-8")
    assert (folder / "docs" / "fr" / "part-one" / "watering.md").read_text(encoding="utf-8") == (
        folder / "docs" / "en" / "part-one" / "watering.md"
    ).read_text(encoding="utf-8")
    check = guidegen(folder, "check")
    assert check.returncode == 0
    assert "docs/fr/part-one/watering.md:1:1: warning: not marked as translated from the current source" in check.stdout
    again = guidegen(folder, "new-language", "fr")
    assert (again.returncode, again.stderr) == (
        1,
        "error: 'fr' is already one of this guide's languages (en, es, ar, fr)\n",
    )


def test_with_site_url_hreflang_is_a_full_address_and_the_links_stay_relative(tmp_path: Path) -> None:
    folder = copy_of_guide(tmp_path)
    config = folder / "mkdocs.yml"
    _edit(config, 'site_name: ""\n', 'site_name: ""\nsite_url: https://example.org/garden/\n')
    result = guidegen(folder, "build")
    assert result.returncode == 0, result.stderr
    tags = start_tags((folder / "site" / "es" / WATERING / "index.html").read_text(encoding="utf-8"))
    head = {a["hreflang"]: a["href"] for t, a in tags if t == "link" and a.get("rel") == "alternate"}
    assert head == {code: f"https://example.org/garden/{code}/{WATERING}" for code in LANGUAGES}
    switcher = {a["hreflang"]: a["href"] for t, a in tags if t == "a" and "md-select__link" in a.get("class", "")}
    assert switcher == {code: f"../../../{code}/{WATERING}" for code in LANGUAGES}
    root = start_tags((folder / "site" / "index.html").read_text(encoding="utf-8"))
    assert [a["href"] for t, a in root if t == "a"] == ["en/", "es/", "ar/"]
    assert [a["href"] for t, a in root if t == "link" and a.get("hreflang")] == [
        "https://example.org/garden/en/",
        "https://example.org/garden/es/",
        "https://example.org/garden/ar/",
        "https://example.org/garden/",
    ]
    assert (folder / "site" / "404.html").is_file()


def test_the_root_page_and_a_page_of_each_language_are_valid_html(built: Path) -> None:
    from tests.test_html_valid import vnu_errors

    site = built / "site"
    pages = [site / "index.html", *(site / code / WATERING / "index.html" for code in LANGUAGES)]
    assert vnu_errors(pages, site) == []
