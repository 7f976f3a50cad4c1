"""``briefgen fmt``: one canonical layout for option sets and meeting files, keeping every
comment and value.

The canonical layout:

* Keys in the format's order: the fields of the file's model as defined there
  (:func:`briefgen.schema.introspect.key_shape`; an option set's top level ``id, title,
  kind, status, date, ...``, an option ``id, title, summary, ...``; a meeting's ``id,
  title, date, time, ...``). Unknown keys follow, in their own order. List items and
  the ids keying ``positions`` and ``scores`` keep the user's order.
* Mappings indented 2 spaces; a list's dashes 2 spaces under its key, the item's content
  at dash + 2. Flow lists and mappings (``tags: [a, b]``) stay flow, on one line.
* Scalars keep their style: plain text exactly as typed (``NO``, ``4.50``, ``0012``,
  ``~``), quotes as typed, ``|`` and ``>`` blocks with their folds; no line is folded.
* A full-line comment belongs to the key or list item below it and moves with it,
  re-indented (above a list item's first key it goes above the dash). An end-of-line
  comment stays on its key's line, two spaces after the value (above the key where
  ruamel.yaml cannot write it: after an alias or an anchored list or mapping). Comments
  above the first key stay at the top of the file, those after the last one at the end.
  A run of blank lines becomes one; a block's first entry gets none above it.
* UTF-8 without byte-order mark, LF line ends, no ``---`` or ``%YAML`` line.

Nothing is returned or written unless it means what the input meant: each scalar keeps
its text and YAML 1.2 type, and each comment is still there.
"""

from __future__ import annotations

import io
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedBase, CommentedMap, CommentedSeq
from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.error import CommentMark
from ruamel.yaml.nodes import MappingNode, ScalarNode
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString, ScalarString
from ruamel.yaml.tokens import CommentToken

from briefgen.errors import BriefgenError, Diagnostic, InputError, WorkspaceError
from briefgen.load.document import FieldPath, format_field_path
from briefgen.load.reader import MAX_FILE_BYTES, load_document, parse_document
from briefgen.paths import display_path, write_atomic
from briefgen.schema.introspect import Shape, key_shape, model_of_file
from briefgen.schema.option_set import Model

_TEXT = Path("<text>")
_STR = "tag:yaml.org,2002:str"
_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*")
#: Node properties (``&anchor``, ``!tag``), and comments, between a key and its value.
_PROPERTIES = re.compile(r"(?:[&!]\S*\s*|#[^\n]*\n\s*)*")


class FormatError(BriefgenError):
    """Formatting would lose a comment or change a value; nothing was written."""


def format_text(text: str, path: Path = _TEXT, model: type[Model] | None = None) -> str:
    """Return the file ``text`` in the canonical layout (see the module docstring).

    Args:
        text: YAML text; a leading byte-order mark and CRLF line ends are accepted.
        path: the file it came from, for messages, and for its kind when ``model`` is
            None (:func:`briefgen.schema.introspect.model_of_file`).
        model: the model whose key order applies.

    Returns:
        The formatted text, with the same values and comments; formatting it again
        returns it unchanged.

    Raises:
        InputError: briefgen cannot read ``text`` (not YAML, two documents, duplicate
            keys, ...); lists the located problems, as ``briefgen validate`` does.
        FormatError: the result would lose a comment or change a value (a bug guard).
    """
    before = parse_document(text.encode("utf-8"), path)
    source = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    source = source if source.endswith("\n") else source + "\n"
    root = _compose(source, path)
    layout = _Layout(source, root)
    builder = _Builder(layout, display_path(path))
    data = builder.build(root, key_shape(model or model_of_file(path)), 0)
    result = layout.header() + _dump(data) + layout.trailer(builder.keep)
    _guard(source, result, before.data, path)
    return result


def format_files(paths: Sequence[Path], *, check: bool) -> list[Path]:
    """Format option-set and meeting files in place: all of them, or none if any cannot
    be read.

    Args:
        paths: YAML files (not folders); each file's kind follows from its folder
            (:func:`briefgen.schema.introspect.model_of_file`).
        check: only tell which files would change; write nothing.

    Returns:
        The files whose content changed (with ``check``: would change), in given order.

    Raises:
        InputError: files briefgen cannot read; every problem in every file is listed.
        WorkspaceError: a file cannot be read.
        FormatError: as for :func:`format_text`.
        OSError: a file cannot be written.
    """
    issues: list[Diagnostic] = []
    changed: list[tuple[Path, bytes]] = []
    for path in dict.fromkeys(paths):
        try:
            load_document(path)  # the loader's own checks and messages: size, encoding
            raw = path.read_bytes()
            new = format_text(raw.decode("utf-8"), path).encode("utf-8")
        except InputError as error:
            issues.extend(error.issues)
            continue
        except OSError as error:
            message = f"cannot read file ({error.strerror})"
            raise WorkspaceError(display_path(path), message) from None
        if new != raw:
            changed.append((path, new))
    if issues:
        raise InputError(issues)
    if not check:
        for path, new in changed:
            write_atomic(path, new)
    return [path for path, _ in changed]


