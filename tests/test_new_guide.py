"""guidegen new writes a guide repository that builds strict, from its own folder, and works in the browser."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from guidegen import __version__
from guidegen.i18n import available_languages, load_catalog
from guidegen.loader import load_guide
from tests.axe import axe_violations
from tests.helpers import ROOT, PageWatcher, author_env, serve_directory
from tests.test_languages import english_found, reader_text

NEW_GUIDE = ROOT / "scripts" / "new-guide"
BLOCK_PAGE = "part-1/the-first-building-block/"


def new_guide(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(NEW_GUIDE), *args], cwd=cwd, env=author_env(), capture_output=True, text=True, timeout=120
    )


def guidegen(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed command, run in the guide's folder as an author runs it: no GUIDE_* variable set."""
    command = [sys.executable, "-m", "guidegen", *args]
    return subprocess.run(command, cwd=cwd, env=author_env(), capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def skeleton_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The English skeleton, written by the real script and built by `guidegen build` in its folder."""
    work = tmp_path_factory.mktemp("new-guide")
    result = new_guide(work, "my-guide")
    assert result.returncode == 0, result.stderr
    built = guidegen(work / "my-guide", "build")
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr
    return work / "my-guide" / "site"


def test_writes_a_guide_repository_that_checks_clean_and_says_how_to_see_it(tmp_path: Path) -> None:
    result = new_guide(tmp_path, "my-guide")
    assert result.returncode == 0, result.stderr
    guide = tmp_path / "my-guide"
    assert result.stdout == (
        "Wrote a new guide in my-guide:\n"
        "  my-guide/mkdocs.yml\n"
        "  my-guide/.gitignore\n"
        "  my-guide/.github/workflows/pages.yml\n"
        "  my-guide/docs/index.md\n"
        "  my-guide/docs/part-1/index.md\n"
        "  my-guide/docs/part-1/the-first-building-block.md\n"
        "  my-guide/docs/safety.md\n"
        "See it: cd my-guide && guidegen serve\n"
    )
    config = yaml.load((guide / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)
    assert config["site_name"] == "My guide"
    assert config["theme"]["name"] == "material" and config["theme"]["language"] == "en"
    assert config["plugins"] == ["search", "guidegen"]
    assert "attr_list" in config["markdown_extensions"]
    assert "site/" in (guide / ".gitignore").read_text(encoding="utf-8").splitlines()
    loaded = load_guide(guide / "docs")
    assert loaded.problems == []
    [block] = loaded.guide.blocks
    assert [item.section for item in block.checklist] == ["the-idea"]
    assert [(q.id, q.section) for q in block.quiz] == [("first-question", "the-idea")]
    assert loaded.guide.settings.safety_page == "safety.md"
    # Every field is explained where it is.
    text = (guide / "docs" / "part-1" / "the-first-building-block.md").read_text(encoding="utf-8")
    for comment in ("# Its place in the part", "# Inline Markdown.", "# Optional: shown when this choice is picked."):
        assert comment in text
    check = guidegen(guide, "check")
    assert (check.returncode, check.stdout) == (0, "No problems: 1 part and 1 block in docs.\n")


CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def validate_workflow(path: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema (pinned in requirements.txt) with the GitHub workflow schema it vendors."""
    command = [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", str(path)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_the_pages_workflow_validates_and_builds_strict_before_deploying(tmp_path: Path) -> None:
    assert new_guide(tmp_path, "my-guide").returncode == 0
    workflow = tmp_path / "my-guide" / ".github" / "workflows" / "pages.yml"
    result = validate_workflow(workflow)
    assert (result.returncode, result.stdout.strip()) == (0, "ok -- validation done"), result.stdout + result.stderr
    jobs = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]
    build = [step.get("run") or step.get("uses") for step in jobs["build"]["steps"]]
    assert build == [
        "actions/checkout@v4",
        "actions/setup-python@v5",
        f'python -m pip install "guidegen=={__version__}"',
        "guidegen build",  # strict, and nothing is uploaded when it fails
        "actions/upload-pages-artifact@v3",
    ]
    assert jobs["build"]["steps"][-1]["with"] == {"path": "site"}
    assert jobs["deploy"]["needs"] == "build"
    assert [step["uses"] for step in jobs["deploy"]["steps"]] == ["actions/deploy-pages@v4"]
    # The validator does read it: a misspelt key is refused.
    broken = tmp_path / "broken.yml"
    broken.write_text(workflow.read_text(encoding="utf-8").replace("runs-on:", "runs_on:", 1), encoding="utf-8")
    refused = validate_workflow(broken)
    assert refused.returncode == 1 and "Schema validation errors were encountered." in refused.stdout + refused.stderr


def test_the_readme_gitlab_pages_example_validates_and_builds_strict(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [example] = re.findall(r"```yaml\n(# \.gitlab-ci\.yml.*?)```", readme, re.S)
    path = tmp_path / ".gitlab-ci.yml"
    path.write_text(example, encoding="utf-8")
    command = [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.gitlab-ci", str(path)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    script = yaml.safe_load(example)["pages"]["script"]
    assert script == [f'python -m pip install "guidegen=={__version__}"', "guidegen build", "mv site public"]


def test_the_skeleton_builds_strict_with_its_block_page_and_safety_link(skeleton_site: Path) -> None:
    html = (skeleton_site / BLOCK_PAGE / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in html
    assert 'id="the-idea"' in html
    assert 'href="../../safety/"' in html
    assert (skeleton_site / "checklists" / "the-first-building-block" / "index.html").is_file()


@pytest.mark.parametrize("language", [lang for lang in available_languages() if lang != "en"])
def test_every_language_gets_its_own_placeholder_words_and_checks_clean(tmp_path: Path, language: str) -> None:
    result = new_guide(tmp_path, "--language", language, "guide")
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("See it: cd guide && guidegen serve\n")
    # The language lives with the guide: theme.language in its own mkdocs.yml.
    config = yaml.load((tmp_path / "guide" / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)
    assert config["theme"]["language"] == language
    toggles = [entry["toggle"]["name"] for entry in config["theme"]["palette"]]
    assert toggles == [load_catalog(language).text(f"new_guide.to_{name}") for name in ("light", "dark", "system")]
    loaded = load_guide(tmp_path / "guide" / "docs", language=language)
    assert loaded.problems == []
    [block] = loaded.guide.blocks
    catalog = load_catalog(language)
    assert block.title == catalog.text("new_guide.block_title")
    assert block.quiz[0].prompt == catalog.text("new_guide.question")
    assert block.heading("the-idea") is not None
    check = guidegen(tmp_path / "guide", "check")
    assert check.returncode == 0 and check.stdout.startswith("No problems: "), check.stdout


def test_spanish_guide_builds_strict_from_its_folder_in_spanish_without_a_safety_page(tmp_path: Path) -> None:
    assert new_guide(tmp_path, "--language", "es", "--no-safety-page", "guia").returncode == 0
    folder = tmp_path / "guia"
    assert not (folder / "docs" / "safety.md").exists()
    built = guidegen(folder, "build")
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr
    site = folder / "site"
    html = (site / "part-1" / "el-primer-bloque" / "index.html").read_text(encoding="utf-8")
    assert "¿Qué pide este bloque a quien lo lee?" in html
    assert "safety" not in html
    # Nothing a reader sees is in English: neither the generator's words nor the skeleton's.
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 6
    for path in pages:
        assert '<html lang="es"' in path.read_text(encoding="utf-8"), path
        found = english_found(reader_text(path.read_text(encoding="utf-8")), "es")
        assert found == [], f"{path.relative_to(site)} says in English: {found}"


def test_a_language_without_a_shipped_catalog_gets_one_to_translate(tmp_path: Path) -> None:
    result = new_guide(tmp_path, "--language", "pt", "guia")
    assert result.returncode == 0, result.stderr
    assert "  guia/locales/pt.yml\n" in result.stdout
    assert "The generator has no 'pt' words of its own yet: translate locales/pt.yml" in result.stdout
    starter = yaml.safe_load((tmp_path / "guia" / "locales" / "pt.yml").read_text(encoding="utf-8"))
    english = load_catalog("en").strings
    assert set(starter) == set(english)
    # Portuguese plural forms (CLDR, through Babel), each to translate.
    assert set(starter["checklist.items"]) == {"one", "many", "other"}
    # Until it is translated the guide checks clean but warns, naming the file; a strict build stops.
    check = guidegen(tmp_path / "guia", "check")
    assert check.returncode == 0
    assert "warning: locales/pt.yml: " in check.stdout
    assert "strings are still the English text: translate them" in check.stdout
    built = guidegen(tmp_path / "guia", "build")
    assert built.returncode == 1
    assert "locales/pt.yml: " in built.stderr and "still the English text" in built.stderr


def test_refuses_a_folder_that_is_not_empty_and_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "todo.md").write_text("mine\n", encoding="utf-8")
    result = new_guide(tmp_path, "notes")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "error: notes is not empty: guidegen new writes only into a new or empty folder, "
        "and changed nothing (name a new folder)\n"
    )
    assert [p.name for p in folder.iterdir()] == ["todo.md"]
    assert (folder / "todo.md").read_text(encoding="utf-8") == "mine\n"


def test_an_empty_folder_is_used_and_a_file_or_unknown_language_refused(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert new_guide(tmp_path, "empty").returncode == 0
    assert (tmp_path / "empty" / "mkdocs.yml").is_file()
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    result = new_guide(tmp_path, "a-file")
    assert (result.returncode, result.stderr) == (1, "error: a-file is a file, not a folder: it was left as it is\n")
    unknown = new_guide(tmp_path, "--language", "not a language", "other")
    assert unknown.returncode == 2
    assert unknown.stderr == (
        "error: 'not a language' is not a language code (e.g. es, pt, pt-BR); nothing was written\n"
    )
    assert not (tmp_path / "other").exists()


def test_in_chromium_the_block_page_ticks_answers_and_is_axe_clean(page: object, skeleton_site: Path) -> None:
    catalog = load_catalog("en")
    with serve_directory(skeleton_site) as url:
        watcher = PageWatcher(page, url)
        page.goto(url + BLOCK_PAGE)  # type: ignore[attr-defined]
        checklist = page.get_by_role("region", name="Your checklist")  # type: ignore[attr-defined]
        box = checklist.get_by_role("checkbox", name=catalog.text("new_guide.item"))
        box.check()
        page.reload(wait_until="networkidle")  # type: ignore[attr-defined]
        expect(box).to_be_checked()
        expect(checklist.locator(".gg-progress__text")).to_have_text("1 of 1 done")
        quiz = page.get_by_role("region", name="Check your understanding")  # type: ignore[attr-defined]
        form = quiz.get_by_role("group", name=catalog.text("new_guide.question"))
        form.get_by_label(catalog.text("new_guide.wrong"), exact=True).check()
        quiz.get_by_role("button", name="Check my answer").click()
        result = quiz.locator(".gg-question__result")
        expect(result).to_contain_text("✗ Not quite.")
        expect(result).to_contain_text(catalog.text("new_guide.wrong_feedback"))
        expect(result).to_contain_text(catalog.text("new_guide.explanation"))
        assert axe_violations(page) == []
        assert watcher.problems == []
