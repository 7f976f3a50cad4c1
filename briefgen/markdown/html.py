"""Markdown fields to sanitised HTML, for the HTML and PDF memo.

Long-text fields are Markdown as GitHub readers write it. Python-Markdown reads them,
configured to follow GitHub (:mod:`briefgen.markdown.github`: well-kept extensions plus
small processors of our own). Raw HTML in user text is never passed on as markup:
Python-Markdown's raw-HTML handlers are removed, so ``<b>`` prints as typed, and the
result is sanitised with nh3 on an allow-list of what Markdown itself produces.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

from briefgen.markdown.github import extensions
from briefgen.markdown.policy import URL_SCHEMES, image_source_allowed, link_allowed
from briefgen.markdown.scan import DESTINATION

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
        "div",
        "input",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "sup": {"id"},
    "li": {"id"},
    "input": {"checked", "disabled"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}

#: Classes kept: footnotes and task lists, for the memo's stylesheet.
ALLOWED_CLASSES = {
    "a": {"footnote-ref", "footnote-backref"},
    "div": {"footnote"},
    "ul": {"task-list"},
    "li": {"task-list-item"},
}
#: Attribute values kept: a task list's box is the only input.
ATTRIBUTE_VALUES = {"input": {"type": {"checkbox"}}}

_OL_START = re.compile(r'<ol start="(\d{1,9})">')


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    names, configs = extensions()
    return markdown.Markdown(extensions=names, extension_configs=configs)


def markdown_to_html(text: str) -> Markup:
    """Render a Markdown field to sanitised HTML.

    Args:
        text: the field's Markdown source.

    Returns:
        HTML safe to insert into a memo template, as :class:`markupsafe.Markup`.
    """
    converter = _converter()
    converter.reset()
    footnotes = converter.registeredExtensions
    for extension in footnotes:
        if hasattr(extension, "unique_prefix"):
            # Footnote ids unique to the field's text, so that two fields of one memo never
            # share an id, and the same text always gets the same ids.
            extension.unique_prefix = zlib.crc32(text.encode("utf-8", "replace"))
    html = converter.convert(_quote_destinations(text))
    clean = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        tag_attribute_values=ATTRIBUTE_VALUES,
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
    """nh3's hook: links and image sources pass only as :mod:`briefgen.markdown.policy` allows.
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
