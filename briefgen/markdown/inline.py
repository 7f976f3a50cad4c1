"""Inline processors that make Python-Markdown read text as GitHub does (GFM spec,
sections 6.1, 6.5, 6.7 and 6.12), and a tree processor for escaped pipes in tables.

Each rule is one class, tested in ``tests/test_markdown_rules.py``.
"""

from __future__ import annotations

import re
import string
from urllib.parse import quote
from xml.etree import ElementTree as etree  # noqa: N813 (Python-Markdown's own name)

from markdown import Markdown, util
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from pymdownx.magiclink import MagiclinkPattern

#: GFM 6.1: a backslash escapes any ASCII punctuation character.
ESCAPABLE = tuple(string.punctuation)
#: GFM 6.5: ``<scheme:...>`` with a scheme of 2 to 32 characters, no spaces or ``<>``.
ANGLE_URL = r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>"
#: GFM 6.5: ``<local@domain>``, the e-mail form of the HTML standard.
ANGLE_MAIL = (
    r"<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>"
)
#: GFM 6.9: a bare web address is a link only at the start of a line or after a space or one
#: of ``*_~(`` (``pymdownx.magiclink`` also accepts quotes, which would link the address in
#: ``<iframe src="https://...">`` typed as text). ``\x03`` ends a stashed placeholder.
BARE_URL = r"(?xi)(?<![^\s*_~(\x03])(?:(?:ht|f)tps?://|(?P<www>w{3}\.))"
#: GFM 6.7: a backslash at the end of a line (not of the paragraph) is a hard line break.
BACKSLASH_BREAK = r"\\\n"


class AngleAutolink(InlineProcessor):
    """``<https://...>`` and any other ``<scheme:...>`` is a link, its text as typed
    (the link policy later keeps or drops the target). Replaces ``autolink``."""

    def handleMatch(  # type: ignore[override]  # noqa: N802
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element, int, int]:
        link = etree.Element("a")
        link.set("href", quote(m.group(1), safe="/:?#[]@!$&'()*+,;=%~-._"))
        link.text = util.AtomicString(m.group(1))
        return link, m.start(0), m.end(0)


class AngleMail(InlineProcessor):
    """``<name@example.org>`` is a ``mailto:`` link. Replaces ``automail``."""

    def handleMatch(  # type: ignore[override]  # noqa: N802
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element, int, int]:
        link = etree.Element("a")
        link.set("href", "mailto:" + m.group(1))
        link.text = util.AtomicString(m.group(1))
        return link, m.start(0), m.end(0)


class BackslashBreak(InlineProcessor):
    """``line\\`` followed by another line is a ``<br>``, as two trailing spaces are."""

    def handleMatch(  # type: ignore[override]  # noqa: N802
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element, int, int]:
        return etree.Element("br"), m.start(0), m.end(0)


class TablePipes(Treeprocessor):
    """GFM 4.10: ``\\|`` in a table cell is a ``|``, inside code spans too (the table is
    split on pipes before the cell's text is read). Runs before inline parsing."""

    def run(self, root: etree.Element) -> None:
        for cell in root.iter():
            if cell.tag in {"td", "th"} and cell.text and "\\|" in cell.text:
                cell.text = cell.text.replace("\\|", "|")


def register(md: Markdown) -> None:
    """Add the inline rules above to ``md``, in place of Python-Markdown's own."""
    md.ESCAPED_CHARS = list(dict.fromkeys([*md.ESCAPED_CHARS, *ESCAPABLE]))
    patterns = md.inlinePatterns
    if "magic-link" in patterns:
        bare = MagiclinkPattern(BARE_URL, md)
        bare.config = patterns["magic-link"].config  # type: ignore[attr-defined]
        patterns.register(bare, "magic-link", 85)
    if "magic-mail" in patterns:
        # GitHub links an address in the text left after emphasis: `_A_@_.A` is no address.
        patterns.register(patterns["magic-mail"], "magic-mail", 45)
    patterns.register(AngleAutolink(ANGLE_URL, md), "autolink", 120)
    patterns.register(AngleMail(ANGLE_MAIL, md), "automail", 110)
    patterns.register(BackslashBreak(BACKSLASH_BREAK, md), "backslash_break", 185)
    md.treeprocessors.register(TablePipes(md), "table_pipes", 25)
