"""git-native versioning: reproducible memos, version stamps, semantic diffs, --since.

Each test works in a scratch repository with two commits of one option set: a risk
re-rated, a stance flipped, an option added and the recommendation changed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefgen.cli import cli

FULL = Path(__file__).parent / "data" / "full.yaml"
FIRST_DATE = "2008-12-09T10:00:00+00:00"
SECOND_DATE = "2008-12-10T10:00:00+00:00"


def git(repo: Path, *args: str, date: str = FIRST_DATE) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_AUTHOR_NAME": "A",
        "GIT_AUTHOR_EMAIL": "a@example.org",
        "GIT_COMMITTER_NAME": "A",
        "GIT_COMMITTER_EMAIL": "a@example.org",
    }
    done = subprocess.run(
        ["git", "-C", str(repo), *args], env=env, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def second_version(text: str) -> str:
    text = text.replace("likelihood: possible", "likelihood: likely")
    text = text.replace("turkey: strongly-support", "turkey: oppose")
    text = text.replace("recommendation:\n  option: mediate", "recommendation:\n  option: wait")
    new_option = (
        "  - id: referendum\n    title: Press for an early referendum\n"
        "    summary: Hold the vote now.\n"
    )
    return text.replace("recommendation:", new_option + "recommendation:", 1)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A workspace under git: commit one, then commit two of options/kirkuk.yaml."""
    root = tmp_path / "repo"
    (root / "options").mkdir(parents=True)
    memo = root / "options" / "kirkuk.yaml"
    memo.write_text(
        FULL.read_text(encoding="utf-8").replace("id: full-example", "id: kirkuk"), encoding="utf-8"
    )
    (root / ".gitignore").write_text("output/\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "first")
    memo.write_text(second_version(memo.read_text(encoding="utf-8")), encoding="utf-8")
    git(root, "commit", "-qam", "second", date=SECOND_DATE)
    return root


def build(workspace: Path, *args: str) -> str:
    result = CliRunner().invoke(
        cli, ["build", "-w", str(workspace), "-j", "1", "--formats", "md,html,pdf", *args]
    )
    assert result.exit_code == 0, result.output
    return result.output


def pdf_text(path: Path) -> str:
    return "".join("".join(p.extract_text() for p in PdfReader(path).pages).split())


def test_same_commit_gives_identical_bytes_in_another_folder_and_later(
    repo: Path, tmp_path: Path
) -> None:
    git(repo, "checkout", "-q", "HEAD~1")
    build(repo)
    other = tmp_path / "elsewhere" / "clone"
    shutil.copytree(repo, other, ignore=shutil.ignore_patterns("output"))
    time.sleep(1.1)  # a clock that moved on must not show in the output
    build(other)
    for suffix in (".md", ".html", ".pdf"):
        first = (repo / "output" / f"kirkuk{suffix}").read_bytes()
        assert first == (other / "output" / f"kirkuk{suffix}").read_bytes(), suffix


def test_fonttools_subsetting_is_reproducible_too(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weasyprint.pdf import fonts

    monkeypatch.setattr(fonts, "harfbuzz_subset", None)  # force WeasyPrint's fallback
    build(repo)
    first = (repo / "output" / "kirkuk.pdf").read_bytes()
    time.sleep(1.1)
    build(repo)
    assert (repo / "output" / "kirkuk.pdf").read_bytes() == first


def test_memo_shows_the_commit_and_its_date(repo: Path) -> None:
    build(repo)
    short = git(repo, "rev-parse", "--short", "HEAD")
    stamp = f"options/kirkuk.yaml @ {short} (2008-12-10)"
    assert stamp in (repo / "output" / "kirkuk.md").read_text(encoding="utf-8")
    assert "".join(stamp.split()) in pdf_text(repo / "output" / "kirkuk.pdf")
    metadata = PdfReader(repo / "output" / "kirkuk.pdf").metadata
    assert metadata is not None and metadata["/CreationDate"] == "D:20081210100000+00'00"


def test_source_date_epoch_overrides_the_commit_date(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1230000000")  # 2008-12-23T02:40:00Z
    build(repo)
    metadata = PdfReader(repo / "output" / "kirkuk.pdf").metadata
    assert metadata is not None and metadata["/CreationDate"] == "D:20081223024000+00'00"


def test_uncommitted_edits_are_stamped_prominently(repo: Path) -> None:
    memo = repo / "options" / "kirkuk.yaml"
    memo.write_text(memo.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    build(repo)
    markdown = (repo / "output" / "kirkuk.md").read_text(encoding="utf-8")
    assert markdown.startswith(
        "**UNCLASSIFIED//FOR OFFICIAL USE ONLY**\n\n> **UNCOMMITTED CHANGES**"
    )
    assert "UNCOMMITTEDCHANGES" in pdf_text(repo / "output" / "kirkuk.pdf")


def test_outside_git_the_memo_says_so(tmp_path: Path) -> None:
    (tmp_path / "options").mkdir()
    shutil.copy(FULL, tmp_path / "options" / "full.yaml")
    build(tmp_path)
    assert "not under version control" in (tmp_path / "output" / "full-example.md").read_text(
        encoding="utf-8"
    )


def test_diff_names_each_change_with_old_and_new_values(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["diff", "HEAD~1", "HEAD"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1:] == [
        "kirkuk:",
        '  - Option "Back UN mediation [UNAMI]": risk "Talks collapse" likelihood Possible → Likely',
        '  - Turkey: stance on "Back UN mediation [UNAMI]" Strongly support → Oppose',
        '  - Option added: "Press for an early referendum"',
        '  - Recommendation: "Back UN mediation [UNAMI]" → "Wait until after the elections"',
    ]
    as_json = json.loads(CliRunner().invoke(cli, ["diff", "HEAD~1", "--format", "json"]).output)
    assert {"kind": "stance", "old": "Strongly support", "new": "Oppose"}.items() <= as_json[
        1
    ].items()


def test_diff_matches_a_renamed_file_by_id(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git(repo, "mv", "options/kirkuk.yaml", "options/renamed.yaml")
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["diff", "HEAD~1"])
    assert result.exit_code == 0, result.output
    assert "Option added" in result.output and "Option set" not in result.output


def test_render_since_adds_a_changes_section(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(
        cli,
        ["render", "options/kirkuk.yaml", "--since", "HEAD~1", "-j", "1", "--formats", "md,pdf"],
    )
    assert result.exit_code == 0, result.output
    first = git(repo, "rev-parse", "--short", "HEAD~1")
    markdown = (repo / "output" / "kirkuk.md").read_text(encoding="utf-8")
    assert f"## Changes since {first} (2008-12-09)" in markdown
    assert '- Option added: "Press for an early referendum"' in markdown
    assert 'Optionadded:"Pressforanearlyreferendum"' in pdf_text(repo / "output" / "kirkuk.pdf")


def test_a_revision_that_does_not_exist_is_a_plain_error(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["diff", "nonsense"])
    assert result.exit_code == 1
    assert result.output.startswith("no revision 'nonsense' in ")
    assert "Traceback" not in result.output


def test_diff_outside_a_repository_is_a_plain_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "options").mkdir()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["diff", "HEAD"])
    assert result.exit_code == 1
    assert "not inside a git repository" in result.output


@pytest.fixture
def fresh_repo(tmp_path: Path) -> Path:
    """A workspace just after ``git init``: options/kirkuk.yaml, and no commit yet."""
    root = tmp_path / "fresh"
    (root / "options").mkdir(parents=True)
    (root / "options" / "kirkuk.yaml").write_text(
        FULL.read_text(encoding="utf-8").replace("id: full-example", "id: kirkuk"), encoding="utf-8"
    )
    git(root, "init", "-q")
    git(root, "config", "user.name", "A")
    git(root, "config", "user.email", "a@example.org")
    return root


def test_a_repository_without_commits_renders_as_not_committed_yet(
    fresh_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(fresh_repo)
    result = CliRunner().invoke(
        cli, ["render", "options/kirkuk.yaml", "-j", "1", "--formats", "md,pdf"]
    )
    assert result.exit_code == 0, result.output
    markdown = (fresh_repo / "output" / "kirkuk.md").read_text(encoding="utf-8")
    assert markdown.startswith(
        "**UNCLASSIFIED//FOR OFFICIAL USE ONLY**\n\n> **UNCOMMITTED CHANGES** — this memo "
        "matches no commit: options/kirkuk.yaml: not committed yet\n"
    )
    assert "options/kirkuk.yaml:notcommittedyet" in pdf_text(fresh_repo / "output" / "kirkuk.pdf")


def test_build_works_in_a_repository_without_commits(fresh_repo: Path) -> None:
    git(fresh_repo, "add", "options")  # staged is not committed
    build(fresh_repo, "--formats", "md")
    markdown = (fresh_repo / "output" / "kirkuk.md").read_text(encoding="utf-8")
    assert "| **VERSION** | options/kirkuk.yaml: not committed yet |" in markdown


def test_a_file_never_committed_beside_committed_ones_is_not_committed_yet(repo: Path) -> None:
    new = repo / "options" / "kirkuk-copy.yaml"
    text = (repo / "options" / "kirkuk.yaml").read_text(encoding="utf-8")
    new.write_text(text.replace("id: kirkuk", "id: kirkuk-copy"), encoding="utf-8")
    build(repo, "--formats", "md")
    assert "options/kirkuk-copy.yaml: not committed yet" in (
        repo / "output" / "kirkuk-copy.md"
    ).read_text(encoding="utf-8")
    assert "UNCOMMITTED" not in (repo / "output" / "kirkuk.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "command",
    [
        ["render", "options/kirkuk.yaml", "-j", "1", "--formats", "md", "--since", "HEAD"],
        ["diff", "HEAD"],
    ],
    ids=["render-since", "diff"],
)
def test_a_revision_in_a_repository_without_commits_is_a_plain_error(
    fresh_repo: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.chdir(fresh_repo)
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 1
    assert result.output == (
        f"no revision 'HEAD' in {fresh_repo.resolve()}: the repository has no commit yet; "
        "commit the option sets first\n"
    )
    assert not (fresh_repo / "output" / "kirkuk.md").exists()
