"""HTML to PDF through WeasyPrint, wrapped so that it cannot leak.

:func:`print_html` (a memo, once) and :func:`print_paginated` (a document whose text
depends on its own page numbers) are the only places briefgen calls WeasyPrint. They give
WeasyPrint a URL fetcher that serves ``data:`` URLs and files inside the allowed folders
and nothing else (no other ``file:`` paths, no network), captures WeasyPrint's log per
document and returns it as warnings, and sets the options that make output reproducible.
WeasyPrint is imported here only, inside the function, so commands that do not render
never pay for it.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from briefgen.paths import is_inside


def _make_fetcher(allowed_roots: Sequence[Path], refused: list[str], allow_remote: bool) -> Any:
    from weasyprint.urls import URLFetcher

    schemes = {"data", "file", "https"} if allow_remote else {"data", "file"}

    class WorkspaceFetcher(URLFetcher):  # type: ignore[misc]
        """Serves data: URLs and files inside the workspace (https only when allowed);
        refuses everything else, and never follows a redirect."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols=schemes, allow_redirects=False, timeout=10)

        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            outside = parts.scheme == "file" and not is_inside(
                Path(unquote(parts.path)), allowed_roots
            )
            if outside or parts.scheme not in schemes:
                refused.append(url)
                raise ValueError(f"refused {url}")
            return super().fetch(url, headers)

    return WorkspaceFetcher()


@contextmanager
def _source_date_epoch(epoch: int | None) -> Iterator[None]:
    """Set ``SOURCE_DATE_EPOCH`` for the duration of one print, unless the user set it."""
    if epoch is None or "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


@contextmanager
def _captured_log() -> Iterator[list[str]]:
    """Collect WeasyPrint's log records for one document instead of printing them."""
    records: list[str] = []

    class Collector(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage().splitlines()[0])

    logger = logging.getLogger("weasyprint")
    handler = Collector(level=logging.WARNING)
    old_propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.propagate = old_propagate


def html_to_pdf(
    html: str,
    *,
    base_url: Path,
    allowed_roots: Sequence[Path],
    allow_remote: bool = False,
    source_epoch: int | None = None,
) -> tuple[bytes, list[str]]:
    """Print an HTML memo to PDF.

    Args:
        html: the complete HTML document (inline CSS).
        base_url: the folder relative links resolve against (the option set's folder).
        allowed_roots: folders whose files the memo may embed (workspace, templates).
        allow_remote: also fetch ``https`` resources.
        source_epoch: seconds since 1970 to stand for "now" wherever the printer would
            write the time (fontTools' font subsets read ``SOURCE_DATE_EPOCH``).

    Returns:
        ``(pdf_bytes, warnings)``: the PDF, and WeasyPrint's messages plus every resource
        that was refused, one line each.
    """
    printed = print_html(
        html,
        anchors=(),
        base_url=base_url,
        allowed_roots=allowed_roots,
        allow_remote=allow_remote,
        source_epoch=source_epoch,
    )
    return printed.pdf, printed.warnings


def print_html(
    html: str,
    *,
    anchors: Collection[str],
    base_url: Path,
    allowed_roots: Sequence[Path],
    allow_remote: bool = False,
    source_epoch: int | None = None,
) -> Printed:
    """Print an HTML document once and say where ``anchors`` (element ids) landed.

    Arguments as for :func:`html_to_pdf`.

    Returns:
        The :class:`Printed` document, with :attr:`Printed.positions` filled.
    """
    from weasyprint import HTML

    refused: list[str] = []
    fetcher = _make_fetcher(allowed_roots, refused, allow_remote)
    with _captured_log() as log, _source_date_epoch(source_epoch):
        document = HTML(
            string=html, base_url=str(base_url.resolve()) + "/", url_fetcher=fetcher
        ).render()
        positions = anchor_positions(document, anchors)
        identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
        pdf = document.write_pdf(pdf_identifier=identifier, attachments=[])
    pages = {name: page for name, (page, _) in positions.items()}
    return Printed(pdf, pages, _warnings(refused, log), positions, len(document.pages))


