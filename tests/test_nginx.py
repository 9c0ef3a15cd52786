"""The guide behind Debian's nginx, in a subfolder, under the generated strict CSP.

A real nginx (installed by .ci/run) serves a real build of the shipped guide
under /guide/ with the generated ``_nginx-headers.conf`` included, and a real
Chromium walks every page of the sitemap, ticks a checklist item and answers a
quiz question: no CSP violation, no console error, no failed request, no
request to another origin.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

from tests.conftest import IN_CI
from tests.helpers import DOCS, ENGINE, ROOT, PageWatcher, mkdocs_env

SUBPATH = "/guide/"
SITE_URL = "https://example.org/guide/"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

# Reports CSP violations from every document of the context to the test.
VIOLATION_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__ggViolation(`${location.pathname}: ${event.violatedDirective} blocked ${event.blockedURI} ${event.sample}`);
});
"""


def _nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found is None:
        message = "nginx not found: install it with 'apt-get install nginx'"
        if IN_CI:
            pytest.fail(message + " (CI is set, so this test may not be skipped)")
        pytest.skip(message)
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def nginx_config(prefix: Path, site: Path, port: int) -> str:
    """A whole nginx.conf: everything nginx writes stays in ``prefix``."""
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"  {kind}_temp_path {prefix / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}daemon off;
worker_processes 1;
pid {prefix / "nginx.pid"};
error_log {prefix / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
{temp}
  server {{
    listen 127.0.0.1:{port};
    server_name localhost;
    location {SUBPATH} {{
      alias {site}/;
      include {site / "_nginx-headers.conf"};
      error_page 404 {SUBPATH}404.html;
    }}
  }}
}}
"""


@dataclass
class Nginx:
    origin: str  # http://127.0.0.1:PORT
    site: Path

    @property
    def base(self) -> str:
        return self.origin + SUBPATH


def _wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"nginx exited: {log.read_text() if log.exists() else ''}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("nginx did not start listening")


@pytest.fixture(scope="module")
def nginx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    binary = _nginx_binary()
    work = tmp_path_factory.mktemp("nginx")
    site = work / "site"
    build = subprocess.run(
        [sys.executable, "-m", "guidegen.deploy"],
        cwd=ROOT,
        env=mkdocs_env(DOCS, GUIDE_SITE_DIR=str(site), GUIDE_SITE_URL=SITE_URL),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    port = _free_port()
    config = work / "nginx.conf"
    config.write_text(nginx_config(work, site, port), encoding="utf-8")
    log = work / "error.log"
    check = subprocess.run([binary, "-t", "-p", str(work), "-e", str(log), "-c", str(config)], capture_output=True)
    assert check.returncode == 0, check.stderr.decode()
    process = subprocess.Popen([binary, "-p", str(work), "-e", str(log), "-c", str(config)])
    try:
        _wait_for_port(port, process, log)
        yield Nginx(f"http://127.0.0.1:{port}", site)
    finally:
        process.terminate()
        process.wait(timeout=30)


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _page_urls(nginx: Nginx) -> list[str]:
    status, _, body = _get(nginx.base + "sitemap.xml")
    assert status == 200
    paths = [urlsplit(str(loc.text)).path for loc in ElementTree.fromstring(body).iter(f"{SITEMAP_NS}loc")]
    assert paths and all(path.startswith(SUBPATH) for path in paths), paths
    # The sitemap lists every page the build wrote, the unlisted checklist sheets included.
    folders = (page.parent.relative_to(nginx.site).as_posix() for page in nginx.site.rglob("index.html"))
    assert set(paths) == {SUBPATH if folder == "." else f"{SUBPATH}{folder}/" for folder in folders}
    return [nginx.origin + path for path in paths]


def test_every_response_carries_the_security_headers(nginx: Nginx) -> None:
    for path in ("", "assets/guide/guide.js", "no/such/page/"):
        status, headers, _ = _get(nginx.base + path)
        assert status == (404 if path.startswith("no/") else 200), path
        policy = headers["Content-Security-Policy"]
        assert policy.startswith("default-src 'none'; script-src 'self' 'sha256-"), policy
        assert "unsafe-inline" not in policy
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert "frame-ancestors 'none'" in policy
        assert headers["Permissions-Policy"].startswith("accelerometer=()")
    _, headers, _ = _get(nginx.base + "assets/guide/guide.js")
    assert headers["Content-Type"] == "application/javascript"  # nosniff needs the right type
    status, _, robots = _get(nginx.base + "robots.txt")
    assert status == 200 and f"Sitemap: {SITE_URL}sitemap.xml" in robots.decode()


class _Session:
    """One browser context with CSP violations and HTTP errors reported to Python."""

    def __init__(self, context: object, page: object, nginx: Nginx) -> None:
        self.violations: list[str] = []
        self.http_errors: list[str] = []
        context.expose_function("__ggViolation", self._on_violation)  # type: ignore[attr-defined]
        context.add_init_script(VIOLATION_LISTENER)  # type: ignore[attr-defined]
        self.watcher = PageWatcher(page, nginx.base)
        page.on("response", self._on_response)  # type: ignore[attr-defined]

    def _on_violation(self, text: str) -> None:
        self.violations.append(text)

    def _on_response(self, response: object) -> None:
        if response.status >= 400:  # type: ignore[attr-defined]
            self.http_errors.append(f"{response.status} {response.url}")  # type: ignore[attr-defined]

    @property
    def problems(self) -> list[str]:
        console_csp = [text for text in self.watcher.console_errors if "Content Security Policy" in text]
        return [
            *(f"CSP violation: {text}" for text in self.violations),
            *(f"CSP console message: {text}" for text in console_csp),
            *(f"HTTP error: {text}" for text in self.http_errors),
            *self.watcher.problems,
        ]


def _tick_and_reload(page: object, url: str) -> int:
    """Tick the first unticked checklist item, reload, and check that it stayed ticked."""
    boxes = page.locator("input[data-gg-item]:not(:checked)")  # type: ignore[attr-defined]
    if boxes.count() == 0:
        return 0
    box = boxes.first
    box_id = box.get_attribute("id")
    box.check()
    page.reload(wait_until="networkidle")  # type: ignore[attr-defined]
    assert page.locator(f"#{box_id}").is_checked(), f"{url}: the tick on #{box_id} was lost on reload"  # type: ignore[attr-defined]
    return 1


def _answer_a_question(page: object, url: str) -> int:
    """Choose the first answer of the first open question and check it."""
    forms = page.locator("form.gg-question")  # type: ignore[attr-defined]
    for index in range(forms.count()):
        form = forms.nth(index)
        submit = form.locator("button.gg-question__check")
        if not submit.is_visible() or not submit.is_enabled():
            continue  # already answered (its answer restored), or not ready to check
        form.locator("input").first.check()
        submit.click()
        result = form.locator(".gg-question__result")
        page.wait_for_function("(el) => el.textContent.trim() !== ''", arg=result.element_handle())  # type: ignore[attr-defined]
        assert result.inner_text().strip(), f"{url}: checking an answer showed no result"
        return 1
    return 0


def test_every_page_works_under_the_strict_policy(nginx: Nginx, context: object, page: object) -> None:
    session = _Session(context, page, nginx)
    urls = _page_urls(nginx)
    ticked = answered = 0
    for url in urls:
        response = page.goto(url, wait_until="networkidle")  # type: ignore[attr-defined]
        assert response is not None and response.status == 200, url
        assert page.locator("h1").first.is_visible(), url  # type: ignore[attr-defined]
        ticked += _tick_and_reload(page, url)
        answered += _answer_a_question(page, url)
    assert len(urls) >= 15
    assert ticked >= 5 and answered >= 5, (ticked, answered)
    assert session.problems == []


def test_instant_navigation_and_search_work_under_the_strict_policy(
    nginx: Nginx, context: object, page: object
) -> None:
    session = _Session(context, page, nginx)
    page.goto(nginx.base, wait_until="networkidle")  # type: ignore[attr-defined]
    # Material swaps pages in place (fetch + inline scripts re-run): follow each page's one "Next"
    # (Material's footer link, or on block and part pages the generator's card).
    for _ in range(3):
        before = page.url  # type: ignore[attr-defined]
        page.locator("a.md-footer__link--next:visible, a.gg-next__link").first.click()  # type: ignore[attr-defined]
        page.wait_for_url(lambda url, before=before: url != before)  # type: ignore[attr-defined]
        page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
        assert page.locator("h1").first.is_visible()  # type: ignore[attr-defined]
    # Search runs in a Web Worker loaded from the site.
    if ENGINE.name == "zensical":
        # Zensical's own search: a button opens a dialog (in a shadow root, with its own inline
        # stylesheet) whose results are the options of a listbox.
        page.locator(".md-search__button").click()  # type: ignore[attr-defined]
        page.locator("dialog input[role=combobox]").press_sequentially("trust", delay=50)  # type: ignore[attr-defined]
        page.locator("dialog [role=listbox] [role=option]").first.wait_for()  # type: ignore[attr-defined]
    else:
        page.locator("label.md-search__icon, .md-search__input").first.click()  # type: ignore[attr-defined]
        page.locator("input.md-search__input").press_sequentially("trust", delay=50)  # type: ignore[attr-defined]
        page.locator(".md-search-result__item").first.wait_for()  # type: ignore[attr-defined]
    assert session.problems == []


def test_missing_page_at_any_depth_gets_the_styled_404(nginx: Nginx, context: object, page: object) -> None:
    session = _Session(context, page, nginx)
    url = nginx.base + "part-1/no/such/page/"
    response = page.goto(url, wait_until="networkidle")  # type: ignore[attr-defined]
    assert response is not None and response.status == 404
    assert page.locator("h1").first.inner_text() == "Page not found"  # type: ignore[attr-defined]
    # Material's stylesheet applied: the header bar is laid out, not raw markup.
    assert page.locator("header.md-header").evaluate("el => getComputedStyle(el).position") == "sticky"  # type: ignore[attr-defined]
    page.get_by_role("link", name="Go to the start of the guide").click()  # type: ignore[attr-defined]
    page.wait_for_url(nginx.base)  # type: ignore[attr-defined]
    # The 404 document itself is the one expected error.
    expected = f"404 {url}"
    session.http_errors.remove(expected)
    session.watcher.console_errors[:] = [text for text in session.watcher.console_errors if "status of 404" not in text]
    assert session.problems == []
