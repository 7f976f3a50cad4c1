"""Incremental builds: what each output was made from, kept in ``output/manifest.json``.

Every output records what its render read, as the renderer reported it (files, templates
and facts: see :mod:`briefgen.render.inputs`), and the key of the build settings that
change output bytes (:meth:`briefgen.build.plan.BuildSettings.output_key`). An output is
fresh when its file is as recorded, the settings key is the same, and every recorded
read still has the value it had. Nothing is listed here by hand: what a new template
includes, or a new fact the renderer reports, is covered without a change to this file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from briefgen.paths import write_atomic
from briefgen.render.inputs import Reads, file_hash

MANIFEST = "manifest.json"
#: Bump when the manifest's layout changes; older manifests are then ignored.
MANIFEST_FORMAT = 2
#: Inputs named so are templates, found by name in the look-up order.
TEMPLATE = "template:"


def relative_name(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` (POSIX) when below it, else absolute: names in the
    manifest do not depend on the folder the build was started from."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(root.resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


@dataclass(frozen=True)
class Entry:
    """The manifest's record of one output file.

    Attributes:
        output: the output file, relative to the workspace.
        source: the option set or meeting file it was made from.
        kind: ``memo`` or ``packet``.
        settings: :meth:`BuildSettings.output_key` of the build that wrote it.
        sha256: the output's own hash.
        inputs: what the render read -> SHA-256 of its bytes: files by path (relative to
            the workspace when inside it), templates as ``template:<name>`` (the file the
            look-up found, wherever it was).
        facts: fact name -> value (git stamps, environment, ``--since`` revision).
        commit: the short commit of the source, if committed.
    """

    output: str
    source: str
    kind: str
    settings: str
    sha256: str
    inputs: dict[str, str] = field(default_factory=dict)
    facts: dict[str, str] = field(default_factory=dict)
    commit: str | None = None


@dataclass
class Currency:
    """How to tell, now, the value of what an output read (cached for one build).

    Attributes:
        root: the workspace (relative names in the manifest are below it).
        template: template name -> SHA-256 of the file the current look-up finds, or "".
        fact: fact name -> its value now.
    """

    root: Path
    template: Callable[[str], str]
    fact: Callable[[str], str]
    _hashes: dict[str, str] = field(default_factory=dict)

    def file(self, name: str) -> str:
        """SHA-256 of the file named as in the manifest, "" when unreadable."""
        if name not in self._hashes:
            path = Path(name) if Path(name).is_absolute() else self.root / name
            self._hashes[name] = file_hash(path)
        return self._hashes[name]

    def unchanged(self, entry: Entry) -> bool:
        """True when every file, template and fact ``entry`` read is as it was."""
        for name, sha in entry.inputs.items():
            template = name.removeprefix(TEMPLATE)
            now = self.template(template) if template != name else self.file(name)
            if now != sha:
                return False
        return all(self.fact(name) == value for name, value in entry.facts.items())


class Manifest:
    """``output/manifest.json``: read at the start of a build, written at the end.

    A missing or damaged manifest only means a full build.
    """

    def __init__(self, output_dir: Path, root: Path) -> None:
        self.path = output_dir / MANIFEST
        self.root = root
        self.entries: dict[str, Entry] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") == MANIFEST_FORMAT:
                self.entries = {e["output"]: Entry(**e) for e in data.get("outputs", [])}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            self.entries = {}

    def fresh(self, output: Path, settings_key: str, currency: Currency) -> bool:
        """True when ``output`` exists as recorded, was made with ``settings_key``, and
        nothing it read has changed since."""
        entry = self.entries.get(relative_name(output, self.root))
        return (
            entry is not None
            and entry.settings == settings_key
            and file_hash(output) == entry.sha256
            and currency.unchanged(entry)
        )

    def record(
        self,
        output: Path,
        data: bytes,
        *,
        source: Path,
        kind: str,
        settings_key: str,
        reads: Reads,
        commit: str | None,
    ) -> None:
        """Note that ``output`` now holds ``data``, made from ``reads``."""
        inputs = {relative_name(Path(name), self.root): sha for name, sha in reads.files.items()}
        inputs.update({TEMPLATE + name: sha for name, sha in reads.templates.items()})
        facts = {_fact_name(name, self.root): value for name, value in reads.facts.items()}
        name = relative_name(output, self.root)
        self.entries[name] = Entry(
            name,
            relative_name(source, self.root),
            kind,
            settings_key,
            hashlib.sha256(data).hexdigest(),
            inputs,
            facts,
            commit,
        )

    def write(self) -> None:
        """Write the manifest atomically (untouched when nothing changed)."""
        outputs: list[dict[str, Any]] = [
            asdict(self.entries[name]) for name in sorted(self.entries)
        ]
        text = json.dumps({"format": MANIFEST_FORMAT, "outputs": outputs}, indent=2)
        write_atomic(self.path, (text + "\n").encode("utf-8"))


def _fact_name(name: str, root: Path) -> str:
    """Git facts name a file: keep it relative to the workspace, like file names."""
    kind, _, rest = name.partition(":")
    if kind == "git" and rest:
        return f"git:{relative_name(Path(rest), root)}"
    return name
