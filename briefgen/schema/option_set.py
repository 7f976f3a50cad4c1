"""Stage 2 models: the option-set format, v1, as strict Pydantic models.

Names match the YAML keys (a public contract: see ``docs/format.md``). Models forbid
unknown keys and every field carries a description, so :func:`briefgen.schema.json_schema`
doubles as editor help. Cross-references between ids are checked in
:mod:`briefgen.check.validate`, where they can be located in the file.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from briefgen.schema.types import (
    Decimal,
    Id,
    Impact,
    IsoDate,
    Level,
    Likelihood,
    Markdown,
    PageLimit,
    Ref,
    Text,
    choice,
)
from briefgen.schema.vocabulary import CLEARANCE_STATUSES, KINDS, STANCES, STATUSES

Kind = Annotated[Literal["decision", "information"], BeforeValidator(choice("kind", KINDS))]
Status = Annotated[
    Literal["draft", "proposed", "cleared", "decided", "superseded"],
    BeforeValidator(choice("status", STATUSES)),
]
ClearanceStatus = Annotated[
    Literal["cleared", "pending", "not-cleared"],
    BeforeValidator(choice("clearance status", CLEARANCE_STATUSES)),
]
Stance = Annotated[
    Literal["strongly-oppose", "oppose", "neutral", "support", "strongly-support", "unknown"],
    BeforeValidator(choice("stance", list(STANCES))),
]


#: Ids naming an item of the same file, or another option set (see ``Ref``).
SourceId = Annotated[Id, Ref("source")]
StakeholderId = Annotated[Id, Ref("stakeholder")]
CriterionId = Annotated[Id, Ref("criterion")]
OptionId = Annotated[Id, Ref("option")]
OptionSetId = Annotated[Id, Ref("option set")]


class Model(BaseModel):
    """Base of every model: unknown keys are errors; values are immutable once valid.

    Attributes:
        noun: what one item is called in messages (``stakeholder``), for models whose
            items are named by id; "" otherwise.
        shorthand: the field a bare string stands for (a point's ``text``, a
            position's ``stance``); "" when a bare string is an error.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    noun: ClassVar[str] = ""
    shorthand: ClassVar[str] = ""

    @model_validator(mode="before")
    @classmethod
    def _from_shorthand(cls, data: Any) -> Any:
        return {cls.shorthand: data} if cls.shorthand and isinstance(data, str) else data


class Source(Model):
    """A numbered source in the memo's source list."""

    noun = "source"

    id: Id = Field(description="Short id that pros, cons, risks and positions cite.")
    title: Text = Field(description="Title of the work, printed as typed.")
    author: Text | None = Field(None, description="Author or authors.")
    publisher: Text | None = Field(None, description="Publisher, outlet or institution.")
    date: Text | None = Field(
        None,
        description="Publication date as it should print "
        "(free text: '2008', 'November 2008', '2008-11-27').",
    )
    url: Text | None = Field(None, description="Web address of the work.")


class Criterion(Model):
    """A criterion the options are scored against (Bardach: efficiency, equity, ...)."""

    noun = "criterion"

    id: Id = Field(description="Short id used as a key in each option's scores.")
    name: Text = Field(description="Name shown in the options-at-a-glance table.")
    weight: Decimal = Field(
        1.0,
        gt=0,
        allow_inf_nan=False,
        description="Relative weight in the weighted total (greater than 0; default 1).",
    )
    description: Markdown | None = Field(None, description="What the criterion measures.")


class Stakeholder(Model):
    """A person, office, party or state with a stance on the options."""

    noun = "stakeholder"

    id: Id = Field(description="Short id used as a key in each option's positions.")
    name: Text = Field(description="Name as it should print.")
    group: Text | None = Field(
        None,
        description="Bloc, alliance or category, e.g. 'Iraqi government' or 'Regional states'.",
    )
    influence: Level = Field(description="Power over the outcome, 1 (little) to 5 (decisive).")
    salience: Level = Field(
        description="How much the issue matters to them, 1 (little) to 5 (vital)."
    )
    description: Markdown | None = Field(None, description="Who they are and what they want.")


class Point(Model):
    """A pro or a con: Markdown text, optionally citing sources."""

    shorthand = "text"  # a bare string is the text of a point that cites nothing
    text: Markdown = Field(description="The argument, in Markdown.")
    sources: list[SourceId] = Field(default_factory=list, description="Ids of the sources cited.")


class Risk(Model):
    """A risk of an option, rated on the 5 x 5 likelihood x impact grid."""

    title: Text = Field(description="Short name of the risk.")
    likelihood: Likelihood = Field(
        description="1-5 or rare, unlikely, possible, likely, almost-certain."
    )
    impact: Impact = Field(description="1-5 or negligible, minor, moderate, major, severe.")
    mitigation: Markdown | None = Field(
        None, description="What reduces the likelihood or the impact."
    )
    contingency: Markdown | None = Field(None, description="What to do if the risk happens.")
    owner: Text | None = Field(None, description="Who watches and manages the risk.")
    sources: list[SourceId] = Field(default_factory=list, description="Ids of the sources cited.")

    @property
    def score(self) -> int:
        """Likelihood x impact, 1-25."""
        return self.likelihood * self.impact


class Position(Model):
    """Where a stakeholder stands on one option."""

    shorthand = "stance"  # a bare stance word is a position without note or sources

    stance: Stance = Field(
        description="strongly-oppose, oppose, neutral, support, strongly-support or unknown."
    )
    note: Markdown | None = Field(None, description="Why they stand there.")
    sources: list[SourceId] = Field(default_factory=list, description="Ids of the sources cited.")


class Option(Model):
    """One course of action."""

    noun = "option"

    id: Id = Field(description="Short id; the recommendation names it.")
    title: Text = Field(description="Name of the option.")
    summary: Markdown = Field(description="One or two sentences: what the option does.")
    description: Markdown | None = Field(None, description="Detail: how it would work.")
    pros: list[Point] = Field(default_factory=list, description="Arguments for the option.")
    cons: list[Point] = Field(default_factory=list, description="Arguments against it.")
    risks: list[Risk] = Field(default_factory=list, description="What could go wrong.")
    positions: dict[StakeholderId, Position] = Field(
        default_factory=dict,
        description="Stakeholder id -> stance word, or {stance, note, sources}.",
    )
    scores: dict[CriterionId, Level] = Field(
        default_factory=dict, description="Criterion id -> score 1-5, higher is better."
    )
    cost: Markdown | None = Field(None, description="Money, people or political capital.")
    timeline: Markdown | None = Field(None, description="When it would happen.")


class Clearance(Model):
    """An office that clears (or has not yet cleared) the memo."""

    office: Text = Field(description="Clearing office or bureau.")
    name: Text | None = Field(None, description="The official who clears.")
    status: ClearanceStatus = Field("pending", description="cleared, pending or not-cleared.")


class Recommendation(Model):
    """The option the drafters recommend."""

    option: OptionId = Field(description="Id of the recommended option.")
    rationale: Markdown | None = Field(None, description="Why, in a few sentences.")


class OptionSet(Model):
    """A decision problem and its options: the source of one memo."""

    noun = "option set"

    id: Id = Field(
        description="Id of the option set; defaults to the file name without "
        ".yaml. Names the output files."
    )
    title: Text = Field(description="Subject line of the memo.")
    kind: Kind = Field(
        "decision", description="decision (action memo) or information (information memo)."
    )
    status: Status = Field("draft", description="draft, proposed, cleared, decided or superseded.")
    date: IsoDate = Field(description="Date of the memo, YYYY-MM-DD.")
    decide_by: IsoDate | None = Field(None, description="Date a decision is needed, YYYY-MM-DD.")
    page_limit: PageLimit = Field(
        None,
        description="Pages the memo proper may take before its tabs: a whole number, or the "
        "word none for no limit (left out: 2 for a decision memo, no limit for an "
        "information memo).",
    )
    marking: Text | None = Field(
        None,
        description="Classification or handling banner printed "
        "at the top and bottom of every page.",
    )
    to: Text | None = Field(None, description="The principal the memo is for.")
    from_: Text | None = Field(None, alias="from", description="The sending office and official.")
    through: list[Text] = Field(
        default_factory=list, description="Officials the memo passes through on its way."
    )
    drafted_by: Text | None = Field(None, description="Drafter's name, office and phone.")
    clearances: list[Clearance] = Field(
        default_factory=list, description="Offices that clear the memo."
    )
    tags: list[Text] = Field(default_factory=list, description="Keywords; also the PDF's keywords.")
    supersedes: OptionSetId | None = Field(
        None, description="Id of the option set this one replaces."
    )
    bluf: Markdown = Field(description="Bottom line up front: the answer in a few lines.")
    question: Markdown | None = Field(
        None, description="The issue for decision (required for a decision memo)."
    )
    background: Markdown | None = Field(None, description="What the principal needs to know.")
    criteria: list[Criterion] = Field(
        default_factory=list, description="Criteria the options are scored against."
    )
    stakeholders: list[Stakeholder] = Field(
        default_factory=list, description="Who has a stake in the decision."
    )
    options: list[Option] = Field(
        default_factory=list, description="The courses of action (at least two for a decision)."
    )
    recommendation: Recommendation | None = Field(None, description="The recommended option.")
    sources: list[Source] = Field(
        default_factory=list, description="Works cited, numbered in this order."
    )

    @property
    def pages_allowed(self) -> int | None:
        """The page budget of the memo proper (pages before the first tab), or None.

        Action-memo practice (State Department Executive Secretariat) is a firm two-page
        budget; an information memo has none unless ``page_limit`` sets one.
        """
        if self.page_limit is None:
            return 2 if self.kind == "decision" else None
        return None if self.page_limit == "none" else self.page_limit

    def source_number(self, source_id: str) -> int:
        """Return the 1-based number a source prints with."""
        return next(i for i, s in enumerate(self.sources, 1) if s.id == source_id)

    @property
    def recommended(self) -> Option | None:
        """The recommended option, or None."""
        if self.recommendation is None:
            return None
        return next((o for o in self.options if o.id == self.recommendation.option), None)


__all__ = [
    "Clearance",
    "Criterion",
    "Option",
    "OptionSet",
    "Point",
    "Position",
    "Recommendation",
    "Risk",
    "Source",
    "Stakeholder",
]
