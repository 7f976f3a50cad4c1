"""The semantic diff: changes between two versions of an option set, in the memo's terms."""

from __future__ import annotations

import json
from pathlib import Path

from briefgen.check.validate import validate_option_set
from briefgen.load.reader import parse_document
from briefgen.schema.option_set import OptionSet
from briefgen.versions.diff import Change, diff_option_sets
from briefgen.versions.report import format_json, format_markdown, format_text

RERATED = 'Option "Paced drawdown": risk "Election violence" likelihood Possible → Likely'
BASE = """\
id: pace
title: Pace of the drawdown
status: draft
date: 2008-12-01
bluf: Keep the 16-month goal.
question: How fast should the brigades leave?
criteria:
  - {id: security, name: Security, weight: 2}
  - {id: cost, name: Cost}
stakeholders:
  - {id: kurds, name: Kurdish parties, influence: 3, salience: 4}
  - {id: maliki, name: Maliki government, influence: 5, salience: 5}
options:
  - id: fixed
    title: Fixed timetable
    summary: One brigade a month.
    pros: [Keeps the pledge]
    cons: [Ignores the elections]
    positions: {kurds: oppose}
    scores: {security: 2, cost: 4}
  - id: paced
    title: Paced drawdown
    summary: Sequence the drawdown around the elections.
    pros: [Protects the elections, Preserves leverage]
    risks:
      - {title: Election violence, likelihood: possible, impact: major}
    positions: {kurds: support, maliki: neutral}
    scores: {security: 4, cost: 3}
recommendation: {option: paced, rationale: Best balance of security and pledge.}
"""


def load(text: str) -> OptionSet:
    return validate_option_set(parse_document(text.encode("utf-8"), Path("pace.yaml")))


def edited(*replacements: tuple[str, str]) -> OptionSet:
    """BASE with each (old, new) text replaced; each old text must occur exactly once."""
    text = BASE
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return load(text)


def diff(*replacements: tuple[str, str]) -> list[Change]:
    return diff_option_sets(load(BASE), edited(*replacements))


def test_identical_versions_have_no_changes() -> None:
    assert diff_option_sets(load(BASE), load(BASE)) == []


def test_formatting_and_order_alone_are_no_change() -> None:
    reordered = BASE.replace(
        "  - {id: security, name: Security, weight: 2}\n  - {id: cost, name: Cost}\n",
        "  - {id: cost, name: Cost}\n  - id: security\n    name: Security\n    weight: '2.0'\n",
    ).replace("likelihood: possible", "likelihood: 3")
    assert reordered != BASE
    assert diff_option_sets(load(BASE), load(reordered)) == []


def test_a_rerated_risk_names_old_and_new_likelihood() -> None:
    changes = diff(("likelihood: possible", "likelihood: likely"))
    assert changes == [
        Change(
            kind="risk-likelihood",
            path='options.paced.risks["Election violence"].likelihood',
            old="Possible",
            new="Likely",
            summary=RERATED,
        )
    ]


def test_a_retitled_risk_is_removed_and_added() -> None:
    changes = diff(("title: Election violence", "title: Violence at the polls"))
    assert [(c.kind, c.old, c.new) for c in changes] == [
        ("risk-removed", "Election violence", None),
        ("risk-added", None, "Violence at the polls"),
    ]
    assert changes[1].summary == (
        'Option "Paced drawdown": risk "Violence at the polls" added '
        "(likelihood Possible, impact Major)"
    )


def test_a_flipped_stance_names_stakeholder_option_and_both_stances() -> None:
    changes = diff(("{kurds: support, maliki: neutral}", "{kurds: oppose, maliki: neutral}"))
    assert [(c.kind, c.path, c.old, c.new) for c in changes] == [
        ("stance", "options.paced.positions.kurds.stance", "Support", "Oppose")
    ]
    assert changes[0].summary == 'Kurdish parties: stance on "Paced drawdown" Support → Oppose'


def test_positions_added_and_removed() -> None:
    changes = diff(
        ("{kurds: oppose}", "{kurds: oppose, maliki: strongly-oppose}"),
        ("{kurds: support, maliki: neutral}", "{maliki: neutral}"),
    )
    assert [(c.kind, c.old, c.new, c.summary) for c in changes] == [
        (
            "position-added",
            None,
            "Strongly oppose",
            'Maliki government: position on "Fixed timetable" set to Strongly oppose',
        ),
        (
            "position-removed",
            "Support",
            None,
            'Kurdish parties: position on "Paced drawdown" removed (was Support)',
        ),
    ]


def test_an_added_option_is_named_by_its_title() -> None:
    added = "  - {id: contact-group, title: Regional contact group, summary: Talk to neighbours.}\n"
    changes = diff(("recommendation:", added + "recommendation:"))
    assert [(c.kind, c.path, c.old, c.new) for c in changes] == [
        ("option-added", "options.contact-group", None, "Regional contact group")
    ]
    assert changes[0].summary == 'Option added: "Regional contact group"'


