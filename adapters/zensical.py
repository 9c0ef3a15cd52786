"""Zensical adapter: the generator as a step before ``zensical build`` and ``zensical serve``.

Zensical reads ``mkdocs.yml`` but runs no hooks, so the work the MkDocs hooks
do while MkDocs renders happens here, around Zensical, with the same core:

1. gather and validate the whole guide (``guidegen.loader``); any problem is
   reported exactly as the MkDocs build reports it, and nothing is built;
2. stage it (``guidegen.staging``) in a folder outside ``docs/``: the guide
   with every generated part in place, a configuration that inherits
   ``mkdocs.yml`` with the generated navigation, and the theme's ``main.html``,
   ``404.html`` and the generator's assets (not Material 9.8's partial copies in
   ``theme/partials``, which do not fit Zensical's own templates);
3. run ``zensical build --strict`` on it;
4. do what the post-build hooks do: the security headers with the inline
   script hashes (``guidegen.csp``) and the lean copies of the generator's own
   CSS and JavaScript (``guidegen.minify``).

Usage (run by ``scripts/build`` and ``scripts/serve`` with ``GUIDE_ENGINE=zensical``):
``python -m adapters.zensical build --site-dir DIR`` and
``python -m adapters.zensical serve [--dev-addr HOST:PORT]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import markdown
import yaml

from guidegen import csp
from guidegen.loader import LoadResult, load_guide
from guidegen.minify import minify_folder
from guidegen.navigation import build_nav
from guidegen.problems import summary_line
from guidegen.staging import Site, Stager

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
THEME = ROOT / "theme"
#: What the staged theme takes from theme/: Zensical has its own partials.
THEME_FILES = ("main.html", "404.html", "assets")
#: Watched under `serve`: the generator's templates change the staged pages too.
WATCHED = (ROOT / "guidegen" / "templates", THEME)
HEADERS_FILE = "_headers"
NGINX_FILE = "_nginx-headers.conf"
#: The vendored iframe-worker shim (theme/assets/vendor), used instead of the CDN copy.
WORKER_SHIM = "assets/vendor/iframe-worker/shim.js"
NOTHING_BUILT = "Nothing was built; the output folder is unchanged."  # as hooks/guide.py says it


# -- the project's configuration ---------------------------------------------


class PythonName(str):
    """A ``!!python/name:`` value of mkdocs.yml, kept as text to be written back as it was."""


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: ``!ENV`` resolved as MkDocs does, Python names kept as they are."""


class _ConfigDumper(yaml.SafeDumper):
    pass


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    # MkDocs' !ENV: the first variable that is set, else the last item as the default.
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = node.value  # type: ignore[attr-defined]
        names = [loader.construct_scalar(item) for item in items[:-1]] if len(items) > 1 else [items[0].value]
        default = loader.construct_object(items[-1]) if len(items) > 1 else None
    for name in names:
        if name in os.environ:
            return yaml.safe_load(os.environ[name])
    return default


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: PythonName(suffix))
_ConfigDumper.add_representer(
    PythonName, lambda dumper, name: dumper.represent_scalar(f"tag:yaml.org,2002:python/name:{name}", "")
)


