"""Facts derived from the models, so that no stage copies them by hand.

One walker reads the annotations of a model (:class:`~briefgen.schema.option_set.OptionSet`,
:class:`~briefgen.schema.meeting.Meeting`,
:class:`~briefgen.schema.settings.WorkspaceSettings`) and says, for every field, its
YAML key, where it sits in a file and what kind of value it holds. From it come:

* :func:`key_shape`: the canonical key order of each mapping, for ``briefgen fmt`` and
  for the keys an "unknown key" message offers;
* :func:`markdown_values`: the Markdown text of a file, for lint and rendering;
* :func:`collections` and :func:`references`: the items named by id and the ids cited,
  for the reference checks.

The kinds are read from ``Annotated`` metadata (:class:`~briefgen.schema.types.TextForm`,
:class:`~briefgen.schema.types.Ref`) and from the annotations' own types.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from briefgen.paths import is_meeting_file
from briefgen.schema.meeting import Meeting
from briefgen.schema.option_set import Model, OptionSet
from briefgen.schema.types import Ref, TextForm

#: A field path (``("options", 0, "risks", 1, "title")``) and its shape, where list
#: positions read :data:`ITEM` and the ids keying a mapping read :data:`ENTRY`.
Loc = tuple[str | int, ...]
ITEM = "[]"
ENTRY = "{}"
Kind = Literal["text", "markdown", "reference", "model", "scalar"]
Container = Literal["", "list", "mapping"]


def model_of_file(path: Path) -> type[Model]:
    """The model of the file at ``path``: :class:`Meeting` for a meeting file (see
    :func:`briefgen.paths.is_meeting_file`), :class:`OptionSet` for any other."""
    return Meeting if is_meeting_file(path) else OptionSet


@dataclass(frozen=True)
class Slot:
    """One field of a model, as files spell it.

    Attributes:
        shape: where it sits from the top of the file, ending in its key:
            ``("options", "[]", "positions", "{}", "note")``.
        key: its YAML key (the alias: ``from``).
        name: the model attribute (``from_``).
        owner: the model class that declares it.
        kind: what the value holds, or each item of a list or mapping: ``text`` (plain,
            printed as typed), ``markdown``, ``reference`` (an id), ``model`` (a nested
            mapping), ``scalar`` (anything else: numbers, dates, words of a scale, ids
            that name the item itself).
        container: ``list``, ``mapping`` (keyed by id) or "" (one value).
        model: the nested model, for kind ``model``.
        refers_to: the noun of the items named, for kind ``reference``.
        keys_refer_to: for a mapping, the noun of the items its keys name, or "".
    """

    shape: tuple[str, ...]
    key: str
    name: str
    owner: type[Model]
    kind: Kind
    container: Container = ""
    model: type[Model] | None = None
    refers_to: str = ""
    keys_refer_to: str = ""


def fields(model: type[Model], shape: tuple[str, ...] = ()) -> Iterator[Slot]:
    """Yield every field of ``model`` and of the models nested in it, depth first.

    Args:
        model: a model class.
        shape: the shape of ``model`` itself in the file.

    Yields:
        One :class:`Slot` per field, in the order the models declare them.
    """
    for slot in _slots(model):
        placed = replace(slot, shape=(*shape, slot.key))
        yield placed
        if placed.model is not None:
            yield from fields(placed.model, (*placed.shape, *_step(placed)))


@functools.cache
def _slots(model: type[Model]) -> tuple[Slot, ...]:
    """The fields of ``model`` itself, each with its key as shape."""
    slots = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        hint, metadata = _strip(info.annotation, list(info.metadata))
        container: Container = ""
        keys_refer_to = ""
        if typing.get_origin(hint) is list:
            container, (hint,) = "list", typing.get_args(hint)
            hint, metadata = _strip(hint, [])
        elif typing.get_origin(hint) is dict:
            key_hint, hint = typing.get_args(hint)
            container, keys_refer_to = "mapping", _ref(_strip(key_hint, [])[1])
            hint, metadata = _strip(hint, [])
        kind, nested = _kind(hint, metadata)
        slots.append(
            Slot((key,), key, name, model, kind, container, nested, _ref(metadata), keys_refer_to)
        )
    return tuple(slots)


def _strip(hint: Any, metadata: list[Any]) -> tuple[Any, list[Any]]:
    """Peel ``Annotated`` (collecting its metadata) and ``X | None`` off ``hint``."""
    while True:
        origin = typing.get_origin(hint)
        if origin is typing.Annotated:
            hint, *extra = typing.get_args(hint)
            metadata = [*metadata, *extra]
        elif origin in (typing.Union, types.UnionType):
            hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
        else:
            return hint, metadata


def _ref(metadata: list[Any]) -> str:
    """The noun a :class:`~briefgen.schema.types.Ref` in ``metadata`` names, or ""."""
    return next((m.what for m in metadata if isinstance(m, Ref)), "")


def _kind(hint: Any, metadata: list[Any]) -> tuple[Kind, type[Model] | None]:
    """The kind of one value of type ``hint``, and its model if it is one."""
    if isinstance(hint, type) and issubclass(hint, Model):
        return "model", hint
    if _ref(metadata):
        return "reference", None
    if TextForm.MARKDOWN in metadata:
        return "markdown", None
    if TextForm.PLAIN in metadata:
        return "text", None
    return "scalar", None


def _step(slot: Slot) -> tuple[str, ...]:
    """The shape step from a slot's key to each of its values."""
    return {"list": (ITEM,), "mapping": (ENTRY,), "": ()}[slot.container]


