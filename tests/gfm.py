"""Helpers for comparing briefgen's Markdown with GitHub's: the GFM spec examples, an HTML
normaliser, and GitHub's own renderer (cmark-gfm, through cmarkgfm; test-only).

The normaliser follows the cmark spec runner's ``normalize.py`` (whitespace collapsed
outside ``<pre>``, attributes sorted, character references decoded) and adds the
differences briefgen makes on purpose, listed in :data:`DELIBERATE` and in
``docs/format.md``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from briefgen.markdown.policy import image_source_allowed, link_allowed

DATA = Path(__file__).parent / "data"
GFM = DATA / "gfm"

#: What briefgen does differently from GitHub on purpose; the normaliser undoes it.
DELIBERATE = {
    "headings": "user headings start at <h4> (# is h4, ## h5, deeper ones h6)",
    "links": "a link target outside the link policy is dropped, leaving the link's text "
    "(relative links; the Markdown memo writes #blocked); image sources likewise",
    "attributes": "class, id, rel and style attributes are not compared",
    "footnotes": "footnotes are compared by reference, number and text, not by markup",
    "raw_html": "raw HTML prints as text; examples that hold raw HTML are left out",
}

_VOID = {"br", "hr", "img", "input"}
_BLOCK = {
    "p", "ul", "ol", "li", "blockquote", "pre", "table", "thead", "tbody", "tr", "th",
    "td", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "section", "div", "br",
}  # fmt: skip
_DROPPED_ATTRIBUTES = {"class", "id", "rel", "style", "aria-label"}


@dataclass(frozen=True)
class Example:
    """One spec example: where it is, its Markdown and the HTML GitHub makes of it."""

    source: str
    number: int
    section: str
    markdown: str
    html: str

    @property
    def name(self) -> str:
        """``spec-123`` or ``extensions-4``: the file and the example's number in it."""
        return f"{self.source}-{self.number}"


_FENCE = "`" * 32 + " example"


