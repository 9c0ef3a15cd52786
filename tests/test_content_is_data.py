"""Issue 18, "Why": each input that once reached a traceback, slipped past `scripts/check`, or ran as code.

All of them live in one copy of the test guide, so one run of the real checker
and one real strict build cover them: both must report every one, with the
same line, at its source file, line, column and field, and nothing is built.
The escaping and CSP cases are in tests/test_hostile.py, the storage ones in
tests/test_storage.py, the headings in tests/test_headings.py.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import MINI_GUIDE, ROOT, BuildResult, build, copy_guide, mkdocs_env

# A block whose front-matter the cases vary; lines: 1 ---, 2 title, 3 summary, 4 order,
# 5 (extra key, when given), then checklist, "- id: a", text.
BLOCK = '---\ntitle: T\nsummary: S.\norder: {order}\n{extra}checklist:\n  - id: a\n    text: "{text}"\n---\n\n{body}'
BODY = "# T\n\nText.\n"
#: 870 bytes that YAML would grow into millions of items (a "billion laughs"); aliases are refused.
ALIAS_BOMB = (
    'description: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "tags: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "subtitle: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
)


def _block(order: int, extra: str = "", text: str = "Do it.", body: str = BODY) -> str:
    return BLOCK.format(order=order, extra=extra, text=text, body=body)


def _cases(guide: Path) -> None:
    part = guide / "part-one"
    files = {
        "alias.md": _block(11, ALIAS_BOMB),
        "surrogate.md": _block(12, text="bad \\ud800 one"),
        "nul.md": _block(13, text="nul \\0 here"),
        "esc.md": _block(14, text="esc \\x1b here"),
        "icon.md": _block(15, "icon: material/not-an-icon\n"),
        "search.md": _block(16, 'search: "yes"\n'),
        "colon.md": _block(17).replace("order: 17", "order: 1:30"),
        "hex.md": _block(18).replace("order: 18", "order: 0x2"),
        "handler.md": _block(19, body=BODY + '\n<p OnClick="x()">hi</p>\n\n<img src="a.png" ONERROR="x()">\n'),
        "part-1.md": _block(20),
        "your-checklists.md": _block(21),
        "move-your-progress.md": _block(22),
        "check-your-understanding.md": _block(23),
        "gg-answer-key.md": _block(24),
        "heading.md": _block(25, body="# T\n\n## Your checklist\n\nText.\n\n## Other {#item-a}\n\nMore.\n"),
        "old.markdown": _block(26),
        # A raw BEL byte on line 7 (the item's text), reported on line 7.
        "bell.md": _block(27, text="Ring \x07 here"),
    }
    for name, text in files.items():
        (part / name).write_text(text, encoding="utf-8")
    (part / "x.md").mkdir()
    os.symlink("/nonexistent/file.md", part / "dangling.md")
    os.symlink("/etc/hostname", part / "outside.md")
    os.symlink("/etc/hostname", part / "leak.txt")  # not a page, still published if it were allowed
    index = part / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("part: 1\n", "part: 1_0\n"), encoding="utf-8")
    home = guide / "index.md"
    home.write_text(home.read_text(encoding="utf-8").replace("safety.md", "/etc/hostname"), encoding="utf-8")


OWN_ID = "(a block's id is its file name: rename the file)"
HANDLER = (
    "in the page text: a guide's pages never run code of their own "
    "(remove it; to show markup as an example, put it in `code`)"
)
EXPECTED = [
    "guide/index.md:4:16: guide.safety_page: '/etc/hostname' is not a path inside the docs folder "
    "(give the path from the docs folder)",
    "guide/part-one/alias.md:6:11: YAML aliases ('*name') are not allowed in front-matter "
    "(write the value out in full where it is needed)",
    "guide/part-one/bell.md:7:17: checklist: the file holds the control character U+0007, which is never shown "
    "(delete it: it often comes from a copy and paste)",
    f"guide/part-one/check-your-understanding.md:1:1: block id 'check-your-understanding' is an id the quiz page "
    f"already uses {OWN_ID}",
    "guide/part-one/colon.md:4:8: order: '1:30' is read by YAML as the number 90 "
    "(write the number in plain digits: 90)",
    "guide/part-one/dangling.md:1:1: this link points at '/nonexistent/file.md', which does not exist "
    "(remove the link)",
    "guide/part-one/esc.md:7:11: checklist['a'].text: holds the control character U+001B, which is never shown "
    "(remove the escape or character)",
    f"guide/part-one/gg-answer-key.md:1:1: block id 'gg-answer-key' is an id the quiz page already uses {OWN_ID}",
    f"guide/part-one/handler.md:14:1: inline event handler 'onclick' on <p> {HANDLER}",
    f"guide/part-one/handler.md:16:1: inline event handler 'onerror' on <img> {HANDLER}",
    "guide/part-one/heading.md:12:1: the heading id 'your-checklist' is already used by a section the generator "
    "adds to every block page (reword the heading, or give it another id with {#another-id} at the end of its line)",
    "guide/part-one/heading.md:16:1: the heading id 'item-a' is already used by the checklist item 'a' "
    "(reword the heading, or give it another id with {#another-id} at the end of its line)",
    "guide/part-one/hex.md:4:8: order: '0x2' is read by YAML as the number 2 (write the number in plain digits: 2)",
    "guide/part-one/icon.md:5:7: icon: the theme has no icon 'material/not-an-icon' "
    "(did you mean 'material/emoticon'?)",
    "guide/part-one/index.md:2:7: part: '1_0' is read by YAML as the number 10 (write the number in plain digits: 10)",
    "guide/part-one/leak.txt:1:1: this link points outside the docs folder (at '/etc/hostname'), which would "
    "publish that file (copy what you need into the docs folder instead of linking to it)",
    f"guide/part-one/move-your-progress.md:1:1: block id 'move-your-progress' is an id the checklists page "
    f"already uses {OWN_ID}",
    "guide/part-one/nul.md:7:11: checklist['a'].text: holds the control character U+0000, which is never shown "
    "(remove the escape or character)",
    "guide/part-one/old.markdown:1:1: MkDocs publishes '.markdown' files as pages, but the guide reads only '.md' "
    "files (rename it to 'old.md')",
    "guide/part-one/outside.md:1:1: this link points outside the docs folder (at '/etc/hostname'), which would "
    "publish that file (copy what you need into the docs folder instead of linking to it)",
    f"guide/part-one/part-1.md:1:1: block id 'part-1' is an id the checklists page already uses {OWN_ID}",
    "guide/part-one/search.md:5:9: search: must be a mapping of keys to values, not the text 'yes' "
    "(put its keys (exclude and boost) on the lines below it, indented)",
    "guide/part-one/surrogate.md:7:11: checklist['a'].text: holds a lone surrogate U+D800, which is not a "
    "character (remove the escape or character)",
    "guide/part-one/x.md:1:1: a folder named 'x.md' looks like a page to MkDocs (rename the folder)",
    f"guide/part-one/your-checklists.md:1:1: block id 'your-checklists' is an id the checklists page "
    f"already uses {OWN_ID}",
]
COUNT = "25 problems in 23 files."


def _check(cwd: Path, guide: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "guidegen.check", "--config-file", str(ROOT / "mkdocs.yml"), guide],
        cwd=cwd,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def _errors(result: BuildResult) -> list[str]:
    return [line.split("-  ", 1)[1] for line in result.output.splitlines() if line.startswith("ERROR")]


@pytest.fixture(scope="module")
def hostile_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("content-is-data")
    _cases(copy_guide(MINI_GUIDE, work / "guide"))
    return work


def test_check_reports_every_case_at_its_source_without_a_traceback(hostile_inputs: Path) -> None:
    result = _check(hostile_inputs, "guide")
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.splitlines() == [*EXPECTED, COUNT]
    assert result.returncode == 1


@pytest.mark.parametrize("offline", [False, True], ids=["online", "offline"])
def test_the_build_reports_the_same_and_builds_nothing(hostile_inputs: Path, offline: bool) -> None:
    guide = hostile_inputs / "guide"
    site = hostile_inputs / f"site-{offline}"
    extra = {"GUIDE_OFFLINE": "true"} if offline else {}
    result = build(site, guide, **extra)
    assert result.returncode == 1
    assert "Traceback" not in result.output
    absolute = [line.replace("guide/", f"{guide}/", 1) for line in EXPECTED]
    assert _errors(result) == [*absolute, f"{COUNT} Nothing was built; the output folder is unchanged."]
    assert not site.exists()


def test_a_well_formed_guide_with_the_same_keys_still_builds(tmp_path: Path) -> None:
    """The cases fail for what they hold, not for the keys: the valid spelling of each builds."""
    guide = copy_guide(MINI_GUIDE, tmp_path / "guide")
    (guide / "part-one" / "keys.md").write_text(
        _block(11, 'description: "Say \\"sorry\\" well."\nicon: material/emoticon\nsearch:\n  exclude: true\n'),
        encoding="utf-8",
    )
    result = build(tmp_path / "site", guide)
    assert result.returncode == 0, result.output
    page = (tmp_path / "site" / "part-one" / "keys" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<meta name="description" content="Say &#34;sorry&#34; well\.">|content="Say &quot;sorry', page)
