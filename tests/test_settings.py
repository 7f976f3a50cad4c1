"""The workspace setting file, briefgen.yaml: validated like an option set, an input of
every output, its own JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import cli
from briefgen.schema.settings import WorkspaceSettings


def run(workspace: Path, *args: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(workspace)
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            "paper: b5\n",
            "briefgen.yaml:1:8: paper: 'b5' is not a paper size; use one of letter, a4",
        ),
        (
            "paper: a4\nfont_size: 20\n",
            "briefgen.yaml:2:12: font_size: '20' is too large; it must be at most 14",
        ),
        (
            "font_size: 8.5\n",
            "briefgen.yaml:1:12: font_size: '8.5' is too small; it must be at least 9",
        ),
        (
            "font_size: large\n",
            "briefgen.yaml:1:12: font_size: 'large' is not a number; write a number such as 1 or 2.5",
        ),
        (
            "# house style\ntab_labels: roman\n",
            "briefgen.yaml:2:13: tab_labels: 'roman' is not a tab label style; "
            "use one of number, letter",
        ),
        ("papr: a4\n", "briefgen.yaml:1:1: papr: unknown key 'papr'; did you mean 'paper'?"),
    ],
)
def test_validate_locates_mistakes_in_briefgen_yaml(
    workspace: Path, text: str, line: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (workspace / "briefgen.yaml").write_text(text, encoding="utf-8")
    code, output = run(workspace, "validate", monkeypatch=monkeypatch)
    assert code == 1
    assert output.splitlines() == [line]
    code, output = run(workspace, "validate", "briefgen.yaml", monkeypatch=monkeypatch)
    assert (code, output.splitlines()) == (1, [line])


@pytest.mark.parametrize("command", ["build", "render", "packet"])
def test_an_invalid_briefgen_yaml_stops_every_render(
    workspace: Path, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (workspace / "meetings").mkdir()
    (workspace / "meetings" / "m.yaml").write_text(
        "title: T\ndate: 2008-12-17\nagenda: [{option_set: withdrawal-pace}]\n", encoding="utf-8"
    )
    (workspace / "briefgen.yaml").write_text("paper: legal\n", encoding="utf-8")
    files = {"build": [], "render": ["options/withdrawal-pace.yaml"], "packet": ["meetings/m.yaml"]}
    # --keep-going renders past invalid option sets, never past invalid settings.
    code, output = run(
        workspace, command, *files[command], "-j", "1", "--keep-going", monkeypatch=monkeypatch
    )
    assert code == 1
    assert "briefgen.yaml:1:8: paper: 'legal' is not a paper size; use one of letter, a4" in output
    assert not (workspace / "output").exists()


def test_an_empty_or_commented_briefgen_yaml_means_the_defaults(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (workspace / "briefgen.yaml").write_text("# paper: a4\n", encoding="utf-8")
    assert run(workspace, "validate", monkeypatch=monkeypatch) == (0, "3 option sets valid\n")


def test_changing_briefgen_yaml_renders_again(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build = ("build", "-j", "1", "--formats", "md")
    assert "3 built" in run(workspace, *build, monkeypatch=monkeypatch)[1]
    assert "0 built, 3 up to date" in run(workspace, *build, monkeypatch=monkeypatch)[1]
    (workspace / "briefgen.yaml").write_text("paper: a4\n", encoding="utf-8")
    assert "3 built, 0 up to date" in run(workspace, *build, monkeypatch=monkeypatch)[1]
    assert "0 built, 3 up to date" in run(workspace, *build, monkeypatch=monkeypatch)[1]
    (workspace / "briefgen.yaml").unlink()
    assert "3 built, 0 up to date" in run(workspace, *build, monkeypatch=monkeypatch)[1]


def test_schema_of_the_settings_lists_every_key_with_its_default() -> None:
    result = CliRunner().invoke(cli, ["schema", "--settings"])
    schema = json.loads(result.output)
    assert schema["additionalProperties"] is False
    assert schema["properties"]["paper"]["enum"] == ["letter", "a4"]
    assert {name: field["default"] for name, field in schema["properties"].items()} == {
        "paper": "letter",
        "font_size": 12.0,
        "tab_labels": "number",
    }
    assert all(field["description"] for field in schema["properties"].values())


@pytest.mark.parametrize(
    ("style", "labels"),
    [
        ("number", ["Tab 1", "Tab 2", "Tab 27"]),
        ("letter", ["TAB A", "TAB B", "TAB AA"]),
    ],
)
def test_tab_labels(style: str, labels: list[str]) -> None:
    settings = WorkspaceSettings.model_validate({"tab_labels": style})
    assert [settings.tab_label(n) for n in (1, 2, 27)] == labels
