"""A guide in another language, as an outsider would write one.

The Spanish test guide (tests/guides/es) is built with GUIDE_LANGUAGE=es, de,
fr and ar. None of the generator's English words may show, on any page or at
runtime after ticking and answering; saving, quiz verdicts, axe and printing
work as in English; Arabic lays everything out right to left.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from guidegen.i18n import Entry, catalog_path, read_catalog
from tests.axe import axe_violations
from tests.helpers import ROOT, BuildResult, build, serve_directory
from tests.test_a11y import _interact, _open
from tests.test_print import pdf_pages, pdf_text, poppler, print_pdf  # noqa: F401  (poppler: autouse fixture)

SPANISH_GUIDE = ROOT / "tests" / "guides" / "es"
SITE_NAME = "Huerto en casa"
TRANSLATED = ("es", "de", "fr")
BLOCK = "primera-parte/riego/"
SELECT_ALL_BLOCK = "primera-parte/suelo/"


# --- the generator's English words ------------------------------------------


def _texts(entry: Entry) -> list[str]:
    return list(entry.values()) if isinstance(entry, dict) else [entry]


def _phrases(text: str) -> set[str]:
    """The literal pieces of a catalog string between its placeholders, trimmed of punctuation."""
    found = set()
    for piece in re.split(r"\{\w+\}", text):
        phrase = piece.strip(" \u00a0.,:;!?()“”«»„—\u2013-✓✗'\"")
        if re.search(r"[A-Za-z]{3,}", phrase):
            found.add(phrase)
    return found


def english_phrases(language: str) -> set[str]:
    """Every phrase of the English catalog that the language's own catalog does not also use."""
    own = {p for entry in read_catalog(catalog_path(language)).values() for t in _texts(entry) for p in _phrases(t)}
    english = read_catalog(catalog_path("en"))
    return {p for entry in english.values() for t in _texts(entry) for p in _phrases(t)} - own


def english_found(text: str, language: str) -> list[str]:
    return sorted(p for p in english_phrases(language) if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text))


