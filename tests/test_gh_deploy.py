"""`guidegen gh-deploy`: the strict build, then the gh-pages branch pushed; nothing when the build fails.

A real guide repository (written by `guidegen new`, committed, pushed to a
local bare repository standing in for GitHub) runs the installed command in
its own folder, as an author would.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from guidegen import __version__
from tests.helpers import author_env
from tests.test_new_guide import fill_in
from tests.test_plugin import guidegen

IDENTITY = {
    "GIT_AUTHOR_NAME": "Author",
    "GIT_AUTHOR_EMAIL": "author@example.org",
    "GIT_COMMITTER_NAME": "Author",
    "GIT_COMMITTER_EMAIL": "author@example.org",
}


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=cwd, env=author_env(**IDENTITY), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def remote_branch(remote: Path, branch: str = "gh-pages") -> str:
    """The branch's commit in the bare repository, "" when it has none."""
    return subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"],
        cwd=remote,
        capture_output=True,
        text=True,
    ).stdout.strip()


@pytest.fixture
def repository(tmp_path: Path) -> tuple[Path, Path]:
    """(the guide's clone, the bare repository it pushes to), the guide committed and pushed."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    assert guidegen(tmp_path, "new", "my-guide").returncode == 0
    guide = tmp_path / "my-guide"
    fill_in(guide / "docs")  # the author's own words in place of the skeleton's placeholders
    git(guide, "init", "--quiet", "--initial-branch", "main")
    git(guide, "config", "user.name", "Author")  # ghp-import commits with the repository's identity
    git(guide, "config", "user.email", "author@example.org")
    git(guide, "add", ".")
    git(guide, "commit", "--quiet", "-m", "A new guide")
    git(guide, "remote", "add", "origin", str(remote))
    git(guide, "push", "--quiet", "origin", "main")
    return guide, remote


def _break_the_block(guide: Path) -> None:
    block = guide / "docs" / "part-1" / "the-first-building-block.md"
    block.write_text(block.read_text(encoding="utf-8").replace("order: 1", "order: first"), encoding="utf-8")


def test_publishes_a_strict_build_to_gh_pages(repository: tuple[Path, Path]) -> None:
    guide, remote = repository
    result = guidegen(guide, "gh-deploy")
    assert result.returncode == 0, result.stderr
    sha = git(guide, "rev-parse", "--short", "HEAD").strip()
    message = f"Deployed {sha} with guidegen {__version__}"
    assert f"Published {guide / 'site'} to 'gh-pages' on 'origin' ({message})." in result.stderr
    published = git(remote, "ls-tree", "-r", "--name-only", "gh-pages").splitlines()
    assert {"index.html", ".nojekyll", "404.html", "part-1/the-first-building-block/index.html"} <= set(published)
    assert git(remote, "log", "-1", "--format=%s", "gh-pages").strip() == message
    # The policy travels in the pages: GitHub Pages sends no headers of the guide's choosing.
    home = git(remote, "show", "gh-pages:index.html")
    assert '<meta http-equiv="Content-Security-Policy" content="default-src ' in home
    # What was pushed is exactly what the strict build wrote.
    assert home == (guide / "site" / "index.html").read_text(encoding="utf-8")
    assert git(remote, "rev-parse", "main") == git(guide, "rev-parse", "HEAD")  # the source branch untouched


def test_a_broken_block_publishes_nothing_and_says_why(repository: tuple[Path, Path]) -> None:
    guide, remote = repository
    _break_the_block(guide)
    result = guidegen(guide, "gh-deploy")
    assert result.returncode == 1
    assert "ERROR   -  docs/part-1/the-first-building-block.md:" in result.stderr
    assert "Nothing was published: the build failed, so 'gh-pages' on 'origin' is as it was." in result.stderr
    assert remote_branch(remote) == ""
    assert not (guide / "site").exists()


def test_a_broken_block_after_a_deploy_leaves_the_published_site_as_it_was(repository: tuple[Path, Path]) -> None:
    guide, remote = repository
    assert guidegen(guide, "gh-deploy", "--message", "First {sha}").returncode == 0
    published = remote_branch(remote)
    assert published
    _break_the_block(guide)
    result = guidegen(guide, "gh-deploy")
    assert result.returncode == 1
    assert "Nothing was published" in result.stderr
    assert remote_branch(remote) == published


def test_another_remote_and_branch(repository: tuple[Path, Path], tmp_path: Path) -> None:
    guide, _ = repository
    mirror = tmp_path / "mirror.git"
    git(tmp_path, "init", "--quiet", "--bare", str(mirror))
    git(guide, "remote", "add", "mirror", str(mirror))
    result = guidegen(guide, "gh-deploy", "--remote", "mirror", "--branch", "pages", "-m", "Site of {sha}")
    assert result.returncode == 0, result.stderr
    assert "index.html" in git(mirror, "ls-tree", "--name-only", "pages").splitlines()
    assert git(mirror, "log", "-1", "--format=%s", "pages").startswith("Site of ")


def test_no_remote_or_no_repository_is_said_before_building(repository: tuple[Path, Path], tmp_path: Path) -> None:
    guide, _ = repository
    result = guidegen(guide, "gh-deploy", "--remote", "upstream")
    assert (result.returncode, result.stderr) == (
        2,
        "error: the repository has no remote named 'upstream' (git remote add upstream URL): "
        "nothing was built or published.\n",
    )
    assert not (guide / "site").exists()
    assert guidegen(tmp_path, "new", "loose").returncode == 0
    loose = guidegen(tmp_path / "loose", "gh-deploy")
    assert loose.returncode == 2
    assert loose.stderr == f"error: {tmp_path / 'loose'} is not in a git repository: nothing was built or published.\n"
