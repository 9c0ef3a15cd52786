"""A wheel worth shipping: built from this repository's files, checked, installed into a fresh venv outside the
repository, and used there as an author would: `guidegen new` -> `check` -> `build` -> a reader in Chromium.

mkdocs-quiz 1.5.2 shipped a wheel missing two subpackages; here every file of the package in the repository
must be in the wheel, and the installed wheel alone must build a guide that works.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from guidegen import __version__
from guidegen.i18n import load_catalog
from tests.helpers import ROOT, PageWatcher, serve_directory
from tests.test_languages import english_found, reader_text
from tests.test_new_guide import FILLED, fill_in

PYTHON = sys.executable


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 600) -> str:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def source_files() -> list[str]:
    """What the repository holds (committed or not, but not ignored): what a release is built from."""
    listed = run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], ROOT).splitlines()
    return sorted(path for path in listed if (ROOT / path).is_file())


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel, built from a copy of the repository's files (nothing a build left behind)."""
    work = tmp_path_factory.mktemp("release")
    source = work / "source"
    for path in source_files():
        target = source / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / path, target)
    out = work / "dist"
    # --no-isolation: the build backend pinned in requirements.txt, not a fresh download.
    run([PYTHON, "-m", "build", "--no-isolation", "--sdist", "--wheel", "--outdir", str(out), str(source)], source)
    return out


def the_wheel(dist: Path) -> Path:
    [wheel] = dist.glob("guidegen-*-py3-none-any.whl")
    return wheel


def test_sdist_and_wheel_pass_twine_and_check_wheel_contents(dist: Path) -> None:
    assert sorted(path.name for path in dist.iterdir()) == [
        f"guidegen-{__version__}-py3-none-any.whl",
        f"guidegen-{__version__}.tar.gz",
    ]
    bin_dir = Path(PYTHON).parent
    assert "PASSED" in run([str(bin_dir / "twine"), "check", "--strict", *map(str, dist.iterdir())], dist)
    assert run([str(bin_dir / "check-wheel-contents"), str(the_wheel(dist))], dist).strip().endswith(": OK")


def test_the_wheel_holds_every_file_of_the_package_and_nothing_of_the_repository(dist: Path) -> None:
    with zipfile.ZipFile(the_wheel(dist)) as wheel:
        names = set(wheel.namelist())
        metadata = wheel.read(f"guidegen-{__version__}.dist-info/entry_points.txt").decode("utf-8")
    package = {path for path in source_files() if path.startswith("guidegen/")}
    assert package - names == set()
    assert {name for name in names if not name.startswith(("guidegen/", "guidegen-"))} == set()
    for needed in (
        "guidegen/theme/base.html",
        "guidegen/theme/assets/guide/guide.css",
        "guidegen/templates/block.html",
        "guidegen/locales/ar.yml",
        "guidegen/guide.schema.json",
        "guidegen/zensical/theme/main.html",
    ):
        assert needed in names
    assert "[mkdocs.plugins]\nguidegen = guidegen.plugin:GuidePlugin" in metadata
    assert "[properdocs.plugins]\nguidegen = guidegen.plugin:GuidePlugin" in metadata
    assert "[console_scripts]\nguidegen = guidegen.cli:main" in metadata


@pytest.fixture(scope="module")
def installed(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv outside the repository with the wheel installed (its dependencies at this repository's pins)."""
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    run([PYTHON, "-m", "venv", str(venv)], venv.parent)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    run([*pip, "--constraint", str(ROOT / "requirements.txt"), str(the_wheel(dist))], venv.parent, timeout=900)
    return venv


def clean_env() -> dict[str, str]:
    """Nothing of this repository: no GUIDE_* setting, no PYTHONPATH, not its venv on PATH."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GUIDE_") and key != "PYTHONPATH"}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if str(ROOT) not in p)
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


@pytest.fixture(scope="module")
def spanish_guide(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("author")
    guidegen = str(installed / "bin" / "guidegen")
    env = clean_env()
    assert run([guidegen, "--version"], work, env).strip() == f"guidegen {__version__}"
    run([guidegen, "new", "guia", "--language", "es"], work, env)
    folder = work / "guia"
    fill_in(folder / "docs", "es")  # what the author writes before publishing
    assert run([guidegen, "check"], folder, env) == "No problems: 1 part and 1 block in docs.\n"
    built = run([guidegen, "build"], folder, env)
    assert "WARNING" not in built
    # The package came from the venv, not from this repository.
    where = run([str(installed / "bin" / "python"), "-c", "import guidegen; print(guidegen.__file__)"], work, env)
    assert where.startswith(str(installed)) and str(ROOT) not in where
    return folder / "site"


def test_the_installed_wheel_builds_a_spanish_guide_strict_with_no_english(spanish_guide: Path) -> None:
    pages = sorted(spanish_guide.rglob("*.html"))
    assert len(pages) >= 6
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert re.search(r'<html lang="?es"?', html), path
        found = english_found(reader_text(html), "es")
        assert found == [], f"{path.relative_to(spanish_guide)} says in English: {found}"


def test_in_chromium_the_installed_guide_keeps_a_tick_and_answers_a_question(page: object, spanish_guide: Path) -> None:
    catalog = load_catalog("es")
    with serve_directory(spanish_guide) as url:
        watcher = PageWatcher(page, url)
        page.goto(url + "part-1/el-primer-bloque/")  # type: ignore[attr-defined]
        checklist = page.get_by_role("region", name=catalog.text("block.checklist_heading"))  # type: ignore[attr-defined]
        box = checklist.get_by_role("checkbox", name=catalog.text("new_guide.item") + FILLED)
        box.check()
        page.reload(wait_until="networkidle")  # type: ignore[attr-defined]
        expect(box).to_be_checked()
        quiz = page.get_by_role("region", name=catalog.text("block.quiz_heading"))  # type: ignore[attr-defined]
        form = quiz.get_by_role("group", name=catalog.text("new_guide.question") + FILLED)
        form.get_by_label(catalog.text("new_guide.right") + FILLED, exact=True).check()
        quiz.get_by_role("button", name=catalog.text("quiz.check")).click()
        expect(quiz.locator(".gg-question__result")).to_contain_text(catalog.text("new_guide.explanation") + FILLED)
        assert watcher.problems == []
