"""The one error hierarchy of briefgen, and its one kind of finding, :class:`Diagnostic`.

Two kinds of failure exist. A :class:`BriefgenError` is the user's to fix (bad input, a
missing file, a template mistake): the command line prints its ``str()`` as plain lines
and exits 1, without a traceback. Anything else is a bug in briefgen and keeps its
traceback. The split follows pypa/build's ``_exceptions.py``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding: a located problem in an input file, or a warning about an output.

    Every stage reports with this type: the loader and validator (errors), lint and the
    renderer (warnings); :func:`format_diagnostics` prints them, as text or JSON.

    Attributes:
        path: the file, as the user named it (or relative to the working folder); ""
            for a note about the machine rather than a file.
        line: 1-based line number; 0 when the problem concerns the whole file.
        column: 1-based column number; 0 when unknown.
        field: the dotted field path, e.g. ``options[0].risks[1].likelihood``; "" for
            problems with the file itself.
        message: what is wrong, in plain words.
        hint: how to fix it, or "".
        severity: ``error`` (the file is rejected) or ``warning`` (content lint and
            dropped content; an error only under ``--strict``).
    """

    path: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        label = "warning: " if self.severity == "warning" else ""
        lead = f"{where}: " if where else ""
        return f"{lead}{label}{what}" + (f"; {self.hint}" if self.hint else "")

    @classmethod
    def note(cls, path: str, message: str, *, severity: str = "warning") -> Diagnostic:
        """A finding about a whole file (or, with ``path`` "", about the machine)."""
        return cls(path, 0, 0, "", message, severity=severity)


def format_diagnostics(diagnostics: Iterable[Diagnostic], output_format: str = "text") -> str:
    """Print findings, sorted by file, line and column.

    Args:
        diagnostics: the findings.
        output_format: ``text`` (one line each, ``file:line:col: field: message; hint``)
            or ``json`` (a list of objects with the attributes of :class:`Diagnostic`).

    Returns:
        The text, ending in a newline unless there is nothing to print (text) or ``[]``.

    Raises:
        ValueError: an unknown ``output_format``.
    """
    ordered = sorted(diagnostics)
    if output_format == "json":
        return json.dumps([asdict(d) for d in ordered], indent=2) + "\n"
    if output_format == "text":
        return "".join(f"{d}\n" for d in ordered)
    raise ValueError(f"unknown diagnostics format {output_format!r}")


class BriefgenError(Exception):
    """A mistake the user can fix; printed as plain lines, exit status 1."""


class InputError(BriefgenError):
    """One or more option sets or meeting files are invalid.

    Attributes:
        issues: every problem found, sorted by file, line and column.
    """

    def __init__(self, issues: list[Diagnostic]) -> None:
        self.issues = sorted(issues)
        super().__init__("\n".join(str(issue) for issue in self.issues))


class WorkspaceError(BriefgenError):
    """A file or folder the command needs is missing or unreadable."""

    def __init__(self, path: Path | str, message: str, hint: str = "") -> None:
        self.path = str(path)
        text = f"{path}: {message}" + (f"; {hint}" if hint else "")
        super().__init__(text)


class TemplateError(BriefgenError):
    """A memo template is missing or has a mistake; names the template file and line."""
