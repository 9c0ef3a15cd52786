"""A hostile guide (tests/hostile.py): no author-supplied script or handler runs, anywhere (issue 18).

Every author text field of one block and one part tries to run
``window.__ggPwned=1`` (script tags, handlers in any case, javascript: links,
an srcdoc frame, an attribute break-out in the description). The guide is
built as scripts/build builds it, online and offline; then a real Chromium
walks every page behind Debian's nginx with the generated headers, and every
page of the unzipped offline edition from file://, ticking, answering and
hovering: the marker never runs, and the policy never has to block anything
(the author's markup is inert before any header is involved).
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.helpers import MINI_GUIDE, ROOT, PageWatcher, build, build_offline_edition
from tests.hostile import hostile_guide
from tests.test_nginx import (
    SITE_URL,
    VIOLATION_LISTENER,
    Nginx,
    _free_port,
    _nginx_binary,
    _page_urls,
    _Session,
    _wait_for_port,
    nginx_config,
)

MARKER = "__ggPwned"
# Named by the hostile guide's home page title (the mini guide's), as every guide's edition is.
EDITION = "gardening-basics-offline"
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}


class _Executable(HTMLParser):
    """Collects every place of a page where a browser would run code: script bodies, handlers, script URLs, srcdoc."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name.lower(): value or "" for name, value in attrs}
        if tag == "script" and "src" not in attributes:
            kind = attributes.get("type", "").lower()
            if kind not in {"application/json", "application/ld+json"}:
                self._script = []
        for name, value in attributes.items():
            url = "".join(value.split()).lower()
            runs_code = name.startswith("on") or name == "srcdoc"
            if runs_code or (name in URL_ATTRIBUTES and url.startswith(("javascript:", "vbscript:", "data:text/html"))):
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.found.append("<script>" + "".join(self._script) + "</script>")
            self._script = None


def executable_code(html: str) -> list[str]:
    """Every piece of code the page would run by itself or on an event."""
    parser = _Executable()
    parser.feed(html)
    parser.close()
    return parser.found


def author_code(html: str) -> list[str]:
    """The pieces of executable code that carry the hostile guide's marker."""
    return [code for code in executable_code(html) if MARKER in code]