@dataclass(frozen=True)
class Shape:
    """The keys of one kind of mapping in canonical order (none: keep the file's), the
    shape under some of its keys, and the shape of every list item or id-keyed value."""

    order: tuple[str, ...] = ()
    keys: dict[str, Shape] = field(default_factory=dict)
    items: Shape | None = None

    def under(self, part: str | int) -> Shape | None:
        """The shape of the value at key or list position ``part``, or None if unknown."""
        return self.keys.get(part, self.items) if isinstance(part, str) else self.items


@functools.cache
def key_shape(model: type[Model]) -> Shape:
    """The canonical layout of a file of ``model``: keys in the order the models declare
    their fields (aliases as typed), nested models likewise."""
    keys: dict[str, Shape] = {}
    for slot in _slots(model):
        if slot.model is not None:
            inner = key_shape(slot.model)
            keys[slot.key] = Shape(items=inner) if slot.container else inner
    return Shape(tuple(slot.key for slot in _slots(model)), keys)


def values(data: Any, model: type[Model], loc: Loc = ()) -> Iterator[tuple[Loc, Slot, Any]]:
    """Walk loaded data as ``model`` reads it, in the data's own order.

    Args:
        data: raw loaded data (possibly invalid: what is not shaped as ``model`` expects
            is skipped), or a model dumped with ``by_alias=True``.
        model: the model ``data`` should be.
        loc: the field path of ``data``.

    Yields:
        ``(field path, slot, value)`` for the value of every known key present, or for
        a list or mapping, for each of its items (the path ends in the position or the
        id). A bare string standing for a model's ``shorthand`` field (a point's text)
        is yielded at the string's own path.
    """
    slots = {slot.key: slot for slot in _slots(model)}
    if isinstance(data, str) and model.shorthand:
        yield loc, slots[model.shorthand], data
    if not isinstance(data, dict):
        return
    for key, value in data.items():
        slot = slots.get(key)
        if slot is None:
            continue
        where: Loc = (*loc, key)
        if slot.container == "list":
            entries: Any = enumerate(value) if isinstance(value, list) else ()
        elif slot.container == "mapping":
            entries = value.items() if isinstance(value, dict) else ()
        else:
            entries = ((None, value),)
        for part, item in entries:
            at = where if part is None else (*where, part)
            yield at, slot, item
            if slot.model is not None:
                yield from values(item, slot.model, at)


def markdown_values(data: Any, model: type[Model] = OptionSet) -> Iterator[tuple[Loc, str]]:
    """Yield (field path, text) for every Markdown value in the data of a file.

    Args:
        data: raw loaded data, or a model dumped with ``by_alias=True``.
        model: the model of the file; an option set by default.

    A bare string in ``pros`` or ``cons`` is the text of a point, at the item's path.
    """
    for loc, slot, value in values(data, model):
        if slot.kind == "markdown" and isinstance(value, str):
            yield loc, value


def markdown_keys(model: type[Model]) -> frozenset[str]:
    """The keys of the Markdown fields of ``model`` and the models in it."""
    return frozenset(slot.key for slot in fields(model) if slot.kind == "markdown")


@dataclass(frozen=True)
class Collection:
    """A list of items named by id, directly under the top of the file.

    Attributes:
        key: its YAML key (``stakeholders``).
        noun: what one item is called (``stakeholder``).
    """

    key: str
    noun: str


def collections(model: type[Model]) -> tuple[Collection, ...]:
    """The lists of ``model`` whose items carry an ``id`` and a noun, in field order."""
    return tuple(
        Collection(slot.key, slot.model.noun)
        for slot in _slots(model)
        if slot.container == "list"
        and slot.model is not None
        and "id" in slot.model.model_fields
        and slot.model.noun
    )


def references(data: Any, model: type[Model]) -> Iterator[tuple[Loc, str, Any, bool]]:
    """Yield every id the data of a file cites, in the data's order.

    Args:
        data: raw loaded data (possibly invalid).
        model: the model of the file.

    Yields:
        ``(field path, noun of the items named, value, is-a-key)``: the path of the id,
        or of the mapping entry whose key it is.
    """
    for loc, slot, value in values(data, model):
        if slot.kind == "reference":
            yield loc, slot.refers_to, value, False
        if slot.keys_refer_to and slot.container == "mapping":
            yield loc, slot.keys_refer_to, loc[-1], True
