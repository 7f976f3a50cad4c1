"""Where an option set comes from in git: its version stamp, its date, older revisions.

git is read through the ``git`` command. Where git or the repository is missing,
rendering still works: the stamp says "not under version control" and dates fall back
to the memo's own date, so output stays reproducible. A file never committed (also in a
repository with no commit yet) is stamped "not committed yet".
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from briefgen.errors import BriefgenError


class GitError(BriefgenError):
    """git is missing, the folder is no repository, or a revision does not exist."""


@dataclass(frozen=True)
class Revision:
    """A commit: its full and short ids and its committer date."""

    sha: str
    short: str
    date: datetime


@dataclass(frozen=True)
class Version:
    """Where one option set file stands in git.

    Attributes:
        path: the file relative to the repository root (POSIX), or None outside a repo.
        commit: the last commit that touched the file, or None.
        state: ``committed`` (same as that commit), ``modified`` (uncommitted changes),
            ``untracked`` (never committed, or the repository has no commit yet) or
            ``unversioned`` (no repository or no git).
    """

    path: str | None
    commit: Revision | None
    state: str

    @property
    def stamp(self) -> str:
        """The line printed on the memo, e.g. ``options/x.yaml @ 1a2b3c4 (2008-12-09)``."""
        if self.state == "unversioned" or self.path is None:
            return "not under version control"
        if self.commit is None:
            return f"{self.path}: not committed yet"
        where = f"{self.path} @ {self.commit.short} ({self.commit.date:%Y-%m-%d})"
        return f"{where}, uncommitted changes" if self.state == "modified" else where

    @property
    def uncommitted(self) -> bool:
        """True when the memo does not match any commit."""
        return self.state in {"modified", "untracked"}


def _start(folder: Path, *args: str) -> subprocess.Popen[str]:
    """Start git in ``folder`` without waiting for it. Raises GitError when git is missing."""
    if shutil.which("git") is None:
        raise GitError("git is not installed")
    return subprocess.Popen(
        ["git", "-C", str(folder), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "LC_ALL": "C"},
    )


def _output(process: subprocess.Popen[str]) -> str:
    """Wait for a started git; return its output. Raises GitError with git's own words."""
    stdout, stderr = process.communicate()
    if process.returncode != 0:
        reason = (stderr.strip().splitlines() or ["git failed"])[-1]
        command = process.args[3] if isinstance(process.args, list) else "git"
        raise GitError(f"git {command}: {reason.removeprefix('fatal: ')}")
    return stdout


def _git(folder: Path, *args: str) -> str:
    """Run git in ``folder``; return its output. Raises GitError with git's own words."""
    return _output(_start(folder, *args))


def _git_at_once(folder: Path, *commands: tuple[str, ...]) -> list[str | GitError]:
    """Run read-only git commands side by side; return each one's output, or its error."""
    processes = [_start(folder, *command) for command in commands]
    results: list[str | GitError] = []
    for process in processes:
        try:
            results.append(_output(process))
        except GitError as error:
            results.append(error)
    return results


#: ``git log --format`` of a :class:`Revision`: full id, short id, committer time (epoch).
COMMIT_FORMAT = "%H%x00%h%x00%ct"


@lru_cache(maxsize=64)
def repository_root(folder: Path) -> Path | None:
    """The top of the git work tree holding ``folder``, or None (no repo, or no git)."""
    try:
        return Path(_git(folder, "rev-parse", "--show-toplevel").strip())
    except GitError:
        return None


#: What ``git status --porcelain=v2 --branch`` prints for a branch with no commit yet.
NO_COMMIT_YET = "# branch.oid (initial)"
NO_COMMIT_HINT = ": the repository has no commit yet; commit the option sets first"


def version_of(path: Path) -> Version:
    """Find the version stamp of an option set file (see :class:`Version`).

    Asks git twice at once (``log`` for the file's last commit, ``status`` for its state):
    no one git command tells both.
    """
    folder = path.resolve().parent
    root = repository_root(folder)
    if root is None:
        return Version(None, None, "unversioned")
    relative = path.resolve().relative_to(root.resolve()).as_posix()
    log, status = _git_at_once(
        root,
        ("log", "-1", f"--format={COMMIT_FORMAT}", "--", relative),
        ("status", "--porcelain=v2", "--branch", "--", relative),
    )
    if isinstance(status, GitError):
        raise status
    if NO_COMMIT_YET in status.splitlines():
        # git log fails there ("does not have any commits yet"): the file is simply new.
        return Version(relative, None, "untracked")
    if isinstance(log, GitError):
        raise log
    line = log.strip()
    if not line:
        return Version(relative, None, "untracked")
    changed = any(not entry.startswith("#") for entry in status.splitlines())
    return Version(relative, _revision(line), "modified" if changed else "committed")


def resolve(folder: Path, rev: str) -> Revision:
    """Resolve a revision (``HEAD~1``, a tag, a short id) in the repository of ``folder``.

    Raises:
        GitError: no repository, or no such revision.
    """
    root = repository_root(folder.resolve())
    if root is None:
        raise GitError(f"{folder}: not inside a git repository")
    try:
        line = _git(root, "log", "-1", f"--format={COMMIT_FORMAT}", f"{rev}^{{commit}}", "--")
    except GitError:
        status = _git(root, "status", "--porcelain=v2", "--branch", "--untracked-files=no")
        empty = NO_COMMIT_HINT if NO_COMMIT_YET in status else ""
        raise GitError(f"no revision '{rev}' in {root}{empty}") from None
    return _revision(line.strip())


def files_at(folder: Path, rev: str, under: str) -> dict[str, bytes]:
    """Return {path relative to the repo: content} of the YAML files below ``under`` at ``rev``.

    Args:
        folder: any folder inside the repository.
        rev: a revision.
        under: a folder relative to the repository root (POSIX), e.g. ``options``.
    """
    root = repository_root(folder.resolve())
    if root is None:
        raise GitError(f"{folder}: not inside a git repository")
    names = _git(root, "ls-tree", "-r", "--name-only", rev, "--", under).splitlines()
    wanted = [n for n in names if n.endswith((".yaml", ".yml"))]
    return {name: _show(root, rev, name) for name in wanted}


def _show(root: Path, rev: str, name: str) -> bytes:
    done = subprocess.run(
        ["git", "-C", str(root), "show", f"{rev}:{name}"], capture_output=True, check=True
    )
    return done.stdout


def _revision(line: str) -> Revision:
    sha, short, epoch = line.split("\x00")
    return Revision(sha, short, datetime.fromtimestamp(int(epoch), tz=UTC))


def source_date(version: Version, fallback: datetime) -> datetime:
    """The date written into a PDF: ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds
    convention, https://reproducible-builds.org/specs/source-date-epoch/), else the date
    of the file's last commit, else ``fallback`` (the memo's own date)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    if version.commit is not None:
        return version.commit.date
    return fallback
