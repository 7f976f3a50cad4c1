"""What a Markdown field refers to: raw HTML tags, link targets and images.

Read before rendering, so that validation can warn, field by field, about what the memo
will drop or refuse (see :mod:`briefgen.check.lint`), and rendering can list remote images.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

#: Code spans (any number of backticks); nothing inside them is markup.
CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)")
#: The line that opens or closes a fenced code block.
FENCE = re.compile(r"^\s*(```|~~~)")
_FENCED_BLOCK = re.compile(r"^ {0,3}(```|~~~)[\s\S]*?(?:^ {0,3}\1[^\n]*$|\Z)", re.MULTILINE)
#: A link destination as CommonMark reads it: no spaces, parentheses balanced one deep.
DESTINATION = r"(?:[^()\s<>]|\([^()\s]*\))*"
_INLINE_TARGET = re.compile(r"(!?)\[(?:[^\]\\]|\\.)*\]\(\s*<?(" + DESTINATION + ")")
_REFERENCE_USE = re.compile(r"(!?)\[(?:[^\]\\]|\\.)*\]\[([^\]]*)\]")
#: A link reference definition's start: ``[label]: target``; a label starting with ``^`` is
#: a footnote's. Whether the rest of its line makes it a definition: :func:`is_definition`.
REFERENCE_DEF = re.compile(r"^( {0,3}\[([^\]^][^\]]*)\]:\s*<?)([^\s>]+)", re.MULTILINE)
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
_TITLE_CLOSE = {'"': '"', "'": "'", "(": ")"}
_TAG_NAME = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*|!--|![A-Za-z]+|\?)")


@dataclass(frozen=True)
class Outline:
    """What a Markdown field refers to, outside code.

    Attributes:
        tags: raw HTML tags as written (``<script``, ``</b``, ``<!--``).
        links: link targets, decoded (see :func:`destination`).
        images: image sources, decoded.
        written: each decoded target -> its first spelling in the text, to locate it.
    """

    tags: tuple[str, ...]
    links: tuple[str, ...]
    images: tuple[str, ...]
    written: dict[str, str] = field(default_factory=dict)


def outline(text: str) -> Outline:
    """List the raw HTML, link targets and images of a Markdown field (code excluded).

    Used to warn about what rendering drops or refuses, before rendering.
    """
    prose = CODE_SPAN.sub(" ", _FENCED_BLOCK.sub("", text))
    written: dict[str, str] = {}

    def decode(raw: str) -> str:
        decoded = destination(raw)
        written.setdefault(decoded, raw)
        return decoded

    definitions = {
        m.group(2).lower(): decode(m.group(3))
        for m in REFERENCE_DEF.finditer(prose)
        if is_definition(m)
    }
    links: list[str] = list(definitions.values())
    images: list[str] = []
    for match in _INLINE_TARGET.finditer(prose):
        (images if match.group(1) else links).append(decode(match.group(2)))
    for match in _REFERENCE_USE.finditer(prose):
        target = definitions.get(match.group(2).lower())
        if match.group(1) and target:
            images.append(target)
    # An autolink <scheme:...> is a link, not a tag.
    links += [decode(m.group(1)) for m in AUTOLINK.finditer(prose)]
    tags = tuple(f"<{m.group(1)}" for m in _TAG_NAME.finditer(AUTOLINK.sub(" ", prose)))
    return Outline(tags, tuple(links), tuple(images), written)


def destination(written: str) -> str:
    """A link destination as a Markdown reader resolves it: backslash escapes and
    character references decoded (``jav&#97;script:`` is ``javascript:``)."""
    return html.unescape(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", written))


def is_definition(match: re.Match[str]) -> bool:
    """True when a :data:`REFERENCE_DEF` match is a link reference definition (GFM 4.7):
    after the target, the line holds nothing or a title in quotes or parentheses. So
    ``[Note]: the figures are provisional`` is a paragraph, as on GitHub."""
    end = match.string.find("\n", match.end())
    rest = match.string[match.end() : end if end >= 0 else None].strip()
    if match.group(1).endswith("<"):
        rest = rest.removeprefix(">").strip()
    if not rest:
        return True
    closer = _TITLE_CLOSE.get(rest[0])
    return closer is not None and len(rest) > 1 and rest.endswith(closer)
