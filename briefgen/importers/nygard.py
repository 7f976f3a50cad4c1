"""Michael Nygard's records, as adr-tools writes them (Title, Date, Status, Context,
Decision, Consequences), as option sets.

A Nygard record states one decision and no alternatives, so it becomes an information
memo (``kind: information``; a decision memo needs two options) whose one option is the
decision: its title is the record's, its summary the Decision section, and it is the
recommendation, with the Consequences as the rationale. An analyst who adds the
alternatives and sets ``kind: decision`` has an action memo. Context -> background (its
question -> question); every other section -> the background, under its own heading.
"""

from __future__ import annotations

from briefgen.importers.draft import Draft
from briefgen.importers.metadata import (
    bluf_of,
    question_of,
    read_date_section,
    read_front_matter,
    read_preamble,
    read_status_section,
)
from briefgen.importers.record import Section
from briefgen.importers.text import kind_of

#: Section name (as :func:`briefgen.importers.record.key_of` gives it) -> what it is.
SECTIONS: dict[str, str] = {
    "status": "status",
    "date": "date",
    "context": "context",
    "context and problem statement": "context",
    "decision": "decision",
    "consequences": "consequences",
    "notes": "kept",
    "links": "kept",
    "references": "kept",
    "more information": "kept",
}


def import_nygard(draft: Draft) -> None:
    """Fill ``draft`` from a Nygard record (see the module docstring)."""
    record = draft.record
    read_front_matter(draft)
    read_preamble(draft, record.preamble)
    decision: Section | None = None
    consequences: list[Section] = []
    context: list[Section] = []
    for section in record.sections:
        what = kind_of(section.key, SECTIONS)
        if what == "status":
            read_status_section(draft, section)
        elif what == "date":
            read_date_section(draft, section)
        elif what == "context":
            context.append(section)
            draft.lead.append(section.body())
        elif what == "decision" and decision is None:
            decision = section
        elif what == "consequences":
            consequences.append(section)
        else:
            if what != "kept":
                draft.note(section.line, "import_unknown_section", title=section.title)
            draft.keep(section.heading, section.body())
    draft.question = question_of([b for section in context for b in section.blocks])
    if decision is None or not decision.body():
        draft.note(record.title_line, "import_no_decision")
        for section in consequences:
            draft.keep(section.heading, section.body())
        return
    draft.bluf = bluf_of(decision.blocks) or decision.body()
    option = draft.add_option(draft.title, decision.body(), decision.line)
    draft.chosen = option
    draft.consequences = [section.body(with_heading=True) for section in consequences]
