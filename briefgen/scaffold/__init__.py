"""Beside the pipeline, scaffolding: a new workspace, or a new option set or meeting file.

Everything written comes from the skeleton files of ``briefgen/scaffold/files/`` (package
data, so an installed briefgen can scaffold anywhere). Nothing is ever overwritten: when
one file to be written exists, nothing at all is written and the error names it.
"""

from __future__ import annotations

import datetime
import json
import subprocess
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template

from briefgen.check.validate import validate_meeting, validate_option_set
from briefgen.errors import WorkspaceError
from briefgen.load.reader import parse_document
from briefgen.messages import MESSAGES
from briefgen.paths import MEETINGS_DIR, OPTIONS_DIR, display_path, write_atomic
from briefgen.schema import json_schema, settings_json_schema
from briefgen.schema.settings import SETTINGS_FILE
from briefgen.schema.types import is_id
from briefgen.versions.git import repository_root

#: The editor schemas, at the workspace root; skeletons link them on their first line.
OPTION_SET_SCHEMA = "option-set.schema.json"
SETTINGS_SCHEMA = "settings.schema.json"
#: The id (and file name) of the example option set of a new workspace.
EXAMPLE_ID = "cities-transition"


@dataclass(frozen=True)
class Scaffolded:
    """What :func:`init_workspace` did.

    Attributes:
        written: the files written, in order.
        git_initialised: True if ``git init`` made the folder a repository.
    """

    written: list[Path]
    git_initialised: bool


def skeleton(name: str) -> str:
    """The text of the skeleton file ``name`` of ``briefgen/scaffold/files/``."""
    return resources.files(__package__).joinpath("files", name).read_text(encoding="utf-8")


def workspace_files() -> dict[str, str]:
    """What a new workspace holds: path relative to its root -> text."""
    schemas = {
        OPTION_SET_SCHEMA: json.dumps(json_schema(), indent=2) + "\n",
        SETTINGS_SCHEMA: json.dumps(settings_json_schema(), indent=2) + "\n",
    }
    return {
        f"{OPTIONS_DIR}/{EXAMPLE_ID}.yaml": skeleton("example.yaml"),
        f"{MEETINGS_DIR}/.gitkeep": "",
        "templates/README.md": skeleton("templates-README.md"),
        SETTINGS_FILE: skeleton("briefgen.yaml"),
        ".gitignore": skeleton("gitignore"),
        ".pre-commit-config.yaml": skeleton("pre-commit-config.yaml"),
        **schemas,
    }


def init_workspace(folder: Path) -> Scaffolded:
    """Scaffold a workspace in ``folder`` (created if missing); ``git init`` it when it is
    not inside a git repository (and git is installed).

    Returns:
        The files written and whether a repository was made.

    Raises:
        WorkspaceError: a file to be written exists already (nothing is written), or
            ``folder`` is a file.
    """
    if folder.exists() and not folder.is_dir():
        raise WorkspaceError(display_path(folder), *MESSAGES["scaffold_not_folder"])
    files = {folder / name: text for name, text in workspace_files().items()}
    _refuse_existing(list(files))
    for target, text in files.items():
        write_atomic(target, text.encode("utf-8"))
    return Scaffolded(list(files), _git_init(folder))


def new_option_set(workspace: Path, name: str, today: datetime.date | None = None) -> Path:
    """Write ``options/<name>.yaml``: a commented skeleton that validates as it is.

    Args:
        workspace: the workspace root.
        name: the option set's id (lowercase letters, digits, single hyphens).
        today: the date written in the skeleton [default: today].

    Returns:
        The file written.

    Raises:
        WorkspaceError: ``name`` is not an id, or the file exists.
    """
    target = workspace / OPTIONS_DIR / f"{_checked(name)}.yaml"
    text = _fill("option-set.yaml", name, today)
    validate_option_set(parse_document(text.encode("utf-8"), target))
    return _write_new(target, text)


def new_meeting(workspace: Path, name: str, today: datetime.date | None = None) -> Path:
    """Write ``meetings/<name>.yaml``: a commented meeting skeleton that validates as it is.

    Arguments, return value and errors are those of :func:`new_option_set`.
    """
    target = workspace / MEETINGS_DIR / f"{_checked(name)}.yaml"
    text = _fill("meeting.yaml", name, today)
    validate_meeting(parse_document(text.encode("utf-8"), target), ())
    return _write_new(target, text)


def _checked(name: str) -> str:
    if not is_id(name):
        raise WorkspaceError(name, *MESSAGES["scaffold_bad_name"])
    return name


def _fill(skeleton_name: str, name: str, today: datetime.date | None) -> str:
    title = name.replace("-", " ").capitalize()
    day = (today or datetime.date.today()).isoformat()
    # safe_substitute: the skeletons' own "$schema=" must stay as it is.
    return Template(skeleton(skeleton_name)).safe_substitute(id=name, title=title, date=day)


def _write_new(target: Path, text: str) -> Path:
    _refuse_existing([target])
    write_atomic(target, text.encode("utf-8"))
    return target


def _refuse_existing(targets: list[Path]) -> None:
    existing = next((target for target in targets if target.exists()), None)
    if existing is not None:
        raise WorkspaceError(display_path(existing), *MESSAGES["scaffold_exists"])


def _git_init(folder: Path) -> bool:
    if repository_root(folder.resolve()) is not None:
        return False
    try:
        subprocess.run(
            ["git", "init", "--quiet", str(folder)], check=True, capture_output=True, text=True
        )
    except (OSError, subprocess.CalledProcessError):
        return False  # no git: the workspace works without a repository
    repository_root.cache_clear()
    return True


__all__ = [
    "EXAMPLE_ID",
    "Scaffolded",
    "init_workspace",
    "new_meeting",
    "new_option_set",
    "skeleton",
    "workspace_files",
]
