"""Content checks on a valid option set: warnings, errors only under ``--strict``.

Two families, both located in the file:

* memo quality: an option with no cons or no risks, a stakeholder with no position, a
  source never cited, a decision without a rationale, a BLUF over four printed lines, a
  serious risk (score 15 or more) without mitigation, an option not scored on every
  criterion;
* consistency: STATUS cleared while an office has not cleared, a decision needed
  before the memo's own date;
* what rendering will drop or refuse in Markdown fields: raw HTML (shown as text), links
  to other schemes than http, https and mailto (removed), images from the network or
  from outside the workspace (not fetched).
"""

from __future__ import annotations

import dataclasses
import re
import textwrap
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from briefgen.analysis import analyze
from briefgen.analysis.report import number as score_text
from briefgen.errors import Diagnostic
from briefgen.load.document import Document, FieldPath
from briefgen.markdown.policy import judge_image, link_allowed
from briefgen.markdown.scan import outline
from briefgen.messages import describe
from briefgen.schema.introspect import markdown_values
from briefgen.schema.option_set import OptionSet
from briefgen.schema.settings import WorkspaceSettings

#: The most printed lines a BLUF should take (action-memo practice: "a bottom line of at
#: most about four lines", State Department Executive Secretariat).
BLUF_LINES = 4
#: Width of the text inside the BLUF box (memo.css: the text width less its padding and
#: rule), in points, and the average advance of the body face (DejaVu Serif Condensed,
#: fitted to the demo memos' BLUFs as printed), in em.
BLUF_MEASURE_PT = {"letter": 454.0, "a4": 437.0}
BODY_EM = 0.45
_MARKUP = re.compile(r"\]\([^)]*\)|[*_`\[\]]")
#: Risk score (likelihood x impact) from which a mitigation is expected: the "high" band.
SERIOUS_RISK = 15


def lint_option_set(
    document: Document,
    option_set: OptionSet,
    allowed_roots: Sequence[Path] = (),
    allow_remote: bool = False,
    settings: WorkspaceSettings | None = None,
) -> list[Diagnostic]:
    """Return the warnings for one valid option set.

    Args:
        document: the loaded file (for positions).
        option_set: the same file, validated.
        allowed_roots: folders images may come from (the workspace, the option set's
            folder); empty to skip the image checks.
        allow_remote: ``https`` images will be fetched, so they are not reported.
        settings: the workspace's paper and font size, which set how many characters
            a printed line holds (default: letter, 12 pt).

    Returns:
        Issues with ``severity="warning"``, in file order.
    """
    found = [
        *_quality(option_set, settings or WorkspaceSettings.model_validate({})),
        *_consistency(option_set),
        *_dropped(document, allowed_roots, allow_remote),
    ]
    warnings = [_warning(document, loc, kind, context) for loc, kind, context in found]
    return sorted([*document.warnings, *warnings])


def _warning(document: Document, loc: FieldPath, kind: str, context: dict[str, Any]) -> Diagnostic:
    """A located warning; text inside a Markdown block points at its own line."""
    issue = document.issue(loc, *describe(kind, context), severity="warning")
    needle = str(context.get("needle") or context.get("tag", "").rstrip(">"))
    nth = int(context.get("nth", 1))
    line, column = document.locate_text(loc, needle, nth) if needle else (issue.line, issue.column)
    return dataclasses.replace(issue, line=line, column=column)


Finding = tuple[FieldPath, str, dict[str, Any]]


