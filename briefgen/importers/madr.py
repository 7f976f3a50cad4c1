"""MADR records (versions 2 to 4, and the template's variations) as option sets.

Sections are recognised by name (:data:`SECTIONS`, compared without case, punctuation or
numbering); ``docs/import.md`` tabulates where each goes. In short: context ->
background (its question -> question), decision drivers -> criteria, considered
options -> options, each option's "Good, because" / "Bad, because" arguments -> its pros
and cons ("Neutral, because" and any other text -> its description), the chosen option
-> the recommendation with the decision outcome as the rationale; every other section ->
the background, under its own heading.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from briefgen.importers.arguments import argue_option
from briefgen.importers.draft import Draft, OptionDraft, cut
from briefgen.importers.metadata import (
    bluf_of,
    question_of,
    read_date_section,
    read_front_matter,
    read_preamble,
    read_status_section,
    supersedes_from,
)
from briefgen.importers.names import is_label, mentioned, names_of, split_label
from briefgen.importers.record import Block, Item, Section
from briefgen.importers.text import kind_of, plain, slug

#: "Chosen option: "X", because ..." (quotes of any kind, or none).
_CHOSEN = re.compile(
    r"chosen (?:option|alternative)s?\s*:?\s*(?P<name>.+?)"
    r"\s*(?:,\s*because\b|\bbecause\b|[.;]\s|$)",
    re.IGNORECASE | re.DOTALL,
)
_QUOTED = re.compile(r"""(["'“‘`])(?P<name>.+?)["'”’`](?=\s*(?:,|because\b|[.;]|$))""", re.DOTALL)
#: Separators between an option's name and its description in a Considered Options item.
_DASH = re.compile(r"\s+[–—-]\s+")

#: Section name -> what the section is (names as :func:`key_of` gives them).
SECTIONS: dict[str, str] = {
    "context and problem statement": "context",
    "context and problem": "context",
    "context": "context",
    "problem statement": "context",
    "decision drivers": "drivers",
    "drivers": "drivers",
    "decision criteria": "drivers",
    "considered options": "options",
    "options considered": "options",
    "options": "options",
    "considered alternatives": "options",
    "alternatives": "options",
    "decision outcome": "outcome",
    "outcome": "outcome",
    "decision": "outcome",
    "pros and cons of the options": "arguments",
    "pros and cons of the alternatives": "arguments",
    "pros and cons": "arguments",
    "consequences": "consequences",
    "positive consequences": "consequences",
    "negative consequences": "consequences",
    "status": "status",
    "date": "date",
    "more information": "kept",
    "links": "links",
    "validation": "kept",
    "confirmation": "kept",
    "notes": "kept",
    "references": "kept",
}


def import_madr(draft: Draft) -> None:
    """Fill ``draft`` from a MADR record (see the module docstring)."""
    record = draft.record
    read_front_matter(draft)
    read_preamble(draft, record.preamble)
    outcome: Section | None = None
    context: Section | None = None
    # Arguments name options, the outcome names one of them, consequences follow it.
    later: dict[str, list[Section]] = {"arguments": [], "consequences": [], "drivers": [], "": []}
    for section in record.sections:
        what = kind_of(section.key, SECTIONS)
        if what == "outcome" and outcome is None:
            outcome = section
        elif what == "context" and context is None:
            context = section
        elif what in later:
            later[what].append(section)
        else:
            _HANDLERS.get(what, _unknown)(draft, section)
    for section in later["arguments"]:
        _arguments(draft, section)
    for section in later["drivers"]:
        _drivers(draft, section)
    for section in later[""]:
        _unknown(draft, section)
    if outcome is not None:
        _outcome(draft, outcome)
    for section in later["consequences"]:
        _consequences(draft, section)
    _context(draft, context)
    if len(draft.options) < 2:
        draft.note(record.title_line, "import_information", count=len(draft.options))
    if not draft.bluf and context is not None:
        draft.bluf = bluf_of(context.blocks)


def _context(draft: Draft, context: Section | None) -> None:
    """The context is the background; its question is the issue for decision. A context
    that asks none gives its first paragraph to a decision memo's question instead."""
    blocks = context.blocks if context is not None else []
    draft.question = question_of(blocks)
    first = next((b for b in blocks if b.kind == "paragraph"), None)
    if draft.question is None and len(draft.options) >= 2:
        draft.question = first.source if first is not None else draft.title
        blocks = [b for b in blocks if b is not first]
    if context is not None:
        rest = [b.source for b in blocks] + [c.body(with_heading=True) for c in context.children]
        draft.lead.append("\n\n".join(rest))


def _drivers(draft: Draft, section: Section) -> None:
    """Each list item is a criterion (weight 1, no scores); other text is kept. Without
    options there is no table to show criteria in: the section is kept as written."""
    if not draft.options:
        draft.keep(section.heading, section.body())
        return
    rest: list[str] = []
    for block in section.blocks:
        if not block.is_list:
            rest.append(block.source)
            continue
        for item in block.items(draft.record):
            name = cut(item.text) or cut(item.source)
            taken = {c["id"] for c in draft.criteria}
            base = slug(name, 40) or "criterion"
            criterion_id, number = base, 1
            while criterion_id in taken:
                number += 1
                criterion_id = f"{base}-{number}"
            criterion = {"id": criterion_id, "name": name}
            if item.source != name:
                criterion["description"] = item.source
            draft.criteria.append(criterion)
    rest += [child.body(with_heading=True) for child in section.children]
    draft.keep(section.heading, "\n\n".join(rest))


def _options(draft: Draft, section: Section) -> None:
    """Each list item is an option; a subsection is an option with its arguments."""
    rest: list[str] = []
    for block in section.blocks:
        if not block.is_list:
            rest.append(block.source)
            continue
        numbered = block.kind == "ordered_list"
        start = int(str(block.node.attrs.get("start", 1)))
        for number, item in enumerate(block.items(draft.record), start):
            title, names = _option_name(item)
            label = [f"option {number}"] if numbered else []
            draft.add_option(title, item.source, item.line, *names, *label)
    for child in section.children:
        argue_option(draft, child, expected=True)
    draft.keep(section.heading, "\n\n".join(rest))


def _option_name(item: Item) -> tuple[str, list[str]]:
    """An option's title and the names it is known by.

    The title is a bold lead (``**Redis:** a shared store``), or the text before a dash
    (``[MADR](...) 4.0.0 – The Markdown ...``), or the whole first line; a label before
    it (``**Option 1:**``, ``A.``) is dropped from the title but kept as a name.
    """
    full = item.text
    parts = [c for c in item.lead.children if c.type != "text" or c.content] if item.lead else []
    bold = plain(parts[0]).rstrip(":").strip() if parts and parts[0].type == "strong" else ""
    if bold and not is_label(bold):
        return split_label(bold)[1], [full, bold]
    rest = split_label(full)[1]
    return _DASH.split(rest, maxsplit=1)[0], [full, rest]


def _arguments(draft: Draft, section: Section) -> None:
    """Each subsection argues one option (matched by name, or added as a new option)."""
    for child in section.children:
        argue_option(draft, child, expected=False)
    draft.keep(section.heading, "\n\n".join(b.source for b in section.blocks))


def _outcome(draft: Draft, section: Section) -> None:
    """The chosen option becomes the recommendation, the whole outcome its rationale.

    The chosen option is the one a "Chosen option: ..." line names. Without such a line
    it is the only option marked "(chosen)", or else the only option the outcome's first
    paragraph names ("The MIT license was chosen"); either guess is reported.
    """
    draft.bluf = bluf_of(section.blocks)
    line = next((b for b in section.blocks if _chosen_name(b)), None)
    chosen = _chosen_name(line) if line is not None else None
    option = draft.find_option(chosen) if chosen else None
    if chosen is None:
        option = _guess_chosen(draft, section)
    if option is None:
        kind = "import_no_match" if chosen else "import_no_chosen"
        where = line.line if line is not None else section.line
        draft.note(where, kind, name=cut(chosen or "", 60), title=section.title)
        draft.keep(section.heading, section.body())
        return
    draft.chosen = option
    draft.rationale = section.body()


def _guess_chosen(draft: Draft, section: Section) -> OptionDraft | None:
    flagged = [option for option in draft.options if option.flagged]
    if len(flagged) == 1:
        draft.note(flagged[0].line, "import_chosen_marked", title=cut(flagged[0].title, 60))
        return flagged[0]
    first = next((b for b in section.blocks if b.kind == "paragraph"), None)
    if first is None:
        return None
    index = mentioned(first.text, [option.names for option in draft.options])
    if index is None:
        return None
    option = draft.options[index]
    draft.note(first.line, "import_chosen_named", title=cut(option.title, 60))
    return option


def _chosen_name(block: Block) -> str | None:
    """The option a "Chosen option: ..." paragraph names, or None."""
    if block.kind != "paragraph":
        return None
    text = block.text
    match = _CHOSEN.search(text)
    if match is None:
        return None
    rest = text[match.start("name") :]
    quoted = _QUOTED.match(rest)
    return (quoted.group("name") if quoted else match.group("name")).strip(" \"'")


def _consequences(draft: Draft, section: Section) -> None:
    """Consequences at the top level follow the rationale (without a recommendation,
    they stay in the background)."""
    if draft.chosen is None:
        _kept(draft, section)
    else:
        draft.consequences.append(section.body(with_heading=True))


def _links(draft: Draft, section: Section) -> None:
    """Links to other records stay as written; "Supersedes [...]" sets ``supersedes``."""
    for block in section.blocks:
        leads = [item.lead for item in block.items(draft.record)]
        for node in [*leads, block.node if block.kind == "paragraph" else None]:
            if node is not None:
                supersedes_from(draft, node)
    _kept(draft, section)


def _kept(draft: Draft, section: Section) -> None:
    draft.keep(section.heading, section.body())


def _unknown(draft: Draft, section: Section) -> None:
    """A section named exactly as an option argues it (a heading one level too high);
    any other is kept in the background, with a warning."""
    names = names_of(section.title)
    if any(names & option.names for option in draft.options):
        argue_option(draft, section, expected=False)
        return
    draft.note(section.line, "import_unknown_section", title=cut(section.title, 60))
    _kept(draft, section)


_HANDLERS: dict[str, Callable[[Draft, Section], None]] = {
    "options": _options,
    "arguments": _arguments,
    "consequences": _consequences,
    "status": read_status_section,
    "date": read_date_section,
    "links": _links,
    "kept": _kept,
    "context": _kept,
    "outcome": _kept,
}