def anchor_positions(document: Any, anchors: Collection[str]) -> dict[str, tuple[int, float]]:
    """Where each of ``anchors`` starts in a laid-out WeasyPrint document.

    Returns:
        anchor -> (page number, 1-based; distance from the top of the page in points).
        A box split over pages is an anchor on each; its first page counts. Anchors not
        in the document are left out.
    """
    found: dict[str, tuple[int, float]] = {}
    for number, page in enumerate(document.pages, 1):
        for name, box in page.anchors.items():
            if name in anchors and name not in found:
                found[name] = (number, box[1] * PT_PER_PX)
    return found


def _warnings(refused: list[str], log: list[str]) -> list[str]:
    warnings = [f"refused resource {url}" for url in refused]
    warnings += [line for line in log if not line.startswith(("Failed to load", "refused"))]
    return list(dict.fromkeys(warnings))


#: CSS pixels (WeasyPrint's layout unit) to points.
PT_PER_PX = 0.75


@dataclass(frozen=True)
class Printed:
    """A printed document: the PDF, the page (1-based) of each anchor asked for, warnings;
    from :func:`print_html` also each anchor's (page, points from the page top) and the
    number of pages."""

    pdf: bytes
    pages: dict[str, int]
    warnings: list[str]
    positions: dict[str, tuple[int, float]] = field(default_factory=dict)
    page_count: int = 0


#: Renders allowed for the page numbers of a table of contents to settle.
MAX_PASSES = 4


def print_paginated(
    make_html: Callable[[Mapping[str, int]], str],
    *,
    anchors: Collection[str],
    base_url: Path,
    allowed_roots: Sequence[Path],
    allow_remote: bool = False,
    source_epoch: int | None = None,
) -> Printed:
    """Print a document whose text depends on its own page numbers (a table of contents).

    ``make_html(pages)`` returns the HTML given the page of each anchor found so far
    (``{}`` at first). The document is laid out again until the pages of ``anchors``
    stop moving, so printed page numbers are read from the real layout rather than from
    CSS ``target-counter()``, which has had regressions in WeasyPrint.

    Args:
        make_html: builds the HTML from anchor -> page number.
        anchors: element ids whose pages are wanted (empty: one pass).
        base_url, allowed_roots, allow_remote, source_epoch: as for :func:`html_to_pdf`.

    Returns:
        The :class:`Printed` document.

    Raises:
        RuntimeError: the page numbers did not settle in ``MAX_PASSES`` layouts (a bug).
    """
    from weasyprint import HTML

    refused: list[str] = []
    fetcher = _make_fetcher(allowed_roots, refused, allow_remote)
    pages: dict[str, int] = {}
    with _captured_log() as log, _source_date_epoch(source_epoch):
        for _ in range(MAX_PASSES):
            html = make_html(pages)
            document = HTML(
                string=html, base_url=str(base_url.resolve()) + "/", url_fetcher=fetcher
            ).render()
            found: dict[str, int] = {}
            for number, page in enumerate(document.pages, 1):
                for name in page.anchors:
                    # A box split over pages is an anchor on each; its first page counts.
                    if name in anchors:
                        found.setdefault(name, number)
            if found == pages or not anchors:
                break
            pages = found
        else:
            raise RuntimeError(f"page numbers did not settle after {MAX_PASSES} layouts")
        # The identifier comes from the content, so the same memo gives the same bytes.
        identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
        pdf = document.write_pdf(pdf_identifier=identifier, attachments=[])
    warnings = [f"refused resource {url}" for url in refused]
    warnings += [line for line in log if not line.startswith(("Failed to load", "refused"))]
    return Printed(pdf, pages, list(dict.fromkeys(warnings)))
