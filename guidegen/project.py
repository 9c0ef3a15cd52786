"""A guide's folder as every command sees it: one function reads its ``mkdocs.yml``.

The author's folder is the unit: its ``mkdocs.yml`` holds all a build needs
(language, address, the plugin's settings), and every path in it resolves from
the folder that holds it, exactly as MkDocs resolves ``docs_dir``. ``check``,
``build``, ``serve`` and ``new-block`` all call :func:`load_project`, so they
read the same guide from wherever they are run.

Environment variables may override a setting (``GUIDE_LANGUAGE``,
``GUIDE_SITE_DIR``, ``GUIDE_DIST_DIR``), never be needed. Plain Python: MkDocs
is not imported (its YAML loader is: ``!ENV`` and ``!!python/name:`` read as
MkDocs reads them).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from guidegen.siteconfig import SiteConfigError, markdown_config, read_config

#: What every command reads when no ``-f/--config-file`` is given: the working folder's mkdocs.yml.
DEFAULT_CONFIG = "mkdocs.yml"
PLUGIN_NAME = "guidegen"
ENGINES = ("mkdocs", "properdocs", "zensical")
#: The plugin's settings and their defaults (``guidegen/plugin/config.py`` declares the same for MkDocs).
PLUGIN_DEFAULTS: dict[str, object] = {"locales_dir": "locales", "engine": "mkdocs", "dist_dir": "dist", "languages": []}
#: A language code as a multilingual guide names its folders (``docs/<code>/``): Material's theme.language codes.
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


class ProjectError(Exception):
    """A configuration the commands cannot use, worded for the author."""


@dataclass(frozen=True)
class Project:
    """Everything a command needs to know about one guide folder, every path absolute."""

    config_file: Path
    docs_dir: Path
    site_dir: Path
    dist_dir: Path
    #: The guide's own catalogs (``locales/<language>.yml`` beside mkdocs.yml by default).
    locales_dir: Path
    language: str
    engine: str
    site_url: str = ""
    #: Whether mkdocs.yml lists Material's offline plugin itself (then ``GUIDE_OFFLINE`` switches it on).
    offline_plugin: bool = False
    #: Whether the generator is listed as a plugin, or run through hooks of a generator checkout.
    uses_plugin: bool = False
    extensions: list[str] = field(default_factory=list)
    extension_options: dict[str, dict[str, object]] = field(default_factory=dict)
    #: A multilingual guide's languages (the plugin's ``languages``), the default first; empty for one language.
    #: Each language's content is the complete guide folder ``docs_dir/<language>``.
    languages: tuple[str, ...] = ()

    @property
    def root(self) -> Path:
        return self.config_file.parent

    @property
    def default_language(self) -> str:
        return self.languages[0] if self.languages else self.language

    def language_docs(self, language: str) -> Path:
        """The guide folder of one language: ``docs_dir/<language>`` in a multilingual guide."""
        return self.docs_dir / language if self.languages else self.docs_dir


def find_config(config_file: str | Path | None = None) -> Path:
    """The config file a command reads: the one named, else ./mkdocs.yml."""
    path = Path(config_file or DEFAULT_CONFIG)
    if not path.is_file():
        if config_file is None:
            raise ProjectError(
                f"no {DEFAULT_CONFIG} in {Path.cwd()}: run this in a guide's folder, or name its config "
                "with -f/--config-file (guidegen new DIR writes a new guide)"
            )
        raise ProjectError(f"{path}: no such config file")
    return path.absolute()


def plugin_settings(config: Mapping[str, object]) -> tuple[bool, dict[str, object]]:
    """(whether the generator is a listed plugin, its settings with defaults filled in)."""
    settings = dict(PLUGIN_DEFAULTS)
    listed = False
    for entry in _plugin_entries(config):
        name, options = entry
        if name == PLUGIN_NAME:
            listed = True
            if isinstance(options, dict):
                settings.update(options)
    return listed, settings


def _plugin_entries(config: Mapping[str, object]) -> list[tuple[str, object]]:
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        return [(str(name), options) for name, options in plugins.items()]
    entries: list[tuple[str, object]] = []
    for item in plugins if isinstance(plugins, list) else []:
        if isinstance(item, str):
            entries.append((item, None))
        elif isinstance(item, dict) and len(item) == 1:
            name, options = next(iter(item.items()))
            entries.append((str(name), options))
    return entries


def _resolve(root: Path, value: object, default: str) -> Path:
    path = Path(str(value or default))
    return path if path.is_absolute() else root / path


def load_project(
    config_file: str | Path | None = None, environ: Mapping[str, str] | None = None, engine: str | None = None
) -> Project:
    """Read a guide folder's mkdocs.yml: every path relative to it, the settings that apply."""
    environ = os.environ if environ is None else environ
    path = find_config(config_file)
    try:
        config = read_config(path)
        extensions, options = markdown_config(path)
    except SiteConfigError as error:
        raise ProjectError(str(error)) from error
    root = path.parent
    listed, settings = plugin_settings(config)
    theme = config.get("theme")
    theme = theme if isinstance(theme, dict) else {}
    language = environ.get("GUIDE_LANGUAGE") or str(theme.get("language") or "en")
    chosen = (engine or environ.get("GUIDE_ENGINE") or str(settings.get("engine") or "mkdocs")).strip().lower()
    if chosen not in ENGINES:
        raise ProjectError(f"'{chosen}' is not an engine: use one of {', '.join(ENGINES)}")
    offline = any(name in ("offline", "material/offline") for name, _ in _plugin_entries(config))
    languages = _languages(settings.get("languages"))
    if languages:
        language = languages[0]
    return Project(
        config_file=path,
        docs_dir=_resolve(root, config.get("docs_dir"), "docs"),
        site_dir=_resolve(root, environ.get("GUIDE_SITE_DIR") or config.get("site_dir"), "site"),
        dist_dir=_resolve(root, environ.get("GUIDE_DIST_DIR") or settings.get("dist_dir"), "dist"),
        locales_dir=_resolve(root, settings.get("locales_dir"), "locales"),
        language=language,
        engine=chosen,
        site_url=str(config.get("site_url") or ""),
        offline_plugin=offline,
        uses_plugin=listed,
        extensions=extensions,
        extension_options=options,
        languages=languages,
    )


def _languages(value: object) -> tuple[str, ...]:
    """The plugin's ``languages``: codes, each once, the default first; a mistake is named."""
    if value in (None, [], ""):
        return ()
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ProjectError("the guidegen plugin's languages must be a list of language codes, e.g. [en, es, ar]")
    codes = [code.strip() for code in value]
    wrong = [code for code in codes if not LANGUAGE_CODE.match(code)]
    if wrong:
        raise ProjectError(f"languages: '{wrong[0]}' is not a language code (e.g. en, es, pt-BR)")
    repeated = sorted({code for code in codes if codes.count(code) > 1})
    if repeated:
        raise ProjectError(f"languages: '{repeated[0]}' is listed twice")
    return tuple(codes)
