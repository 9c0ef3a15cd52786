"""The generator as authors install it: `plugins: [guidegen]`, the `guidegen` command in a guide's own folder,
a guide's own catalogs, and an existing Material site that adds a guide part (issue 23)."""

from __future__ import annotations

import filecmp
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from guidegen import __version__
from guidegen.i18n import load_catalog
from tests.helpers import (
    DOCS,
    MINI_GUIDE,
    ROOT,
    PageWatcher,
    author_env,
    copy_guide,
    serve_directory,
    start_tags,
)

MATERIAL_SITE = ROOT / "tests" / "guides" / "material-site"


def guidegen(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed command in a folder, as an author runs it: no GUIDE_* variable, no PYTHONPATH."""
    command = [sys.executable, "-m", "guidegen", *args]
    return subprocess.run(command, cwd=cwd, env=author_env(), capture_output=True, text=True, timeout=300)


def mkdocs_build(config: Path, site: Path) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--config-file",
        str(config),
        "--site-dir",
        str(site),
    ]
    return subprocess.run(command, cwd=config.parent, env=author_env(), capture_output=True, text=True, timeout=300)


def guide_folder(tmp_path: Path, docs: Path = MINI_GUIDE, **config: object) -> Path:
    """A guide kept in its own folder, as `guidegen new` lays it out: mkdocs.yml beside docs/."""
    folder = tmp_path / "my-guide"
    copy_guide(docs, folder / "docs")
    settings = {
        "site_name": "My guide",
        "theme": {"name": "material", "language": "en", "font": False},
        "plugins": ["search", "guidegen"],
        "markdown_extensions": ["attr_list", "admonition", {"toc": {"permalink": True}}],
        **config,
    }
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return folder


def test_version() -> None:
    result = guidegen(ROOT, "--version")
    assert (result.returncode, result.stdout) == (0, f"guidegen {__version__}\n")
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_check_and_build_read_the_same_guide_from_its_folder(tmp_path: Path) -> None:
    """The reported bug: run from the author's folder, check read their guide and build the shipped one."""
    folder = guide_folder(tmp_path)
    check = guidegen(folder, "check")
    assert (check.returncode, check.stdout) == (0, "No problems: 1 part and 2 blocks in docs.\n")
    build = guidegen(folder, "build")
    assert build.returncode == 0, build.stderr
    site = folder / "site"
    assert sorted(path.name for path in (site / "part-one").iterdir()) == ["index.html", "soil", "watering"]
    assert "Gardening basics" in (site / "index.html").read_text(encoding="utf-8")
    assert not (site / "part-1").exists()  # nothing of the shipped guide
    # From anywhere else, -f names the guide and every path still resolves from its mkdocs.yml.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    config = str(folder / "mkdocs.yml")
    checked = guidegen(elsewhere, "check", "-f", config)
    assert checked.stdout == f"No problems: 1 part and 2 blocks in {folder / 'docs'}.\n"
    rebuilt = guidegen(elsewhere, "build", "-f", config)
    assert rebuilt.returncode == 0 and f"Built {site}" in rebuilt.stderr
    assert not (elsewhere / "site").exists()


def test_a_broken_block_fails_check_and_build_alike_and_keeps_the_last_site(tmp_path: Path) -> None:
    folder = guide_folder(tmp_path)
    assert guidegen(folder, "build").returncode == 0
    soil = folder / "docs" / "part-one" / "soil.md"
    soil.write_text(soil.read_text(encoding="utf-8").replace("order: 1", "order: first"), encoding="utf-8")
    check = guidegen(folder, "check")
    build = guidegen(folder, "build")
    assert check.returncode == 1 and build.returncode == 1
    [problem] = [line for line in check.stdout.splitlines() if line.startswith("docs/part-one/soil.md:")]
    assert problem.startswith("docs/part-one/soil.md:4:8: order: ")
    assert f"ERROR   -  {problem}" in build.stderr
    assert "Build failed: " in build.stderr and (folder / "site" / "part-one" / "soil" / "index.html").is_file()


def test_no_config_file_is_a_clear_error(tmp_path: Path) -> None:
    result = guidegen(tmp_path, "check")
    assert result.returncode == 2
    assert result.stderr == (
        f"error: no mkdocs.yml in {tmp_path}: run this in a guide's folder, or name its config with "
        "-f/--config-file (guidegen new DIR writes a new guide)\n"
    )


def test_the_language_lives_in_mkdocs_yml(tmp_path: Path) -> None:
    """theme.language alone makes a French guide French: no GUIDE_LANGUAGE needed."""
    folder = guide_folder(tmp_path, theme={"name": "material", "language": "fr", "font": False})
    build = guidegen(folder, "build")
    assert build.returncode == 0, build.stderr
    html = (folder / "site" / "part-one" / "soil" / "index.html").read_text(encoding="utf-8")
    assert ("html", {"lang": "fr", "dir": "ltr", "class": "no-js"}) in start_tags(html)
    assert load_catalog("fr").text("block.checklist_heading") in html


# -- a guide's own catalog -------------------------------------------------------------------------


def portuguese_catalog() -> dict[str, object]:
    """A complete Portuguese catalog for the tests: each English string marked as translated."""
    from guidegen.i18n import plural_forms

    forms = plural_forms("pt")
    translated: dict[str, object] = {}
    for key, entry in load_catalog("en").strings.items():
        if isinstance(entry, dict):
            translated[key] = {form: f"[pt] {entry.get(form, entry['other'])}" for form in forms}
        else:
            translated[key] = f"[pt] {entry}"
    return translated


def test_a_portuguese_guide_with_its_own_catalog_builds_strict_from_its_folder(tmp_path: Path) -> None:
    folder = guide_folder(tmp_path, theme={"name": "material", "language": "pt", "font": False})
    (folder / "locales").mkdir()
    catalog = portuguese_catalog()
    (folder / "locales" / "pt.yml").write_text(yaml.safe_dump(catalog, allow_unicode=True), encoding="utf-8")
    check = guidegen(folder, "check")
    assert (check.returncode, check.stdout) == (0, "No problems: 1 part and 2 blocks in docs.\n")
    build = guidegen(folder, "build")
    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stderr
    html = (folder / "site" / "part-one" / "soil" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="pt"' in html
    assert f"[pt] {load_catalog('en').text('block.checklist_heading')}" in html


def test_a_missing_plural_form_fails_check_and_build_with_the_same_message(tmp_path: Path) -> None:
    folder = guide_folder(tmp_path, theme={"name": "material", "language": "pt", "font": False})
    (folder / "locales").mkdir()
    catalog = portuguese_catalog()
    catalog["checklist.items"] = {"one": "{count} item", "other": "{count} itens"}  # pt also has "many"
    text = yaml.safe_dump(catalog, allow_unicode=True)
    path = folder / "locales" / "pt.yml"
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("checklist.items:") + 1
    message = (
        f"locales/pt.yml:{line}:1: checklist.items: no plural form 'many' (pt has: one, many, other) "
        "(in English it reads: {count} items)"
    )
    check = guidegen(folder, "check")
    assert check.returncode == 1
    assert check.stdout.splitlines() == [message, "1 problem in 1 file."]
    build = guidegen(folder, "build")
    assert build.returncode == 1
    assert f"ERROR   -  {message}" in build.stderr


def test_an_untranslated_copy_of_the_english_catalog_is_named(tmp_path: Path) -> None:
    folder = guide_folder(tmp_path, theme={"name": "material", "language": "pt", "font": False})
    (folder / "locales").mkdir()
    shutil.copy(ROOT / "guidegen" / "locales" / "en.yml", folder / "locales" / "pt.yml")
    check = guidegen(folder, "check")
    warnings = [line for line in check.stdout.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 1 and warnings[0].startswith("warning: locales/pt.yml: ")
    assert (
        "strings are still the English text: translate them, or readers of this 'pt' guide see English" in (warnings[0])
    )
    build = guidegen(folder, "build")
    assert build.returncode == 1 and "strings are still the English text" in build.stderr


def home_with_strings(folder: Path, strings: dict[str, object]) -> None:
    front = {"title": "Jardinagem", "guide": {"safety_page": "safety.md", "strings": strings}}
    body = "---\n\n# Jardinagem\n\n<!-- guide:series -->\n"
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True, width=1000) + body
    (folder / "docs" / "index.md").write_text(text, encoding="utf-8")


def test_every_string_given_under_guide_strings_builds_strict_with_no_warning(tmp_path: Path) -> None:
    """A language with no catalog anywhere, whose every string the home page gives: nothing stays English."""
    folder = guide_folder(tmp_path, theme={"name": "material", "language": "pt", "font": False})
    home_with_strings(folder, portuguese_catalog())
    check = guidegen(folder, "check")
    assert (check.returncode, check.stdout) == (0, "No problems: 1 part and 2 blocks in docs.\n")
    build = guidegen(folder, "build")
    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stderr
    # Half of them and no catalog file: the language has no catalog, and a strict build stops.
    half = dict(list(portuguese_catalog().items())[::2])
    home_with_strings(folder, half)
    warned = guidegen(folder, "check")
    assert "warning: No catalog of the generator's words for language 'pt': they stay in English" in warned.stdout
    assert guidegen(folder, "build").returncode == 1


def test_a_guide_catalog_that_leaves_strings_out_names_them(tmp_path: Path) -> None:
    folder = guide_folder(tmp_path, theme={"name": "material", "language": "pt", "font": False})
    (folder / "locales").mkdir()
    catalog = portuguese_catalog()
    del catalog["quiz.check"], catalog["nav.home"]
    (folder / "locales" / "pt.yml").write_text(yaml.safe_dump(catalog, allow_unicode=True), encoding="utf-8")
    check = guidegen(folder, "check")
    assert check.stdout.splitlines()[0] == (
        "warning: 2 of the generator's strings have no 'pt' translation and stay in English (nav.home, quiz.check): "
        "add locales/pt.yml beside mkdocs.yml (`guidegen new-catalog pt` writes one to translate) or the missing "
        "strings under guide.strings on the home page."
    )
    assert guidegen(folder, "build").returncode == 1


# -- an existing Material site -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def material_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("existing") / "site-source"
    shutil.copytree(MATERIAL_SITE, folder)
    result = guidegen(folder, "build")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return folder / "site"


def nav_links(html: str) -> list[tuple[str, str]]:
    links = re.findall(r'<a href="([^"]*)" class="md-nav__link[^"]*"[^>]*>(.*?)</a>', html, re.S)
    return [(href, re.sub(r"<[^>]+>|\s+", " ", text).strip()) for href, text in links]


def test_an_existing_material_site_keeps_its_own_name_palette_overrides_and_nav(material_site: Path) -> None:
    page = (material_site / "growing" / "compost" / "index.html").read_text(encoding="utf-8")
    tags = start_tags(page)
    assert ("meta", {"name": "allotment-society", "content": "the site's own override"}) in tags  # its main.html
    assert "Plot inspections on Saturday." in page
    body = next(attrs for tag, attrs in tags if tag == "body")
    assert (body["data-md-color-primary"], body["data-md-color-accent"]) == ("indigo", "pink")
    assert "<title>Start a compost heap - Allotment Society</title>" in page
    # The generator's layer too: its stylesheet, script and words under the site's own main.html.
    assert ("link", {"rel": "stylesheet", "href": "../../assets/guide/guide.css"}) in tags
    assert ("script", {"src": "../../assets/guide/guide.js"}) in tags
    # Its explicit nav, as written, with the part's blocks and the generated pages placed after the part.
    assert nav_links((material_site / "about" / "index.html").read_text(encoding="utf-8")) == [
        ("..", "Home"),
        ("./", "About us"),
        ("../growing/", "Your first season"),
        ("../growing/compost/", "Start a compost heap"),
        ("../growing/seedlings/", "Raise seedlings"),
        ("../checklists/", "Your checklists"),
        ("../quiz/", "All quiz questions"),
    ]


def test_the_existing_sites_block_page_ticks_and_answers_in_chromium(page: object, material_site: Path) -> None:
    with serve_directory(material_site) as url:
        watcher = PageWatcher(page, url)
        page.goto(url + "growing/compost/")  # type: ignore[attr-defined]
        checklist = page.get_by_role("region", name="Your checklist")  # type: ignore[attr-defined]
        box = checklist.get_by_role("checkbox", name="Pick a shady corner of the plot for the heap.")
        box.check()
        # Styled by the generator's stylesheet (a progress bar with a width), in the site's indigo.
        bar = checklist.locator(".gg-progress")
        expect(bar).to_be_visible()
        page.reload(wait_until="networkidle")  # type: ignore[attr-defined]
        expect(box).to_be_checked()
        quiz = page.get_by_role("region", name="Check your understanding")  # type: ignore[attr-defined]
        form = quiz.get_by_role("group", name=re.compile("The heap smells sour"))
        form.get_by_label("More grass clippings", exact=True).check()
        quiz.get_by_role("button", name="Check my answer").click()
        expect(quiz.locator(".gg-question__result")).to_contain_text("Clippings are wet greens")
        assert watcher.problems == []


def test_a_missing_markdown_extension_is_named_as_the_cause(tmp_path: Path) -> None:
    folder = guide_folder(tmp_path, markdown_extensions=["admonition"])
    result = guidegen(folder, "build")
    assert result.returncode == 1
    assert (
        "guidegen needs the Markdown extension attr_list (attr_list: the generated pages and the blocks' sections "
        "give headings their ids with {#id}). Add to mkdocs.yml:\nmarkdown_extensions:\n  - attr_list"
    ) in result.stderr
    assert "did you mean" not in result.stderr


# -- hooks/ and plugins: the same site ---------------------------------------------------------------


def test_the_shipped_guide_is_the_same_through_hooks_and_through_the_plugin(tmp_path: Path) -> None:
    """This repository's mkdocs.yml runs the hooks/ shim; the same settings with `plugins: [guidegen]` instead."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    plugin_config = text.replace("\nhooks:\n  - hooks/guide.py\n", "\n", 1)
    plugin_config = plugin_config.replace("plugins:\n  - search\n", "plugins:\n  - search\n  - guidegen\n", 1)
    assert "\nhooks:" not in plugin_config and "\n  - guidegen\n" in plugin_config
    config = ROOT / ".mkdocs.plugin-test.yml"  # beside mkdocs.yml: every relative path resolves the same
    config.write_text(plugin_config, encoding="utf-8")
    try:
        through_plugin = mkdocs_build(config, tmp_path / "plugin")
    finally:
        config.unlink()
    through_hooks = mkdocs_build(ROOT / "mkdocs.yml", tmp_path / "hooks")
    assert through_plugin.returncode == 0, through_plugin.stderr
    assert through_hooks.returncode == 0, through_hooks.stderr
    assert_same_tree(tmp_path / "hooks", tmp_path / "plugin")


def assert_same_tree(first: Path, second: Path) -> None:
    files = sorted(path.relative_to(first) for path in first.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(second) for path in second.rglob("*") if path.is_file())
    assert len(files) > 50 and DOCS.is_dir()
    _, mismatch, errors = filecmp.cmpfiles(first, second, [str(path) for path in files], shallow=False)
    assert (mismatch, errors) == ([], [])


def test_guidegen_serve_serves_the_guide_of_its_folder_and_rebuilds_on_save(tmp_path: Path) -> None:
    import socket
    import time
    import urllib.request

    folder = guide_folder(tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "guidegen", "serve", "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=folder, env=author_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    def page(path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as response:
            return response.read().decode("utf-8")

    def wait_for(text: str, path: str) -> str:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                html = page(path)
                if text in html:
                    return html
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"{text!r} never showed on /{path}")

    try:
        wait_for("Add compost each spring.", "part-one/soil/")
        soil = folder / "docs" / "part-one" / "soil.md"
        soil.write_text(soil.read_text(encoding="utf-8").replace("each spring", "every autumn"), encoding="utf-8")
        wait_for("Add compost every autumn.", "part-one/soil/")
    finally:
        server.terminate()
        server.wait(timeout=30)
