"""Paths as the user reads them, the kind of a file by its folder, and writing files
without leaving a half-written one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

#: Output formats, in the order they are produced, with their file suffixes.
FORMATS: dict[str, str] = {"md": ".md", "html": ".html", "pdf": ".pdf", "docx": ".docx"}
#: The formats of a read-ahead packet (a packet has no Word version).
PACKET_FORMATS = ("md", "html", "pdf")

#: The workspace folders of option sets and of meeting files.
OPTIONS_DIR = "options"
MEETINGS_DIR = "meetings"


def write_atomic(target: Path, data: bytes) -> bool:
    """Write ``data`` to ``target`` through a temporary file and a rename.

    Readers see either the old file or the new one, never a mix; the folder is created
    if needed. A file whose content would not change is left untouched (its time stamp
    too), so a rebuild with nothing new touches nothing.

    Args:
        target: the file to write.
        data: its new content.

    Returns:
        True if the file was written, False if it already held ``data``.

    Raises:
        OSError: the folder cannot be created or written.
    """
    if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # mkstemp makes the file private; give it the mode a plain open() would.
        Path(temporary).chmod(0o666 & ~_umask())
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def display_path(path: Path | str) -> str:
    """Return ``path`` relative to the working folder when it lies below it.

    Args:
        path: any path.

    Returns:
        The shortest faithful spelling for messages, e.g. ``options/x.yaml``.
    """
    resolved = Path(path)
    try:
        return str(resolved.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def is_inside(path: Path, roots: Sequence[Path]) -> bool:
    """True when ``path``, with links resolved, lies inside one of ``roots``.

    Args:
        path: any path, relative to the working folder or absolute.
        roots: folders.
    """
    resolved = path.resolve()
    return any(resolved.is_relative_to(root.resolve()) for root in roots)


def is_meeting_file(path: Path) -> bool:
    """True when ``path`` is a meeting file: it lies in a folder named ``meetings``.

    Every other YAML file is an option set. The one rule for ``validate``, ``fmt`` and
    the build alike.
    """
    return path.parent.name == MEETINGS_DIR