def _compose(text: str, path: Path = _TEXT) -> Any:
    yaml = YAML(typ="rt", pure=True)
    yaml.version = (1, 2)
    try:
        return yaml.compose(io.StringIO(text))
    except NotImplementedError as error:
        # ruamel.yaml's comment tracking gives up on a few layouts ("overlap in comment").
        raise FormatError(
            f"{display_path(path)}: cannot keep the comments of this file (ruamel.yaml: "
            f"{str(error).split(' [')[0]}); move a comment that follows a key whose value "
            "starts on the next line, then run fmt again"
        ) from None


@dataclass
class _Entry:
    """A mapping key or block-list item, and the comments that belong to it."""

    start: int
    depth: int
    before: list[str] = field(default_factory=list)  # "" stands for a blank line
    after: str = ""


class _Layout:
    """The comments and blank lines of ``text``, each given to the entry that owns it.

    ruamel.yaml hangs a comment on the token before it (a comment above a key goes with
    the previous key's value), so it would stay behind when keys move. Comments are found
    here in the text instead, with the nodes' spans telling comments from scalar text.
    """

    def __init__(self, text: str, root: Any) -> None:
        self.text = text
        self.spans: list[tuple[int, int]] = []
        self.entries: dict[tuple[int, int], _Entry] = {}
        self._head: list[str] = []
        self._tail: list[str] = []
        self._walk(root, 0, False, set())
        self.spans.sort()
        self._assign()

    def _walk(self, node: Any, depth: int, in_flow: bool, seen: set[int]) -> None:
        if id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            self.spans.append(self._span(node))
            return
        in_flow = in_flow or bool(node.flow_style)  # comments inside [..] go to the key
        pairs = node.value if isinstance(node, MappingNode) else [(None, v) for v in node.value]
        for index, (key, value) in enumerate(pairs):
            if not in_flow:
                self.entries[(id(node), index)] = _Entry((key or value).start_mark.index, depth)
            for child in (key, value) if key is not None else (value,):
                self._walk(child, depth + 1, in_flow, seen)

    def _span(self, node: Any) -> tuple[int, int]:
        end = node.end_mark.index
        properties = _PROPERTIES.match(self.text, node.start_mark.index)
        start = min(properties.end() if properties else end, end)
        if node.style not in ("|", ">"):
            return start, end
        # The header line (``|-  # note``) belongs to the key, and so does its comment.
        # Blank lines after the text are layout, unless ``+`` keeps them in the value.
        content = self.text.index("\n", start) + 1
        header = _BLOCK_HEADER.search(self.text, start, content)
        if header is not None and "+" in header.group():
            return content, end
        return content, content + len(self.text[content:end].rstrip())

    def _masked(self, offset: int) -> bool:
        index = bisect_right(self.spans, (offset, len(self.text) + 1)) - 1
        return index >= 0 and offset < self.spans[index][1]

    def _assign(self) -> None:
        entries = sorted(self.entries.values(), key=lambda e: (e.start, e.depth))
        starts = [entry.start for entry in entries]
        offset = -1
        for line in self.text.split("\n"):
            offset += 1
            # A comment starts with a # at the start of the line or after a blank.
            hashes = (c for c, ch in enumerate(line) if ch == "#" and line[c - 1 : c] in " \t")
            column = next((c for c in hashes if not self._masked(offset + c)), None)
            at, offset = offset + (column or 0), offset + len(line)
            if column is None and (line.strip() or self._masked(at)):
                continue
            text = "" if column is None else line[column:].rstrip()
            if column is not None and line[:column].strip():
                owner = bisect_left(starts, at) - 1  # innermost entry begun on this line
                if owner >= 0 and not entries[owner].after:
                    entries[owner].after = text
                    continue
            below = bisect_right(starts, at)  # outermost entry below the line
            if below == 0:
                self._head.append(text)
            elif below == len(entries):
                self._tail.append(text)
            else:
                entries[below].before.append(text)

    def header(self) -> str:
        return "".join(f"{line}\n" for line in _tidy(self._head))

    def trailer(self, first: bool) -> str:
        lines = _tidy(_tidy(self._tail[::-1])[::-1], first=first)
        return "".join(f"{line}\n" for line in lines)


