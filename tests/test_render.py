"""Rendering one option set: golden Markdown and HTML, and the PDF read back with pypdf."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefgen.check.validate import load_option_set
from briefgen.render import Rendered, render_memo
from briefgen.render.templates import TemplateSet, packaged_templates
from briefgen.schema.option_set import OptionSet
from briefgen.versions.git import Revision, Version

#: A stamp that does not depend on the state of this checkout.
FIXED_VERSION = Version(
    "tests/data/full.yaml",
    Revision("0" * 40, "abc1234", datetime(2008, 12, 9, 12, 0, tzinfo=UTC)),
    "committed",
)


@pytest.fixture(scope="module")
def full(request: pytest.FixtureRequest) -> tuple[OptionSet, Rendered]:
    source = Path(__file__).parent / "data" / "full.yaml"
    option_set = load_option_set(source)
    templates = TemplateSet((packaged_templates(),))
    rendered = render_memo(
        option_set,
        source=source,
        templates=templates,
        formats=("md", "html", "pdf"),
        workspace=source.parent,
        version=FIXED_VERSION,
    )
    return option_set, rendered


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_markdown_matches_golden(
    full: tuple[OptionSet, Rendered], golden: Callable[[str, str], None]
) -> None:
    golden("full.md", full[1].files["md"].decode("utf-8"))


def test_html_matches_golden(
    full: tuple[OptionSet, Rendered], golden: Callable[[str, str], None]
) -> None:
    # The stylesheet is left out: it is the template's, and the PDF tests check its effect.
    html = full[1].files["html"].decode("utf-8")
    golden("full.html", re.sub(r"(?s)<style>.*?</style>", "<style>…</style>", html))


def test_html_is_self_contained(full: tuple[OptionSet, Rendered]) -> None:
    html = full[1].files["html"].decode("utf-8")
    assert "<style>" in html and "@page" in html
    assert not re.search(r"<link[^>]+stylesheet|<script", html)


def test_pdf_metadata(full: tuple[OptionSet, Rendered]) -> None:
    reader = PdfReader(io.BytesIO(full[1].files["pdf"]))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == 'Kirkuk & the "disputed territories" <draft>'
    assert meta.author == "NEA – Iraq Office (A. Analyst)"
    assert meta.subject == 'Action Memo: Kirkuk & the "disputed territories" <draft>'
    assert meta["/Keywords"] == "iraq, kirkuk"


def test_pdf_outline_has_the_sections_and_options(full: tuple[OptionSet, Rendered]) -> None:
    reader = PdfReader(io.BytesIO(full[1].files["pdf"]))
    top = [item for item in reader.outline if not isinstance(item, list)]
    titles = [item.title for item in top]
    # The memo proper in action-memo order, then each tab.
    assert titles == [
        "Issue for Decision",
        "Bottom Line Up Front",
        "Background",
        "Options",
        "Recommendation",
        "Tab 1 — Options in detail",
        "Tab 2 — Analysis",
        "Tab 3 — Stakeholders and stances",
        "Tab 4 — Risk register",
        "Tab 5 — Sources",
    ]
    nested = next(item for item in reader.outline if isinstance(item, list))
    assert [item.title for item in nested] == [
        "Option 1: Back UN mediation [UNAMI] (Recommended)",
        "Option 2: Wait until after the elections",
    ]


def test_every_page_has_marking_top_and_bottom_and_page_i_of_n(
    full: tuple[OptionSet, Rendered],
) -> None:
    reader = PdfReader(io.BytesIO(full[1].files["pdf"]))
    total = len(reader.pages)
    assert total >= 2
    for number, page in enumerate(reader.pages, 1):
        text = page.extract_text()
        assert text.count("UNCLASSIFIED//FOR OFFICIAL USE ONLY") == 2, number
        assert f"Page {number} of {total}" in text


def test_pdf_holds_every_piece_of_content(full: tuple[OptionSet, Rendered]) -> None:
    option_set, rendered = full
    # Compared without white space: lines wrap at different places in the PDF.
    text = "".join(pdf_text(rendered.files["pdf"]).split())
    expected = [
        option_set.title,
        "ACTION MEMO FOR THE SECRETARY",
        "Deputy Secretary",
        "December 8, 2008",
        "December 19, 2008",
        "Proposed",
        "Approve",
        "Disapprove",
        "Let’s discuss",
        "Drafted by:",
        "Strongly support",
        "Oppose",
        "Unknown",
        "Support",
        "Possible (3)",
        "Major (4)",
        "Likely (4)",
        "Severe (5)",
        "Rare (1)",
        "Minor (2)",
        "Very high",
        "Not cleared",
        "Pending",
        "Cleared",
        "Manage closely",
    ]
    for option in option_set.options:
        expected += [option.title, *(risk.title for risk in option.risks)]
    for holder in option_set.stakeholders:
        expected.append(holder.name)
    for clearance in option_set.clearances:
        expected += [clearance.office, clearance.name or ""]
    for source in option_set.sources:
        expected += [source.title, source.author or ""]
    expected += [
        "Keep a bilateral channel open.",
        "Fear delay of the referendum.",
        "Fall back to the status quo.",
        "About $5 million",
        "Embassy Baghdad",
    ]
    missing = [item for item in expected if item and "".join(item.split()) not in text]
    assert not missing


def test_citations_print_source_numbers(full: tuple[OptionSet, Rendered]) -> None:
    markdown = full[1].files["md"].decode("utf-8")
    assert "Uses the UN's standing with all sides. \\[2\\]" in markdown
    assert "They have done so before. \\[1, 2\\]" in markdown


def test_information_memo_has_no_decision_lines(full_yaml: Path, tmp_path: Path) -> None:
    text = full_yaml.read_text(encoding="utf-8").replace("kind: decision", "kind: information")
    source = tmp_path / "info.yaml"
    source.write_text(text, encoding="utf-8")
    rendered = render_memo(
        load_option_set(source),
        source=source,
        templates=TemplateSet((packaged_templates(),)),
        formats=("md",),
    )
    markdown = rendered.files["md"].decode("utf-8")
    assert "# INFORMATION MEMO" in markdown
    assert "Disapprove" not in markdown


def test_numbered_lists_keep_their_start_in_the_pdf(tmp_path: Path) -> None:
    source = tmp_path / "numbers.yaml"
    source.write_text(
        "kind: information\ntitle: T\ndate: 2008-12-08\nbluf: B\n"
        # A list numbered from 3 cannot interrupt a paragraph (GFM 5.2), hence the blank line.
        "background: |\n  Steps:\n\n  3. third step\n  4. fourth step\n",
        encoding="utf-8",
    )
    rendered = render_memo(
        load_option_set(source),
        source=source,
        templates=TemplateSet((packaged_templates(),)),
        formats=("pdf",),
    )
    text = pdf_text(rendered.files["pdf"])
    # pypdf reads list markers apart from their items.
    assert re.findall(r"^(\d+)\. ", text, re.MULTILINE) == ["3", "4"]
    assert "third step" in text
