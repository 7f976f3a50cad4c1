"""Checks on a laid-out memo that reading the PDF back cannot make: words broken inside a
letter sequence, and text that runs out of its table cell or off the page.

They walk WeasyPrint's box tree of the memo's HTML (the very document the PDF is printed
from), where each line and each piece of text has its place.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from weasyprint import HTML
from weasyprint.formatting_structure import boxes

#: A token this long (a URL, a run-together word) may break where it must.
LONG_TOKEN = 20
#: Characters after which a line may end inside a token (UAX #14 break opportunities).
BREAK_AFTER = "-/–—?&=._"


def layout(html: str) -> Any:
    """Lay out an HTML memo; the document's pages hold the box trees."""
    return HTML(string=html, base_url="/nonexistent/").render()


def _walk(box: Any, ancestors: tuple[Any, ...] = ()) -> Iterator[tuple[Any, tuple[Any, ...]]]:
    yield box, ancestors
    for child in getattr(box, "children", ()):
        yield from _walk(child, (*ancestors, box))


def _line_text(line: Any) -> str:
    return "".join(b.text for b in line.descendants() if isinstance(b, boxes.TextBox))


def broken_words(document: Any) -> list[str]:
    """Words split over two lines inside a letter sequence (``Mediu`` / ``m``), as
    ``"Mediu|m"``; tokens of ``LONG_TOKEN`` characters or more, and breaks after a
    hyphen or slash, are allowed."""
    found = []
    for page in document.pages:
        for box, _ in _walk(page._page_box):
            lines = [c for c in getattr(box, "children", ()) if isinstance(c, boxes.LineBox)]
            texts = [_line_text(line).strip() for line in lines]
            for before, after in itertools.pairwise(texts):
                if not before or not after or before[-1] in BREAK_AFTER:
                    continue
                if before[-1].isalnum() and after[0].isalnum():
                    head, tail = before.split()[-1], after.split()[0]
                    if _is_one_token(box, head, tail) and len(head + tail) < LONG_TOKEN:
                        found.append(f"{head}|{tail}")
    return found


def _is_one_token(box: Any, head: str, tail: str) -> bool:
    """Whether ``head`` + ``tail`` are one token of the element's own text (not two
    words that a line break separated)."""
    element = box.element
    if element is None:
        return False
    words = _text(element).lower().split()
    head, tail = head.lower(), tail.lower()
    joined = head + tail
    return any(joined in word for word in words) and not any(
        word.endswith(head) and nxt.startswith(tail) for word, nxt in itertools.pairwise(words)
    )


def _text(element: Any) -> str:
    """An element's text, a line break (``<br>``) counting as a space."""
    parts = [" " if element.tag.endswith("br") else "", element.text or ""]
    for child in element:
        parts += [_text(child), child.tail or ""]
    return "".join(parts)


def overflowing_text(document: Any, tolerance: float = 1.0) -> list[str]:
    """Text that reaches past the right edge of its block (a table cell, a margin box)
    or of the page: ``"page 3: 'Moderate' by 4.2 px"``."""
    found = []
    for number, page in enumerate(document.pages, 1):
        page_right = page.width
        for box, ancestors in _walk(page._page_box):
            if not isinstance(box, boxes.TextBox) or not box.text.strip():
                continue
            right = box.position_x + box.width
            block = next(
                (a for a in reversed(ancestors) if isinstance(a, boxes.BlockContainerBox)), None
            )
            limit = page_right
            if block is not None:
                limit = min(limit, block.content_box_x() + block.width)
            if right > limit + tolerance:
                found.append(f"page {number}: {box.text.strip()!r} by {right - limit:.1f} px")
    return found
