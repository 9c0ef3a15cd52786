"""Printing, as a reader does it: the browser's own Print with default settings.

Real Chromium prints the built guide to PDF (Playwright's ``page.pdf()``, which
like Ctrl+P leaves backgrounds out), and poppler-utils reads it back: page
counts with ``pdfinfo``, text per page with ``pdftotext``, pixels with
``pdftoppm``.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import IN_CI
from tests.helpers import DOCS

FORMATS = ("A4", "Letter")
# print.css: @page { margin: 15mm }; Chromium uses it, as it does for Ctrl+P.
PAGE_MARGIN_MM = 15
MM_PER_INCH = 25.4
CSS_PX_PER_INCH = 96
# Words that belong to the screen only: Material's chrome and our controls.
SCREEN_ONLY = (
    "Skip to content",
    "Type to start searching",
    "Table of contents",
    "Back to top",
    "Previous",
    "Next",
    "Print this checklist",
    "Print with my ticks",
    "Reset this checklist",
    "Check my answer",
    "Show answer",
)


@pytest.fixture(scope="module", autouse=True)
def poppler() -> None:
    missing = [tool for tool in ("pdfinfo", "pdftotext", "pdftoppm") if shutil.which(tool) is None]
    if missing:
        message = f"{', '.join(missing)} not found: install Debian's poppler-utils"
        if IN_CI:
            pytest.fail(message + " (CI is set, so print tests may not be skipped)")
        pytest.skip(message)


def block_ids() -> list[str]:
    from guidegen.loader import load_guide

    result = load_guide(DOCS)
    assert result.ok, result.problems
    return [block.id for block in result.guide.blocks]


# --- reading PDFs back --------------------------------------------------------


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE)
    assert match, info
    return int(match.group(1))


def pdf_text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *pages, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def pdf_page_texts(pdf: Path) -> list[str]:
    return [pdf_text(pdf, number) for number in range(1, pdf_pages(pdf) + 1)]


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def flat(text: str) -> str:
    """Whitespace normalised, so that wrapped lines compare equal to the original text.

    A hyphenated word wrapped at its hyphen ("co-\nparenting") is joined again.
    """
    return re.sub(r"(\w)- (\w)", r"\1-\2", " ".join(text.split()))


def print_pdf(page: object, url: str, path: Path, paper: str) -> Path:
    page.goto(url, wait_until="networkidle")  # type: ignore[attr-defined]
    page.pdf(path=str(path), format=paper)  # type: ignore[attr-defined]
    return path


def texts(page: object, selector: str) -> list[str]:
    return [flat(text) for text in page.locator(selector).all_inner_texts()]  # type: ignore[attr-defined]


def nav_labels(page: object) -> set[str]:
    """What Material's navigation says on screen (part titles, page titles, "Home"...)."""
    return {label for label in texts(page, ".md-nav__link, .md-header__topic") if label}


# --- per-block sheets -----------------------------------------------------------


@pytest.mark.parametrize("paper", FORMATS)
def test_every_sheet_prints_on_one_page_with_all_its_items_and_no_screen_text(
    page: object, guide_url: str, tmp_path: Path, paper: str
) -> None:
    ids = block_ids()
    assert len(ids) >= 7
    for block_id in ids:
        url = f"{guide_url}checklists/{block_id}/"
        pdf = print_pdf(page, url, tmp_path / f"{block_id}-{paper}.pdf", paper)
        items = texts(page, ".gg-sheet .gg-checklist__item label")
        title = flat(page.locator(".gg-sheet h1").inner_text())  # type: ignore[attr-defined]
        summary = flat(page.locator(".gg-sheet__summary").inner_text())  # type: ignore[attr-defined]
        assert len(items) >= 3, block_id

        assert pdf_pages(pdf) == 1, f"{block_id} sheet takes {pdf_pages(pdf)} pages on {paper}"
        text = pdf_text(pdf)
        printed = flat(text)
        for item in items:
            assert item in printed, f"{block_id} on {paper}: item missing: {item}"
        assert "TRUST AGAIN" in printed.upper()
        assert title in printed and summary in printed
        assert "Date:" in printed
        assert f"{guide_url}checklists/{block_id}/" in printed, "the sheet's address, so paper leads back online"

        sheet_text = flat(" ".join([title, summary, *items, "Trust again"]))
        screen_only = {label for label in nav_labels(page) if label not in sheet_text} | set(SCREEN_ONLY)
        assert "Part 1: Why trust comes first" in screen_only  # the navigation really is on the page
        leaked = [label for label in screen_only if label in lines(text) or flat(label) in printed]
        assert leaked == [], f"{block_id} on {paper} prints screen-only text: {leaked}"
        assert not re.search(r"\b\d+ of \d+ done\b|\bRead:", printed), "progress and section links stay on screen"


