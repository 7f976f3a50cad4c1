"""Semantic diff: what changed between two versions of one option set, in the memo's terms.

A line diff of the YAML says that line 212 changed; a reader wants to hear that a risk's
likelihood went from Possible to Likely. Options, criteria, stakeholders and sources are
matched by id, so moving them is no change; clearances are matched by office, risks by
title, pros and cons by text, so a renamed risk or a reworded pro shows as removed plus
added. Pure functions: callers fetch the two versions (from git, from disk) and pick a
formatter.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from briefgen.schema.option_set import (
    Clearance,
    Criterion,
    Model,
    Option,
    OptionSet,
    Point,
    Position,
    Recommendation,
    Risk,
    Source,
    Stakeholder,
)
from briefgen.schema.vocabulary import IMPACT, LIKELIHOOD, STANCES, level_words, words

T = TypeVar("T")
ARROW = "\u2192"
#: Longest user text quoted in a summary; ``old`` and ``new`` keep the full text.
CLIP = 80

#: Field style -> how a reader says a value. Other styles print the value as typed;
#: "quote" values are quoted in summaries, and "long" ones (Markdown prose, too long for
#: a sentence) are only said to be added, removed or revised.
_SAY: dict[str, Callable[[Any], str]] = {
    "word": words,
    "number": lambda value: f"{value:g}",
    "likelihood": lambda value: level_words(LIKELIHOOD, value),
    "impact": lambda value: level_words(IMPACT, value),
    "stance": lambda value: STANCES[value][1],
    "sources": ", ".join,
}
Fields = tuple[tuple[str, str], ...]
Pair = tuple[str | None, str | None]


def _spec(text: str) -> Fields:
    """Read a field list written ``"attr:style attr ..."``; the style defaults to plain."""
    pairs = (word.partition(":") for word in text.split())
    return tuple((attr, style or "plain") for attr, _, style in pairs)


_TOP = _spec(
    "title:quote kind:word status:word date decide_by marking:quote to:quote from_:quote "
    "drafted_by:quote supersedes page_limit"
)
_PROSE = _spec("bluf:long question:long background:long")
_POSITION = _spec("stance:stance note:long sources:sources")
_RISK = "likelihood:likelihood impact:impact mitigation:long contingency:long owner:quote"
#: Kind of list item -> (its model, or None for text; attribute matching items, or None
#: for the item itself; attribute naming an item; fields compared when both versions
#: have it).
_ITEMS: dict[str, tuple[type[Model] | None, str | None, str | None, Fields]] = {
    "through": (None, None, None, ()),
    "tag": (None, None, None, ()),
    "clearance": (Clearance, "office", "office", _spec("status:word name:quote")),
    "criterion": (Criterion, "id", "name", _spec("weight:number description:long")),
    "stakeholder": (
        Stakeholder,
        "id",
        "name",
        _spec("group:quote influence:number salience:number description:long"),
    ),
    "option": (
        Option,
        "id",
        "title",
        _spec("summary:long description:long cost:long timeline:long"),
    ),
    "source": (Source, "id", "title", _spec("author:quote publisher:quote date:quote url")),
    "pro": (Point, "text", "text", _spec("sources:sources")),
    "con": (Point, "text", "text", _spec("sources:sources")),
    "risk": (Risk, "title", "title", _spec(f"{_RISK} sources:sources")),
}
#: Lists compared item by item, as (kind of item, attribute): at the top of the file
#: before the prose, after it, and in each option.
_TOP_LISTS = (("through", "through"), ("clearance", "clearances"), ("tag", "tags"))
_SECTIONS = (("criterion", "criteria"), ("stakeholder", "stakeholders"), ("option", "options"))
_OPTION_LISTS = (("pro", "pros"), ("con", "cons"), ("risk", "risks"))
#: Fields compared by the methods named after them (see ``_Differ``).
_BY_HAND: dict[type[Model], tuple[str, ...]] = {
    OptionSet: ("recommendation", "sources"),
    Option: ("positions", "scores"),
    Recommendation: ("option", "rationale"),
}
#: Fields no change is reported for, with the reason.
NOT_COMPARED: dict[tuple[type[Model], str], str] = {
    (OptionSet, "id"): "versions are paired by id: another id is another option set",
}
_LABELS = {
    "bluf": "BLUF",
    "decide_by": "Decide by",
    "drafted_by": "Drafted by",
    "page_limit": "Page limit",
}
_KIND_ALIASES = {"position-stance": "stance", "clearance-status": "clearance"}


def compared_fields() -> dict[type[Model], frozenset[str]]:
    """Model -> the attributes :func:`diff_option_sets` compares, matches items by or
    names them by; read from the tables that drive it."""
    found: dict[type[Model], set[str]] = {model: set(attrs) for model, attrs in _BY_HAND.items()}
    found[OptionSet].update(attr for attr, _ in (*_TOP, *_PROSE))
    found[OptionSet].update(attr for _, attr in (*_TOP_LISTS, *_SECTIONS))
    found[Option].update(attr for _, attr in _OPTION_LISTS)
    found[Position] = {attr for attr, _ in _POSITION}
    for model, key, name, fields in _ITEMS.values():
        if model is not None:
            named = {attr for attr in (key, name) if attr is not None}
            found.setdefault(model, set()).update(named, (attr for attr, _ in fields))
    return {model: frozenset(attrs) for model, attrs in found.items()}


@dataclass(frozen=True)
class Change:
    """One change, in the memo's terms.

    Attributes:
        kind: stable machine token: ``option-added``, ``risk-likelihood``, ``stance``...
        path: where, in the YAML's terms: ``options.paced.risks["Election violence"].likelihood``.
            Ids follow a dot; risk titles and offices are quoted in brackets; ``[n]`` is a
            0-based list position in the version holding the item; ``""`` is the whole file.
        old: the value before, as a reader says it (``Possible``); None when there was none.
        new: the value after; None when there is none now.
        summary: one sentence for people, e.g. ``Status: Draft → Proposed``.
    """

    kind: str
    path: str
    old: str | None
    new: str | None
    summary: str


def diff_option_sets(old: OptionSet | None, new: OptionSet | None) -> list[Change]:
    """Compare two versions of one option set.

    Args:
        old: the earlier version, or None when the file did not exist then.
        new: the later version, or None when the file no longer exists.

    Returns:
        The changes in a stable order: top-level fields, criteria, stakeholders, options
        (each list in the new file's order, removed items first), the recommendation,
        sources. A file on one side only gives a single ``option-set-added`` or
        ``option-set-removed`` change; equal versions (or two Nones) give ``[]``.
    """
    if old is None:
        return [] if new is None else [_whole_file("added", None, new.title)]
    if new is None:
        return [_whole_file("removed", old.title, None)]
    differ = _Differ(old, new)
    differ.run()
    return differ.changes


def _whole_file(verb: str, old: str | None, new: str | None) -> Change:
    return Change(f"option-set-{verb}", "", old, new, f"Option set {verb}: {_q(old or new or '')}")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _q(text: str) -> str:
    """Quote user text on one line, clipped so that a summary stays one sentence."""
    flat = _flat(text)
    return f'"{flat if len(flat) <= CLIP else flat[: CLIP - 1].rstrip() + "…"}"'


def _show(value: Any, style: str) -> str | None:
    if value is None or value == []:
        return None
    # Surrounding whitespace is YAML chomping, never content the memo prints.
    return _SAY[style](value) if style in _SAY else str(value).strip()


def _keys(old: Iterable[str], new: Iterable[str]) -> list[str]:
    """Keys of two mappings: those gone first (old order), then the new ones in order."""
    kept = list(new)
    return [*(key for key in old if key not in kept), *kept]


def _pair(
    old: Sequence[T], new: Sequence[T], key: Callable[[T], Hashable]
) -> tuple[list[T], list[tuple[T | None, T]]]:
    """Match items by key: (unmatched old items, in old order; (old or None, new), in new order).

    The n-th item with a key pairs with the n-th on the other side, so duplicate titles or
    texts neither vanish nor pair twice.
    """

    def keyed(items: Sequence[T]) -> list[tuple[tuple[Hashable, int], T]]:
        seen: dict[Hashable, int] = {}
        result = []
        for item in items:
            k = key(item)
            seen[k] = seen.get(k, 0) + 1
            result.append(((k, seen[k]), item))
        return result

    old_keyed, new_keyed = keyed(old), keyed(new)
    by_key, matched = dict(old_keyed), {k for k, _ in new_keyed}
    removed = [item for k, item in old_keyed if k not in matched]
    return removed, [(by_key.get(k), item) for k, item in new_keyed]


class _Differ:
    """Walks two versions of an option set, collecting changes in output order."""

    def __init__(self, old: OptionSet, new: OptionSet) -> None:
        self.old, self.new = old, new
        self.changes: list[Change] = []

    def add(self, kind: str, path: str, old: str | None, new: str | None, summary: str) -> None:
        self.changes.append(Change(kind, path, old, new, summary))

    def value(self, kind: str, path: str, label: str, values: Pair, style: str = "plain") -> None:
        """Record a value that changed, if it did; ``label`` leads the summary.

        A top-level label ends in a colon (``Status:``); nested ones name their subject
        (``Option "X": risk "Y" likelihood``).
        """
        old, new = values
        if old == new:
            return
        say, lead = _q if style == "quote" else str, label.removesuffix(":")
        if style == "long":
            verb = "added" if old is None else "removed" if new is None else "revised"
            summary = f"{lead} {verb}"
        elif new is None:
            summary = f"{lead} removed (was {say(str(old))})"
        elif old is None:
            summary = f"{lead} set to {say(new)}"
        else:
            summary = f"{label} {say(old)} {ARROW} {say(new)}"
        self.add(kind, path, old, new, summary)

    def fields(
        self, stem: str, path: str, lead: str, pair: tuple[Any, Any], fields: Fields, on: str = ""
    ) -> None:
        """Compare attributes of a pair; an empty ``lead`` means the top level of the file."""
        for attr, style in fields:
            name = attr.rstrip("_")
            kind = (f"{stem}-{name}" if stem else name).replace("_", "-")
            label = f"{lead}{name}{on}" if lead else f"{_LABELS.get(attr, name.capitalize())}:"
            values = _show(getattr(pair[0], attr), style), _show(getattr(pair[1], attr), style)
            where = f"{path}.{name}" if path else name
            self.value(_KIND_ALIASES.get(kind, kind), where, label, values, style)

    def name_of(self, section: str, item_id: str, attr: str = "name") -> str:
        """Name an item by id as the new version does, else as the old one, else by id."""
        for version in (self.new, self.old):
            for item in getattr(version, section):
                if item.id == item_id:
                    return _flat(str(getattr(item, attr)))
        return item_id

    def run(self) -> None:
        old, new = self.old, self.new
        self.fields("", "", "", (old, new), _TOP)
        for stem, attr in _TOP_LISTS:
            self.items(stem, attr, (getattr(old, attr), getattr(new, attr)))
        self.fields("", "", "", (old, new), _PROSE)
        for stem, attr in _SECTIONS:
            self.items(stem, attr, (getattr(old, attr), getattr(new, attr)))
        self.recommendation()
        self.items("source", "sources", (old.sources, new.sources))

    def items(
        self, stem: str, path: str, lists: tuple[Sequence[Any], ...], subject: str = ""
    ) -> None:
        """Diff the old and new list at ``path``, matched as ``_ITEMS[stem]`` says.

        Items with ids are placed as ``path.id``, risks and clearances as ``path["title"]``,
        the rest by 0-based position. ``subject`` (``Option "X": ``) leads summaries of
        nested lists.
        """
        noun = stem if subject else stem.capitalize()
        _, key, name, fields = _ITEMS[stem]

        def get(item: Any, attr: str | None) -> str:
            return str(item if attr is None else getattr(item, attr)).strip()

        def where(index: int, item: Any) -> str:
            if key == "id":
                return f"{path}.{item.id}"
            if key in ("title", "office"):
                return f"{path}[{json.dumps(_flat(get(item, key)), ensure_ascii=False)}]"
            return f"{path}[{index}]"

        def said(verb: str, title: str) -> str:
            if subject:
                return f"{subject}{noun} {_q(title)} {verb}"
            return f"{noun} {verb}: {_q(title)}"

        old, new = (list(enumerate(items)) for items in lists)
        removed, pairs = _pair(old, new, lambda p: get(p[1], key))
        for i, item in removed:
            title = get(item, name)
            self.add(f"{stem}-removed", where(i, item), title, None, said("removed", title))
        for matched, (i, item) in pairs:
            title, at = get(item, name), where(i, item)
            if matched is None:
                note = f" ({_rating(item)})" if stem == "risk" else ""
                self.add(f"{stem}-added", at, None, title, said("added", title) + note)
                continue
            before = matched[1]
            if get(before, name) != title:
                verb = "retitled" if name == "title" else "renamed"
                summary = f"{noun} {verb}: {_q(get(before, name))} {ARROW} {_q(title)}"
                self.add(f"{stem}-{verb}", f"{at}.{name}", get(before, name), title, summary)
            lead = f"{subject}{noun} {_q(title)}" + (" " if subject else ": ")
            self.fields(stem, at, lead, (before, item), fields)
            if stem == "option":
                self.option(before, item)

    def option(self, before: Option, after: Option) -> None:
        path, subject = f"options.{after.id}", f"Option {_q(after.title)}: "
        for stem, attr in _OPTION_LISTS:
            lists = getattr(before, attr), getattr(after, attr)
            self.items(stem, f"{path}.{attr}", lists, subject)
        self.positions(path, after.title, before.positions, after.positions)
        for cid in _keys(before.scores, after.scores):
            old, new = before.scores.get(cid), after.scores.get(cid)
            kind = "score-added" if old is None else "score-removed" if new is None else "score"
            label = f"{subject}score on {_q(self.name_of('criteria', cid))}"
            values = _show(old, "plain"), _show(new, "plain")
            self.value(kind, f"{path}.scores.{cid}", label, values)

    def positions(
        self, path: str, title: str, before: dict[str, Position], after: dict[str, Position]
    ) -> None:
        on = f" on {_q(title)}"
        for sid in _keys(before, after):
            was, now = before.get(sid), after.get(sid)
            who, where = f"{self.name_of('stakeholders', sid)}: ", f"{path}.positions.{sid}"
            if was is not None and now is not None:
                self.fields("position", where, who, (was, now), _POSITION, on)
                continue
            old, new = (None if side is None else STANCES[side.stance][1] for side in (was, now))
            kind = "position-added" if was is None else "position-removed"
            self.value(kind, where, f"{who}position{on}", (old, new))

    def recommendation(self) -> None:
        path, sides = "recommendation", (self.old.recommendation, self.new.recommendation)
        ids = [side.option if side else None for side in sides]
        if ids[0] != ids[1]:
            was, now = (self.name_of("options", i, "title") if i else None for i in ids)
            self.value("recommendation", f"{path}.option", "Recommendation:", (was, now), "quote")
        was, now = (_show(side.rationale if side else None, "long") for side in sides)
        label = "Recommendation rationale:"
        self.value("recommendation-rationale", f"{path}.rationale", label, (was, now), "long")


def _rating(risk: Risk) -> str:
    likelihood, impact = level_words(LIKELIHOOD, risk.likelihood), level_words(IMPACT, risk.impact)
    return f"likelihood {likelihood}, impact {impact}"


__all__ = [
    "NOT_COMPARED",
    "Change",
    "compared_fields",
    "diff_option_sets",
]
