"""The memo as a Word file, for offices that clear in Word (tracked changes).

The same content as the HTML memo, in Word's own structures, so the navigation pane,
list numbering and table repetition work: headings in ``Heading 1``-``Heading 3``, bullet
lists in ``List Bullet``, the options at a glance, stakeholders, risks, positions and
clearances as Word tables whose header row repeats on each page, the marking in every
page header and footer. An office template (``--docx-template``) gives the styles; its
body is cleared.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import docx

from briefgen.analysis import analyze
from briefgen.render.context import long_date
from briefgen.render.inputs import current
from briefgen.render.word import (
    add_inline,
    add_markdown,
    add_table,
    clear_body,
    mark_pages,
    package_bytes,
    style,
)
from briefgen.schema.option_set import Option, OptionSet

#: The decision lines under an action memo's recommendation.
DECISION_LINES = ("Approve", "Disapprove", "Let's discuss")
#: The key printed under the options at a glance (as in the HTML memo).
STANCE_KEY = (
    "Stances: ++ strongly support, + support, 0 neutral, − oppose, −− strongly oppose, "
    "? unknown, — not stated. Criteria scored 1–5, higher is better."
)


def memo_to_docx(
    option_set: OptionSet,
    context: dict[str, Any],
    *,
    created: datetime,
    template: Path | None = None,
) -> bytes:
    """Write one memo as a ``.docx`` file.

    Args:
        option_set: the validated option set.
        context: the memo templates' variables (see
            :func:`briefgen.render.memo_variables`): stamp, stance and risk words.
        created: the source date, recorded as the document's creation time.
        template: an office ``.docx`` whose styles, page size and margins are used; it
            is noted as read (:mod:`briefgen.render.inputs`).

    Returns:
        The ``.docx`` bytes, equal for equal inputs.

    Raises:
        OSError: the template cannot be read. A file that is not a Word document
            raises python-docx's own error (the render then fails with its message).
    """
    reads = current()
    if template is not None and reads is not None:
        reads.file(template)
    document = docx.Document(str(template) if template else None)
    if template is not None:
        clear_body(document)
    _properties(document, option_set, created)
    if option_set.marking:
        mark_pages(document, option_set.marking)
    _header_block(document, option_set, context)
    _heading(document, "Bottom Line Up Front")
    add_markdown(document, option_set.bluf)
    for title, text in (
        ("Issue for Decision" if context["is_decision"] else "Issue", option_set.question),
        ("Background", option_set.background),
    ):
        if text:
            _heading(document, title)
            add_markdown(document, text)
    if option_set.options:
        _at_a_glance(document, option_set, context)
    if option_set.stakeholders:
        _stakeholders(document, option_set, context)
    if option_set.options:
        _heading(document, "Options")
        for number, option in enumerate(option_set.options, 1):
            _option(document, number, option, context)
    _recommendation(document, option_set, context)
    _clearances(document, option_set, context)
    _sources(document, option_set)
    return package_bytes(document)


def _heading(document: Any, text: str, level: int = 1) -> None:
    document.add_heading(text, level=level)


def _properties(document: Any, option_set: OptionSet, created: datetime) -> None:
    core = document.core_properties
    core.title = option_set.title
    core.subject = option_set.title
    core.author = option_set.from_ or ""
    core.keywords = ", ".join(option_set.tags)
    core.last_modified_by = "briefgen"
    core.created = core.modified = created.replace(tzinfo=None)
    core.revision = 1


def _header_block(document: Any, option_set: OptionSet, context: dict[str, Any]) -> None:
    document.add_heading(context["kind_label"], level=0)
    lines = [
        ("TO", option_set.to),
        ("THROUGH", "; ".join(option_set.through) or None),
        ("FROM", option_set.from_),
        ("DATE", long_date(option_set.date)),
        ("SUBJECT", option_set.title),
        ("DECISION BY", long_date(option_set.decide_by) if option_set.decide_by else None),
        ("STATUS", context["words"](option_set.status)),
        ("VERSION", context.get("stamp")),
    ]
    for label, value in lines:
        if value:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{label}:\t").bold = True
            paragraph.add_run(str(value)).bold = label == "SUBJECT" or None
    if context.get("uncommitted"):
        warning = document.add_paragraph()
        warning.add_run("UNCOMMITTED CHANGES").bold = True
        warning.add_run(f": this memo matches no commit: {context.get('stamp', '')}")


def _title(number: int, option: Option, context: dict[str, Any]) -> str:
    recommended = context["recommended"]
    tail = " (recommended)" if recommended is not None and recommended.id == option.id else ""
    return f"Option {number}: {option.title}{tail}"


def _at_a_glance(document: Any, option_set: OptionSet, context: dict[str, Any]) -> None:
    _heading(document, "Options at a Glance")
    stance: Callable[[str], Any] = context["stance"]
    scores = {o.id: o.weighted_score for o in analyze(option_set).options}
    header = ["", *(_title(n, o, context) for n, o in enumerate(option_set.options, 1))]
    rows: list[list[str]] = []
    for holder in option_set.stakeholders:
        cells = [
            str(stance(o.positions[holder.id].stance)) if holder.id in o.positions else "—"
            for o in option_set.options
        ]
        rows.append([holder.name, *cells])
    for criterion in option_set.criteria:
        cells = [str(o.scores.get(criterion.id, "—")) for o in option_set.options]
        rows.append([f"{criterion.name} (×{criterion.weight:g})", *cells])
    if option_set.criteria:
        totals = [_score(scores[o.id]) for o in option_set.options]
        rows.append(["**Weighted score**", *(f"**{total}**" for total in totals)])
    add_table(document, header, _plain_rows(rows, first=True))
    document.add_paragraph(STANCE_KEY)
    for criterion in option_set.criteria:
        if criterion.description:
            item = document.add_paragraph(style=style(document, "List Bullet"))
            item.add_run(criterion.name).bold = True
            item.add_run(f" (weight {criterion.weight:g}): ")
            add_inline(item, criterion.description)


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _plain_rows(rows: list[list[str]], *, first: bool) -> list[list[str]]:
    """Escape plain text (names, not Markdown) so that the cells print it as typed."""
    escaped = []
    for row in rows:
        head = row[0] if row[0].startswith("**") or not first else _escaped(row[0])
        escaped.append([head, *row[1:]])
    return escaped


def _escaped(text: str) -> str:
    return "".join(f"\\{c}" if c in "\\`*_{}[]<>()#+-.!|~" else c for c in text)


def _stakeholders(document: Any, option_set: OptionSet, context: dict[str, Any]) -> None:
    _heading(document, "Stakeholders")
    quadrant = context["quadrant"]
    rows = [
        [
            f"**{_escaped(h.name)}**" + (f"\n\n{h.description}" if h.description else ""),
            _escaped(h.group or ""),
            str(h.influence),
            str(h.salience),
            _escaped(str(quadrant(h.influence, h.salience))),
        ]
        for h in option_set.stakeholders
    ]
    add_table(document, ["Stakeholder", "Group", "Influence", "Salience", "Approach"], rows)


def _option(document: Any, number: int, option: Option, context: dict[str, Any]) -> None:
    _heading(document, _title(number, option, context), level=2)
    add_markdown(document, option.summary)
    if option.description:
        add_markdown(document, option.description)
    cite = context["cite"]
    for label, points in (("Pros", option.pros), ("Cons", option.cons)):
        if points:
            _heading(document, label, level=3)
            for point in points:
                item = document.add_paragraph(style=style(document, "List Bullet"))
                add_inline(item, point.text)
                if point.sources:
                    item.add_run(f" {cite(point.sources)}")
    if option.risks:
        _heading(document, "Risks", level=3)
        _risks(document, option, context)
    if option.positions:
        _heading(document, "Positions", level=3)
        holders = context["stakeholder_by_id"]
        rows = [
            [
                _escaped(holders[holder_id].name),
                _escaped(str(context["stance"](position.stance))),
                (position.note or "") + (f" {cite(position.sources)}" if position.sources else ""),
            ]
            for holder_id, position in option.positions.items()
        ]
        add_table(document, ["Stakeholder", "Stance", "Note"], rows)
    for label, text in (("Cost", option.cost), ("Timeline", option.timeline)):
        if text:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            add_inline(paragraph, text)


def _risks(document: Any, option: Option, context: dict[str, Any]) -> None:
    cite = context["cite"]
    rows = []
    for risk in option.risks:
        mitigation = risk.mitigation or "—"
        if risk.contingency:
            mitigation += f"\n\n*If it happens:* {risk.contingency}"
        rows.append(
            [
                _escaped(risk.title) + (f" {cite(risk.sources)}" if risk.sources else ""),
                f"{context['likelihood_words'](risk.likelihood)} ({risk.likelihood})",
                f"{context['impact_words'](risk.impact)} ({risk.impact})",
                f"{risk.score} ({context['risk_band'](risk.score)})",
                mitigation,
                _escaped(risk.owner or "—"),
            ]
        )
    header = ["Risk", "Likelihood", "Impact", "Score", "Mitigation", "Owner"]
    add_table(document, header, rows)


def _recommendation(document: Any, option_set: OptionSet, context: dict[str, Any]) -> None:
    recommended = context["recommended"]
    if option_set.recommendation is None or recommended is None:
        return
    _heading(document, "Recommendation")
    number = [o.id for o in option_set.options].index(recommended.id) + 1
    document.add_paragraph().add_run(
        f"That you approve Option {number}: {recommended.title}."
    ).bold = True
    if option_set.recommendation.rationale:
        add_markdown(document, option_set.recommendation.rationale)
    if context["is_decision"]:
        document.add_paragraph("    ".join(f"{line} __________" for line in DECISION_LINES))


def _clearances(document: Any, option_set: OptionSet, context: dict[str, Any]) -> None:
    _heading(document, "Clearances")
    if option_set.drafted_by:
        paragraph = document.add_paragraph()
        paragraph.add_run("Drafted by: ").bold = True
        paragraph.add_run(option_set.drafted_by)
    if not option_set.clearances:
        document.add_paragraph("No clearances recorded.")
        return
    rows = [
        [_escaped(c.office), _escaped(c.name or ""), context["words"](c.status)]
        for c in option_set.clearances
    ]
    add_table(document, ["Office", "Name", "Status"], rows)


def _sources(document: Any, option_set: OptionSet) -> None:
    if not option_set.sources:
        return
    _heading(document, "Sources")
    for source in option_set.sources:
        paragraph = document.add_paragraph(style=style(document, "List Number"))
        if source.author:
            paragraph.add_run(f"{source.author}. ")
        paragraph.add_run(source.title).italic = True
        tail = f". {source.publisher}" if source.publisher else ""
        tail += f", {source.date}" if source.date else ""
        paragraph.add_run(f"{tail}." + (f" {source.url}" if source.url else ""))
