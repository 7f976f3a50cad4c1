"""Decision analysis of an option set: how robust the ranking is, who backs each option,
where the risk sits. Computed from the option set as written; no I/O.

The definitions (see ``docs/analysis.md`` for their sources and a worked example):

* **weighted score** S_o = Σ_c w_c·s_oc / Σ_c w_c, for options scored on every criterion
  (the weighted sum of multi-criteria decision analysis); the **leader** has the highest
  S_o (ties: the earlier option in the file); **rank** orders the scored options so;
* **flip weight** of criterion c: with the other weights fixed, the weight x ≥ 0 of c at
  which another option o ties the leader L, x* = (A_L − A_o) / (s_oc − s_Lc), A being
  Σ w·s over the other criteria; the x* nearest to w_c, or none (robust);
* **support index** of o: 100 × Σ_k v_k·I_k·S_k / Σ_k 2·I_k·S_k over the stakeholders k
  with a known stance on o (v = −2 … +2, I influence, S salience), −100 … +100;
* **veto players** of o: stakeholders opposing it (oppose, strongly-oppose) with
  influence 4 or 5;
* **risk exposure** of o: its risks counted by band of likelihood × impact, and the
  highest score.

Entry point: :func:`analyze`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefgen.schema.option_set import Option, OptionSet
from briefgen.schema.vocabulary import RISK_BANDS, STANCE_VALUES

#: Influence from which an opponent can block an option (on the 1-5 scale).
VETO_INFLUENCE = 4
#: Band keys, in order, as in JSON output: low, medium, high, very-high.
BAND_KEYS = tuple(band.lower().replace(" ", "-") for _, band in RISK_BANDS)


@dataclass(frozen=True)
class RiskExposure:
    """An option's risks: how many, in which bands, and the worst.

    Attributes:
        count: number of risks.
        max_score: highest likelihood × impact (1-25), None without risks.
        by_band: band key (``low``, ``medium``, ``high``, ``very-high``) -> count.
    """

    count: int
    max_score: int | None
    by_band: dict[str, int]


@dataclass(frozen=True)
class OptionAnalysis:
    """The analysis of one option.

    Attributes:
        id: the option's id.
        title: its title.
        weighted_score: S_o on the 1-5 scale, None unless scored on every criterion.
        rank: 1 for the leader, None when unscored.
        support_index: −100 … +100, None when no stance is known.
        veto_players: ids of the stakeholders who could block it, in file order.
        risks: its risk exposure.
    """

    id: str
    title: str
    weighted_score: float | None
    rank: int | None
    support_index: float | None
    veto_players: tuple[str, ...]
    risks: RiskExposure


@dataclass(frozen=True)
class Sensitivity:
    """How far one criterion's weight may move before the leader changes.

    Attributes:
        criterion: the criterion's id.
        name: its name.
        weight: its weight as written.
        flip_weight: the weight at which another option ties the leader, nearest to
            ``weight``; None when no weight (≥ 0) changes the leader (robust).
        new_leader: the option that ties the leader there, or None.
    """

    criterion: str
    name: str
    weight: float
    flip_weight: float | None
    new_leader: str | None

    @property
    def robust(self) -> bool:
        """True when no weight of this criterion changes the leader."""
        return self.flip_weight is None


@dataclass(frozen=True)
class Analysis:
    """The analysis of one option set.

    Attributes:
        option_set: its id.
        leader: the id of the option with the highest weighted score, or None.
        recommended: the id of the recommended option, or None.
        options: one :class:`OptionAnalysis` per option, in file order.
        sensitivity: one :class:`Sensitivity` per criterion, in file order (empty
            without a leader and a second scored option).
    """

    option_set: str
    leader: str | None
    recommended: str | None
    options: tuple[OptionAnalysis, ...]
    sensitivity: tuple[Sensitivity, ...] = field(default=())

    @property
    def recommendation_departs(self) -> bool:
        """True when an option is recommended that is not the leader."""
        return None not in (self.leader, self.recommended) and self.leader != self.recommended

    def option(self, option_id: str) -> OptionAnalysis:
        """The analysis of option ``option_id``.

        Raises:
            KeyError: no such option.
        """
        for item in self.options:
            if item.id == option_id:
                return item
        raise KeyError(option_id)


def weighted_score(memo: OptionSet, option: Option) -> float | None:
    """S_o on the 1-5 scale, or None unless ``option`` is scored on every criterion
    (and there is at least one)."""
    if not memo.criteria or any(c.id not in option.scores for c in memo.criteria):
        return None
    total = sum(c.weight for c in memo.criteria)
    return sum(c.weight * option.scores[c.id] for c in memo.criteria) / total


def support_index(memo: OptionSet, option: Option) -> float | None:
    """100 × Σ v·I·S / Σ 2·I·S over the stakeholders with a known stance on ``option``."""
    holders = {s.id: s for s in memo.stakeholders}
    numerator = denominator = 0.0
    for holder_id, position in option.positions.items():
        value = STANCE_VALUES.get(position.stance)
        if value is None or holder_id not in holders:
            continue
        weight = holders[holder_id].influence * holders[holder_id].salience
        numerator += value * weight
        denominator += 2 * weight
    return 100 * numerator / denominator if denominator else None


def veto_players(memo: OptionSet, option: Option) -> tuple[str, ...]:
    """Ids of the stakeholders opposing ``option`` with influence 4 or 5, in file order."""
    return tuple(
        holder.id
        for holder in memo.stakeholders
        if holder.id in option.positions
        and STANCE_VALUES.get(option.positions[holder.id].stance, 0) < 0
        and holder.influence >= VETO_INFLUENCE
    )


def risk_exposure(option: Option) -> RiskExposure:
    """Count ``option``'s risks by band (see :data:`briefgen.schema.vocabulary.RISK_BANDS`)."""
    by_band = dict.fromkeys(BAND_KEYS, 0)
    for risk in option.risks:
        key = next(
            k for (upper, _), k in zip(RISK_BANDS, BAND_KEYS, strict=True) if risk.score <= upper
        )
        by_band[key] += 1
    scores = [risk.score for risk in option.risks]
    return RiskExposure(len(scores), max(scores, default=None), by_band)


