"""Images in memos: workspace files become ``data:`` URLs, everything else is refused.

Inlining does two jobs. The HTML memo stays self-contained (it opens anywhere, images
included), and the PDF printer is handed no ``file:`` URL at all, so what an option set
can embed is decided here, in one place: files inside the allowed folders, up to a size
limit. Remote images are kept only when the user asked for them (``--allow-remote``).
"""

from __future__ import annotations

import base64
import html
import mimetypes
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: Largest image embedded, in bytes.
MAX_IMAGE_BYTES = 10_000_000
_IMG = re.compile(r"<img\b[^>]*>")
_ATTRIBUTE = re.compile(r'\b(src|alt)="([^"]*)"')
_IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/svg+xml", "image/webp")


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


def _resolve(
    source: str, folder: Path, roots: Sequence[Path], allow_remote: bool
) -> tuple[str, str]:
    """Return (new source, "") or ("", reason the image is refused)."""
    parts = urlsplit(source)
    if parts.scheme == "data":
        return (source, "") if source.lower().startswith("data:image/") else ("", "not an image")
    if parts.scheme == "https" and allow_remote:
        return source, ""
    if parts.scheme not in {"", "file"}:
        return "", "remote images are not fetched (build with --allow-remote for https)"
    path = (folder / unquote(parts.path)).resolve()
    if not any(path.is_relative_to(root.resolve()) for root in roots):
        return "", "it lies outside the workspace"
    kind = mimetypes.guess_type(path.name)[0]
    if kind not in _IMAGE_TYPES:
        return "", "not a PNG, JPEG, GIF, SVG or WebP image"
    try:
        if path.stat().st_size > MAX_IMAGE_BYTES:
            return "", f"larger than {MAX_IMAGE_BYTES:,} bytes"
        data = path.read_bytes()
    except OSError:
        return "", "no such file"
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}", ""
