"""Stage 1, load: read a YAML file into plain data that remembers where every value stood.

The loader composes the YAML 1.2 node graph with ruamel.yaml and converts it itself, so
that:

* every scalar stays the exact text the user typed (``4.50``, ``0012``, ``NO``,
  ``2009-01-31``); the models parse numbers and dates only where a field is a number or
  a date. Only an unquoted empty value, ``~`` or ``null`` becomes ``None``;
* every value and every key has a 1-based (line, column), used to locate errors;
* duplicate keys, merge keys, unknown tags, runaway alias expansion ("billion laughs"),
  deep nesting and oversized files are refused with located, plain messages.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from briefgen.errors import InputError, Issue, WorkspaceError, display_path
from briefgen.messages import describe_syntax

#: Largest input file accepted, in bytes. Real option sets are a few tens of kilobytes.
MAX_FILE_BYTES = 1_000_000
#: Deepest nesting of mappings and lists accepted; option sets need about six levels.
MAX_DEPTH = 40
#: Most values a document may hold once aliases are expanded; bounds time and memory.
MAX_VALUES = 200_000

FieldPath = tuple[str | int, ...]
Position = tuple[int, int]

_CORE_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}
_NULL_TAG = "tag:yaml.org,2002:null"
_MERGE_TAG = "tag:yaml.org,2002:merge"


@dataclass
class Document:
    """A loaded YAML file: plain data plus the position of every value.

    Attributes:
        path: the file's path.
        data: ``dict``/``list``/``str``/``None`` tree; scalars are the text as typed.
        positions: field path -> 1-based (line, column) where the value starts.
        key_positions: field path -> 1-based (line, column) of the mapping key naming it.
        lines: the file's lines, to locate text inside a multi-line value.
    """

    path: Path
    data: Any
    positions: dict[FieldPath, Position] = field(default_factory=dict)
    key_positions: dict[FieldPath, Position] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    def locate_text(self, loc: FieldPath, needle: str) -> Position:
        """Return where ``needle`` stands inside the value at ``loc``: its own line in a
        ``|`` or ``>`` block, else the start of the value."""
        line, column = self.locate(loc)
        opener = self.lines[line - 1][column - 1 : column] if 0 < line <= len(self.lines) else ""
        if needle and opener in {"|", ">"}:
            for number in range(line + 1, len(self.lines) + 1):
                found = self.lines[number - 1].find(needle)
                if found >= 0:
                    return (number, found + 1)
                if self.lines[number - 1].strip() and not self.lines[number - 1][:1].isspace():
                    break  # the block ended
        return (line, column)

    @property
    def name(self) -> str:
        """The path as shown in messages (relative to the working folder)."""
        return display_path(self.path)

    def locate(self, loc: FieldPath, *, key: bool = False) -> Position:
        """Return the position of ``loc``, or of its nearest ancestor that exists.

        Args:
            loc: a field path such as ``("options", 0, "title")``.
            key: prefer the position of the mapping key over that of its value.

        Returns:
            A 1-based (line, column); (1, 1) when nothing along the path is known.
        """
        for end in range(len(loc), -1, -1):
            prefix = loc[:end]
            if key and prefix in self.key_positions:
                return self.key_positions[prefix]
            if prefix in self.positions:
                return self.positions[prefix]
        return (1, 1)

    def issue(
        self,
        loc: FieldPath,
        message: str,
        hint: str = "",
        *,
        key: bool = False,
        severity: str = "error",
    ) -> Issue:
        """Build an :class:`Issue` located at ``loc`` in this document."""
        line, column = self.locate(loc, key=key)
        return Issue(self.name, line, column, format_field_path(loc), message, hint, severity)


def format_field_path(loc: FieldPath) -> str:
    """Spell a field path the way the user reads it: ``options[0].risks[1].title``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def load_document(path: Path) -> Document:
    """Read and parse one YAML file.

    Args:
        path: the YAML file.

    Returns:
        The :class:`Document`; its ``data`` is a mapping for any useful input.

    Raises:
        WorkspaceError: the file cannot be read.
        InputError: the file is too large, not UTF-8, not valid YAML, empty, holds more
            than one document, or breaks one of the limits above.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                [
                    _file_issue(
                        path,
                        f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit",
                        "split it or move long text into shorter fields",
                        1,
                        1,
                    )
                ]
            )
        raw = path.read_bytes()
    except OSError as error:
        raise WorkspaceError(display_path(path), f"cannot read file ({error.strerror})") from None
    return parse_document(raw, path)


def parse_document(raw: bytes, path: Path) -> Document:
    """Parse YAML bytes as :func:`load_document` does; ``path`` is used in messages."""
    text = _decode(raw, path)
    document = Document(path=path, data=None, lines=text.split("\n"))
    issues: list[Issue] = []
    root = _compose_single(text, document, issues)
    if root is not None and not issues:
        converter = _Converter(document, issues)
        document.data = converter.convert(root, ())
        if not issues and not isinstance(document.data, dict):
            issues.append(
                document.issue(
                    (),
                    "the top level must be a mapping of keys "
                    f"(title:, bluf:, ...), not {_kind(document.data)}",
                )
            )
    if issues:
        raise InputError(issues)
    return document


def _file_issue(path: Path, message: str, hint: str = "", line: int = 0, col: int = 0) -> Issue:
    return Issue(display_path(path), line, col, "", message, hint)


def _decode(raw: bytes, path: Path) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise InputError(
            [
                _file_issue(
                    path,
                    f"byte 0x{raw[error.start]:02x} is not UTF-8 text",
                    "save the file as UTF-8",
                    line,
                    column,
                )
            ]
        ) from None


def _compose_single(text: str, document: Document, issues: list[Issue]) -> Node | None:
    """Compose the one YAML document in ``text``, or record why there is none."""
    deep = _flow_depth_issue(document.path, text)
    if deep is not None:
        issues.append(deep)
        return None
    yaml = YAML(typ="safe", pure=True)
    yaml.version = (1, 2)
    found: list[Node] = []
    try:
        for node in _compose_all(yaml, text):
            if found:
                line = _document_start_line(text, node.start_mark.line + 1)
                issues.append(
                    _file_issue(
                        document.path,
                        "the file holds more than one YAML document",
                        "remove the '---' line or split the file: one option set per file",
                        line,
                        1,
                    )
                )
                return None
            found.append(node)
    except MarkedYAMLError as error:
        issues.append(_syntax_issue(document.path, error))
        return None
    except ReaderError as error:
        issues.append(_reader_issue(document.path, text, error))
        return None
    except YAMLError as error:
        message = str(error).splitlines()[0] if str(error) else "unreadable"
        issues.append(_file_issue(document.path, f"not valid YAML: {message}", "", 1, 1))
        return None
    except RecursionError:
        issues.append(
            _file_issue(
                document.path,
                f"nesting is deeper than {MAX_DEPTH} levels",
                "flatten the structure",
                1,
                1,
            )
        )
        return None
    if not found or (isinstance(found[0], ScalarNode) and found[0].tag == _NULL_TAG):
        issues.append(
            _file_issue(
                document.path,
                "the file is empty",
                "start from an example in options/ or docs/format.md",
                1,
                1,
            )
        )
        return None
    return found[0]


def _document_start_line(text: str, node_line: int) -> int:
    """The line of the '---' that starts the document whose first value is on node_line."""
    lines = text.split("\n")
    for number in range(min(node_line, len(lines)), 0, -1):
        if lines[number - 1].startswith("---"):
            return number
    return node_line


def _compose_all(yaml: YAML, text: str) -> Iterator[Node]:
    with warnings.catch_warnings():
        # A reused anchor is legal YAML (the later one wins); ruamel.yaml would print a
        # warning with its own source line on the user's terminal.
        warnings.simplefilter("ignore")
        yield from yaml.compose_all(io.StringIO(text))


def _syntax_issue(path: Path, error: MarkedYAMLError) -> Issue:
    mark = error.problem_mark or error.context_mark
    opened = "end of stream" in str(error.problem) or "flow" in str(error.context or "")
    if opened and error.context_mark is not None:
        # An unclosed quote or bracket is noticed later on; the line where it was opened
        # is the one to fix.
        mark = error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    message, hint = describe_syntax(str(error.problem or error.context or "syntax error"))
    return _file_issue(path, f"YAML syntax error: {message}", hint, line, column)


def _reader_issue(path: Path, text: str, error: ReaderError) -> Issue:
    """A character YAML does not allow (NUL, ESC, DEL...), located."""
    position = max(0, min(int(error.position), len(text)))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    character = (
        error.character
        if isinstance(error.character, int)
        else ord(str(error.character)[:1] or "?")
    )
    return _file_issue(
        path,
        f"the file holds the control character U+{character:04X}",
        "remove it (YAML allows only printable characters, tab and line breaks)",
        line,
        column,
    )


def _flow_depth_issue(path: Path, text: str) -> Issue | None:
    """Refuse deeply nested ``[[[...]]]`` before the parser recurses into it."""
    depth = 0
    line, column = 1, 0
    for character in text:
        column += 1
        if character == "\n":
            line, column = line + 1, 0
        elif character in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return _file_issue(
                    path,
                    f"nesting is deeper than {MAX_DEPTH} levels",
                    "flatten the structure",
                    line,
                    column,
                )
        elif character in "]}":
            depth = max(0, depth - 1)
    return None


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "empty" if value is None else f"the text '{value}'"


class _Converter:
    """Turns composed nodes into plain data, recording positions and problems."""

    def __init__(self, document: Document, issues: list[Issue]) -> None:
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
            self.issues.append(self._at(node, format_field_path(loc), message))
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
        if node.tag == _NULL_TAG and not getattr(node, "style", None):
            return None
        return str(node.value)

    def _alias_bomb(self, node: Node) -> Issue:
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

    def _at(self, node: Node, field_path: str, message: str, hint: str = "") -> Issue:
        line, column = _mark(node)
        return Issue(self.document.name, line, column, field_path, message, hint)


def _mark(node: Node) -> Position:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _is_empty(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.value == "" and not node.style
