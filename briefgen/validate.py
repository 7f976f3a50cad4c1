"""Stage 2, validate: a loaded document becomes an :class:`OptionSet`, or located issues.

Every problem in a file is reported at once: Pydantic's field errors and the checks
across fields (ids that must exist, duplicate ids, what a decision memo requires) are
both turned into :class:`~briefgen.errors.Issue` objects that point at the YAML line and
column, worded through the one table in :mod:`briefgen.messages`.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from briefgen.document import Document, FieldPath, format_field_path
from briefgen.errors import InputError, Issue
from briefgen.loader import load_document
from briefgen.messages import describe, suggest
from briefgen.models import OptionSet


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


def validate_model(document: Document, model: type[M]) -> tuple[M | None, list[Issue]]:
    """Validate a document's data as ``model``, with ``id`` defaulting to the file's stem.

    Returns:
        ``(instance, [])``, or ``(None, issues)`` located in the file and worded through
        :mod:`briefgen.messages`.
    """
    data = dict(document.data)
    if "id" not in data:
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


def _issue_from_pydantic(document: Document, detail: ErrorDetails, model: type[BaseModel]) -> Issue:
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
    return Issue(document.name, line, column, format_field_path(shown), message, hint)


def _existing_prefix(document: Document, loc: FieldPath) -> FieldPath:
    """Trim field names the user did not write (``stance`` of a bare stance word)."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in document.positions:
            return loc[:end]
    return loc


def allowed_keys(loc: FieldPath, model: type[BaseModel] = OptionSet) -> list[str]:
    """Return the keys the model at field path ``loc`` accepts (aliases as typed)."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, str) and isinstance(current, type) and issubclass(current, BaseModel):
            field = next(
                (f for name, f in current.model_fields.items() if (f.alias or name) == part), None
            )
            current = field.annotation if field else None
        else:
            args = typing.get_args(current)
            current = args[-1] if args else None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip ``Optional`` and ``Annotated`` down to the type that holds the keys."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation


# Checks across fields. They read the raw data, so that they run, and report, even when
# other parts of the file are invalid; anything not shaped as expected is left to Pydantic.


def check_references(document: Document) -> list[Issue]:
    """Find duplicate ids, ids cited but never defined, and what a decision memo lacks."""
    data = document.data
    issues: list[Issue] = []
    ids: dict[str, list[str]] = {}
    for section, what in (
        ("options", "option"),
        ("stakeholders", "stakeholder"),
        ("criteria", "criterion"),
        ("sources", "source"),
    ):
        ids[what] = _collect_ids(document, section, what, issues)
    for loc, what, value, on_key in _references(data):
        if isinstance(value, str) and value not in ids[what]:
            context = {"input": value, "what": what, "suggestion": suggest(value, ids[what], what)}
            message, hint = describe("unknown_reference", context)
            issues.append(document.issue(loc, message, hint, key=on_key))
    if data.get("kind", "decision") == "decision":
        if not data.get("question"):
            issues.append(document.issue(("question",), *describe("question_required", {})))
        options = data.get("options")
        options = [] if options is None else options
        # Options of the wrong type are reported once, by the model, not counted here.
        if isinstance(options, list) and len(options) < 2:
            issues.append(
                document.issue(
                    ("options",), *describe("too_few_options", {"count": len(options)}), key=True
                )
            )
    return issues


def _collect_ids(document: Document, section: str, what: str, issues: list[Issue]) -> list[str]:
    seen: dict[str, int] = {}
    for index, item in _items(document.data, section):
        value = item.get("id")
        if not isinstance(value, str):
            continue
        loc = (section, index, "id")
        if value in seen:
            context = {"input": value, "what": what, "first": seen[value]}
            issues.append(document.issue(loc, *describe("duplicate_id", context)))
        else:
            seen[value] = document.locate(loc)[0]
    return list(seen)


def _items(data: Any, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (index, mapping) for the mappings in the list ``data[key]``, if it is one."""
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


def _references(data: dict[str, Any]) -> Iterator[tuple[FieldPath, str, Any, bool]]:
    """Yield (field path, kind of id, value, is-a-key) for every id the file refers to."""
    recommendation = data.get("recommendation")
    if isinstance(recommendation, dict) and "option" in recommendation:
        yield ("recommendation", "option"), "option", recommendation["option"], False
    for index, option in _items(data, "options"):
        base: FieldPath = ("options", index)
        for key, what in (("positions", "stakeholder"), ("scores", "criterion")):
            mapping = option.get(key)
            if isinstance(mapping, dict):
                for name in mapping:
                    yield (*base, key, name), what, name, True
        for kind in ("pros", "cons", "risks"):
            for item_index, item in _items(option, kind):
                yield from _citations(item, (*base, kind, item_index))
        positions = option.get("positions")
        if isinstance(positions, dict):
            for name, position in positions.items():
                if isinstance(position, dict):
                    yield from _citations(position, (*base, "positions", name))


def _citations(item: dict[str, Any], loc: FieldPath) -> Iterator[tuple[FieldPath, str, Any, bool]]:
    cited = item.get("sources")
    if isinstance(cited, list):
        for index, source_id in enumerate(cited):
            yield (*loc, "sources", index), "source", source_id, False