def _tidy(lines: list[str], *, first: bool = True) -> list[str]:
    """Collapse runs of blank lines; drop those at the start when ``first``."""
    tidy: list[str] = []
    for line in lines:
        if line or (tidy and tidy[-1]) or (not tidy and not first):
            tidy.append(line)
    return tidy


class _Exact(ScalarString):
    """A flow scalar kept exactly: its text, its resolved tag and its quotes (or none)."""

    __slots__ = ("node_style", "node_tag", "pre")
    node_style: str | None
    node_tag: str
    pre: list[CommentToken] | None  # for a key: the comment lines above it

    def __new__(cls, node: Any) -> _Exact:
        exact: _Exact = ScalarString.__new__(cls, node.value, anchor=node.anchor)
        exact.node_style, exact.node_tag, exact.pre = node.style or None, str(node.tag), None
        return exact


def _is_block(value: Any) -> bool:
    return isinstance(value, LiteralScalarString | FoldedScalarString)


class _Builder:
    """Builds ruamel.yaml round-trip data from the nodes, keys in canonical order."""

    def __init__(self, layout: _Layout, name: str) -> None:
        self.layout, self.name = layout, name
        self.built: dict[int, Any] = {}
        self.constructor = YAML(typ="rt", pure=True).constructor
        # Whether the last value built (in output order) is a block kept by ``+``: blank
        # lines written after it would join its text.
        self.keep = False

    def build(self, node: Any, shape: Shape | None, column: int, lift: Any = None) -> Any:
        """Return the data for ``node``, its entries starting at ``column``. A list item
        passes ``lift``: the comments above its first key, to be written above the dash."""
        self.keep = False
        if id(node) in self.built:  # an alias: the same object, so it dumps as an alias
            return self.built[id(node)]
        if isinstance(node, ScalarNode):
            value = self.built[id(node)] = self._scalar(node)
            self.keep = _is_block(value) and (value == "\n" or value.endswith("\n\n"))
            return value
        value = CommentedMap() if isinstance(node, MappingNode) else CommentedSeq()
        self.built[id(node)] = value
        if node.flow_style:
            value.fa.set_flow_style()
        if node.anchor:
            value.yaml_set_anchor(node.anchor, always_dump=True)
        if isinstance(value, CommentedSeq):
            for index, item in enumerate(node.value):
                lifted: list[str] = []
                shared, first = id(item) in self.built, index == 0 or self.keep
                value.append(self.build(item, shape and shape.items, column + 2, lifted))
                self._attach(value, index, (id(node), index), column, shared, first, lifted)
            return value
        rank = {key: number for number, key in enumerate(shape.order if shape else ())}
        pairs = sorted(enumerate(node.value), key=lambda p: rank.get(p[1][0].value, len(rank)))
        for position, (index, (key_node, value_node)) in enumerate(pairs):
            first = position == 0 or self.keep
            key = self.build(key_node, None, column)
            inner = shape.under(key) if shape else None
            shared = id(value_node) in self.built
            value[key] = self.build(value_node, inner, column + 2)
            entry = self.layout.entries.get((id(node), index))
            if position == 0 and lift is not None and entry is not None:
                lift += entry.before
                entry.before = []
            self._attach(value, key, (id(node), index), column, shared, first)
        return value

    def _scalar(self, node: Any) -> Any:
        if node.style not in ("|", ">") or str(node.tag) != _STR:
            return _Exact(node)
        value = self.constructor.construct_scalar(node)  # keeps the folds of a > block
        value.comment = None  # the comment on its header line is the key's: see _attach
        return value

    def _attach(
        self,
        parent: Any,
        key: Any,
        slot: Any,
        column: int,
        shared: bool,
        first: bool,
        lifted: Any = (),
    ) -> None:
        """Give the entry ``parent[key]`` its comments. ``shared``: its value is an alias;
        ``first``: no blank line may precede it."""
        entry = self.layout.entries.get(slot)
        if entry is None:
            return
        value, after, item = parent[key], entry.after, isinstance(parent, list)
        anchored = isinstance(value, CommentedBase) and value.yaml_anchor() is not None
        if after and (shared or anchored or (item and _is_block(value))):
            # ruamel.yaml keeps these on the value's node, which an alias shares with its
            # anchor; drops them after an anchored list or mapping; and takes a listed
            # block's header comment for the comment above the item.
            lifted, after = [*lifted, after], ""
        before = _tidy([*entry.before, *lifted], first=first)
        if item and shared and any(before):
            raise FormatError(
                f"{self.name}: cannot keep the comment {next(filter(None, before))!r} "
                "beside a list item that is an alias (- *name); move it above the list"
            )
        mark = CommentMark(column)
        pre = [CommentToken(f"{line}\n" if line else "\n", mark) for line in before] or None
        eol = CommentToken(f" {after}\n", CommentMark(0)) if after else None
        header = None
        if after and _is_block(value):
            value.comment, eol = f"  {after}", None
            header = [value.comment]  # else ruamel.yaml drops it when the key has comments
        if item and ((pre and not shared) or eol):
            parent.ca.items[key] = [eol, pre]  # ruamel.yaml's slots for a list item
        elif not item and (eol or header):
            parent.ca.items[key] = [None, pre, eol, header]  # ruamel.yaml's slots for a key
        elif not item:
            # On the key's node: from the slots, ruamel.yaml would also set the value
            # node's comments, which an alias shares with its anchor (a shared value
            # never has an end-of-line comment: see above).
            key.pre = pre