class _ReaderText(HTMLParser):
    """What a reader can see or hear: text outside scripts and styles, titles and labels."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        self.parts += [
            value for name, value in attrs if name in ("aria-label", "title", "placeholder", "alt") and value
        ]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def reader_text(html: str) -> str:
    parser = _ReaderText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def test_the_english_phrases_are_really_found() -> None:
    # The check above cannot pass by accident: it finds the words on an English page.
    english = reader_text("<p>Your checklist</p><p>0 of 2 done</p><button aria-label='Undo reset'></button>")
    assert english_found(english, "es") == ["Undo reset", "Your checklist", "checklist", "done"]


# --- builds -------------------------------------------------------------------


def _build(tmp_path_factory: pytest.TempPathFactory, language: str) -> BuildResult:
    site = tmp_path_factory.mktemp(f"es-guide-{language}") / "site"
    result = build(site, SPANISH_GUIDE, GUIDE_LANGUAGE=language, GUIDE_SITE_NAME=SITE_NAME)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BuildResult]:
    return {language: _build(tmp_path_factory, language) for language in (*TRANSLATED, "ar")}


@pytest.fixture(scope="module")
def served(sites: dict[str, BuildResult]) -> Iterator[dict[str, str]]:
    """Each build served from its own server root, as a host would."""
    from contextlib import ExitStack

    with ExitStack() as stack:
        yield {language: stack.enter_context(serve_directory(site.site_dir)) for language, site in sites.items()}


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_english_word_of_the_generator_on_any_page(sites: dict[str, BuildResult], language: str) -> None:
    pages = _pages(sites[language].site_dir)
    assert len(pages) >= 8
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert f'<html lang="{language}" dir="ltr"' in html, path
        found = english_found(reader_text(html), language)
        assert found == [], f"{path.relative_to(sites[language].site_dir)} says in English: {found}"


# --- in the browser -------------------------------------------------------------


def _use(page: object, base: str) -> None:
    """Tick an item, answer one question wrongly and a select-all question half right."""
    page.goto(base + BLOCK)  # type: ignore[attr-defined]
    page.locator("input[data-gg-item]").first.check()  # type: ignore[attr-defined]
    form = page.locator("form.gg-question").first  # type: ignore[attr-defined]
    form.locator(".gg-choice input").first.check()
    form.locator(".gg-question__check").click()
    page.locator(".gg-question__result p").first.wait_for()  # type: ignore[attr-defined]


def _visible_text(page: object) -> str:
    labels = page.evaluate(  # type: ignore[attr-defined]
        """() => [...document.querySelectorAll('[aria-label], [title], [placeholder]')]
            .map(e => [e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('placeholder')].join(' '))
            .join(' ')"""
    )
    return " ".join((page.inner_text("body") + " " + labels).split())  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_english_word_at_runtime_after_ticking_and_answering(
    page: object, served: dict[str, str], language: str
) -> None:
    base = served[language]
    _use(page, base)
    found = english_found(_visible_text(page), language)
    assert found == [], f"block page says in English: {found}"
    page.goto(base + SELECT_ALL_BLOCK)  # type: ignore[attr-defined]
    form = page.locator("form.gg-question").first  # type: ignore[attr-defined]
    form.locator(".gg-choice input").first.check()
    form.locator(".gg-question__check").click()
    page.locator(".gg-result__missed").wait_for()  # type: ignore[attr-defined]
    page.locator("input[data-gg-item]").first.check()  # type: ignore[attr-defined]
    page.locator(".gg-toolbar [data-gg-reset]").click()  # type: ignore[attr-defined]
    found = english_found(_visible_text(page), language)
    assert found == [], f"select-all answer says in English: {found}"
    for path in ("checklists/", "quiz/", ""):
        page.goto(base + path)  # type: ignore[attr-defined]
        page.locator(".gg-progress__bar:not([hidden]), .gg-score").first.wait_for()  # type: ignore[attr-defined]
        found = english_found(_visible_text(page), language)
        assert found == [], f"/{path} says in English: {found}"


def test_spanish_ticks_are_saved_and_verdicts_read_in_spanish(page: object, served: dict[str, str]) -> None:
    from playwright.sync_api import expect

    base = served["es"]
    _use(page, base)
    result = page.locator(".gg-question__result")  # type: ignore[attr-defined]
    expect(result).to_contain_text("✗ No del todo.")
    expect(result).to_contain_text("Elegiste «A mediodía»: El sol evapora el agua.")
    expect(page.locator(".gg-choice", has_text="A mediodía")).to_contain_text("✗ incorrecta")  # type: ignore[attr-defined]
    page.reload()  # type: ignore[attr-defined]
    expect(page.locator("input[data-gg-item]").first).to_be_checked()  # type: ignore[attr-defined]
    expect(page.locator(".gg-checklist .gg-progress__text").first).to_have_text("Hechos: 1 de 2")  # type: ignore[attr-defined]
    expect(result).to_contain_text("✗ No del todo.")  # the saved answer, shown again

    page.goto(base + SELECT_ALL_BLOCK)  # type: ignore[attr-defined]
    form = page.locator("form.gg-question").first  # type: ignore[attr-defined]
    form.get_by_label("Lombrices", exact=True).check()
    form.locator(".gg-question__check").click()
    expect(form.locator(".gg-result__missed")).to_have_text("Te faltó marcar «Textura suelta».")
    form.locator(".gg-question__retry").click()
    for label in ("Lombrices", "Textura suelta"):
        form.get_by_label(label, exact=True).check()
    form.locator(".gg-question__check").click()
    expect(form.locator(".gg-question__result")).to_contain_text("✓ ¡Correcto!")
    page.goto(base + "quiz/")  # type: ignore[attr-defined]
    expect(page.locator(".gg-score--total .gg-score__text")).to_have_text("2 de 2 respondidas, 1 correcta")  # type: ignore[attr-defined]
    expect(page.locator(".gg-score--total .gg-score__label")).to_have_text("En toda la guía:")  # type: ignore[attr-defined]


def test_spanish_plurals_follow_cldr(page: object, served: dict[str, str]) -> None:
    from playwright.sync_api import expect

    page.goto(served["es"] + "checklists/")  # type: ignore[attr-defined]
    page.locator("input[data-gg-item]").first.check()  # type: ignore[attr-defined]
    reset = page.locator("[data-gg-reset]").first  # type: ignore[attr-defined]
    reset.click()
    status = page.locator(".gg-checklist__status").first  # type: ignore[attr-defined]
    expect(status).to_have_text("Lista reiniciada: se ha desmarcado 1 paso. «Deshacer el reinicio» lo recupera.")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_spanish_pages_are_axe_clean_after_use(page: object, served: dict[str, str], scheme: str) -> None:
    for path in (BLOCK, "checklists/", "quiz/", "checklists/riego/"):
        _open(page, served["es"] + path, scheme)
        assert _interact(page), path
        violations = axe_violations(page)
        assert violations == [], f"/{path}:\n" + "\n".join(violations)


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_spanish_sheet_prints_on_one_page_in_spanish(
    page: object, served: dict[str, str], tmp_path: Path, paper: str
) -> None:
    base = served["es"]
    pdf = print_pdf(page, base + "checklists/riego/", tmp_path / f"riego-{paper}.pdf", paper)
    assert pdf_pages(pdf) == 1
    printed = " ".join(pdf_text(pdf).split())
    assert "Riego: lista de comprobación" in printed
    assert "Fecha:" in printed and "Notas" in printed and "En línea:" in printed
    assert "Riega por la mañana." in printed
    assert english_found(printed, "es") == []


# --- right to left ----------------------------------------------------------------

RTL_PAGES = {"block": BLOCK, "checklists": "checklists/", "quiz": "quiz/", "sheet": "checklists/riego/"}


def test_arabic_pages_are_right_to_left(sites: dict[str, BuildResult]) -> None:
    for path in _pages(sites["ar"].site_dir):
        html = path.read_text(encoding="utf-8")
        assert '<html lang="ar" dir="rtl"' in html and '<body dir="rtl"' in html, path


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page_type", list(RTL_PAGES))
def test_arabic_pages_are_axe_clean(page: object, served: dict[str, str], page_type: str, scheme: str) -> None:
    _open(page, served["ar"] + RTL_PAGES[page_type], scheme)
    violations = axe_violations(page)
    assert violations == [], "as loaded:\n" + "\n".join(violations)
    assert _interact(page)
    violations = axe_violations(page)
    assert violations == [], "after use:\n" + "\n".join(violations)


def test_arabic_checklists_and_quizzes_run_from_the_right(page: object, served: dict[str, str]) -> None:
    from playwright.sync_api import expect

    _use(page, served["ar"])
    box = page.locator("input[data-gg-item]").first.bounding_box()  # type: ignore[attr-defined]
    label = page.locator(".gg-checklist__item label").first.bounding_box()  # type: ignore[attr-defined]
    assert box["x"] > label["x"] + label["width"] - 1, "the box stands right of its label"
    text = page.locator(".gg-checklist .gg-progress__text").first  # type: ignore[attr-defined]
    bar = page.locator(".gg-checklist .gg-progress__bar").first.bounding_box()  # type: ignore[attr-defined]
    expect(text).to_have_text("أُنجز 1 من 2")
    assert bar["x"] < text.bounding_box()["x"], "the progress bar follows its text, to the left"
    fill = page.evaluate(  # type: ignore[attr-defined]
        """() => { const bar = document.querySelector('.gg-checklist .gg-progress__bar');
                   const fill = getComputedStyle(bar, '::before');
                   return [bar.getBoundingClientRect().width, parseFloat(fill.width), fill.direction]; }"""
    )
    assert fill[2] == "rtl" and 0 < fill[1] < fill[0]
    result = page.locator(".gg-question__result")  # type: ignore[attr-defined]
    expect(result).to_contain_text("ليس تمامًا.")
    edge = result.evaluate("e => [getComputedStyle(e).borderRightWidth, getComputedStyle(e).borderLeftWidth]")
    assert edge[0] != "0px" and edge[1] == "0px", f"the verdict's edge is on the right: {edge}"
    choices = page.locator("form.gg-question .gg-choice input")  # type: ignore[attr-defined]
    labels = page.locator("form.gg-question .gg-choice label")  # type: ignore[attr-defined]
    assert choices.first.bounding_box()["x"] > labels.first.bounding_box()["x"]


def test_arabic_sheet_prints_on_one_page(page: object, served: dict[str, str], tmp_path: Path) -> None:
    pdf = print_pdf(page, served["ar"] + "checklists/riego/", tmp_path / "riego-ar.pdf", "A4")
    assert pdf_pages(pdf) == 1
    assert "التاريخ" in pdf_text(pdf)
