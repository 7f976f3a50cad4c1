"""Meeting files (``meetings/<id>.yaml``, format v1): the agenda of a read-ahead packet.

A meeting names the option sets the principals will decide on, in agenda order, and the
packet prints them behind a cover, the agenda (with each item's start time) and a table
of contents. Meeting files are validated like option sets, with located errors; an
agenda item naming an option set that does not exist is an error naming the closest id.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from briefgen.schema.option_set import Model, OptionSetId
from briefgen.schema.types import Id, IsoDate, Text

_CLOCK = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")
#: Longest agenda item, in minutes (a working day).
MAX_MINUTES = 600


def _clock(value: Any) -> Any:
    if isinstance(value, str) and _CLOCK.fullmatch(value.strip()):
        hours, minutes = value.strip().split(":")
        return f"{int(hours):02d}:{minutes}"
    raise PydanticCustomError("clock", "not a time", {"input": value})


def _minutes(value: Any) -> Any:
    text = str(value).strip()
    if not isinstance(value, bool) and text.isascii() and text.isdigit():
        number = int(text)
        if 1 <= number <= MAX_MINUTES:
            return number
    raise PydanticCustomError("minutes", "not minutes", {"input": value, "limit": MAX_MINUTES})


Clock = Annotated[str, BeforeValidator(_clock)]
Minutes = Annotated[int, BeforeValidator(_minutes)]


class AgendaItem(Model):
    """One agenda item: an option set to decide on, or another item by title."""

    option_set: OptionSetId | None = Field(
        None, description="Id of the option set discussed; its memo goes into the packet."
    )
    title: Text | None = Field(
        None, description="Title of an item without a memo (welcome, any other business)."
    )
    presenter: Text | None = Field(None, description="Who presents the item.")
    minutes: Minutes | None = Field(None, description="Time allowed, in minutes (1-600).")

    @model_validator(mode="after")
    def _one_subject(self) -> AgendaItem:
        if (self.option_set is None) == (self.title is None):
            raise PydanticCustomError("agenda_item", "option_set or title", {})
        return self


class Meeting(Model):
    """A meeting and its agenda: the source of one read-ahead packet."""

    noun = "meeting"

    id: Id = Field(description="Id of the meeting; defaults to the file name without .yaml.")
    title: Text = Field(description="Name of the meeting, printed on the cover.")
    date: IsoDate = Field(description="Date of the meeting, YYYY-MM-DD.")
    time: Clock | None = Field(None, description="Start time, 24-hour HH:MM ('14:00').")
    location: Text | None = Field(None, description="Where the meeting is held.")
    marking: Text | None = Field(None, description="Banner for the cover and agenda pages.")
    chair: Text | None = Field(None, description="Who chairs the meeting.")
    attendees: list[Text] = Field(default_factory=list, description="Who attends.")
    agenda: list[AgendaItem] = Field(min_length=1, description="The items, in order.")


@dataclass(frozen=True)
class Slot:
    """An agenda item with its start time ("14:20"), or "" when it cannot be known."""

    item: AgendaItem
    start: str


def schedule(meeting: Meeting) -> Iterator[Slot]:
    """Compute each item's start time from the meeting's ``time`` and earlier ``minutes``.

    An item after one without ``minutes`` has no known start.
    """
    clock = (
        datetime.combine(meeting.date, datetime.strptime(meeting.time, "%H:%M").time())
        if meeting.time
        else None
    )
    for item in meeting.agenda:
        yield Slot(item, f"{clock:%H:%M}" if clock else "")
        clock = clock + timedelta(minutes=item.minutes) if clock and item.minutes else None
