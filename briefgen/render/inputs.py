"""What a render read: every file, template and fact that reached its output.

The renderer reports its inputs rather than the build guessing them: each template Jinja
loads (``{% include %}``, ``{% extends %}`` and ``{% import %}`` too), each stylesheet,
each embedded image, the source files, and the facts outside any file that its bytes
depend on (git stamps, ``SOURCE_DATE_EPOCH``, the ``--since`` revision). The build records
this list in its manifest and renders again when any of it changes (see
:mod:`briefgen.build.manifest`).

Fact values are made by the functions here, used both by the renderer (the value it
used) and by the build (the value now), so the two cannot drift apart.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.schema.settings import WorkspaceSettings
from briefgen.versions.git import Revision, Version

#: Environment variables whose value reaches the output.
ENVIRONMENT = ("SOURCE_DATE_EPOCH",)


def file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes, hex; "" when the file cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def version_fact(version: Version) -> str:
    """The part of a git version that reaches a memo: its stamp, commit date and state."""
    date = version.commit.date.isoformat() if version.commit else ""
    return f"{version.stamp}|{date}|{version.state}"


def environment_fact(name: str) -> str:
    """The value of an environment variable that reaches the output ("" when unset)."""
    return os.environ.get(name, "")


def since_fact(revision: Revision | None) -> str:
    """The commit a "Changes since" section was measured from ("" for none)."""
    return revision.sha if revision is not None else ""


@dataclass
class Reads:
    """Everything one render read.

    Attributes:
        files: file path (absolute) -> SHA-256 of its bytes: sources, images.
        templates: template or stylesheet name (``memo.css``) -> SHA-256 of the file the
            look-up found; a name found in another folder next time is a change too.
        facts: fact name -> value: ``git:<path>`` (see :func:`version_fact`),
            ``env:<NAME>``, ``since``, ``settings`` (``briefgen.yaml``).
    """

    files: dict[str, str] = field(default_factory=dict)
    templates: dict[str, str] = field(default_factory=dict)
    facts: dict[str, str] = field(default_factory=dict)

    def file(self, path: Path) -> None:
        """Note that the render read ``path``."""
        resolved = path.resolve()
        self.files.setdefault(str(resolved), file_hash(resolved))

    def template(self, name: str, path: Path) -> None:
        """Note that template ``name`` was read from ``path``."""
        self.templates.setdefault(name, file_hash(path))

    def version(self, path: Path, version: Version) -> None:
        """Note the git version of ``path`` that the output prints."""
        self.facts[f"git:{path.resolve()}"] = version_fact(version)

    def environment(self) -> None:
        """Note the environment variables that reach the output."""
        for name in ENVIRONMENT:
            self.facts[f"env:{name}"] = environment_fact(name)

    def settings(self, look: WorkspaceSettings) -> None:
        """Note the workspace settings the render used."""
        self.facts["settings"] = settings_fact(look)

    def since(self, revision: Revision | None) -> None:
        """Note the revision a "Changes since" section was measured from."""
        if revision is not None:
            self.facts["since"] = since_fact(revision)


_CURRENT: ContextVar[Reads | None] = ContextVar("briefgen_reads", default=None)


@contextmanager
def recording() -> Iterator[Reads]:
    """Collect what is read inside the ``with`` block (templates note themselves)."""
    reads = Reads()
    token = _CURRENT.set(reads)
    try:
        yield reads
    finally:
        _CURRENT.reset(token)


def current() -> Reads | None:
    """The :class:`Reads` being collected, or None outside :func:`recording`."""
    return _CURRENT.get()


def settings_fact(look: WorkspaceSettings) -> str:
    """The workspace settings (``briefgen.yaml``) a render used, as canonical JSON."""
    return look.model_dump_json()


def fact_value(
    name: str,
    *,
    version_of: Callable[[Path], Version],
    since: Revision | None,
    look: WorkspaceSettings,
) -> str:
    """The value, now, of a fact named as :class:`Reads` names them.

    Args:
        name: ``git:<absolute path>``, ``env:<NAME>``, ``since`` or ``settings``.
        version_of: finds the git version of a file (the build caches it).
        since: the revision of ``--since`` in this build, or None.
        look: the workspace settings of this build.

    Returns:
        The value; a name of another kind gets a value no render records, so an output
        that read it is never taken as fresh.
    """
    kind, _, rest = name.partition(":")
    if kind == "git" and rest:
        return version_fact(version_of(Path(rest)))
    if kind == "env" and rest:
        return environment_fact(rest)
    if name == "since":
        return since_fact(since)
    if name == "settings":
        return settings_fact(look)
    return "\0unknown"
