"""Batch builds: incremental, the manifest, --force, --keep-going, failures kept apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import cli


def build(workspace: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["build", "-w", str(workspace), "-j", "1", "--formats", "md", *args]
    )
    return result.exit_code, result.output


def stamps(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in sorted(folder.glob("*.md"))}


def test_a_no_op_build_renders_and_touches_nothing(workspace: Path) -> None:
    assert build(workspace)[0] == 0
    before = stamps(workspace / "output")
    code, output = build(workspace)
    assert code == 0
    assert "0 built, 3 up to date, 0 failed" in output
    assert stamps(workspace / "output") == before


def test_a_one_file_edit_re_renders_exactly_that_memo(workspace: Path) -> None:
    build(workspace)
    memo = workspace / "options" / "withdrawal-pace.yaml"
    memo.write_text(
        memo.read_text(encoding="utf-8").replace("\nstatus: ", "\nstatus: decided\n# was: "),
        encoding="utf-8",
    )
    code, output = build(workspace)
    assert code == 0
    assert "built options/withdrawal-pace.yaml" in output.replace(str(workspace) + "/", "")
    assert "1 built, 2 up to date" in output


def test_templates_and_settings_are_inputs_too(workspace: Path) -> None:
    build(workspace)
    templates = workspace / "templates"
    templates.mkdir()
    (templates / "memo.md.j2").write_text("{{ memo.title }}\n", encoding="utf-8")
    assert "3 built, 0 up to date" in build(workspace)[1]
    assert "3 built" in build(workspace, "--force")[1]


def test_an_output_changed_by_hand_is_rendered_again(workspace: Path) -> None:
    build(workspace)
    (workspace / "output" / "withdrawal-pace.md").write_text("edited", encoding="utf-8")
    assert "1 built, 2 up to date" in build(workspace)[1]


def test_the_manifest_lists_outputs_inputs_and_hashes(workspace: Path) -> None:
    build(workspace)
    manifest = json.loads((workspace / "output" / "manifest.json").read_text(encoding="utf-8"))
    entry = next(e for e in manifest["outputs"] if e["output"] == "output/withdrawal-pace.md")
    assert entry["source"] == "options/withdrawal-pace.yaml"
    assert entry["kind"] == "memo"
    assert "options/withdrawal-pace.yaml" in entry["inputs"]
    assert any(name.endswith("memo.md.j2") for name in entry["inputs"])
    assert len(entry["sha256"]) == 64 and entry["commit"] is None


def test_one_failing_memo_does_not_stop_the_others(workspace: Path) -> None:
    templates = workspace / "templates"
    templates.mkdir()
    (templates / "memo.md.j2").write_text(
        "{% if memo.id == 'withdrawal-pace' %}{{ no_such_variable }}{% endif %}{{ memo.title }}\n",
        encoding="utf-8",
    )
    code, output = build(workspace)
    assert code == 1
    assert "memo.md.j2:1: template error: 'no_such_variable' is undefined" in output
    assert "2 built, 0 up to date, 1 failed" in output
    assert sorted(p.name for p in (workspace / "output").glob("*.md")) == [
        "post-2011-presence.md",
        "regional-reconciliation.md",
    ]


def test_keep_going_renders_the_valid_files_and_still_fails(workspace: Path) -> None:
    (workspace / "options" / "broken.yaml").write_text("title: [\n", encoding="utf-8")
    code, output = build(workspace)
    assert code == 1 and not (workspace / "output").exists()
    code, output = build(workspace, "--keep-going")
    assert code == 1
    assert "broken.yaml:2:1: YAML syntax error" in output
    assert "3 built, 0 up to date, 0 failed, 1 invalid" in output


def test_a_no_op_pdf_build_does_not_touch_the_pdfs(workspace: Path) -> None:
    runner = CliRunner()
    args = ["build", "-w", str(workspace), "-j", "2"]
    assert runner.invoke(cli, args).exit_code == 0
    pdfs = {p.name: p.stat().st_mtime_ns for p in (workspace / "output").glob("*.pdf")}
    result = runner.invoke(cli, args)
    assert "0 built, 3 up to date" in result.output
    assert pdfs == {p.name: p.stat().st_mtime_ns for p in (workspace / "output").glob("*.pdf")}


def test_a_missing_font_subsetter_is_reported_once(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weasyprint.pdf import fonts

    monkeypatch.setattr(fonts, "harfbuzz_subset", None)  # as on a machine without it
    result = CliRunner().invoke(cli, ["build", "-w", str(workspace), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert result.output.count("libharfbuzz-subset0 is not installed") == 1
    assert "Using fontTools" not in result.output


def test_unchanged_option_sets_are_not_parsed_again(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefgen.check.batch

    assert build(workspace)[0] == 0
    parsed: list[Path] = []
    real = briefgen.check.batch.load_document
    monkeypatch.setattr(
        briefgen.check.batch, "load_document", lambda path: parsed.append(path) or real(path)
    )
    memo = workspace / "options" / "withdrawal-pace.yaml"
    memo.write_text(memo.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    code, output = build(workspace)
    assert code == 0
    assert [p.name for p in parsed] == ["withdrawal-pace.yaml"]
    assert "1 built, 2 up to date" in output


def test_cached_warnings_are_still_reported(workspace: Path) -> None:
    memo = workspace / "options" / "withdrawal-pace.yaml"
    text = memo.read_text(encoding="utf-8").replace("bluf: >", "bluf: >\n  <b>x</b>", 1)
    memo.write_text(text, encoding="utf-8")
    first = build(workspace)[1]
    second = build(workspace)[1]
    assert "raw HTML <b> is printed as text" in first
    assert [line for line in first.splitlines() if ": warning:" in line] == [
        line for line in second.splitlines() if ": warning:" in line
    ]


def test_a_forced_rebuild_from_the_cache_gives_the_same_bytes(workspace: Path) -> None:
    assert build(workspace, "--formats", "md")[0] == 0
    first = {p.name: p.read_bytes() for p in (workspace / "output").glob("*.md")}
    assert build(workspace, "--force")[0] == 0  # now from output/.briefgen/checked.json
    assert first == {p.name: p.read_bytes() for p in (workspace / "output").glob("*.md")}


def test_an_embedded_image_is_an_input(tmp_path: Path) -> None:
    (tmp_path / "options" / "assets").mkdir(parents=True)
    image = tmp_path / "options" / "assets" / "map.png"
    image.write_bytes(b"\x89PNG first")
    (tmp_path / "options" / "memo.yaml").write_text(
        "kind: information\ntitle: T\ndate: 2008-12-08\nbluf: '![map](assets/map.png)'\n",
        encoding="utf-8",
    )
    assert "1 built" in build(tmp_path)[1]
    assert "0 built, 1 up to date" in build(tmp_path)[1]
    image.write_bytes(b"\x89PNG second")
    assert "1 built, 0 up to date" in build(tmp_path)[1]
