"""The MkDocs and ProperDocs adapter: ``plugins: [guidegen]``, or the ``hooks/`` shim of a generator checkout."""

from __future__ import annotations

from typing import Any

from guidegen.plugin.plugin import GuidePlugin

__all__ = ["GuidePlugin", "hook_events"]


def hook_events() -> dict[str, Any]:
    """One plugin's events as module-level hooks: ``globals().update(hook_events())`` in a hooks/ file.

    MkDocs registers every ``on_*`` attribute of a hook module as it does a plugin's, priorities
    included, so a hook and ``plugins: [guidegen]`` run the same code with the same defaults.
    """
    plugin = GuidePlugin()
    errors, _warnings = plugin.load_config({})
    if errors:
        raise RuntimeError(f"guidegen's default settings do not validate: {errors}")
    return {name: getattr(plugin, name) for name in dir(plugin) if name.startswith("on_")}
