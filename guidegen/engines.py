"""The engines that can build a guide, and how to run each one.

The plugin's ``engine`` setting in mkdocs.yml, ``--engine`` or ``GUIDE_ENGINE``
chooses one: ``mkdocs`` (the default: MkDocs 1.6 with Material),
``properdocs`` (the maintained fork of MkDocs 1.6, same ``mkdocs.yml``, same
plugin) or ``zensical`` (Material's successor, which runs no plugins: the
generator stages the guide for it, see ``guidegen/staging.py``).

Installed, every engine runs in the Python that runs ``guidegen`` (install it
there: ``pip install 'guidegen[zensical]'``). In a checkout of the generator's
repository MkDocs runs from the shared ``.venv`` and each other engine from its
own virtual environment (``.venv-<engine>``, installed from
``requirements-<engine>.txt`` by ``scripts/_setup.sh`` on first use), so that no
engine's packages can leak into another's build.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Whether this is the generator's own repository (its requirements files beside the package), not an install.
SOURCE_CHECKOUT = (ROOT / "requirements.txt").is_file() and (ROOT / "hooks").is_dir()
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
        """The interpreter that runs this engine: its own venv in the generator's repository, else this one."""
        if SOURCE_CHECKOUT:
            own = ROOT / (self.venv or ".venv") / "bin" / "python"
            if own.exists() or self.venv is not None:
                return own
        return Path(sys.executable)

    def installed(self) -> bool:
        python = self.python()
        if not python.exists():
            return False
        if python != Path(sys.executable):
            return True  # a venv of this repository, made for this engine
        return importlib.util.find_spec(self.package) is not None

    def not_installed(self) -> str:
        """What to do when this engine is missing, worded for where the generator runs."""
        if SOURCE_CHECKOUT and self.venv is not None:
            where = ROOT / self.venv
            return f"{self.name} is not installed in {where}: GUIDE_ENGINE={self.name} scripts/build installs it"
        return f"{self.name} is not installed for {sys.executable}: pip install 'guidegen[{self.name}]'"

    def _site_packages(self) -> list[str]:
        if self.python() == Path(sys.executable):
            return sys.path
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
