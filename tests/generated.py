"""Option sets made to measure, for layout tests: any number of options, stakeholders
and criteria (up to the 10 x 20 x 8 the memo layout promises to hold), with the text that
breaks layouts: long names, a 250-word mitigation, a long URL, long unbroken words.

The text is written as JSON, which every YAML reader accepts.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

#: An unbroken word longer than any column it lands in.
LONG_WORD = "Counterterrorismcoordinationmechanismforthenorthernprovinces"
LONG_URL = (
    "https://example.org/reports/2008/status-of-forces/implementation/"
    "joint-military-operations-coordination-committee/annex-b-transition-schedule"
    "?section=withdrawal-from-cities&format=pdf&lang=en"
)
_WORDS = [
    "the",
    "transition",
    "schedule",
    "leaves",
    "security",
    "responsibility",
    "with",
    "Iraqi",
    "forces",
    "while",
    "reconstruction",
    "funds",
    "decline",
    "and",
    "the",
    "provincial",
    "councils",
    "contest",
    "the",
    "budget",
    "so",
    "that",
    "commanders",
    "ask",
    "for",
    "more",
    "time",
    "and",
    "the",
    "embassy",
    "presses",
    "for",
    "benchmarks",
    "that",
    "parliament",
    "can",
    "verify",
    "before",
    "the",
    "national",
    "elections",
    "in",
    "the",
    "coming",
    "year",
]


def _sentence(rng: random.Random, words: int) -> str:
    picked = [rng.choice(_WORDS) for _ in range(words)]
    return " ".join(picked).capitalize() + "."


def _text(rng: random.Random, words: int) -> str:
    sentences = []
    while words > 0:
        length = min(words, rng.randint(9, 18))
        sentences.append(_sentence(rng, length))
        words -= length
    return " ".join(sentences)


def option_set(options: int, stakeholders: int, criteria: int, seed: int = 1) -> dict[str, Any]:
    """An action-memo option set of the given size, as plain data.

    Option 1 carries a risk whose mitigation is 250 words long; stakeholder 2 has a long
    unbroken word in its name; one position note holds a long URL.
    """
    rng = random.Random(seed)
    holders = [
        {
            "id": f"holder-{i}",
            "name": (
                f"Office of the Deputy Assistant Secretary for Regional Security Affairs {i}"
                if i % 3 == 1
                else f"{LONG_WORD} cell {i}"
                if i == 2
                else f"Stakeholder {i} of the provincial council"
            ),
            "group": f"Group {i % 4}",
            "influence": 1 + i % 5,
            "salience": 1 + (i * 2) % 5,
            "description": _text(rng, 14),
        }
        for i in range(1, stakeholders + 1)
    ]
    scales = [
        {
            "id": f"criterion-{i}",
            "name": f"Criterion {i}: consistency with the agreement and its annexes"
            if i % 2
            else f"Criterion {i}: cost",
            "weight": 1 + i % 3,
            "description": _text(rng, 12),
        }
        for i in range(1, criteria + 1)
    ]
    stances = ["strongly-support", "support", "neutral", "oppose", "strongly-oppose", "unknown"]
    made = []
    for n in range(1, options + 1):
        risks = [
            {
                "title": f"Risk {n}.{k}: provincial violence rises as brigades leave the cities",
                "likelihood": 1 + (n + k) % 5,
                "impact": 1 + (n * k) % 5,
                "mitigation": _text(rng, 250 if (n, k) == (1, 1) else 20),
                "contingency": _text(rng, 10),
                "owner": f"Embassy section {k}",
            }
            for k in range(1, 3)
        ]
        positions: dict[str, Any] = {}
        for i, holder in enumerate(holders, 1):
            stance = stances[(n + i) % len(stances)]
            if (n + i) % 3 == 0:
                note = _text(rng, 12)
                if (n, i) == (1, 2):
                    note += f" See {LONG_URL} for the annex."
                positions[holder["id"]] = {"stance": stance, "note": note}
            else:
                positions[holder["id"]] = stance
        made.append(
            {
                "id": f"option-{n}",
                "title": f"Option title {n}: hand over the {rng.choice(_WORDS)} "
                "responsibility on a fixed schedule",
                "summary": _text(rng, 35),
                "description": _text(rng, 40),
                "pros": [{"text": _text(rng, 15), "sources": ["annex"]}, _text(rng, 15)],
                "cons": [_text(rng, 15) for _ in range(2)],
                "risks": risks,
                "positions": positions,
                "scores": {c["id"]: 1 + (n + j) % 5 for j, c in enumerate(scales)},
                "cost": _text(rng, 12),
                "timeline": _text(rng, 10),
            }
        )
    return {
        "id": f"generated-{options}x{stakeholders}x{criteria}",
        "title": f"Generated option set: {options} options, {stakeholders} stakeholders, "
        f"{criteria} criteria",
        "kind": "decision",
        "status": "proposed",
        "date": "2008-12-08",
        "decide_by": "2008-12-19",
        "marking": "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
        "to": "The Secretary",
        "from": "Bureau of Near Eastern Affairs",
        "through": ["Under Secretary for Political Affairs"],
        "drafted_by": "A. Analyst, NEA/I",
        "clearances": [
            {"office": "NEA/I", "name": "B. Chief", "status": "cleared"},
            {"office": "PM", "status": "pending"},
        ],
        "bluf": _text(rng, 40),
        "question": _text(rng, 30),
        "background": _text(rng, 60),
        "criteria": scales,
        "stakeholders": holders,
        "options": made,
        # Recommend the leader on the weighted criteria, as a careful drafter would.
        "recommendation": {"option": _leader(made, scales), "rationale": _text(rng, 40)},
        "sources": [
            {
                "id": "annex",
                "title": "Implementation annex",
                "url": LONG_URL,
            }
        ],
    }


def write_option_set(folder: Path, data: dict[str, Any]) -> Path:
    """Write ``data`` to ``folder/<id>.yaml`` and return the path."""
    path = folder / f"{data['id']}.yaml"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _leader(options: list[dict[str, Any]], criteria: list[dict[str, Any]]) -> str:
    """The option with the highest weighted score (the first, on a tie)."""

    def score(option: dict[str, Any]) -> float:
        weights = [float(c.get("weight", 1)) for c in criteria]
        values = [option["scores"][c["id"]] for c in criteria]
        return sum(w * v for w, v in zip(weights, values, strict=True)) / (sum(weights) or 1)

    return str(max(options, key=score)["id"]) if criteria else str(options[1]["id"])
