"""What the memo templates see: the option set plus the memo's derived facts and filters.

Templates receive the validated :class:`~briefgen.schema.option_set.OptionSet` as ``memo`` (field
names as in the YAML) and the helpers below, so a user who edits a template works with
the same names as in the option set.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from briefgen._version import __version__
from briefgen.analysis import analyze, weighted_score
from briefgen.analysis.report import departure_sentence, flip_sentence, number
from briefgen.markdown.html import markdown_inline, markdown_to_html
from briefgen.markdown.text import (
    escape_markdown,
    markdown_block,
    markdown_cell,
    markdown_source,
    markdown_url,
)
from briefgen.render.figures import Figures
from briefgen.render.layout import (
    is_wide,
    memo_tabs,
    shorten,
    subject_chars,
    summary_brief,
    support,
    tall_row,
)
from briefgen.schema.option_set import Option, OptionSet, Position, Risk, Stakeholder
from briefgen.schema.settings import WorkspaceSettings
from briefgen.schema.vocabulary import (
    IMPACT,
    LIKELIHOOD,
    STANCES,
    level_words,
    quadrant,
    risk_band,
    words,
)


@dataclass(frozen=True)
class StanceView:
    """A stance as printed: grayscale-legible symbol plus the reader's words."""

    token: str
    symbol: str
    words: str

    def __str__(self) -> str:
        return f"{self.symbol} {self.words}"


def stance(token: str) -> StanceView:
    """Return the printed form of a stance token (``support`` -> ``+ Support``)."""
    symbol, label = STANCES[token]
    return StanceView(token, symbol, label)


def long_date(value: date) -> str:
    """Format a date the way memos print it: ``December 8, 2008``."""
    return f"{value:%B} {value.day}, {value.year}"


def _risk_numbers(memo: OptionSet) -> dict[str, list[int]]:
    """Option id -> the numbers (R1, R2, ... across options, in file order) of its risks,
    as the heat map numbers them."""
    numbers: dict[str, list[int]] = {}
    counter = 0
    for option in memo.options:
        numbers[option.id] = list(range(counter + 1, counter + 1 + len(option.risks)))
        counter += len(option.risks)
    return numbers


def risk_register(memo: OptionSet) -> list[tuple[int, Option, Risk]]:
    """Every risk of every option with its option's number (1-based), highest score
    first (ties in the order written), as a risk register lists them."""
    rows = [
        (number, option, risk)
        for number, option in enumerate(memo.options, 1)
        for risk in option.risks
    ]
    return sorted(rows, key=lambda row: -row[2].score)


#: The order stances are listed in under an option: for, neutral, against, unknown.
STANCE_ORDER = ("strongly-support", "support", "neutral", "oppose", "strongly-oppose", "unknown")


def stance_groups(
    memo: OptionSet, option: Option
) -> list[tuple[StanceView, list[tuple[Stakeholder, Position]]]]:
    """An option's positions grouped by stance, each stance once, stakeholders in the
    register's order."""
    holders = [(h, option.positions[h.id]) for h in memo.stakeholders if h.id in option.positions]
    return [
        (stance(token), group)
        for token in STANCE_ORDER
        if (group := [(h, p) for h, p in holders if p.stance == token])
    ]


def memo_context(
    memo: OptionSet, settings: WorkspaceSettings | None = None, **extra: Any
) -> dict[str, Any]:
    """Build the variables every memo template receives.

    Args:
        memo: the validated option set.
        settings: the workspace's settings (paper, font size, tab labels); default
            :class:`WorkspaceSettings` (letter, 12 pt, "Tab 1").
        extra: further variables (``css``, ``stamp``, ``id_prefix``...) passed on unchanged.

    Returns:
        A mapping of template variable names to values. Besides ``memo`` and the
        helpers: ``settings``; ``tabs`` (the :class:`~briefgen.render.layout.Tab` list,
        in order) and ``tab_by_key``; ``principal`` (``to`` in capitals, for "ACTION MEMO
        FOR ..."); ``running_subject`` (the title shortened for the running head);
        ``wide`` (matrices on landscape pages); ``risk_register``; ``summary_brief``,
        ``support``, ``stance_groups`` and ``tall_row`` (see
        :mod:`briefgen.render.layout`).
    """
    settings = settings or WorkspaceSettings.model_validate({})
    assessment = analyze(memo)
    with_analysis = bool(extra.pop("with_analysis", True))
    tabs = memo_tabs(memo, settings, str(extra.get("id_prefix", "")), analysis=with_analysis)
    titles = {option.id: option.title for option in memo.options}
    numbers = {source.id: number for number, source in enumerate(memo.sources, 1)}

    def cite(source_ids: Iterable[str]) -> str:
        cited = sorted({numbers[s] for s in source_ids})
        return "[" + ", ".join(str(n) for n in cited) + "]" if cited else ""

    stakeholders = {s.id: s for s in memo.stakeholders}
    return {
        "memo": memo,
        "kind_label": "ACTION MEMO" if memo.kind == "decision" else "INFORMATION MEMO",
        "is_decision": memo.kind == "decision",
        "recommended": memo.recommended,
        "stakeholder_by_id": stakeholders,
        "cite": cite,
        "stance": stance,
        "likelihood_words": lambda level: level_words(LIKELIHOOD, level),
        "impact_words": lambda level: level_words(IMPACT, level),
        "risk_band": risk_band,
        "quadrant": quadrant,
        "words": words,
        "weighted_score": lambda option: weighted_score(memo, option),
        "analysis": assessment,
        "assessed": {item.id: item for item in assessment.options},
        "score_text": number,
        "flip_sentence": lambda item: flip_sentence(item, titles),
        "departure": departure_sentence(assessment) if assessment.recommendation_departs else "",
        "figures": Figures(memo, assessment),
        "heat_scores": [risk.score for option in memo.options for risk in option.risks],
        "risk_numbers": _risk_numbers(memo),
        "principal": (memo.to or "").upper(),
        "settings": settings,
        "tabs": tabs,
        "tab_by_key": {tab.key: tab for tab in tabs},
        "running_subject": shorten(memo.title, subject_chars(settings)),
        "summary_brief": lambda option: summary_brief(memo, option),
        "support": support,
        "wide": is_wide(memo),
        "risk_register": risk_register(memo),
        "stance_groups": lambda option: stance_groups(memo, option),
        "tall_row": lambda share, *texts: tall_row(settings, share, *texts),
        "version": __version__,
        **extra,
    }


#: Filters registered on the template environment.
FILTERS: dict[str, Callable[..., Any]] = {
    "markdown": markdown_to_html,
    "markdown_inline": markdown_inline,
    "md_escape": escape_markdown,
    "md_text": markdown_source,
    "md_block": markdown_block,
    "md_cell": markdown_cell,
    "md_url": markdown_url,
    "long_date": long_date,
}
