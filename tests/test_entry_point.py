"""``python -m briefgen`` as a user runs it: a whole process, its exit status and output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

FULL = Path(__file__).parent / "data" / "full.yaml"


def briefgen(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefgen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_render_exits_0_and_writes_the_memo(tmp_path: Path) -> None:
    done = briefgen("render", str(FULL), "-j", "1", "--formats", "md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "1 built, 0 up to date, 0 failed, 0 invalid" in done.stdout
    assert (
        (tmp_path / "output" / "full-example.md")
        .read_text(encoding="utf-8")
        .startswith("**UNCLASSIFIED")
    )


def test_an_invalid_file_exits_1_with_one_plain_line(tmp_path: Path) -> None:
    memo = tmp_path / "memo.yaml"
    memo.write_text("title: T\n", encoding="utf-8")
    done = briefgen("render", "memo.yaml", "-j", "1", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("memo.yaml:")
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "output").exists()
