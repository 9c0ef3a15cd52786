"""Build into a fresh folder and swap it in only on success.

A failed or killed build never leaves the live output folder empty or
half-written: the new site is built beside it and exchanged atomically
(``renameat2(RENAME_EXCHANGE)`` on Linux, two renames elsewhere).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(first: Path, second: Path) -> bool:
    """Atomically swap two paths; False if the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return result == 0


def swap_in(new_site: Path, site_dir: Path) -> None:
    """Make ``new_site`` the live ``site_dir``; the old one is removed afterwards."""
    if not site_dir.exists():
        new_site.rename(site_dir)
        return
    if exchange(new_site, site_dir):
        shutil.rmtree(new_site)  # now holds the previous site
        return
    retired = site_dir.with_name(f".{site_dir.name}.old")
    shutil.rmtree(retired, ignore_errors=True)
    site_dir.rename(retired)
    new_site.rename(site_dir)
    shutil.rmtree(retired, ignore_errors=True)


def build(site_dir: Path, mkdocs_args: list[str]) -> int:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{site_dir.name}.building-", dir=site_dir.parent) as workdir:
        new_site = Path(workdir) / site_dir.name
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(new_site), *mkdocs_args]
        result = subprocess.run(command, check=False)
        if result.returncode != 0:
            print(f"Build failed: {site_dir} was left as it was.", file=sys.stderr)
            return result.returncode
        swap_in(new_site, site_dir)
    print(f"Built {site_dir}", file=sys.stderr)
    return 0


def main(argv: list[str]) -> int:
    site_dir = Path(os.environ.get("GUIDE_SITE_DIR", "site"))
    return build(site_dir, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