def test_a_sheet_prints_the_same_without_javascript(browser: object, guide_url: str, tmp_path: Path) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        pdf = print_pdf(page, f"{guide_url}checklists/honesty/", tmp_path / "honesty.pdf", "A4")
        items = texts(page, ".gg-checklist__item label")
        assert page.locator(".gg-print__button").is_hidden(), "a button that cannot work is not shown"
    finally:
        context.close()
    assert pdf_pages(pdf) == 1
    printed = flat(pdf_text(pdf))
    assert items and all(item in printed for item in items)
    # No site_url in this build and no script to fill in the host: the page's path still leads back.
    assert "checklists/honesty/" in printed
    assert "Print this checklist" not in printed


# --- the boxes are ink on paper ----------------------------------------------------


def read_pgm(path: Path) -> tuple[int, int, bytes]:
    """A binary greyscale PGM (P5) as pdftoppm writes it: width, height, one byte per pixel."""
    data = path.read_bytes()
    fields: list[bytes] = []
    position = 0
    while len(fields) < 4:
        while data[position : position + 1].isspace():
            position += 1
        if data[position : position + 1] == b"#":
            position = data.index(b"\n", position) + 1
            continue
        end = position
        while not data[end : end + 1].isspace():
            end += 1
        fields.append(data[position:end])
        position = end
    assert fields[0] == b"P5" and fields[3] == b"255", fields
    width, height = int(fields[1]), int(fields[2])
    pixels = data[position + 1 :]
    assert len(pixels) == width * height
    return width, height, pixels


class Raster:
    """One PDF page rendered at 96 dpi, so one image pixel is one CSS pixel."""

    def __init__(self, pdf: Path, out: Path) -> None:
        subprocess.run(
            ["pdftoppm", "-r", str(CSS_PX_PER_INCH), "-gray", "-f", "1", "-l", "1", str(pdf), str(out)], check=True
        )
        (image,) = out.parent.glob(out.name + "*.pgm")
        self.width, self.height, self.pixels = read_pgm(image)

    def dark(self, left: float, top: float, right: float, bottom: float) -> int:
        """Dark pixels in a rectangle given in CSS pixels from the page's top-left corner."""
        count = 0
        for y in range(max(0, round(top)), min(self.height, round(bottom))):
            row = y * self.width
            for x in range(max(0, round(left)), min(self.width, round(right))):
                if self.pixels[row + x] < 128:
                    count += 1
        return count


def box_rects(page: object) -> list[dict[str, float]]:
    return page.evaluate(  # type: ignore[attr-defined]
        """() => [...document.querySelectorAll('.gg-sheet .gg-checklist__box')].map(box => {
            const r = box.getBoundingClientRect();
            return {left: r.left, top: r.top + window.scrollY, width: r.width, height: r.height};
        })"""
    )


