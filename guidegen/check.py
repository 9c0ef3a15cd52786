"""Check a guide folder without building the site: ``python -m guidegen.check [--format F] [DOCS_DIR]``.

Prints every problem in every file, then the quiz lint's warnings at the
question that has each cue (``guidegen.lint``), then any warning about the
guide as a whole (correct answers clustered in one position,
``guidegen.balance``), then a count line; exits 1 if there are problems
(warnings alone do not fail it).
It runs the same loader as the MkDocs hook, so what passes here builds.
``--format github`` writes GitHub Actions workflow commands instead, so each
problem shows inline on the changed line of a pull request; ``--format json``
writes one JSON object for editors and other tools.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from guidegen.balance import Advice, answer_clusters
from guidegen.lint import LintWarning, lint
from guidegen.loader import LoadResult, load_guide
from guidegen.problems import Problem, summary_line
from guidegen.siteconfig import site_language

USAGE = "usage: scripts/check [--format text|github|json] [DOCS_DIR]"
FORMATS = ("text", "github", "json")


def main(argv: list[str]) -> int:
    arguments, output_format = _parse(argv)
    if arguments is None:
        print(USAGE, file=sys.stderr)
        return 2
    docs_dir = Path(arguments[0] if arguments else os.environ.get("GUIDE_DOCS_DIR", "docs"))
    if not docs_dir.is_dir():
        print(f"error: {docs_dir} is not a folder", file=sys.stderr)
        return 2
    # The build's language: the author's own strings are checked against its plural forms, as the build does.
    language = site_language()
    result = load_guide(docs_dir, language=language)
    warnings = answer_clusters(result.guide)
    cues = lint(result.guide, docs_dir, language)
    print({"text": _text, "github": _github, "json": _json}[output_format](result, docs_dir, cues, warnings))
    return 1 if result.problems else 0


def _parse(argv: list[str]) -> tuple[list[str] | None, str]:
    """(positional arguments, format); None when the command line makes no sense."""
    output_format, rest = "text", list(argv)
    for option in [a for a in rest if a.startswith("--format")]:
        index = rest.index(option)
        if option.startswith("--format="):
            value = option.removeprefix("--format=")
            del rest[index]
        elif index + 1 < len(rest):
            value = rest[index + 1]
            del rest[index : index + 2]
        else:
            return None, output_format
        if value not in FORMATS:
            return None, output_format
        output_format = value
    if len(rest) > 1 or any(a.startswith("-") for a in rest):
        return None, output_format
    return rest, output_format


def _text(result: LoadResult, docs_dir: Path, cues: list[LintWarning], warnings: list[Advice]) -> str:
    lines = [str(p) for p in sorted(result.problems)]
    lines += [str(cue) for cue in cues]
    lines += [f"{docs_dir}: warning: {advice}" for advice in warnings]
    lines.append(summary_line(result.problems) if result.problems else _all_clear(result, docs_dir))
    return "\n".join(lines)


def _all_clear(result: LoadResult, docs_dir: Path) -> str:
    parts, blocks = len(result.guide.parts), len(result.guide.blocks)
    return f"No problems: {_count(parts, 'part')} and {_count(blocks, 'block')} in {docs_dir}."


def _github(result: LoadResult, docs_dir: Path, cues: list[LintWarning], warnings: list[Advice]) -> str:
    """One ``::error`` workflow command per problem and ``::warning`` per warning, then the count
    (or the all-clear) as plain text."""
    lines = [_workflow_command(problem) for problem in sorted(result.problems)]
    lines += [_lint_command(cue) for cue in cues]
    lines += [f"::warning title=quiz::{_escape_data(str(advice))}" for advice in warnings]
    lines.append(summary_line(result.problems) if result.problems else _all_clear(result, docs_dir))
    return "\n".join(lines)


def _workflow_command(problem: Problem) -> str:
    message = f"{problem.message} ({problem.hint})" if problem.hint else problem.message
    properties = {
        "file": problem.path,
        "line": str(problem.line),
        "col": str(problem.column),
        "title": problem.field or "guide",
    }
    listed = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
    return f"::error {listed}::{_escape_data(message)}"


def _lint_command(cue: LintWarning) -> str:
    properties = {"file": cue.path, "line": str(cue.line), "col": str(cue.column), "title": f"{cue.field} [{cue.rule}]"}
    listed = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
    return f"::warning {listed}::{_escape_data(f'{cue.message} ({cue.hint})')}"


def _escape_data(text: str) -> str:
    # GitHub's workflow-command escaping (actions/toolkit, command.ts).
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _json(result: LoadResult, docs_dir: Path, cues: list[LintWarning], warnings: list[Advice]) -> str:
    problems = [
        {
            "path": p.path,
            "line": p.line,
            "column": p.column,
            "field": p.field,
            "message": p.message,
            "hint": p.hint,
        }
        for p in sorted(result.problems)
    ]
    summary = {"parts": len(result.guide.parts), "blocks": len(result.guide.blocks)}
    lint_warnings = [
        {
            "path": c.path,
            "line": c.line,
            "column": c.column,
            "field": c.field,
            "rule": c.rule,
            "message": c.message,
            "hint": c.hint,
        }
        for c in cues
    ]
    advice = lint_warnings + [{"message": a.message, "hint": a.hint} for a in warnings]
    output = {"docs_dir": str(docs_dir), "problems": problems, "warnings": advice, **summary}
    return json.dumps(output, ensure_ascii=False, indent=2)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
