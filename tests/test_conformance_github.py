"""briefgen's Markdown against GitHub's (cmark-gfm) on what people actually write:
decision records written by others (../shared/corpora/decision-records, read in place),
and the fields a policy writer types. "One meaning, two outputs": the Markdown memo's text
for a field, rendered by GitHub, must show what the HTML and PDF memo show.

Raw HTML prints as text in briefgen; GitHub's side is rendered from the same text with
each ``<`` that opens raw HTML written ``&lt;`` (:func:`gfm.raw_html_as_text`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from gfm import github_html, normalise, raw_html_as_text

import briefgen
from briefgen.markdown.text import markdown_block, markdown_cell, markdown_source

#: The shared corpus beside the repository (or beside the folder of worktrees holding it).
RECORDS = next(
    (
        folder / "shared" / "corpora" / "decision-records"
        for folder in Path(__file__).parents[2:4]
        if (folder / "shared" / "corpora" / "decision-records").is_dir()
    ),
    Path(__file__).parents[2] / "shared" / "corpora" / "decision-records",
)
#: Lowest share of the decision records on which briefgen must agree with GitHub.
RECORDS_TARGET = 0.95
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)

#: Fields as policy writers type them: each construct of the issue, in memo wording.
POLICY_FIELDS = [
    "Approve **Option 2**, a phased drawdown, by 31 December.",
    "The agreement runs to the end of\n2009. A year of elections follows.",
    "#1 priority is force protection.",
    "See https://www.state.gov/sofa and www.whitehouse.gov, or write to desk@state.gov.",
    "Ratified by the Council of Representatives.[^cor]\n\n[^cor]: Vote of 27 November 2008.",
    "[Note]: the figures are provisional.",
    "| Option | Cost |\n|---|---|\n| A | `a\\|b` |\n| B | $2bn |",
    "2009. A year of elections.",
    "- ```\n  status: draft\n  ```\n- second point",
    "Figures are in dinars\\",
    "Three steps:\n- withdraw from cities\n- transfer detainees\n- close bases",
    "1. First phase\n   - cities by June 2009\n   - detainees\n2. Second phase",
    "- Pro: keeps leverage\n\n  Ties Iraqi consent to each step.\n- Con: costly",
    "Steps:\n1) sign\n2) ratify",
    "> Quote from the cable:\n> - first\n> - second",
    "## Context\n\nThe mandate expires.\n\n### Timeline\n\nSigned 17 November 2008.",
    "Line one\\\nline two",
    "Use *emphasis* and __strong__ and ~~struck~~ text; snake_case_names stay.",
    "- [ ] brief the Secretary\n- [x] clear with Legal",
    "```yaml\nkey: value\n```\nAfter the fence.",
    "Headline\n========\n\nSubhead\n-------",
    "A [link](https://example.org/a_(b)) and a [section](#background).",
    "Cost: <$2bn> and <b>bold</b> typed as text.",
    "Refused: [local](annex/a.html) and [script](javascript:alert(1)).",
    "Option A * Option B * Option C",
    "Held in\n\n    indented code\n\nafter.",
    "Ends with a list:\n\n* one\n* two\n\n+ new list",
    "- 2009. A year of elections.",
]


def _records() -> list[Path]:
    return sorted(p for p in RECORDS.rglob("*.md") if p.name != "README.md")


def _agree(text: str) -> bool:
    ours = normalise(briefgen.markdown_to_html(text))
    return ours == normalise(github_html(raw_html_as_text(text)), github=True)


@pytest.mark.skipif(not RECORDS.is_dir(), reason="the shared corpus is not beside the project")
def test_decision_records_written_by_others_agree_with_github() -> None:
    records = _records()
    texts = {path.name: _FRONT_MATTER.sub("", path.read_text(encoding="utf-8")) for path in records}
    disagree = [name for name, text in texts.items() if not _agree(text)]
    assert len(records) >= 20
    assert 1 - len(disagree) / len(records) >= RECORDS_TARGET, disagree


@pytest.mark.parametrize("text", POLICY_FIELDS)
def test_policy_fields_agree_with_github(text: str) -> None:
    assert normalise(briefgen.markdown_to_html(text)) == normalise(
        github_html(raw_html_as_text(text)), github=True
    )


def _memo(markdown: str) -> str:
    return normalise(github_html(markdown))


@pytest.mark.parametrize("text", POLICY_FIELDS)
def test_the_markdown_memo_shows_what_the_html_shows(text: str) -> None:
    html = normalise(briefgen.markdown_to_html(text))
    assert _memo(markdown_source(text)) == html
    # Inside a list item, as pros and cons are written (GitHub puts footnotes at the end).
    item = re.sub(r"<section>.*</section>$", "", _memo("- " + markdown_block(text, 2)))
    assert item.startswith("<ul><li>") and item.endswith("</li></ul>")


@pytest.mark.parametrize(
    "text", ["Short note.", "A [link](https://example.org).", "Two\nlines", "a | b"]
)
def test_a_table_cell_shows_what_the_html_shows(text: str) -> None:
    cell = _memo(f"| x |\n|---|\n| {markdown_cell(text)} |")
    html = str(briefgen.markdown_to_html(text))
    inner = normalise(html).removeprefix("<p>").removesuffix("</p>")
    assert (
        cell.replace("<br>", " ")
        == f"<table><thead><tr><th>x</th></tr></thead><tbody><tr><td>{inner}</td></tr></tbody></table>"
    )


def test_the_comparison_sees_a_difference() -> None:
    assert not _agree("- a\n- b") or normalise("<p>- a - b</p>") != normalise(
        github_html("- a\n- b"), github=True
    )
