"""scripts/check: the author's fast check, through the real bash wrapper."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.helpers import MINI_GUIDE, ROOT, mkdocs_env
from tests.test_validation import BROKEN, BROKEN_COUNT, BROKEN_LINES, _guide

CHECK = ROOT / "scripts" / "check"


def run_check(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = mkdocs_env(**env)
    environment.pop("GUIDE_DOCS_DIR", None)
    environment.update(env)
    return subprocess.run([str(CHECK), *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=120)


def test_check_passes_the_shipped_guide_by_default(tmp_path: Path) -> None:
    result = run_check(tmp_path)  # any working folder: it checks the repository's docs/, named as seen from there
    assert result.returncode == 0, result.stdout + result.stderr
    *warnings, last = result.stdout.splitlines()
    assert last.startswith("No problems: ")
    assert last.endswith(f" in {ROOT / 'docs'}.")
    # The quiz lint may warn (tests/test_lint.py); what it says of docs/ changes with its wording.
    assert all(": warning: " in line for line in warnings)


def test_check_takes_a_guide_folder() -> None:
    result = run_check(ROOT, str(MINI_GUIDE.relative_to(ROOT)))
    assert result.returncode == 0, result.stdout
    assert result.stdout == "No problems: 1 part and 2 blocks in tests/guides/mini.\n"


def test_check_prints_every_problem_then_the_count_and_exits_1(tmp_path: Path) -> None:
    _guide(tmp_path, BROKEN)
    result = run_check(tmp_path, "guide")
    assert result.stdout.splitlines() == [*BROKEN_LINES, BROKEN_COUNT]
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()  # no site build


def test_check_reads_guide_docs_dir(tmp_path: Path) -> None:
    _guide(tmp_path, BROKEN)
    # mkdocs.yml's docs_dir (GUIDE_DOCS_DIR in this repository's): a relative one is relative to mkdocs.yml, as
    # MkDocs reads it, so an absolute path names a folder elsewhere.
    result = run_check(tmp_path, GUIDE_DOCS_DIR=str(tmp_path / "guide"))
    assert result.stdout.splitlines()[-1] == BROKEN_COUNT
    assert result.returncode == 1


def test_check_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = run_check(tmp_path, "no-such-folder")
    assert missing.returncode == 2
    assert missing.stderr == "error: no-such-folder is not a folder\n"
    extra = run_check(tmp_path, "a", "b")
    assert extra.returncode == 2
    assert extra.stderr.startswith("usage: guidegen [-h] [--version] COMMAND ...")
    assert extra.stderr.endswith("error: unrecognized arguments: b\n")


def test_github_format_annotates_each_problem_at_its_file_line_and_column(tmp_path: Path) -> None:
    _guide(tmp_path, BROKEN)
    result = run_check(tmp_path, "--format", "github", "guide")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[-1] == BROKEN_COUNT
    assert len(lines) == len(BROKEN_LINES) + 1
    assert lines[0] == (
        "::error file=guide/part-one/pests.md,line=2,col=8,title=title::'no' is read by YAML as the boolean false, "
        'not as text (put it in quotes: "no")'
    )
    # A whole-file problem has no field: its title is "guide".
    assert lines[2].startswith("::error file=guide/part-one/pests.md,line=8,col=14,title=checklist['look'].section::")
    assert lines[3].startswith("::error file=guide/part-one/soil.md,line=2,col=1,title=guide::the front-matter must")


def test_json_format_lists_every_problem_with_its_parts(tmp_path: Path) -> None:
    _guide(tmp_path, BROKEN)
    result = run_check(tmp_path, "--format=json", "guide")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert len(report["problems"]) == len(BROKEN_LINES)
    assert report["problems"][0] == {
        "path": "guide/part-one/pests.md",
        "line": 2,
        "column": 8,
        "field": "title",
        "message": "'no' is read by YAML as the boolean false, not as text",
        "hint": 'put it in quotes: "no"',
    }
    clean = json.loads(run_check(tmp_path, "--format", "json").stdout)  # no folder: the repository's docs/
    assert clean["problems"] == [] and clean["blocks"] >= 7


def test_an_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = run_check(tmp_path, "--format", "xml")
    assert result.returncode == 2
    assert result.stderr.startswith("usage: guidegen check [-h] [-f FILE] [--format {text,github,json}] [DOCS_DIR]\n")
    assert result.stderr.endswith("argument --format: invalid choice: 'xml' (choose from 'text', 'github', 'json')\n")


def test_github_format_escapes_what_would_end_a_property_or_the_message() -> None:
    from guidegen.check import _workflow_command
    from guidegen.problems import Problem

    problem = Problem("docs/a,b:c.md", 3, 1, "title", "100% wrong\nreally", "fix: it")
    assert _workflow_command(problem) == (
        "::error file=docs/a%2Cb%3Ac.md,line=3,col=1,title=title::100%25 wrong%0Areally (fix: it)"
    )
