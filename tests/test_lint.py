"""Content lint: warnings located in the file; --strict makes them errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.check.lint import lint_option_set
from briefgen.check.validate import validate_option_set
from briefgen.cli import cli
from briefgen.load.reader import parse_document

CLEAN = """\
title: T
date: 2008-12-08
bluf: Short answer.
question: Q
stakeholders:
  - {id: iran, name: Iran, influence: 4, salience: 5}
criteria:
  - {id: cost, name: Cost}
sources:
  - {id: visser, title: V}
options:
  - id: a
    title: A
    summary: S
    cons: [{text: C, sources: [visser]}]
    risks: [{title: R, likelihood: 5, impact: 3, mitigation: M}]
    positions: {iran: support}
    scores: {cost: 4}
  - id: b
    title: B
    summary: S
    cons: [C]
    risks: [{title: R, likelihood: 1, impact: 1}]
    scores: {cost: 3}
recommendation: {option: a, rationale: Because.}
"""


def lint(text: str) -> list[str]:
    document = parse_document(text.encode("utf-8"), Path("memo.yaml"))
    return [str(issue) for issue in lint_option_set(document, validate_option_set(document))]


def test_a_complete_memo_has_no_warnings() -> None:
    assert lint(CLEAN) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("    cons: [C]\n", ""),
            "memo.yaml:19:5: warning: options[1]: option 'B' lists no cons; every option has a downside; name it",
        ),
        (
            ("    risks: [{title: R, likelihood: 1, impact: 1}]\n", ""),
            "memo.yaml:19:5: warning: options[1]: option 'B' lists no risks; add at least one risk with its likelihood and impact",
        ),
        (
            ("    scores: {cost: 3}\n", ""),
            "memo.yaml:19:5: warning: options[1]: option 'B' is not scored on cost; add a score from 1 to 5 for each criterion under 'scores:'",
        ),
        (
            (", mitigation: M}", "}"),
            "memo.yaml:16:13: warning: options[0].risks[0]: risk 'R' scores 15 of 25 and has no mitigation; add 'mitigation:' for every risk scoring 15 or more",
        ),
        (
            ("    positions: {iran: support}\n", ""),
            "memo.yaml:6:5: warning: stakeholders[0]: stakeholder 'Iran' has no position on any option; add their stance under each option's 'positions:', or remove them",
        ),
        (
            ("sources: [visser]}", "sources: []}"),
            "memo.yaml:10:5: warning: sources[0]: source 'visser' is never cited; cite it from a pro, con, risk or position, or remove it",
        ),
        (
            (", rationale: Because.", ""),
            "memo.yaml:25:17: warning: recommendation: the decision memo gives no recommendation rationale; add 'recommendation:' with 'option:' and 'rationale:'",
        ),
        (
            ("bluf: Short answer.", "bluf: " + "word " * 81),
            "memo.yaml:3:7: warning: bluf: the BLUF runs to about 5 printed lines, over 4; cut it to the answer in 4 lines (about 336 characters)",
        ),
        (
            (
                "date: 2008-12-08\n",
                "date: 2008-12-08\nstatus: cleared\nclearances: [{office: L, status: pending}, {office: PM}, {office: NEA, status: cleared}]\n",
            ),
            "memo.yaml:3:9: warning: status: STATUS is cleared, but L and PM have not cleared; set 'status: proposed' until every office clears, or record their clearance",
        ),
        (
            ("date: 2008-12-08\n", "date: 2008-12-08\ndecide_by: 2008-12-01\n"),
            "memo.yaml:3:12: warning: decide_by: the decision is needed by 2008-12-01, before the memo's date 2008-12-08; give a 'decide_by' date after the memo's 'date'",
        ),
    ],
)
def test_each_lint_is_located_and_worded(change: tuple[str, str], expected: str) -> None:
    text = CLEAN.replace(*change)
    assert text != CLEAN
    assert lint(text) == [expected]


def test_validate_prints_warnings_and_strict_fails(tmp_path: Path) -> None:
    memo = tmp_path / "memo.yaml"
    memo.write_text(CLEAN.replace("    cons: [C]\n", ""), encoding="utf-8")
    relaxed = CliRunner().invoke(cli, ["validate", str(memo)])
    assert relaxed.exit_code == 0
    assert "1 option set valid, 1 warning" in relaxed.output
    strict = CliRunner().invoke(cli, ["validate", "--strict", str(memo)])
    assert strict.exit_code == 1
    assert "options[1]: option 'B' lists no cons" in strict.output
    assert "warning:" not in strict.output


def test_each_removed_link_is_located_on_its_own_line() -> None:
    text = (
        "kind: information\ntitle: T\ndate: 2008-12-08\nbluf: |\n"
        '  a [a1](javascript:alert(1) "t")\n  b [a2](javascript:alert(1))\n'
        "  c [a4](&#x6A;avascript:x)\n"
    )
    positions = [(w.split(":")[1], w.split(":")[2]) for w in lint(text)]
    assert positions == [("5", "10"), ("6", "10"), ("7", "10")]


def test_a_recommendation_below_the_leader_is_flagged() -> None:
    text = CLEAN.replace("recommendation: {option: a,", "recommendation: {option: b,")
    assert lint(text) == [
        "memo.yaml:25:26: warning: recommendation.option: the recommended option 'B' scores "
        "3.00 on the weighted criteria, below 'A' (4.00); say in the rationale why, or "
        "revisit the scores and weights"
    ]
