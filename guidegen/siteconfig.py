"""The site's Markdown configuration, read from mkdocs.yml without importing MkDocs.

``scripts/check`` must find the same headings as the build, so it renders block
bodies with the extensions the build uses. This reads ``markdown_extensions`` the
way MkDocs 1.6 does (its YAML loader with the ``!ENV`` tag, the built-in
``toc``, ``tables`` and ``fenced_code`` first, one-key mappings for options); the
hook passes MkDocs' own parsed config instead, and a test holds the two equal.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import yaml
import yaml_env_tag

#: This repository's own mkdocs.yml (the shipped guide's), for its tests; commands name the author's.
CONFIG_FILE = Path(__file__).resolve().parent.parent / "mkdocs.yml"
# What MkDocs always loads before the listed extensions (mkdocs.config.defaults).
BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")


class _Loader(yaml.Loader):
    """MkDocs' loader: PyYAML's full loader (for ``!!python/name:``) plus ``!ENV``."""


_Loader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)


class SiteConfigError(Exception):
    """mkdocs.yml cannot be read for its Markdown configuration."""


def read_config(config_file: Path) -> dict[str, object]:
    """mkdocs.yml as MkDocs' YAML loader reads it (``!ENV`` resolved)."""
    try:
        with config_file.open(encoding="utf-8") as stream:
            config = yaml.load(stream, Loader=_Loader)
    except (OSError, yaml.YAMLError) as error:
        raise SiteConfigError(f"cannot read {config_file}: {error}") from error
    return config if isinstance(config, dict) else {}


def site_language(config_file: Path = CONFIG_FILE) -> str:
    """The guide's language as the build sees it: Material's ``theme.language`` (``GUIDE_LANGUAGE``)."""
    theme = read_config(config_file).get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    return str(language or "en")


def markdown_config(config_file: Path = CONFIG_FILE) -> tuple[list[str], dict[str, dict[str, object]]]:
    """(extension names, their options), as MkDocs' ``markdown_extensions`` and ``mdx_configs``."""
    config = read_config(config_file)
    listed = config.get("markdown_extensions") or []
    items = list(listed.items()) if isinstance(listed, dict) else [_one(item) for item in listed]
    names: list[str] = list(BUILTIN_EXTENSIONS)
    options: dict[str, dict[str, object]] = {}
    for name, option in items:
        if name not in names:
            names.append(name)
        if option:
            options[name] = option
    return names, options


def _one(item: object) -> tuple[str, dict[str, object] | None]:
    if isinstance(item, str):
        return item, None
    if isinstance(item, dict) and len(item) == 1:
        name, option = next(iter(item.items()))
        return str(name), option
    raise SiteConfigError(f"markdown_extensions: cannot read {item!r}")


def site_markdown(config_file: Path = CONFIG_FILE) -> tuple[markdown.Markdown, str]:
    """A Markdown instance configured as the site's pages are, and a key naming that configuration."""
    names, options = markdown_config(config_file)
    return markdown.Markdown(extensions=names, extension_configs=options), config_key(names, options)


def config_key(names: list[object], options: dict[str, dict[str, object]]) -> str:
    """Names one Markdown configuration, for caching what it renders within one process."""
    return repr((names, sorted(options.items())))
