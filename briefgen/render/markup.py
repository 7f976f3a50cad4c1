"""Text from an option set, made safe for each output: Markdown fields to sanitised HTML,
plain-text fields escaped for Markdown output.

Long-text fields are Markdown as GitHub readers write it. Python-Markdown differs from
GitHub in a few places; :func:`github_prepass` closes the gaps that matter in memos.
Raw HTML in user text is never passed on as markup: Python-Markdown's raw-HTML handlers
are removed, so ``<b>`` prints as typed, and the result is sanitised with nh3 on an
allow-list of what Markdown itself produces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

#: Tags Python-Markdown (with the extensions below) produces; nothing else survives.
ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "em",
        "strong",
        "code",
        "pre",
        "blockquote",
        "a",
        "img",
        "ul",
        "ol",
        "li",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "h4",
        "h5",
        "h6",
        "del",
        "sup",
        "sub",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}
#: Link schemes allowed in user text (relative links and #fragments are allowed too).
URL_SCHEMES = frozenset({"http", "https", "mailto"})

_OL_START = re.compile(r'<ol start="(\d{1,9})">')
_FENCE = re.compile(r"^\s*(```|~~~)")
_LIST_ITEM = re.compile(r"^(?P<indent> *)(?P<marker>[-*+]|\d{1,9}[.)])(?P<gap> +)(?P<rest>\S.*)$")
_TABLE_ROW = re.compile(r"^\s*\|")
#: Python-Markdown nests blocks at multiples of this many spaces; GitHub at the content column.
_NEST = 4


def github_prepass(text: str) -> str:
    """Rewrite GitHub-style Markdown into the shape Python-Markdown reads the same way.

    Two differences are closed here (each is tested in ``tests/test_markup.py``):

    * GitHub starts a list or table right after a paragraph line; Python-Markdown needs a
      blank line first, so one is inserted;
    * GitHub nests a block under a list item when it is indented to the item's content
      column (two spaces after ``-``, three after ``1.``); Python-Markdown needs four
      spaces per level, so list blocks are re-indented.

    Args:
        text: Markdown source.

    Returns:
        Equivalent Markdown for Python-Markdown; fenced code is left untouched.
    """
    result: list[str] = []
    columns: list[int] = []  # content column of each open list item, outermost first
    fence_shift: int | None = None  # re-indentation applied to the open code fence
    loose = False  # the current item already holds a paragraph after a blank line
    for line in text.replace("\r\n", "\n").split("\n"):
        if fence_shift is not None:
            result.append(_shift(line, fence_shift))
            if _FENCE.match(line):
                fence_shift = None
            continue
        previous = result[-1] if result else ""
        item = _LIST_ITEM.match(line)
        after_paragraph = (
            previous.strip() and not _LIST_ITEM.match(previous) and not _TABLE_ROW.match(previous)
        )
        if after_paragraph and (_TABLE_ROW.match(line) or (item and (not columns or loose))):
            result.append("")
            previous = ""
        if item:
            loose = False
        elif columns and line.strip() and not previous.strip():
            loose = True
        new_line = _reindent(line, item, columns, blank_before=not previous.strip())
        if _FENCE.match(line):
            fence_shift = _indent(new_line) - _indent(line)
        result.append(new_line)
    return "\n".join(result)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _shift(line: str, by: int) -> str:
    if by >= 0:
        return " " * by + line if line.strip() else line
    return line[min(-by, _indent(line)) :]


def _reindent(
    line: str, item: re.Match[str] | None, columns: list[int], *, blank_before: bool
) -> str:
    """Re-indent one line of a list block to Python-Markdown's four spaces per level."""
    if not line.strip():
        return line
    indent = _indent(line)
    if item is not None:
        while columns and indent < columns[-1]:
            columns.pop()
        depth = len(columns)
        columns.append(indent + len(item["marker"]) + len(item["gap"]))
        return " " * (_NEST * depth) + item["marker"] + " " + item["rest"]
    owners = [level for level, column in enumerate(columns) if indent >= column]
    if not owners:
        if blank_before:
            columns.clear()  # an unindented paragraph after a blank line ends the list
        return line
    level = owners[-1]
    return " " * (_NEST * (level + 1) + indent - columns[level]) + line.lstrip(" ")


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    converter = markdown.Markdown(
        extensions=["tables", "pymdownx.superfences", "pymdownx.tilde", "sane_lists", "toc"],
        extension_configs={
            # User headings start at h4 so they never outrank the memo's own sections.
            "toc": {"baselevel": 4, "anchorlink": False, "permalink": False},
            "tables": {"use_align_attribute": True},
            # GitHub's ~~strikethrough~~, without pymdownx's ~subscript~.
            "pymdownx.tilde": {"subscript": False},
        },
    )
    # Raw HTML is printed as text rather than passed on (security, and "what you wrote").
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return converter


