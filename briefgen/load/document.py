"""A loaded YAML file: plain data plus the position of every value (see
:mod:`briefgen.load.reader`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.errors import Diagnostic
from briefgen.paths import display_path

FieldPath = tuple[str | int, ...]
Position = tuple[int, int]


@dataclass
class Document:
    """A loaded YAML file: plain data plus the position of every value.

    Attributes:
        path: the file's path.
        data: ``dict``/``list``/``str``/``None`` tree; scalars are the text as typed.
        positions: field path -> 1-based (line, column) where the value starts.
        key_positions: field path -> 1-based (line, column) of the mapping key naming it.
        lines: the file's lines, to locate text inside a multi-line value.
        warnings: what loading noticed but accepted (a comment cutting a value short).
    """

    path: Path
    data: Any
    positions: dict[FieldPath, Position] = field(default_factory=dict)
    key_positions: dict[FieldPath, Position] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)

    def locate_text(self, loc: FieldPath, needle: str, nth: int = 1) -> Position:
        """Return where the ``nth`` occurrence of ``needle`` stands inside the value at
        ``loc``: its own line in a ``|`` or ``>`` block, else the start of the value."""
        line, column = self.locate(loc)
        opener = self.lines[line - 1][column - 1 : column] if 0 < line <= len(self.lines) else ""
        if needle and opener in {"|", ">"}:
            for number in range(line + 1, len(self.lines) + 1):
                text = self.lines[number - 1]
                if text.strip() and not text[:1].isspace():
                    break  # the block ended
                start = -1
                while (start := text.find(needle, start + 1)) >= 0:
                    nth -= 1
                    if nth == 0:
                        return (number, start + 1)
        return (line, column)

    @property
    def name(self) -> str:
        """The path as shown in messages (relative to the working folder)."""
        return display_path(self.path)

    def locate(self, loc: FieldPath, *, key: bool = False) -> Position:
        """Return the position of ``loc``, or of its nearest ancestor that exists.

        Args:
            loc: a field path such as ``("options", 0, "title")``.
            key: prefer the position of the mapping key over that of its value.

        Returns:
            A 1-based (line, column); (1, 1) when nothing along the path is known.
        """
        for end in range(len(loc), -1, -1):
            prefix = loc[:end]
            if key and prefix in self.key_positions:
                return self.key_positions[prefix]
            if prefix in self.positions:
                return self.positions[prefix]
        return (1, 1)

    def issue(
        self,
        loc: FieldPath,
        message: str,
        hint: str = "",
        *,
        key: bool = False,
        severity: str = "error",
    ) -> Diagnostic:
        """Build an :class:`Diagnostic` located at ``loc`` in this document."""
        line, column = self.locate(loc, key=key)
        return Diagnostic(self.name, line, column, format_field_path(loc), message, hint, severity)


def format_field_path(loc: FieldPath) -> str:
    """Spell a field path the way the user reads it: ``options[0].risks[1].title``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
