"""Text for the Markdown memo: plain text escaped so it prints as typed, Markdown fields
made safe (raw HTML as text, only web links, headings below the memo's own) and fitted
into list items and table cells.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from urllib.parse import urlsplit

from briefgen.markdown.lines import indent, interrupts_paragraph, marker, setext_underline
from briefgen.markdown.policy import image_source_allowed, link_allowed
from briefgen.markdown.scan import (
    AUTOLINK,
    CODE_SPAN,
    DESTINATION,
    FENCE,
    REFERENCE_DEF,
    destination,
    is_definition,
)

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~])")
_MD_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+(?=[.)]))", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """Escape plain text so that Markdown prints it exactly as typed.

    Args:
        text: a plain-text field (title, name, id, office, source field).

    Returns:
        The text with Markdown and HTML punctuation backslash-escaped (CommonMark allows a
        backslash before any ASCII punctuation).
    """
    # Line breaks in plain text collapse to spaces, as they do in the HTML memo; kept,
    # they would break the table or list the text sits in.
    escaped = _MD_SPECIAL.sub(r"\\\1", " ".join(text.split("\n")))
    return _MD_LINE_START.sub(lambda m: m.group(1) + _escape_lead(m.group(2)), escaped)


def _escape_lead(lead: str) -> str:
    return lead + "\\" if lead.isdigit() else "\\" + lead


def markdown_url(url: str) -> str:
    """Print a URL in Markdown: an autolink ``<...>`` for a web or mail address, escaped
    text for anything else (``javascript:`` never becomes a live link)."""
    if link_allowed(url) and not url.startswith("#") and re.fullmatch(r"[^\s<>]+", url):
        return f"<{url}>"
    return escape_markdown(url)


#: A ``<`` that would open raw HTML: not an angle-bracket link destination, not a web
#: autolink (``<https://...>``).
_HTML_TAG = re.compile(r"(?<!\]\()<(?=[A-Za-z/!?])(?!(?:https?|mailto):)")
#: An ATX heading, also inside block quotes and list items (``> # Title``, ``- # Title``);
#: possessive repeats, so a long run of markers cannot make it backtrack.
_ATX_HEADING = re.compile(
    r"^((?: {0,3}> ?)*+(?: {0,3}(?:[-+*]|\d{1,9}[.)]) ++)*+ {0,3})(#{1,6})(?=\s|$)"
)
#: ``<local@domain>``: an e-mail autolink (GFM 6.5).
_MAIL_AUTOLINK = re.compile(r"<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]++@[A-Za-z0-9.-]++)>")
_INLINE_LINK = re.compile(r"(!?)(\]\(\s*)(<[^<>\n]*>|" + DESTINATION + ")")


def markdown_source(text: str, *, heading_offset: int = 3) -> str:
    """Make a Markdown field safe to embed in the Markdown memo, as the HTML memo does.

    Raw HTML tags are shown as text (``<`` becomes ``&lt;``), links keep only the
    ``http``, ``https`` and ``mailto`` schemes, and headings move down ``heading_offset``
    levels (at most to ``######``) so they never outrank the memo's own sections. Code
    fences and code spans are left as written.

    Args:
        text: a Markdown field as the user wrote it.
        heading_offset: how many levels user headings move down (3: ``#`` -> ``####``).

    Returns:
        The Markdown, trimmed of leading and trailing blank lines.
    """
    lines: list[str] = []
    paragraph: list[int] = []  # where the open paragraph starts in ``lines``, if one is
    in_fence = False
    for line in text.strip("\n").rstrip().split("\n"):
        if FENCE.match(line):
            in_fence = not in_fence
            lines.append(line)
            paragraph.clear()
        elif in_fence:
            lines.append(line)
        else:
            demoted = _demote(line, lines, paragraph, heading_offset)
            if demoted is not None:
                lines.append(demoted)
    joined = "\n".join(lines)
    pieces = re.split(
        r"(^ {0,3}(?:```|~~~)[\s\S]*?^ {0,3}(?:```|~~~)[^\n]*$)", joined, flags=re.MULTILINE
    )
    return "".join(
        piece if index % 2 else _outside_code(piece) for index, piece in enumerate(pieces)
    )


def _demote(line: str, done: list[str], paragraph: list[int], offset: int) -> str | None:
    """Move an ATX heading down ``offset`` levels; a setext underline (``===``/``---``
    under a paragraph) turns the paragraph's lines into one ATX heading and disappears.

    ``paragraph`` holds the index in ``done`` where the open paragraph starts (GFM 4.3:
    every line of it is the heading), or nothing; it is updated here."""
    plain = line.strip() and indent(line) < 4 and not _opens_block(line)
    if paragraph and setext_underline(line):
        start = paragraph.pop()
        level = 1 if "=" in line else 2
        text = " ".join(previous.strip() for previous in done[start:])
        done[start:] = ["#" * min(6, level + offset) + " " + text]
        return None
    if not line.strip() or not plain:
        paragraph.clear()
    elif not paragraph:
        paragraph.append(len(done))
    return _ATX_HEADING.sub(lambda m: m.group(1) + "#" * min(6, len(m.group(2)) + offset), line)


def _opens_block(line: str) -> bool:
    return interrupts_paragraph(line) or marker(line) is not None or line.lstrip().startswith("|")


def _outside_code(text: str) -> str:
    result: list[str] = []
    position = 0
    for span in CODE_SPAN.finditer(text):
        result.append(_neutralise(text[position : span.start()]))
        result.append(span.group(0))
        position = span.end()
    result.append(_neutralise(text[position:]))
    return "".join(result)


def _neutralise(text: str) -> str:
    text = REFERENCE_DEF.sub(_safe_target, text)
    text = _INLINE_LINK.sub(_safe_target, text)
    pieces: list[str] = []
    position = 0
    for found in _autolinks(text):
        pieces.append(_HTML_TAG.sub("&lt;", text[position : found.start()]))
        pieces.append(_autolink(found))
        position = found.end()
    pieces.append(_HTML_TAG.sub("&lt;", text[position:]))
    return "".join(pieces)


def _autolinks(text: str) -> list[re.Match[str]]:
    found = [*AUTOLINK.finditer(text), *_MAIL_AUTOLINK.finditer(text)]
    found.sort(key=lambda m: m.start())
    kept: list[re.Match[str]] = []
    for match in found:
        if not kept or match.start() >= kept[-1].end():
            kept.append(match)
    return kept


def _autolink(match: re.Match[str]) -> str:
    """Keep an autolink the policy allows (web and mail addresses); show any other as
    text, ``<`` escaped, so ``<javascript:...>`` never becomes a link."""
    if match.re is _MAIL_AUTOLINK or link_allowed(match.group(1)):
        return match.group(0)
    return "&lt;" + match.group(0)[1:]


#: Decides, while one memo is written, whether a local image file may stay referenced
#: (the renderer sets it: the same policy as for the HTML memo, see :func:`images_judged_by`).
_IMAGE_GATE: ContextVar[Callable[[str], bool] | None] = ContextVar("image_gate", default=None)


@contextmanager
def images_judged_by(gate: Callable[[str], bool]) -> Iterator[None]:
    """Inside the block, a local image source (no scheme) stays in the Markdown memo only
    when ``gate(source)`` is true, so the memo never shows an image the PDF refused."""
    token = _IMAGE_GATE.set(gate)
    try:
        yield
    finally:
        _IMAGE_GATE.reset(token)


def _image_kept(target: str) -> bool:
    gate = _IMAGE_GATE.get()
    local = not urlsplit(target).scheme and not target.startswith("//")
    return image_source_allowed(target) and (gate is None or not local or gate(target))


def _safe_target(match: re.Match[str]) -> str:
    """Keep an allowed destination; replace any other by an inert ``#blocked``. Images
    keep web and ``data:image`` sources and the paths the renderer's policy allows."""
    if match.re is REFERENCE_DEF and not is_definition(match):
        return match.group(0)
    written = match.group(match.lastindex or 0)
    prefix = match.group(0)[: len(match.group(0)) - len(written)]
    target = destination(written.removeprefix("<").removesuffix(">"))
    image = match.re is _INLINE_LINK and _is_image(match)
    allowed = _image_kept(target) if image else link_allowed(target)
    return match.group(0) if allowed else prefix + "#blocked"


def _is_image(match: re.Match[str]) -> bool:
    """True when the ``](`` of this match closes ``![alt`` rather than ``[text``."""
    before = match.string[: match.start(2)]
    opening = before.rfind("[")
    return opening > 0 and before[opening - 1] == "!"


def markdown_block(text: str, indent: int) -> str:
    """Embed a Markdown field in the Markdown memo, indenting the lines after the first by
    ``indent`` spaces so a multi-line value stays inside its list item."""
    pad = " " * indent
    lines = markdown_source(text).split("\n")
    return "\n".join([lines[0], *[(pad + line) if line.strip() else "" for line in lines[1:]]])


def markdown_cell(text: str) -> str:
    """Fit a Markdown value into one pipe-table cell: no line breaks, ``|`` escaped."""
    lines = [line.strip() for line in markdown_source(text).splitlines() if line.strip()]
    return "<br>".join(lines).replace("|", "\\|")
