"""The yaml-test-suite (tests/data/yaml-test-suite, MIT licence) through briefgen's loader.

Every invalid case must be refused with a located, one-line message in briefgen's words;
every valid case must load with the suite's data (``in.json``; briefgen keeps scalars as
the text typed, so ``65`` matches ``"65"``) or be refused by one of briefgen's documented
rules (docs/format.md, section 17), or be one of the :data:`KNOWN` cases ruamel.yaml cannot
read. The rates are reported in docs/format.md.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from briefgen.errors import InputError
from briefgen.load.reader import parse_yaml

SUITE = Path(__file__).parent / "data" / "yaml-test-suite" / "src"

#: Refusals that are briefgen's own rules (docs/format.md, section 17), by message start.
OUR_RULES = (
    "the file holds more than one YAML document",
    "the file is empty",
    "a key must be plain text",
    "the YAML tag",
    "merge keys",
    "duplicate key",
    "the %YAML line names a version briefgen does not read",
)
#: Valid cases ruamel.yaml (the parser briefgen builds on) refuses, with the reason.
KNOWN = {
    "4MUZ-0": "a flow mapping's ':' on the line after its key",
    "4MUZ-1": "a flow mapping's ':' on the line after its key",
    "4MUZ-2": "a flow mapping's ':' on the line after its key",
    "5MUD": "a flow mapping's ':' on the line after its key",
    "K3WX": "a flow mapping's ':' on the line after its key",
    "VJP3-1": "a flow mapping's ':' on the line after its key",
    "9MMW": "a JSON-like key right before ':' in a flow sequence",
    "9SA2": "a quoted flow key over two lines",
    "NJ66": "a plain flow key over two lines",
    "CFD4": "an empty key in a flow sequence",
    "WZ62": "an empty tagged value in a flow mapping",
    "UT92": "a plain flow value starting with '%'",
    "4QFQ": "blank lines deeper than the text at the start of a '|' or '>' text",
    "DWX9": "blank lines deeper than the text at the start of a '|' or '>' text",
    "R4YG": "blank lines deeper than the text at the start of a '|' or '>' text",
    "T26H": "blank lines deeper than the text at the start of a '|' or '>' text",
    "HWV9": "a stream of only '...'",
    "QT73": "a stream of only a comment and '...'",
    "M7A3": "bare documents ended by '...'",
    "MUS6-3": "a tab inside a %YAML directive",
    "652Z": "a plain key starting with '?' read as an explicit key (misread)",
    "HM87-1": "a plain value starting with '?' in a flow sequence read as a key (misread)",
    "L24T-1": "trailing spaces on the last line of a kept '|+' text dropped (misread)",
}
#: Invalid cases ruamel.yaml accepts and briefgen does not catch yet.
KNOWN_INVALID = {"Y79Y-0": "a tab on the blank line under a '|' header"}


@dataclass(frozen=True)
class Case:
    """One case of the suite: its id (file stem, ``-n`` for the n-th case in a file)."""

    id: str
    yaml: str
    fail: bool
    json: str | None


def _visible(text: str) -> str:
    """The suite's stand-ins to the characters they show (see its ReadMe)."""
    text = re.sub(r"—*»", "\t", text.replace("␣", " ")).replace("↵", "")
    text = text[:-2] if text.endswith("∎\n") else text
    return text.replace("←", "\r").replace("⇔", "\ufeff")


@lru_cache(maxsize=1)
def cases() -> list[Case]:
    reader = YAML(typ="safe", pure=True)
    found: list[Case] = []
    for path in sorted(SUITE.glob("*.yaml")):
        entries = reader.load(path.read_text(encoding="utf-8"))
        if entries[0].get("skip"):
            continue
        for index, entry in enumerate(entries):
            name = path.stem + (f"-{index}" if len(entries) > 1 else "")
            found.append(
                Case(name, _visible(entry["yaml"]), bool(entry.get("fail")), entry.get("json"))
            )
    return found


