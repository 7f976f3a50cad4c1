"""Text from an option set, made safe for each output: Markdown fields to sanitised HTML,
plain-text fields escaped for Markdown output.

Long-text fields are Markdown as GitHub readers write it. Python-Markdown differs from
GitHub in a few places; :func:`github_prepass` closes the gaps that matter in memos
(a list straight after a paragraph line). Raw HTML in user text is never passed on as
markup: Python-Markdown's raw-HTML handlers are removed, so ``<b>`` prints as typed, and
the result is sanitised with nh3 on an allow-list of what Markdown itself produces.
"""

from __future__ import annotations

import re
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

#: Tags Python-Markdown (with the extensions below) produces; nothing else survives.
ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "a", "img",
    "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td",
    "h4", "h5", "h6", "del", "sup", "sub",
})
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}
#: Link schemes allowed in user text (relative links and #fragments are allowed too).
URL_SCHEMES = frozenset({"http", "https", "mailto"})

_FENCE = re.compile(r"^\s*(```|~~~)")
_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s+\S")
_TABLE_ROW = re.compile(r"^\s*\|")


def github_prepass(text: str) -> str:
    """Insert the blank line Python-Markdown needs before a list or table that follows a
    paragraph line directly (GitHub starts the list without it).

    Args:
        text: Markdown source.

    Returns:
        The same Markdown, with blank lines added where a block starts; code fences are
        left untouched.
    """
    lines = text.replace("\r\n", "\n").split("\n")
    result: list[str] = []
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
        previous = result[-1] if result else ""
        starts_block = _LIST_ITEM.match(line) or _TABLE_ROW.match(line)
        if (not in_fence and starts_block and previous.strip()
                and not _LIST_ITEM.match(previous) and not _TABLE_ROW.match(previous)
                and not previous.startswith((" ", "\t"))):
            result.append("")
        result.append(line)
    return "\n".join(result)


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    converter = markdown.Markdown(
        extensions=["tables", "fenced_code", "mdx_truly_sane_lists", "toc"],
        extension_configs={
            "mdx_truly_sane_lists": {"nested_indent": 2, "truly_sane": True},
            # User headings start at h4 so they never outrank the memo's own sections.
            "toc": {"baselevel": 4, "anchorlink": False, "permalink": False},
            "tables": {"use_align_attribute": True},
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
    clean = nh3.clean(html, tags=set(ALLOWED_TAGS), attributes=ALLOWED_ATTRIBUTES,
                      url_schemes=set(URL_SCHEMES), link_rel="noopener noreferrer")
    return Markup(clean)  # noqa: S704 - sanitised by nh3 just above


def markdown_inline(text: str) -> Markup:
    """Render a short Markdown field (a table cell, a list line) without its outer ``<p>``."""
    html = str(markdown_to_html(text))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)  # noqa: S704 - sanitised by markdown_to_html


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
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + _escape_lead(m.group(2)), escaped)


def _escape_lead(lead: str) -> str:
    return lead + "\\" if lead.isdigit() else "\\" + lead


def markdown_block(text: str, indent: int) -> str:
    """Indent the lines after the first by ``indent`` spaces, so a multi-line Markdown value
    stays inside the list item or block it is placed in."""
    pad = " " * indent
    lines = github_prepass(text.strip()).split("\n")
    return "\n".join([lines[0], *[(pad + line) if line.strip() else "" for line in lines[1:]]])


def markdown_cell(text: str) -> str:
    """Fit a Markdown value into one pipe-table cell: no line breaks, ``|`` escaped."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return "<br>".join(lines).replace("|", "\\|")
