"""HTML to PDF through WeasyPrint, wrapped so that it cannot leak.

:func:`print_html` is the only place briefgen calls WeasyPrint: every memo and packet is
laid out once (a packet's contents numbers are CSS ``target-counter()``s). It gives
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
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.markdown.policy import fetch_allowed


def _make_fetcher(allowed_roots: Sequence[Path], refused: list[str], allow_remote: bool) -> Any:
    from weasyprint.urls import URLFetcher

    schemes = {"data", "file", "https"} if allow_remote else {"data", "file"}

    class WorkspaceFetcher(URLFetcher):  # type: ignore[misc]
        """Serves data: URLs and files inside the workspace (https only when allowed);
        refuses everything else, and never follows a redirect."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols=schemes, allow_redirects=False, timeout=10)

        def fetch(self, url: str, headers: Any = None) -> Any:
            if not fetch_allowed(url, allowed_roots, allow_remote):
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
    """Print an HTML memo or packet to PDF, laid out once.

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
