"""Zensical adapter: the generator as a step before ``zensical build`` and ``zensical serve``.

Zensical reads ``mkdocs.yml`` but runs no hooks, so the work the MkDocs hooks
do while MkDocs renders happens here, around Zensical, with the same core:

1. gather and validate the whole guide (``guidegen.loader``); any problem is
   reported exactly as the MkDocs build reports it, and nothing is built;
2. stage it (``guidegen.staging``) in a folder outside ``docs/``: the guide
   with every generated part in place, a configuration that inherits
   ``mkdocs.yml`` with the generated navigation, and the theme's ``main.html``,
   ``404.html`` and the generator's assets (not Material 9.8's partial copies in
   ``guidegen/theme/partials``, which do not fit Zensical's own templates, but
   this adapter's ``main.html`` and fixed copies of Zensical's own partials in
   ``guidegen/zensical/theme``);
3. run ``zensical build --strict`` on it;
4. do what the post-build hooks do: the security headers with the inline
   script hashes (``guidegen.csp``) and the hash of the stylesheet Zensical's
   search dialog inserts at run time, and the lean copies of the generator's own
   CSS and JavaScript and the minified pages (``guidegen.minify``).

Usage (run by ``guidegen build --engine zensical`` and ``guidegen serve --engine zensical``):
``python -m guidegen.zensical build [-f mkdocs.yml] --site-dir DIR`` and
``python -m guidegen.zensical serve [-f mkdocs.yml] [--dev-addr HOST:PORT]``.
"""

from __future__ import annotations

import argparse
import copy
import html
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Any

import markdown
import yaml

from guidegen import csp
from guidegen.headings import HeadingFinder
from guidegen.i18n import load_catalog, translate_toggles
from guidegen.loader import LoadResult, load_guide
from guidegen.minify import minify_folder, minify_pages
from guidegen.model import site_identity
from guidegen.navigation import build_nav
from guidegen.problems import summary_line
from guidegen.project import PLUGIN_NAME, ProjectError, find_config, plugin_settings
from guidegen.render import EXIT_STRINGS
from guidegen.staging import Site, Stager
from guidegen.themefiles import THEME_DIR as THEME

PACKAGE = Path(__file__).resolve().parent.parent
#: The adapter's main.html and its overrides of Zensical's partials (as guidegen/theme/partials holds Material's).
ZENSICAL_THEME = Path(__file__).resolve().parent / "theme"
#: What the staged theme takes from the generator's theme folder: Zensical has its own partials.
THEME_FILES = ("404.html", "assets")
#: Watched under `serve`: the generator's templates change the staged pages too.
WATCHED = (PACKAGE / "templates", THEME, ZENSICAL_THEME)
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


def project_config(config_file: Path) -> dict[str, Any]:
    return yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # a SafeLoader: nothing runs


def project_docs_dir(config: dict[str, Any], config_file: Path) -> Path:
    return (config_file.parent / str(config.get("docs_dir") or "docs")).resolve()


def _without_generator(plugins: object) -> object:
    """The plugin list Zensical gets: the generator's own entry is this adapter's work."""
    if not isinstance(plugins, list):
        return plugins
    return [
        item for item in plugins if item != PLUGIN_NAME and not (isinstance(item, dict) and list(item) == [PLUGIN_NAME])
    ]


