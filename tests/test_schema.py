"""The published JSON Schema is generated from guidegen/schema.py and never drifts from it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from guidegen.frontmatter import read_front_matter, read_source
from guidegen.headings import HeadingFinder
from guidegen.problems import ProblemLog
from guidegen.schema import BLOCK, CHECKLIST_ITEM, CHOICE, PART, QUESTION, THEME_KEYS, render_json_schema
from guidegen.siteconfig import site_markdown
from tests.helpers import ROOT, mkdocs_env

SCHEMA_FILE = ROOT / "guidegen" / "guide.schema.json"
REGENERATE = "python -m guidegen.schema > guidegen/guide.schema.json"


def test_committed_schema_matches_the_single_definition() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == render_json_schema(), f"regenerate it: {REGENERATE}"


def test_schema_module_prints_the_schema() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "guidegen.schema"], cwd=ROOT, env=mkdocs_env(), capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout == SCHEMA_FILE.read_text(encoding="utf-8")


def test_schema_states_the_contract() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    block, part = schema["$defs"]["block"], schema["$defs"]["part"]
    assert block["required"] == ["title", "summary", "order", "checklist"]
    assert block["additionalProperties"] is False
    assert set(block["properties"]) == set(BLOCK.keys)
    assert block["properties"]["order"] == {
        "description": "Position in the part, from 1, unique within the part.",
        "type": "integer",
        "minimum": 1,
    }
    assert block["properties"]["checklist"]["minItems"] == 1
    item = block["properties"]["checklist"]["items"]
    assert item["required"] == ["id", "text"] and set(item["properties"]) == set(CHECKLIST_ITEM.keys)
    assert item["properties"]["id"]["pattern"] == "^[a-z0-9]+(?:-[a-z0-9]+)*$"
    question = block["properties"]["quiz"]["items"]
    assert question["required"] == ["id", "prompt", "choices", "explanation"]
    assert set(question["properties"]) == set(QUESTION.keys)
    choices = question["properties"]["choices"]
    assert choices["minItems"] == 2
    assert set(choices["items"]["properties"]) == set(CHOICE.keys)
    assert choices["items"]["properties"]["correct"]["default"] is False
    assert part["required"] == ["part", "title", "summary"] and set(part["properties"]) == set(PART.keys)
    theme_pattern = next(iter(block["patternProperties"]))
    assert all(key in theme_pattern for key in THEME_KEYS)


def _authoring_section() -> str:
    """The README's '## Authoring' section, up to the next '## ' heading outside code blocks."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").split("\n")
    start = lines.index("## Authoring")
    fenced = False
    for end in range(start + 1, len(lines)):
        fenced ^= lines[end].startswith("```")
        if not fenced and lines[end].startswith("## "):
            return "\n".join(lines[start:end])
    return "\n".join(lines[start:])


def test_readme_documents_every_key() -> None:
    section = _authoring_section()
    for spec in (BLOCK, PART, CHECKLIST_ITEM, QUESTION, CHOICE):
        for key in spec.keys:
            assert f"`{key}`" in section, f"README's Authoring section does not document '{key}'"
    for key in THEME_KEYS:
        assert f"`{key}`" in section
    # The package's names since issue 23 (scripts/new-block and schema/ were this repository's).
    for tool in ("guidegen check", "guidegen new-block", "guidegen/guide.schema.json", "python -m guidegen.schema"):
        assert tool in section


def test_readme_example_block_is_valid(tmp_path: Path) -> None:
    section = _authoring_section()
    example = section[section.index("```markdown\n") + len("```markdown\n") :]
    example = example[: example.index("\n```")] + "\n"
    path = tmp_path / "listening.md"
    path.write_text(example, encoding="utf-8")
    log = ProblemLog(str(path))
    source = read_source(path, log)
    data = read_front_matter(source, BLOCK)
    assert log.problems == []
    assert data is not None
    headings = [h.id for h in HeadingFinder(*site_markdown())(source.body)]
    assert data.values["checklist"][0]["section"] in headings  # type: ignore[index]
