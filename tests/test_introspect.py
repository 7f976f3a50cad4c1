"""The schema walker: key order, Markdown fields and references come from the models, and
every stage that lists fields (diff, fmt, lint) covers every field of the models."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pydantic import Field

from briefgen.check.batch import check_paths
from briefgen.cli import cli
from briefgen.fmt import format_files, format_text
from briefgen.schema.introspect import (
    ENTRY,
    ITEM,
    Collection,
    Loc,
    Shape,
    Slot,
    collections,
    fields,
    key_shape,
    markdown_keys,
    markdown_values,
    model_of_file,
    references,
)
from briefgen.schema.meeting import AgendaItem, Meeting
from briefgen.schema.option_set import Model, Option, OptionSet, Risk
from briefgen.schema.settings import WorkspaceSettings
from briefgen.schema.types import Markdown, Text
from briefgen.versions.diff import NOT_COMPARED, compared_fields

MODELS = [OptionSet, Meeting, WorkspaceSettings]
#: The hand-written list the walker replaced (briefgen/schema/types.py before).
OLD_MARKDOWN_KEYS = frozenset(
    {
        "bluf",
        "question",
        "background",
        "summary",
        "description",
        "text",
        "mitigation",
        "contingency",
        "note",
        "rationale",
        "cost",
        "timeline",
    }
)

SHUFFLED_MEETING = """\
# Principals Committee read-ahead.
agenda:
  # The first item.
  - minutes: 10
    presenter: DNI  # intelligence update
    title: Opening
  - presenter: OSD Policy
    option_set: withdrawal-pace
marking: UNCLASSIFIED
attendees: [Secretary of State]
chair: APNSA
date: 2008-12-15
location: Situation Room  # West Wing
time: "14:00"
title: Principals Committee
id: pc
"""
ORDERED_MEETING = """\
# Principals Committee read-ahead.
id: pc
title: Principals Committee
date: 2008-12-15
time: "14:00"
location: Situation Room  # West Wing
marking: UNCLASSIFIED
chair: APNSA
attendees: [Secretary of State]
agenda:
  # The first item.
  - title: Opening
    presenter: DNI  # intelligence update
    minutes: 10
  - option_set: withdrawal-pace
    presenter: OSD Policy