def _quality(memo: OptionSet, settings: WorkspaceSettings) -> Iterator[Finding]:
    cited = {
        s
        for o in memo.options
        for group in (o.pros, o.cons, o.risks)
        for item in group
        for s in item.sources
    }
    cited |= {s for o in memo.options for p in o.positions.values() for s in p.sources}
    positioned = {holder for o in memo.options for holder in o.positions}
    criteria = [c.id for c in memo.criteria]
    for index, option in enumerate(memo.options):
        loc: FieldPath = ("options", index)
        if not option.cons:
            yield loc, "no_cons", {"title": option.title}
        if not option.risks:
            yield loc, "no_risks", {"title": option.title}
        unscored = [c for c in criteria if c not in option.scores]
        if unscored:
            yield loc, "unscored", {"title": option.title, "criteria": ", ".join(unscored)}
        for number, risk in enumerate(option.risks):
            if risk.score >= SERIOUS_RISK and not risk.mitigation:
                yield (
                    (*loc, "risks", number),
                    "unmitigated_risk",
                    {"title": risk.title, "score": risk.score},
                )
    for index, holder in enumerate(memo.stakeholders):
        if holder.id not in positioned:
            yield ("stakeholders", index), "no_position", {"name": holder.name}
    for index, source in enumerate(memo.sources):
        if source.id not in cited:
            yield ("sources", index), "uncited_source", {"id": source.id}
    if memo.kind == "decision" and not (memo.recommendation and memo.recommendation.rationale):
        yield ("recommendation",), "no_rationale", {}
    yield from _departure(memo)
    per_line = int(BLUF_MEASURE_PT[settings.paper] / (BODY_EM * settings.font_size))
    lines = printed_lines(memo.bluf, per_line)
    if lines > BLUF_LINES:
        context = {"lines": lines, "limit": BLUF_LINES, "chars": BLUF_LINES * per_line}
        yield ("bluf",), "bluf_lines", context


def printed_lines(markdown: str, per_line: int) -> int:
    """Estimate the lines a Markdown field prints in: its words without Markdown's
    emphasis, code and link markers, each paragraph wrapped greedily at ``per_line``
    characters (an estimate: the face's letters differ in width)."""
    paragraphs = re.split(r"\n\s*\n", _MARKUP.sub("", markdown))
    return sum(len(textwrap.wrap(" ".join(p.split()), per_line)) for p in paragraphs)


def _consistency(memo: OptionSet) -> Iterator[Finding]:
    """Facts of the header block that contradict each other."""
    waiting = [c.office for c in memo.clearances if c.status != "cleared"]
    if memo.status == "cleared" and waiting:
        offices = " and ".join(
            [", ".join(waiting[:-1]), waiting[-1]] if len(waiting) > 1 else waiting
        )
        yield (
            ("status",),
            "status_cleared",
            {"offices": offices, "have": "have" if len(waiting) > 1 else "has"},
        )
    if memo.decide_by is not None and memo.decide_by < memo.date:
        context = {"decide_by": memo.decide_by.isoformat(), "date": memo.date.isoformat()}
        yield ("decide_by",), "decide_by_early", context


def _dropped(
    document: Document, allowed_roots: Sequence[Path], allow_remote: bool
) -> Iterator[Finding]:
    for loc, text in markdown_values(document.data):
        found = outline(text)
        for tag in dict.fromkeys(found.tags):
            yield loc, "raw_html", {"tag": tag + ">" if not tag.startswith("<!") else tag}
        seen: dict[str, int] = {}
        for target in found.links:
            if not link_allowed(target):
                yield loc, "link_removed", _where(target, found.written, seen)
        if allowed_roots:
            for source in found.images:
                verdict = judge_image(
                    source,
                    folder=document.path.parent,
                    roots=allowed_roots,
                    allow_remote=allow_remote,
                )
                if verdict.problem:
                    yield loc, verdict.problem, _where(source, found.written, seen)


def _where(target: str, written: dict[str, str], seen: dict[str, int]) -> dict[str, Any]:
    """The message context of a target: its decoded form, and which spelling (and which
    occurrence of it) to look for in the file."""
    raw = written.get(target, target)
    seen[raw] = seen.get(raw, 0) + 1
    return {"url": target, "needle": raw, "nth": seen[raw]}


def image_sources(option_set: OptionSet) -> list[str]:
    """Every image source the option set's Markdown fields name, decoded, in order."""
    data = option_set.model_dump(by_alias=True, mode="json")
    return [source for _, text in markdown_values(data) for source in outline(text).images]


def _departure(memo: OptionSet) -> Iterator[Finding]:
    """The recommended option is not the one the weighted criteria put first."""
    analysis = analyze(memo)
    if analysis.recommendation_departs and analysis.recommended and analysis.leader:
        chosen, leader = analysis.option(analysis.recommended), analysis.option(analysis.leader)
        context = {
            "title": chosen.title,
            "score": score_text(chosen.weighted_score),
            "leader": leader.title,
            "leader_score": score_text(leader.weighted_score),
        }
        yield ("recommendation", "option"), "not_leader", context
