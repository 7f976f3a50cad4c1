"""Incremental builds: what each output was made from, kept in ``output/manifest.json``.

Every output records the hashes of its inputs (the option set or meeting file, each
template it used, each image it embedded) and of the settings and version facts that
change its bytes (briefgen's version, formats, ``--allow-remote``, ``--since``, the git
stamp, ``SOURCE_DATE_EPOCH``). A memo is rendered again only when that key changed or its
output file no longer matches the hash recorded for it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from briefgen._version import __version__
from briefgen.paths import write_atomic

MANIFEST = "manifest.json"
#: Bump when the manifest's layout changes; older manifests are then ignored.
MANIFEST_FORMAT = 1


def relative_name(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` (POSIX) when below it, else absolute: names in the
    manifest do not depend on the folder the build was started from."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(root.resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


def file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes, hex; "" when the file cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


@dataclass(frozen=True)
class Inputs:
    """What one output is made from.

    Attributes:
        files: input file (as shown to the user) -> SHA-256 of its bytes.
        facts: everything else that changes the output: version, settings, git stamp.
    """

    files: dict[str, str]
    facts: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """One hash over all inputs: equal keys mean equal outputs."""
        text = json.dumps({"files": self.files, "facts": self.facts}, sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def inputs_for(files: Iterable[Path], facts: Mapping[str, str | None], root: Path) -> Inputs:
    """Hash ``files`` (named relative to ``root``) and record ``facts`` (None values are
    left out). ``SOURCE_DATE_EPOCH`` and briefgen's version are always part of the facts.
    """
    hashed = {relative_name(path, root): file_hash(path) for path in dict.fromkeys(files)}
    recorded = {
        "briefgen": __version__,
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", ""),
    }
    recorded.update({name: value for name, value in facts.items() if value is not None})
    return Inputs(hashed, recorded)


@dataclass(frozen=True)
class Entry:
    """The manifest's record of one output file."""

    output: str
    source: str
    kind: str
    key: str
    sha256: str
    inputs: dict[str, str]
    commit: str | None = None


class Manifest:
    """``output/manifest.json``: read at the start of a build, written at the end."""

    def __init__(self, output_dir: Path, root: Path) -> None:
        self.path = output_dir / MANIFEST
        self.root = root
        self.entries: dict[str, Entry] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") == MANIFEST_FORMAT:
                self.entries = {e["output"]: Entry(**e) for e in data.get("outputs", [])}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            self.entries = {}  # a missing or damaged manifest only means a full build

    def fresh(self, output: Path, key: str) -> bool:
        """True when ``output`` exists, is as recorded, and was made from ``key``."""
        entry = self.entries.get(relative_name(output, self.root))
        return entry is not None and entry.key == key and file_hash(output) == entry.sha256

    def record(
        self,
        output: Path,
        data: bytes,
        *,
        source: Path,
        kind: str,
        inputs: Inputs,
        commit: str | None,
    ) -> None:
        """Note that ``output`` now holds ``data``, made from ``inputs``."""
        name = relative_name(output, self.root)
        self.entries[name] = Entry(
            name,
            relative_name(source, self.root),
            kind,
            inputs.key,
            hashlib.sha256(data).hexdigest(),
            inputs.files,
            commit,
        )

    def write(self) -> None:
        """Write the manifest atomically (untouched when nothing changed)."""
        outputs: list[dict[str, Any]] = [
            asdict(self.entries[name]) for name in sorted(self.entries)
        ]
        text = json.dumps({"format": MANIFEST_FORMAT, "outputs": outputs}, indent=2)
        write_atomic(self.path, (text + "\n").encode("utf-8"))
