"""Field types shared by the models: ids, dates, 1-5 levels, rating scales, choices, text.

The loader hands every scalar over as the text the user typed, so each type here parses
text itself and raises a :class:`~pydantic_core.PydanticCustomError` whose type names an
entry of the message table in :mod:`briefgen.messages`. Values given from Python (ints,
dates) are accepted too, so the models serve library users as well.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from briefgen.schema.vocabulary import IMPACT, LIKELIHOOD

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_WHOLE_NUMBER = re.compile(r"[0-9]+")


class TextForm(enum.Enum):
    """How a text field is read, marked in its type's ``Annotated`` metadata so that
    :mod:`briefgen.schema.introspect` can list the Markdown fields (Pydantic ignores it)."""

    PLAIN = "text"
    MARKDOWN = "markdown"


@dataclass(frozen=True)
class Ref:
    """``Annotated`` metadata of an id that names an item defined elsewhere.

    Attributes:
        what: the noun of the items named (a model's ``noun``): ``stakeholder``,
            ``criterion``, ``option``, ``source`` (defined in the same file) or
            ``option set`` (another file).
    """

    what: str


def is_id(value: str) -> bool:
    """True for lowercase letters, digits and single hyphens (``post-2011-presence``)."""
    return _ID.fullmatch(value) is not None


def check_id(value: str) -> str:
    """Accept lowercase letters, digits and single hyphens (``post-2011-presence``)."""
    if not _ID.fullmatch(value):
        raise PydanticCustomError("id", "not an id", {"input": value})
    return value


def parse_date(value: Any) -> Any:
    """Parse an ISO 8601 calendar date (``2008-12-08``); other values pass to pydantic."""
    if isinstance(value, str):
        text = value.strip()
        if not _ISO_DATE.fullmatch(text):
            raise PydanticCustomError("date_format", "not a date", {"input": value})
        try:
            return date.fromisoformat(text)
        except ValueError as error:
            raise PydanticCustomError(
                "date_impossible", "impossible date", {"input": value, "reason": str(error)}
            ) from None
    return value


def _parse_level(value: Any, what: str, scale: Mapping[str, int] | None) -> int:
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str):
        text = value.strip()
        if scale is not None and text.lower() in scale:
            return scale[text.lower()]
        if _WHOLE_NUMBER.fullmatch(text):
            number = int(text)
    if number is None or not 1 <= number <= 5:
        raise PydanticCustomError(
            "scale", "not on the scale", {"input": value, "what": what, "words": _words(scale)}
        )
    return number


def _words(scale: Mapping[str, int] | None) -> str:
    return ", ".join(scale) if scale else ""


def level(what: str, scale: Mapping[str, int] | None = None) -> Callable[[Any], int]:
    """Make a validator for a 1-5 level that may also be named by a word of ``scale``."""

    def validate(value: Any) -> int:
        return _parse_level(value, what, scale)

    return validate


def choice(what: str, allowed: Sequence[str]) -> Callable[[Any], Any]:
    """Make a validator that accepts one of ``allowed`` and names them all otherwise."""

    def validate(value: Any) -> Any:
        # Case is forgiven ("Support"); the canonical lowercase token is kept.
        if isinstance(value, str) and value.strip().lower() in allowed:
            return value.strip().lower()
        raise PydanticCustomError(
            "choice",
            "not one of the choices",
            {"input": value, "what": what, "allowed": ", ".join(allowed)},
        )

    return validate


def _level_schema(scale: Mapping[str, int] | None) -> dict[str, Any]:
    number: dict[str, Any] = {"type": "integer", "minimum": 1, "maximum": 5}
    return {"anyOf": [number, {"enum": list(scale)}]} if scale else number


Id = Annotated[
    str,
    AfterValidator(check_id),
    WithJsonSchema({"type": ["string", "integer"], "pattern": f"^{_ID.pattern}$"}),
]
IsoDate = Annotated[date, BeforeValidator(parse_date)]
Level = Annotated[
    int, BeforeValidator(level("level from 1 to 5")), WithJsonSchema(_level_schema(None))
]
Likelihood = Annotated[
    int, BeforeValidator(level("likelihood", LIKELIHOOD)), WithJsonSchema(_level_schema(LIKELIHOOD))
]
Impact = Annotated[
    int, BeforeValidator(level("impact", IMPACT)), WithJsonSchema(_level_schema(IMPACT))
]
#: What an editor's YAML language server may see for a text field: it resolves ``4.50``,
#: ``2009`` or ``true`` to numbers and booleans, which briefgen reads back as typed text.
_TEXT_SCHEMA: dict[str, Any] = {"type": ["string", "number", "boolean"], "minLength": 1}
_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")


def not_blank(value: str) -> str:
    """Refuse text of spaces only: it prints as nothing, which is never what was meant."""
    if value and not value.strip():
        raise PydanticCustomError("blank", "only spaces", {"input": value})
    return value


def parse_decimal(value: Any) -> Any:
    """Accept a plain decimal number (``2``, ``0.5``, ``1e2``) given as text; refuse
    Python's extras (``1_000``, ``inf``, ``nan``) that YAML writers do not mean."""
    if isinstance(value, str) and not _DECIMAL.fullmatch(value.strip()):
        raise PydanticCustomError("float_parsing", "not a number", {"input": value})
    return value


#: Plain text: printed exactly as typed, never read as Markdown or HTML.
Text = Annotated[
    str,
    Field(min_length=1),
    AfterValidator(not_blank),
    WithJsonSchema(_TEXT_SCHEMA),
    TextForm.PLAIN,
]
#: Long text written in Markdown (GitHub flavour).
Markdown = Annotated[
    str,
    Field(min_length=1),
    AfterValidator(not_blank),
    WithJsonSchema({**_TEXT_SCHEMA, "format": "markdown"}),
    TextForm.MARKDOWN,
]
#: A decimal number, e.g. a criterion's weight.
Decimal = Annotated[float, BeforeValidator(parse_decimal)]

#: Most pages a memo proper may be given; a larger number is surely a typing mistake.
MAX_PAGE_LIMIT = 99


def parse_page_limit(value: Any) -> Any:
    """Accept a whole number of pages (1-99) or the word ``none`` (no limit)."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        number = value
    elif isinstance(value, str) and value.strip().lower() == "none":
        return "none"
    elif isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value.strip()):
        number = int(value.strip())
    else:
        number = 0
    if number is not None and not 1 <= number <= MAX_PAGE_LIMIT:
        raise PydanticCustomError("page_limit", "not a page limit", {"input": value})
    return number


#: Pages the memo proper may take: a number, ``none`` (no limit) or None (the default).
PageLimit = Annotated[
    int | Literal["none"] | None,
    BeforeValidator(parse_page_limit),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_LIMIT},
                {"enum": ["none"]},
                {"type": "null"},
            ]
        }
    ),
]
