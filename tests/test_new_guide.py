"""guidegen new writes a guide repository that builds strict, from its own folder, and works in the browser."""

from __future__ import annotations

import json
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
from guidegen.placeholders import KEPT
from tests.axe import axe_violations
from tests.helpers import ROOT, PageWatcher, author_env, serve_directory
from tests.test_languages import english_found, reader_text

NEW_GUIDE = ROOT / "scripts" / "new-guide"
BLOCK_PAGE = "part-1/the-first-building-block/"
#: What the tests add to each placeholder, as an author's edit would change it; no word of any language.
FILLED = " (1)"


def fill_in(guide: Path, language: str = "en") -> None:
    """Do what the author does before publishing: change every placeholder of the skeleton."""
    catalog = load_catalog(language)
    texts = [
        catalog.text(key)
        for key in catalog.strings
        if key.startswith("new_guide.") and key not in KEPT and "{" not in catalog.strings[key]
    ]
    for path in guide.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        for placeholder in sorted(texts, key=len, reverse=True):
            text = text.replace(
                json.dumps(placeholder, ensure_ascii=False), json.dumps(placeholder + FILLED, ensure_ascii=False)
            )
            text = re.sub(rf"^(#+ )?{re.escape(placeholder)}$", rf"\g<0>{FILLED}", text, flags=re.M)
        path.write_text(text, encoding="utf-8")


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
    fill_in(work / "my-guide" / "docs")
    built = guidegen(work / "my-guide", "build")
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr
    return work / "my-guide" / "site"


PLACEHOLDER = "placeholder text from guidegen new"
# Where the English skeleton's placeholders are: what guidegen check and the build name until they are replaced.
PLACEHOLDERS = [
    ("index.md", 3, "title"),
    ("index.md", 10, ""),
    ("index.md", 15, ""),
    ("part-1/index.md", 5, "title"),
    ("part-1/index.md", 7, "summary"),
    ("part-1/index.md", 10, ""),
    ("part-1/the-first-building-block.md", 4, "title"),
    ("part-1/the-first-building-block.md", 6, "summary"),
    ("part-1/the-first-building-block.md", 16, "checklist['first-step'].text"),
    ("part-1/the-first-building-block.md", 23, "quiz['first-question'].prompt"),
    ("part-1/the-first-building-block.md", 27, "quiz['first-question'].choices[1].text"),
    ("part-1/the-first-building-block.md", 29, "quiz['first-question'].choices[2].text"),
    ("part-1/the-first-building-block.md", 31, "quiz['first-question'].choices[2].feedback"),
    ("part-1/the-first-building-block.md", 33, "quiz['first-question'].explanation"),
    ("part-1/the-first-building-block.md", 38, ""),
    ("part-1/the-first-building-block.md", 42, ""),
    ("safety.md", 3, ""),
]


