"""The ``guidegen`` command, run in a guide's folder.

    guidegen new DIR [--language LANG]    a new guide repository that builds as it is
    guidegen serve                        the guide with live reload on http://127.0.0.1:8000
    guidegen check [--format F]           every mistake in the content, at its file and line
    guidegen build [--offline]            the site, strict, swapped in only when it built
    guidegen gh-deploy                    that build, then the gh-pages branch pushed (nothing if it fails)
    guidegen new-block PART TITLE         a new building block that validates
    guidegen new-catalog LANG             the generator's words to translate, in locales/LANG.yml
    guidegen new-language LANG            a multilingual guide: docs/LANG/, a copy of the source to translate

Every command but ``new`` reads the guide's ``mkdocs.yml`` (``-f/--config-file``
names another) through ``guidegen.project``, so each resolves every path the
same way, relative to that file. ``--engine`` (or the plugin's ``engine``
setting) picks MkDocs, ProperDocs or Zensical.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from collections.abc import Callable

from guidegen import __version__, check, deploy, engines, ghdeploy, multilingual, newblock, newguide
from guidegen.i18n import catalog_path, match_language
from guidegen.problems import display_path
from guidegen.project import ENGINES, Project, ProjectError, load_project

DESCRIPTION = "Build educational microsites (parts, building blocks, checklists, quizzes) on MkDocs and Material."


def _config_options(parser: argparse.ArgumentParser, engine: bool = False) -> None:
    parser.add_argument(
        "-f", "--config-file", metavar="FILE", default=None, help="the guide's config file (default: ./mkdocs.yml)"
    )
    if engine:
        parser.add_argument(
            "--engine", choices=ENGINES, default=None, help="the engine (default: the plugin's engine setting, mkdocs)"
        )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="guidegen", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"guidegen {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    new = commands.add_parser("new", help="write a new guide repository", add_help=False)
    new.add_argument("arguments", nargs=argparse.REMAINDER)

    serve = commands.add_parser("serve", help="serve the guide with live reload")
    _config_options(serve, engine=True)
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT")
    serve.add_argument(
        "--full",
        action="store_true",
        help="rebuild every page on every save (default: only what the save changes, see the README's Performance)",
    )
    serve.add_argument(
        "--language",
        default=None,
        metavar="LANG",
        help="a multilingual guide: the language to serve (default: the first)",
    )

    check_command = commands.add_parser("check", help="check the content without building")
    _config_options(check_command)
    check_command.add_argument("--format", choices=check.FORMATS, default="text")
    check_command.add_argument("docs_dir", nargs="?", metavar="DOCS_DIR", help="another folder, same settings")

    build = commands.add_parser("build", help="build the site, strict; the old site stays if it fails")
    _config_options(build, engine=True)
    build.add_argument("--offline", action="store_true", help="also write the offline edition's zip")

    gh = commands.add_parser(
        "gh-deploy", help="build strict, then publish the site to the gh-pages branch; nothing if the build fails"
    )
    _config_options(gh, engine=True)
    gh.add_argument("--remote", default=ghdeploy.DEFAULT_REMOTE, help="the git remote to push to (default: origin)")
    gh.add_argument("--branch", default=ghdeploy.DEFAULT_BRANCH, help="the branch to publish (default: gh-pages)")
    gh.add_argument(
        "-m", "--message", default=None, help="the commit's message ({sha}: the guide's commit, {version}: guidegen's)"
    )
    gh.add_argument("--force", action="store_true", help="push with --force (replaces the branch's history)")

    block = commands.add_parser("new-block", help="write a new building block")
    _config_options(block)
    block.add_argument("part", metavar="PART", help="the part's number (2) or folder name (part-2)")
    block.add_argument("title", metavar="TITLE")

    language = commands.add_parser(
        "new-language", help="a multilingual guide: one more language, a copy of the source's folder to translate"
    )
    _config_options(language)
    language.add_argument("language", metavar="LANG", help="a language code, e.g. fr or pt-BR")

    catalog = commands.add_parser("new-catalog", help="write the generator's words to translate, for a language")
    _config_options(catalog)
    catalog.add_argument("language", metavar="LANG", help="a language code, e.g. pt or pt-BR")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["new"]:  # its own parser (guidegen/newguide.py), which also lists its options under -h
        return newguide.main(argv[1:])
    parser = build_parser()
    arguments, extra = parser.parse_known_args(argv)
    if extra and arguments.command not in ("build", "serve", "gh-deploy"):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    commands: dict[str, Callable[[argparse.Namespace, list[str]], int]] = {
        "serve": _serve,
        "check": _check,
        "build": _build,
        "gh-deploy": _gh_deploy,
        "new-block": _new_block,
        "new-catalog": _new_catalog,
        "new-language": _new_language,
    }
    try:
        return commands[arguments.command](arguments, extra)
    except ProjectError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _project(arguments: argparse.Namespace) -> Project:
    return load_project(arguments.config_file, engine=getattr(arguments, "engine", None))


def _check(arguments: argparse.Namespace, extra: list[str]) -> int:
    argv = ["--format", arguments.format, *([arguments.docs_dir] if arguments.docs_dir else [])]
    return check.main(argv, arguments.config_file)


def _build(arguments: argparse.Namespace, extra: list[str]) -> int:
    return deploy.publish(_project(arguments), arguments.offline, extra)


def _gh_deploy(arguments: argparse.Namespace, extra: list[str]) -> int:
    return ghdeploy.gh_deploy(
        _project(arguments),
        extra,
        remote=arguments.remote,
        branch=arguments.branch,
        message=arguments.message,
        force=arguments.force,
    )


def _serve(arguments: argparse.Namespace, extra: list[str]) -> int:
    project = _project(arguments)
    engine = engines.ENGINES[project.engine]
    if not engine.installed():
        print(f"error: {engine.not_installed()}", file=sys.stderr)
        return 2
    print(engine.describe(), file=sys.stderr)
    if project.languages:
        return _serve_language(project, engine, arguments, extra)
    config = str(project.config_file)
    if engine.name == "zensical":
        command = [str(engine.python()), "-m", "guidegen.zensical", "serve", "--config-file", config]
    else:
        # --dirty: the plugin decides what each save rebuilds (guidegen/plugin/incremental.py).
        command = engine.command(
            "serve", "--livereload", *([] if arguments.full else ["--dirty"]), "--config-file", config
        )
    command += ["--dev-addr", arguments.dev_addr, *extra]
    environ = dict(os.environ)
    if engines.SOURCE_CHECKOUT:
        environ["PYTHONPATH"] = str(engines.ROOT) + os.pathsep + environ.get("PYTHONPATH", "")
    # The engine's server takes this process's place: Ctrl-C and a stopping terminal reach it directly.
    os.chdir(project.root)
    os.execve(command[0], command, environ)
    return 0  # not reached


def _serve_language(project: Project, engine: engines.Engine, arguments: argparse.Namespace, extra: list[str]) -> int:
    """One language of a multilingual guide, from the same short-lived config its build uses."""
    language = arguments.language or project.languages[0]
    if language not in project.languages:
        print(
            f"error: '{language}' is not one of this guide's languages ({', '.join(project.languages)})",
            file=sys.stderr,
        )
        return 2
    if engine.name == "zensical":
        print(f"error: {multilingual.NO_ZENSICAL}", file=sys.stderr)
        return 2
    environ = dict(os.environ)
    if engines.SOURCE_CHECKOUT:
        environ["PYTHONPATH"] = str(engines.ROOT) + os.pathsep + environ.get("PYTHONPATH", "")
    print(f"Serving '{language}' from {display_path(project.language_docs(language))}", file=sys.stderr)
    # A stopped server removes its config too: SIGTERM ends this process as Ctrl-C does, and the engine with it.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(143))
    with deploy.language_config(project, language) as config_file:
        command = engine.command("serve", "--livereload", "--config-file", str(config_file))
        command += ["--dev-addr", arguments.dev_addr, *extra]
        try:
            run = subprocess.run(command, check=False, env=environ, cwd=project.root, preexec_fn=deploy.die_with_parent)
        except KeyboardInterrupt:
            return 130
        return run.returncode


def _new_block(arguments: argparse.Namespace, extra: list[str]) -> int:
    project = _project(arguments)
    # A multilingual guide: the same skeleton in every language's folder (the same file name: the block's id).
    for language in project.languages or (project.language,):
        try:
            path = newblock.new_block(project.language_docs(language), arguments.part, arguments.title, language)
        except newblock.NewBlockError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        print(f"Wrote {display_path(path)}: fill in the summary, checklist and text, then run guidegen check.")
    return 0


def _new_language(arguments: argparse.Namespace, extra: list[str]) -> int:
    project = _project(arguments)
    language = arguments.language.strip()
    if not project.languages:
        print(
            "error: this guide is in one language: a guide in several languages keeps each in docs/<language>/ "
            "and lists them in the plugin's languages setting (README: one guide in several languages)",
            file=sys.stderr,
        )
        return 2
    if not newguide.valid_language(language):
        print(f"error: '{language}' is not a language code (e.g. fr, pt-BR); nothing was written", file=sys.stderr)
        return 2
    try:
        written = multilingual.add_language(project, language)
    except multilingual.LanguageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for line in written:
        print(line)
    return 0


def _new_catalog(arguments: argparse.Namespace, extra: list[str]) -> int:
    project = _project(arguments)
    language = arguments.language.strip()
    if not newguide.valid_language(language):
        print(f"error: '{language}' is not a language code (e.g. pt, pt-BR); nothing was written", file=sys.stderr)
        return 2
    target = project.locales_dir / f"{language.replace('-', '_') if '-' in language else language}.yml"
    if target.exists():
        print(f"error: {display_path(target)} already exists; it was left as it is", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8", newline="\n") as file:
        file.write(newguide.starter_catalog(language))
    print(f"Wrote {display_path(target)}: translate every value; guidegen check says what is left.")
    shipped = match_language(language)
    if shipped is not None:
        print(f"(The generator ships {catalog_path(shipped).name}; your file's strings replace its wording.)")
    if project.language != language:
        print(f"Set theme.language: {language} in {display_path(project.config_file)} to build the guide in it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
