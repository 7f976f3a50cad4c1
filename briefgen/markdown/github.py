"""The Python-Markdown extension that makes a field read as on GitHub.

Well-kept extensions do most of it (see :func:`extensions`); this one registers the
small processors that close the remaining gaps (:mod:`briefgen.markdown.blocks` for
blocks, :mod:`briefgen.markdown.inline` for inline text) and takes out Python-Markdown's
raw-HTML handlers, so that ``<b>`` prints as typed.
"""

from __future__ import annotations

from html import escape
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension

from briefgen.markdown import inline
from briefgen.markdown.blocks import (
    AtxHeadings,
    ListProcessor,
    Paragraphs,
    Quotes,
    SetextHeadings,
)


class GithubBlocks(Extension):
    """Lists, paragraphs and headings as on GitHub; raw HTML as text."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's API)
        blocks = md.parser.blockprocessors
        for name in ("indent", "olist", "ulist"):
            blocks.deregister(name, strict=False)
        # Lists come before headings and rules, which may sit inside an item.
        blocks.register(ListProcessor(md.parser), "gfm_list", 75)
        blocks.register(AtxHeadings(md.parser), "hashheader", 70)
        blocks.register(SetextHeadings(md.parser), "setextheader", 60)
        blocks.register(Quotes(md.parser), "quote", 20)
        blocks.register(Paragraphs(md.parser), "paragraph", 10)
        inline.register(md)
        md.preprocessors.deregister("html_block", strict=False)
        md.inlinePatterns.deregister("html", strict=False)


def code_block(source: str, language: str, class_name: str, options: Any, md: Any, **_: Any) -> str:
    """``pymdownx.superfences``'s formatter for every fence: the code, escaped, with its
    last line break, as GitHub prints it (``<pre><code>...\n</code></pre>``)."""
    return f"<pre><code>{escape(source, quote=False)}{chr(10) if source else ''}</code></pre>"


def extensions() -> tuple[list[Any], dict[str, dict[str, Any]]]:
    """The extensions and their settings, for :class:`markdown.Markdown`.

    Returns:
        ``(extensions, extension_configs)``.
    """
    names: list[Any] = [
        "tables",
        "footnotes",
        "toc",
        "pymdownx.superfences",
        "pymdownx.betterem",
        "pymdownx.tilde",
        "pymdownx.magiclink",
        "pymdownx.saneheaders",
        "pymdownx.tasklist",
        GithubBlocks(),
    ]
    configs: dict[str, dict[str, Any]] = {
        # User headings start at h4 so they never outrank the memo's own sections.
        "toc": {"baselevel": 4, "anchorlink": False, "permalink": False},
        "tables": {"use_align_attribute": True},
        "footnotes": {"UNIQUE_IDS": True, "SEPARATOR": "-"},
        # GitHub's ~~strikethrough~~, without pymdownx's ~subscript~.
        "pymdownx.tilde": {"subscript": False},
        # Every fence as GitHub writes it: plain <pre><code>, no colouring spans.
        "pymdownx.superfences": {
            "custom_fences": [{"name": "*", "class": "", "format": code_block}]
        },
    }
    return names, configs
