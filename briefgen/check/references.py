"""Checks across fields of an option set: ids defined once, ids cited that exist, and what
a decision memo requires.

Which lists define ids and which fields cite them is read from the models
(:func:`briefgen.schema.introspect.collections` and
:func:`~briefgen.schema.introspect.references`).

They read the raw data, so that they run, and report, even when other parts of the file
are invalid; anything not shaped as expected is left to Pydantic.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from briefgen.errors import Diagnostic
from briefgen.load.document import Document
from briefgen.messages import describe, suggest
from briefgen.schema.introspect import collections, references
from briefgen.schema.option_set import OptionSet


def check_references(document: Document) -> list[Diagnostic]:
    """Find duplicate ids, ids cited but never defined, and what a decision memo lacks."""
    data = document.data
    issues: list[Diagnostic] = []
    ids: dict[str, list[str]] = {}
    for section in collections(OptionSet):
        ids[section.noun] = _collect_ids(document, section.key, section.noun, issues)
    # Ids of other files (``supersedes``) are not checked: a file is checked on its own.
    for loc, what, value, on_key in references(data, OptionSet):
        if what in ids and isinstance(value, str) and value not in ids[what]:
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