def markdown_to_html(text: str) -> Markup:
    """Render a Markdown field to sanitised HTML.

    Args:
        text: the field's Markdown source.

    Returns:
        HTML safe to insert into a memo template, as :class:`markupsafe.Markup`.
    """
    converter = _converter()
    converter.reset()
    html = converter.convert(github_prepass(text))
    clean = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
    )
    # WeasyPrint ignores <ol start>; a counter reset carries the number into the PDF.
    clean = _OL_START.sub(
        lambda m: f'<ol start="{m[1]}" style="counter-reset: list-item {int(m[1]) - 1}">', clean
    )
    return Markup(clean)


def markdown_inline(text: str) -> Markup:
    """Render a short Markdown field (a table cell, a list line) without its outer ``<p>``."""
    html = str(markdown_to_html(text))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


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
_CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)")
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
    for span in _CODE_SPAN.finditer(text):
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


_FENCED_BLOCK = re.compile(r"^ {0,3}(```|~~~)[\s\S]*?(?:^ {0,3}\1[^\n]*$|\Z)", re.MULTILINE)
_INLINE_TARGET = re.compile(r"(!?)\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]*)")
_REFERENCE_USE = re.compile(r"(!?)\[(?:[^\]\\]|\\.)*\]\[([^\]]*)\]")
_REFERENCE_DEF = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?([^\s>]+)", re.MULTILINE)
_TAG_NAME = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*|!--|![A-Za-z]+|\?)")


@dataclass(frozen=True)
class Outline:
    """What a Markdown field refers to, outside code.

    Attributes:
        tags: raw HTML tags as written (``<script``, ``</b``, ``<!--``).
        links: link targets.
        images: image sources.
    """

    tags: tuple[str, ...]
    links: tuple[str, ...]
    images: tuple[str, ...]


def outline(text: str) -> Outline:
    """List the raw HTML, link targets and images of a Markdown field (code excluded).

    Used to warn about what rendering drops or refuses, before rendering.
    """
    prose = _CODE_SPAN.sub(" ", _FENCED_BLOCK.sub("", text))
    definitions = {m.group(1).lower(): m.group(2) for m in _REFERENCE_DEF.finditer(prose)}
    links: list[str] = list(definitions.values())
    images: list[str] = []
    for match in _INLINE_TARGET.finditer(prose):
        (images if match.group(1) else links).append(match.group(2))
    for match in _REFERENCE_USE.finditer(prose):
        target = definitions.get(match.group(2).lower())
        if match.group(1) and target:
            images.append(target)
    tags = tuple(f"<{m.group(1)}" for m in _TAG_NAME.finditer(prose))
    return Outline(tags, tuple(links), tuple(images))


def link_allowed(target: str) -> bool:
    """True for links Markdown fields may keep: http, https, mailto, relative, #fragment."""
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", target)
    return scheme is None or scheme.group(1).lower() in URL_SCHEMES


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
