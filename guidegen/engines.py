"""The engines that can build a guide, and how to run each one.

``GUIDE_ENGINE`` chooses one: ``mkdocs`` (the default: MkDocs 1.6 with
Material), ``properdocs`` (the maintained fork of MkDocs 1.6, same
``mkdocs.yml``, same hooks) or ``zensical`` (Material's successor, which runs
no hooks: the generator stages the guide for it, see ``guidegen/staging.py``).

MkDocs runs from the shared ``.venv``; each other engine has its own virtual
environment (``.venv-<engine>``) installed from ``requirements-<engine>.txt``
by ``scripts/_setup.sh`` on first use, so that no engine's packages can leak
into another's build.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV_VAR = "GUIDE_ENGINE"
DEFAULT = "mkdocs"


@dataclass(frozen=True)
class Engine:
    name: str
    #: The Python package that is the engine (also its ``python -m`` module).
    package: str
    #: Its own virtual environment under the repository root; None: the shared .venv.
    venv: str | None
    #: The theme package whose version the built pages name beside the engine's.
    theme_package: str | None

    @property
    def requirements(self) -> Path:
        return ROOT / (f"requirements-{self.name}.txt" if self.venv else "requirements.txt")

    def python(self) -> Path:
        """The interpreter that runs this engine."""
        if self.venv is None:
            shared = ROOT / ".venv" / "bin" / "python"
            return shared if shared.exists() else Path(sys.executable)
        return ROOT / self.venv / "bin" / "python"

    def installed(self) -> bool:
        return self.python().exists()

    def _site_packages(self) -> list[str]:
        found = sorted((ROOT / (self.venv or ".venv")).glob("lib/python3*/site-packages"))
        # Not in the project's venv (e.g. a system install running the hooks): wherever this Python finds it.
        return [str(path) for path in found] if found else sys.path

    def version(self, package: str | None = None) -> str:
        """The installed version of the engine (or of ``package``) in the engine's environment."""
        wanted = package or self.package
        for dist in metadata.distributions(path=self._site_packages()):
            if (dist.metadata["Name"] or "").lower().replace("_", "-") == wanted.lower():
                return dist.version
        return "unknown"

    def generator(self) -> str:
        """What ``<meta name="generator">`` says, e.g. ``properdocs-1.6.7, mkdocs-material-9.8.1``."""
        parts = [f"{self.name}-{self.version()}"]
        if self.theme_package:
            parts.append(f"{self.theme_package}-{self.version(self.theme_package)}")
        return ", ".join(parts)

    def describe(self) -> str:
        """One line for the terminal: the engine and its version (and the theme's)."""
        line = f"Engine: {self.name} {self.version()}"
        if self.theme_package:
            line += f" with {self.theme_package} {self.version(self.theme_package)}"
        return line

    def command(self, *args: str) -> list[str]:
        """``python -m <engine> <args>`` in the engine's own environment."""
        return [str(self.python()), "-m", self.package, *args]


ENGINES = {
    "mkdocs": Engine("mkdocs", "mkdocs", None, "mkdocs-material"),
    "properdocs": Engine("properdocs", "properdocs", ".venv-properdocs", "mkdocs-material"),
    # Zensical ships its own theme (Material's successor), so its version alone names the build.
    "zensical": Engine("zensical", "zensical", ".venv-zensical", None),
}


class UnknownEngine(ValueError):
    pass


def selected(environ: dict[str, str] | os._Environ[str] | None = None) -> Engine:
    """The engine ``GUIDE_ENGINE`` names (MkDocs when unset)."""
    name = (environ if environ is not None else os.environ).get(ENV_VAR, "").strip().lower() or DEFAULT
    if name not in ENGINES:
        raise UnknownEngine(f"{ENV_VAR}={name!r} is not an engine: use one of {', '.join(ENGINES)}")
    return ENGINES[name]


def running() -> Engine:
    """The engine this process runs in (for hooks): ProperDocs serves ``mkdocs`` imports as itself."""
    import mkdocs  # only hooks call this, and they run inside an engine

    return ENGINES["properdocs"] if mkdocs.__name__ == "properdocs" else ENGINES["mkdocs"]
