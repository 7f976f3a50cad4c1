"""The page budget of the memo proper: how far past its ``page_limit`` it runs, and why.

Action-memo practice gives the memo itself a firm two-page budget (State Department
Executive Secretariat; see ``page_limit`` in docs/format.md); the tabs after it have none.
The memo template marks the start of each section of the memo proper and its end with
element ids; after printing, their places on the pages say how long each section is.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass

from briefgen.messages import describe
from briefgen.schema.settings import WorkspaceSettings

#: Sections of the memo proper, in print order: element id -> the name a warning uses.
MEMO_SECTIONS = {
    "memo-head": "header block",
    "changes": "changes",
    "question": "issue for decision",
    "bluf": "BLUF",
    "background": "background",
    "glance": "options table",
    "recommendation": "recommendation",
    "coordination": "clearances",
    "attachments": "attachments",
}
#: The element id at the very end of the memo proper.
MEMO_END = "memo-end"
#: Page height and the top and bottom margins (one inch each), in points.
PAGE_HEIGHT_PT = {"letter": 11 * 72, "a4": 841.9}
MARGIN_PT = 72.0
#: Body line height as a multiple of the font size (``line-height`` in memo.css).
LINE_HEIGHT = 1.15
#: How many of the largest sections a warning names.
NAMED_SECTIONS = 3


@dataclass(frozen=True)
class Geometry:
    """The text area of a page: its top (points from the page top), its height and the
    height of one body line, in points."""

    top: float
    height: float
    line: float

    @classmethod
    def of(cls, settings: WorkspaceSettings) -> Geometry:
        """The geometry the default stylesheet gives ``settings``' paper and font size."""
        height = PAGE_HEIGHT_PT[settings.paper] - 2 * MARGIN_PT
        return cls(MARGIN_PT, height, settings.font_size * LINE_HEIGHT)

    def flow(self, page: int, y: float) -> float:
        """Points of text from the start of page 1 to ``y`` points down page ``page``."""
        return (page - 1) * self.height + min(max(y - self.top, 0.0), self.height)


def page_budget_warning(
    positions: Mapping[str, tuple[int, float]],
    limit: int | None,
    geometry: Geometry,
    prefix: str = "",
) -> str | None:
    """Say how far the memo proper runs past ``limit`` pages, or None when it fits.

    Args:
        positions: element id -> (page, points from the page top), as printed
            (see :func:`briefgen.render.pdf.anchor_positions`).
        limit: the page budget (None: no limit).
        geometry: the page's text area.
        prefix: what the template put before each element id (packets).

    Returns:
        One warning line, "message; hint", naming how far over it runs (in lines when
        less than a page, else in pages) and the largest sections; None when it fits or
        the end of the memo proper is not marked (a user template without the ids).
    """
    end = positions.get(prefix + MEMO_END)
    if limit is None or end is None or end[0] <= limit:
        return None
    over = geometry.flow(*end) - limit * geometry.height
    context = {
        "pages": end[0],
        "limit": limit,
        "lines": math.ceil(over / geometry.line),
        "over": f"{over / geometry.height:.1f}",
        "sections": ", ".join(
            f"{name} ({lines} lines)"
            for name, lines in section_lines(positions, geometry, prefix)[:NAMED_SECTIONS]
        ),
    }
    kind = "page_budget_lines" if over < geometry.height else "page_budget_pages"
    message, hint = describe(kind, context)
    return f"{message}; {hint}"


def section_lines(
    positions: Mapping[str, tuple[int, float]], geometry: Geometry, prefix: str = ""
) -> list[tuple[str, int]]:
    """The sections of the memo proper with their length in body lines, longest first."""
    marks = [
        (name, geometry.flow(*positions[prefix + key]))
        for key, name in [*MEMO_SECTIONS.items(), (MEMO_END, "")]
        if prefix + key in positions
    ]
    lengths = [
        (name, round((following - start) / geometry.line))
        for (name, start), (_, following) in itertools.pairwise(marks)
    ]
    return sorted(lengths, key=lambda item: -item[1])
