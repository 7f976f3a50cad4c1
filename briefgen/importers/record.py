"""A decision record read with a real Markdown parser: front matter, title, sections.

markdown-it-py (CommonMark, with GitHub's tables and strikethrough) tokenises the file;
mdit-py-plugins' front-matter rule takes the leading ``---`` block, which ruamel.yaml
(safe) then reads. Every block keeps the line range the parser gives it
(``token.map``), so a field of the option set carries the Markdown exactly as written,
and a warning points at its line. Headings or ``status:`` lines inside code blocks are
code, not sections: the parser says so, nothing here guesses.

Sections nest by heading level: the first ``#`` heading is the title (without one, a
first heading alone at the shallowest level, over the others); the shallowest level
below it holds the sections (``##`` in both MADR and adr-tools records); deeper
headings are subsections. HTML comments (the templates' ``<!-- optional -->`` notes) are
dropped: they are not text of the record.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown_it.tree import SyntaxTreeNode

from briefgen.importers.front_matter import (
    RecordError,
    is_comment,
    late_front_matter,
    read_front_matter,
)
from briefgen.importers.text import key_of, links, parser, plain

#: A list item's marker and the spaces after it (CommonMark: ``*``, ``+``, ``-``, ``1.``, ``1)``).
_MARKER = re.compile(r"^[ \t]*(?:[*+-]|[0-9]{1,9}[.)])(?:[ \t]+|$)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass
class Block:
    """One block of the record (paragraph, list, code, table, quote, ...), as written.

    Attributes:
        node: the parser's node.
        source: its Markdown, HTML comments removed, trailing spaces trimmed.
        line: its first line, 1-based.
    """

    node: SyntaxTreeNode
    source: str
    line: int

    @property
    def kind(self) -> str:
        """The node type: ``paragraph``, ``bullet_list``, ``fence``, ``table``, ..."""
        return self.node.type

    @property
    def is_list(self) -> bool:
        """True for a bullet or numbered list."""
        return self.kind in ("bullet_list", "ordered_list")

    @property
    def text(self) -> str:
        """The plain text of a paragraph (its inline content); "" for other blocks."""
        return plain(self.node) if self.kind == "paragraph" else ""

    def items(self, record: Record) -> list[Item]:
        """The items of a list (empty for other blocks)."""
        if not self.is_list:
            return []
        return [record.item(child) for child in self.node.children]


@dataclass
class Item:
    """One list item: its Markdown with the marker removed and the lines dedented.

    Attributes:
        node: the ``list_item`` node.
        source: the item's Markdown (nested lists and paragraphs included).
        line: its first line, 1-based.
        marker: the list's marker (``*``, ``-``, ``+``, ``.`` or ``)``).
    """

    node: SyntaxTreeNode
    source: str
    line: int
    marker: str

    @property
    def lead(self) -> SyntaxTreeNode | None:
        """The inline node of the item's first paragraph, or None."""
        first = self.node.children[0] if self.node.children else None
        if first is not None and first.type == "paragraph" and first.children:
            return first.children[0]
        return None

    @property
    def text(self) -> str:
        """The plain text of the item's first paragraph."""
        return plain(self.lead)


@dataclass
class Section:
    """A heading and what stands under it, up to the next heading of its level or above.

    Attributes:
        title: the heading's plain text.
        heading: the heading as Markdown (``## Title``), HTML comments removed.
        level: 1-6.
        line: the heading's line, 1-based.
        blocks: the blocks directly under the heading.
        children: its subsections, in order.
    """

    title: str
    heading: str
    level: int
    line: int
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    @property
    def key(self) -> str:
        """The title normalised for matching (see :func:`key_of`), numbering dropped."""
        return re.sub(r"^(?:[0-9]+ )+", "", key_of(self.title))

    def body(self, *, with_heading: bool = False) -> str:
        """The section's Markdown as written: its blocks, then each subsection with its
        heading; "" when there is nothing under the heading."""
        parts = [self.heading] if with_heading else []
        parts += [block.source for block in self.blocks]
        parts += [child.body(with_heading=True) for child in self.children]
        return "\n\n".join(part for part in parts if part)


