"""The guide behind Debian's Apache and Caddy, in a subfolder, with the generated headers.

As ``tests/test_nginx.py`` does for nginx: a real build of the shipped guide for
``https://example.org/guide/``, served under ``/guide/`` by the real server
(installed by .ci/run) on a loopback port, from a self-contained configuration
that uses exactly the file the build wrote for it: Apache reads the site's
``.htaccess`` (mod_headers, ``ErrorDocument 404``), Caddy imports
``_caddy-headers.conf``. A real Chromium walks every page of the sitemap,
ticking and answering: no policy violation, console error, failed request or
request to another host.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import IN_CI
from tests.helpers import DOCS, ROOT, mkdocs_env
from tests.test_nginx import (
    SITE_URL,
    SUBPATH,
    Nginx,
    _answer_a_question,
    _free_port,
    _get,
    _page_urls,
    _Session,
    _tick_and_reload,
    _wait_for_port,
)
from tests.test_selfhost import _headers

APACHE_MODULES = Path("/usr/lib/apache2/modules")
#: What the configuration needs beyond Debian's compiled-in modules (core, unixd, log_config).
MODULES = ("mpm_event", "authz_core", "mime", "dir", "alias", "headers")


def _binary(name: str, package: str, *candidates: str) -> str:
    found = shutil.which(name) or next((path for path in candidates if Path(path).exists()), None)
    if found is None:
        message = f"{name} not found: install it with 'apt-get install {package}'"
        if IN_CI:
            pytest.fail(message + " (CI is set, so this test may not be skipped)")
        pytest.skip(message)
    return found


def apache_config(work: Path, site: Path, port: int) -> str:
    """A whole apache2.conf: everything Apache writes stays in ``work``; the site's .htaccess does the rest."""
    modules = "\n".join(f"LoadModule {name}_module {APACHE_MODULES / f'mod_{name}.so'}" for name in MODULES)
    # Apache refuses to serve as root: its workers run as www-data, which can read the world-readable site.
    user = "User www-data\nGroup www-data\n" if os.geteuid() == 0 else ""
    return f"""ServerRoot {work}
ServerName localhost
Listen 127.0.0.1:{port}
PidFile {work / "httpd.pid"}
ErrorLog {work / "error.log"}
LogLevel warn
Mutex file:{work} default
{modules}
{user}TypesConfig /etc/mime.types
DirectoryIndex index.html
<Directory />
  AllowOverride None
  Require all denied
</Directory>
Alias {SUBPATH} {site}/
<Directory {site}>
  AllowOverride FileInfo
  Require all granted
</Directory>
"""


def caddy_config(work: Path, site: Path, port: int) -> str:
    """A whole Caddyfile serving the site under the subfolder, importing the generated header snippet."""
    snippet = site / "_caddy-headers.conf"
    return f"""{{
	admin off
	auto_https off
	storage file_system {work / "data"}
}}
http://127.0.0.1:{port} {{
	handle_path {SUBPATH}* {{
		root * {site}
		import {snippet}
		file_server
	}}
	handle_errors {{
		root * {site}
		import {snippet}
		rewrite * /404.html
		file_server
	}}
}}
"""


def _build_site(site: Path) -> None:
    build = subprocess.run(
        [sys.executable, "-m", "guidegen.deploy"],
        cwd=ROOT,
        env=mkdocs_env(DOCS, GUIDE_SITE_DIR=str(site), GUIDE_SITE_URL=SITE_URL),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr


def _start(command: list[str], port: int, log: Path, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(command, env=env)
    try:
        _wait_for_port(port, process, log)
    except AssertionError:
        process.terminate()
        raise
    return process


@pytest.fixture(scope="module", params=["apache", "caddy"])
def host(request: pytest.FixtureRequest) -> Iterator[Nginx]:
    """The built guide served under /guide/ by Apache or Caddy (Nginx is test_nginx's origin + site pair)."""
    kind = request.param
    binary = _binary("apache2", "apache2", "/usr/sbin/apache2") if kind == "apache" else _binary("caddy", "caddy")
    # Outside pytest's own temporary folder, which only root may enter: Apache's workers read the site.
    work = Path(tempfile.mkdtemp(prefix=f"gg-{kind}-"))
    work.chmod(0o755)
    site = work / "site"
    _build_site(site)
    port = _free_port()
    log = work / "error.log"
    if kind == "apache":
        config = work / "apache2.conf"
        config.write_text(apache_config(work, site, port), encoding="utf-8")
        check = subprocess.run([binary, "-t", "-f", str(config)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        process = _start([binary, "-f", str(config), "-DFOREGROUND"], port, log)
    else:
        config = work / "Caddyfile"
        config.write_text(caddy_config(work, site, port), encoding="utf-8")
        env = {**os.environ, "HOME": str(work), "XDG_DATA_HOME": str(work / "data"), "XDG_CONFIG_HOME": str(work)}
        check = subprocess.run(
            [binary, "validate", "--config", str(config), "--adapter", "caddyfile"], capture_output=True, env=env
        )
        assert check.returncode == 0, check.stderr.decode()
        process = _start([binary, "run", "--config", str(config), "--adapter", "caddyfile"], port, log, env)
    try:
        yield Nginx(f"http://127.0.0.1:{port}", site)
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


def test_every_response_carries_the_generated_headers(host: Nginx) -> None:
    expected = _headers(host.site)
    for path in ("", "part-1/", "assets/guide/guide.js", "no/such/page/"):
        status, headers, _ = _get(host.base + path)
        assert status == (404 if path.startswith("no/") else 200), path
        assert {name: headers.get(name) for name in expected} == expected, path
    _, headers, _ = _get(host.base + "assets/guide/guide.js")
    assert headers["Content-Type"].split(";")[0] in {"application/javascript", "text/javascript"}  # for nosniff


def test_every_page_works_under_the_strict_policy(host: Nginx, context: object, page: object) -> None:
    session = _Session(context, page, host)
    urls = _page_urls(host)
    ticked = answered = 0
    for url in urls:
        response = page.goto(url, wait_until="networkidle")  # type: ignore[attr-defined]
        assert response is not None and response.status == 200, url
        assert response.headers["content-security-policy"].endswith("frame-ancestors 'none'"), url
        assert page.locator("h1").first.is_visible(), url  # type: ignore[attr-defined]
        ticked += _tick_and_reload(page, url)
        answered += _answer_a_question(page, url)
    assert len(urls) >= 15
    assert ticked >= 5 and answered >= 5, (ticked, answered)
    assert session.problems == []


def test_missing_page_at_any_depth_gets_the_styled_404(host: Nginx, context: object, page: object) -> None:
    session = _Session(context, page, host)
    url = host.base + "part-1/no/such/page/"
    response = page.goto(url, wait_until="networkidle")  # type: ignore[attr-defined]
    assert response is not None and response.status == 404
    assert page.locator("h1").first.inner_text() == "Page not found"  # type: ignore[attr-defined]
    assert page.locator("header.md-header").evaluate("el => getComputedStyle(el).position") == "sticky"  # type: ignore[attr-defined]
    page.get_by_role("link", name="Go to the start of the guide").click()  # type: ignore[attr-defined]
    page.wait_for_url(host.base)  # type: ignore[attr-defined]
    session.http_errors.remove(f"404 {url}")  # the 404 document itself is the one expected error
    session.watcher.console_errors[:] = [text for text in session.watcher.console_errors if "status of 404" not in text]
    assert session.problems == []
