"""Phase one of every command that reads many files: find, load, validate and lint them.

Every problem in every file is collected before anything is written, so a build with
one bad file reports all of them and leaves ``output/`` as it was (see
:mod:`briefgen.build`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefgen.check.cache import CheckCache
from briefgen.check.lint import image_sources, lint_option_set
from briefgen.check.validate import validate_meeting, validate_option_set, validate_settings
from briefgen.errors import Diagnostic, InputError, WorkspaceError
from briefgen.load.reader import load_document
from briefgen.markdown.policy import local_sources
from briefgen.paths import MEETINGS_DIR, OPTIONS_DIR, display_path, is_meeting_file
from briefgen.schema.meeting import Meeting
from briefgen.schema.option_set import OptionSet
from briefgen.schema.settings import SETTINGS_FILE, WorkspaceSettings


@dataclass(frozen=True)
class Loaded:
    """One valid option set and what it warns about.

    Attributes:
        path: the file it came from.
        option_set: the validated option set.
        warnings: content lint and what rendering will drop, located in the file.
    """

    path: Path
    option_set: OptionSet
    warnings: tuple[Diagnostic, ...] = ()


def find_option_sets(paths: Iterable[Path]) -> list[Path]:
    """Expand files and folders into the option-set files they name.

    Args:
        paths: files, or folders whose ``*.yaml`` / ``*.yml`` files are taken.

    Returns:
        Sorted, de-duplicated file paths.

    Raises:
        WorkspaceError: a path does not exist.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted([*path.glob("*.yaml"), *path.glob("*.yml")]))
        elif path.is_file():
            found.append(path)
        elif path.name == OPTIONS_DIR:
            raise WorkspaceError(
                display_path(path),
                "no options/ folder here",
                "run in a workspace, or give --workspace DIR or file names",
            )
        else:
            raise WorkspaceError(display_path(path), "no such file or folder")
    return list(dict.fromkeys(found))


def load_all(
    files: Sequence[Path], *, workspace: Path | None = None, strict: bool = False
) -> list[Loaded]:
    """Load, validate and lint every file, collecting every problem.

    Args:
        files: option-set files.
        workspace: the folder images may come from besides each file's own folder;
            None skips the image checks.
        strict: treat warnings as errors.

    Returns:
        One :class:`Loaded` per file, in the order given.

    Raises:
        InputError: the problems of all files together (with ``strict``, warnings too),
            including two files that share an id.
        WorkspaceError: a file cannot be read.
    """
    loaded, issues = check_all(files, workspace=workspace, strict=strict)
    if issues:
        raise InputError(issues)
    return loaded


def check_all(
    files: Sequence[Path],
    *,
    workspace: Path | None = None,
    strict: bool = False,
    allow_remote: bool = False,
    cache: CheckCache | None = None,
) -> tuple[list[Loaded], list[Diagnostic]]:
    """Like :func:`load_all`, but return the valid files and the problems instead of
    raising (``--keep-going`` renders what is valid). With ``allow_remote``, https
    images are not reported (they will be fetched). ``cache`` reuses the results of
    earlier runs for unchanged files."""
    loaded: list[Loaded] = []
    issues: list[Diagnostic] = []
    for path in files:
        cached = cache.get(path, allow_remote) if cache is not None else None
        if cached is not None:
            option_set = OptionSet.model_validate(cached[0])
            warnings = tuple(Diagnostic(path=display_path(path), **w) for w in cached[1])
        else:
            try:
                document = load_document(path)
                option_set = validate_option_set(document)
            except InputError as error:
                issues.extend(error.issues)
                continue
            roots = [path.parent, workspace] if workspace is not None else []
            warnings = tuple(lint_option_set(document, option_set, roots, allow_remote))
            if cache is not None and not local_sources(image_sources(option_set)):
                cache.put(
                    path,
                    allow_remote,
                    option_set.model_dump(mode="json", by_alias=True),
                    [{k: v for k, v in vars(w).items() if k != "path"} for w in warnings],
                )
        if strict and warnings:
            issues.extend(dataclasses.replace(w, severity="error") for w in warnings)
            continue
        loaded.append(Loaded(path, option_set, warnings))
    shared = _shared_ids(loaded)
    clashing = {issue.path for issue in shared}
    return [i for i in loaded if display_path(i.path) not in clashing], issues + shared


@dataclass(frozen=True)
class LoadedMeeting:
    """One valid meeting file."""

    path: Path
    meeting: Meeting


def find_meetings(workspace: Path) -> list[Path]:
    """The meeting files of a workspace (``meetings/*.yaml``), sorted; [] without the folder."""
    folder = workspace / MEETINGS_DIR
    return find_option_sets([folder]) if folder.is_dir() else []


