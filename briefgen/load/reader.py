"""Stage 1, load: read a YAML file into plain data that remembers where every value stood.

The loader composes the YAML 1.2 node graph with ruamel.yaml and converts it itself, so
that:

* every scalar stays the exact text the user typed (``4.50``, ``0012``, ``NO``,
  ``2009-01-31``); the models parse numbers and dates only where a field is a number or
  a date. Only an unquoted empty value, ``~`` or ``null`` becomes ``None``;
* every value and every key has a 1-based (line, column), used to locate errors;
* oversized files, bytes that are not UTF-8, syntax errors, control characters and
  more than one document are refused with located, plain messages; duplicate keys,
  merge keys, unknown tags, runaway aliases and deep nesting are refused while the
  nodes become plain data (:mod:`briefgen.load.nodes`, into a
  :class:`~briefgen.load.document.Document`).
"""

from __future__ import annotations

import dataclasses
import io
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import Node, ScalarNode
from ruamel.yaml.reader import ReaderError

from briefgen.errors import Diagnostic, InputError, WorkspaceError
from briefgen.load.document import Document
from briefgen.load.layout import Finding, cut_values, invisible_characters, layout_errors
from briefgen.load.nodes import MAX_DEPTH, NULL_TAG, to_plain
from briefgen.load.scanner import TabScanner
from briefgen.messages import describe_syntax
from briefgen.paths import display_path

#: Largest input file accepted, in bytes. Real option sets are a few tens of kilobytes.
MAX_FILE_BYTES = 1_000_000


def load_document(path: Path, *, empty_ok: bool = False) -> Document:
    """Read and parse one YAML file.

    Args:
        path: the YAML file.
        empty_ok: an empty file (or one of comments only) is an empty mapping rather
            than an error, for files whose every key is optional (``briefgen.yaml``).

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
    return parse_document(raw, path, empty_ok=empty_ok)


def parse_document(raw: bytes, path: Path, *, empty_ok: bool = False) -> Document:
    """Parse YAML bytes as :func:`load_document` does; ``path`` is used in messages."""
    document = parse_yaml(raw, path, empty_ok=empty_ok)
    if not isinstance(document.data, dict):
        found = _kind(document.data)
        message = f"the top level must be a mapping of keys (title:, bluf:, ...), not {found}"
        raise InputError([document.issue((), message)])
    return document


def parse_yaml(raw: bytes, path: Path, *, empty_ok: bool = False) -> Document:
    """Parse one YAML document of any shape (a mapping, a list, a text) with every rule
    of :func:`parse_document` but the top-level mapping; with ``empty_ok`` an empty
    document is an empty mapping.

    Raises:
        InputError: as :func:`load_document`.
    """
    text = _decode(raw, path)
    document = Document(path=path, data=None, lines=text.split("\n"))
    issues = [_found(path, finding) for finding in invisible_characters(text)]
    root = None if issues else _compose_single(text, document, issues, empty_ok=empty_ok)
    if root is not None and not issues:
        issues += [_found(path, finding) for finding in layout_errors(root, text)]
    if root is None and not issues:
        document.data = {}
    elif root is not None and not issues:
        document.data = to_plain(root, document, issues)
        document.warnings += [
            dataclasses.replace(_found(path, finding), severity="warning")
            for finding in cut_values(root, text)
        ]
    if issues:
        raise InputError(issues)
    return document


def _found(path: Path, finding: Finding) -> Diagnostic:
    line, column, message, hint = finding
    return _file_issue(path, message, hint, line, column)


def _file_issue(
    path: Path, message: str, hint: str = "", line: int = 0, col: int = 0
) -> Diagnostic:
    return Diagnostic(display_path(path), line, col, "", message, hint)


def _decode(raw: bytes, path: Path) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.count(b"\x00") > len(raw) // 4:
        # Every other byte zero: UTF-16 without its byte-order mark.
        raise InputError(
            [
                _file_issue(
                    path,
                    "the file looks like UTF-16 text, not UTF-8",
                    "save the file as UTF-8",
                    1,
                    1,
                )
            ]
        )
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


def _compose_single(
    text: str, document: Document, issues: list[Diagnostic], *, empty_ok: bool = False
) -> Node | None:
    """Compose the one YAML document in ``text``, or record why there is none (an empty
    document is no problem with ``empty_ok``: None is returned without an issue)."""
    deep = _flow_depth_issue(document.path, text)
    if deep is not None:
        issues.append(deep)
        return None
    yaml = YAML(typ="safe", pure=True)
    yaml.Scanner = TabScanner
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
    except YAMLError:
        message, hint = describe_syntax("")
        issues.append(_file_issue(document.path, f"YAML syntax error: {message}", hint, 1, 1))
        return None
    except AssertionError:
        # ruamel.yaml asserts on a %YAML version it does not know (1.3, 2.0).
        line = next((n for n, t in enumerate(text.split("\n"), 1) if t.startswith("%YAML")), 1)
        message, hint = describe_syntax("YAML version")
        issues.append(_file_issue(document.path, f"YAML syntax error: {message}", hint, line, 1))
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
    empty = not found or (isinstance(found[0], ScalarNode) and found[0].tag == NULL_TAG)
    if empty and empty_ok:
        return None
    if empty:
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


def _syntax_issue(path: Path, error: MarkedYAMLError) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    opened = "end of stream" in str(error.problem) or "flow" in str(error.context or "")
    if opened and error.context_mark is not None:
        # An unclosed quote or bracket is noticed later on; the line where it was opened
        # is the one to fix.
        mark = error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    message, hint = describe_syntax(str(error.problem or error.context or "syntax error"))
    return _file_issue(path, f"YAML syntax error: {message}", hint, line, column)


def _reader_issue(path: Path, text: str, error: ReaderError) -> Diagnostic:
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


def _flow_depth_issue(path: Path, text: str) -> Diagnostic | None:
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
    if value is None:
        return "empty"
    shown = " ".join(str(value).split())  # one line, whatever the value holds
    return f"the text '{shown[:40]}{'...' if len(shown) > 40 else ''}'"
