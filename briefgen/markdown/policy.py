"""The one link and image policy: what user Markdown may point at, decided in one place.

Lint warns with it, the Markdown and HTML renderers keep or drop links with it, the
image inliner and the PDF printer's URL fetcher obey it, and the build hashes the image
files it allows. The rules:

* links: ``http``, ``https``, ``mailto`` and ``#fragment`` only. A relative path is
  refused: in a memo read elsewhere (or a PDF, where it becomes a ``file:`` URI naming
  the build machine's folders) it points nowhere;
* images: ``data:image/...``; files inside the allowed folders (the workspace, the option
  set's folder, the templates), of a known image type and at most :data:`MAX_IMAGE_BYTES`;
  ``https`` only with ``--allow-remote``; nothing else.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from briefgen.paths import is_inside

#: Link schemes allowed in user text (``#fragments`` are allowed too).
URL_SCHEMES = frozenset({"http", "https", "mailto"})
#: Largest image embedded, in bytes.
MAX_IMAGE_BYTES = 10_000_000
#: Image types embedded, by MIME type (as guessed from the file name).
IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/svg+xml", "image/webp")

#: Why an image is refused, by problem key (lint words the same keys in messages.py).
REASONS = {
    "not_an_image": "not an image",
    "remote_image": "remote images are not fetched (build with --allow-remote for https)",
    "outside_image": "it lies outside the workspace",
    "unsupported_image": "not a PNG, JPEG, GIF, SVG or WebP image",
    "large_image": f"larger than {MAX_IMAGE_BYTES:,} bytes",
    "missing_image": "no such file",
}
_CONTROL = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def _scheme(target: str) -> str | None:
    # Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
    match = _SCHEME.match(_CONTROL.sub("", target))
    return match.group(1).lower() if match else None


def link_allowed(target: str) -> bool:
    """True for links Markdown fields may keep: http, https, mailto and ``#fragment``.

    Args:
        target: the destination, decoded (see :func:`briefgen.markdown.scan.destination`).
    """
    if _CONTROL.sub("", target).startswith("#"):
        return True
    return _scheme(target) in URL_SCHEMES


def image_source_allowed(source: str) -> bool:
    """True for image sources a renderer may pass on to :func:`judge_image`: paths,
    ``data:image/...`` and web addresses. Anything else is dropped from the HTML at once.
    """
    cleaned = _CONTROL.sub("", source)
    if cleaned.startswith("//"):
        return False
    scheme = _scheme(source)
    if scheme is None:
        return True
    return scheme in {"https", "http", "file"} or cleaned.lower().startswith("data:image/")


@dataclass(frozen=True)
class ImageVerdict:
    """What happens to one image source.

    Attributes:
        source: the source as decoded.
        kind: ``data``, ``remote`` (an ``https`` URL) or ``file``.
        path: the resolved file, for ``file`` sources; else None.
        mime: the image type of a file, e.g. ``image/png``; else "".
        problem: None when the image is used; else a key of :data:`REASONS`.
    """

    source: str
    kind: str
    path: Path | None = None
    mime: str = ""
    problem: str | None = None

    @property
    def reason(self) -> str:
        """The refusal in plain words, "" when the image is used."""
        return REASONS[self.problem] if self.problem else ""


def judge_image(
    source: str, *, folder: Path, roots: Sequence[Path], allow_remote: bool = False
) -> ImageVerdict:
    """Decide whether an image is embedded, and how.

    Args:
        source: the image source, decoded.
        folder: the folder relative sources resolve against (the option set's).
        roots: folders images may be read from.
        allow_remote: ``https`` images are fetched (``--allow-remote``).

    Returns:
        The :class:`ImageVerdict`; ``problem`` says why it is refused, if it is.
    """
    parts = urlsplit(source)
    scheme = parts.scheme.lower()
    if scheme == "data":
        ok = source.lower().startswith("data:image/")
        return ImageVerdict(source, "data", problem=None if ok else "not_an_image")
    if scheme == "https" and allow_remote:
        return ImageVerdict(source, "remote")
    if scheme not in {"", "file"} or source.startswith("//") or parts.netloc:
        return ImageVerdict(source, "remote", problem="remote_image")
    path = (folder / unquote(parts.path)).resolve()
    mime = mimetypes.guess_type(path.name)[0] or ""
    verdict = ImageVerdict(source, "file", path, mime)
    problem = _file_problem(path, mime, roots)
    return verdict if problem is None else ImageVerdict(source, "file", path, mime, problem)


def _file_problem(path: Path, mime: str, roots: Sequence[Path]) -> str | None:
    if not is_inside(path, roots):
        return "outside_image"
    if not path.is_file():
        return "missing_image"
    if mime not in IMAGE_TYPES:
        return "unsupported_image"
    if path.stat().st_size > MAX_IMAGE_BYTES:
        return "large_image"
    return None


def fetch_allowed(url: str, roots: Sequence[Path], allow_remote: bool = False) -> bool:
    """True when the PDF printer may fetch ``url``: ``data:`` URLs, files inside
    ``roots`` (a ``file:`` URL naming a host is refused), and ``https`` when allowed."""
    parts = urlsplit(url)
    if parts.scheme == "data":
        return True
    if parts.scheme == "https":
        return allow_remote
    if parts.scheme != "file" or parts.netloc not in {"", "localhost"}:
        return False
    return is_inside(Path(unquote(parts.path)), roots)


def embedded_files(sources: Iterable[str], folder: Path, roots: Sequence[Path]) -> list[Path]:
    """The files that the image ``sources`` embed under this policy, in order, once each:
    their bytes are inputs of the memo."""
    verdicts = (judge_image(s, folder=folder, roots=roots) for s in sources)
    files = (v.path for v in verdicts if v.kind == "file" and v.problem is None)
    return list(dict.fromkeys(path for path in files if path is not None))


def local_sources(sources: Iterable[str]) -> list[str]:
    """The sources that name a file (no scheme), whether or not it exists."""
    return [s for s in sources if not urlsplit(s).scheme and urlsplit(s).path]
