"""Which icons and templates the theme has: Material's own and the generator's theme folder.

Plain Python: Material's folder is found without importing it (or MkDocs).
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path

#: The generator's theme folder: put behind a site's own custom_dir by the plugin.
THEME_DIR = Path(__file__).resolve().parent / "theme"
_ICON_NAME = re.compile(r"^[a-z0-9-]+(?:/[a-z0-9-]+)+$")
_TEMPLATE_NAME = re.compile(r"^[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*\.html$")


@cache
def material_templates() -> Path | None:
    """Material's own templates folder, found without importing Material."""
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    found = [Path(location) / "templates" for location in spec.submodule_search_locations]
    return next((folder for folder in found if folder.is_dir()), None)


@cache
def _template_dirs() -> tuple[Path, ...]:
    found = [THEME_DIR, material_templates()]
    return tuple(folder for folder in found if folder is not None and folder.is_dir())


def find_icon(name: str) -> bool:
    """Whether ``name`` (e.g. "material/leaf") is an icon the theme can include."""
    return bool(_ICON_NAME.match(name)) and any((d / ".icons" / f"{name}.svg").is_file() for d in _template_dirs())


def similar_icons(name: str) -> list[str]:
    """Icons in the same set as ``name``, for a "did you mean" hint."""
    icon_set = name.split("/", 1)[0]
    if not re.fullmatch(r"[a-z0-9-]+", icon_set):
        return []
    return sorted(
        f"{icon_set}/{path.stem}" for d in _template_dirs() for path in (d / ".icons" / icon_set).glob("*.svg")
    )


def find_template(name: str) -> bool:
    return bool(_TEMPLATE_NAME.match(name)) and any((d / name).is_file() for d in _template_dirs())