def test_a_removed_option_is_one_change() -> None:
    extra = "  - {id: contact-group, title: Regional contact group, summary: Talk.}\n"
    old = edited(("recommendation:", extra + "recommendation:"))
    changes = diff_option_sets(old, load(BASE))
    assert [(c.kind, c.old, c.new, c.summary) for c in changes] == [
        (
            "option-removed",
            "Regional contact group",
            None,
            'Option removed: "Regional contact group"',
        )
    ]


def test_a_retitled_option_keeps_its_id_and_later_changes_use_the_new_title() -> None:
    changes = diff(
        ("title: Paced drawdown", "title: Election-paced drawdown"),
        ("{security: 4, cost: 3}", "{security: 5, cost: 3}"),
    )
    assert [(c.kind, c.old, c.new) for c in changes] == [
        ("option-retitled", "Paced drawdown", "Election-paced drawdown"),
        ("score", "4", "5"),
    ]
    assert changes[0].summary == 'Option retitled: "Paced drawdown" → "Election-paced drawdown"'
    assert changes[1].summary.startswith('Option "Election-paced drawdown": ')


def test_pros_and_cons_are_matched_by_text() -> None:
    changes = diff(
        ("[Protects the elections, Preserves leverage]", "[Preserves leverage, Buys time]"),
        ("cons: [Ignores the elections]", "cons: []"),
    )
    assert [(c.kind, c.path, c.old, c.new) for c in changes] == [
        ("con-removed", "options.fixed.cons[0]", "Ignores the elections", None),
        ("pro-removed", "options.paced.pros[0]", "Protects the elections", None),
        ("pro-added", "options.paced.pros[1]", None, "Buys time"),
    ]
    assert changes[2].summary == 'Option "Paced drawdown": pro "Buys time" added'


def test_a_changed_score_names_the_criterion() -> None:
    changes = diff(("{security: 2, cost: 4}", "{security: 3, cost: 4}"))
    assert [(c.kind, c.path, c.old, c.new, c.summary) for c in changes] == [
        (
            "score",
            "options.fixed.scores.security",
            "2",
            "3",
            'Option "Fixed timetable": score on "Security" 2 → 3',
        )
    ]


def test_scores_added_and_removed() -> None:
    changes = diff(("{security: 2, cost: 4}", "{security: 2}"))
    assert [(c.kind, c.old, c.new) for c in changes] == [("score-removed", "4", None)]
    assert changes[0].summary == 'Option "Fixed timetable": score on "Cost" removed (was 4)'


def test_a_changed_criterion_weight() -> None:
    changes = diff(
        ("{id: security, name: Security, weight: 2}", "{id: security, name: Security, weight: 3}")
    )
    assert [(c.kind, c.path, c.old, c.new, c.summary) for c in changes] == [
        (
            "criterion-weight",
            "criteria.security.weight",
            "2",
            "3",
            'Criterion "Security": weight 2 → 3',
        )
    ]


def test_criteria_and_stakeholders_added_removed_and_rerated() -> None:
    changes = diff(
        ("  - {id: cost, name: Cost}\n", "  - {id: legitimacy, name: Legitimacy}\n"),
        ("{security: 2, cost: 4}", "{security: 2}"),
        ("{security: 4, cost: 3}", "{security: 4}"),
        ("influence: 3, salience: 4", "influence: 4, salience: 4"),
    )
    kinds = [c.kind for c in changes]
    assert kinds[:3] == ["criterion-removed", "criterion-added", "stakeholder-influence"]
    assert changes[0].summary == 'Criterion removed: "Cost"'
    assert changes[1].summary == 'Criterion added: "Legitimacy"'
    assert changes[2].summary == 'Stakeholder "Kurdish parties": influence 3 → 4'


def test_a_changed_recommendation_names_both_options() -> None:
    changes = diff(("option: paced", "option: fixed"))
    assert [(c.kind, c.path, c.old, c.new, c.summary) for c in changes] == [
        (
            "recommendation",
            "recommendation.option",
            "Paced drawdown",
            "Fixed timetable",
            'Recommendation: "Paced drawdown" → "Fixed timetable"',
        )
    ]


def test_a_revised_rationale_is_reported_without_quoting_prose() -> None:
    changes = diff(("rationale: Best balance", "rationale: The best balance"))
    assert [(c.kind, c.summary) for c in changes] == [
        ("recommendation-rationale", "Recommendation rationale revised")
    ]
    assert changes[0].new == "The best balance of security and pledge."


def test_top_level_fields_in_readers_words() -> None:
    changes = diff(
        ("status: draft", "status: proposed"),
        ("date: 2008-12-01", "date: 2008-12-08\ndecide_by: 2008-12-19"),
        ("bluf: Keep", "bluf: Still keep"),
    )
    assert [(c.kind, c.path, c.summary) for c in changes] == [
        ("status", "status", "Status: Draft → Proposed"),
        ("date", "date", "Date: 2008-12-01 → 2008-12-08"),
        ("decide-by", "decide_by", "Decide by set to 2008-12-19"),
        ("bluf", "bluf", "BLUF revised"),
    ]


