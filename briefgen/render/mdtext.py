"""Text for the Markdown memo: plain text escaped so it prints as typed, Markdown fields
made safe (raw HTML as text, only web links, headings below the memo's own) and fitted
into list items and table cells.
"""

from __future__ import annotations

import re

from briefgen.outline import CODE_SPAN, URL_SCHEMES

_FENCE = re.compile(r"^\s*(```|~~~)")
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
    """Print a URL in Markdown as an autolink ``<...>`` when it can be one, else escaped."""
    return f"<{url}>" if re.fullmatch(r"[^\s<>]+", url) else escape_markdown(url)


_HTML_TAG = re.compile(r"<(?=[A-Za-z/!?])")
_ATX_HEADING = re.compile(r"^( {0,3})(#{1,6})(?=\s|$)")
_LINK_SCHEME = re.compile(r"(\]\(\s*<?)([A-Za-z][A-Za-z0-9+.-]*):")


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
    in_fence = False
    for line in text.strip("\n").rstrip().split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            lines.append(line)
            continue
        lines.append(
            line
            if in_fence
            else _ATX_HEADING.sub(
                lambda m: m.group(1) + "#" * min(6, len(m.group(2)) + heading_offset), line
            )
        )
    joined = "\n".join(lines)
    pieces = re.split(
        r"(^ {0,3}(?:```|~~~)[\s\S]*?^ {0,3}(?:```|~~~)[^\n]*$)", joined, flags=re.MULTILINE
    )
    return "".join(
        piece if index % 2 else _outside_code(piece) for index, piece in enumerate(pieces)
    )


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
    text = _HTML_TAG.sub("&lt;", text)
    return _LINK_SCHEME.sub(
        lambda m: m.group(0) if m.group(2).lower() in URL_SCHEMES else m.group(1) + "#blocked-",
        text,
    )


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
