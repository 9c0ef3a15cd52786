"""The policy in the page: hosts that send no headers (GitHub Pages, GitLab Pages, buckets) still enforce it.

Every page of a real build carries ``<meta http-equiv="Content-Security-Policy">``
with the header's policy less what a ``<meta>`` cannot carry. Python's plain
static server (no header of its own) serves the build, and a real Chromium walks
every page with zero violations, then sees a script that is not the
generator's refused by the page's own policy.
"""

from __future__ import annotations

import shutil
import urllib.request
from pathlib import Path

import pytest

from guidegen import csp
from tests.helpers import MINI_GUIDE, BuildResult, build, serve_directory, start_tags
from tests.test_nginx import VIOLATION_LISTENER, _answer_a_question, _Session, _tick_and_reload
from tests.test_selfhost import _headers

CSP_META = "content-security-policy"


def _meta_policies(html: str) -> list[str]:
    return [
        attrs.get("content", "")
        for tag, attrs in start_tags(html)
        if tag == "meta" and attrs.get("http-equiv", "").lower() == CSP_META
    ]


def _page_paths(site: Path) -> list[str]:
    """Every page's address relative to the site's root ("", "part-1/honesty/"), from the built folders."""
    folders = sorted(page.parent.relative_to(site).as_posix() for page in site.rglob("index.html"))
    return ["" if folder == "." else f"{folder}/" for folder in folders]


# --- the meta tag in the built pages ---------------------------------------------


def test_every_page_carries_the_header_policy_less_frame_ancestors(guide_site: BuildResult) -> None:
    site = guide_site.site_dir
    header = _headers(site)["Content-Security-Policy"]
    directives = header.split("; ")
    expected = "; ".join(part for part in directives if not part.startswith("frame-ancestors "))
    assert expected != header  # frame-ancestors is in the header and only there
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 15
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert _meta_policies(html) == [expected], page
        # Right after <meta charset>: before any script, style or stylesheet it governs.
        tags = [tag for tag, _ in start_tags(html)]
        first = tags.index("meta")
        assert start_tags(html)[first][1] == {"charset": "utf-8"}, page
        assert start_tags(html)[first + 1][1].get("http-equiv") == "Content-Security-Policy", page
        assert html.index("http-equiv") < 1024  # where the charset declaration must also be


def test_the_build_says_what_a_meta_policy_cannot_carry(tmp_path: Path) -> None:
    result = build(tmp_path / "site", MINI_GUIDE)
    assert result.returncode == 0, result.output
    assert result.output.count(csp.META_NOTE) == 1, result.output


def test_the_offline_edition_says_why_it_has_no_policy(tmp_path: Path) -> None:
    result = build(tmp_path / "site", MINI_GUIDE, GUIDE_OFFLINE="true")
    assert result.returncode == 0, result.output
    assert result.output.count(csp.OFFLINE_NOTE) == 1 and csp.META_NOTE not in result.output
    for page in result.site_dir.rglob("*.html"):
        assert _meta_policies(page.read_text(encoding="utf-8")) == [], page


def test_meta_policy_unit_drops_only_what_a_meta_cannot_carry() -> None:
    header = "default-src 'none'; script-src 'self' 'sha256-x'; report-uri /r; frame-ancestors 'none'; report-to g"
    assert csp.meta_policy(header) == "default-src 'none'; script-src 'self' 'sha256-x'"
    tag = csp.meta_tag(header)
    page = '<!doctype html><html><head><meta charset="utf-8"><title>t</title></head></html>'
    once = csp.with_meta_policy(page, tag)
    assert once == page.replace('<meta charset="utf-8">', '<meta charset="utf-8">' + tag)
    assert csp.with_meta_policy(once, tag) == once  # a rebuilt page keeps exactly one
    # The built pages' scanner accepts the generator's own policy; an author's page text never may.
    assert csp.scan_html(once).scripts == set()
    assert [finding.what for finding in csp.find_unsafe_markup(tag)] == ["<meta http-equiv> (it can redirect the page)"]


# --- a plain static server: no header at all ---------------------------------------


@pytest.fixture(scope="module")
def plain_host(guide_site: BuildResult) -> str:
    with serve_directory(guide_site.site_dir) as url:
        yield url


class _Base:
    def __init__(self, base: str) -> None:
        self.base = base


def test_a_plain_server_sends_no_policy_header(plain_host: str) -> None:
    with urllib.request.urlopen(plain_host, timeout=10) as response:
        assert "Content-Security-Policy" not in response.headers
        assert CSP_META in response.read().decode("utf-8").lower()


