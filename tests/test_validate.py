"""Validation beyond the bad-input corpus: what is accepted, defaults, and the schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from briefgen.check.validate import validate_option_set
from briefgen.errors import InputError
from briefgen.load.reader import parse_document
from briefgen.schema import json_schema
from briefgen.schema.option_set import OptionSet

REPO = Path(__file__).parent.parent
MINIMAL = """\
title: T
date: 2008-12-08
bluf: B
question: Q
stakeholders: [{id: iran, name: Iran, influence: 4, salience: 5}]
options:
  - {id: a, title: A, summary: S, positions: {iran: POSITION}}
  - {id: b, title: B, summary: S}
"""


def validate(text: str, name: str = "memo.yaml") -> OptionSet:
    return validate_option_set(parse_document(text.encode("utf-8"), Path(name)))


def test_id_defaults_to_the_file_stem_and_fields_to_their_defaults() -> None:
    option_set = validate(MINIMAL.replace("POSITION", "support"), "post-2011.yaml")
    assert option_set.id == "post-2011"
    assert (option_set.kind, option_set.status) == ("decision", "draft")


@pytest.mark.parametrize("typed", ["Support", "SUPPORT", " support"])
def test_choice_words_forgive_case_and_keep_the_canonical_token(typed: str) -> None:
    option_set = validate(MINIMAL.replace("POSITION", f"'{typed}'"))
    assert option_set.options[0].positions["iran"].stance == "support"


def test_text_fields_keep_what_was_typed() -> None:
    text = MINIMAL.replace("title: T", "title: 2009-01-31").replace("POSITION", "neutral")
    option_set = validate(text + "to: NO\nfrom: 0012\n")
    assert option_set.title == "2009-01-31"
    assert option_set.to == "NO"
    assert option_set.from_ == "0012"


def test_information_memo_needs_neither_question_nor_two_options() -> None:
    option_set = validate("kind: information\ntitle: T\ndate: 2008-12-08\nbluf: B\n")
    assert option_set.kind == "information" and option_set.options == []


def test_a_file_name_that_is_no_id_asks_for_an_id_key() -> None:
    with pytest.raises(InputError, match=r"the file name 'My Memo' is not a valid id"):
        validate(MINIMAL.replace("POSITION", "support"), "My Memo.yaml")


def yaml_data(path: Path) -> object:
    """The file as an editor's YAML language server sees it: dates are strings."""
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return json.loads(json.dumps(data, default=str))


@pytest.mark.parametrize(
    "path",
    [*sorted((REPO / "options").glob("*.yaml")), REPO / "tests" / "data" / "full.yaml"],
    ids=lambda p: p.name,
)
def test_the_json_schema_accepts_valid_option_sets(path: Path) -> None:
    jsonschema.validate(yaml_data(path), json_schema())


def test_the_json_schema_rejects_unknown_keys_and_bad_words() -> None:
    data = {"title": "T", "date": "2008-12-08", "bluf": "B", "titel": "x"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json_schema())
    data = {
        "title": "T",
        "date": "2008-12-08",
        "bluf": "B",
        "options": [{"id": "a", "title": "A", "summary": "S", "positions": {"x": "agree"}}],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json_schema())


def test_the_json_schema_accepts_text_an_editor_reads_as_a_number_or_boolean() -> None:
    # yaml-language-server resolves `title: 2009` and `to: true`; briefgen keeps the text.
    data = {
        "id": 2009,
        "title": 2009,
        "date": "2008-12-08",
        "bluf": 4.5,
        "to": True,
        "kind": "information",
    }
    jsonschema.validate(data, json_schema())
