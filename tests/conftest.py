"""Shared fixtures: the data folders, a copy of the demo workspace, and golden files."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
DATA = TESTS / "data"
GOLDEN = TESTS / "golden"
REPO = TESTS.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite the golden files from the current output.",
    )


@pytest.fixture
def full_yaml() -> Path:
    """An option set that uses every field of format v1."""
    return DATA / "full.yaml"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A fresh copy of the repository's demo workspace (options/ only)."""
    shutil.copytree(REPO / "options", tmp_path / "options")
    return tmp_path


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with ``tests/golden/<name>``; ``--update-golden`` rewrites it."""
    update = request.config.getoption("--update-golden")

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update:
            path.write_text(actual, encoding="utf-8")
            return
        assert path.exists(), f"no golden file {name}; run pytest --update-golden"
        assert actual == path.read_text(encoding="utf-8"), (
            f"{name} differs from the golden file; if the change is intended, "
            "run pytest --update-golden and review the diff"
        )

    return check