def offline(config: dict[str, Any]) -> bool:
    """Whether Material's offline plugin is on (``GUIDE_OFFLINE``), which Zensical also has."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "offline" in plugin:
            return bool((plugin["offline"] or {}).get("enabled", True))
    return False


# -- the steps -----------------------------------------------------------------


class StagedBuild:
    """One staged guide: its folder, the project's settings and, once read, Zensical's view of them."""

    def __init__(self, stage: Path, config_file: Path, serving: bool = False, offline_edition: bool = False) -> None:
        self.stage = stage
        self.serving = serving
        self.config_file = config_file
        self.project = project_config(config_file)
        self.docs_dir = project_docs_dir(self.project, config_file)
        _, settings = plugin_settings(self.project)
        self.locales_dir = config_file.parent / str(settings["locales_dir"])
        self.offline = offline_edition or offline(self.project)
        self.offline_added = self.offline and not offline(self.project)
        # Read by write_config, which the first _parse below calls.
        self.language = os.environ.get("GUIDE_LANGUAGE") or str(self.project.get("theme", {}).get("language") or "en")
        self.catalog = load_catalog(self.language, None, self.locales_dir)
        self.config_path = stage / "mkdocs.yml"
        self.result: LoadResult | None = None  # the gathered guide, once read
        (stage / "docs").mkdir(parents=True, exist_ok=True)
        (stage / "theme").mkdir(parents=True, exist_ok=True)
        # Zensical's own reading of the configuration: the site's Markdown exactly as it renders pages.
        zensical_config = self._parse(nav=[])
        self.markdown = markdown.Markdown(
            extensions=zensical_config["markdown_extensions"], extension_configs=zensical_config["mdx_configs"]
        )
        self.site = Site(
            name=zensical_config["site_name"],
            url=zensical_config.get("site_url") or "",
            use_directory_urls=zensical_config["use_directory_urls"],
        )
        self.stager: Stager | None = None

    def _parse(self, nav: list[Any]) -> dict[str, Any]:
        from zensical.config import parse_config

        self.write_config(nav)
        return parse_config(str(self.config_path))

    def write_config(self, nav: list[Any]) -> None:
        """The staged configuration: mkdocs.yml with the staged folders and the generated navigation."""
        project = self.project
        staged = {key: value for key, value in project.items() if key not in ("hooks", "watch")}  # no hooks here
        if "plugins" in staged:
            staged["plugins"] = _without_generator(staged["plugins"])
        if self.offline_added:  # `guidegen build --offline` of a config that does not list the plugin
            staged["plugins"] = [*(staged.get("plugins") or ["search"]), {"offline": {"enabled": True}}]
        staged.update(docs_dir="docs", site_dir="site", nav=nav)
        if self.result is not None:  # named by the guide's own home page, as the MkDocs hook does
            # As the MkDocs plugin does: a site that names itself keeps its name.
            identity = site_identity(self.result.guide.settings, dict(os.environ))
            staged.update({key: value for key, value in identity.items() if not project.get(key)})
        staged["theme"] = {**project.get("theme", {}), "custom_dir": "theme", "language": self.language}
        if "palette" in staged["theme"]:
            staged["theme"]["palette"] = copy.deepcopy(staged["theme"]["palette"])
            translate_toggles(staged["theme"]["palette"], self.catalog)
        if self.offline:
            # As the MkDocs plugin does: the search worker's shim from the site itself, not
            # from a CDN, and no instant navigation, which cannot work from file://.
            features = staged["theme"].get("features") or []
            staged["theme"]["features"] = [name for name in features if not name.startswith("navigation.instant")]
            staged["extra"] = {**(project.get("extra") or {}), "polyfills": [WORKER_SHIM]}
        text = yaml.dump(staged, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True)
        self.config_path.write_text(text, encoding="utf-8")

    def gather(self) -> LoadResult:
        """Read and check the whole guide; report every problem as the MkDocs build does."""
        site_markdown = self.markdown
        finder = HeadingFinder(site_markdown, f"zensical-{id(site_markdown)}")
        result = load_guide(self.docs_dir, finder, self.language, self.locales_dir)
        # The author's own words (guide.strings, locales/), as the MkDocs plugin applies them.
        self.catalog = load_catalog(self.language, result.guide.settings.strings, self.locales_dir)
        for warning in result.warnings:
            print(f"WARNING -  {warning}", file=sys.stderr)
        for problem in sorted(result.problems):
            print(f"ERROR   -  {problem}", file=sys.stderr)
        if result.problems:
            then = "Fix them and save: the site rebuilds." if self.serving else NOTHING_BUILT
            print(f"ERROR   -  {summary_line(result.problems)} {then}", file=sys.stderr)
        self.result = result
        return result

    def write(self) -> list[str]:
        """Stage the configuration, theme and guide; returns the files that changed."""
        assert self.result is not None
        result = self.result
        self.write_config(build_nav(result.guide, self.docs_dir, result.unreadable, self.catalog))
        if not self.project.get("site_name"):
            self.site.name = site_identity(result.guide.settings, dict(os.environ)).get("site_name", self.site.name)
        self.write_theme()
        self.stager = Stager(result.guide, self.docs_dir, self._render, self.site, self.catalog)
        changed = self.stager.stage(self.stage / "docs", robots=not self.offline)
        return changed + drop_unreadable_front_matter(self.stage / "docs", changed)

    def _render(self, text: str) -> str:
        return self.markdown.reset().convert(text)

    def write_theme(self) -> None:
        """main.html and 404.html with the catalog's words written in (Zensical's templates cannot call
        the plugin's gg_t), the generator's assets and the adapter's fixed partials of Zensical's theme."""
        for name in THEME_FILES:
            source, target = THEME / name, self.stage / "theme" / name
            if source.is_dir():
                shutil.copytree(source, target, dirs_exist_ok=True)
            else:
                _write_if_changed(target, self._with_words(source.read_text(encoding="utf-8")))
        for source in sorted(path for path in ZENSICAL_THEME.rglob("*") if path.is_file()):
            target = self.stage / "theme" / source.relative_to(ZENSICAL_THEME)
            _write_if_changed(target, self._with_words(source.read_text("utf-8")))

    def _with_words(self, text: str) -> str:
        quick_exit = self.result is not None and self.result.guide.settings.quick_exit
        words = self.catalog.runtime_json(() if quick_exit else (EXIT_STRINGS,))
        text = _GG_STRINGS.sub(lambda match: _raw(words), text)
        return _GG_T.sub(lambda match: _raw(self.catalog.markup(match.group(1))), text)

    def post_build(self, site_dir: Path) -> None:
        """What the MkDocs hooks do once a page is rendered or the site built: heading backlinks,
        lean assets, the policy in every page, security headers (not offline: no header applies to file://)."""
        assert self.stager is not None and self.result is not None
        for block in self.result.guide.blocks:
            page = site_dir / self.stager.built_page(block.src_uri)
            page.write_text(self.stager.with_backlinks(page.read_text(encoding="utf-8"), block), encoding="utf-8")
        home = site_dir / self.stager.built_page("index.md")
        if home.is_file():
            home.write_text(self.stager.with_hero(home.read_text(encoding="utf-8")), encoding="utf-8")
        if not self.site.url:
            drop_rooted_canonicals(site_dir)
            write_relative_sitemap(site_dir)
        minify_folder(site_dir / "assets" / "guide")
        minify_pages(site_dir)
        if self.offline:
            print(f"INFO    -  {csp.OFFLINE_NOTE}", file=sys.stderr)  # no header applies to file://
            return
        found = csp.scan_site(site_dir)
        found.styles |= {csp.sha256_source(style) for style in runtime_styles(site_dir)}
        # In every page too, for hosts that send no headers (GitHub Pages, GitLab Pages, buckets).
        csp.add_meta_policy(site_dir, csp.content_security_policy(found))
        print(f"INFO    -  {csp.META_NOTE}", file=sys.stderr)
        headers = csp.security_headers(found)
        csp.write_header_files(site_dir, headers, self.site.url)
        styles, scripts = len(found.styles | found.style_attributes), len(found.scripts)
        print(f"INFO    -  Security headers: {scripts} inline script hashes, {styles} style hashes", file=sys.stderr)


class UnknownTheme(ValueError):
    """Zensical's theme is not the one this adapter was written for."""


#: Where Zensical 0.0.73's bundle puts its search dialog's stylesheet into a shadow root:
#: ``o.appendChild(C("style",{},Tc.toString()))`` (names change with each minified build).
_SHADOW_STYLE = re.compile(r"""\.appendChild\(\w+\("style",\{\},(\w+)(?:\.toString\(\))?\)\)""")
_JS_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"', "/": "/"}


def _js_string(source: str, name: str) -> str | None:
    """The value of ``var name='...'`` (or ``name="..."``) in minified JavaScript, unescaped."""
    match = re.search(rf"""(?<![\w$.]){re.escape(name)}=(['"])((?:\\.|(?!\1)[^\\])*)\1""", source)
    if match is None:
        return None
    escaped = match.group(2)

    def unescape(found: re.Match[str]) -> str:
        code = found.group(1)
        if code in _JS_ESCAPES:
            return _JS_ESCAPES[code]
        if len(code) > 1:  # \xHH or \uHHHH
            return chr(int(code[1:], 16))
        raise UnknownTheme(f"escape \\{code} in the theme's {name}")

    return re.sub(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)", unescape, escaped)


def runtime_styles(site_dir: Path) -> set[str]:
    """The CSS that Zensical's JavaScript puts into <style> elements at run time.

    Its search dialog lives in a shadow root with its own inline stylesheet, added on
    every page: a strict policy must list that text's hash as it lists the pages' inline
    scripts. It is read from the built bundle, so the hash follows the theme's version.
    """
    styles = set()
    for bundle in (site_dir / "assets" / "javascripts").glob("bundle.*.js"):
        source = bundle.read_text(encoding="utf-8")
        for match in _SHADOW_STYLE.finditer(source):
            text = _js_string(source, match.group(1))
            if text is None:
                raise UnknownTheme(f"{bundle.name}: the text of the style element {match.group(1)} was not found")
            styles.add(text)
        if "attachShadow" in source and not styles:
            raise UnknownTheme(f"{bundle.name} makes a shadow root but its stylesheet was not found")
    return styles


def drop_unreadable_front_matter(docs: Path, changed: list[str]) -> list[str]:
    """Under `serve` a page with a broken front-matter is staged as the author wrote it (its problem is
    already reported); Zensical's server stops with a traceback on front-matter that is not a mapping,
    so such a page is served without it. Returns the pages rewritten."""
    rewritten = []
    for src_uri in changed:
        page = docs / src_uri
        if not src_uri.endswith(".md") or not page.is_file():
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        if not text.startswith("---"):
            continue
        end = text.find("\n---", 3)
        try:
            front = yaml.safe_load(text[3:end]) if end != -1 else None
        except yaml.YAMLError:
            front = None
        if isinstance(front, dict):
            continue
        body = text[end + 4 :].split("\n", 1)[-1] if end != -1 else text.split("\n", 1)[-1]
        page.write_text(body, encoding="utf-8")
        rewritten.append(src_uri)
    return rewritten


_ROOTED_CANONICAL = re.compile(r'<link rel="canonical" href="/[^"]*">\n?')


def drop_rooted_canonicals(site_dir: Path) -> None:
    """Without a site_url Zensical still writes ``<link rel="canonical" href="/path/">``, from the server
    root: wrong under a subfolder or file://. MkDocs writes none then; neither do we."""
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        kept = _ROOTED_CANONICAL.sub("", html)
        if kept != html:
            page.write_text(kept, encoding="utf-8")


def write_relative_sitemap(site_dir: Path) -> None:
    """Without a site_url Zensical's sitemap.xml has no usable address (rooted at the server, or none),
    so its instant navigation falls back to full page loads. theme/sitemap.xml's form instead: each
    page relative to the site's root ("./part-1/honesty/"), which instant.js resolves at run time."""
    folders = sorted(page.parent.relative_to(site_dir).as_posix() for page in site_dir.rglob("index.html"))
    entries = "".join(
        f"    <url>\n         <loc>{html.escape('./' if folder == '.' else f'./{folder}/')}</loc>\n    </url>\n"
        for folder in folders
    )
    text = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NAMESPACE}">\n{entries}</urlset>\n'
    (site_dir / "sitemap.xml").write_text(text, encoding="utf-8")


SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
_GG_STRINGS = re.compile(r"\{\{\s*gg_strings\s*\}\}")
_GG_T = re.compile(r"\{\{\s*gg_t\(\s*['\"]([\w.]+)['\"]\s*\)\s*\}\}")


def _raw(text: str) -> str:
    # Written into a template: whatever the words hold stays text, never template syntax.
    return "{% raw %}" + text + "{% endraw %}"


def _write_if_changed(path: Path, text: str) -> None:
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def zensical(*args: str) -> list[str]:
    return [sys.executable, "-m", "zensical", *args]


def build(site_dir: Path, config_file: Path, offline_edition: bool = False) -> int:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".zensical-stage-", dir=site_dir.parent) as workdir:
        staged = StagedBuild(Path(workdir), config_file, offline_edition=offline_edition)
        result = staged.gather()
        if result.problems:
            return 1
        if result.warnings:  # this build is strict, like the MkDocs one
            count = len(result.warnings)
            print(
                f"ERROR   -  Aborted with {count} warning{'s' if count != 1 else ''} in strict mode.", file=sys.stderr
            )
            return 1
        staged.write()
        built = subprocess.run(zensical("build", "--strict", "--config-file", str(staged.config_path)), cwd=workdir)
        if built.returncode != 0:
            return built.returncode
        try:
            staged.post_build(Path(workdir) / "site")
        except csp.UnsafeMarkup as error:
            print(f"ERROR   -  {error}: a strict Content-Security-Policy cannot allow it.", file=sys.stderr)
            return 1
        except UnknownTheme as error:
            version = metadata.version("zensical")
            print(f"ERROR   -  {error}: no security headers for Zensical {version}.", file=sys.stderr)
            return 1
        if site_dir.exists():
            shutil.rmtree(site_dir)
        (Path(workdir) / "site").rename(site_dir)
    return 0


