"""Option sets validated by earlier builds, kept in ``output/.briefgen/checked.json``."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from briefgen._version import __version__
from briefgen.paths import write_atomic


class CheckCache:
    """Option sets validated by earlier builds, keyed by the file's bytes.

    A build with nothing to render would otherwise spend most of its time in the YAML
    parser. An entry is reused only for the same bytes, path, briefgen version and
    ``--allow-remote``, and never for an option set that embeds local images (its
    warnings depend on files elsewhere). Lives in ``output/.briefgen/checked.json``.
    """

    def __init__(self, output_dir: Path) -> None:
        self.path = output_dir / ".briefgen" / "checked.json"
        self.changed = False
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.entries: dict[str, Any] = data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            self.entries = {}

    @staticmethod
    def _key(path: Path, raw: bytes, allow_remote: bool) -> str:
        text = f"{__version__}\0{path.resolve()}\0{allow_remote}\0"
        return hashlib.sha256(text.encode("utf-8") + raw).hexdigest()

    def get(self, path: Path, allow_remote: bool) -> tuple[Any, list[dict[str, Any]]] | None:
        """Return (option-set data, warnings as dicts) stored for this exact file, or None."""
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        entry = self.entries.get(self._key(path, raw, allow_remote))
        return None if entry is None else (entry["option_set"], entry["warnings"])

    def put(
        self, path: Path, allow_remote: bool, option_set: Any, warnings: list[dict[str, Any]]
    ) -> None:
        """Remember a validated option set (as JSON data) and its warnings."""
        try:
            raw = path.read_bytes()
        except OSError:
            return
        self.entries[self._key(path, raw, allow_remote)] = {
            "option_set": option_set,
            "warnings": warnings,
        }
        self.changed = True

    def write(self, keep: Iterable[Path], allow_remote: bool) -> None:
        """Write the entries of the files in ``keep`` (others are dropped), if anything changed."""
        if not self.changed:
            return
        wanted = set()
        for path in keep:
            try:
                wanted.add(self._key(path, path.read_bytes(), allow_remote))
            except OSError:
                continue
        kept = {key: value for key, value in self.entries.items() if key in wanted}
        # Not sort_keys: the order of keys inside an option set (its positions, its
        # scores) is the user's, and the memo prints it.
        write_atomic(self.path, json.dumps(kept).encode("utf-8"))
