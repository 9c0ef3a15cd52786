"""guidegen: educational microsites (parts, building blocks, checklists, quizzes) on MkDocs and Material.

The package's core (contract, validation, model, cross-links, rendering,
catalogs, policy, deploy) never imports an engine; ``guidegen.plugin`` is the
MkDocs/ProperDocs adapter, ``guidegen.zensical`` the Zensical step and
``guidegen.cli`` the command. Templates, the theme layer, catalogs and the
JSON Schema are package data.
"""

from importlib import metadata

try:
    __version__ = metadata.version("guidegen")
except metadata.PackageNotFoundError:  # a checkout used through hooks/ without installing
    __version__ = "0+unknown"
