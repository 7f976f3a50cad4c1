"""The bad-input corpus: one tiny file per kind of mistake, with its exact message.

Each ``data/invalid/<kind>.yaml`` sits beside ``<kind>.expected``, the lines the user must
see. Messages name the file as given, so the tests run from inside that folder.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.check.validate import load_option_set
from briefgen.cli import cli
from briefgen.errors import InputError
from briefgen.load.reader import MAX_FILE_BYTES

INVALID = Path(__file__).parent / "data" / "invalid"
CASES = sorted(p.stem for p in INVALID.glob("*.yaml"))


@pytest.mark.parametrize("kind", CASES)
def test_each_mistake_gives_its_exact_located_message(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(INVALID)
    with pytest.raises(InputError) as caught:
        load_option_set(Path(f"{kind}.yaml"))
    expected = (INVALID / f"{kind}.expected").read_text(encoding="utf-8").strip()
    assert str(caught.value) == expected


@pytest.mark.parametrize("kind", CASES)
def test_cli_exits_1_with_plain_lines_and_writes_nothing(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "options").mkdir()
    shutil.copy(INVALID / f"{kind}.yaml", tmp_path / "options" / f"{kind}.yaml")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build", "--jobs", "1"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.startswith(f"options/{kind}.yaml")
    assert not (tmp_path / "output").exists()


def test_billion_laughs_is_refused_quickly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(INVALID)
    started = time.perf_counter()
    with pytest.raises(InputError, match="expand to more than"):
        load_option_set(Path("billion-laughs.yaml"))
    assert time.perf_counter() - started < 5  # generous: it takes well under a second


def test_file_over_the_size_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("title: " + "x" * MAX_FILE_BYTES + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"over the 1,000,000-byte limit"):
        load_option_set(big)


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("title: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="nesting is deeper than"):
        load_option_set(deep)


def test_one_bad_file_stops_the_whole_build_before_anything_is_written(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = workspace / "output"
    output.mkdir()
    (output / "earlier.md").write_text("kept", encoding="utf-8")
    shutil.copy(INVALID / "unknown-key.yaml", workspace / "options" / "broken.yaml")
    monkeypatch.chdir(workspace)
    result = CliRunner().invoke(cli, ["build", "--jobs", "1"])
    assert result.exit_code == 1
    assert "options/broken.yaml:8:1: backgroud: unknown key" in result.output
    assert sorted(p.name for p in output.iterdir()) == ["earlier.md"]
    assert (output / "earlier.md").read_text(encoding="utf-8") == "kept"


def test_two_files_with_one_id_are_an_error(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    options = workspace / "options"
    text = (options / "withdrawal-pace.yaml").read_text(encoding="utf-8")
    (options / "copy.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(workspace)
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 1
    assert "id 'withdrawal-pace' is also used by options/copy.yaml" in result.output
