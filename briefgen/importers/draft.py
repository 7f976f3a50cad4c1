"""The option set an importer builds from one record, and what it could not map.

Both dialects fill a :class:`Draft`; :meth:`Draft.data` turns it into the plain data of
an option set (the YAML keys of ``docs/format.md``), adding the record's web links as
numbered sources and letting each pro and con cite the links it holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from markdown_it.tree import SyntaxTreeNode

from briefgen.importers.names import match, names_of, strip_marker
from briefgen.importers.record import Record
from briefgen.importers.text import key_of, links, slug

#: Longest title an option or criterion gets in the memo's tables; the full text stays in
#: its summary or description.
TITLE_LIMIT = 100
_WEB = ("http://", "https://")


@dataclass(frozen=True)
class Note:
    """Something of the record the importer could not map: a warning at ``line``.

    Attributes:
        line: 1-based line in the record (0: the whole file).
        kind: a key of the import messages in :mod:`briefgen.messages`.
        context: the values its wording uses.
    """

    line: int
    kind: str
    context: tuple[tuple[str, str], ...] = ()


@dataclass
class Point:
    """A pro or a con: its Markdown and the web links in it (which it cites)."""

    text: str
    targets: list[str] = field(default_factory=list)


@dataclass
class OptionDraft:
    """One option being built.

    Attributes:
        title: its name (plain text).
        summary: the Markdown that introduced it (a Considered Options item).
        line: where it was introduced.
        names: normalised names it is known by (title, full item text, headings).
        description: further Markdown (examples, neutral arguments), in order.
        pros: "Good, because" arguments; cons: "Bad, because" arguments.
        flagged: a name of it carries a "(chosen)" marker.
    """

    title: str
    summary: str
    line: int
    names: set[str] = field(default_factory=set)
    description: list[str] = field(default_factory=list)
    pros: list[Point] = field(default_factory=list)
    cons: list[Point] = field(default_factory=list)
    flagged: bool = False
    id: str = ""


@dataclass
class Draft:
    """An option set in the making (see :meth:`data` for the mapping onto its keys).

    Attributes:
        record: the record it comes from.
        lead: background text without a heading (context, unmapped preamble text).
        extra: background sections, each with its heading.
        consequences: Markdown appended to the recommendation's rationale.
        chosen: the chosen option, once matched.
        rationale: the Markdown of the decision's justification.
        notes: what could not be mapped.
    """

    record: Record
    title: str = ""
    date: date | None = None
    status: str | None = None
    supersedes: str | None = None
    bluf: str = ""
    question: str | None = None
    lead: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    criteria: list[dict[str, Any]] = field(default_factory=list)
    stakeholders: list[dict[str, Any]] = field(default_factory=list)
    options: list[OptionDraft] = field(default_factory=list)
    chosen: OptionDraft | None = None
    rationale: str = ""
    consequences: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def note(self, line: int, kind: str, **context: object) -> None:
        """Record a warning for the importer's report."""
        pairs = tuple((key, str(value)) for key, value in context.items())
        self.notes.append(Note(line, kind, pairs))

    def keep(self, heading: str, text: str) -> None:
        """Put ``text`` into the background under ``heading`` (a Markdown heading line)."""
        if text.strip():
            self.extra.append(f"{heading}\n\n{text.strip()}")

    def add_option(self, title: str, summary: str, line: int, *names: str) -> OptionDraft:
        """Add an option known by ``title`` and ``names`` (see :func:`names_of`); a
        "(chosen)" marker on any of them flags it. Ids are given when the data is built."""
        unmarked, marked = strip_marker(title)
        short = cut(unmarked) or cut(key_of(summary)) or f"Option {len(self.options) + 1}"
        option = OptionDraft(short, summary, line)
        option.names = names_of(title, *names)
        option.flagged = marked or any(strip_marker(name)[1] for name in names)
        self.options.append(option)
        return option

    def find_option(self, name: str) -> OptionDraft | None:
        """The option ``name`` means (see :func:`briefgen.importers.names.match`), or None."""
        index = match(name, [option.names for option in self.options])
        return None if index is None else self.options[index]

    def data(self) -> dict[str, Any]:
        """The option set as plain data, keys as in ``docs/format.md``.

        ``kind`` is ``decision`` with two options or more, ``information`` otherwise;
        ids of options, criteria and sources are unique; every web link of the record is
        a source, cited by the pros and cons that hold it.
        """
        sources, source_ids = _sources(self.record)
        ids = _unique(slug(o.title, 40) or "option" for o in self.options)
        for option, option_id in zip(self.options, ids, strict=True):
            option.id = option_id
        decision = len(self.options) >= 2
        data: dict[str, Any] = {
            "title": self.title,
            "kind": "decision" if decision else "information",
        }
        if self.status:
            data["status"] = self.status
        data["date"] = self.date.isoformat() if self.date else None
        if self.tags:
            data["tags"] = self.tags
        if self.supersedes:
            data["supersedes"] = self.supersedes
        data["bluf"] = self.bluf or self.title
        if self.question:
            data["question"] = self.question
        background = "\n\n".join(p for p in [*self.lead, *self.extra] if p.strip())
        if background.strip():
            data["background"] = background
        if self.criteria:
            data["criteria"] = self.criteria
        if self.stakeholders:
            data["stakeholders"] = self.stakeholders
        if self.options:
            data["options"] = [_option(o, source_ids) for o in self.options]
        if self.chosen is not None:
            rationale = "\n\n".join(p for p in [self.rationale, *self.consequences] if p)
            recommendation = {"option": self.chosen.id, "rationale": rationale or None}
            data["recommendation"] = {k: v for k, v in recommendation.items() if v}
        if sources:
            data["sources"] = sources
        data = {key: value for key, value in data.items() if value is not None}
        _define_references(data, self.record.references)
        return data


