"""Check a guide without building the site: ``guidegen check [-f mkdocs.yml] [--format F] [DOCS_DIR]``.

The guide is the one its mkdocs.yml names (``docs_dir``, the language, the
guide's own catalogs, the Markdown extensions), read through the same
``guidegen.project`` as ``guidegen build``: the two always read the same guide.
A DOCS_DIR argument checks another folder with the same settings. A guide in
several languages (the plugin's ``languages``) is checked language by language,
then each translation against the source (``guidegen.multilingual``).

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
import sys
from pathlib import Path

import markdown

from guidegen import multilingual
from guidegen.balance import Advice, answer_clusters
from guidegen.headings import HeadingFinder
from guidegen.lint import LintWarning, lint
from guidegen.loader import LoadResult, load_guide
from guidegen.multilingual import Finding
from guidegen.problems import Problem, display_path, summary_line
from guidegen.project import Project, ProjectError, load_project
from guidegen.siteconfig import config_key

USAGE = "usage: guidegen check [-f CONFIG_FILE] [--format text|github|json] [DOCS_DIR]"
FORMATS = ("text", "github", "json")


def main(argv: list[str], config_file: str | None = None) -> int:
    argv = list(argv)
    for flag in ("-f", "--config-file"):
        if flag in argv:
            index = argv.index(flag)
            if index + 1 >= len(argv):
                print(USAGE, file=sys.stderr)
                return 2
            config_file = argv[index + 1]
            del argv[index : index + 2]
    arguments, output_format = _parse(argv)
    if arguments is None:
        print(USAGE, file=sys.stderr)
        return 2
    try:
        project = load_project(config_file)
    except ProjectError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    docs_dir = Path(arguments[0]) if arguments else project.docs_dir
    if not docs_dir.is_dir():
        print(f"error: {display_path(docs_dir)} is not a folder", file=sys.stderr)
        return 2
    # The build's Markdown, language and catalogs: what passes here builds, and the other way round.
    site_markdown = markdown.Markdown(extensions=project.extensions, extension_configs=project.extension_options)
    finder = HeadingFinder(site_markdown, config_key(list(project.extensions), project.extension_options))
    shown = Path(display_path(docs_dir))
    findings: list[Finding] = []
    if project.languages:
        result, cues, warnings, findings = _check_languages(project.languages, docs_dir, finder, project, shown)
    else:
        result = load_guide(docs_dir, finder, project.language, project.locales_dir)
        warnings = answer_clusters(result.guide)
        cues = lint(result.guide, shown, project.language)
    formatter = {"text": _text, "github": _github, "json": _json}[output_format]
    print(formatter(result, shown, cues, warnings, findings))
    return 1 if result.problems else 0


def _check_languages(
    languages: tuple[str, ...], docs_dir: Path, finder: HeadingFinder, project: Project, shown: Path
) -> tuple[LoadResult, list[LintWarning], list[Advice], list[Finding]]:
    """A multilingual guide: every language's folder on its own, then the translations against the source."""
    editions = multilingual.load_editions(docs_dir, languages, finder, project.locales_dir)
    comparison = multilingual.compare(docs_dir, editions, languages[0])
    source = editions[languages[0]]
    result = LoadResult(source.guide, unreadable=list(source.unreadable))
    cues: list[LintWarning] = []
    advice: list[Advice] = []
    for language, edition in editions.items():
        result.problems += edition.problems
        result.warnings += [f"{language}: {text}" for text in edition.warnings]
        cues += lint(edition.guide, shown / language, language)
        advice += answer_clusters(edition.guide)
    result.problems += comparison.errors
    return result, cues, advice, comparison.warnings


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


def _text(
    result: LoadResult, docs_dir: Path, cues: list[LintWarning], warnings: list[Advice], findings: list[Finding]
) -> str:
    lines = [str(p) for p in sorted(result.problems)]
    lines += [str(finding) for finding in findings]
    lines += [f"warning: {text}" for text in result.warnings]
    lines += [str(cue) for cue in cues]
    lines += [f"{docs_dir}: warning: {advice}" for advice in warnings]
    lines.append(summary_line(result.problems) if result.problems else _all_clear(result, docs_dir))
    return "\n".join(lines)


def _all_clear(result: LoadResult, docs_dir: Path) -> str:
    parts, blocks = len(result.guide.parts), len(result.guide.blocks)
    return f"No problems: {_count(parts, 'part')} and {_count(blocks, 'block')} in {docs_dir}."


def _github(
    result: LoadResult, docs_dir: Path, cues: list[LintWarning], warnings: list[Advice], findings: list[Finding]
) -> str:
    """One ``::error`` workflow command per problem and ``::warning`` per warning, then the count
    (or the all-clear) as plain text."""
    lines = [_workflow_command(problem) for problem in sorted(result.problems)]
    lines += [_workflow_command(finding.problem(), "warning") for finding in findings]
    lines += [f"::warning title=guide::{_escape_data(text)}" for text in result.warnings]
    lines += [_lint_command(cue) for cue in cues]
    lines += [f"::warning title=quiz::{_escape_data(str(advice))}" for advice in warnings]
    lines.append(summary_line(result.problems) if result.problems else _all_clear(result, docs_dir))
    return "\n".join(lines)


def _workflow_command(problem: Problem, command: str = "error") -> str:
    message = f"{problem.message} ({problem.hint})" if problem.hint else problem.message
    properties = {
        "file": problem.path,
        "line": str(problem.line),
        "col": str(problem.column),
        "title": problem.field or "guide",
    }
    listed = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
    return f"::{command} {listed}::{_escape_data(message)}"


def _lint_command(cue: LintWarning) -> str:
    properties = {"file": cue.path, "line": str(cue.line), "col": str(cue.column), "title": f"{cue.field} [{cue.rule}]"}
    listed = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
    return f"::warning {listed}::{_escape_data(f'{cue.message} ({cue.hint})')}"


def _escape_data(text: str) -> str:
    # GitHub's workflow-command escaping (actions/toolkit, command.ts).
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _json(
    result: LoadResult, docs_dir: Path, cues: list[LintWarning], warnings: list[Advice], findings: list[Finding]
) -> str:
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
    advice: list[dict[str, object]] = [
        {"path": f.path, "line": f.line, "column": f.column, "field": f.field, "message": f.message, "hint": f.hint}
        for f in findings
    ]
    advice += [{"message": text, "hint": ""} for text in result.warnings]
    advice += lint_warnings + [{"message": a.message, "hint": a.hint} for a in warnings]
    output = {"docs_dir": str(docs_dir), "problems": problems, "warnings": advice, **summary}
    return json.dumps(output, ensure_ascii=False, indent=2)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