def test_sheet_boxes_are_drawn_in_ink_blank_by_default_and_ticked_on_request(
    page: object, guide_url: str, tmp_path: Path
) -> None:
    """Where each box is: measured in the browser under print media, with the page laid
    out as wide as the printable area of A4 (210 mm less two 15 mm margins), so the layout
    is the printed one. On the PDF page the same point is 15 mm further right and down;
    at 96 dpi one CSS pixel is one image pixel."""
    margin = PAGE_MARGIN_MM / MM_PER_INCH * CSS_PX_PER_INCH
    printable_mm = 210 - 2 * PAGE_MARGIN_MM
    printable_width = printable_mm / MM_PER_INCH * CSS_PX_PER_INCH
    page.set_viewport_size({"width": math.ceil(printable_width), "height": 1000})  # type: ignore[attr-defined]
    page.goto(f"{guide_url}checklists/consistency/", wait_until="networkidle")  # type: ignore[attr-defined]
    page.locator(".gg-checklist__box").first.check()  # type: ignore[attr-defined]  # a saved tick
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    # 180 mm is 680.3 CSS pixels, and a viewport is whole pixels: a line that just fits on
    # paper would wrap in a 680-pixel viewport and shift every box below it (and a theme's
    # scrollbar gutter, as Zensical's, would narrow it further). The exact width, as on paper:
    # (Through the CSSOM: the page's own policy refuses an added <style> element.)
    width = f"() => document.documentElement.style.setProperty('width', '{printable_mm}mm', 'important')"
    page.evaluate(width)  # type: ignore[attr-defined]
    boxes = box_rects(page)
    assert len(boxes) == 6

    def raster(name: str) -> Raster:
        pdf = tmp_path / f"{name}.pdf"
        page.pdf(path=str(pdf), format="A4")  # type: ignore[attr-defined]
        assert pdf_pages(pdf) == 1
        return Raster(pdf, tmp_path / name)

    def check(image: Raster, ticked: set[int]) -> None:
        for index, box in enumerate(boxes):
            left, top = box["left"] + margin, box["top"] + margin
            right, bottom = left + box["width"], top + box["height"]
            assert 8 <= box["width"] <= 24 and 8 <= box["height"] <= 24, box
            # The border: ink all round the box (each side at least half drawn).
            for side in (
                (left - 1, top - 1, right + 1, top + 2),
                (left - 1, bottom - 2, right + 1, bottom + 1),
                (left - 1, top - 1, left + 2, bottom + 1),
                (right - 2, top - 1, right + 1, bottom + 1),
            ):
                assert image.dark(*side) >= box["width"] / 2, f"box {index + 1} side {side} not drawn"
            # Inside: empty unless ticked; and the margin left of the box is blank paper.
            inside = image.dark(left + 3, top + 3, right - 3, bottom - 3)
            assert (inside > 4) == (index in ticked), f"box {index + 1}: {inside} dark pixels inside"
            assert image.dark(left - 40, top, left - 20, bottom) == 0

    check(raster("blank"), ticked=set())
    page.emulate_media(media="screen")  # type: ignore[attr-defined]
    page.get_by_label("Print with my ticks").check()  # type: ignore[attr-defined]
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    assert box_rects(page) == boxes
    check(raster("ticks"), ticked={0})


# --- the packet: every checklist ------------------------------------------------------


