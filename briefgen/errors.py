"""The one error hierarchy of briefgen.

Two kinds of failure exist. A :class:`BriefgenError` is the user's to fix (bad input, a
missing file, a template mistake): the command line prints its ``str()`` as plain lines
and exits 1, without a traceback. Anything else is a bug in briefgen and keeps its
traceback. The split follows pypa/build's ``_exceptions.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One located problem in an input file.

    Attributes:
        path: the file, as the user named it (or relative to the working folder).
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
        return f"{where}: {label}{what}" + (f"; {self.hint}" if self.hint else "")


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