class _Representer(RoundTripRepresenter):
    def represent_exact(self, data: _Exact) -> Any:
        anchor = data.yaml_anchor(any=True)
        node = self.represent_scalar(data.node_tag, str(data), data.node_style, anchor)
        node.comment = [None, data.pre] if data.pre else None
        return node


_Representer.add_representer(_Exact, _Representer.represent_exact)


class _Emitter(RoundTripEmitter):
    """Keeps ``|`` blocks with lines that end in spaces (Markdown line breaks) or hold
    tabs, both valid YAML, which the stock emitter would turn into one quoted line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.allow_space_break = True  # type: ignore[assignment]

    def analyze_scalar(self, scalar: Any) -> Any:
        if getattr(self.event, "style", None) != "|":
            return super().analyze_scalar(scalar)
        analysis = super().analyze_scalar(scalar.replace("\t", " "))
        analysis.scalar = scalar
        return analysis


def _dump(data: Any) -> str:
    yaml = YAML(typ="rt", pure=True)
    yaml.Representer = _Representer
    yaml.Emitter = _Emitter
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = MAX_FILE_BYTES + 1  # longer than any line: nothing is ever folded
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _guard(source: str, result: str, before: Any, path: Path) -> None:
    """Raise :class:`FormatError` if ``result`` lost a comment or changed a value."""
    name = display_path(path)
    try:
        after = parse_document(result.encode("utf-8"), path).data
    except InputError as error:
        raise FormatError(f"{name}: formatting broke the file (a briefgen bug): {error}") from None
    old, new = _meaning(_compose(source)), _meaning(_compose(result))
    if old != new or before != after:
        where = next((p for p in [*old, *new] if old.get(p) != new.get(p)), ())
        raise FormatError(
            f"{name}: formatting would change {format_field_path(where) or 'the file'}; "
            "the file is left as it was (a briefgen bug)"
        )
    lost = _comments(source) - _comments(result)
    if lost:
        raise FormatError(
            f"{name}: formatting would lose the comment {next(iter(lost))!r}; "
            "move it to a line of its own above a key"
        )


def _meaning(node: Any, loc: FieldPath = (), found: dict[FieldPath, Any] | None = None) -> Any:
    """What a YAML 1.2 reader sees at each field path: scalars as (tag, text)."""
    found = {} if found is None else found
    if isinstance(node, ScalarNode):
        found[loc] = (
            str(node.tag),
            node.value.replace("\a", "") if node.style == ">" else node.value,
        )
    elif isinstance(node, MappingNode):
        found[loc] = sorted((str(k.tag), k.value) for k, _ in node.value)
        for key, value in node.value:
            _meaning(value, (*loc, key.value), found)
    else:
        found[loc] = len(node.value)
        for index, item in enumerate(node.value):
            _meaning(item, (*loc, index), found)
    return found


def _comments(text: str) -> Counter[str]:
    """Every comment the YAML scanner sees in ``text``: a check independent of _Layout."""
    found: Counter[str] = Counter()

    def collect(part: Any) -> None:
        if isinstance(part, list):
            for item in part:
                collect(item)
        elif isinstance(part, CommentToken | str):
            lines = str(part.value if isinstance(part, CommentToken) else part).split("\n")
            found.update(s.strip() for s in lines if s.strip().startswith("#"))

    for token in YAML(typ="rt", pure=True).scan(io.StringIO(text)):
        collect(token.comment)
    return found
