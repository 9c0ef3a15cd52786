"""Property-based tests (Hypothesis) for issue 18: content is data, storage cannot be poisoned.

- Front-matter: any value in any author text field, written raw or quoted into
  the YAML, gives no traceback; `scripts/check` and the strict build agree
  (the same problems, or both clean); a built page never holds author code.
- Stored and imported JSON, in Chromium: whatever sits in localStorage or in a
  loaded file, the page never throws, says what it did in words, and its
  checklist and quiz keep working.

Examples are few (each one is a real build or a page load) so the suite stays
fast; Hypothesis picks new ones on every run.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from playwright.sync_api import expect

from tests.helpers import MINI_GUIDE, ROOT, PageWatcher, build, copy_guide, mkdocs_env
from tests.test_hostile import MARKER, author_code

# -- front-matter ------------------------------------------------------------------

RUN = f"window.{MARKER}=1"
FRAGMENTS = [
    f"<script>{RUN}</script>",
    f"<img src=x onerror={RUN}>",
    f"<IMG SRC=x OnError='{RUN}'>",
    f'x"><script>{RUN}</script>',
    f"[a](javascript:{RUN})",
    f"<a href=' jAvAsCrIpT:{RUN}'>a</a>",
    f"<iframe srcdoc='<script>{RUN}</script>'>",
    f"<svg onload={RUN}>",
    "</script>",
    '"',
    "'",
    "&amp;",
    "&a",
    "*a",
    ": ",
    " #",
    "{",
    "[",
    "- ",
    "\\ud800",
    "\\0",
    "\\x1b",
    "\x07",
    "\t",
    "no",
    "1:30",
    "0x2",
    "1_0",
    "`code`",
    "**bold**",
]
TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), min_size=1, max_size=4).map("".join)
FIELDS = [
    ("title", "title: {}"),
    ("summary", "summary: {}"),
    ("subtitle", "subtitle: {}"),
    ("description", "description: {}"),
    ("item", "    text: {}"),
    ("prompt", "    prompt: {}"),
    ("choice", "      - text: {}"),
    ("feedback", "        feedback: {}"),
    ("explanation", "    explanation: {}"),
]
BLOCK = """\
---
title: Fuzz
summary: A block the test varies.
order: 9
checklist:
  - id: one
    text: Do one thing.
quiz:
  - id: q
    prompt: Which?
    choices:
      - text: This one
        correct: true
        feedback: Yes.
      - text: That one
    explanation: Because.
---

# Fuzz

