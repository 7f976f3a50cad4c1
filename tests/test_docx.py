"""The Word memo (--formats docx), read back with python-docx: headings in Word's heading
styles, bullet lists as Word lists, real tables with a repeated header row, the marking
in every page header and footer, and every option, stakeholder, risk and decision line."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

from briefgen.check.validate import load_option_set
from briefgen.cli import cli
from briefgen.render import render_memo
from briefgen.render.docx import DECISION_LINES
from briefgen.render.templates import TemplateSet, packaged_templates
from briefgen.versions.git import Revision, Version

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
VERSION = Version(
    "options/x.yaml", Revision("0" * 40, "abc1234", datetime(2008, 12, 9, tzinfo=UTC)), "committed"
)


def _render(source: Path, template: Path | None = None) -> tuple[bytes, dict[str, str]]:
    rendered = render_memo(
        load_option_set(source),
        source=source,
        templates=TemplateSet((packaged_templates(),)),
        formats=("docx",),
        workspace=source.parent,
        version=VERSION,
        docx_template=template,
    )
    return rendered.files["docx"], rendered.reads.files


def _text(document: docx.document.Document) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


@pytest.fixture(scope="module", params=sorted((REPO / "options").glob("*.yaml")), ids=str)
def demo(request: pytest.FixtureRequest) -> tuple[Path, docx.document.Document]:
    data, _ = _render(request.param)
    return request.param, docx.Document(io.BytesIO(data))


def test_the_word_memo_holds_every_option_stakeholder_risk_and_decision_line(
    demo: tuple[Path, docx.document.Document],
) -> None:
    source, document = demo
    option_set = load_option_set(source)
    text = _text(document)
    for option in option_set.options:
        assert option.title in text
        for risk in option.risks:
            assert risk.title in text
    for holder in option_set.stakeholders:
        assert holder.name in text
    for clearance in option_set.clearances:
        assert clearance.office in text
    if option_set.kind == "decision":
        decision = [p.text for p in document.paragraphs if p.text.startswith("Approve")]
        assert decision and all(line in decision[0] for line in DECISION_LINES)
    assert "**" not in text and "](" not in text, "Markdown printed as typed"


def test_headings_are_word_heading_styles(demo: tuple[Path, docx.document.Document]) -> None:
    source, document = demo
    option_set = load_option_set(source)
    headings = {p.text: p.style.name for p in document.paragraphs if "Heading" in p.style.name}
    for title in ("Bottom Line Up Front", "Options at a Glance", "Options", "Clearances"):
        assert headings[title] == "Heading 1"
    for number, option in enumerate(option_set.options, 1):
        name = next(h for h in headings if h.startswith(f"Option {number}: {option.title}"))
        assert headings[name] == "Heading 2"
    assert headings["Risks"] == "Heading 3"


def test_tables_are_word_tables_with_a_repeated_header_row(
    demo: tuple[Path, docx.document.Document],
) -> None:
    source, document = demo
    option_set = load_option_set(source)
    headers = [[c.text for c in table.rows[0].cells] for table in document.tables]
    risk_tables = [h for h in headers if h[:2] == ["Risk", "Likelihood"]]
    position_tables = [h for h in headers if h == ["Stakeholder", "Stance", "Note"]]
    assert len(risk_tables) == sum(1 for o in option_set.options if o.risks)
    assert len(position_tables) == sum(1 for o in option_set.options if o.positions)
    assert headers[0][1].startswith(f"Option 1: {option_set.options[0].title}")
    for table in document.tables:
        first = table.rows[0]._tr
        flags = first.findall(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
        assert flags and flags[0].get(qn("w:val")) == "true"
        assert not any(r._tr.findall(f"{qn('w:trPr')}/{qn('w:tblHeader')}") for r in table.rows[1:])


def test_bullet_lists_are_word_lists_and_markdown_becomes_runs(
    demo: tuple[Path, docx.document.Document],
) -> None:
    source, document = demo
    option_set = load_option_set(source)
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    pros = [point.text for option in option_set.options for point in option.pros]
    assert len(bullets) >= len(pros)
    glance = document.tables[0]
    weighted = glance.rows[-1].cells
    assert weighted[0].text == "Weighted score"
    assert all(run.bold for run in weighted[0].paragraphs[0].runs if run.text)


def test_the_marking_is_in_every_page_header_and_footer(
    demo: tuple[Path, docx.document.Document],
) -> None:
    source, document = demo
    marking = load_option_set(source).marking
    for section in document.sections:
        assert [p.text for p in section.header.paragraphs] == [marking]
        assert [p.text for p in section.footer.paragraphs] == [marking]


def test_a_point_of_two_paragraphs_keeps_them_apart() -> None:
    document = docx.Document(io.BytesIO(_render(DATA / "full.yaml")[0]))
    point = next(p for p in document.paragraphs if p.text.startswith("The Kurdish parties"))
    assert point.text.startswith("The Kurdish parties may walk out.\nThey have done so before.")
    assert point.style.name == "List Bullet"


def test_equal_memos_give_equal_bytes() -> None:
    assert _render(DATA / "full.yaml")[0] == _render(DATA / "full.yaml")[0]


def test_an_office_template_gives_its_styles_and_is_reported_as_read(tmp_path: Path) -> None:
    office = docx.Document()
    office.styles["Normal"].font.name = "Arial"
    office.styles["Heading 1"].font.name = "Georgia"
    office.add_paragraph("Sample text of the office template")
    template = tmp_path / "office.docx"
    office.save(str(template))

    data, reads = _render(DATA / "full.yaml", template)
    document = docx.Document(io.BytesIO(data))
    assert document.styles["Normal"].font.name == "Arial"
    assert document.styles["Heading 1"].font.name == "Georgia"
    assert "Sample text" not in _text(document), "the template's body is cleared"
    assert str(template.resolve()) in reads


def test_build_writes_output_id_docx_and_no_word_packet(workspace: Path) -> None:
    (workspace / "meetings").mkdir()
    (workspace / "meetings" / "m.yaml").write_text(
        "title: M\ndate: 2008-12-15\nagenda:\n  - option_set: withdrawal-pace\n"
    )
    result = CliRunner().invoke(
        cli, ["build", "-w", str(workspace), "-j", "1", "--formats", "docx,md"]
    )
    assert result.exit_code == 0, result.output
    assert (workspace / "output" / "withdrawal-pace.docx").is_file()
    assert (workspace / "output" / "meetings" / "m.md").is_file()
    assert not (workspace / "output" / "meetings" / "m.docx").exists()
    result = CliRunner().invoke(
        cli, ["build", "-w", str(workspace), "-j", "1", "--formats", "docx,md"]
    )
    assert "0 built" in result.output, "a second build renders nothing"
