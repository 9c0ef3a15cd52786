"""The generator without installing it: MkDocs' events handed to the plugin class ``plugins: [guidegen]`` uses.

For a copy of the generator's repository (``hooks: [hooks/guide.py]`` in its mkdocs.yml, with the
checkout importable: ``python -m mkdocs`` from its root, or ``scripts/*``, which install it editable).
Installed authors list the plugin instead; both run the same code (tests/test_plugin.py builds both).
"""

from guidegen.plugin import hook_events

globals().update(hook_events())