def project_config() -> dict[str, Any]:
    return yaml.load(CONFIG.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # a SafeLoader: nothing is executed


def project_docs_dir(config: dict[str, Any]) -> Path:
    return (CONFIG.parent / str(config.get("docs_dir") or "docs")).resolve()


def offline(config: dict[str, Any]) -> bool:
    """Whether Material's offline plugin is on (``GUIDE_OFFLINE``), which Zensical also has."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "offline" in plugin:
            return bool((plugin["offline"] or {}).get("enabled", True))
    return False


# -- the steps -----------------------------------------------------------------


def gather(docs_dir: Path, serving: bool = False) -> LoadResult:
    """Read and check the whole guide; report every problem as the MkDocs build does."""
    result = load_guide(docs_dir)
    for problem in sorted(result.problems):
        print(f"ERROR   -  {problem}", file=sys.stderr)
    if result.problems:
        then = "Fix them and save: the site rebuilds." if serving else NOTHING_BUILT
        print(f"ERROR   -  {summary_line(result.problems)} {then}", file=sys.stderr)
    return result


def write_config(stage: Path, config: dict[str, Any], result: LoadResult, docs_dir: Path) -> Path:
    """The staged configuration: mkdocs.yml with the staged folders and the generated navigation."""
    staged = {key: value for key, value in config.items() if key not in ("hooks", "watch")}  # Zensical runs no hooks
    staged.update(docs_dir="docs", site_dir="site", nav=build_nav(result.guide, docs_dir, result.unreadable))
    staged["theme"] = {**config.get("theme", {}), "custom_dir": "theme"}
    if offline(config):
        # As hooks/selfhost.py does for MkDocs: the search worker's shim from the site itself, not
        # from a CDN, and no instant navigation, which cannot work from file://.
        features = staged["theme"].get("features") or []
        staged["theme"]["features"] = [name for name in features if not name.startswith("navigation.instant")]
        staged["extra"] = {**(config.get("extra") or {}), "polyfills": [WORKER_SHIM]}
    path = stage / "mkdocs.yml"
    path.write_text(yaml.dump(staged, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def stage_theme(stage: Path) -> None:
    for name in THEME_FILES:
        source, target = THEME / name, stage / "theme" / name
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)


def stage_guide(stage: Path, project: dict[str, Any], result: LoadResult) -> tuple[Path, list[str]]:
    """Write the staged configuration, theme and guide; returns the configuration and the changed files."""
    docs_dir = project_docs_dir(project)
    (stage / "docs").mkdir(parents=True, exist_ok=True)
    config_path = write_config(stage, project, result, docs_dir)
    stage_theme(stage)
    from zensical.config import parse_config  # the site's Markdown exactly as Zensical will render it

    config = parse_config(str(config_path))
    site_markdown = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])
    site = Site(
        name=config["site_name"], url=config.get("site_url") or "", use_directory_urls=config["use_directory_urls"]
    )
    stager = Stager(result.guide, docs_dir, lambda text: site_markdown.reset().convert(text), site)
    return config_path, stager.stage(stage / "docs", robots=not offline(project))


def post_build(site_dir: Path, with_headers: bool) -> None:
    """What the MkDocs post-build hooks do: lean assets, security headers (not offline: no headers apply)."""
    minify_folder(site_dir / "assets" / "guide")
    if not with_headers:
        return
    found = csp.scan_site(site_dir)
    headers = csp.security_headers(found)
    (site_dir / HEADERS_FILE).write_text(csp.headers_file(headers), encoding="utf-8")
    (site_dir / NGINX_FILE).write_text(csp.nginx_snippet(headers), encoding="utf-8")
    hashes = len(found.styles | found.style_attributes)
    scripts = len(found.scripts)
    print(f"INFO    -  Security headers: {scripts} inline script hashes, {hashes} style hashes", file=sys.stderr)


def zensical(*args: str) -> list[str]:
    return [sys.executable, "-m", "zensical", *args]


def build(site_dir: Path) -> int:
    project = project_config()
    result = gather(project_docs_dir(project))
    if result.problems:
        return 1
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".zensical-stage-", dir=site_dir.parent) as workdir:
        stage = Path(workdir)
        config, _ = stage_guide(stage, project, result)
        built = subprocess.run(zensical("build", "--strict", "--config-file", str(config)), cwd=stage)
        if built.returncode != 0:
            return built.returncode
        try:
            post_build(stage / "site", with_headers=not offline(project))
        except csp.UnsafeMarkup as error:
            print(f"ERROR   -  {error}: a strict Content-Security-Policy cannot allow it.", file=sys.stderr)
            return 1
        if site_dir.exists():
            shutil.rmtree(site_dir)
        (stage / "site").rename(site_dir)
    return 0


def _snapshot(folders: tuple[Path, ...]) -> dict[str, float]:
    return {
        str(path): path.stat().st_mtime
        for folder in folders
        if folder.exists()
        for path in folder.rglob("*")
        if path.is_file()
    }


def serve(dev_addr: str) -> int:
    """Stage, run `zensical serve` on the staged guide, and restage whenever the guide changes."""
    # Stopped with SIGTERM (a test, a terminal closing): still stop the server in `finally`.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(0))
    project = project_config()
    docs_dir = project_docs_dir(project)
    watched = (docs_dir, *WATCHED)
    with tempfile.TemporaryDirectory(prefix="gg-zensical-serve-") as workdir:
        stage = Path(workdir)
        result = gather(docs_dir, serving=True)
        config, _ = stage_guide(stage, project, result)
        server = subprocess.Popen(zensical("serve", "--config-file", str(config), "--dev-addr", dev_addr), cwd=stage)
        seen = _snapshot(watched)
        try:
            while server.poll() is None:
                time.sleep(0.2)
                now = _snapshot(watched)
                if now == seen:
                    continue
                seen = now
                result = gather(docs_dir, serving=True)
                _, changed = stage_guide(stage, project, result)
                print(f"INFO    -  Staged {len(changed)} changed files for Zensical", file=sys.stderr)
        except KeyboardInterrupt:
            pass
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m adapters.zensical")
    commands = parser.add_subparsers(dest="command", required=True)
    build_command = commands.add_parser("build", help="validate, stage and build the guide")
    build_command.add_argument("--site-dir", "-d", type=Path, default=Path(os.environ.get("GUIDE_SITE_DIR", "site")))
    serve_command = commands.add_parser("serve", help="serve the guide, restaging it on every save")
    serve_command.add_argument("--dev-addr", "-a", default="127.0.0.1:8000")
    args = parser.parse_args(argv)
    if args.command == "build":
        return build(args.site_dir)
    return serve(args.dev_addr)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
