"""What ruamel.yaml lets through but a reader of the file would not expect, found on the
composed nodes and the file's text (part of the load stage, :mod:`briefgen.load.reader`).

Errors (YAML 1.2 forbids these; ruamel.yaml accepts them):

* a ``#`` right after a quoted value (``key: "value"# note``): a comment needs a space
  before it (spec 6.6);
* a line of a quoted value or ``[...]``/``{...}`` that is not indented under its key
  (spec 7.3, 7.4: inside a block, flow content is indented more than the block).

Errors of ours: invisible characters that change how text prints (line and paragraph
separators, zero-width spaces, bidirectional controls), anywhere in the file.

Warnings: a comment that cuts a plain value short (``summary: Held #published``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

#: Characters refused in option sets: they print as boxes or forced breaks, or reorder text.
INVISIBLE = frozenset(
    "\u2028\u2029\u200b\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
#: Most invisible characters reported in one file.
MAX_REPORTED = 20
_CUT = re.compile(r"[ \t]+#(?=[^\W_])")

Finding = tuple[int, int, str, str]  # line, column (1-based), message, hint


def invisible_characters(text: str) -> list[Finding]:
    """Where the file holds a character of :data:`INVISIBLE`, each with its name."""
    found: list[Finding] = []
    for number, line in enumerate(text.split("\n"), start=1):
        for column, character in enumerate(line, start=1):
            if character in INVISIBLE and len(found) < MAX_REPORTED:
                name = unicodedata.name(character, "format character").lower()
                found.append(
                    (
                        number,
                        column,
                        f"an invisible character, U+{ord(character):04X} ({name})",
                        "delete it; it would print as a box or a forced break, or reorder the text",
                    )
                )
    return found


def layout_errors(root: Node, text: str) -> list[Finding]:
    """YAML 1.2 rules ruamel.yaml does not enforce, checked on the composed ``root``."""
    lines = text.split("\n")
    found: list[Finding] = []
    for node, block_indent in _walk(root, -1):
        if isinstance(node, ScalarNode) and node.style in {'"', "'"}:
            end = node.end_mark
            if lines[end.line][end.column : end.column + 1] == "#":
                found.append(
                    (
                        end.line + 1,
                        end.column + 1,
                        "a '#' right after a quoted value",
                        "put a space before '#' to start a comment",
                    )
                )
        if isinstance(node, ScalarNode) and not node.style and node.value == "-":
            mark = node.start_mark
            found.append(
                (
                    mark.line + 1,
                    mark.column + 1,
                    f"'{node.value}' alone is not a value",
                    "quote it: '-'",
                )
            )
        flowing = (isinstance(node, ScalarNode) and node.style in {'"', "'"}) or (
            not isinstance(node, ScalarNode) and bool(getattr(node, "flow_style", False))
        )
        if flowing and block_indent >= 0:
            found += _under_indented(node, block_indent, lines)
    return found


def cut_values(root: Node, text: str) -> list[Finding]:
    """Plain values followed on their line by ``#word``: the words were meant as text."""
    lines = text.split("\n")
    found: list[Finding] = []
    for node, _ in _walk(root, -1):
        if isinstance(node, ScalarNode) and not node.style and node.value:
            end = node.end_mark
            cut = _CUT.match(lines[end.line], end.column) if end.line < len(lines) else None
            if cut:
                found.append(
                    (
                        end.line + 1,
                        cut.end(),
                        "the text after ' #' is a comment, not part of the value",
                        "quote the value to keep it",
                    )
                )
    return found


def _under_indented(node: Node, block_indent: int, lines: list[str]) -> Iterator[Finding]:
    for number in range(node.start_mark.line + 1, node.end_mark.line + 1):
        line = lines[number]
        if line.strip(" \t") and len(line) - len(line.lstrip(" ")) <= block_indent:
            yield (
                number + 1,
                1,
                "this line of a quoted value or a '[...]' or '{...}' is not indented under its key",
                "indent it with spaces, deeper than the key",
            )
            return


def _walk(node: Node, block_indent: int) -> Iterator[tuple[Node, int]]:
    """Every node once, with the column of the block collection holding it (-1 at the top)."""
    seen: set[int] = set()
    stack = [(node, block_indent)]
    while stack:
        current, indent = stack.pop()
        if id(current) in seen:
            continue  # an alias: already visited
        seen.add(id(current))
        yield current, indent
        inner = indent
        if isinstance(current, MappingNode | SequenceNode) and not getattr(
            current, "flow_style", False
        ):
            inner = current.start_mark.column
        if isinstance(current, MappingNode):
            stack += [(child, inner) for pair in current.value for child in pair]
        elif isinstance(current, SequenceNode):
            stack += [(child, inner) for child in current.value]
