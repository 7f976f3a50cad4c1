"""An analysis written out: JSON for tools, text for a terminal, Markdown for a review."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from briefgen.analysis import Analysis, Sensitivity
from briefgen.markdown.text import escape_markdown


def as_data(analysis: Analysis) -> dict[str, Any]:
    """The analysis as JSON-ready data (the shape ``briefgen analyze --format json`` prints).

    Returns:
        ``{"option_set", "leader", "recommended", "options": [...], "sensitivity": [...]}``;
        numbers unrounded, absent values None.
    """
    return {
        "option_set": analysis.option_set,
        "leader": analysis.leader,
        "recommended": analysis.recommended,
        "options": [
            {
                "id": o.id,
                "weighted_score": o.weighted_score,
                "rank": o.rank,
                "support_index": o.support_index,
                "veto_players": list(o.veto_players),
                "risks": {
                    "count": o.risks.count,
                    "max_score": o.risks.max_score,
                    "by_band": dict(o.risks.by_band),
                },
            }
            for o in analysis.options
        ],
        "sensitivity": [
            {
                "criterion": s.criterion,
                "weight": s.weight,
                "flip_weight": s.flip_weight,
                "new_leader": s.new_leader,
            }
            for s in analysis.sensitivity
        ],
    }


def format_json(analyses: Sequence[Analysis]) -> str:
    """One JSON object for one option set, a list of them for several."""
    data = [as_data(a) for a in analyses]
    return json.dumps(data[0] if len(data) == 1 else data, indent=2, ensure_ascii=False) + "\n"


def number(value: float | None, digits: int = 2) -> str:
    """A number as the memo prints it (``3.40``, ``-12``), or an em dash for none."""
    return "\u2014" if value is None else f"{value:.{digits}f}"


def flip_sentence(item: Sensitivity, titles: dict[str, str]) -> str:
    """``Security (×3): the leader changes to "Option 2" if its weight falls to 1.40``,
    or ``...: robust``."""
    lead = f"{item.name} (\u00d7{item.weight:g})"
    if item.flip_weight is None or item.new_leader is None:
        return f"{lead}: robust (no weight changes the leader)"
    move = "falls" if item.flip_weight < item.weight else "rises"
    title = titles.get(item.new_leader, item.new_leader)
    to = f"{item.flip_weight:.2f}"
    return f"{lead}: the leader changes to \u201c{title}\u201d if its weight {move} to {to}"


def _lines(analysis: Analysis) -> list[tuple[str, str, str, str, str, str]]:
    rows = []
    for o in analysis.options:
        rows.append(
            (
                o.title,
                number(o.weighted_score),
                str(o.rank) if o.rank else "\u2014",
                number(o.support_index, 0),
                ", ".join(o.veto_players) or "none",
                f"{o.risks.count} (max {o.risks.max_score})" if o.risks.count else "0",
            )
        )
    return rows


def format_text(analyses: Sequence[Analysis]) -> str:
    """A plain summary per option set: each option's numbers, then each flip weight."""
    out: list[str] = []
    for analysis in analyses:
        titles = {o.id: o.title for o in analysis.options}
        out.append(f"{analysis.option_set}: leader {titles.get(analysis.leader or '', 'none')}")
        for title, score, rank, support, veto, risks in _lines(analysis):
            out.append(
                f"  {title}: score {score}, rank {rank}, support {support}, "
                f"veto players {veto}, risks {risks}"
            )
        out.extend(f"  {flip_sentence(s, titles)}" for s in analysis.sensitivity)
        if analysis.recommendation_departs:
            out.append(f"  note: {departure_sentence(analysis)}")
    return "\n".join(out) + "\n"


def departure_sentence(analysis: Analysis) -> str:
    """The plain sentence that says the recommended option is not the leader."""
    rec, lead = analysis.option(analysis.recommended or ""), analysis.option(analysis.leader or "")
    return (
        f"The recommended option, \u201c{rec.title}\u201d, scores {number(rec.weighted_score)} "
        f"on the weighted criteria; \u201c{lead.title}\u201d scores higher "
        f"({number(lead.weighted_score)})."
    )


def format_markdown(analyses: Sequence[Analysis]) -> str:
    """Per option set a heading, a table of the options and a list of flip weights."""
    out: list[str] = []
    for analysis in analyses:
        titles = {o.id: o.title for o in analysis.options}
        out += [f"## {escape_markdown(analysis.option_set)}", ""]
        out += [
            "| Option | Weighted score | Rank | Support index | Veto players | Risks |",
            "|---|---:|---:|---:|---|---|",
        ]
        out += [
            "| " + " | ".join(escape_markdown(cell) for cell in row) + " |"
            for row in _lines(analysis)
        ]
        out.append("")
        out += [f"- {escape_markdown(flip_sentence(s, titles))}" for s in analysis.sensitivity]
        if analysis.recommendation_departs:
            out += ["", escape_markdown(departure_sentence(analysis))]
        out.append("")
    return "\n".join(out)


#: ``--format`` name -> formatter, for ``briefgen analyze``.
FORMATTERS: dict[str, Callable[[Sequence[Analysis]], str]] = {
    "text": format_text,
    "json": format_json,
    "markdown": format_markdown,
}
