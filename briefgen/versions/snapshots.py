"""Option sets across git revisions: what ``briefgen diff`` and ``--since`` compare.

Option sets are matched by id, so a renamed file is still the same option set. A file
that does not validate at an old revision is left out of the comparison with a warning,
rather than stopping the command.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from briefgen.check.batch import find_option_sets, load_all
from briefgen.check.validate import validate_option_set
from briefgen.errors import Diagnostic, InputError
from briefgen.load.reader import parse_document
from briefgen.schema.option_set import OptionSet
from briefgen.versions.diff import Change, diff_option_sets
from briefgen.versions.git import GitError, Revision, files_at, repository_root, resolve


@dataclass
class Snapshot:
    """The option sets of some folders at one revision (or in the working tree).

    Attributes:
        label: ``1a2b3c4 (2008-12-01)`` or ``working tree``.
        revision: the commit, or None for the working tree.
        option_sets: id -> option set.
        warnings: files that could not be read as option sets at that revision.
    """

    label: str
    revision: Revision | None
    option_sets: dict[str, OptionSet] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)


def snapshot_at(rev: str, folders: Sequence[Path]) -> Snapshot:
    """Read every option set below ``folders`` as it was at revision ``rev``.

    Args:
        rev: a revision (``HEAD~1``, a tag, a commit id).
        folders: folders inside one git repository (e.g. the workspace's ``options/``).

    Raises:
        GitError: no repository, or no such revision.
    """
    if not folders:
        raise GitError("no option-set folders to compare")
    root = repository_root(folders[0].resolve())
    if root is None:
        raise GitError(f"{folders[0]}: not inside a git repository")
    revision = resolve(root, rev)
    snapshot = Snapshot(f"{revision.short} ({revision.date:%Y-%m-%d})", revision)
    for folder in dict.fromkeys(f.resolve() for f in folders):
        under = folder.relative_to(root.resolve()).as_posix() or "."
        for name, raw in files_at(root, revision.sha, under).items():
            path = Path(f"{revision.short}:{name}")
            try:
                document = parse_document(raw, path)
                if isinstance(document.data, dict) and "id" not in document.data:
                    document.data["id"] = PurePosixPath(name).stem
                option_set = validate_option_set(document)
            except InputError as error:
                reason = f"left out, invalid at that revision ({error.issues[0].message})"
                snapshot.warnings.append(Diagnostic.note(str(path), reason))
                continue
            snapshot.option_sets.setdefault(option_set.id, option_set)
    return snapshot


def snapshot_of_files(paths: Sequence[Path]) -> Snapshot:
    """Read the option sets named by ``paths`` (files or folders) in the working tree.

    Raises:
        InputError: a file is invalid; WorkspaceError: a path does not exist.
    """
    loaded = load_all(find_option_sets(paths))
    return Snapshot("working tree", None, {i.option_set.id: i.option_set for i in loaded})


def compare(
    old: Snapshot, new: Snapshot, ids: Sequence[str] | None = None
) -> dict[str, list[Change]]:
    """Diff two snapshots option set by option set (matched by id).

    Args:
        old: the earlier snapshot.
        new: the later snapshot.
        ids: only these option sets (default: every id on either side).

    Returns:
        id -> changes, for the option sets that changed, in id order.
    """
    wanted = sorted(set(old.option_sets) | set(new.option_sets)) if ids is None else ids
    result: dict[str, list[Change]] = {}
    for option_set_id in wanted:
        changes = diff_option_sets(
            old.option_sets.get(option_set_id), new.option_sets.get(option_set_id)
        )
        if changes:
            result[option_set_id] = changes
    return result


def header(old: Snapshot, new: Snapshot) -> str:
    """The first line of a diff: ``Changes from 1a2b3c4 (2008-12-01) to working tree``."""
    return f"Changes from {old.label} to {new.label}"


def diff_revisions(
    rev: str, rev2: str | None, paths: Sequence[Path]
) -> tuple[str, dict[str, list[Change]], list[Diagnostic]]:
    """The change between two revisions of the option sets named by ``paths``.

    Args:
        rev: the earlier revision.
        rev2: the later revision, or None for the working tree.
        paths: option-set files or folders (in the working tree); files limit the
            comparison to those option sets, folders take every option set below them.

    Returns:
        ``(header, id -> changes, warnings)``.

    Raises:
        GitError: no repository, or no such revision.
        InputError: a working-tree file is invalid.
    """
    folders = [p if p.is_dir() else p.parent for p in paths]
    old = snapshot_at(rev, folders)
    new = snapshot_at(rev2, folders) if rev2 else snapshot_of_files(paths)
    ids: list[str] | None = None
    if any(p.is_file() for p in paths):
        current = snapshot_of_files([p for p in paths if p.is_file()])
        ids = sorted(current.option_sets)
    return header(old, new), compare(old, new, ids), old.warnings + new.warnings