def test_changes_follow_the_documented_order() -> None:
    changes = diff(
        ("option: paced", "option: fixed"),
        ("likelihood: possible", "likelihood: likely"),
        ("{kurds: oppose}", "{kurds: neutral}"),
        ("weight: 2", "weight: 1"),
        ("title: Pace of the drawdown", "title: Pace of the withdrawal"),
        ("influence: 3", "influence: 2"),
    )
    assert [c.kind for c in changes] == [
        "title",
        "criterion-weight",
        "stakeholder-influence",
        "stance",
        "risk-likelihood",
        "recommendation",
    ]


def test_a_new_file_is_one_change() -> None:
    assert diff_option_sets(None, load(BASE)) == [
        Change(
            "option-set-added",
            "",
            None,
            "Pace of the drawdown",
            'Option set added: "Pace of the drawdown"',
        )
    ]


def test_a_deleted_file_is_one_change() -> None:
    assert diff_option_sets(load(BASE), None) == [
        Change(
            "option-set-removed",
            "",
            "Pace of the drawdown",
            None,
            'Option set removed: "Pace of the drawdown"',
        )
    ]


def test_routing_clearances_and_tags() -> None:
    changes = diff(
        ("status: draft\n", "status: draft\nclearances: [{office: NEA, status: cleared}]\n"),
        ("bluf:", "tags: [iraq]\nbluf:"),
    )
    assert [(c.kind, c.path, c.summary) for c in changes] == [
        ("clearance-added", 'clearances["NEA"]', 'Clearance added: "NEA"'),
        ("tag-added", "tags[0]", 'Tag added: "iraq"'),
    ]
    base = edited(("status: draft\n", "status: draft\nclearances: [{office: NEA}]\n"))
    cleared = edited(
        ("status: draft\n", "status: draft\nclearances: [{office: NEA, status: cleared}]\n")
    )
    assert [c.summary for c in diff_option_sets(base, cleared)] == [
        'Clearance "NEA": status Pending → Cleared'
    ]


def test_a_revised_note_on_a_position() -> None:
    changes = diff(("{kurds: oppose}", "{kurds: {stance: oppose, note: Fear Kirkuk delays.}}"))
    assert [(c.kind, c.path, c.new, c.summary) for c in changes] == [
        (
            "position-note",
            "options.fixed.positions.kurds.note",
            "Fear Kirkuk delays.",
            'Kurdish parties: note on "Fixed timetable" added',
        )
    ]


def test_duplicate_pros_pair_one_for_one() -> None:
    changes = diff(("[Keeps the pledge]", "[Keeps the pledge, Keeps the pledge]"))
    assert [(c.kind, c.path) for c in changes] == [("pro-added", "options.fixed.pros[1]")]


def test_long_text_is_clipped_in_the_summary_but_kept_whole_in_new() -> None:
    pro = "Keeps the pledge " + "and more " * 20
    changes = diff(("[Keeps the pledge]", f"[{pro}]"))
    added = changes[1]
    assert added.kind == "pro-added" and added.new == pro.strip()
    assert added.summary.endswith('…" added') and len(added.summary) < 140


def test_no_file_on_either_side_is_no_change() -> None:
    assert diff_option_sets(None, None) == []


HEADER = "Changes since 1a2b3c4 (2008-12-01)"


def small_case() -> dict[str, list[Change]]:
    return {
        "pace": diff(
            ("status: draft", "status: proposed"), ("likelihood: possible", "likelihood: likely")
        ),
        "presence": [],
    }


def test_text_format() -> None:
    assert format_text(small_case(), HEADER) == (
        "Changes since 1a2b3c4 (2008-12-01)\n"
        "pace:\n"
        "  - Status: Draft → Proposed\n"
        '  - Option "Paced drawdown": risk "Election violence" likelihood Possible → Likely\n'
        "presence:\n"
        "  no changes\n"
    )
    assert format_text({}, HEADER) == f"{HEADER}\nno changes\n"


def test_json_format_parses_to_one_object_per_change() -> None:
    rows = json.loads(format_json(small_case(), HEADER))
    assert rows == [
        {
            "option_set": "pace",
            "kind": "status",
            "path": "status",
            "old": "Draft",
            "new": "Proposed",
            "summary": "Status: Draft → Proposed",
        },
        {
            "option_set": "pace",
            "kind": "risk-likelihood",
            "path": 'options.paced.risks["Election violence"].likelihood',
            "old": "Possible",
            "new": "Likely",
            "summary": RERATED,
        },
    ]
    assert json.loads(format_json({}, HEADER)) == []


def test_markdown_format_has_headings_and_escapes_user_text() -> None:
    changes = {"pace": diff(("title: Paced drawdown", "title: Paced *drawdown*"))}
    assert format_markdown(changes, HEADER) == (
        "## Changes since 1a2b3c4 (2008-12-01)\n"
        "\n"
        "### pace\n"
        "\n"
        '- Option retitled: "Paced drawdown" → "Paced \\*drawdown\\*"\n'
    )
    assert "No changes." in format_markdown({"pace": []}, HEADER)