@dataclass
class Record:
    """A decision record file, parsed.

    Attributes:
        path: the file.
        lines: its text, one string per line (tabs expanded, as CommonMark counts them).
        front_matter: the YAML mapping of a leading ``---`` block, or {}.
        front_matter_lines: key -> its 1-based line in the file.
        front_matter_text: key -> its YAML as written (the key's lines).
        title: the title heading's plain text, or "".
        title_line: its line, or 0.
        preamble: blocks before the first section (the title excepted).
        sections: the top-level sections, in order.
        references: link reference definitions, label -> Markdown line (``[x]: url``).
    """

    path: Path
    lines: list[str]
    front_matter: dict[str, Any] = field(default_factory=dict)
    front_matter_lines: dict[str, int] = field(default_factory=dict)
    front_matter_text: dict[str, str] = field(default_factory=dict)
    title: str = ""
    title_line: int = 0
    preamble: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    references: dict[str, str] = field(default_factory=dict)
    root: SyntaxTreeNode | None = None

    def source(self, node: SyntaxTreeNode) -> str:
        """The Markdown of ``node`` as written, without HTML comments or trailing spaces."""
        start, end = node.map or (0, 0)
        text = "\n".join(line.rstrip() for line in self.lines[start:end])
        for comment in _comments(node):
            text = text.replace(comment, "", 1)
        return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")

    def block(self, node: SyntaxTreeNode) -> Block:
        """Wrap a block node."""
        return Block(node, self.source(node), (node.map or (0, 0))[0] + 1)

    def item(self, node: SyntaxTreeNode) -> Item:
        """Wrap a ``list_item`` node: marker removed, continuation lines dedented."""
        lines = self.source(node).split("\n")
        marker = _MARKER.match(lines[0])
        width = len(marker.group(0)) if marker else 0
        rest = [_dedent(line, width) for line in lines[1:]]
        source = "\n".join([lines[0][width:], *rest]).strip("\n")
        return Item(node, source, (node.map or (0, 0))[0] + 1, node.markup or "*")

    def walk_links(self) -> Iterator[tuple[str, str, bool]]:
        """Every link of the record, in order (see :func:`links`)."""
        if self.root is not None:
            yield from links(self.root)


def _dedent(line: str, width: int) -> str:
    spaces = len(line) - len(line.lstrip(" "))
    return line[min(spaces, width) :]


def _comments(node: SyntaxTreeNode) -> Iterator[str]:
    for child in node.walk():
        if child.type == "html_inline" and child.content.startswith("<!--"):
            yield child.content
        elif child.type == "html_block" and is_comment(child):
            yield child.content.rstrip("\n")


def read_record(path: Path) -> Record:
    """Read and parse one record file.

    Args:
        path: a Markdown file.

    Returns:
        The :class:`Record`.

    Raises:
        RecordError: the file is not UTF-8, is empty, or its front matter is not a YAML
            mapping (located at the offending line).
        OSError: the file cannot be read.
    """
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise RecordError(line, "import_encoding") from None
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise RecordError(0, "import_empty")
    lines = [line.expandtabs(4) for line in text.split("\n")]
    env: dict[str, Any] = {}
    root = SyntaxTreeNode(parser().parse("\n".join(lines), env))
    record = Record(path=path, lines=lines, root=root)
    for label, reference in env.get("references", {}).items():
        start, end = reference.get("map") or (0, 0)
        record.references[label] = "\n".join(lines[start:end]).strip()
    _outline(record, root)
    return record


def _outline(record: Record, root: SyntaxTreeNode) -> None:
    """Fill the record's front matter, title, preamble and sections from the tree."""
    nodes = list(root.children)
    if nodes and nodes[0].type == "front_matter":
        front = nodes.pop(0)
        read_front_matter(record, front.content, (front.map or (0, 0))[0] + 2)
    else:
        late_front_matter(record, nodes)
    headings = [n for n in nodes if n.type == "heading"]
    title = next((n for n in headings if n.tag == "h1"), None)
    if title is None and len(headings) > 1:
        # No "#" title: a first heading alone at the shallowest level, over the others.
        tags = [n.tag for n in headings]
        if tags.count(tags[0]) == 1 and min(tags) == tags[0]:
            title = headings[0]
    if title is not None:
        record.title = plain(title)
        record.title_line = (title.map or (0, 0))[0] + 1
    levels = [int(n.tag[1]) for n in headings if n is not title]
    top = min(levels, default=2)
    stack: list[Section] = []
    for node in nodes:
        if node is title:
            continue
        if node.type == "heading":
            section = _section(record, node)
            while stack and stack[-1].level >= section.level:
                stack.pop()
            if stack and section.level > top:
                stack[-1].children.append(section)
            else:
                record.sections.append(section)
            stack.append(section)
        elif node.type != "html_block" or not is_comment(node):
            block = record.block(node)
            (stack[-1].blocks if stack else record.preamble).append(block)


def _section(record: Record, node: SyntaxTreeNode) -> Section:
    inline = node.children[0] if node.children else None
    written = inline.content if inline is not None else ""
    if inline is not None:
        for comment in _comments(inline):
            written = written.replace(comment, "", 1)
    level = int(node.tag[1])
    line = (node.map or (0, 0))[0] + 1
    return Section(plain(node), "#" * level + " " + written.strip(), level, line)
