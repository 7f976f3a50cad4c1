"""Running heads that fit their one line: the subject on the left, the version stamp on
the right, each shortened in Python at a word boundary with an ellipsis.

Shortening is done here, before templating, rather than with CSS ``text-overflow``:
WeasyPrint clips such text mid-word and keeps the clipped letters in the PDF's text layer
(in packets it even maps the ellipsis glyph to other text), so a reader or a search saw
words the page does not show. Widths are measured with the advance widths of the fonts
``templates/base.css`` gives the running head (DejaVu 2.37); a workspace that restyles it
with a wider font gets a wrapped line at worst, never a clipped one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

#: Paper sizes of ``briefgen.yaml``, (width, height) in points (CSS ``size`` keywords).
PAPER_POINTS: dict[str, tuple[float, float]] = {
    "letter": (612.0, 792.0),
    "a4": (595.28, 841.89),
}
#: Left plus right page margin of base.css (one inch each side), in points.
SIDE_MARGINS = 144.0
#: Font sizes of base.css's running head, in points: subject (italic serif), stamp (mono).
SUBJECT_SIZE = 9.0
STAMP_SIZE = 7.5
#: Space kept between subject and stamp, in points.
GAP = 18.0
#: The stamp may take at most this share of the line before it is shortened itself.
STAMP_SHARE = 0.55
ELLIPSIS = "\u2026"
#: Punctuation dropped before an ellipsis (hyphen, en and em dashes among it).
_TRAILING = " ,;:.-\u2013\u2014(/&"

#: DejaVu Serif Italic advance widths in 1/1000 em for " " (U+0020) to "~" (U+007E), read
#: from the font's hmtx table; other characters count as 1 em, the widest common glyphs.
# fmt: off
_SERIF_ITALIC = (
    318, 402, 460, 838, 636, 950, 890, 275, 390, 390, 500, 838, 318, 338, 318, 337,
    636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 536,
    1000, 722, 735, 765, 802, 730, 694, 799, 872, 395, 401, 747, 664, 1024, 875, 820,
    673, 820, 753, 685, 667, 843, 722, 1028, 712, 660, 695, 390, 337, 390, 838, 500,
    500, 596, 640, 560, 640, 592, 370, 640, 644, 320, 310, 606, 320, 948, 644, 602,
    640, 640, 478, 513, 402, 644, 565, 856, 564, 565, 527, 636, 337, 636, 838,
)
# fmt: on
#: DejaVu Sans Mono: every glyph is 1233/2048 em wide.
_MONO_EM = 0.602


def subject_width(text: str, size: float = SUBJECT_SIZE) -> float:
    """Width of ``text`` set in DejaVu Serif Italic at ``size`` points, in points."""
    thousandths = sum(
        _SERIF_ITALIC[ord(char) - 32] if 32 <= ord(char) < 127 else 1000 for char in text
    )
    return thousandths * size / 1000


def stamp_width(text: str, size: float = STAMP_SIZE) -> float:
    """Width of ``text`` set in DejaVu Sans Mono at ``size`` points, in points."""
    return len(text) * _MONO_EM * size


def line_width(paper: str) -> float:
    """Width of the text block on ``paper`` (``letter`` or ``a4``), in points."""
    return PAPER_POINTS[paper][0] - SIDE_MARGINS


def shorten(text: str, width: float, measure: Callable[[str], float] = subject_width) -> str:
    """Cut ``text`` to fit ``width`` points, at a word boundary, ending in an ellipsis.

    Text that fits is returned unchanged. Words are separated by spaces; punctuation
    before the cut goes (``Pace of the US, …`` would read badly). A first word too long
    for the width is the one case cut inside a word.
    """
    text = " ".join(text.split())
    if measure(text) <= width:
        return text
    words = text.split(" ")
    for count in range(len(words) - 1, 0, -1):
        kept = " ".join(words[:count]).rstrip(_TRAILING)
        if kept and measure(kept + ELLIPSIS) <= width:
            return kept + ELLIPSIS
    cut = text
    while cut and measure(cut + ELLIPSIS) > width:
        cut = cut[:-1]
    return cut + ELLIPSIS


def shorten_stamp(stamp: str, width: float) -> str:
    """Fit a version stamp (``options/x.yaml @ 1a2b3c4 (2008-12-09)``) to ``width`` points.

    The folders of the path go first (``…/x.yaml @ ...``): the file name, commit and
    date are what identify the version. What still does not fit is cut at a word.
    """
    if stamp_width(stamp) <= width:
        return stamp
    path, sep, rest = stamp.partition(" ")
    if "/" in path:
        stamp = f"{ELLIPSIS}/{path.rsplit('/', 1)[1]}{sep}{rest}"
    return shorten(stamp, width, stamp_width)


@dataclass(frozen=True)
class RunningHead:
    """The text of one running head, already shortened to fit its line.

    Attributes:
        subject: the memo's subject (title), shortened at a word boundary.
        stamp: the version stamp, shortened from its folders.
        label: the tab label printed before the subject (``Tab 1``, ``TAB A``), or "".
    """

    subject: str
    stamp: str
    label: str = ""


def running_head(subject: str, stamp: str, *, paper: str, label: str = "") -> RunningHead:
    """Fit a running head to one line of ``paper``.

    Args:
        subject: the full subject (memo title, or a tab's title).
        stamp: the full version stamp, printed on the right; "" for none.
        paper: ``letter`` or ``a4`` (``briefgen.yaml``).
        label: a tab label printed first, in full.

    Returns:
        The :class:`RunningHead`. When both do not fit, the stamp keeps what the whole
        subject leaves, or 55% of the line if that is more; the subject takes the rest.

    Raises:
        KeyError: an unknown paper size (settings are validated before rendering).
    """
    # Labels print upright and bold: count them a tenth wider than italic.
    room = line_width(paper) - (subject_width(label + " ") * 1.1 if label else 0.0)
    if stamp:
        # The stamp may take what a short subject leaves, and at least its share.
        wanted = room - GAP - subject_width(" ".join(subject.split()))
        stamp = shorten_stamp(stamp, max(wanted, line_width(paper) * STAMP_SHARE))
        room -= stamp_width(stamp) + GAP
    return RunningHead(shorten(subject, room), stamp, label)
