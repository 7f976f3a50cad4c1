"""Block processors that make Python-Markdown read lists, paragraphs and headings as
GitHub does (the GFM spec, sections 4.2-4.3, 4.8 and 5.2-5.3).

Python-Markdown nests blocks at four spaces and lets nothing interrupt a paragraph but a
heading; GitHub nests a block at its list item's content column, starts a list, quote or
fence right under a paragraph line, and reads ``1)`` as a list marker. Each rule is one
method here, tested in ``tests/test_markdown_rules.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.etree import ElementTree as etree  # noqa: N813 (Python-Markdown's own name)

from markdown import util
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor, BlockQuoteProcessor, ParagraphProcessor
from pymdownx.saneheaders import SaneHeadersProcessor

from briefgen.markdown.lines import (
    Marker,
    atx_heading,
    fence,
    indent,
    interrupts_paragraph,
    marker,
    setext_underline,
    table_delimiter,
    thematic_break,
)

#: Deepest nesting of lists read as lists; deeper markers stay text (bounds recursion).
MAX_LIST_DEPTH = 24
_PLACEHOLDER = re.compile(r" *" + util.HTML_PLACEHOLDER % r"\d+" + r" *$")
_TIGHT, _LOOSE = "gfm-tight", "gfm-loose"
_REFERENCE = re.compile(r" {0,3}\[[^\]]+\]:")
_QUOTE_MARK = re.compile(r" {0,3}> ?")


def _placeholder(line: str) -> bool:
    """A line Python-Markdown's stash left for a block (a fenced code block)."""
    return _PLACEHOLDER.match(line) is not None


def _starts_block(line: str) -> bool:
    return interrupts_paragraph(line) or _placeholder(line)


@dataclass
class _Content:
    """The lines of a container (a list item, a block quote) read so far."""

    lines: list[str] = field(default_factory=list)
    fence: str | None = None  # the fence open in the content, if one is

    def add(self, line: str) -> None:
        """Append a line, keeping track of an open fence (so reading stays linear)."""
        if fence(line):
            ticks = line.strip()[:3]
            self.fence = None if self.fence == ticks else (self.fence or ticks)
        self.lines.append(line)


@dataclass
class _Item(_Content):
    marker: Marker | None = None
    closed: bool = False  # began empty and met a blank line: nothing more joins it

    @property
    def width(self) -> int:
        return self.marker.width if self.marker else 0


def _new_item(found: Marker) -> _Item:
    item = _Item(marker=found)
    if found.content:
        item.add(found.content)
    return item


def scan_list(lines: list[str], more: Callable[[], bool]) -> tuple[list[_Item], int, bool]:
    """Read the list that starts at ``lines[0]`` (GFM 5.2-5.3).

    Args:
        lines: the lines, the first one a list item's; ``more()`` appends the next block
            (after a blank line) and returns False when there is none.

    Returns:
        The items with their content lines (de-indented to the content column), the index
        of the first line after the list, and whether a blank line separates two items.
    """
    first = marker(lines[0])
    assert first is not None
    items = [_new_item(first)]
    blanks, loose, pos = 0, False, 1
    while pos < len(lines) or more():
        line, current = lines[pos], items[-1]
        if not line.strip():
            blanks += 1
            current.closed = current.closed or not current.lines
            if current.lines:
                current.lines.append("")
        else:
            item = marker(line)
            if not current.closed and indent(line) >= current.width:
                current.add(line[current.width :])
            elif item is not None and item.kind == first.kind:
                loose = loose or blanks > 0
                items.append(_new_item(item))
            elif blanks == 0 and item is None and _lazy(current, line):
                current.add(line)
            else:
                break
            blanks = 0
        pos += 1
    for done in items:
        while done.lines and not done.lines[-1].strip():
            done.lines.pop()
    return items, pos, loose


def _lazy(item: _Content, line: str) -> bool:
    """A lazy continuation line (GFM 5.1): the item's last block is an open paragraph."""
    content = item.lines
    if not content or not content[-1].strip() or _starts_block(line):
        return False
    last = content[-1]
    return not (item.fence or atx_heading(last) or thematic_break(last))


def loose_inside(content: list[str]) -> bool:
    """True when an item holds two blocks with a blank line between them (GFM 5.3)."""
    pos, seen = 0, False
    while pos < len(content):
        line = content[pos]
        if not line.strip():
            if seen:
                return True
            pos += 1
            continue
        seen = True
        if marker(line) is not None:
            _, end, _ = scan_list(content[pos:], lambda: False)
            pos += end
            if not content[pos - 1].strip() and pos < len(content):
                return True
        elif fence(line):
            close = next((n for n in range(pos + 1, len(content)) if fence(content[n])), None)
            pos = len(content) if close is None else close + 1
        else:
            pos += 1
            while pos < len(content) and content[pos].strip() and not _starts_block(content[pos]):
                pos += 1
    return False