def analyze(memo: OptionSet) -> Analysis:
    """Analyse an option set (the definitions are in this module's docstring).

    Args:
        memo: a valid option set.

    Returns:
        The :class:`Analysis`; numbers are unrounded floats.
    """
    scores = {o.id: weighted_score(memo, o) for o in memo.options}
    order = [o.id for o in memo.options if scores[o.id] is not None]
    # sorted() is stable: equal scores keep file order, as the definition says.
    ranked = sorted(order, key=lambda oid: -(scores[oid] or 0.0))
    ranks = {oid: number for number, oid in enumerate(ranked, 1)}
    leader = ranked[0] if ranked else None
    options = tuple(
        OptionAnalysis(
            o.id,
            o.title,
            scores[o.id],
            ranks.get(o.id),
            support_index(memo, o),
            veto_players(memo, o),
            risk_exposure(o),
        )
        for o in memo.options
    )
    recommended = memo.recommendation.option if memo.recommendation else None
    sensitivity = _sensitivity(memo, leader, order) if leader and len(order) > 1 else ()
    return Analysis(memo.id, leader, recommended, options, sensitivity)


def _sensitivity(memo: OptionSet, leader: str, scored: list[str]) -> tuple[Sensitivity, ...]:
    by_id = {o.id: o for o in memo.options}
    result = []
    for criterion in memo.criteria:

        def rest(option_id: str, skip: str = criterion.id) -> float:
            option = by_id[option_id]
            return sum(c.weight * option.scores[c.id] for c in memo.criteria if c.id != skip)

        s_leader = by_id[leader].scores[criterion.id]
        best: tuple[float, float, str] | None = None  # (distance, x*, option)
        for other in scored:
            s_other = by_id[other].scores[criterion.id]
            if other == leader or s_other == s_leader:
                continue
            # + 0.0 turns a tie at -0.0 (numerator 0) into 0.0.
            tie = (rest(leader) - rest(other)) / (s_other - s_leader) + 0.0
            if tie < 0:
                continue
            candidate = (abs(tie - criterion.weight), tie, other)
            if best is None or candidate[0] < best[0]:
                best = candidate
        flip, new = (best[1], best[2]) if best else (None, None)
        result.append(Sensitivity(criterion.id, criterion.name, criterion.weight, flip, new))
    return tuple(result)
