"""Under `mkdocs serve` a content error is reported and the server keeps serving; a fix rebuilds."""

from __future__ import annotations

import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers import ENGINE, MINI_GUIDE, ROOT, BuildResult, attribute_values, copy_guide, mkdocs_env, serve_command
from tests.test_validation import CASES, PESTS, check, pests

WAIT = 120.0  # seconds; a limit for waiting, not a measurement


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A real `mkdocs serve` subprocess whose terminal output is collected line by line."""

    def __init__(self, docs_dir: Path, command: Callable[[int], list[str]] = serve_command, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            command(self.port),
            cwd=ROOT,
            env=mkdocs_env(docs_dir, **env),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_for(self, what: str, condition: Callable[[], bool]) -> None:
        deadline = time.monotonic() + WAIT
        while not condition():
            if self.process.poll() is not None:
                pytest.fail(f"mkdocs serve stopped while waiting for {what}:\n{self.output}")
            if time.monotonic() > deadline:
                pytest.fail(f"gave up waiting for {what}:\n{self.output}")
            time.sleep(0.2)

    def wait_for_line(self, text: str, after: int = 0) -> None:
        self.wait_for(repr(text), lambda: any(text in line for line in self.lines[after:]))

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, ""
        except OSError:
            return 0, ""

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# Mistakes that could crash a generator, each in its own file, all present while serving.
CRASHERS = [
    "a checklist item that is a plain string",
    "choices given as a mapping",
    "quiz: null",
    "front-matter that is a list",
    "an empty file in a part folder",
    "a file with only '---'",
]


def _other_broken() -> dict[str, str | bytes]:
    cases = {case.id: case for case in CASES}
    files: dict[str, str | bytes] = {
        "part-two/stray.md": pests(("order: 10", "order: 1")),
        "checklists/index.md": "# My own checklists\n",
        "safety.md": "# Saf\xe9ty\n".encode("latin-1"),
    }
    for number, name in enumerate(CRASHERS, 1):
        content = cases[name].files["part-one/pests.md"]
        assert isinstance(content, str)
        files[f"part-one/broken-{number}.md"] = content.replace("order: 10", f"order: {20 + number}")
    return files


OTHER_BROKEN = _other_broken()


@pytest.fixture
def guide(tmp_path: Path) -> Path:
    guide = copy_guide(MINI_GUIDE, tmp_path / "guide")
    (guide / "part-one" / "pests.md").write_text(pests(("order: 10", "order: ten")), encoding="utf-8")
    for relative, content in OTHER_BROKEN.items():
        path = guide / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return guide


@pytest.fixture
def server(guide: Path) -> Iterator[Server]:
    running = Server(guide)
    try:
        yield running
    finally:
        running.stop()


#: The problem alert is drawn by the MkDocs hooks; Zensical runs none (README: What Zensical cannot do yet).
NO_ALERT_ON_ZENSICAL = pytest.mark.skipif(
    ENGINE.name == "zensical",
    reason="Zensical runs no hooks: under scripts/serve the adapter reports problems in the terminal only, "
    "no alert is drawn in the page",
)


@pytest.mark.skipif(
    ENGINE.name == "zensical",
    reason="waits for mkdocs serve's own log lines ('Serving on', 'Reloading browsers'), which Zensical's server "
    "does not print",
)
def test_serve_reports_errors_keeps_serving_and_rebuilds_on_fix(guide: Path, server: Server) -> None:
    pests_md = guide / "part-one" / "pests.md"
    server.wait_for_line("Serving on")
    assert f"ERROR   -  {pests_md}:4:8: order: must be a whole number, not the text 'ten'" in server.lines
    # The same engine as scripts/check: the same lines, then the count.
    checked = check(ROOT, str(guide)).stdout.splitlines()
    for relative in ["part-one/pests.md", *OTHER_BROKEN]:
        assert any(line.startswith(f"{guide / relative}:") for line in checked), relative
    errors = [line.removeprefix("ERROR   -  ") for line in server.lines if line.startswith("ERROR")]
    assert errors == [*checked[:-1], f"{checked[-1]} Fix them and save: the site rebuilds."]
    assert server.get("")[0] == 200
    # The unreadable safety page is left out of the build, the navigation and the footer links.
    assert not [line for line in server.lines if line.startswith("WARNING") and "safety.md" in line]
    status, soil = server.get("part-one/soil/")
    assert status == 200 and "soil/compost" in attribute_values(soil, "data-gg-item")

    # Fixing the file rebuilds the page, now as a building block with its checklist.
    pests_md.write_text(PESTS, encoding="utf-8")
    server.wait_for(
        "the fixed block's checklist",
        lambda: "pests/look" in attribute_values(server.get("part-one/pests/")[1], "data-gg-item"),
    )

    # Breaking it again (a file that is not even UTF-8): reported, and the server still answers.
    mark = len(server.lines)
    pests_md.write_bytes(PESTS.replace("Look closely", "Look clos\xe9ly").encode("latin-1"))
    server.wait_for_line(f"ERROR   -  {pests_md}:24:10: the file is not UTF-8 text", after=mark)
    server.wait_for_line("Reloading browsers", after=mark)
    status, soil = server.get("part-one/soil/")
    assert status == 200 and "soil/compost" in attribute_values(soil, "data-gg-item")
    assert "Traceback" not in server.output
    assert server.process.poll() is None


@NO_ALERT_ON_ZENSICAL
def test_serve_shows_a_page_whose_front_matter_does_not_parse_without_it(tmp_path: Path) -> None:
    guide = copy_guide(MINI_GUIDE, tmp_path / "guide")
    # An over-indented key: the front-matter does not parse, and MkDocs would keep it as the page's text.
    (guide / "safety.md").write_text(
        "---\ntitle: Safety first\n  description: Wear gloves, always.\n---\n\n# Safety first\n\nWear gloves.\n",
        encoding="utf-8",
    )
    (guide / "part-one" / "pests.md").write_text(pests(("order: 10", "  order: 10")), encoding="utf-8")
    running = Server(guide)
    try:
        running.wait_for_line("Serving on")
        for path, field, raw in (
            ("safety/", "description", "description: Wear gloves"),
            ("part-one/pests/", "order", "summary: Keep pests away."),
        ):
            status, html = running.get(path)
            assert status == 200
            assert '<div class="gg-problems" role="alert"' in html
            assert f"&#39;{field}:&#39; is indented more than" in html
            assert raw not in html  # the raw front-matter is not shown as the page's text
        assert "Wear gloves.</p>" in running.get("safety/")[1]
    finally:
        running.stop()


@NO_ALERT_ON_ZENSICAL
def test_serve_shows_the_problems_at_the_top_of_every_page_until_fixed(tmp_path: Path) -> None:
    guide = copy_guide(MINI_GUIDE, tmp_path / "guide")
    (guide / "part-one" / "pests.md").write_text(pests(("order: 10", "order: ten")), encoding="utf-8")
    running = Server(guide)
    try:
        running.wait_for_line("Serving on")
        for path in ("", "part-one/soil/"):
            status, html = running.get(path)
            assert status == 200
            assert '<div class="gg-problems" role="alert"' in html
            assert f"{guide}/part-one/pests.md:4:8</code>" in html
            assert "must be a whole number, not the text &#39;ten&#39;" in html
        assert running.get("assets/guide/serve-problems.css")[0] == 200
        (guide / "part-one" / "pests.md").write_text(PESTS, encoding="utf-8")
        running.wait_for("the banner to go", lambda: "gg-problems" not in running.get("part-one/soil/")[1])
    finally:
        running.stop()


@NO_ALERT_ON_ZENSICAL
def test_a_new_guide_under_scripts_serve_shows_a_broken_block_in_chromium_until_fixed(
    tmp_path: Path, page: object
) -> None:
    from playwright.sync_api import expect

    from tests.axe import axe_violations
    from tests.test_new_guide import BLOCK_PAGE, fill_in, new_guide

    assert new_guide(tmp_path, "guide").returncode == 0
    fill_in(tmp_path / "guide" / "docs")  # its placeholders would be problems too (tests/test_new_guide.py)
    block = tmp_path / "guide" / "docs" / "part-1" / "the-first-building-block.md"
    good = block.read_text(encoding="utf-8")
    # What an author runs: GUIDE_DOCS_DIR=DIR scripts/serve (on a free loopback port).
    running = Server(
        tmp_path / "guide" / "docs", lambda port: [str(ROOT / "scripts" / "serve"), "-a", f"127.0.0.1:{port}"]
    )
    try:
        running.wait_for_line("Serving on")
        page.goto(running.url + BLOCK_PAGE)  # type: ignore[attr-defined]
        expect(page.get_by_role("region", name="Your checklist")).to_be_visible()  # type: ignore[attr-defined]
        expect(page.get_by_role("alert")).to_have_count(0)  # type: ignore[attr-defined]

        mark = len(running.lines)
        block.write_text(good.replace("order: 1\n", "order: first\n"), encoding="utf-8")
        running.wait_for_line("Fix them and save: the site rebuilds.", after=mark)
        # The open page reloads by itself (live reload) and now starts with the problem.
        alert = page.get_by_role("alert", name="This guide has a problem to fix")  # type: ignore[attr-defined]
        expect(alert).to_be_visible(timeout=WAIT * 1000)
        page.wait_for_load_state("load")  # type: ignore[attr-defined]
        [item] = alert.locator(".gg-problems__item").all()
        expect(item.locator(".gg-problems__where")).to_have_text(f"{block}:8:8")
        expect(item.locator(".gg-problems__field")).to_have_text("order")
        expect(item).to_contain_text("must be a whole number, not the text 'first'")
        assert axe_violations(page) == []
        for scheme in ("dark", "light"):
            page.emulate_media(color_scheme=scheme)  # type: ignore[attr-defined]
            assert axe_violations(page, ".gg-problems") == [], scheme

        block.write_text(good, encoding="utf-8")
        expect(page.get_by_role("alert")).to_have_count(0, timeout=WAIT * 1000)  # type: ignore[attr-defined]
        expect(page.get_by_role("region", name="Your checklist")).to_be_visible()  # type: ignore[attr-defined]
        assert "gg-problems" not in running.get(BLOCK_PAGE)[1]
    finally:
        running.stop()


@pytest.mark.skipif(
    ENGINE.name == "zensical", reason="--clean is mkdocs serve's option; the Zensical adapter's serve has none"
)
@NO_ALERT_ON_ZENSICAL
def test_serve_clean_is_serve_too_it_keeps_serving_and_shows_the_problem(tmp_path: Path) -> None:
    # MkDocs reports `serve --clean` to hooks as a build; it must not stop at the first content mistake.
    guide = copy_guide(MINI_GUIDE, tmp_path / "guide")
    pests_md = guide / "part-one" / "pests.md"
    pests_md.write_text(pests(("order: 10", "order: ten")), encoding="utf-8")
    running = Server(guide, lambda port: [*serve_command(port), "--clean"])
    try:
        running.wait_for_line("Serving on")
        assert f"ERROR   -  {pests_md}:4:8: order: must be a whole number, not the text 'ten'" in running.lines
        status, html = running.get("part-one/soil/")
        assert status == 200
        assert f"{pests_md}:4:8</code>" in html
        assert "Aborted" not in running.output
    finally:
        running.stop()


def test_a_built_site_never_carries_the_problem_alert(mini_site: BuildResult) -> None:
    site = mini_site.site_dir
    assert not (site / "assets" / "guide" / "serve-problems.css").exists()
    pages = list(site.rglob("*.html"))
    assert len(pages) > 5
    assert [page for page in pages if "gg-problems" in page.read_text(encoding="utf-8")] == []
