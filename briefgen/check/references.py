"""Checks across fields of an option set: ids defined once, ids cited that exist, and what
a decision memo requires.

They read the raw data, so that they run, and report, even when other parts of the file
are invalid; anything not shaped as expected is left to Pydantic.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from briefgen.errors import Diagnostic
from briefgen.load.document import Document, FieldPath
from briefgen.messages import describe, suggest


def check_references(document: Document) -> list[Diagnostic]:
    """Find duplicate ids, ids cited but never defined, and what a decision memo lacks."""
    data = document.data
    issues: list[Diagnostic] = []
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


def _collect_ids(
    document: Document, section: str, what: str, issues: list[Diagnostic]
) -> list[str]:
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
