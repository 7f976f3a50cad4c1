"""The build re-renders exactly what changed, because the renderer reports what it read.

Two cases that once left stale output behind: a packet whose meeting file was committed
after the first build (its date comes from git), and a workspace template that
``{% include %}``s another one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from click.testing import CliRunner

from briefgen.cli import cli

REPO = Path(__file__).parent.parent
MEETING = """\
title: Deputies Committee
date: 2008-12-17
agenda:
  - {option_set: withdrawal-pace, minutes: 15}
"""
GIT_ENV = {
    "GIT_AUTHOR_NAME": "A",
    "GIT_AUTHOR_EMAIL": "a@example.org",
    "GIT_COMMITTER_NAME": "A",
    "GIT_COMMITTER_EMAIL": "a@example.org",
}


def git(repo: Path, *args: str, date: str) -> None:
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True)


def build(workspace: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["build", "-w", str(workspace), "-j", "1", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_committing_the_meeting_file_rebuilds_its_packet_only(tmp_path: Path) -> None:
    shutil.copytree(REPO / "options", tmp_path / "options")
    (tmp_path / "meetings").mkdir()
    (tmp_path / "meetings" / "dc.yaml").write_text(MEETING, encoding="utf-8")
    git(tmp_path, "init", "-q", date="2008-12-01T10:00:00+00:00")
    git(tmp_path, "add", "options", date="2008-12-01T10:00:00+00:00")
    git(tmp_path, "commit", "-qm", "options", date="2008-12-01T10:00:00+00:00")
    build(tmp_path, "--formats", "md,pdf")
    packet = tmp_path / "output" / "meetings" / "dc.pdf"
    uncommitted = packet.read_bytes()

    git(tmp_path, "add", "meetings", date="2008-12-05T10:00:00+00:00")
    git(tmp_path, "commit", "-qm", "meeting", date="2008-12-05T10:00:00+00:00")
    assert "1 built, 3 up to date" in build(tmp_path, "--formats", "md,pdf")
    incremental = packet.read_bytes()
    assert incremental != uncommitted
    build(tmp_path, "--formats", "md,pdf", "--force")
    assert packet.read_bytes() == incremental


def test_editing_an_included_template_rebuilds_the_memos(tmp_path: Path) -> None:
    shutil.copytree(REPO / "options", tmp_path / "options")
    templates = tmp_path / "templates"
    templates.mkdir()
    default = (REPO / "templates" / "memo.md.j2").read_text(encoding="utf-8")
    (templates / "memo.md.j2").write_text(
        default + '{% include "footer.md.j2" %}\n', encoding="utf-8"
    )
    (templates / "footer.md.j2").write_text("Prepared for the principals.\n", encoding="utf-8")
    build(tmp_path, "--formats", "md")
    assert "0 built, 3 up to date" in build(tmp_path, "--formats", "md")

    (templates / "footer.md.j2").write_text("Prepared for the deputies.\n", encoding="utf-8")
    assert "3 built, 0 up to date" in build(tmp_path, "--formats", "md")
    memo = (tmp_path / "output" / "withdrawal-pace.md").read_text(encoding="utf-8")
    assert "Prepared for the deputies." in memo
    assert "Prepared for the principals." not in memo


def test_a_template_that_starts_to_override_a_default_is_a_change(tmp_path: Path) -> None:
    shutil.copytree(REPO / "options", tmp_path / "options")
    build(tmp_path, "--formats", "md")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "memo.md.j2").write_text("{{ memo.title }}\n", encoding="utf-8")
    assert "3 built, 0 up to date" in build(tmp_path, "--formats", "md")
    memo = (tmp_path / "output" / "withdrawal-pace.md").read_text(encoding="utf-8")
    assert memo.startswith("Pace of")


def test_source_date_epoch_is_an_input(tmp_path: Path, monkeypatch: object) -> None:
    shutil.copytree(REPO / "options", tmp_path / "options")
    build(tmp_path, "--formats", "pdf")
    os.environ["SOURCE_DATE_EPOCH"] = "1228730400"
    try:
        assert "3 built, 0 up to date" in build(tmp_path, "--formats", "pdf")
        assert "0 built, 3 up to date" in build(tmp_path, "--formats", "pdf")
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def test_the_manifest_records_what_the_render_read(tmp_path: Path) -> None:
    import json

    shutil.copytree(REPO / "options", tmp_path / "options")
    build(tmp_path, "--formats", "pdf")
    manifest = json.loads((tmp_path / "output" / "manifest.json").read_text(encoding="utf-8"))
    entry = next(e for e in manifest["outputs"] if e["output"] == "output/withdrawal-pace.pdf")
    read = set(entry["inputs"])
    # memo.html.j2 includes memo_body.html.j2: the include is reported, not listed by hand.
    assert {"template:memo.html.j2", "template:memo_body.html.j2", "template:memo.css"} <= read
    assert "options/withdrawal-pace.yaml" in read
    assert (
        entry["facts"]["git:options/withdrawal-pace.yaml"].startswith("not under version control")
        or "@" in entry["facts"]["git:options/withdrawal-pace.yaml"]
    )
