"""Dates as decision records write them, read without guessing between day and month."""

from __future__ import annotations

import re
from datetime import date

#: ISO 8601's calendar date, the one form kept as the date alone.
ISO = re.compile(r"\b([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\b")
_SLASHED = re.compile(r"\b([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\b")
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_MONTH = rf"({'|'.join(_MONTHS)})[a-z]*\.?"
#: Date patterns, tried in order, with the order of their day, month and year groups.
_DATES = (
    (ISO, "ymd"),
    (re.compile(r"\b([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})\b"), "ymd"),
    (re.compile(r"\b([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})\b"), "dmy"),
    (_SLASHED, "dmy"),
    (re.compile(rf"\b([0-9]{{1,2}})\.? {_MONTH},? ([0-9]{{4}})\b", re.IGNORECASE), "dmy"),
    (re.compile(rf"\b{_MONTH} ([0-9]{{1,2}}),? ([0-9]{{4}})\b", re.IGNORECASE), "mdy"),
)


def read_date(text: str) -> date | None:
    """The date in ``text``: ISO 8601 (``2018-01-01``), ``2018/01/01``, day first with
    dots (``12.06.2020``, as written in Europe), slashes when one number is over 12
    (``14/02/2019``, ``02/14/2019``; ``02/03/2019`` could be either), or a month's name
    (``12 June 2020``, ``June 12, 2020``); None otherwise."""
    for pattern, order in _DATES:
        found = pattern.search(text)
        if found is None:
            continue
        parts = dict(zip(order, found.groups(), strict=True))
        if pattern is _SLASHED:
            first, second = sorted((int(parts["d"]), int(parts["m"])))
            if second <= 12 or first > 12:
                continue  # 02/03/2019: March 2 in London, February 3 in New York
            parts["d"], parts["m"] = str(second), str(first)
        month = parts["m"]
        number = _MONTHS.get(month[:3].lower()) if month.isalpha() else int(month)
        try:
            return date(int(parts["y"]), number or 0, int(parts["d"]))
        except ValueError:
            continue
    return None
