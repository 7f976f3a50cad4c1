"""Word building blocks for :mod:`briefgen.render.docx`: Markdown fields as Word runs,
tables with a repeated header row, page-header markings and reproducible packages.

python-docx writes the document; its low-level ``OxmlElement`` is used only where it has
no API (the repeated header row, ``w:tblHeader`` of ECMA-376 Part 1, 17.4.49).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from typing import Any

import lxml.html
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from briefgen.markdown.html import markdown_to_html

#: HTML block elements that become Word paragraphs of their own.
_BLOCKS = {"p", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "div"}
#: A fixed time for every part of the package: the same memo gives the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def style(document: Any, name: str, fallback: str = "Normal") -> str:
    """``name`` when the document (or its office template) defines that paragraph or
    table style, else ``fallback``: an office template may lack ``List Bullet``."""
    names = {s.name for s in document.styles}
    return name if name in names else fallback


def add_markdown(document: Any, text: str, *, container: Any = None) -> None:
    """Add a Markdown field as Word paragraphs: its sanitised HTML's paragraphs, bullet
    and numbered lists (``List Bullet``, ``List Number``) and bold, italic and code runs.

    Args:
        document: the python-docx ``Document`` (for its styles).
        text: the field's Markdown source.
        container: where paragraphs go (a table cell); the document body by default.
    """
    target = container if container is not None else document
    for element in _fragments(text):
        if isinstance(element, str):
            if element.strip():
                _inline(target.add_paragraph(), element)
        else:
            _block(document, target, element)
    if container is not None and len(container.paragraphs) > 1 and not container.paragraphs[0].text:
        # A new cell starts with one empty paragraph; drop it when text followed.
        first = container.paragraphs[0]._element
        first.getparent().remove(first)


def add_inline(paragraph: Any, text: str) -> None:
    """Append a short Markdown field to ``paragraph`` as runs; its paragraphs are kept
    apart by line breaks, as a list item of the HTML memo shows them."""
    for number, element in enumerate(_fragments(text)):
        if number:
            paragraph.add_run().add_break()
        _inline(paragraph, element)


def _fragments(text: str) -> list[Any]:
    html = str(markdown_to_html(text)).strip()
    return list(lxml.html.fragments_fromstring(html)) if html else []


def _block(document: Any, target: Any, element: Any) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in ("ul", "ol"):
        list_style = style(document, "List Bullet" if tag == "ul" else "List Number")
        for item in element.iterchildren("li"):
            _inline(target.add_paragraph(style=list_style), item)
    elif tag == "table":
        for row in element.iter("tr"):
            cells = [cell.text_content().strip() for cell in row.iterchildren()]
            target.add_paragraph(" | ".join(cells))
    elif tag in _BLOCKS or tag:
        paragraph = target.add_paragraph(style=_quote_style(document, tag))
        _inline(paragraph, element)


def _quote_style(document: Any, tag: str) -> str:
    return style(document, "Quote") if tag == "blockquote" else style(document, "Normal")


def _inline(paragraph: Any, node: Any, bold: bool = False, italic: bool = False) -> None:
    """Add ``node`` (an lxml element or a text) to ``paragraph`` as runs."""
    if isinstance(node, str):
        _run(paragraph, node, bold, italic)
        return
    tag = node.tag if isinstance(node.tag, str) else ""
    bold = bold or tag in ("strong", "b", "th")
    italic = italic or tag in ("em", "i")
    if tag == "br":
        paragraph.add_run().add_break()
    elif tag == "img":
        _run(paragraph, f"[{node.get('alt') or 'image'}]", bold, italic)
    elif tag in ("code", "kbd"):
        _run(paragraph, node.text_content(), bold, italic).font.name = "Courier New"
        _run(paragraph, "", bold, italic)  # keeps the tail in the body font
    elif tag in ("ul", "ol"):
        for item in node.iterchildren("li"):
            paragraph.add_run().add_break()
            _run(paragraph, "• ", bold, italic)
            _inline(paragraph, item, bold, italic)
    else:
        _run(paragraph, node.text or "", bold, italic)
        for child in node:
            _inline(paragraph, child, bold, italic)
            _run(paragraph, child.tail or "", bold, italic)
        href = node.get("href", "") if tag == "a" else ""
        if href.startswith(("http:", "https:")) and href != node.text_content():
            _run(paragraph, f" ({href})", bold, italic)


def _run(paragraph: Any, text: str, bold: bool, italic: bool) -> Any:
    run = paragraph.add_run(" ".join(text.split("\n")))
    run.bold = bold or None
    run.italic = italic or None
    return run


def add_table(document: Any, header: Sequence[str], rows: Sequence[Sequence[str]]) -> Any:
    """Add a Word table whose first row repeats at the top of every page it runs onto.

    Args:
        document: the python-docx ``Document``.
        header: the header cells' text, printed bold.
        rows: the body rows; a cell's text may be Markdown (see :func:`add_markdown`).

    Returns:
        The python-docx ``Table``.
    """
    table = document.add_table(rows=1, cols=len(header))
    if style(document, "Table Grid", fallback=""):
        table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    repeat_header(table.rows[0])
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            if text:
                add_markdown(document, text, container=cell)
    return table


def repeat_header(row: Any) -> None:
    """Mark ``row`` as a header row that Word repeats on each page (``w:tblHeader``)."""
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def mark_pages(document: Any, marking: str) -> None:
    """Print ``marking`` centred, bold, in every page header and footer."""
    for section in document.sections:
        for part in (section.header, section.footer):
            part.is_linked_to_previous = False
            paragraph = part.paragraphs[0] if part.paragraphs else part.add_paragraph()
            paragraph.text = ""
            paragraph.alignment = 1  # centre
            run = paragraph.add_run(marking)
            run.bold = True
            run.font.size = Pt(10)


def clear_body(document: Any) -> None:
    """Remove an office template's sample content, keeping its section settings."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def package_bytes(document: Any) -> bytes:
    """The ``.docx`` file, every part stamped with one fixed time so that equal memos
    give equal bytes (python-docx stamps the time of writing)."""
    written = io.BytesIO()
    document.save(written)
    fixed = io.BytesIO()
    with (
        zipfile.ZipFile(written) as source,
        zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            part = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            part.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(part, source.read(info.filename))
    return fixed.getvalue()
