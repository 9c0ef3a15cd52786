"""Build into a fresh folder and swap it in only on success.

A failed or killed build never leaves the live output folder empty or
half-written: the new site is built beside it and exchanged atomically
(``renameat2(RENAME_EXCHANGE)`` on Linux, two renames elsewhere). A lock keeps
two builds of the same folder apart, and each build first removes what a
killed one left behind.

``--offline`` also builds the offline edition (Material's offline plugin) and
writes it as ``dist/<name>-offline.zip``, to unzip and open from ``file://``.

``guidegen build [-f mkdocs.yml] [--offline]`` runs it (``guidegen/cli.py``);
``python -m guidegen.deploy [-f mkdocs.yml] [--offline] [engine build options]``
is the same step. The config file names the output folders (``site_dir``, the
plugin's ``dist_dir``) and the engine (the plugin's ``engine``), relative to
itself; ``GUIDE_SITE_DIR``, ``GUIDE_DIST_DIR`` and ``GUIDE_ENGINE`` may
override them (``guidegen/project.py``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import dataclasses
import fcntl
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

import yaml

from guidegen import engines, multilingual
from guidegen.project import Project, ProjectError, load_project
from guidegen.siteconfig import CONFIG_FILE

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_PR_SET_PDEATHSIG = 1
NGINX_FILE = "_nginx-headers.conf"  # written by the plugin (guidegen/plugin/plugin.py), as are:
CADDY_FILE = "_caddy-headers.conf"


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    return ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)


def exchange(first: Path, second: Path) -> bool:
    """Atomically swap two paths; False if the system cannot."""
    libc = _libc()
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return result == 0


def swap_in(new_site: Path, site_dir: Path) -> None:
    """Make ``new_site`` the live ``site_dir``; the old one is removed afterwards."""
    if not site_dir.exists():
        new_site.rename(site_dir)
        return
    if exchange(new_site, site_dir):
        shutil.rmtree(new_site)  # now holds the previous site
        return
    retired = site_dir.with_name(f".{site_dir.name}.old")
    shutil.rmtree(retired, ignore_errors=True)
    site_dir.rename(retired)
    new_site.rename(site_dir)
    shutil.rmtree(retired, ignore_errors=True)


def _building_prefix(target: Path) -> str:
    return f".{target.name}.building-"


@contextmanager
def exclusive(target: Path) -> Iterator[None]:
    """Hold a lock for ``target`` and clear what killed builds of it left behind.

    While the lock is held no other build of ``target`` runs, so every
    temporary folder beside it is a leftover.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.with_name(f".{target.name}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for leftover in target.parent.glob(_building_prefix(target) + "*"):
            shutil.rmtree(leftover, ignore_errors=True)
        yield


def die_with_parent() -> None:
    # A killed deploy takes the engine with it instead of leaving it writing on.
    libc = _libc()
    if libc is not None:
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def engine_command(
    engine: engines.Engine, output: Path, engine_args: list[str], config_file: Path = CONFIG_FILE
) -> list[str]:
    """The command that builds the guide into ``output`` with ``engine``, strict: a warning fails it."""
    config = str(config_file)
    if engine.name == "zensical":
        # Zensical runs no hooks: the adapter validates and stages the guide, then runs `zensical build`.
        build = ["-m", "guidegen.zensical", "build", "--config-file", config, "--site-dir", str(output)]
        return [str(engine.python()), *build, *engine_args]
    return engine.command("build", "--strict", "--config-file", config, "--site-dir", str(output), *engine_args)


def run_engine(
    output: Path,
    engine_args: list[str],
    env: dict[str, str] | None = None,
    config_file: Path = CONFIG_FILE,
    engine: engines.Engine | None = None,
) -> int:
    environ = env if env is not None else dict(os.environ)
    engine = engine or engines.selected(environ)
    if not engine.installed():
        print(f"error: {engine.not_installed()}", file=sys.stderr)
        return 2
    if engines.SOURCE_CHECKOUT:  # an engine's own venv of this repository finds the generator here
        environ["PYTHONPATH"] = str(engines.ROOT) + os.pathsep + environ.get("PYTHONPATH", "")
    command = engine_command(engine, output, engine_args, config_file)
    # The engine runs in the config file's folder, as `mkdocs build` would be run there.
    return subprocess.run(
        command, check=False, env=environ, cwd=config_file.parent, preexec_fn=die_with_parent
    ).returncode


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


#: Said once per build without a site address: the one thing that cannot work without it.
NO_SITE_URL = (
    "No site_url: 404.html takes its links and styles from /, so it works only with the guide at the root "
    "of its host (a host serves it at whatever address was missing, at any depth, where no relative link can "
    "find the guide): set site_url in mkdocs.yml if the guide lives in a subfolder. The pages, instant "
    "navigation and search work from any folder without it."
)


def build(project: Project, engine_args: list[str]) -> int:
    """Build the site into a folder beside the project's ``site_dir`` and swap it in on success.

    A multilingual guide builds each language into ``<lang>/`` of that one folder, then its root page.
    """
    site_dir = project.site_dir.resolve()
    prefix = _building_prefix(site_dir)
    engine = engines.ENGINES[project.engine]
    if project.languages:
        if project.engine == "zensical":
            print(f"error: {multilingual.NO_ZENSICAL}", file=sys.stderr)
            return 2
        if not multilingual.translations_agree(project):
            print(f"Nothing was built: {site_dir} was left as it was.", file=sys.stderr)
            return 1
    with exclusive(site_dir), tempfile.TemporaryDirectory(prefix=prefix, dir=site_dir.parent) as workdir:
        new_site = Path(workdir) / site_dir.name
        if project.languages:
            returncode = _build_languages(project, new_site, engine_args, engine)
        else:
            returncode = run_engine(new_site, engine_args, config_file=project.config_file, engine=engine)
        if returncode != 0:
            print(f"Build failed: {site_dir} was left as it was.", file=sys.stderr)
            return returncode
        previous = _read(site_dir / NGINX_FILE)
        headers_changed = previous is not None and previous != _read(new_site / NGINX_FILE)
        swap_in(new_site, site_dir)
    print(f"Built {site_dir}", file=sys.stderr)
    if not project.site_url:
        print(NO_SITE_URL, file=sys.stderr)
    if headers_changed:
        print(
            f"The security headers changed: if nginx includes {NGINX_FILE} or Caddy imports {CADDY_FILE}, reload it.",
            file=sys.stderr,
        )
    return 0


def _build_languages(project: Project, new_site: Path, engine_args: list[str], engine: engines.Engine) -> int:
    """Every language into ``new_site/<lang>/`` (one strict engine build each), then the root page."""
    for language in project.languages:
        print(f"Building '{language}' from {project.language_docs(language)}", file=sys.stderr)
        with language_config(project, language) as config_file:
            returncode = run_engine(new_site / language, engine_args, config_file=config_file, engine=engine)
        if returncode != 0:
            return returncode
    multilingual.write_root(project, new_site)
    return 0


@contextmanager
def language_config(project: Project, language: str) -> Iterator[Path]:
    """A short-lived config beside mkdocs.yml that builds one language of a multilingual guide.

    It inherits mkdocs.yml (MkDocs' INHERIT: mappings are merged, so only what it names changes): the
    language's folder as docs_dir, its theme.language, and its own address under site_url.
    """
    config = yaml.load(project.config_file.read_text(encoding="utf-8"), Loader=_KeepTags)
    theme = (config or {}).get("theme") if isinstance(config, dict) else None
    child: dict[str, object] = {
        "INHERIT": project.config_file.name,
        "docs_dir": str(project.language_docs(language)),
        "theme": {"language": language} if isinstance(theme, dict) else {"name": theme, "language": language},
    }
    if project.site_url:
        child["site_url"] = project.site_url.rstrip("/") + f"/{language}/"
    plugins = (config or {}).get("plugins") if isinstance(config, dict) else None
    if isinstance(plugins, list):
        child["plugins"] = plugins  # as they are: a config inheriting this one (the offline edition's) adds to them
    handle, name = tempfile.mkstemp(prefix=f".{project.config_file.stem}.{language}-", suffix=".yml", dir=project.root)
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            yaml.dump(child, stream, Dumper=_KeepTagsDumper, sort_keys=False, allow_unicode=True)
        yield path
    finally:
        path.unlink(missing_ok=True)


def edition_name(site: Path) -> str:
    """The guide's short name, as the theme writes it for its storage key."""
    finder = _StoreName()
    finder.feed(_read(site / "index.html") or "")
    return re.sub(r"[^a-z0-9]+", "-", finder.name.lower()).strip("-") or "guide"


class _StoreName(HTMLParser):
    """The content of <meta name="gg-store">, however the minified page quotes and orders it."""

    def __init__(self) -> None:
        super().__init__()
        self.name = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "meta" and found.get("name") == "gg-store" and not self.name:
            self.name = found.get("content") or ""


def write_zip(site: Path, archive: Path, top: str) -> None:
    """Zip ``site`` under one top folder; the archive appears complete or not at all."""
    partial = archive.with_name(f".{archive.name}.part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(site.rglob("*")):
            if path.is_file():
                bundle.write(path, f"{top}/{path.relative_to(site).as_posix()}")
    os.replace(partial, archive)


@contextmanager
def offline_config(project: Project) -> Iterator[tuple[Path, list[str]]]:
    """(a config file that builds the offline edition, extra engine arguments).

    A config that lists Material's offline plugin itself switches it on with GUIDE_OFFLINE (this
    repository's does); any other gets a short-lived file beside it that inherits it (MkDocs'
    INHERIT) and adds the plugin, so every path still resolves from the guide's folder. Zensical's
    adapter takes ``--offline`` instead.
    """
    if project.offline_plugin:
        yield project.config_file, []
        return
    if project.engine == "zensical":
        yield project.config_file, ["--offline"]
        return
    config = yaml.load(project.config_file.read_text(encoding="utf-8"), Loader=_KeepTags)
    plugins = (config or {}).get("plugins") if isinstance(config, dict) else None
    listed = plugins if isinstance(plugins, list) else ["search"]
    child = {"INHERIT": project.config_file.name, "plugins": [*listed, {"offline": {"enabled": True}}]}
    handle, name = tempfile.mkstemp(prefix=f".{project.config_file.stem}.offline-", suffix=".yml", dir=project.root)
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            yaml.dump(child, stream, Dumper=_KeepTagsDumper, sort_keys=False, allow_unicode=True)
        yield path, []
    finally:
        path.unlink(missing_ok=True)


class _Tagged(str):
    """A tagged YAML value of mkdocs.yml (``!ENV``, ``!!python/name:``), written back as it was."""

    tag = ""


class _KeepTags(yaml.SafeLoader):
    pass


class _KeepTagsDumper(yaml.SafeDumper):
    pass


def _keep_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        value = _Tagged(node.value)
        value.tag = node.tag
        return value
    return loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else loader.construct_mapping(node)


_KeepTags.add_multi_constructor("!", _keep_tag)
_KeepTags.add_multi_constructor("tag:yaml.org,2002:python/", _keep_tag)
_KeepTagsDumper.add_representer(_Tagged, lambda dumper, value: dumper.represent_scalar(value.tag, str(value)))


def build_offline(project: Project, engine_args: list[str]) -> int:
    """Build the offline edition and write ``<dist_dir>/<name>-offline.zip``.

    A multilingual guide's holds every language (``<lang>/``) and the root page, as the site does.
    """
    dist_dir = project.dist_dir.resolve()
    dist_dir.mkdir(parents=True, exist_ok=True)
    marker = dist_dir / "offline"  # only names the lock and the temporary folders
    env = {**os.environ, "GUIDE_OFFLINE": "true"}
    engine = engines.ENGINES[project.engine]
    with (
        exclusive(marker),
        tempfile.TemporaryDirectory(prefix=_building_prefix(marker), dir=dist_dir) as workdir,
        offline_config(project) as (config_file, extra),
    ):
        site = Path(workdir) / "site"
        if project.languages:
            returncode = _build_offline_languages(project, site, engine_args, env, engine)
        else:
            returncode = run_engine(site, [*extra, *engine_args], env, config_file, engine)
        if returncode != 0:
            print("Offline build failed: no zip was written.", file=sys.stderr)
            return returncode
        name = edition_name(site / project.languages[0] if project.languages else site)
        archive = dist_dir / f"{name}-offline.zip"
        write_zip(site, archive, f"{name}-offline")
    print(f"Built {archive}: unzip it and open {name}-offline/index.html", file=sys.stderr)
    return 0


def _build_offline_languages(
    project: Project, site: Path, engine_args: list[str], env: dict[str, str], engine: engines.Engine
) -> int:
    """Every language's offline edition into ``site/<lang>/``, then the root page with file:// links."""
    for language in project.languages:
        with language_config(project, language) as child:
            edition = dataclasses.replace(project, config_file=child, languages=(), language=language)
            with offline_config(edition) as (config_file, extra):
                returncode = run_engine(site / language, [*extra, *engine_args], env, config_file, engine)
        if returncode != 0:
            return returncode
    multilingual.write_root(project, site, offline=True)
    return 0


def publish(project: Project, offline: bool, engine_args: list[str]) -> int:
    """``guidegen build``: the strict build swapped in, then the offline edition if asked."""
    print(engines.ENGINES[project.engine].describe(), file=sys.stderr)
    returncode = build(project, engine_args)
    if returncode == 0 and offline:
        returncode = build_offline(project, engine_args)
    return returncode


def main(argv: list[str]) -> int:
    args = list(argv)
    config_file = None
    for flag in ("-f", "--config-file"):
        if flag in args:
            index = args.index(flag)
            config_file = args[index + 1] if index + 1 < len(args) else None
            del args[index : index + 2]
    try:
        project = load_project(config_file)
    except ProjectError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    offline = "--offline" in args
    return publish(project, offline, [arg for arg in args if arg != "--offline"])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
