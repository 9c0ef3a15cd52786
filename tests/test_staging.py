"""The staged guide for engines that run no hooks (guidegen/staging.py), checked against MkDocs itself."""

from __future__ import annotations

import itertools
from pathlib import Path

import markdown
import pytest
from mkdocs.structure.files import File

from guidegen import render as rendering
from guidegen.loader import load_guide
from guidegen.staging import Site, Stager, page_url, relative_url
from tests.helpers import DOCS, MINI_GUIDE, copy_guide


def _pages(docs: Path) -> list[str]:
    guide = load_guide(docs).guide
    pages = [path.relative_to(docs).as_posix() for path in docs.rglob("*.md")]
    return [*pages, rendering.CHECKLISTS_PAGE, rendering.QUIZ_PAGE, *map(rendering.sheet_page, guide.blocks)]


@pytest.mark.parametrize("directory_urls", [True, False], ids=["directory-urls", "html-urls"])
def test_urls_are_the_ones_mkdocs_gives(directory_urls: bool) -> None:
    """Every page's URL, and every link between two pages, as MkDocs' File works them out."""
    pages = _pages(DOCS) + _pages(MINI_GUIDE)
    files = {uri: File(uri, "/docs", "/site", directory_urls) for uri in pages}
    for uri, file in files.items():
        assert page_url(uri, directory_urls) == file.url
    for source, target in itertools.product(pages, repeat=2):
        ours = relative_url(page_url(target, directory_urls), page_url(source, directory_urls))
        assert ours == files[target].url_relative_to(files[source]), (source, target)


def _stager(docs: Path) -> Stager:
    result = load_guide(docs)
    assert result.ok
    site_markdown = markdown.Markdown(extensions=["attr_list", "toc"])
    return Stager(result.guide, docs, lambda text: site_markdown.reset().convert(text), Site("Gardening basics"))


def test_a_staged_block_page_holds_its_generated_parts_in_place() -> None:
    stager = _stager(MINI_GUIDE)
    soil = stager.pages()["part-one/soil.md"]
    assert soil.startswith('---\ndescription: "What good soil looks like."\ntitle: Soil\n')
    # The checklist and quiz close the page, as raw HTML blocks Markdown passes through as they are.
    body = soil.index("Compost feeds the soil.")
    assert soil.index('\n\n<section class="gg-checklist" data-gg-block="soil"') > body
    assert '<section class="gg-quiz" data-gg-block="soil"' in soil
    assert 'href="../../checklists/soil/#print"' in soil  # the sheet, from the block page


def test_backlinks_go_in_after_each_rendered_heading_as_the_hook_puts_them() -> None:
    stager = _stager(MINI_GUIDE)
    soil = stager.guide.block("soil")
    assert stager.built_page(soil.src_uri) == "part-one/soil/index.html"
    built = '<h1 id="soil">Soil</h1>\n<h2 id="compost">Compost<a class="headerlink" href="#compost">¶</a></h2>\n<p>'
    html = stager.with_backlinks(built, soil)
    heading_end = html.index("</h2>") + len("</h2>")
    assert html[heading_end:].startswith(
        '<p class="gg-backlink" data-search-exclude><a href="#item-compost" tabindex="-1">'
    )
    assert html.count("gg-backlink") == 1
    # The block's part and reading time go above its title, as the hook puts them.
    assert html.startswith('<p class="gg-eyebrow" data-search-exclude>') and html.index("min read") < html.index("<h1")


def test_the_home_page_gets_its_hero_in_place_of_its_title() -> None:
    stager = _stager(MINI_GUIDE)
    html = stager.with_hero('<main><h1 id="gardening-basics">Gardening basics</h1>\n<p>Intro</p></main>')
    assert html.startswith('<main><div class="gg-hero" data-gg-hero')
    assert html.count("<h1") == 1 and '<h1 id="gardening-basics">Gardening basics</h1>' in html
    assert "Grow a small, healthy garden, one step at a time." in html
    assert '<a class="gg-button gg-button--primary gg-hero__action" href="part-one/soil/">Start with Soil</a>' in html


def test_generated_pages_are_titled_by_their_heading_and_left_out_of_search() -> None:
    pages = _stager(MINI_GUIDE).pages()
    assert pages["checklists/index.md"].startswith('---\ntitle: "Your checklists"\nsearch:\n  exclude: true\n---\n')
    assert pages["checklists/soil.md"].startswith('---\ntitle: "Soil: checklist"\n')
    assert '<h1 id="check-your-understanding">' in pages["quiz/index.md"]


def test_restaging_writes_only_what_changed_and_removes_what_is_gone(tmp_path: Path) -> None:
    guide = copy_guide(MINI_GUIDE, tmp_path / "guide")
    (guide / "picture.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    staged = tmp_path / "staged"
    first = _stager(guide).stage(staged)
    assert {"part-one/soil.md", "checklists/soil.md", "picture.svg", "robots.txt"} <= set(first)
    assert _stager(guide).stage(staged) == []

    safety = guide / "safety.md"
    safety.write_text(safety.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    (guide / "picture.svg").unlink()
    assert sorted(_stager(guide).stage(staged)) == ["picture.svg", "safety.md"]
    assert not (staged / "picture.svg").exists()
    assert (staged / "safety.md").read_text(encoding="utf-8").endswith("One more line.\n")