def cut(text: str, limit: int = TITLE_LIMIT) -> str:
    """Shorten a title to ``limit`` characters at a word, marking the cut with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def web_targets(node: SyntaxTreeNode | None) -> list[str]:
    """The web addresses linked from ``node``, in order."""
    if node is None:
        return []
    return [href for href, _text, _auto in links(node) if href.startswith(_WEB)]


def _unique(ids: Iterable[str]) -> list[str]:
    """Make ids unique by appending ``-2``, ``-3``, ... to repeats."""
    seen: set[str] = set()
    result: list[str] = []
    for wanted in ids:
        candidate, number = wanted, 1
        while candidate in seen:
            number += 1
            candidate = f"{wanted}-{number}"
        seen.add(candidate)
        result.append(candidate)
    return result


def _sources(record: Record) -> tuple[list[dict[str, str]], dict[str, str]]:
    """Every distinct web link of the record, as a source; target -> source id."""
    found: dict[str, str] = {}
    for href, text, auto in record.walk_links():
        if href.startswith(_WEB) and href not in found:
            found[href] = href if auto or not text else text
    ids = _unique(slug(title.split("://")[-1], 40) or "link" for title in found.values())
    sources = [
        {"id": source_id, "title": cut(title, 200), "url": href}
        for source_id, (href, title) in zip(ids, found.items(), strict=True)
    ]
    return sources, dict(zip(found, ids, strict=True))


def _define_references(data: dict[str, Any], references: dict[str, str]) -> None:
    """Give each Markdown field the definitions of the reference links it uses
    (``[text][label]``): every field renders on its own, and a link whose definition
    stayed in another field would print as brackets."""
    if not references:
        return

    def defined(text: str) -> str:
        used = " ".join(text.upper().split())
        lines = [line for label, line in references.items() if f"[{label}]" in used]
        return "\n\n".join([text.rstrip(), "\n".join(lines)]) if lines else text

    def each(holder: dict[str, Any], *keys: str) -> None:
        for key in keys:
            if isinstance(holder.get(key), str):
                holder[key] = defined(holder[key])

    each(data, "bluf", "question", "background")
    for criterion in data.get("criteria", []):
        each(criterion, "description")
    for option in data.get("options", []):
        each(option, "summary", "description")
        for side in ("pros", "cons"):
            points = option.get(side, [])
            for index, point in enumerate(points):
                if isinstance(point, str):
                    points[index] = defined(point)
                else:
                    each(point, "text")
    each(data.get("recommendation", {}), "rationale")


def _option(option: OptionDraft, source_ids: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {"id": option.id, "title": option.title, "summary": option.summary}
    if option.description:
        data["description"] = "\n\n".join(option.description)
    for key, points in (("pros", option.pros), ("cons", option.cons)):
        if points:
            data[key] = [_point(point, source_ids) for point in points]
    return data


def _point(point: Point, source_ids: dict[str, str]) -> dict[str, Any] | str:
    cited = list(dict.fromkeys(source_ids[t] for t in point.targets if t in source_ids))
    return {"text": point.text, "sources": cited} if cited else point.text
