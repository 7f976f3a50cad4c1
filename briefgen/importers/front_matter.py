"""A record's front matter: the YAML between ``---`` lines at its top, read safely with
ruamel.yaml, each key with its line and its text as written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markdown_it.tree import SyntaxTreeNode
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

if TYPE_CHECKING:
    from briefgen.importers.record import Record


class RecordError(Exception):
    """A record that cannot be read (bad front matter, not UTF-8, empty).

    Attributes:
        line: the 1-based line of the problem; 0 for the whole file.
        kind: a key of the import messages in :mod:`briefgen.messages`.
        context: the values its wording uses.
    """

    def __init__(self, line: int, kind: str, **context: Any) -> None:
        super().__init__(kind)
        self.line = line
        self.kind = kind
        self.context = context


def is_comment(node: SyntaxTreeNode) -> bool:
    """True for an HTML block that is a comment only (``<!-- optional -->``)."""
    text = node.content.strip()
    return text.startswith("<!--") and text.endswith("-->")


def late_front_matter(record: Record, nodes: list[SyntaxTreeNode]) -> None:
    """Front matter after HTML comments (a licence header): the front-matter rule wants
    ``---`` on the first line, so CommonMark reads a rule, then the YAML lines as a
    heading underlined by the closing ``---``. Those two nodes are the front matter."""
    while nodes and nodes[0].type == "html_block" and is_comment(nodes[0]):
        nodes.pop(0)
    if len(nodes) < 2 or nodes[0].type != "hr" or set(nodes[0].markup) != {"-"}:
        return
    heading = nodes[1]
    if heading.type != "heading" or heading.markup != "-" or heading.map is None:
        return
    start, end = (nodes[0].map or (0, 0))[1], heading.map[1] - 1
    try:
        read_front_matter(record, "\n".join(record.lines[start:end]), start + 1)
    except RecordError:
        return  # not YAML after all: a rule and a heading, as CommonMark says
    del nodes[:2]


def read_front_matter(record: Record, content: str, first: int) -> None:
    """Read the front matter's YAML (safe); its keys keep their lines.

    Args:
        record: the record to fill.
        content: the YAML between the ``---`` lines.
        first: the line of its first line in the record file, 1-based.

    Raises:
        RecordError: the YAML does not parse (at the line the parser stopped) or is not
            a mapping (at the opening ``---``).
    """
    yaml = YAML(typ="safe", pure=True)
    try:
        data = yaml.load(content) if content.strip() else {}
        composed = yaml.compose(content) if content.strip() else None
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first + (mark.line if mark is not None else 0)
        problem = error.problem or error.context or "not valid YAML"
        raise RecordError(line, "import_front_matter", problem=problem) from None
    except YAMLError as error:
        raise RecordError(first, "import_front_matter", problem=str(error)) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise RecordError(first - 1, "import_front_matter_type")
    record.front_matter = {str(key): value for key, value in data.items()}
    if composed is None:
        return
    written = content.split("\n")
    for key_node, value_node in composed.value:
        start, end = key_node.start_mark.line, value_node.end_mark.line
        if value_node.end_mark.column > 0 or end == start:
            end += 1
        record.front_matter_lines[str(key_node.value)] = first + start
        record.front_matter_text[str(key_node.value)] = "\n".join(written[start:end]).rstrip()
