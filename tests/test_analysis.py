"""Decision analysis: every number checked against a hand computation from the definitions."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.analysis import analyze
from briefgen.cli import cli
from briefgen.schema.option_set import OptionSet

STANCE = {"strongly-support": 2, "support": 1, "neutral": 0, "oppose": -1, "strongly-oppose": -2}


def option_set(
    criteria: list[tuple[str, float]], options: list[dict[str, Any]], **extra: Any
) -> OptionSet:
    return OptionSet.model_validate(
        {
            "id": "t",
            "title": "T",
            "date": "2008-12-08",
            "bluf": "B",
            "question": "Q?",
            "criteria": [{"id": c, "name": c.title(), "weight": w} for c, w in criteria],
            "options": [{"title": o["id"].title(), "summary": "S", **o} for o in options],
            **extra,
        }
    )


def test_a_worked_example_by_hand() -> None:
    # Weights: security 3, cost 1.  Scores (security, cost):  a (4, 2), b (3, 5), c (2, 2).
    # S_a = (12 + 2) / 4 = 3.5;  S_b = (9 + 5) / 4 = 3.5;  S_c = (6 + 2) / 4 = 2.0.
    # a and b tie: the earlier option, a, leads; ranks a 1, b 2, c 3.
    # Flip weight of security (w = 3): A over the other criterion (cost, w 1): A_a = 2,
    # A_b = 5, A_c = 2.  b ties a at x* = (2 - 5) / (3 - 4) = 3 (the current weight: they
    # tie now); c at x* = (2 - 2) / (2 - 4) = 0.  Nearest to 3 is 3: new leader b.
    # Flip weight of cost (w = 1): A = security: A_a = 12, A_b = 9, A_c = 6.  b ties a at
    # x* = (12 - 9) / (5 - 2) = 1; c has s_c = s_a = 2: no tie.  Flip 1, new leader b.
    memo = option_set(
        [("security", 3), ("cost", 1)],
        [
            {"id": "a", "scores": {"security": 4, "cost": 2}},
            {"id": "b", "scores": {"security": 3, "cost": 5}},
            {"id": "c", "scores": {"security": 2, "cost": 2}},
        ],
    )
    analysis = analyze(memo)
    assert analysis.leader == "a"
    assert [(o.id, o.weighted_score, o.rank) for o in analysis.options] == [
        ("a", 3.5, 1),
        ("b", 3.5, 2),
        ("c", 2.0, 3),
    ]
    assert [(s.criterion, s.flip_weight, s.new_leader) for s in analysis.sensitivity] == [
        ("security", 3.0, "b"),
        ("cost", 1.0, "b"),
    ]


def test_support_index_veto_players_and_risk_bands_by_hand() -> None:
    # Stakeholders (influence, salience): us (5, 5), iraq (4, 2), iran (2, 5), un (3, 3).
    # On option a: us support (+1), iraq strongly-oppose (-2), iran unknown (left out),
    # un has no position (left out).
    # index = 100 * (1*25 + -2*8) / (2*25 + 2*8) = 100 * 9 / 66 = 13.64.
    memo = option_set(
        [],
        [
            {
                "id": "a",
                "positions": {"us": "support", "iraq": "strongly-oppose", "iran": "unknown"},
                "risks": [
                    {"title": "r1", "likelihood": 1, "impact": 4},  # 4 low
                    {"title": "r2", "likelihood": 3, "impact": 3},  # 9 medium
                    {"title": "r3", "likelihood": 2, "impact": 5},  # 10 high
                    {"title": "r4", "likelihood": 4, "impact": 4},  # 16 very high
                ],
            },
            {"id": "b", "positions": {"iran": "unknown"}},
        ],
        stakeholders=[
            {"id": "us", "name": "US", "influence": 5, "salience": 5},
            {"id": "iraq", "name": "Iraq", "influence": 4, "salience": 2},
            {"id": "iran", "name": "Iran", "influence": 2, "salience": 5},
            {"id": "un", "name": "UN", "influence": 3, "salience": 3},
        ],
    )
    a, b = analyze(memo).options
    assert round(a.support_index or 0, 2) == 13.64
    assert a.veto_players == ("iraq",)
    assert a.risks.by_band == {"low": 1, "medium": 1, "high": 1, "very-high": 1}
    assert (a.risks.count, a.risks.max_score) == (4, 16)
    assert b.support_index is None and b.risks.max_score is None
    assert a.weighted_score is None and analyze(memo).leader is None


def _expected(memo: OptionSet) -> dict[str, Any]:
    """The definitions, computed again with exact fractions, written independently."""
    weights = {c.id: Fraction(c.weight) for c in memo.criteria}
    scores = {}
    for o in memo.options:
        if weights and all(c in o.scores for c in weights):
            scores[o.id] = sum(weights[c] * o.scores[c] for c in weights) / sum(weights.values())
    order = [o.id for o in memo.options if o.id in scores]
    leader = None
    for oid in order:
        if leader is None or scores[oid] > scores[leader]:
            leader = oid
    flips = {}
    for c, w in weights.items():
        found: list[tuple[Fraction, int, str, Fraction]] = []
        if leader is not None and len(order) > 1:
            lead = next(o for o in memo.options if o.id == leader)
            for position, other in enumerate(order):
                o = next(x for x in memo.options if x.id == other)
                if other == leader or o.scores[c] == lead.scores[c]:
                    continue
                a_l = sum(weights[k] * lead.scores[k] for k in weights if k != c)
                a_o = sum(weights[k] * o.scores[k] for k in weights if k != c)
                x = (a_l - a_o) / (o.scores[c] - lead.scores[c])
                if x >= 0:
                    found.append((abs(x - w), position, other, x))
        best = min(found) if found else None
        flips[c] = (float(best[3]), best[2]) if best else (None, None)
    return {"scores": scores, "leader": leader, "flips": flips}


@settings(max_examples=150, deadline=None)
@given(
    weights=st.lists(st.integers(1, 6), min_size=1, max_size=5),
    grid=st.lists(st.lists(st.integers(1, 5), min_size=5, max_size=5), min_size=2, max_size=6),
)
def test_generated_option_sets_agree_with_the_definitions(
    weights: list[int], grid: list[list[int]]
) -> None:
    criteria = [(f"c{i}", float(w) / 2) for i, w in enumerate(weights)]
    options = [
        {"id": f"o{n}", "scores": {c: row[i] for i, (c, _) in enumerate(criteria)}}
        for n, row in enumerate(grid)
    ]
    memo = option_set(criteria, options)
    analysis, expected = analyze(memo), _expected(memo)
    assert analysis.leader == expected["leader"]
    for o in analysis.options:
        assert abs((o.weighted_score or 0) - float(expected["scores"][o.id])) < 1e-9
    for s in analysis.sensitivity:
        flip, new = expected["flips"][s.criterion]
        assert s.new_leader == new
        assert (s.flip_weight is None) == (flip is None)
        if flip is not None and s.flip_weight is not None:
            assert abs(s.flip_weight - flip) < 1e-9


def test_analyze_prints_the_json_the_issue_names(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["analyze", "--format", "json", "options/withdrawal-pace.yaml"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"option_set", "leader", "options", "sensitivity"} <= set(data)
    option = data["options"][0]
    assert {"id", "weighted_score", "rank", "support_index", "veto_players", "risks"} <= set(option)
    assert set(option["risks"]) == {"count", "max_score", "by_band"}
    assert set(option["risks"]["by_band"]) == {"low", "medium", "high", "very-high"}
    assert {"criterion", "weight", "flip_weight", "new_leader"} == set(data["sensitivity"][0])
    several = CliRunner().invoke(cli, ["analyze", "--format", "json", "options"])
    assert isinstance(json.loads(several.output), list)