"""


def test_a_meeting_file_is_ordered_as_a_meeting_with_its_comments() -> None:
    assert format_text(SHUFFLED_MEETING, Path("meetings/pc.yaml")) == ORDERED_MEETING
    assert format_text(ORDERED_MEETING, Path("meetings/pc.yaml")) == ORDERED_MEETING
    # Outside meetings/ the same text is an option set, whose order puts marking first.
    as_option_set = format_text(SHUFFLED_MEETING, Path("options/pc.yaml"))
    assert as_option_set.index("marking:") < as_option_set.index("time:")


def test_fmt_and_validate_take_the_same_files_for_meetings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting = tmp_path / "meetings" / "pc.yaml"
    meeting.parent.mkdir()
    meeting.write_text(SHUFFLED_MEETING, encoding="utf-8")
    (tmp_path / "options").mkdir()
    assert model_of_file(meeting) is Meeting
    assert model_of_file(tmp_path / "options" / "pc.yaml") is OptionSet
    _, meetings, issues = check_paths([meeting.parent], workspace=tmp_path)
    assert meetings == [] and [i.field for i in issues] == ["agenda[1].option_set"]
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["fmt"])
    assert result.exit_code == 0, result.output
    assert "reformatted meetings/pc.yaml" in result.output
    assert meeting.read_text(encoding="utf-8") == ORDERED_MEETING
    assert format_files([meeting], check=True) == []


def test_key_order_is_each_model_s_field_order() -> None:
    meeting = key_shape(Meeting)
    assert meeting.order == (
        "id",
        "title",
        "date",
        "time",
        "location",
        "marking",
        "chair",
        "attendees",
        "agenda",
    )
    assert meeting.keys["agenda"].items == key_shape(AgendaItem)
    assert key_shape(AgendaItem).order == ("option_set", "title", "presenter", "minutes")
    assert key_shape(WorkspaceSettings).order == ("paper", "font_size", "tab_labels")
    order = key_shape(OptionSet).order
    assert order[order.index("to") + 1] == "from" and "from_" not in order  # the alias, as typed


def test_the_markdown_fields_are_the_ones_listed_by_hand_before() -> None:
    assert markdown_keys(OptionSet) == OLD_MARKDOWN_KEYS
    assert markdown_keys(Meeting) == frozenset()
    assert markdown_keys(WorkspaceSettings) == frozenset()


def test_markdown_values_follow_the_model_not_the_key_name() -> None:
    data = {
        "bluf": "B",
        "options": [
            {
                "summary": "S",
                "pros": ["bare point", {"text": "point"}],
                "positions": {"us": "support", "note": {"stance": "oppose", "note": "N"}},
                # A criterion may be called ``cost``: its score is a number, not Markdown.
                "scores": {"cost": "3"},
            }
        ],
        "sources": [{"id": "s", "title": "summary"}],
    }
    assert list(markdown_values(data)) == [
        (("bluf",), "B"),
        (("options", 0, "summary"), "S"),
        (("options", 0, "pros", 0), "bare point"),
        (("options", 0, "pros", 1, "text"), "point"),
        (("options", 0, "positions", "note", "note"), "N"),
    ]


def test_references_cover_exactly_the_ones_checked_by_hand_before() -> None:
    assert collections(OptionSet) == (
        Collection("criteria", "criterion"),
        Collection("stakeholders", "stakeholder"),
        Collection("options", "option"),
        Collection("sources", "source"),
    )
    cited = {
        (slot.shape, slot.refers_to or slot.keys_refer_to)
        for slot in fields(OptionSet)
        if slot.refers_to or slot.keys_refer_to
    }
    option = ("options", ITEM)
    assert cited == {
        (("recommendation", "option"), "option"),
        ((*option, "positions"), "stakeholder"),
        ((*option, "scores"), "criterion"),
        ((*option, "pros", ITEM, "sources"), "source"),
        ((*option, "cons", ITEM, "sources"), "source"),
        ((*option, "risks", ITEM, "sources"), "source"),
        ((*option, "positions", ENTRY, "sources"), "source"),
        # Another file: not checked within one option set.
        (("supersedes",), "option set"),
    }
    assert {(s.shape, s.refers_to) for s in fields(Meeting) if s.refers_to} == {
        (("agenda", ITEM, "option_set"), "option set")
    }


def test_references_are_yielded_where_the_file_has_them() -> None:
    data = {
        "recommendation": {"option": "a"},
        "options": [
            {
                "pros": ["bare", {"text": "t", "sources": ["s1"]}],
                "positions": {"us": "support", "iq": {"stance": "oppose", "sources": ["s2"]}},
                "scores": {"cost": 3},
            },
            "not a mapping",
        ],
    }
    assert list(references(data, OptionSet)) == [
        (("recommendation", "option"), "option", "a", False),
        (("options", 0, "pros", 1, "sources", 0), "source", "s1", False),
        (("options", 0, "positions", "us"), "stakeholder", "us", True),
        (("options", 0, "positions", "iq"), "stakeholder", "iq", True),
        (("options", 0, "positions", "iq", "sources", 0), "source", "s2", False),
        (("options", 0, "scores", "cost"), "criterion", "cost", True),
    ]


# Coverage: each stage that lists fields knows every field of the models.


def _owned(compared: dict[type[Model], frozenset[str]], slot: Slot) -> bool:
    """Whether ``slot`` is listed for its model or a model it derives from."""
    return any(slot.name in compared.get(base, ()) for base in slot.owner.__mro__)


def undiffed(model: type[Model]) -> list[str]:
    """The fields of ``model`` (dotted shape) that diff neither compares nor exempts."""
    compared = compared_fields()
    exempt = {(owner, name) for owner, name in NOT_COMPARED}
    return [
        ".".join(slot.shape)
        for slot in fields(model)
        if not _owned(compared, slot)
        and not any((base, slot.name) in exempt for base in slot.owner.__mro__)
    ]


def unordered(model: type[Model], shape: Shape) -> list[str]:
    """The fields of ``model`` whose key ``shape`` (fmt's layout) does not order."""
    missing = []
    for slot in fields(model):
        here: Shape | None = shape
        for step in slot.shape[:-1]:
            here = here.items if here and step in (ITEM, ENTRY) else here and here.keys.get(step)
        if here is None or slot.key not in here.order:
            missing.append(".".join(slot.shape))
    return missing


def _sample(shape: tuple[str, ...], text: str) -> tuple[Any, Loc]:
    """Data holding ``text`` at ``shape``, and the field path it sits at."""
    if not shape:
        return text, ()
    inner, loc = _sample(shape[1:], text)
    if shape[0] == ITEM:
        return [inner], (0, *loc)
    if shape[0] == ENTRY:
        return {"someone": inner}, ("someone", *loc)
    return {shape[0]: inner}, (shape[0], *loc)


Finder = Callable[[Any, type[Model]], Iterator[tuple[Loc, str]]]


def unseen_markdown(model: type[Model], finder: Finder) -> list[str]:
    """The Markdown fields of ``model`` whose text ``finder`` (lint's view) misses."""
    missing = []
    for slot in fields(model):
        if slot.kind == "markdown":
            data, loc = _sample(slot.shape, "Some *text*.")
            if (loc, "Some *text*.") not in list(finder(data, model)):
                missing.append(".".join(slot.shape))
    return missing


def _by_old_keys(data: Any, model: type[Model], loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """The hand-written lookup by key name that the walker replaced."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in OLD_MARKDOWN_KEYS and isinstance(value, str):
                yield (*loc, key), value
            else:
                yield from _by_old_keys(value, model, (*loc, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _by_old_keys(item, model, (*loc, index))


def test_diff_compares_every_field_of_an_option_set_or_says_why_not() -> None:
    assert undiffed(OptionSet) == []
    assert set(NOT_COMPARED) == {(OptionSet, "id")}


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_fmt_orders_and_lint_sees_every_field(model: type[Model]) -> None:
    assert unordered(model, key_shape(model)) == []
    assert unseen_markdown(model, markdown_values) == []
    assert unseen_markdown(model, _by_old_keys) == []


class _Annexed(OptionSet):
    annex: Markdown | None = Field(None, description="A field no stage was told about.")


class _OwnedRisk(Risk):
    watcher: Text | None = None


class _OptionOwned(Option):
    risks: list[_OwnedRisk] = Field(default_factory=list)  # type: ignore[assignment]


class _SetOwned(OptionSet):
    options: list[_OptionOwned] = Field(default_factory=list)  # type: ignore[assignment]


def test_the_coverage_checks_catch_a_field_added_to_a_model() -> None:
    assert undiffed(_Annexed) == ["annex"]
    assert undiffed(_SetOwned) == ["options.[].risks.[].watcher"]
    # A layout or a Markdown lookup written by hand misses the new field...
    assert unordered(_Annexed, key_shape(OptionSet)) == ["annex"]
    assert unordered(_SetOwned, key_shape(OptionSet)) == ["options.[].risks.[].watcher"]
    assert unseen_markdown(_Annexed, _by_old_keys) == ["annex"]
    # ...while those derived from the model know it.
    assert unordered(_Annexed, key_shape(_Annexed)) == []
    assert unseen_markdown(_Annexed, markdown_values) == []
    assert "annex" in markdown_keys(_Annexed)
