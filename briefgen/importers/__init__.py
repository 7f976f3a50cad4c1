"""Import decision records (MADR, and Nygard's as adr-tools writes them) as option sets.

:func:`import_records` is the entry point: each record becomes one option set in
``fmt``'s canonical layout, validated before it is written, never over an existing file
unless ``force`` is given. No text is lost: what has no field of its own goes into the
background under the heading of the section it came from, and every such move is a
located warning. ``docs/import.md`` tabulates the mapping of each dialect.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from briefgen.errors import Diagnostic, InputError
from briefgen.importers.draft import Draft
from briefgen.importers.front_matter import RecordError
from briefgen.importers.madr import SECTIONS as MADR_SECTIONS
from briefgen.importers.madr import import_madr
from briefgen.importers.metadata import record_id
from briefgen.importers.nygard import SECTIONS as NYGARD_SECTIONS
from briefgen.importers.nygard import import_nygard
from briefgen.importers.record import Record, read_record
from briefgen.importers.text import key_of
from briefgen.importers.writer import option_set_yaml, write_option_set
from briefgen.messages import describe
from briefgen.paths import display_path

DIALECTS: dict[str, Callable[[Draft], None]] = {"madr": import_madr, "nygard": import_nygard}
#: Sections and front-matter keys only MADR has; a record with none of them and a
#: Decision or Status section is Nygard's.
_MADR_MARKS = {k for k, v in MADR_SECTIONS.items() if v in ("drivers", "arguments")} | {
    "context and problem statement",
    "considered options",
    "decision outcome",
}
_MADR_KEYS = {"deciders", "decision makers", "consulted", "informed"}
#: Numbering before a title: ``1.``, ``ADR-0001:``, ``ADR 7 -``.
_NUMBER = re.compile(r"^(?:[A-Za-z]{1,4}[- ]?)?[0-9]+\s*[.:)–—-]\s+")
#: Files in a record folder that are not records.
_NOT_RECORDS = re.compile(r"^(readme|index|toc|contents)\.md$|template", re.IGNORECASE)


@dataclass
class ImportReport:
    """What :func:`import_records` did.

    Attributes:
        written: ``(record, option set file)`` for each record imported.
        failed: one error per record that was not imported (unreadable, bad front matter,
            target exists), located in the record.
        warnings: what could not be mapped, per record and line; files skipped in folders.
    """

    written: list[tuple[Path, Path]] = field(default_factory=list)
    failed: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every record was imported."""
        return not self.failed


def import_records(
    paths: Sequence[Path], into: Path, dialect: str = "auto", *, force: bool = False
) -> ImportReport:
    """Import decision records as option sets.

    Args:
        paths: record files, or folders whose ``*.md`` files are records (README, index
            and template files are skipped, as are files with no known section; each skip
            is a warning).
        into: the folder option sets are written to (created if needed), one
            ``<id>.yaml`` per record, the id being the record's file name as an id,
            made unique within the run.
        dialect: ``madr``, ``nygard`` or ``auto`` (guessed per record).
        force: replace existing files; otherwise a record whose file exists fails.

    Returns:
        The :class:`ImportReport`; a record that fails does not stop the others.

    Raises:
        ValueError: an unknown dialect.
        OSError: ``into`` cannot be created or written.
    """
    if dialect not in (*DIALECTS, "auto"):
        raise ValueError(f"unknown dialect {dialect!r}")
    report = ImportReport()
    taken: set[str] = set()
    for path, found in _record_files(paths, report):
        _import_one(path, found, into, dialect, force, taken, report)
    return report


def _record_files(paths: Sequence[Path], report: ImportReport) -> list[tuple[Path, bool]]:
    """The records to read: ``(file, found in a folder)``, each once, in order."""
    files: dict[Path, bool] = {}
    for path in paths:
        if path.is_dir():
            for file in sorted(path.rglob("*.md")):
                hidden = any(part.startswith(".") for part in file.relative_to(path).parts)
                if hidden:
                    continue
                if _NOT_RECORDS.search(file.name):
                    report.warnings.append(_issue(file, 0, "import_skipped", reason="its name"))
                    continue
                files.setdefault(file, True)
        elif path.is_file():
            files[path] = False
        else:
            report.failed.append(_issue(path, 0, "import_missing", severity="error"))
    return list(files.items())


