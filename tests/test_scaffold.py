"""briefgen init and new: a workspace in one command, skeletons that validate as written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from ruamel.yaml import YAML

from briefgen.check.validate import load_option_set
from briefgen.cli import cli
from briefgen.scaffold import EXAMPLE_ID, skeleton

REPO = Path(__file__).resolve().parent.parent


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_init_then_build_renders_the_example_with_no_edits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = _run("init")
    assert code == 0, output
    for name in (
        f"options/{EXAMPLE_ID}.yaml",
        "templates/README.md",
        "briefgen.yaml",
        ".gitignore",
        ".pre-commit-config.yaml",
        "option-set.schema.json",
        "settings.schema.json",
    ):
        assert (tmp_path / name).is_file(), name
    assert (tmp_path / "meetings").is_dir()
    assert (tmp_path / ".git").is_dir(), "git init in a folder outside any repository"
    assert "output/" in (tmp_path / ".gitignore").read_text().split()

    code, output = _run("validate", "--strict")
    assert code == 0, output
    code, output = _run("fmt", "--check")
    assert code == 0, output
    code, output = _run("build", "-j", "1", "--formats", "md,pdf")
    assert code == 0, output
    pages = PdfReader(f"output/{EXAMPLE_ID}.pdf").pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Timing of the US Combat-Force Withdrawal from Iraqi Cities" in text
    assert "Ask Baghdad for exceptions" in text


def test_init_links_the_editor_schema_it_writes(tmp_path: Path) -> None:
    code, output = _run("init", str(tmp_path / "ws"))
    assert code == 0, output
    example = (tmp_path / "ws" / "options" / f"{EXAMPLE_ID}.yaml").read_text()
    first = example.splitlines()[0]
    assert first == "# yaml-language-server: $schema=../option-set.schema.json"
    schema = json.loads((tmp_path / "ws" / "option-set.schema.json").read_text())
    assert _run("schema")[1] == json.dumps(schema, indent=2) + "\n"
    settings = (tmp_path / "ws" / "briefgen.yaml").read_text().splitlines()[0]
    assert settings == "# yaml-language-server: $schema=settings.schema.json"


def test_init_twice_refuses_and_names_the_file(tmp_path: Path) -> None:
    assert _run("init", str(tmp_path))[0] == 0
    (tmp_path / "briefgen.yaml").write_text("paper: a4\n")
    code, output = _run("init", str(tmp_path))
    assert code == 1
    assert output.strip().splitlines() == [
        f"{_shown(tmp_path / 'options' / f'{EXAMPLE_ID}.yaml')}"
        ": already exists; nothing was written; move it away, or scaffold in another folder"
    ]
    assert (tmp_path / "briefgen.yaml").read_text() == "paper: a4\n", "nothing overwritten"


def test_init_writes_nothing_when_one_file_exists(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("mine\n")
    code, output = _run("init", str(tmp_path))
    assert code == 1
    assert ".gitignore: already exists" in output
    assert not (tmp_path / "options").exists()
    assert (tmp_path / ".gitignore").read_text() == "mine\n"


def test_init_inside_a_repository_makes_no_new_one(tmp_path: Path) -> None:
    assert _run("init", str(tmp_path))[0] == 0
    code, output = _run("init", str(tmp_path / "inner"))
    assert code == 0, output
    assert not (tmp_path / "inner" / ".git").exists()
    assert "initialised" not in output


def test_new_option_set_validates_and_says_what_to_fill(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = _run("new", "option-set", "troop-levels")
    assert code == 0, output
    assert "fill in the fields marked FILL" in output
    option_set = load_option_set(tmp_path / "options" / "troop-levels.yaml")
    assert option_set.id == "troop-levels"
    assert option_set.title == "Troop levels"
    assert len(option_set.options) == 2
    assert "FILL" in (tmp_path / "options" / "troop-levels.yaml").read_text()
    code, output = _run("validate", "--strict")
    assert code == 0, output
    code, output = _run("new", "option-set", "troop-levels")
    assert code == 1
    assert "troop-levels.yaml: already exists" in output


def test_new_meeting_validates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert _run("init")[0] == 0
    code, output = _run("new", "meeting", "deputies-2009-01-05")
    assert code == 0, output
    assert (tmp_path / "meetings" / "deputies-2009-01-05.yaml").is_file()
    code, output = _run("validate", "--strict")
    assert code == 0, output
    code, output = _run("build", "-j", "1", "--formats", "md")
    assert code == 0, output
    assert (
        "Deputies 2009 01 05" in (tmp_path / "output/meetings/deputies-2009-01-05.md").read_text()
    )


def test_new_refuses_a_name_that_is_not_an_id(tmp_path: Path) -> None:
    code, output = _run("new", "option-set", "Troop_Levels", "-w", str(tmp_path))
    assert code == 1
    assert output.strip() == (
        "Troop_Levels: is not an id; use lowercase letters, digits and single hyphens, "
        "as in 'withdrawal-pace'"
    )


def test_the_pre_commit_config_runs_our_hooks() -> None:
    """The skeleton's local hooks are the repository's own, id for id and entry for entry."""
    ours = {hook["id"]: hook for hook in YAML(typ="safe").load(REPO / ".pre-commit-hooks.yaml")}
    config = YAML(typ="safe").load(skeleton("pre-commit-config.yaml"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert set(hooks) == set(ours)
    for hook_id, hook in hooks.items():
        assert (hook["entry"], hook["files"]) == (ours[hook_id]["entry"], ours[hook_id]["files"])


def _shown(path: Path) -> str:
    from briefgen.paths import display_path

    return display_path(path)