@dataclass
class HostileBuild:
    site: Path
    edition: Path
    output: str


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> HostileBuild:
    work = tmp_path_factory.mktemp("hostile")
    guide = hostile_guide(work / "guide")
    result = build_offline_edition(guide, work, GUIDE_SITE_URL=SITE_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(work / "dist" / f"{EDITION}.zip") as bundle:
        bundle.extractall(work / "unzipped")
    return HostileBuild(work / "site", work / "unzipped" / EDITION, result.stdout + result.stderr)


def test_check_and_build_agree_that_the_hostile_guide_is_inert(hostile: HostileBuild, tmp_path: Path) -> None:
    check = subprocess.run(
        [str(ROOT / "scripts" / "check"), str(hostile_guide(tmp_path / "guide"))],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    *warnings, last = check.stdout.splitlines()
    assert last.startswith("No problems")
    assert all(": warning: " in line for line in warnings)  # the quiz lint may have a word on its quiz
    assert "Traceback" not in hostile.output


def test_no_page_of_either_edition_holds_author_code(hostile: HostileBuild) -> None:
    pages = [*hostile.site.rglob("*.html"), *hostile.edition.rglob("*.html")]
    assert len(pages) >= 20
    found = {str(page): author_code(page.read_text(encoding="utf-8")) for page in pages}
    assert {page: code for page, code in found.items() if code} == {}
    # The payloads are there, as text: the test is looking at the right pages.
    block = (hostile.site / "part-one" / "hostile" / "index.html").read_text(encoding="utf-8")
    assert block.count(MARKER) >= 8
    assert 'content="x&quot;&gt;&lt;script&gt;' in block


def test_the_scanner_finds_code_in_any_case_and_spelling() -> None:
    html = (
        f'<p OnClick="{MARKER}">a</p><a href=" JaVa\tScRiPt:{MARKER}">b</a><iframe srcdoc="x{MARKER}"></iframe>'
        f'<script>{MARKER}</script><script type="application/json">{{"{MARKER}": 1}}</script>'
    )
    assert len(author_code(html)) == 4


#: Touch everything an author's markup could hang a handler on, then report whether the marker ran.
PROBE = """() => {
  for (const element of document.querySelectorAll(".md-content *, .md-header *, .md-nav *")) {
    for (const type of ["mouseover", "mouseenter", "focus", "load", "error", "animationstart"]) {
      element.dispatchEvent(new Event(type, { bubbles: true }));
    }
  }
  return new Promise((done) => setTimeout(() => done(window.__ggPwned === undefined ? "clean" : "ran"), 150));
}"""


def _use_the_page(page: object) -> None:
    """Tick every item, answer every question (feedback is copied from the page's markup), then probe."""
    for box in page.locator("input[data-gg-item]:not(:checked)").all():  # type: ignore[attr-defined]
        if box.is_visible():
            box.check()
    for form in page.locator("form.gg-question").all():  # type: ignore[attr-defined]
        button = form.locator("button.gg-question__check")
        if not (button.is_visible() and button.is_enabled()):
            continue
        form.locator(".gg-question__choices input").last.check()
        button.click()
        form.locator(".gg-result__verdict").wait_for()
    page.evaluate("document.querySelectorAll('.md-content details').forEach((d) => { d.open = true; })")  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def hostile_nginx(hostile: HostileBuild, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    binary = _nginx_binary()
    work = tmp_path_factory.mktemp("hostile-nginx")
    port = _free_port()
    config = work / "nginx.conf"
    config.write_text(nginx_config(work, hostile.site, port), encoding="utf-8")
    log = work / "error.log"
    process = subprocess.Popen([binary, "-p", str(work), "-e", str(log), "-c", str(config)])
    try:
        _wait_for_port(port, process, log)
        yield Nginx(f"http://127.0.0.1:{port}", hostile.site)
    finally:
        process.terminate()
        process.wait(timeout=30)


def _missing_author_image(problem: str) -> bool:
    # "<img src=x>" is kept (a relative image is allowed in text): the only request it makes is a 404 for "x".
    return problem.endswith("/x") or (
        ("status of 404" in problem or "ERR_FILE_NOT_FOUND" in problem) and "Content Security Policy" not in problem
    )


def test_no_author_script_or_handler_runs_under_nginx(hostile_nginx: Nginx, context: object, page: object) -> None:
    session = _Session(context, page, hostile_nginx)
    urls = _page_urls(hostile_nginx)
    assert any(url.endswith("/part-one/hostile/") for url in urls)
    for url in urls:
        response = page.goto(url, wait_until="networkidle")  # type: ignore[attr-defined]
        assert response is not None and response.status == 200, url
        _use_the_page(page)
        assert page.evaluate(PROBE) == "clean", url  # type: ignore[attr-defined]
    assert [problem for problem in session.problems if not _missing_author_image(problem)] == []


def test_no_author_script_or_handler_runs_in_the_offline_edition(
    hostile: HostileBuild, context: object, page: object
) -> None:
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())  # type: ignore[attr-defined]
    context.add_init_script(VIOLATION_LISTENER)  # type: ignore[attr-defined]
    violations: list[str] = []
    context.expose_function("__ggViolation", lambda text: violations.append(text))  # type: ignore[attr-defined]
    watcher = PageWatcher(page, "file:///")
    # 404.html is for web servers (its links start at the site's address), never opened from a folder.
    pages = sorted(path for path in hostile.edition.rglob("*.html") if path.name != "404.html")
    assert hostile.edition / "part-one" / "hostile.html" in pages
    for path in pages:
        page.goto(path.as_uri(), wait_until="load")  # type: ignore[attr-defined]
        _use_the_page(page)
        assert page.evaluate(PROBE) == "clean", path  # type: ignore[attr-defined]
    assert violations == []
    assert [problem for problem in watcher.problems if not _missing_author_image(problem)] == []


def _policy_hashes(site: Path) -> set[str]:
    return set(re.findall(r"'(sha256-[^']+)'", (site / "_headers").read_text(encoding="utf-8")))


def test_the_policy_trusts_the_same_scripts_as_for_a_harmless_guide(hostile: HostileBuild, tmp_path: Path) -> None:
    """The issue saw 6 hashes grow to 16: the author's scripts were hashed too. Now the hashes are the theme's."""
    plain = build(tmp_path / "site", MINI_GUIDE, GUIDE_SITE_URL=SITE_URL)
    assert plain.returncode == 0, plain.output
    hashes = _policy_hashes(hostile.site)
    assert hashes and hashes == _policy_hashes(plain.site_dir)
