"""Valid HTML gate: the Nu HTML Checker (vnu-jar from npm) reports no error on any built page."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import ROOT, BuildResult

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        message = "java not found: install it with 'apt-get install default-jre-headless'"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set, so the HTML check may not be skipped)")
        pytest.skip(message)
    if not VNU.is_file():
        pytest.fail(f"{VNU} is missing: run scripts/test, which installs it with npm")
    return java


def vnu_errors(files: list[Path], root: Path) -> list[str]:
    """Every error the checker reports, as 'file:line:column: message' lines."""
    process = subprocess.run(
        [_java(), "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # The JSON report goes to stderr; the JVM may print a notice before it.
    output = process.stderr or process.stdout
    start = output.find('{"')
    assert start != -1, f"the checker gave no report (exit {process.returncode}):\n{output[-2000:]}"
    report = json.loads(output[start:])
    errors = []
    for message in report["messages"]:
        path = Path(message.get("url", "").removeprefix("file:"))
        where = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        errors.append(f"{where}:{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}: {message['message']}")
    return errors


def test_every_built_page_is_valid_html(guide_site: BuildResult, mini_site: BuildResult) -> None:
    roots = [guide_site.site_dir, mini_site.site_dir]
    files = [path for root in roots for path in sorted(root.rglob("*.html"))]
    assert len(files) > 10
    common = Path(os.path.commonpath(roots))
    errors = vnu_errors(files, common)
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)


def test_the_checker_reports_an_error_with_its_place(tmp_path: Path) -> None:
    """The gate can fail: Material's own checkbox toggles, unfixed, are an error."""
    page = tmp_path / "index.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head><body>\n'
        '<input type="checkbox" id="__drawer" autocomplete="off"></body></html>\n'
    )
    errors = vnu_errors([page], tmp_path)
    assert len(errors) == 1
    assert errors[0].startswith("index.html:2:1: Attribute “autocomplete” is only allowed when")
