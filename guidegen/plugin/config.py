"""The plugin's settings in mkdocs.yml, typed as MkDocs checks them (Material's blog plugin is the model).

    plugins:
      - search
      - guidegen:
          locales_dir: locales   # the guide's own catalogs, beside mkdocs.yml
          engine: mkdocs         # what `guidegen build` and `serve` run: mkdocs, properdocs or zensical
          dist_dir: dist         # where `guidegen build --offline` writes the offline edition
          languages: [en, es]    # a multilingual guide: docs/en/, docs/es/ (the first is the default)

``guidegen/project.py`` reads the same keys without MkDocs, for the CLI and ``check``.
"""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

from guidegen.project import ENGINES, PLUGIN_DEFAULTS


class GuideConfig(Config):
    enabled = opt.Type(bool, default=True)
    locales_dir = opt.Type(str, default=str(PLUGIN_DEFAULTS["locales_dir"]))
    engine = opt.Choice(ENGINES, default=str(PLUGIN_DEFAULTS["engine"]))
    dist_dir = opt.Type(str, default=str(PLUGIN_DEFAULTS["dist_dir"]))
    #: A multilingual guide: its languages, the default first, each in docs/<language>/ (guidegen/multilingual.py).
    languages = opt.ListOfItems(opt.Type(str), default=[])
