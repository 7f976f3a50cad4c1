"""Images in memos: workspace files become ``data:`` URLs, everything else is refused.

Inlining does two jobs. The HTML memo stays self-contained (it opens anywhere, images
included), and the PDF printer is handed no ``file:`` URL at all, so what an option set
can embed is decided here, in one place: files inside the allowed folders, up to a size
limit, as :mod:`briefgen.markdown.policy` says. Remote images are kept only when the
user asked for them (``--allow-remote``).
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.markdown.policy import REASONS, judge_image
from briefgen.render.inputs import current

_IMG = re.compile(r"<img\b[^>]*>")
_ATTRIBUTE = re.compile(r'\b(src|alt)="([^"]*)"')


@dataclass
class InlinedImages:
    """The HTML with images inlined, and what happened to each.

    Attributes:
        html: the document, every allowed local image as a ``data:`` URL.
        remote: remote image URLs left in place (only with ``allow_remote``).
        refused: one line per image that was removed, with the reason.
    """

    html: str
    remote: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def inline_images(
    document: str, *, folder: Path, allowed_roots: Sequence[Path], allow_remote: bool = False
) -> InlinedImages:
    """Replace each ``<img src>`` of ``document`` by a ``data:`` URL, or remove it.

    Args:
        document: HTML as the memo template produced it.
        folder: the folder relative sources resolve against (the option set's).
        allowed_roots: folders images may be read from.
        allow_remote: keep ``https`` sources for the PDF printer to fetch.

    Returns:
        The :class:`InlinedImages`; a refused image keeps its alt text only.
    """
    result = InlinedImages(document)

    def replace(match: re.Match[str]) -> str:
        tag = match.group(0)
        attributes = {name: html.unescape(value) for name, value in _ATTRIBUTE.findall(tag)}
        source = attributes.get("src", "")
        # No source left: the sanitiser removed it (validation said why).
        new, problem = (
            _resolve(source, folder, allowed_roots, allow_remote)
            if source
            else ("", "its source is not allowed")
        )
        if problem:
            result.refused.append(f"image '{source}' not used: {problem}")
            label = html.escape(attributes.get("alt") or source)
            return f'<span class="image-refused">[image not shown: {label}]</span>'
        if new.startswith("https:"):
            result.remote.append(new)
        return tag.replace(f'src="{html.escape(source)}"', f'src="{html.escape(new)}"')

    result.html = _IMG.sub(replace, document)
    return result


def image_gate(
    *, folder: Path, allowed_roots: Sequence[Path], allow_remote: bool = False
) -> Callable[[str], bool]:
    """The test the Markdown memo applies to a local image: the same verdict as
    :func:`inline_images` gives, and the file noted as read (it decides the output)."""

    def gate(source: str) -> bool:
        verdict = judge_image(source, folder=folder, roots=allowed_roots, allow_remote=allow_remote)
        reads = current()
        if reads is not None and verdict.path is not None and verdict.problem != "outside_image":
            reads.file(verdict.path)
        return verdict.problem is None

    return gate


def _resolve(
    source: str, folder: Path, roots: Sequence[Path], allow_remote: bool
) -> tuple[str, str]:
    """Return (new source, "") or ("", reason the image is refused)."""
    verdict = judge_image(source, folder=folder, roots=roots, allow_remote=allow_remote)
    reads = current()
    if reads is not None and verdict.path is not None and verdict.problem != "outside_image":
        # A missing image is an input too: the memo changes when the file appears.
        reads.file(verdict.path)
    if verdict.problem or verdict.kind != "file" or verdict.path is None:
        return ("", verdict.reason) if verdict.problem else (source, "")
    try:
        data = verdict.path.read_bytes()
    except OSError:
        return "", REASONS["missing_image"]
    return f"data:{verdict.mime};base64,{base64.b64encode(data).decode('ascii')}", ""
