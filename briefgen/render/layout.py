"""The memo's shape, decided in Python: which tabs follow the memo proper, what the
running heads say, and how much of each option the one compact table shows.

Action-memo practice (State Department Executive Secretariat; see the README) keeps the
memo itself to two pages and moves detail into tabs. Text that must fit a width is
shortened here, at a word boundary, because CSS would cut it mid-word.
"""

from __future__ import annotations

import html
import re
import textwrap
from dataclasses import dataclass

import nh3

from briefgen.markdown.html import markdown_inline
from briefgen.schema.option_set import Option, OptionSet
from briefgen.schema.settings import WorkspaceSettings
from briefgen.schema.vocabulary import STANCE_VALUES

#: Tab keys in the order the tabs follow the memo, with their titles.
TAB_TITLES = {
    "options": "Options in detail",
    "analysis": "Analysis",
    "stakeholders": "Stakeholders and stances",
    "risks": "Risk register",
    "sources": "Sources",
}
#: Width of the text column (page less one-inch margins), in points.
MEASURE_PT = {"letter": 8.5 * 72 - 144, "a4": 595.3 - 144}
#: Average advance of running-head text, in em: 9 pt italic serif for the subject and
#: bold sans for the tab label, measured on title-case text (capitals are wide).
SUBJECT_EM, LABEL_EM = 0.56, 0.62
RUNNING_HEAD_PT = 9.0
#: Space kept between the subject and the tab label, in points.
GUTTER_PT = 24.0
#: More option columns than this and a matrix goes on a landscape page of its tab.
PORTRAIT_COLUMNS = 4
#: Characters of summary the compact options table shows for all options together,
#: and the least any one option gets (about three lines of its column).
SUMMARY_BUDGET, SUMMARY_LEAST = 1000, 120
#: Table text: its size as a share of the body size, its line height, and the average
#: advance of the condensed serif, in em (measured on the demo memos' text).
TABLE_SIZE, TABLE_LINE, TABLE_EM = 0.83, 1.2, 0.47
#: Page height less one-inch margins, in points.
TEXT_HEIGHT_PT = {"letter": 11 * 72 - 144, "a4": 841.9 - 144}
#: A table row whose text may fill more than this share of a page is allowed to split
#: across pages. WeasyPrint lays out a ``break-inside: avoid`` row taller than a page
#: without its header row and borders, so a row that might be is never held whole.
TALL_ROW_PAGES = 0.6
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])")


@dataclass(frozen=True)
class Tab:
    """An attachment of the memo: ``label`` from the settings ("Tab 1", "TAB A")."""

    key: str
    label: str
    title: str
    anchor: str
    running_subject: str

    @property
    def heading(self) -> str:
        """What the tab's heading and bookmark say: ``Tab 1 — Options in detail``."""
        return f"{self.label} \N{EM DASH} {self.title}"


def memo_tabs(
    memo: OptionSet, settings: WorkspaceSettings, id_prefix: str = "", *, analysis: bool = True
) -> list[Tab]:
    """The tabs this option set has, numbered in order (a tab with nothing to show is
    left out, and the next takes its number); ``analysis`` False leaves out the
    Analysis tab (``--no-analysis``)."""
    present = {
        "options": bool(memo.options),
        "analysis": analysis
        and bool(memo.options)
        and bool(memo.criteria or memo.stakeholders or any(o.risks for o in memo.options)),
        "stakeholders": bool(memo.stakeholders),
        "risks": any(option.risks for option in memo.options),
        "sources": bool(memo.sources),
    }
    keys = [key for key in TAB_TITLES if present[key]]
    tabs = []
    for number, key in enumerate(keys, 1):
        label = settings.tab_label(number)
        heading = f"{label} \N{EM DASH} {TAB_TITLES[key]}"
        subject = shorten(memo.title, subject_chars(settings, heading))
        tabs.append(Tab(key, label, TAB_TITLES[key], f"{id_prefix}tab-{key}", subject))
    return tabs


def subject_chars(settings: WorkspaceSettings, label: str = "") -> int:
    """How many characters of the subject fit the running head beside ``label``."""
    room = MEASURE_PT[settings.paper] - (
        len(label) * LABEL_EM * RUNNING_HEAD_PT + GUTTER_PT if label else 0
    )
    return max(12, int(room / (SUBJECT_EM * RUNNING_HEAD_PT)))


def shorten(text: str, limit: int) -> str:
    """Shorten ``text`` to at most ``limit`` characters at a word boundary, ending in an
    ellipsis; text that fits comes back with its white space collapsed.

    A first word longer than ``limit`` is kept whole: a word is never cut.
    """
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    wrapper = textwrap.TextWrapper(
        width=max(limit - 1, 1), break_long_words=False, break_on_hyphens=False
    )
    head = wrapper.wrap(flat)[0]
    return head.rstrip(",;:\N{EM DASH}\N{EN DASH}-") + "\N{HORIZONTAL ELLIPSIS}"


def plain_text(markdown: str) -> str:
    """The words of an inline Markdown field, without markup."""
    return html.unescape(nh3.clean(str(markdown_inline(markdown)), tags=set()))


def summary_brief(memo: OptionSet, option: Option) -> str:
    """The summary as the compact options table shows it: whole when it fits the table's
    share for each option, else its first sentence, else that shortened."""
    limit = max(SUMMARY_LEAST, SUMMARY_BUDGET // max(len(memo.options), 1))
    text = " ".join(plain_text(option.summary).split())
    if len(text) <= limit:
        return text
    first = _SENTENCE_END.split(text, maxsplit=1)[0]
    return first if len(first) <= limit else shorten(first, limit)


@dataclass(frozen=True)
class Support:
    """How the stakeholders stand on one option, counted."""

    backing: int
    opposing: int
    others: int

    def __str__(self) -> str:
        return f"{self.backing} for, {self.opposing} against"


def support(option: Option) -> Support:
    """Count the stakeholders for (support, strongly support) and against (oppose,
    strongly oppose) an option; neutral and unknown count as others."""
    values = [STANCE_VALUES.get(p.stance, 0) for p in option.positions.values()]
    backing = sum(value > 0 for value in values)
    opposing = sum(value < 0 for value in values)
    return Support(backing, opposing, len(values) - backing - opposing)


def tall_row(settings: WorkspaceSettings, share: float, *texts: str | None) -> bool:
    """Whether a table row may be nearly a page tall: ``texts`` (its longest cell's
    fields) set in a column ``share`` (0-1) of the text width."""
    size = TABLE_SIZE * settings.font_size
    per_line = share * MEASURE_PT[settings.paper] / (TABLE_EM * size)
    lines = sum(len(text) for text in texts if text) / per_line
    return lines * size * TABLE_LINE > TALL_ROW_PAGES * TEXT_HEIGHT_PT[settings.paper]


def is_wide(memo: OptionSet) -> bool:
    """Whether the options-across matrices need a landscape page."""
    return len(memo.options) > PORTRAIT_COLUMNS