Words.
"""


def _yaml(value: str, style: str) -> str:
    """The value as an author might write it: raw, in double quotes (JSON-escaped) or in single quotes."""
    if style == "raw":
        return value
    if style == "double":
        return json.dumps(value)
    if style == "escapes":  # double quotes that keep the value's backslashes as YAML escapes (\ud800, \0)
        return '"' + value.replace('"', '\\"') + '"'
    return "'" + value.replace("'", "''") + "'"


def _fuzzed_block(changes: list[tuple[str, str, str]]) -> str:
    lines = BLOCK.splitlines()
    anchors = {
        "title": "title: Fuzz",
        "summary": "summary: A block the test varies.",
        "item": "    text: Do one thing.",
        "prompt": "    prompt: Which?",
        "choice": "      - text: That one",
        "feedback": "        feedback: Yes.",
        "explanation": "    explanation: Because.",
    }
    for field, value, style in changes:
        template = dict(FIELDS)[field]
        line = template.format(_yaml(value, style))
        if field in anchors:
            lines[lines.index(anchors[field])] = line
            anchors[field] = line
        elif line not in lines:
            lines.insert(3, line)  # subtitle, description: new top-level keys
    return "\n".join(lines) + "\n"


CHANGES = st.lists(
    st.tuples(
        st.sampled_from([name for name, _ in FIELDS]), TEXT, st.sampled_from(["raw", "double", "single", "escapes"])
    ),
    min_size=1,
    max_size=4,
    unique_by=lambda change: change[0],
)


def _check_lines(guide: Path) -> tuple[int, list[str], str]:
    result = subprocess.run(
        [sys.executable, "-m", "guidegen.check", "--config-file", str(ROOT / "mkdocs.yml"), str(guide)],
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, result.stdout.splitlines(), result.stdout + result.stderr


@settings(max_examples=8, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=CHANGES)
def test_any_front_matter_value_check_and_build_agree_and_no_author_code_is_built(
    tmp_path_factory: pytest.TempPathFactory, changes: list[tuple[str, str, str]]
) -> None:
    work = tmp_path_factory.mktemp("fuzz")
    guide = copy_guide(MINI_GUIDE, work / "guide")
    (guide / "part-one" / "fuzz.md").write_bytes(_fuzzed_block(changes).encode("utf-8", "surrogatepass"))
    check_code, check_lines, check_output = _check_lines(guide)
    assert "Traceback" not in check_output
    site = work / "site"
    result = build(site, guide)
    assert "Traceback" not in result.output
    assert check_code in (0, 1), check_output
    assert (result.returncode == 0) == (check_code == 0), (check_output, result.output)
    event("refused by check and build" if check_code else "built")
    if check_code:
        errors = [line.split("-  ", 1)[1] for line in result.output.splitlines() if line.startswith("ERROR")]
        assert errors == [*check_lines[:-1], f"{check_lines[-1]} Nothing was built; the output folder is unchanged."]
        assert not site.exists()
        return
    pages = list(site.rglob("*.html"))
    assert pages
    assert {str(page): code for page in pages if (code := author_code(page.read_text(encoding="utf-8")))} == {}


# -- stored and imported JSON, in Chromium ------------------------------------------

KEYS = ["watering/morning", "watering/feel-soil", "soil/compost", "watering/when", "soil/signs"]
HASHES = ["095478e71f", "48923d9065", "0123456789", "ABCDEF0123", "", "x"]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**60), max_value=2**60),
    st.floats(allow_nan=False),
    st.text(max_size=6),
)
JUNK = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.one_of(st.sampled_from(["h", "a", "ok", "t", "__proto__", "toString"]), st.text(max_size=4)),
            inner,
            max_size=3,
        ),
    ),
    max_leaves=6,
)
ENTRY = st.one_of(
    JUNK,
    st.fixed_dictionaries(
        {"h": st.one_of(st.sampled_from(HASHES), JUNK)},
        optional={
            "a": st.one_of(st.lists(st.one_of(st.integers(-1, 4), JUNK), max_size=4), JUNK),
            "ok": st.one_of(st.booleans(), JUNK),
            "t": st.one_of(st.integers(0, 2**53), JUNK),
        },
    ),
)
SECTION = st.one_of(st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=12)), ENTRY, max_size=4), JUNK)
RECORD = st.fixed_dictionaries(
    {"version": st.one_of(st.just(1), JUNK)},
    optional={"checklist": SECTION, "quiz": SECTION, "guide": st.one_of(st.just("OURS"), JUNK), "w": JUNK, "b": JUNK},
)
STORED = st.one_of(RECORD.map(json.dumps), JUNK.map(json.dumps), st.text(max_size=20))
MESSAGES = re.compile(
    r"^(Loaded \d+ ticked items? and \d+ quiz answers? from fuzz\.json\.( \d+ damaged entr(y in it was|ies in it were) "
    r"left out\.)?|Nothing was loaded: fuzz\.json (is not a progress file \(it is not JSON\)|is not a progress file "
    r"saved by this guide|holds progress from another guide, not from this one)\.)$"
)
FUZZ_SETTINGS = settings(
    max_examples=15, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _still_works(page: object) -> None:
    box = page.get_by_label("Feel the soil before watering.")  # type: ignore[attr-defined]
    box.check()
    expect(box).to_be_checked()
    form = page.locator('form[data-gg-question="watering/when"]')  # type: ignore[attr-defined]
    retry = form.get_by_role("button", name="Try again")
    if retry.is_visible():
        retry.click()
    form.get_by_label("Early morning").check()
    form.get_by_role("button", name="Check my answer").click()
    expect(form.locator(".gg-result__verdict")).to_have_text("✓ Right.")


@FUZZ_SETTINGS
@given(stored=STORED)
def test_anything_in_storage_leaves_the_page_working(page: object, mini_url: str, stored: str) -> None:
    page.goto(mini_url + "part-one/watering/", wait_until="networkidle")  # type: ignore[attr-defined]
    key = page.evaluate("ggStore.key")  # type: ignore[attr-defined]
    page.evaluate("raw => localStorage.setItem(ggStore.key, raw)", stored.replace('"OURS"', json.dumps(key)))  # type: ignore[attr-defined]
    watcher = PageWatcher(page, mini_url)
    page.reload(wait_until="networkidle")  # type: ignore[attr-defined]
    _still_works(page)
    page.evaluate("localStorage.clear()")  # type: ignore[attr-defined]
    assert watcher.problems == [], stored


@FUZZ_SETTINGS
@given(content=STORED)
def test_any_imported_file_is_loaded_or_refused_in_words(page: object, mini_url: str, content: str) -> None:
    if not page.url.endswith("/checklists/"):  # type: ignore[attr-defined]
        page.goto(mini_url + "checklists/", wait_until="networkidle")  # type: ignore[attr-defined]
    watcher = PageWatcher(page, mini_url)
    key = page.evaluate("ggStore.key")  # type: ignore[attr-defined]
    payload = content.replace('"OURS"', json.dumps(key)).encode("utf-8", "surrogatepass")
    status = page.locator(".gg-transfer").get_by_role("status")  # type: ignore[attr-defined]
    page.evaluate("document.querySelector('.gg-transfer__status').textContent = ''")  # type: ignore[attr-defined]
    page.get_by_label("Load progress from a file").set_input_files(  # type: ignore[attr-defined]
        files=[{"name": "fuzz.json", "mimeType": "application/json", "buffer": payload}]
    )
    expect(status).to_have_text(MESSAGES)
    page.goto(mini_url + "part-one/watering/", wait_until="networkidle")  # type: ignore[attr-defined]
    _still_works(page)
    page.evaluate("localStorage.clear()")  # type: ignore[attr-defined]
    page.goto(mini_url + "checklists/", wait_until="networkidle")  # type: ignore[attr-defined]
    assert watcher.problems == [], content
