"""The Analysis tab's figures: well-formed SVG, every label present, nothing dropped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from briefgen.analysis import analyze
from briefgen.check.validate import load_option_set
from briefgen.render import figures
from briefgen.schema.option_set import OptionSet

REPO = Path(__file__).parent.parent
SVG = "{http://www.w3.org/2000/svg}"


def texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
    return [element.text or "" for element in root.iter(f"{SVG}text")]


def crowded() -> OptionSet:
    """20 stakeholders in one cell of the grid, 30 risks in one cell of the heat map."""
    return OptionSet.model_validate(
        {
            "id": "crowded",
            "title": "T",
            "date": "2008-12-08",
            "bluf": "B",
            "kind": "information",
            "stakeholders": [
                {"id": f"s{i}", "name": f"Stakeholder {i}", "influence": 5, "salience": 5}
                for i in range(20)
            ],
            "options": [
                {
                    "id": f"o{i}",
                    "title": f"Option {i}",
                    "summary": "S",
                    "risks": [
                        {"title": f"Risk {i}.{j}", "likelihood": 5, "impact": 5} for j in range(3)
                    ],
                }
                for i in range(10)
            ],
        }
    )


def test_the_demo_figures_carry_their_numbers_and_names() -> None:
    memo = load_option_set(REPO / "options" / "post-2011-presence.yaml")
    analysis = analyze(memo)
    chart = texts(figures.score_support_chart(analysis))
    assert "3.50" in chart and "+8.4" in chart
    tornado = texts(figures.tornado_chart(analysis))
    assert "0.67" in tornado and tornado.count("robust") == 2
    assert "Acceptability in Iraqi politics" in tornado
    grid, key = figures.power_interest_grid(memo)
    assert {"Manage closely", "Keep satisfied", "Keep informed", "Monitor"} <= set(texts(grid))
    assert [item.label for item in key] == [s.name for s in memo.stakeholders]
    heat, risks = figures.risk_heat_map(memo)
    labels = " ".join(texts(heat))
    assert all(f"R{item.number}" in labels.split() for item in risks)
    assert len(risks) == sum(len(o.risks) for o in memo.options)


def test_a_crowded_cell_keeps_every_stakeholder_and_every_risk() -> None:
    memo = crowded()
    grid, key = figures.power_interest_grid(memo)
    numbers = [t for t in texts(grid) if t.isdigit()]
    assert sorted(int(n) for n in numbers if int(n) > 5) == list(range(6, 21))
    assert len(key) == 20
    heat, _ = figures.risk_heat_map(memo)
    shown = " ".join(texts(heat)).split()
    assert [f"R{n}" for n in range(1, 31)] == [w for w in shown if w.startswith("R")]
    root = ET.fromstring(grid)
    radii = [float(c.get("r", "0")) for c in root.iter(f"{SVG}circle")]
    assert min(radii) > 2  # still legible


def test_figures_use_only_grays() -> None:
    memo = load_option_set(REPO / "options" / "withdrawal-pace.yaml")
    analysis = analyze(memo)
    for svg in (
        figures.score_support_chart(analysis),
        figures.tornado_chart(analysis),
        figures.power_interest_grid(memo)[0],
        figures.risk_heat_map(memo)[0],
    ):
        for element in ET.fromstring(svg).iter():
            for attribute in ("fill", "stroke"):
                colour = element.get(attribute, "none")
                if colour.startswith("#"):
                    assert colour[1:3] == colour[3:5] == colour[5:7], colour