def _snapshot(folders: tuple[Path, ...]) -> dict[str, float]:
    return {
        str(path): path.stat().st_mtime
        for folder in folders
        if folder.exists()
        for path in folder.rglob("*")
        if path.is_file()
    }


def serve(dev_addr: str, config_file: Path) -> int:
    """Stage, run `zensical serve` on the staged guide, and restage whenever the guide changes.

    Problems are reported and the rest of the guide keeps being served, as under `mkdocs serve`.
    Zensical builds the served pages itself, so the post-build steps (heading backlinks, lean
    assets, headers) are left out of what it serves.
    """
    # Stopped with SIGTERM (a test, a terminal closing): still stop the server in `finally`.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(0))
    with tempfile.TemporaryDirectory(prefix="gg-zensical-serve-") as workdir:
        staged = StagedBuild(Path(workdir), config_file, serving=True)
        watched = (staged.docs_dir, staged.locales_dir, *WATCHED)
        seen = _snapshot(watched)
        staged.gather()
        staged.write()
        command = zensical("serve", "--config-file", str(staged.config_path), "--dev-addr", dev_addr)
        server = subprocess.Popen(command, cwd=workdir)
        try:
            while server.poll() is None:
                time.sleep(0.2)
                now = _snapshot(watched)
                if now == seen:
                    continue
                seen = now
                staged.gather()
                changed = staged.write()
                print(f"INFO    -  Staged {len(changed)} changed files for Zensical", file=sys.stderr)
        except KeyboardInterrupt:
            pass
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m guidegen.zensical")
    commands = parser.add_subparsers(dest="command", required=True)
    build_command = commands.add_parser("build", help="validate, stage and build the guide")
    build_command.add_argument("--config-file", "-f", type=Path, default=None)
    build_command.add_argument("--site-dir", "-d", type=Path, default=Path(os.environ.get("GUIDE_SITE_DIR", "site")))
    build_command.add_argument("--offline", action="store_true", help="the offline edition (Material's offline plugin)")
    serve_command = commands.add_parser("serve", help="serve the guide, restaging it on every save")
    serve_command.add_argument("--config-file", "-f", type=Path, default=None)
    serve_command.add_argument("--dev-addr", "-a", default="127.0.0.1:8000")
    args = parser.parse_args(argv)
    try:
        config_file = find_config(args.config_file)
    except ProjectError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.command == "build":
        return build(args.site_dir, config_file, args.offline)
    return serve(args.dev_addr, config_file)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
