"""Plain-language wording for every validation problem, in one table.

Pydantic's own messages ("Input should be a valid integer, unable to parse string as an
integer") are written for programmers. Each error type, Pydantic's or briefgen's own
(raised in :mod:`briefgen.fields` and :mod:`briefgen.validate`), maps here to a message
and a hint written for analysts. The idea follows rendercv's ``error_dictionary.yaml``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

#: error type -> (message, hint); ``{...}`` names come from the error's context.
MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("'{key}' is required", "add '{key}:' with a value"),
    "extra_forbidden": ("unknown key '{key}'", "{suggestion}"),
    "string_type": ("expected text, found {found}", "write the text after the ':'"),
    "string_too_short": ("must not be empty", "write a value or remove the key"),
    "list_type": (
        "expected a list, found {found}",
        "write each item on its own line, starting with '- '",
    ),
    "dict_type": (
        "expected a mapping of keys, found {found}",
        "write 'key: value' lines, indented under this one",
    ),
    "model_type": (
        "expected a mapping of keys, found {found}",
        "write 'key: value' lines, indented under this one",
    ),
    "model_attributes_type": (
        "expected a mapping of keys, found {found}",
        "write 'key: value' lines, indented under this one",
    ),
    "float_parsing": ("{shown} is not a number", "write a number such as 1 or 2.5"),
    "float_type": ("expected a number, found {found}", "write a number such as 1 or 2.5"),
    "finite_number": ("{shown} is not a finite number", "write a number such as 1 or 2.5"),
    "greater_than": ("{shown} is too small", "it must be greater than {gt}"),
    "id": (
        "{shown} is not a valid id",
        "use lowercase letters, digits and single hyphens, e.g. 'post-2011-presence'",
    ),
    "file_id": (
        "the file name {shown} is not a valid id",
        "add an 'id:' key (lowercase letters, digits, hyphens) or rename the file",
    ),
    "date_format": ("{shown} is not a date", "write dates as YYYY-MM-DD, e.g. 2008-12-08"),
    "date_impossible": ("{shown} is not a real date ({reason})", "check the month and the day"),
    "date_type": ("expected a date, found {found}", "write dates as YYYY-MM-DD"),
    "scale": ("{shown} is not {a_what}", "{scale_hint}"),
    "choice": ("{shown} is not {a_what}", "use one of {allowed}"),
    # Checks across fields, made in briefgen.validate:
    "question_required": (
        "a decision memo needs a 'question' (the issue for decision)",
        "add 'question:', or set 'kind: information'",
    ),
    "too_few_options": (
        "a decision memo needs at least two options, found {count}",
        "add an option, or set 'kind: information'",
    ),
    "duplicate_id": (
        "duplicate {what} id '{input}' (first at line {first})",
        "give each {what} its own id",
    ),
    "unknown_reference": ("{shown} is not {a_what} id in this file", "{suggestion}"),
    # Meeting files, checked in briefgen.meetings:
    "clock": ("{shown} is not a time", "write a 24-hour time as HH:MM, e.g. 14:00"),
    "minutes": ("{shown} is not a number of minutes", "write a whole number from 1 to {limit}"),
    "agenda_item": (
        "an agenda item needs either 'option_set' or 'title', not both or neither",
        "name the option set to decide on, or give the item a title",
    ),
    "unknown_option_set": (
        "{shown} is not the id of an option set in this workspace",
        "{suggestion}",
    ),
    # Content lint (warnings; errors under --strict), made in briefgen.lint:
    "no_cons": ("option '{title}' lists no cons", "every option has a downside; name it"),
    "no_risks": (
        "option '{title}' lists no risks",
        "add at least one risk with its likelihood and impact",
    ),
    "unscored": (
        "option '{title}' is not scored on {criteria}",
        "add a score from 1 to 5 for each criterion under 'scores:'",
    ),
    "unmitigated_risk": (
        "risk '{title}' scores {score} of 25 and has no mitigation",
        "add 'mitigation:' for every risk scoring 15 or more",
    ),
    "no_position": (
        "stakeholder '{name}' has no position on any option",
        "add their stance under each option's 'positions:', or remove them",
    ),
    "uncited_source": (
        "source '{id}' is never cited",
        "cite it from a pro, con, risk or position, or remove it",
    ),
    "no_rationale": (
        "the decision memo gives no recommendation rationale",
        "add 'recommendation:' with 'option:' and 'rationale:'",
    ),
    "long_bluf": (
        "the BLUF has {count} words, over {limit}",
        "cut it to the answer in a few lines",
    ),
    "raw_html": ("raw HTML {tag} is printed as text, not used as markup", "write Markdown instead"),
    "link_removed": (
        "the link to '{url}' is removed; only http, https and mailto links are kept",
        "link to a web page instead",
    ),
    "remote_image": (
        "the image '{url}' is on the network and is not fetched",
        "copy it into the workspace (e.g. assets/), or build with --allow-remote",
    ),
    "outside_image": (
        "the image '{url}' lies outside the workspace and is not used",
        "copy it into the workspace, e.g. assets/",
    ),
    "missing_image": (
        "the image '{url}' does not exist",
        "check the path; it is relative to the option set's folder",
    ),
}


def describe(error_type: str, context: dict[str, Any]) -> tuple[str, str]:
    """Word one problem for the user.

    Args:
        error_type: a key of :data:`MESSAGES` (unknown types fall back to ``context['msg']``).
        context: the values the wording uses: ``input``, ``key``, ``what`` and the
            error's own context (``gt``, ``allowed``, ...).

    Returns:
        ``(message, hint)``; the hint may be "".
    """
    values = {**context, "shown": show(context.get("input")), "found": found(context.get("input"))}
    if "what" in context:
        what = str(context["what"])
        values["a_what"] = ("an " if what[:1] in "aeiou" else "a ") + what
    for bound in ("gt", "ge", "lt", "le"):
        if isinstance(values.get(bound), float):
            values[bound] = f"{values[bound]:g}"
    if error_type == "scale":
        values["scale_hint"] = (
            f"use 1-5 or {values['words']}"
            if values.get("words")
            else "use a whole number from 1 to 5"
        )
    entry = MESSAGES.get(error_type)
    if entry is None:
        message = str(context.get("msg", error_type))
        return message[:1].lower() + message[1:], ""
    message, hint = entry
    return message.format_map(_Lenient(values)), hint.format_map(_Lenient(values))


def suggest(wrong: str, known: Iterable[str], what: str) -> str:
    """Return a "did you mean" hint for ``wrong`` among ``known`` (difflib), or list them."""
    choices = sorted(set(known))
    close = difflib.get_close_matches(wrong, choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    plural = _PLURALS.get(what, what + "s")
    if not choices:
        return f"there are no {plural} in this file"
    listed = ", ".join(choices[:12]) + (", ..." if len(choices) > 12 else "")
    return f"known {plural}: {listed}"


_PLURALS = {"criterion": "criteria"}


def show(value: Any) -> str:
    """Quote a value as the user typed it: ``'very high'``; ``nothing`` for an empty one."""
    if value is None:
        return "nothing"
    if isinstance(value, dict | list):
        return found(value)
    return f"'{value}'"


def found(value: Any) -> str:
    """Name the kind of a value: ``a list``, ``a mapping``, ``nothing``, ``the text 'x'``."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"the text '{value}'"


class _Lenient(dict[str, Any]):
    """Leaves ``{name}`` in place when a context lacks it, instead of raising KeyError."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
