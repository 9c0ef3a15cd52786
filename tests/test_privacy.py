"""Private by design (issue 28): the quick exit, "Forget me on this device" and the privacy page.

The quick exit is built into a copy of the mini guide pointing at a second local
server (the "neutral site"), which also serves the page a reader came from. In
Chromium: the header's button and Shift pressed three times both leave for it, and
Back goes to the page before the guide, never to the guide page that was open.
Without the setting (the mini guide as it is) nothing of it is in any page.
"""

from __future__ import annotations

import json
import posixpath
import re
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag

import pytest
from playwright.sync_api import expect

from guidegen.i18n import load_catalog
from tests.axe import axe_violations
from tests.helpers import MINI_GUIDE, ROOT, BuildResult, PageWatcher, build, copy_guide, serve_directory

SOIL = "part-one/soil/"
WATERING = "part-one/watering/"
MORNING = "Water in the morning."
SPANISH_GUIDE = ROOT / "tests" / "guides" / "es"
LANGUAGES = ("en", "es", "de", "fr", "ar")


@pytest.fixture(scope="module")
def neutral_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The neutral site the quick exit leaves for, and the page a reader was on before the guide."""
    folder = tmp_path_factory.mktemp("neutral")
    icon = '<link rel="icon" href="data:,">'
    (folder / "index.html").write_text(f"<!doctype html><title>Weather</title>{icon}<h1>Sunny</h1>", encoding="utf-8")
    (folder / "before.html").write_text(f"<!doctype html><title>Before</title>{icon}<h1>Before</h1>", encoding="utf-8")
    with serve_directory(folder) as url:
        yield url.rstrip("/")


@pytest.fixture(scope="module")
def exit_url(tmp_path_factory: pytest.TempPathFactory, neutral_url: str) -> Iterator[str]:
    """The mini guide with guide.quick_exit set to the neutral site, served."""
    work = tmp_path_factory.mktemp("exit")
    guide = copy_guide(MINI_GUIDE, work / "guide")
    home = guide / "index.md"
    text = home.read_text(encoding="utf-8")
    home.write_text(text.replace("guide:\n", f"guide:\n  quick_exit: {neutral_url}/\n", 1), encoding="utf-8")
    result = build(work / "site", guide)
    assert result.returncode == 0, result.output
    with serve_directory(result.site_dir) as url:
        yield url


def _html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# -- the quick exit -------------------------------------------------------------


def test_without_the_setting_nothing_of_the_quick_exit_is_in_any_page(mini_site: BuildResult) -> None:
    english = load_catalog("en")
    words = [english.text("exit.button"), english.text("privacy.exit_heading"), "js.exit.", "data-gg-exit", "gg-exit"]
    for path in _html_pages(mini_site.site_dir):
        html = path.read_text(encoding="utf-8")
        found = [word for word in words if word in html]
        assert not found, f"{path.relative_to(mini_site.site_dir)} holds {found}"


def test_with_the_setting_every_page_has_the_exit_as_a_plain_link(exit_url: str, neutral_url: str) -> None:
    for path in ("", SOIL, "checklists/", "quiz/", "privacy/", "checklists/soil/"):
        html = urllib.request.urlopen(exit_url + path).read().decode("utf-8")
        links = re.findall(r"<a [^>]*data-gg-exit[^>]*>", html)
        assert len(links) == 2, f"{path or 'home'}: the header's button and the link first in the Tab order"
        assert all(f'href="{neutral_url}/"' in link for link in links)
        assert all("noreferrer" in link for link in links)


def _leave_and_come_back(page: object, exit_url: str, neutral_url: str, leave: str) -> None:
    watcher = PageWatcher(page, exit_url)
    page.goto(neutral_url + "/before.html")  # type: ignore[attr-defined]
    page.goto(exit_url + SOIL, wait_until="networkidle")  # type: ignore[attr-defined]
    if leave == "button":
        button = page.get_by_role("link", name="Emergency Exit this page")  # type: ignore[attr-defined]
        expect(button).to_be_visible()
        button.click()
    else:
        page.locator("body").click()  # type: ignore[attr-defined]
        for _ in range(3):
            page.keyboard.press("Shift")  # type: ignore[attr-defined]
    expect(page).to_have_url(neutral_url + "/")
    expect(page.locator("h1")).to_have_text("Sunny")  # type: ignore[attr-defined]
    page.go_back()  # type: ignore[attr-defined]
    expect(page).to_have_url(neutral_url + "/before.html")
    assert [problem for problem in watcher.problems if not problem.startswith("request to another host")] == []


def test_the_exit_button_leaves_and_back_does_not_return_to_the_guide(
    page: object, exit_url: str, neutral_url: str
) -> None:
    _leave_and_come_back(page, exit_url, neutral_url, "button")


def test_shift_three_times_leaves_and_back_does_not_return_to_the_guide(
    page: object, exit_url: str, neutral_url: str
) -> None:
    _leave_and_come_back(page, exit_url, neutral_url, "shift")


def test_shift_presses_are_said_in_words_and_a_typed_capital_cancels_them(page: object, exit_url: str) -> None:
    page.goto(exit_url + SOIL, wait_until="networkidle")  # type: ignore[attr-defined]
    status = page.locator("[data-gg-exit-status]")  # type: ignore[attr-defined]
    expect(status).to_have_attribute("role", "status")
    page.locator("body").click()  # type: ignore[attr-defined]
    page.keyboard.press("Shift")  # type: ignore[attr-defined]
    expect(status).to_have_text("Shift: press it 2 more times to leave this page.")
    page.keyboard.press("Shift")  # type: ignore[attr-defined]
    expect(status).to_have_text("Shift: press it 1 more time to leave this page.")
    page.keyboard.press("Shift+KeyA")  # type: ignore[attr-defined]  # a capital letter: Shift as a modifier
    expect(status).to_have_text("Quick exit cancelled.")
    page.keyboard.press("Shift")  # type: ignore[attr-defined]
    expect(status).to_have_text("Shift: press it 2 more times to leave this page.")
    assert page.url == exit_url + SOIL  # type: ignore[attr-defined]


def test_the_exit_is_first_in_the_tab_order_and_works_from_the_keyboard(
    page: object, exit_url: str, neutral_url: str
) -> None:
    page.goto(exit_url + SOIL, wait_until="networkidle")  # type: ignore[attr-defined]
    page.keyboard.press("Tab")  # type: ignore[attr-defined]  # Material's "Skip to content"
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    focused = page.locator(":focus")  # type: ignore[attr-defined]
    expect(focused).to_have_text("Exit this page")
    expect(focused).to_be_visible()
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    expect(page).to_have_url(neutral_url + "/")


def test_without_javascript_the_exit_is_a_plain_link(browser: object, exit_url: str, neutral_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(exit_url + SOIL)
        page.get_by_role("link", name="Emergency Exit this page").click()
        expect(page).to_have_url(neutral_url + "/")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 800}])
def test_the_exit_stays_in_reach_beside_the_content(browser: object, exit_url: str, viewport: dict) -> None:
    context = browser.new_context(viewport=viewport)  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(exit_url + WATERING, wait_until="networkidle")
        button = page.locator(".gg-exit")
        page.mouse.wheel(0, 2000)
        page.wait_for_timeout(300)
        box = button.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 48 + 1, "in the sticky header"
        assert box["x"] + box["width"] <= viewport["width"], "whole on screen"
        header = page.locator(".md-header").bounding_box()
        content = page.locator(".md-content").bounding_box()
        assert header is not None and content is not None
        title = page.locator(".md-header__title").bounding_box()
        assert title is not None and title["x"] + title["width"] <= box["x"] + 1, "beside the title, not over it"
    finally:
        context.close()


# -- forget me on this device --------------------------------------------------


def _storage(page: object) -> dict[str, str]:
    return page.evaluate(  # type: ignore[attr-defined]
        "Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))"
    )


def _tick_and_answer(page: object, url: str) -> None:
    page.goto(url + WATERING, wait_until="networkidle")  # type: ignore[attr-defined]
    page.get_by_label(MORNING).check()  # type: ignore[attr-defined]
    question = page.locator("form.gg-question").first  # type: ignore[attr-defined]
    question.locator("input").first.check()
    question.get_by_role("button", name="Check my answer").click()
    expect(question.locator(".gg-question__result")).not_to_be_empty()
    # Material's own setting for this site, another site's on the same host, and something else's.
    page.evaluate(  # type: ignore[attr-defined]
        """__md_set("__palette", {index: 1});
        localStorage.setItem("/another-guide/.__palette", "{}");
        localStorage.setItem("unrelated", "kept");
        sessionStorage.setItem(__md_scope.pathname + ".__source", "{}");"""
    )


@pytest.mark.parametrize("where", ["checklists/", "privacy/"])
def test_forget_me_removes_everything_the_guide_keeps_after_asking(page: object, exit_url: str, where: str) -> None:
    watcher = PageWatcher(page, exit_url)
    _tick_and_answer(page, exit_url)
    saved = _storage(page)
    key = page.evaluate("ggStore.key")  # type: ignore[attr-defined]
    assert json.loads(saved[key])["checklist"] and json.loads(saved[key])["quiz"]
    assert "/.__palette" in saved

    page.goto(exit_url + where, wait_until="networkidle")  # type: ignore[attr-defined]
    forget = page.get_by_role("button", name="Forget me on this device")  # type: ignore[attr-defined]
    status = page.locator(".gg-forget__status")  # type: ignore[attr-defined]

    # First: asked in words, and keeping everything removes nothing.
    forget.click()
    dialog = page.get_by_role("dialog", name="Remove everything this guide keeps in this browser?")  # type: ignore[attr-defined]
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("this cannot be undone")
    expect(dialog.get_by_role("button", name="Keep everything")).to_be_focused()
    page.keyboard.press("Escape")  # type: ignore[attr-defined]
    expect(dialog).to_be_hidden()
    expect(status).to_have_text("Nothing was removed.")
    kept = _storage(page)
    assert kept[key] == saved[key] and "/.__palette" in kept

    forget.click()
    dialog.get_by_role("button", name="Yes, forget everything").click()
    expect(status).to_have_text(
        "Done: 1 ticked item and 1 quiz answer removed, with the site's settings. "
        "This browser keeps nothing of this guide now."
    )
    expect(forget).to_be_focused()
    left = _storage(page)
    assert key not in left, "the guide's record is gone"
    assert "/.__palette" not in left, "Material's setting for this site is gone"
    assert left == {"/another-guide/.__palette": "{}", "unrelated": "kept"}, "nothing of anyone else's"
    assert page.evaluate("Object.keys(sessionStorage)") == []  # type: ignore[attr-defined]
    if where == "checklists/":
        expect(page.get_by_label(MORNING)).not_to_be_checked()  # type: ignore[attr-defined]
        expect(page.locator('[data-gg-progress="*"] .gg-progress__text')).to_have_text("0 of 3 items ticked")  # type: ignore[attr-defined]

    # Every page shows a fresh state.
    page.goto(exit_url + WATERING, wait_until="networkidle")  # type: ignore[attr-defined]
    expect(page.get_by_label(MORNING)).not_to_be_checked()  # type: ignore[attr-defined]
    expect(page.locator("form.gg-question .gg-question__result").first).to_be_empty()  # type: ignore[attr-defined]
    page.goto(exit_url, wait_until="networkidle")  # type: ignore[attr-defined]
    expect(page.locator(".gg-hero__action")).to_have_text("Start with Soil")  # type: ignore[attr-defined]
    assert key not in _storage(page)
    assert watcher.problems == []


def test_forget_me_in_another_open_tab_clears_this_one(context: object, mini_url: str) -> None:
    first = context.new_page()  # type: ignore[attr-defined]
    first.goto(mini_url + WATERING, wait_until="networkidle")
    first.get_by_label(MORNING).check()
    second = context.new_page()  # type: ignore[attr-defined]
    second.goto(mini_url + "privacy/", wait_until="networkidle")
    second.get_by_role("button", name="Forget me on this device").click()
    second.get_by_role("button", name="Yes, forget everything").click()
    expect(first.get_by_label(MORNING)).not_to_be_checked()
    expect(first.locator('.md-content [data-gg-progress="watering"] .gg-progress__text')).to_have_text("0 of 2 done")


def test_forget_me_works_when_storage_is_blocked(page: object, mini_url: str) -> None:
    page.add_init_script(  # type: ignore[attr-defined]
        'Object.defineProperty(window, "localStorage", {configurable: true, get() {'
        ' throw new DOMException("The user denied storage", "SecurityError"); }});'
    )
    watcher = PageWatcher(page, mini_url)
    page.goto(mini_url + "checklists/", wait_until="networkidle")  # type: ignore[attr-defined]
    page.get_by_label(MORNING).check()  # type: ignore[attr-defined]
    page.get_by_role("button", name="Forget me on this device").click()  # type: ignore[attr-defined]
    page.get_by_role("button", name="Yes, forget everything").click()  # type: ignore[attr-defined]
    expect(page.locator(".gg-forget__status")).to_contain_text("Done: 1 ticked item")  # type: ignore[attr-defined]
    expect(page.get_by_label(MORNING)).not_to_be_checked()  # type: ignore[attr-defined]
    assert watcher.problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_privacy_page_and_open_dialog_pass_axe(browser: object, exit_url: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(exit_url + "privacy/", wait_until="networkidle")
        assert axe_violations(page) == []
        page.get_by_role("button", name="Forget me on this device").click()
        assert axe_violations(page) == []
        page.keyboard.press("Shift")
        assert axe_violations(page) == []
    finally:
        context.close()


# -- the privacy page in every language -----------------------------------------


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("href"):
            self.hrefs.append(str(values["href"]))


def _parsed(path: Path) -> _Links:
    links = _Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


@pytest.fixture(scope="module")
def language_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    sites = {}
    for language in LANGUAGES:
        result = build(tmp_path_factory.mktemp(f"privacy-{language}") / "site", SPANISH_GUIDE, GUIDE_LANGUAGE=language)
        assert result.returncode == 0, result.output
        sites[language] = result.site_dir
    return sites


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_privacy_page_exists_in_every_language_and_its_links_resolve(
    language_sites: dict[str, Path], language: str
) -> None:
    site = language_sites[language]
    catalog = load_catalog(language)
    page = site / "privacy" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert f'lang="{language}"' in html
    assert f'<h1 id="your-privacy">{catalog.markup("nav.privacy")}</h1>' in html
    assert str(catalog.markup("privacy.shared")) in html
    assert str(catalog.markup("forget.button")) in html
    assert "leaving-quickly" not in html, "the guide has no quick exit: the page does not describe one"
    for path in _html_pages(site):
        footer = path.read_text(encoding="utf-8").split('class="md-footer"', 1)[-1]
        if path.name != "404.html":
            assert f">{catalog.markup('nav.privacy')}</a>" in footer, f"{path}: the footer links the privacy page"
    links = _parsed(page)
    for href in links.hrefs:
        if re.match(r"^[a-z]+:", href):
            assert href.startswith("https://"), href  # Material's credit
            continue
        target, fragment = urldefrag(href)
        folder = posixpath.normpath(posixpath.join("privacy", target)) if target else "privacy"
        file = site / folder / "index.html" if not folder.endswith(".html") else site / folder
        assert file.is_file(), f"{href} from privacy/ resolves to no file"
        if fragment:
            assert fragment in _parsed(file).ids, f"{href}: no #{fragment} there"