def check_meetings(
    files: Sequence[Path],
    option_set_ids: Collection[str],
    option_set_issues: Sequence[Diagnostic] = (),
) -> tuple[list[LoadedMeeting], list[Diagnostic]]:
    """Load and validate meeting files against the option sets that exist.

    Args:
        files: meeting files.
        option_set_ids: ids of the valid option sets.
        option_set_issues: the problems of the option sets, so that an agenda naming an
            invalid one says so rather than "no such option set".

    Returns:
        The valid meetings and every problem found.
    """
    broken = {Path(issue.path).stem for issue in option_set_issues}
    loaded: list[LoadedMeeting] = []
    issues: list[Diagnostic] = []
    for path in files:
        try:
            loaded.append(
                LoadedMeeting(path, validate_meeting(load_document(path), option_set_ids, broken))
            )
        except InputError as error:
            issues.extend(error.issues)
    return loaded, issues


def check_settings(path: Path) -> tuple[WorkspaceSettings, list[Diagnostic]]:
    """Load and validate a workspace's setting file (``<workspace>/briefgen.yaml``).

    Args:
        path: the file; it need not exist.

    Returns:
        The settings (the defaults when the file is missing, empty or invalid) and every
        problem found, located in the file.

    Raises:
        WorkspaceError: the file exists but cannot be read.
    """
    if not path.is_file():
        return WorkspaceSettings(), []
    try:
        return validate_settings(load_document(path, empty_ok=True)), []
    except InputError as error:
        return WorkspaceSettings(), list(error.issues)


def settings_file(workspace: Path) -> Path:
    """Where a workspace's setting file is: ``briefgen.yaml`` at its root."""
    return workspace / SETTINGS_FILE


def _is_settings_file(path: Path) -> bool:
    """A ``briefgen.yaml`` outside ``options/`` and ``meetings/`` is a setting file."""
    return path.name == SETTINGS_FILE and path.parent.name not in (OPTIONS_DIR, MEETINGS_DIR)


def _shared_ids(loaded: Sequence[Loaded]) -> list[Diagnostic]:
    """Two files with one id would write the same output files."""
    owners: dict[str, Path] = {}
    issues: list[Diagnostic] = []
    for item in loaded:
        owner = owners.setdefault(item.option_set.id, item.path)
        if owner != item.path:
            issues.append(
                Diagnostic(
                    display_path(item.path),
                    1,
                    1,
                    "id",
                    f"id '{item.option_set.id}' is also used by {display_path(owner)}",
                    "give each option set its own id (or file name)",
                )
            )
    return issues


def default_paths(workspace: Path) -> list[Path]:
    """What commands check when given no paths: ``options/``, and ``meetings/`` if it exists."""
    meetings = workspace / MEETINGS_DIR
    return [workspace / OPTIONS_DIR, *([meetings] if meetings.is_dir() else [])]


def check_paths(
    paths: Sequence[Path], *, workspace: Path, strict: bool = False
) -> tuple[list[Loaded], list[LoadedMeeting], list[Diagnostic]]:
    """Check option sets and meeting files named by ``paths`` (files or folders).

    Files in a folder named ``meetings`` are meeting files
    (:func:`briefgen.paths.is_meeting_file`), a ``briefgen.yaml`` outside ``options/``
    and ``meetings/`` is a setting file; all others are option sets.
    Meetings are checked against the option sets of ``workspace``'s ``options/``.
    With no paths, the workspace's ``options/``, ``meetings/`` and ``briefgen.yaml``
    are checked.

    Returns:
        The valid option sets, the valid meetings, and every problem found.

    Raises:
        WorkspaceError: a path does not exist.
    """
    if not paths:
        found = settings_file(workspace)
        paths = [*default_paths(workspace), *([found] if found.is_file() else [])]
    files = find_option_sets(paths)
    issues = [issue for f in files if _is_settings_file(f) for issue in check_settings(f)[1]]
    files = [f for f in files if not _is_settings_file(f)]
    meeting_files = [f for f in files if is_meeting_file(f)]
    option_files = [f for f in files if not is_meeting_file(f)]
    loaded, option_issues = check_all(option_files, workspace=workspace, strict=strict)
    issues += option_issues
    known = {item.option_set.id for item in loaded}
    if meeting_files and (workspace / OPTIONS_DIR).is_dir():
        others = [f for f in find_option_sets([workspace / OPTIONS_DIR]) if f not in option_files]
        known |= {item.option_set.id for item in check_all(others)[0]}
    meetings, meeting_issues = check_meetings(meeting_files, known, option_issues)
    return loaded, meetings, issues + meeting_issues
