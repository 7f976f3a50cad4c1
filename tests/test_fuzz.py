"""No input, however mangled, makes the loader or validator crash."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.check.validate import validate_option_set
from briefgen.errors import InputError
from briefgen.load.reader import parse_document

SEED = (Path(__file__).parent / "data" / "full.yaml").read_bytes()
YAML_BITS = [
    b":",
    b"- ",
    b"\n",
    b"  ",
    b"\t",
    b"&a ",
    b"*a",
    b"!!",
    b"'",
    b'"',
    b"[",
    b"]",
    b"{",
    b"}",
    b"#",
    b"|",
    b">",
    b"---\n",
    b"<<: ",
    b"\x00",
    b"\xff",
    b"~",
    b"%YAML 1.1\n",
]


def load_and_validate(raw: bytes) -> None:
    try:
        validate_option_set(parse_document(raw, Path("fuzz.yaml")))
    except InputError as error:
        assert error.issues, "an InputError must carry at least one issue"
        for issue in error.issues:
            assert issue.path == "fuzz.yaml"
            assert issue.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_never_crash(raw: bytes) -> None:
    load_and_validate(raw)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, len(SEED)), st.sampled_from(YAML_BITS), st.integers(0, 8)),
        max_size=6,
    )
)
def test_mangled_option_sets_never_crash(edits: list[tuple[int, bytes, int]]) -> None:
    raw = SEED
    for position, insert, delete in edits:
        raw = raw[:position] + insert + raw[position + delete :]
    load_and_validate(raw)


MARKDOWN_BITS = [
    "- ",
    "1) ",
    "> ",
    "```",
    "\n",
    "  ",
    "|",
    "#",
    "<b>",
    "](",
    "[x]",
    "\\",
    "*",
    "---",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(MARKDOWN_BITS), st.text(max_size=5)), max_size=30))
def test_markdown_fields_never_crash_the_renderers(pieces: list[str]) -> None:
    from briefgen.markdown.html import markdown_to_html
    from briefgen.markdown.text import markdown_block, markdown_source

    text = "".join(pieces)
    assert "<script" not in markdown_to_html(text)
    markdown_source(text)
    markdown_block(text, 2)
