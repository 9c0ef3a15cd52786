"""Self-hosting output: security headers, robots.txt, sitemap, subpath builds, 404 page."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from guidegen import csp
from tests.helpers import ENGINE, MINI_GUIDE, BuildResult, attribute_values, build, copy_guide, start_tags

SITE_URL = "https://example.org/guide/"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The mini guide built for https://example.org/guide/."""
    result = build(tmp_path_factory.mktemp("subpath") / "site", MINI_GUIDE, GUIDE_SITE_URL=SITE_URL)
    assert result.returncode == 0, result.output
    return result


def _headers(site: Path) -> dict[str, str]:
    lines = (site / "_headers").read_text(encoding="utf-8").splitlines()
    rule = lines.index("/*")
    return dict(line.strip().split(": ", 1) for line in lines[rule + 1 :] if line.strip())


def _policy(site: Path) -> dict[str, list[str]]:
    value = _headers(site)["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in value.split("; ")}


# --- the scanner on its own -------------------------------------------------


def test_hash_matches_the_csp_specification_example() -> None:
    # Same value as `printf 'alert(1)' | openssl dgst -sha256 -binary | base64`.
    assert csp.sha256_source("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"


def test_scanner_hashes_inline_code_and_skips_files_and_data_blocks() -> None:
    html = (
        '<html><head><script>alert(1)</script><script src="a.js"></script>'
        '<script type="application/json" id="__config">{"a": 1}</script>'
        "<style>p{color:red}</style></head><body><p>x</p></body></html>"
    )
    found = csp.scan_html(html)
    assert found.scripts == {csp.sha256_source("alert(1)")}
    assert found.styles == {csp.sha256_source("p{color:red}")}
    assert found.style_attributes == set()
    policy = csp.content_security_policy(found)
    assert f"script-src 'self' {csp.sha256_source('alert(1)')};" in policy
    assert "unsafe-inline" not in policy and "unsafe-hashes" not in policy


def test_style_attributes_need_unsafe_hashes() -> None:
    found = csp.scan_html('<p style="color: red">x</p>')
    assert found.style_attributes == {csp.sha256_source("color: red")}
    assert f"style-src 'self' 'unsafe-hashes' {csp.sha256_source('color: red')};" in csp.content_security_policy(found)


def test_inline_event_handler_is_refused_with_its_place() -> None:
    with pytest.raises(csp.UnsafeMarkup, match=r"^page\.html:2: inline event handler 'onclick' on <button>$"):
        csp.scan_html('<p>ok</p>\n<button onclick="go()">Go</button>', "page.html")


def test_build_with_an_inline_event_handler_fails_at_its_source_line(tmp_path: Path) -> None:
    guide = copy_guide(MINI_GUIDE, tmp_path / "guide")
    soil = guide / "part-one" / "soil.md"
    text = soil.read_text(encoding="utf-8") + '\n<button onclick="water()">Water</button>\n'
    soil.write_text(text, "utf-8")
    line = text.split("\n").index('<button onclick="water()">Water</button>') + 1
    result = build(tmp_path / "site", guide)
    assert result.returncode != 0
    assert (
        f"{soil}:{line}:1: inline event handler 'onclick' on <button> in the page text: "
        "a guide's pages never run code of their own" in result.output
    ), result.output


# --- the shipped guide -------------------------------------------------------


def test_headers_file_carries_a_strict_policy_for_every_page(guide_site: BuildResult) -> None:
    site = guide_site.site_dir
    headers = _headers(site)
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Permissions-Policy"].startswith("accelerometer=()")
    policy = _policy(site)
    assert policy["default-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    # Every inline script Material put in any page is allowed by its hash;
    # the pages nest at different depths, so there are several __md_scope variants.
    scopes = set()
    for page in site.rglob("*.html"):
        for body in re.findall(r"<script>(.*?)</script>", page.read_text(encoding="utf-8"), re.S):
            assert csp.sha256_source(body) in policy["script-src"], f"{page}: {body[:60]}"
            scopes.update(re.findall(r'__md_scope=new URL\("([^"]*)"', body))
    assert len(scopes) >= 3, scopes


def test_nginx_snippet_says_the_same_as_headers_file(guide_site: BuildResult) -> None:
    site = guide_site.site_dir
    snippet = (site / "_nginx-headers.conf").read_text(encoding="utf-8")
    nginx = dict(re.findall(r'^add_header (\S+) "([^"]*)" always;$', snippet, re.M))
    assert nginx == _headers(site)


def test_apache_and_caddy_files_say_the_same_as_headers_file(
    guide_site: BuildResult, subpath_site: BuildResult
) -> None:
    site = guide_site.site_dir
    htaccess = (site / ".htaccess").read_text(encoding="utf-8")
    assert dict(re.findall(r'^Header always set (\S+) "([^"]*)"$', htaccess, re.M)) == _headers(site)
    caddy = (site / "_caddy-headers.conf").read_text(encoding="utf-8")
    assert dict(re.findall(r'^\t(\S+) "([^"]*)"$', caddy, re.M)) == _headers(site)
    # The 404 page from the host's root: the site URL's folder, else the root (no site_url).
    assert htaccess.endswith("\nErrorDocument 404 /404.html\n")
    assert (subpath_site.site_dir / ".htaccess").read_text("utf-8").endswith("\nErrorDocument 404 /guide/404.html\n")


def test_robots_without_site_url_has_no_sitemap_line(guide_site: BuildResult) -> None:
    assert (guide_site.site_dir / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"


def test_a_guide_can_ship_its_own_robots_txt(tmp_path: Path) -> None:
    guide = copy_guide(MINI_GUIDE, tmp_path / "guide")
    (guide / "robots.txt").write_text("User-agent: *\nDisallow: /\n", encoding="utf-8")
    result = build(tmp_path / "site", guide)
    assert result.returncode == 0, result.output
    assert (result.site_dir / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /\n"


# --- a guide served from a subfolder -------------------------------------------


def test_subpath_build_points_robots_and_sitemap_at_the_site_url(subpath_site: BuildResult) -> None:
    site = subpath_site.site_dir
    assert (site / "robots.txt").read_text(encoding="utf-8").splitlines()[-1] == f"Sitemap: {SITE_URL}sitemap.xml"
    locations = [loc.text for loc in ElementTree.parse(site / "sitemap.xml").iter(f"{SITEMAP_NS}loc")]
    assert f"{SITE_URL}part-one/watering/" in locations
    assert all(str(loc).startswith(SITE_URL) for loc in locations)


@pytest.mark.parametrize("which", ["subpath_site", "guide_site"])
def test_pages_link_relatively(which: str, request: pytest.FixtureRequest) -> None:
    site = request.getfixturevalue(which).site_dir
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue
        html = page.read_text(encoding="utf-8")
        rooted = [url for url in attribute_values(html, "href") + attribute_values(html, "src") if url.startswith("/")]
        assert rooted == [], f"{page.relative_to(site)} links from the server root: {rooted}"


def test_404_page_reaches_its_assets_from_any_depth(subpath_site: BuildResult) -> None:
    html = (subpath_site.site_dir / "404.html").read_text(encoding="utf-8")
    assert re.search(r"<title>Page not found - [^<]+</title>", html)
    assert re.search(r'<a href="?/guide/"?>Go to the start of the guide</a>', html)
    assert re.search(r'<a href="?/guide/checklists/"?>Open your checklists</a>', html)
    urls = [url.split("#")[0] for url in attribute_values(html, "href") + attribute_values(html, "src")]
    local = [url for url in urls if url and not url.startswith("https://")]
    assert local and all(url.startswith("/guide/") for url in local), local


# --- the offline edition -----------------------------------------------------------


def test_offline_build_uses_the_vendored_worker_shim(tmp_path: Path) -> None:
    result = build(tmp_path / "site", MINI_GUIDE, GUIDE_OFFLINE="true")
    assert result.returncode == 0, result.output
    site = result.site_dir
    page = (site / "part-one" / "soil.html").read_text(encoding="utf-8")
    assert ("script", {"src": "../assets/vendor/iframe-worker/shim.js"}) in start_tags(page)
    assert (site / "assets/vendor/iframe-worker/shim.js").is_file()
    # The search index as a script, which file:// can load (fetch cannot): Material's offline
    # plugin writes search/search_index.js, Zensical's writes search.js at the root.
    assert (site / ("search.js" if ENGINE.name == "zensical" else "search/search_index.js")).is_file()
    for html in site.rglob("*.html"):
        loaded = [
            url
            for tag, attrs in start_tags(html.read_text("utf-8"))
            if tag in {"script", "link", "img"}
            for url in (attrs.get("src", ""), attrs.get("href", ""))
            if url.startswith(("http:", "https:"))
        ]
        assert loaded == [], f"{html.relative_to(site)} loads {loaded}"
    assert not (site / "_headers").exists()
    # Material's instant navigation would complete document$ before any page script starts.
    assert '"navigation.instant' not in page
