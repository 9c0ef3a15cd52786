"""The quiz page on a phone (issue 30): a table of contents and a jump list with every block that
has questions, each block's own score, and no "From …" under questions of its own heading."""

from __future__ import annotations

from playwright.sync_api import expect

from guidegen.loader import load_guide
from tests.helpers import DOCS, BuildResult

GUIDE = load_guide(DOCS).guide
QUIZZED = [block for block in GUIDE.blocks if block.quiz]


def test_the_quiz_page_lists_every_block_in_its_contents_and_jump_list(guide_site: BuildResult) -> None:
    html = (guide_site.site_dir / "quiz" / "index.html").read_text(encoding="utf-8")
    toc = html.split('data-md-component="toc"', 1)[1].split("</nav>", 1)[0]
    for block in QUIZZED:
        assert f'href="#{block.id}"' in toc, block.id
    jump = html.split('class="gg-jump"', 1)[1].split("</nav>", 1)[0]
    assert [f'href="#{block.id}"' in jump for block in QUIZZED] == [True] * len(QUIZZED)
    assert "From “" not in html


def test_on_a_phone_a_jump_link_lands_on_its_block_with_its_score(browser: object, guide_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(guide_url + "quiz/")
    last = QUIZZED[-1]
    page.locator(".gg-jump").get_by_role("link", name=last.title, exact=True).tap()
    page.wait_for_url(guide_url + f"quiz/#{last.id}")
    heading = page.locator(f"h2#{last.id}")
    expect(heading).to_be_in_viewport()
    expect(page.locator(f'.gg-score[data-gg-score="{last.id}"]')).to_be_visible()
    context.close()