def _number(text: str) -> float | None:
    lowered = text.lower()
    if lowered in {".inf", "+.inf"}:
        return math.inf
    if lowered == "-.inf":
        return -math.inf
    try:
        return float(int(text, 0)) if re.fullmatch(r"[-+]?0[xo][0-9a-f]+", lowered) else float(text)
    except ValueError:
        return None


def same(ours: Any, theirs: Any) -> bool:
    """briefgen's data (text scalars) against the suite's JSON."""
    if isinstance(theirs, dict):
        return (
            isinstance(ours, dict)
            and set(ours) == set(theirs)
            and all(same(ours[key], theirs[key]) for key in theirs)
        )
    if isinstance(theirs, list):
        return (
            isinstance(ours, list)
            and len(ours) == len(theirs)
            and all(same(a, b) for a, b in zip(ours, theirs, strict=True))
        )
    if theirs is None:
        return ours is None
    if isinstance(theirs, bool):
        return isinstance(ours, str) and ours.lower() == str(theirs).lower()
    if isinstance(theirs, int | float):
        return isinstance(ours, str) and _number(ours) == theirs
    return bool(ours == theirs)


@dataclass(frozen=True)
class Outcome:
    case: Case
    data: Any
    messages: tuple[str, ...]
    loaded: bool


@lru_cache(maxsize=1)
def outcomes() -> list[Outcome]:
    results: list[Outcome] = []
    for case in cases():
        try:
            document = parse_yaml(case.yaml.encode("utf-8"), Path("case.yaml"))
        except InputError as error:
            results.append(Outcome(case, None, tuple(str(i) for i in error.issues), False))
            for issue in error.issues:
                assert issue.line >= 1 and issue.column >= 1, (case.id, str(issue))
        else:
            results.append(Outcome(case, document.data, (), True))
    return results


_PARSER_WORDS = re.compile(r"<[a-z ]+>|found \(|expected '|\bwhile scanning\b|\bnode\b")


def test_no_input_of_the_suite_crashes_and_the_suite_is_all_there() -> None:
    assert len(outcomes()) == 402  # every case ran; a crash would have stopped the test


def test_every_invalid_case_is_refused_with_a_located_plain_message() -> None:
    invalid = [o for o in outcomes() if o.case.fail and o.case.id not in KNOWN_INVALID]
    loaded = [o.case.id for o in invalid if o.loaded]
    assert not loaded, f"invalid YAML loaded: {loaded}"
    for outcome in invalid:
        for message in outcome.messages:
            assert "\n" not in message and re.match(r"case\.yaml:\d+:\d+: ", message), message
            assert not _PARSER_WORDS.search(message), message


def test_every_valid_case_loads_its_data_or_is_refused_by_a_documented_rule() -> None:
    wrong: list[str] = []
    for outcome in (o for o in outcomes() if not o.case.fail):
        if outcome.loaded and outcome.case.id not in KNOWN:
            expected = json.loads(outcome.case.json) if outcome.case.json else None
            if outcome.case.json is not None and not same(outcome.data, expected):
                wrong.append(f"{outcome.case.id}: loaded {outcome.data!r}, not {expected!r}")
        elif (
            not outcome.loaded
            and outcome.case.id not in KNOWN
            and not any(rule in outcome.messages[0] for rule in OUR_RULES)
        ):
            wrong.append(f"{outcome.case.id}: {outcome.messages[0]}")
    assert not wrong, "\n".join(wrong)


def test_the_known_limits_are_still_limits() -> None:
    def right(outcome: Outcome) -> bool:
        if not outcome.loaded or outcome.case.json is None:
            return False
        return same(outcome.data, json.loads(outcome.case.json))

    fixed = {o.case.id for o in outcomes() if o.case.id in KNOWN and right(o)}
    assert not fixed, f"now read right, remove from KNOWN: {fixed}"
