"""scripts/check: the author's fast check, through the real bash wrapper."""

from __future__ import annotations

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
    result = run_check(tmp_path)  # any working folder: it checks the repository's docs/
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("No problems: ")
    assert result.stdout.rstrip().endswith(" in docs.")


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
    result = run_check(tmp_path, GUIDE_DOCS_DIR="guide")
    assert result.stdout.splitlines()[-1] == BROKEN_COUNT
    assert result.returncode == 1


def test_check_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = run_check(tmp_path, "no-such-folder")
    assert missing.returncode == 2
    assert missing.stderr == "error: no-such-folder is not a folder\n"
    extra = run_check(tmp_path, "a", "b")
    assert extra.returncode == 2
    assert "usage: scripts/check [DOCS_DIR]" in extra.stderr
