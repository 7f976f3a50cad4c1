"""Markdown fields to sanitised HTML, for the HTML and PDF memo.

Long-text fields are Markdown as GitHub readers write it. Python-Markdown differs from
GitHub in a few places; :func:`github_prepass` closes the gaps that matter in memos.
Raw HTML in user text is never passed on as markup: Python-Markdown's raw-HTML handlers
are removed, so ``<b>`` prints as typed, and the result is sanitised with nh3 on an
allow-list of what Markdown itself produces.
"""

from __future__ import annotations

import re
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

from briefgen.markdown.scan import DESTINATION, URL_SCHEMES, image_source_allowed, link_allowed

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

_OL_START = re.compile(r'<ol start="(\d{1,9})">')
_FENCE = re.compile(r"^\s*(```|~~~)")
_LIST_ITEM = re.compile(r"^(?P<indent> *)(?P<marker>[-*+]|\d{1,9}[.)])(?P<gap> +)(?P<rest>\S.*)$")
_TABLE_ROW = re.compile(r"^\s*\|")
#: Python-Markdown nests blocks at multiples of this many spaces; GitHub at the content column.
_NEST = 4


def github_prepass(text: str) -> str:
    """Rewrite GitHub-style Markdown into the shape Python-Markdown reads the same way.

    The differences closed here (each is tested in ``tests/test_markup.py``):

    * GitHub starts a list or table right after a paragraph line; Python-Markdown needs a
      blank line first, so one is inserted;
    * GitHub nests a block under a list item when it is indented to the item's content
      column (two spaces after ``-``, three after ``1.``); Python-Markdown needs four
      spaces per level, so list blocks are re-indented;
    * GitHub reads ``1)`` as an ordered list and a trailing backslash as a line break;
      they become ``1.`` and two trailing spaces;
    * all of the above inside ``>`` block quotes too.

    Args:
        text: Markdown source.

    Returns:
        Equivalent Markdown for Python-Markdown; fenced code is left untouched.
    """
    return "\n".join(_in_quotes(text.replace("\r\n", "\n").split("\n")))


_QUOTE = re.compile(r"^ {0,3}> ?")


def _in_quotes(lines: list[str]) -> list[str]:
    """Apply :func:`_prepass` outside block quotes and, one level down, inside each."""
    result: list[str] = []
    plain: list[str] = []
    quoted: list[str] = []
    in_fence = False
    for line in [*lines, ""]:
        if _FENCE.match(line) and not quoted:
            in_fence = not in_fence
        if not in_fence and _QUOTE.match(line):
            quoted.append(_QUOTE.sub("", line, count=1))
            continue
        if quoted:
            result += _prepass(plain) if plain else []
            plain = []
            inner = _in_quotes(quoted)
            result += [f"> {q}" if q else ">" for q in inner]
            quoted = []
        plain.append(line)
    result += _prepass(plain[:-1]) if len(plain) > 1 else []
    return result


def _prepass(lines: list[str]) -> list[str]:
    result: list[str] = []
    columns: list[int] = []  # content column of each open list item, outermost first
    fence_shift: int | None = None  # re-indentation applied to the open code fence
    loose = False  # the current item already holds a paragraph after a blank line
    closed = False  # the previous line closed a code fence
    for line in lines:
        if fence_shift is not None:
            result.append(_shift(line, fence_shift))
            if _FENCE.match(line):
                fence_shift, closed = None, True
            continue
        if closed and line.strip():
            result.append("")  # GitHub ends a fence at its closing line; so must we
        closed = False
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
        if new_line.endswith("\\") and not new_line.endswith("\\\\"):
            new_line = new_line[:-1] + "  "  # GitHub's backslash line break, as two spaces
        if _FENCE.match(line):
            fence_shift = _indent(new_line) - _indent(line)
        result.append(new_line)
    return result


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
        # Python-Markdown knows only "1." for ordered lists; GitHub also reads "1)".
        marker = item["marker"].replace(")", ".")
        return " " * (_NEST * depth) + marker + " " + item["rest"]
    owners = [level for level, column in enumerate(columns) if indent >= column]
    if not owners:
        if blank_before:
            columns.clear()  # an unindented paragraph after a blank line ends the list
        return line
    level = owners[-1]
    return " " * (_NEST * (level + 1) + indent - columns[level]) + line.lstrip(" ")


@lru_cache(maxsize=2)
def _converter(strikethrough: bool) -> markdown.Markdown:
    # pymdownx.tilde acts on "~" only, and compiling its patterns costs a memo some 20 ms
    # (most memos strike nothing through): it is loaded for the texts that have a "~".
    tilde = ["pymdownx.tilde"] if strikethrough else []
    converter = markdown.Markdown(
        extensions=["tables", "pymdownx.superfences", *tilde, "sane_lists", "toc"],
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
    converter = _converter("~" in text)
    converter.reset()
    html = converter.convert(github_prepass(_quote_destinations(text)))
    clean = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={*URL_SCHEMES, "data", "file"},
        attribute_filter=_filter_attribute,
        link_rel="noopener noreferrer",
    )
    # WeasyPrint ignores <ol start>; a counter reset carries the number into the PDF.
    clean = _OL_START.sub(
        lambda m: f'<ol start="{m[1]}" style="counter-reset: list-item {int(m[1]) - 1}">', clean
    )
    return Markup(clean)


_LINK_DESTINATION = re.compile(r"(\]\(\s*)(" + DESTINATION + ")")


def _quote_destinations(text: str) -> str:
    """Percent-encode ``"`` inside link destinations: CommonMark keeps it in the URL,
    Python-Markdown would start a title there and swallow the text that follows."""
    return _LINK_DESTINATION.sub(lambda m: m.group(1) + m.group(2).replace('"', "%22"), text)


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """nh3's hook: links and image sources pass only as :mod:`briefgen.markdown.scan` allows.
    Images are then embedded or refused by :mod:`briefgen.render.images`."""
    if tag == "a" and attribute == "href":
        return value if link_allowed(value) else None
    if tag == "img" and attribute == "src":
        return value if image_source_allowed(value) else None
    return value


def markdown_inline(text: str) -> Markup:
    """Render a short Markdown field (a table cell, a list line) without its outer ``<p>``."""
    html = str(markdown_to_html(text))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)
