"""Loading YAML: text as typed, YAML 1.2 semantics, positions, tolerated encodings."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.errors import InputError
from briefgen.load.reader import parse_document


def load(text: str | bytes) -> dict[str, object]:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    data = parse_document(raw, Path("x.yaml")).data
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize(
    "typed",
    [
        "no",
        "NO",
        "yes",
        "on",
        "off",
        "1:30",
        "4.50",
        "0012",
        "2009-01-31",
        "0o17",
        "1e3",
        ".inf",
        "true",
        "0x1F",
    ],
)
def test_scalars_stay_the_text_the_user_typed(typed: str) -> None:
    assert load(f"title: {typed}\n") == {"title": typed}


@pytest.mark.parametrize("typed", ["", "~", "null", "Null", "NULL"])
def test_plain_empty_and_null_are_none(typed: str) -> None:
    assert load(f"note: {typed}\n") == {"note": None}


def test_quoted_null_stays_text() -> None:
    assert load("note: 'null'\n") == {"note": "null"}


def test_bom_crlf_and_comments_are_accepted() -> None:
    raw = b"\xef\xbb\xbf# top\r\ntitle: T  # trailing\r\nlist:\r\n  # inside\r\n  - a\r\n"
    assert load(raw) == {"title": "T", "list": ["a"]}


def test_block_scalars_keep_their_lines() -> None:
    data = load("literal: |\n  a\n  b\nfolded: >\n  a\n  b\n\n  c\n")
    assert data == {"literal": "a\nb\n", "folded": "a b\nc\n"}


def test_positions_point_at_values_and_keys() -> None:
    document = parse_document(b"title: T\nlist:\n  - first\n  - {k: v}\nempty:\n", Path("x.yaml"))
    assert document.positions[("title",)] == (1, 8)
    assert document.positions[("list", 1, "k")] == (4, 9)
    assert document.key_positions[("list", 1, "k")] == (4, 6)
    assert document.positions[("empty",)] == (5, 1)  # an empty value points at its key


def test_aliases_are_expanded_within_bounds() -> None:
    assert load("a: &x [1, 2]\nb: *x\n") == {"a": ["1", "2"], "b": ["1", "2"]}


def test_several_problems_are_reported_together() -> None:
    with pytest.raises(InputError) as caught:
        load("a: 1\na: 2\nb: !custom x\n")
    assert [issue.line for issue in caught.value.issues] == [2, 3]
