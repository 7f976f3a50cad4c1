"""What a line of Markdown starts, as GitHub reads it (the GFM spec, sections 4-5).

Plain functions on one line each, shared by the block processors in
:mod:`briefgen.markdown.blocks` and by :mod:`briefgen.markdown.text`. No regular expression
here can backtrack more than linearly: each is anchored and has no nested repetition.
Lines are already tab-expanded (Python-Markdown does so before block parsing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BULLET = re.compile(r" {0,3}([-+*])(?= |$)")
_ORDERED = re.compile(r" {0,3}(\d{1,9})([.)])(?= |$)")
_ATX = re.compile(r" {0,3}#{1,6}(?= |$)")
_FENCE = re.compile(r" {0,3}(?:`{3,}+(?!.*`)|~{3,})")
_QUOTE = re.compile(r" {0,3}>")
_SETEXT = re.compile(r" {0,3}(?:=+|-+) *$")
_DELIMITER_CELL = re.compile(r" *:?-+:? *")


@dataclass(frozen=True)
class Marker:
    """A list item's marker, as found at the start of a line.

    Attributes:
        kind: ``-``, ``+`` or ``*`` for a bullet; ``.`` or ``)`` for an ordered item.
            Items of one list share their kind (GFM 5.3).
        number: the ordered item's number, else None.
        width: the item's content column: where continuation lines must start.
        content: the rest of the first line, without the marker and its spaces.
    """

    kind: str
    number: int | None
    width: int
    content: str


def indent(line: str) -> int:
    """The number of spaces a line starts with."""
    return len(line) - len(line.lstrip(" "))


def marker(line: str) -> Marker | None:
    """The list item a line starts (GFM 5.2), or None; a thematic break is no item."""
    bullet = _BULLET.match(line)
    ordered = None if bullet else _ORDERED.match(line)
    found = bullet or ordered
    if found is None or thematic_break(line):
        return None
    rest = line[found.end() :]
    spaces = indent(rest)
    if not rest.strip() or spaces > 4:
        # Empty first line, or indented code after the marker: content after one space.
        spaces = 1
    kind = found.group(1) if bullet else found.group(2)
    number = int(found.group(1)) if ordered else None
    return Marker(kind, number, found.end() + spaces, rest[spaces:] if rest.strip() else "")


def thematic_break(line: str) -> bool:
    """``***``, ``- - -``, ``___``: three or more of one of ``-*_`` and spaces (GFM 4.1)."""
    if indent(line) > 3:
        return False
    compact = line.replace(" ", "")
    return len(compact) >= 3 and compact[0] in "-*_" and compact == compact[0] * len(compact)


def atx_heading(line: str) -> bool:
    """``# Title``: one to six ``#`` then a space or nothing (GFM 4.2)."""
    return _ATX.match(line) is not None


def fence(line: str) -> bool:
    """The opening line of a fenced code block (GFM 4.5)."""
    return _FENCE.match(line) is not None


def setext_underline(line: str) -> bool:
    """A line of ``=`` or of ``-`` under a paragraph (GFM 4.3)."""
    return _SETEXT.match(line) is not None


def table_delimiter(line: str) -> bool:
    """The ``|---|:--:|`` row under a table's header row (GFM 4.10)."""
    cells = line.strip().removeprefix("|").removesuffix("|").split("|")
    return "|" in line and all(_DELIMITER_CELL.fullmatch(cell) for cell in cells)


def interrupts_paragraph(line: str) -> bool:
    """True when ``line`` ends the paragraph above it and starts a block of its own:
    a heading, a rule, a fence, a block quote, or a list item that is not empty and, if
    numbered, starts at 1 (GFM 5.2: ``2009. A year`` inside a paragraph is text)."""
    if atx_heading(line) or thematic_break(line) or fence(line) or _QUOTE.match(line):
        return True
    item = marker(line)
    return item is not None and bool(item.content) and item.number in (None, 1)