@pytest.mark.parametrize("paper", FORMATS)
def test_packet_keeps_each_block_on_one_page_without_empty_pages(
    page: object, guide_url: str, tmp_path: Path, paper: str
) -> None:
    pdf = print_pdf(page, f"{guide_url}checklists/", tmp_path / f"packet-{paper}.pdf", paper)
    sections = page.locator(".gg-part .gg-checklist")  # type: ignore[attr-defined]
    assert sections.count() == len(block_ids())
    pages = pdf_page_texts(pdf)
    flat_pages = [flat(text) for text in pages]
    for index in range(sections.count()):
        section = sections.nth(index)
        title = flat(section.locator("h3").inner_text())
        items = [flat(text) for text in section.locator(".gg-checklist__item label").all_inner_texts()]
        # A block's title and every one of its items on the same page: nothing split.
        assert any(title in text and all(item in text for item in items) for text in flat_pages), (title, paper)
        # Headings print as headings, not as links with their address.
        assert f"{title} (http" not in " ".join(flat_pages)
    # Blocks follow one another (a new page only for a new part): 13 pages for 14 blocks before.
    parts = page.locator(".gg-part").count()  # type: ignore[attr-defined]
    print(f"\npacket on {paper}: {len(pages)} pages for {sections.count()} blocks in {parts} parts")
    # About two blocks a page; each part starts a page, so its last page may be part-filled.
    assert len(pages) <= sections.count() // 2 + parts
    printed = flat(" ".join(pages))
    for label in ("Save my progress as a file", "Printable", "Reset", "Skip to content"):
        assert label not in printed


# --- the quiz worksheet ------------------------------------------------------------------


@pytest.mark.parametrize("paper", FORMATS)
def test_quiz_prints_as_a_worksheet_with_the_key_on_its_own_last_pages(
    page: object, guide_url: str, tmp_path: Path, paper: str
) -> None:
    # A reader who answered the first question on screen still prints a blank worksheet.
    page.goto(f"{guide_url}quiz/", wait_until="networkidle")  # type: ignore[attr-defined]
    first = page.locator(".gg-question").first  # type: ignore[attr-defined]
    first.locator(".gg-choice input").first.check()
    first.get_by_role("button", name="Check my answer").click()
    verdict = flat(first.locator(".gg-question__result").inner_text())
    assert verdict
    pdf = tmp_path / f"quiz-{paper}.pdf"
    page.pdf(path=str(pdf), format=paper)  # type: ignore[attr-defined]
    assert page.locator(".gg-answer-key").is_hidden(), "the key is for paper only"  # type: ignore[attr-defined]
    prompts = texts(page, ".gg-question__prompt")
    first_choices = texts(page, ".gg-question >> nth=0 >> .gg-choice label")
    # The shown positions of each question's correct choices (data-gg-correct holds authored indexes,
    # and the choices are shown shuffled): the letters the worksheet prints and the key must give.
    correct = page.eval_on_selector_all(  # type: ignore[attr-defined]
        ".gg-question",
        """forms => forms.map(form => {
            const shown = Array.from(form.querySelectorAll(".gg-choice"), choice => choice.dataset.ggChoice);
            return form.dataset.ggCorrect.trim().split(/\\s+/).map(index => shown.indexOf(index)).sort();
        })""",
    )
    assert len(prompts) == len(correct) >= 20

    pages = pdf_page_texts(pdf)
    key_pages = [number for number, text in enumerate(pages) if "Answer key" in lines(text)]
    assert len(key_pages) == 1, "one answer key"
    key_start = key_pages[0]
    before, after = " ".join(flat(text) for text in pages[:key_start]), [flat(text) for text in pages[key_start:]]
    for number, prompt in enumerate(prompts, start=1):
        assert f"{number}. {prompt}" in before, f"question {number} missing or unnumbered"
        for text in after:
            assert prompt[:60] not in text, f"question {number} printed on a key page"
    # Lettered choices, in order.
    for letter, choice in zip("ABCDEFGH", first_choices, strict=False):
        assert f"{letter}. {choice}" in before
    # The key: every question's letter(s), matching the page's own answer data, in order.
    key = " ".join(after)
    found = re.findall(r"(?:^|\s)(\d+)\. ([A-H](?:, [A-H])*)(?=\s)", key)
    assert [int(number) for number, _ in found] == list(range(1, len(prompts) + 1))
    for (number, letters), indices in zip(found, correct, strict=True):
        assert letters == ", ".join("ABCDEFGH"[i] for i in indices), f"key for question {number}"
    for label in ("Check my answer", "Show answer", "Try again", verdict, "✓", "✗"):
        assert label not in before + key