def _import_one(
    path: Path,
    found: bool,
    into: Path,
    dialect: str,
    force: bool,
    taken: set[str],
    report: ImportReport,
) -> None:
    try:
        record = read_record(path)
    except RecordError as error:
        report.failed.append(_issue(path, error.line, error.kind, "error", **error.context))
        return
    except OSError as error:
        reason = error.strerror or str(error)
        report.failed.append(_issue(path, 0, "import_unreadable", "error", reason=reason))
        return
    if found and not _known_sections(record):
        report.warnings.append(_issue(path, 0, "import_skipped", reason="no known section"))
        return
    chosen = dialect if dialect != "auto" else guess_dialect(record)
    draft = _draft(record, chosen)
    option_set_id = _unique(record_id(path.stem), taken)
    target = into / f"{option_set_id}.yaml"
    issues = [_issue(path, n.line, n.kind, **dict(n.context)) for n in draft.notes]
    try:
        header = f"Imported from {display_path(path)} ({_NAMES[chosen]}) by briefgen import"
        text = option_set_yaml(draft.data(), target, header)
    except InputError as error:
        problem = "; ".join(str(issue) for issue in error.issues)
        report.failed.append(_issue(path, 0, "import_invalid", "error", problem=problem))
        return
    if not write_option_set(target, text, force=force):
        shown = display_path(target)
        report.failed.append(_issue(path, 0, "import_exists", "error", target=shown))
        return
    report.warnings += issues
    report.written.append((path, target))


_NAMES = {"madr": "MADR", "nygard": "Nygard"}


def guess_dialect(record: Record) -> str:
    """``madr`` when the record has a section or front-matter key only MADR has,
    ``nygard`` when it has a Decision or Status section, ``madr`` otherwise."""
    keys = {section.key for section in record.sections}
    if keys & _MADR_MARKS or {key_of(k) for k in record.front_matter} & _MADR_KEYS:
        return "madr"
    return "nygard" if keys & {"decision", "status"} else "madr"


def _known_sections(record: Record) -> bool:
    keys = {section.key for section in record.sections}
    return bool(keys & (set(MADR_SECTIONS) | set(NYGARD_SECTIONS)))


def _draft(record: Record, dialect: str) -> Draft:
    """Map ``record`` in ``dialect``, with the title and date every dialect needs."""
    draft = Draft(record)
    title = _NUMBER.sub("", record.title).strip() or record.title
    fallback = str(record.front_matter.get("title") or "").strip()
    if not title:
        stem = re.sub(r"^[0-9]+[-_. ]*", "", record.path.stem)
        title = fallback or re.sub(r"[-_]+", " ", stem).strip()
        title = (title or record.path.stem)[:1].upper() + (title or record.path.stem)[1:]
        draft.note(0, "import_no_title")
    draft.title = title
    DIALECTS[dialect](draft)
    if draft.date is None:
        modified = date.fromtimestamp(record.path.stat().st_mtime)
        draft.date = modified
        if not any(note.kind == "import_bad_date" for note in draft.notes):
            draft.note(record.title_line, "import_no_date", date=modified.isoformat())
    return draft


def _unique(wanted: str, taken: set[str]) -> str:
    candidate, number = wanted, 1
    while candidate in taken:
        number += 1
        candidate = f"{wanted}-{number}"
    taken.add(candidate)
    return candidate


def _issue(
    path: Path, line: int, kind: str, severity: str = "warning", **context: object
) -> Diagnostic:
    message, hint = describe(kind, dict(context))
    return Diagnostic(display_path(path), line, 1 if line else 0, "", message, hint, severity)


__all__ = ["DIALECTS", "ImportReport", "guess_dialect", "import_records"]