def test_writes_a_guide_repository_whose_placeholders_check_names_and_says_how_to_see_it(tmp_path: Path) -> None:
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
        "Replace its placeholder text with your own (guidegen check lists each one); then guidegen build.\n"
    )
    config = yaml.load((guide / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)
    assert config["site_name"] == "My guide"
    assert config["theme"]["name"] == "material" and config["theme"]["language"] == "en"
    assert config["plugins"] == ["search", "guidegen"]
    assert "attr_list" in config["markdown_extensions"]
    assert "site/" in (guide / ".gitignore").read_text(encoding="utf-8").splitlines()
    docs = guide / "docs"
    loaded = load_guide(docs)
    found = [(Path(p.path).relative_to(docs).as_posix(), p.line, p.field) for p in loaded.problems]
    assert found == PLACEHOLDERS
    assert str(loaded.problems[0]) == (
        f"{docs}/index.md:3:8: title: 'My guide' is {PLACEHOLDER} (replace it with your own words:"
        " a guide with placeholders left does not build)"
    )
    # guidegen check names them too, and a build refuses them; `guidegen serve` shows the guide meanwhile.
    check = guidegen(guide, "check")
    assert check.returncode == 1 and check.stdout.splitlines()[-1] == f"{len(PLACEHOLDERS)} problems in 4 files."
    # Filled in, it checks clean; the model holds the block all along.
    [block] = loaded.guide.blocks
    assert [item.section for item in block.checklist] == ["the-idea"]
    assert [(q.id, q.section) for q in block.quiz] == [("first-question", "the-idea")]
    assert loaded.guide.settings.safety_page == "safety.md"
    fill_in(docs)
    assert load_guide(docs).problems == []
    # Every field is explained where it is.
    text = (guide / "docs" / "part-1" / "the-first-building-block.md").read_text(encoding="utf-8")
    for comment in ("# Its place in the part", "# Inline Markdown.", "# Optional: shown when this choice is picked."):
        assert comment in text
    check = guidegen(guide, "check")
    assert (check.returncode, check.stdout) == (0, "No problems: 1 part and 1 block in docs.\n")


def test_the_home_page_has_the_safety_note_under_its_heading_in_the_guides_language(tmp_path: Path) -> None:
    assert new_guide(tmp_path, "--language", "fr", "guide").returncode == 0
    home = (tmp_path / "guide" / "docs" / "index.md").read_text(encoding="utf-8")
    assert (
        '# Mon guide\n\n!!! warning "Avant de commencer"\n    Ce guide n\u2019est pas la bonne aide dans toutes' in home
    )
    assert "Avant de commencer, lisez [Quand ce guide n\u2019est pas la bonne aide](safety.md).\n\n" in home
    assert new_guide(tmp_path, "--no-safety-page", "bare").returncode == 0
    assert "!!!" not in (tmp_path / "bare" / "docs" / "index.md").read_text(encoding="utf-8")


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
    home = (skeleton_site / "index.html").read_text(encoding="utf-8")
    assert "Before you start" in home and 'href="safety/"' in home
    assert 'href="../../safety/"' in html
    assert (skeleton_site / "checklists" / "the-first-building-block" / "index.html").is_file()


@pytest.mark.parametrize("language", [lang for lang in available_languages() if lang != "en"])
def test_every_language_gets_its_own_placeholder_words_and_checks_clean(tmp_path: Path, language: str) -> None:
    result = new_guide(tmp_path, "--language", language, "guide")
    assert result.returncode == 0, result.stderr
    assert "See it: cd guide && guidegen serve\n" in result.stdout
    # The language lives with the guide: theme.language in its own mkdocs.yml.
    config = yaml.load((tmp_path / "guide" / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)
    assert config["theme"]["language"] == language
    toggles = [entry["toggle"]["name"] for entry in config["theme"]["palette"]]
    assert toggles == [load_catalog(language).text(f"palette.to_{name}") for name in ("light", "dark", "system")]
    docs = tmp_path / "guide" / "docs"
    loaded = load_guide(docs, language=language)
    # The same placeholders as in English.
    assert sorted((p.line, p.field, p.message.endswith(PLACEHOLDER)) for p in loaded.problems) == sorted(
        (line, field, True) for path, line, field in PLACEHOLDERS
    )
    fill_in(docs, language)
    assert load_guide(docs, language=language).problems == []
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
    fill_in(folder / "docs", "es")
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
    # Until it is translated the guide (filled in) checks clean but warns, naming the file; a strict build stops.
    fill_in(tmp_path / "guia" / "docs")
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
        box = checklist.get_by_role("checkbox", name=catalog.text("new_guide.item") + FILLED)
        box.check()
        page.reload(wait_until="networkidle")  # type: ignore[attr-defined]
        expect(box).to_be_checked()
        expect(checklist.locator(".gg-progress__text")).to_have_text("1 of 1 done")
        quiz = page.get_by_role("region", name="Check your understanding")  # type: ignore[attr-defined]
        form = quiz.get_by_role("group", name=catalog.text("new_guide.question") + FILLED)
        form.get_by_label(catalog.text("new_guide.wrong") + FILLED, exact=True).check()
        quiz.get_by_role("button", name="Check my answer").click()
        result = quiz.locator(".gg-question__result")
        expect(result).to_contain_text("✗ Not quite.")
        expect(result).to_contain_text(catalog.text("new_guide.wrong_feedback"))
        expect(result).to_contain_text(catalog.text("new_guide.explanation"))
        assert axe_violations(page) == []
        assert watcher.problems == []
