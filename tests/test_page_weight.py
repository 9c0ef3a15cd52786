"""Page weight: the generator's own JavaScript and CSS, as readers download them, stay within 12 KB gzipped."""

from __future__ import annotations

import gzip
import shutil
import subprocess

import pytest

from guidegen.minify import minify_css, minify_js
from tests.helpers import BuildResult

BUDGET = 12 * 1024  # issue 16: own CSS+JS ≤ 12 KB gzipped


def _own_assets(site: BuildResult) -> dict[str, bytes]:
    folder = site.site_dir / "assets" / "guide"
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.suffix in {".js", ".css"}}


def test_own_javascript_and_css_fit_the_budget(guide_site: BuildResult) -> None:
    sizes = {name: len(gzip.compress(content, 9)) for name, content in _own_assets(guide_site).items()}
    # One stylesheet and one deferred script (guidegen/minify.py BUNDLES), plus instant.js.
    assert sorted(sizes) == ["guide.css", "guide.js", "instant.js"], f"assets/guide/ holds {sorted(sizes)}"
    listing = "\n".join(f"  {name}: {size} B" for name, size in sizes.items())
    assert sum(sizes.values()) <= BUDGET, f"{sum(sizes.values())} B gzipped, budget {BUDGET} B:\n{listing}"


def test_built_javascript_still_parses(guide_site: BuildResult) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node not found (it comes with npm, which scripts/test needs)")
    for name, content in _own_assets(guide_site).items():
        if name.endswith(".js"):
            check = subprocess.run([node, "--check", "-"], input=content, capture_output=True, timeout=60)
            assert check.returncode == 0, f"{name} after minifying: {check.stderr.decode()}"


def test_minifying_css_keeps_strings_and_meaning() -> None:
    css = '/* note: "a, b" */\na , b {\n  content: " , { ";\n  width: calc(1px + 2px);\n}\n.x :hover { c: d }\n'
    assert minify_css(css) == 'a,b{content:" , { ";width:calc(1px + 2px)}.x :hover{c:d}\n'


def test_minifying_javascript_keeps_strings_templates_and_regular_expressions() -> None:
    js = '(function () {\n  /* why */\n  var a = "http://x"; // gone\n  return a;\n})();\n'
    assert minify_js(js) == '(function(){var a="http://x";return a;})();\n'
    kept = "var b = `one\n  two`; var r = /a\\/\\/b/g;\n"
    assert minify_js(kept) == "var b=`one\n  two`;var r=/a\\/\\/b/g;\n"
