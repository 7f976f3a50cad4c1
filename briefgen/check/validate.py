"""Stage 2, validate: a loaded document becomes an :class:`OptionSet`, or located issues.

Every problem in a file is reported at once: Pydantic's field errors and the checks
across fields (ids that must exist, duplicate ids, what a decision memo requires) are
both turned into :class:`~briefgen.errors.Diagnostic` objects that point at the YAML line and
column, worded through the one table in :mod:`briefgen.messages`.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from briefgen.check.references import check_references
from briefgen.errors import Diagnostic, InputError
from briefgen.load.document import Document, FieldPath, format_field_path
from briefgen.load.reader import load_document
from briefgen.messages import describe, suggest
from briefgen.schema.introspect import Shape, key_shape, references
from briefgen.schema.meeting import Meeting
from briefgen.schema.option_set import OptionSet
from briefgen.schema.settings import WorkspaceSettings


def load_option_set(path: Path) -> OptionSet:
    """Load and validate one option set file.

    Args:
        path: an ``options/<id>.yaml`` file.

    Returns:
        The valid :class:`OptionSet`; its ``id`` defaults to the file's stem.

    Raises:
        InputError: every problem in the file, each located by line and column.
        WorkspaceError: the file cannot be read.
    """
    return validate_option_set(load_document(path))


def validate_option_set(document: Document) -> OptionSet:
    """Validate a loaded document as an option set (see :func:`load_option_set`)."""
    option_set, issues = validate_model(document, OptionSet)
    issues.extend(check_references(document))
    if issues or option_set is None:
        raise InputError(issues)
    return option_set


M = TypeVar("M", bound=BaseModel)


def validate_model(document: Document, model: type[M]) -> tuple[M | None, list[Diagnostic]]:
    """Validate a document's data as ``model``; a model's ``id`` defaults to the file's stem.

    Returns:
        ``(instance, [])``, or ``(None, issues)`` located in the file and worded through
        :mod:`briefgen.messages`.
    """
    data = dict(document.data)
    if "id" in model.model_fields and "id" not in data:
        data["id"] = document.path.stem
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        details = _without_misspelt_missing(error.errors())
        return None, [_issue_from_pydantic(document, detail, model) for detail in details]


def _without_misspelt_missing(details: list[ErrorDetails]) -> list[ErrorDetails]:
    """Drop "'bluf' is required" when the same mapping has an unknown key like 'bluff':
    the unknown-key message already says "did you mean 'bluf'?"."""
    unknown = [d["loc"] for d in details if d["type"] == "extra_forbidden"]

    def misspelt(detail: ErrorDetails) -> bool:
        loc = detail["loc"]
        return detail["type"] == "missing" and any(
            other[:-1] == loc[:-1]
            and difflib.get_close_matches(str(other[-1]), [str(loc[-1])], cutoff=0.6)
            for other in unknown
        )

    return [detail for detail in details if not misspelt(detail)]


def _issue_from_pydantic(
    document: Document, detail: ErrorDetails, model: type[BaseModel]
) -> Diagnostic:
    loc: FieldPath = tuple(part for part in detail["loc"] if part != "[key]")
    on_key = "[key]" in detail["loc"] or detail["type"] == "extra_forbidden"
    context: dict[str, Any] = {
        **detail.get("ctx", {}),
        "input": detail.get("input"),
        "msg": detail["msg"],
        "key": loc[-1] if loc else "",
    }
    error_type = detail["type"]
    if loc == ("id",) and "id" not in document.data:
        error_type = "file_id"
    if error_type == "extra_forbidden":
        context["suggestion"] = suggest(str(loc[-1]), allowed_keys(loc[:-1], model), "key")
    # A missing or unknown key is named in full; elsewhere only what the user wrote.
    named = error_type in {"missing", "extra_forbidden"}
    shown = loc if named else _existing_prefix(document, loc)
    message, hint = describe(error_type, context)
    line, column = document.locate(loc, key=on_key)
    return Diagnostic(document.name, line, column, format_field_path(shown), message, hint)


def _existing_prefix(document: Document, loc: FieldPath) -> FieldPath:
    """Trim field names the user did not write (``stance`` of a bare stance word)."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in document.positions:
            return loc[:end]
    return loc


def allowed_keys(loc: FieldPath, model: type[BaseModel] = OptionSet) -> list[str]:
    """Return the keys the model at field path ``loc`` accepts (aliases as typed)."""
    shape: Shape | None = key_shape(model)
    for part in loc:
        shape = shape.under(part) if shape else None
    return list(shape.order) if shape else []


def validate_settings(document: Document) -> WorkspaceSettings:
    """Validate a loaded ``briefgen.yaml``; every key is optional.

    Raises:
        InputError: every problem, located (``briefgen.yaml:1:8: paper: 'b5' is not a
            paper size; use one of letter, a4``).
    """
    settings, issues = validate_model(document, WorkspaceSettings)
    if issues or settings is None:
        raise InputError(issues)
    return settings


def validate_meeting(
    document: Document, option_set_ids: Collection[str], broken: Collection[str] = ()
) -> Meeting:
    """Validate a loaded meeting file against the option sets that exist.

    Args:
        document: the loaded meeting file.
        option_set_ids: ids of the valid option sets.
        broken: ids (file names) of option sets that have errors of their own.

    Raises:
        InputError: every problem, located; an unknown option-set id names the closest.
    """
    meeting, issues = validate_model(document, Meeting)
    for loc, what, wanted, _ in references(document.data, Meeting):
        if what != OptionSet.noun or not isinstance(wanted, str) or wanted in option_set_ids:
            continue
        if wanted in broken:
            issues.append(document.issue(loc, *describe("broken_option_set", {"input": wanted})))
        else:
            context = {
                "input": wanted,
                "what": what,
                "suggestion": suggest(wanted, option_set_ids, what),
            }
            issues.append(document.issue(loc, *describe("unknown_option_set", context)))
    if issues or meeting is None:
        raise InputError(issues)
    return meeting
