"""Text helpers of the importers: the one Markdown parser, plain text and links of a
node, and the normalised form of names and headings that matching compares.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.front_matter import front_matter_plugin

_NOT_WORD = re.compile(r"[^a-z0-9]+")


@cache
def parser() -> MarkdownIt:
    """The one Markdown parser: CommonMark with raw HTML, tables, strikethrough, front matter."""
    md = MarkdownIt("commonmark", {"html": True}).use(front_matter_plugin)
    return md.enable(["table", "strikethrough"])


def key_of(text: str) -> str:
    """Normalise a heading or name for matching: ``Pros and Cons (optional)`` ->
    ``pros and cons optional``; quotes, case and punctuation do not count."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_WORD.sub(" ", ascii_text.lower()).strip()


def slug(text: str, limit: int = 60) -> str:
    """Make an id (``[a-z0-9]+(-[a-z0-9]+)*``) of at most ``limit`` characters from
    ``text``, cut at a hyphen; "" when ``text`` has no ASCII letter or digit."""
    words = key_of(text).split()
    kept: list[str] = []
    for word in words:
        if kept and len("-".join([*kept, word])) > limit:
            break
        kept.append(word[:limit])
    return "-".join(kept)


def kind_of(key: str, table: dict[str, str]) -> str:
    """What a section is, by its normalised title: the entry of ``table`` for ``key``,
    else for the longest name of two words or more that ``key`` starts or ends with
    ("Pros and Cons of other Options", "CI Platform Considered Options"); "" if none."""
    if key in table:
        return table[key]
    fitting = [
        name
        for name in table
        if " " in name and (key.startswith(name + " ") or key.endswith(" " + name))
    ]
    return table[max(fitting, key=len)] if fitting else ""


def plain(node: SyntaxTreeNode | None) -> str:
    """The text a reader sees in ``node``: markup, HTML and link targets dropped."""
    if node is None:
        return ""
    return "".join(_plain_parts(node)).strip()


def _plain_parts(node: SyntaxTreeNode) -> Iterator[str]:
    if node.type in ("text", "code_inline"):
        yield node.content
    elif node.type in ("softbreak", "hardbreak"):
        yield " "
    elif node.type != "image":  # an image's alt text is not printed where it shows
        for child in node.children:
            yield from _plain_parts(child)


def links(node: SyntaxTreeNode) -> Iterator[tuple[str, str, bool]]:
    """Every link in ``node``: ``(target, text, is_autolink)``; images are not links."""
    for child in node.walk():
        if child.type == "link":
            href = str(child.attrs.get("href", ""))
            yield href, plain(child), child.markup == "autolink"


def inline_node(text: str) -> SyntaxTreeNode:
    """Parse one line of Markdown (a ``Key: value`` value) into a tree."""
    return SyntaxTreeNode(parser().parse(text))


def plain_inline(text: str) -> str:
    """The plain text of one line of Markdown."""
    return plain(inline_node(text))
