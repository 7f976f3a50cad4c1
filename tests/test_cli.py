"""The command line end to end: the demo workspace builds, exit codes, light commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefgen.check.validate import load_option_set
from briefgen.cli import cli

REPO = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace, built once with the command line (two processes)."""
    import shutil

    root = tmp_path_factory.mktemp("ws")
    shutil.copytree(REPO / "options", root / "options")
    result = CliRunner().invoke(
        cli, ["build", "--workspace", str(root), "--jobs", "2", "--formats", "md,html,pdf"]
    )
    assert result.exit_code == 0, result.output
    return root


def test_build_renders_every_option_set(built: Path) -> None:
    stems = sorted(p.stem for p in (built / "options").glob("*.yaml"))
    assert len(stems) == 3
    for suffix in (".md", ".html", ".pdf"):
        assert sorted(p.stem for p in (built / "output").glob(f"*{suffix}")) == stems


def test_demo_pdfs_carry_their_content_and_page_furniture(built: Path) -> None:
    for source in sorted((built / "options").glob("*.yaml")):
        option_set = load_option_set(source)
        reader = PdfReader(built / "output" / f"{option_set.id}.pdf")
        assert reader.metadata is not None and reader.metadata.title == option_set.title
        pages = [page.extract_text() for page in reader.pages]
        for number, text in enumerate(pages, 1):
            assert text.count(option_set.marking or "") >= 2
            assert f"Page {number} of {len(pages)}" in text
        # Compared without white space: lines wrap at different places in the PDF.
        flat = "".join("".join(pages).split())
        for option in option_set.options:
            assert "".join(option.title.split()) in flat
        for holder in option_set.stakeholders:
            assert "".join(holder.name.split()) in flat
        assert "Approve" in flat and "Disapprove" in flat


def test_build_outside_a_workspace_is_a_plain_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "--workspace", str(tmp_path)])
    assert result.exit_code == 1
    assert "no options/ folder here" in result.output
    assert "Traceback" not in result.output


def test_render_writes_to_output_by_default(
    tmp_path: Path, full_yaml: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["render", str(full_yaml), "--formats", "md", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "output" / "full-example.md").is_file()


def test_unknown_format_is_a_usage_error(full_yaml: Path) -> None:
    result = CliRunner().invoke(cli, ["render", str(full_yaml), "--formats", "odt"])
    assert result.exit_code == 2


def test_missing_file_is_a_plain_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["render", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 1
    assert result.output.strip().endswith("nope.yaml: no such file or folder")


def test_validate_json_lists_located_issues(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: T\ndate: 2008-12-08\nbluf: B\nkind: memo\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "--format", "json", str(bad)])
    assert result.exit_code == 1
    issues = json.loads(result.output)
    assert {"line": 4, "column": 7, "field": "kind"}.items() <= issues[0].items()


def test_validate_demo_options(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 0
    assert result.output == "3 option sets and 1 meeting valid\n"


def test_schema_describes_every_field() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    schema = json.loads(result.output)
    assert "id" not in schema["required"]
    assert "from" in schema["properties"]

    def walk(node: dict[str, object]) -> None:
        for name, prop in node.get("properties", {}).items():  # type: ignore[attr-defined]
            assert prop.get("description"), name

    walk(schema)
    for definition in schema["$defs"].values():
        walk(definition)


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and "briefgen" in result.output


@pytest.mark.parametrize(
    "command",
    [["validate", "options"], ["schema"], ["--help"], ["fmt", "--check"], ["diff", "HEAD"]],
)
def test_commands_that_do_not_render_import_no_renderer(command: list[str]) -> None:
    code = (
        "import sys; from briefgen.cli import main; sys.argv = ['briefgen', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert 'weasyprint' not in sys.modules, 'weasyprint was imported'\n"
        "renderers = [m for m in ('jinja2', 'markdown', 'nh3') if m in sys.modules]\n"
        "assert not renderers, f'{renderers} imported'"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *command],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_fmt_check_fails_on_a_messy_file_and_fmt_mends_it(tmp_path: Path) -> None:
    memo = tmp_path / "memo.yaml"
    memo.write_text(
        "bluf: B  # the answer\ntitle: T\nkind: information\ndate: 2008-12-08\n", encoding="utf-8"
    )
    before = memo.read_bytes()
    check = CliRunner().invoke(cli, ["fmt", "--check", str(memo)])
    assert check.exit_code == 1 and "would reformat" in check.output
    assert memo.read_bytes() == before
    assert CliRunner().invoke(cli, ["fmt", str(memo)]).exit_code == 0
    assert memo.read_text(encoding="utf-8") == (
        "title: T\nkind: information\ndate: 2008-12-08\nbluf: B  # the answer\n"
    )
    again = CliRunner().invoke(cli, ["fmt", "--check", str(memo)])
    assert again.exit_code == 0 and "0 files would be reformatted, 1 unchanged" in again.output


def test_the_demo_files_are_in_canonical_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(cli, ["fmt", "--check"])
    assert result.exit_code == 0, result.output