class ListProcessor(BlockProcessor):
    """Lists as on GitHub: items nest at their content column (two spaces under ``- ``,
    three under ``1. ``), ``1)`` is a marker, a list is loose only when a blank line
    separates its items or two blocks of one item, and a change of marker starts a new list.
    Replaces Python-Markdown's ``olist``, ``ulist`` and ``indent`` processors."""

    def __init__(self, parser: BlockParser) -> None:
        super().__init__(parser)
        self.depth = 0

    def test(self, parent: etree.Element, block: str) -> bool:
        return self.depth < MAX_LIST_DEPTH and marker(block.split("\n", 1)[0]) is not None

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        lines = blocks.pop(0).split("\n")

        def more() -> bool:
            if not blocks:
                return False
            lines.extend(["", *blocks.pop(0).split("\n")])
            return True

        items, end, loose = scan_list(lines, more)
        rest = "\n".join(lines[end:]).strip("\n")
        if rest:
            blocks[0:0] = rest.split("\n\n")
        loose = loose or any(loose_inside(item.lines) for item in items)
        first = items[0].marker
        assert first is not None
        tag = "ul" if first.number is None else "ol"
        element = etree.SubElement(parent, tag)
        if first.number is not None and first.number != 1:
            element.set("start", str(first.number))
        for item in items:
            self._item(element, item.lines, loose)

    def _item(self, element: etree.Element, content: list[str], loose: bool) -> None:
        li = etree.SubElement(element, "li")
        fences = self.parser.md.preprocessors["fenced_code_block"]
        if any(fence(line) for line in content):
            content = fences.run(content)  # a fence that opens the item (``- ```)
        self.parser.state.set(_LOOSE if loose else _TIGHT)
        self.depth += 1
        try:
            self.parser.parseBlocks(li, "\n".join(content).split("\n\n"))
        finally:
            self.depth -= 1
            self.parser.state.reset()


class Paragraphs(ParagraphProcessor):
    """A paragraph ends where GitHub ends it: before a heading, rule, fence, quote, table
    or list item that may interrupt it (not ``2009. A year``, which stays text)."""

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        lines = blocks[0].split("\n")
        end = next(
            (n for n in range(1, len(lines)) if _starts_block(lines[n]) or _table_at(lines, n)),
            len(lines),
        )
        if _placeholder(lines[0]) and len(lines) > 1:
            end = 1
        if end < len(lines):
            blocks[0:1] = ["\n".join(lines[:end]), "\n".join(lines[end:])]
        if self.parser.state.isstate(_TIGHT):
            self.parser.state.set("list")  # Python-Markdown's own word for a tight list
            try:
                super().run(parent, blocks)
            finally:
                self.parser.state.reset()
        else:
            super().run(parent, blocks)


def _table_at(lines: list[str], row: int) -> bool:
    """A table starts at ``row``: a header row with the delimiter row right under it."""
    return row + 1 < len(lines) and "|" in lines[row] and table_delimiter(lines[row + 1])


class SetextHeadings(BlockProcessor):
    """``Title`` over ``===`` or ``---``: every line of the paragraph above the underline
    is the heading, as on GitHub (Python-Markdown takes only the last one)."""

    def test(self, parent: etree.Element, block: str) -> bool:
        return self._underline(block.split("\n")) is not None

    @staticmethod
    def _underline(lines: list[str]) -> int | None:
        first = lines[0]
        if _starts_block(first) or marker(first) is not None or indent(first) > 3:
            return None
        if _REFERENCE.match(first):
            return None  # a link definition is read first; the heading may follow it
        for number in range(1, len(lines)):
            if setext_underline(lines[number]):
                return number
            if _starts_block(lines[number]) or _table_at(lines, number):
                return None
        return None

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        lines = blocks.pop(0).split("\n")
        number = self._underline(lines)
        assert number is not None
        heading = etree.SubElement(parent, "h1" if "=" in lines[number] else "h2")
        heading.text = "\n".join(line.strip() for line in lines[:number])
        if number + 1 < len(lines):
            blocks.insert(0, "\n".join(lines[number + 1 :]))


class AtxHeadings(SaneHeadersProcessor):  # type: ignore[misc]
    """``# Title`` as on GitHub: up to three spaces before it, a space after the ``#``
    (so ``#1 priority`` is text, as with ``pymdownx.saneheaders``), an empty ``#``, and
    a closing run of ``#`` only after a space (``# C#`` keeps its ``#``)."""

    RE = re.compile(r"(?:^|\n) {0,3}(?P<level>#{1,6})(?= |\n|$)(?P<header>[^\n]*)(?:\n|$)")

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        block = blocks.pop(0)
        found = self.RE.search(block)
        assert found is not None
        before, after = block[: found.start()], block[found.end() :]
        if before:
            self.parser.parseBlocks(parent, [before])
        heading = etree.SubElement(parent, f"h{len(found.group('level'))}")
        heading.text = _heading_text(found.group("header"))
        if after:
            blocks.insert(0, after)


def _heading_text(raw: str) -> str:
    text = raw.strip()
    unclosed = text.rstrip("#")
    if not unclosed or unclosed.endswith(" "):
        return unclosed.strip()
    return text


class Quotes(BlockQuoteProcessor):
    """Block quotes as on GitHub (GFM 5.1): a line without ``>`` continues the quote only
    when it continues its paragraph, so a rule or a list under a quote ends it, and a
    lazy ``===`` is text, not a heading underline."""

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        lines = blocks[0].split("\n")
        start = next(n for n, line in enumerate(lines) if _QUOTE_MARK.match(line))
        inside = _Content()
        end = start
        for end in range(start, len(lines) + 1):
            if end == len(lines):
                break
            line = lines[end]
            quoted = _QUOTE_MARK.match(line)
            if quoted:
                inside.add(line[quoted.end() :])
            elif _lazy(inside, line) and not setext_underline(line):
                inside.add(line)
            elif _lazy(inside, line):
                inside.add("\\" + line.lstrip())  # text, not an underline
            else:
                break
        pieces = ["\n".join(lines[:start]), "\n".join(lines[start:end]), "\n".join(lines[end:])]
        blocks[0:1] = [piece for piece in pieces if piece]
        if pieces[0]:
            self.parser.parseBlocks(parent, [blocks.pop(0)])
        blocks[0] = "\n".join("> " + text for text in inside.lines)
        super().run(parent, blocks)