def test_every_page_works_under_its_own_policy_with_no_headers(
    plain_host: str, guide_site: BuildResult, context: object, page: object
) -> None:
    session = _Session(context, page, _Base(plain_host))  # type: ignore[arg-type]
    paths = _page_paths(guide_site.site_dir)
    ticked = answered = 0
    for path in paths:
        url = plain_host + path
        response = page.goto(url, wait_until="networkidle")  # type: ignore[attr-defined]
        assert response is not None and response.status == 200, url
        assert "content-security-policy" not in response.headers, url  # the page's own policy, nothing else
        assert page.locator("h1").first.is_visible(), url  # type: ignore[attr-defined]
        ticked += _tick_and_reload(page, url)
        answered += _answer_a_question(page, url)
    assert len(paths) >= 15
    assert ticked >= 5 and answered >= 5, (ticked, answered)
    # Instant navigation re-runs the next page's inline scripts in the same document: the policy of
    # the page first loaded allows every page's (the same site-wide hashes on every page).
    page.goto(plain_host, wait_until="networkidle")  # type: ignore[attr-defined]
    for _ in range(3):
        before = page.url  # type: ignore[attr-defined]
        # The one "Next" of each page: the generator's card on block and part pages, Material's footer elsewhere.
        page.locator("a.gg-next__link:visible, a.md-footer__link--next:visible").first.click()  # type: ignore[attr-defined]
        page.wait_for_url(lambda url, before=before: url != before)  # type: ignore[attr-defined]
        page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    # Focusing the search box opens the search (a click on the label toggles it, and may close it).
    page.locator("input.md-search__input").click()  # type: ignore[attr-defined]
    page.locator("input.md-search__input").press_sequentially("trust", delay=50)  # type: ignore[attr-defined]
    # The search worker ran under the page's own policy and listed results (what the policy could break);
    # the results' display is tests/test_nginx.py's, which searches the same way.
    page.locator(".md-search-result__item").first.wait_for(state="attached")  # type: ignore[attr-defined]
    assert session.problems == []


INJECTED = "window.__ggInjected = true;"


def test_a_foreign_script_in_a_page_file_is_refused(guide_site: BuildResult, tmp_path: Path, context: object) -> None:
    """An inline script added to a built page after the build (a compromised host, a bad edit) never runs."""
    site = shutil.copytree(guide_site.site_dir, tmp_path / "site")
    home = site / "index.html"
    html = home.read_text(encoding="utf-8")
    home.write_text(html.replace("</body>", f"<script>{INJECTED}</script></body>"), encoding="utf-8")
    violations: list[str] = []
    context.expose_function("__ggViolation", lambda text: violations.append(text))  # type: ignore[attr-defined]
    context.add_init_script(VIOLATION_LISTENER)  # type: ignore[attr-defined]
    page = context.new_page()  # type: ignore[attr-defined]
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    with serve_directory(site) as url:
        page.goto(url, wait_until="networkidle")
        assert page.evaluate("() => window.__ggInjected") is None
        assert page.locator("h1").first.is_visible()  # the guide's own scripts still ran
        assert page.evaluate("() => document.querySelector('[data-md-component=search]') !== null")
    assert len(violations) == 1 and violations[0].startswith("/: script-src-elem blocked inline"), violations
    assert any("Executing inline script violates the following Content Security Policy" in text for text in console)


def test_a_script_injected_at_run_time_and_eval_are_refused(plain_host: str, context: object) -> None:
    """What an XSS would try once in the page: a new inline script element, a script from another host.

    (Not eval: Playwright's evaluate runs through the DevTools protocol, which Chromium exempts from the
    policy's eval rule, so it could not show what a page's own eval meets.)
    """
    violations: list[str] = []
    context.expose_function("__ggViolation", lambda text: violations.append(text))  # type: ignore[attr-defined]
    context.add_init_script(VIOLATION_LISTENER)  # type: ignore[attr-defined]
    page = context.new_page()  # type: ignore[attr-defined]
    page.goto(plain_host + "part-1/", wait_until="networkidle")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__ggInjected = true;";
          document.head.append(script);
        }"""
    )
    page.evaluate(
        """() => new Promise((done) => {
          const script = document.createElement("script");
          script.src = "https://example.org/evil.js";
          script.onerror = done;
          document.head.append(script);
        })"""
    )
    page.wait_for_timeout(200)  # the violation events are reported asynchronously
    assert page.evaluate("() => window.__ggInjected") is None
    kinds = sorted(text.split(": ", 1)[1].split(" blocked ")[0:2][0] for text in violations)
    assert kinds == ["script-src-elem", "script-src-elem"], violations
    assert any("https://example.org/evil.js" in text for text in violations), violations
