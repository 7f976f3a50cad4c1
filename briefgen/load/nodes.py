"""YAML nodes to plain data: the text of every scalar as typed, every position recorded.

Part of the load stage (:mod:`briefgen.load.reader`). Duplicate keys, merge keys, unknown tags,
runaway alias expansion ("billion laughs") and deep nesting are reported here, located.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from briefgen.errors import Diagnostic
from briefgen.load.document import Document, FieldPath, Position, format_field_path

#: Deepest nesting of mappings and lists accepted; option sets need about six levels.
MAX_DEPTH = 40
#: Most values a document may hold once aliases are expanded; bounds time and memory.
MAX_VALUES = 200_000

_CORE_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}
NULL_TAG = "tag:yaml.org,2002:null"
_MERGE_TAG = "tag:yaml.org,2002:merge"


def to_plain(root: Node, document: Document, issues: list[Diagnostic]) -> Any:
    """Convert the composed ``root`` into ``dict``/``list``/``str``/``None`` data.

    Positions go into ``document.positions`` and ``document.key_positions``; problems are
    appended to ``issues``.
    """
    return _Converter(document, issues).convert(root, ())


class _Converter:
    """Turns composed nodes into plain data, recording positions and problems."""

    def __init__(self, document: Document, issues: list[Diagnostic]) -> None:
        self.document = document
        self.issues = issues
        self.budget = MAX_VALUES
        self.exhausted = False
        self.seen: set[int] = set()
        self.first_alias: Node | None = None  # the first anchored node met a second time

    def convert(self, node: Node, loc: FieldPath, depth: int = 0) -> Any:
        if self.exhausted:
            return None
        self.budget -= 1
        if depth > MAX_DEPTH:
            self.exhausted = True
            message = f"nesting is deeper than {MAX_DEPTH} levels"
            self.issues.append(
                self._at(node, format_field_path(loc[:3]) + "...", message, "flatten the structure")
            )
            return None
        if self.budget < 0:
            self.exhausted = True
            self.issues.append(self._alias_bomb(node))
            return None
        if getattr(node, "anchor", None) and self.first_alias is None:
            if id(node) in self.seen:
                self.first_alias = node
            self.seen.add(id(node))
        self.document.positions.setdefault(loc, _mark(node))
        if not self._tag_ok(node, loc):
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, loc, depth)
        if isinstance(node, SequenceNode):
            return [
                self.convert(item, (*loc, index), depth + 1)
                for index, item in enumerate(node.value)
            ]
        if node.tag == NULL_TAG and not getattr(node, "style", None):
            return None
        return str(node.value)

    def _alias_bomb(self, node: Node) -> Diagnostic:
        """Point at the anchor whose aliases blew the budget, not at a random value."""
        culprit = self.first_alias or node
        anchor = getattr(culprit, "anchor", None)
        what = f"aliases of '&{anchor}'" if anchor else "aliases"
        return self._at(
            culprit,
            "",
            f"{what} expand to more than {MAX_VALUES:,} values",
            "write the values out instead of nesting aliases (*name)",
        )

    def _tag_ok(self, node: Node, loc: FieldPath) -> bool:
        tag = str(node.tag)
        if tag in _CORE_TAGS or not tag.startswith(("!", "tag:")):
            return True
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        self.issues.append(
            self._at(
                node,
                format_field_path(loc),
                f"the YAML tag '{shown}' is not supported",
                "remove the tag; briefgen reads plain values",
            )
        )
        return False

    def _mapping(self, node: MappingNode, loc: FieldPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if str(key_node.tag) == _MERGE_TAG:
                self.issues.append(
                    self._at(
                        key_node,
                        format_field_path(loc),
                        "merge keys ('<<') are not supported",
                        "write the keys out in full",
                    )
                )
                continue
            if not isinstance(key_node, ScalarNode):
                self.issues.append(
                    self._at(
                        key_node,
                        format_field_path(loc),
                        "a key must be plain text, not a list or mapping",
                    )
                )
                continue
            key = str(key_node.value)
            child = (*loc, key)
            if key in seen:
                first = seen[key].start_mark.line + 1
                self.issues.append(
                    self._at(
                        key_node,
                        format_field_path(child),
                        f"duplicate key '{key}' (first at line {first})",
                        "keep one of them",
                    )
                )
                continue
            seen[key] = key_node
            self.document.key_positions[child] = _mark(key_node)
            if _is_empty(value_node):
                # An empty value has no text of its own; point at its key instead.
                self.document.positions[child] = _mark(key_node)
            result[key] = self.convert(value_node, child, depth + 1)
        return result

    def _at(self, node: Node, field_path: str, message: str, hint: str = "") -> Diagnostic:
        line, column = _mark(node)
        return Diagnostic(self.document.name, line, column, field_path, message, hint)


def _mark(node: Node) -> Position:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _is_empty(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.value == "" and not node.style