def spec_examples(path: Path) -> list[Example]:
    """Read the examples of a cmark-gfm spec file (``spec.txt``, ``extensions.txt``)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    found: list[Example] = []
    section = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        heading = re.match(r"#{1,6} (.*)", line)
        if heading:
            section = heading.group(1)
        if line.startswith(_FENCE):
            end = lines.index(".", index + 1)
            close = next(n for n in range(end, len(lines)) if lines[n].startswith("`" * 32))
            markdown = "".join(f"{text}\n" for text in lines[index + 1 : end])
            expected = "".join(f"{text}\n" for text in lines[end + 1 : close])
            number = len(found) + 1
            found.append(
                Example(
                    path.stem,
                    number,
                    section,
                    markdown.replace("→", "\t"),
                    expected.replace("→", "\t"),
                )
            )
            index = close
        index += 1
    return found


class _Events(HTMLParser):
    """HTML to a flat list of (kind, name or text, attributes) events."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, str, tuple[tuple[str, str], ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", tag, tuple((k, v or "") for k, v in attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.events.append(("end", tag, ()))

    def handle_data(self, data: str) -> None:
        self.events.append(("text", data, ()))

    def handle_comment(self, data: str) -> None:
        self.events.append(("comment", data, ()))


def normalise(markup: str, *, github: bool = False) -> str:
    """Canonical HTML for comparison.

    Args:
        markup: HTML from briefgen or from GitHub.
        github: the HTML is GitHub's: apply briefgen's deliberate differences to it first
            (headings three levels down, refused link targets dropped).

    Returns:
        The HTML with whitespace collapsed outside ``<pre>``, attributes sorted, and the
        markup of footnotes reduced to their content.
    """
    parser = _Events()
    parser.feed(markup)
    parser.close()
    events = _unlinked(_footnotes(_policy(parser.events, github)))
    out: list[str] = []
    in_pre = 0
    for kind, name, attributes in events:
        if kind == "text":
            out.append(html.escape(name if in_pre else re.sub(r"\s+", " ", name), quote=False))
        elif kind == "comment":
            out.append(f"<!--{name}-->")
        elif kind == "end":
            in_pre -= name == "pre"
            out.append(f"</{_heading(name, github)}>")
        else:
            in_pre += name == "pre"
            out.append(_start(_heading(name, github), attributes, github))
    text = "".join(out)
    text = re.sub(rf"\s*(</?(?:{'|'.join(_BLOCK)})\b[^>]*>)\s*", r"\1", text)
    return text.strip()


def _heading(name: str, github: bool) -> str:
    if github and re.fullmatch(r"h[1-6]", name):
        return f"h{min(6, int(name[1]) + 3)}"
    return name


def _start(name: str, attributes: tuple[tuple[str, str], ...], github: bool) -> str:
    kept: list[tuple[str, str]] = []
    for key, value in attributes:
        if key in _DROPPED_ATTRIBUTES or key.startswith("data-"):
            continue
        if _refused(name, key, value, github):
            continue
        kept.append((key, "" if name == "input" and key in {"checked", "disabled"} else value))
    shown = "".join(f' {k}="{html.escape(v)}"' for k, v in sorted(kept))
    return f"<{name}{shown}>"


Event = tuple[str, str, tuple[tuple[str, str], ...]]


def _refused(name: str, key: str, value: str, github: bool) -> bool:
    if name == "a" and key == "href":
        return value == "#blocked" or (github and not link_allowed(value))
    return github and name == "img" and key == "src" and not image_source_allowed(value)


def _policy(events: list[Event], github: bool) -> list[Event]:
    return [
        (kind, name, tuple((k, v) for k, v in attributes if not _refused(name, k, v, github)))
        for kind, name, attributes in events
    ]


def _unlinked(events: list[Event]) -> list[Event]:
    """A link whose target is gone is its text alone (briefgen keeps only the text)."""
    result: list[Event] = []
    opened: list[bool] = []  # per open <a>: whether it was dropped
    for kind, name, attributes in events:
        if name == "a" and kind == "start":
            dropped = "href" not in dict(attributes)
            opened.append(dropped)
            if dropped:
                continue
        elif name == "a" and kind == "end" and opened and opened.pop():
            continue
        result.append((kind, name, attributes))
    return result


def _footnotes(events: list[Event]) -> list[Event]:
    """Footnote markup to its content: a reference is ``<sup><a href="#fn">n</a></sup>``,
    the notes are ``<section><ol><li>...`` without back-links or a rule."""
    result: list[Event] = []
    opened: list[str] = []  # the tags open around the current event, renamed
    skipping = 0  # depth inside a back-link being dropped
    for kind, tag, given in events:
        values = dict(given)
        name, attributes = tag, given
        if skipping:
            skipping += (kind == "start" and name not in _VOID) - (kind == "end")
            continue
        if kind == "end":
            result.append(("end", opened.pop() if opened else name, ()))
            continue
        if kind != "start":
            result.append((kind, name, attributes))
            continue
        href = values.get("href", "")
        if name == "a" and href.startswith("#fnref"):
            skipping = 1  # a back-link: drop it with its text and the space before it
            if result and result[-1][0] == "text":
                result[-1] = ("text", result[-1][1].rstrip(" \xa0"), ())
            continue
        footnotes = "footnote" in values.get("class", "")
        if name == "hr" and [e for e in result if e[0] != "text" or e[1].strip()][-1:] == [
            ("start", "section", ())
        ]:
            continue
        if name == "a" and href.startswith("#fn"):
            name, attributes = "a", (("href", "#fn"),)
        elif name in {"div", "section"} and footnotes:
            name, attributes = "section", ()
        if name not in _VOID:
            opened.append(name)
        result.append(("start", name, attributes))
    return result


def github_html(markdown: str) -> str:
    """GitHub's HTML for ``markdown``: cmark-gfm with GitHub's extensions (tables,
    strikethrough, autolinks, task lists, tag filter) and footnotes; raw HTML kept."""
    import cmarkgfm
    from cmarkgfm.cmark import Options

    return str(
        cmarkgfm.markdown_to_html_with_extensions(
            markdown,
            options=Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_FOOTNOTES,
            extensions=["table", "strikethrough", "autolink", "tagfilter", "tasklist"],
        )
    )


def has_raw_html(markdown: str) -> bool:
    """True when GitHub passes some of ``markdown`` through as raw HTML (cmark-gfm's safe
    mode, which drops raw HTML, then renders it differently)."""
    import cmarkgfm
    from cmarkgfm.cmark import Options

    extensions = ["table", "strikethrough", "autolink", "tasklist"]
    safe = cmarkgfm.markdown_to_html_with_extensions(
        markdown, options=Options.CMARK_OPT_FOOTNOTES, extensions=extensions
    )
    return "<!-- raw HTML omitted -->" in str(safe)


def _omitted(markdown: str) -> int:
    import cmarkgfm
    from cmarkgfm.cmark import Options

    safe = cmarkgfm.markdown_to_html_with_extensions(
        markdown, options=Options.CMARK_OPT_FOOTNOTES, extensions=["table", "autolink"]
    )
    return str(safe).count("<!-- raw HTML omitted -->")


def raw_html_as_text(markdown: str) -> str:
    """``markdown`` with every ``<`` that opens raw HTML written as ``&lt;``: the text
    GitHub would render as briefgen does, printing raw HTML as typed. A ``<`` opens raw
    HTML when writing it as ``&lt;`` leaves cmark-gfm less raw HTML to omit."""
    text = markdown
    count = _omitted(text)
    position = text.find("<")
    while count and position >= 0:
        candidate = text[:position] + "&lt;" + text[position + 1 :]
        fewer = _omitted(candidate)
        if fewer < count:
            text, count = candidate, fewer
        position = text.find("<", position + 1)
    return text
