"""``guidegen gh-deploy``: the strict, atomic build, then the site on the ``gh-pages`` branch.

``mkdocs gh-deploy`` builds without ``--strict`` and pushes whatever came
out. Here the site is built exactly as ``guidegen build`` builds it
(``deploy.publish``: strict, swapped in only when it built), and nothing is
committed or pushed unless that build succeeded. The branch is written by
MkDocs' own machinery, ``ghp-import`` (a dependency of MkDocs), called as
``mkdocs gh-deploy`` calls it: one commit holding the site and a
``.nojekyll`` (GitHub's Jekyll would drop folders that start with ``_``),
pushed to the remote.

GitHub Pages sends no headers of its own choosing: the policy reaches readers
through each page's ``<meta http-equiv="Content-Security-Policy">``
(``guidegen.csp``).
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from pathlib import Path

import ghp_import  # type: ignore[import-untyped]

from guidegen import __version__, deploy
from guidegen.project import Project

DEFAULT_MESSAGE = "Deployed {sha} with guidegen {version}"
DEFAULT_REMOTE = "origin"
DEFAULT_BRANCH = "gh-pages"


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)


def git_problem(root: Path, remote: str) -> str | None:
    """Why publishing from ``root`` cannot work, in words; None if it can."""
    try:
        inside = _git(root, "rev-parse", "--is-inside-work-tree")
    except FileNotFoundError:
        return "git is not installed (or not on PATH)"
    if inside.returncode != 0:
        return f"{root} is not in a git repository"
    if _git(root, "remote", "get-url", remote).returncode != 0:
        return f"the repository has no remote named '{remote}' (git remote add {remote} URL)"
    return None


def commit_message(root: Path, message: str | None) -> str:
    """The gh-pages commit's message; ``{sha}`` is the guide's own commit, ``{version}`` guidegen's."""
    sha = _git(root, "rev-parse", "--short", "HEAD").stdout.strip() or "(no commit)"
    return (message or DEFAULT_MESSAGE).format(sha=sha, version=__version__)


def gh_deploy(
    project: Project,
    engine_args: list[str],
    *,
    remote: str = DEFAULT_REMOTE,
    branch: str = DEFAULT_BRANCH,
    message: str | None = None,
    force: bool = False,
) -> int:
    """Build strict, then commit the site to ``branch`` and push it to ``remote``; nothing if the build fails."""
    problem = git_problem(project.root, remote)
    if problem:
        print(f"error: {problem}: nothing was built or published.", file=sys.stderr)
        return 2
    returncode = deploy.publish(project, False, engine_args)
    if returncode != 0:
        print(f"Nothing was published: the build failed, so '{branch}' on '{remote}' is as it was.", file=sys.stderr)
        return returncode
    site_dir = project.site_dir.resolve()
    text = commit_message(project.root, message)
    # ghp-import runs git in the current folder, as mkdocs gh-deploy does from the project's.
    with contextlib.chdir(project.root):
        try:
            ghp_import.ghp_import(
                str(site_dir), mesg=text, remote=remote, branch=branch, push=True, force=force, nojekyll=True
            )
        except ghp_import.GhpError as error:
            print(f"error: publishing to '{branch}' on '{remote}' failed: {error.message.strip()}", file=sys.stderr)
            return 1
    print(f"Published {site_dir} to '{branch}' on '{remote}' ({text}).", file=sys.stderr)
    return 0
