"""The loader's YAML rules beyond ruamel.yaml: tabs, directives, comments, indentation,
invisible characters, and one-line messages in briefgen's words."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.check.lint import lint_option_set
from briefgen.check.validate import validate_option_set
from briefgen.errors import InputError
from briefgen.load.reader import parse_document

BASE = "title: T\ndate: 2008-12-08\nkind: information\n"


def problems(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse_document(text.encode("utf-8"), Path("x.yaml"))
    return [str(issue) for issue in caught.value.issues]


@pytest.mark.parametrize(
    "text",
    [
        BASE + "bluf:\tApprove.\n",
        BASE + "bluf: Approve.\t\n",
        BASE + "bluf: Approve.\t# note\n",
        BASE + "\t\nbluf: Approve.\n",
        BASE + "tags: [a,\tb]\n",
        BASE + "bluf: |\n  Approve.\n  \tIndented by a tab after the spaces.\n",
        BASE + "bluf: Approve\n  \tthe plan.\n",
    ],
)
def test_tabs_are_white_space_where_yaml_allows_them(text: str) -> None:
    data = parse_document(text.encode("utf-8"), Path("x.yaml")).data
    assert data.get("bluf") or data.get("tags") == ["a", "b"]


def test_a_tab_that_indents_is_still_refused() -> None:
    assert "tab character" in problems(BASE + "options:\n\t- id: a\n")[0]


@pytest.mark.parametrize("version", ["1.3", "2.0", "1.1.1"])
def test_an_unknown_yaml_version_is_refused_without_a_traceback(version: str) -> None:
    found = problems(f"%YAML {version}\n---\n" + BASE)
    assert found[0].startswith("x.yaml:1:") and ("%YAML" in found[0] or "directive" in found[0])


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('bluf: "value"# note\n', "1:14"),
        ('bluf: "first\nsecond"\n', "2:1"),
        ("tags: [a,\nb]\n", "2:1"),
        ("tags: [a, b]#note\n", "1:13"),
        ("tags: [-]\n", "1:8"),
    ],
)
def test_invalid_yaml_that_ruamel_accepts_is_refused(text: str, where: str) -> None:
    found = problems(text)
    assert found[0].startswith(f"x.yaml:{where}: "), found


def test_every_syntax_message_is_one_line_in_our_words() -> None:
    for text in ["a: b: c\n", "- a\nb: c\n", "a: [b\n", "key: 'x\n", "--- a\n--- b\n..."]:
        for message in problems(text):
            assert "\n" not in message and "<" not in message and "found (" not in message


def test_a_long_top_level_text_is_named_on_one_line() -> None:
    message = problems("just\n\n  some words\n")[0]
    assert "\n" not in message and "just some words" in message


@pytest.mark.parametrize(
    ("character", "column"), [("\u2028", 10), ("\u2029", 10), ("\u200b", 10), ("\u202e", 10)]
)
def test_invisible_characters_are_refused_where_they_stand(character: str, column: int) -> None:
    found = problems(f"title: Iraq{character} SOFA\ndate: 2008-12-08\n")
    assert found[0].startswith(f"x.yaml:1:{column + 2}: an invisible character, U+")


def test_a_comment_that_cuts_a_value_is_a_warning() -> None:
    text = BASE + "bluf: Held #published in advance\n"
    document = parse_document(text.encode("utf-8"), Path("x.yaml"))
    assert document.data["bluf"] == "Held"
    warnings = [str(w) for w in lint_option_set(document, validate_option_set(document))]
    assert (
        "x.yaml:4:12: warning: the text after ' #' is a comment, not part of the value; "
        "quote the value to keep it"
    ) in warnings


def test_an_ordinary_comment_is_no_warning() -> None:
    document = parse_document((BASE + "bluf: Held  # a note\n").encode(), Path("x.yaml"))
    assert not document.warnings
