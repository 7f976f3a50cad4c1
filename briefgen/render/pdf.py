"""HTML to PDF through WeasyPrint, wrapped so that it cannot leak.

One function, :func:`html_to_pdf`, is the only place briefgen calls WeasyPrint. It gives
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
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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
    from weasyprint import HTML

    refused: list[str] = []
    fetcher = _make_fetcher(allowed_roots, refused, allow_remote)
    with _captured_log() as log, _source_date_epoch(source_epoch):
        document = HTML(
            string=html, base_url=str(base_url.resolve()) + "/", url_fetcher=fetcher
        ).render()
        # The identifier comes from the content, so the same memo gives the same bytes.
        identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
        pdf = document.write_pdf(pdf_identifier=identifier, attachments=[])
    warnings = [f"refused resource {url}" for url in refused]
    warnings += [line for line in log if not line.startswith(("Failed to load", "refused"))]
    return pdf, list(dict.fromkeys(warnings))
